"""The check before a new case is created: likely existing matches, and the user's decision."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from casebook.cases.services import SaveResult
from casebook.duplicates.cases import LikelyDuplicates, check_new_case
from casebook.duplicates.matching import DuplicateIndex, DuplicatePair
from sheets_schema.enums import Town
from ui.case_table import case_link
from ui.duplicates_view import evidence_text

SEEN_KEY = "neu.__duplicates"
CONFIRM_KEY = "neu.trotzdem"
CONFIRM_LABEL = "Trotzdem anlegen – es ist eine andere Person"
LINK = "_link"

Create = Callable[[dict[str, object]], SaveResult]


def _seen() -> list[DuplicatePair]:
    seen = st.session_state.get(SEEN_KEY)
    return seen if isinstance(seen, list) else []


def guarded(create: Create, index: DuplicateIndex, town: Town) -> Create:
    """`create`, run only when no likely duplicate is left that the user has not confirmed."""

    def run(values: dict[str, object]) -> SaveResult:
        confirmed = (
            {m.right.case_id for m in _seen()} if st.session_state.get(CONFIRM_KEY) else set()
        )
        try:
            check_new_case(index, town, values, confirmed)
        except LikelyDuplicates as error:
            if {m.right.case_id for m in error.matches} - confirmed:
                # New matches need a new decision (the checkbox is drawn after this runs).
                st.session_state[CONFIRM_KEY] = False
            st.session_state[SEEN_KEY] = error.matches
            raise
        result = create(values)
        forget_check()
        return result

    return run


def forget_check() -> None:
    st.session_state.pop(SEEN_KEY, None)
    st.session_state.pop(CONFIRM_KEY, None)


def matches_frame(matches: list[DuplicatePair]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                LINK: case_link(m.right.case_id),
                "Name": m.right.display_name,
                "Kommune": m.right.town.value,
                "Geburtsdatum": m.right.birth_date.strftime("%d.%m.%Y")
                if m.right.birth_date
                else "",
                "Einschätzung": m.level,
                "Übereinstimmung": evidence_text(m),
            }
            for m in matches
        ]
    )


def show_matches() -> None:
    """The matches of the last attempt with links to the cases, and the box to go ahead."""
    matches = _seen()
    if not matches:
        return
    st.warning(
        f"**Diese Person ist vielleicht schon erfasst** ({len(matches)} Treffer in Ihren "
        "Kommunen). Bitte öffnen Sie die Fälle und prüfen Sie. Die App führt nichts zusammen."
    )
    st.dataframe(
        matches_frame(matches),
        hide_index=True,
        width="stretch",
        column_config={LINK: st.column_config.LinkColumn("Fall-ID", display_text=r"id=(.*)$")},
        key="neu.treffer",
    )
    st.checkbox(CONFIRM_LABEL, key=CONFIRM_KEY, help="Danach erneut „Fall anlegen“ klicken.")
