"""The page „Erklärung zur Barrierefreiheit“ (BITV 2.0 § 7), open to everyone, signed in or not."""

from __future__ import annotations

from datetime import date

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from casebook.core.config import load_config
from casebook.core.statement_settings import PLACEHOLDER_ADDRESS, StatementSettings

TITLE = "Erklärung zur Barrierefreiheit"
PAGE_FILE = "pages/barrierefreiheit.py"
URL_PATH = "barrierefreiheit"
# Fixed by law for every public body in NRW (§§ 10d, 10e BGG NRW), so in code, not in the config.
# The Ombudsstelle's own website and the e-mail address IT.NRW names for statements in NRW.
OMBUDSSTELLE_URL = "https://www.lbbp.nrw.de/ombudsstelle"
OMBUDSSTELLE_EMAIL = "ombudsstelle-barrierefreie-it@mags.nrw.de"
SCHLICHTUNGSSTELLE_URL = "https://www.schlichtungsstelle-bgg.de"
UNCONFIRMED = "(Platzhalter – von der Kommune noch nicht bestätigt)"

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

Diese Erklärung wurde am {date} erstellt{reviewed}. Grundlage ist eine Selbstbewertung: Jede
Seite wird für jede Rolle (Fallmanagement, Koordination, Administration) und ohne Anmeldung
automatisch mit axe-core in Chromium geprüft; Anlegen, Bearbeiten und Speichern eines Falls werden allein mit der
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
  bei der oder dem Beauftragten der Landesregierung für Menschen mit Behinderung,
  E-Mail: [{ombudsstelle_email}](mailto:{ombudsstelle_email}).
- Für Stellen des Bundes:
  [Schlichtungsstelle nach dem Behindertengleichstellungsgesetz (Schlichtungsstelle BGG)]({schlichtung}).
"""


_MARKDOWN = frozenset("\\`*_[]()<>#|!~$")


def _plain(text: str) -> str:
    # The town's text is shown as typed, never read as Markdown (a „*“ or „[“ in an address).
    return "".join(f"\\{char}" if char in _MARKDOWN else char for char in text)


def _day(value: date | None) -> str:
    return f"{value:%d.%m.%Y}" if value is not None else f"„Datum noch offen“ {UNCONFIRMED}"


def contact_lines(settings: StatementSettings) -> str:
    """Address, e-mail and phone as Markdown lines; a part not configured is flagged."""
    address = settings.contact_address
    email = settings.contact_email
    phone = settings.contact_phone
    return "  \n".join(
        (
            _plain(address) if address else f"{_plain(PLACEHOLDER_ADDRESS)} {UNCONFIRMED}",
            f"E-Mail: [{_plain(email)}](mailto:{email})"
            if email
            else f"E-Mail: noch offen {UNCONFIRMED}",
            f"Telefon: {_plain(phone)}" if phone else f"Telefon: noch offen {UNCONFIRMED}",
        )
    )


def status_text(settings: StatementSettings) -> str:
    reviewed = (
        f" und zuletzt am {settings.reviewed_on:%d.%m.%Y} überprüft"
        if settings.reviewed_on is not None
        else ""
    )
    return _STATUS.format(date=_day(settings.statement_date), reviewed=reviewed)


def show_statement(settings: StatementSettings | None = None) -> None:
    """The statement with this installation's contact and dates (from sources.toml)."""
    settings = load_config().statement if settings is None else settings
    st.title(TITLE)
    if settings.unconfirmed:
        st.warning(
            "Diese Erklärung enthält noch Platzhalter, die die Kommune vor dem Einsatz bestätigen "
            f"muss: {', '.join(settings.unconfirmed)}. Die Administration trägt sie in "
            "sources.toml im Abschnitt [accessibility] ein."
        )
    st.markdown(_INTRO)
    st.header("Stand der Vereinbarkeit mit den Anforderungen")
    st.markdown(status_text(settings))
    st.header("Nicht barrierefreie Inhalte")
    st.markdown(_LIMITS)
    st.header("Feedback und Kontakt")
    st.markdown(_FEEDBACK.format(contact=contact_lines(settings)))
    st.header("Durchsetzungsverfahren")
    st.markdown(
        _ENFORCEMENT.format(
            ombudsstelle=OMBUDSSTELLE_URL,
            ombudsstelle_email=OMBUDSSTELLE_EMAIL,
            schlichtung=SCHLICHTUNGSSTELLE_URL,
        )
    )


def statement_page() -> StreamlitPage:
    """The statement as a page of any navigation (no data, so no role check is needed)."""
    return st.Page(
        PAGE_FILE,
        title="Barrierefreiheit",
        url_path=URL_PATH,
        icon=":material/accessibility:",
    )
