"""How the fields of a case are grouped on its page; names refer to the schema's fields."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel

from sheets_schema import field_specs

Section = tuple[str, tuple[str, ...]]

CASE_SECTIONS: tuple[Section, ...] = (
    (
        "Fall",
        (
            "case_id",
            "town",
            "previous_case_id",
            "case_manager",
            "status",
            "phase",
            "access_route",
            "first_contact",
            "admission",
            "closing",
            "closing_reason",
        ),
    ),
    (
        "Person",
        (
            "last_name",
            "first_name",
            "birth_date",
            "gender",
            "street",
            "postcode",
            "city",
            "phone",
            "email",
        ),
    ),
    (
        "Aufenthalt & Sprache",
        (
            "nationalities",
            "entry_date",
            "residence_status",
            "residence_valid_until",
            "languages",
            "german_level",
            "needs_interpreter",
        ),
    ),
    (
        "Lebenslage",
        ("benefits", "household_size", "children_under_18", "housing", "fields_of_action"),
    ),
    (
        "Einwilligung & Wiedervorlage",
        ("consent_given", "consent_withdrawn", "follow_up", "remark", "changed_at", "changed_by"),
    ),
)


def single_section(model: type[BaseModel], *, with_system: bool) -> tuple[Section, ...]:
    """All fields of a model in sheet order as one untitled section (contacts, goals, referrals)."""
    names = tuple(spec.name for spec in field_specs(model) if with_system or not spec.system)
    return (("", names),)


def without_system(model: type[BaseModel], sections: Sequence[Section]) -> tuple[Section, ...]:
    """The sections with read-only fields left out (a new record has no ID or stamp yet)."""
    system = {spec.name for spec in field_specs(model) if spec.system}
    return tuple(
        (title, tuple(name for name in names if name not in system)) for title, names in sections
    )
