"""A count together with its cell key: the number of records and the sum of their keys."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from casebook.stats.record_keys import MODULUS


@dataclass(frozen=True)
class Tally:
    """`n` records (or persons) whose record keys add up to `key` modulo 2⁶⁴.

    Adding tallies of disjoint sets of records gives the tally of their union, so a sum row
    or a total column gets the key its records give it, wherever it is computed.
    """

    n: int = 0
    key: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.n + other.n, (self.key + other.key) % MODULUS)


ZERO = Tally()


def one(key: int) -> Tally:
    return Tally(1, key)


def total(tallies: Iterable[Tally]) -> Tally:
    result = ZERO
    for tally in tallies:
        result = result + tally
    return result


def count(keys: Iterable[int]) -> Tally:
    """The tally of records with these keys."""
    return total(one(key) for key in keys)
