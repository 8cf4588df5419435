"""One pydantic model per worksheet; the German column headers are the field aliases."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, JsonValue

from sheets_schema import enums as e
from sheets_schema.types import (
    GermanDate,
    LongText,
    Postcode,
    Text,
    TextList,
    WholeNumber,
    YesNo,
    is_blank,
    one_of,
    parse_german_date,
    some_of,
)


def _parse_timestamp(value: object) -> datetime | None:
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        for pattern in (
            "%d.%m.%Y %H:%M:%S",
            "%d.%m.%Y %H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%dT%H:%M:%S",
        ):
            try:
                return datetime.strptime(value.strip(), pattern)
            except ValueError:
                continue
    day = parse_german_date(value)
    return None if day is None else datetime.combine(day, datetime.min.time())


Timestamp = Annotated[datetime | None, BeforeValidator(_parse_timestamp)]

# One alias per list column type, so that type checkers see plain Annotated types.
AccessRouteValue = Annotated[e.AccessRoute | None, one_of(e.AccessRoute)]
AuditActionValue = Annotated[e.AuditAction | None, one_of(e.AuditAction)]
BenefitsValue = Annotated[e.Benefits | None, one_of(e.Benefits)]
CaseStatusValue = Annotated[e.CaseStatus | None, one_of(e.CaseStatus)]
ClosingReasonValue = Annotated[e.ClosingReason | None, one_of(e.ClosingReason)]
ContactKindValue = Annotated[e.ContactKind | None, one_of(e.ContactKind)]
FieldOfActionValue = Annotated[e.FieldOfAction | None, one_of(e.FieldOfAction)]
GenderValue = Annotated[e.Gender | None, one_of(e.Gender)]
GermanLevelValue = Annotated[e.GermanLevel | None, one_of(e.GermanLevel)]
GoalStatusValue = Annotated[e.GoalStatus | None, one_of(e.GoalStatus)]
HousingValue = Annotated[e.Housing | None, one_of(e.Housing)]
LanguageMediationValue = Annotated[e.LanguageMediation | None, one_of(e.LanguageMediation)]
PartnerValue = Annotated[e.Partner | None, one_of(e.Partner)]
PhaseValue = Annotated[e.Phase | None, one_of(e.Phase)]
ReferralResultValue = Annotated[e.ReferralResult | None, one_of(e.ReferralResult)]
ResidenceStatusValue = Annotated[e.ResidenceStatus | None, one_of(e.ResidenceStatus)]
TownValue = Annotated[e.Town | None, one_of(e.Town)]
FieldsOfAction = Annotated[list[e.FieldOfAction], *some_of(e.FieldOfAction)]


def column(
    header: str,
    *,
    help: str | None = None,
    required: bool = False,
    personal: bool = False,
    system: bool = False,
    long_text: bool = False,
    special: bool = False,
    default: Any = None,
    variants: tuple[str, ...] = (),
) -> Any:
    """A worksheet column: its German header, help text and what the app must know about it.

    personal: identifies or describes the person (never shown to coordinators, removed on deletion).
    system: filled by the app (IDs, Geändert am/von), read-only in forms.
    special: may reveal a special category of Art. 9 DSGVO (ethnic origin, health); named as such
    in the Verzeichnis von Verarbeitungstätigkeiten.
    variants: other headers towns use for this column in their own spreadsheets ("Geb.-Datum");
    compared without case, spaces and punctuation, so "Geb. Datum" needs no entry of its own.
    """
    extra: dict[str, JsonValue] = {
        "required": required,
        "personal": personal,
        "system": system,
        "long_text": long_text,
        "special": special,
        "variants": list(variants),
    }
    if isinstance(default, list):
        return Field(default_factory=list, alias=header, description=help, json_schema_extra=extra)
    return Field(default=default, alias=header, description=help, json_schema_extra=extra)


class SheetModel(BaseModel):
    """Common configuration: Python names inside, German headers outside."""

    model_config = ConfigDict(
        validate_by_name=True, validate_by_alias=True, serialize_by_alias=True, frozen=True
    )


class Case(SheetModel):
    """A row of "Fälle": one case, the main person being the client."""

    case_id: Text = column(
        "Fall-ID",
        variants=(
            "Fall-Nr.",
            "Fallnummer",
            "Fall-Nummer",
            "Aktenzeichen",
            "Az.",
            "ID",
            "Klient-Nr.",
            "Klientennummer",
        ),
        required=True,
        system=True,
    )
    town: TownValue = column("Kommune", variants=("Stadt", "Gemeinde"), required=True, system=True)
    case_manager: Text = column(
        "Fallmanager:in",
        variants=(
            "Fallmanager",
            "Fallmanagerin",
            "Case-Manager:in",
            "Case-Manager",
            "Case-Managerin",
            "Berater:in",
            "Berater",
            "Beraterin",
            "Zuständig",
            "Zuständigkeit",
            "Bearbeiter:in",
        ),
    )
    status: CaseStatusValue = column("Status", variants=("Fallstatus", "Stand"), required=True)
    phase: PhaseValue = column("Phase", variants=("Fallphase",))
    access_route: AccessRouteValue = column(
        "Zugangsweg",
        variants=("Zugang", "Zugang über", "Zuweisung", "Zuweisung durch", "Zuweisende Stelle"),
        help="Wie kam der Kontakt zustande?",
    )
    first_contact: GermanDate = column(
        "Erstkontakt",
        variants=("Erstkontakt am", "Datum Erstkontakt", "Erstgespräch", "Erstkontaktdatum"),
    )
    admission: GermanDate = column(
        "Aufnahme",
        variants=("Aufnahme am", "Aufnahmedatum", "Datum Aufnahme", "Beginn", "Fallbeginn"),
        help="Beginn des Case-Managements",
    )
    closing: GermanDate = column(
        "Abschluss",
        variants=(
            "Abschluss am",
            "Abschlussdatum",
            "Datum Abschluss",
            "Ende",
            "Fallende",
            "Beendet am",
        ),
    )
    closing_reason: ClosingReasonValue = column(
        "Abschlussgrund", variants=("Grund Abschluss", "Beendigungsgrund", "Grund der Beendigung")
    )
    last_name: Text = column(
        "Nachname", variants=("Name", "Familienname", "Zuname"), required=True, personal=True
    )
    first_name: Text = column("Vorname", variants=("Vornamen", "Rufname"), personal=True)
    birth_date: GermanDate = column(
        "Geburtsdatum",
        variants=("Geb.-Datum", "Geb.", "Geb. am", "Geboren", "Geboren am", "Geburtstag"),
        personal=True,
    )
    gender: GenderValue = column("Geschlecht", variants=("m/w/d", "Gender"))
    street: Text = column(
        "Straße",
        variants=("Str.", "Adresse", "Anschrift", "Straße und Hausnummer", "Straße, Nr."),
        personal=True,
    )
    postcode: Postcode = column("PLZ", variants=("Postleitzahl",), personal=True)
    city: Text = column("Ort", variants=("Wohnort",), personal=True)
    phone: Text = column(
        "Telefon",
        variants=(
            "Tel.",
            "Telefonnummer",
            "Tel.-Nr.",
            "Handy",
            "Handynummer",
            "Mobil",
            "Telefon/Handy",
        ),
        personal=True,
    )
    email: Text = column("E-Mail", variants=("E-Mail-Adresse", "Mail"), personal=True)
    nationalities: TextList = column(
        "Staatsangehörigkeit",
        variants=(
            "Staatsangehörigkeiten",
            "Staatsang.",
            "Nationalität",
            "Herkunftsland",
            "Herkunft",
        ),
        help="Mehrere mit „;“ trennen",
        default=[],
        special=True,
    )
    entry_date: GermanDate = column(
        "Einreisedatum",
        variants=("Einreise", "Einreise am", "Datum Einreise", "In Deutschland seit"),
    )
    residence_status: ResidenceStatusValue = column(
        "Aufenthaltsstatus",
        variants=("Aufenthaltstitel", "Aufenthalt", "Status Aufenthalt", "Aufenthaltsrecht"),
        special=True,
    )
    residence_valid_until: GermanDate = column(
        "Aufenthalt gültig bis",
        variants=("Gültig bis", "Titel gültig bis", "Aufenthaltstitel gültig bis", "Befristet bis"),
    )
    languages: TextList = column(
        "Sprachen",
        variants=("Sprache", "Muttersprache", "Herkunftssprache"),
        help="Mehrere mit „;“ trennen",
        default=[],
        special=True,
    )
    german_level: GermanLevelValue = column(
        "Deutschniveau",
        variants=("Deutschkenntnisse", "Sprachniveau", "Sprachniveau Deutsch", "Deutsch"),
    )
    needs_interpreter: YesNo = column(
        "Sprachmittlung nötig",
        variants=("Sprachmittlung", "Dolmetscher", "Dolmetscher nötig", "Dolmetscher:in nötig"),
    )
    benefits: BenefitsValue = column(
        "Leistungsbezug", variants=("Leistungen", "Leistungsart", "Sozialleistungen", "Bezug")
    )
    household_size: WholeNumber = column(
        "Haushaltsgröße",
        variants=("Haushalt", "Personen im Haushalt", "Anzahl Personen", "HH-Größe"),
        help="Personen im Haushalt",
    )
    children_under_18: WholeNumber = column(
        "Kinder unter 18",
        variants=("Kinder", "Anzahl Kinder", "Kinder u. 18", "Kinder < 18", "Minderjährige Kinder"),
    )
    housing: HousingValue = column("Wohnsituation", variants=("Wohnform", "Unterkunft", "Wohnen"))
    fields_of_action: FieldsOfAction = column(
        "Handlungsfelder",
        variants=("Handlungsfeld", "Themen", "Bedarfe"),
        special=True,  # „Gesundheit“ tells of a health need
        default=[],
    )
    consent_given: GermanDate = column(
        "Einwilligung erteilt am",
        variants=(
            "Einwilligung",
            "Einwilligung am",
            "Einverständnis",
            "Datenschutz unterschrieben",
            "DS-Einwilligung",
        ),
        help="Datum der Einwilligung in die Datenverarbeitung",
    )
    consent_withdrawn: GermanDate = column(
        "Einwilligung widerrufen am",
        variants=("Widerruf", "Widerruf am", "Einwilligung widerrufen"),
    )
    follow_up: GermanDate = column(
        "Wiedervorlage",
        variants=("WV", "Wiedervorlage am", "WV am", "Nächster Termin"),
        help="Wann der Fall wieder vorgelegt wird",
    )
    remark: LongText = column(
        "Bemerkung",
        variants=("Bemerkungen", "Anmerkung", "Anmerkungen", "Notiz", "Notizen", "Kommentar"),
        personal=True,
        long_text=True,
        help="Keine Gesundheitsdetails: das Handlungsfeld „Gesundheit“ genügt.",
    )
    previous_case_id: Text = column(
        "Frühere Fall-ID",
        variants=("Alte Fall-ID", "Vorherige Fall-ID"),
        system=True,
        help="Fall-ID in der Kommune, von der der Fall übernommen wurde",
    )
    changed_at: Timestamp = column(
        "Geändert am", variants=("Letzte Änderung", "Zuletzt geändert"), system=True
    )
    changed_by: Text = column(
        "Geändert von", variants=("Geändert durch", "Bearbeitet von"), system=True
    )


class Contact(SheetModel):
    """A row of "Kontakte": one contact with the client."""

    contact_id: Text = column(
        "Kontakt-ID", variants=("Kontakt-Nr.", "Kontaktnummer"), required=True, system=True
    )
    case_id: Text = column(
        "Fall-ID",
        variants=("Fall-Nr.", "Fallnummer", "Aktenzeichen", "Klient-Nr."),
        required=True,
        system=True,
    )
    date: GermanDate = column(
        "Datum", variants=("Kontaktdatum", "Datum des Kontakts", "Termin", "Am"), required=True
    )
    kind: ContactKindValue = column(
        "Art", variants=("Kontaktart", "Art des Kontakts", "Form"), required=True
    )
    planned: YesNo = column(
        "Geplant",
        variants=("Termin geplant", "Geplanter Termin", "Vereinbarter Termin"),
        help="„ja“ für einen vereinbarten Termin: Er darf in der Zukunft liegen. "
        "Nach dem Termin bitte auf „nein“ setzen.",
    )
    duration_minutes: WholeNumber = column(
        "Dauer (Min)",
        variants=("Dauer", "Minuten", "Dauer in Minuten", "Dauer (Minuten)"),
        help="1 bis 480 Minuten",
    )
    field_of_action: FieldOfActionValue = column("Handlungsfeld", variants=("Thema",), special=True)
    mediation: LanguageMediationValue = column(
        "Sprachmittlung", variants=("Dolmetscher", "Sprachmittler:in")
    )
    note: LongText = column(
        "Notiz", variants=("Notizen", "Inhalt", "Bemerkung"), personal=True, long_text=True
    )
    recorded_by: Text = column(
        "Erfasst von", variants=("Erfasst durch", "Mitarbeiter:in"), system=True
    )


class Goal(SheetModel):
    """A row of "Ziele": one goal of the support plan (Hilfeplan)."""

    goal_id: Text = column(
        "Ziel-ID", variants=("Ziel-Nr.", "Zielnummer"), required=True, system=True
    )
    case_id: Text = column(
        "Fall-ID",
        variants=("Fall-Nr.", "Fallnummer", "Aktenzeichen", "Klient-Nr."),
        required=True,
        system=True,
    )
    field_of_action: FieldOfActionValue = column("Handlungsfeld", special=True)
    goal: LongText = column(
        "Ziel", variants=("Zielbeschreibung", "Ziele"), required=True, personal=True, long_text=True
    )
    agreed_on: GermanDate = column(
        "Vereinbart am", variants=("Vereinbart", "Vereinbarung am", "Datum Vereinbarung")
    )
    target_date: GermanDate = column("Zieldatum", variants=("Ziel bis", "Frist", "Erreichen bis"))
    status: GoalStatusValue = column("Status", variants=("Zielstatus", "Stand"), required=True)
    reviewed_on: GermanDate = column(
        "Überprüft am", variants=("Überprüft", "Letzte Überprüfung", "Überprüfung")
    )


class Referral(SheetModel):
    """A row of "Vermittlungen": a referral to a partner."""

    referral_id: Text = column(
        "Vermittlungs-ID",
        variants=("Vermittlungs-Nr.", "Vermittlungsnummer"),
        required=True,
        system=True,
    )
    case_id: Text = column(
        "Fall-ID",
        variants=("Fall-Nr.", "Fallnummer", "Aktenzeichen", "Klient-Nr."),
        required=True,
        system=True,
    )
    date: GermanDate = column(
        "Datum", variants=("Vermittelt am", "Datum der Vermittlung"), required=True
    )
    partner: PartnerValue = column(
        "Partner", variants=("Vermittelt an", "Stelle", "Kooperationspartner"), required=True
    )
    field_of_action: FieldOfActionValue = column("Handlungsfeld", special=True)
    result: ReferralResultValue = column("Ergebnis", variants=("Ergebnis der Vermittlung",))
    passes_on_data: YesNo = column(
        "Datenweitergabe",
        variants=("Daten weitergegeben", "Weitergabe von Daten"),
        help="Werden Daten der Person an den Partner weitergegeben?",
    )
    release_from_confidentiality: YesNo = column(
        "Schweigepflichtentbindung",
        variants=("Schweigepflicht", "Schweigepflichtsentbindung", "SPE"),
    )
    note: LongText = column(
        "Notiz", variants=("Notizen", "Bemerkung"), personal=True, long_text=True
    )


class AuditEntry(SheetModel):
    """A row of "Protokoll": the append-only audit trail."""

    timestamp: Timestamp = column("Zeitpunkt", required=True, system=True)
    user: Text = column("Benutzer", required=True, system=True)
    action: AuditActionValue = column("Aktion", required=True, system=True)
    sheet: Text = column("Blatt", system=True)
    record_id: Text = column("Datensatz-ID", system=True)
    field: Text = column("Feld", system=True)
    old: LongText = column("Alt", system=True)
    new: LongText = column("Neu", system=True)


__all__ = ["AuditEntry", "Case", "Contact", "Goal", "Referral", "date"]
