"""A Xanten case manager cannot read, search, export, change or see the history of Moers cases."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from casebook.access_request import export_case_data
from casebook.actors import Actor
from casebook.case_history import case_history
from casebook.case_lookup import read_case, search_cases
from casebook.consent import consent_gaps
from casebook.errors import AccessDenied
from casebook.retention import delete_case, due_cases
from casebook.services import add_child, create_case, load_town, save_record
from casebook.town_source import TownSource
from sheets_schema import SheetName
from sheets_schema.enums import Town
from tests.privacy.conftest import Towns, sheet_rows
from tests.support.builders import TODAY, case_manager

NOW = datetime(2026, 11, 20, 10, 30)

Attempt = Callable[[TownSource, Actor], object]


def _save(source: TownSource, actor: Actor) -> object:
    # The row as a Moers case manager would have loaded it; the Xanten account replays it.

    row = load_town(source, case_manager(Town.MOERS), TODAY).case("KIM-MOE-2026-0001")
    assert row is not None
    return save_record(source, actor, row, {"Telefon": "0170 0"}, TODAY, {"KIM-MOE-2026-0001"})


ATTEMPTS: dict[str, tuple[Attempt, str]] = {
    "read": (lambda s, a: load_town(s, a, TODAY), "lesen"),
    "read one case": (lambda s, a: read_case(s, a, "KIM-MOE-2026-0001", TODAY), "lesen"),
    "search": (lambda s, a: search_cases([s], a, "Petrenko", TODAY), "durchsuchen"),
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
    hits = search_cases([towns.xanten], xanten_manager, "KIM-XAN-2026-0002", TODAY)
    assert hits[0].case_id == "KIM-XAN-2026-0002"
    export_case_data(towns.xanten, xanten_manager, "KIM-XAN-2026-0001", NOW)
    assert all(e["Aktion"] != "verweigert" for e in sheet_rows(towns.xanten_path, "Protokoll"))


def test_a_search_over_several_towns_is_refused_as_a_whole(
    towns: Towns, xanten_manager: Actor
) -> None:
    with pytest.raises(AccessDenied):
        search_cases([towns.xanten, towns.moers], xanten_manager, "Muster", TODAY)


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
