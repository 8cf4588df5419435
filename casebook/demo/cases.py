"""Invented demo cases: a person with a plausible background and a case history."""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, TypeVar

from anyascii import anyascii

from casebook.demo import names as synthetic_names
from casebook.demo.profiles import (
    CASE_MANAGERS,
    FEMALE_FIRST_NAMES,
    FIELD_WEIGHTS,
    GERMAN_NATIONALITY,
    MOBILE_DRAMA_NUMBERS,
    ORIGINS,
    PHONE_BLOCKS,
    REMARKS,
    STREETS,
    Origin,
)
from sheets_schema.enums import (
    TOWN_POSTCODES,
    AccessRoute,
    Benefits,
    CaseStatus,
    ClosingReason,
    FieldOfAction,
    Gender,
    GermanLevel,
    Housing,
    Phase,
    ResidenceStatus,
    Town,
)

NON_LATIN_KEEP = 0.3  # share of names in Cyrillic/Arabic/Ge'ez script that the demo keeps

T = TypeVar("T")

_S = ResidenceStatus
_ASYLUM = (_S.ASYLGESUCH, _S.GESTATTUNG, _S.DULDUNG)
# Days a residence document usually runs, from the reference day (today or the closing).
_VALIDITY: dict[ResidenceStatus, tuple[int, int]] = {
    _S.ASYLGESUCH: (30, 180),
    _S.GESTATTUNG: (30, 180),
    _S.DULDUNG: (14, 180),
    _S.AUSBILDUNGSDULDUNG: (90, 900),
    _S.AE_25_1: (90, 1000),
    _S.AE_25_2_FLUECHTLING: (90, 1000),
    _S.AE_25_2_SUBSIDIAER: (90, 700),
    _S.AE_25_3: (90, 700),
    _S.AE_24: (60, 500),
    _S.FIKTION: (20, 120),
    _S.AE_104C: (30, 540),
    _S.SONSTIGE_AE: (90, 900),
}


def weighted(rng: random.Random, pairs: Sequence[tuple[T, int]]) -> T:
    """One value, drawn with the weight next to it."""
    return rng.choices([v for v, _ in pairs], weights=[w for _, w in pairs])[0]


def day_between(rng: random.Random, first: date, last: date) -> date:
    """A day from first to last (both included); first when the range is empty."""
    if last <= first:
        return first
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without it
        return day.replace(year=day.year - years, day=28)


def _is_latin(text: str) -> bool:
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in text)


@dataclass
class CaseDraft:
    """A case before it gets its ID: what the child rows need to stay consistent."""

    status: CaseStatus
    first_contact: date
    admission: date | None
    closing: date | None
    manager: str
    origin: Origin
    interpreter: bool
    fields: list[FieldOfAction]
    values: dict[str, Any] = field(default_factory=dict)
    case_id: str = ""

    @property
    def start(self) -> date:
        return self.admission or self.first_contact

    def end(self, today: date) -> date:
        return self.closing or today


def _status_dates(
    rng: random.Random, status: CaseStatus, start: date, today: date
) -> tuple[date, date | None, date | None]:
    """(Erstkontakt, Aufnahme, Abschluss) fitting the status, none after today."""
    if status is CaseStatus.ANFRAGE:
        return day_between(rng, max(start, today - timedelta(days=70)), today), None, None
    span = max((today - start).days, 1)
    if status is CaseStatus.AKTIV:
        # More recent admissions than old ones: cases keep closing.
        admission = start + timedelta(days=int(rng.triangular(0, span, span)))
    elif status is CaseStatus.RUHEND:
        admission = day_between(rng, start, today - timedelta(days=90))
    else:
        admission = day_between(rng, start, today - timedelta(days=30))
    admission = min(admission, today)
    first_contact = max(start, admission - timedelta(days=rng.randint(0, 35)))
    closing = None
    if status is CaseStatus.ABGESCHLOSSEN:
        closing = day_between(
            rng,
            min(admission + timedelta(days=30), today),
            min(admission + timedelta(days=540), today),
        )
    return first_contact, admission, closing


