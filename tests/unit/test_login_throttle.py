"""Wrong passwords slow down guessing: per account name and per client, with a German wait time."""

from __future__ import annotations

import logging

import pytest

from casebook.core.login_throttle import (
    ACCOUNT_FREE_ATTEMPTS,
    CLIENT_FREE_ATTEMPTS,
    FIRST_WAIT_SECONDS,
    MAX_WAIT_SECONDS,
    LoginLocked,
    LoginThrottle,
)
from casebook.messages import error_message

NOW = 1_800_000_000.0


def _fail(throttle: LoginThrottle, name: str, client: str, times: int) -> None:
    for _ in range(times):
        throttle.failed(name, client, now=NOW)


def _wait(throttle: LoginThrottle, name: str, client: str, now: float = NOW) -> int:
    with pytest.raises(LoginLocked) as caught:
        throttle.check(name, client, now=now)
    return caught.value.seconds


def test_the_first_wrong_passwords_cost_nothing() -> None:
    throttle = LoginThrottle()
    _fail(throttle, "a.beispiel", "10.0.0.1", ACCOUNT_FREE_ATTEMPTS - 1)
    throttle.check("a.beispiel", "10.0.0.1", now=NOW)  # no wait yet


def test_after_the_free_attempts_an_account_waits_and_the_wait_doubles() -> None:
    throttle = LoginThrottle()
    _fail(throttle, "a.beispiel", "10.0.0.1", ACCOUNT_FREE_ATTEMPTS)
    assert _wait(throttle, "a.beispiel", "10.0.0.1") == FIRST_WAIT_SECONDS
    # Another address and other spelling of the name: the account itself is locked.
    assert _wait(throttle, " A.Beispiel ", "10.0.0.2") == FIRST_WAIT_SECONDS
    throttle.check("a.beispiel", "10.0.0.1", now=NOW + FIRST_WAIT_SECONDS)
    throttle.failed("a.beispiel", "10.0.0.1", now=NOW + FIRST_WAIT_SECONDS)
    assert (
        _wait(throttle, "a.beispiel", "10.0.0.1", NOW + FIRST_WAIT_SECONDS)
        == 2 * FIRST_WAIT_SECONDS
    )


def test_the_wait_has_a_ceiling() -> None:
    throttle = LoginThrottle()
    _fail(throttle, "a.beispiel", "10.0.0.1", ACCOUNT_FREE_ATTEMPTS + 30)
    assert _wait(throttle, "a.beispiel", "10.0.0.1") == MAX_WAIT_SECONDS


def test_unknown_names_are_counted_like_known_ones() -> None:
    # Otherwise the lock itself would tell which names exist.
    throttle = LoginThrottle()
    _fail(throttle, "gibt.es.nicht", "10.0.0.1", ACCOUNT_FREE_ATTEMPTS)
    assert _wait(throttle, "gibt.es.nicht", "10.0.0.1") == FIRST_WAIT_SECONDS


def test_one_client_trying_many_names_is_slowed_down() -> None:
    throttle = LoginThrottle()
    for number in range(CLIENT_FREE_ATTEMPTS):
        throttle.failed(f"name{number}", "10.0.0.9", now=NOW)
    assert _wait(throttle, "a.beispiel", "10.0.0.9") == FIRST_WAIT_SECONDS
    throttle.check("a.beispiel", "10.0.0.1", now=NOW)  # other clients are not affected


def test_a_correct_password_clears_the_count() -> None:
    throttle = LoginThrottle()
    _fail(throttle, "a.beispiel", "10.0.0.1", ACCOUNT_FREE_ATTEMPTS - 1)
    throttle.succeeded("a.beispiel", "10.0.0.1")
    _fail(throttle, "a.beispiel", "10.0.0.1", ACCOUNT_FREE_ATTEMPTS - 1)
    throttle.check("a.beispiel", "10.0.0.1", now=NOW)


def test_old_failures_are_forgotten_after_a_day() -> None:
    throttle = LoginThrottle()
    _fail(throttle, "a.beispiel", "10.0.0.1", ACCOUNT_FREE_ATTEMPTS - 1)
    throttle.failed("a.beispiel", "10.0.0.1", now=NOW + 25 * 3600)
    throttle.check("a.beispiel", "10.0.0.1", now=NOW + 25 * 3600)


def test_wrong_passwords_and_refusals_are_logged(caplog: pytest.LogCaptureFixture) -> None:
    throttle = LoginThrottle()
    with caplog.at_level(logging.INFO, logger="casebook.login"):
        _fail(throttle, "a.beispiel", "10.0.0.1", ACCOUNT_FREE_ATTEMPTS)
        _wait(throttle, "a.beispiel", "10.0.0.1")
    lines = caplog.messages
    assert sum("wrong password" in line and "10.0.0.1" in line for line in lines) == 5
    assert any("refused while locked" in line and "a.beispiel" in line for line in lines)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (30, "Bitte warten Sie 30 Sekunden und versuchen Sie es dann erneut."),
        (60, "Bitte warten Sie 1 Minute und versuchen Sie es dann erneut."),
        (61, "Bitte warten Sie 2 Minuten und versuchen Sie es dann erneut."),
        (900, "Bitte warten Sie 15 Minuten und versuchen Sie es dann erneut."),
    ],
)
def test_the_message_says_in_german_how_long_to_wait(seconds: int, text: str) -> None:
    message = error_message(LoginLocked(seconds))
    assert message.startswith("Zu viele fehlgeschlagene Anmeldeversuche.")
    assert message.endswith(text)
