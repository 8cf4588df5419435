"""Statistics without personal data: facts per town, counting rules, tables for a period."""

from casebook.stats.facts import CaseFacts, Note, TownFacts, town_facts
from casebook.stats.period import InvalidPeriod, Period, between, parse_quarter, quarter, year
from casebook.stats.table import Cell, Kind, StatTable
from casebook.stats.tables import Figures, build_figures

__all__ = [
    "CaseFacts",
    "Cell",
    "Figures",
    "InvalidPeriod",
    "Kind",
    "Note",
    "Period",
    "StatTable",
    "TownFacts",
    "between",
    "build_figures",
    "parse_quarter",
    "quarter",
    "town_facts",
    "year",
]
