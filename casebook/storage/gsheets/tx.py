"""A Google Sheet transaction: the fresh read, and the cells and rows to write when it commits."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from casebook.storage.base import Snapshot
from casebook.storage.cells import CellValue
from casebook.storage.grid import HeaderLocator, first_row, header_row_of, header_texts
from casebook.storage.gsheets.api import Grid
from casebook.storage.gsheets.audit import new_save_id
from casebook.storage.gsheets.dates import DateOrder
from casebook.storage.xlsx.store import MissingWorksheet
from sheets_schema import SheetName
from sheets_schema.sheets import SAVE_ID_HEADER


@dataclass(frozen=True)
class PendingRow:
    """A row to append: its cells by header, and the row number promised to the caller."""

    cells: dict[str, CellValue]
    promised_row: int


class GoogleSheetTransaction:
    """Collects changes against the snapshot read when it started; the store sends them on commit.

    `renamed_ids` tells, after the commit, which new IDs had to be changed because another app
    instance created a row with the same ID at the same moment (see docs/decisions.md).
    """

    def __init__(
        self,
        snapshot: Snapshot,
        grids: Mapping[str, Grid],
        locate: HeaderLocator = first_row,
        partial: Collection[str] = (),
        date_order: DateOrder | None = None,
    ) -> None:
        """`grids` holds the worksheets read, and the top rows of sheets only appended to;
        of a `partial` sheet only the top rows and the hinted row were read."""
        self._snapshot = snapshot
        self.partial = frozenset(partial)
        # How the sheet's locale shows dates with slashes (None: not with slashes, e.g. de_DE).
        self.date_order = date_order
        self.grids = dict(grids)
        self.locate = locate
        self.header_rows = {
            name: header_row_of(name, grid.values, locate) for name, grid in grids.items()
        }
        self.headers: dict[str, list[str]] = {
            name: list(header_texts(grid.values[self.header_rows[name] - 1])) if grid.values else []
            for name, grid in grids.items()
        }
        self.cells: dict[tuple[str, int, int], CellValue] = {}
        self.new_headers: dict[tuple[str, int], str] = {}
        self.appends: dict[str, list[PendingRow]] = {}
        self.renamed_ids: dict[str, str] = {}
        self.deletions: dict[str, set[int]] = {}
        # Every Protokoll entry of this save carries its ID (see gsheets_audit.py).
        self.save_id = new_save_id()
        # Entries of earlier saves that could not be written then; they go first.
        self.carried: list[dict[str, CellValue]] = []
        # After the commit: entries that could not be written although the data were.
        self.audit_pending: tuple[dict[str, CellValue], ...] = ()

    @property
    def snapshot(self) -> Snapshot:
        return self._snapshot

    @property
    def has_changes(self) -> bool:
        return bool(self.cells or self.new_headers or self.appends or self.deletions)

    def _known(self, sheet: str) -> None:
        if sheet not in self.headers:
            raise MissingWorksheet(self._snapshot.source, sheet)

    def last_row(self, sheet: str) -> int:
        """The last used row as read (the header row for a sheet of which only that was read)."""
        if sheet in self.partial:
            raise ValueError(f"{sheet} was read only in part: its last row is not known")
        if sheet in self._snapshot.tables:
            return self._snapshot.table(sheet).last_row_number
        return self.header_rows.get(sheet, 1)

    def column(self, sheet: str, header: str) -> int:
        """The 1-based column of a header; a header the sheet lacks is added after the last one."""
        headers = self.headers[sheet]
        if header in headers:
            return headers.index(header) + 1
        # Never over someone's column: trailing unnamed columns are dropped before adding.
        while headers and not headers[-1]:
            headers.pop()
        headers.append(header)
        self.new_headers[(sheet, len(headers))] = header
        return len(headers)

    def set_cells(self, sheet: str, row_number: int, cells: Mapping[str, CellValue]) -> None:
        self._known(sheet)
        for header, value in cells.items():
            self.cells[(sheet, row_number, self.column(sheet, header))] = value

    def append_row(self, sheet: str, cells: Mapping[str, CellValue]) -> int:
        self._known(sheet)
        if sheet == SheetName.AUDIT:
            cells = {**cells, SAVE_ID_HEADER: self.save_id}
        for header in cells:
            self.column(sheet, header)
        pending = self.appends.setdefault(sheet, [])
        # The row it will most likely get; the commit learns the real one from Google's answer.
        promised = self.last_row(sheet) + 1 + len(pending)
        pending.append(PendingRow(dict(cells), promised))
        return promised

    def carry(self, entries: Collection[Mapping[str, CellValue]]) -> None:
        """Protokoll entries an earlier save could not write; sent before this save's own."""
        self._known(SheetName.AUDIT)
        for entry in entries:
            for header in entry:
                self.column(SheetName.AUDIT, header)
            self.carried.append(dict(entry))

    def delete_rows(self, sheet: str, row_numbers: Collection[int]) -> None:
        """Remove whole rows (numbers as in the snapshot), after all other changes are sent.

        Google keeps earlier versions of a spreadsheet in its version history; removing a row
        here does not remove it from there (see docs/google-sheets.md).
        """
        self._known(sheet)
        self.deletions.setdefault(sheet, set()).update(row_numbers)
