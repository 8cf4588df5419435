"""The smallest unit a backend writes: one value into one cell of one worksheet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

# What a backend reads from or writes into a cell. Text is always stored as text:
# a value starting with "=" is never turned into a formula.
CellValue = str | int | float | bool | date | datetime | None


@dataclass(frozen=True)
class CellEdit:
    """Set one cell; ``row`` and ``column`` are 1-based like in the spreadsheet (A1 = 1, 1)."""

    sheet: str
    row: int
    column: int
    value: CellValue
