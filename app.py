"""Entry point (`streamlit run app.py`): sign-in, the pages of the user's role, the sidebar, the page."""

from __future__ import annotations

import streamlit as st

from casebook.core.accounts import UsersFileError
from casebook.core.config import DEMO_LOGIN_REFUSED, ConfigError, load_config
from casebook.core.malloc_tuning import return_large_blocks
from casebook.storage.base import StorageError
from ui.accessibility_statement import statement_page
from ui.auth import keep_session, login_page, login_setup, sign_in
from ui.browser_session import cookie_tag
from ui.client_helpers import install_client_helpers
from ui.feedback import show_error
from ui.navigation import login_pages, sidebar_links, streamlit_pages
from ui.session import app_context
from ui.sidebar import show_sidebar
from ui.wanted_page import open_after_sign_in


def main() -> None:
    return_large_blocks()  # the server's memory stays flat across saves (docs/decisions.md)
    st.set_page_config(
        page_title="KIM-Fallverwaltung", page_icon=":material/folder_shared:", layout="wide"
    )
    install_client_helpers()
    try:
        setup = login_setup()
        config = load_config()
        if setup.demo and not config.allow_demo_login:
            # Without accounts anyone could open real cases of every town.
            raise ConfigError(DEMO_LOGIN_REFUSED)
        towns = [source.town for source in config.sources]
    except (ConfigError, UsersFileError, OSError) as error:
        show_error(error)
        st.stop()
    actor = sign_in(setup, towns)
    statement = statement_page()
    cookie_tag()
    if actor is None:
        # Only the login (and the accessibility statement), but under every page's address: a
        # link to fall?id=… keeps its address and query while the user signs in, and the same
        # run after sign-in opens that page.
        def login() -> None:
            login_page(setup, here=login_navigation.url_path)
            st.page_link(statement, label="Erklärung zur Barrierefreiheit")

        login_navigation = st.navigation([*login_pages(login), statement], position="hidden")
        login_navigation.run()
        return
    pages = streamlit_pages(actor.role)
    # The case page is reached through the list or a link; the sidebar shows our own links.
    page = st.navigation([*pages.values(), statement], position="hidden")
    # After the town's sign-in (OIDC), which always lands on the root: on to the wanted page.
    open_after_sign_in(actor.role, pages, page.url_path)
    try:
        ctx = app_context()
    except (ConfigError, StorageError, OSError) as error:
        show_error(error)
        st.stop()
    show_sidebar(ctx, [*sidebar_links(actor.role, pages), statement], setup)
    try:
        page.run()
    finally:
        # Also when the page reran or stopped: a failed save's input survives a reload.
        keep_session()


main()
