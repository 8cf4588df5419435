"""Tables of fields recorded but not reported before: Zugangsweg, Leistungsbezug, Wohnsituation."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from casebook.stats import indicators as ind
from casebook.stats.facts import TownFacts
from casebook.stats.layout import Layout
from casebook.stats.period import Period
from casebook.stats.table import StatTable
from sheets_schema.enums import AccessRoute, Benefits, Housing

# Keys in report order; report.py names their worksheets, the dashboard shows them together.
SITUATION_KEYS = ("zugangsweg", "leistungsbezug", "wohnsituation")


def _values(enum: type[Enum]) -> list[str]:
    return [str(member.value) for member in enum]


def situation_tables(lay: Layout, facts: Sequence[TownFacts], period: Period) -> list[StatTable]:
    """How new cases came in, and what the cases in care live on and where they live.

    Plain count tables: build_figures publishes them like every other table, so whatever
    protection coordinators get applies to them too.
    """
    admitted = [ind.admissions(f, period) for f in facts]
    cared = [ind.in_care(f, period) for f in facts]
    return [
        lay.categories(
            "zugangsweg",
            "Zugänge nach Zugangsweg",
            "Zugangsweg",
            _values(AccessRoute),
            [ind.by_value(cases, lambda c: c.access_route) for cases in admitted],
            note="Zugänge im Zeitraum: wie der Kontakt zustande kam.",
        ),
        lay.categories(
            "leistungsbezug",
            "Leistungsbezug",
            "Leistungsbezug",
            _values(Benefits),
            [ind.by_value(cases, lambda c: c.benefits) for cases in cared],
            note="Betreute Fälle im Zeitraum, nach dem zuletzt eingetragenen Leistungsbezug.",
        ),
        lay.categories(
            "wohnsituation",
            "Wohnsituation",
            "Wohnsituation",
            _values(Housing),
            [ind.by_value(cases, lambda c: c.housing) for cases in cared],
            note="Betreute Fälle im Zeitraum, nach der zuletzt eingetragenen Wohnsituation.",
        ),
    ]
