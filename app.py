"""Entry point (`streamlit run app.py`): page navigation, the sidebar with the loaded towns, the page."""

from __future__ import annotations

import streamlit as st

from casebook.config import ConfigError
from casebook.storage.base import StorageError
from ui.feedback import show_error
from ui.session import app_context
from ui.sidebar import show_sidebar


def main() -> None:
    st.set_page_config(
        page_title="KIM-Fallverwaltung", page_icon=":material/folder_shared:", layout="wide"
    )
    pages = {
        "faelle": st.Page(
            "pages/faelle.py",
            title="Fälle",
            url_path="faelle",
            icon=":material/list:",
            default=True,
        ),
        "neu": st.Page(
            "pages/neuer_fall.py", title="Neuer Fall", url_path="neu", icon=":material/add:"
        ),
        "fall": st.Page(
            "pages/fall.py", title="Fall", url_path="fall", icon=":material/folder_open:"
        ),
        "auswertung": st.Page(
            "pages/auswertung.py",
            title="Auswertung",
            url_path="auswertung",
            icon=":material/bar_chart:",
        ),
    }
    # The case page is reached through the list or a link; the sidebar shows our own links.
    page = st.navigation(list(pages.values()), position="hidden")
    try:
        ctx = app_context()
    except (ConfigError, StorageError, OSError) as error:
        show_error(error)
        st.stop()
    show_sidebar(ctx, [pages["faelle"], pages["neu"], pages["auswertung"]])
    page.run()


main()
