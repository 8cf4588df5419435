"""Who is signed in: local accounts, the town's identity provider (OIDC) or the demo picker."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from casebook.core.accounts import (
    DEFAULT_IDLE_MINUTES,
    UsersFile,
    UsersFileError,
    authenticate,
    load_users,
)
from casebook.core.actors import Actor, Role
from casebook.core.login_throttle import LoginLocked, shared_throttle
from casebook.messages import error_message
from sheets_schema.enums import Town
from ui import browser_session, wanted_page

ACTOR_KEY = "auth.actor"
CURRENT_KEY = "auth.current"
LAST_SEEN_KEY = "auth.last_seen"
NOTICE_KEY = "auth.notice"
SIGN_OUT_KEY = "auth.sign_out"
DEMO_KEY = "auth.demo"  # the picker widget
DEMO_CHOICE_KEY = (
    "auth.demo_choice"  # what was picked; Streamlit drops widget state on page switches
)
DEMO_USER = "Demo-Nutzer:in"
IDLE_ENV = "KIM_IDLE_MINUTES"

DEMO_ALL_TOWNS = "Fallmanagement – alle Kommunen"
DEMO_COORDINATION = "Koordination (Kreis)"
DEMO_ADMINISTRATION = "Administration (Löschfristen)"


@dataclass(frozen=True)
class LoginSetup:
    """How people sign in here; demo mode only while neither accounts nor OIDC are set up."""

    users: UsersFile | None
    oidc: bool

    @property
    def demo(self) -> bool:
        return self.users is None and not self.oidc

    @property
    def idle_minutes(self) -> int:
        given = os.environ.get(IDLE_ENV, "").strip()
        if given.isdigit() and int(given) > 0:
            return int(given)
        return self.users.idle_minutes if self.users else DEFAULT_IDLE_MINUTES


def _auth_section() -> Mapping[str, Any] | None:
    try:
        section = st.secrets.get("auth")
    except FileNotFoundError:  # no secrets.toml at all
        return None
    return section if isinstance(section, Mapping) and section else None


def login_setup() -> LoginSetup:
    """Read the users file and look for an [auth] section in secrets.toml; raises UsersFileError."""
    return LoginSetup(users=load_users(), oidc=_auth_section() is not None)


def demo_choices(towns: Sequence[Town]) -> list[str]:
    return [
        DEMO_ALL_TOWNS,
        *(f"Fallmanagement – {town.value}" for town in towns),
        DEMO_COORDINATION,
        DEMO_ADMINISTRATION,
    ]


def demo_actor(choice: str | None, towns: Sequence[Town]) -> Actor:
    """The actor a demo visitor picked (by default a case manager of all towns)."""
    if choice == DEMO_COORDINATION:
        return Actor("Demo-Koordination", Role.COORDINATION, frozenset(towns))
    if choice == DEMO_ADMINISTRATION:
        return Actor("Demo-Administration", Role.ADMINISTRATION, frozenset(towns))
    name = os.environ.get("KIM_USER", DEMO_USER)
    for town in towns:
        if choice == f"Fallmanagement – {town.value}":
            return Actor(name, Role.CASE_MANAGEMENT, frozenset({town}))
    return Actor(name, Role.CASE_MANAGEMENT, frozenset(towns))


def remember_demo_choice() -> None:
    """Picker callback: keep the choice outside the widget (callbacks run before the script)."""
    st.session_state[DEMO_CHOICE_KEY] = st.session_state.get(DEMO_KEY)


def demo_index(choices: Sequence[str]) -> int:
    """Where the picker starts: the kept choice, so a new page or a reload shows the same role."""
    choice = st.session_state.get(DEMO_CHOICE_KEY)
    return choices.index(choice) if choice in choices else 0


def _oidc_provider(section: Mapping[str, Any]) -> str | None:
    """The provider name for st.login: None for a single provider, else the first named one."""
    if "client_id" in section:
        return None
    named = [key for key, value in section.items() if isinstance(value, Mapping)]
    return named[0] if named else None


def sign_out(notice: str | None = None) -> None:
    """Forget everything of this session (also form inputs); the next run shows the login."""
    oidc_signed_in = bool(st.user.get("is_logged_in"))
    browser_session.end()
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    st.session_state[browser_session.RESUMED_KEY] = True  # the old token must not sign in again
    if notice:
        st.session_state[NOTICE_KEY] = notice
    if oidc_signed_in:
        st.logout()  # ends the identity cookie and reruns
    st.rerun()


def request_sign_out() -> None:
    """Button callback: callbacks run before the script, so the click is never lost to a rerun."""
    st.session_state[SIGN_OUT_KEY] = True


def idle_expired(setup: LoginSetup) -> bool:
    last_seen = st.session_state.get(LAST_SEEN_KEY)
    return last_seen is not None and time.time() - last_seen > setup.idle_minutes * 60


def _oidc_account(setup: LoginSetup) -> tuple[str, Actor | None] | None:
    """(e-mail, actor or None if not enabled) of an OIDC sign-in; None without one."""
    if not setup.oidc or not st.user.get("is_logged_in"):
        return None
    email = str(st.user.get("email") or "")
    account = setup.users.by_email(email) if setup.users and email else None
    if account is None or st.user.get("email_verified") is False:
        return email, None
    return email, account.actor()


def _no_account(email: str) -> None:
    st.title("Kein Zugang")
    st.error(
        f"Ihre Anmeldung als „{email or 'unbekannt'}“ war erfolgreich, aber für diese Adresse "
        "ist kein Konto freigeschaltet. Bitte wenden Sie sich an die Administration Ihrer "
        "Kommune."
    )
    if st.button("Abmelden", key="auth.logout_unknown"):
        sign_out()


def client_address() -> str:
    """The browser's address as the server sees it ("lokal" on this machine)."""
    return st.context.ip_address or "lokal"


