"""The dashboard's and the report's tables, built once from the towns' facts for a period."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum

from casebook.stats import indicators as ind
from casebook.stats.facts import AGE_GROUPS, NO_ANSWER, CaseFacts, Note, TownFacts
from casebook.stats.layout import SUM, Layout, cross_table
from casebook.stats.period import Period
from casebook.stats.table import MEDIAN_MIN_CASES, Cell, Hidden, Kind, StatTable, publish
from casebook.stats.tally import ZERO, Tally, total
from sheets_schema.enums import (
    ClosingReason,
    FieldOfAction,
    Gender,
    GermanLevel,
    GoalStatus,
    Partner,
    ReferralResult,
    ResidenceStatusGroup,
    Town,
)
from sheets_schema.nationalities import REPORTED_NATIONALITIES

TOP_NATIONALITIES = 5
OTHER_NATIONALITIES = "weitere"
ADMISSIONS = "Zugänge"
CLOSINGS = "Abgänge"
IN_CARE = "Betreute Fälle im Zeitraum"
PEOPLE = "Erreichte Personen (Summe Haushaltsgröße)"
CONTACTS = "Kontakte"
MEDIATED = "davon mit Sprachmittlung"
CONTACT_CASES = "Fälle mit Kontakt"
GOAL_RATE = "Zielerreichung (erreicht + teilweise erreicht ÷ abgeschlossene Ziele)"
MEDIAN_DAYS = "Median Tage von Aufnahme bis Abschluss"
CONTACTS_PER_CASE = "Kontakte je Fall mit Kontakt"
MEDIATED_SHARE = "Anteil der Kontakte mit Sprachmittlung"
# Tables computed from other tables' (possibly protected) cells, never from the raw counts.
DERIVED = ("handlungsfelder_anteil", "kennzahlen")


def stock_label(day: date) -> str:
    return f"Bestand am {day:%d.%m.%Y}"


@dataclass(frozen=True)
class Figures:
    """All tables for some towns and a period; `protected`: counts perturbed (coordinators)."""

    period: Period
    stock_day: date
    towns: tuple[Town, ...]
    columns: tuple[str, ...]
    total_label: str | None  # the column with the sum over the towns, if there are several
    protected: bool
    tables: tuple[StatTable, ...]

    def has(self, key: str) -> bool:
        return any(table.key == key for table in self.tables)

    def table(self, key: str) -> StatTable:
        return next(table for table in self.tables if table.key == key)


def _values(enum: type[Enum]) -> list[str]:
    return [str(member.value) for member in enum]


def _overview(lay: Layout, facts: Sequence[TownFacts], period: Period, day: date) -> StatTable:
    cared = [ind.in_care(f, period) for f in facts]
    return lay.measures(
        "ueberblick",
        "Überblick",
        [
            (ADMISSIONS, [ind.cases_count(ind.admissions(f, period)) for f in facts]),
            (CLOSINGS, [ind.cases_count(ind.closings(f, period)) for f in facts]),
            (stock_label(day), [ind.cases_count(ind.stock(f, day)) for f in facts]),
            (IN_CARE, [ind.cases_count(cases) for cases in cared]),
            (PEOPLE, [ind.people_reached(cases) for cases in cared]),
        ],
        note="Bestand: Status Aktiv oder Ruhend am Stichtag (Aufnahme bis dahin, kein Abschluss).",
    )


def _flow(
    lay: Layout, facts: Sequence[TownFacts], period: Period, day: date, *, protected: bool
) -> list[StatTable]:
    months = [m.label for m in period.months()]

    def monthly(
        cases: list[list[CaseFacts]], when: Callable[[CaseFacts], date | None]
    ) -> list[dict[str, Tally]]:
        return [
            {m.label: n for m, n in ind.by_month(town_cases, when, period).items()}
            for town_cases in cases
        ]

    closed = [ind.closings(f, period) for f in facts]
    tables = [
        lay.categories(
            "zugaenge_monat",
            "Zugänge je Monat",
            "Monat",
            months,
            monthly([ind.admissions(f, period) for f in facts], lambda c: c.admission),
            unknown=False,
        ),
        lay.categories(
            "abgaenge_monat",
            "Abgänge je Monat",
            "Monat",
            months,
            monthly(closed, lambda c: c.closing),
            unknown=False,
        ),
        lay.categories(
            "abgaenge_grund",
            "Abgänge nach Abschlussgrund",
            "Abschlussgrund",
            _values(ClosingReason),
            [ind.by_value(cases, lambda c: c.closing_reason) for cases in closed],
        ),
    ]
    if protected:
        # Names of case managers are free text from the sheets: coordinators do not get them.
        return tables
    stock = [ind.stock(f, day) for f in facts]
    managers = sorted({c.case_manager for cases in stock for c in cases if c.case_manager})
    manager_table = lay.categories(
        "bestand_fallmanagement",
        f"{stock_label(day)} je Fallmanager:in",
        "Fallmanager:in",
        managers,
        [ind.by_value(cases, lambda c: c.case_manager) for cases in stock],
    )
    return [*tables, manager_table]


def _nationalities(lay: Layout, cared: Sequence[list[CaseFacts]], *, protected: bool) -> StatTable:
    """The most frequent nationalities as spelled in the sheets; for coordinators a fixed list
    from the schema, so that no label depends on the data."""
    found = [ind.nationalities(cases) for cases in cared]
    totals: dict[str, int] = {}
    labels: dict[str, str] = {}
    for counts, spelled in found:
        for k, v in counts.items():
            totals[k] = totals.get(k, 0) + v.n
        labels.update(spelled)
    ranked = sorted((k for k in totals if k != NO_ANSWER), key=lambda k: (-totals[k], k))
    top = ranked[:TOP_NATIONALITIES]
    title = "Staatsangehörigkeiten (häufigste)"
    if protected:
        top = [ind.nationality_key(name) for name in REPORTED_NATIONALITIES]
        labels = dict(zip(top, REPORTED_NATIONALITIES, strict=True)) | {NO_ANSWER: NO_ANSWER}
        title = "Staatsangehörigkeiten"
    folded = []
    for counts, _ in found:
        kept = {k: v for k, v in counts.items() if k in top or k == NO_ANSWER}
        kept[OTHER_NATIONALITIES] = total(
            v for k, v in counts.items() if k not in top and k != NO_ANSWER
        )
        folded.append(kept)
    more = protected or len(ranked) > len(top)
    rows = [*top, OTHER_NATIONALITIES] if more else top
    return lay.categories(
        "staatsangehoerigkeit",
        title,
        "Staatsangehörigkeit",
        rows,
        folded,
        sum_row=False,
        labels=labels,
        note="Fälle je Staatsangehörigkeit; wer mehrere hat, zählt bei jeder.",
    )


def _structure(
    lay: Layout, facts: Sequence[TownFacts], period: Period, *, protected: bool
) -> list[StatTable]:
    cared = [ind.in_care(f, period) for f in facts]

    def per(value: Callable[[CaseFacts], object]) -> list[dict[str, Tally]]:
        return [ind.by_value(cases, value) for cases in cared]

    fields = [
        ind.by_values(cases, lambda c: (f.value for f in c.fields_of_action)) for cases in cared
    ]
    for counts, cases in zip(fields, cared, strict=True):
        counts[IN_CARE] = ind.cases_count(cases)
    note = "Betreute Fälle im Zeitraum."
    field_rows = [*_values(FieldOfAction), NO_ANSWER, IN_CARE]
    field_table = lay.categories(
        "handlungsfelder",
        "Handlungsfelder (Fälle)",
        "Handlungsfeld",
        field_rows,
        fields,
        sum_row=False,
        note=note + " Mehrere Handlungsfelder je Fall möglich.",
    )
    return [
        lay.categories(
            "geschlecht",
            "Geschlecht",
            "Geschlecht",
            _values(Gender),
            per(lambda c: c.gender),
            note=note,
        ),
        lay.categories(
            "altersgruppen",
            "Altersgruppen",
            "Alter",
            [label for label, _ in AGE_GROUPS],
            per(lambda c: c.age_group),
            note=note + " Alter am Stichtag des Bestands.",
        ),
        lay.categories(
            "aufenthalt",
            "Aufenthaltsstatus (Gruppen)",
            "Gruppe",
            _values(ResidenceStatusGroup),
            per(lambda c: c.residence_group),
            note=note + " „unbekannt“ zählt als „ohne Angabe“.",
        ),
        _nationalities(lay, cared, protected=protected),
        lay.categories(
            "deutschniveau",
            "Deutschniveau",
            "Deutschniveau",
            _values(GermanLevel),
            per(lambda c: c.german_level),
            note=note,
        ),
        field_table,
    ]


def _work(lay: Layout, facts: Sequence[TownFacts], period: Period) -> list[StatTable]:
    per_town = [ind.referrals(f, period) for f in facts]
    partners: list[dict[str, Tally]] = []
    results: list[dict[str, Tally]] = []
    pairs: dict[tuple[str, str], Tally] = {}
    for counts in per_town:
        by_partner: dict[str, Tally] = {}
        by_result: dict[str, Tally] = {}
        for (partner, result), n in counts.items():
            p = partner.value if partner else NO_ANSWER
            r = result.value if result else NO_ANSWER
            by_partner[p] = by_partner.get(p, ZERO) + n
            by_result[r] = by_result.get(r, ZERO) + n
            pairs[(p, r)] = pairs.get((p, r), ZERO) + n
        partners.append(by_partner)
        results.append(by_result)
    used = {p for p, _ in pairs}
    fixed = lay.fixed_rows
    partner_rows = [p for p in [*_values(Partner), NO_ANSWER] if fixed or p in used]
    result_rows = [
        r
        for r in [*_values(ReferralResult), NO_ANSWER]
        if fixed or r != NO_ANSWER or any(rr == NO_ANSWER for _, rr in pairs)
    ]
    goals = [{s.value: n for s, n in ind.closed_goals(f, period).items()} for f in facts]
    contacts = [ind.contacts(f, period) for f in facts]
    closed_statuses = [s.value for s in GoalStatus if not s.is_open]
    return [
        lay.categories(
            "vermittlungen_partner",
            "Vermittlungen nach Partner",
            "Partner",
            partner_rows,
            partners,
        ),
        lay.categories(
            "vermittlungen_ergebnis",
            "Vermittlungen nach Ergebnis",
            "Ergebnis",
            result_rows,
            results,
        ),
        cross_table(
            "vermittlungen_partner_ergebnis",
            "Vermittlungen nach Partner und Ergebnis",
            "Partner",
            partner_rows,
            result_rows,
            pairs,
        ),
        lay.categories(
            "ziele",
            "Abgeschlossene Ziele",
            "Status",
            closed_statuses,
            goals,
            note="Ziele, deren Überprüfung (sonst Zieldatum) im Zeitraum liegt.",
            unknown=False,
        ),
        lay.measures(
            "kontakte",
            "Kontakte",
            [
                (CONTACTS, [c.contacts for c in contacts]),
                (MEDIATED, [c.mediated for c in contacts]),
                (CONTACT_CASES, [c.cases for c in contacts]),
            ],
        ),
    ]


def _notes(lay: Layout, facts: Sequence[TownFacts]) -> StatTable:
    rows = [note.value for note in Note if lay.fixed_rows or any(note in f.notes for f in facts)]
    counts: list[Mapping[str, Tally]] = [
        {note.value: n for note, n in f.notes.items()} for f in facts
    ]
    return lay.categories(
        "hinweise",
        "Hinweise zur Zählung",
        "Hinweis",
        rows,
        counts,
        sum_row=False,
        note="Zeilen, die wegen Fehlern nicht oder besonders gezählt sind (siehe Prüfung).",
        unknown=False,
    )


def _ratio(numerator: Cell, denominator: Cell, kind: Kind) -> Cell:
    """A share or ratio of two published counts; a share of perturbed counts may come out
    above 100 %, which is shown as 100 %."""
    if not denominator.value or numerator.value is None:
        return Cell(None, kind)
    value = numerator.value / denominator.value
    return Cell(min(value, 1.0) if kind is Kind.SHARE else value, kind)


def _shares(counts: StatTable) -> StatTable:
    base = counts.cells[counts.rows.index(IN_CARE)]
    rows = tuple(r for r in counts.rows if r != IN_CARE)
    cells = tuple(
        tuple(_ratio(cell, base[c], Kind.SHARE) for c, cell in enumerate(counts.cells[i]))
        for i, row in enumerate(counts.rows)
        if row != IN_CARE
    )
    return StatTable(
        "handlungsfelder_anteil",
        "Handlungsfelder (Anteil der betreuten Fälle)",
        counts.row_header,
        rows,
        counts.columns,
        cells,
    )


def _key_figures(
    lay: Layout,
    facts: Sequence[TownFacts],
    period: Period,
    tables: dict[str, StatTable],
    protected: bool,
) -> StatTable:
    goals = tables["ziele"]
    contacts = tables["kontakte"]
    overview = tables["ueberblick"]
    closed = [ind.durations(ind.closings(f, period)) for f in facts]
    if lay.total:
        closed.append([d for days in closed for d in days])
    reached = [GoalStatus.ERREICHT.value, GoalStatus.TEILWEISE.value]
    rows: list[list[Cell]] = [[], [], [], []]
    for c, column in enumerate(lay.columns):
        hits = [goals.cell(r, column) for r in reached]
        met = Cell(sum(h.value or 0 for h in hits))
        rows[0].append(_ratio(met, goals.cell(SUM, column), Kind.SHARE))
        rows[1].append(_median(closed[c], overview.cell(CLOSINGS, column), protected))
        rows[2].append(
            _ratio(
                contacts.cell(CONTACTS, column), contacts.cell(CONTACT_CASES, column), Kind.RATIO
            )
        )
        rows[3].append(
            _ratio(contacts.cell(MEDIATED, column), contacts.cell(CONTACTS, column), Kind.SHARE)
        )
    return StatTable(
        "kennzahlen",
        "Kennzahlen",
        "Kennzahl",
        (GOAL_RATE, MEDIAN_DAYS, CONTACTS_PER_CASE, MEDIATED_SHARE),
        lay.columns,
        tuple(tuple(line) for line in rows),
        note=(
            "Aus den Zahlen der anderen Tabellen berechnet. Median: „x“ bei weniger als "
            f"{MEDIAN_MIN_CASES} Abgängen."
            if protected
            else "Aus den Zahlen der anderen Tabellen berechnet."
        ),
    )


def _median(days: list[int], basis: Cell, protected: bool) -> Cell:
    """The median days to Abschluss; for coordinators only over enough Abgänge as published
    (deciding on the published count leaks nothing the count does not show)."""
    if protected and (basis.value or 0) < MEDIAN_MIN_CASES:
        return Cell(None, Kind.DAYS, Hidden.FEW if days else None)
    return Cell(ind.median(days), Kind.DAYS)


def count_tables(
    facts: Sequence[TownFacts], period: Period, today: date, *, protected: bool
) -> list[StatTable]:
    """The tables of counts with their true values and cell keys: never to leave the core
    unpublished. With `protected`, the coordinators' tables: no free-text row labels, and
    the same rows whatever the data."""
    lay = Layout([f.town for f in facts], fixed_rows=protected)
    day = ind.stock_day(period, today)
    return [
        _overview(lay, facts, period, day),
        *_flow(lay, facts, period, day, protected=protected),
        *_structure(lay, facts, period, protected=protected),
        *_work(lay, facts, period),
        _notes(lay, facts),
    ]


def build_figures(
    facts: Sequence[TownFacts], period: Period, today: date, *, protected: bool
) -> Figures:
    """Every table for the towns of `facts`; with `protected`, every count is perturbed first
    (cell-key method, see docs/reporting.md) and the shares and medians are computed from the
    perturbed counts. Coordinators get no free-text row labels."""
    lay = Layout([f.town for f in facts])
    day = ind.stock_day(period, today)
    counted = publish(count_tables(facts, period, today, protected=protected), protected=protected)
    by_key = {table.key: table for table in counted}
    derived = [
        _shares(by_key["handlungsfelder"]),
        _key_figures(lay, facts, period, by_key, protected),
    ]
    order = [
        "ueberblick",
        "kennzahlen",
        "zugaenge_monat",
        "abgaenge_monat",
        "abgaenge_grund",
        "bestand_fallmanagement",
        "geschlecht",
        "altersgruppen",
        "aufenthalt",
        "staatsangehoerigkeit",
        "deutschniveau",
        "handlungsfelder",
        "handlungsfelder_anteil",
        "vermittlungen_partner",
        "vermittlungen_ergebnis",
        "vermittlungen_partner_ergebnis",
        "ziele",
        "kontakte",
        "hinweise",
    ]
    all_tables = {t.key: t for t in [*counted, *derived]}
    return Figures(
        period=period,
        stock_day=day,
        towns=lay.towns,
        columns=lay.columns,
        total_label=lay.total,
        protected=protected,
        tables=tuple(all_tables[key] for key in order if key in all_tables),
    )
