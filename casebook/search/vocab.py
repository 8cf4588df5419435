"""The distinct name keys of a search index and how well one query key matches each of them."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel

from casebook.search.keys import NameKey, canonical_token

FloatArray = NDArray[np.float32]

# How much a matching consonant skeleton counts against the plain spelling similarity.
# Strong when one side is written without vowels (محمد = Mohammed), weak between two vowelled
# spellings, where it only lifts Muhammad towards Mohammed above a mere typo distance.
_ABJAD_WEIGHT = 0.95
_ABJAD_SHORT_WEIGHT = 0.85
_VOWELLED_WEIGHT = 0.6
_COVERAGE_BASE = 0.7
# A typed prefix ("Schev") or the end of a compound ("mariam" in Gebremariam) is a match,
# ranked below a complete one.
_PREFIX_BASE, _PREFIX_SPAN = 85.0, 15.0
_SUFFIX_BASE, _SUFFIX_SPAN = 78.0, 15.0
_SUFFIX_MIN_LENGTH = 5
_TRIMMED_PREFIX_PENALTY = 7.0
_TRIMMED_PREFIX_MIN_LENGTH = 4
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
        indel = process.cdist([key.canon], self.canon, scorer=Indel.distance)[0]
        osa = process.cdist([key.canon], self.canon, scorer=OSA.normalized_similarity)[0]
        total_length = self.length + len(key.canon)
        indel_similarity = 1.0 - indel / np.maximum(total_length, 1.0)
        plain = (indel_similarity + osa).astype(np.float32) * 50.0
        bones = process.cdist([key.skeleton], self.skeleton, scorer=Indel.normalized_similarity)[0]
        bones = bones.astype(np.float32)
        result = np.maximum(plain, self._abjad_scores(key, plain, bones, indel, total_length))
        vowelled = self._vowelled_scores(key, plain, bones)
        np.maximum(result, vowelled, out=result)
        self._apply_prefix(key.canon, result)
        if key.raw:
            self._apply_trimmed_prefix(key, result)
        self._apply_suffix(key.canon, result)
        return result

    def _abjad_scores(
        self,
        key: NameKey,
        plain: FloatArray,
        bones: NDArray[np.float32],
        indel: NDArray[np.int32],
        total_length: NDArray[np.float32],
    ) -> FloatArray:
        """Vowel-less against vowelled spelling: محمد against Mohammed.

        Two vowel-less spellings compare well as they are (the skeleton would make حسين,
        Hussein, equal to حسن, Hassan), so only mixed pairs count here. The long vowels that
        Arabic script does write must appear in the vowelled spelling: the share of the
        vowel-less letters found in order ranks Hussain above Hasan for حسين.
        """
        mixed = self.abjad ^ key.abjad
        if not mixed.any():
            return np.zeros_like(plain)
        shortest = np.minimum(self.skeleton_length, len(key.skeleton))
        weight = np.where(shortest >= 3, _ABJAD_WEIGHT, _ABJAD_SHORT_WEIGHT)
        weight = np.where((shortest >= 2) & mixed, weight, 0.0).astype(np.float32)
        vowel_less_length = np.where(self.abjad, self.length, float(len(key.canon)))
        common = (total_length - indel) / 2.0
        covered = np.clip(common / np.maximum(vowel_less_length, 1.0), 0.0, 1.0)
        # Only a near-equal skeleton is evidence; partial skeleton overlap is common by chance.
        steep = np.clip((bones - 0.5) * 2.0, 0.0, 1.0)
        evidence = 100.0 * steep * (_COVERAGE_BASE + (1.0 - _COVERAGE_BASE) * covered)
        result: FloatArray = (weight * evidence + (1.0 - weight) * plain).astype(np.float32)
        return result

    def _vowelled_scores(
        self, key: NameKey, plain: FloatArray, bones: NDArray[np.float32]
    ) -> FloatArray:
        """Two vowelled spellings with the same consonants and first sound: Mohammed, Muhammad."""
        same = (
            (bones >= 0.999)
            & (self.skeleton_length >= 3)
            & (len(key.skeleton) >= 3)
            & (self.first_class == _first_class(key.canon))
            & ~self.abjad
            & (not key.abjad)
        )
        result: FloatArray = np.where(
            same, _VOWELLED_WEIGHT * 100.0 + (1.0 - _VOWELLED_WEIGHT) * plain, 0.0
        ).astype(np.float32)
        return result

    def _apply_prefix(self, text: str, result: FloatArray, typed: str | None = None) -> None:
        low = bisect_left(self.by_prefix, text)
        high = bisect_left(self.by_prefix, text + "{")  # "{" sorts right after "z"
        if low == high:
            return
        ids = self.by_prefix_ids[low:high]
        partial = _PREFIX_BASE + _PREFIX_SPAN * len(text) / self.length[ids]
        if typed is not None:
            # Only names longer than what was typed: "Alina" must not find "Ali".
            longer = self.length[ids] > len(typed)
            ids, partial = ids[longer], partial[longer] - _TRIMMED_PREFIX_PENALTY
        result[ids] = np.maximum(result[ids], partial)

    def _apply_trimmed_prefix(self, key: NameKey, result: FloatArray) -> None:
        """A prefix cut inside a letter group: "Kravc" is not yet the "ch" of Kravchenko."""
        if len(key.raw) > _TRIMMED_PREFIX_MIN_LENGTH:
            self._apply_prefix(canonical_token(key.raw[:-1]), result, typed=key.canon)

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
