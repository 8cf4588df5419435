"""Which spreadsheet holds each town's cases: sources.toml, or the demo workbooks when there is none."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from casebook.services import TownSource
from casebook.storage.base import Store
from casebook.storage.xlsx import WorkbookStore
from sheets_schema.enums import Town

DEFAULT_CONFIG = Path("sources.toml")
DEFAULT_DATA_DIR = Path("data")


class ConfigError(Exception):
    """sources.toml is missing something or names an unknown town; the message says what, in German."""


@dataclass(frozen=True)
class SourceConfig:
    """One town's entry in sources.toml."""

    town: Town
    workbook: Path


@dataclass(frozen=True)
class AppConfig:
    sources: tuple[SourceConfig, ...]
    demo: bool  # True when no sources.toml exists and the demo workbooks are used


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
        town = _town(entry.get("name"), where)
        workbook = entry.get("workbook")
        if not isinstance(workbook, str) or not workbook.strip():
            raise ConfigError(f"{where} ({town.value}): Bitte „workbook = …“ mit dem Pfad angeben.")
        path = Path(workbook).expanduser()
        sources.append(
            SourceConfig(town=town, workbook=path if path.is_absolute() else base / path)
        )
    if not sources:
        raise ConfigError("sources.toml nennt keine Kommune ([[town]]-Einträge fehlen).")
    if len({s.town for s in sources}) != len(sources):
        raise ConfigError("sources.toml nennt eine Kommune mehrfach.")
    return tuple(sources)


def load_config() -> AppConfig:
    """sources.toml if it exists, else the five demo workbooks under the data folder."""
    path = config_path()
    if path.exists():
        return AppConfig(parse_config(path.read_text(encoding="utf-8"), path.parent), demo=False)
    folder = data_dir() / "demo"
    return AppConfig(tuple(SourceConfig(t, demo_workbook(folder, t)) for t in Town), demo=True)


def open_store(source: SourceConfig) -> Store:
    """The one place that picks a storage backend for a source."""
    return WorkbookStore(source.workbook)


def town_sources(config: AppConfig) -> list[TownSource]:
    return [TownSource(town=s.town, store=open_store(s)) for s in config.sources]
