"""A Xanten case manager cannot read, search, export, change or see the history of Moers cases.

The attempts go through the paths the pages use (ui.loading, ui.stats_loading, the services);
every refusal is one „verweigert“ entry in the Moers Protokoll."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from casebook.cases.history import case_history
from casebook.cases.services import add_child, create_case, load_town, save_record
from casebook.core.access import Attempt as Tried
from casebook.core.actors import Actor
from casebook.core.config import AppConfig
from casebook.core.errors import AccessDenied
from casebook.core.sources import TownSource
from casebook.core.town_data import read_town
from casebook.onboarding.sheet_check import inspect_town
from casebook.privacy.access_request import export_case_data
from casebook.privacy.consent import consent_gaps
from casebook.privacy.retention import delete_case, due_cases
from casebook.search.cases import search_towns
from casebook.stats.reporting import work_lists
from sheets_schema import SheetName
from sheets_schema.enums import Town
from tests.privacy.conftest import Towns, sheet_rows
from tests.support.builders import TODAY, case_manager
from ui.loading import load, load_towns, locate_case, search_index
from ui.session import AppContext
from ui.stats_loading import load_town_facts

NOW = datetime(2026, 11, 20, 10, 30)

Attempt = Callable[[TownSource, Actor], object]


def _context(source: TownSource, actor: Actor) -> AppContext:
    """What a page gets: here a context whose sources include the town tried."""
    return AppContext(AppConfig(sources=(), demo=False), (source,), actor, TODAY)


def _search(sources: list[TownSource], actor: Actor, query: str) -> list[str]:
    """The search of the page „Fälle“: read the towns for a search, then look in their indexes."""
    ctx = AppContext(AppConfig(sources=(), demo=False), tuple(sources), actor, TODAY)
    loaded = load_towns(ctx, None, Tried.SEARCH)
    indexes = {town: search_index(data, TODAY) for town, data in loaded.data.items()}
    return [hit.case_id for hit in search_towns(indexes, query)]


def _work_lists(source: TownSource, actor: Actor) -> object:
    data = read_town(source.town, source.store.load(), TODAY)
    return work_lists(source, data, actor, TODAY)


def _save(source: TownSource, actor: Actor) -> object:
    # The row as a Moers case manager would have loaded it; the Xanten account replays it.

    row = load_town(source, case_manager(Town.MOERS), TODAY).case("KIM-MOE-2026-0001")
    assert row is not None
    return save_record(source, actor, row, {"Telefon": "0170 0"}, TODAY, {"KIM-MOE-2026-0001"})


ATTEMPTS: dict[str, tuple[Attempt, str]] = {
    "read": (lambda s, a: load_town(s, a, TODAY), "lesen"),
    "open the case list": (lambda s, a: load(s, a, TODAY), "lesen"),
    "open one case": (lambda s, a: locate_case(_context(s, a), "KIM-MOE-2026-0001"), "lesen"),
    "search": (lambda s, a: _search([s], a, "Petrenko"), "durchsuchen"),
    "export": (lambda s, a: export_case_data(s, a, "KIM-MOE-2026-0001", NOW), "exportieren"),
    "history": (lambda s, a: case_history(s, a, "KIM-MOE-2026-0001"), "im Protokoll einsehen"),
    "consent list": (lambda s, a: consent_gaps(s, a, TODAY), "lesen"),
    "change": (_save, "ändern"),
    "create": (lambda s, a: create_case(s, a, {"Nachname": "X"}, TODAY, NOW), "anlegen"),
    "add contact": (
        lambda s, a: add_child(s, a, SheetName.CONTACTS, "KIM-MOE-2026-0001", {}, TODAY, NOW),
        "anlegen",
    ),
    "list due cases": (lambda s, a: due_cases(s, a, TODAY), "zur Löschung auflisten"),
    "delete": (lambda s, a: delete_case(s, a, "KIM-MOE-2026-0002", TODAY, NOW), "löschen"),
    "figures": (lambda s, a: load_town_facts(_context(s, a), [s.town], TODAY), "auswerten"),
    "work lists": (_work_lists, "lesen"),
    "check the sheet": (lambda s, a: inspect_town(s, a, NOW), "in der Tabelle prüfen"),
}


@pytest.mark.parametrize("name", list(ATTEMPTS))
def test_a_xanten_account_is_refused_every_use_of_moers_cases(
    towns: Towns, xanten_manager: Actor, name: str
) -> None:
    attempt, verb = ATTEMPTS[name]
    before = sheet_rows(towns.moers_path, "Fälle")
    with pytest.raises(AccessDenied) as refused:
        attempt(towns.moers, xanten_manager)
    assert (refused.value.town, refused.value.action) == ("Moers", verb)
    assert refused.value.logged
    assert sheet_rows(towns.moers_path, "Fälle") == before
    (entry,) = [e for e in sheet_rows(towns.moers_path, "Protokoll") if e["Aktion"] == "verweigert"]
    assert entry["Benutzer"] == "Xanten Fallmanagerin"
    assert entry["Neu"] == f"{verb} (Fallmanagement)"


def test_the_same_account_may_do_all_of_it_in_xanten(towns: Towns, xanten_manager: Actor) -> None:
    assert len(load_town(towns.xanten, xanten_manager, TODAY).cases) == 2
    assert _search([towns.xanten], xanten_manager, "KIM-XAN-2026-0002")[0] == "KIM-XAN-2026-0002"
    export_case_data(towns.xanten, xanten_manager, "KIM-XAN-2026-0001", NOW)
    assert all(e["Aktion"] != "verweigert" for e in sheet_rows(towns.xanten_path, "Protokoll"))


def test_a_search_over_several_towns_is_refused_as_a_whole(
    towns: Towns, xanten_manager: Actor
) -> None:
    with pytest.raises(AccessDenied):
        _search([towns.xanten, towns.moers], xanten_manager, "Muster")


@pytest.mark.parametrize("name", ["read", "search", "export", "history", "change"])
def test_a_coordinator_gets_no_personal_data_of_any_town(
    towns: Towns, coordinator: Actor, name: str
) -> None:
    attempt, _ = ATTEMPTS[name]
    with pytest.raises(AccessDenied):
        attempt(towns.moers, coordinator)


@pytest.mark.parametrize("name", ["read", "export", "change", "history"])
def test_an_administrator_gets_no_personal_data_either(
    towns: Towns, administrator: Actor, name: str
) -> None:
    attempt, _ = ATTEMPTS[name]
    with pytest.raises(AccessDenied):
        attempt(towns.moers, administrator)


def test_a_refusal_stands_when_the_protokoll_cannot_be_written(
    towns: Towns, xanten_manager: Actor
) -> None:
    lock = towns.moers_path.with_name(f"~${towns.moers_path.name}")
    lock.write_text("Excel")
    with pytest.raises(AccessDenied) as refused:
        load_town(towns.moers, xanten_manager, TODAY)
    assert not refused.value.logged


def test_opening_a_moers_fall_id_from_xanten_is_refused_and_logged_in_moers(
    towns: Towns, xanten_manager: Actor
) -> None:
    # As the app wires it: the page gets only Xanten's source; Moers is merely configured.
    ctx = AppContext(
        AppConfig(sources=(), demo=False),
        (towns.xanten,),
        xanten_manager,
        TODAY,
        configured=(towns.xanten, towns.moers),
    )
    with pytest.raises(AccessDenied) as refused:
        locate_case(ctx, "KIM-MOE-2026-0001")
    assert (refused.value.town, refused.value.logged) == ("Moers", True)
    (entry,) = sheet_rows(towns.moers_path, "Protokoll")
    assert (entry["Aktion"], entry["Benutzer"], entry["Datensatz-ID"]) == (
        "verweigert",
        "Xanten Fallmanagerin",
        "KIM-MOE-2026-0001",
    )
    assert sheet_rows(towns.xanten_path, "Protokoll") == []


def test_an_administrator_may_check_the_sheet_but_gets_no_values(
    towns: Towns, administrator: Actor
) -> None:
    report = inspect_town(towns.moers, administrator, NOW)
    assert "Petrenko" not in repr(report) and "0170" not in repr(report)
    (entry,) = sheet_rows(towns.moers_path, "Protokoll")
    assert (entry["Aktion"], entry["Benutzer"]) == ("eingesehen", "Kreis Administration")
