"""Grow ranges that end on the last data row when a row is appended, the way Excel does."""

from __future__ import annotations

import re

from casebook.storage.xlsx.package import MAIN_NS
from casebook.storage.xlsx.ranges import grow_range, grow_sqref
from casebook.storage.xlsx.xml import attribute, main_prefix, set_attribute, start_tag

# Excel-2010 extensions (x14 data bars, icon sets, list validations from other sheets) keep their
# ranges in <xm:sqref> child elements. Sparklines also use <xm:sqref> but sit in other elements,
# and a sparkline is never extended to a new row.
_EXTENSION_BLOCK = re.compile(
    rb"""<([A-Za-z_][\w.-]*):(conditionalFormatting|dataValidation)(?=[\s>])"""
    rb"""(?:[^>"'/]|"[^"]*"|'[^']*')*>(.*?)</\1:\2>""",
    re.DOTALL,
)
_SQREF_ELEMENT = re.compile(rb"<([A-Za-z_][\w.-]*:)sqref>([^<]*)</\1sqref>")


def grow_worksheet_tail(tail: bytes, prefix: bytes, last_row: int, new_last_row: int) -> bytes:
    """The part of a worksheet after <sheetData> with filters, validations and formats grown."""
    for local, name in (
        (b"autoFilter", b"ref"),
        (b"sortState", b"ref"),
        (b"dataValidation", b"sqref"),
        (b"conditionalFormatting", b"sqref"),
    ):
        tail = _grow_attribute(tail, prefix, local, name, last_row, new_last_row)

    def grow_block(block: re.Match[bytes]) -> bytes:
        def grow_element(found: re.Match[bytes]) -> bytes:
            grown = grow_sqref(found.group(2).decode("utf-8"), last_row, new_last_row)
            return found.group(0).replace(found.group(2), grown.encode("utf-8"), 1)

        content_start = block.start(3) - block.start()
        head, content = block.group(0)[:content_start], block.group(0)[content_start:]
        return head + _SQREF_ELEMENT.sub(grow_element, content)

    return _EXTENSION_BLOCK.sub(grow_block, tail)


def grow_table(data: bytes, part: str, last_row: int, new_last_row: int) -> bytes:
    """A table part with its ref and filter grown; tables with a totals row stay as they are."""
    prefix = main_prefix(data, b"table", MAIN_NS, part)
    root = start_tag(prefix, b"table").search(data)
    if root is None:
        return data
    totals = attribute(root.group(1), b"totalsRowCount")
    if totals not in (None, "0"):
        return data
    data = _grow_attribute(data, prefix, b"table", b"ref", last_row, new_last_row)
    data = _grow_attribute(data, prefix, b"autoFilter", b"ref", last_row, new_last_row)
    return _grow_attribute(data, prefix, b"sortState", b"ref", last_row, new_last_row)


def _grow_attribute(
    data: bytes, prefix: bytes, local: bytes, name: bytes, last_row: int, new_last_row: int
) -> bytes:
    def grow(tag: re.Match[bytes]) -> bytes:
        value = attribute(tag.group(1), name)
        if value is None:
            return tag.group(0)
        grow_value = grow_sqref if name == b"sqref" else grow_range
        grown = grow_value(value, last_row, new_last_row)
        if grown == value:
            return tag.group(0)
        attrs = set_attribute(tag.group(1), name, grown)
        offset = tag.start(1) - tag.start()
        return tag.group(0)[:offset] + attrs + tag.group(0)[offset + len(tag.group(1)) :]

    return start_tag(prefix, local).sub(grow, data)
