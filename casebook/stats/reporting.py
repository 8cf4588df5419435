"""Use cases of the dashboard and the quarterly report: figures for any role, names only for
the town's own case managers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from casebook.cases.worklists import WorkItem, follow_ups_due, residence_expiring
from casebook.core.access import Attempt, check_access, may
from casebook.core.actors import Actor
from casebook.core.sources import TownSource
from casebook.core.town_data import TownData, read_town
from casebook.stats.facts import TownFacts, town_facts
from casebook.stats.indicators import stock_day
from casebook.stats.period import InvalidPeriod, Period, is_calendar_unit
from casebook.stats.record_keys import RecordKeys
from casebook.stats.report import Report, build_report
from casebook.stats.secret import installation_keys
from casebook.stats.tables import Figures, build_figures
from sheets_schema.enums import Town

CALENDAR_ONLY = "Die Koordination wertet ganze Monate, Quartale oder Jahre aus"


def may_count(actor: Actor, town: Town) -> bool:
    """Figures of a town: its coordinators and its own case managers (not administrators)."""
    return may(actor, town, Attempt.COUNT)


def sees_small_numbers(actor: Actor, towns: Sequence[Town]) -> bool:
    """Unprotected figures only for case managers of every town the figures cover."""
    return all(may(actor, town, Attempt.READ) for town in towns)


def load_facts(
    source: TownSource,
    actor: Actor,
    today: date,
    reference_day: date,
    record_keys: RecordKeys | None = None,
    loaded: Callable[[], TownData] | None = None,
) -> TownFacts:
    """Read a town's spreadsheet and keep only the facts statistics need.

    The rows with names, addresses, birth dates and notes are dropped here, in the core,
    so nothing above this function ever holds them for a coordinator. `loaded` gives the town as
    the server already holds it (the app's shared copy), so a save costs no full read here.
    Record keys come from the installation's secret unless given.
    """
    check_access(source, actor, Attempt.COUNT)  # a refusal is noted in the town's Protokoll
    data = loaded() if loaded is not None else read_town(source.town, source.store.load(), today)
    return town_facts(data, reference_day, record_keys or installation_keys())


def figures(facts: Sequence[TownFacts], actor: Actor, period: Period, today: date) -> Figures:
    """The dashboard's tables; counts perturbed unless the actor may see every town's cases.

    Facts come only from load_facts, whose check_access decided (and logged) who may have them.
    Perturbed figures exist only for whole calendar months, quarters and years: two free
    ranges a day apart would differ by one person. Raises InvalidPeriod otherwise.
    """
    ordered = sorted(facts, key=lambda item: list(Town).index(item.town))
    towns = [item.town for item in ordered]
    protected = not sees_small_numbers(actor, towns)
    if protected and not is_calendar_unit(period):
        raise InvalidPeriod(period.label, CALENDAR_ONLY)
    return build_figures(ordered, period, today, protected=protected)


def reference_day(period: Period, today: date) -> date:
    """The day ages are taken on: the day the Bestand is counted."""
    return stock_day(period, today)


def quarterly_report(
    sources: Sequence[TownSource], actor: Actor, period: Period, today: date
) -> Report:
    """The report of some towns for a period, as the dashboard shows it to this actor."""
    day = reference_day(period, today)
    facts = [load_facts(source, actor, today, day) for source in sources]
    return build_report(figures(facts, actor, period, today), today)


@dataclass(frozen=True)
class WorkLists:
    """A case manager's lists for one town: Wiedervorlagen and residence titles ending soon."""

    town: Town
    follow_ups: tuple[WorkItem, ...]
    residence: tuple[WorkItem, ...]


def work_lists(source: TownSource, data: TownData, actor: Actor, today: date) -> WorkLists:
    """Names and Fall-IDs: for the town's own case managers only; others are refused (logged)."""
    check_access(source, actor, Attempt.READ)
    if data.town is not source.town:
        raise ValueError(f"data of {data.town} given with the source of {source.town}")
    return WorkLists(
        data.town,
        tuple(follow_ups_due(data, today)),
        tuple(residence_expiring(data, today)),
    )
