"""Deleting rows from a workbook: later rows move up, ranges follow, and no text of them remains."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from openpyxl.utils import get_column_letter

from casebook.storage.xlsx.delete import delete_rows_in_workbook
from casebook.storage.xlsx.store import DeletionBlocked, WorkbookStore
from sheets_schema import Case, headers
from tests.storage.xlsx_patch_helpers import (
    calamine_rows,
    libreoffice_csv,
    minimal_workbook,
    rich_workbook,
    sheet_xml,
    soffice,
    zip_parts,
)
from tests.support.builders import make_case, make_contact, town_workbook


def _ids(path: Path, sheet: str) -> list[object]:
    return [row[0] for row in calamine_rows(path, sheet)[1:]]


def test_deleted_rows_vanish_and_later_rows_move_up(tmp_path: Path) -> None:
    path = town_workbook(tmp_path / "x.xlsx", [make_case(n) for n in range(1, 6)])
    with WorkbookStore(path).transaction(["Fälle"]) as tx:
        tx.delete_rows("Fälle", [3, 5])
    assert _ids(path, "Fälle") == ["KIM-XAN-2026-0001", "KIM-XAN-2026-0003", "KIM-XAN-2026-0005"]
    xml = sheet_xml(path)
    last = get_column_letter(len(headers(Case)))
    assert f'<dimension ref="A1:{last}4"/>' in xml
    # The dropdowns still reach the sheet's last row, so rows typed later keep them.
    assert 'sqref="D2:D1048576"' in xml
    openpyxl.load_workbook(path)  # a strict reader still opens it


def test_nothing_of_a_deleted_person_remains_in_any_part_of_the_file(tmp_path: Path) -> None:
    person = make_case(
        2, last_name="Zyxwvutsson", first_name="Qorbanali", phone="0157 98765432",
        birth_date=date(1977, 7, 13), street="Geheimweg 99",
    )  # fmt: skip
    path = town_workbook(
        tmp_path / "x.xlsx",
        [make_case(1), person, make_case(3)],
        [make_contact("KIM-XAN-2026-0002", note="Rückruf bei Qorbanali")],
    )
    before = b"".join(zip_parts(path).values())
    assert b"Zyxwvutsson" in before and b"0157 98765432" in before
    with WorkbookStore(path).transaction(["Fälle", "Kontakte"]) as tx:
        tx.delete_rows("Fälle", [3])
        tx.delete_rows("Kontakte", [2])
    serial = str((date(1977, 7, 13) - date(1899, 12, 30)).days).encode()
    for name, data in zip_parts(path).items():
        for trace in (b"Zyxwvutsson", b"Qorbanali", b"0157 98765432", b"Geheimweg", serial):
            assert trace not in data, f"{trace!r} is still in {name}"
    assert _ids(path, "Fälle") == ["KIM-XAN-2026-0001", "KIM-XAN-2026-0003"]
    assert calamine_rows(path, "Kontakte")[1:] == []


def test_texts_other_rows_share_stay_readable(tmp_path: Path) -> None:
    path = town_workbook(
        tmp_path / "x.xlsx", [make_case(1, last_name="Weber"), make_case(2, last_name="Weber")]
    )
    with WorkbookStore(path).transaction(["Fälle"]) as tx:
        tx.delete_rows("Fälle", [2])
    (header, row) = calamine_rows(path, "Fälle")
    assert dict(zip(header, row, strict=True))["Nachname"] == "Weber"


def test_cell_edits_in_the_same_transaction_use_row_numbers_from_before(tmp_path: Path) -> None:
    path = town_workbook(tmp_path / "x.xlsx", [make_case(n) for n in range(1, 4)])
    with WorkbookStore(path).transaction(["Fälle", "Protokoll"]) as tx:
        tx.set_cells("Fälle", 4, {"Ort": "Xanten-Birten"})
        tx.delete_rows("Fälle", [2])
        tx.append_row("Protokoll", {"Aktion": "gelöscht", "Datensatz-ID": "KIM-XAN-2026-0001"})
    rows = calamine_rows(path, "Fälle")
    place = rows[0].index("Ort")
    assert [(r[0], r[place]) for r in rows[1:]] == [
        ("KIM-XAN-2026-0002", ""),
        ("KIM-XAN-2026-0003", "Xanten-Birten"),
    ]
    assert calamine_rows(path, "Protokoll")[1][2] == "gelöscht"


def test_a_sheet_with_formulas_keeps_its_row_numbers_and_gets_a_gap(tmp_path: Path) -> None:
    source = minimal_workbook(
        tmp_path / "s.xlsx",
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ID</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>eins</t></is></c></row>'
        '<row r="3"><c r="A3" t="inlineStr"><is><t>zwei</t></is></c></row>'
        '<row r="4"><c r="A4" t="inlineStr"><is><t>drei</t></is></c><c r="B4"><f>A2</f></c></row>'
        "</sheetData>",
    )
    target = tmp_path / "t.xlsx"
    delete_rows_in_workbook(source, target, {"Blatt": [3]})
    xml = sheet_xml(target)
    assert "zwei" not in xml
    assert '<row r="4"><c r="A4" t="inlineStr"><is><t>drei</t></is></c><c r="B4"><f>A2</f>' in xml


def test_rows_without_numbers_get_numbers_after_a_gap(tmp_path: Path) -> None:
    source = minimal_workbook(
        tmp_path / "s.xlsx",
        "<sheetData><row><c><v>1</v></c></row><row><c><v>2</v></c></row>"
        "<row><c><v>3</v></c></row></sheetData>",
        tail="<mergeCells><mergeCell ref='C1:D1'/></mergeCells>",
    )
    target = tmp_path / "t.xlsx"
    delete_rows_in_workbook(source, target, {"Blatt": [2]})
    assert calamine_rows(target, "Blatt") == [[1.0], [""], [3.0]]


def test_a_table_and_its_filter_shrink_with_the_rows(tmp_path: Path) -> None:
    path = tmp_path / "table.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Fälle")
    for row in range(1, 5):
        sheet.write_string(row, 0, f"KIM-XAN-2026-{row:04d}")
        sheet.write_number(row, 1, row)
    sheet.add_table(0, 0, 4, 1, {"columns": [{"header": "Fall-ID"}, {"header": "Zahl"}]})
    book.close()
    target = tmp_path / "t.xlsx"
    delete_rows_in_workbook(path, target, {"Fälle": [2, 3]})
    table = zip_parts(target)["xl/tables/table1.xml"].decode()
    assert 'ref="A1:B3"' in table
    assert _ids(target, "Fälle") == ["KIM-XAN-2026-0003", "KIM-XAN-2026-0004"]
    openpyxl.load_workbook(target)


def test_a_workbook_with_comments_refuses_and_stays_untouched(tmp_path: Path) -> None:
    sheet = "Fälle"
    path = rich_workbook(tmp_path / "rich.xlsx")
    copy = tmp_path / "copy.xlsx"
    shutil.copyfile(path, copy)
    with pytest.raises(DeletionBlocked) as refused, WorkbookStore(path).transaction([sheet]) as tx:
        tx.delete_rows(sheet, [2])
    assert refused.value.what == "Kommentare"
    assert path.read_bytes() == copy.read_bytes()


@pytest.mark.slow
@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_workbook_after_a_deletion(tmp_path: Path) -> None:
    path = town_workbook(
        tmp_path / "x.xlsx", [make_case(n, last_name=f"Name{n}") for n in (1, 2, 3)]
    )
    with WorkbookStore(path).transaction(["Fälle"]) as tx:
        tx.delete_rows("Fälle", [3])
        tx.append_row("Protokoll", {"Aktion": "gelöscht"})
    sheets = libreoffice_csv(path, tmp_path)
    assert [row[0] for row in sheets["Fälle"]] == [
        "Fall-ID",
        "KIM-XAN-2026-0001",
        "KIM-XAN-2026-0003",
    ]
    assert sheets["Protokoll"][1][2] == "gelöscht"
