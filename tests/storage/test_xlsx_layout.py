"""A new town workbook: headers from the schema, frozen header, dropdowns, text stays text."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from casebook.storage.cells import CellValue
from casebook.storage.xlsx.layout import (
    LISTS_SHEET,
    NOTICE_SHEET,
    UnknownColumn,
    create_workbook,
)
from sheets_schema import SHEETS, Case, FieldKind, SheetName, field_specs, header_of, headers
from sheets_schema.enums import Town


@pytest.fixture
def case_row() -> dict[str, CellValue]:
    return {
        header_of(Case, "case_id"): "KIM-XAN-2024-0001",
        header_of(Case, "town"): Town.XANTEN.value,
        header_of(Case, "last_name"): "=1+1",
        header_of(Case, "postcode"): "01067",
        header_of(Case, "phone"): "0170 1234567",
        header_of(Case, "birth_date"): date(1990, 1, 2),
        header_of(Case, "household_size"): 3,
        header_of(Case, "changed_at"): datetime(2025, 3, 4, 9, 15),
    }


@pytest.fixture
def workbook(tmp_path: Path, case_row: dict[str, CellValue]) -> Path:
    path = tmp_path / "kim-xan.xlsx"
    create_workbook(path, {SheetName.CASES: [case_row]}, notice="Erfundene Demodaten")
    return path


def _column_letter(sheet: SheetName, header: str) -> str:
    index = headers(SHEETS[sheet].model).index(header)
    return get_column_letter(index + 1)


def test_every_schema_sheet_has_its_headers_in_row_one(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook, read_only=True)
    for name in SheetName:
        first_row = next(book[name.value].iter_rows(max_row=1, values_only=True))
        assert list(first_row) == headers(SHEETS[name].model)


def test_notice_comes_first_and_lists_sheet_is_hidden(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames == [NOTICE_SHEET, *(n.value for n in SheetName), LISTS_SHEET]
    assert book[NOTICE_SHEET]["A1"].value == "Erfundene Demodaten"
    assert book[LISTS_SHEET].sheet_state == "hidden"


def test_without_notice_the_cases_sheet_comes_first(tmp_path: Path) -> None:
    path = tmp_path / "kim-din.xlsx"
    create_workbook(path)
    assert openpyxl.load_workbook(path).sheetnames[0] == SheetName.CASES.value


def test_header_row_is_frozen_bold_and_filtered(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    for name in SheetName:
        sheet = book[name.value]
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].font.b
        last_column = get_column_letter(len(headers(SHEETS[name].model)))
        assert sheet.auto_filter.ref == f"A1:{last_column}1"


def test_every_choice_column_has_a_tolerant_dropdown_from_the_lists_sheet(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    for name in SheetName:
        sheet = book[name.value]
        by_column = {
            str(v.sqref).split(":")[0].rstrip("0123456789"): v
            for v in sheet.data_validations.dataValidation
        }
        choices = [s for s in field_specs(SHEETS[name].model) if s.kind is FieldKind.CHOICE]
        assert len(by_column) == len(choices)
        for spec in choices:
            validation = by_column[_column_letter(name, spec.header)]
            assert validation.type == "list"
            assert validation.errorStyle == "warning"
            assert validation.error
            assert str(validation.sqref).endswith("1048576")
            column_range = validation.formula1.split("!")[1].replace("$", "")
            letter = column_range.split(":")[0].rstrip("0123456789")
            listed = [c.value for c in book[LISTS_SHEET][letter]][1:]
            assert tuple(v for v in listed if v is not None) == spec.options


def test_lists_longer_than_255_characters_are_served_from_the_lists_sheet(
    workbook: Path,
) -> None:
    status = next(s for s in field_specs(Case) if s.name == "residence_status")
    assert len(",".join(status.options)) > 255
    sheet = openpyxl.load_workbook(workbook)[SheetName.CASES.value]
    formulas = [v.formula1 for v in sheet.data_validations.dataValidation]
    assert all(f.startswith(f"{LISTS_SHEET}!$") for f in formulas)


def test_formula_like_text_is_stored_as_text(workbook: Path) -> None:
    sheet = openpyxl.load_workbook(workbook)[SheetName.CASES.value]
    cell = sheet[f"{_column_letter(SheetName.CASES, header_of(Case, 'last_name'))}2"]
    assert cell.value == "=1+1"
    assert cell.data_type == "s"


def test_postcode_keeps_its_leading_zero_when_read_back(workbook: Path) -> None:
    rows = CalamineWorkbook.from_path(str(workbook)).get_sheet_by_name("Fälle").to_python()
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row[header_of(Case, "postcode")] == "01067"
    assert row[header_of(Case, "phone")] == "0170 1234567"


def test_postcode_and_phone_columns_are_formatted_as_text_for_typing(workbook: Path) -> None:
    sheet = openpyxl.load_workbook(workbook)[SheetName.CASES.value]
    for name in ("postcode", "phone"):
        letter = _column_letter(SheetName.CASES, header_of(Case, name))
        assert sheet.column_dimensions[letter].number_format == "@"


def test_dates_are_real_dates_in_german_format(workbook: Path) -> None:
    sheet = openpyxl.load_workbook(workbook)[SheetName.CASES.value]
    birth = sheet[f"{_column_letter(SheetName.CASES, header_of(Case, 'birth_date'))}2"]
    changed = sheet[f"{_column_letter(SheetName.CASES, header_of(Case, 'changed_at'))}2"]
    assert birth.value == datetime(1990, 1, 2)
    assert birth.number_format == "DD.MM.YYYY"
    assert changed.value == datetime(2025, 3, 4, 9, 15)
    assert changed.number_format == "DD.MM.YYYY HH:MM"


def test_numbers_stay_numbers(workbook: Path) -> None:
    sheet = openpyxl.load_workbook(workbook)[SheetName.CASES.value]
    cell = sheet[f"{_column_letter(SheetName.CASES, header_of(Case, 'household_size'))}2"]
    assert cell.value == 3
    assert cell.data_type == "n"


def test_an_existing_workbook_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "kim-moe.xlsx"
    path.write_bytes(b"the town's real workbook")
    with pytest.raises(FileExistsError):
        create_workbook(path, {SheetName.CASES: []})
    assert path.read_bytes() == b"the town's real workbook"
    assert list(tmp_path.iterdir()) == [path]


def test_a_failed_write_leaves_no_file_behind(tmp_path: Path) -> None:
    path = tmp_path / "kim-wes.xlsx"
    with pytest.raises(UnknownColumn):
        create_workbook(path, {SheetName.CASES: [{"Keine Spalte": "x"}]})
    assert list(tmp_path.iterdir()) == []
