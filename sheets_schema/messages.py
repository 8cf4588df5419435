"""German messages shown to users, one stable code per rule; templates use str.format fields."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # Field-level: what a single cell may hold.
    "required": "Bitte ausfüllen: „{column}“ ist ein Pflichtfeld.",
    "german_date": "Bitte ein Datum im Format TT.MM.JJJJ eingeben (gefunden: „{found}“).",
    "date_ambiguous": (
        "Das Datum „{found}“ ist nicht eindeutig. Bitte im Format TT.MM.JJJJ eingeben."
    ),
    "list_value": "Unbekannter Wert „{found}“. Bitte einen Wert aus der Liste wählen: {allowed}.",
    "yes_no": "Bitte „ja“ oder „nein“ eingeben (gefunden: „{found}“).",
    "whole_number": "Bitte eine ganze Zahl eingeben (gefunden: „{found}“).",
    "number_range": "Bitte eine Zahl von {low} bis {high} eingeben (gefunden: „{found}“).",
    "postcode": "Die PLZ hat 5 Ziffern (gefunden: „{found}“).",
    "case_id": "Die Fall-ID hat die Form KIM-XAN-2026-0007 (gefunden: „{found}“).",
    "text_too_long": "Der Text ist zu lang ({length} Zeichen, höchstens {limit}).",
    "text_invalid": "Der Text enthält Steuerzeichen, die eine Tabelle nicht speichern kann.",
    # Cross-field errors: the app refuses to save.
    "date_order": "„{later}“ darf nicht vor „{earlier}“ liegen.",
    "date_in_future": "„{column}“ darf nicht in der Zukunft liegen.",
    "closed_needs_date": "Ein abgeschlossener Fall braucht ein Abschlussdatum.",
    "closed_needs_reason": "Ein abgeschlossener Fall braucht einen Abschlussgrund.",
    "closing_date_needs_status": (
        "Ein Abschlussdatum ist nur bei Status „Abgeschlossen“ möglich. "
        "Bitte den Status ändern oder das Datum leeren."
    ),
    "children_vs_household": (
        "„Kinder unter 18“ ({children}) muss kleiner sein als die Haushaltsgröße ({household})."
    ),
    "consent_order": "Der Widerruf der Einwilligung kann nicht vor ihrer Erteilung liegen.",
    "referral_needs_release": (
        "Werden Daten weitergegeben, ist eine Schweigepflichtentbindung nötig "
        "(„Schweigepflichtentbindung“ = ja)."
    ),
    "unknown_case": "Die Fall-ID „{found}“ gibt es in dieser Tabelle nicht.",
    "duplicate_id": "Die ID „{found}“ kommt mehrfach vor (Zeilen {rows}).",
    "case_id_town": "Die Fall-ID „{found}“ passt nicht zur Kommune „{town}“.",
    # Warnings: shown, saving allowed.
    "postcode_town": "Die PLZ {postcode} liegt nicht in {town}.",
    "minor": "Die Hauptperson ist minderjährig ({age} Jahre).",
    "residence_expires": "Der Aufenthaltstitel läuft am {until} ab (in {days} Tagen).",
    "residence_expired": "Der Aufenthaltstitel ist seit {until} abgelaufen.",
    "follow_up_overdue": "Die Wiedervorlage ist überfällig (seit {since}).",
    "goal_not_reviewed": (
        "Ein offenes Ziel wurde seit über 90 Tagen nicht überprüft (zuletzt {since})."
    ),
    "no_consent": "Personenbezogene Daten ohne Datum der Einwilligung.",
    "consent_withdrawn": "Die Einwilligung wurde am {since} widerrufen; Daten bitte prüfen.",
}


def message(code: str, **fields: object) -> str:
    """The German text for a rule code, filled with its fields."""
    return MESSAGES[code].format(**fields)
