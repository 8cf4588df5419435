"""The workbook backend: a town's .xlsx file, read with calamine and changed cell by cell."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from casebook.storage.atomic import remove_stale_temp_files, replace_atomically
from casebook.storage.base import (
    SheetTable,
    Snapshot,
    SourceBusy,
    SourceInUse,
    SourceNotFound,
    StorageError,
)
from casebook.storage.cells import CellEdit, CellValue
from casebook.storage.xlsx_patch import patch_workbook
from casebook.storage.xlsx_read import read_tables

CellWriter = Callable[[Path, Path, Sequence[CellEdit]], None]


class MissingWorksheet(StorageError):
    """A transaction needs a worksheet the workbook does not have."""

    def __init__(self, source: str, sheet: str) -> None:
        super().__init__(source, sheet)
        self.source = source
        self.sheet = sheet


def office_lock_files(path: Path) -> list[Path]:
    """Lock files that Excel (~$name.xlsx) and LibreOffice (.~lock.name.xlsx#) keep while editing."""
    candidates = [
        path.with_name(f"~${path.name}"),
        # Excel shortens long names to the last characters; two are dropped for the "~$".
        path.with_name(f"~${path.name[2:]}"),
        path.with_name(f".~lock.{path.name}#"),
    ]
    return [c for c in dict.fromkeys(candidates) if c.exists()]


class _WorkbookTransaction:
    """Collects cell edits against a fresh snapshot; the store writes them in one go."""

    def __init__(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot
        self.edits: list[CellEdit] = []
        self._headers: dict[str, list[str]] = {
            name: list(table.headers) for name, table in snapshot.tables.items()
        }
        self._next_row: dict[str, int] = {}

    @property
    def snapshot(self) -> Snapshot:
        return self._snapshot

    def _table(self, sheet: str) -> SheetTable:
        if sheet not in self._snapshot.tables:
            raise MissingWorksheet(self._snapshot.source, sheet)
        return self._snapshot.tables[sheet]

    def _column(self, sheet: str, header: str) -> int:
        headers = self._headers[sheet]
        if header in headers:
            return headers.index(header) + 1
        # A column the sheet lacks is added after the last header, never over someone's column.
        while headers and not headers[-1]:
            headers.pop()
        headers.append(header)
        column = len(headers)
        self.edits.append(CellEdit(sheet, self._table(sheet).header_row, column, header))
        return column

    def set_cells(self, sheet: str, row_number: int, cells: Mapping[str, CellValue]) -> None:
        self._table(sheet)
        for header, value in cells.items():
            self.edits.append(CellEdit(sheet, row_number, self._column(sheet, header), value))

    def append_row(self, sheet: str, cells: Mapping[str, CellValue]) -> int:
        table = self._table(sheet)
        row_number = self._next_row.get(sheet, table.last_row_number + 1)
        self._next_row[sheet] = row_number + 1
        self.set_cells(sheet, row_number, cells)
        return row_number


class WorkbookStore:
    """A town's workbook on disk. Saves take a file lock, re-read, check, and replace the file atomically."""

    def __init__(
        self,
        path: Path,
        *,
        writer: CellWriter = patch_workbook,
        lock_timeout: float = 15.0,
    ) -> None:
        self.path = path
        self._writer = writer
        self._lock = FileLock(path.with_name(f".~{path.name}.casebook-lock"), timeout=lock_timeout)

    @property
    def label(self) -> str:
        return self.path.name

    def version(self) -> str:
        try:
            stat = self.path.stat()
        except FileNotFoundError as error:
            raise SourceNotFound(str(self.path)) from error
        return f"{stat.st_mtime_ns}:{stat.st_size}:{stat.st_ino}"

    def _snapshot(self, sheets: Collection[str] | None) -> Snapshot:
        version = self.version()
        tables = read_tables(self.path, sheets)
        missing = tuple(s for s in (sheets or ()) if s not in tables)
        return Snapshot(
            source=str(self.path), tables=tables, version=version, missing_sheets=missing
        )

    def load(self) -> Snapshot:
        return self._snapshot(None)

    def _refuse_if_open_elsewhere(self) -> None:
        locks = office_lock_files(self.path)
        if locks:
            raise SourceInUse(str(self.path), locks[0].name)

    @contextmanager
    def transaction(self, sheets: Collection[str]) -> Iterator[_WorkbookTransaction]:
        self._refuse_if_open_elsewhere()
        try:
            self._lock.acquire()
        except Timeout as error:
            raise SourceBusy(str(self.path)) from error
        try:
            # Under the lock no other save is running, so any temp file is a crashed writer's.
            remove_stale_temp_files(self.path)
            transaction = _WorkbookTransaction(self._snapshot(sheets))
            yield transaction
            if transaction.edits:
                # Excel may have opened the file while the user was typing.
                self._refuse_if_open_elsewhere()
                edits = transaction.edits
                replace_atomically(self.path, lambda temp: self._writer(self.path, temp, edits))
        finally:
            self._lock.release()
