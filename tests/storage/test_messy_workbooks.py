"""A town's existing workbook is read under the schema's names and written under its own."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from casebook.cases.services import create_case, save_record
from casebook.core.config import SourceConfig, open_store, parse_config
from casebook.core.sources import TownSource
from casebook.core.town_data import read_town
from casebook.storage.mapped import ColumnTaken, MappedStore
from casebook.storage.mapping import Recognition, SourceMapping
from casebook.storage.xlsx.store import WorkbookStore
from sheets_schema import SheetName
from sheets_schema.enums import Town
from tests.support.builders import TODAY, case_manager
from tests.support.messy_workbook import HEADER_ROW, TITLE, messy_workbook, read_sheet


def mapped(path: Path, mapping: SourceMapping | None = None) -> MappedStore:
    mapping = mapping or SourceMapping()
    return MappedStore(WorkbookStore(path, header_locator=mapping.locate_header), mapping)


def test_the_header_row_below_title_rows_is_found_and_rows_keep_their_sheet_numbers(
    tmp_path: Path,
) -> None:
    store = mapped(messy_workbook(tmp_path / "moers.xlsx"))
    table = store.load().table(SheetName.CASES)
    assert table.header_row == HEADER_ROW
    assert [row.number for row in table.rows] == [5, 7, 8]
    first = table.rows[0].cells
    assert first["Nachname"] == "Shevchenko"
    assert first["Geburtsdatum"] == "1.2.85"
    assert first["Interne Notiz"] == "Akte Schrank 3"  # the town's own column, kept as it is


def test_variant_headers_text_dates_serials_and_x_for_yes_read_correctly(tmp_path: Path) -> None:
    data = read_town(Town.MOERS, mapped(messy_workbook(tmp_path / "m.xlsx")).load(), TODAY)
    olena, karim, ayse = (row.record for row in data.cases)
    assert olena.birth_date == date(1985, 2, 1)  # typed 1.2.85
    assert olena.admission == date(2024, 1, 1)  # a spreadsheet serial without date format
    assert olena.needs_interpreter is True  # "x"
    assert olena.nationalities == ["Ukraine"]  # Herkunftsland
    assert str(olena.status) == "Aktiv"  # "aktiv" under "Status "
    assert karim.birth_date == date(1990, 4, 1)  # a real date cell
    assert karim.admission == date(2024, 2, 1)  # 2024-02-01 as text
    assert ayse.needs_interpreter is False
    problems = {(p.row_number, p.column, p.code) for p in data.all_problems() if p.is_error}
    assert problems == {(8, "Geburtsdatum", "date_not_existing"), (8, "Aufnahme", "date_ambiguous")}


def test_each_column_says_how_it_was_recognised(tmp_path: Path) -> None:
    mapping = SourceMapping(columns={SheetName.CASES: {"name": "Nachname", "internenotiz": None}})
    loaded = mapped(messy_workbook(tmp_path / "m.xlsx"), mapping).mapped_load()
    columns = {
        c.header: (c.recognition, c.schema_header) for c in loaded.tables[SheetName.CASES].columns
    }
    assert columns["Name"] == (Recognition.MAPPING, "Nachname")
    assert columns["Vorname"] == (Recognition.EXACT, "Vorname")
    assert columns["Geb.-Datum"] == (Recognition.VARIANT, "Geburtsdatum")
    assert columns["Interne Notiz"] == (Recognition.IGNORED, None)
    assert loaded.tables[SheetName.CASES].real_name == "Klienten"
    assert "Statistik" in loaded.snapshot.tables  # another sheet of the town, left as it is


def test_a_save_through_the_app_writes_under_the_original_headers_and_leaves_the_rest(
    tmp_path: Path,
) -> None:
    path = messy_workbook(tmp_path / "moers.xlsx")
    before = read_sheet(path, "Klienten")
    source = TownSource(Town.MOERS, mapped(path))
    data = read_town(Town.MOERS, source.store.load(), TODAY)
    row = data.case("KIM-MOE-2025-0002")
    assert row is not None
    form = {"Geburtsdatum": "02.04.1990", "Telefon": "0171 9999999"}
    result = save_record(source, case_manager(Town.MOERS), row, form, TODAY, data.case_ids())
    assert result.changed == ("Geburtsdatum", "Telefon")
    after = read_sheet(path, "Klienten")
    assert after[1][0] == TITLE and after[2][:11] == before[2]  # title rows untouched
    assert after[HEADER_ROW][:11] == before[HEADER_ROW]  # headers as the town typed them
    assert after[7][3] == datetime(1990, 4, 2)  # under "Geb.-Datum" in column D
    assert after[7][10] == "0171 9999999"  # under "Tel." in column K
    for number in (5, 8):
        assert after[number][:11] == before[number]  # other rows, incl. "Interne Notiz"
    assert 6 not in after  # the empty row stays empty
    assert read_sheet(path, "Statistik") == read_sheet(path, "Statistik")


def test_a_new_case_lands_below_the_last_row_without_empty_columns_added(tmp_path: Path) -> None:
    path = messy_workbook(tmp_path / "moers.xlsx")
    source = TownSource(Town.MOERS, mapped(path))
    form = {
        "Nachname": "Nguyen",
        "Vorname": "Linh",
        "Geburtsdatum": "3.7.1985",
        "Fallmanager:in": "Anna Beispiel",
    }
    result = create_case(source, case_manager(Town.MOERS), form, TODAY)
    after = read_sheet(path, "Klienten")
    assert result.row_number == 9
    headers = after[HEADER_ROW]
    row = dict(zip(headers, after[9], strict=True))
    assert (row["Name"], row["Vorname"], row["Geb.-Datum"]) == (
        "Nguyen",
        "Linh",
        datetime(1985, 7, 3),
    )
    assert row["Fall-Nr."] == result.record_id and row["Status "] == "Anfrage"
    # Only columns that received a value were added, after the town's own.
    assert set(headers[11:]) == {"Geändert am", "Geändert von", "Fallmanager:in"}
    assert row["Interne Notiz"] is None


def test_a_column_the_mapping_leaves_to_the_town_is_never_written(tmp_path: Path) -> None:
    path = messy_workbook(tmp_path / "moers.xlsx")
    mapping = SourceMapping(columns={SheetName.CASES: {"status": None}})
    source = TownSource(Town.MOERS, mapped(path, mapping))
    data = read_town(Town.MOERS, source.store.load(), TODAY)
    assert data.cases[0].cells["Status (Spalte F)"] == "aktiv"
    row = data.case("KIM-MOE-2025-0001")
    assert row is not None
    before = path.read_bytes()
    with pytest.raises(ColumnTaken):
        save_record(
            source, case_manager(Town.MOERS), row, {"Status": "Ruhend"}, TODAY, data.case_ids()
        )
    assert path.read_bytes() == before


def test_sources_toml_declares_sheet_names_header_rows_and_columns(tmp_path: Path) -> None:
    messy_workbook(tmp_path / "moers.xlsx", sheet_name="Liste 2025")
    # An administrator may pin down what detection would find, and rename a worksheet.
    toml = """
[[town]]
name = "Moers"
workbook = "moers.xlsx"

[town.mapping.sheets]
"Liste 2025" = "Fälle"

[town.mapping.header_rows]
"Fälle" = 4

[town.mapping.columns."Fälle"]
"Name" = "Nachname"
"Interne Notiz" = ""
"""
    (source,) = parse_config(toml, tmp_path)
    assert isinstance(source, SourceConfig)
    store = open_store(source)
    assert isinstance(store, MappedStore)
    data = read_town(Town.MOERS, store.load(), TODAY)
    assert [row.record.last_name for row in data.cases] == ["Shevchenko", "Haidari", "Yilmaz"]
    assert "Interne Notiz" in data.cases[0].cells
