"""Rows of a loaded town behave as plain rows, also those whose record is built when first asked for."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

from casebook.core.town_data import RecordRow, read_row, read_town
from casebook.storage.base import SheetRow, SheetTable, Snapshot
from sheets_schema import SheetName
from sheets_schema.enums import Town

TODAY = date(2026, 11, 20)
CASE = {"Fall-ID": "KIM-XAN-2026-0001", "Kommune": "Xanten", "Status": "Aktiv", "Nachname": "A"}


def _town(contacts: int = 50) -> tuple[Snapshot, list[SheetRow]]:
    rows = [
        SheetRow(
            number,
            {
                "Kontakt-ID": f"KIM-XAN-2026-0001-K{number:03d}",
                "Fall-ID": "KIM-XAN-2026-0001" if number % 3 else "KIM-XAN-2026-0999",
                "Datum": date(2026, 1, 1 + number % 28),
                "Art": "persönlich",
                "Dauer (Min)": 30 if number % 5 else 600,
            },
        )
        for number in range(2, contacts + 2)
    ]
    tables = {
        SheetName.CASES.value: SheetTable(SheetName.CASES.value, tuple(CASE), (SheetRow(2, CASE),)),
        SheetName.CONTACTS.value: SheetTable(
            SheetName.CONTACTS.value, tuple(rows[0].cells), tuple(rows)
        ),
    }
    return Snapshot("test", tables, "v1"), rows


def test_a_contact_row_equals_the_row_read_alone_with_its_record_and_problems() -> None:
    snapshot, sheet_rows = _town()
    town = read_town(Town.XANTEN, snapshot, TODAY)
    for row, sheet_row in zip(town.rows(SheetName.CONTACTS), sheet_rows, strict=True):
        assert row.record_id == sheet_row.cells["Kontakt-ID"]  # asked before the record
        alone = read_row(SheetName.CONTACTS, sheet_row, TODAY, town.parent_ids())
        assert row == alone
        assert row.record.case_id == alone.record.case_id
    assert any(row.problems for row in town.rows(SheetName.CONTACTS))


def test_children_and_replace_work_on_rows_not_built_yet() -> None:
    snapshot, _ = _town()
    town = read_town(Town.XANTEN, snapshot, TODAY)
    children = town.children(SheetName.CONTACTS, "KIM-XAN-2026-0001")
    assert len(children) == len([n for n in range(2, 52) if n % 3])
    first = town.rows(SheetName.CONTACTS)[0]
    changed = replace(first, problems=())
    assert isinstance(changed, RecordRow)
    assert changed.record == first.record
    assert changed.problems == ()


def test_many_threads_asking_for_the_same_records_all_get_them() -> None:
    snapshot, _ = _town(contacts=400)
    rows = read_town(Town.XANTEN, snapshot, TODAY).rows(SheetName.CONTACTS)
    seen: list[list[object]] = []
    failures: list[BaseException] = []

    def ask() -> None:
        try:
            seen.append([row.record for row in rows])
        except BaseException as error:  # a thread's failure is reported by the test
            failures.append(error)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert all(records == seen[0] for records in seen)
    assert [record.contact_id for record in seen[0]] == [row.record_id for row in rows]
