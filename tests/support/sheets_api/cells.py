"""Cell contents and how RAW and USER_ENTERED input becomes a cell, roughly the way Sheets parses."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

Scalar = str | float | bool

SERIAL_EPOCH = dt.datetime(1899, 12, 30)


@dataclass(frozen=True)
class NumberFormat:
    """A number format Sheets attaches when it recognises typed input (kind and pattern)."""

    kind: str  # NUMBER, PERCENT, CURRENCY, DATE, DATE_TIME
    pattern: str


@dataclass(frozen=True)
class Cell:
    """What a cell holds: a literal value, or a formula whose value is computed when read."""

    value: Scalar
    formula: str | None = None
    number_format: NumberFormat | None = None


@dataclass(frozen=True)
class Separators:
    """Decimal and grouping separators of a spreadsheet locale."""

    decimal: str
    group: str


def separators(locale: str) -> Separators:
    if locale.split("_")[0] in {"de", "fr", "it", "es", "nl", "pt", "da", "id", "tr"}:
        return Separators(",", ".")
    return Separators(".", ",")


def to_serial(moment: dt.datetime) -> float:
    """Sheets' date serial number: days since 1899-12-30, time as the fraction."""
    delta = moment - SERIAL_EPOCH
    return delta.days + delta.seconds / 86400


def from_serial(serial: float) -> dt.datetime:
    return SERIAL_EPOCH + dt.timedelta(days=serial)


def raw_cell(value: object) -> Cell | None:
    """RAW input: strings stay text exactly as sent (even '=…' or '0042'); '' empties the cell."""
    if isinstance(value, bool):
        return Cell(value)
    if isinstance(value, int | float):
        return Cell(float(value))
    text = str(value)
    return None if text == "" else Cell(text)


def user_entered_cell(value: object, locale: str) -> Cell | None:
    """USER_ENTERED input: numbers, percentages, currency, dates, booleans and formulas are parsed."""
    if isinstance(value, bool | int | float):
        return raw_cell(value)
    text = str(value)
    if text == "":
        return None
    if text.startswith("'"):
        return Cell(text[1:])
    if text.startswith("="):
        return Cell("", formula=text)
    if text.strip().upper() in {"TRUE", "FALSE"}:
        return Cell(text.strip().upper() == "TRUE")
    parsed = _parse_number(text.strip(), separators(locale))
    if parsed is None:
        parsed = _parse_date(text.strip(), locale)
    return parsed if parsed is not None else Cell(text)


def _number_pattern(decimals: int, grouped: bool) -> str:
    integer = "#,##0" if grouped else "0"
    return integer + ("." + "0" * decimals if decimals else "")


def _parse_number(text: str, seps: Separators) -> Cell | None:
    currency = ""
    if text.startswith("$") or text.endswith("€"):
        currency = "$" if text.startswith("$") else "€"
        text = text.strip("$€ ").strip()
    percent = text.endswith("%")
    if percent:
        text = text[:-1].strip()
    group, decimal = re.escape(seps.group), re.escape(seps.decimal)
    grouped = rf"[-+]?\d{{1,3}}({group}\d{{3}})+({decimal}\d+)?"
    plain = rf"[-+]?(\d+({decimal}\d*)?|{decimal}\d+)([eE][-+]?\d+)?"
    is_grouped = re.fullmatch(grouped, text) is not None
    if not is_grouped and re.fullmatch(plain, text) is None:
        return None
    normalised = text.replace(seps.group, "") if is_grouped else text
    normalised = normalised.replace(seps.decimal, ".")
    number = float(normalised)
    decimals = len(normalised.split(".")[1]) if "." in normalised and "e" not in text.lower() else 0
    if percent:
        return Cell(
            number / 100, number_format=NumberFormat("PERCENT", "0" + _decimals(decimals) + "%")
        )
    if currency:
        pattern = _number_pattern(2, True)
        shown = f"${pattern}" if currency == "$" else f"{pattern} €"
        return Cell(number, number_format=NumberFormat("CURRENCY", shown))
    if is_grouped:
        return Cell(number, number_format=NumberFormat("NUMBER", _number_pattern(decimals, True)))
    return Cell(number)


def _decimals(count: int) -> str:
    return "." + "0" * count if count else ""


_DATE_FORMS: dict[str, list[tuple[str, str, str]]] = {
    # (regex, strptime format, Sheets pattern) per locale family; ISO dates work everywhere.
    "*": [
        (r"\d{4}-\d{1,2}-\d{1,2}", "%Y-%m-%d", "yyyy-mm-dd"),
        (r"\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}:\d{2}", "%Y-%m-%d %H:%M:%S", "yyyy-mm-dd H:mm:ss"),
        (r"\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}", "%Y-%m-%d %H:%M", "yyyy-mm-dd H:mm"),
    ],
    "en": [(r"\d{1,2}/\d{1,2}/\d{4}", "%m/%d/%Y", "M/d/yyyy")],
    "de": [
        (r"\d{1,2}\.\d{1,2}\.\d{4}", "%d.%m.%Y", "dd.MM.yyyy"),
        (r"\d{1,2}\.\d{1,2}\.\d{2}", "%d.%m.%y", "dd.MM.yyyy"),
    ],
}


def _parse_date(text: str, locale: str) -> Cell | None:
    forms = _DATE_FORMS["*"] + _DATE_FORMS.get(locale.split("_")[0], [])
    for regex, strptime_format, pattern in forms:
        if re.fullmatch(regex, text):
            try:
                moment = dt.datetime.strptime(text, strptime_format)
            except ValueError:
                return None
            kind = "DATE_TIME" if ":" in pattern else "DATE"
            return Cell(to_serial(moment), number_format=NumberFormat(kind, pattern))
    return None
