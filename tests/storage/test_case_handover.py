"""A case handed to a colleague: only the Fallmanager:in changes, and the Protokoll says „übergeben“."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from casebook.cases.handover import hand_over_case
from casebook.cases.services import load_town, save_record
from casebook.core.errors import InvalidRecord, RecordConflict
from casebook.core.sources import TownSource
from casebook.messages import error_message
from sheets_schema import SheetName
from tests.support.builders import TODAY, case_manager, make_case, town_workbook, workbook_source

ME = case_manager(name="Anna Beispiel")
NOW = datetime(2026, 11, 20, 9, 0)
CASE = "KIM-XAN-2026-0002"


@pytest.fixture
def source(tmp_path: Path) -> TownSource:
    return workbook_source(
        town_workbook(tmp_path / "xanten.xlsx", [make_case(1), make_case(2), make_case(3)])
    )


def test_the_colleague_becomes_fallmanagerin_and_the_protokoll_names_both(
    source: TownSource,
) -> None:
    base = load_town(source, ME, TODAY).case(CASE)
    assert base is not None
    hand_over_case(source, ME, base, "  Ben   Krüger ", NOW)
    after = load_town(source, ME, TODAY)
    case = after.case(CASE)
    assert case is not None
    assert (case.record.case_manager, case.record.changed_by) == ("Ben Krüger", "Anna Beispiel")
    other = after.case("KIM-XAN-2026-0001")
    assert other is not None and other.record.case_manager == "Anna Beispiel"
    [entry] = [row.record for row in after.rows(SheetName.AUDIT)]
    assert (entry.action, entry.record_id, entry.field, entry.old, entry.new) == (
        "übergeben",
        CASE,
        "Fallmanager:in",
        "Anna Beispiel",
        "Ben Krüger",
    )


def test_an_empty_name_is_refused_with_the_required_field_message(source: TownSource) -> None:
    base = load_town(source, ME, TODAY).case(CASE)
    assert base is not None
    with pytest.raises(InvalidRecord) as refused:
        hand_over_case(source, ME, base, "   ", NOW)
    assert (
        refused.value.problems[0].message
        == "Bitte ausfüllen: „Fallmanager:in“ ist ein Pflichtfeld."
    )


def test_a_handover_meanwhile_by_someone_else_is_not_overwritten(source: TownSource) -> None:
    data = load_town(source, ME, TODAY)
    base = data.case(CASE)
    assert base is not None
    save_record(source, ME, base, {"Fallmanager:in": "Cem Demir"}, TODAY, data.case_ids(), NOW)
    with pytest.raises(RecordConflict) as conflict:
        hand_over_case(source, ME, base, "Ben Krüger", NOW)
    assert "„Anna Beispiel“ → „Cem Demir“" in error_message(conflict.value)
    case = load_town(source, ME, TODAY).case(CASE)
    assert case is not None and case.record.case_manager == "Cem Demir"