def _phase(rng: random.Random, status: CaseStatus, admission: date | None, today: date) -> Phase:
    if status is CaseStatus.ANFRAGE or admission is None:
        return Phase.CLEARING
    if status is CaseStatus.ABGESCHLOSSEN:
        return Phase.ABSCHLUSS
    if status is CaseStatus.RUHEND:
        return rng.choice((Phase.DURCHFUEHRUNG, Phase.MONITORING))
    days = (today - admission).days
    if days < 21:
        return Phase.CLEARING
    if days < 60:
        return weighted(rng, ((Phase.CLEARING, 30), (Phase.ASSESSMENT, 70)))
    if days < 120:
        return weighted(rng, ((Phase.HILFEPLANUNG, 60), (Phase.DURCHFUEHRUNG, 40)))
    return weighted(
        rng, ((Phase.HILFEPLANUNG, 10), (Phase.DURCHFUEHRUNG, 50), (Phase.MONITORING, 40))
    )


def _person(rng: random.Random, origin: Origin) -> tuple[str, str, Gender]:
    """A name of the origin, mostly in Latin letters, with the gender the first name has."""
    for _ in range(4):
        first, last, names_origin = synthetic_names.random_person(rng, origin.names)
        if _is_latin(first + last) or rng.random() < NON_LATIN_KEEP:
            break
    person = synthetic_names.identify(first, last, names_origin)
    spellings = person.first_spellings if person else (first,)
    female = any(s in FEMALE_FIRST_NAMES for s in spellings)
    gender = Gender.WEIBLICH if female else Gender.MAENNLICH
    roll = rng.random()
    if roll < 0.01:
        gender = Gender.DIVERS
    elif roll < 0.03:
        gender = Gender.KEINE_ANGABE
    return first, last, gender


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.1:
        prefix, number = rng.choice(MOBILE_DRAMA_NUMBERS)
        return rng.choice((f"0{prefix} {number}", f"+49 {prefix} {number}"))
    area, fixed, free = rng.choice(PHONE_BLOCKS)
    number = f"{fixed}{rng.randrange(10**free):0{free}d}"
    return rng.choice((f"0{area} {number}", f"0{area}/{number}", f"+49 {area} {number}"))


def _email(rng: random.Random, first: str, last: str) -> str:
    def part(text: str) -> str:
        return "".join(ch for ch in anyascii(text).lower() if ch.isalnum())

    local = rng.choice((f"{part(first)}.{part(last)}", f"{part(first)}{rng.randint(1, 99)}"))
    return f"{local}@example.{rng.choice(('org', 'net', 'com'))}"


def _german_level(rng: random.Random, status: ResidenceStatus, years: float) -> GermanLevel:
    g = GermanLevel
    if status is _S.DEUTSCH:
        return weighted(rng, ((g.B2, 40), (g.C1, 40), (g.C2, 20)))
    if years < 1:
        return weighted(rng, ((g.KEINE, 40), (g.A1, 45), (g.A2, 10), (g.UNBEKANNT, 5)))
    if years < 3:
        return weighted(rng, ((g.KEINE, 5), (g.A1, 25), (g.A2, 35), (g.B1, 25), (g.UNBEKANNT, 10)))
    return weighted(
        rng, ((g.A1, 10), (g.A2, 25), (g.B1, 35), (g.B2, 20), (g.C1, 5), (g.UNBEKANNT, 5))
    )


def _needs_interpreter(rng: random.Random, level: GermanLevel) -> bool:
    if level in (GermanLevel.KEINE, GermanLevel.A1):
        return rng.random() < 0.9
    if level in (GermanLevel.A2, GermanLevel.UNBEKANNT):
        return rng.random() < 0.5
    return False


def _benefits(rng: random.Random, status: ResidenceStatus, age: int) -> Benefits:
    b = Benefits
    if age >= 67:
        return b.SGB_XII
    if status in _ASYLUM:
        return weighted(rng, ((b.ASYLBLG, 90), (b.UNBEKANNT, 10)))
    if status is _S.AUSBILDUNGSDULDUNG:
        return weighted(rng, ((b.EIGENES_EINKOMMEN, 60), (b.ASYLBLG, 40)))
    return weighted(
        rng,
        (
            (b.SGB_II, 60),
            (b.EIGENES_EINKOMMEN, 20),
            (b.SGB_III, 5),
            (b.KEINER, 5),
            (b.UNBEKANNT, 10),
        ),
    )


