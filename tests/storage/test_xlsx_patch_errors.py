"""Impossible edits and unpatchable files raise clear errors before the target is written."""

from __future__ import annotations

import math
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from casebook.storage.cells import CellEdit, CellValue
from casebook.storage.xlsx.patch import (
    CellEditError,
    FormulaCellEdit,
    InvalidCellAddress,
    TextTooLong,
    UnencodableText,
    UnknownWorksheet,
    UnrepresentableValue,
    UnsupportedWorkbook,
    patch_workbook,
)
from tests.storage.xlsx_patch_helpers import minimal_workbook, rich_workbook


@pytest.fixture
def rich(tmp_path: Path) -> Path:
    return rich_workbook(tmp_path / "rich.xlsx")


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("x" * 32_768, TextTooLong),
        ("😀" * 16_384, TextTooLong),  # two UTF-16 code units each, as Excel counts
        ("lone \ud800 surrogate", UnencodableText),
        ("non-character \ufffe", UnencodableText),
        ("non-character \uffff", UnencodableText),
        (math.nan, UnrepresentableValue),
        (math.inf, UnrepresentableValue),
        (2**53 + 1, UnrepresentableValue),
        (date(1899, 12, 31), UnrepresentableValue),
        (datetime(2026, 1, 1, tzinfo=UTC), UnrepresentableValue),
        (b"bytes", UnrepresentableValue),
    ],
)
def test_unstorable_values_are_refused(
    rich: Path, tmp_path: Path, value: CellValue, error: type[CellEditError]
) -> None:
    target = tmp_path / "out.xlsx"
    with pytest.raises(error) as raised:
        patch_workbook(rich, target, [CellEdit("Fälle", 2, 2, value)])
    assert (raised.value.sheet, raised.value.row, raised.value.column) == ("Fälle", 2, 2)
    assert not target.exists()


def test_text_of_exactly_the_excel_limit_is_written(rich: Path, tmp_path: Path) -> None:
    patch_workbook(rich, tmp_path / "out.xlsx", [CellEdit("Fälle", 2, 2, "x" * 32_767)])


def test_too_long_text_names_its_length(rich: Path, tmp_path: Path) -> None:
    with pytest.raises(TextTooLong, match="32768 characters, Excel allows 32767"):
        patch_workbook(rich, tmp_path / "out.xlsx", [CellEdit("Fälle", 2, 2, "x" * 32_768)])


@pytest.mark.parametrize(("row", "column"), [(0, 1), (1, 0), (1_048_577, 1), (1, 16_385)])
def test_cells_outside_the_grid_are_refused(
    rich: Path, tmp_path: Path, row: int, column: int
) -> None:
    with pytest.raises(InvalidCellAddress):
        patch_workbook(rich, tmp_path / "out.xlsx", [CellEdit("Fälle", row, column, "x")])


def test_unknown_worksheet_is_refused_with_its_name(rich: Path, tmp_path: Path) -> None:
    with pytest.raises(UnknownWorksheet) as raised:
        patch_workbook(rich, tmp_path / "out.xlsx", [CellEdit("Fehlt", 1, 1, "x")])
    assert raised.value.sheet == "Fehlt"


