"""Which pages each role gets: nobody is even offered a page whose data their role may not see."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from casebook.core.actors import Role

CASES, COORDINATION, ADMINISTRATION = (
    Role.CASE_MANAGEMENT,
    Role.COORDINATION,
    Role.ADMINISTRATION,
)


@dataclass(frozen=True)
class PageSpec:
    """A page file, its title, who may open it, and whether the sidebar links it."""

    path: str
    title: str
    url_path: str
    icon: str
    roles: frozenset[Role]
    in_sidebar: bool = True
    default_for: frozenset[Role] = frozenset()


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "pages/faelle.py", "Fälle", "faelle", ":material/list:",
        frozenset({CASES}), default_for=frozenset({CASES}),
    ),
    PageSpec(
        "pages/aufgaben.py", "Meine Aufgaben", "aufgaben", ":material/task_alt:",
        frozenset({CASES}),
    ),
    PageSpec("pages/neuer_fall.py", "Neuer Fall", "neu", ":material/add:", frozenset({CASES})),
    PageSpec(
        "pages/fall.py", "Fall", "fall", ":material/folder_open:", frozenset({CASES}),
        in_sidebar=False,
    ),
    PageSpec(
        "pages/einwilligungen.py", "Einwilligungen", "einwilligungen", ":material/how_to_reg:",
        frozenset({CASES}),
    ),
    PageSpec(
        "pages/protokoll.py", "Protokoll", "protokoll", ":material/history:", frozenset({CASES})
    ),
    PageSpec(
        "pages/doppelungen.py", "Mögliche Doppelungen", "doppelungen", ":material/group:",
        frozenset({CASES}),
    ),
    PageSpec(
        "pages/datenqualitaet.py", "Datenqualität", "datenqualitaet", ":material/rule:",
        frozenset({CASES}),
    ),
    PageSpec(
        "pages/tabelle_pruefen.py", "Tabelle prüfen", "tabelle-pruefen", ":material/table_view:",
        frozenset({CASES, ADMINISTRATION}),
    ),
    PageSpec(
        "pages/auswertung.py", "Auswertung", "auswertung", ":material/bar_chart:",
        frozenset({CASES, COORDINATION}), default_for=frozenset({COORDINATION}),
    ),
    PageSpec(
        "pages/loeschfristen.py", "Löschfristen", "loeschfristen", ":material/auto_delete:",
        frozenset({ADMINISTRATION}), default_for=frozenset({ADMINISTRATION}),
    ),
)  # fmt: skip


def pages_for(role: Role) -> list[PageSpec]:
    return [spec for spec in PAGES if role in spec.roles]


def streamlit_pages(role: Role) -> dict[str, StreamlitPage]:
    """The role's pages as st.Page objects by file path, the role's start page marked default."""
    return {
        spec.path: st.Page(
            spec.path,
            title=spec.title,
            url_path=spec.url_path,
            icon=spec.icon,
            default=role in spec.default_for,
        )
        for spec in pages_for(role)
    }


def login_pages(show_login: Callable[[], None]) -> list[StreamlitPage]:
    """The login under its own address and under every page's, so a deep link survives it."""
    return [
        st.Page(show_login, title="Anmeldung", url_path="anmeldung", default=True),
        *(st.Page(show_login, title="Anmeldung", url_path=spec.url_path) for spec in PAGES),
    ]


def sidebar_links(role: Role, pages: dict[str, StreamlitPage]) -> list[StreamlitPage]:
    return [pages[spec.path] for spec in pages_for(role) if spec.in_sidebar]
