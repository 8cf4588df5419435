"""Zugangsweg, Leistungsbezug and Wohnsituation reach the report, protected like every other count."""

from __future__ import annotations

import io
from datetime import date

import openpyxl

from casebook.core.town_data import read_town
from casebook.stats import Figures, build_figures, parse_quarter, town_facts
from casebook.stats.report import build_report
from casebook.stats.report_files import report_xlsx
from casebook.stats.tables import ADMISSIONS, IN_CARE
from sheets_schema import SheetName
from sheets_schema.enums import Town
from tests.stats.handmade import KEYS, Q3_END, TODAY, snapshot
from tests.support.builders import make_case

Q3 = parse_quarter("2026Q3")
JULY, EARLY = date(2026, 7, 15), date(2026, 3, 1)


def xanten() -> list[dict[str, object]]:
    """Nine cases in care in Q3: six admitted in Q3 (four via the Jobcenter), three before."""
    routes = ["Jobcenter"] * 4 + ["Ausländerbehörde", None]
    admitted = [
        make_case(n + 1, admission=JULY, first_contact=JULY, access_route=route,
                  benefits="SGB II", housing="Gemeinschaftsunterkunft")
        for n, route in enumerate(routes)
    ]  # fmt: skip
    earlier = [
        make_case(7, admission=EARLY, first_contact=EARLY, benefits="AsylbLG", housing="wohnungslos"),
        make_case(8, admission=EARLY, first_contact=EARLY, benefits="AsylbLG", housing="eigene Mietwohnung"),
        make_case(9, admission=EARLY, first_contact=EARLY, benefits="unbekannt"),
    ]  # fmt: skip
    return [*admitted, *earlier]


def figures(protected: bool) -> Figures:
    data = read_town(Town.XANTEN, snapshot({SheetName.CASES: xanten()}), TODAY)  # type: ignore[dict-item]
    return build_figures([town_facts(data, Q3_END, KEYS)], Q3, TODAY, protected=protected)


def column(figures: Figures, key: str) -> dict[str, object]:
    table = figures.table(key)
    return {
        row: table.cell(row, "Xanten").value
        for row in table.rows
        if table.cell(row, "Xanten").value
    }


def test_the_zugangsweg_of_the_quarters_admissions_adds_up_to_the_zugaenge() -> None:
    found = figures(protected=False)
    assert column(found, "zugangsweg") == {
        "Jobcenter": 4,
        "Ausländerbehörde": 1,
        "ohne Angabe": 1,
        "Summe": 6,
    }
    assert found.table("ueberblick").cell(ADMISSIONS, "Xanten").value == 6


def test_leistungsbezug_and_wohnsituation_count_every_case_in_care() -> None:
    found = figures(protected=False)
    assert column(found, "leistungsbezug") == {
        "SGB II": 6,
        "AsylbLG": 2,
        "unbekannt": 1,
        "Summe": 9,
    }
    assert column(found, "wohnsituation") == {
        "Gemeinschaftsunterkunft": 6,
        "eigene Mietwohnung": 1,
        "wohnungslos": 1,
        "ohne Angabe": 1,
        "Summe": 9,
    }
    assert found.table("ueberblick").cell(IN_CARE, "Xanten").value == 9


def test_coordinators_never_see_1_or_2_and_the_sums_match_the_overview() -> None:
    found = figures(protected=True)
    overview = found.table("ueberblick")
    for key, same_people in (
        ("zugangsweg", ADMISSIONS),
        ("leistungsbezug", IN_CARE),
        ("wohnsituation", IN_CARE),
    ):
        table = found.table(key)
        values = [row[0].value for row in table.cells]
        assert not {1, 2} & set(values), key
        # The sum row counts the same people as the overview's figure, so the cell-key method
        # publishes the same number: a difference between them would tell something.
        assert table.cell("Summe", "Xanten").value == overview.cell(same_people, "Xanten").value
        # No cell leaves the core with its cell key.
        assert all(cell.key is None for line in table.cells for cell in line), key


def test_the_report_file_has_a_sheet_for_each_new_table() -> None:
    data = report_xlsx(build_report(figures(protected=True), TODAY))
    names = openpyxl.load_workbook(io.BytesIO(data)).sheetnames
    for name in ("Zugänge nach Zugangsweg", "Leistungsbezug", "Wohnsituation"):
        assert name in names
