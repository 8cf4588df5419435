"""Duplicate pairs of the loaded towns, from an index that follows their new versions, as a table."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

from casebook.core.town_data import TownData
from casebook.duplicates.held import HeldIndexes
from casebook.duplicates.matching import DuplicateIndex, DuplicatePair, Person
from ui.case_table import case_link

_MAX_ENTRIES = 8
LEVEL, SCORE, EVIDENCE = "Einschätzung", "Punkte", "Übereinstimmung"
LINK_A, NAME_A, TOWN_A, BORN_A = "_link_a", "Name A", "Kommune A", "Geburtsdatum A"
LINK_B, NAME_B, TOWN_B, BORN_B = "_link_b", "Name B", "Kommune B", "Geburtsdatum B"


@st.cache_resource(show_spinner=False)
def _held() -> HeldIndexes:
    # One per server, shared by all sessions: built once per choice of towns, then kept in step
    # with each new version of a town row by row.
    return HeldIndexes(max_entries=_MAX_ENTRIES)


def shared_index(towns: Iterable[TownData]) -> DuplicateIndex:
    """The duplicate index over these towns as loaded (shared by all sessions)."""
    return _held().index(tuple(towns))


def duplicate_pairs(towns: Iterable[TownData]) -> list[DuplicatePair]:
    with st.spinner("Mögliche Doppelungen werden gesucht …"):
        return _held().pairs(tuple(towns))


def forget_duplicates() -> None:
    """Drop the held indexes (tests)."""
    _held().clear()


def evidence_text(pair: DuplicatePair) -> str:
    """„Name gleich · Geburtsdatum ähnlich · Telefon fehlt“."""
    return " · ".join(f"{e.label} {e.agreement.value}" for e in pair.evidence)


def _born(person: Person) -> str:
    return person.birth_date.strftime("%d.%m.%Y") if person.birth_date else ""


def pairs_frame(pairs: Iterable[DuplicatePair]) -> pd.DataFrame:
    # The evidence first: it decides whether the pair is worth opening.
    columns = [
        LEVEL,
        SCORE,
        EVIDENCE,
        LINK_A,
        NAME_A,
        TOWN_A,
        LINK_B,
        NAME_B,
        TOWN_B,
        BORN_A,
        BORN_B,
    ]
    return pd.DataFrame(
        [
            {
                LEVEL: pair.level,
                SCORE: pair.score,
                LINK_A: case_link(pair.left.case_id),
                NAME_A: pair.left.display_name,
                TOWN_A: pair.left.town.value,
                BORN_A: _born(pair.left),
                LINK_B: case_link(pair.right.case_id),
                NAME_B: pair.right.display_name,
                TOWN_B: pair.right.town.value,
                BORN_B: _born(pair.right),
                EVIDENCE: evidence_text(pair),
            }
            for pair in pairs
        ],
        columns=columns,
    )


def column_config() -> dict[str, ColumnConfig]:
    return {
        LINK_A: st.column_config.LinkColumn("Fall A", display_text=r"id=(.*)$"),
        LINK_B: st.column_config.LinkColumn("Fall B", display_text=r"id=(.*)$"),
        SCORE: st.column_config.NumberColumn(
            SCORE, help="0–100: Name 55, Geburtsdatum 30, Telefon 15", format="%.0f"
        ),
        EVIDENCE: st.column_config.TextColumn(EVIDENCE, width="medium"),
    }
