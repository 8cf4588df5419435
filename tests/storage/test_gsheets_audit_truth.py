"""A Google save whose Protokoll entry fails or lands late: told truthfully, written once."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from casebook.cases.services import create_case, load_town, save_record
from casebook.core.sources import TownSource
from casebook.storage.gsheets.retry import RetryPolicy
from tests.storage.gsheets_helpers import google_source, google_store, kinds, town_sheet
from tests.support.builders import TODAY, case_manager
from tests.support.sheets_api import SheetsApiServer
from ui.editing import attempt, changed_text

NOW = datetime(2026, 11, 20, 10, 30)
LATER = datetime(2026, 11, 20, 10, 45)
ACTOR = case_manager(name="Frau Test")
APPEND = r":append$"
# Patient enough to wait for a request that Google applies after the client stopped waiting.
PATIENT = RetryPolicy(budget_seconds=3.0, first_wait=0.05, max_wait=0.2)


def protocol(sheets_api: SheetsApiServer, key: str) -> list[list[Any]]:
    return sheets_api.read_grid(key, "Protokoll")[1:]


def save_phone(source: TownSource, phone: str, now: datetime = NOW) -> Any:
    data = load_town(source, ACTOR, TODAY)
    base = data.case("KIM-XAN-2026-0002")
    assert base is not None
    return save_record(source, ACTOR, base, {"Telefon": phone}, TODAY, data.case_ids(), now)


def test_a_save_whose_protokoll_append_fails_says_saved_and_the_next_save_adds_the_entry(
    sheets_api: SheetsApiServer,
) -> None:
    key = town_sheet(sheets_api)
    source = google_source(google_store(sheets_api, key))
    load_town(source, ACTOR, TODAY)
    sheets_api.fail_next(429, times=1000, path=APPEND)  # quota gone until the next minute

    result = save_phone(source, "0151 7654321")

    assert result.audit_pending  # the caller learns the truth instead of "not saved"
    assert "0151 7654321" in sheets_api.read_grid(key, "Fälle")[2]
    assert protocol(sheets_api, key) == []
    sheets_api.faults.clear()

    later = save_phone(source, "0151 1111111", LATER)

    assert not later.audit_pending
    entries = protocol(sheets_api, key)
    assert [(e[0], e[5], e[7]) for e in entries] == [
        ("20.11.2026 10:30", "Telefon", "0151 7654321"),
        ("20.11.2026 10:45", "Telefon", "0151 1111111"),
    ]
    assert entries[0][8] != entries[1][8]  # each save keeps its own Vorgang


def test_the_form_shows_saved_with_the_missing_protokoll_entry_explained(
    sheets_api: SheetsApiServer,
) -> None:
    key = town_sheet(sheets_api)
    source = google_source(google_store(sheets_api, key))
    load_town(source, ACTOR, TODAY)
    sheets_api.fail_next(500, times=1000, path=APPEND)

    outcome = attempt(lambda: save_phone(source, "0151 7654321"), changed_text)

    assert outcome.ok
    assert outcome.message.startswith("Gespeichert: Telefon.")
    assert "Protokoll" in outcome.message and "nächsten Speichern nach" in outcome.message


def test_a_protokoll_append_that_google_applies_after_the_timeout_is_not_written_twice(
    sheets_api: SheetsApiServer,
) -> None:
    key = town_sheet(sheets_api)
    source = google_source(google_store(sheets_api, key, timeout=0.3, retry=PATIENT))
    load_town(source, ACTOR, TODAY)
    sheets_api.delay_next(1.0, path=APPEND)  # applied after one second, answered too late

    result = save_phone(source, "0151 7654321")

    assert not result.audit_pending
    time.sleep(1.0)  # nothing else may still arrive
    assert [e[7] for e in protocol(sheets_api, key)] == ["0151 7654321"]
    assert kinds(sheets_api).count("append") == 1


def test_a_new_case_that_google_applies_after_the_timeout_exists_once(
    sheets_api: SheetsApiServer,
) -> None:
    key = town_sheet(sheets_api)
    source = google_source(google_store(sheets_api, key, timeout=0.3, retry=PATIENT))
    load_town(source, ACTOR, TODAY)
    sheets_api.delay_next(1.0, path=APPEND)  # the case row's append

    result = create_case(source, ACTOR, {"Nachname": "Neu"}, TODAY, NOW)

    time.sleep(1.0)
    grid = sheets_api.read_grid(key, "Fälle")
    column = grid[0].index("Nachname")
    assert [row[column] for row in grid[1:]].count("Neu") == 1
    assert [e[4] for e in protocol(sheets_api, key)] == [result.record_id]


def test_an_entry_that_arrived_after_the_app_gave_up_is_not_written_again_later(
    sheets_api: SheetsApiServer,
) -> None:
    key = town_sheet(sheets_api)
    hasty = RetryPolicy(budget_seconds=0.2, first_wait=0.05, max_wait=0.1)
    source = google_source(google_store(sheets_api, key, timeout=0.2, retry=hasty))
    load_town(source, ACTOR, TODAY)
    sheets_api.delay_next(0.8, path=APPEND)

    first = save_phone(source, "0151 7654321")
    assert first.audit_pending  # the app stopped waiting before Google applied the entry
    time.sleep(1.0)  # … which then arrived
    assert len(protocol(sheets_api, key)) == 1

    save_phone(source, "0151 1111111", LATER)

    assert [e[7] for e in protocol(sheets_api, key)] == ["0151 7654321", "0151 1111111"]


def test_a_new_case_whose_protokoll_append_fails_exists_and_says_so(
    sheets_api: SheetsApiServer,
) -> None:
    key = town_sheet(sheets_api)
    source = google_source(google_store(sheets_api, key))
    load_town(source, ACTOR, TODAY)
    sheets_api.fail_next(503, times=1000, path=r"Protokoll.*:append$")

    result = create_case(source, ACTOR, {"Nachname": "Neu"}, TODAY, NOW)

    assert result.audit_pending
    assert [row[0] for row in sheets_api.read_grid(key, "Fälle")].count(result.record_id) == 1
    assert protocol(sheets_api, key) == []
    sheets_api.faults.clear()
    save_phone(source, "0151 7654321", LATER)
    assert [(e[2], e[4]) for e in protocol(sheets_api, key)] == [
        ("angelegt", result.record_id),
        ("geändert", "KIM-XAN-2026-0002"),
    ]
