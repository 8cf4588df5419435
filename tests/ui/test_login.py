"""Sign-in: the login form once accounts exist, logout in one click, idle sessions end, OIDC."""

from __future__ import annotations

import time
from pathlib import Path

from streamlit.proto.TextInput_pb2 import TextInput
from streamlit.testing.v1 import AppTest

from casebook.core.accounts import Account, add_account, hash_password
from casebook.core.actors import Role
from sheets_schema.enums import Town
from tests.ui.conftest import APP, TIMEOUT, Workbook, open_app, texts

PASSWORD = "richtig-geheim-42"


def _accounts(workbook: Workbook) -> Path:
    path = workbook.path.parent / "users.toml"  # next to sources.toml
    hashed = hash_password(PASSWORD, rounds=4)
    add_account(path, Account("a.beispiel", Role.CASE_MANAGEMENT, frozenset({Town.XANTEN}),
                              password_hash=hashed))  # fmt: skip
    add_account(path, Account("k.kreis", Role.COORDINATION, frozenset(Town),
                              email="k.kreis@kreis-wesel.de"))  # fmt: skip
    return path


def _sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="auth.name").input(name)
    at.text_input(key="auth.password").input(password)
    return _submit(at)


def _submit(at: AppTest) -> AppTest:
    submit = next(b for b in at.button if b.label == "Anmelden")
    return submit.click().run()


def _case_page_signed_in(workbook: Workbook) -> AppTest:
    _accounts(workbook)
    at = _sign_in(open_app(), "a.beispiel", PASSWORD)
    at.query_params["id"] = "KIM-XAN-2026-0001"
    at.switch_page("pages/fall.py").run()
    assert texts(at.title) == ["Fall KIM-XAN-2026-0001"]
    return at


def test_with_accounts_the_app_shows_only_the_login_form(workbook: Workbook) -> None:
    _accounts(workbook)
    at = open_app()
    assert not at.exception
    assert texts(at.title) == ["Anmeldung"]
    assert [w.label for w in at.text_input] == ["Benutzername", "Passwort"]
    assert at.text_input(key="auth.password").proto.type == TextInput.PASSWORD
    assert not at.dataframe and not at.sidebar.selectbox  # no cases and no demo picker
    assert "Müller" not in str([texts(at.markdown), texts(at.caption)])


def test_a_wrong_password_is_refused_in_german(workbook: Workbook) -> None:
    _accounts(workbook)
    at = _sign_in(open_app(), "a.beispiel", "falsch-falsch")
    assert texts(at.error) == [
        "Benutzername oder Passwort ist falsch. Bitte versuchen Sie es erneut."
    ]
    assert texts(at.title) == ["Anmeldung"]


WAIT = "Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie 30 Sekunden und versuchen Sie es dann erneut."


def test_after_five_wrong_passwords_even_the_right_one_has_to_wait(workbook: Workbook) -> None:
    _accounts(workbook)
    at = open_app()
    for _ in range(5):
        at = _sign_in(at, "a.beispiel", "falsch-falsch")
    assert texts(at.error) == [
        "Benutzername oder Passwort ist falsch. Bitte versuchen Sie es erneut."
    ]
    at = _sign_in(at, "a.beispiel", PASSWORD)
    assert texts(at.error) == [WAIT]
    assert texts(at.title) == ["Anmeldung"]


def test_an_unknown_name_is_locked_with_the_same_words(workbook: Workbook) -> None:
    # A different message for unknown names would tell a guesser which names exist.
    _accounts(workbook)
    at = open_app()
    for _ in range(6):
        at = _sign_in(at, "gibt.es.nicht", "falsch-falsch")
    assert texts(at.error) == [WAIT]


def test_a_case_manager_signs_in_sees_her_town_and_logs_out_in_one_click(
    workbook: Workbook,
) -> None:
    _accounts(workbook)
    at = _sign_in(open_app(), "a.beispiel", PASSWORD)
    assert not at.exception
    assert texts(at.title) == ["Fälle"]
    assert any("a.beispiel" in c and "Fallmanagement" in c for c in texts(at.sidebar.caption))
    at.sidebar.button(key="auth.logout").click().run()
    assert texts(at.title) == ["Anmeldung"]
    assert texts(at.info) == ["Sie haben sich abgemeldet."]
    assert not at.dataframe


def test_an_idle_session_ends_after_the_configured_minutes(workbook: Workbook) -> None:
    path = _accounts(workbook)
    path.write_text(
        path.read_text(encoding="utf-8").replace("idle_minutes = 30", "idle_minutes = 5"),
        encoding="utf-8",
    )
    at = _sign_in(open_app(), "a.beispiel", PASSWORD)
    assert texts(at.title) == ["Fälle"]
    at.session_state["auth.last_seen"] = time.time() - 4 * 60
    at.run()
    assert texts(at.title) == ["Fälle"]
    at.session_state["auth.last_seen"] = time.time() - 6 * 60
    at.run()
    assert texts(at.title) == ["Anmeldung"]
    assert texts(at.info) == [
        "Sie wurden nach 5 Minuten ohne Aktivität abgemeldet. Bitte melden Sie sich erneut an."
    ]


def test_speichern_after_the_idle_time_saves_nothing_and_asks_to_sign_in(
    workbook: Workbook,
) -> None:
    # The save runs in the button's callback, before the run that checks the idle time.
    at = _case_page_signed_in(workbook)
    before = workbook.path.read_bytes()
    at.text_input(key="fall.city").input("Wesel")
    at.session_state["auth.last_seen"] = time.time() - 31 * 60
    at.button(key="fall.submit").click().run()
    assert texts(at.title) == ["Anmeldung"]
    assert workbook.path.read_bytes() == before


def _oidc_app(email: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "nur-fuer-tests",
        "client_id": "kim",
        "client_secret": "geheim",
        "server_metadata_url": "https://idp.example/.well-known/openid-configuration",
    }
    at.user = {"is_logged_in": True, "email": email, "email_verified": True}
    return at.run()


def test_an_oidc_user_gets_the_role_of_their_e_mail_in_the_users_file(workbook: Workbook) -> None:
    _accounts(workbook)
    at = _oidc_app("K.Kreis@kreis-wesel.de")
    assert not at.exception
    assert texts(at.title) == ["Auswertung"]
    assert any("k.kreis" in c and "Koordination" in c for c in texts(at.sidebar.caption))


def test_an_oidc_user_without_an_account_gets_no_access(workbook: Workbook) -> None:
    _accounts(workbook)
    at = _oidc_app("fremd@example.org")
    assert texts(at.title) == ["Kein Zugang"]
    assert "fremd@example.org" in texts(at.error)[0]
    assert not at.dataframe


def test_oidc_alone_switches_demo_mode_off(workbook: Workbook) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.secrets["auth"] = {"client_id": "kim", "redirect_uri": "http://x/oauth2callback"}
    at.run()
    assert texts(at.title) == ["Anmeldung"]
    labels = [b.label for b in at.button]
    assert labels == ["Mit dem Konto Ihrer Kommune anmelden"]


def test_a_hand_over_after_the_idle_time_changes_nothing_and_asks_to_sign_in(
    workbook: Workbook,
) -> None:
    # Like Speichern, the hand-over runs in its button's callback, before the idle check.
    at = _case_page_signed_in(workbook)
    before = workbook.path.read_bytes()
    at.text_input(key="fall.uebergabe.name").input("Ben Krüger")
    at.session_state["auth.last_seen"] = time.time() - 31 * 60
    at.button(key="fall.uebergabe.los").click().run()
    assert texts(at.title) == ["Anmeldung"]
    assert workbook.path.read_bytes() == before
