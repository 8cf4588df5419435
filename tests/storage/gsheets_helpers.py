"""Shared pieces of the Google Sheets store tests: a town's sheet on the stand-in, request kinds."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import gspread

from casebook.core.sources import TownSource
from casebook.storage.cells import CellValue
from casebook.storage.gsheets.retry import RetryPolicy
from casebook.storage.gsheets.store import GoogleSheetStore
from sheets_schema.enums import Town
from tests.storage.harness import GoogleSheetsHarness
from tests.support.builders import make_case, make_contact
from tests.support.sheets_api import RecordedRequest, SheetsApiServer, make_gspread_client

QUICK = RetryPolicy(budget_seconds=1.0, first_wait=0.01, max_wait=0.05)


def town_sheet(
    server: SheetsApiServer,
    cases: Sequence[Mapping[str, CellValue]] | None = None,
    contacts: Sequence[Mapping[str, CellValue]] | None = None,
) -> str:
    """Xanten's Google Sheet with three cases and one contact (unless told); returns its key."""
    harness = GoogleSheetsHarness(server)
    harness.create(
        cases if cases is not None else [make_case(1), make_case(2), make_case(3)],
        contacts if contacts is not None else [make_contact("KIM-XAN-2026-0001")],
    )
    return harness.key


def google_store(
    server: SheetsApiServer,
    key: str,
    client: gspread.Client | None = None,
    **options: Any,
) -> GoogleSheetStore:
    options.setdefault("retry", QUICK)
    return GoogleSheetStore(client or make_gspread_client(server), key, **options)


def google_source(store: GoogleSheetStore) -> TownSource:
    return TownSource(town=Town.XANTEN, store=store)


def kind(request: RecordedRequest) -> str:
    """The Sheets API method a logged request called."""
    path = request.path
    if path.endswith("/values:batchGet"):
        return "batchGet"
    if path.endswith("/values:batchUpdate"):
        return "batchUpdate"
    if path.endswith(":append"):
        return "append"
    if path.endswith(":batchUpdate"):
        return "spreadsheets.batchUpdate"
    if request.method == "GET" and "/values/" not in path:
        return "metadata"
    return f"{request.method} {path}"


def kinds(server: SheetsApiServer) -> list[str]:
    return [kind(r) for r in server.requests]
