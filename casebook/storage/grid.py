"""A worksheet's grid of values as a SheetTable, from the header row a locator picks (any backend)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from casebook.storage.base import GridRows, SheetTable
from casebook.storage.columns import grid_columns

# How many rows from the top a header row is looked for in (title rows, notes, empty rows).
SCAN_ROWS = 20

# A merged cell as (first row, first column, last row, last column), 1-based.
MergedRange = tuple[int, int, int, int]

# Given a worksheet's name and its first SCAN_ROWS rows, the 1-based row that holds the headers.
HeaderLocator = Callable[[str, Sequence[Sequence[object]]], int]


def first_row(name: str, rows: Sequence[Sequence[object]]) -> int:
    """The app's own layout: headers in row 1."""
    return 1


def header_texts(row: Sequence[object]) -> tuple[str, ...]:
    """A header row as text; spaces around a header ("Status ") are not part of its name."""
    return tuple("" if v is None else str(v).strip() for v in row)


def header_cells(
    grid: Sequence[Sequence[object]], header_row: int, merged: Sequence[MergedRange] = ()
) -> list[object]:
    """The header row's values; a header cell merged down from a row above counts as its own.

    A two-row header often merges „Kommune“ over both rows: the value sits in the upper row,
    and without it the column would look unnamed and the app would add a second „Kommune“.
    """
    values = list(grid[header_row - 1]) if len(grid) >= header_row else []
    for first_row, first_column, last_row, _ in merged:
        if not first_row < header_row <= last_row or first_row > len(grid):
            continue
        above = grid[first_row - 1]
        if first_column > len(above) or above[first_column - 1] in ("", None):
            continue
        values.extend([None] * (first_column - len(values)))
        if values[first_column - 1] in ("", None):
            values[first_column - 1] = above[first_column - 1]
    return values


def header_row_of(name: str, grid: Sequence[Sequence[object]], locate: HeaderLocator) -> int:
    """The header row a locator picks, kept within the rows that exist."""
    if not grid:
        return 1
    row = locate(name, grid[:SCAN_ROWS])
    return min(max(row, 1), len(grid))


def table_from_grid(
    name: str,
    grid: Sequence[Sequence[object]],
    locate: HeaderLocator = first_row,
    merged: Sequence[MergedRange] = (),
) -> SheetTable:
    """Rows below the header row become data rows; title rows above it and empty rows are skipped.

    The grid is read column by column (`grid_columns`): each row's cells are a view into the
    columns, and the table answers `column` without looking at its rows.
    """
    if not grid:
        return SheetTable(name=name, headers=(), rows=(), header_row=1)
    header_row = header_row_of(name, grid, locate)
    headers = header_texts(header_cells(grid, header_row, merged))
    columns, kept = grid_columns(headers, grid[header_row:])
    first = header_row + 1
    rows = GridRows([first + index for index in kept], columns)
    # The grid ends at the last row holding a value, also one only in a column without a
    # header (a town's note below the cases), which a new row must not be written into.
    table = SheetTable(name, headers, rows, header_row, last_used_row=len(grid))
    return table.with_columns(columns)
