"""A1 range parsing and normalisation of the Sheets stand-in."""

from __future__ import annotations

import pytest

from tests.support.sheets_api.a1 import (
    clamp,
    column_index,
    column_letters,
    parse_range,
    quote_title,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'Sheet1'!A1:B2", "Sheet1!A1:B2"),
        ("Sheet1!D4:A1", "Sheet1!A1:D4"),
        ("'Sheet1'!A1:1", "Sheet1!A1:Z1"),
        ("'Sheet1'!A1:C", "Sheet1!A1:C1000"),
        ("'Sheet1'!B:B", "Sheet1!B1:B1000"),
        ("'Sheet1'!3:4", "Sheet1!A3:Z4"),
        ("'Sheet1'!A1:A1", "Sheet1!A1"),
        ("Sheet1", "Sheet1!A1:Z1000"),
        ("'My Sheet'!A1", "'My Sheet'!A1"),
        ("'It''s'!B2", "'It''s'!B2"),
    ],
)
def test_ranges_are_normalised_to_the_grid(text: str, expected: str) -> None:
    reading = parse_range(text)[0]
    title = reading.sheet_title or "Sheet1"
    assert clamp(title, reading.cells, 1000, 26).a1() == expected


@pytest.mark.parametrize(
    ("title", "quoted"),
    [("Sheet1", "Sheet1"), ("My Sheet", "'My Sheet'"), ("D3", "'D3'"), ("Fälle", "'Fälle'")],
)
def test_titles_are_quoted_only_when_needed(title: str, quoted: str) -> None:
    assert quote_title(title) == quoted


def test_column_letters_round_trip_past_z() -> None:
    assert [column_letters(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    assert all(column_index(column_letters(i)) == i for i in range(2000))


@pytest.mark.parametrize("text", ["Sheet1!A0", "Sheet1!1A", "'unclosed!A1", "Sheet1!A1:B2:C3"])
def test_malformed_ranges_are_rejected(text: str) -> None:
    with pytest.raises(ValueError):
        parse_range(text)
