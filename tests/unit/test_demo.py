"""Demo data: consistent with every rule except the planted slips, unique IDs, never overwrites."""

from __future__ import annotations

import random
import re
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest
from pydantic import BaseModel

from casebook.core.town_data import read_town
from casebook.demo.flaws import Flaw
from casebook.demo.profiles import FEMALE_FIRST_NAMES
from casebook.demo.workbooks import DEMO_NOTICE, DemoRows, generate_town, town_random, write_demo
from casebook.storage.cells import CellValue
from casebook.storage.xlsx.layout import NOTICE_SHEET
from casebook.storage.xlsx.store import WorkbookStore
from sheets_schema import (
    SHEETS,
    Case,
    Problem,
    SheetName,
    check_record,
    header_of,
    parse_row,
)
from sheets_schema.enums import CaseStatus, Gender, Phase, ResidenceStatus, Town
from sheets_schema.sheets import CASE_ID_PATTERN, CHILD_SHEETS

TODAY = date(2026, 5, 20)
CASES = 300


@pytest.fixture(scope="module")
def towns() -> dict[Town, DemoRows]:
    return {t: generate_town(t, random.Random(f"test:{t.code}"), CASES, TODAY) for t in Town}


def _parsed(rows: DemoRows, sheet: SheetName) -> list[BaseModel]:
    return [parse_row(SHEETS[sheet].model, row).record for row in rows[sheet]]


@pytest.fixture(scope="module")
def cases(towns: dict[Town, DemoRows]) -> dict[Town, list[Case]]:
    """The case rows as the app reads them."""
    return {
        town: [parse_row(Case, row).record for row in rows[SheetName.CASES]]
        for town, rows in towns.items()
    }


