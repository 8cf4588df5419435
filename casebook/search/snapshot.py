"""An immutable, precomputed state of the search index; changes produce a new snapshot."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
from numpy.typing import NDArray

from casebook.search.keys import (
    NameKey,
    case_id_key,
    joined_canon,
    name_field_keys,
    phone_key,
    skeleton_of,
)
from casebook.search.vocab import Vocabulary

_SEPARATOR = "\n"  # never part of a key, so a substring never spans two documents


@dataclass(frozen=True)
class SearchDoc:
    """What the search knows of one case."""

    key: str  # the Fall-ID, unique
    first_name: str | None
    last_name: str | None
    phone: str | None
    birth_date: date | None

    @property
    def display_name(self) -> str:
        return " ".join(part.strip() for part in (self.first_name, self.last_name) if part)


@dataclass(frozen=True)
class _Blob:
    """Many short keys in one string, so that a substring search is one C-level scan."""

    text: str = ""
    starts: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @classmethod
    def of(cls, keys: Iterable[str]) -> _Blob:
        starts: list[int] = []
        position = 0
        parts: list[str] = []
        for key in keys:
            starts.append(position)
            parts.append(key)
            position += len(key) + len(_SEPARATOR)
        return cls(_SEPARATOR.join(parts), np.array(starts, dtype=np.int64))

    def rows_containing(self, needle: str) -> Iterator[int]:
        """Rows whose key contains the needle (each row once)."""
        last_row = -1
        offset = self.text.find(needle)
        while offset != -1:
            row = int(np.searchsorted(self.starts, offset, side="right")) - 1
            if row != last_row:
                yield row
                last_row = row
            offset = self.text.find(needle, offset + 1)


def _padded(rows: list[list[int]], width: int) -> NDArray[np.int32]:
    # One line per token slot, one column per row: scoring takes the maximum over a few
    # contiguous lines, which is much faster than a maximum along short rows.
    table = np.full((max(width, 1), len(rows)), -1, dtype=np.int32)
    for index, ids in enumerate(rows):
        table[: len(ids), index] = ids
    return table


def _doc_keys(doc: SearchDoc) -> tuple[NameKey, ...]:
    keys = {key.canon: key for key in name_field_keys(doc.first_name)}
    for key in name_field_keys(doc.last_name):
        keys.setdefault(key.canon, key)
    return tuple(keys.values())


@dataclass(frozen=True)
class Snapshot:
    """Rows of documents with their precomputed keys; rows of removed documents stay dead."""

    docs: tuple[SearchDoc, ...]
    rows: dict[str, int]  # live key -> row
    alive: NDArray[np.bool_]
    tokens: NDArray[np.int32]  # [slot, row] -> vocabulary id, -1 as padding
    vocabulary: Vocabulary
    first_last: tuple[str, ...]  # joined canonical "first last" per row
    last_first: tuple[str, ...]
    first_last_skeleton: tuple[str, ...]
    last_first_skeleton: tuple[str, ...]
    case_ids: tuple[str, ...]
    case_id_blob: _Blob
    phones: tuple[str, ...]
    phone_blob: _Blob
    birth_dates: dict[date, tuple[int, ...]]
    sequence_numbers: dict[int, tuple[int, ...]]  # 7 -> rows of …-0007

    @classmethod
    def build(cls, docs: Iterable[SearchDoc]) -> Snapshot:
        latest: dict[str, SearchDoc] = {}
        for doc in docs:
            latest.pop(doc.key, None)  # a repeated key counts once, as its last version
            latest[doc.key] = doc
        ordered = tuple(latest.values())
        first_last = tuple(_joined(doc.first_name, doc.last_name) for doc in ordered)
        last_first = tuple(_joined(doc.last_name, doc.first_name) for doc in ordered)
        doc_keys = [_doc_keys(doc) for doc in ordered]
        vocabulary = Vocabulary.of(key for keys in doc_keys for key in keys)
        token_rows = [[vocabulary.ids[key.canon] for key in keys] for keys in doc_keys]
        width = max((len(ids) for ids in token_rows), default=1)
        case_ids = tuple(case_id_key(doc.key) for doc in ordered)
        phones = tuple(phone_key(doc.phone) for doc in ordered)
        birth_dates: dict[date, list[int]] = {}
        sequence_numbers: dict[int, list[int]] = {}
        for row, doc in enumerate(ordered):
            if doc.birth_date:
                birth_dates.setdefault(doc.birth_date, []).append(row)
            number = _sequence_number(doc.key)
            if number is not None:
                sequence_numbers.setdefault(number, []).append(row)
        return cls(
            docs=ordered,
            rows={doc.key: row for row, doc in enumerate(ordered)},
            alive=np.ones(len(ordered), dtype=bool),
            tokens=_padded(token_rows, width),
            vocabulary=vocabulary,
            first_last=first_last,
            last_first=last_first,
            first_last_skeleton=tuple(skeleton_of(text) for text in first_last),
            last_first_skeleton=tuple(skeleton_of(text) for text in last_first),
            case_ids=case_ids,
            case_id_blob=_Blob.of(case_ids),
            phones=phones,
            phone_blob=_Blob.of(phones),
            birth_dates={day: tuple(rows) for day, rows in birth_dates.items()},
            sequence_numbers={number: tuple(rows) for number, rows in sequence_numbers.items()},
        )

    def __len__(self) -> int:
        return len(self.rows)

    def without(self, key: str) -> Snapshot:
        """This snapshot with the document of that key removed (no-op if unknown)."""
        row = self.rows.get(key)
        if row is None:
            return self
        rows = dict(self.rows)
        del rows[key]
        alive = self.alive.copy()
        alive[row] = False
        return replace(self, rows=rows, alive=alive)

    def with_doc(self, doc: SearchDoc) -> Snapshot:
        """This snapshot with the document added, or replacing the one with the same key."""
        base = self.without(doc.key)
        row = len(base.docs)
        keys = _doc_keys(doc)
        first_last = _joined(doc.first_name, doc.last_name)
        last_first = _joined(doc.last_name, doc.first_name)
        vocabulary = base.vocabulary.extended(keys)
        ids = [vocabulary.ids[key.canon] for key in keys]
        width = max(base.tokens.shape[0], len(ids))
        tokens = np.full((width, row + 1), -1, dtype=np.int32)
        tokens[: base.tokens.shape[0], :row] = base.tokens
        tokens[: len(ids), row] = ids
        case_ids = (*base.case_ids, case_id_key(doc.key))
        phones = (*base.phones, phone_key(doc.phone))
        birth_dates = dict(base.birth_dates)
        if doc.birth_date:
            birth_dates[doc.birth_date] = (*birth_dates.get(doc.birth_date, ()), row)
        sequence_numbers = dict(base.sequence_numbers)
        number = _sequence_number(doc.key)
        if number is not None:
            sequence_numbers[number] = (*sequence_numbers.get(number, ()), row)
        return Snapshot(
            docs=(*base.docs, doc),
            rows={**base.rows, doc.key: row},
            alive=np.append(base.alive, True),
            tokens=tokens,
            vocabulary=vocabulary,
            first_last=(*base.first_last, first_last),
            last_first=(*base.last_first, last_first),
            first_last_skeleton=(*base.first_last_skeleton, skeleton_of(first_last)),
            last_first_skeleton=(*base.last_first_skeleton, skeleton_of(last_first)),
            case_ids=case_ids,
            case_id_blob=_Blob.of(case_ids),
            phones=phones,
            phone_blob=_Blob.of(phones),
            birth_dates=birth_dates,
            sequence_numbers=sequence_numbers,
        )

    @property
    def dead_rows(self) -> int:
        return len(self.docs) - len(self.rows)


def _joined(first: str | None, second: str | None) -> str:
    return joined_canon(first) + joined_canon(second)


def _sequence_number(key: str) -> int | None:
    tail = key.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else None
