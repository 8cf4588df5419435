"""Remove whole <row> elements from a worksheet part; later rows move up when that is safe."""

from __future__ import annotations

import re
from collections.abc import Collection

from casebook.storage.xlsx.errors import UnsupportedWorkbook
from casebook.storage.xlsx.package import MAIN_NS
from casebook.storage.xlsx.ranges import Box, parse_box
from casebook.storage.xlsx.shift import RowShift, Unshiftable
from casebook.storage.xlsx.xml import attribute, main_prefix, set_attribute, start_tag

# Attributes after <sheetData> that hold ranges, moved with the rows.
_RANGE_ATTRIBUTES = (
    (b"autoFilter", b"ref"),
    (b"sortState", b"ref"),
    (b"sortCondition", b"ref"),
    (b"conditionalFormatting", b"sqref"),
    (b"dataValidation", b"sqref"),
    (b"protectedRange", b"sqref"),
    (b"ignoredError", b"sqref"),
)
_EXTENSION_SQREF = re.compile(rb"(<([A-Za-z_][\w.-]*:)sqref>)([^<]*)(</\2sqref>)")
_FORMULA_TEXT = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?(formula|formula1|formula2|f)(?=[\s>])[^>]*>(.*?)</", re.DOTALL
)
# A range on another worksheet ('Listen'!$A$2:$A$9) does not move with this sheet's rows.
_OTHER_SHEET_RANGE = re.compile(
    r"(?:'(?:[^']|'')+'|[\w.]+)!\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?"
)
_CELL_REFERENCE = re.compile(r"(?<![\w.!])\$?[A-Za-z]{1,3}\$?\d+(?![\w(])")


def shift_blockers(xml: bytes, part: str) -> list[str]:
    """What in this worksheet would go wrong if its rows moved up (formulas, merged cells …)."""
    prefix = main_prefix(xml, b"worksheet", MAIN_NS, part)
    p = re.escape(prefix)
    reasons = []
    if re.search(b"<" + p + rb"f[\s/>]", xml):
        reasons.append("Formeln")
    if re.search(b"<" + p + rb"mergeCell[\s/>]", xml):
        reasons.append("verbundene Zellen")
    if re.search(b"<" + p + rb"hyperlink[\s/>]", xml):
        reasons.append("Hyperlinks")
    if b"sparklineGroup" in xml:
        reasons.append("Sparklines")
    for found in _FORMULA_TEXT.finditer(xml):
        text = found.group(2).decode("utf-8", "replace")
        if _CELL_REFERENCE.search(_OTHER_SHEET_RANGE.sub("", text)):
            reasons.append("Formeln in Formatierungen oder Gültigkeitsregeln")
            break
    return reasons


def remove_rows(xml: bytes, part: str, rows: Collection[int], shift: RowShift | None) -> bytes:
    """The part without the given rows; with `shift`, later rows and ranges move up.

    Without `shift` the rows simply vanish and the others keep their numbers (an empty gap).
    Raises Unshiftable when a range would disappear completely; call again without `shift`.
    """
    prefix = main_prefix(xml, b"worksheet", MAIN_NS, part)
    sheet_data = start_tag(prefix, b"sheetData").search(xml)
    if sheet_data is None:
        raise UnsupportedWorkbook(f"part {part} has no sheetData")
    if sheet_data.group(2):  # <sheetData/>: nothing to remove
        return xml
    start = sheet_data.end()
    end = xml.find(b"</" + prefix + b"sheetData>", start)
    if end < 0:
        raise UnsupportedWorkbook(f"part {part} has an unterminated sheetData")
    body = _remove(xml[start:end], prefix, set(rows), shift, part)
    head, tail = xml[:start], xml[end:]
    if shift is not None:
        head = _shift_head(head, prefix, shift)
        tail = _shift_tail(tail, prefix, shift)
    return head + body + tail


