"""Reusable lenient cell types: dates, yes/no, list values, numbers and text as people type them."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from pydantic import BeforeValidator, PlainSerializer
from pydantic_core import PydanticCustomError

from sheets_schema.messages import MESSAGES, missing_day_reason
from sheets_schema.problems import ProblemCode

E = TypeVar("E", bound=StrEnum)

# Excel's day zero; serial 60 is the non-existent 29.02.1900, which no case date is near.
_EXCEL_EPOCH = date(1899, 12, 30)
# A date outside these years is a slip (01.02.0223, a stray 5 in a date cell), never a case date.
_FIRST_PLAUSIBLE = date(1901, 1, 1)
_LAST_PLAUSIBLE = date(2099, 12, 31)
_MAX_SERIAL_DAYS = 2958465  # 31.12.9999, beyond which timedelta overflows
# Two-digit years: up to this many years ahead of today count as 20xx, the rest as 19xx.
_TWO_DIGIT_YEAR_WINDOW = 10
EXCEL_TEXT_LIMIT = 32767

_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
# Characters no spreadsheet keeps: XML 1.0 control characters, U+FFFE/U+FFFF and lone UTF-16
# surrogates (a broken copy from another program; they cannot even be encoded as UTF-8).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _error(code: ProblemCode, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(code, MESSAGES[code], context)


def is_blank(value: object) -> bool:
    """True for what counts as an empty cell: None or only white space."""
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: object) -> str:
    """A cell as the text a person sees: whole numbers without ".0", dates as TT.MM.JJJJ."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        if value.time() == datetime.min.time():
            return value.strftime("%d.%m.%Y")
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def _expand_year(two_digits: int, today: date) -> int:
    year = 2000 + two_digits
    return year if year <= today.year + _TWO_DIGIT_YEAR_WINDOW else year - 100


def parse_german_date(value: object) -> date | None:
    """Read a date as sheets hold it: real dates, serials, 31.12.2024, 31.12.24, 2024-12-31."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise _error(ProblemCode.GERMAN_DATE, found=cell_text(value))
    if isinstance(value, int | float):
        # Below serial 1 lies no date a sheet holds (and far below it, no date Python has).
        if float(value).is_integer() and 0 < value < _MAX_SERIAL_DAYS:
            serial = _plausible(_EXCEL_EPOCH + timedelta(days=int(value)), cell_text(value))
            if serial is not None:
                return serial
        raise _error(ProblemCode.GERMAN_DATE, found=cell_text(value))
    text = str(value).strip()
    return _plausible(_parse_date_text(text), text) or _fail(text)


def _plausible(day: date | None, found: str) -> date | None:
    if day is not None and not _FIRST_PLAUSIBLE <= day <= _LAST_PLAUSIBLE:
        raise _error(ProblemCode.GERMAN_DATE, found=found)
    return day


def _fail(text: str) -> date:
    raise _error(ProblemCode.GERMAN_DATE, found=text)


def _existing_date(year: int, month: int, day: int, found: str) -> date | None:
    """The date, or a "does not exist" error for 31.02.2024; None for a year no case has."""
    if not _FIRST_PLAUSIBLE.year <= year <= _LAST_PLAUSIBLE.year:
        return None  # 31.02.0223 is a slip in the year, reported as unreadable
    days = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
    if 1 <= month <= 12 and 1 <= day <= days:
        return date(year, month, day)
    reason = missing_day_reason(day, month, year, days)
    raise _error(ProblemCode.DATE_NOT_EXISTING, found=found, reason=reason)


def _parse_date_text(text: str) -> date | None:
    if m := _DOTTED.match(text):
        day, month, year_text = int(m[1]), int(m[2]), m[3]
        year = int(year_text)
        if len(year_text) == 2:
            year = _expand_year(year, date.today())
        return _existing_date(year, month, day, text)
    if m := _ISO.match(text):
        return _existing_date(int(m[1]), int(m[2]), int(m[3]), text)
    if m := _SLASHED.match(text):
        first, second = int(m[1]), int(m[2])
        # 03/07/1985 is read the German way (day first) only when it cannot be a US date.
        if first <= 12 and second <= 12 and first != second:
            raise _error(ProblemCode.DATE_AMBIGUOUS, found=text)
        if second <= 12:
            return _existing_date(int(m[3]), second, first, text)
        return _existing_date(int(m[3]), first, second, text)
    return None


def parse_yes_no(value: object) -> bool | None:
    """ja/nein as people type it (ja, j, x, 1 / nein, n, 0); empty is unknown."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    text = cell_text(value).strip().casefold()
    if text in {"ja", "j", "x", "1", "yes", "y", "true", "wahr"}:
        return True
    if text in {"nein", "n", "0", "no", "false", "falsch", "-"}:
        return False
    raise _error(ProblemCode.YES_NO, found=cell_text(value))


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def enum_parser(enum: type[E]) -> Callable[[object], E | None]:
    """A lenient list-column reader: odd case and spaces are forgiven, unknown values are not."""
    lookup = {_fold(member.value): member for member in enum}
    allowed = ", ".join(f"„{member.value}“" for member in enum)

    def parse(value: object) -> E | None:
        if is_blank(value):
            return None
        if isinstance(value, enum):
            return value
        text = cell_text(value)
        member = lookup.get(_fold(text))
        if member is None:
            raise _error(ProblemCode.LIST_VALUE, found=text.strip(), allowed=allowed)
        return member

    return parse


