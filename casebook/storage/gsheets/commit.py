"""Sending a transaction: changed cells in one batchUpdate, rows by append; never resent blindly."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import date

from casebook.storage.base import StorageError
from casebook.storage.cells import CellValue
from casebook.storage.gsheets.a1 import row_range
from casebook.storage.gsheets.api import Grid, RequestFailed, SheetsApi
from casebook.storage.gsheets.audit import append_entries, not_yet_written
from casebook.storage.gsheets.dates import Serial, shown_date
from casebook.storage.gsheets.ids import ensure_unique_ids, id_header, rename_cells
from casebook.storage.gsheets.tx import GoogleSheetTransaction, PendingRow
from casebook.storage.gsheets.values import ApiValue, cell_at, shows, to_api_value
from sheets_schema import SheetName
from sheets_schema.sheets import SAVE_ID_HEADER

log = logging.getLogger(__name__)

Position = tuple[str, int, int]


def commit(api: SheetsApi, tx: GoogleSheetTransaction) -> None:
    """Write everything the transaction collected: cells, then new rows, then the Protokoll last,
    so that its entries name the IDs the rows finally got.

    Once cells or rows are written, the save has happened: a failure after that (the look for a
    twin ID, the Protokoll append) no longer raises but leaves the entries in `tx.audit_pending`,
    so that the user is told the truth and the store writes them with the next save.
    """
    _widen_grids(api, tx)
    writes: dict[Position, ApiValue] = {
        (sheet, tx.header_rows[sheet], column): header
        for (sheet, column), header in tx.new_headers.items()
    }
    writes.update({position: _value(tx, position, value) for position, value in tx.cells.items()})
    if writes:
        write_cells(api, writes, _before(tx, writes))
    saved = bool(tx.cells)
    appended: dict[str, list[tuple[int, PendingRow]]] = {}
    for sheet, rows in tx.appends.items():
        if sheet != SheetName.AUDIT:
            numbers = append_rows(api, tx, sheet, [row.cells for row in rows])
            appended[sheet] = list(zip(numbers, rows, strict=True))
            saved = True
    if appended:
        try:
            tx.renamed_ids.update(ensure_unique_ids(api, tx, appended))
        except StorageError:
            # The row is in the sheet with the ID drawn from a fresh read; a twin is unlikely.
            log.warning("could not check the new IDs of %s for twins", sorted(appended))
    own = [rename_cells(row.cells, tx.renamed_ids) for row in tx.appends.get(SheetName.AUDIT, [])]
    try:
        _write_audit(api, tx, own)
    except StorageError:
        if not saved:
            raise
        tx.audit_pending = (*tx.carried, *own)
        log.warning("Protokoll entries not written, kept for the next save: %s", tx.audit_pending)
    if tx.deletions:
        _delete_rows(api, tx)


def _write_audit(
    api: SheetsApi, tx: GoogleSheetTransaction, own: list[dict[str, CellValue]]
) -> None:
    """Carried entries that are still missing, then this save's own, in one append."""
    audit = SheetName.AUDIT.value
    if not own and not tx.carried:
        return
    headers, header_row = tx.headers[audit], tx.header_rows[audit]
    entries = [*not_yet_written(api, headers, header_row, tx.carried), *own]
    if entries:
        rows = [row_values(headers, entry) for entry in entries]
        save_ids = {str(e.get(SAVE_ID_HEADER)) for e in entries}
        append_entries(api, headers, header_row, rows, save_ids)


def _delete_rows(api: SheetsApi, tx: GoogleSheetTransaction) -> None:
    """All deletions in one spreadsheets.batchUpdate, bottom rows first so numbers stay valid.

    Never resent: once rows have moved up, the same numbers would hit other rows; the user
    tries again and the new attempt reads fresh numbers.
    """
    requests = []
    for sheet, rows in tx.deletions.items():
        grid = tx.grids.get(sheet)
        if grid is None or grid.sheet_id is None:
            continue
        for row in sorted(rows, reverse=True):
            requests.append(
                {
                    "deleteDimension": {
                        "range": {
                            "sheetId": grid.sheet_id,
                            "dimension": "ROWS",
                            "startIndex": row - 1,
                            "endIndex": row,
                        }
                    }
                }
            )
    if requests:
        try:
            api.batch_update(requests)
        except RequestFailed as failed:
            raise api.fail(failed) from failed


def _widen_grids(api: SheetsApi, tx: GoogleSheetTransaction) -> None:
    """A header beyond the grid's last column needs more columns first (values writes don't grow
    the grid); rare, so it costs one extra request only when it happens."""
    requests = []
    for sheet, grid in tx.grids.items():
        needed = max((c for (s, c) in tx.new_headers if s == sheet), default=0)
        if needed > grid.columns and grid.sheet_id is not None:
            requests.append(
                {
                    "updateSheetProperties": {
                        "properties": {
                            "sheetId": grid.sheet_id,
                            "gridProperties": {"columnCount": needed},
                        },
                        "fields": "gridProperties.columnCount",
                    }
                }
            )
    if requests:
        try:
            api.batch_update(requests)
        except RequestFailed as failed:
            raise api.fail(failed) from failed


def _value(tx: GoogleSheetTransaction, position: Position, value: CellValue) -> ApiValue:
    """What to send for a cell; a date into a cell that shows a real date goes as its serial
    number, so the cell keeps its date format and stays a date."""
    sheet, row, column = position
    if isinstance(value, date) and tx.date_order is not None:
        grid = tx.grids.get(sheet)
        shown = cell_at(grid.values, row, column) if grid is not None else None
        if shown_date(shown, tx.date_order) is not None:
            return Serial(value, tx.date_order)
    return to_api_value(value)


