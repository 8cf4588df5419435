"""Column mapping: header variants, worksheet names, header-row detection and sources.toml errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.core.config import ConfigError, parse_config
from casebook.storage.mapping import (
    MappingError,
    Recognition,
    SourceMapping,
    detect_header_row,
    header_key,
    parse_mapping,
)
from sheets_schema import SHEETS, SheetName, field_specs


@pytest.mark.parametrize("sheet", list(SheetName))
def test_no_two_columns_of_a_sheet_share_a_header_variant(sheet: SheetName) -> None:
    owners: dict[str, str] = {}
    for spec in field_specs(SHEETS[sheet].model):
        for text in (spec.header, *spec.variants):
            key = header_key(text)
            assert owners.setdefault(key, spec.header) == spec.header, (text, owners[key])


@pytest.mark.parametrize(
    ("typed", "schema"),
    [
        ("Geb.-Datum", "Geburtsdatum"),
        ("geb. datum", "Geburtsdatum"),
        ("Name", "Nachname"),
        ("Herkunftsland", "Staatsangehörigkeit"),
        ("Status ", "Status"),
        ("Strasse", "Straße"),
        ("Fallmanager/in", "Fallmanager:in"),
        ("Email", "E-Mail"),
        ("Tel.", "Telefon"),
    ],
)
def test_common_german_header_variants_are_recognised(typed: str, schema: str) -> None:
    (match,) = SourceMapping().recognise(SheetName.CASES, (typed.strip(),))
    assert match.recognised and match.schema_header == schema


def test_the_exact_header_wins_over_a_variant_and_the_variant_becomes_a_duplicate() -> None:
    name, surname = SourceMapping().recognise(SheetName.CASES, ("Name", "Nachname"))
    assert (surname.recognition, surname.schema_header) == (Recognition.EXACT, "Nachname")
    assert name.recognition is Recognition.DUPLICATE


def test_an_unknown_header_stays_unknown() -> None:
    (match,) = SourceMapping().recognise(SheetName.CASES, ("Lieblingsfarbe",))
    assert (match.recognition, match.schema_header) == (Recognition.UNKNOWN, None)


@pytest.mark.parametrize(
    ("name", "sheet"),
    [("Fälle", SheetName.CASES), ("Faelle", SheetName.CASES), ("Klienten", SheetName.CASES),
     ("Hilfeplan", SheetName.GOALS), ("Statistik", None)],
)  # fmt: skip
def test_worksheets_are_found_by_name_or_variant(name: str, sheet: SheetName | None) -> None:
    assert SourceMapping().sheet_for(name) == sheet


def test_the_header_row_is_the_row_naming_the_most_known_headers() -> None:
    known = SourceMapping().known_headers(SheetName.CASES)
    rows = [
        ["KIM Wesel – Fälle 2025"],
        [],
        ["Status: vorläufig", "", "Name"],
        ["Name", "Vorname", "Geb.-Datum", "Status"],
        ["Müller", "Jürgen", "1.2.85", "Aktiv"],
    ]
    assert detect_header_row(rows, known) == 4
    assert detect_header_row([["Titel"], ["nur Text"]], known) == 1


def test_a_declared_header_row_wins_over_detection() -> None:
    mapping = parse_mapping({"header_rows": {"Klienten": 2}})
    assert mapping.locate_header("Klienten", [["Name", "Vorname"], ["x"], ["y"]]) == 2


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"columns": {"Fälle": {"Name": "Nachnahme"}}}, "„Nachnahme“ ist keine Spalte von „Fälle“"),
        ({"columns": {"Klient": {"Name": "Nachname"}}}, "unbekanntes Arbeitsblatt „Klient“"),
        ({"header_rows": {"Fälle": 0}}, "Bitte eine Zeilennummer ab 1 angeben"),
        ({"spalten": {}}, "unbekannter Eintrag „spalten“"),
        ({"sheets": "Klienten"}, "Bitte als Tabelle angeben"),
    ],
)
def test_mistakes_in_a_mapping_are_explained_in_german(raw: object, message: str) -> None:
    with pytest.raises(MappingError, match=message):
        parse_mapping(raw)


def test_a_mapping_may_name_fields_by_python_name_and_mark_own_columns() -> None:
    mapping = parse_mapping({"columns": {"Fälle": {"Geb.": "birth_date", "Status": ""}}})
    assert mapping.columns[SheetName.CASES] == {"geb": "Geburtsdatum", "status": None}


def test_sources_toml_reports_a_bad_mapping_with_its_entry() -> None:
    toml = (
        '[[town]]\nname = "Wesel"\nworkbook = "w.xlsx"\n[town.mapping.columns."Fälle"]\nA = "B"\n'
    )
    with pytest.raises(ConfigError, match=r"Eintrag 1 \(Wesel\), mapping.*„B“ ist keine Spalte"):
        parse_config(toml, Path())
