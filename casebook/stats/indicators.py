"""The counting rules, one small function per indicator, over one town's facts and a period."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from casebook.stats.facts import NO_ANSWER, CaseFacts, TownFacts
from casebook.stats.period import Month, Period
from casebook.stats.tally import ZERO, Tally, count, one, total
from sheets_schema.enums import GoalStatus, Partner, ReferralResult

REACHED_GOALS = (GoalStatus.ERREICHT, GoalStatus.TEILWEISE)


def stock_day(period: Period, today: date) -> date:
    """The day the Bestand is counted on: the period's last day, or today while it runs."""
    return min(period.end, today)


def admissions(facts: TownFacts, period: Period) -> list[CaseFacts]:
    """Zugänge: cases whose Aufnahme lies in the period (first and last day included)."""
    return [case for case in facts.cases if period.contains(case.admission)]


def closings(facts: TownFacts, period: Period) -> list[CaseFacts]:
    """Abgänge: cases with status Abgeschlossen whose Abschluss lies in the period."""
    return [case for case in facts.cases if period.contains(case.closing)]


def stock(facts: TownFacts, day: date) -> list[CaseFacts]:
    """Bestand: admitted on or before `day` and not closed on or before it."""
    return [case for case in facts.cases if case.in_care_on(day)]


def in_care(facts: TownFacts, period: Period) -> list[CaseFacts]:
    """Betreute Fälle: in care on at least one day of the period."""
    return [case for case in facts.cases if case.in_care_during(period.start, period.end)]


def cases_count(cases: Iterable[CaseFacts]) -> Tally:
    """The number of cases, with their cell key."""
    return count(case.record for case in cases)


def people_reached(cases: Iterable[CaseFacts]) -> Tally:
    """Erreichte Personen: the sum of Haushaltsgröße (an empty one counts as 1, the client)."""
    return total(Tally(case.household, case.people_key) for case in cases)


K = TypeVar("K", bound=Hashable)


def _add(counts: dict[K, Tally], what: K, tally: Tally) -> None:
    counts[what] = counts.get(what, ZERO) + tally


def by_month(
    cases: Iterable[CaseFacts], day: Callable[[CaseFacts], date | None], period: Period
) -> dict[Month, Tally]:
    """Cases per month of the day `day` gives, for the days within the period."""
    counts: dict[Month, Tally] = {}
    for case in cases:
        found = day(case)
        if found is not None and period.contains(found):
            _add(counts, Month(found.year, found.month), one(case.record))
    return counts


def by_value(cases: Iterable[CaseFacts], value: Callable[[CaseFacts], object]) -> dict[str, Tally]:
    """Cases per value of one attribute; an empty value counts as „ohne Angabe“."""
    counts: dict[str, Tally] = {}
    for case in cases:
        found = value(case)
        _add(counts, NO_ANSWER if found is None else str(found), one(case.record))
    return counts


def by_values(
    cases: Iterable[CaseFacts], values: Callable[[CaseFacts], Iterable[object]]
) -> dict[str, Tally]:
    """Cases per value of a multi-value attribute: a case counts once under each of its values."""
    counts: dict[str, Tally] = {}
    for case in cases:
        found = {str(v) for v in values(case)}
        for value in found or {NO_ANSWER}:
            _add(counts, value, one(case.record))
    return counts


def nationality_key(text: str) -> str:
    """Spellings of one nationality are counted together: case and spaces do not matter."""
    return " ".join(text.split()).casefold()


def nationalities(cases: Iterable[CaseFacts]) -> tuple[dict[str, Tally], dict[str, str]]:
    """Cases per nationality (by key), and the most frequent spelling of each key."""
    counts: dict[str, Tally] = {}
    spellings: dict[str, Counter[str]] = {}
    for case in cases:
        keys = set()
        for text in case.nationalities:
            key = nationality_key(text)
            keys.add(key)
            spellings.setdefault(key, Counter())[" ".join(text.split())] += 1
        for key in keys or {NO_ANSWER}:
            _add(counts, key, one(case.record))
    labels = {key: c.most_common(1)[0][0] for key, c in spellings.items()}
    labels[NO_ANSWER] = NO_ANSWER
    return counts, labels


def durations(cases: Iterable[CaseFacts]) -> list[int]:
    """Days from Aufnahme to Abschluss of closed cases."""
    return [(case.closing - case.admission).days for case in cases if case.closing is not None]


def median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def closed_goals(facts: TownFacts, period: Period) -> dict[GoalStatus, Tally]:
    """Goals no longer open whose Überprüft am (else Zieldatum) lies in the period."""
    counts: dict[GoalStatus, Tally] = {}
    for goal in facts.goals:
        if not goal.status.is_open and period.contains(goal.closed_on):
            _add(counts, goal.status, one(goal.record))
    return counts


Referral = tuple[Partner | None, ReferralResult | None]


def referrals(facts: TownFacts, period: Period) -> dict[Referral, Tally]:
    """Vermittlungen dated in the period, by partner and result."""
    counts: dict[Referral, Tally] = {}
    for referral in facts.referrals:
        if period.contains(referral.day):
            _add(counts, (referral.partner, referral.result), one(referral.record))
    return counts


@dataclass(frozen=True)
class ContactFigures:
    contacts: Tally
    mediated: Tally
    cases: Tally  # distinct cases with at least one contact in the period


def contacts(facts: TownFacts, period: Period) -> ContactFigures:
    """Kontakte dated in the period, those with Sprachmittlung, and the cases they belong to."""
    found = [contact for contact in facts.contacts if period.contains(contact.day)]
    cases = {contact.case_key: contact.case_record for contact in found}
    return ContactFigures(
        contacts=count(contact.record for contact in found),
        mediated=count(contact.record for contact in found if contact.mediated),
        cases=count(cases.values()),
    )
