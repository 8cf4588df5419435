"""A Fall-ID, whole or in part, ranks that case first."""

from __future__ import annotations

import pytest

from casebook.search.index import MatchedField, SearchDoc, SearchIndex


def _doc(
    key: str, first: str = "Anna", last: str = "Becker", phone: str | None = None
) -> SearchDoc:
    return SearchDoc(key=key, first_name=first, last_name=last, phone=phone, birth_date=None)


@pytest.fixture
def index() -> SearchIndex:
    return SearchIndex.build(
        [
            _doc("KIM-XAN-2026-0007"),
            _doc("KIM-XAN-2026-0070"),
            _doc("KIM-XAN-2025-0007"),
            _doc("KIM-DIN-2026-0017"),
            _doc("KIM-MOE-2026-0700", phone="0170 2026000"),
        ]
    )


@pytest.mark.parametrize(
    "query",
    ["KIM-XAN-2026-0007", "kim-xan-2026-0007", "XAN-2026-0007", "xan 2026 0007", "KIMXAN20260007"],
)
def test_the_whole_or_the_tail_of_a_case_id_finds_exactly_that_case_first(
    index: SearchIndex, query: str
) -> None:
    hits = index.search(query)

    assert hits[0].key == "KIM-XAN-2026-0007"
    assert hits[0].matched is MatchedField.CASE_ID
    assert hits[0].matched_text == "KIM-XAN-2026-0007"
    assert all(hit.score < hits[0].score for hit in hits[1:])


def test_a_full_case_id_scores_100(index: SearchIndex) -> None:
    assert index.search("KIM-XAN-2026-0007")[0].score == 100.0


def test_the_running_number_alone_finds_every_case_with_it(index: SearchIndex) -> None:
    keys = {hit.key for hit in index.search("0007")}

    assert keys == {"KIM-XAN-2026-0007", "KIM-XAN-2025-0007"}


def test_the_running_number_without_leading_zeros_finds_the_cases(index: SearchIndex) -> None:
    keys = {hit.key for hit in index.search("7")}

    assert keys == {"KIM-XAN-2026-0007", "KIM-XAN-2025-0007"}


def test_a_case_id_query_offers_no_name_hits_for_its_town_code() -> None:
    index = SearchIndex.build([_doc("KIM-XAN-2026-0001", first="Xan", last="Moers")])

    assert [hit.matched for hit in index.search("KIM-XAN-2026-0002")] == []


def test_an_unknown_case_id_finds_nothing(index: SearchIndex) -> None:
    assert index.search("KIM-WES-2026-0001") == []
