"""Protokoll entries of a Google save: marked with the save's ID, so none is written twice or lost."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence

from casebook.storage.cells import CellValue
from casebook.storage.gsheets.a1 import column_letters, quote_title
from casebook.storage.gsheets.api import RequestFailed, SheetsApi
from casebook.storage.gsheets.values import ApiValue
from sheets_schema import SheetName
from sheets_schema.sheets import SAVE_ID_HEADER

log = logging.getLogger(__name__)

Entry = dict[str, CellValue]
AUDIT = SheetName.AUDIT.value


def new_save_id() -> str:
    """A save's ID: random, so that two app instances never share one."""
    return uuid.uuid4().hex[:12]


def _saves_in_sheet(api: SheetsApi, headers: Sequence[str], header_row: int) -> set[str]:
    """The save IDs the Protokoll holds (one column read, not the whole Protokoll)."""
    if SAVE_ID_HEADER not in headers:
        return set()
    letters = column_letters(list(headers).index(SAVE_ID_HEADER) + 1)
    column = api.read_range(f"{quote_title(AUDIT)}!{letters}{header_row + 1}:{letters}")
    return {row[0] for row in column if row and row[0]}


def not_yet_written(
    api: SheetsApi, headers: Sequence[str], header_row: int, carried: Sequence[Entry]
) -> list[Entry]:
    """Entries carried over from an earlier save, without those that reached the sheet after
    all (an append whose answer was lost, or that Google applied after the app gave up)."""
    if not carried:
        return []
    present = _saves_in_sheet(api, headers, header_row)
    return [entry for entry in carried if entry.get(SAVE_ID_HEADER) not in present]


def append_entries(
    api: SheetsApi,
    headers: Sequence[str],
    header_row: int,
    rows: list[list[ApiValue]],
    save_ids: set[str],
) -> None:
    """Append the entries in one call. After an answer that leaves it open whether they
    arrived, the save-ID column is looked at (again and again while Google may still be working
    on a request that timed out) before they are sent again; raises StorageError on giving up."""

    def send() -> bool:
        api.append(AUDIT, rows, header_row)
        return True

    def arrived() -> bool:
        return bool(save_ids & _saves_in_sheet(api, headers, header_row))

    def settle(failed: RequestFailed) -> bool | None:
        if arrived():
            return True
        if failed.failure.in_flight:
            waiting = api.policy.start()
            while waiting.wait():
                if arrived():
                    return True
        return None

    api.send_write(send, settle)
