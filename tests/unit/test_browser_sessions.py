"""The server-side session table: random tokens, nothing after sign-out or idle time."""

from __future__ import annotations

import pytest

from casebook.core.sessions import BrowserSessions, SessionExpired

NOW = 1_800_000_000.0
IDLE = 30 * 60


def test_a_token_brings_back_what_its_session_kept() -> None:
    sessions = BrowserSessions()
    token = sessions.open(IDLE, now=NOW)
    assert sessions.save(token, {"auth.demo": "Fallmanagement – Moers"}, now=NOW)
    assert sessions.restore(token, IDLE, now=NOW + 60) == {"auth.demo": "Fallmanagement – Moers"}


def test_a_restored_session_shares_no_mutable_values_with_the_old_one() -> None:
    sessions = BrowserSessions()
    token = sessions.open(IDLE, now=NOW)
    sessions.save(token, {"fall.languages": ["Arabisch"]}, now=NOW)
    restored = sessions.restore(token, IDLE, now=NOW)
    assert restored is not None
    restored["fall.languages"].append("Farsi")
    assert sessions.restore(token, IDLE, now=NOW) == {"fall.languages": ["Arabisch"]}


def test_tokens_are_long_random_and_never_repeat() -> None:
    sessions = BrowserSessions()
    tokens = {sessions.open(IDLE, now=NOW) for _ in range(200)}
    assert len(tokens) == 200
    assert all(len(token) >= 40 for token in tokens)


def test_an_unknown_token_opens_nothing() -> None:
    sessions = BrowserSessions()
    sessions.open(IDLE, now=NOW)
    assert sessions.restore("ausgedacht", IDLE, now=NOW) is None
    assert not sessions.save("ausgedacht", {"auth.actor": "jemand"}, now=NOW)


def test_after_sign_out_the_token_opens_nothing() -> None:
    sessions = BrowserSessions()
    token = sessions.open(IDLE, now=NOW)
    sessions.save(token, {"auth.actor": "a.moers"}, now=NOW)
    sessions.end(token)
    assert sessions.restore(token, IDLE, now=NOW) is None
    assert not sessions.save(token, {"auth.actor": "a.moers"}, now=NOW)


def test_a_session_idle_too_long_is_expired_once_and_then_gone() -> None:
    sessions = BrowserSessions()
    token = sessions.open(IDLE, now=NOW)
    sessions.save(token, {"auth.actor": "a.moers"}, now=NOW + 60)
    with pytest.raises(SessionExpired) as expired:
        sessions.restore(token, IDLE, now=NOW + 60 + IDLE + 1)
    assert sessions.restore(token, IDLE, now=NOW + 60 + IDLE + 2) is None
    # It names what the session kept (so a login page left open is not told „abgemeldet“),
    # never the values: drafts hold personal data.
    assert expired.value.kept_keys == frozenset({"auth.actor"})
    assert "a.moers" not in repr(expired.value.args)


def test_idle_sessions_are_dropped_from_memory_when_others_open() -> None:
    # Drafts hold personal data; a closed tab's must not stay in memory for long.
    sessions = BrowserSessions()
    old = sessions.open(IDLE, now=NOW)
    recent = sessions.open(IDLE, now=NOW + IDLE - 60)
    sessions.open(IDLE, now=NOW + IDLE + 1)
    assert not sessions.save(old, {}, now=NOW + IDLE + 1)
    assert sessions.restore(recent, IDLE, now=NOW + IDLE + 1) == {}


def test_the_table_holds_no_token_in_clear() -> None:
    sessions = BrowserSessions()
    token = sessions.open(IDLE, now=NOW)
    assert token not in repr(vars(sessions))
