"""A rule violation found in a row: where it is, how bad it is, and the German message."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "Fehler"  # the app refuses to save
    WARNING = "Hinweis"  # shown, saving allowed


class ProblemCode(StrEnum):
    """Every kind of finding; the value is stable (tests and the quality page group by it)."""

    REQUIRED = "required"
    GERMAN_DATE = "german_date"
    DATE_AMBIGUOUS = "date_ambiguous"
    DATE_NOT_EXISTING = "date_not_existing"
    LIST_VALUE = "list_value"
    YES_NO = "yes_no"
    WHOLE_NUMBER = "whole_number"
    NUMBER_RANGE = "number_range"
    POSTCODE = "postcode"
    CASE_ID = "case_id"
    TEXT_TOO_LONG = "text_too_long"
    TEXT_INVALID = "text_invalid"
    DATE_ORDER = "date_order"
    DATE_IN_FUTURE = "date_in_future"
    CLOSED_NEEDS_DATE = "closed_needs_date"
    CLOSED_NEEDS_REASON = "closed_needs_reason"
    CLOSING_DATE_NEEDS_STATUS = "closing_date_needs_status"
    COUNT_BELOW_MINIMUM = "count_below_minimum"
    CHILDREN_VS_HOUSEHOLD = "children_vs_household"
    CONSENT_ORDER = "consent_order"
    REFERRAL_NEEDS_RELEASE = "referral_needs_release"
    UNKNOWN_CASE = "unknown_case"
    DUPLICATE_ID = "duplicate_id"
    CASE_ID_TOWN = "case_id_town"
    POSTCODE_TOWN = "postcode_town"
    MINOR = "minor"
    RESIDENCE_EXPIRES = "residence_expires"
    RESIDENCE_EXPIRED = "residence_expired"
    FOLLOW_UP_OVERDUE = "follow_up_overdue"
    GOAL_NOT_REVIEWED = "goal_not_reviewed"
    NO_CONSENT = "no_consent"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    POSSIBLE_DUPLICATE = "possible_duplicate"
    INVALID_VALUE = "invalid_value"


@dataclass(frozen=True)
class Problem:
    """One finding. `column` is the German header; `field` the model's Python name."""

    code: ProblemCode
    severity: Severity
    message: str
    field: str | None = None
    column: str | None = None
    sheet: str | None = None
    row_number: int | None = None
    record_id: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def located(self) -> str:
        """„Zeile 14, Spalte „Geburtsdatum“: …“ for lists and the command line."""
        parts = []
        if self.row_number is not None:
            parts.append(f"Zeile {self.row_number}")
        if self.column:
            parts.append(f"Spalte „{self.column}“")
        prefix = ", ".join(parts)
        return f"{prefix}: {self.message}" if prefix else self.message


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)
