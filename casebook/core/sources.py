"""A town and the spreadsheet that holds its cases: what every use case is given to work on."""

from __future__ import annotations

from dataclasses import dataclass

from casebook.storage.base import Store
from sheets_schema.enums import Town


@dataclass(frozen=True)
class TownSource:
    """A town and the spreadsheet that holds its cases."""

    town: Town
    store: Store
