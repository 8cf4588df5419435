"""On messy generated sheets, the column-wise load finds exactly what reading row by row finds."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.core.town_data import read_row, read_town
from casebook.storage.base import SheetRow, SheetTable, Snapshot
from casebook.storage.grid import table_from_grid
from sheets_schema import SHEETS, SheetName, field_specs, parse_row
from sheets_schema.bulk_parsing import parse_rows
from sheets_schema.enums import Town
from sheets_schema.problems import ProblemCode
from sheets_schema.types import EXCEL_TEXT_LIMIT

TODAY = date(2026, 11, 20)
CASE_IDS = ["KIM-XAN-2026-0001", "KIM-XAN-2026-0002", " KIM-XAN-2026-0003 ", "KIM-XAN-2025-0099"]

# What people and backends put into cells, valid or not, for any column.
ANY_CELL = st.one_of(
    st.none(),
    st.sampled_from(["", "  ", "x", "ja", "Nein", "1", "0", "-", "aktiv ", "ABGESCHLOSSEN"]),
    st.sampled_from(["31.12.2024", "31.12.24", "2024-12-31", "31.02.2024", "03/07/1985"]),
    st.sampled_from(["01.02.0223", "13.13.2020", "46509", "4650", "Syrien; Irak;", "a\nb"]),
    st.sampled_from(["Dolmetscher:in", "persönlich", "Jobcenter", "erreicht", "Sprache"]),
    st.sampled_from(["a\x01b", "\x00", "31.12.\x0b2024", "ok\ud800", "=HYPERLINK(1)"]),
    st.sampled_from(["x" * (EXCEL_TEXT_LIMIT + 1), "\x01" + "y" * EXCEL_TEXT_LIMIT]),
    st.sampled_from(CASE_IDS),
    st.booleans(),
    st.integers(-3, 500),
    st.sampled_from([0.0, 1.0, 3.5, 45.0, 31000.0, 46000.0, float("nan"), -1.0]),
    st.dates(date(1890, 1, 1), date(2100, 1, 1)),
    st.sampled_from([datetime(2024, 3, 1, 0, 0), datetime(2026, 12, 24, 9, 30)]),
    st.text(max_size=6),
)


def _rows(sheet: SheetName) -> st.SearchStrategy[list[dict[str, Any]]]:
    headers = [spec.header for spec in field_specs(SHEETS[sheet].model)]
    # Few distinct values per column, so that rows share them as in a real sheet.
    cells = st.dictionaries(st.sampled_from(headers), ANY_CELL, max_size=len(headers))
    return st.lists(cells, max_size=25)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), sheet=st.sampled_from(list(SheetName)))
def test_bulk_parsing_gives_parse_rows_records_and_problems(data: Any, sheet: SheetName) -> None:
    model = SHEETS[sheet].model
    rows = data.draw(_rows(sheet))
    rows = rows + rows[::2]  # repeated values come from the shared outcomes
    for cells, bulk in zip(rows, parse_rows(model, rows), strict=True):
        single = parse_row(model, cells)
        assert bulk.record == single.record
        assert bulk.record.model_fields_set == single.record.model_fields_set
        assert bulk.record.model_dump() == single.record.model_dump()
        assert bulk.problems == single.problems
        assert bulk.unreadable == single.unreadable


def _table(sheet: SheetName, rows: list[dict[str, Any]]) -> SheetTable:
    headers = tuple(spec.header for spec in field_specs(SHEETS[sheet].model))
    sheet_rows = tuple(SheetRow(number, cells) for number, cells in enumerate(rows, start=2))
    return SheetTable(sheet.value, headers, sheet_rows)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_town_loads_with_the_problems_of_reading_each_row_alone(data: Any) -> None:
    tables = {sheet.value: _table(sheet, data.draw(_rows(sheet))) for sheet in SheetName}
    town = read_town(Town.XANTEN, Snapshot("messy", tables, "v1"), TODAY)
    parents = town.parent_ids()
    for sheet in SheetName:
        rows = town.rows(sheet)
        assert [row.row_number for row in rows] == [r.number for r in tables[sheet.value].rows]
        ids = Counter(row.record_id for row in rows if row.record_id)
        for row, sheet_row in zip(rows, tables[sheet.value].rows, strict=True):
            alone = read_row(sheet, sheet_row, TODAY, parents)
            duplicate = [p for p in row.problems if p.code is ProblemCode.DUPLICATE_ID]
            others = [p for p in row.problems if p.code is not ProblemCode.DUPLICATE_ID]
            assert row.record == alone.record
            assert row.cells == alone.cells
            assert tuple(others) == alone.problems
            assert row.unreadable == alone.unreadable
            assert len(duplicate) == (1 if ids.get(row.record_id or "", 0) > 1 else 0)


def _as_read(value: Any) -> Any:
    # What a backend gives for a cell: empty text for an empty cell, floats for all numbers.
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _grid_table(sheet: SheetName, rows: list[dict[str, Any]], ragged: bool) -> SheetTable:
    headers = [spec.header for spec in field_specs(SHEETS[sheet].model)]
    body = [[_as_read(cells.get(header)) for header in headers] for cells in rows]
    if ragged:  # as Google gives them: trailing empty cells left off
        body = [
            row[: max([i + 1 for i, v in enumerate(row) if v != ""], default=0)] for row in body
        ]
    return table_from_grid(sheet.value, [headers, *body])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), ragged=st.booleans())
def test_a_town_read_from_grids_loads_like_its_rows_read_alone(data: Any, ragged: bool) -> None:
    tables = {
        sheet.value: _grid_table(sheet, data.draw(_rows(sheet)), ragged) for sheet in SheetName
    }
    town = read_town(Town.XANTEN, Snapshot("messy", tables, "v1"), TODAY)
    parents = town.parent_ids()
    for sheet in SheetName:
        table = tables[sheet.value]
        for row, sheet_row in zip(town.rows(sheet), table.rows, strict=True):
            # The same row given as a plain dict of cells, read on its own.
            alone = read_row(
                sheet, SheetRow(sheet_row.number, dict(sheet_row.cells)), TODAY, parents
            )
            assert row.row_number == sheet_row.number
            assert row.record == alone.record
            assert row.record.model_fields_set == alone.record.model_fields_set
            assert dict(row.cells) == dict(alone.cells)
            others = [p for p in row.problems if p.code is not ProblemCode.DUPLICATE_ID]
            assert tuple(others) == alone.problems
            assert row.unreadable == alone.unreadable
