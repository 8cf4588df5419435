"""Pytest fixtures for tests that talk to the local Google Sheets API stand-in."""

from __future__ import annotations

from collections.abc import Iterator

import gspread
import pytest

from tests.support.sheets_api import SheetsApiServer, make_gspread_client

__all__ = ["gspread_client", "make_gspread_client", "sheets_api"]


@pytest.fixture
def sheets_api() -> Iterator[SheetsApiServer]:
    """A running stand-in with empty state; a request it does not model fails the test."""
    server = SheetsApiServer().start()
    try:
        yield server
        if server.unexpected_requests:
            listed = "\n".join(
                f"  {r.method} {r.path} {r.query}" for r in server.unexpected_requests
            )
            pytest.fail(f"Requests the Sheets stand-in does not model (HTTP 501):\n{listed}")
    finally:
        server.stop()


@pytest.fixture
def gspread_client(sheets_api: SheetsApiServer) -> gspread.Client:
    """A real gspread client whose HTTP traffic goes to the stand-in."""
    return make_gspread_client(sheets_api)
