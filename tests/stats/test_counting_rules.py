"""Hand-computed figures of the hand-made Xanten for the 3rd quarter 2026 (see handmade.py)."""

from __future__ import annotations

from datetime import date

import pytest

from casebook.stats import Figures, Note, build_figures, parse_quarter, town_facts
from casebook.stats.tables import (
    ADMISSIONS,
    CLOSINGS,
    CONTACT_CASES,
    CONTACTS,
    CONTACTS_PER_CASE,
    GOAL_RATE,
    IN_CARE,
    MEDIAN_DAYS,
    MEDIATED,
    MEDIATED_SHARE,
    PEOPLE,
    stock_label,
)
from tests.stats.handmade import KEYS, Q3_END, TODAY, moers, xanten

XAN = "Xanten"
Q3 = parse_quarter("2026Q3")


@pytest.fixture(scope="module")
def figures() -> Figures:
    return build_figures([town_facts(xanten(), Q3_END, KEYS)], Q3, TODAY, protected=False)


def value(figures: Figures, table: str, row: str, column: str = XAN) -> object:
    return figures.table(table).cell(row, column).value


def column(figures: Figures, table: str, column: str = XAN) -> dict[str, object]:
    found = figures.table(table)
    return {row: found.cell(row, column).value for row in found.rows}


def test_zugaenge_count_admissions_on_the_first_and_the_last_day_of_the_quarter(
    figures: Figures,
) -> None:
    assert value(figures, "ueberblick", ADMISSIONS) == 2
    assert column(figures, "zugaenge_monat") == {
        "Juli 2026": 1,
        "August 2026": 0,
        "September 2026": 1,
        "Summe": 2,
    }


def test_abgaenge_count_closings_on_boundary_days_but_not_the_reopened_case(
    figures: Figures,
) -> None:
    assert value(figures, "ueberblick", CLOSINGS) == 3
    assert column(figures, "abgaenge_monat") == {
        "Juli 2026": 1,
        "August 2026": 1,
        "September 2026": 1,
        "Summe": 3,
    }


def test_abgaenge_without_reason_count_as_ohne_angabe(figures: Figures) -> None:
    reasons = column(figures, "abgaenge_grund")
    assert reasons["Ziele erreicht"] == 1
    assert reasons["Wegzug"] == 1
    assert reasons["ohne Angabe"] == 1
    assert reasons["Summe"] == 3


def test_bestand_on_the_last_day_leaves_out_a_case_closed_that_day(figures: Figures) -> None:
    # Cases 1, 2 (admitted that day), 3 (Ruhend), 8 (reopened), 14.
    assert value(figures, "ueberblick", stock_label(date(2026, 9, 30))) == 5
    assert value(figures, "bestand_fallmanagement", "Anna Beispiel") == 5


def test_people_reached_sum_household_sizes_and_count_an_empty_one_as_one(
    figures: Figures,
) -> None:
    assert value(figures, "ueberblick", IN_CARE) == 8
    assert value(figures, "ueberblick", PEOPLE) == 4 + 1 + 2 + 3 + 3 + 3 + 3 + 1


def test_structure_counts_cases_in_care_and_merges_spellings(figures: Figures) -> None:
    assert column(figures, "geschlecht") == {
        "weiblich": 2,
        "männlich": 1,
        "divers": 0,
        "keine Angabe": 0,
        "ohne Angabe": 5,
        "Summe": 8,
    }
    nationalities = column(figures, "staatsangehoerigkeit")
    assert nationalities == {"ukrainisch": 2, "syrisch": 1, "ohne Angabe": 5}
    residence = column(figures, "aufenthalt")
    assert residence["vorübergehender Schutz"] == 2
    assert residence["offen"] == 1
    assert residence["ohne Angabe"] == 5
    assert column(figures, "deutschniveau")["A1"] == 1


def test_age_groups_are_taken_on_the_stock_day(figures: Figures) -> None:
    ages = column(figures, "altersgruppen")
    # Born 01.10.2008: still 17 on 30.09.2026; born 30.09.2008: 18 that day.
    assert ages["unter 18"] == 1
    assert ages["18–26"] == 1
    assert ages["27–44"] == 6


def test_handlungsfelder_are_shares_of_the_cases_in_care(figures: Figures) -> None:
    fields = column(figures, "handlungsfelder")
    assert fields["Sprache"] == 7
    assert fields["Wohnen"] == 6
    assert fields["Ausbildung/Arbeit/Anerkennung"] == 1
    assert value(figures, "handlungsfelder_anteil", "Sprache") == pytest.approx(7 / 8)


def test_goals_met_divide_reached_and_partly_reached_by_closed_goals(figures: Figures) -> None:
    assert column(figures, "ziele") == {
        "erreicht": 1,
        "teilweise erreicht": 1,
        "nicht erreicht": 1,
        "verworfen": 0,
        "Summe": 3,
    }
    assert value(figures, "kennzahlen", GOAL_RATE) == pytest.approx(2 / 3)


def test_median_days_from_aufnahme_to_abschluss_of_the_abgaenge(figures: Figures) -> None:
    assert value(figures, "kennzahlen", MEDIAN_DAYS) == 136


def test_contacts_per_case_and_share_with_sprachmittlung(figures: Figures) -> None:
    assert column(figures, "kontakte") == {CONTACTS: 4, MEDIATED: 2, CONTACT_CASES: 3}
    assert value(figures, "kennzahlen", CONTACTS_PER_CASE) == pytest.approx(4 / 3)
    assert value(figures, "kennzahlen", MEDIATED_SHARE) == pytest.approx(0.5)


def test_referrals_by_partner_and_result(figures: Figures) -> None:
    cross = figures.table("vermittlungen_partner_ergebnis")
    assert cross.cell("Jobcenter", "angenommen").value == 1
    assert cross.cell("Jobcenter", "abgelehnt").value == 1
    assert cross.cell("Sozialamt", "ohne Angabe").value == 1
    assert cross.cell("Summe", "Summe").value == 3


def test_every_row_counted_specially_or_left_out_is_listed_with_its_reason(
    figures: Figures,
) -> None:
    assert column(figures, "hinweise") == {
        Note.CASE_DATES.value: 2,
        Note.CASE_NO_ADMISSION.value: 1,
        Note.REOPENED.value: 1,
        Note.NO_REASON.value: 1,
        Note.HOUSEHOLD.value: 1,
        Note.CONTACT.value: 2,
        Note.GOAL_UNDATED.value: 1,
        Note.REFERRAL.value: 1,
    }


def test_the_kreis_column_adds_up_the_towns() -> None:
    facts = [town_facts(xanten(), Q3_END, KEYS), town_facts(moers(), Q3_END, KEYS)]
    figures = build_figures(facts, Q3, TODAY, protected=False)
    assert figures.columns == ("Xanten", "Moers", "Gesamt")
    assert value(figures, "ueberblick", ADMISSIONS, "Moers") == 5
    assert value(figures, "ueberblick", ADMISSIONS, "Gesamt") == 7
    assert value(figures, "ueberblick", CLOSINGS, "Gesamt") == 4
    assert value(figures, "kennzahlen", MEDIAN_DAYS, "Gesamt") == pytest.approx((136 + 200) / 2)
