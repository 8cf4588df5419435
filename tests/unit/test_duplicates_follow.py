"""The duplicate index follows changed rows and gives what a fresh build over the same rows gives."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from casebook.cases.services import load_town, save_record
from casebook.demo.names import random_identity, spell, with_typo
from casebook.duplicates.cases import duplicate_index, follow_people, people_index
from casebook.duplicates.held import HeldIndexes
from casebook.duplicates.matching import DuplicateIndex, DuplicatePair, Person
from sheets_schema import Case, header_of
from sheets_schema.enums import Town
from tests.support.builders import TODAY, case_manager, make_case, town_workbook, workbook_source

TOWNS = (Town.MOERS, Town.WESEL, Town.XANTEN)


def _someone(rng: random.Random, town: Town, row: int) -> Person:
    first, last = spell(random_identity(rng), rng)
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(20_000)) if rng.random() < 0.9 else None
    phone = f"0170 {rng.randrange(1_000_000, 9_999_999)}" if rng.random() < 0.6 else None
    return Person(town, f"KIM-{town.code}-2026-{row:04d}", row, first, last, born, phone)


def _edited(rng: random.Random, person: Person, others: list[Person]) -> Person:
    """One change a case manager might make, often one that makes or breaks a likely pair."""
    roll = rng.random()
    if roll < 0.3 and others:  # typed in again: a copy of another person, slightly different
        other = rng.choice(others)
        last = with_typo(rng, other.last_name or "") if rng.random() < 0.5 else other.last_name
        return replace(person, first_name=other.first_name, last_name=last,
                       birth_date=other.birth_date, phone=other.phone)  # fmt: skip
    if roll < 0.5:
        return replace(person, last_name=with_typo(rng, person.last_name or "x"))
    if roll < 0.7:
        return replace(person, birth_date=None if person.birth_date else date(1990, 1, 1))
    if roll < 0.85:
        return replace(person, phone=None if person.phone else "0170 1234567")
    return replace(person, first_name=None, last_name=None)  # a name removed: not indexed


def _canonical(people: dict[tuple[Town, int], Person]) -> list[Person]:
    # The order a fresh build over these towns lists them in.
    return sorted(people.values(), key=lambda p: (TOWNS.index(p.town), p.row_number))


def _same_results(followed: DuplicateIndex, fresh: DuplicateIndex, probes: list[Person]) -> None:
    assert len(followed) == len(fresh)
    assert sorted((slot_free(p) for _, p in followed.people()), key=repr) == sorted(
        (slot_free(p) for _, p in fresh.people()), key=repr
    )
    assert _listed(followed.pairs()) == _listed(fresh.pairs())
    for probe in probes:
        assert _listed(followed.matches(probe)) == _listed(fresh.matches(probe))


def slot_free(person: Person) -> tuple[object, ...]:
    return (person.town, person.row_number, person.case_id, person.last_name)


def _listed(pairs: list[DuplicatePair]) -> list[tuple[object, ...]]:
    return [(p.left, p.right, p.score, p.evidence) for p in pairs]


@pytest.mark.parametrize("seed", range(8))
def test_a_followed_index_equals_a_fresh_build_after_random_edits(seed: int) -> None:
    rng = random.Random(seed)
    people = {(town, row): _someone(rng, town, row) for town in TOWNS for row in range(2, 2 + 60)}
    index = people_index(_canonical(people), TOWNS)
    for _ in range(12):
        town = rng.choice(TOWNS)
        rows = sorted(row for t, row in people if t is town)
        for _ in range(rng.randrange(1, 4)):
            action = rng.random()
            if action < 0.6:
                row = rng.choice(rows)
                people[(town, row)] = _edited(rng, people[(town, row)], list(people.values()))
            elif action < 0.8:
                row = rows[-1] + 1  # a new case, appended
                rows.append(row)
                people[(town, row)] = _edited(rng, _someone(rng, town, row), list(people.values()))
            else:
                del people[(town, rows.pop(rng.randrange(len(rows))))]
        kept = [p for p in people.values() if p.town is town and (p.first_name or p.last_name)]
        index = follow_people(index, {town}, kept)
        fresh = people_index([p for p in _canonical(people) if p.first_name or p.last_name], TOWNS)
        probes = [replace(p, case_id="", row_number=0) for p in rng.sample(kept, 3)]
        _same_results(index, fresh, probes)


def test_an_unchanged_town_keeps_its_index() -> None:
    rng = random.Random(1)
    people = [_someone(rng, Town.MOERS, row) for row in range(2, 30)]
    index = people_index(people, [Town.MOERS])
    assert follow_people(index, {Town.MOERS}, people) is index


def test_the_held_index_follows_a_save_without_a_new_build(tmp_path: Path) -> None:
    path = town_workbook(
        tmp_path / "xanten.xlsx",
        [make_case(1, last_name="Haidari", first_name="Karim"),
         make_case(2, last_name="Kowalska", first_name="Olena", birth_date=date(1971, 3, 9))],
        [],
    )  # fmt: skip
    source, actor = workbook_source(path), case_manager(Town.XANTEN)
    held = HeldIndexes()
    data = load_town(source, actor, TODAY)
    assert held.pairs([data]) == []
    row = data.case("KIM-XAN-2026-0002")
    assert row is not None
    form = {header_of(Case, "last_name"): "Haydari", header_of(Case, "first_name"): "Kareem",
            header_of(Case, "birth_date"): "01.04.1990"}  # fmt: skip
    save_record(source, actor, row, form, TODAY, data.case_ids())
    changed = load_town(source, actor, TODAY)
    (pair,) = held.pairs([changed])
    assert {pair.left.case_id, pair.right.case_id} == {"KIM-XAN-2026-0001", "KIM-XAN-2026-0002"}
    assert held.builds == 1  # followed, not built again
    assert _listed(held.pairs([changed])) == _listed(duplicate_index([changed]).pairs())
