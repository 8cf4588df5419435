"""Byte-level XML helpers for splicing parts without re-serialising them."""

from __future__ import annotations

import re

from casebook.storage.xlsx.errors import UnsupportedWorkbook

# Attribute text of a start tag; quoted values may hold ">" and "/".
_ATTRS = rb"""((?:[^>"'/]|/(?!>)|"[^"]*"|'[^']*')*)"""
_ATTRIBUTE = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ENTITY = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([\w.-]+)["']""")
_UTF8_BOM = b"\xef\xbb\xbf"


def start_tag(prefix: bytes, local: bytes) -> re.Pattern[bytes]:
    """Match a start (or empty) tag: group 1 holds the attributes, group 2 is b"/" if empty."""
    return re.compile(b"<" + re.escape(prefix + local) + rb"(?=[\s/>])" + _ATTRS + rb"(/?)>")


def element(prefix: bytes, local: bytes) -> re.Pattern[bytes]:
    """Match a whole element that does not nest in itself; group 1 attrs, group 3 content."""
    name = re.escape(prefix + local)
    return re.compile(
        b"<" + name + rb"(?=[\s/>])" + _ATTRS + rb"(?:(/)>|>(.*?)</" + name + rb">)", re.DOTALL
    )


def attributes(raw: bytes) -> dict[bytes, bytes]:
    """Attribute name -> raw (still escaped) value of a start tag's attribute text."""
    found = _ATTRIBUTE.finditer(raw)
    return {m.group(1): m.group(3) if m.group(2) is None else m.group(2) for m in found}


def attribute(raw: bytes, name: bytes) -> str | None:
    """One attribute's value, unescaped."""
    value = attributes(raw).get(name)
    return None if value is None else unescape(value.decode("utf-8"))


def set_attribute(raw: bytes, name: bytes, value: str) -> bytes:
    """Replace one attribute's value in a start tag's attribute text, or append it."""
    encoded = escape_attribute(value).encode("utf-8")
    pattern = re.compile(rb"""(\s""" + re.escape(name) + rb"""\s*=\s*)(?:"[^"]*"|'[^']*')""")
    if pattern.search(raw):
        return pattern.sub(lambda m: m.group(1) + b'"' + encoded + b'"', raw, count=1)
    trailing = len(raw) - len(raw.rstrip())
    return (
        raw[: len(raw) - trailing]
        + b" "
        + name
        + b'="'
        + encoded
        + b'"'
        + raw[len(raw) - trailing :]
    )


def unescape(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        entity = match.group(1)
        if entity.startswith("#x"):
            return chr(int(entity[2:], 16))
        if entity.startswith("#"):
            return chr(int(entity[1:]))
        return _NAMED[entity]

    return _ENTITY.sub(replace, text)


def escape_attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def main_prefix(data: bytes, root: bytes, namespace: str, part: str) -> bytes:
    """The prefix (b"" or b"x:") the part uses for `namespace`; refuse other encodings."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedWorkbook(f"part {part} is not UTF-8 encoded")
    body = data[len(_UTF8_BOM) :] if data.startswith(_UTF8_BOM) else data
    declared = _DECLARED_ENCODING.match(body)
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        raise UnsupportedWorkbook(f"part {part} is not UTF-8 encoded")
    found = re.search(rb"<([A-Za-z_][\w.-]*:)?" + root + rb"(?=[\s/>])" + _ATTRS + rb">", data)
    if not found:
        raise UnsupportedWorkbook(f"part {part} has no {root.decode()} element")
    prefix = found.group(1) or b""
    declaration = b"xmlns:" + prefix[:-1] if prefix else b"xmlns"
    declared_ns = attributes(found.group(2)).get(declaration)
    if declared_ns is None or declared_ns.decode("utf-8") != namespace:
        raise UnsupportedWorkbook(f"part {part} does not use the transitional main namespace")
    return prefix
