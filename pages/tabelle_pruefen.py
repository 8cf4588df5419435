"""Page „Tabelle prüfen“: how the app reads a town's existing spreadsheet, before it is used."""

from __future__ import annotations

import streamlit as st

from casebook.core.access import Attempt, may
from casebook.core.actors import Actor
from casebook.core.errors import AccessDenied
from casebook.onboarding.inspect import WorkbookReport, inspect_workbook_file, mapping_from_text
from casebook.onboarding.sheet_check import inspect_town
from casebook.storage.base import StorageError
from casebook.storage.mapping import MappingError
from sheets_schema.enums import Town
from ui.feedback import show_error
from ui.onboarding_view import show_report
from ui.session import AppContext, run_page

UPLOAD, CONFIGURED = "Datei hochladen", "Eingerichtete Tabelle"
REPORTS_KEY = "tp.berichte"  # the last check per town, until the session ends
MAPPING_HELP = (
    'Optional, wie in sources.toml, z. B.\n\n[town.mapping.columns."Fälle"]\n\n"Name" = "Nachname"'
)


def _upload(ctx: AppContext) -> None:
    upload = st.file_uploader(
        "Arbeitsmappe (.xlsx)",
        type=["xlsx"],
        key="tp.datei",
        help="Die Datei wird nur für diese Prüfung gelesen und nicht gespeichert.",
    )
    text = st.text_area("Zuordnung (TOML)", key="tp.zuordnung", help=MAPPING_HELP, height=120)
    if upload is None:
        st.info("Bitte wählen Sie eine Arbeitsmappe aus.")
        return
    try:
        mapping = mapping_from_text(text)
    except MappingError as error:
        st.error(f"{error} Bitte korrigieren Sie die Zuordnung.")
        return
    try:
        report = inspect_workbook_file(upload.getvalue(), upload.name, mapping)
    except StorageError as error:
        show_error(error)
        return
    show_report(report, personal=True)


def _configured(ctx: AppContext) -> None:
    if not ctx.sources:
        st.info("Es ist keine Tabelle eingerichtet.")
        return
    town = st.selectbox("Kommune", ctx.towns, format_func=lambda t: t.value, key="tp.kommune")
    st.caption(
        "Die Prüfung liest die ganze Tabelle der Kommune und wird in ihrem Protokoll vermerkt."
    )
    # Keyed by the actor too: in demo mode one browser session may switch roles.
    reports: dict[tuple[Actor, Town], WorkbookReport] = st.session_state.setdefault(REPORTS_KEY, {})
    key = (ctx.actor, town)
    if st.button("Tabelle prüfen", key="tp.pruefen", type="primary"):
        try:
            reports[key] = inspect_town(ctx.source(town), ctx.actor)
        except (AccessDenied, StorageError) as error:
            reports.pop(key, None)
            show_error(error)
            return
    report = reports.get(key)
    if report is None:
        st.info("Bitte klicken Sie auf „Tabelle prüfen“.")
        return
    show_report(report, personal=may(ctx.actor, town, Attempt.READ))


def main(ctx: AppContext) -> None:
    st.title("Tabelle prüfen")
    st.caption(
        "Zeigt, wie die App eine vorhandene Tabelle einer Kommune liest: Kopfzeile, erkannte "
        "Spalten, fehlende Spalten und nicht lesbare Werte – bevor die Tabelle genutzt wird. "
        "Eigene Spalten der Kommune bleiben erhalten und werden nie beschrieben."
    )
    if not any(may(ctx.actor, town, Attempt.INSPECT) for town in ctx.towns):
        st.warning("Diese Seite ist für Fallmanagement und Administration.")
        return
    kind = st.radio("Quelle", (UPLOAD, CONFIGURED), horizontal=True, key="tp.quelle")
    if kind == UPLOAD:
        _upload(ctx)
    else:
        _configured(ctx)


if __name__ == "__main__":
    run_page(main)
