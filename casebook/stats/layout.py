"""Per-town counters laid out as tables: a column per town, a total column, a sum row."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from casebook.stats.facts import NO_ANSWER
from casebook.stats.table import StatTable, count_table
from casebook.suppression import Coord, grid_constraints
from sheets_schema.enums import Town

SUM = "Summe"
KREIS = "Kreis Wesel"
SELECTION = "Gesamt"
MEASURE = "Kennzahl"


class Layout:
    """The columns of a set of towns: one per town, plus their sum when there are several."""

    def __init__(self, towns: Sequence[Town]) -> None:
        self.towns = tuple(towns)
        self.total: str | None = None
        if len(self.towns) > 1:
            self.total = KREIS if set(self.towns) == set(Town) else SELECTION
        names = tuple(town.value for town in self.towns)
        self.columns = (*names, self.total) if self.total else names

    def line(self, per_town: Sequence[int]) -> list[int]:
        return [*per_town, sum(per_town)] if self.total else list(per_town)

    def categories(
        self,
        key: str,
        title: str,
        header: str,
        rows: Sequence[str],
        per_town: Sequence[Counter[str]],
        *,
        sum_row: bool = True,
        labels: dict[str, str] | None = None,
        note: str = "",
        sum_figure: str | None = None,
        row_figures: str | None = None,
    ) -> StatTable:
        """Rows of categories (plus „ohne Angabe“ when used) and a sum row if the rows add up.

        `sum_figure` names the sum row's figure, `row_figures` the figures of the rows, where
        other tables publish the same numbers.
        """
        rows = list(rows)
        if NO_ANSWER not in rows and any(counts[NO_ANSWER] for counts in per_town):
            rows.append(NO_ANSWER)
        counts = [self.line([c[row] for c in per_town]) for row in rows]
        if sum_row:
            counts.append([sum(c[i] for c in counts) for i in range(len(self.columns))])
        names = labels or {}
        row_labels = tuple(names.get(r, r) for r in rows) + ((SUM,) if sum_row else ())
        constraints = grid_constraints(
            len(row_labels),
            len(self.columns),
            last_row_is_sum=sum_row,
            last_column_is_sum=self.total is not None,
        )
        links: dict[Coord, str] = {}
        for r, row in enumerate(rows):
            if row_figures:
                links.update(self.links_for(r, f"{row_figures}:{row}"))
        if sum_row and sum_figure:
            links.update(self.links_for(len(rows), sum_figure))
        return count_table(
            key, title, header, row_labels, self.columns, counts, constraints, note, links
        )

    def links_for(self, row: int, figure: str) -> dict[Coord, str]:
        return {(row, c): f"{figure}@{column}" for c, column in enumerate(self.columns)}

    def measures(
        self,
        key: str,
        title: str,
        lines: Sequence[tuple[str, Sequence[int], str | None]],
        note: str = "",
    ) -> StatTable:
        """Rows of separate counts, each summed over the towns; the third item names the
        figure where another table publishes the same numbers."""
        rows = tuple(label for label, _, _ in lines)
        counts = [self.line(values) for _, values, _ in lines]
        links: dict[Coord, str] = {}
        for r, (_, _, figure) in enumerate(lines):
            if figure:
                links.update(self.links_for(r, figure))
        constraints = grid_constraints(
            len(rows),
            len(self.columns),
            last_row_is_sum=False,
            last_column_is_sum=self.total is not None,
        )
        return count_table(
            key, title, MEASURE, rows, self.columns, counts, constraints, note, links
        )


def cross_table(
    key: str,
    title: str,
    header: str,
    rows: Sequence[str],
    columns: Sequence[str],
    counts: Counter[tuple[str, str]],
    figures: tuple[str, str, str, str] | None = None,
) -> StatTable:
    """A two-way table of counts with a sum column and a sum row.

    `figures`: the names of the row sums, column sums and grand total as other tables publish
    them, and the column those tables publish them in.
    """
    lines = [[counts[(r, c)] for c in columns] for r in rows]
    lines = [[*line, sum(line)] for line in lines]
    lines.append([sum(line[i] for line in lines) for i in range(len(columns) + 1)])
    all_rows = (*rows, SUM)
    all_columns = (*columns, SUM)
    constraints = grid_constraints(
        len(all_rows), len(all_columns), last_row_is_sum=True, last_column_is_sum=True
    )
    links: dict[Coord, str] = {}
    if figures:
        row_figures, column_figures, total_figure, where = figures
        links.update(
            {(r, len(columns)): f"{row_figures}:{row}@{where}" for r, row in enumerate(rows)}
        )
        links.update(
            {(len(rows), c): f"{column_figures}:{col}@{where}" for c, col in enumerate(columns)}
        )
        links[(len(rows), len(columns))] = f"{total_figure}@{where}"
    return count_table(key, title, header, all_rows, all_columns, lines, constraints, "", links)
