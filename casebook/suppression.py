"""Small numbers protected: counts 1–2 hidden as „<3“, plus the cells that would give them away."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

THRESHOLD = 3  # counts from 1 to THRESHOLD - 1 are hidden

Coord = tuple[int, int]  # (row, column) in one table


class Hidden(StrEnum):
    """Why a cell is not shown: its own small value, or to protect a small value elsewhere."""

    PRIMARY = "<3"
    SECONDARY = "x"


@dataclass(frozen=True)
class Constraint:
    """A published sum: the cell `total` equals the sum of the cells `parts`.

    Cells are any hashable keys: (row, column) within one table, or names shared by tables
    that publish the same figure.
    """

    total: Hashable
    parts: tuple[Hashable, ...]

    @property
    def members(self) -> tuple[Hashable, ...]:
        return (self.total, *self.parts)


def grid_constraints(
    rows: int, columns: int, *, last_row_is_sum: bool, last_column_is_sum: bool
) -> tuple[Constraint, ...]:
    """The sums of a table whose last row and/or last column hold the totals of the others."""
    result = []
    if last_column_is_sum and columns > 1:
        for r in range(rows):
            result.append(Constraint((r, columns - 1), tuple((r, c) for c in range(columns - 1))))
    if last_row_is_sum and rows > 1:
        for c in range(columns):
            result.append(Constraint((rows - 1, c), tuple((r, c) for r in range(rows - 1))))
    return tuple(result)


def _needs_partner(members: Sequence[Hashable], hidden: Mapping[Hashable, Hidden]) -> bool:
    """True when the hidden cells of a sum could be worked out or narrowed to known values.

    One hidden cell is the total minus the others. Several hidden cells that are all small
    (1 or 2) can still be pinned down (two hidden cells summing to 2 are both 1), so each sum
    with hidden cells needs at least one hidden cell whose value is not known to be small.
    """
    hid = [m for m in members if m in hidden]
    if not hid:
        return False
    return len(hid) == 1 or all(hidden[m] is Hidden.PRIMARY for m in hid)


def _partner(
    constraint: Constraint,
    values: Mapping[Hashable, int],
    hidden: Mapping[Hashable, Hidden],
    order: Mapping[Hashable, int],
) -> Hashable | None:
    """The cell to hide as well: the smallest non-zero visible part, else the total.

    Zero cells do not protect anything (a hidden 0 next to a hidden 1 leaves the sum at 1).
    """
    parts = [p for p in constraint.parts if p not in hidden and values.get(p, 0) > 0]
    if parts:
        return min(parts, key=lambda p: (values[p], order.get(p, 0)))
    total = constraint.total
    if total not in hidden and values.get(total, 0) > 0:
        return total
    return None


def suppress(
    values: Mapping[Hashable, int], constraints: Sequence[Constraint] = ()
) -> dict[Hashable, Hidden]:
    """The cells to hide: every count 1–2, then partners until no published sum reveals one.

    Secondary suppression is repeated over all sums until nothing changes, the simple
    heuristic statistical offices use: it may hide more than strictly needed. Ties go to the
    cell that comes first in `values`.
    """
    order = {key: i for i, key in enumerate(values)}
    hidden = {key: Hidden.PRIMARY for key, v in values.items() if 0 < v < THRESHOLD}
    changed = True
    while changed:
        changed = False
        for constraint in constraints:
            if not _needs_partner(constraint.members, hidden):
                continue
            partner = _partner(constraint, values, hidden, order)
            if partner is not None:
                hidden[partner] = Hidden.SECONDARY
                changed = True
    return hidden
