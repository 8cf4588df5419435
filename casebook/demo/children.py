"""The contacts, goals and referrals of an invented demo case, within its dates."""

from __future__ import annotations

import random
from datetime import date, timedelta

from casebook.demo.cases import CaseDraft, day_between, weighted
from casebook.demo.profiles import CONTACT_NOTES, GOALS, REFERRAL_PARTNERS
from casebook.storage.cells import CellValue
from sheets_schema import Contact, Goal, Referral, SheetName, to_cells
from sheets_schema.enums import (
    CaseStatus,
    ClosingReason,
    ContactKind,
    GoalStatus,
    LanguageMediation,
    Phase,
    ReferralResult,
)
from sheets_schema.sheets import format_child_id

Row = dict[str, CellValue]

_DURATIONS: dict[ContactKind, tuple[int, int]] = {
    ContactKind.PERSOENLICH: (30, 90),
    ContactKind.TELEFONISCH: (10, 30),
    ContactKind.HAUSBESUCH: (45, 120),
    ContactKind.BEGLEITUNG: (60, 180),
    ContactKind.DIGITAL: (10, 45),
    ContactKind.FALLKONFERENZ: (30, 90),
}


def _mediation(rng: random.Random, draft: CaseDraft) -> LanguageMediation:
    m = LanguageMediation
    if not draft.interpreter:
        return weighted(rng, ((m.KEINE, 92), (m.MEHRSPRACHIG, 8)))
    return weighted(
        rng, ((m.KEINE, 25), (m.DOLMETSCHER, 20), (m.SPRACHMITTLER, 35), (m.MEHRSPRACHIG, 20))
    )


def contacts(rng: random.Random, draft: CaseDraft, today: date) -> list[Row]:
    """About five contacts from the first contact to the end of the case, the first on day one."""
    if draft.status is CaseStatus.ANFRAGE:
        count = rng.randint(1, 2)
    else:
        count = min(max(round(rng.gauss(5, 2)), 2), 12)
    end = draft.end(today)
    days = sorted(
        [
            draft.first_contact,
            *(day_between(rng, draft.first_contact, end) for _ in range(count - 1)),
        ]
    )
    rows = []
    for number, day in enumerate(days, start=1):
        kind = weighted(
            rng,
            (
                (ContactKind.PERSOENLICH, 45),
                (ContactKind.TELEFONISCH, 30),
                (ContactKind.HAUSBESUCH, 5),
                (ContactKind.BEGLEITUNG, 8),
                (ContactKind.DIGITAL, 8),
                (ContactKind.FALLKONFERENZ, 4),
            ),
        )
        low, high = _DURATIONS[kind]
        contact = Contact.model_construct(
            contact_id=format_child_id(SheetName.CONTACTS, draft.case_id, number),
            case_id=draft.case_id,
            date=day,
            kind=kind,
            duration_minutes=rng.randrange(low, high + 1, 5),
            field_of_action=rng.choice(draft.fields),
            mediation=_mediation(rng, draft),
            note=rng.choice(CONTACT_NOTES) if rng.random() < 0.3 else None,
            recorded_by=draft.manager,
        )
        rows.append(to_cells(contact))
    return rows


def appointments(draft: CaseDraft, after: int, today: date) -> list[Row]:
    """A planned appointment in the next three weeks for about a quarter of the active cases.

    Drawn from a generator of its own, so the rest of the demo stays as it was without them.
    """
    rng = random.Random(f"{draft.case_id}:termin")
    if draft.status is not CaseStatus.AKTIV or rng.random() > 0.25:
        return []
    kind = rng.choice((ContactKind.PERSOENLICH, ContactKind.TELEFONISCH, ContactKind.BEGLEITUNG))
    contact = Contact.model_construct(
        contact_id=format_child_id(SheetName.CONTACTS, draft.case_id, after + 1),
        case_id=draft.case_id,
        date=today + timedelta(days=rng.randint(0, 20)),
        kind=kind,
        planned=True,
        field_of_action=rng.choice(draft.fields),
        recorded_by=draft.manager,
    )
    return [to_cells(contact)]


