"""The sidebar: page links, who acts (demo picker or logout), and which spreadsheets are loaded."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from casebook.core.access import Attempt, may
from ui.auth import (
    DEMO_KEY,
    LoginSetup,
    demo_choices,
    demo_index,
    idle_expired,
    remember_demo_choice,
    request_sign_out,
)
from ui.loading import load_towns
from ui.session import AppContext

IDLE_CHECK_SECONDS = 60


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


@st.fragment(run_every=IDLE_CHECK_SECONDS)
def _idle_watch(setup: LoginSetup) -> None:
    # Fragment runs are no activity; once the idle time is over, a full run signs out.
    if idle_expired(setup):
        st.rerun(scope="app")


def _who(ctx: AppContext, setup: LoginSetup) -> None:
    actor = ctx.actor
    towns = ", ".join(t.value for t in ctx.towns) or "keine"
    if setup.demo:
        st.warning(
            "**Demo-Modus** – ohne Anmeldung. Sobald Konten (users.toml) oder die Anmeldung "
            "der Kommune eingerichtet sind, ist er abgeschaltet.",
            icon=":material/theater_comedy:",
        )
        choices = demo_choices([source.town for source in ctx.config.sources])
        st.selectbox(
            "Demo: Sie handeln als …",
            choices,
            index=demo_index(choices),
            key=DEMO_KEY,
            on_change=remember_demo_choice,
        )
    st.caption(f"Angemeldet: **{actor.name}** ({actor.role.value}) · {towns}")
    if not setup.demo:
        st.button(
            "Abmelden", icon=":material/logout:", key="auth.logout", on_click=request_sign_out
        )
        _idle_watch(setup)


def _tables(ctx: AppContext) -> None:
    if not any(may(ctx.actor, town, Attempt.READ) for town in ctx.towns):
        # Others see which towns are configured, but reading them is for case managers.
        lines = [f"- {source.town.value} – {source.store.label}" for source in ctx.sources]
        st.markdown("**Angebundene Tabellen**\n" + "\n".join(lines))
        return
    loaded = load_towns(ctx)
    lines = []
    for town, data in loaded.data.items():
        count = len(data.cases)
        lines.append(
            f"- :material/check_circle: **{town.value}** – {_name(data.source)} ({_number(count)} Fälle)"
        )
    for failure in loaded.failures:
        lines.append(f"- :material/error: **{failure.town.value}** – {failure.label}: nicht lesbar")
    st.markdown("**Geladene Tabellen**\n" + "\n".join(lines))


def show_sidebar(ctx: AppContext, links: Sequence[StreamlitPage], setup: LoginSetup) -> None:
    with st.sidebar:
        st.markdown("### KIM-Fallverwaltung")
        for page in links:
            st.page_link(page)
        st.divider()
        _who(ctx, setup)
        if ctx.config.demo:
            st.warning(
                "**Erfundene Demodaten** – alle Personen sind ausgedacht. Für echte Tabellen "
                "legen Sie eine sources.toml an.",
                icon=":material/science:",
            )
        _tables(ctx)


def _name(source: str) -> str:
    return source.replace("\\", "/").rsplit("/", 1)[-1]
