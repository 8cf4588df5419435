"""Work lists of a case manager's own town: Wiedervorlagen due this week, residence titles ending."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from casebook.core.town_data import TownData
from sheets_schema import Case
from sheets_schema.enums import CaseStatus
from sheets_schema.rules import RESIDENCE_WARNING_DAYS


@dataclass(frozen=True)
class WorkItem:
    """A case to look at: when, and how many days from today (negative: overdue, expired)."""

    case_id: str
    name: str
    case_manager: str | None
    due: date
    days: int


def end_of_week(today: date) -> date:
    """The Sunday of today's week."""
    return today + timedelta(days=6 - today.weekday())


def _item(case: Case, due: date, today: date) -> WorkItem:
    name = ", ".join(part for part in (case.last_name, case.first_name) if part)
    return WorkItem(str(case.case_id), name, case.case_manager, due, (due - today).days)


def _open_cases(data: TownData) -> list[Case]:
    return [
        row.record
        for row in data.cases
        if row.record.case_id and row.record.status is not CaseStatus.ABGESCHLOSSEN
    ]


def follow_ups_due(data: TownData, today: date) -> list[WorkItem]:
    """Open cases whose Wiedervorlage is this week or earlier (overdue ones first)."""
    last = end_of_week(today)
    items = [
        _item(case, case.follow_up, today)
        for case in _open_cases(data)
        if case.follow_up is not None and case.follow_up <= last
    ]
    return sorted(items, key=lambda item: (item.due, item.case_id))


def residence_expiring(
    data: TownData, today: date, days: int = RESIDENCE_WARNING_DAYS
) -> list[WorkItem]:
    """Open cases whose residence title ends within `days` days or has already ended."""
    last = today + timedelta(days=days)
    items = [
        _item(case, case.residence_valid_until, today)
        for case in _open_cases(data)
        if case.residence_valid_until is not None and case.residence_valid_until <= last
    ]
    return sorted(items, key=lambda item: (item.due, item.case_id))
