"""Move row numbers and A1 ranges up when rows are deleted, the way Excel does."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from casebook.storage.xlsx.values import MAX_ROW

_CELL = re.compile(r"^(\$?[A-Za-z]{1,3}\$?)(\d+)$")
_ROW = re.compile(r"^(\$?)(\d+)$")
_COLUMN = re.compile(r"^\$?[A-Za-z]{1,3}$")


class Unshiftable(Exception):
    """A reference this module cannot move safely; the caller keeps row numbers as they are."""

    def __init__(self, ref: str) -> None:
        super().__init__(ref)
        self.ref = ref


class RowShift:
    """Which rows go; every later row moves up by the number of deleted rows above it."""

    def __init__(self, deleted: Iterable[int]) -> None:
        self.deleted = sorted(set(deleted))

    def is_deleted(self, row: int) -> bool:
        at = bisect.bisect_left(self.deleted, row)
        return at < len(self.deleted) and self.deleted[at] == row

    def row(self, row: int) -> int:
        """The new number of a row that stays."""
        return row - bisect.bisect_left(self.deleted, row)

    def span(self, first: int, last: int) -> tuple[int, int] | None:
        """The new first and last row of a range, None when all its rows are deleted."""
        new_first = first - bisect.bisect_left(self.deleted, first)
        # A range to the sheet's last row (a dropdown for the whole column) keeps reaching it.
        new_last = MAX_ROW if last >= MAX_ROW else last - bisect.bisect_right(self.deleted, last)
        return (new_first, new_last) if new_last >= new_first else None

    def ref(self, ref: str) -> str | None:
        """One range ("B7", "A2:C9", "3:5", "A:C") moved; None when nothing of it is left."""
        first, colon, last = ref.partition(":")
        if colon and _COLUMN.match(first) and _COLUMN.match(last):
            return ref
        start, end = _split(first, ref), _split(last or first, ref)
        span = self.span(int(start[1]), int(end[1]))
        if span is None:
            return None
        if not colon:
            return f"{start[0]}{span[0]}"
        return f"{start[0]}{span[0]}:{end[0]}{span[1]}"

    def sqref(self, sqref: str) -> str:
        """A space-separated list of ranges moved; raises Unshiftable if none is left."""
        moved = [self.ref(part) for part in sqref.split()]
        kept = [part for part in moved if part is not None]
        if not kept:
            raise Unshiftable(sqref)
        return " ".join(kept)


def _split(ref: str, whole: str) -> tuple[str, str]:
    cell = _CELL.match(ref)
    if cell:
        return cell.group(1), cell.group(2)
    row = _ROW.match(ref)
    if row:
        return row.group(1), row.group(2)
    raise Unshiftable(whole)
