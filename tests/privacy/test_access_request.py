"""Art. 15: one file with every row about the person and their Protokoll entries, logged as export."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl

from casebook.cases.history import case_history
from casebook.cases.services import add_child
from casebook.core.actors import Actor
from casebook.privacy.access_request import export_case_data
from sheets_schema import SheetName
from tests.privacy.conftest import Towns, sheet_rows
from tests.support.builders import TODAY, case_manager, make_case, town_workbook, workbook_source

NOW = datetime(2026, 11, 20, 10, 30)
CALL = {"Datum": date(2026, 11, 2), "Art": "telefonisch"}


def _values(data: bytes) -> dict[str, list[list[object]]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }


def test_the_export_holds_every_row_of_the_person_in_every_sheet(
    towns: Towns, moers_manager: Actor
) -> None:
    add_child(towns.moers, moers_manager, SheetName.CONTACTS, "KIM-MOE-2026-0002", CALL, TODAY, NOW)
    export = export_case_data(towns.moers, moers_manager, "KIM-MOE-2026-0002", NOW)
    sheets = _values(export.data)
    assert list(sheets) == ["Auskunft", "Fälle", "Kontakte", "Ziele", "Vermittlungen", "Protokoll"]
    cases = sheets["Fälle"]
    assert len(cases) == 2 and "Zyxwvutsson" in cases[1] and "0157 98765432" in cases[1]
    assert [row[0] for row in sheets["Kontakte"][1:]] == [
        "KIM-MOE-2026-0002-K01",
        "KIM-MOE-2026-0002-K02",
    ]
    assert sheets["Ziele"][1][3] == "Wohnung für Familie Zyxwvutsson"
    assert [row[2] for row in sheets["Protokoll"][1:]] == ["angelegt"]
    assert export.file_name == "Auskunft-KIM-MOE-2026-0002-2026-11-20.xlsx"
    # Nothing of other people: the other Moers cases are not in the file.
    everything = b"".join(zipfile.ZipFile(io.BytesIO(export.data)).read(n) for n in
                          zipfile.ZipFile(io.BytesIO(export.data)).namelist())  # fmt: skip
    assert b"Petrenko" not in everything and b"KIM-MOE-2026-0001" not in everything


def test_the_export_is_logged_in_the_protokoll(towns: Towns, moers_manager: Actor) -> None:
    export_case_data(towns.moers, moers_manager, "KIM-MOE-2026-0001", NOW)
    (entry,) = sheet_rows(towns.moers_path, "Protokoll")
    assert (entry["Aktion"], entry["Datensatz-ID"], entry["Benutzer"], entry["Neu"]) == (
        "exportiert",
        "KIM-MOE-2026-0001",
        "Moers Fallmanager",
        "Auskunft nach Art. 15 DSGVO",
    )


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    path = town_workbook(
        tmp_path / "x.xlsx",
        [make_case(1, last_name='=HYPERLINK("http://evil.example","klick")', first_name="+1+1")],
    )
    export = export_case_data(workbook_source(path), case_manager(), "KIM-XAN-2026-0001", NOW)
    sheet = zipfile.ZipFile(io.BytesIO(export.data)).read("xl/worksheets/sheet2.xml")
    assert b"<f>" not in sheet
    assert '=HYPERLINK("http://evil.example","klick")' in _values(export.data)["Fälle"][1]


def test_the_history_of_a_case_lists_its_own_and_its_childrens_entries(
    towns: Towns, moers_manager: Actor
) -> None:
    add_child(towns.moers, moers_manager, SheetName.CONTACTS, "KIM-MOE-2026-0002", CALL, TODAY, NOW)
    add_child(towns.moers, moers_manager, SheetName.CONTACTS, "KIM-MOE-2026-0001", CALL, TODAY, NOW)
    history = case_history(towns.moers, moers_manager, "KIM-MOE-2026-0002")
    assert [(e.action.value, e.record_id) for e in history] == [
        ("angelegt", "KIM-MOE-2026-0002-K02")
    ]
