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
    default: Any = None,
) -> Any:
    """A worksheet column: its German header, help text and what the app must know about it.

    personal: identifies or describes the person (never shown to coordinators, removed on deletion).
    system: filled by the app (IDs, Geändert am/von), read-only in forms.
    """
    extra: dict[str, JsonValue] = {
        "required": required,
        "personal": personal,
        "system": system,
        "long_text": long_text,
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

    case_id: Text = column("Fall-ID", required=True, system=True)
    town: TownValue = column("Kommune", required=True, system=True)
    case_manager: Text = column("Fallmanager:in")
    status: CaseStatusValue = column("Status", required=True)
    phase: PhaseValue = column("Phase")
    access_route: AccessRouteValue = column("Zugangsweg", help="Wie kam der Kontakt zustande?")
    first_contact: GermanDate = column("Erstkontakt")
    admission: GermanDate = column("Aufnahme", help="Beginn des Case-Managements")
    closing: GermanDate = column("Abschluss")
    closing_reason: ClosingReasonValue = column("Abschlussgrund")
    last_name: Text = column("Nachname", required=True, personal=True)
    first_name: Text = column("Vorname", personal=True)
    birth_date: GermanDate = column("Geburtsdatum", personal=True)
    gender: GenderValue = column("Geschlecht")
    street: Text = column("Straße", personal=True)
    postcode: Postcode = column("PLZ", personal=True)
    city: Text = column("Ort", personal=True)
    phone: Text = column("Telefon", personal=True)
    email: Text = column("E-Mail", personal=True)
    nationalities: TextList = column(
        "Staatsangehörigkeit", help="Mehrere mit „;“ trennen", default=[]
    )
    entry_date: GermanDate = column("Einreisedatum")
    residence_status: ResidenceStatusValue = column("Aufenthaltsstatus")
    residence_valid_until: GermanDate = column("Aufenthalt gültig bis")
    languages: TextList = column("Sprachen", help="Mehrere mit „;“ trennen", default=[])
    german_level: GermanLevelValue = column("Deutschniveau")
    needs_interpreter: YesNo = column("Sprachmittlung nötig")
    benefits: BenefitsValue = column("Leistungsbezug")
    household_size: WholeNumber = column("Haushaltsgröße", help="Personen im Haushalt")
    children_under_18: WholeNumber = column("Kinder unter 18")
    housing: HousingValue = column("Wohnsituation")
    fields_of_action: FieldsOfAction = column("Handlungsfelder", default=[])
    consent_given: GermanDate = column(
        "Einwilligung erteilt am", help="Datum der Einwilligung in die Datenverarbeitung"
    )
    consent_withdrawn: GermanDate = column("Einwilligung widerrufen am")
    follow_up: GermanDate = column("Wiedervorlage", help="Wann der Fall wieder vorgelegt wird")
    remark: LongText = column(
        "Bemerkung",
        personal=True,
        long_text=True,
        help="Keine Gesundheitsdetails: das Handlungsfeld „Gesundheit“ genügt.",
    )
    changed_at: Timestamp = column("Geändert am", system=True)
    changed_by: Text = column("Geändert von", system=True)


class Contact(SheetModel):
    """A row of "Kontakte": one contact with the client."""

    contact_id: Text = column("Kontakt-ID", required=True, system=True)
    case_id: Text = column("Fall-ID", required=True, system=True)
    date: GermanDate = column("Datum", required=True)
    kind: ContactKindValue = column("Art", required=True)
    duration_minutes: WholeNumber = column("Dauer (Min)", help="1 bis 480 Minuten")
    field_of_action: FieldOfActionValue = column("Handlungsfeld")
    mediation: LanguageMediationValue = column("Sprachmittlung")
    note: LongText = column("Notiz", personal=True, long_text=True)
    recorded_by: Text = column("Erfasst von", system=True)


class Goal(SheetModel):
    """A row of "Ziele": one goal of the support plan (Hilfeplan)."""

    goal_id: Text = column("Ziel-ID", required=True, system=True)
    case_id: Text = column("Fall-ID", required=True, system=True)
    field_of_action: FieldOfActionValue = column("Handlungsfeld")
    goal: LongText = column("Ziel", required=True, personal=True, long_text=True)
    agreed_on: GermanDate = column("Vereinbart am")
    target_date: GermanDate = column("Zieldatum")
    status: GoalStatusValue = column("Status", required=True)
    reviewed_on: GermanDate = column("Überprüft am")


class Referral(SheetModel):
    """A row of "Vermittlungen": a referral to a partner."""

    referral_id: Text = column("Vermittlungs-ID", required=True, system=True)
    case_id: Text = column("Fall-ID", required=True, system=True)
    date: GermanDate = column("Datum", required=True)
    partner: PartnerValue = column("Partner", required=True)
    field_of_action: FieldOfActionValue = column("Handlungsfeld")
    result: ReferralResultValue = column("Ergebnis")
    passes_on_data: YesNo = column(
        "Datenweitergabe", help="Werden Daten der Person an den Partner weitergegeben?"
    )
    release_from_confidentiality: YesNo = column("Schweigepflichtentbindung")
    note: LongText = column("Notiz", personal=True, long_text=True)


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
