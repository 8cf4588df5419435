"""A figure table as the dashboard and the report show it: labelled rows and columns of cells."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from casebook.stats.perturbation import perturb
from casebook.stats.tally import Tally


class Kind(StrEnum):
    """What a cell's number is, which decides how it is written."""

    COUNT = "Anzahl"
    SHARE = "Anteil"
    DAYS = "Tage"
    RATIO = "Verhältnis"


# Coordinators see a median only over this many Abgänge (as published): below it, the
# median of the days to Abschluss would be one or two persons' own figure.
MEDIAN_MIN_CASES = 10


class Hidden(StrEnum):
    """Why a figure is not shown although it has a basis."""

    FEW = "x"  # a median over fewer than MEDIAN_MIN_CASES cases


@dataclass(frozen=True)
class Cell:
    """A number (None: no basis, shown as „–“), or hidden.

    `key` is the cell key of a true count: the sum of its records' keys. It is dropped when
    the count is perturbed or published unprotected, so no figure leaves the core with it.
    """

    value: int | float | None
    kind: Kind = Kind.COUNT
    hidden: Hidden | None = None
    key: int | None = field(default=None, repr=False, compare=False)

    @property
    def shown(self) -> int | float | None:
        """The number a chart may use: None when hidden or without basis."""
        return None if self.hidden is not None else self.value


@dataclass(frozen=True)
class StatTable:
    """One table: `cells[r][c]` belongs to row label `rows[r]` and column label `columns[c]`."""

    key: str
    title: str
    row_header: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]
    note: str = ""

    def cell(self, row: str, column: str) -> Cell:
        return self.cells[self.rows.index(row)][self.columns.index(column)]


def count_table(
    key: str,
    title: str,
    row_header: str,
    rows: Sequence[str],
    columns: Sequence[str],
    counts: Sequence[Sequence[Tally]],
    note: str = "",
) -> StatTable:
    cells = tuple(tuple(Cell(t.n, key=t.key) for t in line) for line in counts)
    return StatTable(key, title, row_header, tuple(rows), tuple(columns), cells, note)


def _published(cell: Cell, protected: bool) -> Cell:
    if cell.key is None:
        return cell
    value = cell.value
    if protected and cell.kind is Kind.COUNT and isinstance(value, int):
        value = perturb(value, cell.key)
    return Cell(value, cell.kind, cell.hidden)


def publish(tables: Sequence[StatTable], *, protected: bool) -> list[StatTable]:
    """The tables as they may leave the core: with `protected`, every count perturbed.

    A count is replaced by perturb(count, cell key), so cells over the same records show the
    same number in every table, period and town selection; the cell keys are dropped.
    """
    return [
        replace(
            table,
            cells=tuple(
                tuple(_published(cell, protected) for cell in line) for line in table.cells
            ),
        )
        for table in tables
    ]
