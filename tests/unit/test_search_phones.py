"""Phone numbers are compared by their digits, in any national or international writing."""

from __future__ import annotations

import pytest

from casebook.search.index import MatchedField, SearchDoc, SearchIndex
from casebook.search.keys import phone_key

TARGET = "KIM-WES-2026-0003"


def _doc(key: str, phone: str | None) -> SearchDoc:
    return SearchDoc(key=key, first_name="Hans", last_name="Becker", phone=phone, birth_date=None)


@pytest.fixture
def index() -> SearchIndex:
    return SearchIndex.build(
        [
            _doc(TARGET, "0170 1234567"),
            _doc("KIM-WES-2026-0004", "02841 987654"),
            _doc("KIM-WES-2026-0005", "+380 67 1234500"),
            _doc("KIM-WES-2026-0006", None),
        ]
    )


@pytest.mark.parametrize(
    "query",
    [
        "0170 1234567",
        "+49 170 1234567",
        "0049-170/1234567",
        "0049 (0)170 1234567",
        "(0170) 123 45 67",
        "0170-123-45-67",
        "01701234567",
        "+491701234567",
    ],
)
def test_every_writing_of_the_number_finds_the_case(index: SearchIndex, query: str) -> None:
    hits = index.search(query)

    assert [hit.key for hit in hits] == [TARGET]
    assert hits[0].matched is MatchedField.PHONE
    assert hits[0].score == 100.0
    assert hits[0].matched_text == "0170 1234567"


@pytest.mark.parametrize("query", ["1234567", "234567", "123 45 67"])
def test_the_last_six_or_more_digits_find_the_case(index: SearchIndex, query: str) -> None:
    hits = index.search(query)

    assert hits[0].key == TARGET
    assert 70.0 <= hits[0].score < 100.0


def test_fewer_than_six_digits_are_no_phone_search(index: SearchIndex) -> None:
    assert [hit for hit in index.search("34567") if hit.matched is MatchedField.PHONE] == []


def test_a_foreign_number_is_found_with_or_without_its_prefix(index: SearchIndex) -> None:
    assert index.search("00380 67 1234500")[0].key == "KIM-WES-2026-0005"
    assert index.search("67 1234500")[0].key == "KIM-WES-2026-0005"


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("0170 1234567", "1701234567"),
        ("+49 170 1234567", "1701234567"),
        ("0049-170/1234567", "1701234567"),
        ("+49 (0) 170 1234567", "1701234567"),
        ("+380 67 1234567", "380671234567"),
        ("", ""),
        (None, ""),
    ],
)
def test_phone_keys_are_national_digits_for_germany(written: str | None, key: str) -> None:
    assert phone_key(written) == key
