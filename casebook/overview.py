"""Case counts per status for coordinators: figures only, and counts below 3 shown as „<3“."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from casebook.access import require_aggregates
from casebook.actors import Actor
from casebook.services import TownSource
from sheets_schema import Case, SheetName, parse_row
from sheets_schema.enums import CaseStatus, Town

SMALL = 3  # counts from 1 to SMALL - 1 could point to a person


def shown(count: int) -> str:
    return f"<{SMALL}" if 0 < count < SMALL else str(count)


@dataclass(frozen=True)
class TownOverview:
    """A town's cases by status, already as the text to show; nothing else leaves the core."""

    town: Town
    by_status: dict[CaseStatus, str]


def town_overview(source: TownSource, actor: Actor) -> TownOverview:
    """Counts of one town's cases per status (coordinators and the town's case managers)."""
    require_aggregates(source, actor)
    counts: Counter[CaseStatus] = Counter()
    for row in source.store.load().table(SheetName.CASES).rows:
        case = parse_row(Case, row.cells).record
        assert isinstance(case, Case)
        if case.status is not None:
            counts[case.status] += 1
    return TownOverview(source.town, {status: shown(counts[status]) for status in CaseStatus})
