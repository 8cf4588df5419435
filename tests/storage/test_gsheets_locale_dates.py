"""An en_US (or en_GB) Google Sheet: its real dates read unambiguously and stay dates when saved."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from casebook.cases.services import load_town, save_record
from casebook.storage.gsheets.dates import date_order, shown_date
from casebook.storage.gsheets.provision import GOOGLE_ONLY_COLUMNS
from sheets_schema import SHEETS, Case, SheetName, headers
from sheets_schema.problems import ProblemCode
from tests.storage.gsheets_helpers import google_source, google_store
from tests.support.builders import TODAY, case_manager, make_case
from tests.support.sheets_api import SheetsApiServer, SheetSpec

NOW = datetime(2026, 11, 20, 10, 30)
ACTOR = case_manager(name="Frau Test")
CASE_HEADERS = headers(Case)
ADMISSION = CASE_HEADERS.index("Aufnahme")


def typed(value: Any) -> Any:
    """A cell as a person in the US types it (Sheets turns typed dates into real dates)."""
    if isinstance(value, date):
        return f"{value.month}/{value.day}/{value.year}"
    return "" if value is None else value


def sheet_in(sheets_api: SheetsApiServer, locale: str) -> str:
    """Xanten's sheet in a spreadsheet whose locale is `locale`; case 2 was admitted 4 March."""
    cases = [make_case(1), make_case(2, admission=date(2026, 3, 4)), make_case(3)]
    specs = []
    for name in SheetName:
        columns = [*headers(SHEETS[name].model), *GOOGLE_ONLY_COLUMNS.get(name.value, [])]
        values: list[list[Any]] = [columns]
        if name is SheetName.CASES:
            values += [[typed(case.get(h)) for h in columns] for case in cases]
        specs.append(SheetSpec(name.value, values, cols=max(26, len(columns))))
    return sheets_api.create_spreadsheet(specs, title="KIM Xanten", locale=locale)


def test_real_dates_of_an_en_us_sheet_are_read_as_what_they_are(
    sheets_api: SheetsApiServer,
) -> None:
    key = sheet_in(sheets_api, "en_US")
    assert sheets_api.read_grid(key, "Fälle")[2][ADMISSION] == "3/4/2026"  # as Sheets shows it
    data = load_town(google_source(google_store(sheets_api, key)), ACTOR, TODAY)
    case = data.case("KIM-XAN-2026-0002")
    assert case is not None
    assert case.record.admission == date(2026, 3, 4)
    assert not [p for p in case.problems if p.code is ProblemCode.DATE_AMBIGUOUS]


def test_a_retyped_date_in_an_en_us_sheet_stays_a_real_date(sheets_api: SheetsApiServer) -> None:
    key = sheet_in(sheets_api, "en_US")
    source = google_source(google_store(sheets_api, key))
    data = load_town(source, ACTOR, TODAY)
    base = data.case("KIM-XAN-2026-0002")
    assert base is not None

    result = save_record(
        source, ACTOR, base, {"Aufnahme": "05.03.2026"}, TODAY, data.case_ids(), NOW
    )

    assert result.changed == ("Aufnahme",)
    serial = sheets_api.cell_value(key, "Fälle", 2, ADMISSION, "UNFORMATTED_VALUE")
    assert serial == 46086  # a number with the cell's date format: still a date, not text
    assert sheets_api.read_grid(key, "Fälle")[2][ADMISSION] == "3/5/2026"
    again = load_town(source, ACTOR, TODAY).case("KIM-XAN-2026-0002")
    assert again is not None and again.record.admission == date(2026, 3, 5)


def test_a_save_of_another_field_leaves_the_en_us_dates_alone(
    sheets_api: SheetsApiServer,
) -> None:
    key = sheet_in(sheets_api, "en_US")
    source = google_source(google_store(sheets_api, key))
    data = load_town(source, ACTOR, TODAY)
    base = data.case("KIM-XAN-2026-0002")
    assert base is not None
    save_record(source, ACTOR, base, {"Telefon": "0151 7654321"}, TODAY, data.case_ids(), NOW)
    assert sheets_api.cell_value(key, "Fälle", 2, ADMISSION, "UNFORMATTED_VALUE") == 46085


@pytest.mark.parametrize(
    ("locale", "text", "meant"),
    [
        ("en_US", "3/4/2026", date(2026, 3, 4)),
        ("en_GB", "04/03/2026", date(2026, 3, 4)),
        ("en_US", "11/20/2026 10:30:00", datetime(2026, 11, 20, 10, 30)),
        ("de_DE", "04/03/2026", None),  # not how a German sheet shows dates: left to the reader
        ("en_US", "13/4/2026", None),
    ],
)
def test_what_a_locale_shows_as_a_date(locale: str, text: str, meant: date | None) -> None:
    assert shown_date(text, date_order(locale)) == meant
