"""`python -m casebook inspect|search|check` on a town's own workbook."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from casebook.cli.main import main
from tests.support.builders import make_case, town_workbook
from tests.support.messy_workbook import messy_workbook

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def no_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIM_SOURCES", str(tmp_path / "keine-sources.toml"))
    monkeypatch.setenv("KIM_DATA_DIR", str(tmp_path / "data"))


def test_inspect_shows_header_row_recognition_samples_and_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = messy_workbook(tmp_path / "moers.xlsx")
    assert main(["inspect", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Arbeitsblatt „Klienten“ → „Fälle“: Kopfzeile 4 (erkannt), 3 Datenzeilen" in out
    assert (
        "    D  „Geb.-Datum“ → Geburtsdatum (Variante); z. B. „1.2.85“ → „01.02.1985“; "
        "„01.04.1990“; 1 nicht lesbar" in out
    )
    assert (
        "         Zeile 8: Das Datum „31.02.2024“ gibt es nicht: Der Februar 2024 hat nur 29 Tage. "
        "Bitte das Datum prüfen." in out
    )
    assert (
        "    G  „Sprachmittlung“ → Sprachmittlung nötig (Variante); z. B. „x“ → „ja“; „nein“" in out
    )
    assert (
        "    H  „Interne Notiz“ → unbekannt: bleibt erhalten, wird nie geschrieben; "
        "z. B. „Akte Schrank 3“" in out
    )
    assert "Arbeitsblatt „Statistik“: gehört nicht zur App (bleibt unberührt)." in out
    assert any(line.startswith("Fehlende Arbeitsblätter: „Kontakte“, „Ziele“") for line in out)


def test_inspect_suggests_a_mapping_that_reads_the_workbook_the_same_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = messy_workbook(tmp_path / "moers.xlsx")
    main(["inspect", str(path), "--mapping"])
    out = capsys.readouterr().out
    suggestion = out.split("Vorschlag für sources.toml (unter dem [[town]]-Eintrag):\n")[1]
    assert '"Klienten" = "Fälle"' in suggestion
    assert '"Geb.-Datum" = "Geburtsdatum"' in suggestion
    assert '# "Interne Notiz" = ""' in suggestion
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[town]]\nname = "Moers"\nworkbook = "moers.xlsx"\n{suggestion}', encoding="utf-8"
    )
    monkeypatch.setenv("KIM_SOURCES", str(sources))
    assert main(["inspect", "Moers"]) == 0
    again = capsys.readouterr().out
    assert "Kopfzeile 4 (laut Zuordnung)" in again
    assert "„Geb.-Datum“ → Geburtsdatum (Zuordnung)" in again


def test_search_prints_fall_id_name_score_and_matched_field(tmp_path: Path) -> None:
    path = town_workbook(
        tmp_path / "xanten.xlsx",
        [make_case(1, first_name="Олександр", last_name="Шевченко"), make_case(2)],
    )
    result = subprocess.run(
        [sys.executable, "-m", "casebook", "search", str(path), "Aleksandr Schewtschenko"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"KIM_SOURCES": str(tmp_path / "none.toml"), "PATH": ""},
    )
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    case_id, rest = line.split("  ", 1)
    assert case_id == "KIM-XAN-2026-0001"
    assert rest.startswith("Шевченко, Олександр  ")
    assert rest.endswith("Name: Олександр Шевченко")


def test_search_without_a_hit_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = town_workbook(tmp_path / "xanten.xlsx", [make_case(1)])
    assert main(["search", str(path), "Nguyen"]) == 1
    assert capsys.readouterr().out == "Kein Fall passt zu „Nguyen“.\n"


def test_check_groups_the_findings_of_a_messy_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = messy_workbook(tmp_path / "moers.xlsx")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "== Fehler: Datum gibt es nicht – Fälle, Spalte „Geburtsdatum“ (1) =="
    assert "== Fehler: Datum nicht eindeutig – Fälle, Spalte „Aufnahme“ (1) ==" in out
    assert "Arbeitsblatt fehlt: Kontakte" in out
