"""Fast reading of a workbook's worksheets with python-calamine, all requested sheets in one pass."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

from casebook.core.gc_pause import collector_paused
from casebook.storage.base import SheetTable, SourceNotFound, UnreadableSource
from casebook.storage.grid import (
    SCAN_ROWS,
    HeaderLocator,
    MergedRange,
    first_row,
    header_cells,
    header_row_of,
    header_texts,
    table_from_grid,
)
from casebook.storage.xlsx.errors import XlsxPatchError
from casebook.storage.xlsx.extent import check_extents

HEADER_ROW = 1  # the app's own layout; other workbooks name theirs through a HeaderLocator


@dataclass(frozen=True)
class SheetOutline:
    """What appending to a sheet needs, without reading its rows: headers and the last used row."""

    headers: tuple[str, ...]
    last_row_number: int
    header_row: int = HEADER_ROW


def _measure(path: Path, sheets: Collection[str] | None) -> dict[str, tuple[MergedRange, ...]]:
    """Merged cells by sheet; raises SheetTooLarge before calamine would allocate too much."""
    try:
        extents = check_extents(path, sheets)
    except XlsxPatchError:
        # Not a package the checker understands (.xls, .ods …): calamine reads it or says why.
        return {}
    except FileNotFoundError as error:
        raise SourceNotFound(str(path)) from error
    except OSError as error:
        raise UnreadableSource(str(path), str(error)) from error
    return {
        name: tuple((b.first_row, b.first_column, b.last_row, b.last_column) for b in e.merged)
        for name, e in extents.items()
    }


def read_outline(path: Path, sheet: str, locate: HeaderLocator = first_row) -> SheetOutline | None:
    """Headers and last used row of one worksheet (None if it does not exist), cheaper than a full read."""
    merged = _measure(path, [sheet]).get(sheet, ())
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        try:
            if sheet not in workbook.sheet_names:
                return None
            data = workbook.get_sheet_by_name(sheet)
            top = data.to_python(skip_empty_area=False, nrows=SCAN_ROWS)
            header_row = header_row_of(sheet, top, locate)
            headers = header_texts(header_cells(top, header_row, merged))
            end = data.end
            last = end[0] + 1 if end is not None and data.height else header_row
            return SheetOutline(
                headers=headers, last_row_number=max(last, header_row), header_row=header_row
            )
        finally:
            workbook.close()
    except CalamineError as error:
        raise UnreadableSource(str(path), str(error)) from error


def read_tables(
    path: Path, sheets: Collection[str] | None = None, locate: HeaderLocator = first_row
) -> dict[str, SheetTable]:
    """The named worksheets (all when `sheets` is None) that exist in the workbook."""
    merged = _measure(path, sheets)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        try:
            names = [n for n in workbook.sheet_names if sheets is None or n in sheets]
            with collector_paused():  # a grid is a list per row: no cycles to look for
                return {
                    name: table_from_grid(
                        name,
                        workbook.get_sheet_by_name(name).to_python(skip_empty_area=False),
                        locate,
                        merged.get(name, ()),
                    )
                    for name in names
                }
        finally:
            workbook.close()
    except CalamineError as error:
        raise UnreadableSource(str(path), str(error)) from error
