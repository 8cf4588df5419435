"""Page „Auswertung“: the towns' figures for a period as charts with tables, work lists, report."""

from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import pandas as pd
import streamlit as st

from casebook.cases.worklists import WorkItem, end_of_week
from casebook.core.access import Attempt, may
from casebook.core.config import ConfigError
from casebook.messages import storage_message
from casebook.stats import tables as t
from casebook.stats.formatting import PROTECTED_LEGEND, format_cell
from casebook.stats.period import InvalidPeriod, Period, between, month, quarter, quarter_of, year
from casebook.stats.report import build_report
from casebook.stats.report_files import XLSX_MIME, ZIP_MIME, report_csv_zip, report_xlsx
from casebook.stats.reporting import figures as build_figures
from casebook.stats.reporting import may_count, reference_day, work_lists
from casebook.stats.situation import SITUATION_KEYS
from casebook.stats.table import Kind, StatTable
from casebook.stats.tables import Figures
from casebook.storage.base import StorageError
from sheets_schema.enums import Town
from sheets_schema.rules import RESIDENCE_WARNING_DAYS
from ui.case_table import case_link
from ui.charts import grouped_bars, hbar, long_frame, stacked_hbar, table_frame
from ui.loading import load
from ui.session import AppContext, run_page

MONTH, QUARTER, YEAR, RANGE = "Monat", "Quartal", "Jahr", "Von–bis"
MONTHS_BACK = 24
QUARTERS_BACK = 8
YEARS_BACK = 5


def _months(today: date) -> list[Period]:
    result: list[Period] = []
    year_number, number = today.year, today.month
    while len(result) < MONTHS_BACK:
        result.append(month(year_number, number))
        year_number, number = (year_number - 1, 12) if number == 1 else (year_number, number - 1)
    return result


def _quarters(today: date) -> list[Period]:
    current = quarter_of(today)
    result = [current]
    while len(result) < QUARTERS_BACK:
        result.append(quarter_of(result[-1].start - timedelta(days=1)))
    return result


