"""The „Quartalsbericht“: the dashboard's tables for a period, with what a reader must know."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from casebook.stats.formatting import LEGEND, PROTECTED_LEGEND
from casebook.stats.tables import Figures

KREIS = "Kreis Wesel"

# Worksheet names (at most 31 characters) and CSV file names of the tables, in report order.
SHEET_NAMES: dict[str, str] = {
    "ueberblick": "Überblick",
    "kennzahlen": "Kennzahlen",
    "zugaenge_monat": "Zugänge je Monat",
    "abgaenge_monat": "Abgänge je Monat",
    "abgaenge_grund": "Abgänge nach Grund",
    "bestand_fallmanagement": "Bestand je Fallmanager:in",
    "geschlecht": "Geschlecht",
    "altersgruppen": "Altersgruppen",
    "aufenthalt": "Aufenthaltsstatus",
    "staatsangehoerigkeit": "Staatsangehörigkeiten",
    "deutschniveau": "Deutschniveau",
    "handlungsfelder": "Handlungsfelder",
    "handlungsfelder_anteil": "Handlungsfelder Anteil",
    "zugangsweg": "Zugänge nach Zugangsweg",
    "leistungsbezug": "Leistungsbezug",
    "wohnsituation": "Wohnsituation",
    "vermittlungen_partner": "Vermittlungen nach Partner",
    "vermittlungen_ergebnis": "Vermittlungen nach Ergebnis",
    "vermittlungen_partner_ergebnis": "Vermittlungen Partner-Ergebnis",
    "ziele": "Ziele",
    "kontakte": "Kontakte",
    "hinweise": "Hinweise zur Zählung",
}


@dataclass(frozen=True)
class Report:
    """A report ready to be written: title, facts about it, and the tables."""

    title: str
    figures: Figures
    created: date
    audience: str

    def about(self) -> list[tuple[str, str]]:
        """The lines of the report's first sheet: what, when, for whom, how to read it."""
        period = self.figures.period
        return [
            ("Bericht", self.title),
            ("Zeitraum", f"{period.label} ({period.span})"),
            ("Kommunen", ", ".join(town.value for town in self.figures.towns)),
            ("Stichtag Bestand", f"{self.figures.stock_day:%d.%m.%Y}"),
            ("Erstellt am", f"{self.created:%d.%m.%Y}"),
            ("Sicht", self.audience),
            ("Zeichen", PROTECTED_LEGEND if self.figures.protected else LEGEND),
            (
                "Zählregeln",
                "Zugang: Aufnahme im Zeitraum. Abgang: Status Abgeschlossen, Abschluss im "
                "Zeitraum. Bestand: Aktiv oder Ruhend am Stichtag. Erster und letzter Tag "
                "zählen mit. Zeilen mit Fehlern: siehe Blatt „Hinweise zur Zählung“.",
            ),
        ]


def report_title(figures: Figures) -> str:
    towns = figures.towns
    scope = towns[0].value if len(towns) == 1 else (figures.total_label or KREIS)
    kind = "Quartalsbericht" if "Quartal" in figures.period.label else "Bericht"
    return f"KIM-{kind} {scope} – {figures.period.label}"


def audience(figures: Figures) -> str:
    if figures.protected:
        return "Koordination: alle Anzahlen zum Schutz der Personen leicht verändert"
    return "Fallmanagement der eigenen Kommune: alle Zahlen ungeschützt"


def build_report(figures: Figures, created: date) -> Report:
    """The report of some figures; the tables are exactly the dashboard's."""
    return Report(report_title(figures), figures, created, audience(figures))


def sheet_names(keys: Sequence[str]) -> dict[str, str]:
    """Worksheet names Excel accepts: at most 31 characters, none of []:*?/\\."""
    return {key: re.sub(r"[\[\]:*?/\\]", "", SHEET_NAMES.get(key, key))[:31] for key in keys}
