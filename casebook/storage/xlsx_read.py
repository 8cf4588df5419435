"""Fast reading of a workbook's worksheets with python-calamine, all requested sheets in one pass."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

from casebook.storage.base import SheetRow, SheetTable, UnreadableSource
from casebook.storage.cells import CellValue

HEADER_ROW = 1


def _cell(value: object) -> CellValue:
    # calamine gives floats for every number; whole numbers become int so that a Haushaltsgröße
    # of 3 reads as 3, not 3.0.
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value  # type: ignore[return-value]  # str, bool, date, datetime as calamine returns them


def _headers(first_row: Sequence[object]) -> tuple[str, ...]:
    return tuple("" if v is None else str(v).strip() for v in first_row)


def _table(name: str, grid: Sequence[Sequence[object]]) -> SheetTable:
    if len(grid) < HEADER_ROW:
        return SheetTable(name=name, headers=(), rows=(), header_row=HEADER_ROW)
    headers = _headers(grid[HEADER_ROW - 1])
    # The first of two equally named columns wins; an unnamed column is not the app's.
    columns = [(i, h) for i, h in enumerate(headers) if h and h not in headers[:i]]
    rows = []
    for index in range(HEADER_ROW, len(grid)):
        raw = grid[index]
        width = len(raw)
        cells = {h: _cell(raw[i]) for i, h in columns if i < width and raw[i] != ""}
        if cells:
            rows.append(SheetRow(number=index + 1, cells=cells))
    return SheetTable(name=name, headers=headers, rows=tuple(rows), header_row=HEADER_ROW)


@dataclass(frozen=True)
class SheetOutline:
    """What appending to a sheet needs, without reading its rows: headers and the last used row."""

    headers: tuple[str, ...]
    last_row_number: int


def read_outline(path: Path, sheet: str) -> SheetOutline | None:
    """Headers and last used row of one worksheet (None if it does not exist), cheaper than a full read."""
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        try:
            if sheet not in workbook.sheet_names:
                return None
            data = workbook.get_sheet_by_name(sheet)
            first = data.to_python(skip_empty_area=False, nrows=HEADER_ROW)
            headers = _headers(first[HEADER_ROW - 1]) if len(first) >= HEADER_ROW else ()
            end = data.end
            last = end[0] + 1 if end is not None and data.height else HEADER_ROW
            return SheetOutline(headers=headers, last_row_number=max(last, HEADER_ROW))
        finally:
            workbook.close()
    except CalamineError as error:
        raise UnreadableSource(str(path), str(error)) from error


def read_tables(path: Path, sheets: Collection[str] | None = None) -> dict[str, SheetTable]:
    """The named worksheets (all when `sheets` is None) that exist in the workbook."""
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        try:
            names = [n for n in workbook.sheet_names if sheets is None or n in sheets]
            return {
                name: _table(
                    name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
                )
                for name in names
            }
        finally:
            workbook.close()
    except CalamineError as error:
        raise UnreadableSource(str(path), str(error)) from error
