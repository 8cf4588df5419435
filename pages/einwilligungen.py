"""Page „Einwilligungen“: cases with personal data but no consent, or whose consent was withdrawn."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from casebook.messages import storage_message
from casebook.privacy.consent import gaps_in
from sheets_schema import Case, header_of
from ui.case_table import case_link
from ui.loading import load_towns
from ui.session import AppContext, run_page


def main(ctx: AppContext) -> None:
    st.title("Einwilligungen")
    st.caption(
        "Fälle mit personenbezogenen Daten ohne Datum der Einwilligung oder nach einem "
        "Widerruf. Bitte holen Sie die Einwilligung ein oder prüfen Sie, welche Daten gelöscht "
        "werden müssen."
    )
    loaded = load_towns(ctx)
    for failure in loaded.failures:
        st.error(f"{failure.town.value}: {storage_message(failure.error)}")
    rows = []
    for town, data in loaded.data.items():
        for gap in gaps_in(data):
            case = gap.row.record
            rows.append(
                {
                    header_of(Case, "case_id"): case_link(gap.case_id),
                    header_of(Case, "town"): town.value,
                    "Name": ", ".join(p for p in (case.last_name, case.first_name) if p),
                    header_of(Case, "status"): case.status.value if case.status else "",
                    "Hinweis": gap.problem.message,
                }
            )
    if not rows:
        st.success("Für alle Fälle liegt eine Einwilligung vor.")
        return
    withdrawn = sum(1 for row in rows if "widerrufen" in str(row["Hinweis"]))
    st.markdown(f"**{len(rows)} Fälle**, davon {withdrawn} mit widerrufener Einwilligung.")
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        width="stretch",
        column_config={
            header_of(Case, "case_id"): st.column_config.LinkColumn(
                header_of(Case, "case_id"), display_text=r"id=(.*)$"
            )
        },
        key="einwilligungen.tabelle",
    )


if __name__ == "__main__":
    run_page(main)
