"""Find the parts of an .xlsx package: workbook, worksheets by name, styles, a sheet's tables."""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import unquote

from casebook.storage.xlsx.errors import UnknownWorksheet, UnsupportedWorkbook
from casebook.storage.xlsx.zip import ZipDirectory, ZipEntry, read_member

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STRICT_MAIN_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL_TYPE_PREFIX = _DOC_REL_NS + "/"


@dataclass(frozen=True)
class Relationship:
    """One relationship of a part, with its target resolved to a zip member name."""

    kind: str  # the last segment of the relationship type: "worksheet", "styles", "table"...
    target: str
    external: bool


@dataclass
class WorkbookPackage:
    """The zip directory of a workbook and where its parts live."""

    source: BinaryIO
    directory: ZipDirectory
    workbook_part: str
    sheet_parts: dict[str, tuple[str, str]]  # sheet name -> (relationship kind, member name)
    styles_part: str | None
    date1904: bool

    def __post_init__(self) -> None:
        self._members = self.directory.by_name()
        self._folded = {name.lower(): entry for name, entry in self._members.items()}

    def entry(self, name: str) -> ZipEntry | None:
        # OPC part names are case-insensitive; relationship targets may differ in case.
        return self._members.get(name) or self._folded.get(name.lower())

    def read(self, name: str) -> bytes:
        entry = self.entry(name)
        if entry is None:
            raise UnsupportedWorkbook(f"part {name} is missing")
        return read_member(self.source, entry)

    def member_name(self, name: str) -> str:
        entry = self.entry(name)
        if entry is None:
            raise UnsupportedWorkbook(f"part {name} is missing")
        return entry.name

    def worksheet_part(self, sheet: str) -> str:
        if sheet not in self.sheet_parts:
            raise UnknownWorksheet(sheet)
        kind, part = self.sheet_parts[sheet]
        if kind != "worksheet":
            raise UnsupportedWorkbook(f"sheet {sheet!r} is a {kind}, not a worksheet")
        return self.member_name(part)

    def relationships(self, part: str) -> list[Relationship]:
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if self.entry(rels_name) is None:
            return []
        return _parse_relationships(self.read(rels_name), folder)


def open_package(source: BinaryIO, directory: ZipDirectory) -> WorkbookPackage:
    """Locate the workbook part and its sheets; refuse binary and strict-OOXML workbooks."""
    bare = WorkbookPackage(source, directory, "", {}, None, False)
    if bare.entry("_rels/.rels") is None:
        raise UnsupportedWorkbook("not an Office package (no _rels/.rels)")
    documents = [rel for rel in bare.relationships("") if rel.kind == "officeDocument"]
    if not documents:
        raise UnsupportedWorkbook("no workbook part (transitional Office Open XML expected)")
    workbook_part = documents[0].target
    if workbook_part.lower().endswith(".bin"):
        raise UnsupportedWorkbook("binary workbook (.xlsb)")
    root = _parse_xml(bare.read(workbook_part), workbook_part)
    if root.tag == f"{{{_STRICT_MAIN_NS}}}workbook":
        raise UnsupportedWorkbook("strict Office Open XML workbooks are not supported")
    if root.tag != f"{{{MAIN_NS}}}workbook":
        raise UnsupportedWorkbook(f"unexpected workbook root element {root.tag}")
    relationships = _relationships_by_id(bare, workbook_part)
    sheet_parts: dict[str, tuple[str, str]] = {}
    for sheet in root.iterfind(f"{{{MAIN_NS}}}sheets/{{{MAIN_NS}}}sheet"):
        name = sheet.get("name", "")
        rel = relationships.get(sheet.get(f"{{{_DOC_REL_NS}}}id", ""))
        if rel is None or rel.external:
            raise UnsupportedWorkbook(f"sheet {name!r} has no part")
        sheet_parts[name] = (rel.kind, rel.target)
    styles = [rel.target for rel in relationships.values() if rel.kind == "styles"]
    properties = root.find(f"{{{MAIN_NS}}}workbookPr")
    date1904 = properties is not None and properties.get("date1904", "0") in ("1", "true")
    return WorkbookPackage(
        source=source,
        directory=directory,
        workbook_part=workbook_part,
        sheet_parts=sheet_parts,
        styles_part=styles[0] if styles else None,
        date1904=date1904,
    )


def _relationships_by_id(package: WorkbookPackage, part: str) -> dict[str, Relationship]:
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if package.entry(rels_name) is None:
        raise UnsupportedWorkbook(f"relationships of {part} are missing")
    root = _parse_xml(package.read(rels_name), rels_name)
    return {
        element.get("Id", ""): _relationship(element, folder)
        for element in root.iter(f"{{{_REL_NS}}}Relationship")
    }


def _parse_relationships(data: bytes, folder: str) -> list[Relationship]:
    root = _parse_xml(data, "relationships")
    return [_relationship(element, folder) for element in root.iter(f"{{{_REL_NS}}}Relationship")]


def _relationship(element: ET.Element, folder: str) -> Relationship:
    kind = element.get("Type", "").rsplit("/", 1)[-1]
    raw_target = element.get("Target", "")
    external = element.get("TargetMode") == "External"
    if external:
        return Relationship(kind, raw_target, True)
    target = unquote(raw_target)
    if target.startswith("/"):
        resolved = target.lstrip("/")
    else:
        resolved = posixpath.normpath(posixpath.join(folder, target))
    return Relationship(kind, resolved, False)


def _parse_xml(data: bytes, name: str) -> ET.Element:
    try:
        return ET.fromstring(data)
    except ET.ParseError as error:
        raise UnsupportedWorkbook(f"part {name} is not well-formed XML") from error
