"""The town's sign-in (OIDC) in a real browser, through a stand-in identity provider."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from casebook.core.accounts import Account, add_account
from casebook.core.actors import Role
from sheets_schema.enums import Town
from tests.browser.conftest import DEFAULT_TIMEOUT_MS, VIEWPORT
from tests.browser.test_sessions import moers_case_id
from tests.support.oidc_provider import (
    CLIENT_ID,
    CLIENT_SECRET,
    IdpUser,
    OidcProvider,
    running_oidc_provider,
)
from tests.support.streamlit_server import StreamlitServer, running_streamlit, write_demo_data

EMAIL = "a.moers@moers.example"
PROVIDER_BUTTON = "Mit dem Konto Ihrer Kommune anmelden"


def write_auth_secrets(path: Path, provider: OidcProvider) -> None:
    # What a town puts into .streamlit/secrets.toml; Streamlit fills in the port itself.
    path.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        f'client_id = "{CLIENT_ID}"\n'
        f'client_secret = "{CLIENT_SECRET}"\n'
        f'server_metadata_url = "{provider.metadata_url}"\n',
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def provider() -> Iterator[OidcProvider]:
    with running_oidc_provider(IdpUser(email=EMAIL)) as running:
        yield running


@pytest.fixture(scope="module")
def oidc_server(
    tmp_path_factory: pytest.TempPathFactory, provider: OidcProvider
) -> Iterator[StreamlitServer]:
    """The demo workbooks; one account that signs in through the town's provider only."""
    workdir = tmp_path_factory.mktemp("oidc")
    data_dir = workdir / "data"
    write_demo_data(data_dir)
    users = workdir / "users.toml"
    add_account(users, Account("a.moers", Role.CASE_MANAGEMENT, frozenset({Town.MOERS}), EMAIL))
    secrets_file = workdir / "secrets.toml"
    write_auth_secrets(secrets_file, provider)
    with running_streamlit(
        data_dir,
        workdir / "streamlit.log",
        env={"KIM_USERS": str(users)},
        args=("--secrets.files", str(secrets_file)),
    ) as server:
        provider.redirect_uris.add(f"{server.base_url}/oauth2callback")
        yield server


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    # A new context per test: no identity cookie from an earlier sign-in.
    context = chromium.new_context(viewport=VIEWPORT, locale="de-DE")
    context.set_default_timeout(2 * DEFAULT_TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def sign_in_with_provider(page: Page) -> None:
    expect(page.get_by_role("heading", name="Anmeldung")).to_be_visible()
    page.get_by_role("button", name=PROVIDER_BUTTON).click()


def test_a_case_link_opened_before_the_towns_sign_in_opens_that_case_after_it(
    page: Page, oidc_server: StreamlitServer, provider: OidcProvider
) -> None:
    case_id = moers_case_id(oidc_server.data_dir)
    link = f"{oidc_server.base_url}/fall?id={case_id}"
    page.goto(link)
    seen_before = len(provider.requests)
    sign_in_with_provider(page)
    expect(page.get_by_role("heading", name=f"Fall {case_id}")).to_be_visible(
        timeout=2 * DEFAULT_TIMEOUT_MS
    )
    expect(page).to_have_url(link)
    # The whole way went through the provider: its login page, then the code exchange (PKCE).
    assert {"GET /authorize", "POST /token"} <= set(provider.requests[seen_before:])
    assert provider.used_pkce and provider.used_pkce[-1]


def test_the_start_page_opens_after_the_towns_sign_in_from_the_root(
    page: Page, oidc_server: StreamlitServer
) -> None:
    page.goto(oidc_server.base_url)
    sign_in_with_provider(page)
    expect(page.get_by_role("heading", name="Fälle", exact=True)).to_be_visible(
        timeout=2 * DEFAULT_TIMEOUT_MS
    )
    assert urlsplit(page.url).path in ("", "/")


@pytest.mark.parametrize(
    ("address", "unknown_page"),
    [
        ("/https:%2F%2Fevil.example%2Fphish", True),
        ("/geheim?id=KIM-MOE-2026-0001", True),
        ("/?next=https://evil.example/phish", False),
    ],
)
def test_an_address_that_is_no_page_of_the_app_leads_to_the_start_page_after_sign_in(
    page: Page, oidc_server: StreamlitServer, address: str, unknown_page: bool
) -> None:
    # (Streamlit itself answers „//evil.example“ with 400 Bad Request before the app runs.)
    page.goto(oidc_server.base_url + address)
    if unknown_page:
        dialog = page.get_by_role("dialog")
        expect(dialog).to_contain_text("Seite nicht gefunden")
        page.keyboard.press("Escape")
        expect(dialog).to_have_count(0)
    sign_in_with_provider(page)
    expect(page.get_by_role("heading", name="Fälle", exact=True)).to_be_visible(
        timeout=2 * DEFAULT_TIMEOUT_MS
    )
    landed = urlsplit(page.url)
    assert f"{landed.scheme}://{landed.netloc}" == oidc_server.base_url
    assert "evil" not in page.url
    assert "geheim" not in page.url
