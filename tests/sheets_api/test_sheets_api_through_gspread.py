"""The Sheets stand-in driven through real gspread calls, as the app's backend will use it."""

from __future__ import annotations

import gspread
import pytest
from gspread.utils import InsertDataOption, ValueInputOption, ValueRenderOption
from gspread.worksheet import ValueRange

from tests.support.sheets_api import SheetsApiServer, SheetSpec

CASES = [
    ["Fall-ID", "Nachname", "Aufnahme", "Kinder"],
    ["KIM-XAN-2026-0001", "Müller", "2026-01-15", "2"],
    [],
    ["KIM-XAN-2026-0002", "Öztürk", "", "0"],
]


@pytest.fixture
def worksheet(sheets_api: SheetsApiServer, gspread_client: gspread.Client) -> gspread.Worksheet:
    key = sheets_api.create_spreadsheet([SheetSpec("Fälle", CASES)], locale="en_US")
    return gspread_client.open_by_key(key).worksheet("Fälle")


def test_get_formatted_returns_strings_and_unformatted_returns_numbers(
    worksheet: gspread.Worksheet,
) -> None:
    formatted = worksheet.get("A1:D2", value_render_option=ValueRenderOption.formatted)
    assert isinstance(formatted, ValueRange)
    unformatted = worksheet.get("A1:D2", value_render_option=ValueRenderOption.unformatted)
    assert formatted[1] == ["KIM-XAN-2026-0001", "Müller", "2026-01-15", "2"]
    assert unformatted[1] == ["KIM-XAN-2026-0001", "Müller", 46037, 2]
    assert formatted.range == "'Fälle'!A1:D2"


def test_empty_middle_rows_come_back_empty_and_trailing_cells_are_dropped(
    worksheet: gspread.Worksheet,
) -> None:
    values = worksheet.spreadsheet.values_get("'Fälle'!A1:Z10")["values"]
    assert values == [CASES[0], CASES[1], [], ["KIM-XAN-2026-0002", "Öztürk", "", "0"]]


def test_batch_get_answers_every_range_normalised(worksheet: gspread.Worksheet) -> None:
    ranges = worksheet.batch_get(["A1:B1", "D4:C2"])
    assert [r.range for r in ranges] == ["'Fälle'!A1:B1", "'Fälle'!C2:D4"]
    assert ranges[1] == [["2026-01-15", "2"], [], ["", "0"]]


def test_a_whole_column_read_by_columns_is_one_list_with_empty_cells_kept_between(
    worksheet: gspread.Worksheet,
) -> None:
    # As recorded (WorksheetTest.test_delete_cols): 'A1:A' by COLUMNS answers the grid's height
    # and one list; an empty cell between filled ones is "" as in a row read by ROWS.
    answer = worksheet.spreadsheet.values_batch_get(
        ["'Fälle'!A:A", "'Fälle'!1:2"], params={"majorDimension": "COLUMNS"}
    )
    column, top = answer["valueRanges"]
    assert column["range"] == f"'Fälle'!A1:A{worksheet.row_count}"
    assert column["majorDimension"] == "COLUMNS"
    assert column["values"] == [["Fall-ID", "KIM-XAN-2026-0001", "", "KIM-XAN-2026-0002"]]
    assert top["values"][:2] == [["Fall-ID", "KIM-XAN-2026-0001"], ["Nachname", "Müller"]]


def test_update_raw_keeps_importxml_formula_as_literal_text(
    sheets_api: SheetsApiServer, worksheet: gspread.Worksheet
) -> None:
    formula = '=IMPORTXML("https://example.org", "//a")'
    worksheet.update([[formula]], "B5", value_input_option=ValueInputOption.raw)
    assert worksheet.get("B5", value_render_option=ValueRenderOption.formula) == [[formula]]
    assert worksheet.acell("B5").value == formula


def test_update_user_entered_parses_numbers_dates_and_formulas(
    sheets_api: SheetsApiServer, worksheet: gspread.Worksheet
) -> None:
    worksheet.update(
        [["1,234.5", "3/4/2026", "=2*21", "'007"]],
        "A6",
        value_input_option=ValueInputOption.user_entered,
    )
    assert worksheet.get("A6:D6") == [["1,234.5", "3/4/2026", "42", "007"]]
    assert worksheet.get("A6:D6", value_render_option=ValueRenderOption.unformatted) == [
        [1234.5, 46085, 42, "007"]
    ]
    assert worksheet.get("C6", value_render_option=ValueRenderOption.formula) == [["=2*21"]]


def test_append_row_with_table_range_lands_after_the_last_filled_block(
    sheets_api: SheetsApiServer, worksheet: gspread.Worksheet
) -> None:
    sheets_api.clear_values(worksheet.spreadsheet_id, "'Fälle'!A3:D4")
    sheets_api.edit_cells(worksheet.spreadsheet_id, "'Fälle'!A5", [["Alt", "Eintrag"]])
    worksheet.append_row(
        ["KIM-XAN-2026-0003", "Nowak"],
        table_range="A1",
        insert_data_option=InsertDataOption.insert_rows,
    )
    grid = sheets_api.read_grid(worksheet.spreadsheet_id, "Fälle")
    assert grid[2] == ["KIM-XAN-2026-0003", "Nowak"]
    assert grid[5] == ["Alt", "Eintrag"]
    assert sheets_api.spreadsheet(worksheet.spreadsheet_id).sheets[0].row_count == 1001


def test_edits_behind_the_apps_back_are_seen_on_the_next_read(
    sheets_api: SheetsApiServer, worksheet: gspread.Worksheet
) -> None:
    sheets_api.edit_cells(worksheet.spreadsheet_id, "'Fälle'!B2", [["Schmidt"]])
    assert worksheet.acell("B2").value == "Schmidt"


def test_unknown_spreadsheet_raises_spreadsheet_not_found(gspread_client: gspread.Client) -> None:
    with pytest.raises(gspread.SpreadsheetNotFound):
        gspread_client.open_by_key("does-not-exist")


def test_bad_range_answers_400_with_googles_error_body(worksheet: gspread.Worksheet) -> None:
    with pytest.raises(gspread.exceptions.APIError) as caught:
        worksheet.spreadsheet.values_get("'Keine Tabelle'!A1")
    assert caught.value.response.status_code == 400
    assert caught.value.response.json() == {
        "error": {
            "code": 400,
            "message": "Unable to parse range: 'Keine Tabelle'!A1",
            "status": "INVALID_ARGUMENT",
        }
    }


def test_batch_update_adds_sheet_validation_and_bold_header(
    sheets_api: SheetsApiServer, worksheet: gspread.Worksheet
) -> None:
    added = worksheet.spreadsheet.add_worksheet("Kontakte", rows=10, cols=5)
    added.update([["Fall-ID", "Datum"]], "A1")
    added.format("A1:B1", {"textFormat": {"bold": True}})
    added.add_validation(
        "B2:B10",
        gspread.utils.ValidationConditionType.one_of_list,
        ["Telefon", "Besuch"],
        strict=True,
    )
    stored = sheets_api.spreadsheet(worksheet.spreadsheet_id).sheet_by_title("Kontakte")
    assert stored is not None
    assert stored.formats[(0, 1)] == {"textFormat": {"bold": True}}
    assert stored.validations[(9, 1)]["condition"]["type"] == "ONE_OF_LIST"
    assert [w.title for w in worksheet.spreadsheet.worksheets()] == ["Fälle", "Kontakte"]