def _housing(rng: random.Random, status: ResidenceStatus, origin: Origin) -> Housing:
    h = Housing
    if status in (_S.ASYLGESUCH, _S.GESTATTUNG):
        return weighted(
            rng, ((h.GEMEINSCHAFTSUNTERKUNFT, 70), (h.KOMMUNALE_WOHNUNG, 20), (h.SONSTIGE, 10))
        )
    if status is _S.DULDUNG:
        return weighted(
            rng,
            (
                (h.GEMEINSCHAFTSUNTERKUNFT, 40),
                (h.KOMMUNALE_WOHNUNG, 35),
                (h.EIGENE_MIETWOHNUNG, 20),
                (h.SONSTIGE, 5),
            ),
        )
    if status is _S.AE_24:
        return weighted(
            rng,
            (
                (h.EIGENE_MIETWOHNUNG, 45),
                (h.KOMMUNALE_WOHNUNG, 25),
                (h.FAMILIE, 20),
                (h.GEMEINSCHAFTSUNTERKUNFT, 10),
            ),
        )
    return weighted(
        rng,
        (
            (h.EIGENE_MIETWOHNUNG, 60),
            (h.KOMMUNALE_WOHNUNG, 20),
            (h.FAMILIE, 10),
            (h.WOHNUNGSLOS, 3),
            (h.SONSTIGE, 7),
        ),
    )


def _fields_of_action(rng: random.Random) -> list[FieldOfAction]:
    count = weighted(rng, ((1, 25), (2, 35), (3, 25), (4, 15)))
    chosen: set[FieldOfAction] = set()
    while len(chosen) < count:
        chosen.add(weighted(rng, list(FIELD_WEIGHTS.items())))
    return [f for f in FieldOfAction if f in chosen]


def _entry_date(
    rng: random.Random, origin: Origin, status: ResidenceStatus, birth: date, first_contact: date
) -> date:
    earliest = max(origin.earliest_entry, birth)
    if status in (_S.ASYLGESUCH, _S.GESTATTUNG):
        earliest = max(earliest, first_contact - timedelta(days=540))
    elif status in (_S.DEUTSCH, _S.NIEDERLASSUNG):
        return day_between(rng, earliest, max(earliest, first_contact - timedelta(days=5 * 365)))
    return day_between(rng, earliest, first_contact)


def _valid_until(
    rng: random.Random, status: ResidenceStatus, reference: date, is_open: bool
) -> date | None:
    if status not in _VALIDITY:
        return None
    if is_open and rng.random() < 0.07:
        # Expires within the 60 days in which the app warns.
        return reference + timedelta(days=rng.randint(3, 59))
    low, high = _VALIDITY[status]
    return reference + timedelta(days=rng.randint(max(low, 61) if is_open else low, high))


def _household(rng: random.Random, minor: bool) -> tuple[int, int]:
    size = weighted(rng, ((1, 25), (2, 15), (3, 18), (4, 18), (5, 12), (6, 7), (7, 5)))
    if minor:
        size = max(size, 2)
    adults = min(size, weighted(rng, ((1, 35), (2, 55), (3, 10))))
    children = size - adults
    if minor:
        children = max(children, 1)
    return size, min(children, size - 1)


