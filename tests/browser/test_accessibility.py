"""Every page, for every role and without login, passes axe-core and speaks German (BITV 2.0)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from casebook.core.accounts import Account, add_account, hash_password
from casebook.core.actors import Role
from sheets_schema.enums import Town
from tests.browser.a11y_checks import axe_violations, contrast, english_leftovers, settle
from tests.browser.conftest import DEFAULT_TIMEOUT_MS, VIEWPORT
from tests.support.streamlit_server import StreamlitServer, running_app, write_demo_data
from ui.accessibility_statement import URL_PATH
from ui.navigation import pages_for

pytestmark = pytest.mark.browser

DEMO_PICKER = "Demo: Sie handeln als …"
CASE_ID = "KIM-XAN-2026-0007"
STATEMENT = "Barrierefreiheit"
FIRST_LOAD_MS = 30_000
DEMO_ROLES = {
    Role.COORDINATION: "Koordination (Kreis)",
    Role.ADMINISTRATION: "Administration (Löschfristen)",
}
ACTING = {Role.COORDINATION: "Demo-Koordination", Role.ADMINISTRATION: "Demo-Administration"}


def sidebar_pages(role: Role) -> dict[str, str]:
    """Link text → address of every sidebar page of a role (from the app's own page list)."""
    pages = {spec.title: spec.url_path for spec in pages_for(role) if spec.in_sidebar}
    return {**pages, STATEMENT: URL_PATH}


def _open_link(page: Page, title: str, path: str) -> None:
    """Follow a sidebar link: the session (and so the demo role) stays, unlike with goto()."""
    link = page.get_by_test_id("stSidebar").get_by_role("link", name=title, exact=True)
    expect(link).to_have_count(1)  # no stale link of the run before
    link.click()
    # A role's start page keeps the bare address.
    expect(page).to_have_url(re.compile(f"/({path})?$"))
    settle(page)


def _findings(page: Page, where: str) -> dict[str, object]:
    found: dict[str, object] = {}
    if violations := axe_violations(page):
        found[f"{where}: axe"] = violations
    if english := english_leftovers(page):
        found[f"{where}: English"] = english
    if (lang := page.evaluate("document.documentElement.lang")) != "de":
        found[f"{where}: lang"] = lang
    return found


def test_every_case_manager_page_passes_axe_and_is_german(browser_page: Page, app_url: str) -> None:
    page = browser_page
    page.goto(app_url)
    settle(page)
    # No menu of Streamlit's English items (System/Light/Dark, Print, Record screen).
    assert page.get_by_test_id("stMainMenu").count() == 0
    findings: dict[str, object] = {}
    for title, path in sidebar_pages(Role.CASE_MANAGEMENT).items():
        _open_link(page, title, path)
        findings.update(_findings(page, title))
    # The case page has no sidebar link; it opens by its address.
    page.goto(f"{app_url}/fall?id={CASE_ID}")
    expect(page.get_by_role("heading", name=f"Fall {CASE_ID}")).to_be_visible()
    settle(page)
    findings.update(_findings(page, "Fall"))
    assert findings == {}


@pytest.mark.parametrize("role", list(DEMO_ROLES))
def test_every_page_of_the_other_roles_passes_axe_and_is_german(
    browser_page: Page, app_url: str, role: Role
) -> None:
    page = browser_page
    page.goto(app_url)
    settle(page)
    page.get_by_test_id("stSidebar").get_by_role("combobox", name=DEMO_PICKER).click()
    page.get_by_role("option", name=DEMO_ROLES[role]).click()
    # The rerun may not have begun yet: wait for the new role's name, then for the run's end.
    expect(page.get_by_test_id("stSidebar")).to_contain_text(ACTING[role], timeout=FIRST_LOAD_MS)
    settle(page)
    findings: dict[str, object] = {}
    for title, path in sidebar_pages(role).items():
        _open_link(page, title, path)
        findings.update(_findings(page, title))
    assert findings == {}


def test_an_unknown_address_is_told_in_german(browser_page: Page, app_url: str) -> None:
    browser_page.goto(f"{app_url}/gibt-es-nicht")
    dialog = browser_page.get_by_role("dialog")
    expect(dialog).to_contain_text("Seite nicht gefunden")
    expect(dialog).to_contain_text("Die aufgerufene Seite gibt es nicht.")
    settle(browser_page)
    assert english_leftovers(browser_page) == []


@pytest.fixture(scope="module")
def login_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    """The app with a users file: visitors see the login page until they sign in."""
    workdir = tmp_path_factory.mktemp("login-app")

    def prepare(data_dir: Path) -> None:
        write_demo_data(data_dir)
        hashed = hash_password("richtig-geheim-42", rounds=4)
        add_account(
            data_dir / "users.toml",
            Account("a.beispiel", Role.CASE_MANAGEMENT, frozenset({Town.XANTEN}),
                    password_hash=hashed),
        )  # fmt: skip

    with running_app(
        workdir, prepare, env={"KIM_USERS": str(workdir / "data" / "users.toml")}
    ) as server:
        yield server


def test_login_page_and_statement_need_no_login_and_pass_axe(
    chromium: Browser, login_server: StreamlitServer
) -> None:
    context = chromium.new_context(viewport=VIEWPORT, locale="de-DE")
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    try:
        # The server's very first request: a link from a town's website to the statement.
        page.goto(f"{login_server.base_url}/barrierefreiheit")
        statement = page.get_by_role("heading", name="Erklärung zur Barrierefreiheit")
        # The first run hands over to app.py; on a busy machine that takes a while.
        expect(statement).to_be_visible(timeout=FIRST_LOAD_MS)
        settle(page)
        expect(page.get_by_role("dialog")).to_have_count(0)
        page.goto(login_server.base_url)
        expect(page.get_by_role("heading", name="Anmeldung")).to_be_visible()
        settle(page)
        findings = _findings(page, "Anmeldung")
        page.get_by_role("link", name="Erklärung zur Barrierefreiheit").click()
        expect(statement).to_be_visible()
        settle(page)
        findings.update(_findings(page, "Barrierefreiheit"))
        for part in (
            "Stand der Vereinbarkeit",
            "Nicht barrierefreie Inhalte",
            "Feedback und Kontakt",
            "Durchsetzungsverfahren",
        ):
            expect(page.get_by_role("heading", name=part)).to_be_visible()
        expect(page.get_by_role("link", name="Ombudsstelle für barrierefreie")).to_be_visible()
        expect(page.get_by_role("link", name="Schlichtungsstelle BGG", exact=False)).to_be_visible()
        assert findings == {}
    finally:
        context.close()


def test_captions_and_read_only_fields_have_at_least_4_5_to_1_contrast(
    browser_page: Page, app_url: str
) -> None:
    page = browser_page
    page.goto(app_url)
    settle(page)
    page.goto(f"{app_url}/fall?id={CASE_ID}")
    expect(page.get_by_role("heading", name=f"Fall {CASE_ID}")).to_be_visible()
    settle(page)
    read_only = ".st-key-fall-case_id"
    ratios = {
        "caption": contrast(page, '[data-testid="stCaptionContainer"] p'),
        "read-only label": contrast(page, f'{read_only} [data-testid="stWidgetLabel"] p'),
        "read-only value": contrast(page, f"{read_only} input"),
    }
    assert page.locator(f"{read_only} input").is_disabled()
    assert {name: ratio for name, ratio in ratios.items() if ratio < 4.5} == {}
