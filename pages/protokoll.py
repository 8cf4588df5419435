"""Page „Protokoll“ (`protokoll?id=KIM-XAN-2026-0007`): the history of one case, oldest first."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from casebook.cases.history import case_history
from casebook.core.errors import AccessDenied
from casebook.storage.base import StorageError
from sheets_schema import AuditEntry, field_specs
from sheets_schema.enums import Town
from sheets_schema.sheets import CASE_ID_PATTERN
from sheets_schema.types import cell_text
from ui.feedback import show_error
from ui.session import AppContext, run_page

ID_KEY = "protokoll.id"


def _frame(entries: list[AuditEntry]) -> pd.DataFrame:
    specs = field_specs(AuditEntry)
    rows = []
    for entry in reversed(entries):  # newest first, as people read a history
        row: dict[str, object] = {}
        for spec in specs:
            value = getattr(entry, spec.name)
            row[spec.header] = value if spec.name == "timestamp" else cell_text(value)
        rows.append(row)
    return pd.DataFrame(rows, columns=[spec.header for spec in specs])


def main(ctx: AppContext) -> None:
    st.title("Protokoll")
    st.caption(
        "Jede Änderung, jedes Anlegen, jede Löschung und jeder Export eines Falls, mit Zeitpunkt, "
        "Person sowie altem und neuem Wert. Das Protokoll wird nur ergänzt, nie geändert."
    )
    if ID_KEY not in st.session_state:
        st.session_state[ID_KEY] = st.query_params.get("id", "")
    case_id = st.text_input("Fall-ID", placeholder="KIM-XAN-2026-0007", key=ID_KEY).strip()
    if not case_id:
        st.info("Bitte geben Sie eine Fall-ID ein oder öffnen Sie das Protokoll über einen Fall.")
        return
    st.query_params["id"] = case_id
    match = CASE_ID_PATTERN.match(case_id)
    # The town the Fall-ID names, also one the user does not work for: case_history then
    # refuses, and the refusal is noted in that town's Protokoll.
    source = ctx.owning_source(Town.from_code(match[1])) if match else None
    if source is None:
        st.warning(
            f"„{case_id}“ ist keine Fall-ID einer Ihrer Kommunen "
            f"({', '.join(t.value for t in ctx.towns)}). Bitte prüfen Sie die Eingabe."
        )
        return
    try:
        entries = case_history(source, ctx.actor, case_id)
    except (AccessDenied, StorageError) as error:
        show_error(error)
        return
    st.page_link(
        "pages/fall.py", label=f"Zum Fall {case_id}", icon=":material/folder_open:",
        query_params={"id": case_id},
    )  # fmt: skip
    if not entries:
        st.info(f"Für {case_id} gibt es keine Einträge im Protokoll von {source.town.value}.")
        return
    st.dataframe(
        _frame(entries),
        hide_index=True,
        width="stretch",
        column_config={
            "Zeitpunkt": st.column_config.DatetimeColumn("Zeitpunkt", format="DD.MM.YYYY HH:mm")
        },
        key="protokoll.tabelle",
    )


if __name__ == "__main__":
    run_page(main)
