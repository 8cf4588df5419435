"""Duplicate warnings: the same person across scripts and towns is found, different people are not."""

from __future__ import annotations

import random
import time
from datetime import date
from pathlib import Path

import pytest

from benchmarks.duplicates_bench import make_people
from casebook.core.town_data import read_town
from casebook.duplicates.cases import LikelyDuplicates, check_new_case, people_of
from casebook.duplicates.matching import Agreement, DuplicateIndex, Person, find_duplicates
from casebook.storage.xlsx.store import WorkbookStore
from sheets_schema.enums import Town
from tests.support.builders import TODAY, make_case, town_workbook

BORN = date(1985, 2, 1)


def person(
    first: str | None,
    last: str | None,
    born: date | None = BORN,
    phone: str | None = None,
    town: Town = Town.MOERS,
    case_id: str | None = None,
) -> Person:
    return Person(town, case_id or f"KIM-{town.code}-2025-{abs(hash((first, last))) % 9999:04d}",
                  2, first, last, born, phone)  # fmt: skip


def pair_of(a: Person, b: Person) -> list[Agreement]:
    pairs = find_duplicates([a, b])
    assert len(pairs) == 1, (a, b)
    return [evidence.agreement for evidence in pairs[0].evidence]


@pytest.mark.parametrize(
    ("moers", "wesel"),
    [
        (("Олена", "Шевченко"), ("Olena", "Shevchenko")),
        (("Oleksandr", "Shevchenko"), ("Aleksandr", "Schewtschenko")),
        (("محمد", "حسين"), ("Mohammed", "Hussein")),
        (("Muhammad", "Hussain"), ("Mohamed", "Husein")),
        (("Mehmet", "Öztürk"), ("Mehmet", "Oeztuerk")),
        (("Jürgen", "Müller"), ("Juergen", "Mueller")),
        (("Karim", "Haidari"), ("Haidari", "Karim")),  # first and last name swapped
        (("Yonas", "Gebremariam"), ("Yonas", "Gebre Mariam")),
    ],
)
def test_the_same_person_in_two_towns_is_found_in_any_script_or_spelling(
    moers: tuple[str, str], wesel: tuple[str, str]
) -> None:
    agreements = pair_of(
        person(*moers, town=Town.MOERS, case_id="KIM-MOE-2024-0001"),
        person(*wesel, town=Town.WESEL, case_id="KIM-WES-2026-0001"),
    )
    assert agreements[0] in (Agreement.SAME, Agreement.SIMILAR)
    assert agreements[1] is Agreement.SAME


def test_evidence_says_which_fields_agree() -> None:
    a = person(
        "Olena", "Shevchenko", date(1985, 2, 1), "0170 1234567", Town.MOERS, "KIM-MOE-2024-0001"
    )
    b = person(
        "Олена", "Шевченко", date(1985, 1, 2), "+49 170 1234567", Town.WESEL, "KIM-WES-2026-0001"
    )
    (pair,) = find_duplicates([a, b])
    assert [(e.label, e.agreement) for e in pair.evidence] == [
        ("Name", Agreement.SAME),
        ("Geburtsdatum", Agreement.SIMILAR),  # day and month swapped
        ("Telefon", Agreement.SAME),  # one number, two ways of writing it
    ]
    assert pair.agreeing() == ["Name", "Geburtsdatum", "Telefon"]
    assert pair.level == "wahrscheinlich"  # 88 of 100: the birth date is only similar


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("Olena", "Kowalska"), ("Olena", "Shevchenko")),  # same first name and birthday
        (("Oksana", "Petrenko"), ("Olena", "Petrenko")),  # twins
        (("Jusuf", "Yusuf"), ("Hussein", "Yusuf")),  # both words of one resemble one word
        (("Ahmad", "Nazari"), ("Ahmed", "Naser")),
        (("Anna", "Schmidt"), ("Hanna", "Schmitz")),
    ],
)
def test_different_people_with_the_same_birth_date_are_not_paired(
    a: tuple[str, str], b: tuple[str, str]
) -> None:
    assert find_duplicates([person(*a, case_id="KIM-MOE-2024-0001"),
                            person(*b, case_id="KIM-WES-2024-0002")]) == []  # fmt: skip


def test_the_same_name_with_another_birth_date_and_phone_is_another_person() -> None:
    a = person("Mohammad", "Ahmadi", date(1990, 5, 3), "0170 1111111", case_id="KIM-MOE-2024-0001")
    b = person("Mohammad", "Ahmadi", date(1978, 9, 14), "0151 2222222", case_id="KIM-DIN-2024-0002")
    assert find_duplicates([a, b]) == []


def test_a_name_alone_without_birth_dates_or_phones_is_not_enough() -> None:
    a = person("Olena", "Shevchenko", None, case_id="KIM-MOE-2024-0001")
    b = person("Olena", "Shevchenko", None, case_id="KIM-WES-2024-0002")
    assert find_duplicates([a, b]) == []


def test_blocking_finds_planted_duplicates_among_ten_thousand_fast() -> None:
    people, planted = make_people(10_000, random.Random(7))
    start = time.perf_counter()
    pairs = DuplicateIndex(people).pairs()
    elapsed = time.perf_counter() - start
    found = {frozenset((p.left.case_id, p.right.case_id)) for p in pairs}
    # All 50 million pairs would take half an hour; the blocks make it about a second.
    assert elapsed < 8.0
    assert len(planted & found) / len(planted) >= 0.75
    assert len(pairs) < 2 * len(planted)


def test_a_new_case_is_held_back_until_the_user_confirms_the_matches(tmp_path: Path) -> None:
    path = town_workbook(
        tmp_path / "moers.xlsx",
        [make_case(1, Town.MOERS, first_name="Олена", last_name="Шевченко", birth_date=BORN)],
    )
    data = read_town(Town.MOERS, WorkbookStore(path).load(), TODAY)
    index = DuplicateIndex(people_of(data))
    form = {"Vorname": "Olena", "Nachname": "Shevchenko", "Geburtsdatum": "01.02.1985"}
    with pytest.raises(LikelyDuplicates) as raised:
        check_new_case(index, Town.WESEL, form)
    (match,) = raised.value.matches
    assert (match.right.case_id, match.right.town) == ("KIM-MOE-2026-0001", Town.MOERS)
    assert "KIM-MOE-2026-0001 (Moers)" in raised.value.problems[0].message
    assert check_new_case(index, Town.WESEL, form, confirmed={"KIM-MOE-2026-0001"}) == [match]
    other = {"Vorname": "Linh", "Nachname": "Nguyen", "Geburtsdatum": "01.02.1985"}
    assert check_new_case(index, Town.WESEL, other) == []
