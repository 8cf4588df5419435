"""Moving a case to another town (the client moves): copy to the target, then remove at the source.

Order, so that a crash never loses the case: (1) under the source's lock, read the case, its
contacts, goals, referrals and Protokoll entries; (2) write them into the target town with a new
Fall-ID and „Frühere Fall-ID“ = the old one, and commit; (3) only then remove them from the source
and note the transfer in its Protokoll. A crash after (2) leaves the case in both towns, never in
none; running the transfer again finds the target's copy by its „Frühere Fall-ID“ and only
finishes (3).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from casebook.cases.rows import SHEETS_OF_A_CASE, rows_of_case
from casebook.core.access import Attempt, refuse
from casebook.core.actors import Actor
from casebook.core.audit import append_audit, now_in_seconds
from casebook.core.errors import CasebookError, DuplicateRecord, RecordNotFound
from casebook.core.sources import TownSource
from casebook.core.town_data import TownData
from casebook.storage.base import SheetRow, Snapshot, Transaction, iter_ids
from casebook.storage.cells import CellValue
from sheets_schema import (
    CHILD_SHEETS,
    SHEETS,
    AuditEntry,
    Case,
    SheetName,
    field_specs,
    header_of,
    parse_row,
)
from sheets_schema.enums import AuditAction, CaseStatus, Town
from sheets_schema.sheets import case_id_prefix, format_case_id, next_number
from sheets_schema.types import cell_text


class TransferProblem(StrEnum):
    """Why a case cannot be transferred, as the German reason."""

    NO_CONSENT = "Für den Fall ist keine Einwilligung erfasst."
    CONSENT_WITHDRAWN = "Die Einwilligung wurde widerrufen."
    NOT_AGREED = "Die Zustimmung der Person zur Übermittlung ist nicht bestätigt."
    CLOSED = "Der Fall ist abgeschlossen."
    SAME_TOWN = "Der Fall gehört schon zu dieser Kommune."


class TransferRefused(CasebookError):
    """The case may not be transferred (consent, status, target); nothing was written."""

    def __init__(self, case_id: str, target: str, problem: TransferProblem) -> None:
        super().__init__(case_id, target, problem)
        self.case_id = case_id
        self.target = target
        self.problem = problem


class TransferDiverged(CasebookError):
    """An interrupted transfer left the case in both towns, and the two copies differ now.

    Finishing it would remove the source's version; nothing was written, a person decides.
    """

    def __init__(self, case_id: str, new_case_id: str, target: str, columns: list[str]) -> None:
        super().__init__(case_id, new_case_id, target, columns)
        self.case_id = case_id
        self.new_case_id = new_case_id
        self.target = target
        self.columns = columns


@dataclass(frozen=True)
class TransferResult:
    """The case's old and new Fall-ID and how many rows of each sheet moved."""

    old_case_id: str
    new_case_id: str
    target: Town
    moved: Mapping[SheetName, int]
    resumed: bool  # the target already held the copy of an interrupted transfer


def transfer_note(old_id: str, source: Town, new_id: str, target: Town) -> str:
    """The Protokoll text of both towns; IDs and towns only, no personal data."""
    return f"Fall {old_id} ({source.value}) an {target.value} übergeben als {new_id}"


def _require_both(source: TownSource, target: TownSource, actor: Actor, case_id: str) -> None:
    # Writing into another town's spreadsheet needs that town's rights, like any other write.
    for town_source in (source, target):
        if not actor.may_edit(town_source.town):
            raise refuse(town_source, actor, Attempt.TRANSFER, case_id)


def _check_case(case: Case, case_id: str, target: Town, client_agreed: bool) -> None:
    problem = None
    if case.status is CaseStatus.ABGESCHLOSSEN:
        problem = TransferProblem.CLOSED
    elif case.consent_withdrawn is not None:
        problem = TransferProblem.CONSENT_WITHDRAWN
    elif case.consent_given is None:
        problem = TransferProblem.NO_CONSENT
    elif not client_agreed:
        problem = TransferProblem.NOT_AGREED
    if problem is not None:
        raise TransferRefused(case_id, target.value, problem)


