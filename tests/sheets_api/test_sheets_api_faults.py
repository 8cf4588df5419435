"""Fault injection, request log and loud failure of unmodelled endpoints in the Sheets stand-in."""

from __future__ import annotations

import time
from typing import Any

import gspread
import pytest
import requests

from tests.support.sheets_api import SheetsApiServer, SheetSpec

RAW: dict[str, Any] = {"valueInputOption": "RAW"}


@pytest.fixture
def spreadsheet(sheets_api: SheetsApiServer, gspread_client: gspread.Client) -> gspread.Spreadsheet:
    key = sheets_api.create_spreadsheet([SheetSpec("Fälle", [["Fall-ID"], ["KIM-DIN-2026-0001"]])])
    return gspread_client.open_by_key(key)


@pytest.mark.parametrize(
    ("status", "google_status"), [(429, "RESOURCE_EXHAUSTED"), (500, "INTERNAL")]
)
def test_injected_status_reaches_gspread_as_api_error(
    sheets_api: SheetsApiServer, spreadsheet: gspread.Spreadsheet, status: int, google_status: str
) -> None:
    sheets_api.fail_next(status, times=1)
    with pytest.raises(gspread.exceptions.APIError) as caught:
        spreadsheet.values_get("'Fälle'!A1")
    assert caught.value.response.status_code == status
    assert caught.value.response.json()["error"]["status"] == google_status
    assert spreadsheet.values_get("'Fälle'!A1")["values"] == [["Fall-ID"]]


def test_faults_hit_only_matching_method_and_path(
    sheets_api: SheetsApiServer, spreadsheet: gspread.Spreadsheet
) -> None:
    sheets_api.fail_next(500, times=2, method="PUT", path=r"/values/")
    row: list[list[Any]] = [["x"]]
    assert spreadsheet.values_get("'Fälle'!A1")["values"] == [["Fall-ID"]]
    for _ in range(2):
        with pytest.raises(gspread.exceptions.APIError):
            spreadsheet.values_update("'Fälle'!A3", RAW, {"values": row})
    spreadsheet.values_update("'Fälle'!A3", RAW, {"values": row})
    assert sheets_api.read_grid(spreadsheet.id, "Fälle")[2] == ["x"]


def test_dropped_connection_surfaces_as_connection_error(
    sheets_api: SheetsApiServer, spreadsheet: gspread.Spreadsheet
) -> None:
    sheets_api.drop_next()
    with pytest.raises(requests.ConnectionError):
        spreadsheet.values_get("'Fälle'!A1")
    assert sheets_api.requests[-1].status is None


def test_delayed_answer_arrives_late_but_intact(
    sheets_api: SheetsApiServer, spreadsheet: gspread.Spreadsheet
) -> None:
    sheets_api.delay_next(0.3)
    started = time.monotonic()
    values = spreadsheet.values_get("'Fälle'!A2")["values"]
    assert time.monotonic() - started >= 0.3
    assert values == [["KIM-DIN-2026-0001"]]


def test_request_log_records_method_path_query_and_body_and_can_be_reset(
    sheets_api: SheetsApiServer, spreadsheet: gspread.Spreadsheet
) -> None:
    sheets_api.reset_log()
    spreadsheet.values_update("'Fälle'!B1", RAW, {"values": [["Status"]]})
    spreadsheet.values_get("'Fälle'!A1:B1")
    assert sheets_api.request_count == 2
    first = sheets_api.requests[0]
    assert (first.method, first.path) == (
        "PUT",
        f"/v4/spreadsheets/{spreadsheet.id}/values/'Fälle'!B1",
    )
    assert first.query == {"valueInputOption": ["RAW"]}
    assert first.body == {"values": [["Status"]]}
    sheets_api.reset_log()
    assert sheets_api.request_count == 0


def test_unmodelled_endpoint_answers_501_naming_the_request(
    sheets_api: SheetsApiServer, spreadsheet: gspread.Spreadsheet
) -> None:
    with pytest.raises(gspread.exceptions.APIError) as caught:
        spreadsheet.worksheet("Fälle").merge_cells("A1:B1")
    body = caught.value.response.json()["error"]
    assert (caught.value.response.status_code, body["status"]) == (501, "UNIMPLEMENTED")
    assert "mergeCells" in body["message"]
    assert [r.method for r in sheets_api.unexpected_requests] == ["POST"]
    sheets_api.unexpected_requests.clear()  # this test wanted the 501; others fail on it
