"""The openpyxl round trip (load, set cells, save): the slow baseline the surgical writer replaces."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

import openpyxl

from casebook.storage.cells import CellEdit

_DATE_FORMAT = "DD.MM.YYYY"
_DATETIME_FORMAT = "DD.MM.YYYY HH:MM"


def write_cells_openpyxl(source: Path, target: Path, edits: Sequence[CellEdit]) -> None:
    """Copy `source` to `target` with `edits` applied, through a full openpyxl load and save."""
    workbook = openpyxl.load_workbook(source, rich_text=True)
    for edit in edits:
        cell = workbook[edit.sheet].cell(row=edit.row, column=edit.column)
        cell.value = edit.value
        if isinstance(edit.value, str):
            # openpyxl would turn "=…" into a formula; user text must stay text.
            cell.data_type = "s"
        elif isinstance(edit.value, datetime) and cell.number_format == "General":
            cell.number_format = _DATETIME_FORMAT
        elif isinstance(edit.value, date) and cell.number_format == "General":
            cell.number_format = _DATE_FORMAT
    workbook.save(target)
