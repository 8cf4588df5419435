"""The edit and add forms of a page: act on the user's button, call the use case, draw the form."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

import streamlit as st

from casebook.cases.services import SaveResult, save_record
from casebook.core.actors import Actor
from casebook.core.sources import TownSource
from casebook.core.town_data import RecordRow
from ui.auth import still_acting
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

RELOAD, RELOAD_KEEP = "reload", "reload_keep"


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


def _save(
    form: RecordForm, actor: Actor, source: TownSource, today: date, case_ids: set[str]
) -> None:
    """Speichern's callback: it runs before the script, with the form's input already in the
    session, so the one run that follows shows the saved row and the message (no second run)."""
    edit = EditSession(form)
    base = edit.base
    if base is None or not still_acting(actor):
        return  # the run that follows signs an idle session out; nothing is saved for it
    values = form.values()
    outcome = attempt(
        lambda: save_record(source, actor, base, values, today, case_ids), changed_text
    )
    edit.outcome = outcome
    if outcome.ok:
        # The town followed the save in place, so the run shows the row as written.
        edit.refill_next_run()


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
    base = edit.base or row
    problems = live_problems(base, form.values(), ctx.today, case_ids)
    problem_summary(problems, what=what)
    with st.form(key=f"{form.prefix}.form", border=True, enter_to_submit=False):
        form.render(problems, columns=columns)
        st.form_submit_button(
            "Speichern",
            type="primary",
            key=f"{form.prefix}.submit",
            on_click=_save,
            args=(form, ctx.actor, source, ctx.today, case_ids),
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


def _create(
    form: RecordForm, actor: Actor, create: Callable[[dict[str, object]], SaveResult]
) -> None:
    """The add button's callback: like `_save`, before the script, so one run shows the result."""
    if not still_acting(actor):
        return
    values = form.values()
    outcome = attempt(lambda: create(values), lambda result: result.record_id)
    if outcome.ok and outcome.result is not None:
        st.session_state.pop(_outcome_key(form), None)
        form.forget()  # the next run starts an empty form
        st.session_state[_created_key(form)] = outcome.result
        return
    st.session_state[_outcome_key(form)] = outcome


def _outcome_key(form: RecordForm) -> str:
    return f"{form.prefix}.__outcome"


def _created_key(form: RecordForm) -> str:
    return f"{form.prefix}.__created"


def record_creator(
    form: RecordForm,
    actor: Actor,
    defaults: Mapping[str, WidgetValue],
    create: Callable[[dict[str, object]], SaveResult],
    on_created: Callable[[SaveResult], None],
    *,
    submit_label: str,
    columns: int = 3,
) -> None:
    """Add a new row; problems are shown after the first attempt, the input stays on failure."""
    if not form.is_filled():
        form.fill(None, defaults)
    created = st.session_state.pop(_created_key(form), None)
    if isinstance(created, SaveResult):
        on_created(created)  # may switch to the new row's page
    last = st.session_state.get(_outcome_key(form))
    problems = last.problems if isinstance(last, Outcome) else ()
    with st.form(key=f"{form.prefix}.form", border=True, enter_to_submit=False):
        form.render(problems, columns=columns)
        st.form_submit_button(
            submit_label,
            type="primary",
            key=f"{form.prefix}.submit",
            on_click=_create,
            args=(form, actor, create),
        )
    # Below the button, where the user is.
    show_outcome(last if isinstance(last, Outcome) else None)
