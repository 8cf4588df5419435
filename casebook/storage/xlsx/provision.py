"""Prepare a workbook for the app: create it, or add missing worksheets and header cells."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from casebook.storage.atomic import ReadOnlyFile, refuse_if_read_only, replace_atomically
from casebook.storage.base import SourceInUse
from casebook.storage.cells import CellEdit
from casebook.storage.provision_plan import SheetPlan, describe, plan
from casebook.storage.xlsx.layout import LISTS_SHEET, create_workbook
from casebook.storage.xlsx.patch import patch_workbook
from casebook.storage.xlsx.read import read_tables
from casebook.storage.xlsx.store import WorkbookReadOnly, office_lock_files

_INLINE_LIST_LIMIT = 255  # Excel's limit for a list written into the validation itself


@dataclass(frozen=True)
class WorkbookProvision:
    """What provisioning did: German lines, and the backup written before openpyxl saved."""

    lines: list[str]
    backup: Path | None = None


def backup_path(path: Path, now: datetime) -> Path:
    return path.with_name(f"{path.stem}.vor-provision-{now:%Y%m%d-%H%M%S}{path.suffix}")


def provision_workbook(path: Path, now: Callable[[], datetime] = datetime.now) -> WorkbookProvision:
    """Create the workbook, or add what it lacks; a complete workbook stays byte-identical.

    Header cells alone are added by the surgical writer, which keeps everything else. Missing
    worksheets need openpyxl, which drops charts, images and some formatting from the rest of
    the workbook, so a backup copy is written next to it first.
    """
    if not path.exists():
        create_workbook(path)
        return WorkbookProvision([f"Arbeitsmappe {path.name} angelegt."])
    locks = office_lock_files(path)
    if locks:
        raise SourceInUse(str(path), locks[0].name)
    try:
        refuse_if_read_only(path)
    except ReadOnlyFile as error:
        raise WorkbookReadOnly(str(path), str(error.path)) from error
    tables = read_tables(path)
    plans = plan({name: table.headers for name, table in tables.items()})
    if not any(p.is_new or p.added for p in plans):
        return WorkbookProvision([])
    if not any(p.is_new for p in plans):
        edits = [CellEdit(p.name, 1, column, header) for p in plans for column, header in p.added]
        replace_atomically(path, lambda temp: patch_workbook(path, temp, edits))
        return WorkbookProvision(describe(plans))
    backup = backup_path(path, now())
    shutil.copy2(path, backup)
    replace_atomically(path, lambda temp: _add_with_openpyxl(path, temp, plans))
    return WorkbookProvision(describe(plans), backup)


def _add_with_openpyxl(source: Path, target: Path, plans: list[SheetPlan]) -> None:
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.load_workbook(source)
    lists = book[LISTS_SHEET] if LISTS_SHEET in book.sheetnames else None
    bold = Font(bold=True)
    for sheet in plans:
        if not sheet.is_new:
            for column, header in sheet.added:
                book[sheet.name].cell(row=1, column=column, value=header)
            continue
        ws = book.create_sheet(sheet.name)
        for column, header in sheet.added:
            ws.cell(row=1, column=column, value=header).font = bold
        ws.freeze_panes = "A2"
        for column, spec in sheet.choice_columns(only_added=False):
            inline = '"' + ",".join(spec.options) + '"'
            if len(inline) <= _INLINE_LIST_LIMIT and not any("," in o for o in spec.options):
                formula = inline
            else:
                if lists is None:
                    lists = book.create_sheet(LISTS_SHEET)
                    lists.sheet_state = "hidden"
                formula = _list_range(lists, f"{sheet.name}: {spec.header}", spec.options)
            rule: Any = DataValidation(
                type="list", formula1=formula, allow_blank=True, errorStyle="warning"
            )
            rule.error = "Dieser Wert steht nicht in der Liste; die App zeigt ihn als Fehler an."
            rule.errorTitle = "Unbekannter Wert"
            letter = ws.cell(row=2, column=column).column_letter
            rule.add(f"{letter}2:{letter}1048576")
            ws.add_data_validation(rule)
    book.save(target)


def _list_range(lists: Any, title: str, options: tuple[str, ...]) -> str:
    """A column of the hidden list sheet holding `options` (reused if the title is there)."""
    for cell in lists[1]:
        if cell.value == title:
            column = cell.column
            break
    else:
        column = (lists.max_column + 1) if lists.max_row > 1 or lists["A1"].value else 1
        lists.cell(row=1, column=column, value=title)
        for offset, option in enumerate(options, start=2):
            lists.cell(row=offset, column=column, value=option)
    letter = lists.cell(row=1, column=column).column_letter
    return f"={LISTS_SHEET}!${letter}$2:${letter}${len(options) + 1}"
