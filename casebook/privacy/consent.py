"""Consent to the processing of personal data: which cases lack it or had it withdrawn."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from casebook.core.access import Attempt, check_access
from casebook.core.actors import Actor
from casebook.core.sources import TownSource
from casebook.core.town_data import RecordRow, TownData, read_town
from sheets_schema import Problem, ProblemCode

CONSENT_CODES = frozenset({ProblemCode.NO_CONSENT, ProblemCode.CONSENT_WITHDRAWN})


@dataclass(frozen=True)
class ConsentGap:
    """A case whose personal data lack a valid consent, and the warning that says why."""

    row: RecordRow
    problem: Problem

    @property
    def case_id(self) -> str:
        return str(self.row.record_id or "")

    @property
    def withdrawn(self) -> bool:
        return self.problem.code == "consent_withdrawn"


def consent_problem(row: RecordRow) -> Problem | None:
    """The consent warning of a case row (missing or withdrawn), if it has one."""
    return next((p for p in row.problems if p.code in CONSENT_CODES), None)


def consent_gaps(source: TownSource, actor: Actor, today: date) -> list[ConsentGap]:
    """All cases of a town without a valid consent, withdrawn ones first."""
    check_access(source, actor, Attempt.READ)
    return gaps_in(read_town(source.town, source.store.load(), today))


def gaps_in(data: TownData) -> list[ConsentGap]:
    """The consent gaps of a town already read (the UI's cached, permission-checked load)."""
    gaps = []
    for row in data.cases:
        problem = consent_problem(row)
        if problem is not None:
            gaps.append(ConsentGap(row, problem))
    return sorted(gaps, key=lambda gap: (not gap.withdrawn, gap.case_id))
