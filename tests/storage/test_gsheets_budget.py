"""Requests per use case on a Google Sheet, counted on the stand-in: the quota budget holds."""

from __future__ import annotations

from datetime import datetime

import pytest

from casebook.cases.services import add_child, create_case, load_town, save_record
from casebook.core.errors import DuplicateRecord, RecordNotFound
from casebook.storage.gsheets.a1 import column_letters
from casebook.storage.gsheets.retry import RetryPolicy
from sheets_schema import AuditEntry, Case, SheetName, headers
from tests.storage.gsheets_helpers import QUICK, google_source, google_store, kinds, town_sheet
from tests.storage.harness import GoogleSheetsHarness
from tests.support.builders import TODAY, case_manager, make_case
from tests.support.sheets_api import SheetsApiServer

NOW = datetime(2026, 11, 20, 10, 30)


def letter(header: str) -> str:
    return column_letters(headers(Case).index(header) + 1)


AUDIT_ID = column_letters(headers(AuditEntry).index("Datensatz-ID") + 1)


ACTOR = case_manager(name="Frau Test")


class Clock:
    """A clock the test moves forward by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_cold_load_costs_one_metadata_request_and_one_batch_get(
    sheets_api: SheetsApiServer,
) -> None:
    store = google_store(sheets_api, town_sheet(sheets_api))
    sheets_api.reset_log()
    snapshot = store.load()
    assert kinds(sheets_api) == ["metadata", "batchGet"]
    assert set(snapshot.tables) == {s.value for s in SheetName}
    ranges = sheets_api.requests[-1].query["ranges"]
    assert ranges == ["'Fälle'", "'Kontakte'", "'Ziele'", "'Vermittlungen'", "'Protokoll'"]
    assert sheets_api.requests[-1].query["valueRenderOption"] == ["FORMATTED_VALUE"]


def test_reruns_within_the_cache_time_cost_nothing_and_a_later_one_reads_again(
    sheets_api: SheetsApiServer,
) -> None:
    clock = Clock()
    policy = RetryPolicy(budget_seconds=1, first_wait=0.01, max_wait=0.05, clock=clock)
    store = google_store(sheets_api, town_sheet(sheets_api), retry=policy, cache_seconds=60)
    source = google_source(store)
    load_town(source, ACTOR, TODAY)
    sheets_api.reset_log()
    for _ in range(5):
        clock.now += 5
        version = store.version()
        assert load_town(source, ACTOR, TODAY).version == version
    assert kinds(sheets_api) == []
    clock.now += 60
    load_town(source, ACTOR, TODAY)
    assert kinds(sheets_api) == ["batchGet"]  # the worksheet list is not fetched again


def test_a_save_costs_one_read_one_batch_update_and_one_append(
    sheets_api: SheetsApiServer,
) -> None:
    source = google_source(google_store(sheets_api, town_sheet(sheets_api)))
    data = load_town(source, ACTOR, TODAY)
    base = data.case("KIM-XAN-2026-0002")
    assert base is not None
    sheets_api.reset_log()
    form = {"Telefon": "0151 7654321", "Ort": "Xanten"}
    save_record(source, ACTOR, base, form, TODAY, data.case_ids(), NOW)

    assert kinds(sheets_api) == ["batchGet", "batchUpdate", "append"]
    read, write, append = sheets_api.requests
    # Not the whole Fälle sheet: its top rows (headers are looked for there), the case's row as
    # of the load, and the Protokoll's top rows.
    assert read.query["ranges"] == ["'Protokoll'!1:20", "'Fälle'!1:20", "'Fälle'!3:3"]
    assert write.body["valueInputOption"] == "RAW"
    # Ort, Telefon, Geändert am and Geändert von: four cells of row 3, nothing else.
    written = {d["range"]: d["values"] for d in write.body["data"]}
    assert written == {
        f"'Fälle'!{letter('Ort')}3:{letter('Telefon')}3": [["Xanten", "0151 7654321"]],
        f"'Fälle'!{letter('Geändert am')}3:{letter('Geändert von')}3": [
            ["20.11.2026 10:30", "Frau Test"]
        ],
    }
    assert append.path.endswith("/values/'Protokoll'!A1:append")
    assert append.query["valueInputOption"] == ["RAW"]
    assert append.query["insertDataOption"] == ["INSERT_ROWS"]
    assert len(append.body["values"]) == 2  # both Protokoll entries in one call


def test_a_save_in_a_big_sheet_reads_the_row_not_the_sheet(sheets_api: SheetsApiServer) -> None:
    key = town_sheet(sheets_api, [make_case(n) for n in range(1, 400)])
    source = google_source(google_store(sheets_api, key))
    data = load_town(source, ACTOR, TODAY)
    base = data.case("KIM-XAN-2026-0300")
    assert base is not None
    sheets_api.reset_log()
    save_record(source, ACTOR, base, {"Telefon": "0151 7654321"}, TODAY, data.case_ids(), NOW)
    read = sheets_api.requests[0]
    assert read.query["ranges"] == ["'Protokoll'!1:20", "'Fälle'!1:20", "'Fälle'!301:301"]
    assert sheets_api.read_grid(key, "Fälle")[300][0] == "KIM-XAN-2026-0300"
    assert "0151 7654321" in sheets_api.read_grid(key, "Fälle")[300]


def test_a_save_after_rows_were_sorted_in_the_browser_still_finds_the_row_by_id(
    sheets_api: SheetsApiServer,
) -> None:
    harness = GoogleSheetsHarness(sheets_api)
    harness.create([make_case(n) for n in range(1, 31)])
    source = google_source(google_store(sheets_api, harness.key))
    data = load_town(source, ACTOR, TODAY)
    base = data.case("KIM-XAN-2026-0024")
    assert base is not None and base.row_number == 25
    harness.swap_rows("Fälle", 25, 26)  # someone sorts the sheet after the app read it
    sheets_api.reset_log()
    save_record(source, ACTOR, base, {"Telefon": "0151 7654321"}, TODAY, data.case_ids(), NOW)
    # The remembered row holds another case now: the ID column tells where the case went.
    assert kinds(sheets_api) == ["batchGet", "batchGet", "batchGet", "batchUpdate", "append"]
    assert sheets_api.requests[1].query["ranges"] == ["'Fälle'!A2:A"]
    assert sheets_api.requests[2].query["ranges"][1:] == ["'Fälle'!1:20", "'Fälle'!26:26"]
    grid = harness.grid("Fälle")
    assert grid[25][0] == "KIM-XAN-2026-0024" and "0151 7654321" in grid[25]
    assert "0151 7654321" not in grid[24]


def test_a_save_is_seen_by_the_next_load_at_once(sheets_api: SheetsApiServer) -> None:
    clock = Clock()
    policy = RetryPolicy(budget_seconds=1, first_wait=0.01, max_wait=0.05, clock=clock)
    source = google_source(google_store(sheets_api, town_sheet(sheets_api), retry=policy))
    data = load_town(source, ACTOR, TODAY)
    base = data.case("KIM-XAN-2026-0001")
    assert base is not None
    save_record(source, ACTOR, base, {"Ort": "Xanten"}, TODAY, data.case_ids(), NOW)
    sheets_api.reset_log()
    after = load_town(source, ACTOR, TODAY)  # same minute, but our own write changed the version
    assert kinds(sheets_api) == ["batchGet"]
    assert after.case("KIM-XAN-2026-0001").record.city == "Xanten"  # type: ignore[union-attr]


def test_a_new_case_costs_two_reads_and_two_appends(sheets_api: SheetsApiServer) -> None:
    source = google_source(google_store(sheets_api, town_sheet(sheets_api)))
    load_town(source, ACTOR, TODAY)
    sheets_api.reset_log()
    result = create_case(source, ACTOR, {"Nachname": "Neu"}, TODAY, NOW)
    assert result.record_id == "KIM-XAN-2026-0004"
    # The read for the next free ID, the row, the look for a twin ID, the Protokoll entry.
    assert kinds(sheets_api) == ["batchGet", "append", "batchGet", "append"]
    first, _, check, _ = sheets_api.requests
    # Neither sheet whole: the top rows (headers), the Fall-ID column and the Protokoll's
    # Datensatz-ID column, once to draw the number and once to see that nobody else drew it.
    id_columns = ["'Fälle'!A:A", f"'Protokoll'!{AUDIT_ID}:{AUDIT_ID}"]
    assert first.query["ranges"] == ["'Fälle'!1:20", "'Protokoll'!1:20", *id_columns]
    assert check.query["ranges"] == ["'Fälle'!1:5", "'Protokoll'!1:20", "'Fälle'!5:5", *id_columns]
    # By columns: one list per column, not a list per cell.
    assert first.query["majorDimension"] == check.query["majorDimension"] == ["COLUMNS"]
    assert sheets_api.read_grid(source.store.key, "Fälle")[4][0] == "KIM-XAN-2026-0004"  # type: ignore[attr-defined]


def test_a_new_contact_costs_two_reads_and_two_appends(sheets_api: SheetsApiServer) -> None:
    source = google_source(google_store(sheets_api, town_sheet(sheets_api)))
    load_town(source, ACTOR, TODAY)
    sheets_api.reset_log()
    form = {"Datum": "19.11.2026", "Art": "telefonisch", "Dauer (Min)": "20"}
    add_child(source, ACTOR, SheetName.CONTACTS, "KIM-XAN-2026-0002", form, TODAY, NOW, case_row=3)
    assert kinds(sheets_api) == ["batchGet", "append", "batchGet", "append"]
    # Not every case: the case's top rows and its row show that it still exists; of Kontakte
    # and the Protokoll only the ID columns, to draw the next number.
    assert sheets_api.requests[0].query["ranges"] == [
        "'Fälle'!1:20",
        "'Kontakte'!1:20",
        "'Protokoll'!1:20",
        "'Fälle'!3:3",
        "'Kontakte'!A:A",
        f"'Protokoll'!{AUDIT_ID}:{AUDIT_ID}",
    ]
    assert "'Kontakte'" not in sheets_api.requests[2].query["ranges"]


def test_a_new_contact_without_the_cases_row_reads_the_fall_id_column_not_the_cases(
    sheets_api: SheetsApiServer,
) -> None:
    source = google_source(google_store(sheets_api, town_sheet(sheets_api)))
    load_town(source, ACTOR, TODAY)
    sheets_api.reset_log()
    form = {"Datum": "19.11.2026", "Art": "telefonisch", "Dauer (Min)": "20"}
    result = add_child(source, ACTOR, SheetName.CONTACTS, "KIM-XAN-2026-0001", form, TODAY, NOW)
    assert result.record_id == "KIM-XAN-2026-0001-K02"
    ranges = sheets_api.requests[0].query["ranges"]
    assert "'Fälle'!A:A" in ranges and "'Fälle'" not in ranges
    with pytest.raises(RecordNotFound):
        add_child(source, ACTOR, SheetName.CONTACTS, "KIM-XAN-2026-0009", form, TODAY, NOW)


def test_a_new_case_after_the_id_column_moved_reads_the_column_where_it_is_now(
    sheets_api: SheetsApiServer,
) -> None:
    key = town_sheet(sheets_api)
    source = google_source(google_store(sheets_api, key))
    load_town(source, ACTOR, TODAY)
    # Someone swaps the first two columns in the browser: Fall-ID is now column B.
    grid = sheets_api.read_grid(key, "Fälle")
    width = max(len(row) for row in grid)
    swapped = [[r[1], r[0], *r[2:]] for r in (row + [""] * (width - len(row)) for row in grid)]
    sheets_api.edit_cells(key, "'Fälle'!A1", swapped, "RAW")
    sheets_api.reset_log()
    result = create_case(source, ACTOR, {"Nachname": "Neu"}, TODAY, NOW)
    assert result.record_id == "KIM-XAN-2026-0004"
    # The guess from the load (A) is checked against the headers just read: B is read at once.
    assert kinds(sheets_api)[:2] == ["batchGet", "batchGet"]
    assert "'Fälle'!B:B" in sheets_api.requests[1].query["ranges"]
    assert [row[1] for row in sheets_api.read_grid(key, "Fälle")[1:]] == [
        f"KIM-XAN-2026-000{n}" for n in range(1, 5)
    ]


def test_a_store_that_never_loaded_finds_the_id_columns_from_the_headers(
    sheets_api: SheetsApiServer,
) -> None:
    key = town_sheet(sheets_api, [make_case(n) for n in range(1, 8)])
    source = google_source(google_store(sheets_api, key))
    assert create_case(source, ACTOR, {"Nachname": "Neu"}, TODAY, NOW).record_id == (
        "KIM-XAN-2026-0008"
    )
    assert all("'Fälle'" not in r.query.get("ranges", []) for r in sheets_api.requests)


def test_a_note_below_the_cases_stays_below_the_new_case(sheets_api: SheetsApiServer) -> None:
    key = town_sheet(sheets_api)
    sheets_api.edit_cells(key, "'Fälle'!C9", [["Notiz: Akten im Schrank"]], "RAW")
    source = google_source(google_store(sheets_api, key))
    load_town(source, ACTOR, TODAY)
    result = create_case(source, ACTOR, {"Nachname": "Neu"}, TODAY, NOW)
    grid = sheets_api.read_grid(key, "Fälle")
    assert result.record_id == "KIM-XAN-2026-0004"
    assert grid[4][0] == "KIM-XAN-2026-0004"  # right below the table, not below the note
    assert grid[9][2] == "Notiz: Akten im Schrank"  # moved down one row with the rest


def test_quick_policy_is_the_one_used_by_the_helpers() -> None:
    assert QUICK.budget_seconds <= 1.0


def test_a_save_of_a_case_deleted_meanwhile_is_not_found_without_reading_the_sheet(
    sheets_api: SheetsApiServer,
) -> None:
    harness = GoogleSheetsHarness(sheets_api)
    harness.create([make_case(n) for n in range(1, 31)])
    source = google_source(google_store(sheets_api, harness.key))
    data = load_town(source, ACTOR, TODAY)
    base = data.case("KIM-XAN-2026-0024")
    assert base is not None
    sheets_api.clear_values(harness.key, "'Fälle'!A25:AZ25")  # someone removed the case
    sheets_api.reset_log()
    with pytest.raises(RecordNotFound):
        save_record(source, ACTOR, base, {"Telefon": "0151 7654321"}, TODAY, data.case_ids(), NOW)
    assert kinds(sheets_api) == ["batchGet", "batchGet"]  # its row and the ID column


def test_a_case_id_typed_twice_in_a_big_sheet_is_still_refused_as_a_duplicate(
    sheets_api: SheetsApiServer,
) -> None:
    harness = GoogleSheetsHarness(sheets_api)
    harness.create([make_case(n) for n in range(1, 31)])
    source = google_source(google_store(sheets_api, harness.key))
    data = load_town(source, ACTOR, TODAY)
    base = data.case("KIM-XAN-2026-0024")
    assert base is not None
    harness.swap_rows("Fälle", 25, 26)
    harness.set_cell("Fälle", 30, 1, "KIM-XAN-2026-0024")
    with pytest.raises(DuplicateRecord) as duplicate:
        save_record(source, ACTOR, base, {"Telefon": "0151 7654321"}, TODAY, data.case_ids(), NOW)
    assert duplicate.value.row_numbers == [26, 30]


def shrink_grid(sheets_api: SheetsApiServer, key: str, sheet: str, rows: int) -> None:
    """Like a person deleting the empty rows at the bottom of a worksheet."""
    with sheets_api.state.lock:
        stored = sheets_api.state.get(key).sheet_by_title(sheet)
        assert stored is not None
        stored.resize(rows=rows)


def test_a_save_in_a_sheet_with_fewer_rows_than_the_header_scan_works(
    sheets_api: SheetsApiServer,
) -> None:
    key = town_sheet(sheets_api)
    shrink_grid(sheets_api, key, "Fälle", 4)  # header and three cases, nothing below
    shrink_grid(sheets_api, key, "Protokoll", 1)
    source = google_source(google_store(sheets_api, key))
    data = load_town(source, ACTOR, TODAY)
    base = data.case("KIM-XAN-2026-0003")
    assert base is not None
    save_record(source, ACTOR, base, {"Telefon": "0151 7654321"}, TODAY, data.case_ids(), NOW)
    assert "0151 7654321" in sheets_api.read_grid(key, "Fälle")[3]
    assert len(sheets_api.read_grid(key, "Protokoll")) == 2


def test_a_save_whose_row_is_beyond_the_shrunk_grid_finds_the_case_by_id(
    sheets_api: SheetsApiServer,
) -> None:
    harness = GoogleSheetsHarness(sheets_api)
    harness.create([make_case(n) for n in range(1, 31)])
    source = google_source(google_store(sheets_api, harness.key))
    data = load_town(source, ACTOR, TODAY)
    base = data.case("KIM-XAN-2026-0030")
    assert base is not None and base.row_number == 31
    harness.swap_rows("Fälle", 2, 31)  # the case moves up to row 2 …
    sheets_api.clear_values(harness.key, "'Fälle'!A31:AZ31")
    shrink_grid(sheets_api, harness.key, "Fälle", 30)  # … and the grid ends above its old row
    save_record(source, ACTOR, base, {"Telefon": "0151 7654321"}, TODAY, data.case_ids(), NOW)
    grid = harness.grid("Fälle")
    assert grid[1][0] == "KIM-XAN-2026-0030" and "0151 7654321" in grid[1]


def test_a_contact_for_a_case_whose_row_moved_is_added_to_that_case(
    sheets_api: SheetsApiServer,
) -> None:
    harness = GoogleSheetsHarness(sheets_api)
    harness.create([make_case(n) for n in range(1, 31)])
    source = google_source(google_store(sheets_api, harness.key))
    load_town(source, ACTOR, TODAY)
    harness.swap_rows("Fälle", 25, 26)  # the case of row 25 is now in row 26
    form = {"Datum": "19.11.2026", "Art": "telefonisch", "Dauer (Min)": "20"}
    result = add_child(
        source, ACTOR, SheetName.CONTACTS, "KIM-XAN-2026-0024", form, TODAY, NOW, case_row=25
    )
    assert result.record_id == "KIM-XAN-2026-0024-K01"
    assert harness.grid("Kontakte")[-1][:2] == ["KIM-XAN-2026-0024-K01", "KIM-XAN-2026-0024"]
