"""Short German names of the rules, one per message code, for lists that group findings by rule."""

from __future__ import annotations

from sheets_schema.problems import ProblemCode

RULE_NAMES: dict[ProblemCode, str] = {
    ProblemCode.REQUIRED: "Pflichtfeld leer",
    ProblemCode.GERMAN_DATE: "Datum nicht lesbar",
    ProblemCode.DATE_AMBIGUOUS: "Datum nicht eindeutig",
    ProblemCode.DATE_NOT_EXISTING: "Datum gibt es nicht",
    ProblemCode.LIST_VALUE: "Unbekannter Listenwert",
    ProblemCode.YES_NO: "Ja/Nein nicht lesbar",
    ProblemCode.WHOLE_NUMBER: "Keine ganze Zahl",
    ProblemCode.NUMBER_RANGE: "Zahl außerhalb des Bereichs",
    ProblemCode.POSTCODE: "PLZ ungültig",
    ProblemCode.CASE_ID: "Fall-ID ungültig",
    ProblemCode.TEXT_TOO_LONG: "Text zu lang",
    ProblemCode.TEXT_INVALID: "Steuerzeichen im Text",
    ProblemCode.DATE_ORDER: "Datumsreihenfolge",
    ProblemCode.DATE_IN_FUTURE: "Datum in der Zukunft",
    ProblemCode.CLOSED_NEEDS_DATE: "Abschluss ohne Datum",
    ProblemCode.CLOSED_NEEDS_REASON: "Abschluss ohne Grund",
    ProblemCode.CLOSING_DATE_NEEDS_STATUS: "Abschlussdatum ohne Status „Abgeschlossen“",
    ProblemCode.COUNT_BELOW_MINIMUM: "Anzahl zu klein",
    ProblemCode.CHILDREN_VS_HOUSEHOLD: "Kinder und Haushaltsgröße",
    ProblemCode.CONSENT_ORDER: "Widerruf vor Einwilligung",
    ProblemCode.REFERRAL_NEEDS_RELEASE: "Datenweitergabe ohne Schweigepflichtentbindung",
    ProblemCode.UNKNOWN_CASE: "Fall-ID unbekannt",
    ProblemCode.DUPLICATE_ID: "ID mehrfach vergeben",
    ProblemCode.CASE_ID_TOWN: "Fall-ID passt nicht zur Kommune",
    ProblemCode.POSTCODE_TOWN: "PLZ nicht in der Kommune",
    ProblemCode.MINOR: "Hauptperson minderjährig",
    ProblemCode.RESIDENCE_EXPIRES: "Aufenthaltstitel läuft bald ab",
    ProblemCode.RESIDENCE_EXPIRED: "Aufenthaltstitel abgelaufen",
    ProblemCode.FOLLOW_UP_OVERDUE: "Wiedervorlage überfällig",
    ProblemCode.GOAL_NOT_REVIEWED: "Ziel lange nicht überprüft",
    ProblemCode.NO_CONSENT: "Keine Einwilligung",
    ProblemCode.CONSENT_WITHDRAWN: "Einwilligung widerrufen",
    ProblemCode.POSSIBLE_DUPLICATE: "Mögliche Doppelung",
    ProblemCode.INVALID_VALUE: "Wert nicht lesbar",
}


def rule_name(code: ProblemCode) -> str:
    """The rule's German name (every code has one; a test keeps it so)."""
    return RULE_NAMES[code]
