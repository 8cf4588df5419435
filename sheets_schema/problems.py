"""A rule violation found in a row: where it is, how bad it is, and the German message."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "Fehler"  # the app refuses to save
    WARNING = "Hinweis"  # shown, saving allowed


@dataclass(frozen=True)
class Problem:
    """One finding. `column` is the German header; `field` the model's Python name."""

    code: str
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
