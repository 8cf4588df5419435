"""A town's rows reduced to the facts statistics need: no names, addresses, birth dates or notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from casebook.core.town_data import RecordRow, TownData
from casebook.stats import record_keys as purpose
from casebook.stats.record_keys import RecordKeys
from casebook.stats.tally import ZERO, Tally, one
from sheets_schema import Case, ProblemCode, SheetName
from sheets_schema.enums import (
    AccessRoute,
    Benefits,
    CaseStatus,
    ClosingReason,
    FieldOfAction,
    Gender,
    GermanLevel,
    GoalStatus,
    Housing,
    LanguageMediation,
    Partner,
    ReferralResult,
    Town,
)

NO_ANSWER = "ohne Angabe"
# Upper ages (inclusive) of the age groups; the last group is open-ended.
AGE_GROUPS: tuple[tuple[str, int | None], ...] = (
    ("unter 18", 17),
    ("18–26", 26),
    ("27–44", 44),
    ("45–64", 64),
    ("65 und älter", None),
)
_DATE_FIELDS = frozenset({"status", "admission", "closing"})
_STRUCTURE_FIELDS = frozenset(
    {
        "gender",
        "birth_date",
        "residence_status",
        "german_level",
        "fields_of_action",
        "access_route",
        "benefits",
        "housing",
    }
)
REOPENED_CODE = ProblemCode.CLOSING_DATE_NEEDS_STATUS


class Note(StrEnum):
    """Why a row is counted in a special way or left out; listed in every report."""

    CASE_DATES = "Fall: Status, Aufnahme oder Abschluss fehlerhaft – nicht gezählt"
    CASE_DUPLICATE = "Fall: Fall-ID mehrfach vergeben – nicht gezählt"
    CASE_NO_ADMISSION = "Fall ohne Aufnahmedatum (Status nicht Anfrage) – nicht gezählt"
    REQUEST_WITH_DATES = "Fall mit Status Anfrage, aber Aufnahme oder Abschluss – nicht gezählt"
    REOPENED = "Fall wieder offen, Abschlussdatum noch eingetragen – als offen gezählt"
    NO_REASON = "Abgang ohne Abschlussgrund – als „ohne Angabe“ gezählt"
    HOUSEHOLD = "Haushaltsgröße leer oder nicht lesbar – als 1 Person gezählt"
    STRUCTURE = "Merkmal nicht lesbar (z. B. Geschlecht) – als „ohne Angabe“ gezählt"
    CONTACT = "Kontakt ohne lesbares Datum oder ohne Fall – nicht gezählt"
    GOAL = "Ziel ohne lesbaren Status oder ohne Fall – nicht gezählt"
    GOAL_UNDATED = "Ziel abgeschlossen, ohne Überprüfungs- und Zieldatum – nicht gezählt"
    REFERRAL = "Vermittlung ohne lesbares Datum oder ohne Fall – nicht gezählt"


@dataclass(frozen=True)
class CaseFacts:
    """A case in care (status Aktiv, Ruhend or Abgeschlossen with a usable Aufnahme)."""

    key: int  # an opaque number standing for the case within its town
    record: int  # the case's record key (cell-key method)
    people_key: int  # its record key for Erreichte Personen
    case_manager: str | None
    status: CaseStatus
    admission: date
    closing: date | None  # None while the case is open
    closing_reason: ClosingReason | None
    gender: Gender | None
    age_group: str
    residence_group: str
    nationalities: tuple[str, ...]
    german_level: GermanLevel | None
    household: int
    fields_of_action: tuple[FieldOfAction, ...]
    access_route: AccessRoute | None = None
    benefits: Benefits | None = None
    housing: Housing | None = None

    def in_care_on(self, day: date) -> bool:
        """Part of the Bestand at the end of `day`: admitted by then and not closed on or before."""
        return self.admission <= day and (self.closing is None or self.closing > day)

    def in_care_during(self, start: date, end: date) -> bool:
        return self.admission <= end and (self.closing is None or self.closing >= start)


@dataclass(frozen=True)
class ContactFacts:
    case_key: int
    record: int
    case_record: int
    day: date
    mediated: bool


@dataclass(frozen=True)
class GoalFacts:
    record: int
    status: GoalStatus
    closed_on: date | None  # for goals no longer open: Überprüft am, else Zieldatum


@dataclass(frozen=True)
class ReferralFacts:
    record: int
    day: date
    partner: Partner | None
    result: ReferralResult | None


@dataclass(frozen=True)
class TownFacts:
    """Everything the statistics of one town are computed from, with the counting notes."""

    town: Town
    reference_day: date
    cases: tuple[CaseFacts, ...]
    contacts: tuple[ContactFacts, ...]
    goals: tuple[GoalFacts, ...]
    referrals: tuple[ReferralFacts, ...]
    notes: dict[Note, Tally]


class _Keys:
    """The record keys of one town's rows; a row without an ID is known by its row number."""

    def __init__(self, keys: RecordKeys, town: Town) -> None:
        self._keys = keys
        self._town = town

    def of(self, what: str, row: RecordRow) -> int:
        return self._keys.key(what, self._town, _ident(row))

    def note(self, row: RecordRow) -> int:
        return self._keys.key(purpose.NOTE, self._town, f"{row.sheet.value}:{_ident(row)}")


