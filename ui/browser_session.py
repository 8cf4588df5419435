"""A reload keeps the session: a random token in a browser cookie, the session itself on the server.

Streamlit starts a new session (empty session state) on every page load. The token cookie comes
along with the page's connection (`st.context.cookies`), so the first run after a reload already
knows who is signed in, which demo role was picked, and what input was not saved yet.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

import streamlit as st

from casebook.core.sessions import SessionExpired, shared_sessions

COOKIE = "kim_session"
TOKEN_KEY = "auth.token"
RESUMED_KEY = "auth.resumed"
# Set on a token opened before anyone signed in (it carries the wanted page across the
# identity provider's redirect); such a token is replaced at sign-in.
PRE_LOGIN_KEY = "auth.pre_login"
# The case form and the new-case form (pages/fall.py, pages/neuer_fall.py): their input and
# their last outcome come back after a reload. Buttons (bool) and pending clicks do not.
DRAFT_PREFIXES = ("fall.", "neu.")
_PENDING_CLICK = ".__action"
_COOKIE_BOX = "kim-session-cookie"


def resume(idle_seconds: float) -> bool:
    """Once per Streamlit session: bring back what the browser's token kept (if it is valid).

    Returns True when the browser's signed-in session had idled too long (then it is gone).
    """
    if st.session_state.get(RESUMED_KEY):
        return False
    st.session_state[RESUMED_KEY] = True
    token = st.context.cookies.get(COOKIE)
    if not isinstance(token, str) or not token:
        return False
    try:
        kept = shared_sessions().restore(token, idle_seconds)
    except SessionExpired as expired:
        return PRE_LOGIN_KEY not in expired.kept_keys  # nobody to tell „abgemeldet“
    if kept is None:
        return False  # signed out, unknown, or from before a server restart
    for key, value in kept.items():
        st.session_state[key] = value
    st.session_state[TOKEN_KEY] = token
    return False


def start(idle_seconds: float) -> None:
    """A fresh token, e.g. after signing in (a token from before the sign-in is never reused)."""
    end()
    st.session_state.pop(PRE_LOGIN_KEY, None)
    st.session_state[TOKEN_KEY] = shared_sessions().open(idle_seconds)


def start_before_sign_in(idle_seconds: float) -> None:
    """A token for a visitor at the login, unless this session already has one of those."""
    if has_token() and st.session_state.get(PRE_LOGIN_KEY):
        return
    start(idle_seconds)
    st.session_state[PRE_LOGIN_KEY] = True


def opened_before_sign_in() -> bool:
    return bool(st.session_state.get(PRE_LOGIN_KEY))


def end() -> None:
    """Forget the session on the server; the browser's cookie then opens nothing."""
    token = st.session_state.pop(TOKEN_KEY, None)
    if isinstance(token, str):
        shared_sessions().end(token)
    st.session_state[RESUMED_KEY] = True  # a signed-out session never resumes the old token


def _is_draft(key: str, value: object) -> bool:
    return (
        key.startswith(DRAFT_PREFIXES)
        and not key.endswith(_PENDING_CLICK)
        and not isinstance(value, bool)
    )


def has_token() -> bool:
    return isinstance(st.session_state.get(TOKEN_KEY), str)


def keep(keys: Iterable[str]) -> bool:
    """Store the given session-state entries and the drafts under this session's token.

    False when the token no longer opens anything: signed out in another tab, or idle.
    """
    token = st.session_state.get(TOKEN_KEY)
    if not isinstance(token, str):
        return False
    state = st.session_state
    values = {key: state[key] for key in keys if key in state}
    values.update({k: v for k, v in state.items() if isinstance(k, str) and _is_draft(k, v)})
    return shared_sessions().save(token, values, time.time())


def cookie_tag() -> None:
    """Put this session's token into the browser's cookie, or remove the cookie when signed out.

    A session cookie (no expiry: gone with the browser), SameSite=Strict, Secure under HTTPS.
    Script-set cookies cannot be HttpOnly; the token alone is worthless once signed out or idle.
    """
    token = st.session_state.get(TOKEN_KEY)
    secure = '(location.protocol === "https:" ? "; Secure" : "")'
    if isinstance(token, str) and token.replace("-", "").replace("_", "").isalnum():
        value = f'"{COOKIE}={token}; Path=/; SameSite=Strict" + {secure}'
    else:
        value = f'"{COOKIE}=; Path=/; Max-Age=0; SameSite=Strict" + {secure}'
    # Drawn first in every run (so a fast reload cannot beat it), hidden so it adds no gap.
    with st.container(key=_COOKIE_BOX):
        st.html(f"<script>document.cookie = {value};</script>", unsafe_allow_javascript=True)
    st.html(f"<style>div:has(> .st-key-{_COOKIE_BOX}) {{display: none;}}</style>")
