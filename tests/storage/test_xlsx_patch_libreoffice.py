"""LibreOffice reads a patched workbook the way we wrote it: edited, appended and odd-text rows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from casebook.storage.cells import CellEdit
from casebook.storage.xlsx.patch import patch_workbook
from tests.storage.xlsx_patch_helpers import libreoffice_csv, rich_workbook, soffice

# LibreOffice keeps no CR inside a cell (it turns "\r\n" into "\n"), so no "\r" here.
ODD = "Ünal \u200fمرحبا\u200f Ж 😀 <&>\"' =1+1 \x07 _x0041_  "


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_edited_appended_and_odd_rows(tmp_path: Path) -> None:
    source = rich_workbook(tmp_path / "rich.xlsx")
    target = tmp_path / "patched.xlsx"
    patch_workbook(
        source,
        target,
        [
            CellEdit("Fälle", 3, 2, "geändert"),
            CellEdit("Fälle", 7, 1, "KIM-XAN-2026-0007"),
            CellEdit("Fälle", 7, 2, "-Minus"),
            CellEdit("Fälle", 7, 3, date(2026, 2, 1)),
            CellEdit("Fälle", 7, 4, 7.5),
            CellEdit("Fälle", 7, 8, True),
            CellEdit("Fälle", 8, 2, ODD),
            CellEdit("Fälle", 8, 3, "zwei\nZeilen"),
        ],
    )
    rows = libreoffice_csv(target, tmp_path)["Fälle"]
    assert rows[2][:5] == ["KIM-XAN-2026-0002", "geändert", "02.01.2026", "20", "40"]
    assert rows[6][:4] == ["KIM-XAN-2026-0007", "-Minus", "01.02.2026", "7.5"]
    assert rows[6][7] == "TRUE"
    assert rows[7][1:3] == [ODD, "zwei\nZeilen"]
