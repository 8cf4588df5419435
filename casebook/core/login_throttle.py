"""Back-off after wrong passwords, per account name and per client, kept in the server's memory."""

from __future__ import annotations

import logging
import math
import threading
import time
from dataclasses import dataclass

log = logging.getLogger("casebook.login")

ACCOUNT_FREE_ATTEMPTS = 5
# Several people of one office may share an address; a client gets more tries than one account.
CLIENT_FREE_ATTEMPTS = 20
FIRST_WAIT_SECONDS = 30
MAX_WAIT_SECONDS = 15 * 60
# A failure this old no longer counts, so a forgotten password does not lock someone for good.
FORGET_AFTER_SECONDS = 24 * 60 * 60


@dataclass
class _Failures:
    count: int = 0
    last: float = 0.0
    locked_until: float = 0.0


class LoginLocked(Exception):
    """Too many wrong passwords from this account name or this client; try again in `seconds`."""

    def __init__(self, seconds: int) -> None:
        super().__init__(seconds)
        self.seconds = seconds


def wait_text(seconds: int) -> str:
    """„30 Sekunden“, „1 Minute“, „4 Minuten“: the waiting time as the message shows it."""
    if seconds < 60:
        return f"{seconds} Sekunden" if seconds != 1 else "1 Sekunde"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} Minuten" if minutes != 1 else "1 Minute"


def _wait_after(count: int, free: int) -> float:
    """Seconds to wait after `count` failures: none for the free ones, then doubling to the cap."""
    if count < free:
        return 0.0
    return float(min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** (count - free)))


class LoginThrottle:
    """Counts wrong passwords by account name (known or not, so no name is revealed) and client."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._accounts: dict[str, _Failures] = {}
        self._clients: dict[str, _Failures] = {}

    @staticmethod
    def _account_key(name: str) -> str:
        return name.strip().casefold()

    def _entry(self, table: dict[str, _Failures], key: str, now: float) -> _Failures:
        entry = table.get(key)
        if entry is None or now - entry.last > FORGET_AFTER_SECONDS:
            entry = table[key] = _Failures()
        return entry

    def check(self, name: str, client: str, now: float | None = None) -> None:
        """Raise LoginLocked while the account name or the client has to wait."""
        now = time.time() if now is None else now
        with self._lock:
            account = self._entry(self._accounts, self._account_key(name), now)
            by_client = self._entry(self._clients, client, now)
            until = max(account.locked_until, by_client.locked_until)
        if until > now:
            seconds = math.ceil(until - now)
            log.warning(
                "login refused while locked: account=%r client=%s wait=%ss", name, client, seconds
            )
            raise LoginLocked(seconds)

    def failed(self, name: str, client: str, now: float | None = None) -> None:
        """Count a wrong password; from the free attempts on, each one doubles the wait."""
        now = time.time() if now is None else now
        with self._lock:
            account = self._entry(self._accounts, self._account_key(name), now)
            by_client = self._entry(self._clients, client, now)
            for entry, free in (
                (account, ACCOUNT_FREE_ATTEMPTS),
                (by_client, CLIENT_FREE_ATTEMPTS),
            ):
                entry.count += 1
                entry.last = now
                entry.locked_until = now + _wait_after(entry.count, free)
            counts = (account.count, by_client.count)
            wait = max(account.locked_until, by_client.locked_until) - now
        log.warning(
            "wrong password: account=%r client=%s failures=%d (client %d) wait=%ds",
            name,
            client,
            *counts,
            math.ceil(wait),
        )

    def succeeded(self, name: str, client: str) -> None:
        """A correct password clears the account's count and the client's."""
        with self._lock:
            self._accounts.pop(self._account_key(name), None)
            self._clients.pop(client, None)
        log.info("signed in: account=%r client=%s", name, client)

    def forget_all(self) -> None:
        """Clear every count (a server restart does the same)."""
        with self._lock:
            self._accounts.clear()
            self._clients.clear()


_shared = LoginThrottle()


def shared_throttle() -> LoginThrottle:
    """The one throttle of this server process (all browser sessions share it)."""
    return _shared
