"""Use cases: load a town, validate input, save a record, create a case, add contacts, goals, referrals."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from pydantic import BaseModel

from casebook.cases.save_writes import SaveWrites, recorded
from casebook.core.access import Attempt, check_access
from casebook.core.actors import Actor
from casebook.core.audit import append_audit
from casebook.core.errors import (
    DuplicateRecord,
    FieldChange,
    InvalidRecord,
    RecordConflict,
    RecordNotFound,
)
from casebook.core.sources import TownSource
from casebook.core.town_data import RecordRow, TownData, parse_record, read_town
from casebook.storage.base import RowHint, SheetRow, Snapshot, Transaction, iter_ids
from casebook.storage.cells import CellValue
from sheets_schema import (
    SHEETS,
    AuditEntry,
    Case,
    Problem,
    SheetName,
    field_specs,
    has_errors,
    header_of,
    to_cells,
)
from sheets_schema.enums import AuditAction, CaseStatus
from sheets_schema.sheets import (
    case_id_prefix,
    child_id_prefix,
    format_case_id,
    format_child_id,
    next_number,
)
from sheets_schema.types import cell_text, is_blank


@dataclass(frozen=True)
class SaveResult:
    """What a save did: the record's ID, the columns written and the warnings that remain."""

    sheet: SheetName
    record_id: str
    row_number: int
    changed: tuple[str, ...]
    warnings: tuple[Problem, ...]
    # Saved, but the Protokoll entries could not be written yet (they follow with the next save).
    audit_pending: bool = False
    # What was written, so a loaded copy of the town can follow without reading it again.
    writes: SaveWrites | None = field(default=None, compare=False)


def load_town(source: TownSource, actor: Actor, today: date) -> TownData:
    """Read and check a town's whole spreadsheet (case managers of that town only)."""
    check_access(source, actor, Attempt.READ)
    return read_town(source.town, source.store.load(), today)


def _same(a: CellValue, b: CellValue) -> bool:
    # Cells are compared as a person sees them: "" and empty are the same, 3 and 3.0 too.
    if a is None or b is None:
        return (a is None or a == "") and (b is None or b == "")
    if isinstance(a, str) or isinstance(b, str):
        return cell_text(a).strip() == cell_text(b).strip()
    return a == b


def _owned_headers(sheet: SheetName) -> list[str]:
    return [spec.header for spec in field_specs(SHEETS[sheet].model)]


def _editable(sheet: SheetName) -> list[str]:
    return [spec.header for spec in field_specs(SHEETS[sheet].model) if not spec.system]


def validate_input(
    sheet: SheetName,
    base_cells: Mapping[str, CellValue],
    form: Mapping[str, object],
    today: date,
    case_ids: set[str],
) -> tuple[BaseModel, list[Problem]]:
    """The record as it would be after the user's input, and all its problems (errors and warnings)."""
    merged: dict[str, object] = dict(base_cells)
    merged.update({header: value for header, value in form.items() if header in _editable(sheet)})
    record, problems, _ = parse_record(sheet, merged, today, case_ids)
    return record, problems


def _changed_columns(
    sheet: SheetName, base: RecordRow, new_cells: Mapping[str, CellValue]
) -> list[str]:
    """Columns whose value the user really changed; a cell read leniently ("31.12.24") stays as typed."""
    old_cells = to_cells(base.record)
    changed = []
    for spec in field_specs(SHEETS[sheet].model):
        if spec.system:
            continue
        if spec.name in base.unreadable:
            if not _same(base.cells.get(spec.header), new_cells[spec.header]):
                changed.append(spec.header)
        elif not _same(old_cells[spec.header], new_cells[spec.header]):
            changed.append(spec.header)
    return changed


def _find_row(snapshot: Snapshot, sheet: SheetName, record_id: str) -> SheetRow:
    id_field = SHEETS[sheet].id_field
    assert id_field is not None
    rows = snapshot.table(sheet).rows_with(header_of(SHEETS[sheet].model, id_field), record_id)
    if not rows:
        raise RecordNotFound(sheet, record_id)
    if len(rows) > 1:
        raise DuplicateRecord(sheet, record_id, [row.number for row in rows])
    return rows[0]


def _hint(sheet: SheetName, record_id: str, row_number: int) -> RowHint:
    """Where the row stood when the user opened it: a backend may read just that row."""
    id_field = SHEETS[sheet].id_field
    assert id_field is not None
    id_header = header_of(SHEETS[sheet].model, id_field)
    return RowHint(sheet.value, id_header, record_id, row_number)