def _ident(row: RecordRow) -> str:
    return row.record_id or f"Zeile {row.row_number}"


class _Notes:
    """The counting notes of a town, each with the keys of the rows it counts."""

    def __init__(self, keys: _Keys) -> None:
        self.keys = keys
        self.found: dict[Note, Tally] = {}

    def add(self, note: Note, row: RecordRow) -> None:
        self.found[note] = self.found.get(note, ZERO) + one(self.keys.note(row))


def age_group(birth: date | None, on: date) -> str:
    if birth is None or birth > on:
        return NO_ANSWER
    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    for label, upper in AGE_GROUPS:
        if upper is None or age <= upper:
            return label
    return NO_ANSWER  # pragma: no cover - the last group is open-ended


def _error_fields(row: RecordRow) -> set[str]:
    return {p.field for p in row.problems if p.is_error and p.field and p.code != REOPENED_CODE}


def _has_code(row: RecordRow, code: ProblemCode) -> bool:
    return any(p.code == code for p in row.problems)


def _case_note(row: RecordRow) -> Note | None:
    """Why a case row is not a countable case in care; None if it is one (or a mere Anfrage)."""
    case: Case = row.record
    if _has_code(row, ProblemCode.DUPLICATE_ID):
        return Note.CASE_DUPLICATE
    if _error_fields(row) & _DATE_FIELDS:
        return Note.CASE_DATES
    if case.status is CaseStatus.ANFRAGE:
        return Note.REQUEST_WITH_DATES if case.admission or case.closing else None
    if case.admission is None:
        return Note.CASE_NO_ADMISSION
    return None


def _residence_group(case: Case) -> str:
    status = case.residence_status
    group = status.group if status is not None else None
    return group.value if group is not None else NO_ANSWER


def _case_facts(key: int, row: RecordRow, reference_day: date, notes: _Notes) -> CaseFacts | None:
    note = _case_note(row)
    if note is not None:
        notes.add(note, row)
        return None
    case: Case = row.record
    if case.status is CaseStatus.ANFRAGE or case.status is None or case.admission is None:
        return None
    reopened = case.status is not CaseStatus.ABGESCHLOSSEN and case.closing is not None
    if reopened:
        notes.add(Note.REOPENED, row)
    closed = case.status is CaseStatus.ABGESCHLOSSEN
    if closed and case.closing_reason is None:
        notes.add(Note.NO_REASON, row)
    household = case.household_size
    if household is None or household < 1 or "household_size" in row.unreadable:
        notes.add(Note.HOUSEHOLD, row)
        household = 1
    if row.unreadable & _STRUCTURE_FIELDS:
        notes.add(Note.STRUCTURE, row)
    return CaseFacts(
        key=key,
        record=notes.keys.of(purpose.CASE, row),
        people_key=notes.keys.of(purpose.PEOPLE, row),
        case_manager=case.case_manager,
        status=case.status,
        admission=case.admission,
        closing=case.closing if closed else None,
        closing_reason=case.closing_reason if closed else None,
        gender=case.gender,
        age_group=age_group(case.birth_date, reference_day),
        residence_group=_residence_group(case),
        nationalities=tuple(case.nationalities),
        german_level=case.german_level,
        household=household,
        fields_of_action=tuple(case.fields_of_action),
        access_route=case.access_route,
        benefits=case.benefits,
        housing=case.housing,
    )


