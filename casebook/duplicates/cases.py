"""Duplicate checks over loaded towns: case rows as persons, and the check before a new case."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date

from pydantic_core import PydanticCustomError

from casebook.core.errors import InvalidRecord
from casebook.core.town_data import TownData
from casebook.duplicates.matching import DuplicateIndex, DuplicatePair, Person
from sheets_schema import Case, Problem, ProblemCode, Severity, header_of
from sheets_schema.enums import Town
from sheets_schema.types import parse_german_date, parse_text

CODE = ProblemCode.POSSIBLE_DUPLICATE


def people_of(data: TownData) -> list[Person]:
    """One person per case row with a Fall-ID and a name (rows without cannot be linked)."""
    people = []
    for row in data.cases:
        case = row.record
        if not row.record_id or not (case.last_name or case.first_name):
            continue
        people.append(
            Person(
                town=data.town,
                case_id=row.record_id,
                row_number=row.row_number,
                first_name=case.first_name,
                last_name=case.last_name,
                birth_date=case.birth_date,
                phone=case.phone,
            )
        )
    return people


def people_index(people: Iterable[Person], towns: Sequence[Town]) -> DuplicateIndex:
    """An index over `people` of `towns`, listed town by town (in this order), rows in order."""
    position = {town: number for number, town in enumerate(towns)}
    return DuplicateIndex(people, rank=lambda person: (position[person.town], person.row_number))


def duplicate_index(towns: Iterable[TownData]) -> DuplicateIndex:
    """One index over all given towns, so that a person who moved is found in the other town."""
    loaded = tuple(towns)
    people = (person for data in loaded for person in people_of(data))
    return people_index(people, [data.town for data in loaded])


def follow_people(
    index: DuplicateIndex, towns: Collection[Town], people: Iterable[Person]
) -> DuplicateIndex:
    """`index` (from `people_index`) with `people` as the whole of `towns`: only people whose
    row changed, came or went are prepared again; the other towns stay as they are."""
    now = {(person.town, person.row_number): person for person in people}
    removed: list[int] = []
    for slot, person in index.people():
        if person.town not in towns:
            continue
        key = (person.town, person.row_number)
        if now.get(key) == person:
            del now[key]  # the same person in the same row: kept as prepared
        else:
            removed.append(slot)
    if not removed and not now:
        return index
    return index.replaced(removed, now.values())


def follow_index(index: DuplicateIndex, changed: Iterable[TownData]) -> DuplicateIndex:
    """`index` (from `duplicate_index`) with the `changed` towns as these data hold them."""
    loaded = tuple(changed)
    people = (person for data in loaded for person in people_of(data))
    return follow_people(index, {data.town for data in loaded}, people)


def _text(value: object) -> str | None:
    try:
        return parse_text(value)
    except PydanticCustomError:
        return None


def _day(value: object) -> date | None:
    # An unreadable date is the form's business; the check uses what it can read.
    try:
        return parse_german_date(value)
    except PydanticCustomError:
        return None


def person_from_form(town: Town, form: Mapping[str, object]) -> Person:
    """The person a new-case form describes (values by German header, as typed)."""
    return Person(
        town=town,
        case_id="",
        row_number=0,
        first_name=_text(form.get(header_of(Case, "first_name"))),
        last_name=_text(form.get(header_of(Case, "last_name"))),
        birth_date=_day(form.get(header_of(Case, "birth_date"))),
        phone=_text(form.get(header_of(Case, "phone"))),
    )


class LikelyDuplicates(InvalidRecord):
    """The new case looks like existing ones; nothing was written until the user confirms."""

    def __init__(self, matches: list[DuplicatePair]) -> None:
        found = ", ".join(f"{m.right.case_id} ({m.right.town.value})" for m in matches[:3])
        more = f" und {len(matches) - 3} weitere" if len(matches) > 3 else ""
        problem = Problem(
            code=CODE,
            severity=Severity.ERROR,
            message=(
                f"Diese Person ist vielleicht schon erfasst: {found}{more}. Bitte prüfen Sie die "
                "Treffer; ist es eine andere Person, setzen Sie das Häkchen „Trotzdem anlegen“."
            ),
            field="last_name",
            column=header_of(Case, "last_name"),
        )
        super().__init__([problem])
        self.matches = matches


def check_new_case(
    index: DuplicateIndex,
    town: Town,
    form: Mapping[str, object],
    confirmed: Collection[str] = (),
) -> list[DuplicatePair]:
    """Raise LikelyDuplicates when the form matches existing cases the user has not yet seen and
    confirmed (Fall-IDs in `confirmed`); returns the matches otherwise. Never merges anything."""
    person = person_from_form(town, form)
    if not (person.last_name or person.first_name):
        return []
    matches = index.matches(person)
    if any(match.right.case_id not in confirmed for match in matches):
        raise LikelyDuplicates(matches)
    return matches
