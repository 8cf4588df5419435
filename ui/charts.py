"""Altair charts and table views of the statistics tables, with German labels and numbers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from casebook.stats.formatting import format_cell
from casebook.stats.layout import SUM
from casebook.stats.period import MONTH_NAMES
from casebook.stats.table import Kind, StatTable

GERMAN_LOCALE: dict[str, Any] = {
    "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " €"]},
    "time": {
        "dateTime": "%A, der %e. %B %Y, %X",
        "date": "%d.%m.%Y",
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
        "shortDays": ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
        "months": list(MONTH_NAMES),
        "shortMonths": [
            "Jan",
            "Feb",
            "Mrz",
            "Apr",
            "Mai",
            "Jun",
            "Jul",
            "Aug",
            "Sep",
            "Okt",
            "Nov",
            "Dez",
        ],
    },
}
VALUE = "Wert"
LABEL = "Anzeige"
SERIES = "Reihe"
ROW = "Zeile"
BAR_HEIGHT = 24


def table_frame(table: StatTable) -> pd.DataFrame:
    """The table as the dashboard's table view shows it: German text in every cell."""
    data = {table.row_header: list(table.rows)}
    for c, column in enumerate(table.columns):
        data[column] = [format_cell(line[c]) for line in table.cells]
    return pd.DataFrame(data)


def long_frame(
    table: StatTable,
    columns: Sequence[str],
    *,
    rows: Sequence[str] | None = None,
    series: dict[str, str] | None = None,
) -> pd.DataFrame:
    """One line per (row, column): the number a bar may show (None if hidden) and its label."""
    wanted = [r for r in (rows or table.rows) if r != SUM]
    records = []
    for row in wanted:
        for column in columns:
            cell = table.cell(row, column)
            shown = cell.shown
            records.append(
                {
                    ROW: row,
                    SERIES: (series or {}).get(column, column),
                    VALUE: float(shown) if shown is not None else None,
                    "Position": float(shown) if shown is not None else 0.0,
                    LABEL: format_cell(cell),
                }
            )
    return pd.DataFrame.from_records(records, columns=[ROW, SERIES, VALUE, "Position", LABEL])


def _axis_format(kind: Kind) -> str:
    return ".0%" if kind is Kind.SHARE else ",d" if kind is Kind.COUNT else ",.1f"


def hbar(
    frame: pd.DataFrame, *, title: str, kind: Kind = Kind.COUNT, row_title: str = ""
) -> alt.LayerChart:
    """Horizontal bars, one per row label; hidden values show their „x“ at zero."""
    order = list(dict.fromkeys(frame[ROW]))
    y = alt.Y(f"{ROW}:N", sort=order, title=row_title or None, axis=alt.Axis(labelLimit=260))
    tooltip = [
        alt.Tooltip(f"{ROW}:N", title=row_title or "Kategorie"),
        alt.Tooltip(f"{LABEL}:N", title=title),
    ]
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(f"{VALUE}:Q", title=title, axis=alt.Axis(format=_axis_format(kind))),
            y=y,
            tooltip=tooltip,
        )
    )
    labels = (
        alt.Chart(frame)
        .mark_text(align="left", dx=4)
        .encode(x=alt.X("Position:Q"), y=y, text=alt.Text(f"{LABEL}:N"))
    )
    # A fixed step per bar keeps every label readable, however many rows there are.
    return (bars + labels).properties(height=alt.Step(BAR_HEIGHT)).configure(locale=GERMAN_LOCALE)


def grouped_bars(
    frame: pd.DataFrame, *, title: str, row_title: str, series_title: str
) -> alt.LayerChart:
    """Vertical bars per row label (e.g. month), side by side per series (Zugänge, Abgänge)."""
    order = list(dict.fromkeys(frame[ROW]))
    x = alt.X(f"{ROW}:N", sort=order, title=row_title, axis=alt.Axis(labelAngle=0))
    color = alt.Color(f"{SERIES}:N", title=series_title)
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=x,
            xOffset=alt.XOffset(f"{SERIES}:N"),
            y=alt.Y(f"{VALUE}:Q", title=title, axis=alt.Axis(format=",d")),
            color=color,
            tooltip=[
                alt.Tooltip(f"{ROW}:N", title=row_title),
                alt.Tooltip(f"{SERIES}:N", title=series_title),
                alt.Tooltip(f"{LABEL}:N", title=title),
            ],
        )
    )
    labels = (
        alt.Chart(frame)
        .mark_text(dy=-6)
        .encode(
            x=x,
            xOffset=alt.XOffset(f"{SERIES}:N"),
            y=alt.Y("Position:Q"),
            text=alt.Text(f"{LABEL}:N"),
        )
    )
    return (bars + labels).properties(height=260).configure(locale=GERMAN_LOCALE)


def stacked_hbar(
    frame: pd.DataFrame, *, title: str, row_title: str, series_title: str
) -> alt.Chart:
    """Horizontal bars per row label, stacked by series (Vermittlungen by result)."""
    order = list(dict.fromkeys(frame[ROW]))
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(f"sum({VALUE}):Q", title=title, axis=alt.Axis(format=",d")),
            y=alt.Y(f"{ROW}:N", sort=order, title=row_title, axis=alt.Axis(labelLimit=260)),
            color=alt.Color(f"{SERIES}:N", title=series_title),
            tooltip=[
                alt.Tooltip(f"{ROW}:N", title=row_title),
                alt.Tooltip(f"{SERIES}:N", title=series_title),
                alt.Tooltip(f"{LABEL}:N", title=title),
            ],
        )
        .properties(height=alt.Step(BAR_HEIGHT))
        .configure(locale=GERMAN_LOCALE)
    )
