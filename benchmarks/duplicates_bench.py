"""Benchmark of the duplicate warnings: time to find all pairs, and recall of planted duplicates.

Run: .venv/bin/python benchmarks/duplicates_bench.py [SIZE ...]
Also: the cost of bringing the index up to date after a save (followed row by row, or built
afresh). Each corpus holds synthetic people in five towns; 2 % of them appear a second time in another
town, spelt differently (other script or transliteration, sometimes a typo), with the birth
date the same, slipped (day and month swapped) or missing, and the phone kept or dropped.
"""

from __future__ import annotations

import platform
import random
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from casebook.demo.names import random_identity, spell, with_typo
from casebook.duplicates.cases import follow_people, people_index
from casebook.duplicates.matching import DuplicateIndex, Person
from sheets_schema.enums import Town

SIZES = (1_000, 10_000, 50_000)
PLANTED_SHARE = 0.02
SEED = 20260708
TOWNS = tuple(Town)


def _phone(rng: random.Random) -> str | None:
    if rng.random() < 0.3:
        return None
    return f"01{rng.choice('567')}{rng.randrange(10)} {rng.randrange(1_000_000, 9_999_999)}"


def _born(rng: random.Random) -> date:
    # Offices write 01.01. when only the year is known: a crowded block on purpose.
    if rng.random() < 0.08:
        return date(rng.randrange(1955, 2007), 1, 1)
    return date(1950, 1, 1) + timedelta(days=rng.randrange(57 * 365))


def make_people(size: int, rng: random.Random) -> tuple[list[Person], set[frozenset[str]]]:
    """`size` people, of whom PLANTED_SHARE are the second case of an earlier one."""
    people: list[Person] = []
    planted: set[frozenset[str]] = set()
    originals = int(size * (1 - PLANTED_SHARE))
    identities = []
    copies: dict[str, list[str]] = {}
    for number in range(originals):
        identity = random_identity(rng)
        first, last = spell(identity, rng)
        town = TOWNS[number % len(TOWNS)]
        born = _born(rng) if rng.random() < 0.92 else None
        person = Person(town, f"KIM-{town.code}-2025-{number:05d}", number + 2, first, last,
                        born, _phone(rng))  # fmt: skip
        people.append(person)
        identities.append(identity)
    for number in range(size - originals):
        index = rng.randrange(originals)
        original, identity = people[index], identities[index]
        first, last = spell(identity, rng)
        if rng.random() < 0.2:
            last = with_typo(rng, last)
        born = original.birth_date
        roll = rng.random()
        if born and roll < 0.1 and born.day <= 12:
            born = date(born.year, born.day, born.month)
        elif roll < 0.2:
            born = None
        phone = original.phone if rng.random() < 0.5 else _phone(rng)
        town = TOWNS[(TOWNS.index(original.town) + 1 + number % 4) % len(TOWNS)]
        copy = Person(town, f"KIM-{town.code}-2026-{number:05d}", number + 2, first, last, born,
                      phone)  # fmt: skip
        people.append(copy)
        copies.setdefault(original.case_id, [original.case_id]).append(copy.case_id)
    # Two copies of one original are duplicates of each other, too.
    for group in copies.values():
        planted.update(frozenset(pair) for pair in combinations(group, 2))
    rng.shuffle(people)
    return people, planted


def follow_cost(people: list[Person], rng: random.Random) -> tuple[float, float]:
    """Seconds to bring the index of all towns up to date after a save in one town (one case
    changed, one added): followed row by row, and built afresh, as the app did before."""
    rows: dict[Town, int] = {}
    numbered = []
    for person in people:  # row numbers per town, as in the towns' sheets
        rows[person.town] = rows.get(person.town, 1) + 1
        numbered.append(replace(person, row_number=rows[person.town]))
    index = people_index(numbered, TOWNS)
    town = numbered[0].town
    mine = [person for person in numbered if person.town is town]
    changed = rng.randrange(len(mine))
    mine[changed] = replace(mine[changed], last_name=with_typo(rng, mine[changed].last_name or "x"))
    mine.append(replace(mine[-1], case_id=f"KIM-{town.code}-2026-99999", row_number=rows[town] + 1))
    start = time.perf_counter()
    follow_people(index, {town}, mine)
    followed = time.perf_counter() - start
    everyone = [p for p in numbered if p.town is not town] + mine
    start = time.perf_counter()
    people_index(sorted(everyone, key=lambda p: (TOWNS.index(p.town), p.row_number)), TOWNS)
    return followed, time.perf_counter() - start


def run(sizes: tuple[int, ...]) -> None:
    print(f"Python {platform.python_version()} on {platform.machine()}, seed {SEED}")
    print("size    build s  pairs s  total s  pairs  planted  found  recall  new-case ms")
    for size in sizes:
        rng = random.Random(SEED + size)
        people, planted = make_people(size, rng)
        start = time.perf_counter()
        index = DuplicateIndex(people)
        built = time.perf_counter()
        pairs = index.pairs()
        done = time.perf_counter()
        found = {frozenset((p.left.case_id, p.right.case_id)) for p in pairs}
        hits = len(planted & found)
        probes = people[:200]
        probe_start = time.perf_counter()
        for person in probes:
            index.matches(Person(person.town, "", 0, person.first_name, person.last_name,
                                 person.birth_date, person.phone))  # fmt: skip
        per_probe = (time.perf_counter() - probe_start) / len(probes) * 1000
        print(
            f"{size:>6}  {built - start:7.2f}  {done - built:7.2f}  {done - start:7.2f}  "
            f"{len(pairs):5d}  {len(planted):7d}  {hits:5d}  {hits / max(len(planted), 1):6.3f}"
            f"  {per_probe:11.1f}"
        )
        if index.skipped_blocks:
            print(f"        {index.skipped_blocks} crowded blocks not compared")
        followed, rebuilt = follow_cost(people, rng)
        print(
            f"        after a save in one town (1 case changed, 1 added): index followed in "
            f"{followed * 1000:.0f} ms, built afresh in {rebuilt * 1000:.0f} ms"
        )


if __name__ == "__main__":
    run(tuple(int(arg) for arg in sys.argv[1:]) or SIZES)
