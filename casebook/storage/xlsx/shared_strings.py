"""Blank the entries of the shared-strings table that no cell uses any more.

Excel and xlsxwriter keep every text of a workbook once in xl/sharedStrings.xml and let cells
point to it by index. Removing a row leaves its texts there; a deletion for data protection must
not. Unused entries are emptied in place, so the indices of all other cells stay valid and no
other worksheet has to be rewritten.
"""

from __future__ import annotations

import re

from casebook.storage.xlsx.errors import UnsupportedWorkbook
from casebook.storage.xlsx.package import MAIN_NS
from casebook.storage.xlsx.xml import attribute, element, main_prefix, set_attribute, start_tag

_SHARED_TYPE = re.compile(rb"""\st\s*=\s*["']s["']""")


def shared_string_uses(xml: bytes, part: str) -> list[int]:
    """The shared-string index of every cell of a worksheet that holds one (with repeats)."""
    prefix = main_prefix(xml, b"worksheet", MAIN_NS, part)
    value = re.compile(b"<" + re.escape(prefix) + rb"v>\s*(\d+)\s*</" + re.escape(prefix) + b"v>")
    uses = []
    for cell in element(prefix, b"c").finditer(xml):
        if not _SHARED_TYPE.search(cell.group(1)) or not cell.group(3):
            continue
        found = value.search(cell.group(3))
        if found:
            uses.append(int(found.group(1)))
    return uses


def blank_unused(sst: bytes, part: str, uses: list[int]) -> bytes:
    """The shared-strings part with every entry not in `uses` emptied; `count` updated."""
    prefix = main_prefix(sst, b"sst", MAIN_NS, part)
    used = set(uses)
    empty = b"<" + prefix + b"si><" + prefix + b"t/></" + prefix + b"si>"
    index = -1

    def blank(found: re.Match[bytes]) -> bytes:
        nonlocal index
        index += 1
        if index in used or found.group(0) == empty:
            return found.group(0)
        return empty

    purged = element(prefix, b"si").sub(blank, sst)
    if used and max(used) > index:
        raise UnsupportedWorkbook(f"a cell points past the end of {part}")
    root = start_tag(prefix, b"sst").search(purged)
    if root is None or attribute(root.group(1), b"count") is None:
        return purged
    attrs = set_attribute(root.group(1), b"count", str(len(uses)))
    return purged[: root.start(1)] + attrs + purged[root.end(1) :]
