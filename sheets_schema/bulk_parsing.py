"""Parse a whole worksheet at once: each distinct value of a column is validated only once.

A town's sheet repeats most values (status, town, yes/no, dates, empty cells), so validating
every distinct value of a column once and sharing the outcome gives the same records and the
same problems as `parse_row` row by row, several times faster.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar, cast

from pydantic import BaseModel, BeforeValidator, PlainSerializer, ValidationError
from pydantic_core import PydanticCustomError

from sheets_schema.fields import FieldKind, FieldSpec, field_specs
from sheets_schema.messages import message
from sheets_schema.parsing import ParsedRow, _empty, _finding
from sheets_schema.problems import Problem, ProblemCode, Severity

M = TypeVar("M", bound=BaseModel)

_CODES = frozenset(code.value for code in ProblemCode)
_NUMBERS = frozenset({bool, int, float})
_LIST_KINDS = frozenset({FieldKind.MULTI_CHOICE, FieldKind.TEXT_LIST})

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


class _Column:
    """One field of the model with the outcomes of the values seen so far.

    An outcome is (value, problem, unreadable): the value when there is one; else the problem
    (the cell's own, or „required“ for an empty required cell) and whether the cell could not
    be read. Text is looked up by itself, other values together with their type (1, 1.0 and
    True are equal in a dict, but not to the validators).
    """

    def __init__(self, model: type[BaseModel], spec: FieldSpec, order: int) -> None:
        self.spec = spec
        self.reader = _lenient_reader(model, spec)
        self.name = spec.name
        self.order = order
        self.outcomes: dict[object, tuple[Any, Problem | None, bool]] = {}
        self.required = _required(spec) if spec.required else None

    def outcomes_of(self, raws: list[object]) -> list[tuple[Any, Problem | None, bool]]:
        """The outcome of every cell of the column; each distinct value is validated once."""
        try:
            distinct = set(raws)
        except TypeError:  # an unhashable value (never from a backend): one by one
            return [self.outcome(raw) for raw in raws]
        # Looked at over all cells: the set above keeps only one of 1 and True.
        if len(_NUMBERS.intersection(map(type, raws))) > 1:
            # 1, 1.0 and True are one key in a dict but not to the validators.
            return [self.outcome(raw) for raw in raws]
        memo = {raw: self.outcome(raw) for raw in distinct}
        return list(map(memo.__getitem__, raws))

    def outcome(self, raw: object) -> tuple[Any, Problem | None, bool]:
        key = raw if raw.__class__ is str else (raw.__class__, raw)
        try:
            found = self.outcomes.get(key)
        except TypeError:  # an unhashable value (never from a backend): validate it alone
            return self._validate(raw)
        if found is None:
            found = self.outcomes[key] = self._validate(raw)
        return found

    def _validate(self, raw: object) -> tuple[Any, Problem | None, bool]:
        value, problem = _validate(self.spec, raw, self.reader)
        if problem is not None:
            return None, problem, True
        if value is None:
            return None, self.required, False
        # A list is copied for each record that takes it, as validating would create one.
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


def parse_rows(model: type[M], rows: Sequence[Mapping[str, object]]) -> list[ParsedRow[M]]:
    """Each row read like `parse_row` would read it: same record, same problems in order."""
    return [
        ParsedRow(record=record, problems=problems, unreadable=unreadable)
        for record, problems, unreadable in iter_parsed(model, rows)
    ]


def iter_parsed(
    model: type[M], rows: Iterable[Mapping[str, object]]
) -> Iterator[tuple[M, list[Problem], frozenset[str]]]:
    """`parse_rows` as plain tuples (record, problems, unreadable fields), for the hot path.

    Works column by column: a column's cells are looked up in one pass, its distinct values
    validated once, and the rows put together from the columns at the end.
    """
    rows = list(rows)
    names: list[str] = []
    value_columns: list[list[Any]] = []
    problems: dict[int, list[Problem]] = {}
    unreadable: dict[int, list[str]] = {}
    for order, spec in enumerate(field_specs(model)):
        column = _Column(model, spec, order)
        header = spec.header
        outcomes = column.outcomes_of([cells.get(header) for cells in rows])
        values = [outcome[0] for outcome in outcomes]
        if spec.kind in _LIST_KINDS:  # each record gets its own list, as validating gives
            values = [list(value) if value.__class__ is list else value for value in values]
        names.append(spec.name)
        value_columns.append(values)
        # Columns are visited in the schema's order, so each row's problems come out in it.
        for index in [i for i, outcome in enumerate(outcomes) if outcome[1] is not None]:
            _, problem, bad = outcomes[index]
            problems.setdefault(index, []).append(problem)  # type: ignore[arg-type]
            if bad:
                unreadable.setdefault(index, []).append(spec.name)
    construct = _record_builder(model)
    empty: frozenset[str] = frozenset()
    for index, row_values in enumerate(zip(*value_columns, strict=True)):
        pairs = zip(names, row_values, strict=True)
        fields = {name: value for name, value in pairs if value is not None}
        bad_fields = unreadable.get(index)
        yield (
            construct(fields),
            problems.get(index, []),
            frozenset(bad_fields) if bad_fields else empty,
        )
    if not names:  # a model without fields: one empty record per row
        for _ in rows:
            yield construct({}), [], empty
