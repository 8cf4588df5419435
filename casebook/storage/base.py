"""The Store protocol every backend implements, the data it returns and the errors it raises."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any, Protocol, overload

from casebook.storage.cells import CellValue
from casebook.storage.columns import ColumnCells, cell_at, column_values

_new = object.__new__
_set = object.__setattr__


class SheetRow:
    """A non-empty row as read: its 1-based row number in the sheet and its cells by header.

    A row read from a grid holds no cells of its own but a place in its table's columns
    (`in_columns`): one small object per row, which the garbage collector walks quickly.
    """

    __slots__ = ("_cells", "_columns", "_index", "number")
    number: int
    _cells: Mapping[str, CellValue] | None
    _columns: Mapping[str, Sequence[Any]] | None  # a backend's values as read (grid_columns)
    _index: int

    def __init__(self, number: int, cells: Mapping[str, CellValue]) -> None:
        _set(self, "number", number)
        _set(self, "_cells", cells)
        _set(self, "_columns", None)
        _set(self, "_index", 0)

    @classmethod
    def in_columns(cls, number: int, columns: Mapping[str, Sequence[Any]], index: int) -> SheetRow:
        """Row `number`, whose cells are value `index` of each of `columns`."""
        row = _new(cls)
        _set(row, "number", number)
        _set(row, "_cells", None)
        _set(row, "_columns", columns)
        _set(row, "_index", index)
        return row

    @property
    def cells(self) -> Mapping[str, CellValue]:
        cells = self._cells
        if cells is not None:
            return cells
        assert self._columns is not None  # a row has cells or a place in columns
        return ColumnCells(self._columns, self._index)

    def get(self, header: str) -> CellValue | None:
        """The cell under `header` (None when empty), without making a view of the row."""
        if self._cells is not None:
            return self._cells.get(header)
        assert self._columns is not None
        return cell_at(self._columns, header, self._index)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"SheetRow is read-only ({name})")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SheetRow):
            return NotImplemented
        return self.number == other.number and dict(self.cells) == dict(other.cells)

    __hash__ = None  # type: ignore[assignment]  # equal by its cells, which can change

    def __repr__(self) -> str:
        return f"SheetRow(number={self.number!r}, cells={dict(self.cells)!r})"

    def __reduce__(self) -> tuple[object, ...]:
        return (SheetRow, (self.number, dict(self.cells)))


class GridRows(Sequence[SheetRow]):
    """The rows of a table read from a grid: each made when it is looked at, from the columns.

    A load reads the columns and never needs the rows as objects (90,000 at 10,000 cases); the
    rows made on each look are equal, not the same objects.
    """

    __slots__ = ("columns", "numbers")

    def __init__(self, numbers: Sequence[int], columns: Mapping[str, Sequence[Any]]) -> None:
        self.numbers = numbers  # the rows' 1-based numbers in the sheet
        self.columns = columns  # a backend's values as read, one per row (grid_columns)

    def __len__(self) -> int:
        return len(self.numbers)

    @overload
    def __getitem__(self, index: int) -> SheetRow: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[SheetRow, ...]: ...

    def __getitem__(self, index: int | slice) -> SheetRow | tuple[SheetRow, ...]:
        if isinstance(index, slice):
            return tuple(self)[index]
        position = range(len(self.numbers))[index]  # negative and out-of-range as a tuple does
        return SheetRow.in_columns(self.numbers[position], self.columns, position)

    def __iter__(self) -> Iterator[SheetRow]:
        count = len(self.numbers)
        return map(SheetRow.in_columns, self.numbers, repeat(self.columns, count), range(count))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"GridRows({list(self)!r})"


@dataclass(frozen=True)
class SheetTable:
    """One worksheet as read: header row (as typed, including unknown columns) and data rows."""

    name: str
    headers: tuple[str, ...]
    rows: Sequence[SheetRow]  # a tuple, or GridRows for a table read from a grid
    header_row: int = 1
    # The last row holding any value, also one only in a column without a header (a town's note).
    last_used_row: int = 0

    @property
    def last_row_number(self) -> int:
        """The last used row (the header row when there is no data)."""
        return max(self.rows[-1].number if self.rows else self.header_row, self.last_used_row)

    def rows_with(self, header: str, value: str) -> list[SheetRow]:
        """Rows whose cell under `header` equals `value` (IDs compared as trimmed text)."""
        return [
            row
            for row, cell in zip(self.rows, self.column(header), strict=True)
            if _id_text(cell) == value
        ]

    def column(self, header: str) -> Sequence[CellValue | None]:
        """Every data row's value under `header` (None where empty), in the order of `rows`.

        A table read from a grid holds its columns (`with_columns`); any other table (built
        from rows, or replaced) gives them from its rows' cells. Callers must not change it.
        """
        columns = self.__dict__.get("_columns")
        if columns is None:
            return [row.get(header) for row in self.rows]
        made: dict[str, list[CellValue | None]] = self.__dict__.setdefault("_made", {})
        if header not in made:  # made once per column; two threads would make the same
            made[header] = column_values(self.raw_column(header))
        return made[header]

    def raw_column(self, header: str) -> Sequence[Any]:
        """`column`, but as the backend gave the values (empty text, 3.0 for 3 …) where the
        table was read from a grid: `cell_value` makes cells of them, and of cells too."""
        columns = self.__dict__.get("_columns")
        if columns is None:
            return self.column(header)
        found: Sequence[Any] | None = columns.get(header)
        return found if found is not None else (None,) * len(self.rows)

    def with_columns(self, columns: Mapping[str, Sequence[Any]]) -> SheetTable:
        """This table, answering `column` from `columns` (a backend's values, one per row)."""
        object.__setattr__(self, "_columns", columns)
        return self


def _id_text(value: CellValue) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@dataclass(frozen=True)
class Snapshot:
    """All worksheets of one town's spreadsheet as read at one moment."""

    source: str
    tables: Mapping[str, SheetTable]
    version: str  # changes whenever the spreadsheet changes (file mtime+size, revision, …)
    missing_sheets: tuple[str, ...] = field(default=())

    def table(self, name: str) -> SheetTable:
        return self.tables.get(name) or SheetTable(name=name, headers=(), rows=())


@dataclass(frozen=True)
class RowHint:
    """The one existing row a save is about, where it stood when last read.

    A backend for which reading a whole worksheet is expensive (Google Sheets) may read just
    that row and check that it still holds the ID; the others ignore the hint.
    """

    sheet: str
    id_header: str
    record_id: str
    row_number: int


class Transaction(Protocol):
    """Changes to one spreadsheet that land together or not at all.

    `snapshot` is read fresh when the transaction starts (under the backend's lock, if it has one),
    so row numbers taken from it are valid for `set_cells` within the same transaction.
    """

    @property
    def snapshot(self) -> Snapshot: ...

    @property
    def renamed_ids(self) -> Mapping[str, str]:
        """After the commit: new IDs the backend had to change (old → new) because another
        instance appended the same ID at the same moment; empty where a lock prevents that."""

    @property
    def audit_pending(self) -> Sequence[Mapping[str, CellValue]]:
        """After the commit: Protokoll entries that could not be written although the data
        were (a backend whose writes are not all-or-nothing); the store writes them with the
        next save. Empty where data and Protokoll land together."""

    def set_cells(self, sheet: str, row_number: int, cells: Mapping[str, CellValue]) -> None:
        """Set cells of an existing row by header; a header the sheet lacks is added at the end."""

    def append_row(self, sheet: str, cells: Mapping[str, CellValue]) -> int:
        """Add a row after the last used row; returns its row number.

        The sheet need not be among those the transaction read (the Protokoll on an edit).
        """

    def delete_rows(self, sheet: str, row_numbers: Collection[int]) -> None:
        """Remove whole rows (numbers as in `snapshot`) and every trace of their values.

        Applied after the transaction's cell edits and appends; later rows may move up, so a
        row number returned by `append_row` in the same transaction may no longer hold.
        Only for deletions required by law (Löschfrist): the app otherwise never removes rows.
        """


class Store(Protocol):
    """A town's spreadsheet (workbook file, Google Sheet …)."""

    @property
    def label(self) -> str:
        """A human-readable name of the source, for messages and logs."""

    def version(self) -> str:
        """A cheap token that changes when the spreadsheet changes (for caching)."""

    def load(self) -> Snapshot:
        """Read all worksheets in one pass."""

    def transaction(
        self,
        sheets: Collection[str],
        hint: RowHint | None = None,
        columns: Mapping[str, Collection[str]] | None = None,
    ) -> AbstractContextManager[Transaction]:
        """Start a transaction reading `sheets` fresh; leaving the block without error commits.

        With a `hint`, the snapshot's table of `hint.sheet` may hold only some rows, among them
        the hinted record's (wherever it stands now); such a transaction only sets cells there.
        With `columns` (sheet → headers), the table of such a sheet may hold only those cells
        (of every row that has one) besides its top rows: enough to draw the next free ID and
        to append a row.
        """


class StorageError(Exception):
    """Base of all storage errors; each carries what the UI needs for a German message."""


class SourceNotFound(StorageError):
    """The configured spreadsheet does not exist (or is not reachable)."""

    def __init__(self, source: str) -> None:
        super().__init__(source)
        self.source = source


class SourceInUse(StorageError):
    """The workbook is open in Excel or LibreOffice (their lock file exists)."""

    def __init__(self, source: str, lock_file: str) -> None:
        super().__init__(source, lock_file)
        self.source = source
        self.lock_file = lock_file


class SourceBusy(StorageError):
    """Another save holds the lock for too long."""

    def __init__(self, source: str) -> None:
        super().__init__(source)
        self.source = source


class SourceUnavailable(StorageError):
    """The backend was unreachable or refused (quota, network …); nothing was written."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(source, reason)
        self.source = source
        self.reason = reason


class UnreadableSource(StorageError):
    """The file is not a workbook the app can read."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(source, reason)
        self.source = source
        self.reason = reason


def iter_ids(table: SheetTable, header: str) -> Iterator[str]:
    """All non-empty values of an ID column, as text."""
    for value in table.column(header):
        text = _id_text(value)
        if text:
            yield text
