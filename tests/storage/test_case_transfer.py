"""A client moves Moers → Wesel: the case goes over with everything, consent-checked and logged."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from pathlib import Path

import pytest

from casebook.cases.history import case_history
from casebook.cases.services import load_town, save_record
from casebook.cases.transfer import (
    TransferDiverged,
    TransferProblem,
    TransferRefused,
    transfer_case,
)
from casebook.core.errors import AccessDenied
from casebook.core.sources import TownSource
from casebook.core.town_data import TownData
from casebook.messages import error_message
from sheets_schema import SheetName
from sheets_schema.enums import Town
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
from tests.support.crash import count_line_events, die_at_line_event

OLD = "KIM-MOE-2026-0003"
NOW = datetime(2026, 11, 20, 10, 30)
BOTH = case_manager(Town.MOERS, Town.WESEL, name="Kim Kreis")


def moers(tmp_path: Path, **overrides: object) -> TownSource:
    path = town_workbook(
        tmp_path / "moers.xlsx",
        [
            make_case(3, Town.MOERS, postcode="47441", last_name="Umzug", **overrides),
            make_case(4, Town.MOERS, postcode="47441", last_name="Bleibt"),
        ],
        [
            make_contact(OLD, 1, note="Wohnungssuche in Wesel"),
            make_contact(OLD, 2),
            make_contact("KIM-MOE-2026-0004", 1),
        ],
        [make_goal(OLD, 1, goal="Wohnung in Wesel finden")],
        [make_referral(OLD, 1, partner="Wohngeldstelle")],
    )
    return workbook_source(path, Town.MOERS)


def wesel(tmp_path: Path) -> TownSource:
    path = town_workbook(tmp_path / "wesel.xlsx", [make_case(1, Town.WESEL, postcode="46483")])
    return workbook_source(path, Town.WESEL)


def read(source: TownSource) -> TownData:
    return load_town(source, case_manager(source.town), TODAY)


def with_history(source: TownSource) -> None:
    """A change of the phone number, so the case has a Protokoll entry of its own."""
    data = read(source)
    row = data.case(OLD)
    assert row is not None
    save_record(source, BOTH, row, {"Telefon": "0170 999"}, TODAY, data.case_ids(), NOW)


def test_the_case_arrives_in_wesel_with_a_new_id_and_everything_that_belongs_to_it(
    tmp_path: Path,
) -> None:
    source, target = moers(tmp_path), wesel(tmp_path)
    with_history(source)
    result = transfer_case(source, target, BOTH, OLD, TODAY, client_agreed=True, now=NOW)
    assert result.new_case_id == "KIM-WES-2026-0002"
    arrived = read(target)
    case = arrived.case("KIM-WES-2026-0002")
    assert case is not None
    assert (case.record.last_name, case.record.town, case.record.previous_case_id) == (
        "Umzug",
        Town.WESEL,
        OLD,
    )
    assert case.record.phone == "0170 999"
    assert case.record.case_manager is None  # Wesel assigns its own
    contacts = arrived.children(SheetName.CONTACTS, "KIM-WES-2026-0002")
    assert [c.record_id for c in contacts] == ["KIM-WES-2026-0002-K01", "KIM-WES-2026-0002-K02"]
    assert contacts[0].record.note == "Wohnungssuche in Wesel"
    [goal] = arrived.children(SheetName.GOALS, "KIM-WES-2026-0002")
    assert goal.record.goal == "Wohnung in Wesel finden"
    [referral] = arrived.children(SheetName.REFERRALS, "KIM-WES-2026-0002")
    assert referral.record_id == "KIM-WES-2026-0002-V01"
    assert not any(row.has_errors for rows in arrived.sheets.values() for row in rows)


def test_the_case_is_gone_from_moers_but_the_other_case_stays(tmp_path: Path) -> None:
    source, target = moers(tmp_path), wesel(tmp_path)
    transfer_case(source, target, BOTH, OLD, TODAY, client_agreed=True, now=NOW)
    left = read(source)
    assert left.case(OLD) is None
    assert [row.record_id for row in left.cases] == ["KIM-MOE-2026-0004"]
    assert [row.record_id for row in left.rows(SheetName.CONTACTS)] == ["KIM-MOE-2026-0004-K01"]
    assert left.rows(SheetName.GOALS) == () and left.rows(SheetName.REFERRALS) == ()


def test_both_protokolle_note_the_transfer_and_the_history_travels_along(tmp_path: Path) -> None:
    source, target = moers(tmp_path), wesel(tmp_path)
    with_history(source)
    transfer_case(source, target, BOTH, OLD, TODAY, client_agreed=True, now=NOW)
    note = f"Fall {OLD} (Moers) an Wesel übergeben als KIM-WES-2026-0002"
    moers_log = [row.record for row in read(source).rows(SheetName.AUDIT)]
    # Moers keeps one entry without personal data; the phone numbers went with the case.
    assert [(e.action, e.record_id, e.new) for e in moers_log] == [("übergeben", OLD, note)]
    history = case_history(target, case_manager(Town.WESEL), "KIM-WES-2026-0002")
    assert [(e.action, e.field, e.new) for e in history] == [
        ("geändert", "Telefon", "0170 999"),
        ("übernommen", None, note),
    ]
    assert history[0].timestamp == NOW


@pytest.mark.parametrize(
    ("overrides", "agreed", "problem"),
    [
        ({"consent_given": None}, True, TransferProblem.NO_CONSENT),
        ({"consent_withdrawn": date(2026, 6, 1)}, True, TransferProblem.CONSENT_WITHDRAWN),
        ({}, False, TransferProblem.NOT_AGREED),
        (
            {"status": "Abgeschlossen", "closing": date(2026, 6, 1), "closing_reason": "Wegzug"},
            True,
            TransferProblem.CLOSED,
        ),
    ],
)
def test_without_consent_nothing_is_written_in_either_town(
    tmp_path: Path, overrides: dict[str, object], agreed: bool, problem: TransferProblem
) -> None:
    source, target = moers(tmp_path, **overrides), wesel(tmp_path)
    before = (source.store.path.read_bytes(), target.store.path.read_bytes())  # type: ignore[attr-defined]
    with pytest.raises(TransferRefused) as refused:
        transfer_case(source, target, BOTH, OLD, TODAY, client_agreed=agreed, now=NOW)
    assert refused.value.problem is problem
    assert (source.store.path.read_bytes(), target.store.path.read_bytes()) == before  # type: ignore[attr-defined]
    text = error_message(refused.value)
    assert text.startswith(f"Der Fall {OLD} wurde nicht an Wesel übergeben: ")
    assert "Es wurde nichts geändert." in text


def test_a_case_manager_of_moers_alone_is_refused_and_wesel_notes_the_refusal(
    tmp_path: Path,
) -> None:
    source, target = moers(tmp_path), wesel(tmp_path)
    with pytest.raises(AccessDenied):
        transfer_case(
            source, target, case_manager(Town.MOERS), OLD, TODAY, client_agreed=True, now=NOW
        )
    assert read(source).case(OLD) is not None
    log = [row.record for row in read(target).rows(SheetName.AUDIT)]
    assert [(e.action, e.record_id) for e in log] == [("verweigert", OLD)]


def _prepared_transfer(folder: Path) -> Callable[[], object]:
    source = workbook_source(folder / "moers.xlsx", Town.MOERS)
    target = workbook_source(folder / "wesel.xlsx", Town.WESEL)
    return lambda: transfer_case(source, target, BOTH, OLD, TODAY, client_agreed=True, now=NOW)


def _lines_of_a_transfer(tmp_path: Path) -> int:
    folder = tmp_path / "count"
    folder.mkdir()
    moers(folder)
    wesel(folder)
    return count_line_events(partial(_prepared_transfer, folder))


def _copies(tmp_path: Path) -> tuple[int, int]:
    """(rows of the case in Moers, copies in Wesel)."""
    source = workbook_source(tmp_path / "moers.xlsx", Town.MOERS)
    target = workbook_source(tmp_path / "wesel.xlsx", Town.WESEL)
    in_moers = int(read(source).case(OLD) is not None)
    in_wesel = sum(row.record.previous_case_id == OLD for row in read(target).cases)
    return in_moers, in_wesel


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_transfer_killed_anywhere_never_loses_the_case_and_a_rerun_finishes_it(
    tmp_path: Path,
) -> None:
    lines = _lines_of_a_transfer(tmp_path)
    outcomes = set()
    for attempt in range(24):
        folder = tmp_path / f"run{attempt}"
        folder.mkdir()
        moers(folder)
        wesel(folder)
        die_at_line_event(
            partial(_prepared_transfer, folder), int((attempt + 0.5) / 24 * lines) + 1
        )
        state = _copies(folder)
        # Never lost, never copied twice: in Moers, in Wesel, or (interrupted) in both.
        assert state in {(1, 0), (0, 1), (1, 1)}, (attempt, state)
        outcomes.add(state)
        if state[0]:
            source = workbook_source(folder / "moers.xlsx", Town.MOERS)
            target = workbook_source(folder / "wesel.xlsx", Town.WESEL)
            result = transfer_case(source, target, BOTH, OLD, TODAY, client_agreed=True, now=NOW)
            assert result.resumed is (state == (1, 1))
        assert _copies(folder) == (0, 1)
    assert (1, 1) in outcomes  # some kills fell between the two saves


def interrupted(tmp_path: Path, **changes: object) -> tuple[TownSource, TownSource]:
    """Wesel already holds the copy of an interrupted transfer; Moers still has the case."""
    source, target = moers(tmp_path), wesel(tmp_path)
    copy_folder = tmp_path / "copy"
    copy_folder.mkdir()
    first = transfer_case(moers(copy_folder), target, BOTH, OLD, TODAY, client_agreed=True, now=NOW)
    assert first.new_case_id == "KIM-WES-2026-0002"
    if changes:
        data = read(source)
        row = data.case(OLD)
        assert row is not None
        save_record(source, BOTH, row, changes, TODAY, data.case_ids(), NOW)
    return source, target


def test_a_rerun_after_an_interruption_only_removes_the_case_at_the_source(
    tmp_path: Path,
) -> None:
    source, target = interrupted(tmp_path)
    result = transfer_case(source, target, BOTH, OLD, TODAY, client_agreed=True, now=NOW)
    assert (result.resumed, result.new_case_id) == (True, "KIM-WES-2026-0002")
    assert read(source).case(OLD) is None
    assert [row.record.previous_case_id for row in read(target).cases] == [None, OLD]


def test_a_case_changed_at_the_source_after_an_interruption_is_not_removed(
    tmp_path: Path,
) -> None:
    source, target = interrupted(tmp_path, Telefon="0151 777")
    before = (source.store.path.read_bytes(), target.store.path.read_bytes())  # type: ignore[attr-defined]
    with pytest.raises(TransferDiverged) as diverged:
        transfer_case(source, target, BOTH, OLD, TODAY, client_agreed=True, now=NOW)
    assert diverged.value.columns == ["Telefon"]
    assert (source.store.path.read_bytes(), target.store.path.read_bytes()) == before  # type: ignore[attr-defined]
    text = error_message(diverged.value)
    assert "auch schon als KIM-WES-2026-0002 in Wesel" in text and "(Telefon)" in text
