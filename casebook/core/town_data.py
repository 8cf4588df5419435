"""A town's spreadsheet parsed: every row as a record with its problems, never dropped."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import repeat
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from casebook.core.gc_pause import collector_paused
from casebook.storage.base import GridRows, SheetRow, SheetTable, Snapshot
from casebook.storage.cells import CellValue
from casebook.storage.columns import ColumnCells, cell_value
from sheets_schema import SHEETS, Case, Problem, SheetName, check_record, header_of, parse_row
from sheets_schema.bulk_parsing import parse_columns, row_view, values_builder
from sheets_schema.enums import Town
from sheets_schema.messages import message
from sheets_schema.problems import ProblemCode, Severity
from sheets_schema.rules import record_checker


@dataclass(frozen=True)
class RecordRow:
    """One row of a worksheet: where it stands, what it holds, and what is wrong with it."""

    sheet: SheetName
    row_number: int
    record: Any  # the sheet's model (Case, Contact …)
    cells: Mapping[str, CellValue]  # the row as read, including columns the schema does not know
    problems: tuple[Problem, ...]
    unreadable: frozenset[str] = field(default=frozenset())

    if not TYPE_CHECKING:  # mypy keeps checking attribute names; only `record` is lazy

        def __getattr__(self, name: str) -> Any:
            # A row of a load holds its values and builds its record when first asked for.
            # The record is set before the values go, so another thread sees one or the other.
            # Its cells are those of the sheet's row it was read from (a view into columns).
            found = self.__dict__
            if name == "cells":
                if "_columns" in found:
                    return ColumnCells(found["_columns"], found["_index"])
                if "_row" in found:
                    return found["_row"].cells
            values = found.get("_values") if name == "record" else None
            if values is None:
                if name == "record" and "record" in found:
                    return found["record"]
                raise AttributeError(name)
            record = values_builder(SHEETS[found["sheet"]].model)(values)
            object.__setattr__(self, "record", record)
            found.pop("_values", None)
            return record

    def value(self, name: str) -> Any:
        """One field of the record, without building a record that is not built yet."""
        values = self.__dict__.get("_values")
        return getattr(self.record if values is None else values, name)

    @property
    def record_id(self) -> str | None:
        id_field = SHEETS[self.sheet].id_field
        return self.value(id_field) if id_field else None

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


@dataclass(frozen=True)
class TownData:
    """Everything read from one town's spreadsheet at one moment."""

    town: Town
    source: str
    version: str
    sheets: Mapping[SheetName, tuple[RecordRow, ...]]
    missing_sheets: tuple[str, ...] = ()

    @property
    def cases(self) -> tuple[RecordRow, ...]:
        return self.sheets.get(SheetName.CASES, ())

    def rows(self, sheet: SheetName) -> tuple[RecordRow, ...]:
        return self.sheets.get(sheet, ())

    def case(self, case_id: str) -> RecordRow | None:
        return self._case_index().get(case_id)

    def _case_index(self) -> dict[str, RecordRow]:
        index = self.__dict__.get("_cases_by_id")
        if index is None:
            index = {record_id: row for row in self.cases if (record_id := row.record_id)}
            object.__setattr__(self, "_cases_by_id", index)
        return index

    def children(self, sheet: SheetName, case_id: str) -> list[RecordRow]:
        return list(self._children_index(sheet).get(case_id, ()))

    def _children_index(self, sheet: SheetName) -> dict[str | None, tuple[RecordRow, ...]]:
        # One pass per sheet and version (a case page asks for three sheets, twice each).
        known: dict[SheetName, dict[str | None, tuple[RecordRow, ...]]]
        known = self.__dict__.setdefault("_children_by_case", {})
        if sheet not in known:
            grouped: dict[str | None, list[RecordRow]] = defaultdict(list)
            for row in self.rows(sheet):
                grouped[row.value("case_id")].append(row)
            known[sheet] = {case_id: tuple(rows) for case_id, rows in grouped.items()}
        return known[sheet]

    def find(self, sheet: SheetName, record_id: str) -> RecordRow | None:
        if sheet is SheetName.CASES:
            return self.case(record_id)
        return next((row for row in self.rows(sheet) if row.record_id == record_id), None)

    def case_ids(self) -> set[str]:
        return set(self._case_index())

    def parent_ids(self) -> frozenset[str]:
        """The Fall-IDs the other sheets' rows are checked against (as typed, trimmed)."""
        ids = self.__dict__.get("_parent_ids")
        if ids is None:
            ids = frozenset(case_ids_of(row.cells for row in self.cases))
            object.__setattr__(self, "_parent_ids", ids)
        return ids

    def record_ids(self, sheet: SheetName) -> frozenset[str]:
        """The IDs of a sheet's rows (computed once per load, for checks on new rows)."""
        known: dict[SheetName, frozenset[str]] = self.__dict__.setdefault("_record_ids", {})
        if sheet not in known:
            ids = (row.record_id for row in self.rows(sheet))
            known[sheet] = frozenset(record_id for record_id in ids if record_id)
        return known[sheet]

    def knowing(
        self, parent_ids: frozenset[str], record_ids: Mapping[SheetName, frozenset[str]]
    ) -> TownData:
        """This town with ID sets already known (an update derives them from the old ones)."""
        object.__setattr__(self, "_parent_ids", parent_ids)
        object.__setattr__(self, "_record_ids", dict(record_ids))
        return self

    def all_problems(self) -> list[Problem]:
        return [p for rows in self.sheets.values() for row in rows for p in row.problems]


