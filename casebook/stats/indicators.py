"""The counting rules, one small function per indicator, over one town's facts and a period."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from casebook.stats.facts import NO_ANSWER, CaseFacts, TownFacts
from casebook.stats.period import Month, Period
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


def people_reached(cases: Iterable[CaseFacts]) -> int:
    """Erreichte Personen: the sum of Haushaltsgröße (an empty one counts as 1, the client)."""
    return sum(case.household for case in cases)


def by_month(days: Iterable[date | None], period: Period) -> Counter[Month]:
    counts: Counter[Month] = Counter()
    for day in days:
        if period.contains(day):
            assert day is not None
            counts[Month(day.year, day.month)] += 1
    return counts


def by_value(cases: Iterable[CaseFacts], value: Callable[[CaseFacts], object]) -> Counter[str]:
    """Cases per value of one attribute; an empty value counts as „ohne Angabe“."""
    counts: Counter[str] = Counter()
    for case in cases:
        found = value(case)
        counts[NO_ANSWER if found is None else str(found)] += 1
    return counts


def by_values(
    cases: Iterable[CaseFacts], values: Callable[[CaseFacts], Iterable[object]]
) -> Counter[str]:
    """Cases per value of a multi-value attribute: a case counts once under each of its values."""
    counts: Counter[str] = Counter()
    for case in cases:
        found = {str(v) for v in values(case)}
        for value in found or {NO_ANSWER}:
            counts[value] += 1
    return counts


def nationality_key(text: str) -> str:
    """Spellings of one nationality are counted together: case and spaces do not matter."""
    return " ".join(text.split()).casefold()


def nationalities(cases: Iterable[CaseFacts]) -> tuple[Counter[str], dict[str, str]]:
    """Cases per nationality (by key), and the most frequent spelling of each key."""
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for case in cases:
        keys = set()
        for text in case.nationalities:
            key = nationality_key(text)
            keys.add(key)
            spellings.setdefault(key, Counter())[" ".join(text.split())] += 1
        for key in keys or {NO_ANSWER}:
            counts[key] += 1
    labels = {key: c.most_common(1)[0][0] for key, c in spellings.items()}
    labels[NO_ANSWER] = NO_ANSWER
    return counts, labels


def durations(cases: Iterable[CaseFacts]) -> list[int]:
    """Days from Aufnahme to Abschluss of closed cases."""
    return [(case.closing - case.admission).days for case in cases if case.closing is not None]


def median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def closed_goals(facts: TownFacts, period: Period) -> Counter[GoalStatus]:
    """Goals no longer open whose Überprüft am (else Zieldatum) lies in the period."""
    return Counter(
        goal.status
        for goal in facts.goals
        if not goal.status.is_open and period.contains(goal.closed_on)
    )


def referrals(
    facts: TownFacts, period: Period
) -> Counter[tuple[Partner | None, ReferralResult | None]]:
    """Vermittlungen dated in the period, by partner and result."""
    return Counter(
        (referral.partner, referral.result)
        for referral in facts.referrals
        if period.contains(referral.day)
    )


@dataclass(frozen=True)
class ContactFigures:
    contacts: int
    mediated: int
    cases: int  # distinct cases with at least one contact in the period


def contacts(facts: TownFacts, period: Period) -> ContactFigures:
    """Kontakte dated in the period, those with Sprachmittlung, and the cases they belong to."""
    found = [contact for contact in facts.contacts if period.contains(contact.day)]
    return ContactFigures(
        contacts=len(found),
        mediated=sum(contact.mediated for contact in found),
        cases=len({contact.case_key for contact in found}),
    )
