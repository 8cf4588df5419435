"""Inspecting a town's existing spreadsheet before use: header rows, recognised columns, sample values."""

from __future__ import annotations

import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from casebook.storage.base import SheetTable
from casebook.storage.mapped import MappedStore, map_table
from casebook.storage.mapping import ColumnMatch, MappingError, SourceMapping, parse_mapping
from casebook.storage.xlsx.store import WorkbookStore
from sheets_schema import SHEETS, SheetName, field_by_name, field_specs, parse_row, to_cells
from sheets_schema.types import cell_text

SAMPLES = 3
EXAMPLES = 3
PREVIEW_ROWS = 10


@dataclass(frozen=True)
class ColumnReport:
    """One column of the sheet: how it was recognised, values as read, and what could not be read."""

    match: ColumnMatch
    samples: tuple[tuple[str, str], ...]  # (as typed, as the app reads it)
    problem_count: int
    examples: tuple[str, ...]  # „Zeile 8: „31.02.2024“ – Bitte ein Datum …“


@dataclass(frozen=True)
class SheetReport:
    """One worksheet of the file."""

    name: str  # as in the file
    sheet: SheetName | None  # the schema worksheet it stands for, if any
    header_row: int
    header_row_declared: bool
    row_count: int
    columns: tuple[ColumnReport, ...]
    missing: tuple[str, ...]  # schema headers without a column
    missing_required: tuple[str, ...]
    preview: tuple[dict[str, str], ...]  # the first rows under the schema's headers, as text


@dataclass(frozen=True)
class WorkbookReport:
    """Everything an administrator needs to write a mapping for a source."""

    source: str
    sheets: tuple[SheetReport, ...]
    missing_sheets: tuple[SheetName, ...]  # schema worksheets the file does not have

    @property
    def problem_count(self) -> int:
        return sum(column.problem_count for sheet in self.sheets for column in sheet.columns)


def _shown(value: object) -> str:
    return cell_text(value).strip()


def _sheet_report(
    name: str, table: SheetTable, sheet: SheetName, mapping: SourceMapping
) -> SheetReport:
    mapped = map_table(table, sheet, mapping)
    model = SHEETS[sheet].model
    specs = field_by_name(model)
    by_header = {spec.header: spec for spec in specs.values()}
    samples: dict[str, list[tuple[str, str]]] = {}
    counts: dict[str, int] = {}
    examples: dict[str, list[str]] = {}
    for row in mapped.table.rows:
        parsed = parse_row(model, row.cells)
        shown = to_cells(parsed.record)
        for header, raw in row.cells.items():
            spec = by_header.get(header)
            if spec is None or spec.name in parsed.unreadable:
                continue
            found = samples.setdefault(header, [])
            pair = (_shown(raw), _shown(shown.get(header)))
            if len(found) < SAMPLES and pair not in found:
                found.append(pair)
        for problem in parsed.problems:
            if problem.code == "required" or problem.column is None:
                continue
            counts[problem.column] = counts.get(problem.column, 0) + 1
            listed = examples.setdefault(problem.column, [])
            if len(listed) < EXAMPLES:
                listed.append(f"Zeile {row.number}: {problem.message}")
    columns = []
    for match in mapped.columns:
        target = match.schema_header if match.recognised else None
        columns.append(
            ColumnReport(
                match=match,
                samples=tuple(samples.get(target, ())) if target else _raw_samples(table, match),
                problem_count=counts.get(target, 0) if target else 0,
                examples=tuple(examples.get(target, ())) if target else (),
            )
        )
    present = {m.schema_header for m in mapped.columns if m.recognised}
    missing = tuple(spec.header for spec in field_specs(model) if spec.header not in present)
    required = tuple(h for h in missing if by_header[h].required and not by_header[h].system)
    preview = tuple(
        {header: _shown(value) for header, value in row.cells.items()}
        for row in mapped.table.rows[:PREVIEW_ROWS]
    )
    return SheetReport(
        name=name,
        sheet=sheet,
        header_row=table.header_row,
        header_row_declared=mapping.declared_header_row(name, sheet) is not None,
        row_count=len(table.rows),
        columns=tuple(columns),
        missing=missing,
        missing_required=required,
        preview=preview,
    )


def _raw_samples(table: SheetTable, match: ColumnMatch) -> tuple[tuple[str, str], ...]:
    found: list[tuple[str, str]] = []
    for row in table.rows:
        value = row.cells.get(match.header)
        text = _shown(value)
        if text and (text, text) not in found:
            found.append((text, text))
        if len(found) >= SAMPLES:
            break
    return tuple(found)


def _other_report(name: str, table: SheetTable) -> SheetReport:
    return SheetReport(
        name=name,
        sheet=None,
        header_row=table.header_row,
        header_row_declared=False,
        row_count=len(table.rows),
        columns=(),
        missing=(),
        missing_required=(),
        preview=(),
    )


def inspect_store(store: MappedStore) -> WorkbookReport:
    """Read the source as it is and report, per worksheet, what the app recognises in it."""
    raw = store.inner.load()
    resolved = store.mapping.resolve_sheets(raw.tables)
    reports = []
    for name, table in raw.tables.items():
        sheet = resolved.get(name)
        if sheet is None:
            reports.append(_other_report(name, table))
        else:
            reports.append(_sheet_report(name, table, sheet, store.mapping))
    missing = tuple(sheet for sheet in SheetName if sheet not in resolved.values())
    return WorkbookReport(source=store.label, sheets=tuple(reports), missing_sheets=missing)


def inspect_workbook_file(content: bytes, name: str, mapping: SourceMapping) -> WorkbookReport:
    """An uploaded workbook, read from a temporary copy that is removed right after."""
    with tempfile.TemporaryDirectory(prefix="kim-pruefen-") as folder:
        path = Path(folder) / (Path(name).name or "tabelle.xlsx")
        path.write_bytes(content)
        store = MappedStore(WorkbookStore(path, header_locator=mapping.locate_header), mapping)
        return inspect_store(store)


def mapping_from_text(text: str) -> SourceMapping:
    """A mapping typed or pasted as in sources.toml (`[town.mapping.…]` or `[mapping.…]` tables)."""
    if not text.strip():
        return SourceMapping()
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise MappingError(f"Die Zuordnung ist kein gültiges TOML: {error}") from error
    town = document.get("town")
    if isinstance(town, dict):
        document = town
    elif isinstance(town, list) and town and isinstance(town[0], dict):
        document = town[0]
    return parse_mapping(document.get("mapping", document), "Zuordnung")
