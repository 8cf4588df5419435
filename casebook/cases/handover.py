"""Handing a case to another Fallmanager:in of the same town, noted as „übergeben“ in the Protokoll."""

from __future__ import annotations

from datetime import datetime

from casebook.core.access import Attempt, check_access
from casebook.core.actors import Actor
from casebook.core.audit import append_audit, now_in_seconds
from casebook.core.errors import FieldChange, InvalidRecord, RecordConflict, RecordNotFound
from casebook.core.sources import TownSource
from casebook.core.town_data import RecordRow
from sheets_schema import Case, Problem, ProblemCode, Severity, SheetName, header_of
from sheets_schema.enums import AuditAction
from sheets_schema.messages import message
from sheets_schema.types import cell_text


def _required(header: str) -> InvalidRecord:
    problem = Problem(
        ProblemCode.REQUIRED,
        Severity.ERROR,
        message(ProblemCode.REQUIRED, column=header),
        field="case_manager",
        column=header,
    )
    return InvalidRecord([problem])


def hand_over_case(
    source: TownSource,
    actor: Actor,
    base: RecordRow,
    new_manager: str,
    now: datetime | None = None,
) -> str:
    """Write the new Fallmanager:in into the case (only that cell and the stamp); returns the name.

    The row is found by its Fall-ID; if someone changed the Fallmanager:in since `base` was read,
    nothing is written.
    """
    case_id = str(base.record_id)
    check_access(source, actor, Attempt.EDIT, case_id)
    header = header_of(Case, "case_manager")
    name = " ".join(new_manager.split())
    if not name:
        raise _required(header)
    now = now or now_in_seconds()
    old = base.cells.get(header)
    with source.store.transaction([SheetName.CASES]) as tx:
        rows = tx.snapshot.table(SheetName.CASES).rows_with(header_of(Case, "case_id"), case_id)
        if not rows:
            raise RecordNotFound(SheetName.CASES, case_id)
        current = rows[0].cells.get(header)
        if cell_text(current).strip() != cell_text(old).strip():
            raise RecordConflict(SheetName.CASES, case_id, [FieldChange(header, old, current)])
        if cell_text(current).strip() == name:
            return name
        tx.set_cells(
            SheetName.CASES,
            rows[0].number,
            {
                header: name,
                header_of(Case, "changed_at"): now,
                header_of(Case, "changed_by"): actor.name,
            },
        )
        append_audit(
            tx,
            actor,
            now,
            AuditAction.UEBERGEBEN,
            SheetName.CASES,
            case_id,
            [(header, old, name)],
        )
    return name
