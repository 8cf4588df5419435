"""Cell-key perturbation: the published value of a count from its true value and its cell key."""

from __future__ import annotations

import functools
from bisect import bisect_right

from casebook.stats.record_keys import MODULUS

MAX_DEVIATION = 8
SMALL = (1, 2)  # never published: a published 1 or 2 would point at one or two persons
# Probability of a deviation of +d (and of -d) for counts far from zero. 96 % of counts move
# by at most 2; the rest falls off by a factor 5 per step up to MAX_DEVIATION. The long thin
# tail is what keeps bounds out of reach: an attacker can only pin a number down by
# intersecting ranges when every cell involved deviates by the full MAX_DEVIATION.
_TAIL_START = 0.02 / sum(0.2**i for i in range(MAX_DEVIATION - 2))
DEVIATION: dict[int, float] = {
    0: 0.40,
    1: 0.20,
    2: 0.08,
    **{d: _TAIL_START * 0.2 ** (d - 3) for d in range(3, MAX_DEVIATION + 1)},
}
# A value of 1 or 2 (after the deviation) is published as 0 or 3, with weights that keep
# the mean: 1 = ⅔·0 + ⅓·3 and 2 = ⅓·0 + ⅔·3.
_INSTEAD_OF_SMALL = {1: ((0, 2 / 3), (3, 1 / 3)), 2: ((0, 1 / 3), (3, 2 / 3))}


@functools.lru_cache(maxsize=256)
def distribution(n: int) -> tuple[tuple[int, float], ...]:
    """The published values of a true count `n` with their probabilities, smallest first."""
    if n <= 0:
        return ((0, 1.0),)
    result: dict[int, float] = {}
    for d, p in DEVIATION.items():
        for signed in {d, -d}:
            value = max(0, n + signed)
            for published, q in _INSTEAD_OF_SMALL.get(value, ((value, 1.0),)):
                result[published] = result.get(published, 0.0) + p * q
    return tuple(sorted(result.items()))


@functools.lru_cache(maxsize=256)
def _thresholds(n: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Upper ends of the cell-key intervals (as integers below 2⁶⁴) and their values."""
    values, bounds, cumulative = [], [], 0.0
    for value, p in distribution(n):
        cumulative += p
        values.append(value)
        bounds.append(min(MODULUS, round(cumulative * MODULUS)))
    bounds[-1] = MODULUS
    return tuple(bounds), tuple(values)


def perturb(n: int, cell_key: int) -> int:
    """The published value: the same `n` and `cell_key` always give the same value.

    A cell without records (n = 0) stays 0; 1 and 2 never come out.
    """
    if n <= 0:
        return 0
    bounds, values = _thresholds(n)
    return values[bisect_right(bounds, cell_key % MODULUS)]


def possible_true(published: int) -> tuple[int, int]:
    """The smallest and largest true count that can be published as `published`.

    This is all an attacker who knows the method can tell from one published number.
    """
    # A 0 also stands for a 1 or 2 after the deviation, so for counts up to 2 + MAX_DEVIATION.
    candidates = range(0, max(published, max(SMALL)) + MAX_DEVIATION + 1)
    found = [n for n in candidates if any(v == published for v, _ in distribution(n))]
    return min(found), max(found)
