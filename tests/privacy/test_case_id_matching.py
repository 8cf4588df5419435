"""Deletion, Art. 15 export and history take the rows of exactly one Fall-ID, never a prefix."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from casebook.cases.history import case_history
from casebook.cases.rows import MalformedCaseId, belongs_to_case
from casebook.cases.services import add_child
from casebook.core.actors import Actor
from casebook.core.sources import TownSource
from casebook.messages import error_message
from casebook.privacy.access_request import export_case_data
from casebook.privacy.retention import delete_case, due_cases, held_back_cases
from sheets_schema import SheetName
from tests.privacy.conftest import CLOSED, sheet_rows
from tests.support.builders import (
    TODAY,
    case_manager,
    make_case,
    make_contact,
    make_goal,
    make_referral,
    town_workbook,
    workbook_source,
)

NOW = datetime(2026, 11, 20, 10, 30)
CALL = {"Datum": date(2026, 11, 2), "Art": "telefonisch"}
HALF_ID = "KIM-XAN-2023"  # typed by hand into the Fall-ID cell of an old, closed case
ACTIVE = [f"KIM-XAN-2023-{n:04d}" for n in (1, 2, 3)]
DUE = "KIM-XAN-2023-0004"
SHEETS = ("Fälle", "Kontakte", "Ziele", "Vermittlungen", "Protokoll")
OLD_CLOSED = {
    **CLOSED,
    "first_contact": date(2020, 1, 5),
    "admission": date(2020, 1, 12),
    "closing": date(2021, 3, 15),
    "consent_given": date(2020, 1, 12),
}


def _case(case_id: str, **overrides: object) -> dict[str, object]:
    return {**make_case(1, case_id=case_id, last_name=f"Person {case_id}", **overrides)}


@pytest.fixture
def xanten(tmp_path: Path) -> tuple[TownSource, Path]:
    path = town_workbook(
        tmp_path / "xanten.xlsx",
        [*(_case(c) for c in ACTIVE), _case(HALF_ID, **OLD_CLOSED), _case(DUE, **OLD_CLOSED)],  # type: ignore[misc]
        [make_contact(c, n) for c in ACTIVE for n in (1, 2)]
        # Moved to case 0001 by hand: its ID still names the due case, its Fall-ID does not.
        + [make_contact(DUE, 1), {**make_contact(DUE, 2), "Fall-ID": ACTIVE[0]}],
        [make_goal(c) for c in (*ACTIVE, DUE)],
        [make_referral(c) for c in (*ACTIVE, DUE)],
    )
    source = workbook_source(path)
    manager = case_manager()
    for case_id in ACTIVE:
        add_child(source, manager, SheetName.CONTACTS, case_id, CALL, TODAY, NOW)
    return source, path


def _everything(path: Path) -> dict[str, list[dict[str, object]]]:
    return {sheet: sheet_rows(path, sheet) for sheet in SHEETS}


def test_a_hand_typed_half_id_deletes_nothing(
    xanten: tuple[TownSource, Path], administrator: Actor
) -> None:
    source, path = xanten
    before = _everything(path)
    with pytest.raises(MalformedCaseId):
        delete_case(source, administrator, HALF_ID, TODAY, NOW)
    assert _everything(path) == before


def test_a_half_id_is_not_offered_for_deletion(
    xanten: tuple[TownSource, Path], administrator: Actor
) -> None:
    source, _ = xanten
    assert [due.case_id for due in due_cases(source, administrator, TODAY)] == [DUE]


def test_a_half_id_is_not_exported(xanten: tuple[TownSource, Path]) -> None:
    source, path = xanten
    with pytest.raises(MalformedCaseId):
        export_case_data(source, case_manager(), HALF_ID, NOW)
    assert all(e["Aktion"] != "exportiert" for e in sheet_rows(path, "Protokoll"))


def test_the_history_of_a_half_id_shows_no_other_case(xanten: tuple[TownSource, Path]) -> None:
    source, _ = xanten
    assert case_history(source, case_manager(), HALF_ID) == []


def test_deleting_a_due_case_takes_its_own_rows_and_nothing_else(
    xanten: tuple[TownSource, Path], administrator: Actor
) -> None:
    source, path = xanten
    before = _everything(path)
    result = delete_case(source, administrator, DUE, TODAY, NOW)
    after = _everything(path)
    assert {sheet.value: n for sheet, n in result.removed.items()} == {
        "Fälle": 1, "Kontakte": 1, "Ziele": 1, "Vermittlungen": 1, "Protokoll": 0,
    }  # fmt: skip
    assert len(after["Fälle"]) == len(before["Fälle"]) - 1
    # The contact moved to case 0001 by hand stays with that case.
    moved = [c for c in after["Kontakte"] if c["Kontakt-ID"] == f"{DUE}-K02"]
    assert [c["Fall-ID"] for c in moved] == [ACTIVE[0]]
    assert len(after["Kontakte"]) == len(before["Kontakte"]) - 1


def test_the_export_of_a_case_holds_none_of_the_cases_its_id_begins(
    xanten: tuple[TownSource, Path],
) -> None:
    source, _ = xanten
    export = export_case_data(source, case_manager(), ACTIVE[0], NOW)
    assert {sheet.value: n for sheet, n in export.rows.items()} == {
        "Fälle": 1, "Kontakte": 4, "Ziele": 1, "Vermittlungen": 1, "Protokoll": 1,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("record_id", "case_id", "belongs"),
    [
        ("KIM-XAN-2026-0007", "KIM-XAN-2026-0007", True),
        (" KIM-XAN-2026-0007-K03 ", "KIM-XAN-2026-0007", True),
        ("KIM-XAN-2026-0007-Z01", "KIM-XAN-2026-0007", True),
        ("KIM-XAN-2026-0007-0001", "KIM-XAN-2026-0007", False),
        ("KIM-XAN-2026-0007-0001-K01", "KIM-XAN-2026-0007", False),
        ("KIM-XAN-2026-0007-K03", "KIM-XAN-2026", False),
        ("KIM-XAN-2026-00071", "KIM-XAN-2026-0007", False),
        ("KIM-XAN-2026-0007-K", "KIM-XAN-2026-0007", False),
    ],
)
def test_a_record_belongs_to_a_case_only_by_its_exact_id(
    record_id: str, case_id: str, belongs: bool
) -> None:
    assert belongs_to_case(record_id, case_id) is belongs


def test_the_refusal_names_the_id_and_the_form_it_needs() -> None:
    text = error_message(MalformedCaseId(HALF_ID))
    assert "„KIM-XAN-2023“" in text and "KIM-XAN-2026-0007" in text
    assert "nichts gelöscht" in text


def test_a_due_case_with_a_half_id_is_named_for_correction(
    xanten: tuple[TownSource, Path], administrator: Actor
) -> None:
    source, _ = xanten
    (held,) = held_back_cases(source, administrator, TODAY)
    assert (held.case_id, held.row_number) == (HALF_ID, 5)
