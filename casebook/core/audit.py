"""Entries of the Protokoll worksheet: who did what to which record, appended and never changed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from casebook.core.actors import Actor
from casebook.storage.base import Transaction
from casebook.storage.cells import CellValue
from sheets_schema import AuditEntry, SheetName, to_cells
from sheets_schema.enums import AuditAction
from sheets_schema.types import cell_text

Change = tuple[str, CellValue, CellValue]  # column, old value, new value


def now_in_seconds() -> datetime:
    return datetime.now().replace(microsecond=0)


def append_audit(
    tx: Transaction,
    actor: Actor,
    now: datetime,
    action: AuditAction,
    sheet: str,
    record_id: str | None,
    changes: Sequence[Change] | None = None,
    note: str | None = None,
) -> None:
    """One Protokoll row per changed column (or one row without a column); `note` goes to „Neu“."""
    entries: Sequence[Change] = changes or [("", None, note)]
    for column, old, new in entries:
        entry = AuditEntry.model_construct(
            timestamp=now,
            user=actor.name,
            action=action,
            sheet=sheet or None,
            record_id=record_id or None,
            field=column or None,
            old=cell_text(old) or None,
            new=cell_text(new) or None,
        )
        tx.append_row(SheetName.AUDIT, to_cells(entry))
