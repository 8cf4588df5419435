"""Saving into a real workbook touches only the cells it owns and keeps everything else as it was."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from casebook.errors import InvalidRecord, RecordConflict
from casebook.services import add_child, create_case, load_town, save_record
from casebook.storage.base import SourceInUse
from casebook.town_data import TownData
from sheets_schema import Case, SheetName, headers
from tests.support.builders import TODAY, case_manager, workbook_source

NOW = datetime(2026, 11, 20, 10, 30)
ACTOR = case_manager(name="Frau Test")


def grid(path: Path) -> dict[str, dict[str, Any]]:
    """Every non-empty cell of every worksheet, as openpyxl reads them."""
    workbook = openpyxl.load_workbook(path)
    return {
        ws.title: {
            cell.coordinate: cell.value
            for row in ws.iter_rows()
            for cell in row
            if cell.value is not None
        }
        for ws in workbook.worksheets
    }


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


def test_save_writes_only_the_changed_cells_of_that_row(small_workbook: Path) -> None:
    before = grid(small_workbook)
    result = edit(small_workbook, "KIM-XAN-2026-0002", Telefon="0151 7654321")
    after = grid(small_workbook)

    assert result.changed == ("Telefon",)
    changed = {
        (sheet, ref)
        for sheet in after
        for ref in set(before[sheet]) | set(after[sheet])
        if before[sheet].get(ref) != after[sheet].get(ref)
    }
    row = result.row_number
    case_cells = {ref for sheet, ref in changed if sheet == "Fälle"}
    assert case_cells == {f"{col(h)}{row}" for h in ("Telefon", "Geändert am", "Geändert von")}
    assert {sheet for sheet, _ in changed} == {"Fälle", "Protokoll"}
    assert after["Fälle"][f"{col('Telefon')}{row}"] == "0151 7654321"
    protocol = sorted(after["Protokoll"].items())
    assert ("E2", "KIM-XAN-2026-0002") in protocol and ("F2", "Telefon") in protocol
    assert ("G2", "0170 1234567") in protocol and ("H2", "0151 7654321") in protocol


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


def test_rows_sorted_by_hand_still_get_the_right_row(small_workbook: Path) -> None:
    data = load(small_workbook)  # the user opens case 0002 (row 3)
    base = data.case("KIM-XAN-2026-0002")
    assert base is not None and base.row_number == 3

    # Meanwhile someone sorts the sheet in Excel: case 0002 moves to row 4.
    workbook = openpyxl.load_workbook(small_workbook)
    ws = workbook["Fälle"]
    row3 = [c.value for c in ws[3]]
    row4 = [c.value for c in ws[4]]
    for column, (a, b) in enumerate(zip(row3, row4, strict=True), start=1):
        ws.cell(row=3, column=column, value=b)
        ws.cell(row=4, column=column, value=a)
    workbook.save(small_workbook)

    result = save_record(
        workbook_source(small_workbook),
        ACTOR,
        base,
        {"Ort": "Xanten-Lüttingen"},
        TODAY,
        data.case_ids(),
        NOW,
    )

    assert result.row_number == 4
    after = load(small_workbook)
    assert after.case("KIM-XAN-2026-0002").record.city == "Xanten-Lüttingen"  # type: ignore[union-attr]
    assert after.case("KIM-XAN-2026-0003").record.city is None  # type: ignore[union-attr]


def test_a_row_changed_meanwhile_is_a_conflict_and_nothing_is_written(small_workbook: Path) -> None:
    data = load(small_workbook)
    base = data.case("KIM-XAN-2026-0002")
    assert base is not None
    edit(small_workbook, "KIM-XAN-2026-0002", Telefon="0151 1111111")  # another user saves first
    before = small_workbook.read_bytes()

    with pytest.raises(RecordConflict) as conflict:
        save_record(
            workbook_source(small_workbook),
            ACTOR,
            base,
            {"Ort": "Xanten"},
            TODAY,
            data.case_ids(),
            NOW,
        )

    changes = {c.column: (c.before, c.now) for c in conflict.value.changes}
    assert changes["Telefon"] == ("0170 1234567", "0151 1111111")
    assert small_workbook.read_bytes() == before


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


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://x","klick")', "+49 170 1234567", "-5", "@SUM(A1)"]
)
def test_formula_like_text_is_stored_as_text(small_workbook: Path, text: str) -> None:
    edit(small_workbook, "KIM-XAN-2026-0001", Bemerkung=text)
    row = load(small_workbook).case("KIM-XAN-2026-0001")
    assert row is not None
    cell = openpyxl.load_workbook(small_workbook)["Fälle"].cell(
        row=row.row_number, column=headers(Case).index("Bemerkung") + 1
    )
    assert cell.data_type == "s"
    assert cell.value == text
    assert row.record.remark == text


def test_an_invalid_case_is_never_saved(small_workbook: Path) -> None:
    before = small_workbook.read_bytes()
    with pytest.raises(InvalidRecord) as invalid:
        edit(small_workbook, "KIM-XAN-2026-0001", Geburtsdatum="31.02.2024", PLZ="123")
    assert {p.column for p in invalid.value.problems if p.is_error} == {"Geburtsdatum", "PLZ"}
    assert small_workbook.read_bytes() == before


def test_cells_typed_by_hand_stay_as_typed_when_other_fields_change(small_workbook: Path) -> None:
    workbook = openpyxl.load_workbook(small_workbook)
    workbook["Fälle"][f"{col('Geburtsdatum')}2"] = (
        "01.04.90"  # Geburtsdatum typed as text, read leniently
    )
    workbook["Fälle"][f"{col('Status')}2"] = " aktiv "
    workbook.save(small_workbook)

    edit(
        small_workbook, "KIM-XAN-2026-0001", Ort="Xanten", Geburtsdatum="01.04.1990", Status="Aktiv"
    )

    cases = CalamineWorkbook.from_path(str(small_workbook)).get_sheet_by_name("Fälle").to_python()
    assert cases[1][headers(Case).index("Geburtsdatum")] == "01.04.90"
    assert cases[1][headers(Case).index("Status")] == " aktiv "


def test_a_new_case_goes_after_the_last_used_row_with_the_next_free_id(
    small_workbook: Path,
) -> None:
    result = create_case(
        workbook_source(small_workbook), ACTOR, {"Nachname": "Neu", "Status": "Anfrage"}, TODAY, NOW
    )
    assert result.record_id == "KIM-XAN-2026-0004"
    assert result.row_number == 5
    data = load(small_workbook)
    assert data.case("KIM-XAN-2026-0004").record.last_name == "Neu"  # type: ignore[union-attr]
    audit = [(r.record.action.value, r.record.record_id) for r in data.rows(SheetName.AUDIT)]
    assert audit == [("angelegt", "KIM-XAN-2026-0004")]


def test_case_ids_are_never_reused_after_a_deletion(small_workbook: Path) -> None:
    workbook = openpyxl.load_workbook(small_workbook)
    workbook["Protokoll"].append(
        [datetime(2026, 5, 1), "Admin", "gelöscht", "Fälle", "KIM-XAN-2026-0009"]
    )
    workbook.save(small_workbook)
    result = create_case(workbook_source(small_workbook), ACTOR, {"Nachname": "Neu"}, TODAY, NOW)
    assert result.record_id == "KIM-XAN-2026-0010"


def test_contacts_get_ids_per_case_and_point_to_an_existing_case(small_workbook: Path) -> None:
    source = workbook_source(small_workbook)
    form = {"Datum": "19.11.2026", "Art": "telefonisch", "Dauer (Min)": "20"}
    first = add_child(source, ACTOR, SheetName.CONTACTS, "KIM-XAN-2026-0001", form, TODAY, NOW)
    second = add_child(source, ACTOR, SheetName.CONTACTS, "KIM-XAN-2026-0002", form, TODAY, NOW)
    assert first.record_id == "KIM-XAN-2026-0001-K02"
    assert second.record_id == "KIM-XAN-2026-0002-K01"
    contacts = load(small_workbook).children(SheetName.CONTACTS, "KIM-XAN-2026-0001")
    assert [c.record.date for c in contacts] == [date(2026, 2, 1), date(2026, 11, 19)]
    assert contacts[-1].record.recorded_by == "Frau Test"


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