def _check_unchanged(sheet: SheetName, base: RecordRow, current: SheetRow) -> None:
    changes = [
        FieldChange(header, base.cells.get(header), current.cells.get(header))
        for header in _owned_headers(sheet)
        if not _same(base.cells.get(header), current.cells.get(header))
    ]
    if changes:
        raise RecordConflict(sheet, str(base.record_id), changes)


def _audit(
    tx: Transaction,
    actor: Actor,
    now: datetime,
    action: AuditAction,
    sheet: SheetName,
    record_id: str,
    changes: list[tuple[str, CellValue, CellValue]] | None = None,
) -> None:
    append_audit(tx, actor, now, action, sheet.value, record_id, changes)


def _stamp(sheet: SheetName, actor: Actor, now: datetime) -> dict[str, CellValue]:
    if sheet is SheetName.CASES:
        return {header_of(Case, "changed_at"): now, header_of(Case, "changed_by"): actor.name}
    return {}


def _blank_town(source: TownSource, base: RecordRow) -> dict[str, CellValue]:
    """A case whose Kommune cell is empty (an onboarded sheet without that column) belongs to the
    spreadsheet's town; its save fills the cell in, since forms show Kommune read-only."""
    header = header_of(Case, "town")
    if base.sheet is SheetName.CASES and is_blank(base.cells.get(header)):
        return {header: source.town.value}
    return {}


def save_record(
    source: TownSource,
    actor: Actor,
    base: RecordRow,
    form: Mapping[str, object],
    today: date,
    case_ids: set[str],
    now: datetime | None = None,
) -> SaveResult:
    """Write the user's changes to one existing row, if valid and nobody changed the row meanwhile."""
    check_access(source, actor, Attempt.EDIT, base.record_id)
    now = now or datetime.now().replace(microsecond=0)
    sheet = base.sheet
    own_town = _blank_town(source, base)
    record, problems = validate_input(sheet, {**base.cells, **own_town}, form, today, case_ids)
    if has_errors(problems):
        raise InvalidRecord(problems)
    new_cells = to_cells(record)
    changed = [*own_town, *_changed_columns(sheet, base, new_cells)]
    record_id = str(base.record_id)
    warnings = tuple(p for p in problems if not p.is_error)
    if not changed:
        return SaveResult(sheet, record_id, base.row_number, (), warnings)
    hint = _hint(sheet, record_id, base.row_number)
    with recorded(source.store.transaction([sheet], hint=hint)) as tx:
        current = _find_row(tx.snapshot, sheet, record_id)
        _check_unchanged(sheet, base, current)
        writes = {header: new_cells[header] for header in changed}
        tx.set_cells(sheet, current.number, {**writes, **_stamp(sheet, actor, now)})
        audit = [(h, base.cells.get(h), new_cells[h]) for h in changed]
        _audit(tx, actor, now, AuditAction.GEAENDERT, sheet, record_id, audit)
    return SaveResult(
        sheet,
        record_id,
        current.number,
        tuple(changed),
        warnings,
        audit_pending=bool(tx.audit_pending),
        writes=tx.writes(),
    )


def _taken_ids(snapshot: Snapshot, sheet: SheetName) -> list[str]:
    # IDs are never reused: the Protokoll remembers IDs of rows that were deleted.
    id_field = SHEETS[sheet].id_field
    assert id_field is not None
    own = iter_ids(snapshot.table(sheet), header_of(SHEETS[sheet].model, id_field))
    logged = iter_ids(snapshot.table(SheetName.AUDIT), header_of(AuditEntry, "record_id"))
    return [*own, *logged]


def _id_columns(*sheets: SheetName) -> dict[str, list[str]]:
    """The ID columns a new ID is drawn from: its own sheet's and the Protokoll's (a backend
    for which whole sheets are expensive reads only these)."""
    columns: dict[str, list[str]] = {}
    for sheet in sheets:
        id_field = SHEETS[sheet].id_field
        assert id_field is not None
        columns[sheet.value] = [header_of(SHEETS[sheet].model, id_field)]
    columns[SheetName.AUDIT.value] = [header_of(AuditEntry, "record_id")]
    return columns


def preview_case_id(data: TownData, today: date) -> str:
    """The Fall-ID a new case would get now (the real one is drawn under the save's lock)."""
    ids = [row.record_id for row in data.cases if row.record_id]
    ids += [row.record.record_id for row in data.rows(SheetName.AUDIT) if row.record.record_id]
    prefix = case_id_prefix(data.town, today.year)
    return format_case_id(data.town, today.year, next_number(ids, prefix))


