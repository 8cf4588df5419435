"""A Google Sheet transaction: the fresh read, and the cells and rows to write when it commits."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from casebook.storage.base import Snapshot
from casebook.storage.cells import CellValue
from casebook.storage.gsheets_api import Grid
from casebook.storage.xlsx import MissingWorksheet


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

    def __init__(self, snapshot: Snapshot, grids: Mapping[str, Grid]) -> None:
        """`grids` holds the worksheets read, and header rows of sheets only appended to."""
        self._snapshot = snapshot
        self.grids = dict(grids)
        self.headers: dict[str, list[str]] = {
            name: [str(h).strip() for h in (grid.values[0] if grid.values else [])]
            for name, grid in grids.items()
        }
        self.cells: dict[tuple[str, int, int], CellValue] = {}
        self.new_headers: dict[tuple[str, int], str] = {}
        self.appends: dict[str, list[PendingRow]] = {}
        self.renamed_ids: dict[str, str] = {}

    @property
    def snapshot(self) -> Snapshot:
        return self._snapshot

    @property
    def has_changes(self) -> bool:
        return bool(self.cells or self.new_headers or self.appends)

    def _known(self, sheet: str) -> None:
        if sheet not in self.headers:
            raise MissingWorksheet(self._snapshot.source, sheet)

    def last_row(self, sheet: str) -> int:
        """The last used row as read (the header row for a sheet of which only that was read)."""
        return self._snapshot.table(sheet).last_row_number if sheet in self._snapshot.tables else 1

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
        for header in cells:
            self.column(sheet, header)
        pending = self.appends.setdefault(sheet, [])
        # The row it will most likely get; the commit learns the real one from Google's answer.
        promised = self.last_row(sheet) + 1 + len(pending)
        pending.append(PendingRow(dict(cells), promised))
        return promised
