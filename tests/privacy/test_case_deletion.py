"""Deleting a due case removes it, its rows and its Protokoll history; one entry says it happened."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from casebook.cases.services import create_case, save_record
from casebook.core.actors import Actor
from casebook.core.town_data import read_town
from casebook.privacy.retention import NotDueForDeletion, delete_case, due_cases, due_on
from sheets_schema.enums import Town
from tests.privacy.conftest import Towns, moers_cases, sheet_rows
from tests.support.builders import TODAY, town_workbook, workbook_source

NOW = datetime(2026, 11, 20, 10, 30)
PERSON = ("Zyxwvutsson", "Qorbanali", "0157 98765432", "Geheimweg", "13.07.1977", "1977-07-13")


def _all_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _edit_phone(towns: Towns, manager: Actor, phone: str) -> None:
    data = read_town(towns.moers.town, towns.moers.store.load(), TODAY)
    row = data.case("KIM-MOE-2026-0002")
    assert row is not None
    save_record(towns.moers, manager, row, {"Telefon": phone}, TODAY, data.case_ids(), NOW)


@pytest.mark.parametrize(
    ("closed", "due"),
    [(date(2021, 3, 15), date(2024, 12, 31)), (date(2023, 12, 31), date(2026, 12, 31))],
)
def test_a_closed_case_is_due_on_31_december_of_the_third_year(closed: date, due: date) -> None:
    assert due_on(closed) == due


def test_the_list_of_due_cases_holds_ids_and_dates_but_no_names(
    towns: Towns, administrator: Actor
) -> None:
    (due,) = due_cases(towns.moers, administrator, TODAY)
    assert (due.case_id, due.closed_on, due.due_on) == (
        "KIM-MOE-2026-0002",
        date(2021, 3, 15),
        date(2024, 12, 31),
    )
    assert {sheet.value: n for sheet, n in due.rows.items()} == {
        "Fälle": 1, "Kontakte": 1, "Ziele": 1, "Vermittlungen": 1, "Protokoll": 0,
    }  # fmt: skip
    assert not any(part in repr(due) for part in PERSON)


def test_the_deletion_period_is_configurable(towns: Towns, administrator: Actor) -> None:
    assert due_cases(towns.moers, administrator, TODAY, years=10) == []


def test_nothing_of_the_person_remains_in_any_part_of_the_workbook(
    towns: Towns, administrator: Actor, moers_manager: Actor
) -> None:
    # Earlier edits put the person's old and new phone numbers into the Protokoll.
    _edit_phone(towns, moers_manager, "0160 1111111")
    assert any(e["Alt"] == "0157 98765432" for e in sheet_rows(towns.moers_path, "Protokoll"))
    result = delete_case(towns.moers, administrator, "KIM-MOE-2026-0002", TODAY, NOW)
    assert {sheet.value: n for sheet, n in result.removed.items()} == {
        "Fälle": 1, "Kontakte": 1, "Ziele": 1, "Vermittlungen": 1, "Protokoll": 1,
    }  # fmt: skip
    for name, data in _all_parts(towns.moers_path).items():
        for trace in (*PERSON, "0160 1111111"):
            assert trace.encode() not in data, f"„{trace}“ is still in {name}"
    assert [row["Fall-ID"] for row in sheet_rows(towns.moers_path, "Fälle")] == [
        "KIM-MOE-2026-0001",
        "KIM-MOE-2026-0003",
    ]
    assert [row["Fall-ID"] for row in sheet_rows(towns.moers_path, "Kontakte")] == [
        "KIM-MOE-2026-0001"
    ]


def test_the_protokoll_keeps_only_a_note_without_personal_data(
    towns: Towns, administrator: Actor, moers_manager: Actor
) -> None:
    _edit_phone(towns, moers_manager, "0160 1111111")
    delete_case(towns.moers, administrator, "KIM-MOE-2026-0002", TODAY, NOW)
    (entry,) = sheet_rows(towns.moers_path, "Protokoll")
    assert (entry["Aktion"], entry["Datensatz-ID"], entry["Neu"]) == (
        "gelöscht",
        "KIM-MOE-2026-0002",
        "Fall KIM-MOE-2026-0002 gelöscht (Löschfrist)",
    )
    assert (entry["Benutzer"], entry["Alt"], entry["Feld"]) == ("Kreis Administration", "", "")


def test_the_id_of_a_deleted_case_is_never_given_again(
    tmp_path: Path, administrator: Actor, moers_manager: Actor
) -> None:
    cases = moers_cases()[:2]  # the due case has the highest number of its year
    source = workbook_source(town_workbook(tmp_path / "m.xlsx", cases), Town.MOERS)  # type: ignore[arg-type]
    delete_case(source, administrator, "KIM-MOE-2026-0002", TODAY, NOW)
    created = create_case(source, moers_manager, {"Nachname": "Neu"}, date(2026, 5, 1), NOW)
    assert created.record_id == "KIM-MOE-2026-0003"


def test_a_case_not_yet_due_is_not_deleted(towns: Towns, administrator: Actor) -> None:
    before = towns.moers_path.read_bytes()
    with pytest.raises(NotDueForDeletion) as refused:
        delete_case(towns.moers, administrator, "KIM-MOE-2026-0002", date(2024, 12, 30), NOW)
    assert refused.value.due_on == date(2024, 12, 31)
    with pytest.raises(NotDueForDeletion) as open_case:
        delete_case(towns.moers, administrator, "KIM-MOE-2026-0001", TODAY, NOW)
    assert open_case.value.due_on is None
    assert towns.moers_path.read_bytes() == before
