"""Deletion periods: when a closed case is due, and deleting it with all its rows and traces."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime

from casebook.cases.rows import SHEETS_OF_A_CASE, is_case_id, require_case_id, rows_of_case
from casebook.core.access import Attempt, check_access
from casebook.core.actors import Actor
from casebook.core.audit import append_audit, now_in_seconds
from casebook.core.errors import CasebookError, DuplicateRecord, RecordNotFound
from casebook.core.sources import TownSource
from casebook.storage.base import SheetRow, Snapshot
from sheets_schema import Case, SheetName, header_of, parse_row
from sheets_schema.enums import AuditAction, CaseStatus

DEFAULT_YEARS = 3
YEARS_ENV = "KIM_LOESCHFRIST_JAHRE"


class NotDueForDeletion(CasebookError):
    """The case is not closed, or its deletion period has not ended yet; nothing was deleted."""

    def __init__(self, case_id: str, due_on: date | None) -> None:
        super().__init__(case_id, due_on)
        self.case_id = case_id
        self.due_on = due_on


def retention_years() -> int:
    """Years after the year of closing (KIM_LOESCHFRIST_JAHRE, default 3)."""
    text = os.environ.get(YEARS_ENV, "").strip()
    return int(text) if text.isdigit() and int(text) > 0 else DEFAULT_YEARS


def due_on(closed_on: date, years: int = DEFAULT_YEARS) -> date:
    """31 December of the `years`-th year after the year of closing."""
    return date(closed_on.year + years, 12, 31)


def deletion_note(case_id: str) -> str:
    return f"Fall {case_id} gelöscht (Löschfrist)"


@dataclass(frozen=True)
class DueCase:
    """A closed case past its deletion date; no personal data, only what a deletion run needs."""

    case_id: str
    closed_on: date
    due_on: date
    rows: dict[SheetName, int] = field(default_factory=dict)  # rows that go with it, per sheet


@dataclass(frozen=True)
class DeletionResult:
    case_id: str
    removed: dict[SheetName, int]


def _case(row: SheetRow) -> Case:
    record = parse_row(Case, row.cells).record
    assert isinstance(record, Case)
    return record


def _case_due(case: Case, today: date, years: int) -> date | None:
    """The deletion date if the case is due today, else None."""
    if case.status is not CaseStatus.ABGESCHLOSSEN or case.closing is None:
        return None
    day = due_on(case.closing, years)
    return day if day <= today else None


def _row_numbers(snapshot: Snapshot, case_id: str) -> dict[SheetName, list[int]]:
    """Row numbers per sheet that belong to the case: its row, its children, its Protokoll."""
    return {
        sheet: [row.number for row in rows]
        for sheet, rows in rows_of_case(snapshot, case_id).items()
    }


@dataclass(frozen=True)
class HeldBack:
    """A due case whose Fall-ID is malformed: not offered until the ID is corrected by hand."""

    row_number: int
    case_id: str  # as typed, e.g. „KIM-XAN-2023“ (an ID, no personal data)
    due_on: date


def _due_rows(
    snapshot: Snapshot, today: date, years: int
) -> list[tuple[SheetRow, Case, date, str]]:
    id_header = header_of(Case, "case_id")
    found = []
    for row in snapshot.table(SheetName.CASES).rows:
        case = _case(row)
        day = _case_due(case, today, years)
        if day is not None and case.closing is not None:
            found.append((row, case, day, str(row.cells.get(id_header) or "").strip()))
    return found


def due_cases(
    source: TownSource, actor: Actor, today: date, years: int = DEFAULT_YEARS
) -> list[DueCase]:
    """Closed cases whose deletion date has come, oldest first (administrators only).

    A case with a malformed Fall-ID („KIM-XAN-2023“) is left out (see held_back_cases): deleting
    by such an ID is refused, and it is deletable once the ID is corrected in the spreadsheet.
    """
    check_access(source, actor, Attempt.LIST_DUE)
    snapshot = source.store.load()
    due = []
    for _row, case, day, case_id in _due_rows(snapshot, today, years):
        if not is_case_id(case_id) or case.closing is None:
            continue
        counts = {sheet: len(rows) for sheet, rows in _row_numbers(snapshot, case_id).items()}
        due.append(DueCase(case_id, case.closing, day, counts))
    return sorted(due, key=lambda entry: (entry.due_on, entry.case_id))


def held_back_cases(
    source: TownSource, actor: Actor, today: date, years: int = DEFAULT_YEARS
) -> list[HeldBack]:
    """Due cases not offered for deletion because their Fall-ID is malformed (administrators)."""
    check_access(source, actor, Attempt.LIST_DUE)
    return [
        HeldBack(row.number, case_id, day)
        for row, _case_, day, case_id in _due_rows(source.store.load(), today, years)
        if not is_case_id(case_id)
    ]


def delete_case(
    source: TownSource,
    actor: Actor,
    case_id: str,
    today: date,
    now: datetime | None = None,
    years: int = DEFAULT_YEARS,
) -> DeletionResult:
    """Remove a due case, its contacts, goals, referrals and Protokoll entries from the spreadsheet.

    The Protokoll then holds one entry „Fall … gelöscht (Löschfrist)“ without personal data; the
    Fall-ID stays there, so it is never given to another case.
    """
    check_access(source, actor, Attempt.DELETE, case_id.strip())
    case_id = require_case_id(case_id)
    with source.store.transaction(SHEETS_OF_A_CASE) as tx:
        rows = _row_numbers(tx.snapshot, case_id)
        if not rows[SheetName.CASES]:
            raise RecordNotFound(SheetName.CASES, case_id)
        if len(rows[SheetName.CASES]) > 1:
            raise DuplicateRecord(SheetName.CASES, case_id, rows[SheetName.CASES])
        (case_row,) = tx.snapshot.table(SheetName.CASES).rows_with(
            header_of(Case, "case_id"), case_id
        )
        case = _case(case_row)
        if _case_due(case, today, years) is None:
            closed = case.closing if case.status is CaseStatus.ABGESCHLOSSEN else None
            raise NotDueForDeletion(case_id, due_on(closed, years) if closed else None)
        for sheet, numbers in rows.items():
            if numbers:
                tx.delete_rows(sheet, numbers)
        append_audit(
            tx,
            actor,
            now or now_in_seconds(),
            AuditAction.GELOESCHT,
            SheetName.CASES,
            case_id,
            note=deletion_note(case_id),
        )
    return DeletionResult(case_id, {sheet: len(numbers) for sheet, numbers in rows.items()})
