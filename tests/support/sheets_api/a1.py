"""A1 notation: parse range strings, clamp them to a sheet's grid and format them like Sheets."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass

_SIMPLE_TITLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CELL_LIKE_TITLE = re.compile(r"[A-Za-z]{1,3}[0-9]+|[Rr][0-9]*[Cc][0-9]*")
_REF = re.compile(r"([A-Za-z]{0,3})([0-9]{0,7})")


class RangeSyntaxError(ValueError):
    """The text is not a range in A1 notation."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text


def column_letters(index: int) -> str:
    """Zero-based column index to letters (0 -> A, 26 -> AA)."""
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def column_index(letters: str) -> int:
    """Column letters to a zero-based index (A -> 0)."""
    number = 0
    for char in letters.upper():
        number = number * 26 + (ord(char) - ord("A") + 1)
    return number - 1


def quote_title(title: str) -> str:
    """Quote a sheet title only when Sheets does: not a plain identifier, or it looks like a cell."""
    if _SIMPLE_TITLE.fullmatch(title) and not _CELL_LIKE_TITLE.fullmatch(title):
        return title
    return "'" + title.replace("'", "''") + "'"


@dataclass(frozen=True)
class CellSpan:
    """The cell part of a range; None means unbounded in that direction (zero-based, end exclusive)."""

    start_row: int | None
    end_row: int | None
    start_col: int | None
    end_col: int | None


@dataclass(frozen=True)
class ParsedRange:
    """A range as written: an optional sheet title and an optional cell part."""

    sheet_title: str | None
    cells: CellSpan | None
    text: str


@dataclass(frozen=True)
class GridRange:
    """A bounded rectangle on one sheet, zero-based, end exclusive."""

    sheet_title: str
    start_row: int
    end_row: int
    start_col: int
    end_col: int

    @property
    def rows(self) -> int:
        return self.end_row - self.start_row

    @property
    def cols(self) -> int:
        return self.end_col - self.start_col

    def a1(self) -> str:
        start = f"{column_letters(self.start_col)}{self.start_row + 1}"
        end = f"{column_letters(self.end_col - 1)}{self.end_row}"
        cells = start if start == end else f"{start}:{end}"
        return f"{quote_title(self.sheet_title)}!{cells}"


def _split_sheet(text: str) -> tuple[str | None, str | None]:
    """Split 'Sheet'!A1 into title and cell part; an unquoted text without '!' is ambiguous."""
    if text.startswith("'"):
        title_chars: list[str] = []
        position = 1
        while position < len(text):
            char = text[position]
            if char == "'":
                if text[position + 1 : position + 2] == "'":
                    title_chars.append("'")
                    position += 2
                    continue
                rest = text[position + 1 :]
                if rest == "":
                    return "".join(title_chars), None
                if rest.startswith("!"):
                    return "".join(title_chars), rest[1:]
                raise RangeSyntaxError(text)
            title_chars.append(char)
            position += 1
        raise RangeSyntaxError(text)
    if "!" in text:
        title, _, cells = text.rpartition("!")
        return title, cells
    return None, text


def _parse_ref(ref: str) -> tuple[int | None, int | None]:
    match = _REF.fullmatch(ref)
    if not match or not (match.group(1) or match.group(2)):
        raise ValueError(ref)
    letters, digits = match.groups()
    if digits and int(digits) == 0:
        raise ValueError(ref)
    col = column_index(letters) if letters else None
    row = int(digits) - 1 if digits else None
    return row, col


def parse_cells(text: str) -> CellSpan:
    """Parse the cell part of a range: A1, A1:B2, A:C, 2:5, A1:C (open end), D4:A1 (reversed)."""
    parts = text.split(":")
    if len(parts) == 1:
        row, col = _parse_ref(parts[0])
        if row is None or col is None:
            raise ValueError(text)
        return CellSpan(row, row + 1, col, col + 1)
    if len(parts) != 2:
        raise ValueError(text)
    (row1, col1), (row2, col2) = _parse_ref(parts[0]), _parse_ref(parts[1])
    if (col1 is None) != (col2 is None) and row1 is None:
        raise ValueError(text)
    rows = sorted(r for r in (row1, row2) if r is not None)
    cols = sorted(c for c in (col1, col2) if c is not None)
    start_row = rows[0] if rows else None
    end_row = rows[-1] + 1 if len(rows) == 2 else None
    start_col = cols[0] if cols else None
    end_col = cols[-1] + 1 if len(cols) == 2 else None
    return CellSpan(start_row, end_row, start_col, end_col)


def parse_range(text: str) -> list[ParsedRange]:
    """All readings of a range text, most specific first (a bare word may be a title or cells)."""
    title, cells = _split_sheet(text)
    if title is not None:
        span = parse_cells(cells) if cells is not None else None
        return [ParsedRange(title, span, text)]
    readings = [ParsedRange(text, None, text)]
    with contextlib.suppress(ValueError):
        readings.insert(0, ParsedRange(None, parse_cells(text), text))
    return readings


def clamp(title: str, span: CellSpan | None, row_count: int, col_count: int) -> GridRange:
    """Turn an open span into a bounded rectangle using the sheet's grid size."""
    if span is None:
        return GridRange(title, 0, row_count, 0, col_count)
    return GridRange(
        title,
        span.start_row or 0,
        span.end_row if span.end_row is not None else row_count,
        span.start_col or 0,
        span.end_col if span.end_col is not None else col_count,
    )
