"""A case manager's tasks of the day („Meine Aufgaben“): what is due in the own town's cases."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from casebook.cases.worklists import WorkItem, end_of_week, follow_ups_due, residence_expiring
from casebook.core.access import Attempt, check_access
from casebook.core.actors import Actor
from casebook.core.sources import TownSource
from casebook.core.town_data import TownData
from sheets_schema import Case, SheetName
from sheets_schema.enums import CaseStatus, ReferralResult
from sheets_schema.rules import GOAL_REVIEW_DAYS

# A partner that has not answered a referral within three weeks needs a reminder call.
REFERRAL_ANSWER_DAYS = 21
# Consent is renewed every two years, and asked for a month before it lapses.
CONSENT_RENEWAL_DAYS = 2 * 365
CONSENT_NOTICE_DAYS = 30
# Appointments of this and the next week.
APPOINTMENT_DAYS = 14


class TaskKind(StrEnum):
    """The kinds of task, as the German heading of their list (in this order on the page)."""

    APPOINTMENT_PASSED = "Termine nachtragen"
    APPOINTMENT = "Geplante Termine"
    FOLLOW_UP = "Wiedervorlagen"
    GOAL_REVIEW = "Ziele überprüfen"
    REFERRAL = "Vermittlungen ohne Antwort"
    RESIDENCE = "Aufenthaltstitel enden"
    CONSENT = "Einwilligungen erneuern"


@dataclass(frozen=True)
class Task:
    """One thing to do in a case: when it is due, how many days from today, and what exactly."""

    kind: TaskKind
    case_id: str
    record_id: str
    name: str
    case_manager: str | None
    due: date
    days: int
    detail: str


def _fmt(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _name(case: Case) -> str:
    return ", ".join(part for part in (case.last_name, case.first_name) if part)


def _open_cases(data: TownData, only_for: str | None) -> dict[str, Case]:
    wanted = (only_for or "").strip().casefold()
    return {
        str(row.record.case_id): row.record
        for row in data.cases
        if row.record.case_id
        and row.record.status is not CaseStatus.ABGESCHLOSSEN
        and (not wanted or (row.record.case_manager or "").strip().casefold() == wanted)
    }


def _task(kind: TaskKind, case: Case, record_id: str, due: date, today: date, detail: str) -> Task:
    return Task(
        kind,
        str(case.case_id),
        record_id,
        _name(case),
        case.case_manager,
        due,
        (due - today).days,
        detail,
    )


def _appointments(data: TownData, cases: dict[str, Case], today: date) -> Iterator[Task]:
    last = today + timedelta(days=APPOINTMENT_DAYS)
    for row in data.rows(SheetName.CONTACTS):
        contact = row.record
        case = cases.get(str(contact.case_id))
        if case is None or not contact.planned or contact.date is None or contact.date > last:
            continue
        kind = TaskKind.APPOINTMENT_PASSED if contact.date < today else TaskKind.APPOINTMENT
        what = contact.kind.value if contact.kind else "Termin"
        detail = f"{what} am {_fmt(contact.date)}"
        if kind is TaskKind.APPOINTMENT_PASSED:
            detail += ": Bitte als Kontakt erfassen („Geplant“ = nein) oder neu terminieren."
        yield _task(kind, case, str(row.record_id), contact.date, today, detail)


def _goal_reviews(data: TownData, cases: dict[str, Case], today: date) -> Iterator[Task]:
    last = end_of_week(today)
    for row in data.rows(SheetName.GOALS):
        goal = row.record
        case = cases.get(str(goal.case_id))
        if case is None or goal.status is None or not goal.status.is_open:
            continue
        looked = goal.reviewed_on or goal.agreed_on
        dues: list[tuple[date, str]] = []
        if goal.target_date is not None:
            dues.append((goal.target_date, f"Zieldatum {_fmt(goal.target_date)}"))
        if looked is not None:
            dues.append((looked + timedelta(days=GOAL_REVIEW_DAYS), f"zuletzt {_fmt(looked)}"))
        if not dues or min(dues)[0] > last:
            continue
        due, reason = min(dues)
        detail = f"„{goal.goal or 'Ziel'}“ ({reason})"
        yield _task(TaskKind.GOAL_REVIEW, case, str(row.record_id), due, today, detail)


def _referrals(data: TownData, cases: dict[str, Case], today: date) -> Iterator[Task]:
    for row in data.rows(SheetName.REFERRALS):
        referral = row.record
        case = cases.get(str(referral.case_id))
        answered = referral.result is not None and referral.result is not ReferralResult.OFFEN
        if case is None or answered or referral.date is None:
            continue
        due = referral.date + timedelta(days=REFERRAL_ANSWER_DAYS)
        if due > today:
            continue
        partner = referral.partner.value if referral.partner else "Partner"
        detail = f"{partner}, vermittelt am {_fmt(referral.date)}: Bitte nachfragen."
        yield _task(TaskKind.REFERRAL, case, str(row.record_id), due, today, detail)


def _consents(cases: dict[str, Case], today: date) -> Iterator[Task]:
    for case_id, case in cases.items():
        if case.consent_withdrawn is not None:
            detail = f"Widerrufen am {_fmt(case.consent_withdrawn)}: Daten prüfen."
            yield _task(TaskKind.CONSENT, case, case_id, case.consent_withdrawn, today, detail)
        elif case.consent_given is None:
            yield _task(
                TaskKind.CONSENT, case, case_id, today, today, "Keine Einwilligung erfasst."
            )
        else:
            lapses = case.consent_given + timedelta(days=CONSENT_RENEWAL_DAYS)
            if lapses <= today + timedelta(days=CONSENT_NOTICE_DAYS):
                detail = f"Erteilt am {_fmt(case.consent_given)}, gilt bis {_fmt(lapses)}."
                yield _task(TaskKind.CONSENT, case, case_id, lapses, today, detail)


def _from_work_items(
    kind: TaskKind, items: Iterable[WorkItem], cases: dict[str, Case], today: date, label: str
) -> Iterator[Task]:
    for item in items:
        case = cases.get(item.case_id)
        if case is not None:
            yield _task(kind, case, item.case_id, item.due, today, f"{label} {_fmt(item.due)}")


def tasks_in(data: TownData, today: date, only_for: str | None = None) -> list[Task]:
    """Every task of a town's open cases (or only those whose Fallmanager:in is `only_for`)."""
    cases = _open_cases(data, only_for)
    found = [
        *_appointments(data, cases, today),
        *_from_work_items(
            TaskKind.FOLLOW_UP, follow_ups_due(data, today), cases, today, "Wiedervorlage am"
        ),
        *_goal_reviews(data, cases, today),
        *_referrals(data, cases, today),
        *_from_work_items(
            TaskKind.RESIDENCE, residence_expiring(data, today), cases, today, "Gültig bis"
        ),
        *_consents(cases, today),
    ]
    order = list(TaskKind)
    return sorted(found, key=lambda task: (order.index(task.kind), task.due, task.record_id))


def assigned_to(data: TownData, name: str) -> int:
    """How many open cases name `name` as Fallmanager:in (the page offers „nur meine“ if any)."""
    return len(_open_cases(data, name))


def my_tasks(
    source: TownSource, data: TownData, actor: Actor, today: date, only_mine: bool
) -> list[Task]:
    """The tasks of a town's case manager: names and dates, so for that town's case managers only
    (a refusal is noted in the town's Protokoll)."""
    check_access(source, actor, Attempt.READ)
    if data.town is not source.town:
        raise ValueError(f"data of {data.town} given with the source of {source.town}")
    return tasks_in(data, today, actor.name if only_mine else None)
