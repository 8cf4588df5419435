"""Duplicate indexes held by the server per choice of towns, following new versions row by row."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from casebook.core.town_data import TownData
from casebook.duplicates.cases import duplicate_index, follow_index
from casebook.duplicates.matching import DuplicateIndex, DuplicatePair

TownKey = tuple[str, str]  # town and source


@dataclass
class _Held:
    versions: tuple[str, ...]
    index: DuplicateIndex
    pairs: list[DuplicatePair] | None = None


class HeldIndexes:
    """One index per choice of towns (the last `max_entries` choices), thread-safe.

    A new version of a town (the app's own save, or an outside change read in full) updates the
    held index with the rows whose person changed instead of building it again; the index is
    replaced, never changed, so a session still using the old one is not disturbed.
    """

    def __init__(self, max_entries: int = 8) -> None:
        self._entries: OrderedDict[tuple[TownKey, ...], _Held] = OrderedDict()
        self._locks: dict[tuple[TownKey, ...], threading.Lock] = {}
        self._guard = threading.Lock()
        self._max_entries = max_entries
        self.builds = 0  # whole builds (for tests and benchmarks)

    def _lock(self, key: tuple[TownKey, ...]) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())

    def _held(self, towns: Sequence[TownData]) -> _Held:
        key = tuple((data.town.value, data.source) for data in towns)
        versions = tuple(data.version for data in towns)
        with self._lock(key):
            held = self._entries.get(key)
            if held is None:
                held = _Held(versions, duplicate_index(towns))
                self.builds += 1
            elif held.versions != versions:
                changed = [data for data, was in zip(towns, held.versions, strict=True)
                           if data.version != was]  # fmt: skip
                held = _Held(versions, follow_index(held.index, changed))
            with self._guard:
                self._entries[key] = held
                self._entries.move_to_end(key)
                while len(self._entries) > self._max_entries:
                    self._entries.popitem(last=False)
            return held

    def index(self, towns: Sequence[TownData]) -> DuplicateIndex:
        """The index over `towns` (in this order) as loaded now."""
        return self._held(towns).index

    def pairs(self, towns: Sequence[TownData]) -> list[DuplicatePair]:
        """All likely pairs among `towns` as loaded now (computed once per set of versions)."""
        held = self._held(towns)
        if held.pairs is None:
            held.pairs = held.index.pairs()
        return held.pairs

    def clear(self) -> None:
        with self._guard:
            self._entries.clear()
