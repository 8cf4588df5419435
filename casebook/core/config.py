"""Which spreadsheet holds each town's cases: sources.toml, or the demo workbooks when there is none."""

from __future__ import annotations

import functools
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import gspread

from casebook.core.sources import TownSource
from casebook.core.statement_settings import (
    StatementSettings,
    StatementSettingsError,
    parse_statement_settings,
)
from casebook.storage.base import Store
from casebook.storage.gsheets.store import GoogleSheetStore
from casebook.storage.mapped import MappedStore
from casebook.storage.mapping import MappingError, SourceMapping, parse_mapping
from casebook.storage.xlsx.store import WorkbookStore
from sheets_schema.enums import Town

DEFAULT_CONFIG = Path("sources.toml")
DEFAULT_DATA_DIR = Path("data")
SECRETS_FILES = (Path(".streamlit/secrets.toml"), Path("~/.streamlit/secrets.toml"))
SECRETS_TABLE = "gcp_service_account"
CREDENTIALS_ENV = "GOOGLE_APPLICATION_CREDENTIALS"

GoogleClientFactory = Callable[[], gspread.Client]


class ConfigError(Exception):
    """sources.toml is missing something or names an unknown town; the message says what, in German."""


@dataclass(frozen=True)
class SourceConfig:
    """One town's entry in sources.toml: a workbook path or a Google Sheet's key."""

    town: Town
    workbook_path: Path | None = None
    google_sheet: str | None = None
    # The town's own worksheet names, header rows and headers (docs/onboarding.md).
    mapping: SourceMapping = field(default_factory=SourceMapping, compare=False)

    @property
    def workbook(self) -> Path:
        """The workbook's path; a Google Sheet source has none."""
        if self.workbook_path is None:
            raise ConfigError(
                f"{self.town.value} liest aus einer Google-Tabelle, nicht aus einer Datei."
            )
        return self.workbook_path

    @property
    def label(self) -> str:
        """How messages name the source."""
        if self.google_sheet is not None:
            return f"Google-Tabelle {self.town.value}"
        return self.workbook.name


@dataclass(frozen=True)
class AppConfig:
    sources: tuple[SourceConfig, ...]
    demo: bool  # True when no sources.toml exists and the demo workbooks are used
    # Whether the password-free demo picker may open these sources: always for the demo workbooks;
    # for real sources only when sources.toml says `demo_login = true` (training on invented data).
    allow_demo_login: bool = True
    # Contact and dates of the accessibility statement; placeholders (flagged) until set.
    statement: StatementSettings = field(default_factory=StatementSettings)


def data_dir() -> Path:
    return Path(os.environ.get("KIM_DATA_DIR", DEFAULT_DATA_DIR))


def config_path() -> Path:
    return Path(os.environ.get("KIM_SOURCES", DEFAULT_CONFIG))


def demo_workbook(folder: Path, town: Town) -> Path:
    return folder / f"kim-{town.code.lower()}.xlsx"


def _town(name: object, where: str) -> Town:
    for town in Town:
        if isinstance(name, str) and name.strip().casefold() == town.value.casefold():
            return town
    allowed = ", ".join(t.value for t in Town)
    raise ConfigError(f"{where}: unbekannte Kommune „{name}“. Erlaubt: {allowed}.")