def _login_form(users: UsersFile, idle_seconds: float) -> None:
    with st.form("auth.form"):
        name = st.text_input("Benutzername", key="auth.name")
        password = st.text_input("Passwort", type="password", key="auth.password")
        submitted = st.form_submit_button("Anmelden", type="primary")
    if not submitted:
        return
    client = client_address()
    throttle = shared_throttle()
    try:
        # Checked before the password, so a locked guesser learns nothing from a right one.
        throttle.check(name, client)
    except LoginLocked as error:
        st.error(error_message(error))
        return
    actor = authenticate(users, name, password)
    if actor is None:
        throttle.failed(name, client)
        st.error("Benutzername oder Passwort ist falsch. Bitte versuchen Sie es erneut.")
        return
    throttle.succeeded(name, client)
    browser_session.start(idle_seconds)
    st.session_state.pop(NOTICE_KEY, None)
    st.session_state[ACTOR_KEY] = actor
    st.session_state[LAST_SEEN_KEY] = time.time()
    st.rerun()


def _sign_in_with_provider(section: Mapping[str, Any], here: str) -> None:
    # Streamlit's OIDC callback lands on the app's root: the wanted page waits on the server
    # under the visitor's pre-login token (its cookie was set when the login was drawn).
    wanted_page.remember(here)
    browser_session.keep((browser_session.PRE_LOGIN_KEY, wanted_page.WANTED_KEY))
    provider = _oidc_provider(section)
    if provider:
        st.login(provider)
    else:
        st.login()


def login_page(setup: LoginSetup, here: str = "") -> None:
    """The page shown to anyone not signed in: the town's identity provider and/or the form.

    `here` is the address the login is shown under (e.g. "fall"; "" at the app's root).
    """
    oidc = _oidc_account(setup)
    if oidc is not None:
        _no_account(oidc[0])
        return
    st.title("Anmeldung")
    st.caption("KIM-Fallverwaltung · Kommunales Integrationsmanagement im Kreis Wesel")
    notice = st.session_state.get(NOTICE_KEY)
    if notice:
        st.info(notice)
    section = _auth_section()
    if section is not None and st.button(
        "Mit dem Konto Ihrer Kommune anmelden", type="primary", key="auth.oidc"
    ):
        _sign_in_with_provider(section, here)
    if setup.users is not None and setup.users.has_passwords:
        _login_form(setup.users, setup.idle_minutes * 60)


