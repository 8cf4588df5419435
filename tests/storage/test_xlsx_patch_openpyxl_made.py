"""A workbook saved by openpyxl is patched like any other.

openpyxl 3.1 writes its text as inline strings (the xlsxwriter workbooks of the other tests use a
shared-strings table), its empty elements with a space before "/>", and cell types like t="n".
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from casebook.storage.cells import CellEdit
from casebook.storage.xlsx.patch import patch_workbook
from tests.storage.xlsx_patch_helpers import calamine_rows, zip_parts


def test_patch_of_an_openpyxl_workbook_edits_and_appends(tmp_path: Path) -> None:
    source = tmp_path / "openpyxl.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Fälle"
    sheet.append(["Fall-ID", "Nachname", "Aufnahme"])
    sheet.append(["KIM-MOE-2026-0001", "Yılmaz", date(2026, 5, 4)])
    sheet.auto_filter.ref = "A1:C2"
    workbook.save(source)
    target = tmp_path / "patched.xlsx"
    patch_workbook(
        source,
        target,
        [
            CellEdit("Fälle", 2, 2, "Yılmaz-Demir"),
            CellEdit("Fälle", 3, 1, "KIM-MOE-2026-0002"),
            CellEdit("Fälle", 3, 3, date(2026, 6, 1)),
        ],
    )
    before, after = zip_parts(source), zip_parts(target)
    assert {name for name in before if before[name] != after[name]} == {"xl/worksheets/sheet1.xml"}
    xml = after["xl/worksheets/sheet1.xml"].decode()
    assert '<dimension ref="A1:C3" />' in xml
    assert '<c r="A1" t="inlineStr"><is><t>Fall-ID</t></is></c>' in xml
    assert calamine_rows(target, "Fälle") == [
        ["Fall-ID", "Nachname", "Aufnahme"],
        ["KIM-MOE-2026-0001", "Yılmaz-Demir", date(2026, 5, 4)],
        ["KIM-MOE-2026-0002", "", date(2026, 6, 1)],
    ]
    reread = openpyxl.load_workbook(target)["Fälle"]
    assert reread["A1"].value == "Fall-ID"
    assert reread.auto_filter.ref == "A1:C3"
    assert reread["C3"].number_format == reread["C2"].number_format
