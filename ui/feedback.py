"""Showing what happened: messages carried to the next page, save outcomes and problem summaries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

import streamlit as st

from casebook.cases.services import SaveResult
from casebook.messages import AUDIT_PENDING, count_text, error_message, problem_counts
from sheets_schema import Problem
from ui.editing import Outcome

Level = Literal["success", "info", "warning", "error"]
_FLASH_KEY = "__flash"


def flash(text: str, level: Level = "success") -> None:
    """A message for the next run, e.g. after switching to the page of a new case."""
    st.session_state.setdefault(_FLASH_KEY, []).append((level, text))


def flash_created(text: str, result: SaveResult) -> None:
    """The message after a new row, and the note if its Protokoll entry is still missing."""
    flash(text)
    if result.audit_pending:
        flash(AUDIT_PENDING, "warning")


def show_flash() -> None:
    for level, text in st.session_state.pop(_FLASH_KEY, []):
        show(text, level)


def note_at(place: str, text: str, level: Level = "success") -> None:
    """A message for the next run, shown where `show_note(place)` stands (next to its form)."""
    st.session_state[f"__note.{place}"] = (level, text)


def note_created(place: str, text: str, result: SaveResult) -> None:
    """`note_at` for a new row; a warning with the reason if its Protokoll entry is missing."""
    if result.audit_pending:
        note_at(place, f"{text} {AUDIT_PENDING}", "warning")
    else:
        note_at(place, text)


def show_note(place: str) -> None:
    note = st.session_state.pop(f"__note.{place}", None)
    if note is not None:
        show(note[1], note[0])


def show(text: str, level: Level) -> None:
    {"success": st.success, "info": st.info, "warning": st.warning, "error": st.error}[level](text)


def show_error(error: Exception) -> None:
    st.error(error_message(error))


def show_outcome(outcome: Outcome | None) -> None:
    if outcome is None:
        return
    show(outcome.message, "success" if outcome.ok else "error")


def problem_summary(problems: Sequence[Problem], *, what: str = "Dieser Eintrag") -> None:
    """The problems of a record at a glance, above the form; each one again under its field."""
    errors, warnings = problem_counts(problems)
    if not errors and not warnings:
        return
    st.markdown(f"**{what} hat {count_text(errors, warnings)}.**")
    if errors:
        lines = _lines(p for p in problems if p.is_error)
        st.error(f"{lines}\n\nFehler müssen vor dem Speichern behoben werden.")
    if warnings:
        st.warning(_lines(p for p in problems if not p.is_error))


def _lines(problems: Iterable[Problem]) -> str:
    return "\n".join(f"- {p.column + ': ' if p.column else ''}{p.message}" for p in problems)
