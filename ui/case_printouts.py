"""On the case page: Fallblatt and Hilfeplan as PDF, made on request and noted in the Protokoll."""

from __future__ import annotations

import streamlit as st

from casebook.cases.documents import PDF_MIME, CaseDocument, DocumentKind, case_document
from casebook.core.errors import CasebookError
from casebook.storage.base import StorageError
from ui.auth import still_acting
from ui.feedback import show_error
from ui.loading import CaseLocation
from ui.session import AppContext

KEYS = {
    DocumentKind.CASE_SHEET: "fall.pdf.fallblatt",
    DocumentKind.SUPPORT_PLAN: "fall.pdf.hilfeplan",
}


def _create(ctx: AppContext, location: CaseLocation, kind: DocumentKind) -> None:
    if not still_acting(ctx.actor):
        return  # the run that follows signs the idle session out
    # A callback: it runs before the script, so a rerun cannot swallow the click.
    case_id = str(location.row.record_id)
    try:
        made: CaseDocument | Exception = case_document(
            location.source, ctx.actor, case_id, kind, ctx.today
        )
    except (CasebookError, StorageError) as error:
        made = error
    st.session_state[KEYS[kind]] = made


def _printout(ctx: AppContext, location: CaseLocation, kind: DocumentKind, help: str) -> None:
    key = KEYS[kind]
    case_id = str(location.row.record_id)
    st.button(
        f"{kind.value} (PDF)",
        icon=":material/print:",
        key=f"{key}.erstellen",
        help=help,
        on_click=_create,
        args=(ctx, location, kind),
    )
    made = st.session_state.get(key)
    if isinstance(made, Exception):
        del st.session_state[key]
        show_error(made)
    elif isinstance(made, CaseDocument) and f"-{case_id}-" in made.file_name:
        st.download_button(
            f"{made.file_name} herunterladen",
            made.data,
            file_name=made.file_name,
            mime=PDF_MIME,
            icon=":material/file_save:",
            key=f"{key}.download",
            on_click="ignore",
        )


def printouts_panel(ctx: AppContext, location: CaseLocation) -> None:
    """Two buttons that make the PDFs; each file is noted as an export in the Protokoll."""
    left, right, _ = st.columns([1, 1, 2])
    with left:
        _printout(
            ctx,
            location,
            DocumentKind.CASE_SHEET,
            "Alle Felder des Falls mit Kontakten, Zielen und Vermittlungen zum Drucken.",
        )
    with right:
        _printout(
            ctx,
            location,
            DocumentKind.SUPPORT_PLAN,
            "Die Ziele der Hilfeplanung mit Unterschriftenfeldern für Klient:in und Fallmanager:in.",
        )
