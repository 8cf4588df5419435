"""Parse a whole worksheet at once: each distinct value of a column is validated only once.

A town's sheet repeats most values (status, town, yes/no, dates, empty cells), so validating
every distinct value of a column once and sharing the outcome gives the same records and the
same problems as `parse_row` row by row, several times faster.
"""

from __future__ import annotations

import functools
import inspect
from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import compress, repeat
from operator import is_not
from typing import Any, Generic, TypeVar, cast

from pydantic import BaseModel, BeforeValidator, PlainSerializer, ValidationError
from pydantic_core import PydanticCustomError

from sheets_schema.fields import FieldKind, FieldSpec, field_specs
from sheets_schema.messages import message
from sheets_schema.parsing import ParsedRow, _empty, _finding
from sheets_schema.problems import Problem, ProblemCode, Severity
from sheets_schema.types import (
    EXCEL_TEXT_LIMIT,
    parse_german_date,
    parse_text,
    unstorable_character,
)

M = TypeVar("M", bound=BaseModel)

_CODES = frozenset(code.value for code in ProblemCode)
_NUMBERS = frozenset({bool, int, float})
_LIST_KINDS = frozenset({FieldKind.MULTI_CHOICE, FieldKind.TEXT_LIST})
_TEXT_OR_EMPTY = frozenset({str, type(None)})
_DATE_OR_EMPTY = frozenset({date, type(None)})
_DATE_OR_TEXT = frozenset({date, str, type(None)})
_EMPTY_AS_NONE: dict[object, None] = {"": None}

# What validating one cell gives: a value (None when empty) or the problem it raises.
_Outcome = tuple[Any, Problem | None]


def _lenient_reader(model: type[BaseModel], spec: FieldSpec) -> Callable[[object], Any] | None:
    """The field's one lenient reader (parse_text, parse_german_date …), if that is all it has.

    These readers return the field's type or None, so pydantic's check after them changes
    nothing; calling them directly saves most of the time of a validation.
    """
    readers = []
    for item in model.model_fields[spec.name].metadata:
        if isinstance(item, BeforeValidator):
            readers.append(item.func)
        elif not isinstance(item, PlainSerializer):
            return None
    if len(readers) != 1 or len(inspect.signature(readers[0]).parameters) != 1:
        return None
    return cast(Callable[[object], Any], readers[0])


def _validate(
    spec: FieldSpec, raw: object, reader: Callable[[object], Any] | None = None
) -> _Outcome:
    if reader is not None:
        try:
            return (None if _empty(value := reader(raw)) else value), None
        except PydanticCustomError as error:
            # What pydantic makes of it: the error's type and its formatted message.
            if error.type in _CODES:
                problem = Problem(
                    code=ProblemCode(error.type),
                    severity=Severity.ERROR,
                    message=error.message(),
                    field=spec.name,
                    column=spec.header,
                )
                return None, problem
        except Exception:
            pass
    try:
        value = spec.adapter.validate_python(raw)
    except ValidationError as error:
        code, text = _finding(error, raw)
        problem = Problem(
            code=code, severity=Severity.ERROR, message=text, field=spec.name, column=spec.header
        )
        return None, problem
    return (None if _empty(value) else value), None


def _required(spec: FieldSpec) -> Problem:
    return Problem(
        code=ProblemCode.REQUIRED,
        severity=Severity.ERROR,
        message=message(ProblemCode.REQUIRED, column=spec.header),
        field=spec.name,
        column=spec.header,
    )


def _unstorable(spec: FieldSpec, character: str) -> Problem:
    # As parse_row: in any column, a character no spreadsheet keeps is named before anything else.
    return Problem(
        code=ProblemCode.TEXT_INVALID,
        severity=Severity.ERROR,
        message=message(ProblemCode.TEXT_INVALID, character=character),
        field=spec.name,
        column=spec.header,
    )


# What one distinct cell value gives: (value, problem, unreadable). The value is None when the
# cell is empty or unreadable; the problem is the cell's own, or „required“ for an empty cell
# of a required column; unreadable says that the cell could not be read.
_Outcome3 = tuple[Any, Problem | None, bool]