def _local_actor(setup: LoginSetup) -> Actor | None:
    """The session's local account as the users file has it now (None once removed)."""
    actor = st.session_state.get(ACTOR_KEY)
    if not isinstance(actor, Actor):
        return None
    # Read on every run, so a removed account or a changed role takes effect at once.
    account = setup.users.find(actor.name) if setup.users else None
    if account is None or not account.password_hash:
        st.session_state.pop(ACTOR_KEY, None)
        return None
    return account.actor()


def sign_in(setup: LoginSetup, towns: Sequence[Town]) -> Actor | None:
    """The signed-in actor of this session, or None (then the app shows `login_page`)."""
    # Before anything else: after a reload the demo role or the sign-in is back in this run.
    if browser_session.resume(setup.idle_minutes * 60) and not setup.demo:
        st.session_state[NOTICE_KEY] = _idle_notice(setup)
    if setup.demo:
        demo = demo_actor(st.session_state.get(DEMO_CHOICE_KEY), towns)
        st.session_state[CURRENT_KEY] = demo
        if not browser_session.has_token() or not keep_session():
            browser_session.start(setup.idle_minutes * 60)
            keep_session()
        return demo
    if st.session_state.pop(SIGN_OUT_KEY, False):
        sign_out("Sie haben sich abgemeldet.")
    if idle_expired(setup):
        sign_out(_idle_notice(setup))
    oidc = _oidc_account(setup)
    actor = oidc[1] if oidc is not None else _local_actor(setup)
    if not isinstance(actor, Actor):
        st.session_state.pop(CURRENT_KEY, None)
        if setup.oidc:
            # Drawn with the login, long before a click on the provider's button needs it.
            browser_session.start_before_sign_in(setup.idle_minutes * 60)
            browser_session.keep((browser_session.PRE_LOGIN_KEY, wanted_page.WANTED_KEY))
        return None
    st.session_state[LAST_SEEN_KEY] = time.time()
    st.session_state[CURRENT_KEY] = actor
    if not browser_session.has_token() or browser_session.opened_before_sign_in():
        # A new token at every sign-in: the one handed out at the login is never reused.
        browser_session.start(setup.idle_minutes * 60)
    # At once, not only at the end of the run: a reload during a slow page keeps the session.
    if not keep_session():
        # Signed out in another tab of this browser: that ends this tab's session too.
        sign_out("Sie wurden abgemeldet. Bitte melden Sie sich erneut an.")
    return actor


def _idle_notice(setup: LoginSetup) -> str:
    return (
        f"Sie wurden nach {setup.idle_minutes} Minuten ohne Aktivität abgemeldet. "
        "Bitte melden Sie sich erneut an."
    )


def keep_session() -> bool:
    """The sign-in, demo role and drafts for the next page load; False once the token ended."""
    return browser_session.keep((ACTOR_KEY, LAST_SEEN_KEY, DEMO_CHOICE_KEY))


def signed_in_actor() -> Actor | None:
    """The actor sign_in found in this run (None before sign_in ran)."""
    actor = st.session_state.get(CURRENT_KEY)
    return actor if isinstance(actor, Actor) else None


def still_acting(actor: Actor) -> bool:
    """For a button callback, which runs before `sign_in`: the session still belongs to `actor`
    and has not been idle too long (the run that follows then signs it out)."""
    if signed_in_actor() != actor:
        return False
    try:
        setup = login_setup()
    except UsersFileError:
        return False
    return setup.demo or not idle_expired(setup)
