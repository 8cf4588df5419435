"""Cells between the app and the Sheets API: values to send (RAW) and tables from the text read."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from casebook.storage.cells import CellValue
from casebook.storage.gsheets.dates import Serial

ApiValue = str | int | float


def to_api_value(value: CellValue) -> ApiValue:
    """What a cell is sent as with valueInputOption RAW, so it stays exactly that.

    Dates go as the German text people type, not as serial numbers: the sheet shows them as
    written and the lenient reader parses them back. Empty means "" (clears the cell).
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, int | float):
        return value
    return str(value)


def _number(text: str) -> float | None:
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    # The sheet's locale decides the separators; German sheets show 1.234,5.
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


def shows(text: str | None, sent: ApiValue) -> bool:
    """Whether a cell read as formatted text shows the value we sent."""
    if sent == "":
        return text is None or text == ""
    if text is None:
        return False
    if isinstance(sent, str):
        return text == sent
    if isinstance(sent, Serial):
        return sent.shown_in(text)
    return _number(text) == float(sent)


def cell_at(values: Sequence[Sequence[str]], row: int, column: int) -> str | None:
    """A cell of a values grid (1-based); None when empty or beyond the trimmed answer."""
    if row - 1 < len(values) and column - 1 < len(values[row - 1]):
        text = values[row - 1][column - 1]
        return text if text != "" else None
    return None
