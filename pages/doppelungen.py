"""Page „Mögliche Doppelungen“: cases in the user's towns that may be the same person."""

from __future__ import annotations

import streamlit as st

from casebook.messages import storage_message
from ui.duplicates_view import column_config, duplicate_pairs, pairs_frame
from ui.layout import table_height
from ui.loading import load_towns
from ui.session import AppContext, run_page

MAX_HEIGHT = 600


def main(ctx: AppContext) -> None:
    st.title("Mögliche Doppelungen")
    st.caption(
        "Fälle, die vielleicht dieselbe Person betreffen – etwa nach einem Umzug von Moers nach "
        "Wesel. Verglichen werden Name (in jeder Schrift und Schreibweise), Geburtsdatum und "
        "Telefon. Die App führt nichts zusammen: Bitte öffnen Sie beide Fälle und entscheiden Sie."
    )
    loaded = load_towns(ctx)
    for failure in loaded.failures:
        st.error(f"{failure.town.value}: {storage_message(failure.error)}")
    if not loaded.data:
        st.info("Es ist keine Tabelle geladen.")
        return
    pairs = duplicate_pairs(loaded.data.values())
    across = st.checkbox(
        "Nur zwischen verschiedenen Kommunen",
        key="dup.kommunen",
        disabled=len(loaded.data) < 2,
        help="Zeigt nur Paare, deren Fälle in verschiedenen Kommunen stehen (Umzug).",
    )
    if across:
        pairs = [pair for pair in pairs if pair.left.town is not pair.right.town]
    towns = ", ".join(town.value for town in loaded.data)
    cases = sum(len(data.cases) for data in loaded.data.values())
    st.caption(f"{len(pairs)} mögliche Paare unter {cases} Fällen in {towns}.")
    if not pairs:
        st.success("Keine möglichen Doppelungen gefunden.")
        return
    frame = pairs_frame(pairs)
    st.dataframe(
        frame,
        hide_index=True,
        column_config=column_config(),
        height=table_height(len(frame), MAX_HEIGHT),
        width="stretch",
        key="dup.tabelle",
    )


if __name__ == "__main__":
    run_page(main)