def test_a_formula_cell_is_never_overwritten(rich: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    with pytest.raises(FormulaCellEdit):
        patch_workbook(rich, target, [CellEdit("Fälle", 2, 5, 99)])
    assert not target.exists()


def test_a_cell_inside_an_array_formula_is_never_overwritten(tmp_path: Path) -> None:
    source = minimal_workbook(
        tmp_path / "array.xlsx",
        '<sheetData><row r="1"><c r="A1"><f t="array" ref="A1:A2">B1:B2</f><v>1</v></c></row>'
        '<row r="2"><c r="A2"><v>2</v></c></row></sheetData>',
    )
    with pytest.raises(FormulaCellEdit):
        patch_workbook(source, tmp_path / "out.xlsx", [CellEdit("Blatt", 2, 1, 5)])


def test_a_chartsheet_is_not_a_worksheet(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "chartsheet.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_worksheet("Daten").write(0, 0, 1)
    chart = workbook.add_chart({"type": "line"})
    chart.add_series({"values": "=Daten!$A$1:$A$1"})
    workbook.add_chartsheet("Diagramm").set_chart(chart)
    workbook.close()
    with pytest.raises(UnsupportedWorkbook, match="chartsheet"):
        patch_workbook(path, tmp_path / "out.xlsx", [CellEdit("Diagramm", 1, 1, "x")])


def test_old_xls_and_encrypted_workbooks_are_refused(tmp_path: Path) -> None:
    # Both .xls and password-protected .xlsx are OLE compound files.
    source = tmp_path / "secret.xlsx"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(UnsupportedWorkbook, match=r"encrypted workbook or old \.xls"):
        patch_workbook(source, tmp_path / "out.xlsx", [CellEdit("Blatt", 1, 1, "x")])


def test_a_file_that_is_no_zip_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "text.xlsx"
    source.write_text("Fall-ID;Name\n")
    with pytest.raises(UnsupportedWorkbook, match="not a zip"):
        patch_workbook(source, tmp_path / "out.xlsx", [CellEdit("Blatt", 1, 1, "x")])


def test_a_missing_sheet_part_is_refused(rich: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(rich) as old, zipfile.ZipFile(damaged, "w") as new:
        for info in old.infolist():
            if info.filename != "xl/worksheets/sheet2.xml":
                new.writestr(info, old.read(info))
    with pytest.raises(UnsupportedWorkbook, match=r"sheet2\.xml is missing"):
        patch_workbook(damaged, tmp_path / "out.xlsx", [CellEdit("Kontakte", 1, 1, "x")])


def test_a_binary_xlsb_workbook_is_refused(rich: Path, tmp_path: Path) -> None:
    xlsb = tmp_path / "book.xlsb"
    with zipfile.ZipFile(rich) as old, zipfile.ZipFile(xlsb, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "_rels/.rels":
                data = data.replace(b"xl/workbook.xml", b"xl/workbook.bin")
            new.writestr(info, data)
    with pytest.raises(UnsupportedWorkbook, match="xlsb"):
        patch_workbook(xlsb, tmp_path / "out.xlsx", [CellEdit("Fälle", 1, 1, "x")])


def test_a_strict_open_xml_workbook_is_refused(rich: Path, tmp_path: Path) -> None:
    strict = tmp_path / "strict.xlsx"
    with zipfile.ZipFile(rich) as old, zipfile.ZipFile(strict, "w") as new:
        for info in old.infolist():
            data = old.read(info).replace(
                b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                b"http://purl.oclc.org/ooxml/spreadsheetml/main",
            )
            new.writestr(info, data)
    with pytest.raises(UnsupportedWorkbook, match="strict"):
        patch_workbook(strict, tmp_path / "out.xlsx", [CellEdit("Fälle", 1, 1, "x")])


def test_a_damaged_member_is_refused(rich: Path, tmp_path: Path) -> None:
    data = bytearray(rich.read_bytes())
    with zipfile.ZipFile(rich) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    name_length = len(info.filename.encode())
    data_start = info.header_offset + 30 + name_length + len(info.extra)
    data[data_start + 5] ^= 0xFF
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(bytes(data))
    with pytest.raises(UnsupportedWorkbook, match="damaged"):
        patch_workbook(damaged, tmp_path / "out.xlsx", [CellEdit("Fälle", 1, 1, "x")])


def test_zip64_archives_are_refused(rich: Path, tmp_path: Path) -> None:
    data = bytearray(rich.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    data[end + 8 : end + 12] = b"\xff\xff\xff\xff"  # entry counts say "see the ZIP64 record"
    zip64 = tmp_path / "zip64.xlsx"
    zip64.write_bytes(bytes(data))
    with pytest.raises(UnsupportedWorkbook, match="ZIP64"):
        patch_workbook(zip64, tmp_path / "out.xlsx", [CellEdit("Fälle", 1, 1, "x")])


def test_patching_a_file_onto_itself_is_refused(rich: Path) -> None:
    before = rich.read_bytes()
    with pytest.raises(ValueError, match="different file"):
        patch_workbook(rich, rich, [CellEdit("Fälle", 2, 2, "x")])
    assert rich.read_bytes() == before
