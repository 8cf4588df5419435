"""The real extent of each worksheet's values, measured before calamine builds its dense grid.

calamine holds a worksheet as one rectangle from A1 to the farthest cell holding a value: a single
value typed into XFD1048576 asks for 17 billion cells and aborts the whole server; one at A1048576
costs seconds and gigabytes on every load. The rectangle is measured here from the cells that hold
a value (not from `<dimension>`, and not from formatted empty cells), so a sheet that is too large
is refused for its town alone before any of it is read.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from casebook.storage.base import StorageError
from casebook.storage.xlsx.package import MAIN_NS, open_package
from casebook.storage.xlsx.ranges import Box, column_number, parse_box
from casebook.storage.xlsx.xml import main_prefix
from casebook.storage.xlsx.zip import read_directory

# Cells of one sheet's rectangle the reader may hold (about 32 bytes each in calamine, 8 more in
# Python): 8 million is some 320 MB, three times the Kontakte of a 50,000-case workbook.
MAX_GRID_CELLS = 8_000_000
# A worksheet part this large (uncompressed) is refused before it is inflated.
MAX_PART_BYTES = 1 << 30

_WINDOW = 1 << 16
_MERGED = re.compile(rb"""<(?:[\w.-]+:)?mergeCell\s[^>]*?\bref\s*=\s*["']([A-Z0-9$:]+)["']""")
_REF_ROW = re.compile(rb"""\sr\s*=\s*["']([0-9]{1,7})["']""")
_REF = re.compile(rb"""\sr\s*=\s*["']([A-Z]{1,3})([0-9]{1,7})["']""")


@dataclass(frozen=True)
class SheetExtent:
    """The rectangle from A1 to the last row and last column that hold a value."""

    last_row: int
    last_column: int
    row_cell: str  # the cell holding a value that lies lowest, e.g. "A1048576"
    column_cell: str  # the cell holding a value that lies farthest right
    merged: tuple[Box, ...] = ()  # merged cells, e.g. a header cell spanning two rows

    @property
    def cells(self) -> int:
        return self.last_row * self.last_column


class SheetTooLarge(StorageError):
    """A worksheet's values reach so far that reading it would exhaust the server's memory."""

    def __init__(self, source: str, sheet: str, extent: SheetExtent | None) -> None:
        super().__init__(source, sheet, extent)
        self.source = source
        self.sheet = sheet
        self.extent = extent  # None: the worksheet's XML alone is too large to inflate


@functools.lru_cache(maxsize=64)
def _cells_right_of(letters: bytes) -> re.Pattern[bytes] | None:
    """Cell references in a column right of `letters`; kept here, as re's own cache is shared."""
    above = _letters_above(letters)
    # A literal start keeps the search fast: only "r=" attributes are looked at.
    return re.compile(b'r="(' + above + b')([0-9]{1,7})"') if above else None


def _letters_above(letters: bytes) -> bytes:
    """A regex alternation matching column letters after `letters` (more letters, or later)."""
    width = len(letters)
    branches = [b"[A-Z]{%d}" % n for n in range(3, width, -1)]
    for i, letter in enumerate(letters):
        if letter < ord("Z"):
            rest = width - i - 1
            tail = b"[A-Z]{%d}" % rest if rest else b""
            branches.append(letters[:i] + b"[%c-Z]" % (letter + 1) + tail)
    return b"|".join(branches)


class _Part:
    """One worksheet's XML and the tags it is written with (with or without a prefix)."""

    def __init__(self, xml: bytes, name: str) -> None:
        self.xml = xml
        prefix = main_prefix(xml, b"worksheet", MAIN_NS, name)
        spaces = (b" ", b"\t", b"\n", b"\r")
        self.row_opens = tuple(b"<" + prefix + b"row" + space for space in spaces)
        self.cell_opens = tuple(b"<" + prefix + b"c" + space for space in (b">", *spaces))
        self.cell_close = b"</" + prefix + b"c>"
        self.value_ends = (b"</" + prefix + b"v>", b"</" + prefix + b"is>")
        data_end = xml.rfind(b"</" + prefix + b"sheetData>")
        self.data_end = data_end if data_end >= 0 else len(xml)

    def _last(self, tags: tuple[bytes, ...], end: int) -> int:
        # Looked for near `end` first: a full backward scan per absent tag (a tab-separated
        # cell, inline strings) would cost as much as reading the sheet.
        start = max(0, end - _WINDOW)
        while True:
            found = max(self.xml.rfind(tag, start, end) for tag in tags)
            if found >= 0 or start == 0:
                return found
            start = max(0, start - 8 * _WINDOW)

    def holds_value(self, inside_tag: int) -> bool:
        """Whether the cell whose start tag contains position `inside_tag` has a value child."""
        tag_end = self.xml.find(b">", inside_tag)
        if tag_end < 0 or self.xml[tag_end - 1 : tag_end] == b"/":
            return False
        close = self.xml.find(self.cell_close, tag_end)
        content = self.xml[tag_end : close if close >= 0 else self.data_end]
        return any(end in content for end in self.value_ends)

    def merged(self) -> tuple[Box, ...]:
        """The `<mergeCell>` ranges, which follow the rows."""
        tail = self.xml[self.data_end :]
        if b"mergeCell" not in tail:
            return ()
        boxes = (parse_box(ref.decode()) for ref in _MERGED.findall(tail))
        return tuple(box for box in boxes if box is not None)

    def last_value_cell(self) -> tuple[bytes, int] | None:
        """Column letters and row of the last cell holding a value (rows are stored in order)."""
        end = self._last(self.value_ends, self.data_end)
        while end >= 0:
            start = self._last(self.cell_opens, end)
            if start < 0:
                return None
            found = _REF.search(self.xml, start, self.xml.find(b">", start) + 1)
            if found:
                return found.group(1), int(found.group(2))
            # A cell without a reference: its row still says how far down it lies (its column
            # follows its neighbours, at least A).
            row_start = self._last(self.row_opens, start)
            if row_start >= 0:
                tag_end = self.xml.find(b">", row_start) + 1
                row = _REF_ROW.search(self.xml, row_start, tag_end)
                if row:
                    return b"A", int(row.group(1))
            end = self._last(self.value_ends, start)
        return None

    def last_column(self, letters: bytes, row: int) -> tuple[bytes, int]:
        """The rightmost column holding a value (at least `letters`) and a row it is used in."""
        position = 0
        while pattern := _cells_right_of(letters):
            found = pattern.search(self.xml, position, self.data_end)
            if found is None:
                break
            position = found.end()
            cell_attribute = self.xml[found.start() - 1 : found.start()].isspace()
            if cell_attribute and self.holds_value(found.start()):
                letters, row = found.group(1), int(found.group(2))
        return letters, row


def sheet_extent(xml: bytes, part: str) -> SheetExtent:
    """The rectangle of values of one worksheet part."""
    sheet = _Part(xml, part)
    last = sheet.last_value_cell()
    if last is None:
        return SheetExtent(0, 0, "", "", sheet.merged())
    letters, last_row = last
    far_letters, far_row = sheet.last_column(letters, last_row)
    return SheetExtent(
        last_row=last_row,
        last_column=column_number(far_letters.decode()),
        row_cell=f"{letters.decode()}{last_row}",
        column_cell=f"{far_letters.decode()}{far_row}",
        merged=sheet.merged(),
    )


def check_extents(path: Path, sheets: Collection[str] | None = None) -> dict[str, SheetExtent]:
    """Measure the named worksheets (all when None); raise SheetTooLarge for one too large to read."""
    extents = {}
    with path.open("rb") as source:
        package = open_package(source, read_directory(source))
        for name, (kind, part) in package.sheet_parts.items():
            if kind != "worksheet" or (sheets is not None and name not in sheets):
                continue
            entry = package.entry(part)
            if entry is None:
                continue
            if entry.size > MAX_PART_BYTES:
                raise SheetTooLarge(str(path), name, None)
            extent = sheet_extent(package.read(entry.name), entry.name)
            if extent.cells > MAX_GRID_CELLS:
                raise SheetTooLarge(str(path), name, extent)
            extents[name] = extent
    return extents
