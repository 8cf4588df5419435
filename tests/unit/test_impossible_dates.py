"""A date that cannot exist (31.02.2024) is told so, not said to have the wrong format."""

from __future__ import annotations

import pytest
from pydantic_core import PydanticCustomError

from sheets_schema import Case, ProblemCode, parse_row
from sheets_schema.types import parse_german_date


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (
            "31.02.2024",
            "Das Datum „31.02.2024“ gibt es nicht: Der Februar 2024 hat nur 29 Tage. "
            "Bitte das Datum prüfen.",
        ),
        (
            "29.02.2023",
            "Das Datum „29.02.2023“ gibt es nicht: Der Februar 2023 hat nur 28 Tage. "
            "Bitte das Datum prüfen.",
        ),
        (
            "31.04.24",
            "Das Datum „31.04.24“ gibt es nicht: Der April 2024 hat nur 30 Tage. "
            "Bitte das Datum prüfen.",
        ),
        (
            "12.13.2024",
            "Das Datum „12.13.2024“ gibt es nicht: Ein Jahr hat nur 12 Monate. "
            "Bitte das Datum prüfen.",
        ),
        (
            "00.05.2024",
            "Das Datum „00.05.2024“ gibt es nicht: Die Tage eines Monats beginnen mit 1. "
            "Bitte das Datum prüfen.",
        ),
        (
            "2024-02-30",
            "Das Datum „2024-02-30“ gibt es nicht: Der Februar 2024 hat nur 29 Tage. "
            "Bitte das Datum prüfen.",
        ),
        (
            "31/06/2024",
            "Das Datum „31/06/2024“ gibt es nicht: Der Juni 2024 hat nur 30 Tage. "
            "Bitte das Datum prüfen.",
        ),
    ],
)
def test_a_date_that_does_not_exist_is_told_so(typed: str, expected: str) -> None:
    with pytest.raises(PydanticCustomError) as caught:
        parse_german_date(typed)
    assert caught.value.type == ProblemCode.DATE_NOT_EXISTING
    assert caught.value.message() == expected


@pytest.mark.parametrize("typed", ["morgen", "31.2024", "31.02.0223"])
def test_text_that_is_no_date_still_asks_for_the_format(typed: str) -> None:
    with pytest.raises(PydanticCustomError) as caught:
        parse_german_date(typed)
    assert caught.value.type == ProblemCode.GERMAN_DATE


def test_the_case_row_reports_the_missing_day_at_its_column() -> None:
    parsed = parse_row(Case, {"Geburtsdatum": "31.02.1990"})
    (problem,) = [p for p in parsed.problems if p.column == "Geburtsdatum"]
    assert problem.code is ProblemCode.DATE_NOT_EXISTING
    assert problem.message.startswith("Das Datum „31.02.1990“ gibt es nicht")
    assert parsed.unreadable == {"birth_date"}
