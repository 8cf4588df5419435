"""Short German names of the rules, one per message code, for lists that group findings by rule."""

from __future__ import annotations

RULE_NAMES: dict[str, str] = {
    "required": "Pflichtfeld leer",
    "german_date": "Datum nicht lesbar",
    "date_ambiguous": "Datum nicht eindeutig",
    "list_value": "Unbekannter Listenwert",
    "yes_no": "Ja/Nein nicht lesbar",
    "whole_number": "Keine ganze Zahl",
    "number_range": "Zahl außerhalb des Bereichs",
    "postcode": "PLZ ungültig",
    "case_id": "Fall-ID ungültig",
    "text_too_long": "Text zu lang",
    "text_invalid": "Steuerzeichen im Text",
    "date_order": "Datumsreihenfolge",
    "date_in_future": "Datum in der Zukunft",
    "closed_needs_date": "Abschluss ohne Datum",
    "closed_needs_reason": "Abschluss ohne Grund",
    "closing_date_needs_status": "Abschlussdatum ohne Status „Abgeschlossen“",
    "children_vs_household": "Kinder und Haushaltsgröße",
    "consent_order": "Widerruf vor Einwilligung",
    "referral_needs_release": "Datenweitergabe ohne Schweigepflichtentbindung",
    "unknown_case": "Fall-ID unbekannt",
    "duplicate_id": "ID mehrfach vergeben",
    "case_id_town": "Fall-ID passt nicht zur Kommune",
    "postcode_town": "PLZ nicht in der Kommune",
    "minor": "Hauptperson minderjährig",
    "residence_expires": "Aufenthaltstitel läuft bald ab",
    "residence_expired": "Aufenthaltstitel abgelaufen",
    "follow_up_overdue": "Wiedervorlage überfällig",
    "goal_not_reviewed": "Ziel lange nicht überprüft",
    "no_consent": "Keine Einwilligung",
    "consent_withdrawn": "Einwilligung widerrufen",
}

FALLBACK = "Wert nicht lesbar"


def rule_name(code: str) -> str:
    """The rule's German name; a code without one (a pydantic type error) reads as unreadable."""
    return RULE_NAMES.get(code, FALLBACK)
