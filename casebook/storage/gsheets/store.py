"""The Google Sheets backend: a town's spreadsheet read in one request, changed cell by cell."""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace

import gspread

from casebook.storage.base import RowHint, Snapshot, SourceUnavailable
from casebook.storage.cells import CellValue
from casebook.storage.grid import (
    HeaderLocator,
    first_row,
    header_row_of,
    header_texts,
    table_from_grid,
)
from casebook.storage.gsheets.api import Grid, SheetsApi, SpreadsheetInfo
from casebook.storage.gsheets.commit import commit
from casebook.storage.gsheets.dates import date_order, read_dates
from casebook.storage.gsheets.errors import Reason
from casebook.storage.gsheets.find import rows_holding
from casebook.storage.gsheets.retry import RetryPolicy
from casebook.storage.gsheets.tx import GoogleSheetTransaction
from sheets_schema import SheetName

DEFAULT_TIMEOUT = 20.0


class GoogleSheetStore:
    """A town's Google Sheet, through gspread 6 with a service account.

    Quota (60 reads and 60 writes a minute for the service account, i.e. for everybody): the
    worksheet list is fetched once per store, a load reads all of the app's worksheets in one
    values:batchGet, and `version()` costs nothing: it changes `cache_seconds` after it last
    changed and after each of our own writes, so reruns within that time use the cached snapshot.
    Edits made directly in the sheet therefore show up in the app after at most `cache_seconds`;
    saves never rely on the cache (they read the rows fresh).
    """

    def __init__(
        self,
        client: gspread.Client,
        key: str,
        *,
        cache_seconds: float = 60,
        label: str | None = None,
        retry: RetryPolicy | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        header_locator: HeaderLocator = first_row,
    ) -> None:
        self.key = key
        self._label = label or f"gsheet:{key}"
        self._cache_seconds = cache_seconds
        self._policy = retry or RetryPolicy()
        if timeout is not None:
            # gspread waits forever by default; a stalled answer must end in a retry or a message.
            client.set_timeout(timeout)
        self._api = SheetsApi(client, key, self._label, self._policy)
        # Which row holds the headers: row 1 in the app's layout; a town's own sheet may have
        # title rows above them (see casebook/storage/grid.py).
        self._locate = header_locator
        self._lock = threading.RLock()
        self._info: SpreadsheetInfo | None = None
        self._info_bucket: int | None = None
        self._cached: Snapshot | None = None
        # Each worksheet's headers as last read: where to look for an ID column (see _read_grids).
        self._layout: dict[str, tuple[str, ...]] = {}
        self._writes = 0
        self._pending_audit: list[dict[str, CellValue]] = []
        self._bucket_number = 0
        self._bucket_started: float | None = None

    @property
    def label(self) -> str:
        return self._label

    def _bucket(self) -> int:
        """A number that goes up once `cache_seconds` have passed since it last did."""
        with self._lock:
            now = self._policy.clock()
            if self._bucket_started is None or now - self._bucket_started >= self._cache_seconds:
                self._bucket_number += 1
                self._bucket_started = now
            return self._bucket_number

    def version(self) -> str:
        """Changes `cache_seconds` after the last change and after each of our writes; no request."""
        return f"{self._bucket()}:{self._writes}"

    def _metadata(self, bucket: int, sheets: Collection[str]) -> SpreadsheetInfo:
        """The worksheet list, fetched once; again only if a wanted worksheet is missing and the
        cache time has passed (someone may have added it)."""
        info = self._info
        stale = info is None or (
            any(info.sheet(name) is None for name in sheets) and bucket != self._info_bucket
        )
        if stale:
            info = self._api.metadata()
            self._info, self._info_bucket = info, bucket
        assert info is not None
        return info

    def _read(
        self,
        sheets: Collection[str],
        bucket: int,
        outline: Collection[str] = (),
        rows: Mapping[str, Sequence[int]] | None = None,
        columns: Mapping[str, Collection[str]] | None = None,
    ) -> tuple[Snapshot, dict[str, Grid]]:
        info = self._metadata(bucket, sheets)
        try:
            present, grids = self._read_grids(info, sheets, outline, rows or {}, columns or {})
        except SourceUnavailable as error:
            if error.reason != Reason.REJECTED:
                raise
            # A worksheet was renamed or removed since the worksheet list was fetched: Google
            # refuses the whole batch. Fetch the list again, once.
            self._info = info = self._api.metadata()
            present, grids = self._read_grids(info, sheets, outline, rows or {}, columns or {})
        for name, grid in grids.items():
            sheet = info.sheet(name)
            grids[name] = replace(grid, sheet_id=sheet.sheet_id if sheet else None)
        order = date_order(info.locale)
        tables = {
            name: read_dates(table_from_grid(name, grids[name].values, self._locate), order)
            for name in present
        }
        for name, table in tables.items():
            self._layout[name] = table.headers
        missing = tuple(name for name in sheets if name not in tables)
        snapshot = Snapshot(
            source=self._label,
            tables=tables,
            version=f"{bucket}:{self._writes}",
            missing_sheets=missing,
        )
        return snapshot, grids

    def _read_grids(
        self,
        info: SpreadsheetInfo,
        sheets: Collection[str],
        outline: Collection[str],
        rows: Mapping[str, Sequence[int]],
        columns: Mapping[str, Collection[str]],
    ) -> tuple[list[str], dict[str, Grid]]:
        present = [name for name in sheets if info.sheet(name) is not None]
        headers_only = [n for n in outline if n not in present and info.sheet(n) is not None]
        sizes = {s.title: s.rows for s in info.sheets}
        # A row beyond the grid (rows deleted since the load) cannot be read, nor holds the ID.
        partly = {
            name: [n for n in numbers if n <= sizes.get(name, n)]
            for name, numbers in rows.items()
            if name in present
        }
        by_column = {
            name: self._guess_columns(info, name, headers)
            for name, headers in columns.items()
            if name in present and name not in partly
        }
        whole = [name for name in present if name not in partly and name not in by_column]
        grids = self._api.read(whole, headers_only, partly, sizes, by_column)
        # The columns were guessed from the last read; where the headers moved since (a column
        # inserted in the browser), read the right ones now.
        moved = {}
        for name, headers in columns.items():
            if name in by_column:
                wanted = _column_numbers(grids[name], headers, self._locate)
                if not set(wanted) <= set(by_column[name]):
                    moved[name] = wanted
        if moved:
            grids.update(self._api.read([], (), {}, sizes, moved))
        return present, grids

    def _guess_columns(
        self, info: SpreadsheetInfo, sheet: str, headers: Collection[str]
    ) -> list[int]:
        """Where the headers stood at the last read (within the grid's columns)."""
        known = self._layout.get(sheet, ())
        sheet_info = info.sheet(sheet)
        width = sheet_info.columns if sheet_info else 0
        return [known.index(h) + 1 for h in headers if h in known and known.index(h) < width]

    def load(self) -> Snapshot:
        """The app's worksheets, read in one request; the cached copy within the same version."""
        with self._lock:
            bucket = self._bucket()
            version = f"{bucket}:{self._writes}"
            if self._cached is not None and self._cached.version == version:
                return self._cached
            snapshot, _ = self._read([name.value for name in SheetName], bucket)
            # load() of the workbook store lists no missing sheets; read_town finds them.
            self._cached = replace(snapshot, missing_sheets=())
            return self._cached

    @contextmanager
    def transaction(
        self,
        sheets: Collection[str],
        hint: RowHint | None = None,
        columns: Mapping[str, Collection[str]] | None = None,
    ) -> Iterator[GoogleSheetTransaction]:
        """Read `sheets` fresh in one request; on leaving the block, send what was collected.

        With a hint, its sheet is not read whole (5 MB at 10,000 cases) but only its top rows
        and the hinted row; if that row no longer holds the ID (rows were sorted, inserted or
        deleted in the browser), the ID column is read to find where the row went. Of a sheet
        named in `columns`, only the top rows and those whole columns are read (the IDs to draw
        the next one from); its last row is then the last one holding such a value.
        """
        wanted = list(dict.fromkeys(sheets))
        with self._lock:
            snapshot, grids, partial = self._read_for_save(wanted, hint, columns or {})
        order = date_order(self._info.locale) if self._info else None
        transaction = GoogleSheetTransaction(
            snapshot, grids, self._locate, partial=partial, date_order=order
        )
        yield transaction
        if transaction.has_changes:
            with self._lock:
                carried, self._pending_audit = self._pending_audit, []
            if carried and SheetName.AUDIT.value in transaction.headers:
                transaction.carry(carried)
            else:
                self._keep_pending(carried)
            try:
                commit(self._api, transaction)
            except Exception:
                self._keep_pending(transaction.carried)
                raise
            finally:
                # Even a failed commit may have changed something: the next load reads again.
                with self._lock:
                    self._writes += 1
                    self._cached = None
            self._keep_pending(transaction.audit_pending)

    def _read_for_save(
        self, wanted: list[str], hint: RowHint | None, columns: Mapping[str, Collection[str]]
    ) -> tuple[Snapshot, dict[str, Grid], set[str]]:
        """The sheets a save needs, the hinted one only in part; also which ones are partial."""
        # Every save appends to the Protokoll; its header rows come with the same request.
        audit = [SheetName.AUDIT.value]
        if hint is None or hint.sheet not in wanted:
            return (*self._read(wanted, self._bucket(), audit, None, columns), set())
        rows = {hint.sheet: [hint.row_number]}
        snapshot, grids = self._read(wanted, self._bucket(), audit, rows, columns)
        if snapshot.table(hint.sheet).rows_with(hint.id_header, hint.record_id):
            return snapshot, grids, {hint.sheet}
        numbers = rows_holding(self._api, grids[hint.sheet], hint, self._locate)
        if numbers is None:  # no ID column in the top rows: read the sheet as a whole
            return (*self._read(wanted, self._bucket(), audit, None, columns), set())
        if numbers:
            snapshot, grids = self._read(
                wanted, self._bucket(), audit, {hint.sheet: numbers}, columns
            )
        # With no row holding the ID any more, the save reports it as not found.
        return snapshot, grids, {hint.sheet}

    def _keep_pending(self, entries: Sequence[Mapping[str, CellValue]]) -> None:
        """Protokoll entries to write with the next save (kept in this app process only)."""
        if entries:
            with self._lock:
                self._pending_audit = [*(dict(e) for e in entries), *self._pending_audit]

    @property
    def pending_audit(self) -> int:
        """How many Protokoll entries wait for the next save."""
        return len(self._pending_audit)


def _column_numbers(top: Grid, headers: Collection[str], locate: HeaderLocator) -> list[int]:
    """The 1-based columns of `headers` in the top rows read (a header the sheet lacks: none)."""
    if not top.values:
        return []
    found = header_texts(top.values[header_row_of(top.title, top.values, locate) - 1])
    return [found.index(h) + 1 for h in headers if h in found]
