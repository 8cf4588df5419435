"""After the app's own save, the town updated in place equals a fresh read of the whole workbook."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from casebook.cases.services import SaveResult, add_child, create_case, load_town, save_record
from casebook.cases.town_patch import NotPatchable, apply_writes
from casebook.core.errors import InvalidRecord
from casebook.core.sources import TownSource
from casebook.core.town_data import TownData
from casebook.demo.workbooks import generate_town
from casebook.search.cases import build_index, follow_index
from casebook.storage.mapped import MappedStore
from casebook.storage.mapping import SourceMapping
from casebook.storage.xlsx.layout import create_workbook
from casebook.storage.xlsx.store import WorkbookStore
from sheets_schema import CHILD_SHEETS, Case, Contact, SheetName, header_of
from sheets_schema.enums import Town
from tests.support.builders import (
    TODAY,
    case_manager,
    make_case,
    make_contact,
    town_workbook,
    workbook_source,
)
from tests.support.messy_workbook import messy_workbook
from ui.case_table import case_frame, follow_frame

ACTOR = case_manager(Town.XANTEN, name="Petra Prüfer")
NOW = datetime(2026, 11, 20, 9, 30)

# Values a case manager types into a case's fields: valid, lenient, empty, odd, invalid.
CASE_EDITS = {
    "remark": ["", "Termin am Montag", "  Leerzeichen  ", "=HYPERLINK(1)", "Zeile\nzwei"],
    "phone": ["", "+49 170 1234567", "0281 12"],
    "birth_date": ["", "31.12.1990", "1990-01-02", "31.02.2024", date(1985, 5, 6)],
    "household_size": ["", "4", "0", "-1", "drei"],
    "follow_up": ["", "01.01.2026", date(2027, 3, 1)],
    "status": ["Aktiv", "Ruhend", "Anfrage"],
    "last_name": ["Müller", "محمد", ""],
}


def _town(tmp_path: Path, cases: int = 40, seed: int = 7) -> TownSource:
    rows = generate_town(Town.XANTEN, random.Random(seed), cases, TODAY)
    path = tmp_path / "xanten.xlsx"
    create_workbook(path, rows)
    return workbook_source(path)


def _path(source: TownSource) -> Path:
    assert isinstance(source.store, WorkbookStore)
    return source.store.path


def _fresh(source: TownSource) -> TownData:
    """A read of the file by a store of its own, which has seen none of the saves."""
    return load_town(workbook_source(_path(source)), ACTOR, TODAY)


def _follow(data: TownData, result: SaveResult) -> TownData:  # the town only
    assert result.writes is not None
    return apply_writes(data, result.writes, TODAY).data


def _edit_case(source: TownSource, data: TownData, rng: random.Random, now: datetime) -> SaveResult:
    row = data.cases[rng.randrange(len(data.cases))]
    name = rng.choice(sorted(CASE_EDITS))
    form = {header_of(Case, name): rng.choice(CASE_EDITS[name])}
    return save_record(source, ACTOR, row, form, TODAY, data.case_ids(), now=now)


def _edit_contact(
    source: TownSource, data: TownData, rng: random.Random, now: datetime
) -> SaveResult:
    row = data.rows(SheetName.CONTACTS)[rng.randrange(len(data.rows(SheetName.CONTACTS)))]
    form = {header_of(Contact, "note"): rng.choice(["kurz", "", "Anruf wegen Kita"])}
    return save_record(source, ACTOR, row, form, TODAY, data.case_ids(), now=now)


def _new_case(source: TownSource, data: TownData, rng: random.Random, now: datetime) -> SaveResult:
    form = {
        header_of(Case, "last_name"): f"Neu{rng.randrange(100)}",
        header_of(Case, "first_name"): "Ada",
    }
    return create_case(source, ACTOR, form, TODAY, now=now)


def _new_contact(
    source: TownSource, data: TownData, rng: random.Random, now: datetime
) -> SaveResult:
    case_id = str(data.cases[rng.randrange(len(data.cases))].record_id)
    form = {
        header_of(Contact, "date"): "19.11.2026",
        header_of(Contact, "kind"): "telefonisch",
        header_of(Contact, "note"): "Erstgespräch",
    }
    return add_child(source, ACTOR, SheetName.CONTACTS, case_id, form, TODAY, now=now)


def _look_up_everything(data: TownData) -> list[object]:
    """Each case by its Fall-ID and its contacts, goals and referrals, as the case page asks."""
    ids = sorted(data.case_ids())
    return [
        (case_id, data.case(case_id), *(data.children(sheet, case_id) for sheet in CHILD_SHEETS))
        for case_id in ids
    ]


STEPS = [_edit_case, _edit_case, _edit_contact, _new_case, _new_contact]


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(seed=st.integers(0, 10_000), steps=st.lists(st.integers(0, len(STEPS) - 1), max_size=6))
def test_a_town_updated_in_place_equals_a_fresh_read_after_every_save(
    tmp_path_factory: pytest.TempPathFactory, seed: int, steps: list[int]
) -> None:
    source = _town(tmp_path_factory.mktemp("town"), seed=seed)
    rng = random.Random(seed)
    data = load_town(source, ACTOR, TODAY)
    frame, index = case_frame(data, TODAY), build_index(data)
    for number, step in enumerate(steps):
        try:
            result = STEPS[step](source, data, rng, NOW + timedelta(minutes=number))
        except InvalidRecord:
            continue  # nothing was written; the town stays as it was
        if result.writes is None:
            assert _fresh(source) == data
            continue
        assert result.writes is not None
        _look_up_everything(data)  # so that the look-ups are carried over, not built afresh
        patched = apply_writes(data, result.writes, TODAY)
        data = patched.data
        fresh = _fresh(source)
        assert data == fresh
        assert _look_up_everything(data) == _look_up_everything(fresh)
        # The store's own last read followed the write as well, so the next save reads nothing.
        store = source.store
        assert isinstance(store, WorkbookStore)
        reads = store.reads
        assert store.load() == WorkbookStore(_path(source)).load()
        assert store.reads == reads
        # The case list and the search follow as well.
        frame, index = follow_frame(frame, patched, TODAY), follow_index(index, patched)
        assert_frame_equal(frame, case_frame(fresh, TODAY))
        for query in ("Neu", "Müller", "محمد", "0170", "KIM-XAN"):
            assert index.search(query) == build_index(fresh).search(query)


def test_a_new_case_clears_the_unknown_case_error_of_a_contact_typed_for_it(
    tmp_path: Path,
) -> None:
    # Someone typed a contact for the Fall-ID the next new case will get.
    path = town_workbook(
        tmp_path / "xanten.xlsx",
        [make_case(1), make_case(2)],
        [make_contact("KIM-XAN-2026-0003")],
    )
    source = workbook_source(path)
    data = _fresh(source)
    assert data.rows(SheetName.CONTACTS)[0].has_errors
    created = create_case(source, ACTOR, {header_of(Case, "last_name"): "Neu"}, TODAY, now=NOW)
    assert created.record_id == "KIM-XAN-2026-0003"
    assert created.writes is not None
    patched = apply_writes(data, created.writes, TODAY).data
    assert not patched.rows(SheetName.CONTACTS)[0].has_errors
    assert patched == _fresh(source)


def test_a_save_from_an_older_version_is_not_applied(tmp_path: Path) -> None:
    source = _town(tmp_path, cases=5)
    old = _fresh(source)
    first = _edit_case(source, old, random.Random(1), NOW)
    second_base = _follow(old, first)
    second = save_record(
        source,
        ACTOR,
        second_base.cases[0],
        {header_of(Case, "remark"): "zweite Änderung"},
        TODAY,
        second_base.case_ids(),
        now=NOW,
    )
    assert second.writes is not None
    with pytest.raises(NotPatchable):
        apply_writes(old, second.writes, TODAY)


def test_an_onboarded_town_follows_a_save_in_place_once_its_columns_exist(tmp_path: Path) -> None:
    path = messy_workbook(tmp_path / "moers.xlsx")
    mapping = SourceMapping()
    store = MappedStore(WorkbookStore(path, header_locator=mapping.locate_header), mapping)
    source = TownSource(Town.MOERS, store)
    actor = case_manager(Town.MOERS)

    def fresh() -> TownData:
        own = MappedStore(WorkbookStore(path, header_locator=mapping.locate_header), mapping)
        return load_town(TownSource(Town.MOERS, own), actor, TODAY)

    def save(data: TownData, phone: str) -> SaveResult:
        row = data.case("KIM-MOE-2025-0002")
        assert row is not None
        form = {header_of(Case, "phone"): phone}
        return save_record(source, actor, row, form, TODAY, data.case_ids(), now=NOW)

    data = load_town(source, actor, TODAY)
    # The first save adds the stamp columns to the town's sheet: only a read shows the result.
    first = save(data, "0170 1111111")
    assert first.writes is not None and not first.writes.patchable
    with pytest.raises(NotPatchable):
        apply_writes(data, first.writes, TODAY)
    data = load_town(source, actor, TODAY)
    second = save(data, "0170 2222222")
    assert second.writes is not None
    followed = apply_writes(data, second.writes, TODAY).data
    assert followed == fresh()
    assert followed.case("KIM-MOE-2025-0002").record.phone == "0170 2222222"  # type: ignore[union-attr]
