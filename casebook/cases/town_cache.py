"""The towns loaded by the server: one copy per town at its latest version, kept up to date by the
app's own saves; a change from outside the app (a version we did not write) means a full read."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

from casebook.cases.save_writes import SaveWrites
from casebook.cases.town_patch import NotPatchable, PatchedTown, apply_writes
from casebook.core import gc_freeze
from casebook.core.gc_pause import collector_paused
from casebook.core.town_data import TownData

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class Derived(Generic[T]):
    """Something computed from a loaded town (search index, case table), and how it follows a save.

    `follow` gets the old value and the patched town and returns the new value; it must not change
    the old value, which sessions still on the previous version may be using.
    """

    name: str
    build: Callable[[TownData], T]
    follow: Callable[[T, PatchedTown], T]


@dataclass
class _Entry:
    today: date
    data: TownData
    derived: dict[str, Any] = field(default_factory=dict)


class TownCache:
    """Loaded towns by key (town and source); thread-safe, one read per town and version.

    With `set_aside`, every full read is followed by `gc_freeze.set_aside()` and every dropped
    version by `gc_freeze.hand_back()`: the server's collections then skip the loaded towns
    (a save's follow-up replaces rows without cycles, which reference counting frees).
    """

    def __init__(self, set_aside: bool = False) -> None:
        self._set_aside = set_aside
        self._entries: dict[Hashable, _Entry] = {}
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()
        self.full_reads = 0  # how often a town was read whole (for tests and benchmarks)

    def _lock(self, key: Hashable) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())

    def town(
        self, key: Hashable, version: str, today: date, read: Callable[[], TownData]
    ) -> TownData:
        """The town at `version`: the copy held if it is that version, else a full read."""
        entry = self._entries.get(key)
        if entry is not None and entry.data.version == version and entry.today == today:
            return entry.data
        with self._lock(key):
            entry = self._entries.get(key)
            if entry is not None and entry.data.version == version and entry.today == today:
                return entry.data
            # The old copy goes first, so that at most one copy of a town is held during the read.
            dropped = self._entries.pop(key, None) is not None
            entry = None
            if dropped and self._set_aside:
                gc_freeze.hand_back()  # a frozen cycle of the old copy could never be freed
            # Paused until the town is set aside: otherwise the first collection after the read
            # walks all of its young objects, only for set_aside to walk them again.
            with collector_paused():
                data = read()
                self.full_reads += 1
                self._entries[key] = _Entry(today, data)
                if self._set_aside:
                    gc_freeze.set_aside()
            return data

    def derived(self, data: TownData, what: Derived[T]) -> T:
        """`what` of the town as held; computed once per version (for another version: afresh)."""
        for key, entry in list(self._entries.items()):
            if entry.data is not data:
                continue
            if what.name in entry.derived:
                return entry.derived[what.name]
            with self._lock(key):
                if entry.data is data and what.name not in entry.derived:
                    # An index or list of a whole town is built like the town itself: many
                    # small objects and no cycles, so the cycle collector waits (as in a load).
                    with collector_paused():
                        entry.derived[what.name] = what.build(data)
                if what.name in entry.derived:
                    return entry.derived[what.name]
        return what.build(data)

    def follow(
        self,
        writes: SaveWrites,
        derived: Callable[[date], tuple[Derived[Any], ...]] = lambda today: (),
    ) -> bool:
        """Bring the town our save wrote to up to date in place; False if it must be read again."""
        # Only the written town's lock is taken: another town may be in the middle of a long read.
        keys = [k for k, e in list(self._entries.items()) if e.data.source == writes.source]
        for key in keys:
            with self._lock(key):
                entry = self._entries.get(key)
                if entry is None or entry.data.source != writes.source:
                    continue
                try:
                    patched = apply_writes(entry.data, writes, entry.today)
                except NotPatchable as reason:
                    # Another save or an outside change came between: the next run reads afresh.
                    log.info("town %s is read again: %s", writes.source, reason)
                    return False
                entry.derived = _followed(entry.derived, patched, derived(entry.today))
                entry.data = patched.data
                return True
        return False

    def clear(self) -> None:
        with self._guard:
            self._entries.clear()
        if self._set_aside:
            gc_freeze.hand_back()


def _followed(
    values: dict[str, Any], patched: PatchedTown, derived: tuple[Derived[Any], ...]
) -> dict[str, Any]:
    how = {what.name: what for what in derived}
    result = {}
    for name, value in values.items():
        if name in how:
            result[name] = how[name].follow(value, patched)
    return result