def _new_id(old_id: str, new_case_id: str, record_id: CellValue) -> CellValue:
    """KIM-MOE-2026-0007-K03 → KIM-WES-2026-0012-K03: children keep their own numbers."""
    text = str(record_id).strip() if isinstance(record_id, str) else record_id
    if isinstance(text, str) and (text == old_id or text.startswith(f"{old_id}-")):
        return new_case_id + text[len(old_id) :]
    return record_id


def successor(data: TownData, old_id: str) -> str | None:
    """The Fall-ID a transferred case has in this town now, found by its „Frühere Fall-ID“."""
    wanted = old_id.strip()
    return next(
        (str(row.record_id) for row in data.cases if row.record.previous_case_id == wanted), None
    )


def _already_copied(snapshot: Snapshot, old_id: str) -> str | None:
    """The target's Fall-ID of an earlier, interrupted transfer of `old_id`, if there is one."""
    rows = snapshot.table(SheetName.CASES).rows_with(header_of(Case, "previous_case_id"), old_id)
    return str(rows[0].cells.get(header_of(Case, "case_id")) or "").strip() if rows else None


# Columns a transfer sets on purpose, so they differ between the two copies by design.
_SET_BY_TRANSFER = frozenset(
    {"case_id", "town", "previous_case_id", "case_manager", "changed_at", "changed_by"}
)


def _text(value: CellValue) -> str:
    return cell_text(value).strip()


def _differences(copy: _Copy, snapshot: Snapshot, new_id: str) -> list[str]:
    """Columns (and sheets) in which the source's case and the target's copy differ now."""
    found: list[str] = []
    [source_case] = copy.rows[SheetName.CASES]
    [target_case] = snapshot.table(SheetName.CASES).rows_with(header_of(Case, "case_id"), new_id)
    for spec in field_specs(Case):
        if spec.name in _SET_BY_TRANSFER:
            continue
        if _text(source_case.cells.get(spec.header)) != _text(target_case.cells.get(spec.header)):
            found.append(spec.header)
    for sheet in CHILD_SHEETS:
        model = SHEETS[sheet].model
        parent = header_of(model, "case_id")
        mine = [
            {h: _text(v) for h, v in row.cells.items() if h != parent and _text(v)}
            for row in copy.rows[sheet]
        ]
        theirs = [
            {h: _text(v) for h, v in row.cells.items() if h != parent and _text(v)}
            for row in snapshot.table(sheet).rows_with(parent, new_id)
        ]
        id_header = header_of(model, SHEETS[sheet].id_field or "")
        for cells in theirs:
            cells[id_header] = cells.get(id_header, "")[len(new_id) :]
        for cells in mine:
            cells[id_header] = cells.get(id_header, "")[len(copy.case_id) :]
        key = sorted(map(sorted, (c.items() for c in mine)))
        if key != sorted(map(sorted, (c.items() for c in theirs))):
            found.append(sheet.value)
    return found


def _next_case_id(snapshot: Snapshot, town: Town, year: int) -> str:
    own = iter_ids(snapshot.table(SheetName.CASES), header_of(Case, "case_id"))
    logged = iter_ids(snapshot.table(SheetName.AUDIT), header_of(AuditEntry, "record_id"))
    prefix = case_id_prefix(town, year)
    return format_case_id(town, year, next_number([*own, *logged], prefix))


@dataclass(frozen=True)
class _Copy:
    """Everything of the case as read at the source, by sheet."""

    case_id: str
    rows: Mapping[SheetName, list[SheetRow]]


