"""Cell values at the edges of what a sheet can hold are problems of their row, never a crash."""

from __future__ import annotations

import pytest

from sheets_schema import Case, header_of, parse_row


@pytest.mark.parametrize("number", [-700000, -693595, -2958464])
def test_a_large_negative_number_in_a_date_cell_is_a_problem_not_a_crash(number: int) -> None:
    parsed = parse_row(Case, {header_of(Case, "birth_date"): number})
    assert "birth_date" in parsed.unreadable
    assert [p.code for p in parsed.problems if p.field == "birth_date"] == ["german_date"]


def test_a_large_negative_number_in_a_timestamp_cell_is_a_problem_not_a_crash() -> None:
    parsed = parse_row(Case, {header_of(Case, "changed_at"): -700000})
    assert "changed_at" in parsed.unreadable
