"""The page „Erklärung zur Barrierefreiheit“ (BITV 2.0 § 7), open to everyone, signed in or not."""

from __future__ import annotations

import os

import streamlit as st
from streamlit.navigation.page import StreamlitPage

TITLE = "Erklärung zur Barrierefreiheit"
URL_PATH = "barrierefreiheit"
CONTACT_ENV = "KIM_ACCESSIBILITY_CONTACT"
DEFAULT_CONTACT = (
    "Kreis Wesel, Kommunales Integrationszentrum – Kommunales Integrationsmanagement, "
    "Reeser Landstraße 31, 46483 Wesel"
)
STATEMENT_DATE = "03.12.2026"
SCHLICHTUNGSSTELLE_URL = "https://www.schlichtungsstelle-bgg.de"
OMBUDSSTELLE_URL = "https://www.lbb.nrw.de"

_INTRO = """
Der Kreis Wesel und die Kommunen Xanten, Dinslaken, Moers, Wesel und Kamp-Lintfort sind bemüht,
die Anwendung **KIM-Fallverwaltung** barrierefrei zugänglich zu machen. Rechtsgrundlage sind das
Behindertengleichstellungsgesetz Nordrhein-Westfalen (BGG NRW), die Barrierefreie-Informationstechnik-
Verordnung NRW (BITV NRW) und die BITV 2.0 des Bundes, die die europäische Norm EN 301 549 und die
Web Content Accessibility Guidelines (WCAG) 2.1 auf Stufe AA zugrunde legen.
"""

_STATUS = """
Die Anwendung ist **teilweise barrierefrei**: Sie ist mit den Anforderungen der BITV 2.0 weitgehend
vereinbar. Die unten genannten Inhalte sind noch nicht oder nicht vollständig barrierefrei.

Diese Erklärung wurde am {date} erstellt. Grundlage ist eine Selbstbewertung: Jede Seite wird für
jede Rolle (Fallmanagement, Koordination, Administration) und ohne Anmeldung automatisch mit
axe-core in Chromium geprüft; Anlegen, Bearbeiten und Speichern eines Falls werden allein mit der
Tastatur getestet.
"""

_LIMITS = """
- **Tabellen mit vielen Zeilen** (Fallliste, Kontakte, Ziele, Vermittlungen) zeichnet die
  Anwendung als Grafik. Für Screenreader liegt eine gleichwertige Tabelle dahinter; das Öffnen eines
  Falls per Klick auf eine Zeile ist mit der Tastatur nur über die Pfeiltasten und die Leertaste
  möglich. Jeder Fall ist außerdem über die Suche und über seine Adresse (`/fall?id=…`) erreichbar.
- **Diagramme** der Auswertung sind Grafiken; jede Zahl steht zusätzlich in einer Tabelle darunter.
- **Bedienelemente der Programmbibliothek Streamlit** haben englische Bezeichnungen. Die Anwendung
  übersetzt sie beim Laden der Seite ins Deutsche; ist JavaScript abgeschaltet, funktioniert die
  Anwendung insgesamt nicht.
- Der **Dateiauswahl-Dialog** beim Hochladen einer Tabelle stammt vom Browser und erscheint in
  dessen Sprache.
"""

_FEEDBACK = """
Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen, oder brauchen Sie Informationen aus der
Anwendung in einer anderen Form? Dann schreiben Sie uns bitte:

{contact}

Wir antworten innerhalb von sechs Wochen.
"""

_ENFORCEMENT = """
Wenn Sie auf Ihre Rückmeldung keine oder keine zufriedenstellende Antwort erhalten, können Sie sich
an die Ombudsstelle wenden. Das Verfahren ist kostenlos; Sie brauchen keine Anwältin und keinen
Anwalt.

- Für Stellen des Landes Nordrhein-Westfalen und der Kommunen in NRW:
  [Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen]({ombudsstelle})
  bei der oder dem Beauftragten der Landesregierung für Menschen mit Behinderung.
- Für Stellen des Bundes:
  [Schlichtungsstelle nach dem Behindertengleichstellungsgesetz (Schlichtungsstelle BGG)]({schlichtung}).
"""


def contact() -> str:
    """Who takes feedback; a town sets KIM_ACCESSIBILITY_CONTACT to its own address."""
    return os.environ.get(CONTACT_ENV, "").strip() or DEFAULT_CONTACT


def show_statement() -> None:
    st.title(TITLE)
    st.markdown(_INTRO)
    st.header("Stand der Vereinbarkeit mit den Anforderungen")
    st.markdown(_STATUS.format(date=STATEMENT_DATE))
    st.header("Nicht barrierefreie Inhalte")
    st.markdown(_LIMITS)
    st.header("Feedback und Kontakt")
    st.markdown(_FEEDBACK.format(contact=contact()))
    st.header("Durchsetzungsverfahren")
    st.markdown(
        _ENFORCEMENT.format(ombudsstelle=OMBUDSSTELLE_URL, schlichtung=SCHLICHTUNGSSTELLE_URL)
    )


def statement_page() -> StreamlitPage:
    """The statement as a page of any navigation (no data, so no role check is needed)."""
    return st.Page(
        show_statement,
        title="Barrierefreiheit",
        url_path=URL_PATH,
        icon=":material/accessibility:",
    )
