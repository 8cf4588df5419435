"""Loaded towns are set aside from the cycle collector, and a dropped version is still freed."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from casebook.cases.services import load_town, save_record
from casebook.cases.town_cache import TownCache
from casebook.core import gc_freeze
from casebook.core.sources import TownSource
from casebook.core.town_data import TownData
from casebook.storage.xlsx.store import WorkbookStore
from sheets_schema import Case, header_of
from sheets_schema.enums import Town
from tests.storage.test_town_cache import ACTOR, KEY, _derived
from tests.support.builders import TODAY, make_case, make_contact, town_workbook, workbook_source

NOW = datetime(2026, 11, 20, 9, 30)
LAST_NAME = header_of(Case, "last_name")


@pytest.fixture(autouse=True)
def _unfrozen() -> Iterator[None]:
    # Freezing is process-wide: no test may leave the objects of later tests set aside.
    gc.unfreeze()
    yield
    gc.unfreeze()


class _Town:
    def __init__(self, tmp_path: Path) -> None:
        cases = [make_case(1), make_case(2, last_name="Müller"), make_case(3)]
        path = town_workbook(tmp_path / "xanten.xlsx", cases, [make_contact("KIM-XAN-2026-0001")])
        self.path = path
        self.source: TownSource = workbook_source(path)
        self.cache = TownCache(set_aside=True)

    def load(self) -> TownData:
        version = self.source.store.version()
        return self.cache.town(KEY, version, TODAY, lambda: load_town(self.source, ACTOR, TODAY))

    def rename(self, data: TownData, number: int, name: str, minutes: int = 0) -> bool:
        result = save_record(
            self.source,
            ACTOR,
            data.cases[number],
            {LAST_NAME: name},
            TODAY,
            data.case_ids(),
            now=NOW + timedelta(minutes=minutes),
        )
        assert result.writes is not None
        return self.cache.follow(result.writes, _derived)


def _walked_by_collections(thing: object) -> bool:
    return any(candidate is thing for candidate in gc.get_objects())


def test_a_full_read_sets_the_town_aside_from_collections(tmp_path: Path) -> None:
    town = _Town(tmp_path)
    data = town.load()
    assert gc_freeze.frozen() > 0
    assert not _walked_by_collections(data.cases[0])
    assert not _walked_by_collections(data)


def test_without_set_aside_the_town_stays_with_the_collector(tmp_path: Path) -> None:
    town = _Town(tmp_path)
    town.cache = TownCache()
    data = town.load()
    assert gc_freeze.frozen() == 0
    assert _walked_by_collections(data.cases[0])


def test_a_version_replaced_by_a_save_is_freed_by_reference_counting(tmp_path: Path) -> None:
    town = _Town(tmp_path)
    data = town.load()
    town.cache.derived(data, _derived(TODAY)[0])
    town.cache.derived(data, _derived(TODAY)[1])
    first, renamed_row = weakref.ref(data), weakref.ref(data.cases[0])
    gc.disable()  # only reference counting may free it: frozen objects are never collected
    try:
        for number in range(3):
            assert town.rename(data, 0, f"Name{number}", minutes=number)
            data = town.load()
        assert town.cache.full_reads == 1
        assert data.cases[0].record.last_name == "Name2"
        assert first() is None
        assert renamed_row() is None
    finally:
        gc.enable()


def test_a_version_read_again_is_handed_back_and_freed_even_in_a_cycle(tmp_path: Path) -> None:
    town = _Town(tmp_path)
    data = town.load()
    # A cycle, so only the cycle collector can free this version: it must not stay set aside.
    data.__dict__["_itself"] = data
    first = weakref.ref(data)
    elsewhere = TownSource(Town.XANTEN, WorkbookStore(town.path))
    save_record(elsewhere, ACTOR, data.cases[1], {LAST_NAME: "Anders"}, TODAY, data.case_ids())
    del data
    again = town.load()
    assert town.cache.full_reads == 2
    assert again.cases[1].record.last_name == "Anders"
    assert first() is None
    assert not _walked_by_collections(again.cases[0])


def test_clearing_the_cache_hands_everything_back(tmp_path: Path) -> None:
    town = _Town(tmp_path)
    data = town.load()
    town.cache.clear()
    assert gc_freeze.frozen() == 0
    assert _walked_by_collections(data.cases[0])


def test_a_cycle_set_aside_with_a_town_is_collected_when_handed_back() -> None:
    class Node:
        pass

    node = Node()
    node.itself = node  # type: ignore[attr-defined]
    gone = weakref.ref(node)
    del node
    gc_freeze.set_aside()  # garbage since the last collection is set aside too …
    gc.collect()
    assert gone() is not None
    gc_freeze.hand_back()  # … and freed when a version is dropped
    assert gone() is None
