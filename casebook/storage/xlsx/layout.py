"""Writes a new town workbook with the schema's worksheets, formats and dropdown lists."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import xlsxwriter
from pydantic import BaseModel
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from casebook.storage.cells import CellValue
from sheets_schema import SHEETS, Case, FieldKind, FieldSpec, SheetName, field_specs
from sheets_schema.types import EXCEL_TEXT_LIMIT, cell_text

NOTICE_SHEET = "Hinweis"
LISTS_SHEET = "Listen"

DATE_FORMAT = "DD.MM.YYYY"
TIMESTAMP_FORMAT = "DD.MM.YYYY HH:MM"
TEXT_FORMAT = "@"

# Columns whose digits must stay text: a leading zero (01067, 0170 …) is part of the value.
TEXT_FORMAT_FIELDS: Mapping[type[BaseModel], frozenset[str]] = {
    Case: frozenset({"postcode", "phone"}),
}

_LAST_ROW = 1_048_575  # 0-based index of Excel's last row (1048576)
_WIDTHS: Mapping[FieldKind, float] = {
    FieldKind.TEXT: 18,
    FieldKind.LONG_TEXT: 40,
    FieldKind.DATE: 12,
    FieldKind.TIMESTAMP: 17,
    FieldKind.NUMBER: 10,
    FieldKind.YES_NO: 10,
    FieldKind.CHOICE: 18,
    FieldKind.MULTI_CHOICE: 36,
    FieldKind.TEXT_LIST: 24,
}
_MAX_CHOICE_WIDTH = 40
_VALIDATION_TITLE = "Unbekannter Wert"
_VALIDATION_MESSAGE = (
    "Dieser Wert steht nicht in der Liste für „{header}“. Bitte einen Wert aus der Liste "
    "wählen. Andere Werte können Sie trotzdem speichern; die App zeigt sie als Fehler an."
)
_XLSX_TITLE_LIMIT = 32
_XLSX_MESSAGE_LIMIT = 255


class UnknownColumn(ValueError):
    """A row names a column the worksheet's schema does not have."""

    def __init__(self, sheet: str, header: str) -> None:
        super().__init__(f"{sheet}: unknown column {header!r}")
        self.sheet = sheet
        self.header = header


class CellTextTooLong(ValueError):
    """A text is longer than a spreadsheet cell can hold."""

    def __init__(self, sheet: str, row: int, header: str, length: int) -> None:
        super().__init__(f"{sheet} row {row}, {header}: {length} characters")
        self.sheet = sheet
        self.row = row
        self.header = header
        self.length = length


Rows = Mapping[SheetName, Sequence[Mapping[str, CellValue]]]