def _goal_status(rng: random.Random, draft: CaseDraft) -> GoalStatus:
    g = GoalStatus
    if draft.status is CaseStatus.ABGESCHLOSSEN:
        if draft.values.get("closing_reason") is ClosingReason.ZIELE_ERREICHT:
            return weighted(rng, ((g.ERREICHT, 75), (g.TEILWEISE, 25)))
        return weighted(
            rng, ((g.ERREICHT, 30), (g.TEILWEISE, 20), (g.NICHT_ERREICHT, 20), (g.VERWORFEN, 30))
        )
    if draft.status is CaseStatus.RUHEND:
        return weighted(rng, ((g.OFFEN, 30), (g.IN_ARBEIT, 60), (g.TEILWEISE, 10)))
    return weighted(rng, ((g.OFFEN, 25), (g.IN_ARBEIT, 55), (g.ERREICHT, 15), (g.VERWORFEN, 5)))


def goals(rng: random.Random, draft: CaseDraft, today: date) -> list[Row]:
    """One to three goals once the case is past clearing, with a status fitting the case."""
    if draft.admission is None or draft.values["phase"] is Phase.CLEARING:
        return []
    end = draft.end(today)
    rows = []
    for number in range(1, rng.randint(1, 3) + 1):
        agreed = day_between(rng, draft.admission, min(end, draft.admission + timedelta(days=120)))
        status = _goal_status(rng, draft)
        if status.is_open and rng.random() < 0.85:
            # Most open goals were looked at recently; the others show the app's reminder.
            reviewed: date | None = day_between(rng, max(agreed, today - timedelta(days=80)), today)
        else:
            reviewed = day_between(rng, agreed, end) if rng.random() < 0.8 else None
        field_of_action = rng.choice(draft.fields)
        goal = Goal.model_construct(
            goal_id=format_child_id(SheetName.GOALS, draft.case_id, number),
            case_id=draft.case_id,
            field_of_action=field_of_action,
            goal=rng.choice(GOALS[field_of_action]),
            agreed_on=agreed,
            target_date=agreed + timedelta(days=rng.randint(60, 365)),
            status=status,
            reviewed_on=reviewed,
        )
        rows.append(to_cells(goal))
    return rows


def referrals(rng: random.Random, draft: CaseDraft, today: date) -> list[Row]:
    """Up to three referrals; passing on data always comes with a release from confidentiality."""
    if draft.admission is None:
        return []
    end = draft.end(today)
    count = weighted(rng, ((0, 25), (1, 35), (2, 25), (3, 15)))
    days = sorted(day_between(rng, draft.admission, end) for _ in range(count))
    rows = []
    for number, day in enumerate(days, start=1):
        field_of_action = rng.choice(draft.fields)
        r = ReferralResult
        if (today - day).days < 21 and draft.closing is None:
            result = weighted(rng, ((r.OFFEN, 60), (r.WARTELISTE, 20), (r.ANGENOMMEN, 20)))
        else:
            result = weighted(
                rng, ((r.ANGENOMMEN, 65), (r.WARTELISTE, 10), (r.ABGELEHNT, 15), (r.OFFEN, 10))
            )
        passes_on_data = rng.random() < 0.65
        referral = Referral.model_construct(
            referral_id=format_child_id(SheetName.REFERRALS, draft.case_id, number),
            case_id=draft.case_id,
            date=day,
            partner=rng.choice(REFERRAL_PARTNERS[field_of_action]),
            field_of_action=field_of_action,
            result=result,
            passes_on_data=passes_on_data,
            release_from_confidentiality=passes_on_data or rng.random() < 0.3,
            note=None,
        )
        rows.append(to_cells(referral))
    return rows
