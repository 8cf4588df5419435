"""The sidebar: page links, who acts, which spreadsheets are loaded, and whether it is demo data."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from ui.loading import load_towns
from ui.session import AppContext


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def show_sidebar(ctx: AppContext, links: Sequence[StreamlitPage]) -> None:
    with st.sidebar:
        st.markdown("### KIM-Fallverwaltung")
        for page in links:
            st.page_link(page)
        st.divider()
        st.caption(f"Angemeldet: **{ctx.actor.name}** ({ctx.actor.role.value})")
        if ctx.config.demo:
            st.warning(
                "**Erfundene Demodaten** – alle Personen sind ausgedacht. Für echte Tabellen "
                "legen Sie eine sources.toml an.",
                icon=":material/science:",
            )
        loaded = load_towns(ctx)
        lines = []
        for town, data in loaded.data.items():
            count = len(data.cases)
            lines.append(
                f"- :material/check_circle: **{town.value}** – {_name(data.source)} ({_number(count)} Fälle)"
            )
        for failure in loaded.failures:
            lines.append(
                f"- :material/error: **{failure.town.value}** – {failure.label}: nicht lesbar"
            )
        st.markdown("**Geladene Tabellen**\n" + "\n".join(lines))


def _name(source: str) -> str:
    return source.replace("\\", "/").rsplit("/", 1)[-1]
