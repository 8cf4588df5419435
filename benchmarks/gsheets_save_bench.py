"""Requests and bytes per save of one case on a Google Sheet with many cases (local stand-in).

    .venv/bin/python benchmarks/gsheets_save_bench.py --cases 1000 10000 [--moved|--contact|--create]

Counts what gspread really sends and receives (request bodies and response bodies) while
`save_record` changes one case (or `add_child` adds a contact, or `create_case` adds a case),
against the local Sheets API stand-in; Google is not contacted. Each case has two contacts and
the Protokoll three entries per case (its own and its contacts' „angelegt“), so that reading a
child sheet or the Protokoll whole shows in the bytes.
The seconds are mostly the stand-in's own work on a big sheet, not the app's or Google's; `cpu`
is this process's CPU time (gspread and the app, plus the stand-in's threads), `app_cpu` that of
the calling thread alone (gspread and the app).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from casebook.cases.services import add_child, create_case, load_town, save_record
from casebook.core.sources import TownSource
from casebook.storage.gsheets.provision import GOOGLE_ONLY_COLUMNS
from casebook.storage.gsheets.store import GoogleSheetStore
from sheets_schema import SHEETS, SheetName, headers
from sheets_schema.enums import Town
from tests.support.builders import TODAY, case_manager, make_case, make_contact
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


CONTACTS_PER_CASE = 2


def _rows(name: SheetName, cases: int) -> list[dict[str, Any]]:
    """The records of one worksheet of a town with `cases` cases."""
    case_ids = [f"KIM-XAN-2026-{n:04d}" for n in range(1, cases + 1)]
    contacts = [
        make_contact(case_id, k) for case_id in case_ids for k in range(1, CONTACTS_PER_CASE + 1)
    ]
    if name is SheetName.CASES:
        return [make_case(number) for number in range(1, cases + 1)]
    if name is SheetName.CONTACTS:
        return contacts
    if name is SheetName.AUDIT:
        created = [("Fälle", c) for c in case_ids] + [
            ("Kontakte", c["Kontakt-ID"]) for c in contacts
        ]
        return [
            {
                "Zeitpunkt": "20.10.2026 09:00",
                "Benutzer": "Frau Test",
                "Aktion": "angelegt",
                "Blatt": sheet,
                "Datensatz-ID": record_id,
                "Vorgang": f"{index:012x}",
            }
            for index, (sheet, record_id) in enumerate(created)
        ]
    return []


def town_sheet(server: SheetsApiServer, cases: int) -> str:
    """Xanten's sheet with `cases` cases, typed in as a person would (dates become dates)."""
    specs = []
    for name in SheetName:
        # As `python -m casebook provision` prepares it (with the Protokoll's Vorgang column).
        columns = [*headers(SHEETS[name].model), *GOOGLE_ONLY_COLUMNS.get(name.value, [])]
        values: list[list[Any]] = [list(columns)]
        for record in _rows(name, cases):
            values.append([_typed(record.get(header)) for header in columns])
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


def measure(
    cases: int, moved: bool = False, contact: bool = False, create: bool = False
) -> dict[str, float]:
    with SheetsApiServer() as server:
        key = town_sheet(server, cases)
        client = make_gspread_client(server)
        counter = CountingAdapter(server.base_url)
        for prefix in GOOGLE_PREFIXES:
            client.http_client.session.mount(prefix, counter)
        # The stand-in is slow on big sheets (it scans every cell per range): no timeouts here.
        store = GoogleSheetStore(client, key, timeout=600)
        source = TownSource(town=Town.XANTEN, store=store)
        actor = case_manager(name="Frau Test")
        data = load_town(source, actor, TODAY)
        base = data.case(f"KIM-XAN-2026-{cases // 2:04d}")
        assert base is not None
        if moved:
            move_row_down(server, key, base.row_number)
        # The stand-in's million cells would make every cycle collection (in whichever thread
        # triggers it) walk them: park them, so `app_cpu` is the app's and gspread's work.
        gc.collect()
        gc.freeze()
        counter.reset()
        started, cpu, app_cpu = time.perf_counter(), time.process_time(), time.thread_time()
        now = datetime(2026, 11, 20, 10, 30)
        if create:
            result = create_case(source, actor, {"Nachname": "Neu"}, TODAY, now)
            assert result.record_id == f"KIM-XAN-2026-{cases + 1:04d}", result.record_id
        elif contact:
            form = {"Datum": "19.11.2026", "Art": "telefonisch", "Dauer (Min)": "20"}
            case_id = str(base.record_id)
            row = base.row_number
            result = add_child(
                source, actor, SheetName.CONTACTS, case_id, form, TODAY, now, case_row=row
            )
            assert result.record_id == f"{case_id}-K{CONTACTS_PER_CASE + 1:02d}", result.record_id
        else:
            form = {"Telefon": "0151 7654321"}
            save_record(source, actor, base, form, TODAY, data.case_ids(), now)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        app_cpu = time.thread_time() - app_cpu
        gc.unfreeze()
        return {
            "requests": counter.requests,
            "sent_bytes": counter.sent,
            "received_bytes": counter.received,
            "seconds": round(seconds, 3),
            "cpu": round(cpu, 3),
            "app_cpu": round(app_cpu, 3),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, nargs="*", default=[10_000])
    parser.add_argument("--moved", action="store_true", help="the row moved after the load")
    parser.add_argument("--contact", action="store_true", help="add a contact instead")
    parser.add_argument("--create", action="store_true", help="create a case instead")
    args = parser.parse_args()
    what = (
        "new case"
        if args.create
        else "new contact"
        if args.contact
        else "moved"
        if args.moved
        else "in place"
    )
    for cases in args.cases:
        print(cases, what, measure(cases, args.moved, args.contact, args.create))


if __name__ == "__main__":
    main()
