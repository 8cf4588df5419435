"""Google field masks ('a.b,c(d,e)', 'a/b'): parse them and cut JSON answers down to them."""

from __future__ import annotations

from typing import Any

Mask = dict[str, "Mask | None"]


def parse_mask(text: str) -> Mask:
    """Parse a field mask into a tree; a leaf (None) selects the whole value."""
    mask: Mask = {}
    position = _parse_into(mask, text.replace(" ", ""), 0)
    if position != len(text.replace(" ", "")):
        raise ValueError(text)
    return mask


def _parse_into(mask: Mask, text: str, position: int) -> int:
    while position < len(text):
        end = position
        while end < len(text) and text[end] not in ",()":
            end += 1
        path = [p for p in text[position:end].replace("/", ".").split(".") if p]
        node = mask
        for name in path[:-1]:
            child = node.get(name)
            if child is None:
                child = {}
                node[name] = child
            node = child
        last = path[-1] if path else ""
        position = end
        if position < len(text) and text[position] == "(":
            child = node.get(last) or {}
            node[last] = child
            position = _parse_into(child, text, position + 1)
            if position >= len(text) or text[position] != ")":
                raise ValueError(text)
            position += 1
        elif last:
            node[last] = None
        if position < len(text) and text[position] == ",":
            position += 1
        elif position < len(text) and text[position] == ")":
            return position
    return position


def apply_mask(value: Any, mask: Mask | None) -> Any:
    """Keep only the masked fields; lists apply the mask to every element."""
    if mask is None:
        return value
    if isinstance(value, list):
        return [apply_mask(item, mask) for item in value]
    if isinstance(value, dict):
        return {key: apply_mask(value[key], sub) for key, sub in mask.items() if key in value}
    return value


def mask_paths(mask: Mask, prefix: str = "") -> list[str]:
    """Flatten a mask to dotted leaf paths ('gridProperties.rowCount')."""
    paths: list[str] = []
    for key, sub in mask.items():
        path = f"{prefix}{key}"
        paths.extend([path] if sub is None else mask_paths(sub, path + "."))
    return paths
