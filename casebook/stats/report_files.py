"""The report as files: an .xlsx workbook with one sheet per table, or a zip of CSV files."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from typing import Any

import xlsxwriter

from casebook.stats.formatting import EMPTY, format_cell
from casebook.stats.report import Report, sheet_names
from casebook.stats.table import Cell, Kind, StatTable

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_MIME = "application/zip"
ABOUT_SHEET = "Bericht"
# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER_FORMATS = {
    Kind.COUNT: "#,##0",
    Kind.SHARE: "0.0%",
    Kind.DAYS: "#,##0.0",
    Kind.RATIO: "0.00",
}
_HEADER_ROW = 4  # 0-based: title, period line, note, blank, then the header


def neutralise(text: str) -> str:
    """Text that a spreadsheet program shows as text, never runs as a formula."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


class _Styles:
    def __init__(self, book: Any) -> None:
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.subtitle = book.add_format({"italic": True, "font_color": "#555555"})
        self.header = book.add_format(
            {"bold": True, "bg_color": "#DDE7F0", "bottom": 1, "text_wrap": True, "valign": "top"}
        )
        self.label = book.add_format({"text_wrap": True, "valign": "top"})
        self.hidden = book.add_format({"align": "right", "font_color": "#7A4B00"})
        self.numbers = {
            kind: book.add_format({"num_format": fmt}) for kind, fmt in _NUMBER_FORMATS.items()
        }


def _write_cell(sheet: Any, row: int, col: int, cell: Cell, styles: _Styles) -> None:
    if cell.hidden is not None:
        sheet.write_string(row, col, cell.hidden.value, styles.hidden)
    elif cell.value is None:
        sheet.write_string(row, col, EMPTY, styles.hidden)
    else:
        sheet.write_number(row, col, cell.value, styles.numbers[cell.kind])


def _write_table(book: Any, name: str, table: StatTable, report: Report, styles: _Styles) -> None:
    sheet = book.add_worksheet(name)
    # write_string everywhere: labels come from the sheets (names, nationalities) and must
    # never become formulas.
    sheet.write_string(0, 0, table.title, styles.title)
    sheet.write_string(1, 0, f"{report.title} · {report.figures.period.span}", styles.subtitle)
    if table.note:
        sheet.write_string(2, 0, table.note, styles.subtitle)
    sheet.write_string(_HEADER_ROW, 0, table.row_header, styles.header)
    for c, column in enumerate(table.columns, start=1):
        sheet.write_string(_HEADER_ROW, c, column, styles.header)
    for r, (label, line) in enumerate(zip(table.rows, table.cells, strict=True), start=1):
        sheet.write_string(_HEADER_ROW + r, 0, label, styles.label)
        for c, cell in enumerate(line, start=1):
            _write_cell(sheet, _HEADER_ROW + r, c, cell, styles)
    sheet.set_column(0, 0, 46)
    sheet.set_column(1, len(table.columns), 14)
    sheet.freeze_panes(_HEADER_ROW + 1, 1)


def report_xlsx(report: Report) -> bytes:
    """The report as an .xlsx workbook: a sheet „Bericht“, then one sheet per table."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    styles = _Styles(book)
    about = book.add_worksheet(ABOUT_SHEET)
    about.write_string(0, 0, report.title, styles.title)
    for r, (label, text) in enumerate(report.about(), start=2):
        about.write_string(r, 0, label, styles.header)
        about.write_string(r, 1, text, styles.label)
    about.set_column(0, 0, 20)
    about.set_column(1, 1, 100)
    names = sheet_names([t.key for t in report.figures.tables])
    for table in report.figures.tables:
        _write_table(book, names[table.key], table, report, styles)
    book.close()
    return buffer.getvalue()


def csv_rows(table: StatTable) -> Iterator[list[str]]:
    """A table as CSV rows: the header, then one row per label; text neutralised."""
    yield [neutralise(table.row_header), *(neutralise(c) for c in table.columns)]
    for label, line in zip(table.rows, table.cells, strict=True):
        yield [neutralise(label), *(format_cell(cell) for cell in line)]


def _csv_bytes(rows: Iterator[list[str]]) -> bytes:
    text = io.StringIO()
    # Semicolons and a BOM: German Excel opens such a file with umlauts and decimal commas.
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerows(rows)
    return text.getvalue().encode("utf-8-sig")


def report_csv_zip(report: Report) -> bytes:
    """The report as a zip of CSV files: 00_bericht.csv, then one numbered file per table."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        about = ([neutralise(label), neutralise(text)] for label, text in report.about())
        archive.writestr("00_bericht.csv", _csv_bytes(about))
        for number, table in enumerate(report.figures.tables, start=1):
            archive.writestr(f"{number:02d}_{table.key}.csv", _csv_bytes(csv_rows(table)))
    return buffer.getvalue()
