"""Which rows of a town's spreadsheet belong to one case: exact Fall-IDs, never a prefix."""

from __future__ import annotations

import re

from casebook.core.errors import CasebookError
from casebook.storage.base import SheetRow, Snapshot
from sheets_schema import CHILD_SHEETS, SHEETS, AuditEntry, Case, SheetName, header_of

SHEETS_OF_A_CASE = (SheetName.CASES, *CHILD_SHEETS, SheetName.AUDIT)

# ASCII digits only and the whole text: "KIM-XAN-2023" or "KIM-XAN-2026-0007\n" are not Fall-IDs.
_CASE_ID = re.compile(r"KIM-(?:XAN|DIN|MOE|WES|KLF)-[0-9]{4}-[0-9]{4,}")
_CHILD_LETTERS = "".join(SHEETS[sheet].id_letter or "" for sheet in CHILD_SHEETS)


class MalformedCaseId(CasebookError):
    """The text is not a Fall-ID of the form KIM-XAN-2026-0007; nothing was deleted or exported."""

    def __init__(self, case_id: str) -> None:
        super().__init__(case_id)
        self.case_id = case_id


def is_case_id(text: str) -> bool:
    """Whether `text` is a well-formed Fall-ID (KIM-XAN-2026-0007), nothing before or after."""
    return _CASE_ID.fullmatch(text) is not None


def require_case_id(text: str) -> str:
    """The trimmed Fall-ID, or MalformedCaseId: deletion and export never act on a half ID."""
    case_id = text.strip()
    if not is_case_id(case_id):
        raise MalformedCaseId(case_id)
    return case_id


def belongs_to_case(record_id: object, case_id: str) -> bool:
    """Whether a record ID is the case's own (exactly) or one of its children's (Fall-ID-K03)."""
    if not isinstance(record_id, str) or not case_id:
        return False
    text = record_id.strip()
    if text == case_id:
        return True
    child = re.fullmatch(rf"{re.escape(case_id)}-[{_CHILD_LETTERS}][0-9]+", text)
    return child is not None


def _parent_of(row: SheetRow, parent: str, own: str, case_id: str) -> bool:
    value = row.get(parent)
    if value is None or (isinstance(value, str) and not value.strip()):
        return belongs_to_case(row.get(own), case_id)
    return isinstance(value, str) and value.strip() == case_id


def rows_of_case(snapshot: Snapshot, case_id: str) -> dict[SheetName, list[SheetRow]]:
    """Per sheet, the rows about the case: its Fälle row, its children, its Protokoll entries.

    A child row counts by its Fall-ID; only when that cell is empty does its own ID decide (a
    contact moved to another case by hand keeps its old ID and must not go with this case). A
    Protokoll entry counts when its Datensatz-ID is the case's or a child's. All exact.
    """
    found: dict[SheetName, list[SheetRow]] = {}
    cases = snapshot.table(SheetName.CASES)
    found[SheetName.CASES] = cases.rows_with(header_of(Case, "case_id"), case_id)
    for sheet in CHILD_SHEETS:
        spec = SHEETS[sheet]
        assert spec.id_field is not None and spec.parent_field is not None
        own, parent = header_of(spec.model, spec.id_field), header_of(spec.model, spec.parent_field)
        found[sheet] = [
            row for row in snapshot.table(sheet).rows if _parent_of(row, parent, own, case_id)
        ]
    record = header_of(AuditEntry, "record_id")
    found[SheetName.AUDIT] = [
        row
        for row in snapshot.table(SheetName.AUDIT).rows
        if belongs_to_case(row.get(record), case_id)
    ]
    return found
