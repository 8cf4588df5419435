"""An onboarding report on screen: per worksheet the header row, the columns and a preview."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from casebook.onboarding.inspect import SheetReport, WorkbookReport
from casebook.onboarding.text import (
    header_row_text,
    recognition_text,
    sample_text,
    sheet_label,
    suggested_mapping,
)

# An own column's header hidden from a role without access to the town's personal data.
HIDDEN_HEADER = "(nicht angezeigt)"


def columns_frame(sheet: SheetReport, personal: bool) -> pd.DataFrame:
    """One line per column of the sheet: letter, header, how it was recognised, examples."""
    rows = []
    for column in sheet.columns:
        row = {
            "Spalte": column.match.letter,
            "Überschrift": column.match.header or HIDDEN_HEADER,
            "Erkannt als": recognition_text(column),
            "Nicht lesbar": column.problem_count,
        }
        if personal:
            row["Beispiele (getippt → gelesen)"] = sample_text(column)
        rows.append(row)
    return pd.DataFrame(rows)


def _sheet(sheet: SheetReport, personal: bool) -> None:
    st.subheader(f"Arbeitsblatt {sheet_label(sheet.sheet, sheet.name)}")
    if sheet.sheet is None:
        st.caption("Gehört nicht zur App und bleibt unberührt.")
        return
    st.caption(f"{header_row_text(sheet)} · {sheet.row_count} Datenzeilen")
    st.dataframe(columns_frame(sheet, personal), hide_index=True, width="stretch")
    if sheet.missing_required:
        st.warning(
            "Pflichtspalten fehlen: "
            + ", ".join(f"„{h}“" for h in sheet.missing_required)
            + ". Bitte ordnen Sie eine vorhandene Spalte zu oder legen Sie die Spalte an."
        )
    if sheet.missing:
        st.caption(
            "Ohne Spalte (die App fügt sie beim ersten Speichern hinten an): "
            + ", ".join(sheet.missing)
        )
    examples = [e for column in sheet.columns for e in column.examples]
    if examples and personal:
        with st.expander(f"Nicht lesbare Werte ({sum(c.problem_count for c in sheet.columns)})"):
            st.markdown("\n".join(f"- {example}" for example in examples))
    if sheet.preview and personal:
        with st.expander(
            f"Vorschau: die ersten {len(sheet.preview)} Zeilen, wie die App sie liest"
        ):
            st.dataframe(pd.DataFrame(list(sheet.preview)), hide_index=True, width="stretch")


def show_report(report: WorkbookReport, *, personal: bool) -> None:
    """The whole report; `personal` = False leaves out values (names, dates) of the rows."""
    recognised = sum(1 for s in report.sheets if s.sheet is not None)
    st.markdown(f"**{report.source}**: {recognised} Arbeitsblätter der App erkannt.")
    if report.missing_sheets:
        st.warning(
            "Es fehlen die Arbeitsblätter "
            + ", ".join(f"„{s.value}“" for s in report.missing_sheets)
            + ". Bitte mit Kopfzeile anlegen oder in der Zuordnung einem vorhandenen Blatt "
            "zuweisen."
        )
    if not personal:
        st.info(
            "Beispielwerte, Vorschau und die Überschriften eigener Spalten der Kommune sehen "
            "nur Fallmanager:innen dieser Kommune."
        )
    for sheet in report.sheets:
        _sheet(sheet, personal)
    st.subheader("Vorschlag für sources.toml")
    st.caption("Unter den [[town]]-Eintrag der Kommune setzen; Details in docs/onboarding.md.")
    st.code(suggested_mapping(report), language="toml")
