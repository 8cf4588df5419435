"""Per-town counts laid out as tables: a column per town, a total column, a sum row."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from casebook.stats.facts import NO_ANSWER
from casebook.stats.table import StatTable, count_table
from casebook.stats.tally import ZERO, Tally, total
from sheets_schema.enums import Town

SUM = "Summe"
KREIS = "Kreis Wesel"
SELECTION = "Gesamt"
MEASURE = "Kennzahl"


class Layout:
    """The columns of a set of towns: one per town, plus their sum when there are several.

    With `fixed_rows` (coordinators), a table's rows never depend on the data: a row that
    shows up only when someone is counted in it would tell that someone is, whatever number
    it shows.
    """

    def __init__(self, towns: Sequence[Town], *, fixed_rows: bool = False) -> None:
        self.towns = tuple(towns)
        self.fixed_rows = fixed_rows
        self.total: str | None = None
        if len(self.towns) > 1:
            self.total = KREIS if set(self.towns) == set(Town) else SELECTION
        names = tuple(town.value for town in self.towns)
        self.columns = (*names, self.total) if self.total else names

    def line(self, per_town: Sequence[Tally]) -> list[Tally]:
        return [*per_town, total(per_town)] if self.total else list(per_town)

    def categories(
        self,
        key: str,
        title: str,
        header: str,
        rows: Sequence[str],
        per_town: Sequence[Mapping[str, Tally]],
        *,
        sum_row: bool = True,
        labels: dict[str, str] | None = None,
        note: str = "",
        unknown: bool = True,
    ) -> StatTable:
        """Rows of categories (plus „ohne Angabe“ when used, or always with fixed rows, where
        `unknown` says the value may be missing) and a sum row if the rows add up."""
        rows = list(rows)
        used = any(counts.get(NO_ANSWER, ZERO).n for counts in per_town)
        if NO_ANSWER not in rows and (used or (self.fixed_rows and unknown)):
            rows.append(NO_ANSWER)
        counts = [self.line([c.get(row, ZERO) for c in per_town]) for row in rows]
        if sum_row:
            counts.append([total(line[i] for line in counts) for i in range(len(self.columns))])
        names = labels or {}
        row_labels = tuple(names.get(r, r) for r in rows) + ((SUM,) if sum_row else ())
        return count_table(key, title, header, row_labels, self.columns, counts, note)

    def measures(
        self, key: str, title: str, lines: Sequence[tuple[str, Sequence[Tally]]], note: str = ""
    ) -> StatTable:
        """Rows of separate counts, each summed over the towns."""
        rows = tuple(label for label, _ in lines)
        counts = [self.line(values) for _, values in lines]
        return count_table(key, title, MEASURE, rows, self.columns, counts, note)


def cross_table(
    key: str,
    title: str,
    header: str,
    rows: Sequence[str],
    columns: Sequence[str],
    counts: Mapping[tuple[str, str], Tally],
) -> StatTable:
    """A two-way table of counts with a sum column and a sum row."""
    lines = [[counts.get((r, c), ZERO) for c in columns] for r in rows]
    lines = [[*line, total(line)] for line in lines]
    lines.append([total(line[i] for line in lines) for i in range(len(columns) + 1)])
    return count_table(key, title, header, (*rows, SUM), (*columns, SUM), lines)
