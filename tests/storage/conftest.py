"""The `backend` fixture: every contract test runs once per storage backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.storage.harness import BackendHarness, GoogleSheetsHarness, XlsxHarness

BACKENDS = ["xlsx", "gsheets"]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> BackendHarness:
    if request.param == "xlsx":
        return XlsxHarness(tmp_path)
    if request.param == "gsheets":
        return GoogleSheetsHarness(request.getfixturevalue("sheets_api"))
    raise AssertionError(f"unknown backend {request.param}")
