"""German messages shown to users, one stable code per rule; templates use str.format fields."""

from __future__ import annotations

from sheets_schema.problems import ProblemCode

MESSAGES: dict[ProblemCode, str] = {
    # Field-level: what a single cell may hold.
    ProblemCode.REQUIRED: "Bitte ausfüllen: „{column}“ ist ein Pflichtfeld.",
    ProblemCode.GERMAN_DATE: "Bitte ein Datum im Format TT.MM.JJJJ eingeben (gefunden: „{found}“).",
    ProblemCode.DATE_AMBIGUOUS: (
        "Das Datum „{found}“ ist nicht eindeutig. Bitte im Format TT.MM.JJJJ eingeben."
    ),
    ProblemCode.DATE_NOT_EXISTING: "Das Datum „{found}“ gibt es nicht: {reason} Bitte das Datum prüfen.",
    ProblemCode.LIST_VALUE: "Unbekannter Wert „{found}“. Bitte einen Wert aus der Liste wählen: {allowed}.",
    ProblemCode.YES_NO: "Bitte „ja“ oder „nein“ eingeben (gefunden: „{found}“).",
    ProblemCode.WHOLE_NUMBER: "Bitte eine ganze Zahl eingeben (gefunden: „{found}“).",
    ProblemCode.NUMBER_RANGE: "Bitte eine Zahl von {low} bis {high} eingeben (gefunden: „{found}“).",
    ProblemCode.POSTCODE: "Die PLZ hat 5 Ziffern (gefunden: „{found}“).",
    ProblemCode.CASE_ID: "Die Fall-ID hat die Form KIM-XAN-2026-0007 (gefunden: „{found}“).",
    ProblemCode.TEXT_TOO_LONG: "Der Text ist zu lang ({length} Zeichen, höchstens {limit}).",
    ProblemCode.INVALID_VALUE: "Der Wert „{found}“ ist hier nicht möglich.",
    ProblemCode.TEXT_INVALID: (
        "Der Text enthält ein Steuerzeichen ({character}), das eine Tabelle nicht speichern kann. "
        "Bitte entfernen Sie es (es kommt oft beim Kopieren aus anderen Programmen mit)."
    ),
    # Cross-field errors: the app refuses to save.
    ProblemCode.DATE_ORDER: "„{later}“ darf nicht vor „{earlier}“ liegen.",
    ProblemCode.DATE_IN_FUTURE: "„{column}“ darf nicht in der Zukunft liegen.",
    ProblemCode.CLOSED_NEEDS_DATE: "Ein abgeschlossener Fall braucht ein Abschlussdatum.",
    ProblemCode.CLOSED_NEEDS_REASON: "Ein abgeschlossener Fall braucht einen Abschlussgrund.",
    ProblemCode.CLOSING_DATE_NEEDS_STATUS: (
        "Ein Abschlussdatum ist nur bei Status „Abgeschlossen“ möglich. "
        "Bitte den Status ändern oder das Datum leeren."
    ),
    ProblemCode.COUNT_BELOW_MINIMUM: (
        "„{column}“ muss mindestens {low} sein (gefunden: {found}). Bitte korrigieren Sie die Zahl."
    ),
    ProblemCode.CHILDREN_VS_HOUSEHOLD: (
        "„Kinder unter 18“ ({children}) muss kleiner sein als die Haushaltsgröße ({household})."
    ),
    ProblemCode.CONSENT_ORDER: "Der Widerruf der Einwilligung kann nicht vor ihrer Erteilung liegen.",
    ProblemCode.REFERRAL_NEEDS_RELEASE: (
        "Werden Daten weitergegeben, ist eine Schweigepflichtentbindung nötig "
        "(„Schweigepflichtentbindung“ = ja)."
    ),
    ProblemCode.UNKNOWN_CASE: "Die Fall-ID „{found}“ gibt es in dieser Tabelle nicht.",
    ProblemCode.DUPLICATE_ID: "Die ID „{found}“ kommt mehrfach vor (Zeilen {rows}).",
    ProblemCode.CASE_ID_TOWN: "Die Fall-ID „{found}“ passt nicht zur Kommune „{town}“.",
    # Warnings: shown, saving allowed.
    ProblemCode.POSTCODE_TOWN: "Die PLZ {postcode} liegt nicht in {town}.",
    ProblemCode.MINOR: "Die Hauptperson ist minderjährig ({age} Jahre).",
    ProblemCode.RESIDENCE_EXPIRES: "Der Aufenthaltstitel läuft am {until} ab (in {days} Tagen).",
    ProblemCode.RESIDENCE_EXPIRED: "Der Aufenthaltstitel ist seit {until} abgelaufen.",
    ProblemCode.FOLLOW_UP_OVERDUE: "Die Wiedervorlage ist überfällig (seit {since}).",
    ProblemCode.GOAL_NOT_REVIEWED: (
        "Ein offenes Ziel wurde seit über 90 Tagen nicht überprüft (zuletzt {since})."
    ),
    ProblemCode.NO_CONSENT: "Personenbezogene Daten ohne Datum der Einwilligung.",
    ProblemCode.CONSENT_WITHDRAWN: "Die Einwilligung wurde am {since} widerrufen; Daten bitte prüfen.",
}


MONTH_NAMES = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)  # fmt: skip


def missing_day_reason(day: int, month: int, year: int, days_in_month: int) -> str:
    """Why a day, month and year that were read as numbers name no date, in German."""
    if not 1 <= month <= 12:
        return "Ein Jahr hat nur 12 Monate."
    if day < 1:
        return "Die Tage eines Monats beginnen mit 1."
    return f"Der {MONTH_NAMES[month - 1]} {year} hat nur {days_in_month} Tage."


def message(code: ProblemCode, **fields: object) -> str:
    """The German text for a rule code, filled with its fields."""
    return MESSAGES[code].format(**fields)
