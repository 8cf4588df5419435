"""„Meine Aufgaben“ lists what is due in a case manager's own cases, each with its date and step."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from casebook.cases.tasks import TaskKind, my_tasks, tasks_in
from casebook.core.errors import AccessDenied
from casebook.core.town_data import TownData, read_town
from sheets_schema import SheetName
from sheets_schema.enums import Town
from tests.stats.handmade import snapshot
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

ME = "Test Fallmanagerin"
ONE, TWO, THREE = "KIM-XAN-2026-0001", "KIM-XAN-2026-0002", "KIM-XAN-2026-0003"


def town(
    cases: list[dict[str, object]] | None = None,
    contacts: list[dict[str, object]] | None = None,
    goals: list[dict[str, object]] | None = None,
    referrals: list[dict[str, object]] | None = None,
) -> TownData:
    sheets = {
        SheetName.CASES: cases or [make_case(1, case_manager=ME)],
        SheetName.CONTACTS: contacts or [],
        SheetName.GOALS: goals or [],
        SheetName.REFERRALS: referrals or [],
    }
    return read_town(Town.XANTEN, snapshot(sheets), TODAY)  # type: ignore[arg-type]


def kinds(data: TownData) -> list[tuple[TaskKind, str, int]]:
    return [(task.kind, task.record_id, task.days) for task in tasks_in(data, TODAY)]


def test_a_case_with_nothing_due_gives_no_task() -> None:
    assert kinds(town()) == []


def test_planned_appointments_of_the_next_two_weeks_and_passed_ones_to_record() -> None:
    contacts = [
        make_contact(ONE, 1, date=TODAY + timedelta(days=3), planned="ja"),
        make_contact(ONE, 2, date=TODAY + timedelta(days=30), planned="ja"),  # later
        make_contact(ONE, 3, date=TODAY - timedelta(days=5), planned="ja"),
        make_contact(ONE, 4, date=TODAY - timedelta(days=5)),  # held, nothing to do
    ]
    tasks = tasks_in(town(contacts=contacts), TODAY)
    assert [(t.kind, t.record_id, t.days) for t in tasks] == [
        (TaskKind.APPOINTMENT_PASSED, f"{ONE}-K03", -5),
        (TaskKind.APPOINTMENT, f"{ONE}-K01", 3),
    ]
    assert "Bitte als Kontakt erfassen" in tasks[0].detail
    assert tasks[1].detail.startswith("persönlich am ")


def test_follow_ups_of_this_week_and_residence_titles_ending_within_90_days() -> None:
    cases = [
        make_case(1, follow_up=TODAY + timedelta(days=2)),
        make_case(2, residence_valid_until=TODAY + timedelta(days=80)),
        make_case(3, residence_valid_until=TODAY + timedelta(days=100)),
    ]
    assert kinds(town(cases)) == [
        (TaskKind.FOLLOW_UP, ONE, 2),
        (TaskKind.RESIDENCE, TWO, 80),
    ]


def test_an_open_goal_is_due_for_review_90_days_after_the_last_look_or_on_its_target_date() -> None:
    goals = [
        make_goal(ONE, 1, agreed_on=TODAY - timedelta(days=95)),
        make_goal(ONE, 2, agreed_on=TODAY - timedelta(days=10), target_date=TODAY),
        make_goal(ONE, 3, agreed_on=TODAY - timedelta(days=10)),  # not yet
        make_goal(ONE, 4, agreed_on=TODAY - timedelta(days=200), status="erreicht"),
    ]
    assert kinds(town(goals=goals)) == [
        (TaskKind.GOAL_REVIEW, f"{ONE}-Z01", -5),
        (TaskKind.GOAL_REVIEW, f"{ONE}-Z02", 0),
    ]


def test_a_referral_still_open_after_three_weeks_asks_for_a_call() -> None:
    referrals = [
        make_referral(ONE, 1, date=TODAY - timedelta(days=30), result="offen"),
        make_referral(ONE, 2, date=TODAY - timedelta(days=30), result=None),
        make_referral(ONE, 3, date=TODAY - timedelta(days=5), result="offen"),
        make_referral(ONE, 4, date=TODAY - timedelta(days=60), result="angenommen"),
    ]
    tasks = tasks_in(town(referrals=referrals), TODAY)
    assert [t.record_id for t in tasks] == [f"{ONE}-V01", f"{ONE}-V02"]
    assert tasks[0].detail.startswith("Jobcenter, vermittelt am ")


def test_consent_to_renew_missing_withdrawn_or_two_years_old() -> None:
    cases = [
        make_case(1, consent_given=None),
        make_case(2, consent_withdrawn=date(2026, 6, 1)),
        make_case(3, consent_given=TODAY - timedelta(days=2 * 365 - 10)),
        make_case(4, consent_given=TODAY - timedelta(days=300)),
    ]
    tasks = tasks_in(town(cases), TODAY)
    assert [(t.record_id, t.detail.split(" ")[0]) for t in tasks] == [
        (TWO, "Widerrufen"),
        (ONE, "Keine"),
        (THREE, "Erteilt"),
    ]


def test_closed_cases_give_no_tasks() -> None:
    closed = make_case(
        1,
        status="Abgeschlossen",
        closing=date(2026, 10, 1),
        closing_reason="Wegzug",
        follow_up=TODAY,
        consent_given=None,
    )
    goals = [make_goal(ONE, 1, agreed_on=TODAY - timedelta(days=200))]
    assert kinds(town([closed], goals=goals)) == []


def test_only_mine_keeps_the_cases_whose_fallmanagerin_is_the_user(tmp_path: Path) -> None:
    cases = [
        make_case(1, case_manager="test fallmanagerin ", follow_up=TODAY),
        make_case(2, case_manager="Ben Krüger", follow_up=TODAY),
    ]
    source = workbook_source(town_workbook(tmp_path / "xanten.xlsx", cases))
    data = town(cases)
    me = case_manager(Town.XANTEN, name=ME)
    mine = my_tasks(source, data, me, TODAY, only_mine=True)
    everyone = my_tasks(source, data, me, TODAY, only_mine=False)
    assert [t.case_id for t in mine] == [ONE]
    assert [t.case_id for t in everyone] == [ONE, TWO]


def test_a_case_manager_of_another_town_gets_no_tasks_and_the_refusal_is_logged(
    tmp_path: Path,
) -> None:
    source = workbook_source(town_workbook(tmp_path / "xanten.xlsx", [make_case(1)]))
    with pytest.raises(AccessDenied) as refused:
        my_tasks(source, town(), case_manager(Town.MOERS, name=ME), TODAY, only_mine=False)
    assert refused.value.logged
    log = source.store.load().table(SheetName.AUDIT).rows
    assert [(row.cells["Aktion"], row.cells["Benutzer"]) for row in log] == [("verweigert", ME)]
