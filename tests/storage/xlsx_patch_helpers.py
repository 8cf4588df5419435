"""Workbooks and readers for the tests of the surgical .xlsx writer."""

from __future__ import annotations

import csv
import re
import shutil
import struct
import subprocess
import zipfile
import zlib
from datetime import date
from pathlib import Path
from typing import Any

import xlsxwriter
from python_calamine import CalamineWorkbook

from tests.storage.xlsx_pivot_helpers import PivotSource, add_pivot_table

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEADERS = ["Fall-ID", "Nachname", "Aufnahme", "Haushaltsgröße", "Doppelt"]
MINUTES = PivotSource(
    sheet="Statistik",
    sheet_part="xl/worksheets/sheet4.xml",
    headers=("Art", "Minuten"),
    records=[
        ("persönlich", 30),
        ("digital", 15),
        ("persönlich", 45),
        ("telefonisch", 10),
        ("digital", 20),
    ],
)
PIVOT_ANCHOR = "D3"


def tiny_png() -> bytes:
    """A valid 1x1 red PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def rich_workbook(path: Path, *, pivot: bool = False) -> Path:
    """A workbook with most things Excel users add: on "Fälle" cases in rows 2-6 (table A1:E6).

    "Statistik" holds minutes by kind of contact in A1:B6; with `pivot`, a pivot table at D3
    sums them. It is optional because a pivot cache makes row deletion refuse for its own reason.
    """
    image = path.with_suffix(".png")
    image.write_bytes(tiny_png())
    workbook = xlsxwriter.Workbook(str(path))
    bold = workbook.add_format({"bold": True})
    framed_date = workbook.add_format({"num_format": "dd.mm.yyyy", "border": 1})
    tall = workbook.add_format({"bg_color": "#FFFF00"})
    sheet = workbook.add_worksheet("Fälle")
    for row in range(1, 6):
        sheet.set_row(row, 20, tall if row == 5 else None)
        sheet.write_string(row, 0, f"KIM-XAN-2026-{row:04d}")
        sheet.write_string(row, 1, f"Name {row}")
        sheet.write_datetime(row, 2, date(2026, 1, row), framed_date)
        sheet.write_number(row, 3, row * 10)
        sheet.write_formula(row, 4, f"=D{row + 1}*2", None, row * 20)
    sheet.add_table(0, 0, 5, 4, {"name": "Faelle", "columns": [{"header": h} for h in HEADERS]})
    sheet.conditional_format("D2:D6", {"type": "data_bar", "data_bar_2010": True})
    sheet.conditional_format(
        "D2:D6", {"type": "cell", "criteria": ">", "value": 20, "format": bold}
    )
    sheet.conditional_format("A2:A6", {"type": "duplicate", "format": bold})
    sheet.data_validation("B2:B6", {"validate": "list", "source": ["Name 1", "Name 2"]})
    sheet.write_comment("A2", "Erstgespräch mit Sprachmittlung")
    sheet.freeze_panes(1, 0)
    sheet.set_column("F:F", None, None, {"hidden": True})
    sheet.add_sparkline("G2", {"range": "Fälle!D2:D6"})
    sheet.write_rich_string("H2", "nur ", bold, "fett", " hier")
    sheet.insert_image("J2", str(image))
    sheet.insert_textbox("J10", "Hinweis für alle")
    chart = workbook.add_chart({"type": "column"})
    chart.add_series({"values": "='Fälle'!$D$2:$D$6"})
    sheet.insert_chart("L2", chart)
    workbook.define_name("Haushalte", "='Fälle'!$D$2:$D$6")
    contacts = workbook.add_worksheet("Kontakte")
    contacts.write_row(0, 0, ["Kontakt-ID", "Fall-ID", "Art"], bold)
    for row in range(1, 4):
        contacts.write_row(row, 0, [f"K-{row}", f"KIM-XAN-2026-{row:04d}", "persönlich"])
    contacts.autofilter("A1:C4")
    contacts.data_validation("C2:C4", {"validate": "list", "source": ["persönlich", "digital"]})
    contacts.conditional_format("A2:C4", {"type": "no_blanks", "format": bold})
    hidden = workbook.add_worksheet("Listen")
    hidden.write_column(0, 0, ["persönlich", "digital"])
    hidden.hide()
    statistics = workbook.add_worksheet(MINUTES.sheet)
    statistics.write_row(0, 0, MINUTES.headers, bold)
    for row, record in enumerate(MINUTES.records, start=1):
        statistics.write_row(row, 0, record)
    workbook.close()
    return add_pivot_table(path, MINUTES, PIVOT_ANCHOR) if pivot else path


def zip_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def raw_members(path: Path) -> dict[str, bytes]:
    """Each member's local header and compressed data, exactly as stored."""
    data = path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        members = {}
        for info in archive.infolist():
            start = info.header_offset
            name_length, extra_length = struct.unpack_from("<HH", data, start + 26)
            end = start + 30 + name_length + extra_length + info.compress_size
            # The modification time differs for rewritten members only.
            members[info.filename] = data[start:end]
        return members


def sheet_xml(path: Path, part: str = "xl/worksheets/sheet1.xml") -> str:
    return zip_parts(path)[part].decode("utf-8")


def without_rows(xml: str, rows: set[int]) -> str:
    """The worksheet XML with the given <row> elements cut out."""
    pattern = re.compile(r'<row r="(\d+)"[^>]*?(?:/>|>.*?</row>)', re.DOTALL)
    return pattern.sub(lambda m: "" if int(m.group(1)) in rows else m.group(0), xml)


def row_xml(xml: str, row: int) -> str:
    found = re.search(rf'<row r="{row}"[^>]*?(?:/>|>.*?</row>)', xml, re.DOTALL)
    assert found, f"row {row} missing"
    return found.group(0)


def cell_xml(xml: str, ref: str) -> str:
    found = re.search(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', xml, re.DOTALL)
    assert found, f"cell {ref} missing"
    return found.group(0)


def calamine_rows(path: Path, sheet: str) -> list[list[Any]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def minimal_workbook(
    path: Path, sheet_data: str, *, head: str = "", tail: str = "", styles: str | None = None
) -> Path:
    """A hand-made one-sheet package ("Blatt") whose worksheet XML the test controls."""
    worksheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{MAIN_NS}">{head}{sheet_data}{tail}</worksheet>'
    )
    styles = styles or (
        f'<styleSheet xmlns="{MAIN_NS}"><fonts count="1"><font><sz val="11"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="0" fontId="0" applyFont="1"/>'
        '<xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>'
    )
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    files = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN_NS}" xmlns:r="{rel}"><sheets>'
            '<sheet name="Blatt" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": worksheet,
        "xl/styles.xml": styles,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_csv(workbook: Path, work: Path) -> dict[str, list[list[str]]]:
    """Every sheet of `workbook` as LibreOffice shows it, exported to CSV (UTF-8), by sheet name."""
    program = soffice()
    assert program is not None
    out = work / "csv"
    filter_options = "Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
    subprocess.run(
        [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            f"csv:{filter_options}",
            "--outdir",
            str(out),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    sheets = {}
    for exported in out.glob(f"{workbook.stem}-*.csv"):
        with exported.open(encoding="utf-8", newline="") as handle:
            sheets[exported.stem[len(workbook.stem) + 1 :]] = list(csv.reader(handle))
    return sheets
