"""Cells written the German way: 1.234 · 41,2 % · 186,5 Tage; hidden cells as „<3“ or „x“."""

from __future__ import annotations

from casebook.stats.table import Cell, Kind

EMPTY = "–"  # no basis (e.g. a share of zero cases)
LEGEND = (
    "„<3“: 1 oder 2, zum Schutz der Personen nicht genannt. "
    "„x“: ausgeblendet, damit sich eine kleine Zahl nicht aus Summen errechnen lässt. "
    "„–“: keine Grundlage (z. B. keine Fälle)."
)


def german_number(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_cell(cell: Cell) -> str:
    if cell.hidden is not None:
        return cell.hidden.value
    if cell.value is None:
        return EMPTY
    if cell.kind is Kind.SHARE:
        return f"{german_number(100 * cell.value, 1)} %"
    if cell.kind is Kind.DAYS:
        return german_number(cell.value, 0 if float(cell.value).is_integer() else 1)
    if cell.kind is Kind.RATIO:
        return german_number(cell.value, 2)
    return german_number(cell.value, 0)
