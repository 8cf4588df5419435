"""One harness per storage backend, so the same contract tests run on every kind of spreadsheet.

A harness creates a town's spreadsheet with given rows and plays "someone else" editing it directly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import openpyxl

from casebook.services import TownSource
from casebook.storage.cells import CellValue
from tests.support.builders import town_workbook, workbook_source

Rows = Sequence[Mapping[str, CellValue]]


class BackendHarness(Protocol):
    name: str

    def create(self, cases: Rows, contacts: Rows = ()) -> TownSource:
        """A new spreadsheet in the app's layout holding these rows."""

    def grid(self, sheet: str) -> list[list[Any]]:
        """All values of a worksheet, row by row, as this backend stores them."""

    def set_cell(self, sheet: str, row: int, column: int, value: Any) -> None:
        """Someone edits a cell directly in the spreadsheet (1-based)."""

    def add_column(self, sheet: str, header: str, values: Mapping[int, Any]) -> None:
        """Someone adds a column of their own after the last one."""

    def swap_rows(self, sheet: str, first: int, second: int) -> None:
        """Someone sorts the sheet: two rows change places."""

    def is_formula(self, sheet: str, row: int, column: int) -> bool:
        """Whether the cell holds a formula rather than a value."""


class XlsxHarness:
    name = "xlsx"

    def __init__(self, folder: Path) -> None:
        self.path = folder / "xanten.xlsx"

    def create(self, cases: Rows, contacts: Rows = ()) -> TownSource:
        town_workbook(self.path, cases, contacts)
        return workbook_source(self.path)

    def grid(self, sheet: str) -> list[list[Any]]:
        ws = openpyxl.load_workbook(self.path)[sheet]
        return [[cell.value for cell in row] for row in ws.iter_rows()]

    def _edit(self, sheet: str, change: Any) -> None:
        workbook = openpyxl.load_workbook(self.path)
        change(workbook[sheet])
        workbook.save(self.path)

    def set_cell(self, sheet: str, row: int, column: int, value: Any) -> None:
        self._edit(sheet, lambda ws: ws.cell(row=row, column=column, value=value))

    def add_column(self, sheet: str, header: str, values: Mapping[int, Any]) -> None:
        def change(ws: Any) -> None:
            column = ws.max_column + 1
            ws.cell(row=1, column=column, value=header)
            for row, value in values.items():
                ws.cell(row=row, column=column, value=value)

        self._edit(sheet, change)

    def swap_rows(self, sheet: str, first: int, second: int) -> None:
        def change(ws: Any) -> None:
            a = [c.value for c in ws[first]]
            b = [c.value for c in ws[second]]
            for column, (x, y) in enumerate(zip(a, b, strict=True), start=1):
                ws.cell(row=first, column=column, value=y)
                ws.cell(row=second, column=column, value=x)

        self._edit(sheet, change)

    def is_formula(self, sheet: str, row: int, column: int) -> bool:
        return (
            openpyxl.load_workbook(self.path)[sheet].cell(row=row, column=column).data_type == "f"
        )
