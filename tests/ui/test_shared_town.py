"""Every session and the coordinator's figures use the server's one copy of a town, which follows
the app's own saves; a change made outside the app is read in full."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from casebook.cases.services import save_record
from casebook.core.actors import Actor, Role
from casebook.core.sources import TownSource
from casebook.stats.reporting import load_facts
from casebook.storage.xlsx.store import WorkbookStore
from sheets_schema import Case, header_of
from sheets_schema.enums import Town
from tests.support.builders import TODAY, case_manager, make_case, town_workbook
from ui.loading import follow_save, held_town, load

CASE_MANAGER = case_manager(Town.XANTEN)
COORDINATOR = Actor("Koordination", Role.COORDINATION, frozenset(Town))
REFERENCE_DAY = date(2026, 9, 30)


def _source(tmp_path: Path) -> TownSource:
    cases = [make_case(1), make_case(2), make_case(3, status="Ruhend")]
    return TownSource(Town.XANTEN, WorkbookStore(town_workbook(tmp_path / "x.xlsx", cases)))


def _save(source: TownSource, status: str) -> None:
    data = load(source, CASE_MANAGER, TODAY)
    row = data.cases[0]
    form = {header_of(Case, "status"): status}
    result = save_record(
        source, CASE_MANAGER, row, form, TODAY, data.case_ids(), now=datetime(2026, 11, 20, 10)
    )
    assert follow_save(result.writes)


def test_after_a_save_every_session_gets_the_followed_copy_without_a_read(tmp_path: Path) -> None:
    source = _source(tmp_path)
    before = load(source, CASE_MANAGER, TODAY)
    _save(source, "Ruhend")
    after = load(source, CASE_MANAGER, TODAY)
    assert after is not before
    assert after.version == source.store.version()
    assert after.cases[0].record.status.value == "Ruhend"
    # Another session (here: the coordinator's figures) is handed the same copy.
    assert held_town(source, TODAY)() is after


def test_the_coordinators_figures_after_a_save_equal_those_of_a_fresh_read(tmp_path: Path) -> None:
    source = _source(tmp_path)
    load(source, CASE_MANAGER, TODAY)
    _save(source, "Ruhend")
    shared = load_facts(source, COORDINATOR, TODAY, REFERENCE_DAY, loaded=held_town(source, TODAY))
    own = TownSource(Town.XANTEN, WorkbookStore(tmp_path / "x.xlsx"))
    assert shared == load_facts(own, COORDINATOR, TODAY, REFERENCE_DAY)


def test_a_change_made_outside_the_app_replaces_the_held_copy(tmp_path: Path) -> None:
    source = _source(tmp_path)
    held = load(source, CASE_MANAGER, TODAY)
    # Another server (its own store) saves the same workbook.
    elsewhere = TownSource(Town.XANTEN, WorkbookStore(tmp_path / "x.xlsx"))
    form = {header_of(Case, "last_name"): "Anders"}
    save_record(elsewhere, CASE_MANAGER, held.cases[1], form, TODAY, held.case_ids())
    after = load(source, CASE_MANAGER, TODAY)
    assert after.cases[1].record.last_name == "Anders"
    assert held_town(source, TODAY)() is after
