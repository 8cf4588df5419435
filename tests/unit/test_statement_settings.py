"""The accessibility statement's contact and dates come from sources.toml, checked in German."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

import pytest

from casebook.core.config import ConfigError, load_config
from casebook.core.statement_settings import (
    StatementSettings,
    StatementSettingsError,
    parse_statement_settings,
)

TODAY = date(2026, 12, 3)
COMPLETE = """
[accessibility]
contact_address = "Stadt Moers, Fachdienst Integration, Rathausplatz 1, 47441 Moers"
contact_email = "barrierefreiheit@moers.example"
contact_phone = "02841 201-0"
statement_date = 2026-11-30
reviewed_on = "01.12.2026"
"""


def settings_of(toml: str) -> StatementSettings:
    return parse_statement_settings(tomllib.loads(toml).get("accessibility"), today=TODAY)


def test_without_the_table_every_part_is_an_unconfirmed_placeholder() -> None:
    settings = settings_of("")
    assert settings == StatementSettings()
    assert settings.unconfirmed == [
        "Anschrift",
        "E-Mail-Adresse",
        "Telefonnummer",
        "Datum der Erklärung",
    ]


def test_a_complete_table_leaves_nothing_unconfirmed() -> None:
    settings = settings_of(COMPLETE)
    assert settings.unconfirmed == []
    assert settings.contact_email == "barrierefreiheit@moers.example"
    assert settings.statement_date == date(2026, 11, 30)
    assert settings.reviewed_on == date(2026, 12, 1)  # German date text reads as well


def test_only_what_is_missing_stays_flagged() -> None:
    settings = settings_of('[accessibility]\ncontact_email = "kim@wesel.example"\n')
    assert settings.unconfirmed == ["Anschrift", "Telefonnummer", "Datum der Erklärung"]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('contact_email = "kim at wesel"', "„kim at wesel“ ist keine E-Mail-Adresse"),
        ('contact_email = "a@b.de)(javascript:x"', "ist keine E-Mail-Adresse"),
        ('contact_phone = "bitte anrufen"', "„bitte anrufen“ ist keine Telefonnummer"),
        ('contact_address = "  "', "Bitte einen Text in Anführungszeichen angeben"),
        ("contact_address = 47441", "Bitte einen Text in Anführungszeichen angeben"),
        ('statement_date = "31.02.2026"', "Format TT.MM.JJJJ oder JJJJ-MM-TT"),
        ("statement_date = 2026-12-04", "liegt in der Zukunft"),
        ("statement_date = 2026-11-30T10:00:00", "ohne Uhrzeit"),
        ("reviewed_on = 2026-12-01", "nicht vor der Erstellung"),
        ("statement_date = 2026-12-01\nreviewed_on = 2026-11-01", "nicht vor der Erstellung"),
        ('contact_mail = "kim@wesel.example"', "unbekannter Eintrag „contact_mail“"),
    ],
)
def test_a_bad_value_is_refused_with_a_german_message(table: str, message: str) -> None:
    with pytest.raises(StatementSettingsError, match=message):
        settings_of(f"[accessibility]\n{table}\n")


def test_the_app_config_carries_the_settings_and_refuses_bad_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = tmp_path / "sources.toml"
    town = '[[town]]\nname = "Moers"\nworkbook = "moers.xlsx"\n'
    monkeypatch.setenv("KIM_SOURCES", str(sources))
    sources.write_text(town + '[accessibility]\ncontact_phone = "02841 201-0"\n', encoding="utf-8")
    assert load_config().statement.contact_phone == "02841 201-0"
    sources.write_text(town + '[accessibility]\ncontact_phone = "?"\n', encoding="utf-8")
    with pytest.raises(
        ConfigError, match=re.escape("sources.toml, [accessibility] „contact_phone“")
    ):
        load_config()
