"""The Quartalsbericht as .xlsx (one sheet per table, German headers) and as a zip of CSVs."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from casebook.core.town_data import read_town
from casebook.stats import Note, build_figures, parse_quarter, town_facts
from casebook.stats.formatting import format_cell
from casebook.stats.perturbation import MAX_DEVIATION
from casebook.stats.report import Report, build_report
from casebook.stats.report_files import neutralise, report_csv_zip, report_xlsx
from sheets_schema import SheetName
from sheets_schema.enums import Town
from sheets_schema.nationalities import REPORTED_NATIONALITIES
from tests.stats.handmade import KEYS, Q3_END, TODAY, moers, snapshot, xanten

FORMULA = '=HYPERLINK("http://example.org")'


def report(protected: bool) -> Report:
    facts = [
        town_facts(xanten(), Q3_END, KEYS),
        town_facts(moers(nationality=FORMULA, manager="@Team"), Q3_END, KEYS),
    ]
    return build_report(
        build_figures(facts, parse_quarter("2026Q3"), TODAY, protected=protected), TODAY
    )


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("report") / "bericht.xlsx"
    path.write_bytes(report_xlsx(report(protected=True)))
    return openpyxl.load_workbook(path)


def rows(sheet: object, first: int = 5) -> list[list[object]]:
    return [list(r) for r in sheet.iter_rows(min_row=first, values_only=True)]  # type: ignore[attr-defined]


def test_the_workbook_has_an_about_sheet_and_one_sheet_per_table(
    workbook: openpyxl.Workbook,
) -> None:
    assert workbook.sheetnames[:4] == ["Bericht", "Überblick", "Kennzahlen", "Zugänge je Monat"]
    assert "Hinweise zur Zählung" in workbook.sheetnames
    assert len(workbook.sheetnames) == 1 + len(report(protected=True).figures.tables)
    about = {r[0]: r[1] for r in rows(workbook["Bericht"], 3)}
    assert about["Zeitraum"] == "3. Quartal 2026 (01.07.2026–30.09.2026)"
    assert "leicht verändert" in str(about["Sicht"])


def test_each_sheet_has_a_title_and_german_headers_with_the_values(
    workbook: openpyxl.Workbook,
) -> None:
    sheet = workbook["Überblick"]
    assert sheet["A1"].value == "Überblick"
    table = rows(sheet)
    assert table[0] == ["Kennzahl", "Xanten", "Moers", "Gesamt"]
    assert table[1][0] == "Zugänge"
    assert table[3][0] == "Bestand am 30.09.2026"
    # Perturbed: true Zugänge 2, 5, 7 and Bestand 5, 5, 10, never published as 1 or 2.
    for line, true in ((table[1], (2, 5, 7)), (table[3], (5, 5, 10))):
        for value, n in zip(line[1:], true, strict=True):
            assert isinstance(value, int) and value not in (1, 2)
            assert abs(value - n) <= MAX_DEVIATION
    # The same records give the same number wherever they are counted.
    monthly = rows(workbook["Zugänge je Monat"])
    assert monthly[-1] == ["Summe", *table[1][1:]]
    assert sheet["D9"].number_format == "#,##0"


def test_shares_are_numbers_with_a_percent_format(tmp_path: Path) -> None:
    path = tmp_path / "fm.xlsx"
    path.write_bytes(report_xlsx(report(protected=False)))
    sheet = openpyxl.load_workbook(path)["Kennzahlen"]
    goal_rate = rows(sheet)[1]
    assert goal_rate[1] == pytest.approx(2 / 3)
    assert sheet["B6"].number_format == "0.0%"


def test_formula_like_text_stays_text_in_the_workbook(tmp_path: Path) -> None:
    path = tmp_path / "bericht.xlsx"
    path.write_bytes(report_xlsx(report(protected=False)))
    workbook = openpyxl.load_workbook(path)
    labels = [r[0] for r in rows(workbook["Staatsangehörigkeiten"])]
    assert FORMULA in labels
    cells = [c for line in workbook["Staatsangehörigkeiten"].iter_rows() for c in line]
    cell = next(c for c in cells if c.value == FORMULA)
    assert cell.data_type == "s"
    managers = [r[0] for r in rows(workbook["Bestand je Fallmanager:in".replace(":", "")])]
    assert "@Team" in managers


def csv_files(data: bytes) -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: list(
                csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig")), delimiter=";")
            )
            for name in archive.namelist()
        }


def test_the_csv_zip_holds_one_file_per_table_with_german_numbers() -> None:
    files = csv_files(report_csv_zip(report(protected=False)))
    assert list(files)[:3] == ["00_bericht.csv", "01_ueberblick.csv", "02_kennzahlen.csv"]
    assert files["01_ueberblick.csv"][0] == ["Kennzahl", "Xanten", "Moers", "Gesamt"]
    assert files["01_ueberblick.csv"][1] == ["Zugänge", "2", "5", "7"]
    goal_rate = files["02_kennzahlen.csv"][1]
    assert goal_rate[1] == "66,7 %"


def test_coordinators_get_no_free_text_labels(workbook: openpyxl.Workbook) -> None:
    labels = [r[0] for r in rows(workbook["Staatsangehörigkeiten"])]
    assert labels[1:] == [*REPORTED_NATIONALITIES, "weitere", "ohne Angabe"]
    assert "Bestand je Fallmanagerin" not in workbook.sheetnames
    text = [str(c.value) for s in workbook.worksheets for line in s.iter_rows() for c in line]
    assert not any("@Team" in t or FORMULA in t for t in text)


def test_formula_like_text_is_neutralised_in_the_csv_files() -> None:
    files = csv_files(report_csv_zip(report(protected=False)))
    nationalities = next(rows for name, rows in files.items() if "staatsangehoerigkeit" in name)
    assert "'" + FORMULA in [line[0] for line in nationalities]
    managers = next(rows for name, rows in files.items() if "bestand_fallmanagement" in name)
    assert "'@Team" in [line[0] for line in managers]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+49 170", "'+49 170"),
        ("-3", "'-3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Moers", "Moers"),
        ("<3", "<3"),
    ],
)
def test_neutralise_prefixes_what_a_spreadsheet_would_run(text: str, expected: str) -> None:
    assert neutralise(text) == expected


def test_coordinators_tables_have_the_same_rows_whatever_the_data() -> None:
    """A row that appears only when someone is counted in it would tell that someone is."""
    empty = read_town(Town.XANTEN, snapshot({SheetName.CASES: []}), TODAY)
    shapes = []
    for data in (xanten(), empty):
        facts = [town_facts(data, Q3_END, KEYS)]
        figures = build_figures(facts, parse_quarter("2026Q3"), TODAY, protected=True)
        shapes.append([(table.key, table.rows) for table in figures.tables])
    assert shapes[0] == shapes[1]
    assert ("hinweise", tuple(note.value for note in Note)) in shapes[0]


def test_coordinators_get_no_median_over_a_handful_of_abgaenge() -> None:
    """Xanten has 3 Abgänge: their median would be one person's days to Abschluss."""
    protected = report(protected=True).figures.table("kennzahlen")
    unprotected = report(protected=False).figures.table("kennzahlen")
    median = "Median Tage von Aufnahme bis Abschluss"
    assert format_cell(protected.cell(median, "Xanten")) == "x"
    assert unprotected.cell(median, "Xanten").value == 136
