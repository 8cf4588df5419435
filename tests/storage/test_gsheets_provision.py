"""`provision` prepares a Google Sheet in one write and leaves a prepared one alone."""

from __future__ import annotations

import pytest

from casebook.cli.provision import provision
from casebook.storage.gsheets.provision import GOOGLE_ONLY_COLUMNS, provision_google_sheet
from sheets_schema import SHEETS, Case, FieldKind, SheetName, field_specs, headers
from tests.storage.gsheets_helpers import QUICK, kinds
from tests.support.sheets_api import SheetsApiServer, SheetSpec, make_gspread_client

CASE_HEADERS = headers(Case)
CHOICE_COLUMNS = [i for i, s in enumerate(field_specs(Case)) if s.kind is FieldKind.CHOICE]


def run(server: SheetsApiServer, key: str) -> list[str]:
    # Small grids: the stand-in keeps one validation rule per cell.
    return provision_google_sheet(make_gspread_client(server), key, retry=QUICK, new_sheet_rows=100)


def test_an_empty_spreadsheet_gets_every_worksheet_in_one_write(
    sheets_api: SheetsApiServer,
) -> None:
    key = sheets_api.create_spreadsheet([SheetSpec("Tabellenblatt1", rows=100)])
    lines = run(sheets_api, key)
    assert kinds(sheets_api) == ["metadata", "spreadsheets.batchUpdate"]
    assert lines[0] == f"Arbeitsblatt „Fälle“ angelegt ({len(CASE_HEADERS)} Spalten)."
    for name in SheetName:
        extra = GOOGLE_ONLY_COLUMNS.get(name.value, [])
        assert sheets_api.read_grid(key, name.value) == [[*headers(SHEETS[name].model), *extra]]
    assert sheets_api.read_grid(key, "Protokoll")[0][-1] == "Vorgang"
    stored = sheets_api.spreadsheet(key)
    cases = stored.sheet_by_title("Fälle")
    assert cases is not None
    assert cases.properties["gridProperties"]["frozenRowCount"] == 1
    assert cases.formats[(0, 0)]["textFormat"]["bold"] is True
    status = CASE_HEADERS.index("Status")
    rule = cases.validations[(1, status)]
    assert rule["strict"] is False
    assert rule["condition"]["type"] == "ONE_OF_LIST"
    assert [v["userEnteredValue"] for v in rule["condition"]["values"]] == [
        "Anfrage", "Aktiv", "Ruhend", "Abgeschlossen",
    ]  # fmt: skip
    assert {c for (r, c) in cases.validations if r == 1} == set(CHOICE_COLUMNS)
    assert (0, status) not in cases.validations  # the header row has no list


def test_an_existing_sheet_keeps_its_data_and_gets_the_headers_it_lacks(
    sheets_api: SheetsApiServer,
) -> None:
    own = ["Fall-ID", "Nachname", "Unsere Notiz"]
    rows = [own, ["KIM-MOE-2025-0001", "Yılmaz", "bitte anrufen"], [], ["KIM-MOE-2025-0002", "Öz"]]
    key = sheets_api.create_spreadsheet([SheetSpec("Fälle", rows, rows=100, cols=3)])
    run(sheets_api, key)
    grid = sheets_api.read_grid(key, "Fälle")
    assert grid[0][:3] == own
    assert grid[0][3:] == [h for h in CASE_HEADERS if h not in own]
    assert grid[1:] == rows[1:]
    cases = sheets_api.spreadsheet(key).sheet_by_title("Fälle")
    assert cases is not None and cases.properties["gridProperties"]["frozenRowCount"] == 1


def test_a_second_run_sends_no_write_and_changes_nothing(sheets_api: SheetsApiServer) -> None:
    key = sheets_api.create_spreadsheet(
        [SheetSpec("Fälle", [["Fall-ID"], ["KIM-MOE-2025-0001"]], rows=100)]
    )
    run(sheets_api, key)
    before = sheets_api.spreadsheet(key)
    sheets_api.reset_log()
    assert run(sheets_api, key) == []
    assert kinds(sheets_api) == ["metadata", "batchGet"]
    after = sheets_api.spreadsheet(key)
    assert [s.cells for s in after.sheets] == [s.cells for s in before.sheets]
    assert [s.properties for s in after.sheets] == [s.properties for s in before.sheets]


def test_the_command_prepares_a_google_sheet_named_by_its_key(
    sheets_api: SheetsApiServer, capsys: pytest.CaptureFixture[str]
) -> None:
    key = sheets_api.create_spreadsheet()
    assert provision(f"gsheet:{key}", google=lambda: make_gspread_client(sheets_api)) == 0
    assert "Arbeitsblatt „Protokoll“ angelegt" in capsys.readouterr().out
    assert provision(f"gsheet:{key}", google=lambda: make_gspread_client(sheets_api)) == 0
    assert "nichts geändert" in capsys.readouterr().out


def test_the_command_says_when_the_sheet_is_not_shared(
    sheets_api: SheetsApiServer, capsys: pytest.CaptureFixture[str]
) -> None:
    key = sheets_api.create_spreadsheet()
    sheets_api.deny_access(key)
    assert provision(f"gsheet:{key}", google=lambda: make_gspread_client(sheets_api)) == 2
    assert "Dienstkontos" in capsys.readouterr().err
