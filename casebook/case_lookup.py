"""Reading one case and searching cases, for case managers of the case's town only."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from casebook.access import Attempt, require_personal_data
from casebook.actors import Actor
from casebook.case_search import TownHit, build_index, search_towns
from casebook.errors import RecordNotFound
from casebook.town_data import RecordRow, read_town
from casebook.town_source import TownSource
from sheets_schema import SheetName


def read_case(source: TownSource, actor: Actor, case_id: str, today: date) -> RecordRow:
    """One case as read, with its problems; raises RecordNotFound or AccessDenied."""
    require_personal_data(source, actor, Attempt.READ, case_id)
    row = read_town(source.town, source.store.load(), today).case(case_id.strip())
    if row is None:
        raise RecordNotFound(SheetName.CASES, case_id)
    return row


def search_cases(
    sources: Sequence[TownSource], actor: Actor, query: str, today: date, limit: int = 50
) -> list[TownHit]:
    """Cases matching `query` in the given towns; one town the actor may not read refuses all."""
    for source in sources:
        require_personal_data(source, actor, Attempt.SEARCH)
    indexes = {
        source.town: build_index(read_town(source.town, source.store.load(), today))
        for source in sources
    }
    return search_towns(indexes, query, limit=limit)
