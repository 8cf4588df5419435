"""The server's loaded towns: the app's own save is followed in place, anything else is read again."""

from __future__ import annotations

import gc
import weakref
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
from pandas.testing import assert_frame_equal

from casebook.cases.services import SaveResult, add_child, create_case, load_town, save_record
from casebook.cases.town_cache import Derived, TownCache
from casebook.core.sources import TownSource
from casebook.core.town_data import TownData
from casebook.search.cases import build_index, follow_index
from casebook.search.index import SearchIndex
from casebook.storage.xlsx.store import WorkbookStore
from sheets_schema import Case, Contact, SheetName, header_of
from sheets_schema.enums import Town
from tests.support.builders import (
    TODAY,
    case_manager,
    make_case,
    make_contact,
    town_workbook,
    workbook_source,
)

ACTOR = case_manager(Town.XANTEN, name="Petra Prüfer")
NOW = datetime(2026, 11, 20, 9, 30)
KEY = ("Xanten", "xanten.xlsx")


def _derived(today: Any) -> tuple[Derived[Any], ...]:
    from ui.case_table import case_frame, follow_frame

    return (
        Derived("search", build_index, follow_index),
        Derived(
            "cases",
            lambda data: case_frame(data, TODAY),
            lambda frame, patched: follow_frame(frame, patched, TODAY),
        ),
    )


class CachedTown:
    """A town workbook and a server cache in front of it, as the app's pages use them."""

    def __init__(self, path: Path) -> None:
        self.source: TownSource = workbook_source(path)
        self.cache = TownCache()

    def load(self) -> TownData:
        version = self.source.store.version()
        return self.cache.town(KEY, version, TODAY, lambda: load_town(self.source, ACTOR, TODAY))

    def saved(self, result: SaveResult) -> bool:
        assert result.writes is not None
        return self.cache.follow(result.writes, _derived)

    def index(self, data: TownData) -> SearchIndex:
        return self.cache.derived(data, _derived(TODAY)[0])

    def frame(self, data: TownData) -> pd.DataFrame:
        return self.cache.derived(data, _derived(TODAY)[1])


def _town(tmp_path: Path) -> CachedTown:
    cases = [make_case(1), make_case(2, last_name="Müller", first_name="Jürgen"), make_case(3)]
    path = town_workbook(tmp_path / "xanten.xlsx", cases, [make_contact("KIM-XAN-2026-0001")])
    return CachedTown(path)


def _rename(town: CachedTown, data: TownData, number: int, name: str, now: datetime) -> SaveResult:
    row = data.cases[number]
    form = {header_of(Case, "last_name"): name}
    return save_record(town.source, ACTOR, row, form, TODAY, data.case_ids(), now=now)


def test_after_the_apps_own_save_the_next_page_run_reads_nothing_and_shows_the_change(
    tmp_path: Path,
) -> None:
    town = _town(tmp_path)
    data = town.load()
    town.index(data)
    town.frame(data)
    assert town.cache.full_reads == 1
    assert town.saved(_rename(town, data, 1, "Schneider", NOW))
    after = town.load()
    assert town.cache.full_reads == 1
    fresh = load_town(workbook_source(tmp_path / "xanten.xlsx"), ACTOR, TODAY)
    assert after == fresh
    assert [hit.key for hit in town.index(after).search("Schneider")] == ["KIM-XAN-2026-0002"]
    assert not town.index(after).search("Müller")
    from ui.case_table import case_frame

    assert_frame_equal(town.frame(after), case_frame(fresh, TODAY))


def test_a_new_case_and_a_new_contact_appear_without_a_read(tmp_path: Path) -> None:
    town = _town(tmp_path)
    data = town.load()
    town.index(data)
    town.frame(data)
    created = create_case(
        town.source, ACTOR, {header_of(Case, "last_name"): "Neumann"}, TODAY, now=NOW
    )
    assert town.saved(created)
    contact = add_child(
        town.source,
        ACTOR,
        SheetName.CONTACTS,
        created.record_id,
        {header_of(Contact, "date"): "19.11.2026", header_of(Contact, "kind"): "persönlich"},
        TODAY,
        now=NOW,
    )
    assert town.saved(contact)
    after = town.load()
    assert town.cache.full_reads == 1
    fresh = load_town(workbook_source(tmp_path / "xanten.xlsx"), ACTOR, TODAY)
    assert after == fresh
    assert after.case(created.record_id) is not None
    assert [hit.key for hit in town.index(after).search("Neumann")] == [created.record_id]
    from ui.case_table import case_frame

    assert_frame_equal(town.frame(after), case_frame(fresh, TODAY))


def _change_elsewhere(tmp_path: Path, data: TownData) -> None:
    """Another program (here: a second store, as another server would be) writes the file."""
    elsewhere = TownSource(Town.XANTEN, WorkbookStore(tmp_path / "xanten.xlsx"))
    save_record(
        elsewhere,
        ACTOR,
        data.cases[0],
        {header_of(Case, "last_name"): "Anders"},
        TODAY,
        data.case_ids(),
        now=NOW,
    )


def test_a_change_made_outside_the_app_is_read_in_full(tmp_path: Path) -> None:
    town = _town(tmp_path)
    data = town.load()
    _change_elsewhere(tmp_path, data)
    after = town.load()
    assert town.cache.full_reads == 2
    assert after.cases[0].record.last_name == "Anders"


def test_a_save_on_top_of_an_outside_change_is_not_followed_but_read(tmp_path: Path) -> None:
    town = _town(tmp_path)
    data = town.load()
    _change_elsewhere(tmp_path, data)
    # Our save starts from the version before the outside change, so it cannot be applied.
    assert not town.saved(_rename(town, data, 2, "Drittmann", NOW + timedelta(minutes=1)))
    after = town.load()
    assert town.cache.full_reads == 2
    assert after.cases[0].record.last_name == "Anders"
    assert after.cases[2].record.last_name == "Drittmann"


def test_old_versions_are_dropped_and_one_copy_of_the_town_is_held(tmp_path: Path) -> None:
    town = _town(tmp_path)
    data = town.load()
    town.index(data)
    town.frame(data)
    first = weakref.ref(data)
    for number in range(5):
        assert town.saved(_rename(town, data, 0, f"Name{number}", NOW + timedelta(minutes=number)))
        data = town.load()
    del data
    gc.collect()
    assert first() is None
    assert len(town.cache._entries) == 1