def _split_list(value: object) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(item).strip() for item in value if not is_blank(item)]
    return [part.strip() for part in re.split(r"[;\n]", cell_text(value)) if part.strip()]


def enum_list_parser(enum: type[E]) -> Callable[[object], list[E]]:
    """Several list values in one cell, separated by ";" or line breaks."""
    parse_one = enum_parser(enum)

    def parse(value: object) -> list[E]:
        result: list[E] = []
        for part in _split_list(value):
            member = parse_one(part)
            if member is not None and member not in result:
                result.append(member)
        return result

    return parse


def unstorable_character(value: object) -> str | None:
    """„U+0000“ for the first character of a text that no spreadsheet keeps, else None."""
    found = _CONTROL.search(value) if isinstance(value, str) else None
    return f"U+{ord(found.group()):04X}" if found else None


def _refuse_control(text: str) -> None:
    character = unstorable_character(text)
    if character:
        raise _error(ProblemCode.TEXT_INVALID, character=character)


def parse_text_list(value: object) -> list[str]:
    """Free values separated by ";" (e.g. several nationalities)."""
    if isinstance(value, str):
        _refuse_control(value)
    parts = _split_list(value)
    for part in parts:
        _refuse_control(part)
    return parts


def parse_text(value: object) -> str | None:
    """Text as typed; numbers that Excel stored for digits come back without ".0"."""
    if is_blank(value):
        return None
    text = cell_text(value)
    if len(text) > EXCEL_TEXT_LIMIT:
        raise _error(ProblemCode.TEXT_TOO_LONG, length=len(text), limit=EXCEL_TEXT_LIMIT)
    _refuse_control(text)
    return text.strip()


def parse_whole_number(value: object) -> int | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise _error(ProblemCode.WHOLE_NUMBER, found=cell_text(value))
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = cell_text(value).strip()
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    raise _error(ProblemCode.WHOLE_NUMBER, found=text)


def parse_postcode(value: object) -> str | None:
    if is_blank(value):
        return None
    text = cell_text(value).strip()
    if not re.fullmatch(r"\d{5}", text):
        raise _error(ProblemCode.POSTCODE, found=text)
    return text


def _join(values: list[Any]) -> str | None:
    return "; ".join(str(v) for v in values) or None


def _yes_no_text(value: bool | None) -> str | None:
    return None if value is None else ("ja" if value else "nein")


# The reusable field types. Serializers give the cell value a backend writes.
GermanDate = Annotated[date | None, BeforeValidator(parse_german_date)]
YesNo = Annotated[
    bool | None,
    BeforeValidator(parse_yes_no),
    PlainSerializer(_yes_no_text, return_type=str | None),
]
Text = Annotated[str | None, BeforeValidator(parse_text)]
LongText = Annotated[str | None, BeforeValidator(parse_text)]
WholeNumber = Annotated[int | None, BeforeValidator(parse_whole_number)]
Postcode = Annotated[str | None, BeforeValidator(parse_postcode)]
TextList = Annotated[
    list[str], BeforeValidator(parse_text_list), PlainSerializer(_join, return_type=str | None)
]


def one_of(enum: type[E]) -> BeforeValidator:
    """Metadata for a list column: one value of `enum`."""
    return BeforeValidator(enum_parser(enum))


def some_of(enum: type[E]) -> tuple[BeforeValidator, PlainSerializer]:
    """Metadata for a multi-value list column, joined by "; " in the cell."""
    return BeforeValidator(enum_list_parser(enum)), PlainSerializer(_join, return_type=str | None)
