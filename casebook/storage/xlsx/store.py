"""The workbook backend: a town's .xlsx file, read with calamine and changed cell by cell."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from filelock import FileLock, Timeout

from casebook.storage.atomic import (
    ReadOnlyFile,
    real_path,
    refuse_if_read_only,
    remove_stale_temp_files,
    replace_atomically,
    temp_path_for,
)
from casebook.storage.base import (
    RowHint,
    Snapshot,
    SourceBusy,
    SourceInUse,
    SourceNotFound,
    StorageError,
    UnreadableSource,
)
from casebook.storage.cells import CellEdit, CellValue
from casebook.storage.grid import HeaderLocator, first_row
from casebook.storage.xlsx.delete import CopyWouldRemain, delete_rows_in_workbook
from casebook.storage.xlsx.errors import CellEditError, XlsxPatchError
from casebook.storage.xlsx.follow import followed_snapshot
from casebook.storage.xlsx.patch import patch_workbook
from casebook.storage.xlsx.read import read_outline, read_tables


class CellWriter(Protocol):
    """Writes a copy of a workbook with cells set (patch_workbook, or a stand-in in tests)."""

    def __call__(
        self,
        source: Path,
        target: Path,
        edits: Sequence[CellEdit],
        header_rows: Mapping[str, int] | None = None,
    ) -> None: ...


class MissingWorksheet(StorageError):
    """A transaction needs a worksheet the workbook does not have."""

    def __init__(self, source: str, sheet: str) -> None:
        super().__init__(source, sheet)
        self.source = source
        self.sheet = sheet


class CellNotWritable(StorageError):
    """The workbook refuses a value in one cell (e.g. the cell holds a formula someone typed).

    `header` is the column's heading (the field a user filled in); `cause` the writer's refusal.
    """

    def __init__(
        self,
        source: str,
        sheet: str,
        row: int,
        column: int,
        reason: str,
        header: str = "",
        cause: CellEditError | None = None,
    ) -> None:
        super().__init__(source, sheet, row, column, reason)
        self.source = source
        self.sheet = sheet
        self.row = row
        self.column = column
        self.reason = reason
        self.header = header
        self.cause = cause


def _digest(path: Path) -> str:
    """A hash of the file's bytes (about 10 ms for a 5 MB workbook)."""
    try:
        with path.open("rb") as file:
            return hashlib.file_digest(file, "blake2b").hexdigest()
    except FileNotFoundError as error:
        raise SourceNotFound(str(path)) from error


def office_lock_files(path: Path) -> list[Path]:
    """Lock files that Excel (~$name.xlsx) and LibreOffice (.~lock.name.xlsx#) keep while editing."""
    candidates = [
        path.with_name(f"~${path.name}"),
        # Excel shortens long names to the last characters; two are dropped for the "~$".
        path.with_name(f"~${path.name[2:]}"),
        path.with_name(f".~lock.{path.name}#"),
    ]
    return [c for c in dict.fromkeys(candidates) if c.exists()]


class WorkbookReadOnly(StorageError):
    """The workbook file (or its folder) is read-only; the app does not overwrite it."""

    def __init__(self, source: str, real_file: str) -> None:
        super().__init__(source, real_file)
        self.source = source
        self.real_file = real_file


class DeletionBlocked(StorageError):
    """Rows cannot be deleted without leaving a copy behind (pivot table, chart, comments …)."""

    def __init__(self, source: str, sheet: str, what: str) -> None:
        super().__init__(source, sheet, what)
        self.source = source
        self.sheet = sheet
        self.what = what


