"""Commands `search` and `inspect`, and the grouped findings that `check` prints."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from casebook.cases.quality import findings_of, group_findings
from casebook.cli.sources import UnknownTown, open_source, source_store
from casebook.core.town_data import TownData, read_town
from casebook.onboarding.inspect import inspect_store
from casebook.onboarding.text import report_lines, suggested_mapping
from casebook.search.cases import build_index, matched_label
from casebook.storage.mapped import MappedStore
from sheets_schema.enums import Town


def check_lines(data: TownData) -> list[str]:
    """The findings of a town grouped by rule and column, one line each, and a summary."""
    lines = []
    groups = group_findings(findings_of(data))
    for group in groups:
        lines.append(f"== {group.severity.value}: {group.title} ({group.count}) ==")
        for finding in group.findings:
            problem = finding.problem
            lines.append(
                f"{problem.sheet}, Zeile {problem.row_number}, {problem.column}: "
                f"[{problem.severity}] {problem.message}"
            )
    for sheet in data.missing_sheets:
        lines.append(f"Arbeitsblatt fehlt: {sheet}")
    errors = sum(g.count for g in groups if g.severity.name == "ERROR")
    warnings = sum(g.count for g in groups) - errors
    rows = sum(len(r) for r in data.sheets.values())
    lines.append(f"{errors} Fehler, {warnings} Hinweise in {rows} Zeilen.")
    return lines


def _open(args: argparse.Namespace) -> tuple[Town, MappedStore]:
    try:
        return open_source(args.source, args.town)
    except UnknownTown as error:
        raise SystemExit(f"Kommune von {error.source} unbekannt: bitte --town angeben.") from error


def cmd_search(args: argparse.Namespace) -> int:
    town, store = _open(args)
    data = read_town(town, store.load(), date.today())
    hits = build_index(data).search(args.query, limit=args.limit)
    if not hits:
        print(f"Kein Fall passt zu „{args.query}“.")
        return 1
    for hit in hits:
        case = data.case(hit.key)
        name = ""
        if case is not None:
            record = case.record
            name = ", ".join(part for part in (record.last_name, record.first_name) if part)
        print(
            f"{hit.key}  {name}  {hit.score:.1f}  {matched_label(hit.matched)}: {hit.matched_text}"
        )
    return 0


def cmd_inspect(args: argparse.Namespace) -> int:
    report = inspect_store(source_store(args.source)[1])
    for line in report_lines(report):
        print(line)
    if args.mapping:
        print()
        print("Vorschlag für sources.toml (unter dem [[town]]-Eintrag):")
        print(suggested_mapping(report), end="")
    return 0


def add_tool_commands(commands: Any) -> None:
    """Register `search` and `inspect` on the parser's subcommands."""
    search = commands.add_parser("search", help="Fälle suchen: Name in jeder Schreibweise, ID, …")
    search.add_argument("source", help="Kommune aus sources.toml oder Pfad der Arbeitsmappe")
    search.add_argument("query", help="Name, Fall-ID, Telefon oder Geburtsdatum")
    search.add_argument("--limit", type=int, default=10, help="höchstens so viele Treffer")
    search.add_argument("--town", help="Kommune, falls nicht aus der Mappe erkennbar")
    search.set_defaults(run=cmd_search)
    inspect = commands.add_parser(
        "inspect", help="Eine vorhandene Tabelle vor der Nutzung prüfen (Spalten, Kopfzeile)"
    )
    inspect.add_argument("source", help="Kommune aus sources.toml oder Pfad der Arbeitsmappe")
    inspect.add_argument(
        "--mapping", action="store_true", help="einen Vorschlag für sources.toml ausgeben"
    )
    inspect.set_defaults(run=cmd_inspect)
