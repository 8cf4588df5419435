"""A contact dated in the future is an appointment only when marked „Geplant“; 90 days for titles."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from casebook.core.town_data import parse_record
from sheets_schema import Severity, SheetName
from tests.support.builders import TODAY, make_case, make_contact

CASE_ID = "KIM-XAN-2026-0001"


def problems_of(sheet: SheetName, cells: dict[str, Any]) -> list[tuple[str, Severity, str]]:
    _, problems, _ = parse_record(sheet, cells, TODAY, {CASE_ID})
    return [(p.code, p.severity, p.message) for p in problems]


def test_a_contact_next_week_without_geplant_is_refused_with_a_next_step() -> None:
    cells = make_contact(CASE_ID, date=TODAY + timedelta(days=7))
    [(code, severity, text)] = problems_of(SheetName.CONTACTS, cells)
    assert (code, severity) == ("contact_in_future", Severity.ERROR)
    assert "„Geplant“ auf „ja“" in text


def test_a_planned_contact_next_week_is_an_appointment_without_problems() -> None:
    cells = make_contact(CASE_ID, date=TODAY + timedelta(days=7), planned="ja")
    assert problems_of(SheetName.CONTACTS, cells) == []


def test_a_planned_contact_that_has_passed_asks_to_record_it_but_may_be_saved() -> None:
    cells = make_contact(CASE_ID, date=TODAY - timedelta(days=2), planned="x")
    [(code, severity, text)] = problems_of(SheetName.CONTACTS, cells)
    assert (code, severity) == ("appointment_passed", Severity.WARNING)
    assert (TODAY - timedelta(days=2)).strftime("%d.%m.%Y") in text


def test_a_planned_contact_today_is_neither_future_nor_passed() -> None:
    cells = make_contact(CASE_ID, date=TODAY, planned="ja")
    assert problems_of(SheetName.CONTACTS, cells) == []


def test_a_residence_title_ending_in_75_days_is_already_flagged() -> None:
    # Ausländerbehörden need more than 60 days' lead time for a renewal appointment.
    cells = make_case(1, residence_valid_until=TODAY + timedelta(days=75))
    codes = [code for code, _, _ in problems_of(SheetName.CASES, cells)]
    assert codes == ["residence_expires"]


def test_a_residence_title_ending_in_95_days_is_not_flagged_yet() -> None:
    cells = make_case(1, residence_valid_until=TODAY + timedelta(days=95))
    assert problems_of(SheetName.CASES, cells) == []
