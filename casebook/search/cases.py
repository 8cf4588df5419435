"""Case search over loaded towns: rows of "Fälle" as search documents, hits of several towns merged."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from casebook.cases.town_patch import PatchedTown, changed_positions
from casebook.core.town_data import RecordRow, TownData
from casebook.search.index import MatchedField, SearchDoc, SearchHit, SearchIndex
from sheets_schema import Case, SheetName, header_of
from sheets_schema.enums import Town

# "Name" stands for first and last name together, which no single column header says.
_NAME_LABEL = "Name"
_FIELD_OF_MATCH = {
    MatchedField.CASE_ID: "case_id",
    MatchedField.PHONE: "phone",
    MatchedField.BIRTH_DATE: "birth_date",
}


@dataclass(frozen=True)
class TownHit:
    """A case found in one town's spreadsheet."""

    town: Town
    hit: SearchHit

    @property
    def case_id(self) -> str:
        return self.hit.key


def search_doc(row: RecordRow) -> SearchDoc | None:
    """The search document of a case row; a row without a Fall-ID cannot be linked, so has none."""
    case_id = row.record_id
    if not case_id:
        return None
    case = row.record
    return SearchDoc(
        key=case_id,
        first_name=case.first_name,
        last_name=case.last_name,
        phone=case.phone,
        birth_date=case.birth_date,
    )


def search_docs(data: TownData) -> list[SearchDoc]:
    """One search document per case row that has a Fall-ID."""
    return [doc for row in data.cases if (doc := search_doc(row)) is not None]


def build_index(data: TownData) -> SearchIndex:
    """The search index of one town as loaded."""
    return SearchIndex.build(search_docs(data))


def follow_index(index: SearchIndex, patched: PatchedTown) -> SearchIndex:
    """The index after the app's own save: only the cases written are indexed again."""
    followed = index.copy()
    for position in changed_positions(patched, SheetName.CASES):
        doc = search_doc(patched.data.cases[position])
        if doc is not None:
            followed.upsert(doc)
    return followed


def search_towns(indexes: Mapping[Town, SearchIndex], query: str, limit: int = 50) -> list[TownHit]:
    """The best hits of all towns together, best first, at most `limit`."""
    hits = [
        TownHit(town, hit)
        for town, index in indexes.items()
        for hit in index.search(query, limit=limit)
    ]
    hits.sort(key=lambda found: (-found.hit.score, found.hit.key, found.town.value))
    return hits[:limit]


def matched_label(matched: MatchedField) -> str:
    """The German name of what matched: the column header, or "Name" for first and last name."""
    field = _FIELD_OF_MATCH.get(matched)
    return header_of(Case, field) if field else _NAME_LABEL


def describe_hit(hit: SearchHit) -> str:
    """„Telefon: 0170 1234567“ – what matched, for a column of the case list."""
    return f"{matched_label(hit.matched)}: {hit.matched_text}"
