"""The page a signed-out visitor asked for, kept across the town's sign-in (OIDC), opened after it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from casebook.core.actors import Role
from ui.navigation import PAGES, PageSpec

WANTED_KEY = "auth.wanted_page"
_MAX_PARAMS = 5
_MAX_LENGTH = 200


@dataclass(frozen=True)
class WantedPage:
    """One of this app's pages by its address (never a URL), with its query, e.g. fall?id=…"""

    url_path: str
    query: tuple[tuple[str, str], ...] = ()


def wanted_page(url_path: str, query: Mapping[str, object]) -> WantedPage | None:
    """The page to open after signing in, if the address names a page of this app; else None."""
    if not any(spec.url_path == url_path for spec in PAGES):
        return None  # the login's own address, an unknown page, or anything that is not ours
    pairs = [
        (key, value)
        for key, value in query.items()
        if isinstance(key, str) and isinstance(value, str) and len(key + value) <= _MAX_LENGTH
    ]
    return WantedPage(url_path, tuple(pairs[:_MAX_PARAMS]))


def page_after_sign_in(wanted: object, role: Role) -> tuple[PageSpec, dict[str, str]] | None:
    """The kept page and its query if this role may open it; the kept value is checked again."""
    if not isinstance(wanted, WantedPage):
        return None
    for spec in PAGES:
        if spec.url_path == wanted.url_path and role in spec.roles:
            return spec, dict(wanted.query)
    return None


def remember(url_path: str) -> None:
    """Before leaving for the identity provider: keep the page (and query) the visitor is on.

    At the login's own address an earlier try's page stays, so a failed sign-in loses nothing.
    """
    wanted = wanted_page(url_path, st.query_params.to_dict())
    if wanted is not None:
        st.session_state[WANTED_KEY] = wanted


def open_after_sign_in(role: Role, pages: Mapping[str, StreamlitPage], landed_at: str) -> None:
    """Once signed in: when the sign-in landed on the start page, go on to the kept page.

    Streamlit's OIDC callback always returns to the app's root; a page opened by address keeps
    its own (so a kept page from an earlier, abandoned try never hijacks a link).
    """
    target = page_after_sign_in(st.session_state.pop(WANTED_KEY, None), role)
    if target is None or landed_at != "" or target[0].path not in pages:
        return
    spec, query = target
    st.switch_page(pages[spec.path], query_params=query)
