"""Permission checks of the use cases: a refusal raises AccessDenied and is noted in the Protokoll."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from casebook.actors import Actor
from casebook.audit import append_audit, now_in_seconds
from casebook.errors import AccessDenied
from casebook.storage.base import StorageError
from casebook.town_source import TownSource
from sheets_schema.enums import AuditAction


class Attempt(StrEnum):
    """What a user tried, as the German verb of „Sie dürfen in Moers keine Fälle …“."""

    READ = "lesen"
    SEARCH = "durchsuchen"
    EDIT = "ändern"
    CREATE = "anlegen"
    EXPORT = "exportieren"
    HISTORY = "im Protokoll einsehen"
    COUNT = "auswerten"
    DELETE = "löschen"
    LIST_DUE = "zur Löschung auflisten"
    TRANSFER = "übergeben"


def refuse(
    source: TownSource,
    actor: Actor,
    attempt: Attempt,
    record_id: str | None = None,
    sheet: str = "",
    now: datetime | None = None,
) -> AccessDenied:
    """Note the refusal in the town's Protokoll (one appended row) and return the error to raise.

    A Protokoll that cannot be written right now (the file is open in Excel) must not turn a
    refusal into a different error, so the refusal stands even when it could not be noted.
    """
    try:
        with source.store.transaction([]) as tx:
            append_audit(
                tx,
                actor,
                now or now_in_seconds(),
                AuditAction.VERWEIGERT,
                sheet,
                record_id,
                note=f"{attempt.value} ({actor.role.value})",
            )
        logged = True
    except StorageError:
        logged = False
    return AccessDenied(actor.name, attempt.value, source.town.value, logged)


def require_personal_data(
    source: TownSource, actor: Actor, attempt: Attempt, record_id: str | None = None
) -> None:
    """Case managers of the town only: reading, searching, exporting the town's cases."""
    if not actor.may_read_personal_data(source.town):
        raise refuse(source, actor, attempt, record_id)


def require_edit(
    source: TownSource, actor: Actor, attempt: Attempt, record_id: str | None = None
) -> None:
    if not actor.may_edit(source.town):
        raise refuse(source, actor, attempt, record_id)


def require_aggregates(source: TownSource, actor: Actor) -> None:
    """Counts without personal data: coordinators and the town's own case managers."""
    if not actor.may_view_aggregates(source.town):
        raise refuse(source, actor, Attempt.COUNT)


def require_administration(
    source: TownSource, actor: Actor, attempt: Attempt, record_id: str | None = None
) -> None:
    if not actor.may_administer(source.town):
        raise refuse(source, actor, attempt, record_id)
