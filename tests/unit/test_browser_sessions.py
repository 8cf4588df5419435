"""The server-side session table: random tokens, nothing restored after sign-out, old ones dropped."""

from __future__ import annotations

from casebook.browser_sessions import KEEP_SECONDS, BrowserSessions

NOW = 1_800_000_000.0


def test_a_token_brings_back_what_its_session_kept() -> None:
    sessions = BrowserSessions()
    token = sessions.open(now=NOW)
    assert sessions.save(token, {"auth.demo": "Fallmanagement – Moers"}, now=NOW)
    assert sessions.restore(token) == {"auth.demo": "Fallmanagement – Moers"}


def test_tokens_are_long_random_and_never_repeat() -> None:
    sessions = BrowserSessions()
    tokens = {sessions.open(now=NOW) for _ in range(200)}
    assert len(tokens) == 200
    assert all(len(token) >= 40 for token in tokens)


def test_an_unknown_token_opens_nothing() -> None:
    sessions = BrowserSessions()
    sessions.open(now=NOW)
    assert sessions.restore("ausgedacht") is None
    assert not sessions.save("ausgedacht", {"auth.actor": "jemand"}, now=NOW)


def test_after_sign_out_the_token_opens_nothing() -> None:
    sessions = BrowserSessions()
    token = sessions.open(now=NOW)
    sessions.save(token, {"auth.actor": "a.moers"}, now=NOW)
    sessions.end(token)
    assert sessions.restore(token) is None
    assert not sessions.save(token, {"auth.actor": "a.moers"}, now=NOW)


def test_sessions_nobody_came_back_to_are_dropped() -> None:
    sessions = BrowserSessions()
    old = sessions.open(now=NOW)
    recent = sessions.open(now=NOW + KEEP_SECONDS - 60)
    sessions.open(now=NOW + KEEP_SECONDS + 1)  # opening a new one clears the table
    assert sessions.restore(old) is None
    assert sessions.restore(recent) == {}


def test_the_table_holds_no_token_in_clear() -> None:
    sessions = BrowserSessions()
    token = sessions.open(now=NOW)
    assert token not in repr(vars(sessions))
