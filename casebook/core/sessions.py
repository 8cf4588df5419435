"""Server-side sessions behind a random browser token, so a reload keeps the sign-in and drafts."""

from __future__ import annotations

import copy
import hashlib
import secrets
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class SessionExpired(Exception):
    """The token's session saw no activity for longer than the idle time; it is gone now."""

    def __init__(self, kept_keys: frozenset[str] = frozenset()) -> None:
        super().__init__("session expired")
        # Only the names of what it kept (never values: drafts hold personal data), so the
        # caller can tell a signed-in session from one that waited at the login.
        self.kept_keys = kept_keys


@dataclass
class _Entry:
    last_seen: float
    values: dict[str, Any] = field(default_factory=dict)


def _key(token: str) -> str:
    # Only a hash of the token is kept, so the table itself lets nobody sign in as anyone.
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class BrowserSessions:
    """What a browser's session had (who signed in, demo role, unsaved input), by random token."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, _Entry] = {}

    def _drop_idle(self, now: float, idle_seconds: float) -> None:
        # Drafts hold personal data: nothing stays in memory longer than a session may idle.
        for key in [k for k, e in self._entries.items() if now - e.last_seen > idle_seconds]:
            del self._entries[key]

    def open(self, idle_seconds: float, now: float | None = None) -> str:
        """A new, unguessable token for a fresh session (never one the browser brought along)."""
        now = time.time() if now is None else now
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._drop_idle(now, idle_seconds)
            self._entries[_key(token)] = _Entry(last_seen=now)
        return token

    def save(self, token: str, values: Mapping[str, Any], now: float | None = None) -> bool:
        """Replace what the token's session keeps; False when the token is unknown or ended."""
        now = time.time() if now is None else now
        with self._lock:
            entry = self._entries.get(_key(token))
            if entry is None:
                return False
            entry.values = dict(values)
            entry.last_seen = now
        return True

    def restore(
        self, token: str, idle_seconds: float, now: float | None = None
    ) -> dict[str, Any] | None:
        """What the token's session kept, or None for an unknown or ended token.

        Raises SessionExpired when the session idled too long (and forgets it).
        """
        now = time.time() if now is None else now
        with self._lock:
            entry = self._entries.get(_key(token))
            if entry is not None and now - entry.last_seen > idle_seconds:
                del self._entries[_key(token)]
                raise SessionExpired(frozenset(entry.values))
            self._drop_idle(now, idle_seconds)
            # A copy: a new browser session must not share mutable values with the old one.
            return copy.deepcopy(entry.values) if entry is not None else None

    def end(self, token: str) -> None:
        """Sign-out: the token opens nothing any more, even if the browser still sends it."""
        with self._lock:
            self._entries.pop(_key(token), None)


_shared = BrowserSessions()


def shared_sessions() -> BrowserSessions:
    """The sessions of this server process (a restart signs everybody out)."""
    return _shared