def _new_cells(
    sheet: SheetName, form: Mapping[str, object], fixed: Mapping[str, CellValue]
) -> dict[str, object]:
    editable = set(_editable(sheet))
    cells: dict[str, object] = {h: v for h, v in form.items() if h in editable}
    cells.update(fixed)
    return cells


def create_case(
    source: TownSource,
    actor: Actor,
    form: Mapping[str, object],
    today: date,
    now: datetime | None = None,
) -> SaveResult:
    """Add a new case with the next free Fall-ID of the town and year."""
    check_access(source, actor, Attempt.CREATE)
    now = now or datetime.now().replace(microsecond=0)
    town = source.town
    placeholder = format_case_id(town, today.year, 1)
    fixed: dict[str, CellValue] = {
        header_of(Case, "case_id"): placeholder,
        header_of(Case, "town"): town.value,
        **_stamp(SheetName.CASES, actor, now),
    }
    status_header = header_of(Case, "status")
    cells = _new_cells(SheetName.CASES, form, fixed)
    cells.setdefault(status_header, CaseStatus.ANFRAGE.value)
    record, problems, _ = parse_record(SheetName.CASES, cells, today, set())
    if has_errors(problems):
        raise InvalidRecord(problems)
    wanted = [SheetName.CASES, SheetName.AUDIT]
    columns = _id_columns(SheetName.CASES)
    with recorded(source.store.transaction(wanted, columns=columns)) as tx:
        prefix = case_id_prefix(town, today.year)
        case_id = format_case_id(
            town, today.year, next_number(_taken_ids(tx.snapshot, SheetName.CASES), prefix)
        )
        row_cells = {**to_cells(record), header_of(Case, "case_id"): case_id}
        row_number = tx.append_row(SheetName.CASES, row_cells)
        _audit(tx, actor, now, AuditAction.ANGELEGT, SheetName.CASES, case_id)
    # A backend without a lock may have had to renumber the row after a simultaneous create.
    case_id = tx.renamed_ids.get(case_id, case_id)
    return SaveResult(
        SheetName.CASES,
        case_id,
        row_number,
        tuple(row_cells),
        tuple(p for p in problems if not p.is_error),
        audit_pending=bool(tx.audit_pending),
        writes=tx.writes(),
    )


def add_child(
    source: TownSource,
    actor: Actor,
    sheet: SheetName,
    case_id: str,
    form: Mapping[str, object],
    today: date,
    now: datetime | None = None,
    case_row: int | None = None,
) -> SaveResult:
    """Add a contact, goal or referral to a case, with the next free ID of that case.

    `case_row`, the case's row when the page loaded it, spares a backend reading every case
    just to see that this one still exists."""
    check_access(source, actor, Attempt.CREATE, case_id)
    now = now or datetime.now().replace(microsecond=0)
    spec = SHEETS[sheet]
    assert spec.id_field is not None and spec.parent_field is not None
    model = spec.model
    id_header = header_of(model, spec.id_field)
    fixed: dict[str, CellValue] = {
        id_header: format_child_id(sheet, case_id, 1),
        header_of(model, "case_id"): case_id,
    }
    if "recorded_by" in model.model_fields:
        fixed[header_of(model, "recorded_by")] = actor.name
    record, problems, _ = parse_record(sheet, _new_cells(sheet, form, fixed), today, {case_id})
    if has_errors(problems):
        raise InvalidRecord(problems)
    hint = _hint(SheetName.CASES, case_id, case_row) if case_row else None
    wanted = [sheet, SheetName.CASES, SheetName.AUDIT]
    # Without the case's row, the Fall-ID column alone shows that the case still exists.
    columns = _id_columns(sheet) if hint else _id_columns(sheet, SheetName.CASES)
    with recorded(source.store.transaction(wanted, hint=hint, columns=columns)) as tx:
        _find_row(tx.snapshot, SheetName.CASES, case_id)
        prefix = child_id_prefix(sheet, case_id)
        record_id = format_child_id(
            sheet, case_id, next_number(_taken_ids(tx.snapshot, sheet), prefix)
        )
        row_cells = {**to_cells(record), id_header: record_id}
        row_number = tx.append_row(sheet, row_cells)
        _audit(tx, actor, now, AuditAction.ANGELEGT, sheet, record_id)
    record_id = tx.renamed_ids.get(record_id, record_id)
    return SaveResult(
        sheet,
        record_id,
        row_number,
        tuple(row_cells),
        tuple(p for p in problems if not p.is_error),
        audit_pending=bool(tx.audit_pending),
        writes=tx.writes(),
    )
