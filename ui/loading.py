"""Loaded towns, their search indexes and case lists, shared by all browser sessions."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from casebook.cases.save_writes import SaveWrites
from casebook.cases.town_cache import Derived, TownCache
from casebook.cases.transfer import successor
from casebook.core.access import Attempt, check_access
from casebook.core.actors import Actor
from casebook.core.sources import TownSource
from casebook.core.town_data import RecordRow, TownData, read_town
from casebook.search.cases import build_index, follow_index
from casebook.search.index import SearchIndex
from casebook.storage.base import StorageError
from sheets_schema.enums import Town
from sheets_schema.sheets import CASE_ID_PATTERN
from ui.case_table import case_frame, follow_frame
from ui.session import AppContext


@dataclass(frozen=True)
class LoadFailure:
    """A town whose spreadsheet could not be read right now."""

    town: Town
    label: str
    error: StorageError


@dataclass(frozen=True)
class LoadedTowns:
    """The towns read in this run, and those that failed."""

    data: dict[Town, TownData]
    failures: list[LoadFailure]


@st.cache_resource(show_spinner=False)
def _towns() -> TownCache:
    # One per server, shared by all sessions: a town is read once per version of its file. Its
    # towns are set aside from the collection Streamlit runs after every page run (0.45 s at
    # 10,000 cases otherwise; docs/decisions.md).
    return TownCache(set_aside=True)


def _key(source: TownSource) -> tuple[str, str]:
    return (source.town.value, source.store.label)


def load(
    source: TownSource,
    actor: Actor,
    today: date,
    attempt: Attempt = Attempt.READ,
    record_id: str | None = None,
) -> TownData:
    """A town's data as of the file's current version; raises StorageError or AccessDenied."""
    # The cache is shared by all users, so access is checked (and a refusal noted in the town's
    # Protokoll) on every call, not only on a miss.
    check_access(source, actor, attempt, record_id)
    read = _reader(source, today)

    def read_with_spinner() -> TownData:
        with st.spinner("Tabelle wird gelesen …"):
            return read()

    return _towns().town(_key(source), source.store.version(), today, read_with_spinner)


def _reader(source: TownSource, today: date) -> Callable[[], TownData]:
    # Access is checked by the caller, once per call, before the shared copy is touched.
    return lambda: read_town(source.town, source.store.load(), today)


def held_town(source: TownSource, today: date) -> Callable[[], TownData]:
    """The town as the server holds it, for the core's aggregates only (load_facts checks who may
    count and keeps nothing but facts); read in full when the held copy is not the file's version."""

    def loaded() -> TownData:
        return _towns().town(_key(source), source.store.version(), today, _reader(source, today))

    return loaded


def load_towns(
    ctx: AppContext, towns: Iterable[Town] | None = None, attempt: Attempt = Attempt.READ
) -> LoadedTowns:
    """Read the chosen (default: all) towns; a town that fails does not stop the others."""
    wanted = set(towns) if towns is not None else set(ctx.towns)
    data: dict[Town, TownData] = {}
    failures: list[LoadFailure] = []
    for source in ctx.sources:
        if source.town not in wanted:
            continue
        try:
            data[source.town] = load(source, ctx.actor, ctx.today, attempt)
        except StorageError as error:
            failures.append(LoadFailure(source.town, source.store.label, error))
    return LoadedTowns(data, failures)


def town_views(today: date) -> tuple[Derived[SearchIndex], Derived[pd.DataFrame]]:
    """What pages compute from a loaded town: its search index and its case list."""
    # Keyed by day as well: the case list marks follow-ups due today.
    index: Derived[SearchIndex] = Derived("search", build_index, follow_index)
    frame: Derived[pd.DataFrame] = Derived(
        f"cases:{today.isoformat()}",
        lambda data: case_frame(data, today),
        lambda frame, patched: follow_frame(frame, patched, today),
    )
    return index, frame


def search_index(data: TownData, today: date) -> SearchIndex:
    return _towns().derived(data, town_views(today)[0])


def cases_table(data: TownData, today: date) -> pd.DataFrame:
    """The town's case list as a frame; shared, so callers must not change it in place."""
    return _towns().derived(data, town_views(today)[1])


def follow_save(writes: SaveWrites | None) -> bool:
    """After the app's own save: the loaded town, its search and case list follow in place, so the
    next page run of every session sees the new version without reading the file again."""
    if writes is None:
        return False
    return _towns().follow(writes, town_views)


def forget_loaded() -> None:
    """Drop all loaded towns (tests; the version check makes this unnecessary in the app)."""
    _towns().clear()


@dataclass(frozen=True)
class CaseLocation:
    """Where a Fall-ID was found: its town's source and data, and the row."""

    source: TownSource
    data: TownData
    row: RecordRow


def _likely_town(case_id: str) -> Town | None:
    match = CASE_ID_PATTERN.match(case_id.strip())
    return Town.from_code(match[1]) if match else None


def locate_case(ctx: AppContext, case_id: str) -> tuple[CaseLocation | None, list[LoadFailure]]:
    """Find a case: first in the town its Fall-ID names, then in all other towns.

    A Fall-ID of a town the user does not work for is refused (AccessDenied), and the refusal
    is noted in that town's Protokoll.
    """
    likely = _likely_town(case_id)
    owner = ctx.owning_source(likely) if likely else None
    if owner is not None and owner not in ctx.sources:
        check_access(owner, ctx.actor, Attempt.READ, case_id.strip())
    order = sorted(ctx.sources, key=lambda source: source.town is not likely)
    failures: list[LoadFailure] = []
    for source in order:
        try:
            data = load(source, ctx.actor, ctx.today, record_id=case_id.strip())
        except StorageError as error:
            failures.append(LoadFailure(source.town, source.store.label, error))
            continue
        row = data.case(case_id.strip())
        if row is not None:
            return CaseLocation(source, data, row), failures
    return None, failures


def moved_case(ctx: AppContext, case_id: str) -> str | None:
    """The new Fall-ID of a case transferred to one of the user's towns, if there is one."""
    for data in load_towns(ctx).data.values():
        found = successor(data, case_id)
        if found is not None:
            return found
    return None
