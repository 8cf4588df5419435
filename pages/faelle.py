"""Page „Fälle“: the list of cases with filters, one search box and links to each case."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

from casebook.core.access import Attempt
from casebook.messages import storage_message
from casebook.search.cases import search_towns
from sheets_schema import Case, field_by_name, header_of
from ui.case_table import (
    CHECK_COLUMN,
    ERRORS,
    HIT_COLUMN,
    LINK,
    WARNINGS,
    CaseFilters,
    case_managers,
    combine,
    filter_cases,
    visible_columns,
)
from ui.feedback import show_flash
from ui.layout import table_height
from ui.loading import cases_table, load_towns, search_index
from ui.session import AppContext, run_page

SEARCH_LIMIT = 200
TABLE_HEIGHT = 560


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _column_config() -> dict[str, ColumnConfig]:
    specs = field_by_name(Case)
    config: dict[str, ColumnConfig] = {
        LINK: st.column_config.LinkColumn(
            header_of(Case, "case_id"),
            display_text=r"id=(.*)$",
            help="Öffnet den Fall (auch als Lesezeichen nutzbar)",
        ),
        CHECK_COLUMN: st.column_config.TextColumn(
            CHECK_COLUMN, help="Fehler verhindern das Speichern, Hinweise nicht", width=130
        ),
        HIT_COLUMN: st.column_config.TextColumn(HIT_COLUMN, help="Was zur Suche gepasst hat"),
    }
    for name in ("birth_date", "follow_up"):
        spec = specs[name]
        config[spec.header] = st.column_config.DateColumn(
            spec.header, format="DD.MM.YYYY", help=spec.help
        )
    for name in ("town", "last_name", "first_name", "status", "phase", "case_manager"):
        spec = specs[name]
        config[spec.header] = st.column_config.TextColumn(spec.header, help=spec.help)
    return config


def _filters(ctx: AppContext, frame: pd.DataFrame, query: str) -> CaseFilters:
    specs = field_by_name(Case)
    columns = st.columns([1.1, 1.1, 1.3, 1.6, 1.3])
    towns = ctx.towns
    with columns[0]:
        chosen_towns = st.multiselect(
            specs["town"].header,
            towns,
            format_func=lambda town: town.value,
            placeholder="Alle",
            key="faelle.kommune",
            disabled=len(towns) < 2,
        )
    with columns[1]:
        statuses = st.multiselect(
            specs["status"].header, specs["status"].options, placeholder="Alle", key="faelle.status"
        )
    with columns[2]:
        managers = st.multiselect(
            specs["case_manager"].header,
            case_managers(frame),
            placeholder="Alle",
            key="faelle.fallmanager",
        )
    with columns[3]:
        fields = st.multiselect(
            specs["fields_of_action"].header,
            specs["fields_of_action"].options,
            placeholder="Alle",
            key="faelle.handlungsfeld",
        )
    with columns[4]:
        due = st.checkbox(
            f"{specs['follow_up'].header} fällig",
            key="faelle.faellig",
            help="Wiedervorlage heute oder früher, Fall nicht abgeschlossen",
        )
        only_errors = st.checkbox("Nur mit Fehlern", key="faelle.fehler")
    hits = None
    if query.strip():
        loaded = load_towns(ctx, chosen_towns or None, Attempt.SEARCH)
        indexes = {town: search_index(data, ctx.today) for town, data in loaded.data.items()}
        hits = search_towns(indexes, query, limit=SEARCH_LIMIT)
    return CaseFilters(
        towns=chosen_towns,
        statuses=statuses,
        case_managers=managers,
        fields_of_action=fields,
        follow_up_due=due,
        only_errors=only_errors,
        hits=hits,
    )


def main(ctx: AppContext) -> None:
    show_flash()
    title, new = st.columns([5, 1], vertical_alignment="bottom")
    title.title("Fälle")
    new.page_link("pages/neuer_fall.py", label="Neuer Fall", icon=":material/add:")
    loaded = load_towns(ctx)
    for failure in loaded.failures:
        st.error(f"{failure.town.value}: {storage_message(failure.error)}")
    if not loaded.data:
        st.info("Es ist keine Tabelle geladen. Bitte prüfen Sie die Meldungen oben.")
        return
    frame = combine([cases_table(data, ctx.today) for data in loaded.data.values()])
    query = st.text_input(
        "Suche",
        placeholder="Name, Fall-ID, Telefon oder Geburtsdatum (TT.MM.JJJJ)",
        key="faelle.suche",
        help="Findet Namen auch in anderer Schreibweise: Müller = Mueller = muller.",
    )
    view = filter_cases(frame, _filters(ctx, frame, query))
    with_errors = int((view[ERRORS] > 0).sum())
    with_warnings = int(((view[ERRORS] == 0) & (view[WARNINGS] > 0)).sum())
    st.caption(
        f"{_number(len(view))} von {_number(len(frame))} Fällen · "
        f"{_number(with_errors)} mit Fehlern · {_number(with_warnings)} nur mit Hinweisen · "
        "Klick auf die Fall-ID oder eine Zeile öffnet den Fall."
    )
    if view.empty:
        what = f"zu „{query.strip()}“ und " if query.strip() else "zu "
        st.info(f"Kein Fall passt {what}den gewählten Filtern.")
        return
    event = st.dataframe(
        view[visible_columns(view)],
        hide_index=True,
        column_config=_column_config(),
        on_select="rerun",
        selection_mode="single-row",
        key="faelle.tabelle",
        height=table_height(len(view), TABLE_HEIGHT),
        width="stretch",
    )
    rows = event.selection.rows if event is not None else []
    if rows:
        case_id = str(view.iloc[rows[0]]["_case_id"])
        if case_id:
            st.switch_page("pages/fall.py", query_params={"id": case_id})


if __name__ == "__main__":
    run_page(main)