class _WorkbookTransaction:
    """Collects cell edits against a fresh snapshot; the store writes them in one go."""

    def __init__(self, snapshot: Snapshot, path: Path, locate: HeaderLocator = first_row) -> None:
        self._snapshot = snapshot
        self._path = path
        self._locate = locate
        self.edits: list[CellEdit] = []
        # The file lock serialises saves, so a new ID can never collide and is never renamed.
        self.renamed_ids: dict[str, str] = {}
        # The workbook is replaced as a whole: its Protokoll entries land with the data or not.
        self.audit_pending: tuple[dict[str, CellValue], ...] = ()
        self.deletions: dict[str, set[int]] = {}
        # After the commit: the version of the file exactly as this transaction wrote it.
        self.committed_version: str | None = None
        self._headers: dict[str, list[str]] = {
            name: list(table.headers) for name, table in snapshot.tables.items()
        }
        self._header_row: dict[str, int] = {
            name: table.header_row for name, table in snapshot.tables.items()
        }
        self._next_row: dict[str, int] = {
            name: table.last_row_number + 1 for name, table in snapshot.tables.items()
        }

    def _outline(self, sheet: str) -> None:
        # Appending to a sheet that was not read (the Protokoll on an edit) needs only its
        # headers and last row, which is much cheaper than reading all its rows.
        if sheet in self._headers:
            return
        outline = read_outline(self._path, sheet, self._locate)
        if outline is None:
            raise MissingWorksheet(self._snapshot.source, sheet)
        self._headers[sheet] = list(outline.headers)
        self._header_row[sheet] = outline.header_row
        self._next_row[sheet] = outline.last_row_number + 1

    @property
    def snapshot(self) -> Snapshot:
        return self._snapshot

    @property
    def header_rows(self) -> dict[str, int]:
        return dict(self._header_row)

    def _column(self, sheet: str, header: str) -> int:
        headers = self._headers[sheet]
        if header in headers:
            return headers.index(header) + 1
        # A column the sheet lacks is added after the last column read, never over someone's
        # column: a column without a header is read only when it holds data (notes of the town).
        headers.append(header)
        column = len(headers)
        self.edits.append(CellEdit(sheet, self._header_row[sheet], column, header))
        return column

    def set_cells(self, sheet: str, row_number: int, cells: Mapping[str, CellValue]) -> None:
        self._outline(sheet)
        for header, value in cells.items():
            self.edits.append(CellEdit(sheet, row_number, self._column(sheet, header), value))

    def append_row(self, sheet: str, cells: Mapping[str, CellValue]) -> int:
        self._outline(sheet)
        row_number = self._next_row[sheet]
        self._next_row[sheet] = row_number + 1
        self.set_cells(sheet, row_number, cells)
        return row_number

    def header_at(self, sheet: str, column: int) -> str:
        """The heading of a column (1-based), or "" when the column has none."""
        headers = self._headers.get(sheet, [])
        return str(headers[column - 1] or "") if 1 <= column <= len(headers) else ""

    def delete_rows(self, sheet: str, row_numbers: Collection[int]) -> None:
        # Applied after all cell edits, so every row number refers to the snapshot.
        self._outline(sheet)
        self.deletions.setdefault(sheet, set()).update(row_numbers)


def _version_of(path: Path) -> str:
    stat = path.stat()
    return f"{stat.st_mtime_ns}:{stat.st_size}:{stat.st_ino}"


