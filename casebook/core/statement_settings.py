"""The per-installation parts of the accessibility statement: sources.toml's [accessibility] table."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

TABLE = "accessibility"
KEYS = ("contact_address", "contact_email", "contact_phone", "statement_date", "reviewed_on")
PLACEHOLDER_ADDRESS = (
    "Kreis Wesel, Kommunales Integrationszentrum – Kommunales Integrationsmanagement, "
    "Reeser Landstraße 31, 46483 Wesel"
)
# Plain addresses only: the e-mail becomes a mailto link in the statement.
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(r"\+?[0-9][0-9 ()/-]{4,30}")


class StatementSettingsError(ValueError):
    """A value in [accessibility] is not usable; the message says which and why, in German."""


@dataclass(frozen=True)
class StatementSettings:
    """What each installation must confirm before go-live; None where nothing is set yet."""

    contact_address: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    statement_date: date | None = None
    reviewed_on: date | None = None

    @property
    def unconfirmed(self) -> list[str]:
        """German names of the parts still shown with a placeholder (empty once all are set)."""
        missing = {
            "Anschrift": self.contact_address,
            "E-Mail-Adresse": self.contact_email,
            "Telefonnummer": self.contact_phone,
            "Datum der Erklärung": self.statement_date,
        }
        return [name for name, value in missing.items() if value is None]


def _where(key: str) -> str:
    return f"sources.toml, [{TABLE}] „{key}“"


def _text(table: Mapping[str, object], key: str) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise StatementSettingsError(
            f"{_where(key)}: Bitte einen Text in Anführungszeichen angeben."
        )
    return " ".join(value.split())


def _date(table: Mapping[str, object], key: str, today: date) -> date | None:
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = datetime.strptime(value.strip(), "%d.%m.%Y").date()
        except ValueError:
            raise StatementSettingsError(
                f"{_where(key)}: Bitte ein Datum im Format TT.MM.JJJJ oder JJJJ-MM-TT angeben "
                f"(gefunden: „{value}“)."
            ) from None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise StatementSettingsError(
            f"{_where(key)}: Bitte ein Datum ohne Uhrzeit angeben, z. B. 2026-12-03."
        )
    if value > today:
        raise StatementSettingsError(
            f"{_where(key)}: Das Datum {value:%d.%m.%Y} liegt in der Zukunft. Bitte das Datum "
            "angeben, an dem die Erklärung erstellt oder überprüft wurde."
        )
    return value


def parse_statement_settings(raw: object, today: date | None = None) -> StatementSettings:
    """Check the [accessibility] table (missing: all placeholders); raises StatementSettingsError."""
    today = date.today() if today is None else today
    if raw is None:
        return StatementSettings()
    if not isinstance(raw, Mapping):
        raise StatementSettingsError(f"sources.toml: [{TABLE}] muss eine Tabelle sein.")
    unknown = sorted(str(key) for key in raw if key not in KEYS)
    if unknown:
        raise StatementSettingsError(
            f"sources.toml, [{TABLE}]: unbekannter Eintrag „{unknown[0]}“. "
            f"Erlaubt: {', '.join(KEYS)}."
        )
    email = _text(raw, "contact_email")
    if email is not None and not _EMAIL.fullmatch(email):
        raise StatementSettingsError(
            f"{_where('contact_email')}: „{email}“ ist keine E-Mail-Adresse "
            "(Beispiel: barrierefreiheit@kommune.de)."
        )
    phone = _text(raw, "contact_phone")
    if phone is not None and not _PHONE.fullmatch(phone):
        raise StatementSettingsError(
            f"{_where('contact_phone')}: „{phone}“ ist keine Telefonnummer (Beispiel: 0281 207-0)."
        )
    settings = StatementSettings(
        contact_address=_text(raw, "contact_address"),
        contact_email=email,
        contact_phone=phone,
        statement_date=_date(raw, "statement_date", today),
        reviewed_on=_date(raw, "reviewed_on", today),
    )
    if settings.reviewed_on is not None and (
        settings.statement_date is None or settings.reviewed_on < settings.statement_date
    ):
        raise StatementSettingsError(
            f"{_where('reviewed_on')}: Die Überprüfung kann nicht vor der Erstellung der "
            "Erklärung liegen; bitte auch „statement_date“ angeben."
        )
    return settings
