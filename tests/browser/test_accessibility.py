"""Every page, for every role and without login, passes axe-core and speaks German (BITV 2.0)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from casebook.accounts import Account, add_account, hash_password
from casebook.actors import Role
from sheets_schema.enums import Town
from tests.browser.a11y_checks import axe_violations, contrast, english_leftovers, settle
from tests.browser.conftest import DEFAULT_TIMEOUT_MS, VIEWPORT
from tests.support.streamlit_server import StreamlitServer, running_app, write_demo_data

pytestmark = pytest.mark.browser

DEMO_PICKER = "Demo: Sie handeln als …"
CASE_ID = "KIM-XAN-2026-0007"
# Pages by the link text in the sidebar; None: opened by its address (no sidebar link).
CASE_MANAGER_PAGES = (
    "Fälle", "Neuer Fall", None, "Einwilligungen", "Protokoll", "Mögliche Doppelungen",
    "Datenqualität", "Tabelle prüfen", "Auswertung", "Barrierefreiheit",
)  # fmt: skip
ROLE_PAGES = {
    "Koordination (Kreis)": ("Auswertung", "Barrierefreiheit"),
    "Administration (Löschfristen)": ("Löschfristen", "Tabelle prüfen", "Barrierefreiheit"),
}


PATHS = {
    "Fälle": "faelle", "Neuer Fall": "neu", "Einwilligungen": "einwilligungen",
    "Protokoll": "protokoll", "Mögliche Doppelungen": "doppelungen",
    "Datenqualität": "datenqualitaet", "Tabelle prüfen": "tabelle-pruefen",
    "Auswertung": "auswertung", "Barrierefreiheit": "barrierefreiheit",
    "Löschfristen": "loeschfristen",
}  # fmt: skip


def _open_link(page: Page, title: str) -> None:
    """Follow a sidebar link: the session (and so the demo role) stays, unlike with goto()."""
    page.get_by_test_id("stSidebar").get_by_role("link", name=title, exact=True).click()
    # A role's start page keeps the bare address.
    expect(page).to_have_url(re.compile(f"/({PATHS[title]})?$"))
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
    for title in CASE_MANAGER_PAGES:
        if title is None:
            page.goto(f"{app_url}/fall?id={CASE_ID}")
            expect(page.get_by_role("heading", name=f"Fall {CASE_ID}")).to_be_visible()
            settle(page)
            findings.update(_findings(page, "Fall"))
            page.goto(app_url)
            settle(page)
            continue
        _open_link(page, title)
        findings.update(_findings(page, title))
    assert findings == {}


@pytest.mark.parametrize("role", list(ROLE_PAGES))
def test_every_page_of_the_other_roles_passes_axe_and_is_german(
    browser_page: Page, app_url: str, role: str
) -> None:
    page = browser_page
    page.goto(app_url)
    settle(page)
    page.get_by_test_id("stSidebar").get_by_role("combobox", name=DEMO_PICKER).click()
    page.get_by_role("option", name=role).click()
    settle(page)
    findings: dict[str, object] = {}
    for title in ROLE_PAGES[role]:
        _open_link(page, title)
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
        page.goto(login_server.base_url)
        expect(page.get_by_role("heading", name="Anmeldung")).to_be_visible()
        settle(page)
        findings = _findings(page, "Anmeldung")
        page.get_by_role("link", name="Erklärung zur Barrierefreiheit").click()
        statement = page.get_by_role("heading", name="Erklärung zur Barrierefreiheit")
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
        # Opened directly by its address, too, as a link from a town's website would.
        page.goto(f"{login_server.base_url}/barrierefreiheit")
        expect(statement).to_be_visible()
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