class _Column:
    """One field of the model, read for all rows of a sheet at once."""

    def __init__(self, model: type[BaseModel], spec: FieldSpec) -> None:
        self.spec = spec
        self.reader = _lenient_reader(model, spec)
        # Plain text is the most frequent reader and most of its values are distinct (names,
        # IDs, notes): it is read here in one line, kept in step with parse_text by the tests.
        self.plain_text = self.reader is parse_text
        # A date column holds real dates, which the reader returns as they are.
        self.plain_date = self.reader is parse_german_date
        self.required = _required(spec) if spec.required else None

    def read(
        self, raws: Sequence[object], as_cell: Callable[[Any], object] | None = None
    ) -> tuple[list[Any], dict[int, _Outcome3]]:
        """Every cell's value and, by row index, the outcomes that carry a problem.

        With `as_cell`, `raws` are a backend's values as read (empty text for an empty cell,
        3.0 for 3), and each distinct one becomes a cell value (`as_cell`) before it is read.
        """
        if self.plain_date:
            kinds = set(map(type, raws))
            if kinds <= _DATE_OR_EMPTY:
                return self._with_required(list(raws), type(None) in kinds)
            if as_cell is not None and kinds <= _DATE_OR_TEXT:
                values = list(map(_EMPTY_AS_NONE.get, raws, raws))
                if str not in set(map(type, values)):  # the only text was empty text
                    return self._with_required(values, True)
        try:
            distinct = set(raws)
        except TypeError:  # an unhashable value (never from a backend): one by one
            cells = raws if as_cell is None else list(map(as_cell, raws))
            each = [self._outcomes([raw])[0] for raw in cells]
            return [o[0] for o in each], {i: o for i, o in enumerate(each) if o[1] is not None}
        plain = self._plain_texts(raws, distinct, as_cell is not None)
        if plain is not None:
            return plain
        keys: Sequence[Any] = raws
        values_of = distinct
        # 1, 1.0 and True are one key in a set but not to the validators: a column that mixes
        # those types is keyed by type and value. The set keeps only one of them, so the types
        # are looked at over all cells, but only when there is a number among the distinct ones.
        if _NUMBERS.intersection(map(type, distinct)) and (
            len(_NUMBERS.intersection(map(type, raws))) > 1
        ):
            keys = [(raw.__class__, raw) for raw in raws]
            values_of = set(keys)
        ordered: list[Any] = list(values_of)
        raw_values = ordered if keys is raws else [key[1] for key in ordered]
        if as_cell is not None:
            raw_values = list(map(as_cell, raw_values))
        outcomes = dict(zip(ordered, self._outcomes(raw_values), strict=True))
        values = list(map({key: o[0] for key, o in outcomes.items()}.__getitem__, keys))
        bad = {key: o for key, o in outcomes.items() if o[1] is not None}
        faulty = {i: bad[key] for i, key in enumerate(keys) if key in bad} if bad else {}
        return values, faulty

    def _plain_texts(
        self, raws: Sequence[object], distinct: set[object], empty_text: bool
    ) -> tuple[list[Any], dict[int, _Outcome3]] | None:
        """A plain text column whose texts are all fine, read in a few passes; else None.

        Most distinct values of a sheet are IDs, names and notes, each validated alone
        otherwise: here they are only stripped, which is all parse_text does to such a text.
        """
        if not self.plain_text or not set(map(type, distinct)) <= _TEXT_OR_EMPTY:
            return None
        # Empty text is an empty cell where the values come as read (`empty_text`).
        texts = [text for text in distinct if text is not None and (text or not empty_text)]
        some_empty = len(texts) < len(distinct)
        if texts and (
            max(map(len, texts)) > EXCEL_TEXT_LIMIT  # type: ignore[arg-type]
            or unstorable_character("".join(texts)) is not None  # type: ignore[arg-type]
        ):
            return None
        trimmed = list(map(str.strip, texts))  # type: ignore[arg-type]
        if "" in trimmed:  # a cell of spaces only: empty, left to the general path
            return None
        if trimmed == texts and "" not in distinct:  # nothing to trim: the cells as read
            return self._with_required(list(raws), some_empty)
        stripped: dict[object, str | None] = dict(zip(texts, trimmed, strict=True))
        stripped[None] = stripped[""] = None
        return self._with_required(list(map(stripped.__getitem__, raws)), some_empty)

    def _with_required(
        self, values: list[Any], some_empty: bool
    ) -> tuple[list[Any], dict[int, _Outcome3]]:
        """Values read without a problem (None when empty), but for a required column's empties."""
        if self.required is None or not some_empty:
            return values, {}
        required = (None, self.required, False)
        return values, {index: required for index, value in enumerate(values) if value is None}

    def _outcomes(self, raws: Sequence[object]) -> list[_Outcome3]:
        texts = [raw for raw in raws if isinstance(raw, str)]
        # One scan of all texts together; only when it finds something is each looked at.
        unstorable = bool(texts) and unstorable_character("".join(texts)) is not None
        result: list[_Outcome3] = []
        for raw in raws:
            if unstorable and (character := unstorable_character(raw)):
                result.append((None, _unstorable(self.spec, character), True))
            elif self.plain_text and raw.__class__ is str and len(raw) <= EXCEL_TEXT_LIMIT:
                text = raw.strip()
                result.append((text, None, False) if text else (None, self.required, False))
            else:
                result.append(self._validate(raw))
        return result

    def _validate(self, raw: object) -> _Outcome3:
        value, problem = _validate(self.spec, raw, self.reader)
        if problem is not None:
            return None, problem, True
        if value is None:
            return None, self.required, False
        return value, None, False


