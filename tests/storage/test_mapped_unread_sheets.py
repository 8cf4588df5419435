"""A mapped worksheet the transaction did not read (the Protokoll on an edit) keeps its mapping."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from casebook.cases.services import save_record
from casebook.core.access import Attempt, check_access
from casebook.core.actors import Actor, Role
from casebook.core.errors import AccessDenied
from casebook.core.sources import TownSource
from casebook.core.town_data import read_town
from casebook.storage.mapped import MappedStore
from casebook.storage.mapping import SourceMapping
from casebook.storage.xlsx.store import WorkbookStore
from sheets_schema import SheetName
from sheets_schema.enums import Town
from tests.support.builders import TODAY, case_manager
from tests.support.messy_workbook import messy_workbook, read_sheet

# The town calls the Protokoll's „Zeitpunkt“ column „Datum“ and says so in sources.toml.
MAPPING = SourceMapping(columns={SheetName.AUDIT: {"datum": "Zeitpunkt"}})


def _workbook(tmp_path: Path) -> Path:
    path = messy_workbook(tmp_path / "moers.xlsx")
    book = openpyxl.load_workbook(path)
    book["Protokoll"].cell(1, 1, "Datum")
    book.save(path)
    return path


def _store(path: Path) -> MappedStore:
    return MappedStore(WorkbookStore(path, header_locator=MAPPING.locate_header), MAPPING)


def test_an_edit_after_someone_elses_save_logs_under_the_protokolls_own_headers(
    tmp_path: Path,
) -> None:
    path = _workbook(tmp_path)
    mine = TownSource(Town.MOERS, _store(path))
    theirs = TownSource(Town.MOERS, _store(path))
    data = read_town(Town.MOERS, mine.store.load(), TODAY)
    their_data = read_town(Town.MOERS, theirs.store.load(), TODAY)
    first, second = their_data.case("KIM-MOE-2025-0001"), data.case("KIM-MOE-2025-0002")
    assert first is not None and second is not None
    # Another user's save changes the file, so this store cannot reuse its last full read.
    save_record(
        theirs, case_manager(Town.MOERS), first, {"Telefon": "0170 2"}, TODAY, data.case_ids()
    )
    save_record(
        mine, case_manager(Town.MOERS), second, {"Telefon": "0171 3"}, TODAY, data.case_ids()
    )
    protokoll = read_sheet(path, "Protokoll")
    assert len(protokoll[1]) == 8 and protokoll[1][0] == "Datum"
    assert protokoll[3][0] is not None and protokoll[3][4] == "KIM-MOE-2025-0002"


def test_a_refusal_after_someone_elses_save_is_logged_under_the_protokolls_own_headers(
    tmp_path: Path,
) -> None:
    path = _workbook(tmp_path)
    source = TownSource(Town.MOERS, _store(path))
    source.store.load()
    theirs = TownSource(Town.MOERS, _store(path))
    their_data = read_town(Town.MOERS, theirs.store.load(), TODAY)
    row = their_data.case("KIM-MOE-2025-0001")
    assert row is not None
    save_record(theirs, case_manager(Town.MOERS), row, {"Telefon": "0170 2"}, TODAY, set())
    coordinator = Actor("Kreis", Role.COORDINATION, frozenset({Town.MOERS}))
    with pytest.raises(AccessDenied):
        check_access(source, coordinator, Attempt.EDIT, "KIM-MOE-2025-0001")
    protokoll = read_sheet(path, "Protokoll")
    assert len(protokoll[1]) == 8 and protokoll[1][0] == "Datum"
    assert protokoll[3][0] is not None and protokoll[3][2] == "verweigert"
