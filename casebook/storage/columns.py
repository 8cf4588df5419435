"""A worksheet read column by column: each column's values once, and rows that look into them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import compress, repeat, zip_longest
from operator import and_, is_not, ne, or_
from typing import Any

from casebook.storage.cells import CellValue


def to_cell(value: object) -> CellValue:
    # Backends give floats for every number; whole numbers become int so that a Haushaltsgröße
    # of 3 reads as 3, not 3.0.
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value  # type: ignore[return-value]  # str, bool, date, datetime as the backend gives them


def cell_value(raw: Any) -> CellValue | None:
    """A backend's value as a cell holds it: empty text is no value, a whole float is int."""
    if raw == "" or raw is None:
        return None
    return to_cell(raw) if raw.__class__ is float else raw


def cell_at(columns: Mapping[str, Sequence[Any]], header: str, index: int) -> CellValue | None:
    """The cell of row `index` under `header` in columns as read (None: empty or no column)."""
    column = columns.get(header)
    return None if column is None else cell_value(column[index])


def column_values(raws: Sequence[Any]) -> list[CellValue | None]:
    """`cell_value` of every value of a column, without a call per value where none is a number.

    Backends give floats for every number; a Haushaltsgröße of 3 reads as 3, not 3.0.
    """
    if float not in set(map(type, raws)):
        return [None if raw == "" else raw for raw in raws]
    return list(map(cell_value, raws))


class ColumnCells(Mapping[str, CellValue]):
    """One row's non-empty cells by header, read from its table's columns when asked for.

    The columns hold the backend's values as read (`grid_columns`); each is made a cell value
    (`cell_value`) when it is looked at. One small view per row instead of a dict per row saves
    most of a read's time, and the columns are what the checks read anyway.
    """

    __slots__ = ("_columns", "_index")

    def __init__(self, columns: Mapping[str, Sequence[Any]], index: int) -> None:
        self._columns = columns
        self._index = index

    def __getitem__(self, header: str) -> CellValue:
        value = cell_at(self._columns, header, self._index)
        if value is None:
            raise KeyError(header)
        return value

    def get(self, header: str, default: Any = None) -> Any:
        value = cell_at(self._columns, header, self._index)
        return default if value is None else value

    def __contains__(self, header: object) -> bool:
        return cell_at(self._columns, header, self._index) is not None  # type: ignore[arg-type]

    def __iter__(self) -> Iterator[str]:
        index = self._index
        return (h for h, column in self._columns.items() if cell_value(column[index]) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping):
            return NotImplemented
        return dict(self.items()) == dict(other.items())

    __hash__ = None  # type: ignore[assignment]  # as a dict: equal by content, so not hashable

    def __repr__(self) -> str:
        return repr(dict(self.items()))


def grid_columns(
    headers: Sequence[str], body: Sequence[Sequence[object]]
) -> tuple[dict[str, Sequence[Any]], list[int]]:
    """The named columns of `body` (one value per non-empty row) and the non-empty rows' indexes.

    The values are the backend's, as read: `cell_value` makes cells of them, where they are
    looked at (a load validates each distinct value of a column once, and converts it then).
    The first of equally named columns wins; an unnamed column is not read. A row counts when
    one of the named columns holds a value. Rows may be shorter than the header (Google).
    """
    named = [(i, h) for i, h in enumerate(headers) if h and h not in headers[:i]]
    if not named or not body:
        return {h: [] for _, h in named}, []
    width = named[-1][0] + 1
    if all(len(raw) >= width for raw in body):
        transposed: list[tuple[Any, ...]] = list(zip(*body))  # noqa: B905  # same width
    else:
        transposed = list(zip_longest(*body, fillvalue=None))
        transposed.extend([(None,) * len(body)] * (width - len(transposed)))
    columns: dict[str, Sequence[Any]] = {header: transposed[index] for index, header in named}
    # A row is empty when every named column is; most sheets have none, so check cheaply first.
    filled = [False] * len(body)
    for values in columns.values():
        if "" in values or None in values:
            held = map(and_, map(ne, values, repeat("")), map(is_not, values, repeat(None)))
            filled = list(map(or_, filled, held))
        else:
            filled = [True] * len(body)
            break
    if all(filled):
        return columns, list(range(len(body)))
    kept = list(compress(range(len(body)), filled))
    return {h: tuple(compress(values, filled)) for h, values in columns.items()}, kept
