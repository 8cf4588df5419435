"""What a save wrote, cell by cell, and the spreadsheet versions before and after: enough to update a
loaded town in place instead of reading the whole spreadsheet again."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from casebook.storage.base import Snapshot, Transaction
from casebook.storage.cells import CellValue


@runtime_checkable
class KnowsCommittedVersion(Protocol):
    """A transaction that can tell, after its commit, the version its write gave the spreadsheet."""

    @property
    def committed_version(self) -> str | None: ...


@dataclass(frozen=True)
class WrittenRow:
    """Cells one save wrote into one row (by header), or the cells of a row it appended."""

    sheet: str
    row_number: int
    cells: Mapping[str, CellValue]
    appended: bool


@dataclass(frozen=True)
class SaveWrites:
    """Everything one committed transaction wrote, and the versions it went from and to.

    `after` is None when the backend cannot name the version its own write produced (then a
    reader must read the spreadsheet again); `exact` is False when the write did something an
    in-place update cannot reproduce (deleted rows, added a column, renumbered a new ID).
    """

    source: str
    before: str
    after: str | None
    rows: tuple[WrittenRow, ...]
    exact: bool

    @property
    def patchable(self) -> bool:
        return self.after is not None and self.exact


class RecordingTransaction:
    """A transaction that passes every change on and remembers it by header."""

    def __init__(self, inner: Transaction) -> None:
        self._inner = inner
        self.rows: list[WrittenRow] = []
        self.exact = True

    @property
    def snapshot(self) -> Snapshot:
        return self._inner.snapshot

    @property
    def renamed_ids(self) -> Mapping[str, str]:
        return self._inner.renamed_ids

    @property
    def audit_pending(self) -> Sequence[Mapping[str, CellValue]]:
        return self._inner.audit_pending

    def _adds_column(self, sheet: str, cells: Mapping[str, CellValue]) -> bool:
        # A new column may change how a town's own sheet is recognised, which only a read shows.
        table = self._inner.snapshot.tables.get(sheet)
        if table is None:
            return False
        known = set(table.headers)
        return any(
            header not in known and value not in (None, "") for header, value in cells.items()
        )

    def set_cells(self, sheet: str, row_number: int, cells: Mapping[str, CellValue]) -> None:
        self._inner.set_cells(sheet, row_number, cells)
        self.exact = self.exact and not self._adds_column(sheet, cells)
        self.rows.append(WrittenRow(sheet, row_number, dict(cells), appended=False))

    def append_row(self, sheet: str, cells: Mapping[str, CellValue]) -> int:
        row_number = self._inner.append_row(sheet, cells)
        self.exact = self.exact and not self._adds_column(sheet, cells)
        self.rows.append(WrittenRow(sheet, row_number, dict(cells), appended=True))
        return row_number

    def delete_rows(self, sheet: str, row_numbers: Collection[int]) -> None:
        self._inner.delete_rows(sheet, row_numbers)
        self.exact = False

    def writes(self) -> SaveWrites | None:
        """After the commit: what was written (None if nothing was)."""
        if not self.rows and self.exact:
            return None
        after = (
            self._inner.committed_version
            if isinstance(self._inner, KnowsCommittedVersion)
            else None
        )
        snapshot = self._inner.snapshot
        return SaveWrites(
            source=snapshot.source,
            before=snapshot.version,
            after=after,
            rows=tuple(self.rows),
            # Entries still pending are written with a later save, which no update here foresees.
            exact=self.exact and not self._inner.renamed_ids and not self._inner.audit_pending,
        )


@contextmanager
def recorded(
    transaction: AbstractContextManager[Transaction],
) -> Iterator[RecordingTransaction]:
    """Run a store's transaction and record its writes; read `.writes()` after the block."""
    with transaction as inner:
        recording = RecordingTransaction(inner)
        yield recording
