"""A case's contacts, goals and referrals: a table each, a form for the chosen row, an add form."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

from casebook.cases.services import SaveResult, add_child
from casebook.core.town_data import RecordRow
from casebook.messages import check_label, problem_counts
from sheets_schema import SHEETS, FieldKind, SheetName, field_specs
from sheets_schema.enums import GoalStatus, ReferralResult
from sheets_schema.types import cell_text
from ui.case_table import CHECK_COLUMN
from ui.editor import record_creator, record_editor
from ui.feedback import note_created, show_note
from ui.forms import RecordForm, WidgetValue, widget_value
from ui.loading import CaseLocation
from ui.sections import single_section
from ui.session import AppContext

PREFIXES = {
    SheetName.CONTACTS: "kontakte",
    SheetName.GOALS: "ziele",
    SheetName.REFERRALS: "vermittlungen",
}


def new_defaults(sheet: SheetName, today: date) -> dict[str, WidgetValue]:
    """What a new contact, goal or referral starts with: today's date and the usual first status."""
    day = cell_text(today)
    if sheet is SheetName.CONTACTS:
        return {"date": day}
    if sheet is SheetName.GOALS:
        return {"agreed_on": day, "status": GoalStatus.OFFEN.value}
    return {"date": day, "result": ReferralResult.OFFEN.value}


def child_frame(sheet: SheetName, rows: Sequence[RecordRow]) -> pd.DataFrame:
    """The rows as shown in the table: every column but the Fall-ID, plus the check result."""
    spec = SHEETS[sheet]
    shown = [s for s in field_specs(spec.model) if s.name != spec.parent_field]
    records = []
    for row in rows:
        values: dict[str, object] = {}
        for field in shown:
            value = widget_value(field, row)
            values[field.header] = "; ".join(value) if isinstance(value, list) else value
        values[CHECK_COLUMN] = check_label(*problem_counts(row.problems))
        records.append(values)
    return pd.DataFrame.from_records(records, columns=[s.header for s in shown] + [CHECK_COLUMN])


def _column_config(sheet: SheetName) -> dict[str, ColumnConfig]:
    config: dict[str, ColumnConfig] = {}
    for field in field_specs(SHEETS[sheet].model):
        config[field.header] = st.column_config.TextColumn(
            field.header,
            help=field.help,
            width="large" if field.kind is FieldKind.LONG_TEXT else None,
        )
    return config


def child_section(ctx: AppContext, location: CaseLocation, sheet: SheetName) -> None:
    spec = SHEETS[sheet]
    prefix = PREFIXES[sheet]
    case_id = str(location.row.record_id)
    rows = location.data.children(sheet, case_id)
    selected: RecordRow | None = None
    if rows:
        event = st.dataframe(
            child_frame(sheet, rows),
            hide_index=True,
            column_config=_column_config(sheet),
            on_select="rerun",
            selection_mode="single-row",
            key=f"{prefix}.tabelle.{case_id}",  # a new case starts without a chosen row
            width="stretch",
        )
        chosen = event.selection.rows if event is not None else []
        if chosen:
            selected = rows[chosen[0]]
        else:
            st.caption("Zum Bearbeiten eine Zeile anklicken.")
    else:
        st.caption(f"Noch keine {spec.label_plural}.")
    case_ids = location.data.case_ids()
    if selected is not None:
        st.markdown(f"**{spec.label_singular} {selected.record_id} bearbeiten**")
        # Widget keys per record: if the sheet was sorted meanwhile and the table's selection now
        # points to another row, that row gets its own form instead of the input typed for the first.
        form = RecordForm(
            f"{prefix}.edit.{selected.record_id}",
            spec.model,
            single_section(spec.model, with_system=True),
        )
        record_editor(
            ctx,
            location.source,
            selected,
            form,
            case_ids,
            what=f"{spec.label_singular} {selected.record_id}",
        )
    with st.expander(f"{spec.label_singular} hinzufügen", expanded=not rows):
        _add_form(ctx, location, sheet, case_id)
    # After adding, the expander may close; the confirmation stays where the user was.
    show_note(f"{prefix}.neu")


def _add_form(ctx: AppContext, location: CaseLocation, sheet: SheetName, case_id: str) -> None:
    spec = SHEETS[sheet]
    form = RecordForm(
        f"{PREFIXES[sheet]}.neu", spec.model, single_section(spec.model, with_system=False)
    )

    def create(values: dict[str, object]) -> SaveResult:
        return add_child(
            location.source,
            ctx.actor,
            sheet,
            case_id,
            values,
            ctx.today,
            case_row=location.row.row_number,
        )

    def created(result: SaveResult) -> None:
        text = f"{spec.label_singular} {result.record_id} hinzugefügt."
        # Shown below the add form in this same run (the add ran in the button's callback).
        note_created(f"{PREFIXES[sheet]}.neu", text, result)

    record_creator(
        form,
        ctx.actor,
        new_defaults(sheet, ctx.today),
        create,
        created,
        submit_label=f"{spec.label_singular} hinzufügen",
    )