def _locate(
    problems: Iterable[Problem], sheet: SheetName, row_number: int, record_id: str | None
) -> tuple[Problem, ...]:
    return tuple(
        replace(p, sheet=sheet, row_number=row_number, record_id=record_id) for p in problems
    )


def _duplicate_problems(
    sheet: SheetName, rows: list[RecordRow], ids: list[str | None]
) -> list[RecordRow]:
    """Rows whose ID other rows repeat get a problem naming all their rows (`ids` by row)."""
    id_field = SHEETS[sheet].id_field
    repeated = {key for key, count in Counter(ids).items() if count > 1 and key}
    if id_field is None or not repeated:
        return rows
    seen: dict[str, list[int]] = defaultdict(list)
    for row, record_id in zip(rows, ids, strict=True):
        if record_id in repeated:
            seen[record_id].append(row.row_number)
    result = []
    for row, record_id in zip(rows, ids, strict=True):
        if record_id in repeated:
            numbers = seen[record_id]
            duplicate = Problem(
                code=ProblemCode.DUPLICATE_ID,
                severity=Severity.ERROR,
                message=message(
                    ProblemCode.DUPLICATE_ID, found=record_id, rows=", ".join(map(str, numbers))
                ),
                field=id_field,
                column=header_of(SHEETS[sheet].model, id_field),
            )
            row = replace(
                row,
                problems=(*row.problems, *_locate([duplicate], sheet, row.row_number, record_id)),
            )
        result.append(row)
    return result


def parse_record(
    sheet: SheetName, cells: Mapping[str, object], today: date, case_ids: Iterable[str]
) -> tuple[BaseModel, list[Problem], frozenset[str]]:
    """Parse one row's cells and run the sheet's cross-field rules."""
    parsed = parse_row(SHEETS[sheet].model, cells)
    ids = case_ids if isinstance(case_ids, set | frozenset) else set(case_ids)
    problems = [*parsed.problems, *check_record(parsed.record, today, ids)]
    return parsed.record, problems, parsed.unreadable


def read_row(
    sheet: SheetName, sheet_row: SheetRow, today: date, case_ids: AbstractSet[str]
) -> RecordRow:
    """One row parsed and checked, without the duplicate check (which needs the whole sheet)."""
    record, problems, unreadable = parse_record(sheet, sheet_row.cells, today, case_ids)
    id_field = SHEETS[sheet].id_field
    record_id = getattr(record, id_field) if id_field else None
    return RecordRow(
        sheet=sheet,
        row_number=sheet_row.number,
        record=record,
        cells=sheet_row.cells,
        problems=_locate(problems, sheet, sheet_row.number, record_id),
        unreadable=unreadable,
    )


