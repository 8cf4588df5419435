"""The edit and add forms of a page: act on the user's button, call the use case, draw the form."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

from casebook.cases.services import SaveResult, save_record
from casebook.core.sources import TownSource
from casebook.core.town_data import RecordRow
from ui.editing import (
    EditSession,
    Outcome,
    attempt,
    changed_text,
    live_problems,
    request,
    take_action,
)
from ui.feedback import problem_summary, show_outcome
from ui.forms import RecordForm, WidgetValue
from ui.session import AppContext

SAVE, RELOAD, RELOAD_KEEP, CREATE = "save", "reload", "reload_keep", "create"


def _conflict_actions(prefix: str) -> None:
    left, right = st.columns(2)
    left.button(
        "Aktuelle Version laden und meine Änderungen übernehmen",
        key=f"{prefix}.reload_keep",
        on_click=request,
        args=(prefix, RELOAD_KEEP),
        help="Lädt die Zeile neu und setzt Ihre geänderten Felder wieder ein; "
        "bitte prüfen und erneut speichern.",
    )
    right.button(
        "Aktuelle Version laden (meine Eingaben verwerfen)",
        key=f"{prefix}.reload",
        on_click=request,
        args=(prefix, RELOAD),
    )


def record_editor(
    ctx: AppContext,
    source: TownSource,
    row: RecordRow,
    form: RecordForm,
    case_ids: set[str],
    *,
    what: str,
    columns: int = 3,
) -> None:
    """Edit an existing row: a conflict or an invalid input never loses what the user typed."""
    edit = EditSession(form)
    action = take_action(form.prefix)
    if action == RELOAD:
        edit.start(row)
        edit.outcome = None
    elif action == RELOAD_KEEP:
        edit.rebase(row)
        edit.outcome = None
    changed_meanwhile = edit.sync(row)
    if action == SAVE and edit.base is not None:
        base = edit.base
        outcome = attempt(
            lambda: save_record(source, ctx.actor, base, form.values(), ctx.today, case_ids),
            changed_text,
        )
        edit.outcome = outcome
        if outcome.ok:
            # The page runs again to show the saved row; the message stays with the form.
            edit.refill_next_run()
            st.rerun()
    base = edit.base or row
    problems = live_problems(base, form.values(), ctx.today, case_ids)
    problem_summary(problems, what=what)
    with st.form(key=f"{form.prefix}.form", border=True, enter_to_submit=False):
        form.render(problems, columns=columns)
        st.form_submit_button(
            "Speichern",
            type="primary",
            key=f"{form.prefix}.submit",
            on_click=request,
            args=(form.prefix, SAVE),
        )
    # Right below the button the user just pressed, not at the top of a long page.
    shown = edit.outcome
    show_outcome(shown)
    if shown is not None and shown.conflict is not None:
        _conflict_actions(form.prefix)
    elif changed_meanwhile:
        st.warning(
            f"{what} wurde inzwischen in der Tabelle geändert. Ihre Eingaben sind noch da; "
            "beim Speichern sehen Sie, was sich geändert hat."
        )
        _conflict_actions(form.prefix)


def record_creator(
    form: RecordForm,
    defaults: Mapping[str, WidgetValue],
    create: Callable[[dict[str, object]], SaveResult],
    on_created: Callable[[SaveResult], None],
    *,
    submit_label: str,
    columns: int = 3,
) -> None:
    """Add a new row; problems are shown after the first attempt, the input stays on failure."""
    outcome_key = f"{form.prefix}.__outcome"
    if not form.is_filled():
        form.fill(None, defaults)
    if take_action(form.prefix) == CREATE:
        values = form.values()
        outcome = attempt(lambda: create(values), lambda result: result.record_id)
        if outcome.ok and outcome.result is not None:
            st.session_state.pop(outcome_key, None)
            form.forget()
            on_created(outcome.result)
            return
        st.session_state[outcome_key] = outcome
    last = st.session_state.get(outcome_key)
    problems = last.problems if isinstance(last, Outcome) else ()
    with st.form(key=f"{form.prefix}.form", border=True, enter_to_submit=False):
        form.render(problems, columns=columns)
        st.form_submit_button(
            submit_label,
            type="primary",
            key=f"{form.prefix}.submit",
            on_click=request,
            args=(form.prefix, CREATE),
        )
    # Below the button, where the user is.
    show_outcome(last if isinstance(last, Outcome) else None)
