"""`python -m casebook check` lists every problem as row, column, message and fails on errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from casebook.cli.main import main
from tests.support.builders import make_case, make_contact, town_workbook

ROOT = Path(__file__).resolve().parents[2]


def test_check_lists_every_problem_with_row_column_and_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = town_workbook(
        tmp_path / "xanten.xlsx",
        [make_case(1), make_case(2, birth_date="31.02.2024"), make_case(3, postcode="47441")],
        [make_contact("KIM-XAN-2026-0099")],
    )
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert (
        "Fälle, Zeile 3, Geburtsdatum: [Fehler] Das Datum „31.02.2024“ gibt es nicht: "
        "Der Februar 2024 hat nur 29 Tage. Bitte das Datum prüfen." in out
    )
    assert "Fälle, Zeile 4, PLZ: [Hinweis] Die PLZ 47441 liegt nicht in Xanten." in out
    assert (
        "Kontakte, Zeile 2, Fall-ID: [Fehler] Die Fall-ID „KIM-XAN-2026-0099“ gibt es in dieser Tabelle nicht."
        in out
    )
    assert out[-1] == "2 Fehler, 1 Hinweise in 4 Zeilen."


def test_check_exits_zero_for_a_clean_workbook(tmp_path: Path) -> None:
    path = town_workbook(tmp_path / "xanten.xlsx", [make_case(1), make_case(2)])
    result = subprocess.run(
        [sys.executable, "-m", "casebook", "check", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("0 Fehler, 0 Hinweise in 2 Zeilen.")


def test_check_of_a_file_that_is_no_workbook_says_so_in_german(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kaputt.xlsx"
    path.write_text("kein Excel")
    assert main(["check", str(path), "--town", "Xanten"]) == 2
    assert "lässt sich nicht als Arbeitsmappe lesen" in capsys.readouterr().err


@pytest.mark.parametrize(
    "command",
    [
        ["check", "{path}", "--town", "Xanten"],
        ["search", "{path}", "Petrenko", "--town", "Xanten"],
        ["inspect", "{path}"],
        ["report", "{path}", "--out", "{out}", "--quarter", "2026Q1"],
    ],
)
def test_every_command_explains_an_unreadable_workbook_with_the_apps_german_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path = tmp_path / "kaputt.xlsx"
    path.write_text("kein Excel")
    argv = [part.format(path=path, out=tmp_path / "bericht.xlsx") for part in command]
    assert main(argv) == 2
    err = capsys.readouterr().err
    # The same sentence the app shows, with its next step; no exception class or repr.
    assert "lässt sich nicht als Arbeitsmappe lesen" in err
    assert "Bitte öffnen Sie sie in Excel" in err
    assert "Error" not in err and "(" + "UnreadableSource" not in err
    # A command line has no form whose input could be lost.
    assert "Eingaben" not in err