def _before(tx: GoogleSheetTransaction, writes: Mapping[Position, ApiValue]) -> dict[Position, str]:
    before = {}
    for sheet, row, column in writes:
        grid = tx.grids.get(sheet)
        before[(sheet, row, column)] = (
            cell_at(grid.values, row, column) or "" if grid is not None else ""
        )
    return before


def _runs(writes: Mapping[Position, ApiValue]) -> list[tuple[str, list[list[ApiValue]]]]:
    """Changed cells as ranges: each run of neighbouring cells in a row is one small range."""
    data: list[tuple[str, list[list[ApiValue]]]] = []
    run: list[ApiValue] = []
    start: Position | None = None
    previous: Position | None = None
    for position in sorted(writes):
        sheet, row, column = position
        if previous is not None and start is not None and previous == (sheet, row, column - 1):
            run.append(writes[position])
        else:
            if start is not None:
                data.append(
                    (row_range(start[0], start[1], start[2], start[2] + len(run) - 1), [run])
                )
            start, run = position, [writes[position]]
        previous = position
    if start is not None:
        data.append((row_range(start[0], start[1], start[2], start[2] + len(run) - 1), [run]))
    return data


def _shown(grids: Mapping[str, Grid], position: Position) -> str:
    sheet, row, column = position
    return cell_at(grids[sheet].values, row, column) or ""


def write_cells(
    api: SheetsApi, writes: Mapping[Position, ApiValue], before: Mapping[Position, str]
) -> None:
    """One values:batchUpdate. After an answer that leaves it open whether the write happened,
    the cells are read again: ours → done; as before → send again; anything else → give up."""
    data = _runs(writes)

    def send() -> bool:
        api.write(data)
        return True

    def settle(failed: RequestFailed) -> bool | None:
        # Only the rows written to (and the top rows), not the sheets: 5 MB at 10,000 cases.
        rows: dict[str, set[int]] = {}
        for sheet, row, _ in writes:
            rows.setdefault(sheet, set()).add(row)
        wanted = {sheet: sorted(numbers) for sheet, numbers in rows.items()}
        grids = api.read([], (), wanted, {sheet: max(numbers) for sheet, numbers in rows.items()})
        if all(shows(_shown(grids, p) or None, v) for p, v in writes.items()):
            return True
        if any(_shown(grids, p) != before[p] for p in writes):
            # Someone typed into these cells meanwhile; resending would overwrite them.
            raise api.fail(failed) from failed
        return None

    api.send_write(send, settle)


def row_values(headers: Sequence[str], cells: Mapping[str, CellValue]) -> list[ApiValue]:
    """A row's values in column order; columns the row does not fill stay empty."""
    values: list[ApiValue] = [""] * len(headers)
    for header, value in cells.items():
        values[headers.index(header)] = to_api_value(value)
    while values and values[-1] == "":
        values.pop()
    return values


def _arrived(
    grid: Grid, rows: list[list[ApiValue]], after_row: int, firsts: Sequence[int] | None = None
) -> int | None:
    """The first row number of our rows if they are in the sheet (starting at one of `firsts`,
    else below `after_row`), else None."""
    height = len(rows)
    if firsts is None:
        firsts = range(len(grid.values) - height + 1, after_row, -1)
    for first in firsts:
        if all(
            all(shows(cell_at(grid.values, first + i, c + 1), v) for c, v in enumerate(row))
            for i, row in enumerate(rows)
        ):
            return first
    return None


def _look_by_id(
    api: SheetsApi, tx: GoogleSheetTransaction, sheet: str, rows: list[list[ApiValue]]
) -> int | None:
    """Whether our rows arrived, from the ID column and the rows holding our first ID (two
    small reads instead of the sheet; also where Google put them above a gap in the table)."""
    header = id_header(sheet)
    headers = tx.headers[sheet]
    column = headers.index(header) + 1 if header in headers else 0
    first_id = rows[0][column - 1] if 0 < column <= len(rows[0]) else ""
    if not isinstance(first_id, str) or not first_id.strip():
        # No ID to look for: the whole sheet, below the rows that were there before.
        return _arrived(api.read([sheet])[sheet], rows, tx.last_row(sheet))
    limits = {sheet: tx.grids[sheet].rows}
    ids = api.read([], (), {}, limits, {sheet: [column]})[sheet]
    header_row = tx.header_rows[sheet]
    firsts = [
        number
        for number in range(header_row + 1, len(ids.values) + 1)
        if shows(cell_at(ids.values, number, column), first_id)
    ]
    if not firsts:
        return None
    wanted = sorted({first + i for first in firsts for i in range(len(rows))})
    found = api.read([], (), {sheet: wanted}, {sheet: max(wanted)})[sheet]
    return _arrived(found, rows, 0, firsts)


def append_rows(
    api: SheetsApi, tx: GoogleSheetTransaction, sheet: str, cells: list[dict[str, CellValue]]
) -> list[int]:
    """Append rows in one call; returns their row numbers. After an answer that leaves it open,
    the sheet is looked at to see whether the rows arrived before they are sent again."""
    headers = tx.headers[sheet]
    rows = [row_values(headers, row) for row in cells]

    def send() -> list[int]:
        first = api.append(sheet, rows, tx.header_rows[sheet])
        return list(range(first, first + len(rows)))

    def look() -> list[int] | None:
        first_found = _look_by_id(api, tx, sheet, rows)
        return None if first_found is None else list(range(first_found, first_found + len(rows)))

    def settle(failed: RequestFailed) -> list[int] | None:
        found = look()
        if found is None and failed.failure.in_flight:
            # A request without an answer in time may still be applied: sending it again at
            # once would give the case twice. Look again for a while first.
            waiting = api.policy.start()
            while found is None and waiting.wait():
                found = look()
        return found

    return api.send_write(send, settle)