def _period(today: date, free_range: bool) -> Period:
    """Month, quarter or year; a free range only for case managers looking at their own towns
    (coordinators' figures exist for whole calendar periods only, see docs/reporting.md)."""
    kinds = [MONTH, QUARTER, YEAR, RANGE] if free_range else [MONTH, QUARTER, YEAR]
    kind = st.radio("Zeitraum", kinds, index=1, horizontal=True, key="auswertung.art")
    if kind == MONTH:
        options = _months(today)
        # The last finished month, as with quarters.
        return st.selectbox(
            "Monat", options, index=1, format_func=lambda p: p.label, key="auswertung.monat"
        )
    if kind == YEAR:
        years = list(range(today.year, today.year - YEARS_BACK, -1))
        return year(st.selectbox("Jahr", years, key="auswertung.jahr"))
    if kind == RANGE:
        left, right = st.columns(2)
        start = left.date_input(
            "Von", quarter_of(today).start, format="DD.MM.YYYY", key="auswertung.von"
        )
        end = right.date_input("Bis", today, format="DD.MM.YYYY", key="auswertung.bis")
        if end < start:
            st.warning("„Bis“ liegt vor „Von“; es wird der umgekehrte Zeitraum ausgewertet.")
            start, end = end, start
        return between(start, end)
    options = _quarters(today)
    # The last finished quarter is what coordinators report on.
    chosen = st.selectbox(
        "Quartal",
        options,
        index=1,
        format_func=lambda period: f"{period.label} ({period.span})",
        key="auswertung.quartal",
    )
    return quarter(chosen.start.year, (chosen.start.month - 1) // 3 + 1)


def _show(chart: alt.Chart | alt.LayerChart, table: StatTable, key: str) -> None:
    """A chart and, below it, the same aggregate as a table."""
    st.altair_chart(chart, width="stretch", key=f"auswertung.chart.{key}")
    with st.expander("Tabelle"):
        st.table(table_frame(table), hide_index=True)
        if table.note:
            st.caption(table.note)


def _metrics(figures: Figures) -> None:
    total = figures.columns[-1]
    overview = figures.table("ueberblick")
    keys = figures.table("kennzahlen")
    counts = [
        (t.ADMISSIONS, overview.cell(t.ADMISSIONS, total)),
        (t.CLOSINGS, overview.cell(t.CLOSINGS, total)),
        (f"Bestand am {figures.stock_day:%d.%m.%Y}", overview.cell(overview.rows[2], total)),
        ("Erreichte Personen", overview.cell(t.PEOPLE, total)),
    ]
    ratios = [
        ("Ziele erreicht", keys.cell(t.GOAL_RATE, total)),
        ("Median Tage bis Abschluss", keys.cell(t.MEDIAN_DAYS, total)),
        ("Kontakte je Fall", keys.cell(t.CONTACTS_PER_CASE, total)),
        ("Kontakte mit Sprachmittlung", keys.cell(t.MEDIATED_SHARE, total)),
    ]
    for line in (counts, ratios):
        for column, (label, cell) in zip(st.columns(len(line)), line, strict=True):
            column.metric(label, format_cell(cell), border=True)


def _flow(figures: Figures) -> None:
    total = figures.columns[-1]
    st.header("Zugänge und Abgänge")
    monthly = pd.concat(
        [
            long_frame(figures.table(key), [total], series={total: name})
            for key, name in (("zugaenge_monat", t.ADMISSIONS), ("abgaenge_monat", t.CLOSINGS))
        ]
    )
    left, right = st.columns(2)
    with left:
        chart = grouped_bars(monthly, title="Fälle", row_title="Monat", series_title="Art")
        _show(chart, figures.table("zugaenge_monat"), "monate")
        with st.expander("Tabelle Abgänge je Monat"):
            st.table(table_frame(figures.table("abgaenge_monat")), hide_index=True)
    with right:
        reasons = figures.table("abgaenge_grund")
        _show(hbar(long_frame(reasons, [total]), title=t.CLOSINGS), reasons, "gruende")


def _stock(figures: Figures) -> None:
    total = figures.columns[-1]
    st.header("Bestand")
    overview = figures.table("ueberblick")
    left, right = st.columns(2)
    with left:
        towns = [town.value for town in figures.towns]
        frame = long_frame(overview, towns, rows=[overview.rows[2]])
        frame["Zeile"] = frame["Reihe"]
        _show(hbar(frame, title="Fälle im Bestand", row_title="Kommune"), overview, "bestand")
    if not figures.has("bestand_fallmanagement"):
        return  # coordinators get no names of case managers
    managers = figures.table("bestand_fallmanagement")
    with right:
        rows = [r for r in managers.rows if r != t.SUM and managers.cell(r, total).value]
        frame = long_frame(managers, [total], rows=rows)
        chart = hbar(frame, title="Fälle im Bestand", row_title="Fallmanager:in")
        _show(chart, managers, "fallmanagement")


def _structure(figures: Figures) -> None:
    total = figures.columns[-1]
    st.header("Wer wird betreut?")
    st.caption("Betreute Fälle im Zeitraum; Alter am Stichtag.")
    keys = ["geschlecht", "altersgruppen", "aufenthalt", "staatsangehoerigkeit", "deutschniveau"]
    columns = st.columns(2)
    for i, key in enumerate(keys):
        table = figures.table(key)
        with columns[i % 2]:
            st.markdown(f"**{table.title}**")
            _show(hbar(long_frame(table, [total]), title="Fälle"), table, key)
    with columns[len(keys) % 2]:
        shares = figures.table("handlungsfelder_anteil")
        st.markdown(f"**{shares.title}**")
        chart = hbar(long_frame(shares, [total]), title="Anteil der Fälle", kind=Kind.SHARE)
        _show(chart, figures.table("handlungsfelder"), "handlungsfelder")
        with st.expander("Tabelle Anteile"):
            st.table(table_frame(shares), hide_index=True)


def _situation(figures: Figures) -> None:
    total = figures.columns[-1]
    st.header("Zugang und Lebenslage")
    st.caption("Zugangsweg der Zugänge; Leistungsbezug und Wohnsituation der betreuten Fälle.")
    columns = st.columns(len(SITUATION_KEYS))
    for column, key in zip(columns, SITUATION_KEYS, strict=True):
        table = figures.table(key)
        with column:
            st.markdown(f"**{table.title}**")
            _show(hbar(long_frame(table, [total]), title="Fälle"), table, key)


def _work(figures: Figures) -> None:
    st.header("Vermittlungen, Ziele und Kontakte")
    cross = figures.table("vermittlungen_partner_ergebnis")
    results = [c for c in cross.columns if c != t.SUM]
    frame = long_frame(cross, results)
    chart = stacked_hbar(frame, title="Vermittlungen", row_title="Partner", series_title="Ergebnis")
    left, right = st.columns(2)
    with left:
        _show(chart, cross, "vermittlungen")
    with right:
        st.markdown("**Kennzahlen**")
        st.table(table_frame(figures.table("kennzahlen")), hide_index=True)
        for key in ("ziele", "kontakte"):
            st.markdown(f"**{figures.table(key).title}**")
            st.table(table_frame(figures.table(key)), hide_index=True)


def _work_list_frame(items: tuple[WorkItem, ...], date_header: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Fall-ID": [case_link(item.case_id) for item in items],
            "Name": [item.name for item in items],
            "Fallmanager:in": [item.case_manager or "" for item in items],
            date_header: [item.due for item in items],
            "Tage": [item.days for item in items],
        }
    )


