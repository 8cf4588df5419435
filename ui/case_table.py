"""The case list as a table: one row per case with German headers, its check result and filters."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from urllib.parse import quote

import pandas as pd

from casebook.cases.town_patch import PatchedTown
from casebook.core.town_data import RecordRow, TownData
from casebook.messages import check_label, problem_counts
from casebook.search.cases import TownHit, describe_hit
from sheets_schema import Case, FieldKind, SheetName, field_by_name, header_of
from sheets_schema.enums import CaseStatus, Town
from sheets_schema.fields import FieldSpec
from sheets_schema.sheets import CASE_ID_PATTERN
from sheets_schema.types import cell_text

CASE_PAGE = "fall"
_URL_SAFE = re.compile(r"[A-Za-z0-9_.~-]*")

# The columns of the list, by field name; the headers come from the schema.
LIST_FIELDS = (
    "case_id",
    "last_name",
    "first_name",
    "birth_date",
    "status",
    "phase",
    "follow_up",
    "case_manager",
    "town",
    "fields_of_action",
)
CHECK_COLUMN = "Prüfung"
HIT_COLUMN = "Treffer"

# Helper columns for filtering and linking; never shown.
LINK = "_link"
CASE_ID = "_case_id"
TOWN = "_town"
ERRORS = "_errors"
WARNINGS = "_warnings"
STATUS = "_status"
FIELDS = "_fields_of_action"
DUE = "_follow_up_due"
ORDER = "_order"  # year and number of the Fall-ID, to list the newest cases first


_TOWN_HEADER = header_of(Case, "town")


def case_link(case_id: str) -> str:
    """The relative URL of a case page, so it can be opened, bookmarked and shared."""
    # A well-formed Fall-ID needs no quoting; quote() costs more than the rest of a list row.
    return f"{CASE_PAGE}?id={case_id if _URL_SAFE.fullmatch(case_id) else quote(case_id)}"


def _shown_column(
    records: Sequence[Case], unreadable: Sequence[tuple[int, RecordRow]], spec: FieldSpec
) -> list[object]:
    """One listed field of every case, as the list shows it (`unreadable`: rows by position)."""
    values = list(map(attrgetter(spec.name), records))
    if spec.kind is FieldKind.DATE:
        shown: list[object] = list(values)
    else:
        shown = [
            None
            if value is None
            else "; ".join(str(item) for item in value)
            if isinstance(value, list)
            else str(value)
            for value in values
        ]
    for index, row in unreadable:
        if spec.name in row.unreadable:
            # A value the schema does not know is shown as typed, never hidden.
            cell = row.cells.get(spec.header)
            shown[index] = None if spec.kind is FieldKind.DATE else cell_text(cell)
    return shown


def _is_due(case: Case, today: date) -> bool:
    return (
        case.follow_up is not None
        and case.follow_up <= today
        and case.status is not CaseStatus.ABGESCHLOSSEN
    )


def _frame(data: TownData, rows: Sequence[RecordRow], today: date) -> pd.DataFrame:
    # Built column by column: one pass per column over all cases, not a dict per case.
    records: list[Case] = [row.record for row in rows]
    unreadable = [(index, row) for index, row in enumerate(rows) if row.unreadable]
    columns: dict[str, list[object]] = {}
    for name in LIST_FIELDS:
        spec = field_by_name(Case)[name]
        columns[spec.header] = _shown_column(records, unreadable, spec)
    columns[_TOWN_HEADER] = [town or data.town.value for town in columns[_TOWN_HEADER]]
    counts = [problem_counts(row.problems) if row.problems else (0, 0) for row in rows]
    labels = {count: check_label(*count) for count in set(counts)}
    case_ids = [record.case_id or "" for record in records]
    columns[CHECK_COLUMN] = [labels[count] for count in counts]
    columns[LINK] = [case_link(case_id) if case_id else None for case_id in case_ids]
    columns[CASE_ID] = list(case_ids)
    columns[TOWN] = [data.town.value] * len(rows)
    columns[ERRORS] = [errors for errors, _ in counts]
    columns[WARNINGS] = [warnings for _, warnings in counts]
    columns[STATUS] = [record.status.value if record.status else "" for record in records]
    columns[FIELDS] = [frozenset(str(v) for v in r.fields_of_action) for r in records]
    columns[DUE] = [_is_due(record, today) for record in records]
    columns[ORDER] = [_order(case_id) for case_id in case_ids]
    frame = pd.DataFrame(columns, columns=list(_all_columns()))
    for name in LIST_FIELDS:
        spec = field_by_name(Case)[name]
        if spec.kind is FieldKind.DATE:
            frame[spec.header] = pd.to_datetime(frame[spec.header])
    return frame


def case_frame(data: TownData, today: date) -> pd.DataFrame:
    """One row per case of a town, in sheet order; rows with problems are kept and marked."""
    return _frame(data, data.cases, today)


def follow_frame(frame: pd.DataFrame, patched: PatchedTown, today: date) -> pd.DataFrame:
    """The case list after the app's own save: only the cases written are built again."""
    cases = patched.data.cases
    replaced = list(patched.replaced.get(SheetName.CASES, ()))
    added = patched.appended.get(SheetName.CASES, 0)
    parts = [frame]
    if replaced:
        rows = _frame(patched.data, [cases[i] for i in replaced], today)
        rows.index = pd.Index(replaced)
        parts = [frame.drop(index=replaced), rows]
    if added:
        tail = _frame(patched.data, cases[len(cases) - added :], today)
        tail.index = pd.RangeIndex(len(cases) - added, len(cases))
        parts.append(tail)
    if len(parts) == 1:
        return frame
    # Rows stay in sheet order, like a frame built from scratch.
    # Column types are inferred again, as a frame built from scratch would have them.
    return pd.concat(parts).sort_index().reset_index(drop=True).infer_objects()


