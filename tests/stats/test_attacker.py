"""No attacker with every obtainable report pins down a true count of 1 or 2 (docs/reporting.md).

Run on the demo data of all five towns and on a hand-made pair of towns in which one
person is admitted and one closed in September, so that September and August, and the
Bestand before and after, differ by exactly one person.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date

import pytest

from casebook.core.town_data import TownData, read_town
from casebook.demo.workbooks import generate_town, town_random
from casebook.stats import Period, TownFacts, town_facts
from casebook.stats.indicators import stock_day
from casebook.stats.perturbation import possible_true
from casebook.stats.table import Cell, StatTable, publish
from casebook.stats.tables import count_tables
from sheets_schema import SheetName
from sheets_schema.enums import Town
from tests.stats.attacker import Findings, Reports, attack, calendar_periods
from tests.stats.handmade import KEYS, snapshot
from tests.support.builders import make_case

TODAY = date(2027, 1, 20)  # after the window, so every Bestand is taken on a period's last day
WINDOW = calendar_periods([2026])


def published_bounds(cell: Cell) -> tuple[int, int]:
    assert isinstance(cell.value, int) and cell.hidden is None
    return possible_true(cell.value)


def reports_of(towns: dict[Town, TownData]) -> Reports:
    """The reports a coordinator can obtain from these towns (facts cached per stock day)."""

    @functools.cache
    def facts(town: Town, day: date) -> TownFacts:
        return town_facts(towns[town], day, KEYS)

    def reports(
        period: Period, chosen: Sequence[Town]
    ) -> tuple[Sequence[StatTable], Sequence[StatTable]]:
        """What build_figures publishes for coordinators, and the same tables' true counts."""
        day = stock_day(period, TODAY)
        counted = count_tables([facts(town, day) for town in chosen], period, TODAY, protected=True)
        return publish(counted, protected=True), counted

    return reports


def assert_nothing_small_pinned(found: Findings) -> None:
    assert found.inconsistent == []  # the same records give the same number everywhere
    assert found.small_counts == []
    assert found.small_differences == []


def one_person_differs() -> dict[Town, TownData]:
    """Xanten: 12 cases in care since 2025; in September one more is admitted and one closes."""
    genders = ["weiblich", "männlich", "divers"]
    cases = [
        make_case(
            n,
            admission=date(2025, 3, n),
            first_contact=date(2025, 3, n),
            gender=genders[n % 3],
            birth_date=date(1960 + 3 * n, 5, 1),
            nationalities=["syrisch", "afghanisch", "ukrainisch", "irakisch"][n % 4],
            german_level=["A1", "A2", "B1"][n % 3],
        )
        for n in range(1, 13)
    ]
    cases.append(
        make_case(
            13,
            admission=date(2026, 9, 15),
            first_contact=date(2026, 9, 1),
            gender="weiblich",
            birth_date=date(2001, 2, 3),
            nationalities="eritreisch",
            german_level="keine",
            residence_status="Aufenthaltsgestattung (§ 55 AsylG)",
        )
    )
    cases.append(
        make_case(
            14,
            status="Abgeschlossen",
            admission=date(2025, 4, 1),
            first_contact=date(2025, 4, 1),
            closing=date(2026, 9, 20),
            closing_reason="Wegzug",
        )
    )
    moers = [
        make_case(n, Town.MOERS, admission=date(2025, 6, n), first_contact=date(2025, 6, n))
        for n in range(1, 8)
    ]
    return {
        Town.XANTEN: read_town(Town.XANTEN, snapshot({SheetName.CASES: cases}), TODAY),
        Town.MOERS: read_town(Town.MOERS, snapshot({SheetName.CASES: moers}), TODAY),
    }


def demo_towns(cases_per_town: int) -> dict[Town, TownData]:
    towns = {}
    for town in Town:
        rows = generate_town(town, town_random(2026, town), cases_per_town, TODAY)
        towns[town] = read_town(town, snapshot(rows), TODAY)
    return towns


def test_one_person_who_differs_between_periods_cannot_be_singled_out() -> None:
    towns = one_person_differs()
    found = attack(reports_of(towns), list(towns), WINDOW, published_bounds)
    assert found.equations > 100  # the attack did use the sums it knows
    assert_nothing_small_pinned(found)


def test_the_same_attack_singles_the_person_out_when_counts_are_exact() -> None:
    """The attacker is strong enough: given exact counts, it finds the September Abgang."""
    towns = one_person_differs()
    exact = reports_of(towns)

    def unperturbed(period: Period, chosen: Sequence[Town]) -> tuple[list[StatTable], ...]:
        _, counted = exact(period, chosen)
        return publish(counted, protected=False), counted

    found = attack(unperturbed, list(towns), WINDOW, lambda cell: (cell.value, cell.value))
    closing = ("Abgänge", "September 2026", frozenset({Town.XANTEN}))
    assert (closing, 1) in found.small_counts
    assert found.small_differences


@pytest.mark.slow
def test_no_true_one_or_two_is_pinned_down_in_the_demo_data_of_all_towns() -> None:
    towns = demo_towns(cases_per_town=150)
    found = attack(reports_of(towns), list(towns), WINDOW, published_bounds)
    assert found.unknowns > 10_000
    assert_nothing_small_pinned(found)