def draft_case(town: Town, rng: random.Random, today: date, start: date) -> CaseDraft:
    """A case with a person and dates fitting its status, not yet numbered."""
    status = weighted(
        rng,
        (
            (CaseStatus.ANFRAGE, 7),
            (CaseStatus.AKTIV, 55),
            (CaseStatus.RUHEND, 10),
            (CaseStatus.ABGESCHLOSSEN, 28),
        ),
    )
    first_contact, admission, closing = _status_dates(rng, status, start, today)
    manager = rng.choice(CASE_MANAGERS[town])
    origin = weighted(rng, [(o, o.weight) for o in ORIGINS])
    first, last, gender = _person(rng, origin)
    minor = rng.random() < 0.03
    age = rng.randint(16, 17) if minor else int(rng.triangular(18, 75, 32))
    birth = day_between(
        rng, _years_before(today, age + 1) + timedelta(days=1), _years_before(today, age)
    )
    residence = weighted(rng, origin.statuses)
    nationalities = list(weighted(rng, origin.nationalities))
    if residence is _S.DEUTSCH:
        nationalities = [GERMAN_NATIONALITY, *nationalities]
    entry = _entry_date(rng, origin, residence, birth, first_contact)
    level = _german_level(rng, residence, (first_contact - entry).days / 365)
    interpreter = _needs_interpreter(rng, level)
    is_open = status is not CaseStatus.ABGESCHLOSSEN
    size, children = _household(rng, minor)
    fields = _fields_of_action(rng)
    draft = CaseDraft(
        status, first_contact, admission, closing, manager, origin, interpreter, fields
    )
    draft.values = {
        "town": town,
        "case_manager": manager,
        "status": status,
        "phase": _phase(rng, status, admission, today),
        "access_route": weighted(rng, _ACCESS_ROUTES),
        "first_contact": first_contact,
        "admission": admission,
        "closing": closing,
        "closing_reason": weighted(rng, _CLOSING_REASONS) if closing else None,
        "last_name": last,
        "first_name": first,
        "birth_date": birth,
        "gender": gender,
        "street": f"{rng.choice(STREETS)} {rng.randint(1, 140)}{rng.choice(_HOUSE_SUFFIXES)}",
        "postcode": rng.choice(sorted(TOWN_POSTCODES[town])),
        "city": town.value,
        "phone": _phone(rng) if rng.random() < 0.85 else None,
        "email": _email(rng, first, last) if rng.random() < 0.3 else None,
        "nationalities": nationalities,
        "entry_date": entry,
        "residence_status": residence,
        "residence_valid_until": _valid_until(rng, residence, closing or today, is_open),
        "languages": list(weighted(rng, origin.languages)),
        "german_level": level,
        "needs_interpreter": interpreter,
        "benefits": _benefits(rng, residence, age),
        "household_size": size,
        "children_under_18": children,
        "housing": _housing(rng, residence, origin),
        "fields_of_action": fields,
        "remark": rng.choice(REMARKS) if rng.random() < 0.25 else None,
    }
    _add_consent_and_follow_up(rng, draft, today)
    return draft


_ACCESS_ROUTES: tuple[tuple[AccessRoute, int], ...] = (
    (AccessRoute.SELBSTMELDER, 22),
    (AccessRoute.AUSLAENDERBEHOERDE, 14),
    (AccessRoute.JOBCENTER, 16),
    (AccessRoute.AGENTUR, 4),
    (AccessRoute.SOZIALAMT, 12),
    (AccessRoute.JUGENDAMT, 4),
    (AccessRoute.SCHULE_KITA, 6),
    (AccessRoute.MBE, 5),
    (AccessRoute.JMD, 3),
    (AccessRoute.WOHLFAHRT, 6),
    (AccessRoute.EHRENAMT, 6),
    (AccessRoute.SONSTIGE, 2),
)
_CLOSING_REASONS: tuple[tuple[ClosingReason, int], ...] = (
    (ClosingReason.ZIELE_ERREICHT, 38),
    (ClosingReason.WEGZUG, 15),
    (ClosingReason.KEIN_KONTAKT, 18),
    (ClosingReason.UEBERGABE, 15),
    (ClosingReason.AUF_WUNSCH, 8),
    (ClosingReason.AUSREISE, 5),
    (ClosingReason.VERSTORBEN, 1),
)
_HOUSE_SUFFIXES = ("",) * 8 + ("a", "b")


def _add_consent_and_follow_up(rng: random.Random, draft: CaseDraft, today: date) -> None:
    values = draft.values
    missing = 0.5 if draft.status is CaseStatus.ANFRAGE else 0.03
    if rng.random() >= missing:
        values["consent_given"] = day_between(rng, draft.first_contact, draft.start)
    reason = values.get("closing_reason")
    if reason is ClosingReason.AUF_WUNSCH and "consent_given" in values and rng.random() < 0.5:
        values["consent_withdrawn"] = draft.closing
    if draft.status is CaseStatus.ABGESCHLOSSEN:
        return
    roll = rng.random()
    if roll < 0.08:
        follow_up = today - timedelta(days=rng.randint(1, 45))
    elif roll < 0.25:
        follow_up = today + timedelta(days=rng.randint(0, 6))
    else:
        follow_up = today + timedelta(days=rng.randint(7, 90))
    values["follow_up"] = follow_up
