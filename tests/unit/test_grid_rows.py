"""A worksheet's grid becomes rows of non-empty cells by header, whatever the backend's grid looks like."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casebook.storage.columns import to_cell
from casebook.storage.grid import table_from_grid

CELL = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "x", "0", "KIM-XAN-2026-0001"]),
    st.booleans(),
    st.integers(-2, 2),
    st.sampled_from([0.0, 3.0, 3.5, -1.0, 2.0**60]),
    st.just(date(2024, 12, 31)),
)
HEADER = st.sampled_from(["Fall-ID", "Status", "", " Status ", "Notiz", "Dauer (Min)"])


def _by_hand(grid: list[list[Any]]) -> list[tuple[int, dict[str, Any]]]:
    """What the app expects: headers trimmed, the first of equal headers wins, no empty cells."""
    headers = ["" if h is None else str(h).strip() for h in grid[0]]
    rows = []
    for number, raw in enumerate(grid[1:], start=2):
        cells: dict[str, Any] = {}
        for index, header in enumerate(headers):
            value = raw[index] if index < len(raw) else None
            first = header and headers.index(header) == index
            if first and value is not None and value != "":
                cells[header] = to_cell(value)
        if cells:
            rows.append((number, cells))
    return rows


@given(
    headers=st.lists(HEADER, min_size=1, max_size=6),
    body=st.lists(st.lists(CELL, max_size=7), max_size=12),
    same_width=st.booleans(),
)
def test_rows_hold_exactly_the_non_empty_cells_under_their_header(
    headers: list[str], body: list[list[Any]], same_width: bool
) -> None:
    if same_width:  # as calamine gives it; Google leaves rows short
        width = max(len(headers), *(len(row) for row in body)) if body else len(headers)
        body = [row + [""] * (width - len(row)) for row in body]
    grid = [list(headers), *body]
    table = table_from_grid("Fälle", grid)
    found = [(row.number, dict(row.cells)) for row in table.rows]
    assert found == _by_hand(grid)
    for _, cells in found:
        for value in cells.values():
            assert not (isinstance(value, float) and value.is_integer() and abs(value) < 2**53)
    assert table.last_used_row == len(grid)
    # Rows are made when looked at: by position, from the end, in slices, equal to a tuple.
    rows = table.rows
    assert [rows[i] for i in range(len(rows))] == list(rows) == list(rows[:])
    assert rows == tuple(rows) and tuple(rows) == rows
    if rows:
        assert rows[-1] == list(rows)[-1] and rows[1:] == tuple(rows)[1:]
    with pytest.raises(IndexError):
        rows[len(rows)]
    # The columns the load validates hold the same values as the rows' cells.
    for header in {h for h in table.headers if h}:
        assert list(table.column(header)) == [cells.get(header) for _, cells in found]
        assert [type(v) for v in table.column(header)] == [
            type(cells.get(header)) for _, cells in found
        ]


def test_whole_numbers_read_as_int_and_short_rows_are_padded() -> None:
    grid = [["Fall-ID", "Haushaltsgröße", "Notiz"], ["KIM-XAN-2026-0001", 3.0], ["", "", ""]]
    table = table_from_grid("Fälle", grid)
    assert [(row.number, dict(row.cells)) for row in table.rows] == [
        (2, {"Fall-ID": "KIM-XAN-2026-0001", "Haushaltsgröße": 3})
    ]
    assert type(table.rows[0].cells["Haushaltsgröße"]) is int
