"""Dates in a town's own sheet: every common way reads the same day; doubtful ones are reported."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pydantic_core import PydanticCustomError

from sheets_schema.types import parse_german_date


@pytest.mark.parametrize(
    "typed", ["1.2.23", "01.02.2023", "2023-02-01", 44958, 44958.0, datetime(2023, 2, 1, 0, 0)]
)
def test_one_day_typed_or_stored_in_every_common_way_reads_the_same(typed: object) -> None:
    assert parse_german_date(typed) == date(2023, 2, 1)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("03/07/2023", "date_ambiguous"),  # 3 July or 7 March?
        ("31.02.2023", "date_not_existing"),
        ("1.13.23", "date_not_existing"),
        ("01.02.0223", "german_date"),  # a slip of the year
        (5, "german_date"),  # a stray number in a date column
        (44958.5, "german_date"),  # a serial with a time of day is no date
        ("2023-02-30", "date_not_existing"),
        ("Feb 2023", "german_date"),
    ],
)
def test_ambiguous_or_impossible_dates_are_reported_not_guessed(typed: object, code: str) -> None:
    with pytest.raises(PydanticCustomError) as raised:
        parse_german_date(typed)
    assert raised.value.type == code
