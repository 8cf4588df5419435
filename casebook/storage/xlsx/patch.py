"""Save cell edits into an .xlsx by rewriting only the changed rows; all else stays byte-identical.

Readers: Excel, LibreOffice and python-calamine decode the `_xHHHH_` escapes this writer uses for
control characters (and for a literal `_xHHHH_` in user text). openpyxl does not decode them in
cell text, so such text reads back escaped there; read workbooks with calamine, or pass openpyxl's
text through `decode_text`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from casebook.storage.cells import CellEdit, CellValue
from casebook.storage.xlsx.errors import (
    MAX_TEXT_LENGTH,
    CellEditError,
    FormulaCellEdit,
    InvalidCellAddress,
    TextTooLong,
    UnencodableText,
    UnknownWorksheet,
    UnrepresentableValue,
    UnsupportedWorkbook,
    XlsxPatchError,
)
from casebook.storage.xlsx.growth import grow_table
from casebook.storage.xlsx.package import WorkbookPackage, open_package
from casebook.storage.xlsx.sheet import patch_sheet
from casebook.storage.xlsx.styles import StyleSheet
from casebook.storage.xlsx.values import check_edit, decode_text
from casebook.storage.xlsx.zip import read_directory, write_archive

__all__ = [
    "MAX_TEXT_LENGTH",
    "CellEditError",
    "FormulaCellEdit",
    "InvalidCellAddress",
    "TextTooLong",
    "UnencodableText",
    "UnknownWorksheet",
    "UnrepresentableValue",
    "UnsupportedWorkbook",
    "XlsxPatchError",
    "decode_text",
    "patch_workbook",
]


def patch_workbook(
    source: Path,
    target: Path,
    edits: Sequence[CellEdit],
    header_rows: Mapping[str, int] | None = None,
) -> None:
    """Write a copy of `source` to `target` with the cells in `edits` set; everything else stays
    as it was. A later edit of the same cell wins. Everything is checked before `target` is
    opened, so an error leaves it untouched; the written file is flushed and fsynced.

    `header_rows` names each sheet's header row, whose formatting a row appended directly below
    it does not take over (the first Protokoll entry is not bold like its headers)."""
    if Path(target).resolve() == Path(source).resolve():
        raise ValueError("target must be a different file than source")
    with Path(source).open("rb") as source_file:
        directory = read_directory(source_file)
        package = open_package(source_file, directory)
        replaced = _changed_parts(package, edits, header_rows or {})
        with Path(target).open("wb") as target_file:
            write_archive(source_file, directory, replaced, target_file)
            target_file.flush()
            os.fsync(target_file.fileno())


def _changed_parts(
    package: WorkbookPackage, edits: Sequence[CellEdit], header_rows: Mapping[str, int]
) -> dict[str, bytes]:
    by_sheet: dict[str, dict[tuple[int, int], CellValue]] = {}
    for edit in edits:
        check_edit(edit, package.date1904)
        by_sheet.setdefault(edit.sheet, {})[(edit.row, edit.column)] = edit.value
    parts = {sheet: package.worksheet_part(sheet) for sheet in by_sheet}
    styles_part = package.member_name(package.styles_part) if package.styles_part else None
    styles = StyleSheet(package.read(styles_part) if styles_part else None, styles_part)
    replaced: dict[str, bytes] = {}
    for sheet, cells in by_sheet.items():
        part = parts[sheet]
        original = package.read(part)
        patch = patch_sheet(
            original, part, sheet, cells, styles, package.date1904, header_rows.get(sheet)
        )
        if patch.xml != original:
            replaced[part] = patch.xml
        if patch.growth:
            replaced.update(_grown_tables(package, part, *patch.growth))
    if styles.changed and styles_part:
        replaced[styles_part] = styles.to_bytes()
    return replaced


def _grown_tables(
    package: WorkbookPackage, sheet_part: str, last_row: int, new_last_row: int
) -> dict[str, bytes]:
    grown = {}
    for relationship in package.relationships(sheet_part):
        if relationship.kind != "table" or relationship.external:
            continue
        part = package.member_name(relationship.target)
        original = package.read(part)
        table = grow_table(original, part, last_row, new_last_row)
        if table != original:
            grown[part] = table
    return grown
