"""Small numbers: every count 1–2 hidden, and the cells hidden that would let one be worked out."""

from __future__ import annotations

import random
from collections.abc import Hashable, Mapping, Sequence

import pytest

from casebook.stats import build_figures, parse_quarter, town_facts
from casebook.stats.table import Kind, StatTable
from casebook.suppression import Constraint, Hidden, grid_constraints, suppress
from tests.stats.handmade import Q3_END, TODAY, moers, xanten

P, S = Hidden.PRIMARY, Hidden.SECONDARY


def grid(lines: Sequence[Sequence[int]]) -> dict[Hashable, int]:
    return {(r, c): v for r, line in enumerate(lines) for c, v in enumerate(line)}


def row_sum(values: Sequence[int]) -> tuple[dict[Hashable, int], tuple[Constraint, ...]]:
    """A single row whose last cell is the sum of the others."""
    line = [*values, sum(values)]
    return grid([line]), grid_constraints(
        1, len(line), last_row_is_sum=False, last_column_is_sum=True
    )


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([5, 9, 7], {}),
        ([5, 1, 7], {(0, 1): P, (0, 0): S}),
        ([0, 2, 0, 9], {(0, 1): P, (0, 3): S}),
        # Two hidden 1s next to a visible total would add up to 2: both are 1. A third goes.
        ([1, 1, 6], {(0, 0): P, (0, 1): P, (0, 2): S}),
        ([2, 4, 3], {(0, 0): P, (0, 2): S}),
    ],
)
def test_a_small_count_in_a_row_hides_the_next_smallest_cell(
    counts: list[int], expected: dict[Hashable, Hidden]
) -> None:
    values, constraints = row_sum(counts)
    assert suppress(values, constraints) == expected


@pytest.mark.parametrize("small", [1, 2])
def test_counts_one_and_two_are_hidden_as_less_than_three(small: int) -> None:
    assert suppress({"a": small, "b": 0, "c": 3}) == {"a": P}


def test_a_small_cell_of_a_two_way_table_hides_a_rectangle_not_the_totals() -> None:
    values = grid([[1, 5, 6], [4, 7, 11], [5, 12, 17]])
    constraints = grid_constraints(3, 3, last_row_is_sum=True, last_column_is_sum=True)
    assert suppress(values, constraints) == {(0, 0): P, (0, 1): S, (1, 0): S, (1, 1): S}


def _worked_out(
    values: Mapping[Hashable, int],
    hidden: Mapping[Hashable, Hidden],
    constraints: Sequence[Constraint],
) -> set[Hashable]:
    """What an attacker computes: a sum with one unknown cell gives it; repeat until stuck.

    A sum whose unknown cells are all „<3“ and add up to their minimum or maximum gives them too.
    """
    known = {key: v for key, v in values.items() if key not in hidden}
    found: set[Hashable] = set()
    progress = True
    while progress:
        progress = False
        for constraint in constraints:
            unknown = [m for m in constraint.members if m not in known]
            if len(unknown) == 1:
                cell = unknown[0]
                rest = sum(known[p] for p in constraint.parts if p in known)
                known[cell] = rest if cell == constraint.total else known[constraint.total] - rest
                found.add(cell)
                progress = True
            elif constraint.total in known and unknown and all(hidden[u] is P for u in unknown):
                rest = sum(known[p] for p in constraint.parts if p in known)
                remaining = known[constraint.total] - rest
                if remaining in (len(unknown), 2 * len(unknown)):
                    for cell in unknown:
                        known[cell] = remaining // len(unknown)
                        found.add(cell)
                    progress = True
    return found


@pytest.mark.parametrize("seed", range(40))
def test_no_hidden_small_count_can_be_worked_out_from_the_sums(seed: int) -> None:
    rng = random.Random(seed)
    rows, columns = rng.randint(2, 6), rng.randint(2, 6)
    inner = [[rng.choice([0, 1, 2, 3, 4, 6, 9, 15]) for _ in range(columns)] for _ in range(rows)]
    lines = [[*line, sum(line)] for line in inner]
    lines.append([sum(line[c] for line in lines) for c in range(columns + 1)])
    values = grid(lines)
    constraints = grid_constraints(
        rows + 1, columns + 1, last_row_is_sum=True, last_column_is_sum=True
    )
    hidden = suppress(values, constraints)
    assert all(hidden.get(key) is P for key, v in values.items() if 0 < v < 3)
    worked_out = _worked_out(values, hidden, constraints)
    assert not {key for key in worked_out if hidden[key] is P}


def _counts(table: StatTable) -> list[tuple[int, int, int]]:
    return [
        (r, c, int(cell.value))
        for r, line in enumerate(table.cells)
        for c, cell in enumerate(line)
        if cell.kind is Kind.COUNT and cell.value is not None
    ]


@pytest.fixture(scope="module")
def protected_figures() -> list[StatTable]:
    facts = [town_facts(xanten(), Q3_END), town_facts(moers(), Q3_END)]
    return list(build_figures(facts, parse_quarter("2026Q3"), TODAY, protected=True).tables)


def test_protected_figures_hide_every_count_of_one_or_two(
    protected_figures: list[StatTable],
) -> None:
    for table in protected_figures:
        for r, c, v in _counts(table):
            if 0 < v < 3:
                assert table.cells[r][c].hidden is P, (table.key, table.rows[r], table.columns[c])


def test_protected_figures_leave_no_sum_with_a_single_hidden_cell(
    protected_figures: list[StatTable],
) -> None:
    for table in protected_figures:
        for constraint in table.constraints:
            hidden = [m for m in constraint.members if table.cells[m[0]][m[1]].hidden]  # type: ignore[index]
            assert len(hidden) != 1, (table.key, constraint)


def test_a_figure_published_twice_is_hidden_in_both_places(
    protected_figures: list[StatTable],
) -> None:
    tables = {t.key: t for t in protected_figures}
    overview = tables["ueberblick"]
    for key in ("abgaenge_monat", "abgaenge_grund"):
        for column in overview.columns:
            assert (
                tables[key].cell("Summe", column).hidden == overview.cell("Abgänge", column).hidden
            )


def test_shares_and_medians_of_hidden_counts_are_hidden(protected_figures: list[StatTable]) -> None:
    tables = {t.key: t for t in protected_figures}
    # Xanten's three Abgänge are shown, Moers' one is not, so neither is its median.
    assert tables["ueberblick"].cell("Abgänge", "Moers").hidden is P
    assert tables["kennzahlen"].cell("Median Tage von Aufnahme bis Abschluss", "Moers").hidden
    assert tables["handlungsfelder_anteil"].cell("Ausbildung/Arbeit/Anerkennung", "Xanten").hidden
