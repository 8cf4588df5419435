"""The one access check of the app: who may do what in which town; a refusal is noted in the
town's Protokoll as „verweigert“ and raised as AccessDenied."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum

from casebook.core.actors import Actor
from casebook.core.audit import append_audit, now_in_seconds
from casebook.core.errors import AccessDenied
from casebook.core.sources import TownSource
from casebook.storage.base import StorageError
from sheets_schema.enums import AuditAction, Town


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
    INSPECT = "in der Tabelle prüfen"
    TRANSFER = "übergeben"


def _reads_or_administers(actor: Actor, town: Town) -> bool:
    return actor.may_read_personal_data(town) or actor.may_administer(town)


# Which permission each attempt needs; the only place that decides it.
_PERMISSION: dict[Attempt, Callable[[Actor, Town], bool]] = {
    Attempt.READ: Actor.may_read_personal_data,
    Attempt.SEARCH: Actor.may_read_personal_data,
    Attempt.EXPORT: Actor.may_read_personal_data,
    Attempt.HISTORY: Actor.may_read_personal_data,
    Attempt.EDIT: Actor.may_edit,
    Attempt.CREATE: Actor.may_edit,
    Attempt.COUNT: Actor.may_view_aggregates,
    Attempt.DELETE: Actor.may_administer,
    Attempt.LIST_DUE: Actor.may_administer,
    # Administrators set up sources: they see the structure, values only the town's case managers.
    Attempt.INSPECT: _reads_or_administers,
    # Moving a case writes into both towns' spreadsheets: checked for each of them.
    Attempt.TRANSFER: Actor.may_edit,
}


def may(actor: Actor, town: Town, attempt: Attempt) -> bool:
    """Whether the attempt would be allowed; for choosing what to offer, never as the check."""
    return _PERMISSION[attempt](actor, town)


def check_access(
    source: TownSource,
    actor: Actor,
    attempt: Attempt,
    record_id: str | None = None,
    now: datetime | None = None,
) -> None:
    """Raise AccessDenied, noted as „verweigert“ in the town's Protokoll, unless allowed."""
    if not may(actor, source.town, attempt):
        raise refuse(source, actor, attempt, record_id, now=now)


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
