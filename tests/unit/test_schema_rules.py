"""Each rule of DOMAIN.md gives its German message on the right column, with the right severity."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from casebook.core.town_data import parse_record
from sheets_schema import Severity, SheetName
from tests.support.builders import TODAY, make_case, make_contact, make_goal, make_referral

CASE_IDS = {"KIM-XAN-2026-0001"}


def problems_of(
    sheet: SheetName, cells: dict[str, Any]
) -> list[tuple[str, str | None, Severity, str]]:
    _, problems, _ = parse_record(sheet, cells, TODAY, CASE_IDS)
    return [(p.code, p.column, p.severity, p.message) for p in problems]


def test_a_valid_case_has_no_problems() -> None:
    assert problems_of(SheetName.CASES, make_case(1)) == []


E, W = Severity.ERROR, Severity.WARNING

CASE_RULES = [
    # (overrides, code, column, severity, part of the German message)
    ({"status": "Warteschleife"}, "list_value", "Status", E, "Unbekannter Wert „Warteschleife“"),
    (
        {"birth_date": "31.02.2024"},
        "date_not_existing",
        "Geburtsdatum",
        E,
        "Das Datum „31.02.2024“ gibt es nicht",
    ),
    (
        {"admission": date(2025, 12, 1)},
        "date_order",
        "Aufnahme",
        E,
        "„Aufnahme“ darf nicht vor „Erstkontakt“",
    ),
    (
        {"status": "Abgeschlossen", "closing": date(2026, 1, 1), "closing_reason": "Wegzug"},
        "date_order",
        "Abschluss",
        E,
        "„Abschluss“ darf nicht vor „Aufnahme“",
    ),
    (
        {
            "status": "Abgeschlossen",
            "closing": TODAY + timedelta(days=1),
            "closing_reason": "Wegzug",
        },
        "date_in_future",
        "Abschluss",
        E,
        "nicht in der Zukunft",
    ),
    (
        {"status": "Abgeschlossen", "closing_reason": "Wegzug"},
        "closed_needs_date",
        "Abschluss",
        E,
        "Abschlussdatum",
    ),
    (
        {"status": "Abgeschlossen", "closing": date(2026, 5, 1)},
        "closed_needs_reason",
        "Abschlussgrund",
        E,
        "Abschlussgrund",
    ),
    (
        {"closing": date(2026, 5, 1)},
        "closing_date_needs_status",
        "Abschluss",
        E,
        "nur bei Status „Abgeschlossen“",
    ),
    (
        {"household_size": 2, "children_under_18": 2},
        "children_vs_household",
        "Kinder unter 18",
        E,
        "kleiner",
    ),
    ({"postcode": "4650"}, "postcode", "PLZ", E, "5 Ziffern"),
    ({"case_id": "XAN-7"}, "case_id", "Fall-ID", E, "KIM-XAN-2026-0007"),
    ({"case_id": "KIM-MOE-2026-0001"}, "case_id_town", "Fall-ID", E, "passt nicht zur Kommune"),
    ({"last_name": None}, "required", "Nachname", E, "Pflichtfeld"),
    ({"needs_interpreter": "vielleicht"}, "yes_no", "Sprachmittlung nötig", E, "„ja“ oder „nein“"),
    ({"household_size": "drei"}, "whole_number", "Haushaltsgröße", E, "ganze Zahl"),
    (
        {"consent_given": date(2026, 3, 1), "consent_withdrawn": date(2026, 2, 1)},
        "consent_order",
        "Einwilligung widerrufen am",
        E,
        "Widerruf",
    ),
    ({"postcode": "47441"}, "postcode_town", "PLZ", W, "47441 liegt nicht in Xanten"),
    ({"birth_date": date(2010, 1, 1)}, "minor", "Geburtsdatum", W, "minderjährig (16 Jahre)"),
    (
        {"residence_valid_until": TODAY + timedelta(days=30)},
        "residence_expires",
        "Aufenthalt gültig bis",
        W,
        "in 30 Tagen",
    ),
    (
        {"follow_up": TODAY - timedelta(days=1)},
        "follow_up_overdue",
        "Wiedervorlage",
        W,
        "überfällig",
    ),
    (
        {"consent_given": None},
        "no_consent",
        "Einwilligung erteilt am",
        W,
        "ohne Datum der Einwilligung",
    ),
    (
        {"consent_withdrawn": date(2026, 6, 1)},
        "consent_withdrawn",
        "Einwilligung widerrufen am",
        W,
        "widerrufen",
    ),
]


@pytest.mark.parametrize(("overrides", "code", "column", "severity", "text"), CASE_RULES)
def test_case_rule_reports_german_message(
    overrides: dict[str, Any], code: str, column: str, severity: Severity, text: str
) -> None:
    found = problems_of(SheetName.CASES, make_case(1, **overrides))
    matching = [p for p in found if p[0] == code]
    assert matching, f"no {code} in {found}"
    assert matching[0][1] == column
    assert matching[0][2] is severity
    assert text in matching[0][3]


CHILD_RULES = [
    (
        SheetName.CONTACTS,
        make_contact("KIM-XAN-2026-0001", duration_minutes=481),
        "number_range",
        "Dauer (Min)",
        "1 bis 480",
    ),
    (
        SheetName.CONTACTS,
        make_contact("KIM-XAN-2026-0001", duration_minutes=0),
        "number_range",
        "Dauer (Min)",
        "1 bis 480",
    ),
    (
        SheetName.CONTACTS,
        make_contact("KIM-XAN-2026-0099"),
        "unknown_case",
        "Fall-ID",
        "„KIM-XAN-2026-0099“ gibt es",
    ),
    (
        SheetName.CONTACTS,
        make_contact("KIM-XAN-2026-0001", kind="Brief"),
        "list_value",
        "Art",
        "„Brief“",
    ),
    (
        SheetName.REFERRALS,
        make_referral(
            "KIM-XAN-2026-0001", passes_on_data="ja", release_from_confidentiality="nein"
        ),
        "referral_needs_release",
        "Schweigepflichtentbindung",
        "Schweigepflichtentbindung",
    ),
    (
        SheetName.GOALS,
        make_goal("KIM-XAN-2026-0001", agreed_on=date(2026, 1, 2)),
        "goal_not_reviewed",
        "Überprüft am",
        "90 Tagen",
    ),
]


@pytest.mark.parametrize(("sheet", "cells", "code", "column", "text"), CHILD_RULES)
def test_child_rule_reports_german_message(
    sheet: SheetName, cells: dict[str, Any], code: str, column: str, text: str
) -> None:
    found = problems_of(sheet, cells)
    matching = [p for p in found if p[0] == code]
    assert matching, f"no {code} in {found}"
    assert matching[0][1] == column
    assert text in matching[0][3]


@pytest.mark.parametrize(
    ("sheet", "cells"),
    [
        (SheetName.CONTACTS, make_contact("KIM-XAN-2026-0001")),
        (SheetName.GOALS, make_goal("KIM-XAN-2026-0001", reviewed_on=date(2026, 11, 1))),
        (
            SheetName.REFERRALS,
            make_referral(
                "KIM-XAN-2026-0001", passes_on_data="ja", release_from_confidentiality="x"
            ),
        ),
    ],
)
def test_valid_child_rows_have_no_problems(sheet: SheetName, cells: dict[str, Any]) -> None:
    assert problems_of(sheet, cells) == []


def test_a_closed_case_is_not_warned_about_its_old_follow_up() -> None:
    closed = make_case(
        1,
        status="Abgeschlossen",
        closing=date(2026, 6, 1),
        closing_reason="Wegzug",
        follow_up=date(2026, 7, 1),
    )
    assert [p for p in problems_of(SheetName.CASES, closed) if p[0] == "follow_up_overdue"] == []
