"""A Google Sheet that answers 429, 500, slowly or not at all: nothing lost, nothing twice."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

import pytest
import requests

from casebook.cases.services import create_case, load_town, save_record
from casebook.core.errors import RecordConflict
from casebook.core.sources import TownSource
from casebook.core.town_data import TownData
from casebook.storage.base import SourceNotFound, SourceUnavailable
from casebook.storage.gsheets.errors import REASON_TEXTS
from casebook.storage.gsheets.retry import RetryPolicy
from sheets_schema import SheetName
from tests.storage.gsheets_helpers import google_source, google_store, kind, kinds, town_sheet
from tests.support.builders import TODAY, case_manager
from tests.support.sheets_api import LocalRedirectAdapter, SheetsApiServer, make_gspread_client
from tests.support.sheets_api.transport import GOOGLE_PREFIXES

NOW = datetime(2026, 11, 20, 10, 30)
ACTOR = case_manager(name="Frau Test")
APPEND = r":append$"
BATCH_GET = r"values:batchGet$"
BATCH_UPDATE = r"values:batchUpdate$"


@pytest.fixture
def key(sheets_api: SheetsApiServer) -> str:
    return town_sheet(sheets_api)


@pytest.fixture
def source(sheets_api: SheetsApiServer, key: str) -> TownSource:
    return google_source(google_store(sheets_api, key))


def load(source: TownSource) -> TownData:
    return load_town(source, ACTOR, TODAY)


def change_phone(source: TownSource, data: TownData | None = None) -> None:
    data = data or load(source)
    base = data.case("KIM-XAN-2026-0002")
    assert base is not None
    form = {"Telefon": "0151 7654321"}
    save_record(source, ACTOR, base, form, TODAY, data.case_ids(), NOW)


def protocol(sheets_api: SheetsApiServer, key: str) -> list[list[Any]]:
    return sheets_api.read_grid(key, "Protokoll")[1:]


def test_a_load_answered_429_twice_is_retried_and_succeeds(
    sheets_api: SheetsApiServer, source: TownSource
) -> None:
    sheets_api.fail_next(429, times=2, path=BATCH_GET)
    assert load(source).case("KIM-XAN-2026-0003") is not None
    assert kinds(sheets_api) == ["metadata", "batchGet", "batchGet", "batchGet"]


def test_a_load_answered_500_is_retried_and_succeeds(
    sheets_api: SheetsApiServer, source: TownSource
) -> None:
    sheets_api.fail_next(500, times=1, path=BATCH_GET)
    assert load(source).case("KIM-XAN-2026-0001") is not None


def test_a_load_answering_slower_than_the_timeout_is_retried(
    sheets_api: SheetsApiServer, key: str
) -> None:
    source = google_source(google_store(sheets_api, key, timeout=0.3))
    sheets_api.delay_next(1.0, path=BATCH_GET)
    started = time.monotonic()
    assert load(source).case("KIM-XAN-2026-0001") is not None
    # The stalled request is still waiting on the server; the retry already answered.
    assert time.monotonic() - started < 0.9


def test_a_load_whose_connection_drops_is_retried(
    sheets_api: SheetsApiServer, source: TownSource
) -> None:
    sheets_api.drop_next(path=BATCH_GET)
    assert load(source).case("KIM-XAN-2026-0001") is not None


def test_exhausted_quota_ends_in_source_unavailable_quota_within_the_retry_budget(
    sheets_api: SheetsApiServer, key: str
) -> None:
    policy = RetryPolicy(budget_seconds=0.5, first_wait=0.05, max_wait=0.2)
    source = google_source(google_store(sheets_api, key, retry=policy))
    sheets_api.fail_next(429, times=1000)
    started = time.monotonic()
    with pytest.raises(SourceUnavailable) as unavailable:
        load(source)
    assert unavailable.value.reason == "quota"
    assert time.monotonic() - started < 1.5
    assert len(sheets_api.requests) >= 3  # it did retry
    assert "überlastet" in REASON_TEXTS[unavailable.value.reason]


def test_a_sheet_not_shared_with_the_service_account_is_a_permission_problem(
    sheets_api: SheetsApiServer, key: str, source: TownSource
) -> None:
    sheets_api.deny_access(key)
    with pytest.raises(SourceUnavailable) as unavailable:
        load(source)
    assert unavailable.value.reason == "permission"
    assert len(sheets_api.requests) == 1  # a refusal is not retried


def test_an_unknown_spreadsheet_key_is_source_not_found(
    sheets_api: SheetsApiServer, key: str, source: TownSource
) -> None:
    sheets_api.delete_spreadsheet(key)
    with pytest.raises(SourceNotFound) as not_found:
        load(source)
    assert not_found.value.source == "gsheet:" + key


def test_a_save_answered_429_is_sent_again_and_logged_once(
    sheets_api: SheetsApiServer, key: str, source: TownSource
) -> None:
    data = load(source)
    sheets_api.fail_next(429, times=1, path=BATCH_UPDATE)
    sheets_api.fail_next(429, times=1, path=APPEND)
    change_phone(source, data)
    assert sheets_api.read_grid(key, "Fälle")[2].count("0151 7654321") == 1
    assert len(protocol(sheets_api, key)) == 1


def test_a_save_answered_500_is_checked_then_sent_again(
    sheets_api: SheetsApiServer, key: str, source: TownSource
) -> None:
    data = load(source)
    sheets_api.fail_next(500, times=1, path=BATCH_UPDATE)
    sheets_api.reset_log()
    change_phone(source, data)
    # read for the save, the failed write, the check that it did not land, the write again
    assert kinds(sheets_api) == ["batchGet", "batchUpdate", "batchGet", "batchUpdate", "append"]
    # The check reads the row written to, not the whole sheet.
    assert sheets_api.requests[2].query["ranges"] == ["'Fälle'!1:3", "'Fälle'!3:3"]
    assert len(protocol(sheets_api, key)) == 1


def test_a_protokoll_append_that_lost_its_connection_before_arriving_is_sent_once_more(
    sheets_api: SheetsApiServer, key: str, source: TownSource
) -> None:
    data = load(source)
    sheets_api.drop_next(path=APPEND)
    change_phone(source, data)
    entries = protocol(sheets_api, key)
    assert len(entries) == 1
    assert entries[0][4:6] == ["KIM-XAN-2026-0002", "Telefon"]


class LoseAnswerAdapter(LocalRedirectAdapter):
    """Delivers the first matching request, then loses its answer (the connection breaks)."""

    def __init__(self, base_url: str, marker: str) -> None:
        super().__init__(base_url)
        self.marker = marker
        self.armed = True

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        response = super().send(request, *args, **kwargs)
        if self.armed and self.marker in (request.url or ""):
            self.armed = False
            raise requests.ConnectionError("connection reset after the request was sent")
        return response


def store_losing_first_answer(sheets_api: SheetsApiServer, key: str, marker: str) -> TownSource:
    client = make_gspread_client(sheets_api)
    adapter = LoseAnswerAdapter(sheets_api.base_url, marker)
    for prefix in GOOGLE_PREFIXES:
        client.http_client.session.mount(prefix, adapter)
    return google_source(google_store(sheets_api, key, client=client))


def test_a_protokoll_append_that_arrived_but_lost_its_answer_is_not_sent_twice(
    sheets_api: SheetsApiServer, key: str
) -> None:
    source = store_losing_first_answer(sheets_api, key, ":append")
    change_phone(source)
    assert len(protocol(sheets_api, key)) == 1
    assert kinds(sheets_api).count("append") == 1


def test_a_new_case_whose_append_arrived_but_lost_its_answer_exists_once(
    sheets_api: SheetsApiServer, key: str
) -> None:
    source = store_losing_first_answer(sheets_api, key, ":append")
    result = create_case(source, ACTOR, {"Nachname": "Neu"}, TODAY, NOW)
    ids = [row[0] for row in sheets_api.read_grid(key, "Fälle")[1:]]
    assert ids == ["KIM-XAN-2026-0001", "KIM-XAN-2026-0002", "KIM-XAN-2026-0003", result.record_id]
    assert [e[4] for e in protocol(sheets_api, key)] == [result.record_id]


def test_a_new_case_whose_answer_was_lost_is_looked_for_by_its_id_not_in_the_whole_sheet(
    sheets_api: SheetsApiServer, key: str
) -> None:
    source = store_losing_first_answer(sheets_api, key, ":append")
    load(source)
    sheets_api.reset_log()
    result = create_case(source, ACTOR, {"Nachname": "Neu"}, TODAY, NOW)
    reads = [r.query["ranges"] for r in sheets_api.requests if kind(r) == "batchGet"]
    # The draw, the look (the Fall-ID column, then the row holding the new ID), the twin check.
    assert len(reads) == 4
    assert reads[1] == ["'Fälle'!1:20", "'Fälle'!A:A"] and reads[2] == [
        "'Fälle'!1:5",
        "'Fälle'!5:5",
    ]
    assert all("'Fälle'" not in ranges for ranges in reads)
    assert [row[0] for row in sheets_api.read_grid(key, "Fälle")[1:]].count(result.record_id) == 1


def test_a_new_case_google_put_above_a_gap_in_the_table_is_not_sent_twice(
    sheets_api: SheetsApiServer, key: str
) -> None:
    # A case typed below an empty row: Google appends after the block that starts at the
    # header, so the new row lands above the gap, not below the last used row.
    sheets_api.edit_cells(key, "'Fälle'!A7", [["KIM-XAN-2026-0009", "Xanten"]], "RAW")
    source = store_losing_first_answer(sheets_api, key, ":append")
    result = create_case(source, ACTOR, {"Nachname": "Neu"}, TODAY, NOW)
    assert result.record_id == "KIM-XAN-2026-0010"
    ids = [row[0] if row else "" for row in sheets_api.read_grid(key, "Fälle")[1:]]
    assert ids.count("KIM-XAN-2026-0010") == 1
    assert ids.index("KIM-XAN-2026-0010") == 3  # row 5, right below the block from the header
    assert [e[4] for e in protocol(sheets_api, key)] == [result.record_id]


def test_a_cell_write_that_arrived_but_lost_its_answer_is_not_sent_again(
    sheets_api: SheetsApiServer, key: str
) -> None:
    source = store_losing_first_answer(sheets_api, key, "values:batchUpdate")
    change_phone(source)
    assert kinds(sheets_api).count("batchUpdate") == 1
    assert len(protocol(sheets_api, key)) == 1


def test_a_row_changed_by_someone_else_is_a_conflict_and_nothing_is_written(
    sheets_api: SheetsApiServer, key: str, source: TownSource
) -> None:
    data = load(source)
    sheets_api.edit_cells(key, "'Fälle'!A3", [["KIM-XAN-2026-0002", "Xanten", "Herr Anders"]])
    before = sheets_api.read_grid(key, "Fälle")
    sheets_api.reset_log()
    with pytest.raises(RecordConflict) as conflict:
        change_phone(source, data)
    assert [c.column for c in conflict.value.changes] == ["Fallmanager:in"]
    assert kinds(sheets_api) == ["batchGet"]  # read, compared, nothing sent
    assert sheets_api.read_grid(key, "Fälle") == before
    assert protocol(sheets_api, key) == []


def test_a_save_that_cannot_get_through_reports_the_quota_and_writes_nothing(
    sheets_api: SheetsApiServer, key: str, source: TownSource
) -> None:
    data = load(source)
    before = sheets_api.read_grid(key, "Fälle")
    sheets_api.fail_next(429, times=1000, path=BATCH_UPDATE)
    with pytest.raises(SourceUnavailable) as unavailable:
        change_phone(source, data)
    assert unavailable.value.reason == "quota"
    assert sheets_api.read_grid(key, "Fälle") == before
    assert protocol(sheets_api, key) == []
    assert SheetName.AUDIT.value == "Protokoll"


def test_a_worksheet_removed_after_the_first_load_is_reported_missing_not_as_an_error(
    sheets_api: SheetsApiServer, key: str
) -> None:
    source = google_source(google_store(sheets_api, key, cache_seconds=0))
    load(source)
    goals = sheets_api.spreadsheet(key).sheet_by_title("Ziele")
    assert goals is not None
    sheets_api.delete_sheet(key, goals.sheet_id)
    sheets_api.reset_log()
    data = load(source)
    assert "Ziele" in data.missing_sheets
    assert kinds(sheets_api) == ["batchGet", "metadata", "batchGet"]
