"""`python -m casebook report SOURCE... --quarter 2026Q3 --out FILE` writes the dashboard's report."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from casebook.cli.main import main
from casebook.stats.perturbation import MAX_DEVIATION
from tests.stats.handmade import moers_cases, xanten_cases, xanten_contacts
from tests.support.builders import town_workbook


@pytest.fixture
def workbooks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("KIM_SOURCES", str(tmp_path / "no-sources.toml"))
    monkeypatch.setenv("KIM_DATA_DIR", str(tmp_path / "data"))
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
    header, admissions = [list(r) for r in sheet.iter_rows(min_row=5, max_row=6, values_only=True)]
    assert header == ["Kennzahl", "Xanten", "Moers", "Gesamt"]
    # True 2, 5 and 7, perturbed: Xanten's 2 never appears as 1 or 2.
    assert admissions[0] == "Zugänge"
    assert admissions[1] not in (1, 2)
    assert all(abs(v - n) <= MAX_DEVIATION for v, n in zip(admissions[1:], (2, 5, 7), strict=True))


def test_the_report_keeps_its_numbers_when_written_again(
    workbooks: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The secret is made once and kept: a second run cannot be averaged with the first."""
    monkeypatch.delenv("KIM_STATS_SECRET")
    written = []
    for name in ("a.zip", "b.zip"):
        out = tmp_path / name
        assert main(["report", *workbooks, "--quarter", "2026Q3", "--out", str(out)]) == 0
        with zipfile.ZipFile(out) as archive:
            written.append(archive.read("01_ueberblick.csv"))
    assert written[0] == written[1]
    assert (tmp_path / "data" / "statistik-schluessel").stat().st_mode & 0o077 == 0


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


def test_a_too_short_statistics_secret_is_refused_in_german(
    workbooks: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("KIM_STATS_SECRET", "kurz")
    out = tmp_path / "a.zip"
    assert main(["report", *workbooks, "--quarter", "2026Q3", "--out", str(out)]) != 0
    assert "KIM_STATS_SECRET ist zu kurz" in capsys.readouterr().err
    assert not out.exists()
