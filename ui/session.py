"""Session wiring: configuration, the towns' sources, demo workbooks, the acting user and today."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from casebook.core.actors import Actor
from casebook.core.config import AppConfig, load_config, town_sources
from casebook.core.sources import TownSource
from sheets_schema.enums import Town
from ui.auth import signed_in_actor

_demo_lock = threading.Lock()


@dataclass(frozen=True)
class AppContext:
    """What every page needs: the sources of the configured towns, who acts, and today."""

    config: AppConfig
    sources: tuple[TownSource, ...]
    actor: Actor
    today: date
    # Every configured source, the user's or not: only for noting a refusal in the Protokoll of
    # the town a user tried to reach (a Xanten account opening a Moers Fall-ID); never read.
    configured: tuple[TownSource, ...] = ()

    @property
    def towns(self) -> tuple[Town, ...]:
        return tuple(source.town for source in self.sources)

    def source(self, town: Town) -> TownSource:
        return next(source for source in self.sources if source.town is town)

    def owning_source(self, town: Town) -> TownSource | None:
        """The town's configured source, also when the user does not work for that town."""
        return next((s for s in (*self.sources, *self.configured) if s.town is town), None)


class NotSignedIn(Exception):
    """A page ran before app.py's sign-in (only possible outside the app's navigation)."""


def current_actor() -> Actor:
    """The acting user as ui.auth.sign_in found them in this run (app.py signs in first)."""
    actor = signed_in_actor()
    if actor is None:
        raise NotSignedIn()
    return actor


def today() -> date:
    return date.today()


def ensure_demo_workbooks(config: AppConfig) -> list[Path]:
    """Write the demo workbooks that are missing (never overwriting one); returns those written."""
    if not config.demo or all(source.workbook.exists() for source in config.sources):
        return []
    from casebook.demo.workbooks import write_demo  # only demo mode needs the generator

    folder = config.sources[0].workbook.parent
    # Two browser sessions may start at once; one writes, the other finds the files there.
    with _demo_lock:
        folder.mkdir(parents=True, exist_ok=True)
        return write_demo(folder)


@st.cache_resource(show_spinner=False, max_entries=8)
def _open_sources(config_key: str, _config: AppConfig) -> tuple[TownSource, ...]:
    # One store per source for the whole server: a store keeps what it read last (the workbook
    # store skips re-reading an unchanged file on save; the Google store its sheet list and its
    # cache window), which a new store on every rerun would throw away.
    return tuple(town_sources(_config))


def app_context() -> AppContext:
    """Read sources.toml (or choose demo mode) and wire the sources; raises ConfigError."""
    config = load_config()
    ensure_demo_workbooks(config)
    configured = _open_sources(repr(config), config)
    actor = current_actor()
    # Nobody gets sources of towns outside their account, so pages never try to read them.
    sources = tuple(source for source in configured if source.town in actor.towns)
    return AppContext(
        config=config, sources=sources, actor=actor, today=today(), configured=configured
    )


def run_page(main: Callable[[AppContext], None]) -> None:
    """Run a page file with the app's context, always under app.py's navigation.

    Because the page files live in pages/, Streamlit runs a page file on its own (old
    multipage mode, without app.py) when a fresh server's first request is a page URL
    such as a bookmarked fall?id=…. Such a run hands over to app.py, whose st.navigation
    then opens the same page with the same query parameters.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
    main(app_context())
