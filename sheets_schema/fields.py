"""What forms, tables and backends need to know about each column, derived from the models."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum, StrEnum
from functools import cache
from typing import Any

from pydantic import BaseModel, TypeAdapter


class FieldKind(StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    DATE = "date"
    TIMESTAMP = "timestamp"
    NUMBER = "number"
    YES_NO = "yes_no"
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"
    TEXT_LIST = "text_list"


@dataclass(frozen=True)
class FieldSpec:
    """One column of a worksheet as the app sees it."""

    name: str
    header: str
    kind: FieldKind
    help: str | None
    required: bool
    personal: bool
    system: bool
    options: tuple[str, ...]  # the allowed values of a (multi-)choice column
    adapter: TypeAdapter[Any]
    variants: tuple[str, ...] = ()  # other headers towns use for this column ("Geb.-Datum")
    special: bool = False  # may reveal an Art. 9 DSGVO category (origin, health)


def _strip_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _kind_and_options(annotation: Any, long_text: bool) -> tuple[FieldKind, tuple[str, ...]]:
    inner = _strip_optional(annotation)
    if typing.get_origin(inner) is list:
        (item,) = typing.get_args(inner)
        if isinstance(item, type) and issubclass(item, Enum):
            return FieldKind.MULTI_CHOICE, tuple(str(m.value) for m in item)
        return FieldKind.TEXT_LIST, ()
    if isinstance(inner, type) and issubclass(inner, Enum):
        return FieldKind.CHOICE, tuple(str(m.value) for m in inner)
    simple = {
        bool: FieldKind.YES_NO,
        int: FieldKind.NUMBER,
        datetime: FieldKind.TIMESTAMP,
        date: FieldKind.DATE,
    }
    if inner in simple:
        return simple[inner], ()
    return (FieldKind.LONG_TEXT if long_text else FieldKind.TEXT), ()


def _as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple) else []


@cache
def field_specs(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """The columns of a worksheet model, in sheet order."""
    specs = []
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        kind, options = _kind_and_options(info.annotation, bool(extra.get("long_text")))
        annotated: Any = info.annotation
        if info.metadata:
            annotated = typing.Annotated[(annotated, *info.metadata)]
        specs.append(
            FieldSpec(
                name=name,
                header=info.alias or name,
                kind=kind,
                help=info.description,
                required=bool(extra.get("required")),
                personal=bool(extra.get("personal")),
                system=bool(extra.get("system")),
                options=options,
                adapter=TypeAdapter(annotated),
                variants=tuple(str(v) for v in _as_list(extra.get("variants"))),
                special=bool(extra.get("special")),
            )
        )
    return tuple(specs)


@cache
def field_by_name(model: type[BaseModel]) -> dict[str, FieldSpec]:
    return {spec.name: spec for spec in field_specs(model)}


def header_of(model: type[BaseModel], name: str) -> str:
    """The German column header of a field."""
    return field_by_name(model)[name].header


def headers(model: type[BaseModel]) -> list[str]:
    return [spec.header for spec in field_specs(model)]
