"""On the case page: hand the case to a colleague, or transfer it to another town."""

from __future__ import annotations

import streamlit as st

from casebook.cases.handover import hand_over_case
from casebook.cases.transfer import transfer_case
from casebook.core.errors import CasebookError
from casebook.messages import error_message
from casebook.storage.base import StorageError
from sheets_schema.enums import Town
from ui.auth import still_acting
from ui.feedback import flash
from ui.loading import CaseLocation
from ui.session import AppContext

ERROR_KEY = "fall.uebergabe.fehler"


def _colleagues(location: CaseLocation) -> list[str]:
    names = {" ".join((row.record.case_manager or "").split()) for row in location.data.cases} - {
        ""
    }
    return sorted(names, key=str.casefold)


def _hand_over(ctx: AppContext, location: CaseLocation) -> None:
    if not still_acting(ctx.actor):
        return  # the run that follows signs the idle session out
    # A callback: it runs before the script, so the page shows the new state at once.
    name = str(st.session_state.get("fall.uebergabe.name") or "")
    try:
        saved = hand_over_case(location.source, ctx.actor, location.row, name)
    except (CasebookError, StorageError) as error:
        st.session_state[ERROR_KEY] = error_message(error)
        return
    flash(f"Der Fall ist an {saved} übergeben; das Protokoll vermerkt die Übergabe.")


def _transfer(ctx: AppContext, location: CaseLocation, target: Town) -> None:
    if not still_acting(ctx.actor):
        return  # the run that follows signs the idle session out
    case_id = str(location.row.record_id)
    try:
        result = transfer_case(
            location.source,
            ctx.source(target),
            ctx.actor,
            case_id,
            ctx.today,
            client_agreed=bool(st.session_state.get("fall.umzug.zustimmung")),
            new_manager=str(st.session_state.get("fall.umzug.fallmanager") or "").strip() or None,
        )
    except (CasebookError, StorageError) as error:
        st.session_state[ERROR_KEY] = error_message(error)
        return
    st.query_params["id"] = result.new_case_id
    flash(
        f"Der Fall {case_id} ist jetzt Fall {result.new_case_id} in {target.value}, mit allen "
        f"Kontakten, Zielen, Vermittlungen und dem Protokoll. In {location.data.town.value} "
        "wurde er entfernt; beide Protokolle vermerken die Übergabe."
    )


def _handover_form(ctx: AppContext, location: CaseLocation) -> None:
    st.markdown("**An eine Kollegin oder einen Kollegen übergeben**")
    st.text_input(
        "Neue:r Fallmanager:in",
        key="fall.uebergabe.name",
        placeholder=", ".join(_colleagues(location)[:3]),
        help="Bisher: " + (location.row.record.case_manager or "niemand eingetragen"),
    )
    st.button("Fall übergeben", key="fall.uebergabe.los", on_click=_hand_over, args=(ctx, location))


def _transfer_form(ctx: AppContext, location: CaseLocation) -> None:
    st.markdown("**An eine andere Kommune übergeben (Umzug)**")
    here = location.data.town
    targets = [town for town in ctx.towns if town is not here and ctx.actor.may_edit(town)]
    if not targets:
        st.caption(
            "Für eine Übergabe an eine andere Kommune brauchen Sie Zugriff auf beide Kommunen. "
            "Bitte wenden Sie sich an die Koordination."
        )
        return
    target = st.selectbox(
        "Neue Kommune", targets, format_func=lambda town: town.value, key="fall.umzug.ziel"
    )
    st.text_input("Fallmanager:in dort (optional)", key="fall.umzug.fallmanager")
    st.checkbox(
        "Die Person hat der Übermittlung ihrer Daten an die neue Kommune zugestimmt.",
        key="fall.umzug.zustimmung",
    )
    st.caption(
        "Der Fall bekommt dort eine neue Fall-ID; die bisherige wird als „Frühere Fall-ID“ "
        f"vermerkt. Erst wenn er dort sicher angekommen ist, wird er in {here.value} entfernt."
    )
    st.button(
        f"Fall an {target.value} übergeben",
        key="fall.umzug.los",
        type="primary",
        on_click=_transfer,
        args=(ctx, location, target),
    )


def moves_panel(ctx: AppContext, location: CaseLocation) -> None:
    """An expander with both kinds of handover and the message of a failed one."""
    failed = st.session_state.pop(ERROR_KEY, None)
    with st.expander("Fall übergeben", icon=":material/move_item:", expanded=failed is not None):
        if failed:
            st.error(failed)
        left, right = st.columns(2)
        with left:
            _handover_form(ctx, location)
        with right:
            _transfer_form(ctx, location)
