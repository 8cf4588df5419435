"""One harness per storage backend, so the same contract tests run on every kind of spreadsheet.

A harness creates a town's spreadsheet with given rows and plays "someone else" editing it directly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

import openpyxl

from casebook.core.sources import TownSource
from casebook.storage.cells import CellValue
from casebook.storage.gsheets.a1 import column_letters, quote_title
from casebook.storage.gsheets.provision import GOOGLE_ONLY_COLUMNS
from casebook.storage.gsheets.retry import RetryPolicy
from casebook.storage.gsheets.store import GoogleSheetStore
from sheets_schema import SHEETS, SheetName, headers
from sheets_schema.enums import Town
from tests.support.builders import town_workbook, workbook_source
from tests.support.sheets_api import SheetsApiServer, SheetSpec, make_gspread_client

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
        def change(ws: Any) -> None:
            # ws.cell(..., value=None) leaves the old value; assigning clears the cell.
            ws.cell(row=row, column=column).value = value

        self._edit(sheet, change)

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


# Tests must not wait for real backoff; faults are exercised in tests/storage/test_gsheets_*.py.
FAST_RETRY = RetryPolicy(budget_seconds=1.0, first_wait=0.01, max_wait=0.05)


def _as_typed(value: CellValue) -> Any:
    """What a person types into a Google Sheet for a cell value (German dates, ja/nein)."""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return value


class GoogleSheetsHarness:
    """A town's Google Sheet on the local Sheets API stand-in, read and edited through it.

    The rows are typed in like a person would (USER_ENTERED in a German spreadsheet), so dates
    become real date cells shown as TT.MM.JJJJ; edits "behind the app's back" are stored as the
    exact text given, as if typed into a text-formatted column.
    """

    name = "gsheets"

    def __init__(self, server: SheetsApiServer) -> None:
        self.server = server
        self.key = ""

    def create(self, cases: Rows, contacts: Rows = ()) -> TownSource:
        rows = {SheetName.CASES: cases, SheetName.CONTACTS: contacts}
        specs = []
        for name in SheetName:
            # As `python -m casebook provision` prepares it, with the Google-only columns.
            columns = [*headers(SHEETS[name].model), *GOOGLE_ONLY_COLUMNS.get(name.value, [])]
            values: list[list[Any]] = [list(columns)]
            for row in rows.get(name, ()):
                values.append([_as_typed(row.get(header)) or "" for header in columns])
            specs.append(SheetSpec(name.value, values, cols=max(26, len(columns))))
        self.key = self.server.create_spreadsheet(specs, title="KIM Xanten")
        store = GoogleSheetStore(
            make_gspread_client(self.server), self.key, label="Xanten (Google)", retry=FAST_RETRY
        )
        return TownSource(town=Town.XANTEN, store=store)

    def grid(self, sheet: str) -> list[list[Any]]:
        return self.server.read_grid(self.key, sheet)

    def _cell(self, sheet: str, row: int, column: int) -> str:
        return f"{quote_title(sheet)}!{column_letters(column)}{row}"

    def set_cell(self, sheet: str, row: int, column: int, value: Any) -> None:
        # In Google Sheets an emptied cell is an empty string.
        cell = "" if value is None else value
        self.server.edit_cells(self.key, self._cell(sheet, row, column), [[cell]], "RAW")

    def add_column(self, sheet: str, header: str, values: Mapping[int, Any]) -> None:
        column = max(len(line) for line in self.grid(sheet)) + 1
        with self.server.state.lock:  # like a person inserting a column at the right edge
            stored = self.server.state.get(self.key).sheet_by_title(sheet)
            assert stored is not None
            stored.resize(cols=max(stored.col_count, column))
        self.set_cell(sheet, 1, column, header)
        for row, value in values.items():
            self.set_cell(sheet, row, column, value)

    def swap_rows(self, sheet: str, first: int, second: int) -> None:
        grid = self.grid(sheet)
        width = max(len(line) for line in grid)

        def padded(row: int) -> list[Any]:
            line = grid[row - 1] if row - 1 < len(grid) else []
            return [*line, *[""] * (width - len(line))]

        a, b = padded(first), padded(second)
        self.server.edit_cells(self.key, f"{quote_title(sheet)}!A{first}", [b], "RAW")
        self.server.edit_cells(self.key, f"{quote_title(sheet)}!A{second}", [a], "RAW")

    def is_formula(self, sheet: str, row: int, column: int) -> bool:
        stored = self.server.spreadsheet(self.key).sheet_by_title(sheet)
        assert stored is not None
        cell = stored.cells.get((row - 1, column - 1))
        return cell is not None and cell.formula is not None
