"""Forms built from the schema: one widget per field, values kept in session state across reruns."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

import streamlit as st
from pydantic import BaseModel

from casebook.core.town_data import RecordRow
from sheets_schema import FieldKind, FieldSpec, Problem, field_by_name
from sheets_schema.types import cell_text
from ui.client_helpers import problems_key
from ui.sections import Section

DATE_PLACEHOLDER = "TT.MM.JJJJ"
LIST_PLACEHOLDER = "a; b"
EMPTY_CHOICE = "–"
REQUIRED_NOTE = "Pflichtfeld."
YES_NO_OPTIONS = ("", cell_text(True), cell_text(False))
_COLUMNS = 3
_WIDE = frozenset({FieldKind.LONG_TEXT, FieldKind.MULTI_CHOICE})  # a full row each

WidgetValue = str | list[str]


def _split(value: object) -> list[str]:
    return [part.strip() for part in re.split(r"[;\n]", cell_text(value)) if part.strip()]


def _from_value(spec: FieldSpec, value: Any) -> WidgetValue:
    """A parsed field value as its widget shows it."""
    if spec.kind is FieldKind.MULTI_CHOICE:
        return [str(v.value if isinstance(v, Enum) else v) for v in value or []]
    if value is None or value == []:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if spec.kind is FieldKind.TEXT_LIST:
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool | date | datetime):
        return cell_text(value)
    return str(value)


def widget_value(spec: FieldSpec, row: RecordRow | None) -> WidgetValue:
    """What a field's widget starts with: the value as read, or the raw cell if it was unreadable."""
    if row is None:
        return [] if spec.kind is FieldKind.MULTI_CHOICE else ""
    if spec.name in row.unreadable:
        raw = row.cells.get(spec.header)
        if spec.kind is FieldKind.MULTI_CHOICE:
            return _split(raw)
        # Kept as typed, so a wrong value is visible and nothing is silently dropped.
        return cell_text(raw).strip()
    return _from_value(spec, getattr(row.record, spec.name))


def problems_by_field(problems: Sequence[Problem]) -> dict[str, list[Problem]]:
    grouped: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.field:
            grouped.setdefault(problem.field, []).append(problem)
    return grouped


def show_problems(problems: Sequence[Problem], widget_key: str | None = None) -> None:
    """Errors and warnings right under their field, linked to it for screen readers."""
    if problems and widget_key is not None:
        with st.container(key=problems_key(widget_key)):
            show_problems(problems)
        return
    for problem in problems:
        if problem.is_error:
            st.error(problem.message, icon=":material/error:")
        else:
            st.warning(problem.message, icon=":material/warning:")


@dataclass(frozen=True)
class RecordForm:
    """The widgets of one record; `prefix` keeps several forms of a page apart."""

    prefix: str
    model: type[BaseModel]
    sections: tuple[Section, ...]

    def key(self, name: str) -> str:
        return f"{self.prefix}.{name}"

    @property
    def _initial_key(self) -> str:
        return f"{self.prefix}.__initial"

    def specs(self) -> list[FieldSpec]:
        by_name = field_by_name(self.model)
        return [by_name[name] for _, names in self.sections for name in names]

    def editable(self) -> list[FieldSpec]:
        return [spec for spec in self.specs() if not spec.system]

    def fill(
        self, row: RecordRow | None, defaults: Mapping[str, WidgetValue] | None = None
    ) -> None:
        """Put a record's values (or, for a new one, the defaults) into the widgets.

        Must run before the widgets are drawn in this run; Streamlit refuses later changes.
        """
        initial = {spec.name: widget_value(spec, row) for spec in self.specs()}
        if row is None:
            initial.update({k: v for k, v in (defaults or {}).items() if k in initial})
        for name, value in initial.items():
            st.session_state[self.key(name)] = value
        st.session_state[self._initial_key] = initial

    def is_filled(self) -> bool:
        """True while the widgets hold values (Streamlit drops them when a form is not drawn)."""
        return self._initial_key in st.session_state and all(
            self.key(spec.name) in st.session_state for spec in self.specs()
        )

    def forget(self) -> None:
        for spec in self.specs():
            st.session_state.pop(self.key(spec.name), None)
        st.session_state.pop(self._initial_key, None)

    def values(self) -> dict[str, object]:
        """The user's input by German header, as the services take it (editable fields only)."""
        return {
            spec.header: st.session_state.get(self.key(spec.name), "") for spec in self.editable()
        }

    def is_dirty(self) -> bool:
        """True when the user changed something since the form was filled."""
        initial: Mapping[str, WidgetValue] = st.session_state.get(self._initial_key, {})
        return any(
            st.session_state.get(self.key(spec.name)) != initial.get(spec.name)
            for spec in self.editable()
        )

    def render(self, problems: Sequence[Problem] = (), *, columns: int = _COLUMNS) -> None:
        """All sections with their widgets, each field followed by its problems."""
        grouped = problems_by_field(problems)
        by_name = field_by_name(self.model)
        for title, names in self.sections:
            if not names:
                continue
            if title:
                st.markdown(f"**{title}**")
            short = [by_name[n] for n in names if by_name[n].kind not in _WIDE]
            long = [by_name[n] for n in names if by_name[n].kind in _WIDE]
            for start in range(0, len(short), columns):
                cells = st.columns(columns)
                for cell, spec in zip(cells, short[start : start + columns], strict=False):
                    with cell:
                        self._widget(spec)
                        show_problems(grouped.get(spec.name, []), self.key(spec.name))
            for spec in long:
                self._widget(spec)
                show_problems(grouped.get(spec.name, []), self.key(spec.name))

    def _widget(self, spec: FieldSpec) -> None:
        key = self.key(spec.name)
        help_text = " ".join(
            part for part in (spec.help, REQUIRED_NOTE if spec.required else None) if part
        )
        kwargs: dict[str, Any] = {"key": key, "help": help_text or None}
        current = st.session_state.get(key)
        if spec.system:
            st.text_input(spec.header, disabled=True, **kwargs)
        elif spec.kind is FieldKind.LONG_TEXT:
            st.text_area(spec.header, height=90, **kwargs)
        elif spec.kind is FieldKind.CHOICE:
            st.selectbox(
                spec.header, _with_current(("", *spec.options), current), **_choice(kwargs)
            )
        elif spec.kind is FieldKind.YES_NO:
            st.selectbox(spec.header, _with_current(YES_NO_OPTIONS, current), **_choice(kwargs))
        elif spec.kind is FieldKind.MULTI_CHOICE:
            chosen = current if isinstance(current, list) else []
            options = list(spec.options) + [v for v in chosen if v not in spec.options]
            st.multiselect(spec.header, options, placeholder="Bitte wählen", **kwargs)
        elif spec.kind is FieldKind.DATE:
            st.text_input(spec.header, placeholder=DATE_PLACEHOLDER, **kwargs)
        elif spec.kind is FieldKind.TEXT_LIST:
            st.text_input(spec.header, placeholder=LIST_PLACEHOLDER, **kwargs)
        else:
            st.text_input(spec.header, **kwargs)


def _with_current(options: Sequence[str], current: object) -> list[str]:
    """The list's options plus an unknown value the cell holds, so it is shown and not dropped."""
    values = list(options)
    if isinstance(current, str) and current not in values:
        values.append(current)
    return values


def _choice(kwargs: dict[str, Any]) -> dict[str, Any]:
    return {**kwargs, "format_func": lambda value: value or EMPTY_CHOICE}
