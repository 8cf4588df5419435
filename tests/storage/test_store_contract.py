"""The storage contract: what every backend guarantees when the app saves into a town's spreadsheet."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from casebook.cases.services import SaveResult, add_child, create_case, load_town, save_record
from casebook.core.errors import InvalidRecord, RecordConflict
from casebook.core.sources import TownSource
from casebook.core.town_data import TownData
from sheets_schema import AuditEntry, Case, SheetName, headers
from tests.storage.harness import BackendHarness
from tests.support.builders import TODAY, case_manager, make_case, make_contact

NOW = datetime(2026, 11, 20, 10, 30)
ACTOR = case_manager(name="Frau Test")
CASE_COLUMNS = headers(Case)


def column(header: str) -> int:
    return CASE_COLUMNS.index(header) + 1


@pytest.fixture
def source(backend: BackendHarness) -> TownSource:
    cases = [make_case(1), make_case(2, last_name="Müller", first_name="Jürgen"), make_case(3)]
    return backend.create(cases, [make_contact("KIM-XAN-2026-0001")])


def load(source: TownSource) -> TownData:
    return load_town(source, ACTOR, TODAY)


def edit(source: TownSource, case_id: str, data: TownData | None = None, **form: Any) -> SaveResult:
    data = data or load(source)
    base = data.case(case_id)
    assert base is not None
    return save_record(source, ACTOR, base, form, TODAY, data.case_ids(), NOW)


def changed_cells(before: list[list[Any]], after: list[list[Any]]) -> set[tuple[int, int]]:
    def value(grid: list[list[Any]], r: int, c: int) -> Any:
        return grid[r][c] if r < len(grid) and c < len(grid[r]) else None

    rows = max(len(before), len(after))
    columns = max((len(r) for r in before + after), default=0)
    return {
        (r + 1, c + 1)
        for r in range(rows)
        for c in range(columns)
        if value(before, r, c) not in (None, "") or value(after, r, c) not in (None, "")
        if value(before, r, c) != value(after, r, c)
    }


def test_a_save_writes_only_the_changed_cells_of_that_row(
    backend: BackendHarness, source: TownSource
) -> None:
    cases_before, contacts_before = backend.grid("Fälle"), backend.grid("Kontakte")
    result = edit(source, "KIM-XAN-2026-0002", Telefon="0151 7654321")

    assert result.changed == ("Telefon",)
    stamped = {column(h) for h in ("Telefon", "Geändert am", "Geändert von")}
    assert changed_cells(cases_before, backend.grid("Fälle")) == {
        (result.row_number, c) for c in stamped
    }
    assert backend.grid("Kontakte") == contacts_before
    assert load(source).case("KIM-XAN-2026-0002").record.phone == "0151 7654321"  # type: ignore[union-attr]


def test_every_change_is_logged_with_old_and_new_value(source: TownSource) -> None:
    edit(source, "KIM-XAN-2026-0002", Telefon="0151 7654321", Ort="Xanten")
    entries = [row.record for row in load(source).rows(SheetName.AUDIT)]
    assert [(e.user, e.action.value, e.record_id, e.field, e.old, e.new) for e in entries] == [
        ("Frau Test", "geändert", "KIM-XAN-2026-0002", "Ort", None, "Xanten"),
        ("Frau Test", "geändert", "KIM-XAN-2026-0002", "Telefon", "0170 1234567", "0151 7654321"),
    ]
    assert all(isinstance(e, AuditEntry) and e.timestamp == NOW for e in entries)


def test_columns_of_the_town_stay_as_they_were(backend: BackendHarness, source: TownSource) -> None:
    backend.add_column("Fälle", "Eigene Spalte", {3: "nur für uns"})
    edit(source, "KIM-XAN-2026-0002", Vorname="Jürgen Karl")
    grid = backend.grid("Fälle")
    own = grid[0].index("Eigene Spalte")
    assert grid[2][own] == "nur für uns"
    assert load(source).case("KIM-XAN-2026-0002").cells["Eigene Spalte"] == "nur für uns"  # type: ignore[union-attr]


def test_rows_sorted_by_hand_still_get_the_right_row(
    backend: BackendHarness, source: TownSource
) -> None:
    data = load(source)  # the user opens case 0002 in row 3 ...
    backend.swap_rows("Fälle", 3, 4)  # ... while someone sorts the sheet
    result = edit(source, "KIM-XAN-2026-0002", data, Ort="Xanten-Lüttingen")
    assert result.row_number == 4
    after = load(source)
    assert after.case("KIM-XAN-2026-0002").record.city == "Xanten-Lüttingen"  # type: ignore[union-attr]
    assert after.case("KIM-XAN-2026-0003").record.city is None  # type: ignore[union-attr]


def test_a_row_changed_meanwhile_is_a_conflict_and_nothing_is_written(
    backend: BackendHarness, source: TownSource
) -> None:
    data = load(source)
    backend.set_cell(
        "Fälle", 3, column("Telefon"), "0151 1111111"
    )  # someone edits the sheet directly
    before = backend.grid("Fälle")
    with pytest.raises(RecordConflict) as conflict:
        edit(source, "KIM-XAN-2026-0002", data, Ort="Xanten")
    assert [(c.column, c.before, c.now) for c in conflict.value.changes] == [
        ("Telefon", "0170 1234567", "0151 1111111")
    ]
    assert backend.grid("Fälle") == before
    assert load(source).rows(SheetName.AUDIT) == ()


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://x","klick")', "+49 170 1234567", "-5", "@SUM(A1)", '=IMPORTXML("x")'],
)
def test_formula_like_text_is_stored_as_text(
    backend: BackendHarness, source: TownSource, text: str
) -> None:
    result = edit(source, "KIM-XAN-2026-0001", Bemerkung=text)
    assert not backend.is_formula("Fälle", result.row_number, column("Bemerkung"))
    assert backend.grid("Fälle")[result.row_number - 1][column("Bemerkung") - 1] == text
    assert load(source).case("KIM-XAN-2026-0001").record.remark == text  # type: ignore[union-attr]


def test_an_invalid_case_is_never_saved(backend: BackendHarness, source: TownSource) -> None:
    before = backend.grid("Fälle")
    with pytest.raises(InvalidRecord) as invalid:
        edit(source, "KIM-XAN-2026-0001", Geburtsdatum="31.02.2024", PLZ="123")
    assert {p.column for p in invalid.value.problems if p.is_error} == {"Geburtsdatum", "PLZ"}
    assert backend.grid("Fälle") == before


def test_cells_typed_by_hand_stay_as_typed_when_other_fields_change(
    backend: BackendHarness, source: TownSource
) -> None:
    backend.set_cell("Fälle", 2, column("Geburtsdatum"), "01.04.90")
    backend.set_cell("Fälle", 2, column("Status"), " aktiv ")
    edit(source, "KIM-XAN-2026-0001", Ort="Xanten", Geburtsdatum="01.04.1990", Status="Aktiv")
    row = backend.grid("Fälle")[1]
    assert row[column("Geburtsdatum") - 1] == "01.04.90"
    assert row[column("Status") - 1] == " aktiv "


def test_a_new_case_goes_after_the_last_used_row_with_the_next_free_id(source: TownSource) -> None:
    result = create_case(source, ACTOR, {"Nachname": "Neu", "Status": "Anfrage"}, TODAY, NOW)
    assert (result.record_id, result.row_number) == ("KIM-XAN-2026-0004", 5)
    data = load(source)
    assert data.case("KIM-XAN-2026-0004").record.last_name == "Neu"  # type: ignore[union-attr]
    assert [(r.record.action.value, r.record.record_id) for r in data.rows(SheetName.AUDIT)] == [
        ("angelegt", "KIM-XAN-2026-0004")
    ]


def test_case_ids_are_never_reused_after_a_deletion(
    backend: BackendHarness, source: TownSource
) -> None:
    for number, value in enumerate(
        ["01.05.2026 10:00", "Admin", "gelöscht", "Fälle", "KIM-XAN-2026-0009"], 1
    ):
        backend.set_cell("Protokoll", 2, number, value)
    assert (
        create_case(source, ACTOR, {"Nachname": "Neu"}, TODAY, NOW).record_id == "KIM-XAN-2026-0010"
    )


def test_contacts_get_ids_per_case(source: TownSource) -> None:
    form = {"Datum": "19.11.2026", "Art": "telefonisch", "Dauer (Min)": "20"}
    first = add_child(source, ACTOR, SheetName.CONTACTS, "KIM-XAN-2026-0001", form, TODAY, NOW)
    second = add_child(source, ACTOR, SheetName.CONTACTS, "KIM-XAN-2026-0002", form, TODAY, NOW)
    assert (first.record_id, second.record_id) == ("KIM-XAN-2026-0001-K02", "KIM-XAN-2026-0002-K01")
    contacts = load(source).children(SheetName.CONTACTS, "KIM-XAN-2026-0001")
    assert [c.record.date for c in contacts] == [date(2026, 2, 1), date(2026, 11, 19)]
    assert contacts[-1].record.recorded_by == "Frau Test"


def test_a_case_without_kommune_gets_its_town_on_the_next_save(
    backend: BackendHarness, source: TownSource
) -> None:
    backend.set_cell("Fälle", 3, column("Kommune"), None)  # e.g. a town's sheet without that column
    data = load(source)
    assert any(p.code == "required" for p in data.case("KIM-XAN-2026-0002").problems)  # type: ignore[union-attr]

    result = edit(source, "KIM-XAN-2026-0002", data, Ort="Xanten")

    assert result.changed == ("Kommune", "Ort")
    assert load(source).case("KIM-XAN-2026-0002").record.town.value == "Xanten"  # type: ignore[union-attr]
    logged = [(r.record.field, r.record.new) for r in load(source).rows(SheetName.AUDIT)]
    assert ("Kommune", "Xanten") in logged