def _errors(rows: DemoRows) -> dict[SheetName, dict[str, set[str]]]:
    """Error codes per sheet and record ID, from lenient reading and the cross-field rules."""
    case_ids = {str(r[header_of(Case, "case_id")]) for r in rows[SheetName.CASES]}
    found: dict[SheetName, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for sheet in SheetName:
        spec = SHEETS[sheet]
        for row in rows[sheet]:
            parsed = parse_row(spec.model, row)
            problems: list[Problem] = [
                *parsed.problems,
                *check_record(parsed.record, TODAY, case_ids),
            ]
            record_id = str(getattr(parsed.record, spec.id_field or "", ""))
            for problem in problems:
                if problem.is_error:
                    found[sheet][record_id].add(problem.code)
    return found


def _cell(row: dict[str, CellValue], name: str) -> CellValue:
    return row[header_of(Case, name)]


@pytest.mark.parametrize("town", list(Town))
def test_only_the_planted_slips_are_errors(towns: dict[Town, DemoRows], town: Town) -> None:
    rows = towns[town]
    errors = _errors(rows)
    expected = {case_id: {code} for case_id, code in rows.deliberate_errors.items()}
    assert errors[SheetName.CASES] == expected
    for sheet in CHILD_SHEETS:
        assert errors[sheet] == {}


def test_every_kind_of_slip_appears_across_the_towns(towns: dict[Town, DemoRows]) -> None:
    planted = {flaw for rows in towns.values() for flaw in rows.flaws.values()}
    assert planted == set(Flaw)
    for rows in towns.values():
        assert round(CASES * 0.02) == len(rows.flaws)
        assert len(rows.deliberate_errors) >= 1


def test_slips_that_are_read_leniently_still_look_typed_by_hand(
    towns: dict[Town, DemoRows],
) -> None:
    for rows in towns.values():
        by_id = {_cell(r, "case_id"): r for r in rows[SheetName.CASES]}
        for case_id, flaw in rows.flaws.items():
            row = by_id[case_id]
            if flaw is Flaw.SHORT_YEAR:
                dates = [_cell(row, "admission"), _cell(row, "first_contact")]
                assert any(
                    isinstance(d, str) and re.fullmatch(r"\d\d\.\d\d\.\d\d", d) for d in dates
                )
            if flaw is Flaw.ODD_CASE:
                status = str(_cell(row, "status"))
                assert status.startswith(" ") and status.strip() in {
                    s.value.lower() for s in CaseStatus
                }


def test_case_ids_are_unique_and_of_the_town(towns: dict[Town, DemoRows]) -> None:
    for town, rows in towns.items():
        ids = [str(_cell(r, "case_id")) for r in rows[SheetName.CASES]]
        assert len(set(ids)) == len(ids) == CASES
        for case_id in ids:
            match = CASE_ID_PATTERN.match(case_id)
            assert match and match[1] == town.code


def test_case_numbers_count_up_from_0001_per_year_in_order_of_the_start(
    cases: dict[Town, list[Case]],
) -> None:
    for town_cases in cases.values():
        numbers: dict[str, list[int]] = defaultdict(list)
        for case in town_cases:
            assert case.case_id is not None
            match = CASE_ID_PATTERN.match(case.case_id)
            assert match
            start = case.admission or case.first_contact
            if start is not None:  # unreadable only in a planted slip
                assert start.year == int(match[2])
            numbers[match[2]].append(int(match[3]))
        for year_numbers in numbers.values():
            assert year_numbers == list(range(1, len(year_numbers) + 1))


def test_child_ids_are_unique_and_belong_to_an_existing_case(
    towns: dict[Town, DemoRows],
) -> None:
    for rows in towns.values():
        case_ids = {_cell(r, "case_id") for r in rows[SheetName.CASES]}
        for sheet in CHILD_SHEETS:
            spec = SHEETS[sheet]
            id_header = header_of(spec.model, spec.id_field or "")
            parent_header = header_of(spec.model, spec.parent_field or "")
            ids = [str(r[id_header]) for r in rows[sheet]]
            assert len(set(ids)) == len(ids)
            for row in rows[sheet]:
                parent = row[parent_header]
                assert parent in case_ids
                assert re.fullmatch(rf"{parent}-{spec.id_letter}\d\d", str(row[id_header]))


def test_child_rows_fall_between_the_start_and_the_end_of_their_case(
    towns: dict[Town, DemoRows], cases: dict[Town, list[Case]]
) -> None:
    rows = towns[Town.MOERS]
    by_id = {c.case_id: c for c in cases[Town.MOERS]}
    for sheet, date_field in (
        (SheetName.CONTACTS, "date"),
        (SheetName.GOALS, "agreed_on"),
        (SheetName.REFERRALS, "date"),
    ):
        for record in _parsed(rows, sheet):
            if getattr(record, "planned", False):
                continue  # appointments lie ahead; see the test of planned appointments
            case = by_id[getattr(record, "case_id")]  # noqa: B009
            day = getattr(record, date_field)
            assert case.first_contact is not None and case.first_contact <= day
            if case.status is CaseStatus.ABGESCHLOSSEN:
                assert case.closing is not None and day <= case.closing
            assert day <= TODAY


def test_some_active_cases_have_a_planned_appointment_in_the_next_three_weeks(
    towns: dict[Town, DemoRows], cases: dict[Town, list[Case]]
) -> None:
    status = {c.case_id: c.status for c in cases[Town.MOERS]}
    planned = [c for c in _parsed(towns[Town.MOERS], SheetName.CONTACTS) if c.planned]
    assert 20 <= len(planned) <= 60  # about a quarter of the active cases of 300
    for contact in planned:
        assert status[contact.case_id] is CaseStatus.AKTIV
        assert TODAY <= contact.date <= TODAY + timedelta(days=20)


def test_statuses_are_mixed_with_most_cases_active_and_phases_fitting(
    towns: dict[Town, DemoRows], cases: dict[Town, list[Case]]
) -> None:
    clean = [
        case
        for town, town_cases in cases.items()
        for case in town_cases
        if case.case_id not in towns[town].flaws
    ]
    statuses = [c.status for c in clean]
    counts = {s: statuses.count(s) for s in CaseStatus}
    assert max(counts, key=lambda s: counts[s]) is CaseStatus.AKTIV
    assert all(n > 0 for n in counts.values())
    for case in clean:
        if case.status is CaseStatus.ABGESCHLOSSEN:
            assert case.phase is Phase.ABSCHLUSS
        elif case.status is CaseStatus.ANFRAGE:
            assert case.admission is None
        elif case.phase is not None:
            assert case.phase is not Phase.ABSCHLUSS


def test_people_look_plausible(cases: dict[Town, list[Case]]) -> None:
    everyone = [case for town_cases in cases.values() for case in town_cases]
    minors = 0
    for case in everyone:
        if case.residence_status is ResidenceStatus.AE_24:
            assert "ukrainisch" in case.nationalities
        if case.residence_status is ResidenceStatus.DEUTSCH:
            assert "deutsch" in case.nationalities
        if case.first_name in FEMALE_FIRST_NAMES:
            assert case.gender is not Gender.MAENNLICH
        if case.birth_date and (TODAY - case.birth_date).days < 18 * 365:
            minors += 1
    assert 0 < minors < len(everyone) * 0.1


def test_same_seed_gives_the_same_town_and_another_seed_another() -> None:
    def make(seed: str) -> DemoRows:
        return generate_town(Town.WESEL, random.Random(seed), 40, TODAY)

    assert make("a") == make("a")
    assert make("a").flaws == make("a").flaws
    assert make("a") != make("b")


def test_write_demo_never_overwrites_an_existing_workbook(tmp_path: Path) -> None:
    existing = tmp_path / "kim-xan.xlsx"
    existing.write_bytes(b"Xanten's real cases")
    written = write_demo(tmp_path, cases_per_town=20, today=TODAY)
    assert existing.read_bytes() == b"Xanten's real cases"
    others = {f"kim-{t.code.lower()}.xlsx" for t in Town if t is not Town.XANTEN}
    assert {p.name for p in written} == others
    assert all(p.stat().st_size > 0 for p in written)
    assert write_demo(tmp_path, cases_per_town=20, today=TODAY) == []


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    write_demo(folder, cases_per_town=100, today=TODAY, seed=7)
    return folder


def test_written_workbooks_read_back_with_only_the_planted_errors(demo_folder: Path) -> None:
    for town in Town:
        snapshot = WorkbookStore(demo_folder / f"kim-{town.code.lower()}.xlsx").load()
        data = read_town(town, snapshot, TODAY)
        errors: dict[str, set[str]] = defaultdict(set)
        for problem in data.all_problems():
            if problem.is_error:
                assert problem.sheet == SheetName.CASES
                errors[str(problem.record_id)].add(problem.code)
        expected = generate_town(town, town_random(7, town), 100, TODAY)
        assert errors == {k: {v} for k, v in expected.deliberate_errors.items()}
        assert len(data.cases) == 100


def test_demo_workbook_opens_with_the_invented_data_notice(demo_folder: Path) -> None:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(demo_folder / "kim-klf.xlsx"))
    assert book.sheet_names[0] == NOTICE_SHEET
    assert book.get_sheet_by_name(NOTICE_SHEET).to_python()[0][0] == DEMO_NOTICE
