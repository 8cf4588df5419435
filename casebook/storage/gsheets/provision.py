"""Prepare a Google Sheet for the app: worksheets, German headers, frozen bold header row, lists."""

from __future__ import annotations

import random
from typing import Any

import gspread

from casebook.storage.gsheets.api import RequestFailed, SheetsApi, SpreadsheetInfo
from casebook.storage.gsheets.retry import RetryPolicy
from casebook.storage.provision_plan import SheetPlan, describe, plan
from sheets_schema import SheetName
from sheets_schema.sheets import SAVE_ID_HEADER

NEW_SHEET_ROWS = 1000
_GRID_LIMIT = 2**31 - 1


def _new_sheet_id(taken: set[int], chooser: random.Random) -> int:
    while True:
        candidate = chooser.randint(1, _GRID_LIMIT)
        if candidate not in taken:
            taken.add(candidate)
            return candidate


# The Protokoll's save-ID column (see casebook/storage/gsheets/audit.py).
GOOGLE_ONLY_COLUMNS = {SheetName.AUDIT.value: [SAVE_ID_HEADER]}


def _header_cells(sheet_id: int, sheet: SheetPlan) -> list[dict[str, Any]]:
    """Header texts written as literal strings, bold; one small request per cell."""
    return [
        {
            "repeatCell": {
                "range": {
                    "sheetId": sheet_id,
                    "startRowIndex": 0,
                    "endRowIndex": 1,
                    "startColumnIndex": column - 1,
                    "endColumnIndex": column,
                },
                "cell": {
                    "userEnteredValue": {"stringValue": header},
                    "userEnteredFormat": {"textFormat": {"bold": True}},
                },
                "fields": "userEnteredValue,userEnteredFormat.textFormat.bold",
            }
        }
        for column, header in sheet.added
    ]


def _frozen_bold_header(sheet_id: int, width: int) -> list[dict[str, Any]]:
    return [
        {
            "updateSheetProperties": {
                "properties": {"sheetId": sheet_id, "gridProperties": {"frozenRowCount": 1}},
                "fields": "gridProperties.frozenRowCount",
            }
        },
        {
            "repeatCell": {
                "range": {
                    "sheetId": sheet_id,
                    "startRowIndex": 0,
                    "endRowIndex": 1,
                    "startColumnIndex": 0,
                    "endColumnIndex": width,
                },
                "cell": {"userEnteredFormat": {"textFormat": {"bold": True}}},
                "fields": "userEnteredFormat.textFormat.bold",
            }
        },
    ]


def _dropdowns(sheet_id: int, sheet: SheetPlan, only_added: bool) -> list[dict[str, Any]]:
    """A list per CHOICE column below the header; not strict, so people can still type."""
    return [
        {
            "setDataValidation": {
                "range": {
                    "sheetId": sheet_id,
                    "startRowIndex": 1,
                    "startColumnIndex": column - 1,
                    "endColumnIndex": column,
                },
                "rule": {
                    "condition": {
                        "type": "ONE_OF_LIST",
                        "values": [{"userEnteredValue": option} for option in spec.options],
                    },
                    "inputMessage": spec.help or f"Bitte einen Wert aus der Liste „{spec.header}“.",
                    "strict": False,
                    "showCustomUi": True,
                },
            }
        }
        for column, spec in sheet.choice_columns(only_added)
    ]


def provision_requests(
    info: SpreadsheetInfo,
    plans: list[SheetPlan],
    chooser: random.Random,
    new_sheet_rows: int = NEW_SHEET_ROWS,
) -> list[dict[str, Any]]:
    """One spreadsheets.batchUpdate's requests; empty when the sheet is ready.

    A worksheet whose header row is frozen counts as prepared: only header cells it lacks are
    added (with their lists). Grid data (formats, rules) cannot be read cheaply, so the frozen
    row is the mark; people who unfreeze it get formats and lists set again on the next run.
    """
    taken = {s.sheet_id for s in info.sheets}
    requests: list[dict[str, Any]] = []
    for sheet in plans:
        existing = info.sheet(sheet.name)
        if existing is None:
            sheet_id = _new_sheet_id(taken, chooser)
            grid = {
                "rowCount": new_sheet_rows,
                "columnCount": max(26, len(sheet.headers)),
                "frozenRowCount": 1,
            }
            requests.append(
                {
                    "addSheet": {
                        "properties": {
                            "sheetId": sheet_id,
                            "title": sheet.name,
                            "gridProperties": grid,
                        }
                    }
                }
            )
            requests += _header_cells(sheet_id, sheet)
            requests += _dropdowns(sheet_id, sheet, only_added=False)
            continue
        sheet_id = existing.sheet_id
        if len(sheet.headers) > existing.columns:
            requests.append(
                {
                    "updateSheetProperties": {
                        "properties": {
                            "sheetId": sheet_id,
                            "gridProperties": {"columnCount": len(sheet.headers)},
                        },
                        "fields": "gridProperties.columnCount",
                    }
                }
            )
        requests += _header_cells(sheet_id, sheet)
        prepared = existing.frozen_rows >= 1
        if not prepared:
            requests += _frozen_bold_header(sheet_id, len(sheet.headers))
        requests += _dropdowns(sheet_id, sheet, only_added=prepared)
    return requests


def provision_google_sheet(
    client: gspread.Client,
    key: str,
    *,
    retry: RetryPolicy | None = None,
    chooser: random.Random | None = None,
    new_sheet_rows: int = NEW_SHEET_ROWS,
) -> list[str]:
    """Prepare the spreadsheet in at most three requests (worksheet list, header rows, one
    batchUpdate); returns German lines saying what changed. Existing data are never touched."""
    api = SheetsApi(client, key, f"gsheet:{key}", retry or RetryPolicy())
    info = api.metadata()
    present = [p.name for p in plan({}) if info.sheet(p.name) is not None]
    sizes = {s.title: s.rows for s in info.sheets}
    grids = api.read([], header_only=present, grid_rows=sizes) if present else {}
    existing = {name: (grid.values[0] if grid.values else []) for name, grid in grids.items()}
    plans = plan(existing, GOOGLE_ONLY_COLUMNS)
    requests = provision_requests(info, plans, chooser or random.Random(), new_sheet_rows)
    if not requests:
        return []
    try:
        api.batch_update(requests)
    except RequestFailed as failed:
        raise api.fail(failed) from failed
    lines = describe(plans)
    formatted = [
        p.name for p in plans if not p.is_new and (s := info.sheet(p.name)) and not s.frozen_rows
    ]
    if formatted:
        names = ", ".join(f"„{n}“" for n in formatted)
        lines.append(f"Kopfzeile fixiert und fett, Auswahllisten gesetzt: {names}.")
    return lines
