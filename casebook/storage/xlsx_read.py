"""Fast reading of a workbook's worksheets with python-calamine, all requested sheets in one pass."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

from casebook.storage.base import SheetRow, SheetTable, UnreadableSource
from casebook.storage.cells import CellValue

HEADER_ROW = 1


def _cell(value: object) -> CellValue:
    # calamine gives "" for empty cells and floats for every number; whole numbers become int so
    # that a Haushaltsgröße of 3 reads as 3, not 3.0.
    if value == "" or value is None:
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, str | int | float | bool):
        return value
    return value  # type: ignore[return-value]  # date, datetime, time as calamine returns them


def _table(name: str, grid: Sequence[Sequence[object]]) -> SheetTable:
    if len(grid) < HEADER_ROW:
        return SheetTable(name=name, headers=(), rows=(), header_row=HEADER_ROW)
    headers = tuple("" if v is None else str(v).strip() for v in grid[HEADER_ROW - 1])
    rows = []
    for index in range(HEADER_ROW, len(grid)):
        cells: dict[str, CellValue] = {}
        for header, raw in zip(headers, grid[index], strict=False):
            value = _cell(raw)
            # The first of two equally named columns wins; an unnamed column is not the app's.
            if header and value is not None and header not in cells:
                cells[header] = value
        if cells:
            rows.append(SheetRow(number=index + 1, cells=cells))
    return SheetTable(name=name, headers=headers, rows=tuple(rows), header_row=HEADER_ROW)


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
