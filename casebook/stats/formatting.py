"""Cells written the German way: 1.234 · 41,2 % · 186,5 Tage; a hidden median as „x“."""

from __future__ import annotations

from casebook.stats.table import MEDIAN_MIN_CASES, Cell, Kind

EMPTY = "–"  # no basis (e.g. a share of zero cases)
LEGEND = "„–“: keine Grundlage (z. B. keine Fälle)."
PROTECTED_LEGEND = (
    "Zum Schutz der Personen sind alle Anzahlen leicht verändert: meist um höchstens 2, "
    "selten um bis zu 8; 1 und 2 kommen nie vor (eine 1 oder 2 erscheint als 0 oder 3). "
    "Dieselben Fälle ergeben überall dieselbe Zahl; Summen können daher von der Summe der "
    "Einzelwerte abweichen. Anteile und Quoten sind aus den veränderten Zahlen berechnet. "
    f"„x“: Median bei weniger als {MEDIAN_MIN_CASES} Abgängen nicht genannt. " + LEGEND
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
