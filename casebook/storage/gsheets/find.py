"""Where a record's row went when it is no longer where it was: one ID column, not the sheet."""

from __future__ import annotations

from casebook.storage.base import RowHint
from casebook.storage.grid import HeaderLocator, header_row_of, header_texts
from casebook.storage.gsheets.a1 import column_letters, quote_title
from casebook.storage.gsheets.api import Grid, SheetsApi


def rows_holding(
    api: SheetsApi, top: Grid, hint: RowHint, locate: HeaderLocator
) -> list[int] | None:
    """The rows whose ID cell holds the hinted ID, from a read of the ID column alone (200 KB
    at 10,000 cases instead of 5 MB); None if the top rows show no such column."""
    if not top.values:
        return None
    header_row = header_row_of(hint.sheet, top.values, locate)
    headers = header_texts(top.values[header_row - 1])
    if hint.id_header not in headers:
        return None
    letters = column_letters(headers.index(hint.id_header) + 1)
    area = f"{quote_title(hint.sheet)}!{letters}{header_row + 1}:{letters}"
    column = api.read_range(area)
    return [
        header_row + 1 + index
        for index, cell in enumerate(column)
        if cell and cell[0].strip() == hint.record_id
    ]
