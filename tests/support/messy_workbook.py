"""A town's own workbook as people keep it: title rows, empty rows, their headers, own columns."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import openpyxl

TITLE = "KIM Moers – Fallliste 2025"
HEADERS = (
    "Fall-Nr.",
    "Name",
    "Vorname",
    "Geb.-Datum",
    "Herkunftsland",
    "Status ",
    "Sprachmittlung",
    "Interne Notiz",
    "Aufnahme",
    "Kommune",
    "Tel.",
)
HEADER_ROW = 4
# Row numbers in the sheet: a title, a date line and an empty row above the headers,
# an empty row between the first two cases.
ROWS: dict[int, Sequence[object]] = {
    5: ("KIM-MOE-2025-0001", "Shevchenko", "Olena", "1.2.85", "Ukraine", "aktiv", "x",
        "Akte Schrank 3", 45292, "Moers", "0170 1234567"),
    7: ("KIM-MOE-2025-0002", "Haidari", "Karim", datetime(1990, 4, 1), "Afghanistan",
        "Aktiv", "", "", "2024-02-01", "Moers", ""),
    8: ("KIM-MOE-2025-0003", "Yilmaz", "Ayse", "31.02.2024", "Türkei", "Aktiv", "nein",
        "", "03/07/2024", "Moers", ""),
}  # fmt: skip
AUDIT_HEADERS = ("Zeitpunkt", "Benutzer", "Aktion", "Blatt", "Datensatz-ID", "Feld", "Alt", "Neu")


def messy_workbook(path: Path, sheet_name: str = "Klienten") -> Path:
    """Moers' workbook with its own layout; a Protokoll sheet for the app's audit entries."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_name
    sheet.cell(1, 1, TITLE)
    sheet.cell(2, 1, "Stand: 01.03.2025")
    for column, header in enumerate(HEADERS, start=1):
        sheet.cell(HEADER_ROW, column, header)
    for number, values in ROWS.items():
        for column, value in enumerate(values, start=1):
            if value != "":
                sheet.cell(number, column, value)
    sheet.cell(7, 4).number_format = "DD.MM.YYYY"
    statistics = book.create_sheet("Statistik")
    statistics.cell(1, 1, "Fälle gesamt")
    statistics.cell(1, 2, 3)
    audit = book.create_sheet("Protokoll")
    for column, header in enumerate(AUDIT_HEADERS, start=1):
        audit.cell(1, column, header)
    book.save(path)
    return path


def read_sheet(path: Path, sheet: str) -> dict[int, tuple[object, ...]]:
    """All rows of a worksheet as openpyxl reads them back, by row number (empty rows left out)."""
    book = openpyxl.load_workbook(path)
    rows = {}
    for number, values in enumerate(book[sheet].iter_rows(values_only=True), start=1):
        if any(value is not None for value in values):
            rows[number] = tuple(values)
    return rows
