"""Reporting periods: a quarter, a year or any from–to range of whole days."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

MONTH_NAMES = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
_QUARTER = re.compile(r"^\s*(\d{4})\s*[-/ ]?\s*Q([1-4])\s*$", re.IGNORECASE)


class InvalidPeriod(ValueError):
    """A period that cannot be read or ends before it starts; `text` is what was given."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(f"{reason} (gefunden: „{text}“)")
        self.text = text
        self.reason = reason


def _fmt(day: date) -> str:
    return day.strftime("%d.%m.%Y")


@dataclass(frozen=True)
class Month:
    """A calendar month, labelled the German way („Juli 2026“)."""

    year: int
    month: int

    @property
    def label(self) -> str:
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"

    def contains(self, day: date) -> bool:
        return day.year == self.year and day.month == self.month


@dataclass(frozen=True)
class Period:
    """The days start … end, both included."""

    start: date
    end: date
    label: str

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidPeriod(self.label, "Das Ende liegt vor dem Beginn")

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def months(self) -> tuple[Month, ...]:
        return tuple(_months(self.start, self.end))

    @property
    def span(self) -> str:
        return f"{_fmt(self.start)}–{_fmt(self.end)}"


def _months(start: date, end: date) -> Iterator[Month]:
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        yield Month(year, month)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def quarter(year: int, number: int) -> Period:
    """The quarter `number` (1–4) of `year`, labelled „3. Quartal 2026“."""
    if not 1 <= number <= 4:
        raise InvalidPeriod(f"{year}Q{number}", "Ein Quartal ist 1 bis 4")
    start = date(year, 3 * number - 2, 1)
    next_start = date(year + 1, 1, 1) if number == 4 else date(year, 3 * number + 1, 1)
    return Period(start, next_start - timedelta(days=1), f"{number}. Quartal {year}")


def parse_quarter(text: str) -> Period:
    """„2026Q3“ (also „2026-Q3“, „2026 q3“) as a period."""
    match = _QUARTER.match(text)
    if not match:
        raise InvalidPeriod(text, "Bitte ein Quartal wie „2026Q3“ angeben")
    return quarter(int(match[1]), int(match[2]))


def year(number: int) -> Period:
    return Period(date(number, 1, 1), date(number, 12, 31), f"Jahr {number}")


def between(start: date, end: date) -> Period:
    return Period(start, end, f"{_fmt(start)} bis {_fmt(end)}")


def quarter_of(day: date) -> Period:
    return quarter(day.year, (day.month - 1) // 3 + 1)


def month(year_number: int, number: int) -> Period:
    """The calendar month `number` (1–12) of `year_number`, labelled „Juli 2026“."""
    if not 1 <= number <= 12:
        raise InvalidPeriod(f"{year_number}-{number}", "Ein Monat ist 1 bis 12")
    start = date(year_number, number, 1)
    following = date(year_number + 1, 1, 1) if number == 12 else date(year_number, number + 1, 1)
    return Period(start, following - timedelta(days=1), Month(year_number, number).label)


def is_calendar_unit(period: Period) -> bool:
    """True for a whole calendar month, quarter or year: the periods coordinators may ask for.

    Free ranges would let two periods one day apart be subtracted to single out a person.
    """
    start, end = period.start, period.end
    following = end + timedelta(days=1)
    if start.day != 1 or following.day != 1:
        return False
    months = (following.year - start.year) * 12 + following.month - start.month
    if months == 1:
        return True
    if months == 3:
        return start.month % 3 == 1
    return months == 12 and start.month == 1
