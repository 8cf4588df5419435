"""Reading is lenient: dates, yes/no, list values and numbers as people type them in a sheet."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pydantic_core import PydanticCustomError

from sheets_schema import Case, field_by_name, parse_row, to_cells
from sheets_schema.types import (
    parse_german_date,
    parse_postcode,
    parse_text,
    parse_whole_number,
    parse_yes_no,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (date(2024, 12, 31), date(2024, 12, 31)),
        (datetime(2024, 12, 31, 15, 30), date(2024, 12, 31)),
        ("31.12.2024", date(2024, 12, 31)),
        ("31.12.24", date(2024, 12, 31)),
        ("1.2.23", date(2023, 2, 1)),
        (" 2024-12-31 ", date(2024, 12, 31)),
        ("03.07.85", date(1985, 7, 3)),
        (45657, date(2024, 12, 31)),  # an Excel serial number of an unformatted date cell
        ("25/12/2024", date(2024, 12, 25)),
        ("", None),
        (None, None),
    ],
)
def test_dates_are_read_in_every_common_format(typed: object, expected: date | None) -> None:
    assert parse_german_date(typed) == expected


@pytest.mark.parametrize("typed", ["31.02.2024", "2024-13-01", "morgen", "03/07/1985", True, -5])
def test_impossible_or_ambiguous_dates_are_reported_not_guessed(typed: object) -> None:
    with pytest.raises(PydanticCustomError):
        parse_german_date(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("ja", True), ("X", True), (1, True), ("nein", False), ("0", False), ("", None)],
)
def test_yes_no_accepts_what_people_type(typed: object, expected: bool | None) -> None:
    assert parse_yes_no(typed) == expected


def test_list_values_forgive_case_and_spaces_but_not_unknown_values() -> None:
    status = field_by_name(Case)["status"].adapter
    assert status.validate_python("  aktiv ").value == "Aktiv"
    with pytest.raises(ValueError, match="Unbekannter Wert"):
        status.validate_python("aktivv")


def test_leading_zeros_survive_and_whole_numbers_lose_their_point_zero() -> None:
    assert parse_postcode("01067") == "01067"
    assert parse_text("01701234567") == "01701234567"
    assert parse_text(1701234567.0) == "1701234567"
    assert parse_whole_number(3.0) == 3


def test_a_row_with_a_bad_cell_is_kept_with_its_problem_and_other_values() -> None:
    parsed = parse_row(
        Case,
        {
            "Fall-ID": "KIM-XAN-2026-0001",
            "Kommune": "Xanten",
            "Status": "Aktiv",
            "Nachname": "Ada",
            "Geburtsdatum": "31.02.2024",
            "PLZ": "46509",
        },
    )
    assert parsed.record.postcode == "46509"
    assert parsed.record.birth_date is None
    assert parsed.unreadable == {"birth_date"}
    assert [p.column for p in parsed.problems] == ["Geburtsdatum"]


def test_cells_written_back_use_the_sheet_forms() -> None:
    parsed = parse_row(
        Case,
        {
            "Fall-ID": "KIM-XAN-2026-0001",
            "Handlungsfelder": "sprache;Wohnen",
            "Sprachmittlung nötig": "x",
            "Geburtsdatum": "1.2.90",
        },
    )
    cells = to_cells(parsed.record)
    assert cells["Handlungsfelder"] == "Sprache; Wohnen"
    assert cells["Sprachmittlung nötig"] == "ja"
    assert cells["Geburtsdatum"] == date(1990, 2, 1)


def test_an_odd_id_in_the_sheet_does_not_stop_new_ids() -> None:
    from sheets_schema.sheets import next_number

    taken = ["KIM-XAN-2026-0003", "KIM-XAN-2026-00²", "KIM-XAN-2026-x", None, "KIM-MOE-2026-0009"]
    assert next_number(taken, "KIM-XAN-2026-") == 4