def create_workbook(path: Path, rows: Rows | None = None, *, notice: str | None = None) -> None:
    """Write a new workbook at `path`; raises FileExistsError rather than replace a file.

    The file appears only once it is complete: it is written to a temporary file in the same
    folder first, so a crash never leaves a half-written workbook behind.
    """
    path = Path(path)
    if path.exists():
        raise FileExistsError(path)
    # Not mkstemp: its 0600 mode would make the workbook unreadable for colleagues on a share.
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        _write(temp, rows or {}, notice)
        _publish(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def _publish(temp: Path, path: Path) -> None:
    """Move the finished file into place without ever replacing an existing one."""
    try:
        # A hard link fails atomically if `path` appeared meanwhile (another app instance).
        path.hardlink_to(temp)
    except FileExistsError:
        raise
    except OSError:
        # Some network drives have no hard links; a last check narrows the race to a moment.
        if path.exists():
            raise FileExistsError(path) from None
        temp.replace(path)


class _Formats:
    """The cell formats of one workbook (xlsxwriter formats belong to their workbook)."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.header = book.add_format(
            {"bold": True, "bg_color": "#DCE6F1", "bottom": 1, "valign": "top"}
        )
        self.date = book.add_format({"num_format": DATE_FORMAT})
        self.timestamp = book.add_format({"num_format": TIMESTAMP_FORMAT})
        self.text = book.add_format({"num_format": TEXT_FORMAT})
        self.notice = book.add_format({"bold": True, "font_size": 14, "text_wrap": True})

    def column(self, spec: FieldSpec, text_fields: frozenset[str]) -> Any:
        if spec.name in text_fields:
            return self.text
        if spec.kind is FieldKind.DATE:
            return self.date
        if spec.kind is FieldKind.TIMESTAMP:
            return self.timestamp
        return None


def _write(target: Path, rows: Rows, notice: str | None) -> None:
    book = xlsxwriter.Workbook(
        str(target),
        {
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "remove_timezone": True,
        },
    )
    formats = _Formats(book)
    if notice is not None:
        sheet = book.add_worksheet(NOTICE_SHEET)
        sheet.set_column(0, 0, 100)
        sheet.write_string(0, 0, notice, formats.notice)
    lists = _Lists()
    for name in SheetName:
        sheet = book.add_worksheet(name.value)
        _write_sheet(sheet, name, rows.get(name, ()), formats, lists)
    lists_sheet = book.add_worksheet(LISTS_SHEET)
    lists.write(lists_sheet, formats.header)
    lists_sheet.hide()
    book.close()


class _Lists:
    """The hidden worksheet of dropdown values, one column per distinct list."""

    def __init__(self) -> None:
        self._columns: dict[tuple[str, ...], tuple[int, str]] = {}

    def source(self, sheet: SheetName, spec: FieldSpec) -> str:
        """The range formula a validation points to, adding the list on first use."""
        if spec.options not in self._columns:
            self._columns[spec.options] = (len(self._columns), f"{sheet.value}: {spec.header}")
        index, _ = self._columns[spec.options]
        letter = xl_col_to_name(index)
        return f"={LISTS_SHEET}!${letter}$2:${letter}${len(spec.options) + 1}"

    def write(self, sheet: Worksheet, header_format: Any) -> None:
        for options, (index, title) in self._columns.items():
            sheet.write_string(0, index, title, header_format)
            for offset, option in enumerate(options, start=1):
                sheet.write_string(offset, index, option)
            sheet.set_column(index, index, max(len(title), *map(len, options)) + 2)


def _width(spec: FieldSpec) -> float:
    width = _WIDTHS[spec.kind]
    if spec.kind is FieldKind.CHOICE and spec.options:
        width = min(max(width, max(map(len, spec.options)) + 3), _MAX_CHOICE_WIDTH)
    return max(width, len(spec.header) + 4)  # room for the autofilter button


def _write_sheet(
    sheet: Worksheet,
    name: SheetName,
    rows: Sequence[Mapping[str, CellValue]],
    formats: _Formats,
    lists: _Lists,
) -> None:
    model = SHEETS[name].model
    specs = field_specs(model)
    text_fields = TEXT_FORMAT_FIELDS.get(model, frozenset())
    column_of = {spec.header: index for index, spec in enumerate(specs)}
    for index, spec in enumerate(specs):
        sheet.set_column(index, index, _width(spec), formats.column(spec, text_fields))
        sheet.write_string(0, index, spec.header, formats.header)
        if spec.kind is FieldKind.CHOICE:
            _add_dropdown(sheet, index, name, spec, lists)
    sheet.freeze_panes(1, 0)
    # Header only: rows the app appends later would fall outside a range fixed to today's data.
    sheet.autofilter(0, 0, 0, len(specs) - 1)
    for row_index, row in enumerate(rows, start=1):
        for header, value in row.items():
            column = column_of.get(header)
            if column is None:
                raise UnknownColumn(name.value, header)
            _write_cell(sheet, row_index, column, specs[column], value, formats, text_fields)


def _add_dropdown(
    sheet: Worksheet, column: int, name: SheetName, spec: FieldSpec, lists: _Lists
) -> None:
    options: dict[str, Any] = {
        "validate": "list",
        "source": lists.source(name, spec),
        "error_type": "warning",
        "error_title": _VALIDATION_TITLE,
        "error_message": _VALIDATION_MESSAGE.format(header=spec.header)[:_XLSX_MESSAGE_LIMIT],
    }
    if spec.help:
        options["input_title"] = spec.header[:_XLSX_TITLE_LIMIT]
        options["input_message"] = spec.help[:_XLSX_MESSAGE_LIMIT]
    sheet.data_validation(1, column, _LAST_ROW, column, options)


def _write_cell(
    sheet: Worksheet,
    row: int,
    column: int,
    spec: FieldSpec,
    value: CellValue,
    formats: _Formats,
    text_fields: frozenset[str],
) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        value = cell_text(value)  # ja/nein, as the app writes yes/no cells
    if isinstance(value, str):
        if len(value) > EXCEL_TEXT_LIMIT:
            raise CellTextTooLong(sheet.name, row + 1, spec.header, len(value))
        # write_string, never write(): a text starting with "=" must not become a formula.
        sheet.write_string(row, column, value, formats.column(spec, text_fields))
    elif isinstance(value, datetime):
        has_time = value.time() != datetime.min.time()
        fmt = formats.timestamp if has_time or spec.kind is FieldKind.TIMESTAMP else formats.date
        sheet.write_datetime(row, column, value, fmt)
    elif isinstance(value, date):
        sheet.write_datetime(row, column, value, formats.date)
    else:
        sheet.write_number(row, column, value)