def _work_list(items: tuple[WorkItem, ...], date_header: str, empty: str, key: str) -> None:
    if not items:
        st.caption(empty)
        return
    st.dataframe(
        _work_list_frame(items, date_header),
        hide_index=True,
        key=key,
        column_config={
            "Fall-ID": st.column_config.LinkColumn("Fall-ID", display_text=r"id=(.*)$"),
            date_header: st.column_config.DateColumn(date_header, format="DD.MM.YYYY"),
            "Tage": st.column_config.NumberColumn("Tage", help="Negativ: überfällig"),
        },
    )


def _work_lists(ctx: AppContext, towns: list[Town]) -> None:
    own = [town for town in towns if may(ctx.actor, town, Attempt.READ)]
    if not own:
        return
    st.header("Arbeitslisten")
    for town in own:
        try:
            data = load(ctx.source(town), ctx.actor, ctx.today)
        except StorageError as error:
            st.error(f"{town.value}: {storage_message(error)}")
            continue
        lists = work_lists(ctx.source(town), data, ctx.actor, ctx.today)
        st.markdown(f"**{town.value}**")
        left, right = st.columns(2)
        with left:
            st.markdown(f"Wiedervorlagen bis {end_of_week(ctx.today):%d.%m.%Y}")
            _work_list(
                lists.follow_ups, "Wiedervorlage", "Keine Wiedervorlage fällig.", f"wv.{town.code}"
            )
        with right:
            st.markdown(
                f"Aufenthaltstitel, die in {RESIDENCE_WARNING_DAYS} Tagen enden oder abgelaufen sind"
            )
            _work_list(
                lists.residence, "Gültig bis", "Kein Titel endet bald.", f"aufenthalt.{town.code}"
            )


def _downloads(figures: Figures, today: date) -> None:
    st.header("Bericht herunterladen")
    report = build_report(figures, today)
    stem = f"kim-bericht-{figures.period.start:%Y-%m-%d}-{figures.period.end:%Y-%m-%d}"
    left, right, _ = st.columns([1, 1, 3])
    left.download_button(
        "Excel (.xlsx)",
        lambda: report_xlsx(report),
        file_name=f"{stem}.xlsx",
        mime=XLSX_MIME,
        icon=":material/download:",
        on_click="ignore",
        key="auswertung.xlsx",
    )
    right.download_button(
        "CSV (.zip)",
        lambda: report_csv_zip(report),
        file_name=f"{stem}.zip",
        mime=ZIP_MIME,
        icon=":material/download:",
        on_click="ignore",
        key="auswertung.csv",
    )
    st.caption(f"{report.title}. Dieselben Tabellen wie auf dieser Seite.")


def main(ctx: AppContext) -> None:
    from ui.stats_loading import load_town_facts

    st.title("Auswertung")
    allowed = [town for town in ctx.towns if may_count(ctx.actor, town)]
    if not allowed:
        st.info(
            "Für Ihre Rolle gibt es keine Auswertung. Bitte wenden Sie sich an die Koordination."
        )
        return
    left, right = st.columns([2, 3])
    with left:
        own = all(may(ctx.actor, town, Attempt.READ) for town in allowed)
        period = _period(ctx.today, free_range=own)
    with right:
        towns = st.multiselect(
            "Kommunen",
            allowed,
            default=allowed,
            format_func=lambda town: town.value,
            key="auswertung.kommunen",
        )
    if not towns:
        st.info("Bitte wählen Sie mindestens eine Kommune.")
        return
    try:
        facts, failures = load_town_facts(ctx, towns, reference_day(period, ctx.today))
    except ConfigError as error:  # the statistics secret (docs/reporting.md)
        st.error(str(error))
        return
    for failure in failures:
        st.error(f"{failure.town.value}: {storage_message(failure.error)}")
    if not facts:
        return
    try:
        figures = build_figures(facts, ctx.actor, period, ctx.today)
    except InvalidPeriod as error:
        st.error(f"{error.reason}. Bitte wählen Sie einen Monat, ein Quartal oder ein Jahr.")
        return
    st.caption(
        f"Zeitraum {period.span} · Bestand am {figures.stock_day:%d.%m.%Y} · "
        + ", ".join(town.value for town in figures.towns)
    )
    if figures.protected:
        st.info(PROTECTED_LEGEND, icon=":material/shield:")
    _metrics(figures)
    _stock(figures)
    _flow(figures)
    _structure(figures)
    _situation(figures)
    _work(figures)
    _work_lists(ctx, towns)
    notes = figures.table("hinweise")
    # Coordinators see every reason, each with its perturbed count: no count in the label.
    label = "Hinweise zur Zählung" + ("" if figures.protected else f" ({len(notes.rows)})")
    with st.expander(label):
        st.markdown(
            "Zeilen mit Fehlern werden nach festen Regeln gezählt oder weggelassen; "
            "die Prüfung in der Fallliste zeigt, welche es sind."
        )
        if notes.rows:
            st.table(table_frame(notes), hide_index=True)
    _downloads(figures, ctx.today)


if __name__ == "__main__":
    run_page(main)