def _all_columns() -> tuple[str, ...]:
    shown = tuple(header_of(Case, name) for name in LIST_FIELDS)
    helpers = (LINK, CASE_ID, TOWN, ERRORS, WARNINGS, STATUS, FIELDS, DUE, ORDER)
    return (*shown, CHECK_COLUMN, *helpers)


def _order(case_id: str) -> str:
    match = CASE_ID_PATTERN.match(case_id)
    return f"{match[2]}-{int(match[3]):08d}" if match else ""


def combine(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """The lists of several towns as one, newest cases first (rows without a Fall-ID last)."""
    frame = pd.concat(frames, ignore_index=True)
    return frame.sort_values(ORDER, ascending=False, kind="stable", ignore_index=True)


@dataclass(frozen=True)
class CaseFilters:
    """What the user chose above the list; empty choices mean "all"."""

    towns: Collection[Town] = ()
    statuses: Collection[str] = ()
    case_managers: Collection[str] = ()
    fields_of_action: Collection[str] = ()
    follow_up_due: bool = False
    only_errors: bool = False
    hits: Sequence[TownHit] | None = field(default=None)  # None: no search


def filter_cases(frame: pd.DataFrame, filters: CaseFilters) -> pd.DataFrame:
    """The rows that pass all filters; with a search, only hits, best first, with what matched."""
    keep = pd.Series(True, index=frame.index)
    if filters.towns:
        keep &= frame[TOWN].isin([town.value for town in filters.towns])
    if filters.statuses:
        keep &= frame[STATUS].isin(list(filters.statuses))
    if filters.case_managers:
        keep &= frame[header_of(Case, "case_manager")].isin(list(filters.case_managers))
    if filters.fields_of_action:
        wanted = frozenset(filters.fields_of_action)
        keep &= frame[FIELDS].map(lambda values: bool(values & wanted)).astype(bool)
    if filters.follow_up_due:
        keep &= frame[DUE]
    if filters.only_errors:
        keep &= frame[ERRORS] > 0
    result = frame[keep]
    if filters.hits is None:
        return result
    rank = {(h.town.value, h.case_id): (n, describe_hit(h.hit)) for n, h in enumerate(filters.hits)}
    keys = list(zip(result[TOWN], result[CASE_ID], strict=True))
    found = [key in rank for key in keys]
    result = result[found].copy()
    hit_keys = [key for key in keys if key in rank]
    result[HIT_COLUMN] = [rank[key][1] for key in hit_keys]
    result["_rank"] = [rank[key][0] for key in hit_keys]
    return result.sort_values("_rank", kind="stable").drop(columns="_rank")


def case_managers(frame: pd.DataFrame) -> list[str]:
    """The names in the Fallmanager:in column, for the filter."""
    column = frame[header_of(Case, "case_manager")].dropna()
    return sorted({str(name) for name in column if str(name).strip()}, key=str.casefold)


def visible_columns(frame: pd.DataFrame) -> list[str]:
    """The columns a user sees, in order (the link stands in for the Fall-ID)."""
    hit = [HIT_COLUMN] if HIT_COLUMN in frame.columns else []
    rest = [header_of(Case, name) for name in LIST_FIELDS if name != "case_id"]
    return [LINK, *hit, CHECK_COLUMN, *rest]
