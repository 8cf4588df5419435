"""Render stored cells as FORMATTED_VALUE, UNFORMATTED_VALUE or FORMULA, as the values API does."""

from __future__ import annotations

import math
from collections.abc import Callable

from .cells import Cell, NumberFormat, Separators, from_serial, separators
from .formulas import evaluate

VALUE_RENDER_OPTIONS = ("FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA")
DATE_TIME_RENDER_OPTIONS = ("SERIAL_NUMBER", "FORMATTED_STRING")

JsonScalar = str | int | float | bool
CellAt = Callable[[int, int], Cell | None]


def json_number(value: float) -> int | float:
    """Sheets writes integral numbers without a fraction (2, not 2.0)."""
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _group(integer: str, seps: Separators) -> str:
    parts: list[str] = []
    while len(integer) > 3:
        parts.insert(0, integer[-3:])
        integer = integer[:-3]
    parts.insert(0, integer)
    return seps.group.join(parts)


def format_general(value: float, seps: Separators) -> str:
    """Sheets' automatic format: integers plain, up to ten decimals, scientific when extreme."""
    if value == 0:
        return "0"
    if abs(value) >= 1e15 or abs(value) < 1e-9:
        mantissa, exponent = f"{value:.5E}".split("E")
        mantissa = mantissa.rstrip("0").rstrip(".").replace(".", seps.decimal)
        return f"{mantissa}E{int(exponent):+03d}"
    if value.is_integer():
        return str(int(value))
    text = f"{value:.10f}".rstrip("0").rstrip(".")
    return text.replace(".", seps.decimal)


def _format_fixed(value: float, decimals: int, grouped: bool, seps: Separators) -> str:
    text = f"{abs(value):.{decimals}f}"
    integer, _, fraction = text.partition(".")
    if grouped:
        integer = _group(integer, seps)
    sign = "-" if value < 0 and float(text) != 0 else ""
    return sign + integer + (seps.decimal + fraction if fraction else "")


def _format_date(serial: float, pattern: str) -> str:
    moment = from_serial(serial)
    date_part, _, time_part = pattern.partition(" ")
    day_first = date_part.startswith("d")
    if date_part == "M/d/yyyy":
        text = f"{moment.month}/{moment.day}/{moment.year}"
    elif day_first:
        text = moment.strftime("%d.%m.%Y")
    else:
        text = moment.strftime("%Y-%m-%d")
    if time_part:
        clock = f"{moment.hour}:{moment.minute:02d}"
        text += " " + (clock + f":{moment.second:02d}" if time_part.count(":") == 2 else clock)
    return text


def format_number(value: float, number_format: NumberFormat | None, locale: str) -> str:
    seps = separators(locale)
    if number_format is None:
        return format_general(value, seps)
    pattern = number_format.pattern
    if number_format.kind in {"DATE", "DATE_TIME"}:
        return _format_date(value, pattern)
    decimals = len(pattern.split(".")[1].rstrip("%€ ")) if "." in pattern else 0
    if number_format.kind == "PERCENT":
        return _format_fixed(value * 100, decimals, False, seps) + "%"
    text = _format_fixed(value, decimals, "#,##0" in pattern, seps)
    if number_format.kind == "CURRENCY":
        return "$" + text if pattern.startswith("$") else text + " €"
    return text


class Renderer:
    """Renders cells of one sheet; formulas see the other cells through `cell_at`."""

    def __init__(self, cell_at: CellAt, locale: str):
        self.cell_at = cell_at
        self.locale = locale
        self._evaluating: set[tuple[int, int]] = set()

    def effective(self, row: int, col: int) -> str | float | bool | None:
        cell = self.cell_at(row, col)
        if cell is None:
            return None
        if cell.formula is None:
            return cell.value
        if (row, col) in self._evaluating:
            return "#REF!"
        self._evaluating.add((row, col))
        try:
            return evaluate(cell.formula, self.effective)
        finally:
            self._evaluating.discard((row, col))

    def render(self, row: int, col: int, value_option: str, date_option: str) -> JsonScalar | None:
        cell = self.cell_at(row, col)
        if cell is None:
            return None
        if value_option == "FORMULA" and cell.formula is not None:
            return cell.formula
        value = self.effective(row, col)
        if value is None:
            return None
        if isinstance(value, bool):
            return value if value_option != "FORMATTED_VALUE" else ("TRUE" if value else "FALSE")
        if isinstance(value, str):
            return value
        if math.isnan(value) or math.isinf(value):
            return "#NUM!"
        is_date = cell.number_format is not None and cell.number_format.kind.startswith("DATE")
        if value_option == "FORMATTED_VALUE":
            return format_number(value, cell.number_format, self.locale)
        if is_date and value_option == "UNFORMATTED_VALUE" and date_option == "FORMATTED_STRING":
            return format_number(value, cell.number_format, self.locale)
        return json_number(value)
