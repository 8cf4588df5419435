"""Turn one cell value into the XML of a `<c>` element, encoded the way Excel encodes it."""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Protocol

from casebook.storage.cells import CellEdit, CellValue
from casebook.storage.xlsx.errors import (
    MAX_TEXT_LENGTH,
    InvalidCellAddress,
    TextTooLong,
    UnencodableText,
    UnrepresentableValue,
)

MAX_ROW = 1_048_576
MAX_COLUMN = 16_384

# Characters XML 1.0 cannot carry, plus CR, which XML parsers turn into LF.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")
# A literal "_" that a reader would take as the start of an _xHHHH_ escape, looking at the text
# as it will be written (a control character there becomes an escape starting with "_").
_ESCAPE_LIKE = re.compile("_(?=x[0-9A-Fa-f]{4}(?:_|[\x00-\x08\x0b-\x1f]))")
_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")
# Neither a literal nor an _xHHHH_ escape brings these back through the readers.
_UNENCODABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")
_XML_SPECIALS = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})

_EPOCH_1900 = date(1899, 12, 30)
_EPOCH_1900_BEFORE_LEAP_BUG = date(1899, 12, 31)
_FIRST_DAY_AFTER_LEAP_BUG = date(1900, 3, 1)
_EPOCH_1904 = date(1904, 1, 1)
_SECONDS_PER_DAY = 86_400


class DateStyles(Protocol):
    """Decides which cellXfs index a date or date-time gets, given the cell's current style."""

    def style_for_date(self, base: int, with_time: bool) -> int: ...


def encode_text(text: str) -> str:
    """Text as it goes between `<t>` and `</t>`: _xHHHH_ escapes, then XML escapes."""
    escaped = _ESCAPE_LIKE.sub("_x005F_", text)
    escaped = _CONTROL.sub(lambda match: f"_x{ord(match.group()):04X}_", escaped)
    return escaped.translate(_XML_SPECIALS)


def decode_text(raw: str) -> str:
    """Undo _xHHHH_ escapes the way Excel and calamine do (openpyxl leaves them in cell text)."""

    def replace(match: re.Match[str]) -> str:
        character = chr(int(match.group(1), 16))
        return match.group() if _UNENCODABLE.match(character) else character

    return _ESCAPE.sub(replace, raw)


def check_edit(edit: CellEdit, date1904: bool) -> None:
    """Raise the matching error when `edit` cannot be written exactly."""
    if not (1 <= edit.row <= MAX_ROW and 1 <= edit.column <= MAX_COLUMN):
        raise InvalidCellAddress(edit.sheet, edit.row, edit.column)
    value = edit.value
    if isinstance(value, str):
        bad = _UNENCODABLE.search(value)
        if bad:
            raise UnencodableText(edit.sheet, edit.row, edit.column, bad.group())
        # Excel counts UTF-16 code units, so an emoji takes two of the 32,767.
        length = len(value.encode("utf-16-le", "surrogatepass")) // 2
        if length > MAX_TEXT_LENGTH:
            raise TextTooLong(edit.sheet, edit.row, edit.column, length)
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int):
        if abs(value) > 2**53:
            raise UnrepresentableValue(
                edit.sheet, edit.row, edit.column, value, "Excel stores numbers as doubles"
            )
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise UnrepresentableValue(
                edit.sheet, edit.row, edit.column, value, "not a finite number"
            )
    elif isinstance(value, date):
        reason = _date_problem(value, date1904)
        if reason:
            raise UnrepresentableValue(edit.sheet, edit.row, edit.column, value, reason)
    else:
        raise UnrepresentableValue(edit.sheet, edit.row, edit.column, value, "unsupported type")


def _date_problem(value: date, date1904: bool) -> str | None:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return "time zones cannot be stored; pass a naive local date-time"
    day = value.date() if isinstance(value, datetime) else value
    first = _EPOCH_1904 if date1904 else date(1900, 1, 1)
    if day < first:
        return f"Excel cannot store dates before {first.isoformat()}"
    return None


def excel_serial(value: date, date1904: bool) -> float | int:
    """Excel's serial day number, including the 1900 leap-year bug Excel keeps."""
    day = value.date() if isinstance(value, datetime) else value
    if date1904:
        days = (day - _EPOCH_1904).days
    elif day < _FIRST_DAY_AFTER_LEAP_BUG:
        days = (day - _EPOCH_1900_BEFORE_LEAP_BUG).days
    else:
        days = (day - _EPOCH_1900).days
    if not isinstance(value, datetime):
        return days
    seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
    return days + seconds / _SECONDS_PER_DAY


def final_style(style: int, value: CellValue, styles: DateStyles) -> int:
    """The style a cell gets for `value`: its own, unless a date needs a date format."""
    if isinstance(value, date):
        return styles.style_for_date(style, isinstance(value, datetime))
    return style


def render_cell(prefix: str, ref: str, style: int, value: CellValue, date1904: bool) -> str | None:
    """The `<c>` element for `value` with `style`; None when no element is needed at all."""
    style_attr = f' s="{style}"' if style else ""
    head = f'<{prefix}c r="{ref}"{style_attr}'
    if value is None or value == "":
        return f"{head}/>" if style else None
    if isinstance(value, str):
        space = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
        body = f"<{prefix}is><{prefix}t{space}>{encode_text(str(value))}</{prefix}t></{prefix}is>"
        return f'{head} t="inlineStr">{body}</{prefix}c>'
    if isinstance(value, bool):
        return f'{head} t="b"><{prefix}v>{int(value)}</{prefix}v></{prefix}c>'
    # int()/float() first: the repr of an IntEnum member is not a number.
    if isinstance(value, int):
        number: float | int = int(value)
    elif isinstance(value, float):
        number = float(value)
    else:
        number = excel_serial(value, date1904)
    return f"{head}><{prefix}v>{number!r}</{prefix}v></{prefix}c>"
