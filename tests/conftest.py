"""Fixtures shared by all test folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.builders import make_case, make_contact, town_workbook

pytest_plugins = ["tests.support.sheets_fixtures"]


@pytest.fixture
def small_workbook(tmp_path: Path) -> Path:
    """A Xanten workbook with three cases and a contact of the first."""
    cases = [make_case(1), make_case(2, last_name="Müller", first_name="Jürgen"), make_case(3)]
    return town_workbook(tmp_path / "xanten.xlsx", cases, [make_contact("KIM-XAN-2026-0001")])


@pytest.fixture(autouse=True)
def statistics_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    """Record keys from a fixed secret, so that no test writes a secret file into data/."""
    monkeypatch.setenv("KIM_STATS_SECRET", "the statistics secret of the test suite")
