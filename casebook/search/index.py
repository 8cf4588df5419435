"""Find cases by name in any spelling or script, by Fall-ID, phone number or birth date."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray
from rapidfuzz.distance import Indel

from casebook.search.keys import (
    PARTICLES,
    NameKey,
    canonical_token,
    case_id_key,
    dates_in,
    looks_like_phone,
    phone_key,
    skeleton_of,
    split_words,
    strip_dates,
    word_keys,
)
from casebook.search.snapshot import SearchDoc, Snapshot

__all__ = ["MatchedField", "SearchDoc", "SearchHit", "SearchIndex"]

DEFAULT_MIN_SCORE = 70.0

# Name scoring. A query word that matches nothing drags the whole score down, so that
# "Jürgen Schmidt" is not offered for "Jürgen Müller" just because the first names agree.
_WEAK_WORD_ALLOWANCE = 15.0
_WEAKEST_SHARE = 0.3
# Particles (al, el, von) are written or dropped at will, so they only count in the
# whole-name comparison; initials count a little.
_PARTICLE_WEIGHT = 0.0
_INITIAL_WEIGHT = 0.3
_JOINED_QUERY_FACTOR = 0.98  # "Gebre Mariam" read as "Gebremariam"
_JOINED_QUERY_MIN = 80.0
_WHOLE_NAME_SHARE = 0.1  # the whole-name comparison only breaks ties between token matches
_MAX_RERANKED = 300

# Fall-IDs, phones and birth dates.
_CASE_ID_SUFFIX_BASE, _CASE_ID_CONTAINS_BASE, _CASE_ID_SPAN = 90.0, 80.0, 9.0
_CASE_ID_NUMBER_SCORE = 90.0
_CASE_ID_MIN_SUBSTRING = 3
_PHONE_SUFFIX_BASE, _PHONE_CONTAINS_BASE, _PHONE_SPAN = 85.0, 70.0, 10.0
_PHONE_MIN_DIGITS = 6
_BIRTH_DATE_SCORE = 100.0


class MatchedField(StrEnum):
    """Which stored value made a case a hit."""

    CASE_ID = "case_id"
    NAME = "name"
    PHONE = "phone"
    BIRTH_DATE = "birth_date"


@dataclass(frozen=True)
class SearchHit:
    """One case found, with how well and why."""

    key: str
    score: float  # 0..100, best first
    matched: MatchedField
    matched_text: str  # the stored value that matched (for display)


@dataclass(frozen=True)
class _QueryWord:
    keys: tuple[NameKey, ...]
    weight: float


def _query_words(text: str) -> list[_QueryWord]:
    # A chunk with digits is a Fall-ID, phone or date, even where it also has letters (KIM-XAN-…).
    name_text = " ".join(chunk for chunk in text.split() if not any(ch.isdigit() for ch in chunk))
    words: list[_QueryWord] = []
    for word in split_words(name_text):
        keys = word_keys(word)
        if not keys:
            continue
        if keys[0].canon in PARTICLES:
            weight = _PARTICLE_WEIGHT
        elif len(keys[0].canon) == 1:
            weight = _INITIAL_WEIGHT
        else:
            weight = 1.0
        words.append(_QueryWord(keys, weight))
    if words and all(word.weight == 0.0 for word in words):
        return [_QueryWord(word.keys, 1.0) for word in words]
    return words


def _word_scores(snapshot: Snapshot, keys: tuple[NameKey, ...]) -> NDArray[np.float32]:
    """Best similarity of one query word to any name part, per row."""
    vocabulary = snapshot.vocabulary
    best = np.zeros(len(vocabulary) + 1, dtype=np.float32)  # last slot: padding id -1
    for key in keys:
        np.maximum(best[:-1], vocabulary.scores(key), out=best[:-1])
    slots = snapshot.tokens
    result: NDArray[np.float32] = best[slots[0]]
    for slot in slots[1:]:
        np.maximum(result, best[slot], out=result)
    return result


def _name_scores(snapshot: Snapshot, words: list[_QueryWord]) -> NDArray[np.float32]:
    counted = [word for word in words if word.weight > 0.0]
    per_word = np.stack([_word_scores(snapshot, word.keys) for word in counted])
    # Two neighbouring words may be one compound name written apart ("Gebre Mariam",
    # "Welde Mikael"): where the pair matches a stored word, both words count as found.
    for left in range(len(counted) - 1):
        first, second = counted[left].keys[0], counted[left + 1].keys[0]
        canon = canonical_token(first.canon + second.canon)
        joined = NameKey(canon, skeleton_of(canon) or canon, first.abjad or second.abjad)
        as_one = _word_scores(snapshot, (joined,)) * _JOINED_QUERY_FACTOR
        as_one[as_one < _JOINED_QUERY_MIN] = 0.0
        for index in (left, left + 1):
            np.maximum(per_word[index], as_one, out=per_word[index])
    weights = np.array([word.weight for word in counted], dtype=np.float32)
    mean = weights @ per_word / weights.sum()
    major = per_word[weights == 1.0] if (weights == 1.0).any() else per_word
    weakest = major.min(axis=0)
    # Two fair matches beat a perfect and a poor one: Ahmed Naser for "Nasir Ahmad", not
    # Ahmad Nazari.
    blended = (1.0 - _WEAKEST_SHARE) * mean + _WEAKEST_SHARE * weakest
    scores: NDArray[np.float32] = np.minimum(blended, weakest + _WEAK_WORD_ALLOWANCE)
    return scores


def _name_hits(snapshot: Snapshot, text: str, min_score: float) -> list[SearchHit]:
    words = _query_words(text)
    if not words or not snapshot.docs:
        return []
    scores = _name_scores(snapshot, words)
    scores[~snapshot.alive] = 0.0
    # The whole-name share can lift a token score by at most its own weight.
    floor = (min_score - 100.0 * _WHOLE_NAME_SHARE) / (1.0 - _WHOLE_NAME_SHARE)
    candidates = np.flatnonzero(scores >= floor)
    if len(candidates) > _MAX_RERANKED:
        top = np.argpartition(scores[candidates], -_MAX_RERANKED)[-_MAX_RERANKED:]
        candidates = candidates[top]
    whole_query = "".join(word.keys[0].canon for word in words)
    whole_skeleton = skeleton_of(whole_query)
    hits: list[SearchHit] = []
    for row in candidates.tolist():
        whole = max(
            Indel.normalized_similarity(whole_query, snapshot.first_last[row]),
            Indel.normalized_similarity(whole_query, snapshot.last_first[row]),
            Indel.normalized_similarity(whole_skeleton, snapshot.first_last_skeleton[row]),
            Indel.normalized_similarity(whole_skeleton, snapshot.last_first_skeleton[row]),
        )
        score = (1.0 - _WHOLE_NAME_SHARE) * float(scores[row]) + _WHOLE_NAME_SHARE * 100.0 * whole
        if score >= min_score:
            doc = snapshot.docs[row]
            hits.append(SearchHit(doc.key, round(score, 2), MatchedField.NAME, doc.display_name))
    return hits


def _case_id_hits(snapshot: Snapshot, text: str) -> list[SearchHit]:
    if not any(ch.isdigit() for ch in text):
        return []
    needle = case_id_key(text)
    scores: dict[int, float] = {}
    if needle.isdigit() and len(needle) <= 4:
        for row in snapshot.sequence_numbers.get(int(needle), ()):
            scores[row] = _CASE_ID_NUMBER_SCORE
    if len(needle) >= _CASE_ID_MIN_SUBSTRING:
        for row in snapshot.case_id_blob.rows_containing(needle):
            stored = snapshot.case_ids[row]
            share = _CASE_ID_SPAN * len(needle) / len(stored)
            if stored == needle:
                score = 100.0
            elif stored.endswith(needle):
                score = _CASE_ID_SUFFIX_BASE + share
            else:
                score = _CASE_ID_CONTAINS_BASE + share
            scores[row] = max(score, scores.get(row, 0.0))
    return [
        SearchHit(
            snapshot.docs[row].key, round(score, 2), MatchedField.CASE_ID, snapshot.docs[row].key
        )
        for row, score in scores.items()
        if snapshot.alive[row]
    ]


def _phone_hits(snapshot: Snapshot, text: str) -> list[SearchHit]:
    if not looks_like_phone(text):
        return []
    needle = phone_key(text)
    if len(needle) < _PHONE_MIN_DIGITS:
        return []
    hits: list[SearchHit] = []
    for row in snapshot.phone_blob.rows_containing(needle):
        if not snapshot.alive[row]:
            continue
        stored = snapshot.phones[row]
        share = _PHONE_SPAN * len(needle) / len(stored)
        if stored == needle:
            score = 100.0
        elif stored.endswith(needle):
            score = _PHONE_SUFFIX_BASE + share
        else:
            score = _PHONE_CONTAINS_BASE + share
        doc = snapshot.docs[row]
        hits.append(SearchHit(doc.key, round(score, 2), MatchedField.PHONE, doc.phone or ""))
    return hits


def _birth_date_hits(snapshot: Snapshot, text: str) -> list[SearchHit]:
    hits: list[SearchHit] = []
    for day in dates_in(text):
        for row in snapshot.birth_dates.get(day, ()):
            if snapshot.alive[row]:
                doc = snapshot.docs[row]
                shown = day.strftime("%d.%m.%Y")
                hits.append(SearchHit(doc.key, _BIRTH_DATE_SCORE, MatchedField.BIRTH_DATE, shown))
    return hits


def _merge(hits: Iterable[SearchHit]) -> list[SearchHit]:
    """One hit per case: the best field, lifted when another field agrees (name + birth date)."""
    by_key: dict[str, list[SearchHit]] = {}
    for hit in hits:
        by_key.setdefault(hit.key, []).append(hit)
    merged: list[SearchHit] = []
    for found in by_key.values():
        found.sort(key=lambda hit: hit.score, reverse=True)
        best = found[0]
        other_fields = [hit for hit in found[1:] if hit.matched != best.matched]
        if other_fields:
            lift = (100.0 - best.score) * 0.5 * other_fields[0].score / 100.0
            best = SearchHit(best.key, round(best.score + lift, 2), best.matched, best.matched_text)
        merged.append(best)
    merged.sort(key=lambda hit: (-hit.score, hit.key))
    return merged


class SearchIndex:
    """Search over all cases of a load; reads are lock-free and safe from many threads.

    Every change swaps in a new immutable snapshot, so a search running in another browser
    session keeps a consistent view while a save updates the index.
    """

    def __init__(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot
        self._write_lock = threading.Lock()

    @classmethod
    def build(cls, docs: Iterable[SearchDoc]) -> SearchIndex:
        """Precompute all keys; a key given twice counts as its last document."""
        return cls(Snapshot.build(docs))

    def search(
        self, query: str, limit: int = 20, min_score: float = DEFAULT_MIN_SCORE
    ) -> list[SearchHit]:
        """Cases matching the query, best first, at most ``limit``."""
        text = query.strip()
        if not text or limit <= 0:
            return []
        snapshot = self._snapshot
        hits = [
            *_case_id_hits(snapshot, text),
            *_phone_hits(snapshot, text),
            *_birth_date_hits(snapshot, text),
            *_name_hits(snapshot, strip_dates(text), min_score),
        ]
        return [hit for hit in _merge(hits) if hit.score >= min_score][:limit]

    def copy(self) -> SearchIndex:
        """An index of its own over the same documents (cheap: snapshots are never changed)."""
        return SearchIndex(self._snapshot)

    def upsert(self, doc: SearchDoc) -> None:
        """Add a case or replace the one with the same key (after a save)."""
        with self._write_lock:
            snapshot = self._snapshot.with_doc(doc)
            if snapshot.dead_rows > max(len(snapshot), 1000):
                snapshot = Snapshot.build(snapshot.docs[row] for row in snapshot.rows.values())
            self._snapshot = snapshot

    def remove(self, key: str) -> None:
        """Forget a case; unknown keys are ignored."""
        with self._write_lock:
            self._snapshot = self._snapshot.without(key)

    def __len__(self) -> int:
        return len(self._snapshot)

    def __contains__(self, key: object) -> bool:
        return key in self._snapshot.rows
