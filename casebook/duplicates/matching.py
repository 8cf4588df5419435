"""Likely duplicate persons: name similarity across scripts, birth date and phone, weighted.

Pairs are only compared within blocks that share a key (birth date with day and month in any
order, the last seven phone digits, the consonant skeletons of two name words), never all
pairs, so 50,000 cases take seconds. Nothing is ever merged: the result is a list to check.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from itertools import combinations, permutations
from typing import Any

from rapidfuzz.distance import OSA, Indel

from casebook.search.keys import PARTICLES, NameKey, phone_key, split_words, word_keys
from sheets_schema.enums import Town

MIN_SCORE = 70.0
NAME_FLOOR = 80.0  # below this the names are not the same person's, whatever else agrees
MAX_BLOCK = 250  # larger blocks are split by the initials of the name skeletons
MAX_QUERY_BLOCK = 5000

# Weights of the three kinds of evidence (they add up to 100).
NAME_WEIGHT, BIRTH_WEIGHT, PHONE_WEIGHT = 55.0, 30.0, 15.0
# Agreement values per field: the same, a likely typing slip, unknown on one side, different.
_BIRTH_VALUES = {"same": 1.0, "similar": 0.6, "missing": 0.3, "different": 0.0}
# People change phone numbers when they move, so a different number counts a little.
_PHONE_VALUES = {"same": 1.0, "similar": 0.9, "missing": 0.35, "different": 0.15}
_PHONE_TAIL = 7
_EXTRA_WORD_PENALTY = 8.0
_WEAKEST_SHARE = 0.3
_WEAK_WORD_ALLOWANCE = 15.0
_WHOLE_NAME_FACTOR = 0.95
_KEYS_PER_WORD = 4
_MAX_WORDS = 3  # per name field; words are paired by trying every assignment

NAME_LABEL = "Name"
BIRTH_LABEL = "Geburtsdatum"
PHONE_LABEL = "Telefon"


class Agreement(StrEnum):
    SAME = "gleich"
    SIMILAR = "ähnlich"
    DIFFERENT = "verschieden"
    MISSING = "fehlt"


@dataclass(frozen=True)
class Person:
    """The identifying fields of one case row."""

    town: Town
    case_id: str
    row_number: int
    first_name: str | None
    last_name: str | None
    birth_date: date | None
    phone: str | None

    @property
    def display_name(self) -> str:
        return ", ".join(part.strip() for part in (self.last_name, self.first_name) if part)


@dataclass(frozen=True)
class Evidence:
    """How one field of two cases compares."""

    label: str  # German: Name, Geburtsdatum, Telefon
    agreement: Agreement
    left: str
    right: str


@dataclass(frozen=True)
class DuplicatePair:
    """Two cases that are likely the same person, with the evidence."""

    left: Person
    right: Person
    score: float  # 0..100
    evidence: tuple[Evidence, ...]

    @property
    def level(self) -> str:
        if self.score >= 90:
            return "sehr wahrscheinlich"
        return "wahrscheinlich" if self.score >= 80 else "möglich"

    def agreeing(self) -> list[str]:
        """Labels of the fields that agree or nearly agree."""
        return [
            e.label for e in self.evidence if e.agreement in (Agreement.SAME, Agreement.SIMILAR)
        ]


class _WordScores:
    """Name words as small integers, and their similarities computed once per pair of words.

    The same first and last names come back in many cases, so most comparisons are look-ups.
    """

    def __init__(self) -> None:
        self._ids: dict[tuple[NameKey, ...], int] = {}
        self._keys: list[tuple[NameKey, ...]] = []
        self._scores: dict[tuple[int, int], float] = {}
        self._lock = threading.Lock()

    def id_of(self, keys: tuple[NameKey, ...]) -> int:
        known = self._ids.get(keys)
        if known is None:
            # Checks of new cases may run in several browser sessions on one shared index.
            with self._lock:
                known = self._ids.get(keys)
                if known is None:
                    self._keys.append(keys)
                    known = self._ids[keys] = len(self._keys) - 1
        return known

    def score(self, a: int, b: int) -> float:
        if a == b:
            return 100.0
        pair = (a, b) if a < b else (b, a)
        known = self._scores.get(pair)
        if known is None:
            known = max(key_similarity(x, y) for x in self._keys[a] for y in self._keys[b])
            self._scores[pair] = known
        return known


@dataclass(frozen=True)
class _Prepared:
    person: Person
    words: tuple[int, ...]  # word ids of _WordScores
    joined: str
    joined_reversed: str
    phone: str
    initials: frozenset[str]
    keys: tuple[tuple[object, ...], ...] = field(default=())
    word_skeletons: tuple[str, ...] = field(default=())


def _name_words(text: str | None) -> list[tuple[NameKey, ...]]:
    words = []
    for word in split_words(text or ""):
        if any(ch.isdigit() for ch in word):
            continue
        keys = word_keys(word)
        if keys and keys[0].canon not in PARTICLES:
            words.append(keys[:_KEYS_PER_WORD])
    return words[:_MAX_WORDS]


def _prepare(person: Person, scores: _WordScores) -> _Prepared:
    first, last = _name_words(person.first_name), _name_words(person.last_name)
    words = first + last
    joined_first = "".join(w[0].canon for w in first)
    joined_last = "".join(w[0].canon for w in last)
    phone = phone_key(person.phone)
    skeletons = [{key.skeleton for key in word} for word in words]
    initials = frozenset(s[0] for group in skeletons for s in group if s)
    keys: list[tuple[object, ...]] = []
    if person.birth_date is not None:
        day, month = person.birth_date.day, person.birth_date.month
        keys.append(("b", person.birth_date.year, min(day, month), max(day, month)))
    if len(phone) >= _PHONE_TAIL:
        keys.append(("p", phone[-_PHONE_TAIL:]))
    for left, right in combinations(skeletons, 2):
        for a in left:
            for b in right:
                keys.append(("n", *sorted((a, b))))
    if len(skeletons) == 1:
        keys.extend(("n", s) for s in skeletons[0])
    return _Prepared(
        person=person,
        words=tuple(scores.id_of(word) for word in words),
        joined=joined_first + joined_last,
        joined_reversed=joined_last + joined_first,
        phone=phone,
        initials=initials,
        keys=tuple(dict.fromkeys(keys)),
        word_skeletons=tuple(sorted({s for group in skeletons for s in group})),
    )


def _first_sound(canon: str) -> str:
    return "" if not canon or canon[0] in "aeiou" else canon[0]


_SHAPE = str.maketrans("aeioubcdfghjklmnpqrstvwxyz", "vvvvv" + "c" * 21)


def _shape(canon: str) -> str:
    return canon.translate(_SHAPE)


def key_similarity(a: NameKey, b: NameKey) -> float:
    """Similarity 0..100 of two spellings of one name part, across scripts."""
    if a.canon == b.canon:
        return 100.0
    plain = 50.0 * (
        Indel.normalized_similarity(a.canon, b.canon) + OSA.normalized_similarity(a.canon, b.canon)
    )
    shortest = min(len(a.skeleton), len(b.skeleton))
    if a.abjad != b.abjad and shortest >= 2:
        # Written without short vowels (محمد) against a vowelled spelling (Mohammed): the
        # consonants are the evidence.
        bones = Indel.normalized_similarity(a.skeleton, b.skeleton)
        steep = min(max((bones - 0.5) * 2.0, 0.0), 1.0)
        return max(plain, 95.0 * steep + 0.05 * plain)
    if (
        not a.abjad
        and not b.abjad
        and shortest >= 3
        and a.skeleton == b.skeleton
        and _first_sound(a.canon) == _first_sound(b.canon)
        and _shape(a.canon) == _shape(b.canon)
    ):
        # Mohammed and Muhammad: the same consonants with other vowels in the same places;
        # Naser and Nazari share consonants too, but not the shape.
        return max(plain, 60.0 + 0.4 * plain)
    return plain


def name_similarity(a: _Prepared, b: _Prepared, scores: _WordScores) -> float:
    """0..100; first and last name may be swapped, compounds written apart or together."""
    if not a.words or not b.words:
        return 0.0
    short, long = (a, b) if len(a.words) <= len(b.words) else (b, a)
    grid = [[scores.score(w, v) for v in long.words] for w in short.words]
    # Each word of one name pairs with a different word of the other: "Jusuf Yusuf" is not
    # "Hussein Yusuf" just because both of its words resemble "Yusuf".
    best = max(
        ([grid[row][column] for row, column in enumerate(columns)]
         for columns in permutations(range(len(long.words)), len(short.words))),
        key=sum,
    )  # fmt: skip
    mean = sum(best) / len(best)
    weakest = min(best)
    token = min(
        (1 - _WEAKEST_SHARE) * mean + _WEAKEST_SHARE * weakest, weakest + _WEAK_WORD_ALLOWANCE
    )
    extra = len(long.words) - len(short.words)
    if not extra:
        return token
    # One name has more words: maybe a compound written apart ("Gebre Mariam" = "Gebremariam").
    whole = 100.0 * max(
        Indel.normalized_similarity(a.joined, b.joined),
        Indel.normalized_similarity(a.joined, b.joined_reversed),
    )
    return max(token - _EXTRA_WORD_PENALTY * extra, _WHOLE_NAME_FACTOR * whole)


def _birth_agreement(a: date | None, b: date | None) -> Agreement:
    if a is None or b is None:
        return Agreement.MISSING
    if a == b:
        return Agreement.SAME
    swapped = a.year == b.year and (a.day, a.month) == (b.month, b.day)
    year_slip = (a.month, a.day) == (b.month, b.day) and _one_digit_apart(a.year, b.year)
    day_slip = (a.year, a.month) == (b.year, b.month) and _one_digit_apart(a.day, b.day)
    month_slip = (a.year, a.day) == (b.year, b.day) and _one_digit_apart(a.month, b.month)
    if swapped or year_slip or day_slip or month_slip:
        return Agreement.SIMILAR
    return Agreement.DIFFERENT


def _one_digit_apart(a: int, b: int) -> bool:
    left, right = f"{a:04d}", f"{b:04d}"
    return sum(x != y for x, y in zip(left, right, strict=True)) == 1 or sorted(left) == sorted(
        right
    )


def _phone_agreement(a: str, b: str) -> Agreement:
    if not a or not b:
        return Agreement.MISSING
    if a == b:
        return Agreement.SAME
    if len(a) >= _PHONE_TAIL and len(b) >= _PHONE_TAIL and (a.endswith(b) or b.endswith(a)):
        return Agreement.SIMILAR
    return Agreement.DIFFERENT


_VALUE_KEYS = {
    Agreement.SAME: "same",
    Agreement.SIMILAR: "similar",
    Agreement.MISSING: "missing",
    Agreement.DIFFERENT: "different",
}


def _date_text(day: date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


def compare(
    a: _Prepared, b: _Prepared, scores: _WordScores, min_score: float = MIN_SCORE
) -> DuplicatePair | None:
    """The pair with its score and evidence, or None when it cannot reach `min_score`."""
    birth = _birth_agreement(a.person.birth_date, b.person.birth_date)
    phone = _phone_agreement(a.phone, b.phone)
    rest = (
        BIRTH_WEIGHT * _BIRTH_VALUES[_VALUE_KEYS[birth]]
        + PHONE_WEIGHT * _PHONE_VALUES[_VALUE_KEYS[phone]]
    )
    if NAME_WEIGHT + rest < min_score:
        return None  # even identical names would not be enough: skip the costly comparison
    if not a.initials & b.initials:
        return None  # no name word starts with the same consonant: not the same name
    name = name_similarity(a, b, scores)
    if name < NAME_FLOOR:
        return None
    score = NAME_WEIGHT * name / 100.0 + rest
    if score < min_score:
        return None
    name_agreement = Agreement.SAME if name >= 95 else Agreement.SIMILAR
    evidence = (
        Evidence(NAME_LABEL, name_agreement, a.person.display_name, b.person.display_name),
        Evidence(
            BIRTH_LABEL,
            birth,
            _date_text(a.person.birth_date),
            _date_text(b.person.birth_date),
        ),
        Evidence(PHONE_LABEL, phone, a.person.phone or "", b.person.phone or ""),
    )
    return DuplicatePair(a.person, b.person, round(score, 1), evidence)


Rank = Any  # how a person sorts in an index (slot order, or town and row); comparable per index


def _sort_key(pair: DuplicatePair) -> tuple[float, str, str]:
    return (-pair.score, pair.left.case_id, pair.right.case_id)


class DuplicateIndex:
    """People prepared once, with their blocks; finds pairs and matches for a new person.

    `replaced` gives a new index with some people removed and others added, preparing only
    those: a shared index is never changed in place (sessions may be reading it), and the new
    one gives exactly what a fresh build over the same people gives, as long as `rank` orders
    people as the fresh build's input would be ordered (left and right of a pair follow it).
    """

    def __init__(
        self, people: Iterable[Person], rank: Callable[[Person], Rank] | None = None
    ) -> None:
        self._scores = _WordScores()
        self._rank_of = rank
        self._prepared: list[_Prepared | None] = [
            _prepare(person, self._scores) for person in people
        ]
        self._ranks: list[Rank] = [
            rank(p.person) if rank is not None and p is not None else slot
            for slot, p in enumerate(self._prepared)
        ]
        self._blocks: dict[tuple[object, ...], list[int]] = defaultdict(list)
        self._words: dict[str, list[int]] = defaultdict(list)
        for index, prepared in enumerate(self._prepared):
            assert prepared is not None
            for key in prepared.keys:
                self._blocks[key].append(index)
            for skeleton in prepared.word_skeletons:
                self._words[skeleton].append(index)
        self._live = len(self._prepared)
        self.skipped_blocks = 0

    def __len__(self) -> int:
        return self._live

    def people(self) -> Iterator[tuple[int, Person]]:
        """(slot, person) of everyone in the index; a slot names a person for `replaced`."""
        for slot, prepared in enumerate(self._prepared):
            if prepared is not None:
                yield slot, prepared.person

    def replaced(self, removed: Iterable[int], added: Iterable[Person]) -> DuplicateIndex:
        """A new index without the people in slots `removed` and with `added`; this one stays
        as it is. Only the added people are prepared; lists of untouched blocks are shared."""
        gone = set(removed)
        new = object.__new__(DuplicateIndex)
        new._scores = self._scores  # word similarities do not depend on who is in the index
        new._rank_of = self._rank_of
        new._prepared = list(self._prepared)
        new._ranks = list(self._ranks)
        new._blocks = dict(self._blocks)
        new._words = dict(self._words)
        new.skipped_blocks = self.skipped_blocks
        for slot in gone:
            prepared = new._prepared[slot]
            if prepared is None:
                raise KeyError(slot)
            new._prepared[slot] = None
            _drop(new._blocks, prepared.keys, gone)
            _drop(new._words, prepared.word_skeletons, gone)
        fresh: dict[tuple[object, ...], list[int]] = defaultdict(list)
        fresh_words: dict[str, list[int]] = defaultdict(list)
        for person in added:
            slot = len(new._prepared)
            prepared = _prepare(person, new._scores)
            new._prepared.append(prepared)
            new._ranks.append(self._rank_of(person) if self._rank_of is not None else slot)
            for key in prepared.keys:
                fresh[key].append(slot)
            for skeleton in prepared.word_skeletons:
                fresh_words[skeleton].append(slot)
        _extend(new._blocks, fresh)
        _extend(new._words, fresh_words)
        new._live = self._live - len(gone) + len(new._prepared) - len(self._prepared)
        return new

    def _member(self, slot: int) -> _Prepared:
        prepared = self._prepared[slot]
        assert prepared is not None, "blocks hold live slots only"
        return prepared

    def _candidate_pairs(self) -> set[tuple[int, int]]:
        pairs: set[tuple[int, int]] = set()
        skipped = 0
        for members in self._blocks.values():
            if len(members) < 2:
                continue
            if len(members) <= MAX_BLOCK:
                pairs.update(combinations(members, 2))
                continue
            # A crowded key (01.01.1990, Mohammad Ahmadi): compare only within the same initials.
            by_initial: dict[str, list[int]] = defaultdict(list)
            for index in members:
                for initial in self._member(index).initials:
                    by_initial[initial].append(index)
            for group in by_initial.values():
                if len(group) > 2 * MAX_BLOCK:
                    skipped += 1
                    continue
                pairs.update(combinations(group, 2))
        self.skipped_blocks = skipped
        return pairs

    def pairs(self, min_score: float = MIN_SCORE) -> list[DuplicatePair]:
        """All likely duplicate pairs, best first."""
        found = []
        ranks = self._ranks
        for left, right in self._candidate_pairs():
            if ranks[left] > ranks[right]:
                left, right = right, left  # a pair reads the same however the index was built
            a, b = self._member(left), self._member(right)
            if a.person.town is b.person.town and a.person.case_id == b.person.case_id:
                continue  # the same row, or a repeated Fall-ID (the data-quality page lists it)
            pair = compare(a, b, self._scores, min_score)
            if pair is not None:
                found.append((pair, ranks[left], ranks[right]))
        found.sort(key=lambda item: (*_sort_key(item[0]), item[1], item[2]))
        return [pair for pair, _, _ in found]

    def matches(
        self, person: Person, min_score: float = MIN_SCORE, limit: int = 10
    ) -> list[DuplicatePair]:
        """Existing people that are likely `person` (a case about to be created), best first."""
        query = _prepare(person, self._scores)
        candidates: set[int] = set()
        for key in query.keys:
            candidates.update(self._blocks.get(key, ()))
        for skeleton in query.word_skeletons:
            members = self._words.get(skeleton, ())
            if len(members) <= MAX_QUERY_BLOCK:
                candidates.update(members)
        found = []
        for index in candidates:
            pair = compare(query, self._member(index), self._scores, min_score)
            if pair is not None:
                found.append((pair, self._ranks[index]))
        found.sort(key=lambda item: (*_sort_key(item[0]), item[1]))
        return [pair for pair, _ in found[:limit]]


def _extend(table: dict[Any, list[int]], extra: Mapping[Any, list[int]]) -> None:
    for key, slots in extra.items():
        table[key] = [*table.get(key, ()), *slots]  # a new list, as in `_drop`


def _drop(table: dict[Any, list[int]], keys: Iterable[Any], gone: set[int]) -> None:
    # A new list, never an edit of the old one: the index this one came from still uses it.
    for key in keys:
        members = table.get(key)
        if members is None:
            continue  # emptied by another removed person with the same key
        kept = [slot for slot in members if slot not in gone]
        if kept:
            table[key] = kept
        else:
            del table[key]


def find_duplicates(people: Sequence[Person], min_score: float = MIN_SCORE) -> list[DuplicatePair]:
    """Likely duplicate pairs among `people`, best first."""
    return DuplicateIndex(people).pairs(min_score)
