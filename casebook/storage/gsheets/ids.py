"""New IDs stay unique without a lock: after appending, look again and renumber the later twin."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from casebook.storage.base import iter_ids
from casebook.storage.cells import CellValue
from casebook.storage.grid import HeaderLocator, header_row_of, header_texts, table_from_grid
from casebook.storage.gsheets.a1 import row_range
from casebook.storage.gsheets.api import Grid, SheetsApi
from casebook.storage.gsheets.values import (
    ApiValue,
    cell_at,
    shows,
    to_api_value,
)
from sheets_schema import SHEETS, AuditEntry, SheetName, header_of
from sheets_schema.sheets import next_number

if TYPE_CHECKING:
    from casebook.storage.gsheets.tx import GoogleSheetTransaction, PendingRow

# Each round costs a read (and a write if a twin is found); two creators settle in one round.
MAX_ROUNDS = 6
_NUMBERED = re.compile(r"^(.*?)(\d+)$")


@dataclass
class Claim:
    """A row we appended and the ID it carries now."""

    sheet: str
    row: int
    column: int
    record_id: str
    cells: Mapping[str, CellValue]
    id_header: str
    original: str = ""
    repaired: bool = False
    lost: bool = False


def id_header(sheet: str) -> str | None:
    """The ID column of a worksheet of the schema, if it has one."""
    try:
        spec = SHEETS[SheetName(sheet)]
    except ValueError:
        return None
    return header_of(spec.model, spec.id_field) if spec.id_field else None


def rename_cells(
    cells: Mapping[str, CellValue], renamed: Mapping[str, str]
) -> dict[str, CellValue]:
    """A row with every cell that names a renamed ID changed to the new ID (Protokoll entries)."""
    return {h: renamed.get(v, v) if isinstance(v, str) else v for h, v in cells.items()}


def _claims(
    tx: GoogleSheetTransaction, appended: Mapping[str, list[tuple[int, PendingRow]]]
) -> list[Claim]:
    claims = []
    for sheet, rows in appended.items():
        header = id_header(sheet)
        if header is None or header not in tx.headers[sheet]:
            continue
        column = tx.headers[sheet].index(header) + 1
        for number, pending in rows:
            value = to_api_value(pending.cells.get(header))
            if isinstance(value, str) and value.strip():
                claims.append(
                    Claim(sheet, number, column, value, pending.cells, header, original=value)
                )
    return claims


def _locate(claim: Claim, grid: Grid, locate: HeaderLocator) -> bool:
    """Find our row again: at its number, or (if rows moved meanwhile) by its other cells."""
    header_row = header_row_of(claim.sheet, grid.values, locate)
    headers = list(header_texts(grid.values[header_row - 1])) if grid.values else []

    def ours(row: int) -> bool:
        return all(
            shows(cell_at(grid.values, row, headers.index(header) + 1), to_api_value(value))
            for header, value in claim.cells.items()
            if header != claim.id_header and header in headers
        )

    if ours(claim.row):
        return True
    moved = [r for r in range(header_row + 1, len(grid.values) + 1) if ours(r)]
    if len(moved) == 1:
        claim.row = moved[0]
        return True
    return False


def _must_yield(claim: Claim, grid: Grid, logged: set[str], locate: HeaderLocator) -> bool:
    table = table_from_grid(claim.sheet, grid.values, locate)
    current = cell_at(grid.values, claim.row, claim.column)
    if current != claim.record_id:
        return True  # our last renumbering did not arrive
    twins = [
        r.number for r in table.rows_with(claim.id_header, claim.record_id) if r.number != claim.row
    ]
    if claim.record_id in logged:
        return True  # the Protokoll names it: taken (a deleted row, or a twin already logged)
    # The earlier row keeps the ID; a row we renumbered gives way to any twin, because that
    # twin's creator may already have told its user the ID.
    return any(r < claim.row for r in twins) or (claim.repaired and bool(twins))


def _next_id(record_id: str, taken: set[str]) -> str | None:
    match = _NUMBERED.match(record_id)
    if match is None:
        return None
    prefix, digits = match[1], match[2]
    return f"{prefix}{next_number(taken, prefix):0{len(digits)}d}"


def ensure_unique_ids(
    api: SheetsApi,
    tx: GoogleSheetTransaction,
    appended: Mapping[str, list[tuple[int, PendingRow]]],
) -> dict[str, str]:
    """Check the IDs of the rows just appended; renumber ours where another row got the same ID.

    Returns old → new for every ID that changed, so the Protokoll can name the final one.
    """
    claims = _claims(tx, appended)
    if not claims:
        return {}
    audit = SheetName.AUDIT.value
    titles = sorted({c.sheet for c in claims} | ({audit} if audit in tx.headers else set()))
    for round_number in range(MAX_ROUNDS):
        if round_number:
            # Two renumbering creators would otherwise pick the same number again in lockstep.
            api.policy.sleep(api.policy.jitter() * 0.3)
        grids = _read_ids(api, tx, claims)
        if not all(_locate(c, grids[c.sheet], tx.locate) for c in claims if not c.lost):
            # Rows moved since the append (sorted in the browser): look for ours everywhere.
            grids = api.read(titles)
        logged: set[str] = set()
        if audit in grids:
            log = table_from_grid(audit, grids[audit].values, tx.locate)
            logged = set(iter_ids(log, header_of(AuditEntry, "record_id")))
        open_claims = [c for c in claims if not c.lost]
        for claim in open_claims:
            claim.lost = not _locate(claim, grids[claim.sheet], tx.locate)
        losers = [
            c
            for c in open_claims
            if not c.lost and _must_yield(c, grids[c.sheet], logged, tx.locate)
        ]
        if not losers:
            break
        taken = set(logged) | {c.record_id for c in claims}
        for claim in claims:
            table = table_from_grid(claim.sheet, grids[claim.sheet].values, tx.locate)
            taken.update(iter_ids(table, claim.id_header))
        data: list[tuple[str, list[list[ApiValue]]]] = []
        for claim in losers:
            new_id = _next_id(claim.record_id, taken)
            if new_id is None:
                claim.lost = True
                continue
            taken.add(new_id)
            claim.record_id, claim.repaired = new_id, True
            data.append((row_range(claim.sheet, claim.row, claim.column, claim.column), [[new_id]]))
        if data:
            _send(api, data)
    return {c.original: c.record_id for c in claims if c.record_id != c.original}


def _read_ids(
    api: SheetsApi, tx: GoogleSheetTransaction, claims: Sequence[Claim]
) -> dict[str, Grid]:
    """The ID columns of the claimed rows' sheets and of the Protokoll, and the claimed rows,
    in one request: what the check needs, not the sheets (12 MB at 10,000 cases)."""
    audit = SheetName.AUDIT.value
    columns: dict[str, list[int]] = {}
    rows: dict[str, list[int]] = {}
    for claim in claims:
        columns[claim.sheet] = [claim.column]
        if not claim.lost:
            rows.setdefault(claim.sheet, []).append(claim.row)
    logged_header = header_of(AuditEntry, "record_id")
    if logged_header in tx.headers.get(audit, ()):
        columns[audit] = [tx.headers[audit].index(logged_header) + 1]
    # The top rows stay within the grid: ours were appended, the Protokoll's as read.
    limits = {sheet: max(numbers) for sheet, numbers in rows.items()}
    if audit in tx.grids:
        limits[audit] = tx.grids[audit].rows
    return api.read([], (), rows, limits, columns)


def _send(api: SheetsApi, data: Sequence[tuple[str, list[list[ApiValue]]]]) -> None:
    """Write renumbered IDs; whether an unclear write arrived shows in the next round's read."""

    def send() -> bool:
        api.write(data)
        return True

    api.send_write(send, lambda failed: True)