_IMMUTABLE = (type(None), str, int, float, bool, tuple, frozenset)


def _record_builder(model: type[M]) -> Callable[[dict[str, Any]], M]:
    """`model.model_construct(**values)` for validated values, without its per-field overhead.

    Sets exactly what model_construct sets (defaults, fields set, no extra, no private
    attributes); models that need more (post-init, extra fields, mutable defaults) get the
    real thing.
    """

    def slow(values: dict[str, Any]) -> M:
        return model.model_construct(**values)

    config = model.model_config
    if (
        model.__pydantic_post_init__
        or config.get("extra") == "allow"
        or model.__pydantic_root_model__
    ):
        return slow
    defaults: dict[str, Any] = {}
    factories: list[tuple[str, Callable[[], Any]]] = []
    for name, info in model.model_fields.items():
        if info.is_required():
            continue
        if info.default_factory is not None:
            if info.default_factory_takes_validated_data:
                return slow
            factories.append((name, info.default_factory))  # type: ignore[arg-type]
        elif isinstance(info.default, _IMMUTABLE):
            defaults[name] = info.default
        else:
            return slow
    set_attribute = object.__setattr__
    new = model.__new__

    def construct(values: dict[str, Any]) -> M:
        fields = dict(defaults)
        for name, factory in factories:
            if name not in values:
                fields[name] = factory()
        fields.update(values)
        record = new(model)
        set_attribute(record, "__dict__", fields)
        set_attribute(record, "__pydantic_fields_set__", set(values))
        set_attribute(record, "__pydantic_extra__", None)
        set_attribute(record, "__pydantic_private__", None)
        return record

    return construct


def _row_builder(model: type[M], names: list[str]) -> Callable[[tuple[Any, ...]], M]:
    """A record from one value per field (None for empty), as `_record_builder` would build it.

    When every field of the model is among `names` and defaults to None or to a factory, the
    record's fields are the row itself: no dict is filtered per row.
    """
    construct = _record_builder(model)

    def general(row: tuple[Any, ...]) -> M:
        return construct({n: v for n, v in zip(names, row, strict=True) if v is not None})

    fields = model.model_fields
    if list(fields) != names or construct.__name__ == "slow":
        return general
    factories: list[tuple[int, str, Callable[[], Any]]] = []
    for position, (name, info) in enumerate(fields.items()):
        if info.default_factory is not None:
            factories.append((position, name, info.default_factory))  # type: ignore[arg-type]
        elif info.is_required() or info.default is not None:
            return general
    set_attribute = object.__setattr__
    new = model.__new__
    nones = repeat(None)

    def build(row: tuple[Any, ...]) -> M:
        # One value per name by construction; a keyword argument to zip would cost a third.
        values = dict(zip(names, row))  # noqa: B905
        for position, name, factory in factories:
            if row[position] is None:
                values[name] = factory()
        record = new(model)
        set_attribute(record, "__dict__", values)
        set_attribute(
            record, "__pydantic_fields_set__", set(compress(names, map(is_not, row, nones)))
        )
        set_attribute(record, "__pydantic_extra__", None)
        set_attribute(record, "__pydantic_private__", None)
        return record

    return build


@functools.cache
def values_builder(model: type[M]) -> Callable[[tuple[Any, ...]], M]:
    """The record of one row's values (one per field, in the schema's order; None when empty)."""
    return _row_builder(model, [spec.name for spec in field_specs(model)])


