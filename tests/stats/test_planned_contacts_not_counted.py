"""An appointment marked „Geplant“ is not a contact held: the contact figures leave it out."""

from __future__ import annotations

from datetime import date

from casebook.core.town_data import read_town
from casebook.stats import build_figures, parse_quarter, town_facts
from casebook.stats.tables import CONTACT_CASES, CONTACTS
from sheets_schema import SheetName
from sheets_schema.enums import Town
from tests.stats.handmade import KEYS, Q3_END, TODAY, snapshot
from tests.support.builders import make_case, make_contact

CASE = "KIM-XAN-2026-0001"


def test_a_planned_appointment_in_the_quarter_is_not_counted_as_a_contact() -> None:
    data = read_town(
        Town.XANTEN,
        snapshot(
            {
                SheetName.CASES: [make_case(1, admission=date(2026, 1, 12))],
                SheetName.CONTACTS: [
                    make_contact(CASE, 1, date=date(2026, 7, 3)),
                    make_contact(CASE, 2, date=date(2026, 8, 3)),
                    make_contact(CASE, 3, date=date(2026, 9, 3), planned="ja"),
                ],
            }
        ),
        TODAY,
    )
    figures = build_figures(
        [town_facts(data, Q3_END, KEYS)], parse_quarter("2026Q3"), TODAY, protected=False
    )
    table = figures.table("kontakte")
    assert table.cell(CONTACTS, "Xanten").value == 2
    assert table.cell(CONTACT_CASES, "Xanten").value == 1
