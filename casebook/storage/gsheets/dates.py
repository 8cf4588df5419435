"""Dates as a Google Sheet's locale shows them: read without guessing, and a date stays a date."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from casebook.storage.base import SheetRow, SheetTable
from casebook.storage.cells import CellValue

_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_EPOCH = datetime(1899, 12, 30)  # day 0 of Sheets' date serial numbers
# Locales whose date format Sheets shows as M/d/yyyy; the others with slashes put the day first.
_MONTH_FIRST = frozenset({"en_US", "es_US", "en_PH", "fil_PH"})
_DAY_FIRST = frozenset(
    {"en_GB", "en_AU", "en_IE", "en_NZ", "en_IN", "fr_FR", "es_ES", "it_IT", "pt_BR", "pt_PT"}
)


class DateOrder(StrEnum):
    """How a locale writes a date with slashes."""

    MONTH_FIRST = "M/d/yyyy"
    DAY_FIRST = "d/M/yyyy"


def date_order(locale: str) -> DateOrder | None:
    """The slashed date format of a spreadsheet locale; None where Sheets shows dates otherwise
    (de_DE: 31.12.2026), which the lenient reader reads unambiguously anyway."""
    if locale in _MONTH_FIRST:
        return DateOrder.MONTH_FIRST
    if locale in _DAY_FIRST:
        return DateOrder.DAY_FIRST
    return None


def shown_date(text: object, order: DateOrder | None) -> date | datetime | None:
    """The date (with time, if shown) a cell shows in the locale's slashed format, else None."""
    if order is None or not isinstance(text, str):
        return None
    match = _SLASHED.match(text.strip())
    if match is None:
        return None
    first, second, year = int(match[1]), int(match[2]), int(match[3])
    month, day = (first, second) if order is DateOrder.MONTH_FIRST else (second, first)
    try:
        if match[4] is None:
            return date(year, month, day)
        return datetime(year, month, day, int(match[4]), int(match[5]), int(match[6] or 0))
    except ValueError:
        return None


def read_dates(table: SheetTable, order: DateOrder | None) -> SheetTable:
    """The table with every cell that shows a date in the locale's format as that date: in an
    en_US sheet 3/4/2026 is the 4th of March, not an ambiguous text."""
    if order is None:
        return table
    rows = []
    for row in table.rows:
        cells: dict[str, CellValue] = {}
        for header, value in row.cells.items():
            shown = shown_date(value, order)
            cells[header] = value if shown is None else shown
        rows.append(SheetRow(row.number, cells))
    return replace(table, rows=tuple(rows))


class Serial(float):
    """A date as Sheets' serial number, sent RAW into a cell that holds a real date: the cell
    keeps its date format, so it stays a date (German text would turn it into text)."""

    order: DateOrder

    def __new__(cls, moment: date | datetime, order: DateOrder) -> Serial:
        if not isinstance(moment, datetime):
            moment = datetime(moment.year, moment.month, moment.day)
        delta = moment - _EPOCH
        serial = super().__new__(cls, delta.days + delta.seconds / 86400)
        serial.order = order
        return serial

    def moment(self) -> datetime:
        return _EPOCH + timedelta(days=float(self))

    def shown_in(self, text: str | None) -> bool:
        """Whether a cell read as text shows this date (with its time, if it shows one)."""
        shown = shown_date(text, self.order)
        if shown is None:
            return False
        moment = self.moment()
        if isinstance(shown, datetime):
            return abs((shown - moment).total_seconds()) < 1
        return shown == moment.date()
