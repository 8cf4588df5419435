"""A pivot table added to an xlsxwriter package by hand, since xlsxwriter cannot write one."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.{}+xml"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CACHE_DEFINITION = "xl/pivotCache/pivotCacheDefinition1.xml"
CACHE_RECORDS = "xl/pivotCache/pivotCacheRecords1.xml"
CACHE_RELS = "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels"
PIVOT_TABLE = "xl/pivotTables/pivotTable1.xml"
PIVOT_RELS = "xl/pivotTables/_rels/pivotTable1.xml.rels"
PIVOT_PARTS = (CACHE_DEFINITION, CACHE_RECORDS, CACHE_RELS, PIVOT_TABLE, PIVOT_RELS)


@dataclass(frozen=True)
class PivotSource:
    """A two-column range with headers in row 1: a label column and a number column to sum."""

    sheet: str
    sheet_part: str
    headers: tuple[str, str]
    records: Sequence[tuple[str, int]]

    @property
    def ref(self) -> str:
        return f"A1:B{len(self.records) + 1}"

    @property
    def labels(self) -> list[str]:
        """The distinct labels in order of first appearance, as the cache stores them."""
        return list(dict.fromkeys(label for label, _ in self.records))


def add_pivot_table(path: Path, source: PivotSource, anchor: str) -> Path:
    """Rewrites the package at `path` with a pivot table at `anchor` summing the source by label.

    The pivot's output cells are left empty and the cache asks to be refreshed on load, so a
    program showing them has really read the pivot definition rather than old cell values.
    """
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        parts = {info.filename: archive.read(info) for info in infos}
    sheet_rels = re.sub(r"([^/]+)$", r"_rels/\1.rels", source.sheet_part)
    assert source.sheet_part in parts, source.sheet_part
    assert sheet_rels not in parts, "the pivot sheet must have no relationships yet"
    parts["[Content_Types].xml"] = _with_overrides(parts["[Content_Types].xml"])
    parts["xl/workbook.xml"], parts["xl/_rels/workbook.xml.rels"] = _with_cache_reference(
        parts["xl/workbook.xml"], parts["xl/_rels/workbook.xml.rels"]
    )
    added = {
        CACHE_DEFINITION: _cache_definition(source),
        CACHE_RECORDS: _cache_records(source),
        CACHE_RELS: _relationships("pivotCacheRecords", "pivotCacheRecords1.xml"),
        PIVOT_TABLE: _pivot_table(source, anchor),
        PIVOT_RELS: _relationships("pivotCacheDefinition", "../" + CACHE_DEFINITION[3:]),
        sheet_rels: _relationships("pivotTable", "../" + PIVOT_TABLE[3:]),
    }
    # Same member order, dates and compression as xlsxwriter, the new parts after the rest.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in infos:
            archive.writestr(info, parts[info.filename])
        for name, data in added.items():
            archive.writestr(zipfile.ZipInfo(name, infos[0].date_time), data, zipfile.ZIP_DEFLATED)
    return path


def _with_overrides(types: bytes) -> bytes:
    overrides = "".join(
        f'<Override PartName="/{part}" ContentType="{CONTENT_TYPE.format(kind)}"/>'
        for part, kind in (
            (CACHE_DEFINITION, "pivotCacheDefinition"),
            (CACHE_RECORDS, "pivotCacheRecords"),
            (PIVOT_TABLE, "pivotTable"),
        )
    )
    return types.replace(b"</Types>", overrides.encode() + b"</Types>")


def _with_cache_reference(workbook: bytes, rels: bytes) -> tuple[bytes, bytes]:
    taken = {int(n) for n in re.findall(rb'Id="rId(\d+)"', rels)}
    rel_id = f"rId{max(taken) + 1}"
    # CT_Workbook puts <pivotCaches> after <calcPr> (and before any extension list).
    caches = f'<pivotCaches><pivotCache cacheId="1" r:id="{rel_id}"/></pivotCaches>'.encode()
    calc = re.search(rb"<calcPr[^>]*/>", workbook)
    assert calc is not None, "xlsxwriter always writes <calcPr/>"
    workbook = workbook[: calc.end()] + caches + workbook[calc.end() :]
    return workbook, _relationships("pivotCacheDefinition", CACHE_DEFINITION[3:], rel_id, rels)


def _relationships(kind: str, target: str, rel_id: str = "rId1", existing: bytes = b"") -> bytes:
    entry = f'<Relationship Id="{rel_id}" Type="{REL_NS}/{kind}" Target="{target}"/>'.encode()
    if existing:
        return existing.replace(b"</Relationships>", entry + b"</Relationships>")
    head = f'{XML_HEAD}<Relationships xmlns="{PKG_REL_NS}">'.encode()
    return head + entry + b"</Relationships>"


def _cache_definition(source: PivotSource) -> bytes:
    label, number = source.headers
    values = [value for _, value in source.records]
    items = "".join(f"<s v={quoteattr(text)}/>" for text in source.labels)
    return (
        f'{XML_HEAD}<pivotCacheDefinition xmlns="{MAIN_NS}" xmlns:r="{REL_NS}" r:id="rId1"'
        f' refreshOnLoad="1" createdVersion="3" refreshedVersion="3"'
        f' minRefreshableVersion="3" recordCount="{len(source.records)}">'
        f'<cacheSource type="worksheet"><worksheetSource ref="{source.ref}"'
        f" sheet={quoteattr(source.sheet)}/></cacheSource>"
        f'<cacheFields count="2">'
        f'<cacheField name={quoteattr(label)} numFmtId="0">'
        f'<sharedItems count="{len(source.labels)}">{items}</sharedItems></cacheField>'
        f'<cacheField name={quoteattr(number)} numFmtId="0"><sharedItems'
        f' containsSemiMixedTypes="0" containsString="0" containsNumber="1" containsInteger="1"'
        f' minValue="{min(values)}" maxValue="{max(values)}"/></cacheField>'
        "</cacheFields></pivotCacheDefinition>"
    ).encode()


def _cache_records(source: PivotSource) -> bytes:
    index = {text: n for n, text in enumerate(source.labels)}
    records = "".join(
        f'<r><x v="{index[label]}"/><n v="{value}"/></r>' for label, value in source.records
    )
    return (
        f'{XML_HEAD}<pivotCacheRecords xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"'
        f' count="{len(source.records)}">{records}</pivotCacheRecords>'
    ).encode()


def _pivot_table(source: PivotSource, anchor: str) -> bytes:
    """Labels down the rows in alphabetical order, one sum column, a grand total row."""
    found = re.fullmatch(r"([A-Z])(\d+)", anchor)
    assert found, "a one-letter column keeps the location arithmetic simple"
    column, row = found.group(1), int(found.group(2))
    labels = source.labels
    order = sorted(range(len(labels)), key=lambda n: labels[n])
    last = f"{chr(ord(column) + 1)}{row + len(labels) + 1}"
    items = "".join(f'<item x="{n}"/>' for n in order)
    row_items = "".join(f'<i><x v="{n}"/></i>' if n else "<i><x/></i>" for n in range(len(order)))
    caption = escape(f"Summe von {source.headers[1]}")
    return (
        f'{XML_HEAD}<pivotTableDefinition xmlns="{MAIN_NS}" name="PivotStatistik" cacheId="1"'
        ' applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0"'
        ' applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1"'
        ' dataCaption="Werte" updatedVersion="3" minRefreshableVersion="3" createdVersion="3"'
        ' useAutoFormatting="1" itemPrintTitles="1" indent="0" outline="1" outlineData="1">'
        f'<location ref="{anchor}:{last}" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/>'
        '<pivotFields count="2">'
        f'<pivotField axis="axisRow" showAll="0"><items count="{len(order) + 1}">{items}'
        '<item t="default"/></items></pivotField>'
        '<pivotField dataField="1" showAll="0"/></pivotFields>'
        '<rowFields count="1"><field x="0"/></rowFields>'
        f'<rowItems count="{len(order) + 1}">{row_items}<i t="grand"><x/></i></rowItems>'
        '<colItems count="1"><i/></colItems>'
        f'<dataFields count="1"><dataField name="{caption}" fld="1" baseField="0" baseItem="0"/>'
        "</dataFields>"
        '<pivotTableStyleInfo name="PivotStyleLight16" showRowHeaders="1" showColHeaders="1"'
        ' showRowStripes="0" showColStripes="0" showLastColumn="1"/>'
        "</pivotTableDefinition>"
    ).encode()
