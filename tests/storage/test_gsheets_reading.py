"""Cells of a Google Sheet come through as the text people see; missing headers are added."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from casebook.cases.services import create_case, load_town, save_record
from casebook.storage.gsheets.a1 import column_letters
from sheets_schema import SHEETS, Case, SheetName, headers
from tests.storage.gsheets_helpers import google_source, google_store, kinds
from tests.support.builders import TODAY, case_manager
from tests.support.sheets_api import SheetsApiServer, SheetSpec

ACTOR = case_manager(name="Frau Test")
NOW = datetime(2026, 11, 20, 10, 30)
CASE_HEADERS = headers(Case)


def sheet_with(server: SheetsApiServer, case_headers: list[str], row: list[object]) -> str:
    specs = [SheetSpec("Fälle", [case_headers], cols=len(case_headers))]
    specs += [
        SheetSpec(name.value, [headers(SHEETS[name].model)])
        for name in SheetName
        if name is not SheetName.CASES
    ]
    key = server.create_spreadsheet(specs)
    server.edit_cells(key, "'Fälle'!A2", [row], "RAW")
    return key


def test_leading_zeros_plus_signs_and_decimal_commas_arrive_as_typed(
    sheets_api: SheetsApiServer,
) -> None:
    row: list[object] = [""] * len(CASE_HEADERS)
    for header, value in {
        "Fall-ID": "KIM-XAN-2026-0001",
        "Kommune": "Xanten",
        "Status": "Aktiv",
        "Nachname": "Muster",
        "PLZ": "01067",
        "Telefon": "+49 170 1234567",
        "Bemerkung": "1,5",
        "Haushaltsgröße": 3,
    }.items():
        row[CASE_HEADERS.index(header)] = value
    key = sheet_with(sheets_api, CASE_HEADERS, row)
    # A real date cell, as Google makes one from typed "01.04.1990" in a German sheet.
    birth = f"'Fälle'!{column_letters(CASE_HEADERS.index('Geburtsdatum') + 1)}2"
    sheets_api.edit_cells(key, birth, [["01.04.1990"]])

    store = google_store(sheets_api, key)
    cells = store.load().table("Fälle").rows[0].cells
    assert (cells["PLZ"], cells["Telefon"], cells["Bemerkung"]) == (
        "01067",
        "+49 170 1234567",
        "1,5",
    )
    assert (cells["Geburtsdatum"], cells["Haushaltsgröße"]) == ("01.04.1990", "3")
    case = load_town(google_source(store), ACTOR, TODAY).case("KIM-XAN-2026-0001")
    assert case is not None
    assert (case.record.postcode, case.record.birth_date) == ("01067", date(1990, 4, 1))
    assert case.record.household_size == 3


def test_a_save_into_a_sheet_without_the_stamp_columns_adds_them_after_the_last_header(
    sheets_api: SheetsApiServer,
) -> None:
    own = [h for h in CASE_HEADERS if h not in ("Geändert am", "Geändert von")]
    row = ["KIM-XAN-2026-0001", "Xanten", "", "Aktiv"] + [""] * 6 + ["Muster"]
    key = sheet_with(sheets_api, own, row)  # the grid ends right after the last header
    source = google_source(google_store(sheets_api, key))
    data = load_town(source, ACTOR, TODAY)
    base = data.case("KIM-XAN-2026-0001")
    assert base is not None
    sheets_api.reset_log()
    save_record(source, ACTOR, base, {"Ort": "Xanten"}, TODAY, data.case_ids(), NOW)

    grid = sheets_api.read_grid(key, "Fälle")
    assert grid[0][len(own) :] == ["Geändert am", "Geändert von"]
    assert grid[1][len(own) :] == ["20.11.2026 10:30", "Frau Test"]
    # The grid needed two more columns first: one extra request, only in this case.
    assert kinds(sheets_api) == ["batchGet", "spreadsheets.batchUpdate", "batchUpdate", "append"]


def below_title(name: str, rows: Sequence[Sequence[object]]) -> int:
    """Headers are in the first row whose first cell names the sheet's first column."""
    first = headers(SHEETS[SheetName(name)].model)[0]
    return next((i + 1 for i, row in enumerate(rows) if row and row[0] == first), 1)


def test_a_sheet_with_title_rows_above_the_headers_gets_new_rows_below_its_table(
    sheets_api: SheetsApiServer,
) -> None:
    specs = []
    for name in SheetName:
        columns = headers(SHEETS[name].model)
        values: list[list[object]] = [[f"KIM {name.value} – bitte nicht sortieren"], [], columns]
        if name is SheetName.CASES:
            values.append(["KIM-XAN-2026-0001", "Xanten", "", "Aktiv"] + [""] * 6 + ["Muster"])
        specs.append(SheetSpec(name.value, values, cols=max(26, len(columns))))
    key = sheets_api.create_spreadsheet(specs)
    store = google_store(sheets_api, key, header_locator=below_title)
    source = google_source(store)
    data = load_town(source, ACTOR, TODAY)
    assert data.case("KIM-XAN-2026-0001") is not None

    result = create_case(source, ACTOR, {"Nachname": "Neu"}, TODAY, NOW)
    assert (result.record_id, result.row_number) == ("KIM-XAN-2026-0002", 5)
    cases = sheets_api.read_grid(key, "Fälle")
    assert cases[0] == ["KIM Fälle – bitte nicht sortieren"]
    assert [row[0] for row in cases[3:]] == ["KIM-XAN-2026-0001", "KIM-XAN-2026-0002"]
    log = sheets_api.read_grid(key, "Protokoll")
    assert log[3][1:5] == ["Frau Test", "angelegt", "Fälle", "KIM-XAN-2026-0002"]
