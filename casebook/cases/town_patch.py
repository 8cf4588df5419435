"""A loaded town brought up to date with the app's own save: only the written rows are parsed again."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from datetime import date

from casebook.cases.save_writes import SaveWrites, WrittenRow
from casebook.core.town_data import RecordRow, TownData, case_ids_of, read_row
from casebook.storage.base import SheetRow
from casebook.storage.cells import CellValue
from casebook.storage.columns import to_cell
from sheets_schema import SHEETS, Case, SheetName, header_of
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


def _position(rows: Sequence[RecordRow], number: int) -> int | None:
    # Rows are in sheet order, so a row is found by bisection, not by a scan.
    index = bisect_left(rows, number, key=lambda row: row.row_number)
    return index if index < len(rows) and rows[index].row_number == number else None


def _new_cells(
    data: TownData, grouped: Mapping[SheetName, list[WrittenRow]]
) -> dict[SheetName, dict[int, dict[str, CellValue]]]:
    """Per sheet: row number → the row's cells after the save (existing rows and appended ones)."""
    case_header = header_of(Case, "case_id")
    result: dict[SheetName, dict[int, dict[str, CellValue]]] = {}
    for sheet, written in grouped.items():
        rows = data.rows(sheet)
        last = rows[-1].row_number if rows else 0
        cells: dict[int, dict[str, CellValue]] = {}
        for write in written:
            index = _position(rows, write.row_number)
            if sheet is SheetName.CASES and index is not None and case_header in write.cells:
                raise NotPatchable("a save wrote the Fall-ID of an existing case")
            if write.row_number in cells:
                base: Mapping[str, CellValue] = cells[write.row_number]
            elif write.appended:
                if write.row_number <= last:
                    raise NotPatchable("an appended row lies between rows already read")
                base = {}
            elif index is not None:
                base = rows[index].cells
            else:
                raise NotPatchable(f"row {write.row_number} of {sheet} was not loaded")
            cells[write.row_number] = _as_read(base, write.cells)
        result[sheet] = cells
    return result


def _with_duplicates(old: RecordRow | None, new: RecordRow, ids: AbstractSet[str]) -> RecordRow:
    """Carry over the row's duplicate-ID problem: IDs are never changed by a save."""
    if old is None:
        if new.record_id and new.record_id in ids:
            raise NotPatchable("a new row repeats an ID")
        return new
    if old.record_id != new.record_id:
        raise NotPatchable("a save changed a row's ID")
    duplicates = tuple(p for p in old.problems if p.code is ProblemCode.DUPLICATE_ID)
    return replace(new, problems=(*new.problems, *duplicates)) if duplicates else new


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
    parent_ids = data.parent_ids()
    record_ids = {sheet: data.record_ids(sheet) for sheet in cells if SHEETS[sheet].id_field}
    # Cases first: the other sheets' rows are checked against the Fall-IDs.
    for sheet in sorted(cells, key=lambda sheet: sheet is not SheetName.CASES):
        rows = list(sheets.get(sheet, ()))
        ids = set(record_ids.get(sheet, ()))
        changed: list[int] = []
        for number, row_cells in sorted(cells[sheet].items()):
            fresh = read_row(sheet, SheetRow(number, row_cells), today, parent_ids)
            index = _position(rows, number)
            if index is None:
                rows.append(_with_duplicates(None, fresh, ids))
                if fresh.record_id:
                    ids.add(fresh.record_id)
                appended[sheet] = appended.get(sheet, 0) + 1
            else:
                rows[index] = _with_duplicates(rows[index], fresh, ids)
                changed.append(index)
        sheets[sheet] = tuple(rows)
        if sheet in record_ids:
            record_ids[sheet] = frozenset(ids)
        replaced[sheet] = tuple(sorted({*replaced.get(sheet, ()), *changed}))
        if sheet is SheetName.CASES and appended.get(sheet):
            new_cases = sheets[sheet][len(rows) - appended[sheet] :]
            added = case_ids_of(row.cells for row in new_cases) - parent_ids
            parent_ids = parent_ids | added
            if added:
                _recheck_children(sheets, added, parent_ids, today, replaced)
    patched = TownData(
        town=data.town,
        source=data.source,
        version=writes.after,
        sheets=sheets,
        missing_sheets=data.missing_sheets,
    )
    result = PatchedTown(patched.knowing(parent_ids, record_ids), replaced, appended)
    _carry_lookups(data, result)
    return result


def _carry_lookups(old: TownData, patched: PatchedTown) -> None:
    """The old town's look-ups by Fall-ID (cases, and rows per case), updated for the changed
    rows: built afresh they cost a pass over every row on the next page run after each save."""
    new = patched.data
    cases = old.__dict__.get("_cases_by_id")
    if cases is not None:
        index = dict(cases)
        for position in changed_positions(patched, SheetName.CASES):
            row = new.cases[position]
            was = old.cases[position] if position < len(old.cases) else None
            # With a repeated Fall-ID the look-up holds the last row, as a fresh one would.
            if row.record_id and (was is None or index.get(row.record_id) is was):
                index[row.record_id] = row
        object.__setattr__(new, "_cases_by_id", index)
    known = old.__dict__.get("_children_by_case")
    if known is not None:
        carried = {}
        for sheet, groups in known.items():
            positions = changed_positions(patched, sheet)
            carried[sheet] = _regrouped(groups, old.rows(sheet), new.rows(sheet), positions)
        object.__setattr__(new, "_children_by_case", carried)


def _regrouped(
    groups: Mapping[str | None, tuple[RecordRow, ...]],
    old_rows: Sequence[RecordRow],
    new_rows: Sequence[RecordRow],
    positions: Sequence[int],
) -> dict[str | None, tuple[RecordRow, ...]]:
    result = dict(groups)  # a copy: sessions on the old version still use the old groups
    for position in positions:
        if position < len(old_rows):
            was = old_rows[position]
            kept = tuple(row for row in result.get(was.record.case_id, ()) if row is not was)
            if kept:
                result[was.record.case_id] = kept
            else:
                result.pop(was.record.case_id, None)
        row = new_rows[position]
        members = result.get(row.record.case_id, ())
        at = bisect_left(members, row.row_number, key=lambda member: member.row_number)
        result[row.record.case_id] = (*members[:at], row, *members[at:])
    return result


def _recheck_children(
    sheets: dict[SheetName, tuple[RecordRow, ...]],
    parents: AbstractSet[str],
    case_ids: AbstractSet[str],
    today: date,
    replaced: dict[SheetName, tuple[int, ...]],
) -> None:
    """Rows of other sheets that point to a Fall-ID that came or went are checked again."""
    for sheet, rows in sheets.items():
        if sheet is SheetName.CASES or SHEETS[sheet].parent_field is None:
            continue
        hit = [i for i, row in enumerate(rows) if row.value("case_id") in parents]
        if not hit:
            continue
        updated = list(rows)
        for index in hit:
            old = rows[index]
            fresh = read_row(sheet, SheetRow(old.row_number, old.cells), today, case_ids)
            updated[index] = _with_duplicates(old, fresh, set())
        sheets[sheet] = tuple(updated)
        replaced[sheet] = tuple(sorted({*replaced.get(sheet, ()), *hit}))
