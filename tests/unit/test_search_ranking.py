"""Results come best first, limited, above the minimum score, each with the field that matched."""

from __future__ import annotations

from datetime import date

import pytest

from casebook.search.index import MatchedField, SearchDoc, SearchIndex


def _doc(key: str, first: str, last: str, phone: str | None = None) -> SearchDoc:
    return SearchDoc(key=key, first_name=first, last_name=last, phone=phone, birth_date=None)


@pytest.fixture
def index() -> SearchIndex:
    return SearchIndex.build(
        [
            _doc("KIM-KLF-2026-0001", "Jürgen", "Möller"),
            _doc("KIM-KLF-2026-0002", "Hans", "Müller"),
            _doc("KIM-KLF-2026-0003", "Jürgen", "Müller"),
            _doc("KIM-KLF-2026-0004", "Jürgen", "Müllers"),
            _doc("KIM-KLF-2026-0005", "Tesfay", "Gebremariam"),
        ]
    )


def test_the_exact_name_comes_before_near_names(index: SearchIndex) -> None:
    keys = [hit.key for hit in index.search("Jürgen Müller")]

    assert keys[0] == "KIM-KLF-2026-0003"
    assert set(keys[1:]) <= {"KIM-KLF-2026-0001", "KIM-KLF-2026-0002", "KIM-KLF-2026-0004"}


def test_scores_fall_from_first_to_last(index: SearchIndex) -> None:
    scores = [hit.score for hit in index.search("Mueller")]

    assert len(scores) >= 2
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= score <= 100.0 for score in scores)


def test_an_exact_full_name_scores_100(index: SearchIndex) -> None:
    assert index.search("Müller Jürgen")[0].score == 100.0


def test_limit_cuts_the_list(index: SearchIndex) -> None:
    assert len(index.search("Müller", limit=2)) == 2
    assert index.search("Müller", limit=0) == []


def test_min_score_drops_weak_hits(index: SearchIndex) -> None:
    strict = index.search("Jürgen Müller", min_score=99.0)

    assert [hit.key for hit in strict] == ["KIM-KLF-2026-0003"]


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_an_empty_query_finds_nothing(index: SearchIndex, query: str) -> None:
    assert index.search(query) == []


def test_a_query_of_punctuation_finds_nothing(index: SearchIndex) -> None:
    assert index.search("-- / .") == []


def test_a_case_id_beats_a_phone_number_that_contains_the_same_digits() -> None:
    index = SearchIndex.build(
        [
            _doc("KIM-XAN-2026-0001", "Anna", "Becker", phone="0170 2026000700"),
            _doc("KIM-XAN-2026-0007", "Hans", "Weber"),
        ]
    )

    hits = index.search("2026-0007")

    assert [(hit.key, hit.matched) for hit in hits] == [
        ("KIM-XAN-2026-0007", MatchedField.CASE_ID),
        ("KIM-XAN-2026-0001", MatchedField.PHONE),
    ]


def test_each_case_appears_once_with_its_best_field() -> None:
    born = date(1985, 7, 3)
    index = SearchIndex.build(
        [SearchDoc("KIM-WES-2026-0001", "Anna", "Becker", "0170 1234567", born)]
    )

    hits = index.search("Becker 03.07.1985")

    assert len(hits) == 1
    assert hits[0].matched in {MatchedField.NAME, MatchedField.BIRTH_DATE}