@functools.cache
def row_view(model: type[BaseModel]) -> type[tuple[Any, ...]] | None:
    """A named tuple of a row's values that reads like the model's record, if there is one.

    That is so when the record holds exactly the row's values: every field defaults to None
    and the record is built by `_row_builder`'s fast path. The cross-field rules only read
    fields, so a load can check a row on its values and build the record when it is needed.
    """
    names = [spec.name for spec in field_specs(model)]
    fields = model.model_fields
    if not names or list(fields) != names or _record_builder(model).__name__ == "slow":
        return None
    if any(info.is_required() or info.default is not None for info in fields.values()):
        return None  # also a default factory: the record would hold [] where the row has None
    try:
        return namedtuple(f"{model.__name__}Values", names)
    except ValueError:  # a field name a tuple cannot have (_private)
        return None


@dataclass(frozen=True)
class ParsedSheet(Generic[M]):
    """A whole sheet read: each row's values, and the problems and unreadable fields by row."""

    values: list[tuple[Any, ...]]  # one value per field (None when empty), in field order
    build: Callable[[tuple[Any, ...]], M]  # the record of one row's values
    problems: dict[int, list[Problem]]  # by row index, only rows with problems
    unreadable: dict[int, frozenset[str]]  # by row index, only rows with unreadable cells

    @property
    def records(self) -> list[M]:
        return list(map(self.build, self.values))


def parse_rows(model: type[M], rows: Sequence[Mapping[str, object]]) -> list[ParsedRow[M]]:
    """Each row read like `parse_row` would read it: same record, same problems in order."""
    return [
        ParsedRow(record=record, problems=problems, unreadable=unreadable)
        for record, problems, unreadable in iter_parsed(model, rows)
    ]


def iter_parsed(
    model: type[M], rows: Iterable[Mapping[str, object]]
) -> Iterator[tuple[M, list[Problem], frozenset[str]]]:
    """`parse_rows` as plain tuples (record, problems, unreadable fields)."""
    sheet = parse_sheet(model, list(rows))
    empty: frozenset[str] = frozenset()
    for index, record in enumerate(sheet.records):
        yield record, list(sheet.problems.get(index, ())), sheet.unreadable.get(index, empty)


def parse_sheet(model: type[M], rows: Sequence[Mapping[str, object]]) -> ParsedSheet[M]:
    """All rows of a sheet at once, for the hot path of a load.

    Works column by column: a column's cells are looked up in one pass, its distinct values
    validated once, and the records put together from the columns at the end.
    """
    if all(row.__class__ is dict for row in rows):

        def column_of(header: str) -> Sequence[object]:
            return list(map(dict.get, rows, repeat(header)))  # type: ignore[arg-type]

    else:

        def column_of(header: str) -> Sequence[object]:
            return [cells.get(header) for cells in rows]

    return parse_columns(model, column_of, len(rows))


def parse_columns(
    model: type[M],
    column_of: Callable[[str], Sequence[object]],
    count: int,
    as_cell: Callable[[Any], object] | None = None,
) -> ParsedSheet[M]:
    """`parse_sheet` of a sheet given by its columns: `column_of(header)` has one cell per row.

    A cell is None when empty; with `as_cell`, the columns hold a backend's values as read,
    which `as_cell` makes cells of (see `_Column.read`). The columns are never changed.
    """
    names: list[str] = []
    value_columns: list[list[Any]] = []
    problems: dict[int, list[Problem]] = {}
    unreadable: dict[int, list[str]] = {}
    for spec in field_specs(model):
        column = _Column(model, spec)
        raws = column_of(spec.header)
        values, faulty = column.read(raws, as_cell)
        if spec.kind in _LIST_KINDS:  # each record gets its own list, as validating gives
            values = [list(value) if value.__class__ is list else value for value in values]
        names.append(spec.name)
        value_columns.append(values)
        # Columns are visited in the schema's order, so each row's problems come out in it.
        for index, (_, problem, bad) in faulty.items():
            problems.setdefault(index, []).append(problem)  # type: ignore[arg-type]
            if bad:
                unreadable.setdefault(index, []).append(spec.name)
    view = row_view(model)
    if not names:  # a model without fields: one empty record per row
        construct = _record_builder(model)
        return ParsedSheet([()] * count, lambda _: construct({}), problems, {})
    by_row = zip(*value_columns, strict=True)
    row_values = list(map(view._make, by_row)) if view else list(by_row)  # type: ignore[attr-defined]
    return ParsedSheet(
        row_values,
        values_builder(model),
        problems,
        {index: frozenset(fields) for index, fields in unreadable.items()},
    )
