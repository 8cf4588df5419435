"""Delete whole rows from an .xlsx so that nothing of them stays anywhere in the file.

Rows move up like in Excel when the worksheet holds nothing that points at row numbers
(formulas, merged cells, hyperlinks …); otherwise the rows are removed and leave an empty gap.
Texts only those rows used are blanked in the shared-strings table. Copies this writer cannot
clean (pivot caches, chart caches, cell comments on the sheet) make it refuse before writing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Mapping
from pathlib import Path

from casebook.storage.xlsx.errors import XlsxPatchError
from casebook.storage.xlsx.package import MAIN_NS, WorkbookPackage, open_package
from casebook.storage.xlsx.rows_remove import remove_rows, shift_blockers, shift_table
from casebook.storage.xlsx.shared_strings import blank_unused, shared_string_uses
from casebook.storage.xlsx.shift import RowShift, Unshiftable
from casebook.storage.xlsx.xml import main_prefix
from casebook.storage.xlsx.zip import read_directory, write_archive

_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
_DEFINED_NAME = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?definedName\s([^>]*)>(.*?)</", re.DOTALL)
# Names Excel keeps for the filter and the print titles refer to the header row, which stays.
_HEADER_NAMES = (b"_xlnm._FilterDatabase", b"_xlnm.Print_Titles")


class CopyWouldRemain(XlsxPatchError):
    """The workbook keeps a copy of the rows that this writer cannot clean; nothing was written."""

    def __init__(self, sheet: str, what: str) -> None:
        super().__init__(f"{sheet!r}: {what}")
        self.sheet = sheet
        self.what = what


def delete_rows_in_workbook(
    source: Path, target: Path, deletions: Mapping[str, Collection[int]]
) -> None:
    """Write a copy of `source` to `target` without the given rows (sheet -> row numbers)."""
    if Path(target).resolve() == Path(source).resolve():
        raise ValueError("target must be a different file than source")
    with Path(source).open("rb") as source_file:
        directory = read_directory(source_file)
        package = open_package(source_file, directory)
        replaced = _removed(package, {sheet: rows for sheet, rows in deletions.items() if rows})
        replaced.update(_purged_shared_strings(package, replaced))
        with Path(target).open("wb") as target_file:
            write_archive(source_file, directory, replaced, target_file)
            target_file.flush()
            os.fsync(target_file.fileno())


def _removed(
    package: WorkbookPackage, deletions: Mapping[str, Collection[int]]
) -> dict[str, bytes]:
    replaced: dict[str, bytes] = {}
    for sheet, rows in deletions.items():
        part = package.worksheet_part(sheet)
        xml = package.read(part)
        _refuse_uncleanable_copies(package, sheet, part, xml, rows)
        shift = RowShift(rows) if _may_shift(package, sheet, part, xml) else None
        try:
            replaced[part] = remove_rows(xml, part, rows, shift)
            if shift is not None:
                replaced.update(_shifted_tables(package, part, shift))
        except Unshiftable:
            replaced[part] = remove_rows(xml, part, rows, None)
    return replaced


def _refuse_uncleanable_copies(
    package: WorkbookPackage, sheet: str, part: str, xml: bytes, rows: Collection[int]
) -> None:
    names = [entry.name.lower() for entry in package.directory.entries]
    if any(name.startswith("xl/pivotcache/") for name in names):
        raise CopyWouldRemain(sheet, "Pivot-Tabellen")
    kinds = {relationship.kind for relationship in package.relationships(part)}
    if kinds & {"comments", "threadedComment"}:
        raise CopyWouldRemain(sheet, "Kommentare")
    quoted = _sheet_mentions(sheet)
    for name in names:
        if name.startswith("xl/charts/chart") and name.endswith(".xml"):
            chart = package.read(name)
            if any(mention in chart for mention in quoted):
                raise CopyWouldRemain(sheet, "Diagramme")
    if package.entry("xl/calcChain.xml") is not None and _formula_in_rows(xml, part, rows):
        raise CopyWouldRemain(sheet, "Formeln in den zu löschenden Zeilen")


def _formula_in_rows(xml: bytes, part: str, rows: Collection[int]) -> bool:
    if not _FORMULA.search(xml):
        return False
    # Removing the rows alone shows whether a formula went with them.
    return len(_FORMULA.findall(remove_rows(xml, part, rows, None))) < len(_FORMULA.findall(xml))


def _sheet_mentions(sheet: str) -> list[bytes]:
    escaped = sheet.replace("&", "&amp;").replace("<", "&lt;").replace("'", "''")
    return [f"{escaped}!".encode(), f"'{escaped}'!".encode()]


def _may_shift(package: WorkbookPackage, sheet: str, part: str, xml: bytes) -> bool:
    """Rows move up only when nothing in the workbook points at this sheet's row numbers."""
    if shift_blockers(xml, part):
        return False
    mentions = _sheet_mentions(sheet)
    for other, (kind, other_part) in package.sheet_parts.items():
        if other == sheet or kind != "worksheet":
            continue
        other_xml = package.read(package.member_name(other_part))
        if _FORMULA.search(other_xml) and any(m in other_xml for m in mentions):
            return False
    workbook = package.read(package.workbook_part)
    for attrs, text in _DEFINED_NAME.findall(workbook):
        if any(name in attrs for name in _HEADER_NAMES):
            continue
        if any(m in text for m in mentions):
            return False
    return True


def _shifted_tables(package: WorkbookPackage, part: str, shift: RowShift) -> dict[str, bytes]:
    shifted = {}
    for relationship in package.relationships(part):
        if relationship.kind != "table" or relationship.external:
            continue
        table_part = package.member_name(relationship.target)
        original = package.read(table_part)
        moved = shift_table(original, table_part, shift)
        if moved != original:
            shifted[table_part] = moved
    return shifted


def _purged_shared_strings(
    package: WorkbookPackage, replaced: Mapping[str, bytes]
) -> dict[str, bytes]:
    strings = [r for r in package.relationships(package.workbook_part) if r.kind == "sharedStrings"]
    if not strings or package.entry(strings[0].target) is None:
        return {}
    sst_part = package.member_name(strings[0].target)
    uses: list[int] = []
    for kind, sheet_part in package.sheet_parts.values():
        if kind != "worksheet":
            continue
        name = package.member_name(sheet_part)
        xml = replaced[name] if name in replaced else package.read(name)
        uses.extend(shared_string_uses(xml, name))
    original = package.read(sst_part)
    main_prefix(original, b"sst", MAIN_NS, sst_part)
    purged = blank_unused(original, sst_part, uses)
    return {sst_part: purged} if purged != original else {}