class WorkbookStore:
    """A town's workbook on disk. Saves take a file lock, re-read, check, and replace the file atomically."""

    def __init__(
        self,
        path: Path,
        *,
        writer: CellWriter = patch_workbook,
        lock_timeout: float = 15.0,
        header_locator: HeaderLocator = first_row,
    ) -> None:
        self.path = path
        self._writer = writer
        # Which row holds the headers of each worksheet: row 1 in the app's own workbooks;
        # a town's existing workbook may have title rows above them.
        self._locate = header_locator
        self._last_load: Snapshot | None = None
        self._last_digest = ""
        self._lock_timeout = lock_timeout
        self._lock = self._lock_for(real_path(path))
        self.reads = 0  # how often worksheets were read from the file (for tests and benchmarks)

    def _lock_for(self, real: Path) -> FileLock:
        # Lock, temporary files and the rename live next to the real file, so that two links
        # to one workbook share one lock and the link itself stays a link.
        return FileLock(real.with_name(f".~{real.name}.casebook-lock"), timeout=self._lock_timeout)

    @property
    def label(self) -> str:
        return self.path.name

    def version(self) -> str:
        try:
            return _version_of(self.path)
        except FileNotFoundError as error:
            raise SourceNotFound(str(self.path)) from error

    def _snapshot(self, sheets: Collection[str] | None) -> Snapshot:
        # The version is taken before reading: if the file changes during the read, the next
        # call sees a newer version and reads again.
        version = self.version()
        digest = _digest(self.path)
        cached = self._last_load
        if cached is not None and cached.version == version and self._last_digest == digest:
            # The file is byte for byte the one last read, so reading it again would give the
            # same rows. (mtime alone is not enough: network drives round it to seconds.)
            return cached
        tables = read_tables(self.path, sheets, self._locate)
        self.reads += 1
        missing = tuple(s for s in (sheets or ()) if s not in tables)
        snapshot = Snapshot(
            source=str(self.path), tables=tables, version=version, missing_sheets=missing
        )
        if sheets is None:
            self._last_load, self._last_digest = snapshot, digest
        return snapshot

    def load(self) -> Snapshot:
        """All worksheets; the last full read is reused while the file is unchanged."""
        return self._snapshot(None)

    def _write(
        self,
        target: Path,
        edits: Sequence[CellEdit],
        deletions: Mapping[str, set[int]],
        header_rows: Mapping[str, int],
    ) -> None:
        if not deletions:
            self._writer(self.path, target, edits, header_rows)
            return
        if not edits:
            delete_rows_in_workbook(self.path, target, deletions)
            return
        # Cell edits use the row numbers before the deletion, so they go first.
        edited = temp_path_for(real_path(self.path))
        try:
            self._writer(self.path, edited, edits, header_rows)
            delete_rows_in_workbook(edited, target, deletions)
        finally:
            edited.unlink(missing_ok=True)

    def _follow_own_write(
        self, transaction: _WorkbookTransaction, version: str, digest: str
    ) -> None:
        """Keep the last full read in step with our own write, so the next save skips a read."""
        followed = None
        if transaction.snapshot is self._last_load and not transaction.deletions:
            followed = followed_snapshot(transaction.snapshot, transaction.edits, version)
        # A read that can no longer be reused is dropped rather than kept beside the new one.
        self._last_load, self._last_digest = followed, digest if followed is not None else ""

    def _refuse_if_open_elsewhere(self) -> None:
        # Excel puts its lock file next to the name it opened: the link's or the real file's.
        real = real_path(self.path)
        locks = office_lock_files(self.path) + (
            office_lock_files(real) if real != self.path else []
        )
        if locks:
            raise SourceInUse(str(self.path), locks[0].name)

    def _refuse_if_read_only(self) -> None:
        try:
            refuse_if_read_only(self.path)
        except ReadOnlyFile as error:
            raise WorkbookReadOnly(str(self.path), str(error.path)) from error

    @contextmanager
    def transaction(
        self,
        sheets: Collection[str],
        hint: RowHint | None = None,
        columns: Mapping[str, Collection[str]] | None = None,
    ) -> Iterator[_WorkbookTransaction]:
        # Hint and columns are not needed: reading the workbook costs the same without them.
        self._refuse_if_open_elsewhere()
        self._refuse_if_read_only()
        real = real_path(self.path)
        if Path(self._lock.lock_file) != real.with_name(f".~{real.name}.casebook-lock"):
            self._lock = self._lock_for(real)  # the link now points elsewhere
        lock = self._lock
        try:
            lock.acquire()
        except Timeout as error:
            raise SourceBusy(str(self.path)) from error
        except PermissionError as error:
            # Not even a lock file may be created next to it: the folder is read-only.
            raise WorkbookReadOnly(str(self.path), str(real)) from error
        try:
            # Under the lock no other save is running, so any temp file is a crashed writer's.
            remove_stale_temp_files(real)
            transaction = _WorkbookTransaction(self._snapshot(sheets), self.path, self._locate)
            yield transaction
            if transaction.edits or transaction.deletions:
                # Excel may have opened the file while the user was typing.
                self._refuse_if_open_elsewhere()
                edits, deletions = transaction.edits, transaction.deletions
                header_rows = transaction.header_rows
                written: list[tuple[str, str]] = []

                def write(temp: Path) -> None:
                    self._write(temp, edits, deletions, header_rows)
                    # The rename keeps mtime, size and inode, so this is the version the file
                    # has after the commit, whoever changes it a moment later.
                    written.append((_version_of(temp), _digest(temp)))

                try:
                    replace_atomically(self.path, write)
                except ReadOnlyFile as error:
                    raise WorkbookReadOnly(str(self.path), str(error.path)) from error
                except CopyWouldRemain as error:
                    raise DeletionBlocked(str(self.path), error.sheet, error.what) from error
                except CellEditError as error:
                    raise CellNotWritable(
                        str(self.path),
                        error.sheet,
                        error.row,
                        error.column,
                        str(error),
                        transaction.header_at(error.sheet, error.column),
                        error,
                    ) from error
                except XlsxPatchError as error:
                    raise UnreadableSource(str(self.path), str(error)) from error
                version, digest = written[-1]
                transaction.committed_version = version
                self._follow_own_write(transaction, version, digest)
        finally:
            lock.release()