def parse_config(text: str, base: Path) -> tuple[SourceConfig, ...]:
    """Read sources.toml; relative workbook paths are relative to the file's folder."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"sources.toml ist keine gültige TOML-Datei: {error}") from error
    sources = []
    for number, entry in enumerate(document.get("town", []), start=1):
        where = f"sources.toml, Eintrag {number}"
        sources.append(_with_mapping(_source(entry, where, base), entry.get("mapping"), where))
    if not sources:
        raise ConfigError("sources.toml nennt keine Kommune ([[town]]-Einträge fehlen).")
    if len({s.town for s in sources}) != len(sources):
        raise ConfigError("sources.toml nennt eine Kommune mehrfach.")
    return tuple(sources)


def _statement(text: str) -> StatementSettings:
    try:
        return parse_statement_settings(tomllib.loads(text).get("accessibility"))
    except StatementSettingsError as error:
        raise ConfigError(str(error)) from error


def _demo_login(text: str) -> bool:
    value = tomllib.loads(text).get("demo_login", False)
    if not isinstance(value, bool):
        raise ConfigError("sources.toml: „demo_login“ muss true oder false sein.")
    return value


DEMO_LOGIN_REFUSED = (
    "Für echte Tabellen (sources.toml) ist eine Anmeldung nötig, der Demo-Modus gilt nur für "
    "die Demodaten. Bitte legen Sie Konten an (python -m casebook user add NAME --role "
    "fallmanagement --town KOMMUNE) oder richten Sie die Anmeldung der Kommune ([auth] in "
    ".streamlit/secrets.toml) ein."
)


def _source(entry: Mapping[str, Any], where: str, base: Path) -> SourceConfig:
    town = _town(entry.get("name"), where)
    workbook, sheet = entry.get("workbook"), entry.get("google_sheet")
    if workbook is not None and sheet is not None:
        raise ConfigError(
            f"{where} ({town.value}): Bitte entweder „workbook = …“ oder „google_sheet = …“ "
            "angeben, nicht beides."
        )
    if sheet is not None:
        if not isinstance(sheet, str) or not sheet.strip() or "/" in sheet:
            raise ConfigError(
                f"{where} ({town.value}): „google_sheet“ braucht den Schlüssel der Tabelle, "
                "d. h. den Teil der Adresse zwischen „/d/“ und „/edit“."
            )
        return SourceConfig(town=town, google_sheet=sheet.strip())
    if not isinstance(workbook, str) or not workbook.strip():
        raise ConfigError(
            f"{where} ({town.value}): Bitte „workbook = …“ mit dem Pfad oder "
            "„google_sheet = …“ mit dem Schlüssel der Google-Tabelle angeben."
        )
    path = Path(workbook).expanduser()
    return SourceConfig(town=town, workbook_path=path if path.is_absolute() else base / path)


def _with_mapping(source: SourceConfig, raw: object, where: str) -> SourceConfig:
    try:
        return replace(
            source, mapping=parse_mapping(raw, f"{where} ({source.town.value}), mapping")
        )
    except MappingError as error:
        raise ConfigError(str(error)) from error


class MissingCredentials(ConfigError):
    """A Google Sheet is configured, but no service-account key was found."""


_MISSING_CREDENTIALS = (
    "Für Google-Tabellen fehlen die Zugangsdaten des Dienstkontos. Bitte tragen Sie den "
    f"Abschnitt [{SECRETS_TABLE}] in .streamlit/secrets.toml ein oder setzen Sie die "
    f"Umgebungsvariable {CREDENTIALS_ENV} auf den Pfad der JSON-Schlüsseldatei "
    "(siehe docs/google-sheets.md)."
)


def service_account_info() -> dict[str, Any] | Path:
    """The service account's key: the [gcp_service_account] table of .streamlit/secrets.toml
    (in the working folder, else the home folder), else the JSON file named by
    GOOGLE_APPLICATION_CREDENTIALS."""
    for candidate in SECRETS_FILES:
        path = candidate.expanduser()
        if not path.is_file():
            continue
        try:
            secrets = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise ConfigError(f"{path} ist keine lesbare TOML-Datei: {error}") from error
        table = secrets.get(SECRETS_TABLE)
        if isinstance(table, dict) and table:
            return dict(table)
    named = os.environ.get(CREDENTIALS_ENV, "").strip()
    if named:
        path = Path(named).expanduser()
        if not path.is_file():
            raise MissingCredentials(
                f"{CREDENTIALS_ENV} zeigt auf „{path}“, aber diese Datei gibt es nicht."
            )
        return path
    raise MissingCredentials(_MISSING_CREDENTIALS)


@functools.cache
def google_client() -> gspread.Client:
    """One gspread client for all Google Sheets (one service account); no request is made yet."""
    info = service_account_info()
    try:
        if isinstance(info, Path):
            return gspread.service_account(filename=info)
        return gspread.service_account_from_dict(info)
    except (ValueError, KeyError, OSError) as error:
        raise ConfigError(
            f"Die Zugangsdaten des Dienstkontos sind unvollständig oder beschädigt ({error}). "
            "Bitte laden Sie die JSON-Schlüsseldatei in der Google Cloud Console neu herunter."
        ) from error


def load_config() -> AppConfig:
    """sources.toml if it exists, else the five demo workbooks under the data folder."""
    path = config_path()
    if path.exists():
        text = path.read_text(encoding="utf-8")
        return AppConfig(
            parse_config(text, path.parent),
            demo=False,
            allow_demo_login=_demo_login(text),
            statement=_statement(text),
        )
    folder = data_dir() / "demo"
    return AppConfig(tuple(SourceConfig(t, demo_workbook(folder, t)) for t in Town), demo=True)


def open_store(source: SourceConfig, google: GoogleClientFactory = google_client) -> Store:
    """The one place that picks a storage backend for a source, seen through its mapping."""
    inner: Store
    if source.google_sheet is not None:
        inner = GoogleSheetStore(
            google(),
            source.google_sheet,
            label=source.label,
            header_locator=source.mapping.locate_header,
        )
    else:
        inner = WorkbookStore(source.workbook, header_locator=source.mapping.locate_header)
    return MappedStore(inner, source.mapping)


def town_sources(
    config: AppConfig, google: GoogleClientFactory = google_client
) -> list[TownSource]:
    return [TownSource(town=s.town, store=open_store(s, google)) for s in config.sources]
