"""Duplicate pairs of the loaded towns, computed once per version of their spreadsheets, as a table."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

from casebook.core.town_data import TownData
from casebook.duplicates.cases import duplicate_index
from casebook.duplicates.matching import DuplicateIndex, DuplicatePair, Person
from ui.case_table import case_link

_MAX_ENTRIES = 8
LEVEL, SCORE, EVIDENCE = "Einschätzung", "Punkte", "Übereinstimmung"
LINK_A, NAME_A, TOWN_A, BORN_A = "_link_a", "Name A", "Kommune A", "Geburtsdatum A"
LINK_B, NAME_B, TOWN_B, BORN_B = "_link_b", "Name B", "Kommune B", "Geburtsdatum B"

TownKey = tuple[str, str, str]


def _keys(towns: Iterable[TownData]) -> tuple[TownKey, ...]:
    return tuple(sorted((data.town.value, data.source, data.version) for data in towns))


@st.cache_resource(max_entries=_MAX_ENTRIES, show_spinner=False)
def _index(keys: tuple[TownKey, ...], today: date, _towns: tuple[TownData, ...]) -> DuplicateIndex:
    # Shared by all sessions; the key changes whenever one of the spreadsheets changes.
    return duplicate_index(_towns)


@st.cache_resource(max_entries=_MAX_ENTRIES, show_spinner="Mögliche Doppelungen werden gesucht …")
def _pairs(keys: tuple[TownKey, ...], today: date, _index: DuplicateIndex) -> list[DuplicatePair]:
    return _index.pairs()


def shared_index(towns: Iterable[TownData], today: date) -> DuplicateIndex:
    """The duplicate index over these towns as loaded (built once, shared by all sessions)."""
    loaded = tuple(towns)
    return _index(_keys(loaded), today, loaded)


def duplicate_pairs(towns: Iterable[TownData], today: date) -> list[DuplicatePair]:
    loaded = tuple(towns)
    keys = _keys(loaded)
    return _pairs(keys, today, _index(keys, today, loaded))


def forget_duplicates() -> None:
    """Drop the cached indexes (tests)."""
    _index.clear()
    _pairs.clear()


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
