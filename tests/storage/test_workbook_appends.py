"""A new row goes below every row the town uses, also below a note in a column without a header."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from casebook.cases.services import create_case
from casebook.core.sources import TownSource
from casebook.storage.mapped import MappedStore
from casebook.storage.mapping import SourceMapping
from casebook.storage.xlsx.store import WorkbookStore
from sheets_schema.enums import Town
from tests.support.builders import TODAY, case_manager
from tests.support.messy_workbook import HEADERS, messy_workbook, read_sheet

UNNAMED = len(HEADERS) + 1  # column L: no header


def test_a_new_case_goes_below_a_note_the_town_keeps_in_a_column_without_a_header(
    tmp_path: Path,
) -> None:
    path = messy_workbook(tmp_path / "moers.xlsx")
    book = openpyxl.load_workbook(path)
    book["Klienten"].cell(9, UNNAMED, "Summe: 3 Fälle")
    book.save(path)
    mapping = SourceMapping()
    store = MappedStore(WorkbookStore(path, header_locator=mapping.locate_header), mapping)
    form = {"Nachname": "Nguyen", "Vorname": "Linh", "Fallmanager:in": "Anna Beispiel"}
    result = create_case(TownSource(Town.MOERS, store), case_manager(Town.MOERS), form, TODAY)
    after = read_sheet(path, "Klienten")
    assert result.row_number == 10
    assert after[9][0] is None and after[9][UNNAMED - 1] == "Summe: 3 Fälle"
    assert after[10][:3] == (result.record_id, "Nguyen", "Linh")
    assert after[10][UNNAMED - 1] is None
