"""The Art. 30 record is generated from the schema: every personal and Art. 9 field is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.cli.main import main
from casebook.privacy.processing_record import processing_record
from sheets_schema import SHEETS, SheetName, field_specs

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "verarbeitungsverzeichnis.md"


def section(text: str, sheet: SheetName) -> str:
    start = text.index(f"### Arbeitsblatt „{sheet.value}“")
    end = text.find("###", start + 3)
    return text[start : end if end > 0 else None]


def line(block: str, starts: str) -> str:
    return next(row for row in block.splitlines() if row.startswith(starts))


def test_the_committed_record_is_the_one_the_schema_generates() -> None:
    # After a schema change: python -m casebook verzeichnis --out docs/verarbeitungsverzeichnis.md
    assert DOC.read_text(encoding="utf-8") == processing_record()


@pytest.mark.parametrize("sheet", list(SheetName))
def test_every_column_is_named_once_under_its_category(sheet: SheetName) -> None:
    block = section(processing_record(), sheet)
    identifying = line(block, "- Identifizierende")
    special = line(block, "- Besondere Kategorien")
    for spec in field_specs(SHEETS[sheet].model):
        where = special if spec.special else identifying if spec.personal else None
        if where is not None:
            assert f"„{spec.header}“" in where, spec.header
        assert block.count(f"„{spec.header}“") >= 1, spec.header


def test_origin_and_health_are_named_as_special_categories() -> None:
    special = line(section(processing_record(), SheetName.CASES), "- Besondere Kategorien")
    assert "„Staatsangehörigkeit“" in special and "„Handlungsfelder“" in special
    assert "„Nachname“" not in special


def test_the_command_writes_the_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "vvt.md"
    assert main(["verzeichnis", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == processing_record()
    assert capsys.readouterr().out == f"geschrieben: {out}\n"
