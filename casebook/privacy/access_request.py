"""Art. 15 DSGVO: everything stored about the person of a case, as one .xlsx, logged as an export."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from casebook.cases.rows import require_case_id, rows_of_case
from casebook.core.access import Attempt, check_access
from casebook.core.actors import Actor
from casebook.core.audit import append_audit, now_in_seconds
from casebook.core.errors import RecordNotFound
from casebook.core.sources import TownSource
from casebook.storage.base import SheetRow, SheetTable, Snapshot
from casebook.storage.cells import CellValue
from sheets_schema import SheetName
from sheets_schema.enums import AuditAction
from sheets_schema.types import cell_text

INFO_SHEET = "Auskunft"
EXPORT_NOTE = "Auskunft nach Art. 15 DSGVO"


@dataclass(frozen=True)
class AccessExport:
    """The file to hand over, and how many rows of each worksheet it holds."""

    file_name: str
    data: bytes
    rows: dict[SheetName, int]
    case_id: str = ""


class _Writer:
    """Cells written by type; every text with write_string, so „=…“ never becomes a formula."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.header = book.add_format({"bold": True, "bg_color": "#DCE6F1"})
        self.date = book.add_format({"num_format": "DD.MM.YYYY"})
        self.timestamp = book.add_format({"num_format": "DD.MM.YYYY HH:MM"})

    def cell(self, sheet: Worksheet, row: int, column: int, value: CellValue) -> None:
        if value is None or value == "":
            return
        if isinstance(value, bool | str):
            sheet.write_string(row, column, cell_text(value))
        elif isinstance(value, datetime):
            sheet.write_datetime(row, column, value, self.timestamp)
        elif isinstance(value, date):
            sheet.write_datetime(row, column, value, self.date)
        else:
            sheet.write_number(row, column, value)

    def table(self, sheet: Worksheet, table: SheetTable, rows: list[SheetRow]) -> None:
        headers = [h for h in table.headers if h]
        for column, header in enumerate(headers):
            sheet.write_string(0, column, header, self.header)
            sheet.set_column(column, column, max(12, min(40, len(header) + 4)))
        for index, row in enumerate(rows, start=1):
            for column, header in enumerate(headers):
                self.cell(sheet, index, column, row.cells.get(header))


def _workbook(
    town: str, case_id: str, snapshot: Snapshot, found: dict[SheetName, list[SheetRow]],
    actor: Actor, now: datetime,
) -> bytes:  # fmt: skip
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    writer = _Writer(book)
    info = book.add_worksheet(INFO_SHEET)
    info.set_column(0, 0, 28)
    info.set_column(1, 1, 60)
    lines = [
        (EXPORT_NOTE, ""),
        ("Fall-ID", case_id),
        ("Kommune", town),
        ("Erstellt am", cell_text(now)),
        ("Erstellt von", actor.name),
        *((f"Zeilen im Blatt „{sheet.value}“", str(len(rows))) for sheet, rows in found.items()),
    ]
    for index, (label, value) in enumerate(lines):
        info.write_string(index, 0, label, writer.header if index == 0 else None)
        if value:
            info.write_string(index, 1, value)
    for sheet, rows in found.items():
        writer.table(book.add_worksheet(sheet.value), snapshot.table(sheet), rows)
    book.close()
    return buffer.getvalue()


def export_case_data(
    source: TownSource, actor: Actor, case_id: str, now: datetime | None = None
) -> AccessExport:
    """All rows about the case's person in every worksheet, and their Protokoll entries.

    The export is noted in the Protokoll before the file is handed out; if that fails, there
    is no file.
    """
    check_access(source, actor, Attempt.EXPORT, case_id.strip())
    case_id = require_case_id(case_id)
    now = now or now_in_seconds()
    snapshot = source.store.load()
    found = rows_of_case(snapshot, case_id)
    if not found[SheetName.CASES]:
        raise RecordNotFound(SheetName.CASES, case_id)
    data = _workbook(source.town.value, case_id, snapshot, found, actor, now)
    with source.store.transaction([]) as tx:
        append_audit(
            tx, actor, now, AuditAction.EXPORTIERT, SheetName.CASES, case_id, note=EXPORT_NOTE
        )
    stamp = now.strftime("%Y-%m-%d")
    return AccessExport(
        f"Auskunft-{case_id}-{stamp}.xlsx", data, {s: len(r) for s, r in found.items()}, case_id
    )
