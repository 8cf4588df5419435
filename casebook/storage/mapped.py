"""A Store wrapper that shows a town's own spreadsheet under the schema's names, for any backend.

Reading renames worksheets and headers to the schema's (row numbers and the header row stay
as in the sheet); writing translates back, so a value lands under the town's own header in its
own position. Columns the schema does not know are kept under their own header, never written.
The header row itself is found by the backend's reader, which takes `mapping.locate_header`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from casebook.storage.base import (
    RowHint,
    SheetRow,
    SheetTable,
    Snapshot,
    StorageError,
    Store,
    Transaction,
)
from casebook.storage.cells import CellValue
from casebook.storage.mapping import ColumnMatch, Recognition, SourceMapping
from sheets_schema import SHEETS, SheetName, headers


class ColumnTaken(StorageError):
    """The app would add a column whose header a column of the town already has (not the app's)."""

    def __init__(self, source: str, sheet: str, header: str) -> None:
        super().__init__(source, sheet, header)
        self.source = source
        self.sheet = sheet
        self.header = header


@dataclass(frozen=True)
class MappedTable:
    """A worksheet under the schema's names, how each column was recognised, and the way back."""

    table: SheetTable  # named and keyed by the schema's worksheet and headers
    real_name: str
    columns: tuple[ColumnMatch, ...]
    to_real: Mapping[str, str]  # schema header → the sheet's own header
    taken: frozenset[str]  # headers of the sheet that must not receive the app's values


def map_table(table: SheetTable, sheet: SheetName, mapping: SourceMapping) -> MappedTable:
    """The worksheet `table` (as the backend read it) under the names of schema sheet `sheet`."""
    columns = mapping.recognise(sheet, table.headers)
    own = set(headers(SHEETS[sheet].model))
    rename: dict[str, str] = {}
    for match in columns:
        if match.recognised and match.schema_header is not None:
            rename[match.header] = match.schema_header
        elif match.header in own and match.recognition is not Recognition.DUPLICATE:
            # The town's column carries one of our headers (ignored by the mapping): it stays
            # visible under a name of its own so it cannot be mistaken for ours.
            rename[match.header] = f"{match.header} (Spalte {match.letter})"
    to_real = {schema: real for real, schema in rename.items() if schema in own}
    taken = frozenset(h for h in table.headers if h in own and h not in to_real.values())
    identity = all(real == schema for real, schema in rename.items()) and table.name == sheet.value
    if identity:
        return MappedTable(table, table.name, columns, to_real, taken)
    rows = tuple(
        SheetRow(row.number, {rename.get(h, h): v for h, v in row.cells.items()})
        for row in table.rows
    )
    mapped = SheetTable(
        name=sheet.value,
        headers=tuple(rename.get(h, h) for h in table.headers),
        rows=rows,
        header_row=table.header_row,
        last_used_row=table.last_used_row,
    )
    return MappedTable(mapped, table.name, columns, to_real, taken)


@dataclass(frozen=True)
class MappedSnapshot:
    """A snapshot under the schema's names, and per schema sheet how it was mapped."""

    snapshot: Snapshot
    tables: Mapping[SheetName, MappedTable]


def map_snapshot(raw: Snapshot, mapping: SourceMapping) -> MappedSnapshot:
    """All worksheets of a raw snapshot; worksheets that are not the app's keep their names."""
    resolved = mapping.resolve_sheets(raw.tables)
    mapped: dict[SheetName, MappedTable] = {}
    tables: dict[str, SheetTable] = {}
    for name, table in raw.tables.items():
        sheet = resolved.get(name)
        if sheet is None:
            if name not in tables:
                tables[name] = table
            continue
        mapped[sheet] = map_table(table, sheet, mapping)
        tables[sheet.value] = mapped[sheet].table
    real_of = {sheet.value: table.real_name for sheet, table in mapped.items()}
    missing = tuple(
        next((s.value for s in SheetName if mapping.sheet_for(m) is s), m)
        for m in raw.missing_sheets
        if m not in real_of.values()
    )
    snapshot = Snapshot(
        source=raw.source,
        tables=tables,
        version=raw.version,
        missing_sheets=tuple(dict.fromkeys(missing)),
    )
    return MappedSnapshot(snapshot, mapped)


class _MappedTransaction:
    """A backend transaction seen through the mapping."""

    def __init__(
        self,
        inner: Transaction,
        mapped: MappedSnapshot,
        real_names: Mapping[str, str],
        last_read: Mapping[SheetName, MappedTable] | None = None,
    ) -> None:
        self._inner = inner
        self._mapped = mapped
        self._real_names = real_names
        self._last_read = last_read or {}

    @property
    def snapshot(self) -> Snapshot:
        return self._mapped.snapshot

    @property
    def renamed_ids(self) -> Mapping[str, str]:
        return self._inner.renamed_ids

    @property
    def audit_pending(self) -> Sequence[Mapping[str, CellValue]]:
        return self._inner.audit_pending

    @property
    def committed_version(self) -> str | None:
        # Only backends that know the version their own write produced have one.
        version = getattr(self._inner, "committed_version", None)
        return version if isinstance(version, str) else None

    def _sheet(self, sheet: str) -> tuple[str, MappedTable | None]:
        try:
            name = SheetName(sheet)
        except ValueError:
            return sheet, None
        # A worksheet written without being read (the Protokoll on an edit or a refusal) keeps
        # the mapping of the last full read, so values still land under the town's own headers.
        table = self._mapped.tables.get(name) or self._last_read.get(name)
        if table is not None:
            return table.real_name, table
        return self._real_names.get(sheet, sheet), None

    def _cells(
        self, sheet: str, table: MappedTable | None, cells: Mapping[str, CellValue]
    ) -> dict[str, CellValue]:
        if table is None:
            return dict(cells)
        real: dict[str, CellValue] = {}
        for header, value in cells.items():
            target = table.to_real.get(header)
            if target is None and (value is None or value == ""):
                continue  # no new column in the town's sheet just to hold an empty cell
            if target is None and header in table.taken:
                raise ColumnTaken(self._mapped.snapshot.source, sheet, header)
            real[target or header] = value
        return real

    def set_cells(self, sheet: str, row_number: int, cells: Mapping[str, CellValue]) -> None:
        real_name, table = self._sheet(sheet)
        self._inner.set_cells(real_name, row_number, self._cells(sheet, table, cells))

    def append_row(self, sheet: str, cells: Mapping[str, CellValue]) -> int:
        real_name, table = self._sheet(sheet)
        return self._inner.append_row(real_name, self._cells(sheet, table, cells))

    def delete_rows(self, sheet: str, row_numbers: Collection[int]) -> None:
        real_name, _ = self._sheet(sheet)
        self._inner.delete_rows(real_name, row_numbers)


class MappedStore:
    """`inner` under the schema's names; give `inner` the mapping's header locator as well."""

    def __init__(self, inner: Store, mapping: SourceMapping | None = None) -> None:
        self.inner = inner
        self.mapping = mapping or SourceMapping()
        self._last_raw: Snapshot | None = None
        self._last: MappedSnapshot | None = None

    @property
    def label(self) -> str:
        return self.inner.label

    def version(self) -> str:
        return self.inner.version()

    def mapped_load(self) -> MappedSnapshot:
        """The snapshot and how each worksheet was mapped (the mapping is redone only on change)."""
        raw = self.inner.load()
        if raw is not self._last_raw or self._last is None:
            self._last = map_snapshot(raw, self.mapping)
            self._last_raw = raw
        return self._last

    def load(self) -> Snapshot:
        return self.mapped_load().snapshot

    def _real_names(self) -> dict[str, str]:
        """Schema worksheet → the file's worksheet, as of the last read."""
        if self._last is None:
            self.mapped_load()
        assert self._last is not None
        return {sheet.value: table.real_name for sheet, table in self._last.tables.items()}

    @contextmanager
    def transaction(
        self,
        sheets: Collection[str],
        hint: RowHint | None = None,
        columns: Mapping[str, Collection[str]] | None = None,
    ) -> Iterator[_MappedTransaction]:
        # Hint and columns name schema headers, not the file's: the inner store reads whole sheets.
        real_names = self._real_names()
        last_read = self._last.tables if self._last is not None else {}
        wanted = [real_names.get(sheet, sheet) for sheet in sheets]
        with self.inner.transaction(wanted) as inner:
            mapped = map_snapshot(inner.snapshot, self.mapping)
            yield _MappedTransaction(inner, mapped, real_names, last_read)
