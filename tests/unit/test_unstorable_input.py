"""Control characters, lone surrogates and negative counts are refused in German, naming the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from casebook.cases.services import load_town, save_record
from casebook.core.errors import InvalidRecord
from casebook.core.town_data import parse_record
from casebook.messages import error_message
from casebook.storage.base import StorageError
from casebook.storage.mapped import ColumnTaken
from casebook.storage.xlsx.store import WorkbookStore
from sheets_schema import Problem, Severity, SheetName
from tests.support.builders import (
    TODAY,
    case_manager,
    make_case,
    make_contact,
    town_workbook,
    workbook_source,
)

CASE_IDS = {"KIM-XAN-2026-0001"}
BAD_CHARACTERS = {"NUL": "\x00", "escape": "\x1b", "lone surrogate": "\ud800", "U+FFFE": "\ufffe"}


def _errors(sheet: SheetName, cells: dict[str, Any]) -> list[tuple[str, str | None]]:
    _, problems, _ = parse_record(sheet, cells, TODAY, CASE_IDS)
    return [(p.code, p.column) for p in problems if p.is_error]


@pytest.mark.parametrize("character", list(BAD_CHARACTERS.values()), ids=list(BAD_CHARACTERS))
@pytest.mark.parametrize(
    ("sheet", "column"),
    [
        (SheetName.CASES, "Nachname"),
        (SheetName.CASES, "Bemerkung"),
        (SheetName.CASES, "Staatsangehörigkeit"),
        (SheetName.CASES, "Sprachen"),
        (SheetName.CASES, "Geburtsdatum"),
        (SheetName.CASES, "Status"),
        (SheetName.CASES, "Haushaltsgröße"),
        (SheetName.CASES, "PLZ"),
        (SheetName.CASES, "Sprachmittlung nötig"),
        (SheetName.CONTACTS, "Notiz"),
    ],
)
def test_a_character_no_spreadsheet_can_hold_is_refused_at_its_field(
    sheet: SheetName, column: str, character: str
) -> None:
    row = make_case(1) if sheet is SheetName.CASES else make_contact("KIM-XAN-2026-0001")
    assert _errors(sheet, {**row, column: f"Mül{character}ler"}) == [("text_invalid", column)]


@pytest.mark.parametrize(
    ("overrides", "column"),
    [
        ({"Haushaltsgröße": -1, "Kinder unter 18": 0}, "Haushaltsgröße"),
        ({"Haushaltsgröße": 0, "Kinder unter 18": None}, "Haushaltsgröße"),
        ({"Haushaltsgröße": -3, "Kinder unter 18": -5}, "Haushaltsgröße"),
        ({"Haushaltsgröße": 3, "Kinder unter 18": -1}, "Kinder unter 18"),
        ({"Haushaltsgröße": None, "Kinder unter 18": "-2"}, "Kinder unter 18"),
    ],
)
def test_a_household_needs_a_person_and_children_cannot_be_negative(
    overrides: dict[str, Any], column: str
) -> None:
    cells = {k: v for k, v in {**make_case(1), **overrides}.items() if v is not None}
    errors = _errors(SheetName.CASES, cells)
    assert ("count_below_minimum", column) in errors
    _, problems, _ = parse_record(SheetName.CASES, cells, TODAY, CASE_IDS)
    (problem,) = [p for p in problems if p.column == column and p.code == "count_below_minimum"]
    assert f"„{column}“" in problem.message and "mindestens" in problem.message


@pytest.mark.parametrize(("household", "children"), [(1, 0), (1, None), (4, 3)])
def test_small_households_are_fine(household: int, children: int | None) -> None:
    cells = {**make_case(1), "Haushaltsgröße": household}
    cells.pop("Kinder unter 18")
    if children is not None:
        cells["Kinder unter 18"] = children
    assert _errors(SheetName.CASES, cells) == []


def test_the_save_message_names_the_fields_to_correct() -> None:
    problems = [
        Problem("text_invalid", Severity.ERROR, "Steuerzeichen", column="Nachname"),
        Problem("count_below_minimum", Severity.ERROR, "mindestens 1", column="Haushaltsgröße"),
        Problem("minor", Severity.WARNING, "minderjährig", column="Geburtsdatum"),
    ]
    text = error_message(InvalidRecord(problems))
    assert text.startswith("Nicht gespeichert: 2 Fehler in „Nachname“, „Haushaltsgröße“.")
    assert "Geburtsdatum" not in text


def test_a_lone_surrogate_typed_into_a_form_is_refused_before_the_file_is_touched(
    tmp_path: Path,
) -> None:
    path = town_workbook(tmp_path / "x.xlsx", [make_case(1)])
    source, actor = workbook_source(path), case_manager()
    data = load_town(source, actor, TODAY)
    base = data.case("KIM-XAN-2026-0001")
    assert base is not None
    before = path.read_bytes()
    with pytest.raises(InvalidRecord) as refused:
        save_record(source, actor, base, {"Nachname": "Mü\ud800ller"}, TODAY, data.case_ids())
    assert [(p.code, p.column) for p in refused.value.problems] == [("text_invalid", "Nachname")]
    assert "„Nachname“" in error_message(refused.value)
    assert path.read_bytes() == before


def test_a_storage_refusal_of_a_cell_names_its_column_in_german(tmp_path: Path) -> None:
    path = town_workbook(tmp_path / "x.xlsx", [make_case(1)])
    store = WorkbookStore(path)
    before = path.read_bytes()
    with pytest.raises(StorageError) as refused, store.transaction([SheetName.CASES]) as tx:
        (row,) = tx.snapshot.table(SheetName.CASES).rows_with("Fall-ID", "KIM-XAN-2026-0001")
        tx.set_cells(SheetName.CASES, row.number, {"Vorname": "Ol\udc00ena"})
    text = error_message(refused.value)
    assert "„Vorname“" in text and "Blatt „Fälle“" in text
    assert "Es wurde nichts gespeichert" in text and "Ihre Eingaben bleiben erhalten" in text
    assert path.read_bytes() == before


def test_a_column_of_the_town_in_the_way_is_named_in_the_message() -> None:
    text = error_message(ColumnTaken("/daten/kim-wes.xlsx", "Fälle", "Telefon"))
    assert text.startswith("Das Feld „Telefon“ kann nicht gespeichert werden")
    assert "Ihre Eingaben bleiben erhalten" in text


def test_a_save_into_a_cell_holding_a_formula_names_the_field(tmp_path: Path) -> None:
    path = town_workbook(tmp_path / "x.xlsx", [make_case(1)])
    book = openpyxl.load_workbook(path)
    sheet = book["Fälle"]
    column = [cell.value for cell in sheet[1]].index("Telefon") + 1
    sheet.cell(2, column, '="0170 " & "1234567"')  # someone typed a formula in Excel
    book.save(path)
    source, actor = workbook_source(path), case_manager()
    data = load_town(source, actor, TODAY)
    base = data.case("KIM-XAN-2026-0001")
    assert base is not None
    before = path.read_bytes()
    with pytest.raises(StorageError) as refused:
        save_record(source, actor, base, {"Telefon": "0171 5555555"}, TODAY, data.case_ids())
    text = error_message(refused.value)
    assert text.startswith("Feld „Telefon“ (Blatt „Fälle“, Zeile 2): In dieser Zelle steht")
    assert "Ihre Eingaben bleiben erhalten" in text
    assert path.read_bytes() == before
