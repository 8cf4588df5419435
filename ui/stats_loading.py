"""Statistical facts of the towns, cached per file version; never the rows with names."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import streamlit as st

from casebook.core.access import Attempt, check_access
from casebook.core.actors import Actor
from casebook.core.sources import TownSource
from casebook.stats.facts import TownFacts
from casebook.stats.reporting import load_facts
from casebook.storage.base import StorageError
from sheets_schema.enums import Town
from ui.loading import held_town
from ui.session import AppContext

_MAX_ENTRIES = 40


@dataclass(frozen=True)
class FactsFailure:
    """A town whose spreadsheet could not be read right now."""

    town: Town
    label: str
    error: StorageError


@st.cache_resource(max_entries=_MAX_ENTRIES, show_spinner="Tabellen werden ausgewertet …")
def _facts(
    town: str,
    location: str,
    version: str,
    today: date,
    reference_day: date,
    _source: TownSource,
    _actor: Actor,
) -> TownFacts:
    # Facts hold no personal data, so sessions of different users may share them.
    return load_facts(_source, _actor, today, reference_day, loaded=held_town(_source, today))


def load_town_facts(
    ctx: AppContext, towns: Iterable[Town], reference_day: date
) -> tuple[list[TownFacts], list[FactsFailure]]:
    """The facts of the chosen towns; a town that fails does not stop the others."""
    wanted = set(towns)
    found: list[TownFacts] = []
    failures: list[FactsFailure] = []
    for source in ctx.sources:
        if source.town not in wanted:
            continue
        # Checked (and a refusal logged) on every call: the cache is shared and would skip
        # load_facts' check on a hit.
        check_access(source, ctx.actor, Attempt.COUNT)
        try:
            version = source.store.version()
            found.append(
                _facts(
                    source.town.value,
                    source.store.label,
                    version,
                    ctx.today,
                    reference_day,
                    source,
                    ctx.actor,
                )
            )
        except StorageError as error:
            failures.append(FactsFailure(source.town, source.store.label, error))
    return found, failures


def forget_facts() -> None:
    """Drop the cached facts (tests)."""
    _facts.clear()
