"""The SOURCE of a command: a town of sources.toml (with its mapping) or the path of a workbook."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from casebook.core.config import SourceConfig, load_config, open_store
from casebook.storage.mapped import MappedStore
from casebook.storage.mapping import SourceMapping
from casebook.storage.xlsx.store import WorkbookStore
from sheets_schema import Case, SheetName, header_of
from sheets_schema.enums import Town


class UnknownTown(Exception):
    """The town of a workbook is neither given, configured nor named in its rows."""

    def __init__(self, source: str) -> None:
        super().__init__(source)
        self.source = source


def _named_town(text: str) -> Town | None:
    wanted = text.strip()
    for town in Town:
        if town.value.casefold() == wanted.casefold() or town.code == wanted.upper():
            return town
    return None


def _configured(source: str) -> SourceConfig | None:
    town = _named_town(source)
    path = Path(source)
    for config in load_config().sources:
        if town is not None and config.town is town:
            return config
        if config.workbook_path is not None and config.workbook_path.resolve() == path.resolve():
            return config
    return None


def _guess_town(store: MappedStore) -> Town | None:
    table = store.load().table(SheetName.CASES)
    names = Counter(str(row.cells.get(header_of(Case, "town"), "")).strip() for row in table.rows)
    for name, _ in names.most_common():
        town = _named_town(name)
        if town is not None:
            return town
    return None


def source_store(source: str) -> tuple[Town | None, MappedStore]:
    """The store of SOURCE, and its town if configured: a configured town or workbook keeps its
    mapping; any other workbook is read with the schema's header variants and a detected header
    row."""
    config = _configured(source)
    if config is not None:
        opened = open_store(config)
        return config.town, opened if isinstance(opened, MappedStore) else MappedStore(opened)
    mapping = SourceMapping()
    inner = WorkbookStore(Path(source), header_locator=mapping.locate_header)
    return None, MappedStore(inner, mapping)


def open_source(source: str, town: str | None = None) -> tuple[Town, MappedStore]:
    """The town (`town`, else configured, else named in the rows) and store of SOURCE."""
    configured, store = source_store(source)
    found = (_named_town(town) if town else None) or configured or _guess_town(store)
    if found is None:
        raise UnknownTown(source)
    return found, store
