"""A case's history from the Protokoll: its own entries and those of its contacts, goals, referrals."""

from __future__ import annotations

from casebook.cases.rows import rows_of_case
from casebook.core.access import Attempt, check_access
from casebook.core.actors import Actor
from casebook.core.sources import TownSource
from sheets_schema import AuditEntry, SheetName, parse_row


def case_history(source: TownSource, actor: Actor, case_id: str) -> list[AuditEntry]:
    """The Protokoll entries of a case in the order they were written (oldest first).

    Entries hold old and new values (names, phone numbers), so only the town's case managers
    may read them.
    """
    check_access(source, actor, Attempt.HISTORY, case_id)
    rows = rows_of_case(source.store.load(), case_id.strip())[SheetName.AUDIT]
    entries = []
    for row in rows:
        record = parse_row(AuditEntry, row.cells).record
        assert isinstance(record, AuditEntry)
        entries.append(record)
    return entries
