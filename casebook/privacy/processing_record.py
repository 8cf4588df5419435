"""The Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO), generated from the schema's flags."""

from __future__ import annotations

from collections.abc import Iterable

from casebook.cases.tasks import CONSENT_RENEWAL_DAYS
from casebook.core.accounts import DEFAULT_IDLE_MINUTES
from casebook.privacy.retention import DEFAULT_YEARS
from sheets_schema import SHEETS, FieldSpec, SheetName, field_specs
from sheets_schema.enums import Partner, Town

TITLE = "Verzeichnis von Verarbeitungstätigkeiten (Art. 30 Abs. 1 DSGVO)"
TO_FILL = "[von der Kommune einzutragen]"
GENERATED = (
    "Erzeugt aus dem Schema der App mit `python -m casebook verzeichnis --out "
    "docs/verarbeitungsverzeichnis.md`; ein Test prüft, dass diese Datei zum Schema passt. "
    "Bitte nicht von Hand ändern: Felder mit „"
    + TO_FILL
    + "“ füllt jede Kommune in ihrer Kopie aus."
)


def _names(specs: Iterable[FieldSpec]) -> str:
    return ", ".join(f"„{spec.header}“" for spec in specs) or "–"


def _sheet_lines(sheet: SheetName) -> list[str]:
    spec = SHEETS[sheet]
    fields = field_specs(spec.model)
    identifying = [f for f in fields if f.personal]
    special = [f for f in fields if f.special]
    other = [f for f in fields if not f.personal and not f.special]
    lines = [
        f"### Arbeitsblatt „{sheet.value}“",
        "",
        f"- Identifizierende und beschreibende Angaben: {_names(identifying)}",
        f"- Besondere Kategorien nach Art. 9 DSGVO (Herkunft, Gesundheit): {_names(special)}",
        f"- Weitere Angaben, über die ID der Person zugeordnet: {_names(other)}",
    ]
    if sheet is SheetName.AUDIT:
        # The audit trail's own columns are plain, but „Alt“ and „Neu“ hold any field's values.
        lines.append(
            "- „Alt“ und „Neu“ enthalten frühere und neue Werte aller oben genannten Felder, "
            "„Benutzer“ die Namen der Beschäftigten."
        )
    return [*lines, ""]


def processing_record() -> str:
    """The whole record as Markdown in German; the same text for every run (a test compares)."""
    partners = ", ".join(partner.value for partner in Partner)
    towns = ", ".join(town.value for town in Town)
    renewal_years = CONSENT_RENEWAL_DAYS // 365
    lines = [
        f"# {TITLE}",
        "",
        f"*{GENERATED}*",
        "",
        "## 1. Verantwortliche Stelle (Art. 30 Abs. 1 lit. a)",
        "",
        f"Jede Kommune ({towns}) ist für ihre eigene Tabelle verantwortlich.",
        "",
        f"- Kommune, Anschrift, Vertretung: {TO_FILL}",
        f"- Datenschutzbeauftragte:r der Kommune: {TO_FILL}",
        f"- Betrieb der App (Auftragsverarbeitung, falls nicht die Kommune selbst): {TO_FILL}",
        "",
        "## 2. Zwecke der Verarbeitung (lit. b)",
        "",
        "Kommunales Integrationsmanagement nach § 9 TIntG NRW: Beratung und Begleitung "
        "Zugewanderter im Case-Management (Clearing, Hilfeplanung, Vermittlung an Partner, "
        "Überprüfung, Abschluss); Wiedervorlagen und Termine; Protokoll aller Änderungen; "
        "Quartalszahlen an Kreis und Land ausschließlich als Summen ohne Personenbezug.",
        "",
        "Rechtsgrundlage: Einwilligung der Person (Art. 6 Abs. 1 lit. a, Art. 9 Abs. 2 lit. a "
        f"DSGVO), Datum in „Einwilligung erteilt am“, Widerruf in „Einwilligung widerrufen am“. "
        f"Die App erinnert nach {renewal_years} Jahren an die Erneuerung.",
        "",
        "## 3. Betroffene Personen und Datenkategorien (lit. c)",
        "",
        "Betroffen sind die beratenen Personen (Hauptperson eines Falls) und die Beschäftigten, "
        "deren Namen im Protokoll und in „Geändert von“/„Erfasst von“ stehen. Je Arbeitsblatt:",
        "",
    ]
    for sheet in SheetName:
        lines.extend(_sheet_lines(sheet))
    lines += [
        "## 4. Empfänger (lit. d)",
        "",
        "- Fallmanager:innen der eigenen Kommune: alle Daten der eigenen Kommune.",
        "- Koordination des Kreises: nur Summen; Zahlen von 1 oder 2 erscheinen als „<3“, "
        "keine Namen, Anschriften, Geburtsdaten oder Notizen.",
        "- Eine andere Kommune, wenn die Person umzieht und der Übermittlung zustimmt "
        "(„Fall übergeben“; vermerkt in beiden Protokollen).",
        f"- Partner einer Vermittlung, nur mit Schweigepflichtentbindung: {partners}.",
        "- Die Person selbst (Auskunft nach Art. 15 als .xlsx; Fallblatt und Hilfeplan als PDF).",
        "",
        "## 5. Übermittlung in Drittländer (lit. e)",
        "",
        "Keine, solange die Tabelle eine Arbeitsmappe auf einem Laufwerk der Kommune ist. "
        f"Nutzt eine Kommune Google Sheets, ist Google Auftragsverarbeiter: {TO_FILL} "
        "(Vertrag, Serverstandort, Garantien nach Art. 44 ff.).",
        "",
        "## 6. Löschfristen (lit. f)",
        "",
        f"Abgeschlossene Fälle am 31. Dezember des {DEFAULT_YEARS}. Jahres nach dem Abschluss "
        "(einstellbar mit KIM_LOESCHFRIST_JAHRE); gelöscht werden der Fall, seine Kontakte, Ziele, "
        "Vermittlungen und Protokolleinträge. Das Protokoll behält nur „Fall … gelöscht "
        "(Löschfrist)“ ohne personenbezogene Daten. Beim Umzug in eine andere Kommune werden die "
        "Zeilen in der bisherigen Kommune entfernt, sobald die neue gespeichert hat.",
        "",
        "## 7. Technische und organisatorische Maßnahmen (lit. g, Art. 32)",
        "",
        "- Eine Tabelle je Kommune; Rollen (Fallmanagement, Koordination, Administration) werden "
        "im Kern der App geprüft, verweigerte Zugriffe im Protokoll vermerkt.",
        f"- Anmeldung mit eigenem Konto (bcrypt) oder über die Kommune (OIDC); Abmeldung nach "
        f"{DEFAULT_IDLE_MINUTES} Minuten ohne Eingabe.",
        "- Protokoll jeder Anlage, Änderung, Löschung, Übergabe, Ausgabe und Verweigerung "
        "(Zeitpunkt, Benutzer, Feld, alt, neu).",
        "- Speichern ändert nur die betroffenen Zellen, mit Dateisperre und atomarem Ersetzen; "
        "Text wird nie als Formel gespeichert.",
        "- Keine Gesundheitsdetails im Freitext: das Handlungsfeld „Gesundheit“ genügt.",
        f"- Weitere Maßnahmen der Kommune (Laufwerksrechte, Sicherung, Verschlüsselung): {TO_FILL}",
        "",
    ]
    return "\n".join(lines)