def _remove(body: bytes, prefix: bytes, rows: set[int], shift: RowShift | None, part: str) -> bytes:
    row_tag = re.compile(
        b"<" + re.escape(prefix) + rb"row(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>"
    )
    row_close = b"</" + prefix + b"row>"
    parts: list[bytes] = []
    cursor = 0
    previous = 0
    removed_any = False
    for found in row_tag.finditer(body):
        if found.start() < cursor:
            continue  # a match inside a row we already passed cannot happen; guard anyway
        number_text = attribute(found.group(1), b"r")
        number = int(number_text) if number_text and number_text.isdigit() else previous + 1
        if number <= previous:
            raise UnsupportedWorkbook(f"rows of part {part} are out of order")
        previous = number
        if found.group(2):
            row_end = found.end()
        else:
            close = body.find(row_close, found.end())
            if close < 0:
                raise UnsupportedWorkbook(f"row {number} of part {part} is not terminated")
            row_end = close + len(row_close)
        parts.append(body[cursor : found.start()])
        cursor = row_end
        if number in rows:
            removed_any = True
            continue
        row_xml = body[found.start() : row_end]
        if removed_any:
            # Once a row is gone, a later row without r would take its place; number it.
            new_number = shift.row(number) if shift is not None else number
            row_xml = _renumber(row_xml, found, prefix, new_number, number)
        parts.append(row_xml)
    parts.append(body[cursor:])
    return b"".join(parts)


def _renumber(row_xml: bytes, tag: re.Match[bytes], prefix: bytes, new: int, old: int) -> bytes:
    attrs = set_attribute(tag.group(1), b"r", str(new))
    tag_end = tag.end() - tag.start()
    head = b"<" + prefix + b"row" + attrs + (b"/>" if tag.group(2) else b">")
    rest = row_xml[tag_end:]
    if new != old:
        cell_ref = re.compile(
            b"(<"
            + re.escape(prefix)
            + rb"c(?=[\s/>])[^>]*?\sr\s*=\s*[\"']\$?[A-Za-z]{1,3}\$?)"
            + str(old).encode()
            + rb"(?=[\"'])"
        )
        rest = cell_ref.sub(lambda m: m.group(1) + str(new).encode(), rest)
    return head + rest


def _map_ref_attribute(
    data: bytes, prefix: bytes, local: bytes, name: bytes, shift: RowShift
) -> bytes:
    def move(tag: re.Match[bytes]) -> bytes:
        value = attribute(tag.group(1), name)
        if value is None:
            return tag.group(0)
        if name == b"sqref":
            moved = shift.sqref(value)
        else:
            single = shift.ref(value)
            if single is None:
                raise Unshiftable(value)
            moved = single
        if moved == value:
            return tag.group(0)
        attrs = set_attribute(tag.group(1), name, moved)
        offset = tag.start(1) - tag.start()
        return tag.group(0)[:offset] + attrs + tag.group(0)[offset + len(tag.group(1)) :]

    return start_tag(prefix, local).sub(move, data)


def _shift_head(head: bytes, prefix: bytes, shift: RowShift) -> bytes:
    try:
        return _map_ref_attribute(head, prefix, b"dimension", b"ref", shift)
    except Unshiftable:
        return head  # a dimension is only a hint for readers; a stale one does no harm


def _shift_tail(tail: bytes, prefix: bytes, shift: RowShift) -> bytes:
    for local, name in _RANGE_ATTRIBUTES:
        tail = _map_ref_attribute(tail, prefix, local, name, shift)

    def move_extension(found: re.Match[bytes]) -> bytes:
        moved = shift.sqref(found.group(3).decode("utf-8"))
        return found.group(1) + moved.encode("utf-8") + found.group(4)

    return _EXTENSION_SQREF.sub(move_extension, tail)


def shift_table(data: bytes, part: str, shift: RowShift) -> bytes:
    """A table part with its range (and filter) moved up; raises Unshiftable if it would vanish."""
    prefix = main_prefix(data, b"table", MAIN_NS, part)
    root = start_tag(prefix, b"table").search(data)
    ref = attribute(root.group(1), b"ref") if root else None
    box = parse_box(ref) if ref else None
    if box is None:
        return data
    if shift.is_deleted(box.first_row):
        raise Unshiftable(ref or "")
    header = shift.row(box.first_row)
    span = shift.span(box.first_row + 1, box.last_row)
    # A table keeps at least one data row below its header, as in Excel.
    last = header + 1 if span is None else max(span[1], header + 1)
    moved = Box(box.first_column, header, box.last_column, last)
    for local in (b"table", b"autoFilter"):
        data = _set_ref(data, prefix, local, moved.to_ref())
    return _map_ref_attribute(data, prefix, b"sortState", b"ref", shift)


def _set_ref(data: bytes, prefix: bytes, local: bytes, ref: str) -> bytes:
    tag = start_tag(prefix, local).search(data)
    if tag is None or attribute(tag.group(1), b"ref") is None:
        return data
    attrs = set_attribute(tag.group(1), b"ref", ref)
    return data[: tag.start(1)] + attrs + data[tag.end(1) :]
