"""The perturbation table: never 1 or 2, the same key gives the same value, small deviations."""

from __future__ import annotations

import random

import pytest

from casebook.stats.perturbation import MAX_DEVIATION, distribution, perturb, possible_true
from casebook.stats.record_keys import MODULUS, RecordKeys
from casebook.stats.tally import count
from sheets_schema.enums import Town

KEYS = [random.Random(n).getrandbits(64) for n in range(4000)]


@pytest.mark.parametrize("n", [1, 2, 3, 4, 7, 25, 400])
def test_no_count_is_published_as_one_or_two_and_none_moves_more_than_eight(n: int) -> None:
    published = [perturb(n, key) for key in KEYS]
    assert not {1, 2} & set(published)
    assert all(abs(p - n) <= MAX_DEVIATION and p >= 0 for p in published)


def test_most_counts_move_by_at_most_two_and_on_average_not_at_all() -> None:
    published = [perturb(40, key) for key in KEYS]
    assert sum(abs(p - 40) <= 2 for p in published) / len(KEYS) > 0.94
    assert sum(published) / len(KEYS) == pytest.approx(40, abs=0.1)
    for n in (1, 2, 3):  # a 1 or 2 becomes 0 or 3 so that the mean stays
        mean = sum(v * p for v, p in distribution(n))
        assert mean == pytest.approx(n, abs=0.25)


def test_a_count_of_one_or_two_is_shown_as_zero_or_three_or_more() -> None:
    assert {perturb(1, key) for key in KEYS} >= {0, 3}
    assert {perturb(2, key) for key in KEYS} >= {0, 3, 4}


def test_the_same_count_and_key_always_give_the_same_value_and_no_records_give_zero() -> None:
    assert [perturb(9, key) for key in KEYS] == [perturb(9, key) for key in KEYS]
    assert perturb(0, 12345) == 0
    assert perturb(5, MODULUS - 1) == perturb(5, -1)


def test_possible_true_covers_every_count_that_can_give_the_published_value() -> None:
    for n in range(0, 30):
        for value, _ in distribution(n):
            lo, hi = possible_true(value)
            assert lo <= n <= hi
    assert possible_true(0) == (0, 2 + MAX_DEVIATION)
    assert possible_true(3)[0] == 1


def test_record_keys_depend_on_the_secret_the_town_and_the_purpose() -> None:
    one, other = RecordKeys(b"first installation secret"), RecordKeys(b"second installation!!")
    assert one.key("Fall", Town.XANTEN, "A") == one.key("Fall", Town.XANTEN, "A")
    assert one.key("Fall", Town.XANTEN, "A") != other.key("Fall", Town.XANTEN, "A")
    assert one.key("Fall", Town.XANTEN, "A") != one.key("Fall", Town.MOERS, "A")
    assert one.key("Fall", Town.XANTEN, "A") != one.key("Personen", Town.XANTEN, "A")
    assert "first" not in repr(one)
    with pytest.raises(ValueError):
        RecordKeys(b"short")


def test_a_cell_key_is_the_sum_of_its_records_keys_in_any_order() -> None:
    keys = KEYS[:50]
    assert count(keys) == count(reversed(keys))
    assert count(keys).key == sum(keys) % MODULUS
    assert count(keys[:20]) + count(keys[20:]) == count(keys)
