"""A figure table as the dashboard and the report show it: labelled rows and columns of cells."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from casebook.suppression import Constraint, Coord, Hidden, suppress


class Kind(StrEnum):
    """What a cell's number is, which decides how it is written."""

    COUNT = "Anzahl"
    SHARE = "Anteil"
    DAYS = "Tage"
    RATIO = "Verhältnis"


@dataclass(frozen=True)
class Cell:
    """A number (None: no basis, shown as „–“), or hidden to protect small numbers."""

    value: int | float | None
    kind: Kind = Kind.COUNT
    hidden: Hidden | None = None

    @property
    def shown(self) -> int | float | None:
        """The number a chart may use: None when hidden or without basis."""
        return None if self.hidden is not None else self.value


@dataclass(frozen=True)
class StatTable:
    """One table: `cells[r][c]` belongs to row label `rows[r]` and column label `columns[c]`.

    `constraints` are the sums between count cells that small-number protection must respect;
    `links` name cells that publish the same figure as a cell of another table (the Abgänge
    of Xanten stand in the overview and as the sum of the monthly table), so that both are
    hidden or shown together.
    """

    key: str
    title: str
    row_header: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]
    constraints: tuple[Constraint, ...] = ()
    note: str = ""
    links: Mapping[Coord, str] = field(default_factory=dict)

    def cell(self, row: str, column: str) -> Cell:
        return self.cells[self.rows.index(row)][self.columns.index(column)]


def count_table(
    key: str,
    title: str,
    row_header: str,
    rows: Sequence[str],
    columns: Sequence[str],
    counts: Sequence[Sequence[int]],
    constraints: tuple[Constraint, ...] = (),
    note: str = "",
    links: Mapping[Coord, str] | None = None,
) -> StatTable:
    cells = tuple(tuple(Cell(v) for v in line) for line in counts)
    return StatTable(
        key, title, row_header, tuple(rows), tuple(columns), cells, constraints, note, links or {}
    )


def _cell_key(table: StatTable, coord: Hashable) -> Hashable:
    assert isinstance(coord, tuple)
    return table.links.get(coord, (table.key, coord))


def protect(tables: Sequence[StatTable]) -> list[StatTable]:
    """The tables with counts 1–2 hidden and every cell hidden that would let one be worked out.

    All tables are protected together, so a figure published twice is hidden in both places.
    """
    values: dict[Hashable, int] = {}
    constraints: list[Constraint] = []
    for table in tables:
        for r, line in enumerate(table.cells):
            for c, cell in enumerate(line):
                if cell.kind is Kind.COUNT and cell.value is not None:
                    values.setdefault(_cell_key(table, (r, c)), int(cell.value))
        for constraint in table.constraints:
            constraints.append(
                Constraint(
                    _cell_key(table, constraint.total),
                    tuple(_cell_key(table, part) for part in constraint.parts),
                )
            )
    hidden = suppress(values, constraints)
    return [
        replace(
            table,
            cells=tuple(
                tuple(
                    replace(cell, hidden=hidden.get(_cell_key(table, (r, c))))
                    for c, cell in enumerate(line)
                )
                for r, line in enumerate(table.cells)
            ),
        )
        for table in tables
    ]
