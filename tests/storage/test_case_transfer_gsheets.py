"""A transfer between a town on a Google Sheet and a town on a workbook, through gspread's real path."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from casebook.cases.services import load_town
from casebook.cases.transfer import transfer_case
from casebook.core.sources import TownSource
from sheets_schema import SheetName
from sheets_schema.enums import Town
from tests.storage.gsheets_helpers import google_store, town_sheet
from tests.support.builders import (
    TODAY,
    case_manager,
    make_case,
    make_contact,
    town_workbook,
    workbook_source,
)
from tests.support.sheets_api import SheetsApiServer

NOW = datetime(2026, 11, 20, 11, 0)
BOTH = case_manager(Town.XANTEN, Town.WESEL, Town.MOERS, name="Kim Kreis")


def test_a_case_moves_from_a_google_sheet_to_a_workbook(
    sheets_api: SheetsApiServer, tmp_path: Path
) -> None:
    key = town_sheet(
        sheets_api,
        [make_case(1), make_case(2, last_name="Zieht-um")],
        [make_contact("KIM-XAN-2026-0002", 1, note="Termin Jobcenter")],
    )
    source = TownSource(Town.XANTEN, google_store(sheets_api, key))
    target = workbook_source(
        town_workbook(tmp_path / "wesel.xlsx", [make_case(1, Town.WESEL, postcode="46483")]),
        Town.WESEL,
    )
    result = transfer_case(
        source, target, BOTH, "KIM-XAN-2026-0002", TODAY, client_agreed=True, now=NOW
    )
    arrived = load_town(target, BOTH, TODAY)
    case = arrived.case(result.new_case_id)
    assert case is not None and case.record.last_name == "Zieht-um"
    [contact] = arrived.children(SheetName.CONTACTS, result.new_case_id)
    assert contact.record.note == "Termin Jobcenter"
    left = load_town(source, BOTH, TODAY)
    assert [row.record_id for row in left.cases] == ["KIM-XAN-2026-0001"]
    assert left.rows(SheetName.CONTACTS) == ()
    assert [row.record.action for row in left.rows(SheetName.AUDIT)] == ["übergeben"]


def test_a_case_moves_from_a_workbook_to_a_google_sheet(
    sheets_api: SheetsApiServer, tmp_path: Path
) -> None:
    key = town_sheet(sheets_api, [make_case(1, Town.WESEL, postcode="46483")], [])
    target = TownSource(Town.WESEL, google_store(sheets_api, key))
    source = workbook_source(
        town_workbook(
            tmp_path / "moers.xlsx",
            [make_case(7, Town.MOERS, postcode="47441", last_name="Nach-Wesel")],
            [make_contact("KIM-MOE-2026-0007", 1)],
        ),
        Town.MOERS,
    )
    result = transfer_case(
        source, target, BOTH, "KIM-MOE-2026-0007", TODAY, client_agreed=True, now=NOW
    )
    assert result.new_case_id == "KIM-WES-2026-0002"
    arrived = load_town(target, BOTH, TODAY)
    case = arrived.case("KIM-WES-2026-0002")
    assert case is not None
    assert (case.record.last_name, case.record.previous_case_id) == (
        "Nach-Wesel",
        "KIM-MOE-2026-0007",
    )
    assert [c.record_id for c in arrived.children(SheetName.CONTACTS, "KIM-WES-2026-0002")] == [
        "KIM-WES-2026-0002-K01"
    ]
    assert not any(row.has_errors for rows in arrived.sheets.values() for row in rows)
    assert load_town(source, BOTH, TODAY).cases == ()
