"""The command line for administrators: `python -m casebook demo|check|search|inspect …`."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from casebook.cli.provision import add_provision_command
from casebook.cli.record import add_record_command
from casebook.cli.report import add_report_command
from casebook.cli.sources import UnknownTown, open_source
from casebook.cli.tools import add_tool_commands, check_lines
from casebook.cli.users import add_user_commands
from casebook.core.accounts import UsersFileError
from casebook.core.config import ConfigError, load_config
from casebook.core.errors import CasebookError
from casebook.core.town_data import read_town
from casebook.messages import command_line_message
from casebook.storage.base import StorageError
from casebook.storage.xlsx.store import WorkbookStore
from sheets_schema import Case, SheetName, header_of
from sheets_schema.enums import Town


def _town_of(path: Path, given: str | None) -> Town:
    """The town a workbook belongs to: --town, else sources.toml, else the Kommune most rows name."""
    if given:
        return next(
            t for t in Town if t.value.casefold() == given.casefold() or t.code == given.upper()
        )
    for source in load_config().sources:
        if source.workbook_path is not None and source.workbook_path.resolve() == path.resolve():
            return source.town
    table = WorkbookStore(path).load().table(SheetName.CASES)
    names = Counter(str(row.cells.get(header_of(Case, "town"), "")).strip() for row in table.rows)
    for name, _ in names.most_common():
        for town in Town:
            if town.value.casefold() == name.casefold():
                return town
    raise SystemExit(f"Kommune von {path} unbekannt: bitte --town angeben.")


def cmd_demo(args: argparse.Namespace) -> int:
    from casebook.demo.workbooks import write_demo

    written = write_demo(Path(args.folder), cases_per_town=args.cases)
    for path in written:
        print(f"geschrieben: {path}")
    if not written:
        print("Alle Demo-Arbeitsmappen sind schon da; nichts überschrieben.")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    path = Path(args.source)
    try:
        # A configured source is read through its mapping, like the app reads it.
        town, store = open_source(args.source, args.town)
        data = read_town(town, store.load(), date.today())
    except UnknownTown as error:
        raise SystemExit(f"Kommune von {path} unbekannt: bitte --town angeben.") from error
    for line in check_lines(data):
        print(line)
    errors = sum(p.is_error for p in data.all_problems())
    return 1 if errors or data.missing_sheets else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m casebook", description="KIM-Fallverwaltung: Werkzeuge"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="Demo-Arbeitsmappen mit erfundenen Fällen schreiben")
    demo.add_argument("folder", help="Ordner für die Arbeitsmappen (vorhandene bleiben unberührt)")
    demo.add_argument("--cases", type=int, default=300, help="Fälle je Kommune (Standard: 300)")
    demo.set_defaults(run=cmd_demo)
    check = commands.add_parser("check", help="Eine Arbeitsmappe prüfen; Exit-Code 1 bei Fehlern")
    check.add_argument("source", help="Pfad der Arbeitsmappe (.xlsx) oder Kommune aus sources.toml")
    check.add_argument("--town", help="Kommune, falls nicht aus der Mappe erkennbar")
    check.set_defaults(run=cmd_check)
    add_tool_commands(commands)
    add_report_command(commands, _town_of)
    add_user_commands(commands)
    add_provision_command(commands)
    add_record_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except (CasebookError, StorageError, ConfigError, UsersFileError) as error:
        # The same German sentence, with its next step, that the app shows for this error.
        print(f"Fehler: {command_line_message(error)}", file=sys.stderr)
        return 2
