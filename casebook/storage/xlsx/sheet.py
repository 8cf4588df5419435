"""Rewrite only the affected <row> elements of a worksheet part; all other bytes pass through."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from casebook.storage.cells import CellValue
from casebook.storage.xlsx.errors import FormulaCellEdit, UnsupportedWorkbook
from casebook.storage.xlsx.growth import grow_worksheet_tail
from casebook.storage.xlsx.package import MAIN_NS
from casebook.storage.xlsx.ranges import Box, column_letters, parse_box, split_cell_ref
from casebook.storage.xlsx.values import DateStyles, final_style, render_cell
from casebook.storage.xlsx.xml import (
    attribute,
    attributes,
    element,
    main_prefix,
    set_attribute,
    start_tag,
)

_ARRAY_FORMULA = re.compile(rb"""<(?:[\w.-]+:)?f\s[^>]*\bt\s*=\s*["']array["'][^>]*>""")
# Row attributes a new row copies from the row above (the way Excel extends formatting).
_INHERITED_ROW_ATTRIBUTES = (b"s", b"customFormat", b"ht", b"customHeight")


@dataclass(frozen=True)
class SheetPatch:
    """The new worksheet part and, when rows were appended, (previous last row, new last row)."""

    xml: bytes
    growth: tuple[int, int] | None


@dataclass(frozen=True)
class _Cell:
    column: int
    start: int
    end: int
    style: int
    has_ref: bool
    content: bytes


def patch_sheet(
    xml: bytes,
    part: str,
    sheet: str,
    cells: dict[tuple[int, int], CellValue],
    styles: DateStyles,
    date1904: bool,
    header_row: int | None = None,
) -> SheetPatch:
    """Set `cells` ((row, column) -> value) in a worksheet part.

    A new row copies the formatting of the row above, except from `header_row`: below the
    headers it takes the columns' own formatting.
    """
    return _SheetPatcher(xml, part, sheet, styles, date1904, header_row).apply(cells)


class _SheetPatcher:
    def __init__(
        self,
        xml: bytes,
        part: str,
        sheet: str,
        styles: DateStyles,
        date1904: bool,
        header_row: int | None = None,
    ) -> None:
        self.xml = xml
        self.header_row = header_row
        self.sheet = sheet
        self.styles = styles
        self.date1904 = date1904
        p = self.prefix = main_prefix(xml, b"worksheet", MAIN_NS, part)
        self.text_prefix = p.decode("utf-8")
        self.row_close = b"</" + p + b"row>"
        self.cell_pattern = element(p, b"c")
        self.content_pattern = re.compile(b"<" + re.escape(p) + rb"(?:v|is|f)[\s/>]")
        self.formula_pattern = re.compile(b"<" + re.escape(p) + rb"f[\s/>]")
        sheet_data = start_tag(p, b"sheetData").search(xml)
        if sheet_data is None:
            raise UnsupportedWorkbook(f"part {part} has no sheetData")
        self.sheet_data_start = sheet_data.start()
        self.data_start = sheet_data.end()
        self.sheet_data_empty = bool(sheet_data.group(2))
        if self.sheet_data_empty:
            self.data_end = self.data_start
        else:
            self.data_end = xml.find(b"</" + p + b"sheetData>", self.data_start)
            if self.data_end < 0:
                raise UnsupportedWorkbook(f"part {part} has an unterminated sheetData")
        self._scan_rows(part)
        self.final_styles: dict[int, dict[int, int]] = {}
        self.new_row_attributes: dict[int, dict[bytes, bytes]] = {}

    def _scan_rows(self, part: str) -> None:
        # One pass over possibly 100,000 rows: row attributes are plain numbers and flags, so
        # [^>] cannot overrun a tag, and the row number is captured in the same match.
        row_tag = re.compile(
            b"<" + re.escape(self.prefix) + rb"row(?=[\s/>])"
            rb"""(?:[^>]*?\sr\s*=\s*["'](\d+)["'])?[^>]*?(/?)>"""
        )
        self.numbers: list[int] = []
        self.starts: list[int] = []
        self.tag_ends: list[int] = []
        self.empty_rows: list[bool] = []
        previous = 0
        for found in row_tag.finditer(self.xml, self.data_start, self.data_end):
            number_text = found.group(1)
            number = int(number_text) if number_text else previous + 1
            if number <= previous:
                raise UnsupportedWorkbook(f"rows of part {part} are out of order")
            previous = number
            self.numbers.append(number)
            self.starts.append(found.start())
            self.tag_ends.append(found.end())
            self.empty_rows.append(bool(found.group(2)))
        self.index_of = {number: index for index, number in enumerate(self.numbers)}

    def _row_attrs(self, index: int) -> bytes:
        """The attribute text of a row's start tag."""
        closing = 2 if self.empty_rows[index] else 1
        return self.xml[self.starts[index] + len(self.prefix) + 4 : self.tag_ends[index] - closing]

    def _row_end(self, index: int) -> int:
        if self.empty_rows[index]:
            return self.tag_ends[index]
        end = self.xml.find(self.row_close, self.tag_ends[index], self.data_end)
        if end < 0:
            raise UnsupportedWorkbook(f"row {self.numbers[index]} is not terminated")
        return end + len(self.row_close)

    def _body_end(self, index: int) -> int:
        end = self._row_end(index)
        return end if self.empty_rows[index] else end - len(self.row_close)

    def _cells(self, index: int) -> list[_Cell]:
        cells = []
        previous = 0
        for found in self.cell_pattern.finditer(
            self.xml, self.tag_ends[index], self._body_end(index)
        ):
            ref = attribute(found.group(1), b"r")
            position = split_cell_ref(ref) if ref else None
            column = position[0] if position else previous + 1
            previous = column
            style = attribute(found.group(1), b"s") or "0"
            cells.append(
                _Cell(
                    column=column,
                    start=found.start(),
                    end=found.end(),
                    style=int(style) if style.isdigit() else 0,
                    has_ref=position is not None,
                    content=found.group(3) or b"",
                )
            )
        return cells

    def _last_data_row(self) -> int | None:
        for index in reversed(range(len(self.numbers))):
            if self.empty_rows[index]:
                continue
            body = self.xml[self.tag_ends[index] : self._body_end(index)]
            if self.content_pattern.search(body):
                return self.numbers[index]
        return None

    def apply(self, cells: dict[tuple[int, int], CellValue]) -> SheetPatch:
        by_row: dict[int, dict[int, CellValue]] = {}
        for (row, column), value in cells.items():
            by_row.setdefault(row, {})[column] = value
        self._refuse_array_formula_cells(cells)
        last_data_row = self._last_data_row()
        splices: list[tuple[int, int, bytes]] = []
        written: list[tuple[int, int]] = []
        appended: list[int] = []
        for number in sorted(by_row):
            edits = by_row[number]
            if number in self.index_of:
                index = self.index_of[number]
                row_xml, columns = self._patch_row(index, number, edits)
                splices.append((self.starts[index], self._row_end(index), row_xml))
            else:
                row_xml, columns = self._new_row(number, edits)
                if not row_xml:
                    continue
                position = bisect.bisect_right(self.numbers, number)
                at = self.starts[position] if position < len(self.starts) else self.data_end
                splices.append((at, at, row_xml))
            written.extend((column, number) for column in columns)
            if (
                last_data_row is not None
                and number > last_data_row
                and self.content_pattern.search(row_xml)
            ):
                appended.append(number)
        growth = (last_data_row, max(appended)) if last_data_row and appended else None
        return SheetPatch(self._assemble(splices, written, growth, last_data_row), growth)

    def _refuse_array_formula_cells(self, cells: dict[tuple[int, int], CellValue]) -> None:
        if b"array" not in self.xml:
            return
        for formula in _ARRAY_FORMULA.finditer(self.xml, self.data_start, self.data_end):
            ref = attribute(formula.group(0), b"ref")
            box = parse_box(ref) if ref else None
            for row, column in cells:
                if box and box.contains(column, row):
                    raise FormulaCellEdit(self.sheet, row, column)

    def _patch_row(
        self, index: int, number: int, edits: dict[int, CellValue]
    ) -> tuple[bytes, list[int]]:
        xml = self.xml
        cells = self._cells(index)
        existing = {cell.column: cell for cell in cells}
        for column in edits:
            cell = existing.get(column)
            if cell and self.formula_pattern.search(cell.content):
                raise FormulaCellEdit(self.sheet, number, column)
        row_attrs = attributes(self._row_attrs(index))
        styles = {cell.column: cell.style for cell in cells}
        rendered: dict[int, bytes] = {}
        for column, value in edits.items():
            base = existing[column].style if column in existing else None
            if base is None:
                base = self._inherited_style(number, column, row_attrs)
            style = final_style(base, value, self.styles)
            styles[column] = style
            rendered[column] = self._render(number, column, style, value)
        self.final_styles[number] = styles
        pending = sorted(column for column in edits if column not in existing)
        parts: list[bytes] = []
        cursor = self.tag_ends[index]
        for cell in cells:
            parts.append(xml[cursor : cell.start])
            while pending and pending[0] < cell.column:
                parts.append(rendered[pending.pop(0)])
            if cell.column in rendered:
                parts.append(rendered[cell.column])
            elif cell.has_ref:
                parts.append(xml[cell.start : cell.end])
            else:  # once cells are inserted, a cell without "r" would shift; give it one
                tag_length = len(self.prefix) + 2
                ref = f' r="{column_letters(cell.column)}{number}"'.encode()
                parts.append(xml[cell.start : cell.start + tag_length] + ref)
                parts.append(xml[cell.start + tag_length : cell.end])
            cursor = cell.end
        parts.extend(rendered[column] for column in pending)
        body_end = self._body_end(index)
        parts.append(xml[cursor:body_end])
        columns = [column for column, cell_xml in rendered.items() if cell_xml]
        attrs = self._widen_spans(self._row_attrs(index), columns)
        head = b"<" + self.prefix + b"row" + attrs + b">"
        return head + b"".join(parts) + self.row_close, columns

    def _new_row(self, number: int, edits: dict[int, CellValue]) -> tuple[bytes, list[int]]:
        above_attrs = self._row_attributes(number - 1)
        below_header = number - 1 == self.header_row
        attrs = (
            {}
            if below_header
            else {
                name: value
                for name, value in above_attrs.items()
                if name in _INHERITED_ROW_ATTRIBUTES or name.endswith(b":dyDescent")
            }
        )
        self.new_row_attributes[number] = attrs
        styles = {} if below_header else dict(self._styles_of_row(number - 1))
        parts = []
        columns = []
        for column in sorted(edits):
            base = self._inherited_style(number, column, attrs)
            style = final_style(base, edits[column], self.styles)
            styles[column] = style
            cell_xml = self._render(number, column, style, edits[column])
            if cell_xml:
                parts.append(cell_xml)
                columns.append(column)
        self.final_styles[number] = styles
        if not columns:
            return b"", []
        head = b' r="%d"' % number
        if b"spans" in above_attrs:
            head += self._widen_spans(b' spans="' + above_attrs[b"spans"] + b'"', columns)
        head += b"".join(b" " + name + b'="' + value + b'"' for name, value in attrs.items())
        p = self.prefix
        return b"<" + p + b"row" + head + b">" + b"".join(parts) + self.row_close, columns

    def _render(self, number: int, column: int, style: int, value: CellValue) -> bytes:
        ref = f"{column_letters(column)}{number}"
        cell_xml = render_cell(self.text_prefix, ref, style, value, self.date1904)
        return cell_xml.encode("utf-8") if cell_xml else b""

    def _row_attributes(self, number: int) -> dict[bytes, bytes]:
        if number in self.new_row_attributes:
            return self.new_row_attributes[number]
        if number in self.index_of:
            return attributes(self._row_attrs(self.index_of[number]))
        return {}

    def _styles_of_row(self, number: int) -> dict[int, int]:
        if number not in self.final_styles and number in self.index_of:
            cells = self._cells(self.index_of[number])
            self.final_styles[number] = {cell.column: cell.style for cell in cells}
        return self.final_styles.get(number, {})

    def _inherited_style(self, number: int, column: int, row_attrs: dict[bytes, bytes]) -> int:
        """Style of the same column one row up, else the row's own style, else the column's."""
        above = {} if number - 1 == self.header_row else self._styles_of_row(number - 1)
        if column in above:
            return above[column]
        row_style = row_attrs.get(b"s", b"")
        if row_attrs.get(b"customFormat") in (b"1", b"true") and row_style.isdigit():
            return int(row_style)
        return self._column_style(column)

    def _column_style(self, column: int) -> int:
        head = self.xml[: self.sheet_data_start]
        for col in start_tag(self.prefix, b"col").finditer(head):
            low = attribute(col.group(1), b"min") or "0"
            high = attribute(col.group(1), b"max") or "0"
            style = attribute(col.group(1), b"style") or "0"
            if low.isdigit() and high.isdigit() and int(low) <= column <= int(high):
                return int(style) if style.isdigit() else 0
        return 0

    def _widen_spans(self, attrs: bytes, columns: list[int]) -> bytes:
        spans = attribute(attrs, b"spans")
        if not spans or not columns:
            return attrs
        bounds = [int(n) for n in re.findall(r"\d+", spans)]
        if not bounds:
            return attrs
        low, high = min(bounds), max(bounds)
        ranges = [tuple(int(n) for n in part.split(":")) for part in spans.split() if ":" in part]
        if all(any(r[0] <= column <= r[-1] for r in ranges) for column in columns):
            return attrs
        low, high = min(low, *columns), max(high, *columns)
        return set_attribute(attrs, b"spans", f"{low}:{high}")

    def _assemble(
        self,
        splices: list[tuple[int, int, bytes]],
        written: list[tuple[int, int]],
        growth: tuple[int, int] | None,
        last_data_row: int | None,
    ) -> bytes:
        xml = self.xml
        parts = [self._head(written, last_data_row)]
        if self.sheet_data_empty:
            parts.append(b"<" + self.prefix + b"sheetData>")
        cursor = self.data_start
        for start, end, replacement in sorted(splices, key=lambda splice: splice[0]):
            parts.append(xml[cursor:start])
            parts.append(replacement)
            cursor = end
        parts.append(xml[cursor : self.data_end])
        if self.sheet_data_empty:
            parts.append(b"</" + self.prefix + b"sheetData>")
        tail = xml[self.data_end :]
        if growth:
            tail = grow_worksheet_tail(tail, self.prefix, growth[0], growth[1])
        parts.append(tail)
        return b"".join(parts)

    def _head(self, written: list[tuple[int, int]], last_data_row: int | None) -> bytes:
        """Everything before the rows, with the <dimension> widened to the written cells."""
        head_end = self.sheet_data_start if self.sheet_data_empty else self.data_start
        head = self.xml[:head_end]
        if not written:
            return head
        dimension = start_tag(self.prefix, b"dimension").search(head)
        if dimension is None:
            return head
        columns = [column for column, _ in written]
        rows = [row for _, row in written]
        box = Box(min(columns), min(rows), max(columns), max(rows))
        old = parse_box(attribute(dimension.group(1), b"ref") or "")
        if old is not None and not (last_data_row is None and old == Box(1, 1, 1, 1)):
            box = old.union(box)
        attrs = set_attribute(dimension.group(1), b"ref", box.to_ref())
        if attrs == dimension.group(1):
            return head
        return head[: dimension.start(1)] + attrs + head[dimension.end(1) :]
