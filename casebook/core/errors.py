"""What can go wrong in a use case, as data; the UI turns these into German messages."""

from __future__ import annotations

from dataclasses import dataclass

from casebook.storage.cells import CellValue
from sheets_schema import Problem


class CasebookError(Exception):
    """Base of the use-case errors."""


@dataclass(frozen=True)
class FieldChange:
    """A column whose value differs between the version a user started from and the sheet now."""

    column: str
    before: CellValue
    now: CellValue


class RecordConflict(CasebookError):
    """Someone changed the row since the user loaded it; nothing was written."""

    def __init__(self, sheet: str, record_id: str, changes: list[FieldChange]) -> None:
        super().__init__(sheet, record_id, changes)
        self.sheet = sheet
        self.record_id = record_id
        self.changes = changes


class RecordNotFound(CasebookError):
    """No row with this ID (any more): deleted or its ID changed."""

    def __init__(self, sheet: str, record_id: str) -> None:
        super().__init__(sheet, record_id)
        self.sheet = sheet
        self.record_id = record_id


class DuplicateRecord(CasebookError):
    """The ID stands in several rows, so the app cannot tell which one to change."""

    def __init__(self, sheet: str, record_id: str, row_numbers: list[int]) -> None:
        super().__init__(sheet, record_id, row_numbers)
        self.sheet = sheet
        self.record_id = record_id
        self.row_numbers = row_numbers


class InvalidRecord(CasebookError):
    """The input breaks rules with severity error; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


class AccessDenied(CasebookError):
    """The acting user may not do this for this town."""

    def __init__(self, user: str, action: str, town: str, logged: bool = False) -> None:
        super().__init__(user, action, town)
        self.user = user
        self.action = action
        self.town = town
        self.logged = logged  # whether the refusal made it into the town's Protokoll
