"""The worksheets of a town's spreadsheet: name, model, ID column and how new IDs look."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel

from sheets_schema.enums import Town
from sheets_schema.models import AuditEntry, Case, Contact, Goal, Referral


class SheetName(StrEnum):
    CASES = "Fälle"
    CONTACTS = "Kontakte"
    GOALS = "Ziele"
    REFERRALS = "Vermittlungen"
    AUDIT = "Protokoll"


@dataclass(frozen=True)
class SheetSpec:
    """A worksheet; child sheets point to a case through `parent_field`."""

    name: SheetName
    model: type[BaseModel]
    id_field: str | None
    parent_field: str | None = None
    id_letter: str | None = None  # KIM-XAN-2026-0007-K03 for the third contact of a case
    label_singular: str = ""
    label_plural: str = ""
    variants: tuple[str, ...] = ()  # names towns give this worksheet ("Klienten" for "Fälle")


SHEETS: dict[SheetName, SheetSpec] = {
    SheetName.CASES: SheetSpec(
        SheetName.CASES,
        Case,
        "case_id",
        None,
        None,
        "Fall",
        "Fälle",
        variants=("Fall", "Fallliste", "Klienten", "Klient:innen", "Klientinnen", "Übersicht"),
    ),
    SheetName.CONTACTS: SheetSpec(
        SheetName.CONTACTS,
        Contact,
        "contact_id",
        "case_id",
        "K",
        "Kontakt",
        "Kontakte",
        variants=("Kontakt", "Kontaktliste", "Termine", "Beratungen", "Gespräche"),
    ),
    SheetName.GOALS: SheetSpec(
        SheetName.GOALS,
        Goal,
        "goal_id",
        "case_id",
        "Z",
        "Ziel",
        "Ziele",
        variants=("Hilfeplan", "Hilfeplanung", "Zielvereinbarungen"),
    ),
    SheetName.REFERRALS: SheetSpec(
        SheetName.REFERRALS,
        Referral,
        "referral_id",
        "case_id",
        "V",
        "Vermittlung",
        "Vermittlungen",
        variants=("Vermittlung", "Weitervermittlungen", "Verweisungen"),
    ),
    SheetName.AUDIT: SheetSpec(
        SheetName.AUDIT,
        AuditEntry,
        None,
        None,
        None,
        "Eintrag",
        "Protokoll",
        variants=("Änderungsprotokoll", "Änderungen"),
    ),
}

CHILD_SHEETS = (SheetName.CONTACTS, SheetName.GOALS, SheetName.REFERRALS)

CASE_ID_PATTERN = re.compile(r"^KIM-(XAN|DIN|MOE|WES|KLF)-(\d{4})-(\d{4,})$")


def case_id_prefix(town: Town, year: int) -> str:
    return f"KIM-{town.code}-{year}-"


def format_case_id(town: Town, year: int, number: int) -> str:
    return f"{case_id_prefix(town, year)}{number:04d}"


def child_id_prefix(sheet: SheetName, case_id: str) -> str:
    letter = SHEETS[sheet].id_letter
    if letter is None:
        raise ValueError(f"{sheet} has no child IDs")
    return f"{case_id}-{letter}"


def format_child_id(sheet: SheetName, case_id: str, number: int) -> str:
    return f"{child_id_prefix(sheet, case_id)}{number:02d}"


def next_number(existing_ids: object, prefix: str) -> int:
    """1 + the highest number behind `prefix` among `existing_ids`; IDs are never reused."""
    highest = 0
    for value in existing_ids:  # type: ignore[attr-defined]
        if isinstance(value, str) and value.startswith(prefix):
            tail = value[len(prefix) :]
            # isdecimal, not isdigit: int() refuses digits like "²" that isdigit accepts.
            if tail.isdecimal():
                highest = max(highest, int(tail))
    return highest + 1


# A Google Sheet's Protokoll has one more column: the ID of the save that wrote the entry (all
# entries of one save share it). A retry after a lost answer looks for it before it appends again,
# and entries the app could not write at once are recognised when they are written later.
SAVE_ID_HEADER = "Vorgang"
