"""Reading a whole sheet at once gives exactly what reading it row by row gives."""

from __future__ import annotations

import random
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from casebook.demo.workbooks import generate_town
from casebook.storage.xlsx.layout import create_workbook
from casebook.storage.xlsx.read import read_tables
from sheets_schema import SHEETS, Case, SheetName, parse_row
from sheets_schema.bulk_parsing import parse_rows
from sheets_schema.enums import Town

TODAY = date(2026, 11, 20)

# Cells as people fill them: blanks, numbers for text, serials, bools, lists, odd case, junk.
ODD_CASES: list[dict[str, Any]] = [
    {},
    {"Fall-ID": "KIM-XAN-2026-0001", "Nachname": "  ", "Status": "aktiv ", "Kommune": "Xanten"},
    {"Fall-ID": 17, "Geburtsdatum": 31000, "Aufnahme": "31.02.2024", "Status": True},
    {"Geburtsdatum": 31000.0, "Aufnahme": datetime(2024, 3, 1, 0, 0), "Status": 1},
    {"Staatsangehörigkeit": "Syrien; Irak;", "Sprachen": "Arabisch\nKurdisch", "PLZ": 46509},
    {"Staatsangehörigkeit": "Syrien; Irak;", "Sprachen": "Arabisch\nKurdisch", "PLZ": "4650"},
    {"Haushaltsgröße": "3", "Sprachmittlung": "x", "Geburtsdatum": "03/07/1985"},
    {"Haushaltsgröße": 3.5, "Sprachmittlung": "vielleicht", "Geburtsdatum": float("nan")},
    {"Nachname": "=HYPERLINK(1)", "Vorname": "a\x01b", "Geburtsdatum": "1.2.85"},
    {"Nachname": "x" * 40000, "Status": "Unbekannt", "Unbekannte Spalte": "bleibt"},
]


def _same(one: Any, other: Any) -> None:
    assert type(one.record) is type(other.record)
    assert one.record == other.record
    assert one.record.model_fields_set == other.record.model_fields_set
    assert one.record.model_dump() == other.record.model_dump()
    assert one.problems == other.problems
    assert one.unreadable == other.unreadable


def test_odd_cells_give_the_same_records_and_problems_as_row_by_row() -> None:
    rows = ODD_CASES + ODD_CASES[::-1]  # repeated values come from the shared outcomes
    for single, bulk in zip(
        [parse_row(Case, cells) for cells in rows], parse_rows(Case, rows), strict=True
    ):
        _same(single, bulk)


def test_lists_are_not_shared_between_records() -> None:
    first, second = parse_rows(Case, [ODD_CASES[4], ODD_CASES[4]])
    first.record.nationalities.append("Eritrea")
    assert second.record.nationalities == ["Syrien", "Irak"]


@pytest.fixture(scope="module")
def demo_tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path: Path = tmp_path_factory.mktemp("demo") / "xanten.xlsx"
    create_workbook(path, generate_town(Town.XANTEN, random.Random(11), 400, TODAY))
    return read_tables(path)


@pytest.mark.parametrize("sheet", list(SheetName))
def test_a_demo_workbook_with_its_deliberate_errors_reads_the_same_either_way(
    demo_tables: dict[str, Any], sheet: SheetName
) -> None:
    model = SHEETS[sheet].model
    cells = [row.cells for row in demo_tables[sheet.value].rows]
    single = [parse_row(model, row) for row in cells]
    bulk = parse_rows(model, cells)
    assert len(single) == len(bulk)
    for one, other in zip(single, bulk, strict=True):
        _same(one, other)
    if sheet is SheetName.CASES:
        assert any(row.problems for row in bulk)  # the demo's flaws are really in there
