"""Values written by the surgical writer read back exactly in python-calamine and openpyxl."""

from __future__ import annotations

from datetime import date, datetime
from enum import IntEnum, StrEnum
from pathlib import Path

import openpyxl
import pytest

from casebook.storage.cells import CellEdit, CellValue
from casebook.storage.xlsx.patch import decode_text, patch_workbook
from tests.storage.xlsx_patch_helpers import calamine_rows, cell_xml, rich_workbook, sheet_xml

# Text both readers return unchanged.
PLAIN_TEXTS = [
    "Müller-Lüdenscheidt, Straße 5 ß ÄÖÜ",
    "مرحبا بكم في مكتب الاندماج",
    "Здравствуйте, Олександр",
    "\u200fRTL mark \u202bembedded\u202c and \u200e LTR",
    "emoji 👩‍👩‍👧 🇩🇪 😀",
    "<&>\"' and &amp; and ]]> and <t>",
    "=SUMME(A1:A3)",
    "+49 2801 1234",
    "-5",
    "@home",
    "   leading and trailing   ",
    "zwei\nZeilen\n",
    "\ttab",
    "x" * 30_000,
    "_underscore_ and _x but not an escape: _x12_ _xZZZZ_",
    "\x7f\x85 C1 controls are legal XML",
]
# Text that needs Excel's _xHHHH_ escapes: calamine decodes them, openpyxl shows them as written.
ESCAPED_TEXTS = [
    "bell\x07 and nul\x00 and escape\x1b",
    "Windows\r\nline end",
    "literal _x0041_ and _X0041_ and _x005F_",
    "_x0000_ at start",
    "looks like an escape once encoded _x0041\x01",
]


def write_texts(tmp_path: Path, texts: list[str]) -> Path:
    source = rich_workbook(tmp_path / "rich.xlsx")
    target = tmp_path / "texts.xlsx"
    patch_workbook(
        source, target, [CellEdit("Fälle", 10 + i, 2, text) for i, text in enumerate(texts)]
    )
    return target


def test_odd_text_reads_back_exactly_in_calamine(tmp_path: Path) -> None:
    texts = PLAIN_TEXTS + ESCAPED_TEXTS
    rows = calamine_rows(write_texts(tmp_path, texts), "Fälle")
    assert [rows[9 + i][1] for i in range(len(texts))] == texts


def test_odd_text_reads_back_exactly_in_openpyxl(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(write_texts(tmp_path, PLAIN_TEXTS))["Fälle"]
    assert [sheet.cell(10 + i, 2).value for i in range(len(PLAIN_TEXTS))] == PLAIN_TEXTS


def test_openpyxl_shows_excel_escapes_which_decode_text_undoes(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(write_texts(tmp_path, ESCAPED_TEXTS))["Fälle"]
    raw = [str(sheet.cell(10 + i, 2).value) for i in range(len(ESCAPED_TEXTS))]
    assert raw[0] == "bell_x0007_ and nul_x0000_ and escape_x001B_"
    assert [decode_text(value) for value in raw] == ESCAPED_TEXTS


def test_formula_like_text_stays_text(tmp_path: Path) -> None:
    target = write_texts(tmp_path, ["=1+1", "+1", "-A1", "@SUM(A1)"])
    sheet = openpyxl.load_workbook(target)["Fälle"]
    for row in range(10, 14):
        assert sheet.cell(row, 2).data_type != "f"
    assert "<f>" not in sheet_xml(target).split('<row r="10"')[1].split("</sheetData>")[0]


def test_text_keeps_leading_and_trailing_spaces_with_xml_space_preserve(tmp_path: Path) -> None:
    xml = sheet_xml(write_texts(tmp_path, [" a ", "b"]))
    assert '<t xml:space="preserve"> a </t>' in cell_xml(xml, "B10")
    assert "<t>b</t>" in cell_xml(xml, "B11")


VALUES: list[tuple[CellValue, CellValue, object]] = [
    # written, calamine reads, openpyxl reads
    (True, True, True),
    (False, False, False),
    (42, 42.0, 42),
    (-0.1, -0.1, -0.1),
    (1.5e-10, 1.5e-10, 1.5e-10),
    (2**53, float(2**53), 2**53),
    (date(2026, 11, 20), date(2026, 11, 20), datetime(2026, 11, 20)),
    (date(1900, 1, 1), date(1900, 1, 1), datetime(1900, 1, 1)),
    (date(1900, 3, 1), date(1900, 3, 1), datetime(1900, 3, 1)),
    (datetime(2026, 11, 20, 9, 30), datetime(2026, 11, 20, 9, 30), datetime(2026, 11, 20, 9, 30)),
]


@pytest.mark.parametrize(("value", "in_calamine", "in_openpyxl"), VALUES)
def test_numbers_booleans_and_dates_read_back(
    tmp_path: Path, value: CellValue, in_calamine: CellValue, in_openpyxl: object
) -> None:
    source = rich_workbook(tmp_path / "rich.xlsx")
    target = tmp_path / "value.xlsx"
    patch_workbook(source, target, [CellEdit("Kontakte", 2, 5, value)])
    assert calamine_rows(target, "Kontakte")[1][4] == in_calamine
    assert openpyxl.load_workbook(target)["Kontakte"]["E2"].value == in_openpyxl


class Count(IntEnum):
    THREE = 3


class Status(StrEnum):
    AKTIV = "Aktiv"


def test_enum_members_are_written_as_their_values(tmp_path: Path) -> None:
    source = rich_workbook(tmp_path / "rich.xlsx")
    target = tmp_path / "enums.xlsx"
    patch_workbook(
        source,
        target,
        [CellEdit("Kontakte", 2, 4, Count.THREE), CellEdit("Kontakte", 2, 5, Status.AKTIV)],
    )
    assert calamine_rows(target, "Kontakte")[1][3:5] == [3.0, "Aktiv"]


def test_none_empties_a_cell_and_keeps_its_style(tmp_path: Path) -> None:
    source = rich_workbook(tmp_path / "rich.xlsx")
    target = tmp_path / "cleared.xlsx"
    patch_workbook(source, target, [CellEdit("Fälle", 6, 1, None), CellEdit("Fälle", 6, 2, "")])
    row = sheet_xml(target)
    assert cell_xml(row, "A6") == '<c r="A6" s="2"/>'
    assert cell_xml(row, "B6") == '<c r="B6" s="2"/>'
    assert calamine_rows(target, "Fälle")[5][:2] == ["", ""]


def test_later_edit_of_the_same_cell_wins(tmp_path: Path) -> None:
    source = rich_workbook(tmp_path / "rich.xlsx")
    target = tmp_path / "twice.xlsx"
    patch_workbook(
        source, target, [CellEdit("Fälle", 2, 2, "erst"), CellEdit("Fälle", 2, 2, "dann")]
    )
    assert calamine_rows(target, "Fälle")[1][1] == "dann"


def test_datetime_in_a_plain_cell_gets_a_date_time_format(tmp_path: Path) -> None:
    source = rich_workbook(tmp_path / "rich.xlsx")
    target = tmp_path / "stamp.xlsx"
    patch_workbook(source, target, [CellEdit("Kontakte", 2, 4, datetime(2026, 11, 20, 9, 30))])
    styles = openpyxl.load_workbook(target)["Kontakte"]["D2"].number_format
    assert styles == "DD.MM.YYYY HH:MM"
