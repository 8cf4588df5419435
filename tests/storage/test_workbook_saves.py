"""Workbook specifics of a save: formats, validations, other sheets, office lock files, missing columns."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from casebook.cases.services import load_town, save_record
from casebook.core.town_data import TownData
from casebook.storage.base import SourceInUse
from sheets_schema import Case, headers
from tests.support.builders import TODAY, case_manager, workbook_source

NOW = datetime(2026, 11, 20, 10, 30)
ACTOR = case_manager(name="Frau Test")


def col(header: str) -> str:
    """The column letter of a schema header in the app's layout."""
    return get_column_letter(headers(Case).index(header) + 1)


def load(path: Path) -> TownData:
    return load_town(workbook_source(path), ACTOR, TODAY)


def edit(path: Path, case_id: str, **form: Any) -> Any:
    data = load(path)
    base = data.case(case_id)
    assert base is not None
    return save_record(workbook_source(path), ACTOR, base, form, TODAY, data.case_ids(), NOW)


def test_save_keeps_formats_unknown_columns_other_sheets_and_dropdowns(
    small_workbook: Path,
) -> None:
    workbook = openpyxl.load_workbook(small_workbook)
    cases = workbook["Fälle"]
    cases.cell(row=1, column=40, value="Eigene Spalte")
    cases.cell(row=3, column=40, value="nur für uns")
    cases[f"{col('Nachname')}3"].fill = PatternFill("solid", fgColor="FFFF00")
    cases.column_dimensions[col("Nachname")].width = 33
    workbook.create_sheet("Statistik")["B2"] = "=1+1"
    workbook.save(small_workbook)
    validations_before = [str(v.sqref) for v in cases.data_validations.dataValidation]

    edit(small_workbook, "KIM-XAN-2026-0002", Vorname="Jürgen Karl")

    workbook = openpyxl.load_workbook(small_workbook)
    cases = workbook["Fälle"]
    assert cases.cell(row=1, column=40).value == "Eigene Spalte"
    assert cases.cell(row=3, column=40).value == "nur für uns"
    assert cases[f"{col('Nachname')}3"].fill.fgColor.rgb == "00FFFF00"
    assert cases.column_dimensions[col("Nachname")].width == 33
    assert cases.freeze_panes == "A2"
    assert workbook["Statistik"]["B2"].value == "=1+1"
    assert [str(v.sqref) for v in cases.data_validations.dataValidation] == validations_before
    assert cases[f"{col('Vorname')}3"].value == "Jürgen Karl"


@pytest.mark.parametrize("lock_name", ["~$xanten.xlsx", ".~lock.xanten.xlsx#"])
def test_a_workbook_open_in_excel_or_libreoffice_is_not_written(
    small_workbook: Path, lock_name: str
) -> None:
    (small_workbook.parent / lock_name).write_text("Anna,PC-17")
    before = small_workbook.read_bytes()
    with pytest.raises(SourceInUse) as refused:
        edit(small_workbook, "KIM-XAN-2026-0001", Ort="Xanten")
    assert refused.value.lock_file == lock_name
    assert small_workbook.read_bytes() == before


def test_a_header_the_sheet_lacks_is_added_after_the_last_column(tmp_path: Path) -> None:
    path = tmp_path / "alt.xlsx"
    workbook = openpyxl.Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = "Fälle"
    ws.append(["Fall-ID", "Kommune", "Status", "Nachname", "Eigene Spalte"])
    ws.append(["KIM-XAN-2026-0001", "Xanten", "Aktiv", "Alt", "bleibt"])
    workbook.create_sheet("Protokoll").append(
        ["Zeitpunkt", "Benutzer", "Aktion", "Blatt", "Datensatz-ID", "Feld", "Alt", "Neu"]
    )
    workbook.save(path)

    edit(path, "KIM-XAN-2026-0001", Ort="Xanten")

    ws = openpyxl.load_workbook(path)["Fälle"]
    headers = [c.value for c in ws[1]]
    assert headers[:5] == ["Fall-ID", "Kommune", "Status", "Nachname", "Eigene Spalte"]
    assert set(headers[5:]) == {"Ort", "Geändert am", "Geändert von"}
    assert ws.cell(row=2, column=5).value == "bleibt"
    assert ws.cell(row=2, column=6 + headers[5:].index("Ort")).value == "Xanten"
