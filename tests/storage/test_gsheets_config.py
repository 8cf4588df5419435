"""sources.toml names Google Sheets by key; credentials come from secrets.toml or a key file."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from casebook.core.config import (
    CREDENTIALS_ENV,
    AppConfig,
    ConfigError,
    MissingCredentials,
    google_client,
    open_store,
    parse_config,
    service_account_info,
    town_sources,
)
from sheets_schema.enums import Town
from tests.storage.gsheets_helpers import kind, town_sheet
from tests.support.sheets_api import SheetsApiServer, make_gspread_client

KEY = "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcd"


def test_a_town_can_name_a_google_sheet_by_its_key(tmp_path: Path) -> None:
    text = f'[[town]]\nname = "Moers"\ngoogle_sheet = "{KEY}"\n\n'
    text += '[[town]]\nname = "Xanten"\nworkbook = "xanten.xlsx"\n'
    moers, xanten = parse_config(text, tmp_path)
    assert (moers.town, moers.google_sheet, moers.workbook_path) == (Town.MOERS, KEY, None)
    assert xanten.workbook == tmp_path / "xanten.xlsx"
    with pytest.raises(ConfigError):
        _ = moers.workbook


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (f'workbook = "a.xlsx"\ngoogle_sheet = "{KEY}"', "nicht beides"),
        ('google_sheet = "https://docs.google.com/spreadsheets/d/x/edit"', "Schlüssel"),
        ('google_sheet = ""', "Schlüssel"),
        ("", "google_sheet"),
    ],
)
def test_a_source_needs_exactly_one_workbook_or_google_sheet(
    tmp_path: Path, entry: str, expected: str
) -> None:
    with pytest.raises(ConfigError, match=expected):
        parse_config(f'[[town]]\nname = "Moers"\n{entry}\n', tmp_path)


def test_open_store_builds_a_google_sheet_store_that_reads_the_sheet(
    sheets_api: SheetsApiServer, tmp_path: Path
) -> None:
    key = town_sheet(sheets_api)
    sources = parse_config(
        f'[[town]]\nname = "Xanten"\ngoogle_sheet = "{key}"\n'
        '[[town]]\nname = "Wesel"\nworkbook = "wesel.xlsx"\n',
        tmp_path,
    )
    xanten, wesel = town_sources(
        AppConfig(sources, demo=False), lambda: make_gspread_client(sheets_api)
    )
    assert xanten.store.label == "Google-Tabelle Xanten"
    assert len(xanten.store.load().table("Fälle").rows) == 3
    assert [kind(r) for r in sheets_api.requests] == ["metadata", "batchGet"]
    assert wesel.store.label == "wesel.xlsx"
    open_store(sources[1])  # a workbook needs no Google credentials


@pytest.fixture
def no_credentials(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv(CREDENTIALS_ENV, raising=False)
    google_client.cache_clear()
    return tmp_path


def test_missing_credentials_say_where_to_put_them(no_credentials: Path) -> None:
    with pytest.raises(MissingCredentials) as missing:
        service_account_info()
    assert "[gcp_service_account]" in str(missing.value)
    assert ".streamlit/secrets.toml" in str(missing.value)
    assert CREDENTIALS_ENV in str(missing.value)


def test_credentials_come_from_the_secrets_table(no_credentials: Path) -> None:
    secrets = no_credentials / ".streamlit" / "secrets.toml"
    secrets.parent.mkdir()
    secrets.write_text(
        '[gcp_service_account]\ntype = "service_account"\nclient_email = "kim@x.iam.gserviceaccount.com"\n',
        encoding="utf-8",
    )
    info = service_account_info()
    assert isinstance(info, dict) and info["client_email"] == "kim@x.iam.gserviceaccount.com"


def test_credentials_come_from_the_key_file_the_environment_names(
    no_credentials: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file = no_credentials / "kim-key.json"
    monkeypatch.setenv(CREDENTIALS_ENV, str(key_file))
    with pytest.raises(MissingCredentials, match="gibt es nicht"):
        service_account_info()
    key_file.write_text("{}", encoding="utf-8")
    assert service_account_info() == key_file


def test_a_broken_key_is_a_config_error_in_german(
    no_credentials: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file = no_credentials / "kim-key.json"
    key_file.write_text('{"type": "service_account"}', encoding="utf-8")
    monkeypatch.setenv(CREDENTIALS_ENV, str(key_file))
    with pytest.raises(ConfigError, match="Zugangsdaten des Dienstkontos"):
        google_client()
    google_client.cache_clear()


def test_the_example_files_parse_and_hold_no_real_key() -> None:
    root = Path(__file__).resolve().parents[2]
    example = (root / "sources.example.toml").read_text(encoding="utf-8")
    assert [s.town for s in parse_config(example, root)] == [Town.XANTEN, Town.MOERS]
    secrets = tomllib.loads((root / ".streamlit/secrets.example.toml").read_text(encoding="utf-8"))
    assert "PASTE-THE-KEY" in secrets["gcp_service_account"]["private_key"]
