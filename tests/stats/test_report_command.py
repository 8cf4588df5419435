"""`python -m casebook report SOURCE... --quarter 2026Q3 --out FILE` writes the dashboard's report."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from casebook.cli import main
from tests.stats.handmade import moers_cases, xanten_cases, xanten_contacts
from tests.support.builders import town_workbook


@pytest.fixture
def workbooks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("KIM_SOURCES", str(tmp_path / "no-sources.toml"))
    xan = town_workbook(tmp_path / "xanten.xlsx", xanten_cases(), xanten_contacts())
    moe = town_workbook(tmp_path / "moers.xlsx", moers_cases())
    return [str(xan), str(moe)]


def test_report_writes_the_protected_xlsx_for_the_coordinators(
    workbooks: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "q3.xlsx"
    assert main(["report", *workbooks, "--quarter", "2026Q3", "--out", str(out)]) == 0
    assert "geschrieben" in capsys.readouterr().out
    sheet = openpyxl.load_workbook(out)["Überblick"]
    values = [list(r) for r in sheet.iter_rows(min_row=5, max_row=6, values_only=True)]
    assert values == [["Kennzahl", "Xanten", "Moers", "Gesamt"], ["Zugänge", "<3", "x", 7]]


def test_report_for_case_managers_shows_small_numbers_as_a_csv_zip(
    workbooks: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "q3.zip"
    args = ["report", workbooks[0], "--quarter", "2026Q3", "--out", str(out)]
    assert main([*args, "--role", "fallmanagement"]) == 0
    with zipfile.ZipFile(out) as archive:
        overview = archive.read("01_ueberblick.csv").decode("utf-8-sig").splitlines()
    assert overview[:2] == ["Kennzahl;Xanten", "Zugänge;2"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--quarter", "2026Q5", "--out", "x.xlsx"], "Quartal"),
        (["--quarter", "2026Q3", "--out", "x.pdf"], ".xlsx oder .zip"),
    ],
)
def test_report_refuses_an_unknown_quarter_or_file_type(
    workbooks: list[str], extra: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", workbooks[0], *extra]) == 2
    assert message in capsys.readouterr().err
