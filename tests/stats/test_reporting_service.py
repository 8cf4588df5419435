"""The service entry points: figures for coordinators are protected, names only for case managers."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from casebook.actors import Actor, Role
from casebook.errors import AccessDenied
from casebook.reporting import figures, load_facts, quarterly_report, work_lists
from casebook.stats import parse_quarter
from casebook.storage.xlsx import WorkbookStore
from casebook.town_data import read_town
from casebook.town_source import TownSource
from sheets_schema import SheetName
from sheets_schema.enums import Town
from tests.stats.handmade import TODAY, snapshot, xanten_cases
from tests.support.builders import make_case, town_workbook

Q3 = parse_quarter("2026Q3")
COORDINATOR = Actor("Koordination", Role.COORDINATION, frozenset(Town))
CASE_MANAGER = Actor("Fallmanagerin", Role.CASE_MANAGEMENT, frozenset({Town.XANTEN}))
ADMIN = Actor("Admin", Role.ADMINISTRATION, frozenset(Town))


@pytest.fixture
def source(tmp_path: Path) -> TownSource:
    path = town_workbook(tmp_path / "xanten.xlsx", xanten_cases())
    return TownSource(Town.XANTEN, WorkbookStore(path))


def test_coordinators_get_protected_figures_and_case_managers_their_own_unprotected(
    source: TownSource,
) -> None:
    for actor, shown in ((COORDINATOR, "<3"), (CASE_MANAGER, 2)):
        facts = [load_facts(source, actor, TODAY, date(2026, 9, 30))]
        cell = figures(facts, actor, Q3, TODAY).table("ueberblick").cell("Zugänge", "Xanten")
        assert (cell.hidden.value if cell.hidden else cell.value) == shown


def test_facts_carry_no_personal_fields(source: TownSource) -> None:
    facts = load_facts(source, COORDINATOR, TODAY, date(2026, 9, 30))
    text = repr(facts)
    for personal in ("Muster1", "Olena", "1990", "0170", "46509", "KIM-XAN"):
        assert personal not in text


@pytest.mark.parametrize(
    "actor",
    [ADMIN, Actor("Fallmanager Moers", Role.CASE_MANAGEMENT, frozenset({Town.MOERS}))],
)
def test_figures_of_a_town_are_refused_to_administrators_and_other_towns(
    source: TownSource, actor: Actor
) -> None:
    with pytest.raises(AccessDenied):
        quarterly_report([source], actor, Q3, TODAY)


def test_work_lists_are_refused_to_coordinators_and_the_refusal_is_logged(
    source: TownSource,
) -> None:
    data = read_town(Town.XANTEN, snapshot({SheetName.CASES: xanten_cases()}), TODAY)
    with pytest.raises(AccessDenied) as refused:
        work_lists(source, data, COORDINATOR, TODAY)
    assert refused.value.logged
    protokoll = source.store.load().table(SheetName.AUDIT).rows
    assert [(r.cells["Aktion"], r.cells["Benutzer"]) for r in protokoll] == [
        ("verweigert", "Koordination")
    ]


def test_work_lists_show_follow_ups_of_this_week_and_titles_ending_within_60_days(
    source: TownSource,
) -> None:
    today = date(2026, 11, 18)  # a Wednesday; the week ends on Sunday 22.11.
    cases = [
        make_case(1, follow_up=date(2026, 11, 22)),
        make_case(2, follow_up=date(2026, 11, 23)),
        make_case(3, follow_up=date(2026, 11, 2)),
        make_case(
            4,
            follow_up=date(2026, 11, 19),
            status="Abgeschlossen",
            closing=date(2026, 11, 1),
            closing_reason="Wegzug",
        ),
        make_case(5, residence_valid_until=today + timedelta(days=60)),
        make_case(6, residence_valid_until=today + timedelta(days=61)),
        make_case(7, residence_valid_until=today - timedelta(days=1)),
    ]
    data = read_town(Town.XANTEN, snapshot({SheetName.CASES: cases}), today)
    lists = work_lists(source, data, CASE_MANAGER, today)
    assert [(i.case_id[-1], i.days) for i in lists.follow_ups] == [("3", -16), ("1", 4)]
    assert [(i.case_id[-1], i.days) for i in lists.residence] == [("7", -1), ("5", 60)]
    assert lists.follow_ups[0].name == "Muster3, Olena"
