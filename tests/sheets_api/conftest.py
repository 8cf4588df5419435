"""Fixtures for the Sheets stand-in's own tests."""

import sys
from pathlib import Path

# The suite has no rootdir pythonpath setting yet; make `tests.support` importable.
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from tests.support.sheets_fixtures import gspread_client, sheets_api  # noqa: E402

__all__ = ["gspread_client", "sheets_api"]
