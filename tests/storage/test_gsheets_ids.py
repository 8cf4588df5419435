"""Two app instances creating a case in the same town at the same moment never share a Fall-ID."""

from __future__ import annotations

import threading
import time
from datetime import datetime

from casebook.cases.services import SaveResult, create_case
from tests.storage.gsheets_helpers import google_source, google_store, town_sheet
from tests.support.builders import TODAY, case_manager
from tests.support.sheets_api import SheetsApiServer

NOW = datetime(2026, 11, 20, 10, 30)
ANNA = case_manager(name="Anna")
BERT = case_manager(name="Bert")


def wait_until_taken(server: SheetsApiServer) -> None:
    """Until a request has picked up the armed delay (it now sleeps on the server)."""
    deadline = time.monotonic() + 5
    while server.faults.pending and time.monotonic() < deadline:
        time.sleep(0.005)


def cases_by_name(server: SheetsApiServer, key: str) -> dict[str, str]:
    grid = server.read_grid(key, "Fälle")
    column = grid[0].index("Nachname")
    return {row[column]: row[0] for row in grid[1:] if len(row) > column}


def logged(server: SheetsApiServer, key: str) -> list[tuple[str, str, str]]:
    return [(row[1], row[2], row[4]) for row in server.read_grid(key, "Protokoll")[1:]]


def test_two_instances_creating_at_once_end_with_different_fall_ids(
    sheets_api: SheetsApiServer,
) -> None:
    key = town_sheet(sheets_api)
    first = google_source(google_store(sheets_api, key))
    second = google_source(google_store(sheets_api, key))
    # Anna's new row stalls on its way to Google, so Bert reads before it lands and draws the
    # same number; his row arrives first.
    sheets_api.delay_next(0.5, method="POST", path=r":append$")
    results: dict[str, SaveResult] = {}

    def anna() -> None:
        results["Anna"] = create_case(first, ANNA, {"Nachname": "Anna"}, TODAY, NOW)

    thread = threading.Thread(target=anna)
    thread.start()
    wait_until_taken(sheets_api)
    results["Bert"] = create_case(second, BERT, {"Nachname": "Bert"}, TODAY, NOW)
    thread.join(timeout=10)

    ids = cases_by_name(sheets_api, key)
    assert ids["Bert"] == "KIM-XAN-2026-0004"
    assert ids["Anna"] == "KIM-XAN-2026-0005"  # the later row took the next free number
    assert logged(sheets_api, key) == [
        ("Bert", "angelegt", "KIM-XAN-2026-0004"),
        ("Anna", "angelegt", "KIM-XAN-2026-0005"),
    ]
    assert results["Bert"].record_id == "KIM-XAN-2026-0004"
    # Anna is shown the number her row really has, so "Neuer Fall" opens her case, not Bert's.
    assert results["Anna"].record_id == "KIM-XAN-2026-0005"


def test_an_id_typed_into_the_sheet_meanwhile_makes_the_new_row_take_the_next_number(
    sheets_api: SheetsApiServer,
) -> None:
    key = town_sheet(sheets_api)
    source = google_source(google_store(sheets_api, key))
    sheets_api.delay_next(0.3, method="POST", path=r":append$")

    def colleague() -> None:
        wait_until_taken(sheets_api)
        sheets_api.edit_cells(key, "'Fälle'!A5", [["KIM-XAN-2026-0004", "Xanten"]])

    thread = threading.Thread(target=colleague)
    thread.start()
    create_case(source, ANNA, {"Nachname": "Anna"}, TODAY, NOW)
    thread.join(timeout=10)

    grid = sheets_api.read_grid(key, "Fälle")
    assert [row[0] for row in grid[1:]] == [
        "KIM-XAN-2026-0001",
        "KIM-XAN-2026-0002",
        "KIM-XAN-2026-0003",
        "KIM-XAN-2026-0004",
        "KIM-XAN-2026-0005",
    ]
    assert cases_by_name(sheets_api, key)["Anna"] == "KIM-XAN-2026-0005"
    assert logged(sheets_api, key) == [("Anna", "angelegt", "KIM-XAN-2026-0005")]


def test_a_number_named_in_the_protokoll_meanwhile_is_not_taken(
    sheets_api: SheetsApiServer,
) -> None:
    key = town_sheet(sheets_api)
    source = google_source(google_store(sheets_api, key))
    sheets_api.delay_next(0.3, method="POST", path=r":append$")

    def deletion_logged() -> None:
        wait_until_taken(sheets_api)
        entry = ["20.11.2026 10:29", "Admin", "gelöscht", "Fälle", "KIM-XAN-2026-0004"]
        sheets_api.edit_cells(key, "'Protokoll'!A2", [entry])

    thread = threading.Thread(target=deletion_logged)
    thread.start()
    create_case(source, ANNA, {"Nachname": "Anna"}, TODAY, NOW)
    thread.join(timeout=10)
    assert cases_by_name(sheets_api, key)["Anna"] == "KIM-XAN-2026-0005"
