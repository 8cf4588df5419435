"""The distinct name keys of a search index and how well one query key matches each of them."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel

from casebook.search_keys import NameKey

FloatArray = NDArray[np.float32]

# How much a matching consonant skeleton counts against the plain spelling similarity.
# Strong when one side is written without vowels (محمد = Mohammed), weak between two vowelled
# spellings, where it only lifts Muhammad towards Mohammed above a mere typo distance.
_ABJAD_WEIGHT = 0.95
_ABJAD_SHORT_WEIGHT = 0.85
_VOWELLED_WEIGHT = 0.6
# A typed prefix ("Schev") or the end of a compound ("mariam" in Gebremariam) is a match,
# ranked below a complete one.
_PREFIX_BASE, _PREFIX_SPAN = 85.0, 15.0
_SUFFIX_BASE, _SUFFIX_SPAN = 78.0, 15.0
_SUFFIX_MIN_LENGTH = 5
_VOWEL_CLASS = 0


def _first_class(canon: str) -> int:
    first = canon[:1]
    return _VOWEL_CLASS if not first or first in "aeiou" else ord(first)


@dataclass(frozen=True)
class Vocabulary:
    """Every distinct canonical name key, with arrays for vectorised scoring."""

    canon: tuple[str, ...]
    skeleton: tuple[str, ...]
    abjad: NDArray[np.bool_]
    skeleton_length: NDArray[np.int32]
    first_class: NDArray[np.int32]
    length: NDArray[np.float32]
    ids: dict[str, int]
    by_prefix: tuple[str, ...]  # canon sorted, for prefix look-ups with bisect
    by_prefix_ids: NDArray[np.int64]
    by_suffix: tuple[str, ...]  # reversed canon sorted, for suffix look-ups
    by_suffix_ids: NDArray[np.int64]

    @classmethod
    def empty(cls) -> Vocabulary:
        return cls.of([])

    @classmethod
    def of(cls, keys: Iterable[NameKey]) -> Vocabulary:
        merged: dict[str, NameKey] = {}
        for key in keys:
            known = merged.get(key.canon)
            if known is None or (key.abjad and not known.abjad):
                merged[key.canon] = key
        ordered = list(merged.values())
        canon = tuple(key.canon for key in ordered)
        skeleton = tuple(key.skeleton for key in ordered)
        prefix_order = sorted(range(len(canon)), key=canon.__getitem__)
        reversed_canon = [text[::-1] for text in canon]
        suffix_order = sorted(range(len(canon)), key=reversed_canon.__getitem__)
        return cls(
            canon=canon,
            skeleton=skeleton,
            abjad=np.array([key.abjad for key in ordered], dtype=bool),
            skeleton_length=np.array([len(text) for text in skeleton], dtype=np.int32),
            first_class=np.array([_first_class(text) for text in canon], dtype=np.int32),
            length=np.array([len(text) for text in canon], dtype=np.float32),
            ids={text: index for index, text in enumerate(canon)},
            by_prefix=tuple(canon[index] for index in prefix_order),
            by_prefix_ids=np.array(prefix_order, dtype=np.int64),
            by_suffix=tuple(reversed_canon[index] for index in suffix_order),
            by_suffix_ids=np.array(suffix_order, dtype=np.int64),
        )

    def extended(self, keys: Iterable[NameKey]) -> Vocabulary:
        """This vocabulary plus new keys; existing ids stay valid."""
        new = [key for key in keys if key.canon not in self.ids]
        if not new:
            return self
        old = [
            NameKey(text, skel, bool(flag))
            for text, skel, flag in zip(self.canon, self.skeleton, self.abjad, strict=True)
        ]
        return Vocabulary.of(old + new)

    def __len__(self) -> int:
        return len(self.canon)

    def scores(self, key: NameKey) -> FloatArray:
        """Similarity 0..100 of one query key to every vocabulary key."""
        if not self.canon:
            return np.zeros(0, dtype=np.float32)
        # Indel forgives a dropped or doubled letter, OSA a swapped pair; their mean keeps
        # names that merely share a long run of letters (Ibrahim, Rahimi) apart.
        indel = process.cdist([key.canon], self.canon, scorer=Indel.normalized_similarity)[0]
        osa = process.cdist([key.canon], self.canon, scorer=OSA.normalized_similarity)[0]
        plain = (indel + osa).astype(np.float32) * 50.0
        bones = process.cdist([key.skeleton], self.skeleton, scorer=Indel.normalized_similarity)[0]
        bones = bones.astype(np.float32) * 100.0
        shortest = np.minimum(self.skeleton_length, len(key.skeleton))
        abjad_weight = np.where(shortest >= 3, _ABJAD_WEIGHT, _ABJAD_SHORT_WEIGHT)
        abjad_weight = np.where(shortest >= 2, abjad_weight, 0.0).astype(np.float32)
        # Two vowel-less spellings compare well as they are; the skeleton would make حسين
        # (Hussein) equal to حسن (Hassan).
        abjad_pair = self.abjad ^ key.abjad
        vowelled_weight = np.where(
            self.first_class == _first_class(key.canon), _VOWELLED_WEIGHT, 0.0
        ).astype(np.float32)
        weight = np.where(abjad_pair, abjad_weight, vowelled_weight)
        result = np.maximum(plain, weight * bones + (1.0 - weight) * plain)
        self._apply_prefix(key.canon, result)
        self._apply_suffix(key.canon, result)
        return result

    def _apply_prefix(self, text: str, result: FloatArray) -> None:
        low = bisect_left(self.by_prefix, text)
        high = bisect_left(self.by_prefix, text + "{")  # "{" sorts right after "z"
        if low == high:
            return
        ids = self.by_prefix_ids[low:high]
        partial = _PREFIX_BASE + _PREFIX_SPAN * len(text) / self.length[ids]
        result[ids] = np.maximum(result[ids], partial)

    def _apply_suffix(self, text: str, result: FloatArray) -> None:
        if len(text) < _SUFFIX_MIN_LENGTH:
            return
        backwards = text[::-1]
        low = bisect_left(self.by_suffix, backwards)
        high = bisect_left(self.by_suffix, backwards + "{")
        if low == high:
            return
        ids = self.by_suffix_ids[low:high]
        partial = _SUFFIX_BASE + _SUFFIX_SPAN * len(text) / self.length[ids]
        result[ids] = np.maximum(result[ids], partial)
