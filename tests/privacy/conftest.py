"""Two towns' workbooks and the people who act on them, for the data-protection tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from casebook.core.actors import Actor, Role
from casebook.core.sources import TownSource
from sheets_schema.enums import Town
from tests.support.builders import (
    case_manager,
    make_case,
    make_contact,
    make_goal,
    make_referral,
    town_workbook,
    workbook_source,
)

CLOSED = {"status": "Abgeschlossen", "phase": "Abschluss", "closing_reason": "Ziele erreicht"}


@dataclass(frozen=True)
class Towns:
    xanten: TownSource
    moers: TownSource
    moers_path: Path
    xanten_path: Path


def sheet_rows(path: Path, sheet: str) -> list[dict[str, object]]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    header = [str(h) for h in rows[0]]
    return [dict(zip(header, row, strict=False)) for row in rows[1:] if any(row)]


def moers_cases() -> list[dict[str, object]]:
    return [
        make_case(1, Town.MOERS, last_name="Petrenko", first_name="Oksana", postcode="47441"),
        make_case(
            2, Town.MOERS, last_name="Zyxwvutsson", first_name="Qorbanali",
            phone="0157 98765432", birth_date=date(1977, 7, 13), street="Geheimweg 99",
            postcode="47443", closing=date(2021, 3, 15), first_contact=date(2020, 1, 5),
            admission=date(2020, 1, 12), consent_given=date(2020, 1, 12), **CLOSED,
        ),
        make_case(3, Town.MOERS, last_name="Adeyemi", postcode="47445"),
    ]  # fmt: skip


@pytest.fixture
def towns(tmp_path: Path) -> Towns:
    moers = town_workbook(
        tmp_path / "moers.xlsx",
        moers_cases(),  # type: ignore[arg-type]
        [
            make_contact("KIM-MOE-2026-0002", note="Rückruf Qorbanali"),
            make_contact("KIM-MOE-2026-0001"),
        ],
        [make_goal("KIM-MOE-2026-0002", goal="Wohnung für Familie Zyxwvutsson")],
        [make_referral("KIM-MOE-2026-0002")],
    )
    xanten = town_workbook(tmp_path / "xanten.xlsx", [make_case(1), make_case(2)])
    return Towns(workbook_source(xanten), workbook_source(moers, Town.MOERS), moers, xanten)


@pytest.fixture
def xanten_manager() -> Actor:
    return case_manager(Town.XANTEN, name="Xanten Fallmanagerin")


@pytest.fixture
def moers_manager() -> Actor:
    return case_manager(Town.MOERS, name="Moers Fallmanager")


@pytest.fixture
def coordinator() -> Actor:
    return Actor("Kreis Koordination", Role.COORDINATION, frozenset(Town))


@pytest.fixture
def administrator() -> Actor:
    return Actor("Kreis Administration", Role.ADMINISTRATION, frozenset(Town))
