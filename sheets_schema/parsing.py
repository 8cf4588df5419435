"""Lenient reading of a row into a model, and the strict way back from a model to cell values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from sheets_schema.fields import FieldKind, field_specs
from sheets_schema.messages import message
from sheets_schema.problems import Problem, ProblemCode, Severity
from sheets_schema.types import cell_text, is_blank, unstorable_character

M = TypeVar("M", bound=BaseModel)

CellValue = str | int | float | bool | date | datetime | None


@dataclass(frozen=True)
class ParsedRow(Generic[M]):
    """A row as read: the model (cells that could not be read are left empty) and what was wrong."""

    record: M
    problems: list[Problem]
    unreadable: frozenset[str]  # field names whose cell could not be read


def _empty(value: object) -> bool:
    return is_blank(value) or value == []


def _finding(error: ValidationError, raw: object) -> tuple[ProblemCode, str]:
    """Our code and German text; pydantic's own (English) errors become a generic German one."""
    detail = error.errors()[0]
    try:
        return ProblemCode(detail["type"]), str(detail["msg"])
    except ValueError:
        return ProblemCode.INVALID_VALUE, message(ProblemCode.INVALID_VALUE, found=cell_text(raw))


def parse_row(model: type[M], cells: Mapping[str, object]) -> ParsedRow[M]:
    """Read every cell the schema knows; a bad cell becomes a problem, never an exception."""
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    unreadable: set[str] = set()
    for spec in field_specs(model):
        raw = cells.get(spec.header)
        # Any column, not only text ones: a date or list value typed with a NUL is refused
        # for the character, and the message never repeats it.
        character = unstorable_character(raw)
        if character:
            problems.append(
                Problem(
                    code=ProblemCode.TEXT_INVALID,
                    severity=Severity.ERROR,
                    message=message(ProblemCode.TEXT_INVALID, character=character),
                    field=spec.name,
                    column=spec.header,
                )
            )
            unreadable.add(spec.name)
            continue
        try:
            value = spec.adapter.validate_python(raw)
        except ValidationError as error:
            code, text = _finding(error, raw)
            problems.append(
                Problem(
                    code=code,
                    severity=Severity.ERROR,
                    message=text,
                    field=spec.name,
                    column=spec.header,
                )
            )
            unreadable.add(spec.name)
            continue
        if spec.required and _empty(value):
            problems.append(
                Problem(
                    code=ProblemCode.REQUIRED,
                    severity=Severity.ERROR,
                    message=message(ProblemCode.REQUIRED, column=spec.header),
                    field=spec.name,
                    column=spec.header,
                )
            )
        if not _empty(value):
            values[spec.name] = value
    record = model.model_construct(**values)
    return ParsedRow(record=record, problems=problems, unreadable=frozenset(unreadable))


def _to_cell(value: Any) -> CellValue:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list):
        return "; ".join(str(v.value if isinstance(v, Enum) else v) for v in value) or None
    if isinstance(value, str | int | float | bool | date | datetime) or value is None:
        return value
    raise TypeError(f"no cell form for {type(value).__name__}")


def to_cells(record: BaseModel) -> dict[str, CellValue]:
    """The cell values of a record, keyed by German header, as a backend should write them."""
    model = type(record)
    cells: dict[str, CellValue] = {}
    for spec in field_specs(model):
        value = getattr(record, spec.name)
        if spec.kind is FieldKind.YES_NO:
            cells[spec.header] = None if value is None else ("ja" if value else "nein")
        else:
            cells[spec.header] = _to_cell(value)
    return cells


def cell_of(record: BaseModel, name: str) -> CellValue:
    """One field's cell value."""
    spec = next(s for s in field_specs(type(record)) if s.name == name)
    return to_cells(record)[spec.header]
