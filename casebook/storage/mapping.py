"""How a town's own spreadsheet maps onto the schema: worksheet names, header rows, column headers."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

from sheets_schema import SHEETS, SheetName, field_specs

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def header_key(text: object) -> str:
    """A header as compared: no case, spaces or punctuation; „Geb.-Datum“ = „geb datum“."""
    folded = str(text or "").casefold().translate(_FOLD)
    return _NOT_ALNUM.sub("", folded)


def column_letter(position: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while position > 0:
        position, rest = divmod(position - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class MappingError(ValueError):
    """The mapping in sources.toml is not usable; the message says what, in German."""


class Recognition(StrEnum):
    """How a column of the sheet was recognised."""

    EXACT = "genau"  # the header is the schema's header
    VARIANT = "Variante"  # a common variant the schema knows ("Geb.-Datum")
    MAPPING = "Zuordnung"  # named in sources.toml
    IGNORED = "ignoriert"  # sources.toml says it is not the app's column
    DUPLICATE = "doppelt"  # another column already stands for the same schema column
    UNKNOWN = "unbekannt"  # the town's own column: kept, never written


RECOGNISED = frozenset({Recognition.EXACT, Recognition.VARIANT, Recognition.MAPPING})
_PRIORITY = {Recognition.MAPPING: 0, Recognition.EXACT: 1, Recognition.VARIANT: 2}


@dataclass(frozen=True)
class ColumnMatch:
    """One column of a worksheet and the schema column it stands for, if any."""

    position: int  # 1-based
    header: str  # as typed in the sheet (without surrounding spaces)
    recognition: Recognition
    schema_header: str | None

    @property
    def letter(self) -> str:
        return column_letter(self.position)

    @property
    def recognised(self) -> bool:
        return self.recognition in RECOGNISED


@cache
def _variant_index(sheet: SheetName) -> dict[str, str]:
    """header_key of every schema header and variant → the schema header (first one wins)."""
    index: dict[str, str] = {}
    for spec in field_specs(SHEETS[sheet].model):
        for text in (spec.header, *spec.variants):
            index.setdefault(header_key(text), spec.header)
    return index


@cache
def _schema_headers(sheet: SheetName) -> dict[str, str]:
    """Schema header and Python field name → schema header."""
    result: dict[str, str] = {}
    for spec in field_specs(SHEETS[sheet].model):
        result[spec.header] = spec.header
        result[spec.name] = spec.header
    return result


def _sheet_names(sheet: SheetName) -> set[str]:
    return {header_key(sheet.value), *(header_key(v) for v in SHEETS[sheet].variants)}


def detect_header_row(rows: Sequence[Sequence[object]], known: Collection[str]) -> int:
    """The row whose cells name the most known headers (header_key form); row 1 if none does."""
    best_row, best_count = 1, 0
    for number, row in enumerate(rows, start=1):
        count = len({key for key in (header_key(cell) for cell in row if cell) if key in known})
        if count > best_count:
            best_row, best_count = number, count
    return best_row


@dataclass(frozen=True)
class SourceMapping:
    """A source's own names: worksheet names, header rows and column headers (keys in header_key form)."""

    sheets: Mapping[str, SheetName] = field(default_factory=dict, hash=False)
    header_rows: Mapping[str, int] = field(default_factory=dict, hash=False)
    columns: Mapping[SheetName, Mapping[str, str | None]] = field(default_factory=dict, hash=False)

    def sheet_for(self, name: str) -> SheetName | None:
        """The schema worksheet a worksheet of the file stands for (by mapping, name or variant)."""
        key = header_key(name)
        if key in self.sheets:
            return self.sheets[key]
        for sheet in SheetName:
            if key == header_key(sheet.value):
                return sheet
        for sheet in SheetName:
            if key in _sheet_names(sheet):
                return sheet
        return None

    def resolve_sheets(self, names: Iterable[str]) -> dict[str, SheetName]:
        """Worksheets of the file → schema worksheet; of two claims, mapping beats name beats variant."""

        def rank(name: str, sheet: SheetName) -> int:
            key = header_key(name)
            if key in self.sheets:
                return 0
            return 1 if key == header_key(sheet.value) else 2

        claims = sorted(
            (
                (rank(name, sheet), index, name, sheet)
                for index, name in enumerate(names)
                if (sheet := self.sheet_for(name)) is not None
            ),
        )
        result: dict[str, SheetName] = {}
        for _, _, name, sheet in claims:
            if sheet not in result.values():
                result[name] = sheet
        return result

    def declared_header_row(self, name: str, sheet: SheetName | None) -> int | None:
        for key in (header_key(name), header_key(sheet.value) if sheet else None):
            if key and key in self.header_rows:
                return self.header_rows[key]
        return None

    def known_headers(self, sheet: SheetName) -> set[str]:
        return set(_variant_index(sheet)) | set(self.columns.get(sheet, {}))

    def locate_header(self, name: str, rows: Sequence[Sequence[object]]) -> int:
        """A HeaderLocator: the declared header row, else the row naming the most known headers."""
        sheet = self.sheet_for(name)
        declared = self.declared_header_row(name, sheet)
        if declared is not None:
            return declared
        if sheet is None:
            return 1
        return detect_header_row(rows, self.known_headers(sheet))

    def recognise(self, sheet: SheetName, headers: Sequence[str]) -> tuple[ColumnMatch, ...]:
        """How each column of a header row is recognised; one sheet column per schema column."""
        variants = _variant_index(sheet)
        exact = set(_schema_headers(sheet).values())
        mapped = self.columns.get(sheet, {})
        found: list[ColumnMatch] = []
        for position, header in enumerate(headers, start=1):
            if not header:
                continue
            key = header_key(header)
            if header in headers[: position - 1]:
                # The backend keeps only the first of two equally named columns.
                found.append(ColumnMatch(position, header, Recognition.DUPLICATE, None))
            elif key in mapped:
                target = mapped[key]
                kind = Recognition.MAPPING if target else Recognition.IGNORED
                found.append(ColumnMatch(position, header, kind, target))
            elif header in exact:
                found.append(ColumnMatch(position, header, Recognition.EXACT, header))
            elif key in variants:
                found.append(ColumnMatch(position, header, Recognition.VARIANT, variants[key]))
            else:
                found.append(ColumnMatch(position, header, Recognition.UNKNOWN, None))
        claims = sorted(
            (m for m in found if m.recognised), key=lambda m: (_PRIORITY[m.recognition], m.position)
        )
        taken: set[str] = set()
        losers: set[int] = set()
        for match in claims:
            assert match.schema_header is not None
            if match.schema_header in taken:
                losers.add(match.position)
            taken.add(match.schema_header)
        return tuple(
            ColumnMatch(m.position, m.header, Recognition.DUPLICATE, m.schema_header)
            if m.position in losers
            else m
            for m in found
        )


