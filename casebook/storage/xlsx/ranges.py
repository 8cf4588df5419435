"""A1 references: column letters, cell ranges, and growing ranges when a row is appended."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CELL = re.compile(r"^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$")
_END_ROW = re.compile(r"^(\$?[A-Za-z]{0,3}\$?)(\d+)$")


@dataclass(frozen=True)
class Box:
    """A rectangle of cells, 1-based and inclusive."""

    first_column: int
    first_row: int
    last_column: int
    last_row: int

    def union(self, other: Box) -> Box:
        return Box(
            min(self.first_column, other.first_column),
            min(self.first_row, other.first_row),
            max(self.last_column, other.last_column),
            max(self.last_row, other.last_row),
        )

    def contains(self, column: int, row: int) -> bool:
        return (
            self.first_column <= column <= self.last_column
            and self.first_row <= row <= self.last_row
        )

    def to_ref(self) -> str:
        first = f"{column_letters(self.first_column)}{self.first_row}"
        last = f"{column_letters(self.last_column)}{self.last_row}"
        return first if first == last else f"{first}:{last}"


def column_letters(column: int) -> str:
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def split_cell_ref(ref: str) -> tuple[int, int] | None:
    """(column, row) of a single-cell reference like "B7" or "$B$7"."""
    match = _CELL.match(ref)
    if not match:
        return None
    return column_number(match.group(2)), int(match.group(4))


def parse_box(ref: str) -> Box | None:
    """The rectangle of "A1" or "A1:C9"; None for whole rows/columns or anything else."""
    first, _, last = ref.partition(":")
    start = split_cell_ref(first)
    end = split_cell_ref(last) if last else start
    if start is None or end is None:
        return None
    return Box(
        min(start[0], end[0]), min(start[1], end[1]), max(start[0], end[0]), max(start[1], end[1])
    )


def grow_range(ref: str, last_row: int, new_last_row: int) -> str:
    """Extend one range ending on `last_row` down to `new_last_row`; others stay as they are."""
    first, colon, last = ref.partition(":")
    if not colon:
        cell = _CELL.match(first)
        if cell and int(cell.group(4)) == last_row:
            return f"{first}:{cell.group(1)}{cell.group(2)}{cell.group(3)}{new_last_row}"
        return ref
    end = _END_ROW.match(last)
    if end and int(end.group(2)) == last_row:
        return f"{first}:{end.group(1)}{new_last_row}"
    return ref


def grow_sqref(sqref: str, last_row: int, new_last_row: int) -> str:
    """`grow_range` over a space-separated list of ranges, keeping the separators."""
    parts = re.split(r"(\s+)", sqref)
    return "".join(
        part if not part or part.isspace() else grow_range(part, last_row, new_last_row)
        for part in parts
    )
