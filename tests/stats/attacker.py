"""An attacker on the coordinators' figures: every obtainable report, every known sum, bounds.

The attacker knows the method (docs/reporting.md) but not the secret. From every report a
coordinator can obtain (each calendar month, quarter and year of a window, each selection of
towns) it collects the published counts, names each one by what it counts (the Zugänge of
Xanten in July are the same unknown in the July report, as a row of the quarter's monthly
table and in every town selection), and writes down every equation it knows between the true
counts: a total column is the sum of the towns, a sum row the sum of its rows, a quarter the
sum of its months, Betreute = Bestand at the end + Abgänge, Betreute = Bestand the day before
+ Zugänge. Each published number bounds its true count (`possible_true`); the attacker then
tightens the bounds through all equations until nothing changes (bounds propagation, the
audit statistical offices run) and looks for true counts, or differences of two counts of
the same kind across periods and selections, that it has pinned down to a single value.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import combinations

from casebook.stats.layout import KREIS, SELECTION, SUM
from casebook.stats.period import Month, Period, month, quarter, year
from casebook.stats.table import Cell, Kind, StatTable
from casebook.stats.tables import ADMISSIONS, CLOSINGS, IN_CARE
from sheets_schema.enums import Town

INFINITE = 10**9
Unknown = tuple[Hashable, ...]
Bounds = tuple[int, int]
# The count tables of some towns for a period as a coordinator gets them, and their true counts.
Reports = Callable[[Period, Sequence[Town]], tuple[Sequence[StatTable], Sequence[StatTable]]]

# Tables whose counts add up over time: a quarter is the sum of its months.
ADDITIVE = frozenset(
    {
        ADMISSIONS,
        CLOSINGS,
        "abgaenge_grund",
        "vermittlungen_partner",
        "vermittlungen_ergebnis",
        "vermittlungen",
        "vermittlungen_partner_ergebnis",
        "ziele",
        "kontakte:Kontakte",
        "kontakte:davon mit Sprachmittlung",
    }
)
SKIPPED = frozenset({"kennzahlen", "handlungsfelder_anteil"})  # computed from other tables
STRUCTURE = ("geschlecht", "altersgruppen", "aufenthalt", "deutschniveau")


def calendar_periods(years: Iterable[int]) -> list[Period]:
    """Every month, quarter and year: all a coordinator may ask for."""
    result = []
    for number in years:
        result += [month(number, m) for m in range(1, 13)]
        result += [quarter(number, q) for q in range(1, 5)]
        result.append(year(number))
    return result


def selections(towns: Sequence[Town]) -> list[tuple[Town, ...]]:
    """Every non-empty selection of towns, in the order the dashboard lists them."""
    ordered = sorted(towns, key=list(Town).index)
    return [c for size in range(1, len(ordered) + 1) for c in combinations(ordered, size)]


def _kind(period: Period) -> str:
    days = (period.end - period.start).days
    return "month" if days < 32 else "quarter" if days < 93 else "year"


def _parts(period: Period) -> list[str] | None:
    """The labels of the periods a quarter or a year is the sum of."""
    kind = _kind(period)
    if kind == "quarter":
        return [Month(period.start.year, period.start.month + i).label for i in range(3)]
    if kind == "year":
        return [quarter(period.start.year, q).label for q in range(1, 5)]
    return None


@dataclass
class Attack:
    """What the attacker has gathered: bounds per unknown, equations, and the true values."""

    bounds: dict[Unknown, Bounds] = field(default_factory=dict)
    published: dict[Unknown, set[object]] = field(default_factory=lambda: defaultdict(set))
    truth: dict[Unknown, int] = field(default_factory=dict)
    sums: set[tuple[Unknown, tuple[Unknown, ...]]] = field(default_factory=set)
    periods: dict[str, Period] = field(default_factory=dict)

    def observe(self, unknown: Unknown, cell: Cell, true: int, bounds: Bounds) -> None:
        self.published[unknown].add(cell.hidden.value if cell.hidden else cell.value)
        self.truth[unknown] = true
        lo, hi = self.bounds.get(unknown, (0, INFINITE))
        self.bounds[unknown] = (max(lo, bounds[0]), min(hi, bounds[1]))

    def zero(self, unknown: Unknown) -> None:
        """A row left out of a table for want of records: the attacker knows it is 0."""
        if unknown not in self.bounds:
            self.bounds[unknown] = (0, 0)
            self.truth[unknown] = 0

    def equation(self, total: Unknown, parts: Sequence[Unknown]) -> None:
        if parts and total not in parts:
            self.sums.add((total, tuple(parts)))


def _unknown(
    table: StatTable, row: str, column: str, period: Period, chosen: tuple[Town, ...]
) -> Unknown:
    """What a cell counts, the same for every report that publishes it."""
    names = {town.value: town for town in chosen}
    if column in names:
        towns, column = frozenset({names[column]}), "town"
    else:
        towns = frozenset(chosen)
        column = "town" if column in (KREIS, SELECTION) else column
    key, label = table.key, period.label
    if key == "ueberblick":
        if row.startswith("Bestand am"):
            return ("Bestand", row, towns)
        if row in (ADMISSIONS, CLOSINGS, IN_CARE):
            return (row, label, towns)
        return (key, row, label, towns)
    if key in ("zugaenge_monat", "abgaenge_monat"):
        flow = ADMISSIONS if key == "zugaenge_monat" else CLOSINGS
        return (flow, label if row == SUM else row, towns)
    if key == "abgaenge_grund" and row == SUM:
        return (CLOSINGS, label, towns)
    if (key in STRUCTURE and row == SUM) or (key == "handlungsfelder" and row == IN_CARE):
        return (IN_CARE, label, towns)
    if key == "hinweise":
        return (key, row, towns)
    if key == "kontakte":
        return (f"{key}:{row}", label, towns)
    if key in ("vermittlungen_partner", "vermittlungen_ergebnis", "vermittlungen_partner_ergebnis"):
        side = (
            "vermittlungen_ergebnis" if key == "vermittlungen_ergebnis" else "vermittlungen_partner"
        )
        if key == "vermittlungen_partner_ergebnis":
            if row == SUM and column == SUM:
                return ("vermittlungen", label, towns)
            if row == SUM:
                return ("vermittlungen_ergebnis", column, label, towns)
            if column == SUM:
                return ("vermittlungen_partner", row, label, towns)
            return (key, row, column, label, towns)
        if row == SUM:
            return ("vermittlungen", label, towns)
        return (side, row, label, towns)
    return (key, row, label, towns)


def _gather(
    attack: Attack,
    period: Period,
    published: Sequence[StatTable],
    true: Sequence[StatTable],
    chosen: tuple[Town, ...],
    possible: Callable[[Cell], Bounds],
) -> None:
    attack.periods[period.label] = period
    for table, truth in zip(published, true, strict=True):
        if table.key in SKIPPED:
            continue
        names: dict[tuple[int, int], Unknown] = {}
        for r, row in enumerate(table.rows):
            for c, column in enumerate(table.columns):
                cell = table.cells[r][c]
                if cell.kind is not Kind.COUNT:
                    continue
                unknown = _unknown(table, row, column, period, chosen)
                names[(r, c)] = unknown
                value = truth.cell(row, column).value
                attack.observe(unknown, cell, int(value or 0), possible(cell))
        towns = [c for c, name in enumerate(table.columns) if name in {t.value for t in chosen}]
        total = [c for c, name in enumerate(table.columns) if name in (KREIS, SELECTION)]
        for r in range(len(table.rows)):
            if total and (r, total[0]) in names:
                attack.equation(names[(r, total[0])], [names[(r, c)] for c in towns])
            if table.columns[-1] == SUM:
                last = len(table.columns) - 1
                attack.equation(names[(r, last)], [names[(r, c)] for c in range(last)])
        if table.rows and table.rows[-1] == SUM:
            last = len(table.rows) - 1
            for c in range(len(table.columns)):
                if (last, c) in names:
                    attack.equation(names[(last, c)], [names[(r, c)] for r in range(last)])


def _time_equations(attack: Attack) -> None:
    """Quarters and years as sums; Betreute through the Bestand before and after."""
    for unknown in list(attack.bounds):
        family, label = unknown[0], unknown[-2]
        if family in ADDITIVE and label in attack.periods:
            parts = _parts(attack.periods[label])
            if parts is not None:
                named = [(*unknown[:-2], part, unknown[-1]) for part in parts]
                for part in named:
                    attack.zero(part)
                attack.equation(unknown, named)
        if family == IN_CARE and label in attack.periods:
            period, towns = attack.periods[label], unknown[-1]
            end = ("Bestand", f"Bestand am {period.end:%d.%m.%Y}", towns)
            before = _stock_before(period, towns)
            closings, admissions = (CLOSINGS, label, towns), (ADMISSIONS, label, towns)
            if end in attack.bounds and closings in attack.bounds:
                attack.equation(unknown, [end, closings])
            if before in attack.bounds and admissions in attack.bounds:
                attack.equation(unknown, [before, admissions])


def _stock_before(period: Period, towns: Hashable) -> Unknown:
    day = period.start - timedelta(days=1)
    return ("Bestand", f"Bestand am {day:%d.%m.%Y}", towns)


def propagate(attack: Attack) -> None:
    """Tighten the bounds through every equation until nothing changes."""
    bounds = attack.bounds
    users: dict[Unknown, list[tuple[Unknown, tuple[Unknown, ...]]]] = defaultdict(list)
    for equation in attack.sums:
        for unknown in (equation[0], *equation[1]):
            users[unknown].append(equation)
    pending = set(attack.sums)
    while pending:
        total, parts = pending.pop()
        changed: list[Unknown] = []

        def narrow(unknown: Unknown, lo: int, hi: int, changed: list[Unknown] = changed) -> None:
            old = bounds[unknown]
            new = (max(old[0], lo), min(old[1], hi))
            assert new[0] <= new[1], f"no value fits {unknown}: the equations are wrong"
            if new != old:
                bounds[unknown] = new
                changed.append(unknown)

        lo_sum = sum(bounds[p][0] for p in parts)
        hi_sum = min(INFINITE, sum(bounds[p][1] for p in parts))
        narrow(total, lo_sum, hi_sum)
        t_lo, t_hi = bounds[total]
        for p in parts:
            others_lo = lo_sum - bounds[p][0]
            others_hi = hi_sum - bounds[p][1] if hi_sum < INFINITE else INFINITE
            narrow(p, max(0, t_lo - others_hi), t_hi - others_lo)
        for unknown in changed:
            pending.update(users[unknown])


@dataclass(frozen=True)
class Findings:
    """What the attack found: pinned small counts and pinned small differences."""

    unknowns: int
    equations: int
    pinned: int
    pinned_not_zero: int  # zeros are pinned where a row is left out for want of records
    small_counts: list[tuple[Unknown, int]]
    small_differences: list[tuple[Unknown, Unknown, int]]
    inconsistent: list[Unknown]  # published differently in two places


def attack(
    reports: Reports,
    towns: Sequence[Town],
    periods: Sequence[Period],
    possible: Callable[[Cell], Bounds],
) -> Findings:
    """Gather every obtainable report, propagate, and list what is pinned down."""
    gathered = Attack()
    for period in periods:
        for chosen in selections(towns):
            published, true = reports(period, chosen)
            _gather(gathered, period, published, true, chosen, possible)
    _time_equations(gathered)
    propagate(gathered)
    for unknown, (lo, hi) in gathered.bounds.items():
        assert lo <= gathered.truth[unknown] <= hi, f"the attacker's model is wrong: {unknown}"
    pinned = [u for u, (lo, hi) in gathered.bounds.items() if lo == hi]
    small = [(u, gathered.truth[u]) for u in pinned if gathered.truth[u] in (1, 2)]
    by_kind: dict[Hashable, list[Unknown]] = defaultdict(list)
    for u in pinned:
        by_kind[u[:-2] if u[0] != "Bestand" else u[0]].append(u)
    differences = [
        (a, b, gathered.truth[a] - gathered.truth[b])
        for group in by_kind.values()
        for a, b in combinations(group, 2)
        if abs(gathered.truth[a] - gathered.truth[b]) in (1, 2)
    ]
    inconsistent = [u for u, values in gathered.published.items() if len(values) > 1]
    not_zero = sum(1 for u in pinned if gathered.truth[u])
    return Findings(
        len(gathered.bounds),
        len(gathered.sums),
        len(pinned),
        not_zero,
        small,
        differences,
        inconsistent,
    )
