"""A hand-made Xanten and Moers whose figures for the 3rd quarter 2026 are worked out by hand.

Xanten (stock day 30.09.2026), case by case:
  1  Aufnahme 01.07. (first day)            Zugang, Bestand; 4 persons; w; 18 on 30.09.
  2  Aufnahme 30.09. (last day)             Zugang, Bestand; 1 person; m; 17 on 30.09.
  3  Aufnahme 30.06., Ruhend                Bestand; 2 persons; w
  4  Aufnahme 01.10. (day after)            nothing
  5  Abschluss 30.09. (last day), 241 days  Abgang (Ziele erreicht), not in Bestand
  6  Abschluss 01.07. (first day), 122 days Abgang (Wegzug)
  7  Abschluss 30.06.                       nothing (Abgang of Q2)
  8  Aktiv again, Abschluss 15.08. left     reopened: Bestand, no Abgang
  9  Anfrage without Aufnahme               nothing
  10 Aufnahme „31.02.2026“                  excluded (unreadable date)
  11 Status „Warteschleife“                 excluded (unknown status)
  12 Abschluss 15.08., no reason, 136 days  Abgang „ohne Angabe“
  13 Aktiv without Aufnahme                 excluded
  14 Haushaltsgröße empty                   Bestand; counted as 1 person
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from casebook.core.town_data import TownData, read_town
from casebook.stats.record_keys import RecordKeys
from casebook.storage.base import SheetRow, SheetTable, Snapshot
from casebook.storage.cells import CellValue
from sheets_schema import SHEETS, SheetName, headers
from sheets_schema.enums import Town
from tests.support.builders import make_case, make_contact, make_goal, make_referral

TODAY = date(2026, 11, 20)
KEYS = RecordKeys(b"the secret of the hand-made tests")
Q3_END = date(2026, 9, 30)


def _x(n: int) -> str:
    return f"KIM-XAN-2026-{n:04d}"


def xanten_cases() -> list[dict[str, CellValue]]:
    return [
        make_case(
            1,
            first_contact=date(2026, 7, 1),
            admission=date(2026, 7, 1),
            gender="weiblich",
            household_size=4,
            residence_status="AE § 24 (vorübergehender Schutz, Ukraine)",
            nationalities="ukrainisch",
            german_level="A1",
            birth_date=date(2008, 9, 30),
        ),
        make_case(
            2,
            first_contact=date(2026, 9, 30),
            admission=date(2026, 9, 30),
            gender="männlich",
            household_size=1,
            children_under_18=0,
            residence_status="Aufenthaltsgestattung (§ 55 AsylG)",
            nationalities="syrisch",
            german_level="keine",
            birth_date=date(2008, 10, 1),
            fields_of_action="Sprache",
        ),
        make_case(
            3,
            status="Ruhend",
            first_contact=date(2026, 6, 1),
            admission=date(2026, 6, 30),
            gender="weiblich",
            household_size=2,
            residence_status="AE § 24 (vorübergehender Schutz, Ukraine)",
            nationalities="Ukrainisch ",
            german_level="A2",
            fields_of_action="Ausbildung/Arbeit/Anerkennung",
        ),
        make_case(4, first_contact=date(2026, 10, 1), admission=date(2026, 10, 1)),
        make_case(
            5,
            status="Abgeschlossen",
            admission=date(2026, 2, 1),
            first_contact=date(2026, 2, 1),
            closing=date(2026, 9, 30),
            closing_reason="Ziele erreicht",
        ),
        make_case(
            6,
            status="Abgeschlossen",
            admission=date(2026, 3, 1),
            first_contact=date(2026, 3, 1),
            closing=date(2026, 7, 1),
            closing_reason="Wegzug",
        ),
        make_case(7, status="Abgeschlossen", closing=date(2026, 6, 30), closing_reason="Wegzug"),
        make_case(
            8, admission=date(2026, 2, 1), closing=date(2026, 8, 15), closing_reason="Wegzug"
        ),
        make_case(9, status="Anfrage", first_contact=date(2026, 8, 10), admission=None),
        make_case(10, admission="31.02.2026"),
        make_case(11, status="Warteschleife"),
        make_case(
            12,
            status="Abgeschlossen",
            admission=date(2026, 4, 1),
            first_contact=date(2026, 4, 1),
            closing=date(2026, 8, 15),
        ),
        make_case(13, admission=None),
        make_case(14, household_size=None, children_under_18=None),
    ]


def xanten_contacts() -> list[dict[str, CellValue]]:
    return [
        make_contact(_x(1), 1, date=date(2026, 7, 1), mediation="Dolmetscher:in"),
        make_contact(_x(1), 2, date=date(2026, 8, 15), mediation="keine"),
        make_contact(_x(2), 1, date=date(2026, 9, 30)),
        make_contact(_x(3), 1, date=date(2026, 6, 30), mediation="Dolmetscher:in"),
        make_contact(_x(1), 3, date="32.07.2026"),
        make_contact(_x(99), 1, date=date(2026, 7, 2)),
        make_contact(_x(10), 1, date=date(2026, 7, 10), mediation="Sprachmittler:in"),
    ]


def xanten_goals() -> list[dict[str, CellValue]]:
    agreed = date(2026, 6, 1)
    return [
        make_goal(_x(1), 1, status="erreicht", agreed_on=agreed, reviewed_on=date(2026, 7, 15)),
        make_goal(
            _x(1), 2, status="teilweise erreicht", agreed_on=agreed, reviewed_on=date(2026, 9, 30)
        ),
        make_goal(
            _x(2), 1, status="nicht erreicht", agreed_on=agreed, target_date=date(2026, 8, 1)
        ),
        make_goal(_x(3), 1, status="verworfen", agreed_on=agreed, reviewed_on=date(2026, 10, 1)),
        make_goal(_x(3), 2, status="in Arbeit", agreed_on=agreed),
        make_goal(_x(5), 1, status="erreicht", agreed_on=None),
    ]


def xanten_referrals() -> list[dict[str, CellValue]]:
    return [
        make_referral(_x(1), 1, date=date(2026, 7, 1), partner="Jobcenter", result="angenommen"),
        make_referral(_x(2), 1, date=date(2026, 9, 15), partner="Jobcenter", result="abgelehnt"),
        make_referral(_x(3), 1, date=date(2026, 8, 20), partner="Sozialamt", result=None),
        make_referral(_x(1), 2, date=date(2026, 6, 30)),
        make_referral(_x(1), 3, date="1.13.2026"),
    ]


def moers_cases(
    nationality: str = "syrisch", manager: str = "Kim Moers"
) -> list[dict[str, CellValue]]:
    """Five Zugänge in July and one Abgang in August."""
    cases = [
        make_case(
            n,
            Town.MOERS,
            admission=date(2026, 7, 10),
            first_contact=date(2026, 7, 10),
            gender="weiblich",
            postcode="47441",
            nationalities=nationality,
            case_manager=manager,
        )
        for n in range(1, 6)
    ]
    cases.append(
        make_case(
            6,
            Town.MOERS,
            status="Abgeschlossen",
            admission=date(2026, 2, 1),
            first_contact=date(2026, 2, 1),
            closing=date(2026, 8, 20),
            closing_reason="Wegzug",
            postcode="47441",
            case_manager=manager,
        )
    )
    return cases


def snapshot(sheets: Mapping[SheetName, Sequence[Mapping[str, CellValue]]]) -> Snapshot:
    tables = {
        name: SheetTable(
            name=name,
            headers=tuple(headers(SHEETS[name].model)),
            rows=tuple(SheetRow(number, cells) for number, cells in enumerate(rows, start=2)),
        )
        for name, rows in sheets.items()
    }
    return Snapshot(source="handgemacht", tables=tables, version="1")


def xanten() -> TownData:
    sheets = {
        SheetName.CASES: xanten_cases(),
        SheetName.CONTACTS: xanten_contacts(),
        SheetName.GOALS: xanten_goals(),
        SheetName.REFERRALS: xanten_referrals(),
    }
    return read_town(Town.XANTEN, snapshot(sheets), TODAY)


def moers(**kwargs: str) -> TownData:
    return read_town(Town.MOERS, snapshot({SheetName.CASES: moers_cases(**kwargs)}), TODAY)
