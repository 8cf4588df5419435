"""Slips that people make when they type into the sheet by hand, planted into a few demo cases."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from enum import StrEnum

from casebook.storage.cells import CellValue
from sheets_schema import Case, ProblemCode, header_of
from sheets_schema.enums import CaseStatus

FLAW_SHARE = 0.02  # of the cases in a town


class Flaw(StrEnum):
    SHORT_YEAR = "short_year"  # 31.12.24 typed as text: read leniently, no problem
    IMPOSSIBLE_DATE = "impossible_date"  # 31.02.2024
    ODD_CASE = "odd_case"  # " aktiv": read leniently, no problem
    UNKNOWN_VALUE = "unknown_value"  # a value the list does not have
    SHORT_POSTCODE = "short_postcode"  # a digit missing
    CLOSING_WITHOUT_STATUS = "closing_without_status"  # Abschluss typed, status not changed
    OVERDUE_FOLLOW_UP = "overdue_follow_up"  # only a warning


# The error-level problem code the app must report for each flaw (None: no error).
FLAW_CODES: dict[Flaw, ProblemCode | None] = {
    Flaw.SHORT_YEAR: None,
    Flaw.IMPOSSIBLE_DATE: ProblemCode.DATE_NOT_EXISTING,
    Flaw.ODD_CASE: None,
    Flaw.UNKNOWN_VALUE: ProblemCode.LIST_VALUE,
    Flaw.SHORT_POSTCODE: ProblemCode.POSTCODE,
    Flaw.CLOSING_WITHOUT_STATUS: ProblemCode.CLOSING_DATE_NEEDS_STATUS,
    Flaw.OVERDUE_FOLLOW_UP: None,
}

# Values people type that are not in the lists (old names, too precise, a provider's name).
_UNKNOWN_VALUES: tuple[tuple[str, str], ...] = (
    ("benefits", "ALG II"),
    ("german_level", "B1.1"),
    ("housing", "Notunterkunft"),
    ("access_route", "Caritas"),
    ("phase", "Beratung"),
)
_IMPOSSIBLE_DAYS = ("31.02.", "30.02.", "31.04.", "31.06.", "31.09.", "31.11.")

Row = dict[str, CellValue]


def _needs_open_case(flaw: Flaw) -> bool:
    return flaw in (Flaw.CLOSING_WITHOUT_STATUS, Flaw.OVERDUE_FOLLOW_UP)


def plan_flaws(rng: random.Random, statuses: Sequence[CaseStatus]) -> dict[int, Flaw]:
    """Which case (by index) gets which slip: about 2 %, at least one, every kind in turn."""
    if not statuses:
        return {}
    count = max(1, round(len(statuses) * FLAW_SHARE))
    kinds = list(Flaw)
    rng.shuffle(kinds)
    candidates = list(range(len(statuses)))
    rng.shuffle(candidates)
    plan: dict[int, Flaw] = {}
    for slot in range(count):
        flaw = kinds[slot % len(kinds)]
        for index in candidates:
            is_open = statuses[index] is not CaseStatus.ABGESCHLOSSEN
            if index not in plan and (is_open or not _needs_open_case(flaw)):
                plan[index] = flaw
                break
    return plan


def _as_date(value: CellValue) -> date | None:
    return value if isinstance(value, date) else None


def _short_year(row: Row, rng: random.Random, today: date) -> None:
    for name in ("admission", "first_contact"):
        day = _as_date(row.get(header_of(Case, name)))
        if day is not None:
            row[header_of(Case, name)] = day.strftime("%d.%m.%y")
            return


def _impossible_date(row: Row, rng: random.Random, today: date) -> None:
    header = header_of(Case, rng.choice(("birth_date", "entry_date")))
    day = _as_date(row.get(header)) or today
    row[header] = f"{rng.choice(_IMPOSSIBLE_DAYS)}{day.year}"


def _odd_case(row: Row, rng: random.Random, today: date) -> None:
    header = header_of(Case, "status")
    row[header] = f" {str(row[header]).lower()}"


def _unknown_value(row: Row, rng: random.Random, today: date) -> None:
    name, value = rng.choice(_UNKNOWN_VALUES)
    row[header_of(Case, name)] = value


def _short_postcode(row: Row, rng: random.Random, today: date) -> None:
    header = header_of(Case, "postcode")
    postcode = str(row[header])
    position = rng.randrange(1, len(postcode))
    row[header] = postcode[:position] + postcode[position + 1 :]


def _closing_without_status(row: Row, rng: random.Random, today: date) -> None:
    start = _as_date(row.get(header_of(Case, "admission"))) or _as_date(
        row.get(header_of(Case, "first_contact"))
    )
    start = start or today
    row[header_of(Case, "closing")] = start + timedelta(days=rng.randint(0, (today - start).days))


def _overdue_follow_up(row: Row, rng: random.Random, today: date) -> None:
    row[header_of(Case, "follow_up")] = today - timedelta(days=rng.randint(14, 120))


_APPLY: dict[Flaw, Callable[[Row, random.Random, date], None]] = {
    Flaw.SHORT_YEAR: _short_year,
    Flaw.IMPOSSIBLE_DATE: _impossible_date,
    Flaw.ODD_CASE: _odd_case,
    Flaw.UNKNOWN_VALUE: _unknown_value,
    Flaw.SHORT_POSTCODE: _short_postcode,
    Flaw.CLOSING_WITHOUT_STATUS: _closing_without_status,
    Flaw.OVERDUE_FOLLOW_UP: _overdue_follow_up,
}


def apply_flaw(flaw: Flaw, row: Row, rng: random.Random, today: date) -> None:
    """Change one cell of a case row the way a hurried person would."""
    _APPLY[flaw](row, rng, today)
