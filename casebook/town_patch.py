"""A loaded town brought up to date with the app's own save: only the written rows are parsed again."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from casebook.save_writes import SaveWrites, WrittenRow
from casebook.storage.base import SheetRow
from casebook.storage.cells import CellValue
from casebook.storage.grid import to_cell
from casebook.town_data import RecordRow, TownData, case_ids_of, read_row
from sheets_schema import SHEETS, SheetName
from sheets_schema.problems import ProblemCode


@dataclass(frozen=True)
class PatchedTown:
    """The town after the save, and which rows (positions in their sheet) are new or replaced."""

    data: TownData
    replaced: Mapping[SheetName, tuple[int, ...]]
    appended: Mapping[SheetName, int]  # how many rows were added at the end of each sheet


def changed_positions(patched: PatchedTown, sheet: SheetName) -> list[int]:
    """Positions of the rows of `sheet` the save replaced or appended, in sheet order."""
    total = len(patched.data.rows(sheet))
    added = patched.appended.get(sheet, 0)
    return [*patched.replaced.get(sheet, ()), *range(total - added, total)]


class NotPatchable(Exception):
    """The save did something only a fresh read reproduces exactly."""


def _as_read(
    cells: Mapping[str, CellValue], written: Mapping[str, CellValue]
) -> dict[str, CellValue]:
    # The cells as a reader would return them: whole floats as int, empty cells absent.
    merged = dict(cells)
    for header, value in written.items():
        value = to_cell(value)
        if value is None or value == "":
            merged.pop(header, None)
        else:
            merged[header] = value
    if not merged:
        raise NotPatchable("a row became empty and would vanish from the read")
    return merged


def _sheet_of(name: str, data: TownData) -> SheetName | None:
    try:
        sheet = SheetName(name)
    except ValueError:
        return None  # a worksheet the town data does not hold
    if sheet.value in data.missing_sheets:
        raise NotPatchable(f"worksheet {name} was missing")
    return sheet


def _group(data: TownData, writes: SaveWrites) -> dict[SheetName, list[WrittenRow]]:
    grouped: dict[SheetName, list[WrittenRow]] = defaultdict(list)
    for row in writes.rows:
        sheet = _sheet_of(row.sheet, data)
        if sheet is not None:
            grouped[sheet].append(row)
    return grouped


def _new_cells(
    data: TownData, grouped: Mapping[SheetName, list[WrittenRow]]
) -> dict[SheetName, dict[int, dict[str, CellValue]]]:
    """Per sheet: row number → the row's cells after the save (existing rows and appended ones)."""
    result: dict[SheetName, dict[int, dict[str, CellValue]]] = {}
    for sheet, written in grouped.items():
        rows = data.rows(sheet)
        by_number = {row.row_number: row for row in rows}
        last = rows[-1].row_number if rows else 0
        cells: dict[int, dict[str, CellValue]] = {}
        for write in written:
            if write.row_number in cells:
                base: Mapping[str, CellValue] = cells[write.row_number]
            elif write.appended:
                if write.row_number <= last:
                    raise NotPatchable("an appended row lies between rows already read")
                base = {}
            elif write.row_number in by_number:
                base = by_number[write.row_number].cells
            else:
                raise NotPatchable(f"row {write.row_number} of {sheet} was not loaded")
            cells[write.row_number] = _as_read(base, write.cells)
        result[sheet] = cells
    return result


def _with_duplicates(old: RecordRow | None, new: RecordRow, ids: set[str]) -> RecordRow:
    """Carry over the row's duplicate-ID problem: IDs are never changed by a save."""
    if old is None:
        if new.record_id and new.record_id in ids:
            raise NotPatchable("a new row repeats an ID")
        return new
    if old.record_id != new.record_id:
        raise NotPatchable("a save changed a row's ID")
    duplicates = tuple(p for p in old.problems if p.code is ProblemCode.DUPLICATE_ID)
    return replace(new, problems=(*new.problems, *duplicates)) if duplicates else new


def _changed_parents(data: TownData, cases: tuple[RecordRow, ...]) -> tuple[set[str], set[str]]:
    before = case_ids_of(row.cells for row in data.cases)
    after = case_ids_of(row.cells for row in cases) if cases is not data.cases else before
    return after, before ^ after


def apply_writes(data: TownData, writes: SaveWrites, today: date) -> PatchedTown:
    """`data` as a full read after the save would give it; raises NotPatchable when it cannot."""
    if not writes.patchable or writes.after is None:
        raise NotPatchable("the backend cannot name the version it wrote")
    if data.source != writes.source or data.version != writes.before:
        raise NotPatchable("the town was loaded from another version")
    cells = _new_cells(data, _group(data, writes))
    sheets = dict(data.sheets)
    replaced: dict[SheetName, tuple[int, ...]] = {}
    appended: dict[SheetName, int] = {}
    # Cases first: the other sheets' rows are checked against the Fall-IDs.
    order = sorted(cells, key=lambda sheet: sheet is not SheetName.CASES)
    case_ids = case_ids_of(row.cells for row in data.cases)
    for sheet in order:
        rows = list(sheets.get(sheet, ()))
        position = {row.row_number: index for index, row in enumerate(rows)}
        ids = {row.record_id for row in rows if row.record_id} if SHEETS[sheet].id_field else set()
        changed: list[int] = []
        for number, row_cells in sorted(cells[sheet].items()):
            fresh = read_row(sheet, SheetRow(number, row_cells), today, case_ids)
            index = position.get(number)
            if index is None:
                rows.append(_with_duplicates(None, fresh, ids))
                if fresh.record_id:
                    ids.add(fresh.record_id)
                appended[sheet] = appended.get(sheet, 0) + 1
            else:
                rows[index] = _with_duplicates(rows[index], fresh, ids)
                changed.append(index)
        sheets[sheet] = tuple(rows)
        replaced[sheet] = tuple(sorted({*replaced.get(sheet, ()), *changed}))
        if sheet is SheetName.CASES:
            case_ids, parents = _changed_parents(data, sheets[sheet])
            if parents:
                _recheck_children(sheets, parents, case_ids, today, replaced)
    patched = TownData(
        town=data.town,
        source=data.source,
        version=writes.after,
        sheets=sheets,
        missing_sheets=data.missing_sheets,
    )
    return PatchedTown(patched, replaced, appended)


def _recheck_children(
    sheets: dict[SheetName, tuple[RecordRow, ...]],
    parents: set[str],
    case_ids: set[str],
    today: date,
    replaced: dict[SheetName, tuple[int, ...]],
) -> None:
    """Rows of other sheets that point to a Fall-ID that came or went are checked again."""
    for sheet, rows in sheets.items():
        if sheet is SheetName.CASES or SHEETS[sheet].parent_field is None:
            continue
        hit = [i for i, row in enumerate(rows) if row.record.case_id in parents]
        if not hit:
            continue
        updated = list(rows)
        for index in hit:
            old = rows[index]
            fresh = read_row(sheet, SheetRow(old.row_number, old.cells), today, case_ids)
            updated[index] = _with_duplicates(old, fresh, set())
        sheets[sheet] = tuple(updated)
        replaced[sheet] = tuple(sorted({*replaced.get(sheet, ()), *hit}))