_new = object.__new__
_set = object.__setattr__


def _read_sheet(
    sheet: SheetName, table: SheetTable, today: date, case_ids: set[str]
) -> tuple[RecordRow, ...]:
    # All rows at once: each distinct value of a column is validated once (issue 11).
    model = SHEETS[sheet].model
    # The columns as read: each distinct value is made a cell once, as it is validated.
    parsed = parse_columns(model, table.raw_column, len(table.rows), cell_value)
    check = record_checker(model)
    id_field = SHEETS[sheet].id_field
    # Rows are checked on their values where those read like the record (Kontakte, Ziele …):
    # the records of a sheet nobody looks at are never built. Fälle are built at once, as
    # the case list and the search need every one of them anyway.
    lazy = row_view(model) is not None
    subjects: list[Any] = parsed.values if lazy else parsed.records
    ids: list[str | None]
    ids = list(map(attrgetter(id_field), subjects)) if id_field else [None] * len(subjects)
    found, unreadable = parsed.problems, parsed.unreadable
    checked = list(map(check, subjects, repeat(today), repeat(case_ids)))
    for index, problems in found.items():
        checked[index] = problems + checked[index]
    empty: frozenset[str] = frozenset()
    new, set_dict, row_class = _new, _set, RecordRow
    rows = []
    # The same objects as RecordRow(...) makes, without the frozen dataclass's __setattr__ per
    # field (a load makes one per row, 90,000 at 10,000 cases); with "_values", the record is
    # built from the row's values when it is first asked for (RecordRow.__getattr__).
    # A table read from a grid: each row's cells are read from the columns, no row is made.
    grid = table.rows if isinstance(table.rows, GridRows) else None
    numbers = grid.numbers if grid is not None else [row.number for row in table.rows]
    for index, (number, subject, record_id, problems) in enumerate(
        zip(numbers, subjects, ids, checked, strict=True)
    ):
        fields = {
            "sheet": sheet,
            "row_number": number,
            "problems": _locate(problems, sheet, number, record_id) if problems else (),
            "unreadable": unreadable.get(index, empty) if unreadable else empty,
        }
        if grid is not None:
            fields["_columns"], fields["_index"] = grid.columns, index
        else:
            fields["_row"] = table.rows[index]
        if lazy:
            fields["_values"] = subject
        else:
            fields["record"] = subject
        row = new(row_class)
        set_dict(row, "__dict__", fields)
        rows.append(row)
    return tuple(_duplicate_problems(sheet, rows, ids))


def case_ids_of(rows: Iterable[Mapping[str, CellValue]]) -> set[str]:
    """The Fall-IDs as the other sheets' rows are checked against: the cells as typed, trimmed."""
    header = header_of(Case, "case_id")
    return _trimmed_ids(cells.get(header) for cells in rows)


def case_ids_in(table: SheetTable) -> set[str]:
    """`case_ids_of` the rows of a Fälle table, read from its Fall-ID column."""
    return _trimmed_ids(table.column(header_of(Case, "case_id")))


def _trimmed_ids(values: Iterable[CellValue | None]) -> set[str]:
    return {str(value).strip() for value in values if value}


def read_town(town: Town, snapshot: Snapshot, today: date) -> TownData:
    """Parse every worksheet of a snapshot; cases first, since the other sheets point to them."""
    case_ids = case_ids_in(snapshot.table(SheetName.CASES))
    # Parsing makes millions of small objects and no cycles; the cycle collector only costs here.
    with collector_paused():
        sheets = {
            name: _read_sheet(name, snapshot.table(name), today, case_ids) for name in SheetName
        }
    missing = tuple(name for name in SheetName if name not in snapshot.tables)
    return TownData(
        town=town,
        source=snapshot.source,
        version=snapshot.version,
        sheets=sheets,
        missing_sheets=missing,
    ).knowing(frozenset(case_ids), {})