def _table(value: object, where: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise MappingError(f"{where}: Bitte als Tabelle angeben (Name = Wert).")
    return value


def _schema_sheet(name: str, sheets: Mapping[str, SheetName], where: str) -> SheetName:
    key = header_key(name)
    for sheet in SheetName:
        if key == header_key(sheet.value):
            return sheet
    if key in sheets:
        return sheets[key]
    allowed = ", ".join(f"„{s.value}“" for s in SheetName)
    raise MappingError(f"{where}: unbekanntes Arbeitsblatt „{name}“. Erlaubt: {allowed}.")


def _target(sheet: SheetName, value: object, where: str) -> str | None:
    if value == "":
        return None  # the town's own column that happens to look like one of ours
    if isinstance(value, str) and value.strip() in _schema_headers(sheet):
        return _schema_headers(sheet)[value.strip()]
    raise MappingError(
        f"{where}: „{value}“ ist keine Spalte von „{sheet.value}“. Bitte die Überschrift der "
        'App verwenden (z. B. „Geburtsdatum“) oder "" für eine eigene Spalte der Kommune.'
    )


def parse_mapping(raw: object, where: str = "mapping") -> SourceMapping:
    """The `mapping` table of a town in sources.toml (see docs/onboarding.md)."""
    if raw is None:
        return SourceMapping()
    document = _table(raw, where)
    unknown = set(document) - {"sheets", "header_rows", "columns"}
    if unknown:
        raise MappingError(
            f"{where}: unbekannter Eintrag „{sorted(unknown)[0]}“. Erlaubt: sheets, header_rows, "
            "columns."
        )
    sheets: dict[str, SheetName] = {}
    for name, target in _table(document.get("sheets", {}), f"{where}.sheets").items():
        sheets[header_key(name)] = _schema_sheet(str(target), {}, f"{where}.sheets „{name}“")
    header_rows: dict[str, int] = {}
    for name, row in _table(document.get("header_rows", {}), f"{where}.header_rows").items():
        if not isinstance(row, int) or isinstance(row, bool) or not 1 <= row <= 1000:
            raise MappingError(
                f"{where}.header_rows „{name}“: Bitte eine Zeilennummer ab 1 angeben "
                f"(gefunden: „{row}“)."
            )
        header_rows[header_key(name)] = row
    columns: dict[SheetName, dict[str, str | None]] = {}
    for name, table in _table(document.get("columns", {}), f"{where}.columns").items():
        sheet = _schema_sheet(name, sheets, f"{where}.columns")
        inner = _table(table, f"{where}.columns.„{name}“")
        targets = columns.setdefault(sheet, {})
        for header, target in inner.items():
            targets[header_key(header)] = _target(sheet, target, f"{where}.columns.„{name}“")
    return SourceMapping(sheets=sheets, header_rows=header_rows, columns=columns)
