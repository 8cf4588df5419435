"""The service entry points: figures for coordinators are protected, names only for case managers."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from casebook.core.actors import Actor, Role
from casebook.core.errors import AccessDenied
from casebook.core.sources import TownSource
from casebook.core.town_data import read_town
from casebook.stats import InvalidPeriod, between, parse_quarter, year
from casebook.stats.period import month
from casebook.stats.record_keys import RecordKeys
from casebook.stats.reporting import figures, load_facts, quarterly_report, work_lists
from casebook.storage.xlsx.store import WorkbookStore
from sheets_schema import SheetName
from sheets_schema.enums import Town
from tests.stats.handmade import KEYS, TODAY, snapshot, xanten_cases
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
    """Xanten has 2 Zugänge: coordinators never see a 1 or 2, the town's case managers do."""
    published = set()
    for secret in range(30):
        keys = RecordKeys(f"installation {secret:02d} secret".encode())
        facts = [load_facts(source, COORDINATOR, TODAY, date(2026, 9, 30), keys)]
        cell = figures(facts, COORDINATOR, Q3, TODAY).table("ueberblick").cell("Zugänge", "Xanten")
        published.add(cell.value)
    assert published <= {0, 3, 4, 5, 6, 7, 8, 9, 10}
    assert {0, 3} <= published  # it is not always the same number: it depends on the secret
    facts = [load_facts(source, CASE_MANAGER, TODAY, date(2026, 9, 30), KEYS)]
    cell = figures(facts, CASE_MANAGER, Q3, TODAY).table("ueberblick").cell("Zugänge", "Xanten")
    assert cell.value == 2


def test_coordinators_get_whole_months_quarters_and_years_only(source: TownSource) -> None:
    facts = [load_facts(source, COORDINATOR, TODAY, date(2026, 9, 30), KEYS)]
    for allowed in (month(2026, 8), Q3, year(2026)):
        assert figures(facts, COORDINATOR, allowed, TODAY).protected
    for free in (between(date(2026, 7, 1), date(2026, 9, 29)), between(Q3.start, Q3.start)):
        with pytest.raises(InvalidPeriod, match="ganze Monate, Quartale oder Jahre"):
            figures(facts, COORDINATOR, free, TODAY)
    own = [load_facts(source, CASE_MANAGER, TODAY, date(2026, 9, 29), KEYS)]
    free = between(date(2026, 7, 1), date(2026, 9, 29))
    assert figures(own, CASE_MANAGER, free, TODAY).table("ueberblick").cell("Zugänge", "Xanten")


def test_facts_carry_no_personal_fields(source: TownSource) -> None:
    facts = load_facts(source, COORDINATOR, TODAY, date(2026, 9, 30), KEYS)
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


def test_work_lists_show_follow_ups_of_this_week_and_titles_ending_within_90_days(
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
        make_case(5, residence_valid_until=today + timedelta(days=90)),
        make_case(6, residence_valid_until=today + timedelta(days=91)),
        make_case(7, residence_valid_until=today - timedelta(days=1)),
    ]
    data = read_town(Town.XANTEN, snapshot({SheetName.CASES: cases}), today)
    lists = work_lists(source, data, CASE_MANAGER, today)
    assert [(i.case_id[-1], i.days) for i in lists.follow_ups] == [("3", -16), ("1", 4)]
    assert [(i.case_id[-1], i.days) for i in lists.residence] == [("7", -1), ("5", 90)]
    assert lists.follow_ups[0].name == "Muster3, Olena"
