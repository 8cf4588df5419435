"""Cross-field rules from DOMAIN.md: errors block a save, warnings are shown."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Container
from datetime import date, timedelta

from pydantic import BaseModel

from sheets_schema.enums import TOWN_POSTCODES, CaseStatus, Town
from sheets_schema.fields import header_of
from sheets_schema.messages import message
from sheets_schema.models import Case, Contact, Goal, Referral
from sheets_schema.problems import Problem, ProblemCode, Severity
from sheets_schema.sheets import CASE_ID_PATTERN

# Ausländerbehörden in Kreis Wesel book renewal appointments weeks ahead; 60 days was too short.
RESIDENCE_WARNING_DAYS = 90
GOAL_REVIEW_DAYS = 90
MAX_CONTACT_MINUTES = 480


def _fmt(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _problem(
    model: type[BaseModel], field: str, code: ProblemCode, severity: Severity, **context: object
) -> Problem:
    return Problem(
        code=code,
        severity=severity,
        message=message(code, **context),
        field=field,
        column=header_of(model, field),
    )


def _error(model: type[BaseModel], field: str, code: ProblemCode, **context: object) -> Problem:
    return _problem(model, field, code, Severity.ERROR, **context)


def _warning(model: type[BaseModel], field: str, code: ProblemCode, **context: object) -> Problem:
    return _problem(model, field, code, Severity.WARNING, **context)


def _age(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _case_dates(case: Case, today: date) -> list[Problem]:
    problems = []
    chain = [
        ("first_contact", case.first_contact),
        ("admission", case.admission),
        ("closing", case.closing),
    ]
    present = [(name, day) for name, day in chain if day is not None]
    for (earlier, earlier_day), (later, later_day) in itertools.pairwise(present):
        if later_day < earlier_day:
            problems.append(
                _error(
                    Case,
                    later,
                    ProblemCode.DATE_ORDER,
                    later=header_of(Case, later),
                    earlier=header_of(Case, earlier),
                )
            )
    for name in (
        "first_contact",
        "admission",
        "closing",
        "birth_date",
        "entry_date",
        "consent_given",
    ):
        day = getattr(case, name)
        if day is not None and day > today:
            problems.append(
                _error(Case, name, ProblemCode.DATE_IN_FUTURE, column=header_of(Case, name))
            )
    return problems


def _case_closing(case: Case) -> list[Problem]:
    problems = []
    if case.status is CaseStatus.ABGESCHLOSSEN:
        if case.closing is None:
            problems.append(_error(Case, "closing", ProblemCode.CLOSED_NEEDS_DATE))
        if case.closing_reason is None:
            problems.append(_error(Case, "closing_reason", ProblemCode.CLOSED_NEEDS_REASON))
    elif case.closing is not None:
        problems.append(_error(Case, "closing", ProblemCode.CLOSING_DATE_NEEDS_STATUS))
    return problems


# A household has at least the main person; a count of children cannot be negative.
_MINIMUM_COUNTS = (("household_size", 1), ("children_under_18", 0))


def _case_household(case: Case) -> list[Problem]:
    problems = []
    for name, low in _MINIMUM_COUNTS:
        found = getattr(case, name)
        if found is not None and found < low:
            column = header_of(Case, name)
            problems.append(
                _error(
                    Case, name, ProblemCode.COUNT_BELOW_MINIMUM, column=column, low=low, found=found
                )
            )
    if problems or case.children_under_18 is None or case.household_size is None:
        return problems
    if case.children_under_18 >= case.household_size:
        return [
            _error(
                Case,
                "children_under_18",
                ProblemCode.CHILDREN_VS_HOUSEHOLD,
                children=case.children_under_18,
                household=case.household_size,
            )
        ]
    return []


def _case_identity(case: Case) -> list[Problem]:
    if case.case_id is None:
        return []
    match = CASE_ID_PATTERN.match(case.case_id)
    if not match:
        return [_error(Case, "case_id", ProblemCode.CASE_ID, found=case.case_id)]
    if case.town is not None and match[1] != case.town.code:
        return [
            _error(
                Case, "case_id", ProblemCode.CASE_ID_TOWN, found=case.case_id, town=case.town.value
            )
        ]
    return []


def _case_consent(case: Case, today: date) -> list[Problem]:
    problems = []
    given, withdrawn = case.consent_given, case.consent_withdrawn
    if given and withdrawn and withdrawn < given:
        problems.append(_error(Case, "consent_withdrawn", ProblemCode.CONSENT_ORDER))
    if withdrawn is not None:
        problems.append(
            _warning(
                Case, "consent_withdrawn", ProblemCode.CONSENT_WITHDRAWN, since=_fmt(withdrawn)
            )
        )
    elif given is None:
        problems.append(_warning(Case, "consent_given", ProblemCode.NO_CONSENT))
    return problems


def _case_warnings(case: Case, today: date) -> list[Problem]:
    problems = []
    if case.postcode and case.town and case.postcode not in TOWN_POSTCODES[Town(case.town)]:
        problems.append(
            _warning(
                Case,
                "postcode",
                ProblemCode.POSTCODE_TOWN,
                postcode=case.postcode,
                town=case.town.value,
            )
        )
    if case.birth_date and case.birth_date <= today and _age(case.birth_date, today) < 18:
        problems.append(
            _warning(Case, "birth_date", ProblemCode.MINOR, age=_age(case.birth_date, today))
        )
    until = case.residence_valid_until
    if until is not None and case.status is not CaseStatus.ABGESCHLOSSEN:
        if until < today:
            problems.append(
                _warning(
                    Case, "residence_valid_until", ProblemCode.RESIDENCE_EXPIRED, until=_fmt(until)
                )
            )
        elif until <= today + timedelta(days=RESIDENCE_WARNING_DAYS):
            problems.append(
                _warning(
                    Case,
                    "residence_valid_until",
                    ProblemCode.RESIDENCE_EXPIRES,
                    until=_fmt(until),
                    days=(until - today).days,
                )
            )
    if case.follow_up and case.follow_up < today and case.status is not CaseStatus.ABGESCHLOSSEN:
        problems.append(
            _warning(Case, "follow_up", ProblemCode.FOLLOW_UP_OVERDUE, since=_fmt(case.follow_up))
        )
    return problems


def check_case(case: Case, today: date) -> list[Problem]:
    """All cross-field problems of a case row."""
    return [
        *_case_identity(case),
        *_case_dates(case, today),
        *_case_closing(case),
        *_case_household(case),
        *_case_consent(case, today),
        *_case_warnings(case, today),
    ]


def _parent(model: type[BaseModel], case_id: str | None, case_ids: Container[str]) -> list[Problem]:
    if case_id is not None and case_id not in case_ids:
        return [_error(model, "case_id", ProblemCode.UNKNOWN_CASE, found=case_id)]
    return []


def check_contact(contact: Contact, today: date, case_ids: Container[str]) -> list[Problem]:
    problems = _parent(Contact, contact.case_id, case_ids)
    minutes = contact.duration_minutes
    if minutes is not None and not 1 <= minutes <= MAX_CONTACT_MINUTES:
        problems.append(
            _error(
                Contact,
                "duration_minutes",
                ProblemCode.NUMBER_RANGE,
                low=1,
                high=MAX_CONTACT_MINUTES,
                found=minutes,
            )
        )
    if contact.date and contact.date > today and not contact.planned:
        problems.append(_error(Contact, "date", ProblemCode.CONTACT_IN_FUTURE))
    if contact.date and contact.date < today and contact.planned:
        problems.append(
            _warning(Contact, "planned", ProblemCode.APPOINTMENT_PASSED, day=_fmt(contact.date))
        )
    return problems


def check_goal(goal: Goal, today: date, case_ids: Container[str]) -> list[Problem]:
    problems = _parent(Goal, goal.case_id, case_ids)
    last_look = goal.reviewed_on or goal.agreed_on
    is_open = goal.status is not None and goal.status.is_open
    if is_open and last_look is not None and (today - last_look).days > GOAL_REVIEW_DAYS:
        problems.append(
            _warning(Goal, "reviewed_on", ProblemCode.GOAL_NOT_REVIEWED, since=_fmt(last_look))
        )
    return problems


def check_referral(referral: Referral, today: date, case_ids: Container[str]) -> list[Problem]:
    problems = _parent(Referral, referral.case_id, case_ids)
    if referral.passes_on_data and referral.release_from_confidentiality is not True:
        problems.append(
            _error(Referral, "release_from_confidentiality", ProblemCode.REFERRAL_NEEDS_RELEASE)
        )
    if referral.date and referral.date > today:
        problems.append(
            _error(Referral, "date", ProblemCode.DATE_IN_FUTURE, column=header_of(Referral, "date"))
        )
    return problems


RowChecker = Callable[[BaseModel, date, Container[str]], list[Problem]]


def _check_case(case: BaseModel, today: date, case_ids: Container[str]) -> list[Problem]:
    return check_case(case, today)  # type: ignore[arg-type]


def _no_rules(record: BaseModel, today: date, case_ids: Container[str]) -> list[Problem]:
    return []


_CHECKERS: dict[type[BaseModel], RowChecker] = {
    Case: _check_case,
    Contact: check_contact,  # type: ignore[dict-item]
    Goal: check_goal,  # type: ignore[dict-item]
    Referral: check_referral,  # type: ignore[dict-item]
}


def record_checker(model: type[BaseModel]) -> RowChecker:
    """The cross-field rules of a worksheet's model, for checking many of its rows."""
    return _CHECKERS.get(model, _no_rules)


def check_record(record: BaseModel, today: date, case_ids: Container[str]) -> list[Problem]:
    """The cross-field rules of whichever worksheet `record` belongs to."""
    return record_checker(type(record))(record, today, case_ids)
