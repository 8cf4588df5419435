"""Synthetic names come in realistic scripts and spellings, and the search finds them across those."""

from __future__ import annotations

import random

import pytest
from rapidfuzz.distance import OSA

from casebook.demo.names import (
    ORIGINS,
    UnknownOrigin,
    alternative_spellings,
    identify,
    random_identity,
    random_person,
    spell,
    with_typo,
)
from casebook.search.index import SearchDoc, SearchIndex


def test_random_person_is_reproducible_with_the_same_seed() -> None:
    first = [random_person(random.Random(7)) for _ in range(5)]
    again = [random_person(random.Random(7)) for _ in range(5)]

    assert first == again


@pytest.mark.parametrize("origin", ORIGINS)
def test_random_person_keeps_the_asked_origin_and_knows_the_name(origin: str) -> None:
    rng = random.Random(origin)
    for _ in range(30):
        first, last, code = random_person(rng, origin)
        assert code == origin
        assert first.strip() and last.strip()
        assert identify(first, last, origin) is not None


def test_the_mix_holds_native_scripts_and_latin_spellings() -> None:
    rng = random.Random(3)
    people = [random_person(rng) for _ in range(2000)]
    names = " ".join(first + last for first, last, _ in people)

    assert {code for _, _, code in people} == set(ORIGINS)
    assert any("\u0400" <= ch <= "\u04ff" for ch in names)  # Cyrillic
    assert any("\u0600" <= ch <= "\u06ff" for ch in names)  # Arabic script
    assert any("\u1200" <= ch <= "\u137f" for ch in names)  # Ge'ez
    assert any(ch in "äöüßşçğı" for ch in names)


def test_alternative_spellings_of_a_ukrainian_name_include_the_german_one() -> None:
    spellings = set(alternative_spellings("Олександр", "Шевченко", "UA"))

    assert ("Oleksandr", "Shevchenko") in spellings
    assert ("Aleksandr", "Schewtschenko") in spellings
    assert ("Олександр", "Шевченко") not in spellings


def test_alternative_spellings_of_an_unknown_name_are_empty() -> None:
    assert list(alternative_spellings("Nobody", "Known", "DE")) == []


def test_an_unknown_origin_is_refused() -> None:
    with pytest.raises(UnknownOrigin) as raised:
        random_person(random.Random(1), "XX")

    assert raised.value.origin == "XX"


def test_a_typo_is_one_slip_and_keeps_the_first_letter() -> None:
    rng = random.Random(5)
    for word in ("Shevchenko", "Gebremariam", "Mueller", "Hosseini"):
        typo = with_typo(rng, word)
        assert OSA.distance(word, typo) == 1
        assert typo[0] == word[0]


def test_short_and_non_latin_words_get_no_typo() -> None:
    rng = random.Random(5)

    assert with_typo(rng, "Ali") == "Ali"
    assert with_typo(rng, "Шевченко") == "Шевченко"


def test_search_finds_synthetic_people_written_in_another_spelling() -> None:
    rng = random.Random(11)
    people = {}
    docs = []
    for number in range(1, 3001):
        person = random_identity(rng)
        first, last = spell(person, rng)
        key = f"KIM-DIN-2026-{number:04d}"
        people[key] = person
        docs.append(SearchDoc(key, first, last, None, None))
    index = SearchIndex.build(docs)

    found = 0
    targets = rng.sample(docs, 150)
    for doc in targets:
        stored = (doc.first_name or "", doc.last_name or "")
        options = list(alternative_spellings(*stored, people[doc.key].origin)) or [stored]
        first, last = rng.choice(options)
        query = f"{with_typo(rng, last)} {first}" if rng.random() < 0.5 else f"{first} {last}"
        hits = index.search(query, limit=5)
        found += any(people[hit.key] == people[doc.key] for hit in hits)

    assert found / len(targets) >= 0.97
