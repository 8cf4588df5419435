"""A patch changes only the rows it writes; every other part of a rich workbook stays as it was."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from casebook.storage.cells import CellEdit
from casebook.storage.xlsx.patch import patch_workbook
from tests.storage.xlsx_patch_helpers import (
    MINUTES,
    calamine_rows,
    cell_xml,
    libreoffice_csv,
    raw_members,
    rich_workbook,
    row_xml,
    sheet_xml,
    soffice,
    without_rows,
    zip_parts,
)
from tests.storage.xlsx_pivot_helpers import PIVOT_PARTS

CASES = "xl/worksheets/sheet1.xml"
CONTACTS = "xl/worksheets/sheet2.xml"
TABLE = "xl/tables/table1.xml"
STYLES = "xl/styles.xml"
WORKBOOK_PARTS = (
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "[Content_Types].xml",
    MINUTES.sheet_part,
    "xl/worksheets/_rels/sheet4.xml.rels",
)


@pytest.fixture
def patched(tmp_path: Path) -> tuple[Path, Path]:
    """The rich workbook before and after an edit of row 3 and an appended row 7 on "Fälle"."""
    source = rich_workbook(tmp_path / "rich.xlsx", pivot=True)
    target = tmp_path / "patched.xlsx"
    patch_workbook(
        source,
        target,
        [
            CellEdit("Fälle", 3, 2, "Nachname neu"),
            CellEdit("Fälle", 7, 1, "KIM-XAN-2026-0007"),
            CellEdit("Fälle", 7, 2, "Özdemir"),
            CellEdit("Fälle", 7, 3, date(2026, 2, 1)),
            CellEdit("Fälle", 7, 4, 4),
        ],
    )
    return source, target


def test_patch_keeps_every_other_part_byte_identical(patched: tuple[Path, Path]) -> None:
    source, target = patched
    before, after = zip_parts(source), zip_parts(target)
    assert list(after) == list(before)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {CASES, TABLE}


def test_patch_copies_untouched_members_as_raw_compressed_bytes(
    patched: tuple[Path, Path],
) -> None:
    source, target = patched
    before, after = raw_members(source), raw_members(target)
    for name in before:
        if name not in (CASES, TABLE):
            assert after[name] == before[name], name


def test_patch_keeps_the_pivot_table_its_cache_and_the_workbook_part_byte_identical(
    patched: tuple[Path, Path],
) -> None:
    source, target = patched
    before, after = raw_members(source), raw_members(target)
    for name in (*PIVOT_PARTS, *WORKBOOK_PARTS):
        assert name in before, name
        assert after[name] == before[name], name
    assert b"<pivotCaches>" in zip_parts(target)["xl/workbook.xml"]


@pytest.mark.filterwarnings("ignore:.*extension is not supported")
def test_openpyxl_still_sees_the_pivot_table_after_a_patch(patched: tuple[Path, Path]) -> None:
    _, target = patched
    sheet = openpyxl.load_workbook(target)[MINUTES.sheet]
    # openpyxl keeps a sheet's pivot tables only in this private list; its stubs omit it.
    (pivot,) = sheet._pivots  # type: ignore[attr-defined]
    assert pivot.location.ref == "D3:E7"
    assert [field.name for field in pivot.dataFields] == ["Summe von Minuten"]
    cache = pivot.cache
    assert cache.cacheSource.worksheetSource.sheet == MINUTES.sheet
    assert cache.cacheSource.worksheetSource.ref == "A1:B6"
    assert cache.recordCount == len(cache.records.r) == 5


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_computes_the_pivot_table_of_a_patched_workbook(
    patched: tuple[Path, Path], tmp_path: Path
) -> None:
    _, target = patched
    sheets = libreoffice_csv(target, tmp_path)
    assert sheets["Fälle"][2][:2] == ["KIM-XAN-2026-0002", "Nachname neu"]
    assert sheets["Fälle"][6][:2] == ["KIM-XAN-2026-0007", "Özdemir"]
    # The pivot's cells are empty in the file, so these values come from its definition.
    pivot = [row[3:5] for row in sheets[MINUTES.sheet][2:7]]
    assert pivot[0][1] == "Summe von Minuten"
    assert pivot[1:4] == [["digital", "35"], ["persönlich", "75"], ["telefonisch", "10"]]
    assert pivot[4][1] == "120"


def test_patch_changes_only_the_written_rows_and_the_grown_ranges(
    patched: tuple[Path, Path],
) -> None:
    source, target = patched
    before, after = sheet_xml(source), sheet_xml(target)
    grown = {
        '<dimension ref="A1:H7"/>': '<dimension ref="A1:H6"/>',
        'sqref="D2:D7"': 'sqref="D2:D6"',
        'sqref="A2:A7"': 'sqref="A2:A6"',
        'sqref="B2:B7"': 'sqref="B2:B6"',
        "<xm:sqref>D2:D7</xm:sqref>": "<xm:sqref>D2:D6</xm:sqref>",
    }
    rest = without_rows(after, {3, 7})
    for new, old in grown.items():
        assert rest.count(new) == 1, new
        rest = rest.replace(new, old)
    assert rest == without_rows(before, {3, 7})
    # The sparkline stays where it was and keeps its data range.
    assert "<xm:f>Fälle!D2:D6</xm:f><xm:sqref>G2</xm:sqref>" in after


def test_edited_row_keeps_untouched_cells_byte_identical(patched: tuple[Path, Path]) -> None:
    source, target = patched
    old_row, new_row = row_xml(sheet_xml(source), 3), row_xml(sheet_xml(target), 3)
    for ref in ("A3", "C3", "D3", "E3"):
        assert cell_xml(new_row, ref) == cell_xml(old_row, ref)
    assert cell_xml(new_row, "B3") == ('<c r="B3" t="inlineStr"><is><t>Nachname neu</t></is></c>')
    assert new_row.startswith('<row r="3" spans="1:8" ht="20.25" customHeight="1"')


def test_appended_row_takes_row_and_cell_styles_from_the_row_above(
    patched: tuple[Path, Path],
) -> None:
    _, target = patched
    xml = sheet_xml(target)
    new_row = row_xml(xml, 7)
    assert new_row.startswith(
        '<row r="7" spans="1:8" s="2" customFormat="1" ht="20.25" customHeight="1"'
        ' x14ac:dyDescent="0.25">'
    )
    assert cell_xml(new_row, "A7") == (
        '<c r="A7" s="2" t="inlineStr"><is><t>KIM-XAN-2026-0007</t></is></c>'
    )
    # Column C already has a date format, so the appended date keeps it and styles.xml stays.
    assert cell_xml(new_row, "C7") == '<c r="C7" s="1"><v>46054</v></c>'
    assert cell_xml(new_row, "D7") == '<c r="D7" s="2"><v>4</v></c>'


def test_appended_row_grows_the_table_and_its_filter(patched: tuple[Path, Path]) -> None:
    source, target = patched
    before, after = zip_parts(source)[TABLE].decode(), zip_parts(target)[TABLE].decode()
    assert after == before.replace('ref="A1:E6"', 'ref="A1:E7"')
    assert after.count('ref="A1:E7"') == 2


def test_patched_workbook_reads_back_in_calamine_and_openpyxl(
    patched: tuple[Path, Path],
) -> None:
    _, target = patched
    rows = calamine_rows(target, "Fälle")
    assert rows[2][:5] == ["KIM-XAN-2026-0002", "Nachname neu", date(2026, 1, 2), 20.0, 40.0]
    assert rows[6][:4] == ["KIM-XAN-2026-0007", "Özdemir", date(2026, 2, 1), 4.0]
    sheet = openpyxl.load_workbook(target)["Fälle"]
    assert sheet["E3"].value == "=D3*2"
    assert sheet["B7"].value == "Özdemir"
    assert sheet.tables["Faelle"].ref == "A1:E7"


def test_appending_to_a_sheet_with_autofilter_grows_filter_validation_and_format(
    tmp_path: Path,
) -> None:
    source = rich_workbook(tmp_path / "rich.xlsx")
    target = tmp_path / "patched.xlsx"
    patch_workbook(source, target, [CellEdit("Kontakte", 5, 1, "K-4")])
    before, after = zip_parts(source), zip_parts(target)
    assert {name for name in before if before[name] != after[name]} == {CONTACTS}
    xml = after[CONTACTS].decode()
    assert '<autoFilter ref="A1:C5"/>' in xml
    assert 'sqref="A2:C5"' in xml
    assert 'sqref="C2:C5"' in xml
    assert '<dimension ref="A1:C5"/>' in xml


def test_editing_inside_the_data_grows_nothing(tmp_path: Path) -> None:
    source = rich_workbook(tmp_path / "rich.xlsx")
    target = tmp_path / "patched.xlsx"
    patch_workbook(source, target, [CellEdit("Fälle", 6, 2, "anders")])
    before, after = zip_parts(source), zip_parts(target)
    assert {name for name in before if before[name] != after[name]} == {CASES}
    assert without_rows(after[CASES].decode(), {6}) == without_rows(before[CASES].decode(), {6})


def test_a_date_in_an_unformatted_cell_adds_one_date_style_and_reuses_it(
    tmp_path: Path,
) -> None:
    source = rich_workbook(tmp_path / "rich.xlsx")
    once = tmp_path / "once.xlsx"
    twice = tmp_path / "twice.xlsx"
    patch_workbook(source, once, [CellEdit("Fälle", 2, 9, date(2026, 3, 1))])
    patch_workbook(once, twice, [CellEdit("Fälle", 3, 9, date(2026, 3, 2))])
    before, middle, after = (zip_parts(p) for p in (source, once, twice))
    assert {name for name in before if before[name] != middle[name]} == {CASES, STYLES}
    assert after[STYLES] == middle[STYLES]
    styles = middle[STYLES].decode()
    assert '<numFmt numFmtId="165" formatCode="DD.MM.YYYY"/>' in styles
    assert 'cellXfs count="5"' in styles
    assert cell_xml(after[CASES].decode(), "I3") == '<c r="I3" s="4"><v>46083</v></c>'
    assert calamine_rows(twice, "Fälle")[2][8] == date(2026, 3, 2)
