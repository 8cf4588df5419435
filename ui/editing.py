"""Editing one record across reruns: its base version, the user's actions and what a save gave."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

import streamlit as st

from casebook.cases.services import SaveResult, validate_input
from casebook.core.errors import InvalidRecord, RecordConflict
from casebook.core.town_data import RecordRow
from casebook.messages import AUDIT_PENDING, error_message
from sheets_schema import Problem
from ui.forms import RecordForm, widget_value
from ui.loading import follow_save

log = logging.getLogger(__name__)

DUPLICATE_ID = "duplicate_id"


@dataclass(frozen=True)
class Outcome:
    """What the last save of a form gave; kept until the next action so it stays on screen."""

    ok: bool
    message: str
    problems: tuple[Problem, ...] = ()
    conflict: RecordConflict | None = None
    result: SaveResult | None = field(default=None, compare=False)


def request(prefix: str, action: str) -> None:
    """Button callback: remember what the user asked for; the page acts on it in the next run."""
    st.session_state[f"{prefix}.__action"] = action


def take_action(prefix: str) -> str | None:
    action = st.session_state.pop(f"{prefix}.__action", None)
    return str(action) if action else None


def attempt(run: Callable[[], SaveResult], describe: Callable[[SaveResult], str]) -> Outcome:
    """Call a use case; every failure becomes a German message and the input stays untouched."""
    try:
        result = run()
    except InvalidRecord as error:
        return Outcome(False, error_message(error), problems=tuple(error.problems))
    except RecordConflict as error:
        return Outcome(False, error_message(error), conflict=error)
    except Exception as error:  # the user's input must survive any failure, so nothing escapes
        log.exception("save failed")
        return Outcome(False, error_message(error))
    message = describe(result)
    if result.audit_pending:
        message = f"{message} {AUDIT_PENDING}"
    follow_save(result.writes)
    return Outcome(True, message, result=result)


def changed_text(result: SaveResult) -> str:
    if not result.changed:
        return "Keine Änderungen – es gab nichts zu speichern."
    return "Gespeichert: " + ", ".join(result.changed) + "."


class EditSession:
    """A form on an existing row, and the row version the user started from."""

    def __init__(self, form: RecordForm) -> None:
        self.form = form
        self._base_key = f"{form.prefix}.__base"
        self._outcome_key = f"{form.prefix}.__outcome"
        self._refill_key = f"{form.prefix}.__refill"

    @property
    def base(self) -> RecordRow | None:
        base = st.session_state.get(self._base_key)
        return base if isinstance(base, RecordRow) else None

    @property
    def outcome(self) -> Outcome | None:
        outcome = st.session_state.get(self._outcome_key)
        return outcome if isinstance(outcome, Outcome) else None

    @outcome.setter
    def outcome(self, value: Outcome | None) -> None:
        st.session_state[self._outcome_key] = value

    def start(self, row: RecordRow) -> None:
        """Show this version of the row; what the user typed is replaced."""
        self.form.fill(row)
        st.session_state[self._base_key] = row

    def refill_next_run(self) -> None:
        st.session_state[self._refill_key] = True

    def rebase(self, row: RecordRow) -> None:
        """Start from the current version but keep the fields the user changed."""
        mine = {
            spec.name: st.session_state.get(self.form.key(spec.name))
            for spec in self.form.editable()
            if self._user_changed(spec.name)
        }
        self.start(row)
        for name, value in mine.items():
            st.session_state[self.form.key(name)] = value

    def _user_changed(self, name: str) -> bool:
        base = self.base
        if base is None:
            return False
        spec = next(s for s in self.form.specs() if s.name == name)
        return st.session_state.get(self.form.key(name)) != widget_value(spec, base)

    def sync(self, row: RecordRow) -> bool:
        """Follow the row as loaded now; returns True if it changed under the user's input."""
        base = self.base
        refill = st.session_state.pop(self._refill_key, False)
        if (
            refill
            or base is None
            or base.record_id != row.record_id
            or base.sheet is not row.sheet
            or not self.form.is_filled()
        ):
            if base is not None and base.record_id != row.record_id:
                self.outcome = None
            self.start(row)
            return False
        if dict(base.cells) == dict(row.cells):
            return False
        if not self.form.is_dirty():
            # Nothing typed yet: simply show what the file holds now.
            self.start(row)
            return False
        return True

    def forget(self) -> None:
        self.form.forget()
        for key in (self._base_key, self._outcome_key, self._refill_key):
            st.session_state.pop(key, None)


def live_problems(
    base: RecordRow, values: Mapping[str, object], today: date, case_ids: set[str]
) -> list[Problem]:
    """The problems the record would have with the user's input (as the save would check it)."""
    _, problems = validate_input(base.sheet, base.cells, values, today, case_ids)
    # Duplicate IDs are a property of the sheet, not of the row's values.
    return [*problems, *(p for p in base.problems if p.code == DUPLICATE_ID)]
