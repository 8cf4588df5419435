"""Where a worksheet's values end, read from its XML as Excel, LibreOffice and others write it."""

from __future__ import annotations

import pytest

from casebook.storage.xlsx.extent import sheet_extent

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _sheet(rows: str, prefix: str = "", tail: str = "") -> bytes:
    p = f"{prefix}:" if prefix else ""
    declaration = f'xmlns:{prefix}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    body = rows.replace("<", f"<{p}").replace(f"<{p}/", f"</{p}")
    tail = tail.replace("<", f"<{p}")
    return (
        f'<?xml version="1.0"?><{p}worksheet {declaration}><{p}dimension ref="A1:XFD1048576"/>'
        f"<{p}sheetData>{body}</{p}sheetData>{tail}</{p}worksheet>"
    ).encode()


@pytest.mark.parametrize("prefix", ["", "x"])
def test_the_last_value_and_the_rightmost_value_set_the_rectangle(prefix: str) -> None:
    xml = _sheet(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="AB1" t="s"><v>1</v></c></row>'
        '<row r="7"><c r="C7" t="inlineStr"><is><t>Notiz</t></is></c>'
        '<c r="XFD7" s="3"/></row>'
        '<row r="1048576" s="2" customFormat="1"><c r="A1048576" s="2"/></row>',
        prefix,
    )
    extent = sheet_extent(xml, "xl/worksheets/sheet1.xml")
    assert (extent.last_row, extent.last_column) == (7, 28)  # formatted cells do not count
    assert (extent.row_cell, extent.column_cell) == ("C7", "AB1")


def test_a_cell_without_a_reference_lies_in_its_row() -> None:
    xml = _sheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="900000"><c><v>2</v></c></row>')
    assert sheet_extent(xml, "sheet.xml").last_row == 900000


def test_a_formula_without_a_cached_value_and_an_empty_sheet_hold_nothing() -> None:
    assert sheet_extent(_sheet(""), "sheet.xml").cells == 0
    xml = _sheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="5"><c r="ZZ5"><f>A1</f></c></row>')
    assert (
        sheet_extent(xml, "sheet.xml").last_row,
        sheet_extent(xml, "sheet.xml").last_column,
    ) == (
        1,
        1,
    )


def test_merged_cells_after_the_rows_are_listed() -> None:
    xml = _sheet(
        '<row r="3"><c r="B3" t="s"><v>0</v></c></row>',
        tail='<mergeCells count="1"><mergeCell ref="B3:B4"/></mergeCells>',
    )
    (box,) = sheet_extent(xml, "sheet.xml").merged
    assert (box.first_row, box.first_column, box.last_row, box.last_column) == (3, 2, 4, 2)
