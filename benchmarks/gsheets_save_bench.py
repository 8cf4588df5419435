"""Requests and bytes per save of one case on a Google Sheet with many cases (local stand-in).

    .venv/bin/python benchmarks/gsheets_save_bench.py --cases 10000

Counts what gspread really sends and receives (request bodies and response bodies) while
`save_record` changes one case (or `add_child` adds a contact), against the local Sheets API
stand-in; Google is not contacted.
The seconds are mostly the stand-in's own work on a big sheet, not the app's or Google's.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from casebook.cases.services import add_child, load_town, save_record
from casebook.core.sources import TownSource
from casebook.storage.gsheets.provision import GOOGLE_ONLY_COLUMNS
from casebook.storage.gsheets.store import GoogleSheetStore
from sheets_schema import SHEETS, SheetName, headers
from sheets_schema.enums import Town
from tests.support.builders import TODAY, case_manager, make_case
from tests.support.sheets_api import (
    LocalRedirectAdapter,
    SheetsApiServer,
    make_gspread_client,
)
from tests.support.sheets_api.server import SheetSpec
from tests.support.sheets_api.transport import GOOGLE_PREFIXES


class CountingAdapter(LocalRedirectAdapter):
    """Counts requests and the bytes of their bodies and answers."""

    def __init__(self, base_url: str) -> None:
        super().__init__(base_url)
        self.requests = 0
        self.sent = 0
        self.received = 0

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        response = super().send(request, *args, **kwargs)
        self.requests += 1
        body = request.body or b""
        self.sent += len(body.encode() if isinstance(body, str) else bytes(body))  # type: ignore[arg-type]
        self.received += len(response.content)
        return response

    def reset(self) -> None:
        self.requests = self.sent = self.received = 0


def town_sheet(server: SheetsApiServer, cases: int) -> str:
    """Xanten's sheet with `cases` cases, typed in as a person would (dates become dates)."""
    specs = []
    for name in SheetName:
        # As `python -m casebook provision` prepares it (with the Protokoll's Vorgang column).
        columns = [*headers(SHEETS[name].model), *GOOGLE_ONLY_COLUMNS.get(name.value, [])]
        values: list[list[Any]] = [list(columns)]
        if name is SheetName.CASES:
            for number in range(1, cases + 1):
                case = make_case(number)
                values.append([_typed(case.get(header)) for header in columns])
        specs.append(
            SheetSpec(name.value, values, rows=len(values) + 100, cols=max(26, len(columns)))
        )
    return server.create_spreadsheet(specs, title="KIM Xanten")


def _typed(value: Any) -> Any:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return value


def move_row_down(server: SheetsApiServer, key: str, row: int) -> None:
    """Swap a row with the next one, like a person sorting the sheet after the app read it."""
    grid = server.read_grid(key, "Fälle")
    upper, lower = grid[row - 1], grid[row]
    server.edit_cells(key, f"'Fälle'!A{row}", [lower], "RAW")
    server.edit_cells(key, f"'Fälle'!A{row + 1}", [upper], "RAW")


def measure(cases: int, moved: bool = False, contact: bool = False) -> dict[str, float]:
    with SheetsApiServer() as server:
        key = town_sheet(server, cases)
        client = make_gspread_client(server)
        counter = CountingAdapter(server.base_url)
        for prefix in GOOGLE_PREFIXES:
            client.http_client.session.mount(prefix, counter)
        source = TownSource(town=Town.XANTEN, store=GoogleSheetStore(client, key))
        actor = case_manager(name="Frau Test")
        data = load_town(source, actor, TODAY)
        base = data.case(f"KIM-XAN-2026-{cases // 2:04d}")
        assert base is not None
        if moved:
            move_row_down(server, key, base.row_number)
        counter.reset()
        started = time.perf_counter()
        now = datetime(2026, 11, 20, 10, 30)
        if contact:
            form = {"Datum": "19.11.2026", "Art": "telefonisch", "Dauer (Min)": "20"}
            case_id = str(base.record_id)
            row = base.row_number
            add_child(source, actor, SheetName.CONTACTS, case_id, form, TODAY, now, case_row=row)
        else:
            form = {"Telefon": "0151 7654321"}
            save_record(source, actor, base, form, TODAY, data.case_ids(), now)
        seconds = time.perf_counter() - started
        return {
            "requests": counter.requests,
            "sent_bytes": counter.sent,
            "received_bytes": counter.received,
            "seconds": round(seconds, 3),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, nargs="*", default=[10_000])
    parser.add_argument("--moved", action="store_true", help="the row moved after the load")
    parser.add_argument("--contact", action="store_true", help="add a contact instead")
    args = parser.parse_args()
    what = "new contact" if args.contact else "moved" if args.moved else "in place"
    for cases in args.cases:
        print(cases, what, measure(cases, args.moved, args.contact))


if __name__ == "__main__":
    main()
