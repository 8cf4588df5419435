"""The case list shows each case's values as the schema reads them, and unreadable cells as typed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from casebook.cases.services import load_town
from sheets_schema import Case, header_of
from sheets_schema.enums import Town
from tests.support.builders import TODAY, case_manager, make_case, town_workbook, workbook_source
from ui.case_table import CASE_ID, ERRORS, LINK, case_frame

ACTOR = case_manager(Town.XANTEN)


def test_unreadable_cells_are_shown_as_typed_and_readable_ones_as_read(tmp_path: Path) -> None:
    cases = [
        make_case(1),
        make_case(2, status="Irgendwie", birth_date="31.02.1990", last_name="  Öztürk "),
        make_case(3, case_id="KIM-XAN-2026-0003 neu"),
    ]
    source = workbook_source(town_workbook(tmp_path / "xanten.xlsx", cases))
    frame = case_frame(load_town(source, ACTOR, TODAY), TODAY).set_index(CASE_ID)
    odd = frame.loc["KIM-XAN-2026-0002"]
    assert odd[header_of(Case, "status")] == "Irgendwie"  # as typed, never hidden
    assert pd.isna(odd[header_of(Case, "birth_date")])  # a date that does not exist: empty
    assert odd[header_of(Case, "last_name")] == "Öztürk"  # read: trimmed
    assert odd[ERRORS] >= 2
    fine = frame.loc["KIM-XAN-2026-0001"]
    assert fine[header_of(Case, "status")] == "Aktiv"
    assert str(fine[header_of(Case, "birth_date")].date()) == "1990-04-01"
    assert fine[ERRORS] == 0
    # A Fall-ID that is not URL-safe is quoted in its link; a well-formed one is not.
    assert fine[LINK] == "fall?id=KIM-XAN-2026-0001"
    assert frame.loc["KIM-XAN-2026-0003 neu"][LINK] == "fall?id=KIM-XAN-2026-0003%20neu"
