"""Rows and cells are inserted in order, take their neighbours' styles, and grow what Excel grows."""

from __future__ import annotations

import re
from pathlib import Path

import xlsxwriter

from casebook.storage.cells import CellEdit, CellValue
from casebook.storage.xlsx.patch import patch_workbook
from tests.storage.xlsx_patch_helpers import (
    MAIN_NS,
    calamine_rows,
    cell_xml,
    minimal_workbook,
    raw_members,
    row_xml,
    sheet_xml,
    zip_parts,
)


def patched(
    tmp_path: Path, sheet_data: str, edits: dict[tuple[int, int], CellValue], **kw: str
) -> str:
    source = minimal_workbook(tmp_path / "source.xlsx", sheet_data, **kw)
    target = tmp_path / "target.xlsx"
    patch_workbook(source, target, [CellEdit("Blatt", r, c, v) for (r, c), v in edits.items()])
    return sheet_xml(target)


def row_numbers(xml: str) -> list[int]:
    return [int(number) for number in re.findall(r'<row r="(\d+)"', xml)]


def test_a_missing_row_is_inserted_in_row_order(tmp_path: Path) -> None:
    xml = patched(
        tmp_path,
        '<sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
        '<row r="5"><c r="A5"><v>5</v></c></row></sheetData>',
        {(3, 1): 3, (9, 1): 9},
    )
    assert row_numbers(xml) == [1, 3, 5, 9]


def test_new_cells_go_between_existing_ones_in_column_order(tmp_path: Path) -> None:
    xml = patched(
        tmp_path,
        '<sheetData><row r="1" spans="2:4"><c r="B1"><v>2</v></c><c r="D1"><v>4</v></c></row>'
        "</sheetData>",
        {(1, 1): 1, (1, 3): 3, (1, 5): 5},
    )
    assert re.findall(r'<c r="([A-Z]+)1"', xml) == ["A", "B", "C", "D", "E"]
    assert '<row r="1" spans="1:5">' in xml


def test_a_new_row_copies_height_and_format_of_the_row_above_but_not_hiding(
    tmp_path: Path,
) -> None:
    xml = patched(
        tmp_path,
        '<sheetData><row r="1" spans="1:2" s="1" customFormat="1" ht="30" customHeight="1"'
        ' hidden="1" outlineLevel="1"><c r="A1" s="2"><v>1</v></c></row></sheetData>',
        {(2, 1): "a", (2, 2): "b"},
    )
    assert row_xml(xml, 2) == (
        '<row r="2" spans="1:2" s="1" customFormat="1" ht="30" customHeight="1">'
        '<c r="A2" s="2" t="inlineStr"><is><t>a</t></is></c>'
        '<c r="B2" s="1" t="inlineStr"><is><t>b</t></is></c></row>'
    )


def test_a_new_cell_without_a_styled_neighbour_takes_the_column_style(tmp_path: Path) -> None:
    xml = patched(
        tmp_path,
        '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>',
        {(2, 2): "b", (2, 3): "c"},
        head='<cols><col min="2" max="2" width="9" style="1" customWidth="1"/></cols>',
    )
    assert cell_xml(xml, "B2") == '<c r="B2" s="1" t="inlineStr"><is><t>b</t></is></c>'
    assert cell_xml(xml, "C2") == '<c r="C2" t="inlineStr"><is><t>c</t></is></c>'


def test_appended_rows_in_a_chain_inherit_through_each_other(tmp_path: Path) -> None:
    xml = patched(
        tmp_path,
        '<sheetData><row r="1"><c r="A1" s="1"><v>1</v></c><c r="B1" s="2"><v>1</v></c></row>'
        "</sheetData>",
        {(2, 1): 2, (3, 2): 3},
    )
    assert cell_xml(xml, "A2") == '<c r="A2" s="1"><v>2</v></c>'
    assert cell_xml(xml, "B3") == '<c r="B3" s="2"><v>3</v></c>'


def test_an_empty_sheet_gets_its_first_row_and_dimension(tmp_path: Path) -> None:
    xml = patched(tmp_path, "<sheetData/>", {(2, 3): "erste"}, head='<dimension ref="A1"/>')
    assert '<dimension ref="C2"/>' in xml
    assert '<sheetData><row r="2"><c r="C2" t="inlineStr"><is><t>erste</t></is></c></row>' in xml


