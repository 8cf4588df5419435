"""Birth dates are found in the usual German and ISO writings; phone numbers are not dates."""

from __future__ import annotations

from datetime import date

import pytest

from casebook.search.index import MatchedField, SearchDoc, SearchIndex
from casebook.search.keys import dates_in

TODAY = date(2026, 3, 1)


@pytest.mark.parametrize(
    "query",
    ["03.07.1985", "3.7.85", "1985-07-03", "03/07/1985", "03-07-1985", "3.7.1985", "03071985"],
)
def test_the_usual_writings_of_a_date_are_read(query: str) -> None:
    assert dates_in(query, TODAY) == [date(1985, 7, 3)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("1.1.30", date(1930, 1, 1)), ("1.1.26", date(2026, 1, 1)), ("1.1.27", date(1927, 1, 1))],
)
def test_a_two_digit_year_in_the_future_means_the_last_century(query: str, expected: date) -> None:
    assert dates_in(query, TODAY) == [expected]


@pytest.mark.parametrize(
    "query",
    [
        "0170 1234567",
        "0170/1234567",
        "0170-123-45-67",
        "02841 12 03 85",
        "+49 170 12.03.85",
        "31.02.1990",
        "12.13.1990",
        "01.01.2030",
        "1985",
    ],
)
def test_phone_numbers_and_impossible_dates_are_no_dates(query: str) -> None:
    assert dates_in(query, TODAY) == []


def test_a_date_query_finds_the_cases_born_that_day() -> None:
    born = date(1985, 7, 3)
    index = SearchIndex.build(
        [
            SearchDoc("KIM-MOE-2026-0001", "Anna", "Becker", None, born),
            SearchDoc("KIM-MOE-2026-0002", "Hans", "Becker", None, date(1985, 3, 7)),
            SearchDoc("KIM-MOE-2026-0003", "Olena", "Koval", None, born),
        ]
    )

    hits = index.search("3.7.85")

    assert sorted(hit.key for hit in hits) == ["KIM-MOE-2026-0001", "KIM-MOE-2026-0003"]
    assert {hit.matched for hit in hits} == {MatchedField.BIRTH_DATE}
    assert {hit.matched_text for hit in hits} == {"03.07.1985"}


def test_a_name_and_a_birth_date_together_put_the_person_with_both_first() -> None:
    born = date(1990, 5, 1)
    index = SearchIndex.build(
        [
            SearchDoc("KIM-MOE-2026-0001", "Jürgen", "Müller", None, date(1960, 1, 2)),
            SearchDoc("KIM-MOE-2026-0002", "Jürgen", "Müller", None, born),
            SearchDoc("KIM-MOE-2026-0003", "Olena", "Koval", None, born),
        ]
    )

    hits = index.search("Müller 01.05.1990")

    assert hits[0].key == "KIM-MOE-2026-0002"
    assert {hit.key for hit in hits[1:]} == {"KIM-MOE-2026-0001", "KIM-MOE-2026-0003"}
