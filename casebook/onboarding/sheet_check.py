"""„Tabelle prüfen“ on a town's configured spreadsheet: allowed, noted in its Protokoll, and
values (names, phones, even a headerless sheet's first row) only for the town's case managers."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from casebook.core.access import Attempt, check_access, may
from casebook.core.actors import Actor
from casebook.core.audit import append_audit, now_in_seconds
from casebook.core.sources import TownSource
from casebook.onboarding.inspect import ColumnReport, SheetReport, WorkbookReport, inspect_store
from casebook.storage.mapped import MappedStore
from casebook.storage.mapping import Recognition
from sheets_schema.enums import AuditAction

INSPECT_NOTE = "Tabelle geprüft (Kopfzeilen, Spalten, Beispielwerte)"


def _column_without_values(column: ColumnReport) -> ColumnReport:
    match = column.match
    # An unrecognised "header" may be a data row (a sheet without headers): names, phones.
    hidden = match.recognition is Recognition.UNKNOWN
    return replace(
        column,
        match=replace(match, header="") if hidden else match,
        samples=(),
        examples=(),
    )


def _sheet_without_values(sheet: SheetReport, number: int) -> SheetReport:
    if sheet.sheet is None:  # not the app's sheet: even its name is the town's business
        return replace(sheet, name=f"Blatt {number}")
    columns = tuple(_column_without_values(column) for column in sheet.columns)
    return replace(sheet, columns=columns, preview=())


def without_values(report: WorkbookReport) -> WorkbookReport:
    """The report's structure only: recognised headers, counts; no cell values, no own headers."""
    sheets = tuple(_sheet_without_values(s, n) for n, s in enumerate(report.sheets, start=1))
    return replace(report, sheets=sheets)


def inspect_town(source: TownSource, actor: Actor, now: datetime | None = None) -> WorkbookReport:
    """Read the town's source as it is and report what the app recognises in it.

    The town's case managers and administrators may check; only case managers get values. The
    check is noted as „eingesehen“ in the town's Protokoll before the report is handed out; if
    that fails, there is no report.
    """
    check_access(source, actor, Attempt.INSPECT)
    store = source.store if isinstance(source.store, MappedStore) else MappedStore(source.store)
    report = inspect_store(store)
    with source.store.transaction([]) as tx:
        append_audit(
            tx, actor, now or now_in_seconds(), AuditAction.EINGESEHEN, "", None, note=INSPECT_NOTE
        )
    return report if may(actor, source.town, Attempt.READ) else without_values(report)