def test_cells_and_rows_without_references_keep_their_positions(tmp_path: Path) -> None:
    source = minimal_workbook(
        tmp_path / "source.xlsx",
        '<sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
        "<row><c><v>1</v></c><c><v>3</v></c></row></sheetData>",
    )
    target = tmp_path / "target.xlsx"
    patch_workbook(source, target, [CellEdit("Blatt", 2, 2, 2), CellEdit("Blatt", 3, 1, 9)])
    rows = calamine_rows(target, "Blatt")
    assert rows[1] == [1.0, 2.0]  # 3 was at B2 and is replaced by 2
    assert rows[2][0] == 9.0
    xml = sheet_xml(target)
    assert '<c r="A2"><v>1</v></c><c r="B2"><v>2</v></c>' in xml


def test_a_prefixed_main_namespace_is_kept(tmp_path: Path) -> None:
    source = minimal_workbook(tmp_path / "source.xlsx", "")
    parts = zip_parts(source)
    prefixed = tmp_path / "prefixed.xlsx"
    import zipfile

    with zipfile.ZipFile(prefixed, "w") as archive:
        for name, data in parts.items():
            if name == "xl/worksheets/sheet1.xml":
                data = (
                    f'<x:worksheet xmlns:x="{MAIN_NS}"><x:sheetData><x:row r="1">'
                    '<x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>'
                ).encode()
            archive.writestr(name, data)
    target = tmp_path / "target.xlsx"
    patch_workbook(prefixed, target, [CellEdit("Blatt", 1, 2, "b"), CellEdit("Blatt", 2, 1, 2)])
    xml = sheet_xml(target)
    assert '<x:c r="B1" t="inlineStr"><x:is><x:t>b</x:t></x:is></x:c>' in xml
    assert '<x:row r="2"><x:c r="A2"><x:v>2</x:v></x:c></x:row>' in xml
    assert calamine_rows(target, "Blatt") == [[1.0, "b"], [2.0, ""]]


def test_appending_several_rows_grows_ranges_to_the_last_one(tmp_path: Path) -> None:
    xml = patched(
        tmp_path,
        '<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c>'
        "</row></sheetData>",
        {(3, 1): 3, (5, 1): 5},
        head='<dimension ref="A1:A2"/>',
        tail='<autoFilter ref="A1:A2"/><dataValidations count="1"><dataValidation type="whole"'
        ' sqref="A2 C1:C2 D1:D9"/></dataValidations>',
    )
    assert '<dimension ref="A1:A5"/>' in xml
    assert '<autoFilter ref="A1:A5"/>' in xml
    assert 'sqref="A2:A5 C1:C5 D1:D9"' in xml


def test_styled_empty_rows_below_the_data_do_not_count_as_data(tmp_path: Path) -> None:
    xml = patched(
        tmp_path,
        '<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2" s="1" customFormat="1">'
        '<c r="A2" s="1"/></row></sheetData>',
        {(2, 1): 2},
        tail='<autoFilter ref="A1:A1"/>',
    )
    assert '<autoFilter ref="A1:A2"/>' in xml
    assert cell_xml(xml, "A2") == '<c r="A2" s="1"><v>2</v></c>'


def test_a_table_with_a_totals_row_is_not_grown(tmp_path: Path) -> None:
    source = tmp_path / "totals.xlsx"
    workbook = xlsxwriter.Workbook(str(source))
    sheet = workbook.add_worksheet("Daten")
    sheet.add_table(
        "A1:B4",
        {
            "data": [["a", 1], ["b", 2]],
            "total_row": True,
            "columns": [{"header": "Name"}, {"header": "Zahl", "total_function": "sum"}],
        },
    )
    workbook.close()
    target = tmp_path / "target.xlsx"
    patch_workbook(source, target, [CellEdit("Daten", 5, 1, "unter der Summe")])
    assert zip_parts(target)["xl/tables/table1.xml"] == zip_parts(source)["xl/tables/table1.xml"]


def test_an_edit_that_changes_nothing_leaves_the_sheet_part_as_stored(tmp_path: Path) -> None:
    source = minimal_workbook(
        tmp_path / "source.xlsx", '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>'
    )
    target = tmp_path / "target.xlsx"
    patch_workbook(source, target, [CellEdit("Blatt", 4, 4, None)])
    assert target.read_bytes() == source.read_bytes()
    assert raw_members(target) == raw_members(source)
