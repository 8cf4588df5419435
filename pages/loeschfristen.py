"""Page „Löschfristen“ (administration): closed cases past their deletion date, deleted on confirmation."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from casebook.core.errors import CasebookError
from casebook.core.sources import TownSource
from casebook.messages import error_message
from casebook.privacy.retention import (
    DueCase,
    HeldBack,
    delete_case,
    due_cases,
    held_back_cases,
    retention_years,
)
from casebook.storage.base import StorageError
from sheets_schema import SheetName
from ui.auth import still_acting
from ui.feedback import flash, show_flash
from ui.session import AppContext, run_page

CONFIRM_KEY = "loeschfristen.bestaetigt"
CHOICE_KEY = "loeschfristen.auswahl"


def _frame(due: list[tuple[str, DueCase]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Fall-ID": case.case_id,
                "Kommune": town,
                "Abschluss": case.closed_on,
                "Fällig seit": case.due_on,
                **{sheet.value: case.rows.get(sheet, 0) for sheet in SheetName},
            }
            for town, case in due
        ]
    )


def _delete(ctx: AppContext, years: int, chosen: dict[str, TownSource]) -> None:
    if not still_acting(ctx.actor):
        return  # the run that follows signs the idle session out
    # A callback: it runs once per click, before the page is drawn again without the cases.
    deleted = []
    for case_id, source in chosen.items():
        try:
            delete_case(source, ctx.actor, case_id, ctx.today, years=years)
            deleted.append(case_id)
        except (CasebookError, StorageError) as error:
            flash(f"{case_id}: {error_message(error)}", "error")
    if deleted:
        flash(f"Gelöscht: {', '.join(deleted)}.")
    st.session_state.pop(CONFIRM_KEY, None)
    st.session_state.pop(CHOICE_KEY, None)


def _held_back(town: str, cases: list[HeldBack]) -> None:
    if not cases:
        return
    listed = "; ".join(f"Zeile {case.row_number}: „{case.case_id or '(leer)'}“" for case in cases)
    st.warning(
        f"{town}: {len(cases)} fällige Fälle mit unvollständiger Fall-ID ({listed}) werden nicht "
        "angeboten, damit keine fremden Zeilen mitgelöscht werden. Bitte korrigieren Sie die "
        "Fall-ID in der Tabelle (Seite „Datenqualität“); danach erscheint der Fall hier."
    )


def main(ctx: AppContext) -> None:
    years = retention_years()
    st.title("Löschfristen")
    st.caption(
        f"Abgeschlossene Fälle sind am 31. Dezember des {years}. Jahres nach dem Abschluss zu "
        "löschen. Gelöscht werden der Fall, seine Kontakte, Ziele, Vermittlungen und seine "
        "Einträge im Protokoll; dort bleibt nur „Fall … gelöscht (Löschfrist)“."
    )
    show_flash()
    due: list[tuple[str, DueCase]] = []
    sources: dict[str, TownSource] = {}
    for source in ctx.sources:
        try:
            for case in due_cases(source, ctx.actor, ctx.today, years):
                due.append((source.town.value, case))
                sources[case.case_id] = source
            _held_back(source.town.value, held_back_cases(source, ctx.actor, ctx.today, years))
        except (CasebookError, StorageError) as error:
            st.error(f"{source.town.value}: {error_message(error)}")
    if not due:
        st.success("Zurzeit ist kein Fall zur Löschung fällig.")
        return
    st.dataframe(
        _frame(due),
        hide_index=True,
        width="stretch",
        column_config={
            "Abschluss": st.column_config.DateColumn("Abschluss", format="DD.MM.YYYY"),
            "Fällig seit": st.column_config.DateColumn("Fällig seit", format="DD.MM.YYYY"),
        },
        key="loeschfristen.tabelle",
    )
    chosen = st.multiselect(
        "Zu löschende Fälle",
        [case.case_id for _, case in due],
        placeholder="Fälle auswählen",
        key=CHOICE_KEY,
    )
    confirmed = st.checkbox(
        "Ich habe die Auswahl geprüft. Die Fälle werden endgültig aus den Tabellen gelöscht.",
        key=CONFIRM_KEY,
    )
    st.button(
        "Endgültig löschen",
        type="primary",
        disabled=not (chosen and confirmed),
        key="loeschfristen.loeschen",
        on_click=_delete,
        args=(ctx, years, {case_id: sources[case_id] for case_id in chosen}),
    )


if __name__ == "__main__":
    run_page(main)
