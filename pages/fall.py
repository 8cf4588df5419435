"""Page „Fall“ (`fall?id=KIM-XAN-2026-0007`): all fields of a case, its contacts, goals, referrals."""

from __future__ import annotations

import streamlit as st

from casebook.core.errors import AccessDenied
from casebook.messages import error_message, storage_message
from sheets_schema import CHILD_SHEETS, SHEETS, Case, SheetName, header_of
from ui.case_moves import moves_panel
from ui.case_printouts import printouts_panel
from ui.case_privacy import privacy_panel
from ui.children import child_section
from ui.editor import record_editor
from ui.feedback import show_flash
from ui.forms import RecordForm
from ui.loading import locate_case, moved_case
from ui.sections import CASE_SECTIONS
from ui.session import AppContext, run_page

CASE_FORM = RecordForm("fall", Case, CASE_SECTIONS)


def _ask_for_id() -> None:
    st.title("Fall")
    st.info("Bitte wählen Sie einen Fall in der Liste oder geben Sie eine Fall-ID ein.")
    typed = st.text_input(
        header_of(Case, "case_id"), placeholder="KIM-XAN-2026-0007", key="fall.suche_id"
    )
    if typed.strip():
        st.query_params["id"] = typed.strip()
        st.rerun()


def main(ctx: AppContext) -> None:
    st.page_link("pages/faelle.py", label="Zurück zur Fallliste", icon=":material/arrow_back:")
    case_id = st.query_params.get("id", "").strip()
    if not case_id:
        _ask_for_id()
        return
    try:
        location, failures = locate_case(ctx, case_id)
    except AccessDenied as error:
        st.title(f"Fall {case_id}")
        st.error(error_message(error))
        return
    if location is None:
        st.title(f"Fall {case_id}")
        for failure in failures:
            st.error(f"{failure.town.value}: {storage_message(failure.error)}")
        moved = moved_case(ctx, case_id)
        if moved is not None:
            st.info(f"Der Fall {case_id} wurde übergeben und heißt jetzt {moved}.")
            st.page_link("pages/fall.py", label=f"Fall {moved} öffnen", query_params={"id": moved})
            return
        st.warning(
            f"Die Fall-ID „{case_id}“ wurde in keiner geladenen Tabelle gefunden. Bitte prüfen "
            "Sie die ID oder suchen Sie den Fall in der Liste."
        )
        return
    case = location.row.record
    name = ", ".join(part for part in (case.last_name, case.first_name) if part)
    st.title(f"Fall {case_id}")
    st.caption(
        " · ".join(
            part
            for part in (
                name,
                location.data.town.value,
                case.status.value if case.status else None,
                f"Zeile {location.row.row_number} in {location.source.store.label}",
            )
            if part
        )
    )
    show_flash()
    privacy_panel(ctx, location)
    printouts_panel(ctx, location)
    record_editor(
        ctx,
        location.source,
        location.row,
        CASE_FORM,
        location.data.case_ids(),
        what=f"{SHEETS[SheetName.CASES].label_singular} {case_id}",
    )
    moves_panel(ctx, location)
    for sheet in CHILD_SHEETS:
        count = len(location.data.children(sheet, case_id))
        st.header(f"{SHEETS[sheet].label_plural} ({count})")
        child_section(ctx, location, sheet)


if __name__ == "__main__":
    run_page(main)
