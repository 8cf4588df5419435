"""On the case page: the consent warning, the link to the case's Protokoll, the Art. 15 export."""

from __future__ import annotations

import streamlit as st

from casebook.core.errors import CasebookError
from casebook.privacy.access_request import AccessExport, export_case_data
from casebook.privacy.consent import consent_problem
from casebook.storage.base import StorageError
from ui.auth import still_acting
from ui.feedback import show_error
from ui.loading import CaseLocation
from ui.session import AppContext

EXPORT_KEY = "fall.auskunft.datei"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def consent_warning(location: CaseLocation) -> None:
    problem = consent_problem(location.row)
    if problem is not None:
        st.warning(f"**Einwilligung:** {problem.message}", icon=":material/gpp_maybe:")


def _create_export(ctx: AppContext, location: CaseLocation, case_id: str) -> None:
    if not still_acting(ctx.actor):
        return  # the run that follows signs the idle session out
    # A callback: it runs before the script, so a rerun cannot swallow the click.
    try:
        st.session_state[EXPORT_KEY] = export_case_data(location.source, ctx.actor, case_id)
    except (CasebookError, StorageError) as error:
        st.session_state[EXPORT_KEY] = error


def _export(ctx: AppContext, location: CaseLocation, case_id: str) -> None:
    st.button(
        "Auskunft nach Art. 15 DSGVO",
        icon=":material/download:",
        key="fall.auskunft",
        help="Alle gespeicherten Zeilen zu dieser Person und ihre Protokolleinträge als .xlsx; "
        "die Auskunft wird im Protokoll vermerkt.",
        on_click=_create_export,
        args=(ctx, location, case_id),
    )
    export = st.session_state.get(EXPORT_KEY)
    if isinstance(export, Exception):
        del st.session_state[EXPORT_KEY]
        show_error(export)
    elif isinstance(export, AccessExport) and export.case_id == case_id:
        st.download_button(
            f"{export.file_name} herunterladen",
            export.data,
            file_name=export.file_name,
            mime=XLSX_MIME,
            icon=":material/file_save:",
            key="fall.auskunft.download",
            on_click="ignore",
        )
        st.caption(
            "Erstellt und im Protokoll vermerkt. Bitte geben Sie die Datei nur der Person selbst."
        )


def privacy_panel(ctx: AppContext, location: CaseLocation) -> None:
    """Consent warning, then the case's Protokoll link and the access-request export."""
    case_id = str(location.row.record_id)
    consent_warning(location)
    left, right = st.columns([1, 3], vertical_alignment="top")
    left.page_link(
        "pages/protokoll.py",
        label="Protokoll dieses Falls",
        icon=":material/history:",
        query_params={"id": case_id},
    )
    with right:
        _export(ctx, location, case_id)
