"""Read date formats from xl/styles.xml and add a date cell format once when a cell needs one."""

from __future__ import annotations

import re

from casebook.storage.xlsx.errors import UnsupportedWorkbook
from casebook.storage.xlsx.package import MAIN_NS
from casebook.storage.xlsx.xml import attribute, element, main_prefix, set_attribute, start_tag

DATE_FORMAT = "DD.MM.YYYY"
DATE_TIME_FORMAT = "DD.MM.YYYY HH:MM"
_FIRST_CUSTOM_FORMAT_ID = 164
# Built-in number formats that show a calendar date (ECMA-376 18.8.30 plus East Asian ones).
_BUILTIN_DATE_FORMATS = frozenset(
    [14, 15, 16, 17, 22, *range(27, 32), *range(34, 37), *range(50, 59)]
)
# Quoted text, [colour]/[$-locale] sections, escaped characters and padding are no date tokens.
_NOT_A_TOKEN = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def is_date_format(code: str) -> bool:
    """Whether a number format code shows a day, month name or year (not just a time)."""
    first_section = _NOT_A_TOKEN.sub("", code).split(";")[0]
    return re.search(r"[dDyY]", first_section) is not None


class StyleSheet:
    """The cellXfs and numFmts of a styles part, with date formats added on demand."""

    def __init__(self, data: bytes | None, part: str | None) -> None:
        self._data = data
        self._part = part or "xl/styles.xml"
        self._formats: dict[int, str] = {}
        self._xfs: list[bytes] = []
        self._new_formats: list[tuple[int, str]] = []
        self._new_xfs: list[bytes] = []
        self._next_format_id = _FIRST_CUSTOM_FORMAT_ID
        if data is not None:
            self._parse(data)

    @property
    def changed(self) -> bool:
        return bool(self._new_xfs)

    def _parse(self, data: bytes) -> None:
        self._prefix = main_prefix(data, b"styleSheet", MAIN_NS, self._part)
        formats = element(self._prefix, b"numFmts").search(data)
        if formats:
            for number_format in start_tag(self._prefix, b"numFmt").finditer(formats.group(0)):
                format_id = attribute(number_format.group(1), b"numFmtId")
                code = attribute(number_format.group(1), b"formatCode")
                if format_id is not None and format_id.isdigit() and code is not None:
                    self._formats[int(format_id)] = code
        # Differential formats (dxf) carry numFmt ids too; a new id must clash with none.
        for number_format in start_tag(self._prefix, b"numFmt").finditer(data):
            format_id = attribute(number_format.group(1), b"numFmtId")
            if format_id is not None and format_id.isdigit():
                self._next_format_id = max(self._next_format_id, int(format_id) + 1)
        cell_xfs = element(self._prefix, b"cellXfs").search(data)
        if not cell_xfs or cell_xfs.group(3) is None:
            raise UnsupportedWorkbook(f"part {self._part} has no cell formats (cellXfs)")
        self._xfs = [m.group(0) for m in element(self._prefix, b"xf").finditer(cell_xfs.group(3))]

    def is_date(self, xf_index: int) -> bool:
        if not 0 <= xf_index < len(self._xfs):
            return False
        format_id = attribute(self._xfs[xf_index], b"numFmtId") or "0"
        if not format_id.isdigit():
            return False
        number = int(format_id)
        if number in self._formats:
            return is_date_format(self._formats[number])
        return number in _BUILTIN_DATE_FORMATS

    def style_for_date(self, base: int, with_time: bool) -> int:
        """Keep a date style; otherwise the base style with a German date format, added once."""
        if self.is_date(base):
            return base
        if self._data is None:
            raise UnsupportedWorkbook("workbook has no styles part to hold a date format")
        format_id = self._format_id(DATE_TIME_FORMAT if with_time else DATE_FORMAT)
        template = self._xfs[base] if 0 <= base < len(self._xfs) else self._xfs[0]
        tag = start_tag(self._prefix, b"xf").match(template)
        assert tag is not None  # every entry of _xfs was matched by the same pattern
        attrs = set_attribute(tag.group(1), b"numFmtId", str(format_id))
        attrs = set_attribute(attrs, b"applyNumberFormat", "1")
        new_xf = template[: tag.start(1)] + attrs + template[tag.end(1) :]
        if new_xf in self._xfs:
            return self._xfs.index(new_xf)
        self._xfs.append(new_xf)
        self._new_xfs.append(new_xf)
        return len(self._xfs) - 1

    def _format_id(self, code: str) -> int:
        for format_id, existing in self._formats.items():
            if existing == code:
                return format_id
        format_id = self._next_format_id
        self._next_format_id += 1
        self._formats[format_id] = code
        self._new_formats.append((format_id, code))
        return format_id

    def to_bytes(self) -> bytes:
        """The styles part with the added formats; later parts of the file are spliced first."""
        assert self._data is not None
        data = self._data
        cell_xfs = element(self._prefix, b"cellXfs").search(data)
        assert cell_xfs is not None and cell_xfs.group(3) is not None
        content_end = cell_xfs.start(3) + len(cell_xfs.group(3))
        data = data[:content_end] + b"".join(self._new_xfs) + data[content_end:]
        data = self._set_count(data, b"cellXfs", len(self._xfs))
        if self._new_formats:
            data = self._with_formats(data)
        return data

    def _with_formats(self, data: bytes) -> bytes:
        p = self._prefix
        added = b"".join(
            b"<" + p + b'numFmt numFmtId="%d" formatCode="%s"/>' % (format_id, code.encode())
            for format_id, code in self._new_formats
        )
        formats = element(p, b"numFmts").search(data)
        if formats and formats.group(3) is not None:
            content_end = formats.start(3) + len(formats.group(3))
            data = data[:content_end] + added + data[content_end:]
            count = sum(1 for _ in start_tag(p, b"numFmt").finditer(formats.group(3)))
            return self._set_count(data, b"numFmts", count + len(self._new_formats))
        block = b"<" + p + b'numFmts count="%d">' % len(self._new_formats) + added
        block += b"</" + p + b"numFmts>"
        if formats:  # an empty <numFmts/> element
            return data[: formats.start()] + block + data[formats.end() :]
        root = start_tag(p, b"styleSheet").search(data)
        assert root is not None
        return data[: root.end()] + block + data[root.end() :]

    def _set_count(self, data: bytes, local: bytes, count: int) -> bytes:
        tag = start_tag(self._prefix, local).search(data)
        assert tag is not None
        if attribute(tag.group(1), b"count") is None:
            return data
        attrs = set_attribute(tag.group(1), b"count", str(count))
        return data[: tag.start(1)] + attrs + data[tag.end(1) :]
