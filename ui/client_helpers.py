"""Loads the page-wide accessibility helpers once per run: German labels, lang="de", contrast CSS."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

_HERE = Path(__file__).resolve().parent
CSS_FILE = _HERE / "accessibility.css"
SCRIPT_FILE = _HERE / "german_client.js"
CONTAINER_KEY = "kim-client-helpers"


def install_client_helpers() -> None:
    """Adds the CSS and the client script; the script guards itself against running twice."""
    st.html(CSS_FILE)
    with st.container(key=CONTAINER_KEY):
        st.html(
            f"<script>{SCRIPT_FILE.read_text(encoding='utf-8')}</script>",
            unsafe_allow_javascript=True,
        )


def problems_key(widget_key: str) -> str:
    """Key of the container holding a field's problems; the client script links the two."""
    return f"{widget_key}-problems"
