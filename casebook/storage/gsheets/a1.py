"""A1 notation for the Sheets API: quoted sheet titles, column letters, ranges and their rows."""

from __future__ import annotations

import re

_CELLS = re.compile(r"^([A-Z]*)(\d*)(?::([A-Z]*)(\d*))?$")


def quote_title(title: str) -> str:
    """A sheet title as a range prefix; quoting is always allowed, so titles are always quoted."""
    return "'" + title.replace("'", "''") + "'"


def column_letters(column: int) -> str:
    """1-based column number to letters (1 -> A, 27 -> AA)."""
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def column_number(letters: str) -> int:
    """Column letters to a 1-based number (A -> 1)."""
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - ord("A") + 1
    return number


def sheet_range(title: str) -> str:
    """The whole worksheet."""
    return quote_title(title)


def row_range(title: str, row: int, first_column: int, last_column: int) -> str:
    """Cells of one row from `first_column` to `last_column` (1-based, inclusive)."""
    start = f"{column_letters(first_column)}{row}"
    if last_column == first_column:
        return f"{quote_title(title)}!{start}"
    return f"{quote_title(title)}!{start}:{column_letters(last_column)}{row}"


def _cells_part(range_text: str) -> re.Match[str] | None:
    return _CELLS.match(range_text.rpartition("!")[2])


def first_row(range_text: str) -> int | None:
    """The first row of a range as the API reports it ('Fälle'!A5:AO5 -> 5)."""
    match = _cells_part(range_text)
    return int(match[2]) if match and match[2] else None


def grid_size(range_text: str) -> tuple[int, int] | None:
    """Rows and columns of a whole-sheet range as the API normalises it ('X'!A1:Z1000 -> 1000, 26)."""
    match = _cells_part(range_text)
    if not match or not match[3] or not match[4]:
        return None
    return int(match[4]), column_number(match[3])
