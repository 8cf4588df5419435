"""Header cells as towns format them: merged over two rows, bold and coloured above new rows."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl

from casebook.cases.services import create_case, load_town, save_record
from casebook.core.sources import TownSource
from casebook.core.town_data import read_town
from casebook.storage.mapped import MappedStore
from casebook.storage.mapping import SourceMapping
from casebook.storage.xlsx.store import WorkbookStore
from sheets_schema import SheetName
from sheets_schema.enums import Town
from tests.support.builders import TODAY, case_manager, make_case, town_workbook, workbook_source
from tests.support.messy_workbook import HEADER_ROW, HEADERS, messy_workbook, read_sheet

KOMMUNE = HEADERS.index("Kommune") + 1


def _merged_kommune_workbook(path: Path) -> Path:
    """Moers' workbook with „Kommune“ typed one row higher and merged down over the header row."""
    messy_workbook(path)
    book = openpyxl.load_workbook(path)
    sheet = book["Klienten"]
    sheet.cell(HEADER_ROW, KOMMUNE).value = None
    sheet.cell(HEADER_ROW - 1, KOMMUNE).value = "Kommune"
    sheet.merge_cells(
        start_row=HEADER_ROW - 1, start_column=KOMMUNE, end_row=HEADER_ROW, end_column=KOMMUNE
    )
    book.save(path)
    return path


def _source(path: Path) -> TownSource:
    mapping = SourceMapping()
    store = MappedStore(WorkbookStore(path, header_locator=mapping.locate_header), mapping)
    return TownSource(Town.MOERS, store)


def test_a_header_merged_down_over_the_header_row_names_its_column(tmp_path: Path) -> None:
    source = _source(_merged_kommune_workbook(tmp_path / "moers.xlsx"))
    data = read_town(Town.MOERS, source.store.load(), TODAY)
    assert [str(row.record.town) for row in data.cases] == ["Moers"] * 3


def test_a_new_case_writes_the_town_under_the_merged_header_not_into_a_second_column(
    tmp_path: Path,
) -> None:
    path = _merged_kommune_workbook(tmp_path / "moers.xlsx")
    form = {"Nachname": "Nguyen", "Vorname": "Linh", "Fallmanager:in": "Anna Beispiel"}
    result = create_case(_source(path), case_manager(Town.MOERS), form, TODAY)
    after = read_sheet(path, "Klienten")
    assert "Kommune" not in after[HEADER_ROW]  # still only the merged cell above names it
    assert after[result.row_number][KOMMUNE - 1] == "Moers"


def test_protokoll_rows_below_the_header_get_the_body_style_not_the_header_s(
    tmp_path: Path,
) -> None:
    path = town_workbook(tmp_path / "kim-xan.xlsx", cases=[make_case(1)])
    source = workbook_source(path)
    actor = case_manager()
    data = load_town(source, actor, TODAY)
    base = data.case("KIM-XAN-2026-0001")
    assert base is not None
    now = datetime(2026, 11, 20, 10, 30)
    save_record(source, actor, base, {"Ort": "Sonsbeck"}, TODAY, data.case_ids(), now)
    audit = openpyxl.load_workbook(path)[SheetName.AUDIT]
    assert audit["A1"].font.b and audit["A1"].fill.fgColor.rgb.endswith("DCE6F1")
    for cell in audit[2]:
        if cell.value is None:
            continue
        assert not cell.font.b, cell.coordinate
        assert cell.fill.fill_type is None, cell.coordinate
        assert cell.border.bottom.style is None, cell.coordinate
    assert audit.row_dimensions[2].height == audit.row_dimensions[3].height
