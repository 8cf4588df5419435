"""Tiny builders for test data: valid rows by German header, with overrides by field name."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from casebook.core.actors import Actor, Role
from casebook.core.sources import TownSource
from casebook.storage.cells import CellValue
from casebook.storage.xlsx.layout import create_workbook
from casebook.storage.xlsx.store import WorkbookStore
from sheets_schema import SHEETS, Case, Contact, Goal, Referral, SheetName, header_of
from sheets_schema.enums import Town

TODAY = date(2026, 11, 20)


def _cells(
    model: type, defaults: Mapping[str, Any], overrides: Mapping[str, Any]
) -> dict[str, CellValue]:
    values = {**defaults, **overrides}
    return {header_of(model, name): value for name, value in values.items() if value is not None}


def make_case(number: int = 1, town: Town = Town.XANTEN, **overrides: Any) -> dict[str, CellValue]:
    """A valid, active case of `town` (cells by German header); override any field by its name."""
    defaults = {
        "case_id": f"KIM-{town.code}-2026-{number:04d}",
        "town": town.value,
        "case_manager": "Anna Beispiel",
        "status": "Aktiv",
        "phase": "Durchführung",
        "first_contact": date(2026, 1, 5),
        "admission": date(2026, 1, 12),
        "last_name": f"Muster{number}",
        "first_name": "Olena",
        "birth_date": date(1990, 4, 1),
        "postcode": "46509",
        "phone": "0170 1234567",
        "household_size": 3,
        "children_under_18": 1,
        "consent_given": date(2026, 1, 12),
        "fields_of_action": "Sprache; Wohnen",
    }
    return _cells(Case, defaults, overrides)


def make_contact(case_id: str, number: int = 1, **overrides: Any) -> dict[str, CellValue]:
    defaults = {
        "contact_id": f"{case_id}-K{number:02d}",
        "case_id": case_id,
        "date": date(2026, 2, number),
        "kind": "persönlich",
        "duration_minutes": 45,
    }
    return _cells(Contact, defaults, overrides)


def make_goal(case_id: str, number: int = 1, **overrides: Any) -> dict[str, CellValue]:
    defaults = {
        "goal_id": f"{case_id}-Z{number:02d}",
        "case_id": case_id,
        "goal": "Integrationskurs beginnen",
        "status": "in Arbeit",
        "agreed_on": date(2026, 10, 1),
    }
    return _cells(Goal, defaults, overrides)


def make_referral(case_id: str, number: int = 1, **overrides: Any) -> dict[str, CellValue]:
    defaults = {
        "referral_id": f"{case_id}-V{number:02d}",
        "case_id": case_id,
        "date": date(2026, 3, 1),
        "partner": "Jobcenter",
        "result": "angenommen",
    }
    return _cells(Referral, defaults, overrides)


def town_workbook(
    path: Path,
    cases: Sequence[Mapping[str, CellValue]] = (),
    contacts: Sequence[Mapping[str, CellValue]] = (),
    goals: Sequence[Mapping[str, CellValue]] = (),
    referrals: Sequence[Mapping[str, CellValue]] = (),
) -> Path:
    """A real workbook file in the app's layout holding the given rows."""
    create_workbook(
        path,
        {
            SheetName.CASES: list(cases),
            SheetName.CONTACTS: list(contacts),
            SheetName.GOALS: list(goals),
            SheetName.REFERRALS: list(referrals),
        },
    )
    return path


def case_manager(*towns: Town, name: str = "Test Fallmanagerin") -> Actor:
    return Actor(name=name, role=Role.CASE_MANAGEMENT, towns=frozenset(towns or (Town.XANTEN,)))


def workbook_source(path: Path, town: Town = Town.XANTEN) -> TownSource:
    return TownSource(town=town, store=WorkbookStore(path))


def id_header(sheet: SheetName) -> str:
    spec = SHEETS[sheet]
    assert spec.id_field is not None
    return header_of(spec.model, spec.id_field)