def _write_copy(
    tx: Transaction,
    copy: _Copy,
    source: Town,
    target: Town,
    actor: Actor,
    now: datetime,
    new_manager: str | None,
) -> str:
    new_id = _next_case_id(tx.snapshot, target, now.year)
    old = copy.case_id
    (case_row,) = copy.rows[SheetName.CASES]
    tx.append_row(
        SheetName.CASES,
        {
            **case_row.cells,
            header_of(Case, "case_id"): new_id,
            header_of(Case, "town"): target.value,
            header_of(Case, "previous_case_id"): old,
            header_of(Case, "case_manager"): new_manager or None,
            header_of(Case, "changed_at"): now,
            header_of(Case, "changed_by"): actor.name,
        },
    )
    for sheet in CHILD_SHEETS:
        spec = SHEETS[sheet]
        assert spec.id_field is not None
        id_header = header_of(spec.model, spec.id_field)
        for row in copy.rows[sheet]:
            cells = dict(row.cells)
            cells[id_header] = _new_id(old, new_id, cells.get(id_header))
            cells[header_of(spec.model, "case_id")] = new_id
            tx.append_row(sheet, cells)
    # The history travels with the case, under the new IDs, in the order it was written.
    record_header = header_of(AuditEntry, "record_id")
    for row in copy.rows[SheetName.AUDIT]:
        tx.append_row(
            SheetName.AUDIT,
            {**row.cells, record_header: _new_id(old, new_id, row.cells.get(record_header))},
        )
    note = transfer_note(old, source, new_id, target)
    append_audit(tx, actor, now, AuditAction.UEBERNOMMEN, SheetName.CASES, new_id, note=note)
    return new_id


def _read_case(snapshot: Snapshot, case_id: str) -> _Copy:
    rows = rows_of_case(snapshot, case_id)
    if not rows[SheetName.CASES]:
        raise RecordNotFound(SheetName.CASES, case_id)
    if len(rows[SheetName.CASES]) > 1:
        numbers = [row.number for row in rows[SheetName.CASES]]
        raise DuplicateRecord(SheetName.CASES, case_id, numbers)
    return _Copy(case_id, rows)


def transfer_case(
    source: TownSource,
    target: TownSource,
    actor: Actor,
    case_id: str,
    today: date,
    client_agreed: bool,
    new_manager: str | None = None,
    now: datetime | None = None,
) -> TransferResult:
    """Move an open case with consent to `target`: new Fall-ID there, removed here afterwards."""
    case_id = case_id.strip()
    _require_both(source, target, actor, case_id)
    if source.town is target.town:
        raise TransferRefused(case_id, target.town.value, TransferProblem.SAME_TOWN)
    now = now or now_in_seconds()
    with source.store.transaction(SHEETS_OF_A_CASE) as source_tx:
        copy = _read_case(source_tx.snapshot, case_id)
        case = parse_row(Case, copy.rows[SheetName.CASES][0].cells).record
        assert isinstance(case, Case)
        _check_case(case, case_id, target.town, client_agreed)
        # Every sheet it appends to: a backend learns a sheet's columns by reading it.
        with target.store.transaction(SHEETS_OF_A_CASE) as target_tx:
            new_id = _already_copied(target_tx.snapshot, case_id)
            resumed = new_id is not None
            if new_id is not None:
                changed = _differences(copy, target_tx.snapshot, new_id)
                if changed:
                    raise TransferDiverged(case_id, new_id, target.town.value, changed)
            if new_id is None:
                new_id = _write_copy(
                    target_tx, copy, source.town, target.town, actor, now, new_manager
                )
        # The target has committed: only now may the case leave the source.
        new_id = target_tx.renamed_ids.get(new_id, new_id)
        for sheet, rows in copy.rows.items():
            if rows:
                source_tx.delete_rows(sheet, [row.number for row in rows])
        note = transfer_note(case_id, source.town, new_id, target.town)
        append_audit(
            source_tx, actor, now, AuditAction.UEBERGEBEN, SheetName.CASES, case_id, note=note
        )
    moved = {sheet: len(rows) for sheet, rows in copy.rows.items()}
    return TransferResult(case_id, new_id, target.town, moved, resumed)
