"""Session wiring: configuration, the towns' sources, demo workbooks, the acting user and today."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from casebook.actors import Actor, Role
from casebook.config import AppConfig, load_config, town_sources
from casebook.services import TownSource
from sheets_schema.enums import Town

DEFAULT_USER = "Demo-Nutzer:in"

_demo_lock = threading.Lock()


@dataclass(frozen=True)
class AppContext:
    """What every page needs: the sources of the configured towns, who acts, and today."""

    config: AppConfig
    sources: tuple[TownSource, ...]
    actor: Actor
    today: date

    @property
    def towns(self) -> tuple[Town, ...]:
        return tuple(source.town for source in self.sources)

    def source(self, town: Town) -> TownSource:
        return next(source for source in self.sources if source.town is town)


def current_actor(towns: tuple[Town, ...]) -> Actor:
    """The acting user. Until there is a login, everyone is a case manager of all towns."""
    return Actor(
        name=os.environ.get("KIM_USER", DEFAULT_USER),
        role=Role.CASE_MANAGEMENT,
        towns=frozenset(towns),
    )


def today() -> date:
    return date.today()


def ensure_demo_workbooks(config: AppConfig) -> list[Path]:
    """Write the demo workbooks that are missing (never overwriting one); returns those written."""
    if not config.demo or all(source.workbook.exists() for source in config.sources):
        return []
    from casebook.demo import write_demo  # only demo mode needs the generator

    folder = config.sources[0].workbook.parent
    # Two browser sessions may start at once; one writes, the other finds the files there.
    with _demo_lock:
        folder.mkdir(parents=True, exist_ok=True)
        return write_demo(folder)


def app_context() -> AppContext:
    """Read sources.toml (or choose demo mode) and wire the sources; raises ConfigError."""
    config = load_config()
    ensure_demo_workbooks(config)
    sources = tuple(town_sources(config))
    towns = tuple(source.town for source in sources)
    return AppContext(config=config, sources=sources, actor=current_actor(towns), today=today())


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
