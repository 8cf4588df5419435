"""`provision` creates a workbook, or adds what an existing one lacks without touching its data."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from casebook.cli.provision import provision
from casebook.storage.xlsx.provision import provision_workbook
from casebook.storage.xlsx.read import read_tables
from sheets_schema import SHEETS, Case, SheetName, headers
from tests.support.builders import make_case, town_workbook

MOMENT = datetime(2026, 11, 20, 10, 30, 5)


def test_a_missing_workbook_is_created_and_a_second_run_leaves_it_byte_identical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "moers.xlsx"
    assert provision(str(path)) == 0
    assert "angelegt" in capsys.readouterr().out
    tables = read_tables(path)
    for name in SheetName:
        assert tables[name.value].headers == tuple(headers(SHEETS[name].model))
    content = path.read_bytes()
    assert provision(str(path)) == 0
    assert "nichts geändert" in capsys.readouterr().out
    assert path.read_bytes() == content


def test_missing_header_cells_are_added_after_the_last_one_without_a_backup(
    tmp_path: Path,
) -> None:
    path = town_workbook(tmp_path / "xanten.xlsx", [make_case(1)])
    book = openpyxl.load_workbook(path)
    sheet = book["Fälle"]
    last = len(headers(Case))
    sheet.cell(row=1, column=last).value = None  # "Geändert von" was never there
    book.save(path)
    done = provision_workbook(path)
    assert done.backup is None
    assert done.lines == ["Arbeitsblatt „Fälle“: Spalten ergänzt: „Geändert von“."]
    table = read_tables(path)["Fälle"]
    assert table.headers[-1] == "Geändert von"
    assert table.rows[0].cells["Fall-ID"] == "KIM-XAN-2026-0001"
    assert list(tmp_path.glob("*.vor-provision-*")) == []


def test_missing_worksheets_are_added_after_a_backup_copy_of_the_workbook(
    tmp_path: Path,
) -> None:
    path = tmp_path / "wesel.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Fälle"
    sheet.append(["Fall-ID", "Nachname", "Unsere Notiz"])
    sheet.append(["KIM-WES-2025-0001", "Yılmaz", "bitte anrufen"])
    book.save(path)
    original = path.read_bytes()

    done = provision_workbook(path, now=lambda: MOMENT)
    assert done.backup == tmp_path / "wesel.vor-provision-20261120-103005.xlsx"
    assert done.backup.read_bytes() == original
    tables = read_tables(path)
    assert tables["Fälle"].headers[:3] == ("Fall-ID", "Nachname", "Unsere Notiz")
    assert tables["Fälle"].rows[0].cells["Unsere Notiz"] == "bitte anrufen"
    assert tables["Protokoll"].headers == tuple(headers(SHEETS[SheetName.AUDIT].model))
    added = openpyxl.load_workbook(path)["Kontakte"]
    assert added.freeze_panes == "A2"
    assert added["A1"].font.bold
    kind_column = "D"  # Art, a list column of Kontakte
    rules = added.data_validations.dataValidation
    assert any(str(v.sqref) == f"{kind_column}2:{kind_column}1048576" for v in rules)
    assert all(v.errorStyle == "warning" for v in rules)  # other values can still be typed

    content = path.read_bytes()
    assert provision_workbook(path).lines == []
    assert path.read_bytes() == content


def test_a_read_only_workbook_is_not_provisioned_and_the_command_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = town_workbook(tmp_path / "xanten.xlsx", [make_case(1)])
    book = openpyxl.load_workbook(path)
    book["Fälle"].cell(row=1, column=len(headers(Case))).value = None
    book.save(path)
    path.chmod(0o444)
    before = path.read_bytes()
    assert provision(str(path)) != 0
    assert "schreibgeschützt" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert list(tmp_path.glob("*.vor-provision-*")) == []
