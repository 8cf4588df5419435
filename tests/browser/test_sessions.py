"""Sign-in in a real browser: deep links survive the login, a reload keeps session and input."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from python_calamine import CalamineWorkbook

from casebook.core.accounts import Account, add_account, hash_password
from casebook.core.actors import Role
from sheets_schema import Case, SheetName, header_of
from sheets_schema.enums import Town
from tests.browser.conftest import DEFAULT_TIMEOUT_MS, VIEWPORT
from tests.support.streamlit_server import StreamlitServer, running_streamlit, write_demo_data

PASSWORD = "richtig-geheim-42"


def moers_case_id(data_dir: Path) -> str:
    workbook = str(data_dir / "demo" / "kim-moe.xlsx")
    rows = CalamineWorkbook.from_path(workbook).get_sheet_by_name(SheetName.CASES).to_python()
    column = rows[0].index(header_of(Case, "case_id"))
    return str(rows[1][column])


@pytest.fixture(scope="module")
def server_with_accounts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    """The demo workbooks, but with a users file: the login form guards every page."""
    workdir = tmp_path_factory.mktemp("accounts")
    data_dir = workdir / "data"
    write_demo_data(data_dir)
    users = workdir / "users.toml"
    add_account(users, Account("a.moers", Role.CASE_MANAGEMENT, frozenset({Town.MOERS}),
                               password_hash=hash_password(PASSWORD, rounds=4)))  # fmt: skip
    env = {"KIM_USERS": str(users)}
    with running_streamlit(data_dir, workdir / "streamlit.log", env=env) as server:
        yield server


@pytest.fixture(autouse=True)
def patient_expectations() -> Iterator[None]:
    # Every test here loads pages anew (a new Streamlit session each); on a busy machine that
    # takes longer than Playwright's 5 s default for expect().
    expect.set_options(timeout=2 * DEFAULT_TIMEOUT_MS)
    yield
    expect.set_options(timeout=5_000)


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport=VIEWPORT, locale="de-DE")
    context.set_default_timeout(2 * DEFAULT_TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def sign_in(page: Page) -> None:
    expect(page.get_by_role("heading", name="Anmeldung")).to_be_visible()
    page.get_by_role("textbox", name="Benutzername").fill("a.moers")
    page.get_by_role("textbox", name="Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()


def test_a_case_link_opened_before_signing_in_opens_that_case_after_it(
    page: Page, server_with_accounts: StreamlitServer
) -> None:
    case_id = moers_case_id(server_with_accounts.data_dir)
    link = f"{server_with_accounts.base_url}/fall?id={case_id}"
    page.goto(link)
    sign_in(page)
    expect(page.get_by_role("heading", name=f"Fall {case_id}")).to_be_visible()
    expect(page).to_have_url(link)


def test_a_bookmark_of_the_start_page_opens_it_after_signing_in(
    page: Page, server_with_accounts: StreamlitServer
) -> None:
    # Streamlit serves a role's start page at `/`; its own address must still lead to it.
    page.goto(f"{server_with_accounts.base_url}/faelle")
    sign_in(page)
    expect(page.get_by_role("heading", name="Fälle", exact=True)).to_be_visible()
    expect(page.get_by_text("Seite nicht gefunden")).to_have_count(0)


def test_a_reload_and_a_new_tab_keep_the_sign_in_until_signing_out(
    page: Page, server_with_accounts: StreamlitServer
) -> None:
    case_id = moers_case_id(server_with_accounts.data_dir)
    link = f"{server_with_accounts.base_url}/fall?id={case_id}"
    page.goto(server_with_accounts.base_url)
    sign_in(page)
    expect(page.get_by_role("heading", name="Fälle")).to_be_visible()
    page.goto(link)  # a bookmark: a new page load, so a new Streamlit session
    expect(page.get_by_role("heading", name=f"Fall {case_id}")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name=f"Fall {case_id}")).to_be_visible()
    other_tab = page.context.new_page()
    other_tab.goto(link)
    expect(other_tab.get_by_role("heading", name=f"Fall {case_id}")).to_be_visible()

    page.bring_to_front()  # Chromium throttles a tab in the background
    page.get_by_role("button", name="Abmelden").click()
    expect(page.get_by_text("Sie haben sich abgemeldet.")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Anmeldung")).to_be_visible()
    # The other tab's next step ends its session as well (the token ended on the server).
    other_tab.bring_to_front()
    other_tab.get_by_role("link", name="Zurück zur Fallliste").click()
    expect(other_tab.get_by_role("heading", name="Anmeldung")).to_be_visible()
    expect(other_tab.get_by_text("Sie wurden abgemeldet.", exact=False)).to_be_visible()
    other_tab.reload()
    expect(other_tab.get_by_role("heading", name="Anmeldung")).to_be_visible()
    expect(other_tab.get_by_role("heading", name=f"Fall {case_id}")).to_have_count(0)


def test_input_a_failed_save_kept_survives_a_reload(
    page: Page, server_with_accounts: StreamlitServer
) -> None:
    case_id = moers_case_id(server_with_accounts.data_dir)
    page.goto(f"{server_with_accounts.base_url}/fall?id={case_id}")
    sign_in(page)
    birth = page.get_by_role("textbox", name=header_of(Case, "birth_date"), exact=True)
    birth.fill("31.02.2024")
    page.get_by_role("button", name="Speichern").first.click()
    expect(page.get_by_text("31.02.2024").first).to_be_visible()  # the save's error message
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden()  # the run has finished
    page.reload()
    expect(page.get_by_role("heading", name=f"Fall {case_id}")).to_be_visible()
    birth = page.get_by_role("textbox", name=header_of(Case, "birth_date"), exact=True)
    expect(birth).to_have_value("31.02.2024")
    expect(page.get_by_text("31.02.2024").first).to_be_visible()  # and the message with it
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_text("Session State", exact=False)).to_have_count(0)


WATCH_ALL_TOWNS = """
window.__sawAllTowns = false;
new MutationObserver(() => {
  if (document.body && document.body.innerText.includes("alle Kommunen")) {
    window.__sawAllTowns = true;
  }
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


def test_in_demo_mode_a_case_link_never_shows_all_towns_before_the_chosen_one(
    browser_page: Page, app_server: StreamlitServer
) -> None:
    page = browser_page
    case_id = moers_case_id(app_server.data_dir)
    page.goto(app_server.base_url)
    page.get_by_role("combobox", name="Demo: Sie handeln als …").click()
    page.get_by_role("option", name="Fallmanagement – Moers").click()
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("· Moers", exact=False)).to_be_visible()

    page.add_init_script(WATCH_ALL_TOWNS)
    page.goto(f"{app_server.base_url}/fall?id={case_id}")
    expect(page.get_by_role("heading", name=f"Fall {case_id}")).to_be_visible()
    expect(sidebar.get_by_text("· Moers", exact=False)).to_be_visible()
    assert page.evaluate("window.__sawAllTowns") is False

    # Back to the list and into a case by clicking it: still never all towns in between.
    page.get_by_role("link", name="Zurück zur Fallliste").click()
    table = page.get_by_test_id("stDataFrame")
    expect(table.locator("tr").nth(1)).to_contain_text("KIM-MOE-")
    box = table.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 15, box["y"] + 35 + 18)
    expect(page.get_by_role("heading", name="Fall KIM-MOE-", exact=False)).to_be_visible()
    expect(sidebar.get_by_text("· Moers", exact=False)).to_be_visible()
    assert page.evaluate("window.__sawAllTowns") is False
