"""A column the app adds to a town's workbook never lands on a column that holds the town's data."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from casebook.cases.services import save_record
from casebook.core.sources import TownSource
from casebook.core.town_data import read_town
from casebook.storage.mapped import MappedStore
from casebook.storage.mapping import SourceMapping
from casebook.storage.xlsx.store import WorkbookStore
from sheets_schema.enums import Town
from tests.support.builders import TODAY, case_manager
from tests.support.messy_workbook import HEADER_ROW, HEADERS, messy_workbook, read_sheet

UNNAMED = len(HEADERS) + 1  # column L: notes without a header


def test_a_save_adds_its_columns_after_a_column_of_notes_without_a_header(tmp_path: Path) -> None:
    path = messy_workbook(tmp_path / "moers.xlsx")
    book = openpyxl.load_workbook(path)
    book["Klienten"].cell(5, UNNAMED, "Rückruf Montag")
    book["Klienten"].cell(7, UNNAMED, "Akte fehlt")
    book.save(path)
    mapping = SourceMapping()
    store = MappedStore(WorkbookStore(path, header_locator=mapping.locate_header), mapping)
    source = TownSource(Town.MOERS, store)
    data = read_town(Town.MOERS, store.load(), TODAY)
    row = data.case("KIM-MOE-2025-0002")
    assert row is not None
    save_record(
        source, case_manager(Town.MOERS), row, {"Telefon": "0171 3"}, TODAY, data.case_ids()
    )
    after = read_sheet(path, "Klienten")
    assert after[HEADER_ROW][UNNAMED - 1] is None  # still the town's unnamed column
    assert after[5][UNNAMED - 1] == "Rückruf Montag"
    assert after[7][UNNAMED - 1] == "Akte fehlt"
    assert after[HEADER_ROW][UNNAMED:] == ("Geändert am", "Geändert von")
    assert after[7][UNNAMED + 1] == "Test Fallmanagerin"
