"""A case's history from the Protokoll: its own entries and those of its contacts, goals, referrals."""

from __future__ import annotations

from casebook.access import Attempt, require_personal_data
from casebook.actors import Actor
from casebook.audit import belongs_to_case
from casebook.town_source import TownSource
from sheets_schema import AuditEntry, SheetName, header_of, parse_row


def case_history(source: TownSource, actor: Actor, case_id: str) -> list[AuditEntry]:
    """The Protokoll entries of a case in the order they were written (oldest first).

    Entries hold old and new values (names, phone numbers), so only the town's case managers
    may read them.
    """
    require_personal_data(source, actor, Attempt.HISTORY, case_id)
    table = source.store.load().table(SheetName.AUDIT)
    id_header = header_of(AuditEntry, "record_id")
    entries = []
    for row in table.rows:
        value = row.cells.get(id_header)
        if isinstance(value, str) and belongs_to_case(value, case_id.strip()):
            record = parse_row(AuditEntry, row.cells).record
            assert isinstance(record, AuditEntry)
            entries.append(record)
    return entries
