"""Searching the cases of loaded towns: names in any spelling, Fall-IDs, phones, several towns."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

from casebook.core.town_data import TownData, read_town
from casebook.search.cases import (
    build_index,
    describe_hit,
    matched_label,
    search_docs,
    search_towns,
)
from casebook.search.index import MatchedField
from casebook.storage.cells import CellValue
from casebook.storage.xlsx.store import WorkbookStore
from sheets_schema.enums import Town
from tests.support.builders import TODAY, make_case, town_workbook


def town(tmp_path: Path, which: Town, *cases: Mapping[str, CellValue]) -> TownData:
    path = town_workbook(tmp_path / f"{which.code}.xlsx", list(cases))
    return read_town(which, WorkbookStore(path).load(), TODAY)


def test_every_case_with_a_fall_id_becomes_a_search_document(tmp_path: Path) -> None:
    data = town(
        tmp_path,
        Town.XANTEN,
        make_case(1, last_name="Müller", first_name="Jürgen", birth_date=date(1980, 5, 17)),
        make_case(2, case_id=None),
    )
    docs = search_docs(data)
    assert [doc.key for doc in docs] == ["KIM-XAN-2026-0001"]
    assert docs[0].last_name == "Müller"
    assert docs[0].birth_date == date(1980, 5, 17)


def test_mueller_finds_mueller_with_umlaut(tmp_path: Path) -> None:
    data = town(
        tmp_path,
        Town.XANTEN,
        make_case(1, last_name="Müller", first_name="Jürgen"),
        make_case(2, last_name="Schmidt", first_name="Olena"),
    )
    hits = search_towns({Town.XANTEN: build_index(data)}, "mueller")
    assert [h.case_id for h in hits] == ["KIM-XAN-2026-0001"]
    assert hits[0].hit.matched is MatchedField.NAME


def test_hits_of_several_towns_are_merged_best_first(tmp_path: Path) -> None:
    xanten = town(tmp_path, Town.XANTEN, make_case(1, last_name="Müller"))
    moers = town(
        tmp_path,
        Town.MOERS,
        make_case(4, town=Town.MOERS, last_name="Mueller", postcode="47441"),
        make_case(5, town=Town.MOERS, last_name="Yilmaz", postcode="47441"),
    )
    indexes = {Town.XANTEN: build_index(xanten), Town.MOERS: build_index(moers)}
    hits = search_towns(indexes, "Müller")
    assert {(h.town, h.case_id) for h in hits} == {
        (Town.XANTEN, "KIM-XAN-2026-0001"),
        (Town.MOERS, "KIM-MOE-2026-0004"),
    }
    scores = [h.hit.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_a_fall_id_and_a_phone_number_find_their_case(tmp_path: Path) -> None:
    data = town(
        tmp_path,
        Town.XANTEN,
        make_case(7, phone="0170 9876543"),
        make_case(8, phone="02801 12345"),
    )
    indexes = {Town.XANTEN: build_index(data)}
    by_id = search_towns(indexes, "KIM-XAN-2026-0007")
    by_phone = search_towns(indexes, "+49 170 9876543")
    assert by_id[0].case_id == "KIM-XAN-2026-0007"
    assert by_phone[0].case_id == "KIM-XAN-2026-0007"
    assert describe_hit(by_phone[0].hit) == "Telefon: 0170 9876543"


def test_the_limit_caps_the_merged_hits(tmp_path: Path) -> None:
    data = town(tmp_path, Town.XANTEN, *(make_case(n, last_name="Müller") for n in range(1, 6)))
    assert len(search_towns({Town.XANTEN: build_index(data)}, "Müller", limit=3)) == 3


def test_matched_fields_are_labelled_with_german_column_headers() -> None:
    assert matched_label(MatchedField.CASE_ID) == "Fall-ID"
    assert matched_label(MatchedField.BIRTH_DATE) == "Geburtsdatum"
    assert matched_label(MatchedField.NAME) == "Name"
