"""Page „Erklärung zur Barrierefreiheit“ (`/barrierefreiheit`): open to everyone, signed in or not."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from ui.accessibility_statement import show_statement

if __name__ == "__main__":
    if PagesManager.uses_pages_directory:
        # A fresh server's first request ran this file without app.py (see ui.session.run_page);
        # the statement is linked from outside, so such a first visit is likely.
        PagesManager.uses_pages_directory = False
        st.rerun()
    show_statement()