def _child_ok(row: RecordRow, needed: set[str]) -> bool:
    if _has_code(row, ProblemCode.UNKNOWN_CASE) or row.record.case_id is None:
        return False
    return not (row.unreadable & needed) and all(
        getattr(row.record, name) is not None for name in needed
    )


def _contacts(
    data: TownData, keys: dict[str, tuple[int, int]], notes: _Notes
) -> list[ContactFacts]:
    result = []
    for row in data.rows(SheetName.CONTACTS):
        if row.record.planned:
            continue  # an appointment still to come is not a contact held
        if not _child_ok(row, {"date"}) or row.record.case_id not in keys:
            notes.add(Note.CONTACT, row)
            continue
        mediation = row.record.mediation
        mediated = mediation is not None and mediation is not LanguageMediation.KEINE
        case_key, case_record = keys[row.record.case_id]
        record = notes.keys.of(purpose.CONTACT, row)
        result.append(ContactFacts(case_key, record, case_record, row.record.date, mediated))
    return result


def _goals(data: TownData, keys: dict[str, tuple[int, int]], notes: _Notes) -> list[GoalFacts]:
    result = []
    for row in data.rows(SheetName.GOALS):
        if not _child_ok(row, {"status"}) or row.record.case_id not in keys:
            notes.add(Note.GOAL, row)
            continue
        goal = row.record
        closed_on = None
        if not goal.status.is_open:
            closed_on = goal.reviewed_on or goal.target_date
            if closed_on is None:
                notes.add(Note.GOAL_UNDATED, row)
                continue
        result.append(GoalFacts(notes.keys.of(purpose.GOAL, row), goal.status, closed_on))
    return result


def _referrals(
    data: TownData, keys: dict[str, tuple[int, int]], notes: _Notes
) -> list[ReferralFacts]:
    result = []
    for row in data.rows(SheetName.REFERRALS):
        if not _child_ok(row, {"date"}) or row.record.case_id not in keys:
            notes.add(Note.REFERRAL, row)
            continue
        referral = row.record
        partner = None if "partner" in row.unreadable else referral.partner
        record = notes.keys.of(purpose.REFERRAL, row)
        result.append(ReferralFacts(record, referral.date, partner, referral.result))
    return result


def town_facts(data: TownData, reference_day: date, record_keys: RecordKeys) -> TownFacts:
    """Project a town's rows onto the statistical facts; ages are taken on `reference_day`.

    `record_keys` gives every counted row its fixed random key for the cell-key method.
    """
    notes = _Notes(_Keys(record_keys, data.town))
    keys: dict[str, tuple[int, int]] = {}
    cases = []
    for key, row in enumerate(data.cases):
        if row.record.case_id and row.record.case_id not in keys:
            keys[row.record.case_id] = (key, notes.keys.of(purpose.CASE, row))
        facts = _case_facts(key, row, reference_day, notes)
        if facts is not None:
            cases.append(facts)
    return TownFacts(
        town=data.town,
        reference_day=reference_day,
        cases=tuple(cases),
        contacts=tuple(_contacts(data, keys, notes)),
        goals=tuple(_goals(data, keys, notes)),
        referrals=tuple(_referrals(data, keys, notes)),
        notes=notes.found,
    )
