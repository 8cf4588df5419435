"""Page „Neuer Fall“: choose the town, see the Fall-ID it will probably get, fill in, create."""

from __future__ import annotations

import streamlit as st

from casebook.cases.services import SaveResult, create_case, preview_case_id
from casebook.core.access import Attempt, may
from casebook.storage.base import StorageError
from sheets_schema import Case, header_of
from sheets_schema.enums import CaseStatus
from ui.duplicate_check import guarded, show_matches
from ui.duplicates_view import shared_index
from ui.editor import record_creator
from ui.feedback import flash_created, show_error
from ui.forms import RecordForm
from ui.loading import load, load_towns
from ui.sections import CASE_SECTIONS, without_system
from ui.session import AppContext, run_page

NEW_CASE_FORM = RecordForm("neu", Case, without_system(Case, CASE_SECTIONS))


def main(ctx: AppContext) -> None:
    st.page_link("pages/faelle.py", label="Zurück zur Fallliste", icon=":material/arrow_back:")
    st.title("Neuer Fall")
    towns = [town for town in ctx.towns if may(ctx.actor, town, Attempt.CREATE)]
    if not towns:
        st.warning("Sie dürfen in keiner Kommune Fälle anlegen.")
        return
    town = st.selectbox(
        header_of(Case, "town"),
        towns,
        format_func=lambda t: t.value,
        key="neu.kommune",
        disabled=len(towns) == 1,
    )
    source = ctx.source(town)
    try:
        data = load(source, ctx.actor, ctx.today)
    except StorageError as error:
        show_error(error)
        return
    st.info(
        f"Der Fall erhält voraussichtlich die {header_of(Case, 'case_id')} "
        f"**{preview_case_id(data, ctx.today)}** (endgültig beim Anlegen vergeben)."
    )

    def create(values: dict[str, object]) -> SaveResult:
        return create_case(source, ctx.actor, values, ctx.today)

    # Likely existing matches in all the user's towns are shown before anything is written.
    index = shared_index(load_towns(ctx).data.values())
    matches = st.container()

    def created(result: SaveResult) -> None:
        flash_created(f"Fall {result.record_id} angelegt.", result)
        st.switch_page("pages/fall.py", query_params={"id": result.record_id})

    record_creator(
        NEW_CASE_FORM,
        ctx.actor,
        {"status": CaseStatus.ANFRAGE.value, "case_manager": ctx.actor.name},
        guarded(create, index, town),
        created,
        submit_label="Fall anlegen",
    )
    with matches:
        show_matches()


if __name__ == "__main__":
    run_page(main)
