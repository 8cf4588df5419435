"""The workbook store's last read brought up to date with its own cell edits, so the next save need
not read the worksheet again; None where only a real read would be exact."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from casebook.storage.base import SheetRow, SheetTable, Snapshot
from casebook.storage.cells import CellEdit, CellValue
from casebook.storage.columns import to_cell


def _column_header(table: SheetTable, column: int) -> str | None:
    """The header the reader files a column's cells under (None: a column it does not read)."""
    if column < 1 or column > len(table.headers):
        return None  # a new column: its header cell is part of the edits
    header = table.headers[column - 1]
    if not header or header in table.headers[: column - 1]:
        return None  # unnamed, or the second of two equally named columns
    return header


def _followed_table(table: SheetTable, edits: Sequence[CellEdit]) -> SheetTable | None:
    by_row: dict[int, dict[str, CellValue]] = {}
    for edit in edits:
        header = _column_header(table, edit.column)
        if header is None or edit.row <= table.header_row:
            return None
        by_row.setdefault(edit.row, {})[header] = to_cell(edit.value)
    rows = list(table.rows)
    position = {row.number: index for index, row in enumerate(rows)}
    added: list[SheetRow] = []
    for number, written in sorted(by_row.items()):
        index = position.get(number)
        cells = dict(rows[index].cells) if index is not None else {}
        for header, value in written.items():
            if value is None or value == "":
                cells.pop(header, None)
            else:
                cells[header] = value
        if not cells:
            return None  # the row would vanish from a read, and with it its place
        if index is not None:
            rows[index] = SheetRow(number, cells)
        elif number > table.last_row_number:
            added.append(SheetRow(number, cells))
        else:
            return None  # a row between rows read: rare, and a read keeps the order right
    last_used = max([table.last_used_row, *(row.number for row in added)])
    return replace(table, rows=(*rows, *added), last_used_row=last_used)


def followed_snapshot(
    snapshot: Snapshot, edits: Sequence[CellEdit], version: str
) -> Snapshot | None:
    """`snapshot` with `edits` applied, as a read of the written file at `version` would give it."""
    grouped: dict[str, list[CellEdit]] = defaultdict(list)
    for edit in edits:
        grouped[edit.sheet].append(edit)
    tables = dict(snapshot.tables)
    for sheet, sheet_edits in grouped.items():
        table = tables.get(sheet)
        if table is None:
            return None
        followed = _followed_table(table, sheet_edits)
        if followed is None:
            return None
        tables[sheet] = followed
    return replace(snapshot, tables=tables, version=version)
