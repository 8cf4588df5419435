"""Page „Datenqualität“: every rule violation in the user's towns, grouped by rule and column."""

from __future__ import annotations

import streamlit as st

from casebook.cases.quality import findings_of, group_findings, severity_counts
from casebook.messages import storage_message
from sheets_schema import Severity
from ui.findings_table import column_config, findings_frame
from ui.layout import table_height
from ui.loading import load_towns
from ui.session import AppContext, run_page

ALL = "Alle"
CHOICES = {
    ALL: (Severity.ERROR, Severity.WARNING),
    "Nur Fehler": (Severity.ERROR,),
    "Nur Hinweise": (Severity.WARNING,),
}
MAX_HEIGHT = 420


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def main(ctx: AppContext) -> None:
    st.title("Datenqualität")
    st.caption(
        "Alles, was gegen die Regeln verstößt – auch was direkt in die Tabelle getippt wurde. "
        "Fehler verhindern das Speichern des Falls, Hinweise nicht. Der Link öffnet den Fall."
    )
    loaded = load_towns(ctx)
    for failure in loaded.failures:
        st.error(f"{failure.town.value}: {storage_message(failure.error)}")
    for town, data in loaded.data.items():
        for sheet in data.missing_sheets:
            st.warning(f"{town.value}: Das Arbeitsblatt „{sheet}“ fehlt in {data.source}.")
    left, right = st.columns([2, 3], vertical_alignment="bottom")
    with left:
        choice = st.radio("Schwere", list(CHOICES), horizontal=True, key="dq.schwere")
    with right:
        towns = st.multiselect(
            "Kommune",
            list(loaded.data),
            format_func=lambda town: town.value,
            placeholder="Alle",
            key="dq.kommune",
            disabled=len(loaded.data) < 2,
        )
    findings = [
        finding
        for town, data in loaded.data.items()
        if not towns or town in towns
        for finding in findings_of(data)
    ]
    counts = severity_counts(group_findings(findings))
    groups = group_findings(findings, CHOICES[choice])
    st.caption(
        f"{_number(counts[Severity.ERROR])} Fehler · {_number(counts[Severity.WARNING])} "
        f"Hinweise · {len(groups)} Gruppen nach Regel und Spalte"
    )
    if not groups:
        st.success("Keine Befunde – die Tabellen halten alle Regeln ein.")
        return
    for index, group in enumerate(groups):
        icon = ":material/error:" if group.severity is Severity.ERROR else ":material/warning:"
        label = f"{group.severity.value}: {group.title} ({_number(group.count)})"
        with st.expander(label, icon=icon, expanded=index == 0):
            frame = findings_frame(group)
            st.dataframe(
                frame,
                hide_index=True,
                column_config=column_config(),
                height=table_height(len(frame), MAX_HEIGHT),
                width="stretch",
                key=f"dq.gruppe.{index}",
            )


if __name__ == "__main__":
    run_page(main)
