"""`python -m casebook report`: the quarterly report of some workbooks as .xlsx or a zip of CSVs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from casebook.core.actors import Actor, Role
from casebook.core.sources import TownSource
from casebook.stats.period import InvalidPeriod, Period, parse_quarter, year
from casebook.stats.report_files import report_csv_zip, report_xlsx
from casebook.stats.reporting import quarterly_report
from casebook.storage.xlsx.store import WorkbookStore
from sheets_schema.enums import Town

CLI_USER = "Kommandozeile"
ROLES = {"koordination": Role.COORDINATION, "fallmanagement": Role.CASE_MANAGEMENT}
WRITERS = {".xlsx": report_xlsx, ".zip": report_csv_zip}

TownOf = Callable[[Path, str | None], Town]


def _period(args: argparse.Namespace) -> Period:
    if args.year is not None:
        return year(args.year)
    return parse_quarter(args.quarter)


def run_report(args: argparse.Namespace, town_of: TownOf, today: date | None = None) -> int:
    today = today or date.today()
    out = Path(args.out)
    writer = WRITERS.get(out.suffix.lower())
    if writer is None:
        print("Fehler: --out muss auf .xlsx oder .zip (CSV-Dateien) enden.", file=sys.stderr)
        return 2
    try:
        period = _period(args)
    except InvalidPeriod as error:
        print(f"Fehler: {error}.", file=sys.stderr)
        return 2
    sources: dict[Town, TownSource] = {}
    for name in args.source:
        path = Path(name)
        town = town_of(path, None)
        if town in sources:
            print(f"Fehler: {town.value} ist doppelt angegeben ({path}).", file=sys.stderr)
            return 2
        sources[town] = TownSource(town=town, store=WorkbookStore(path))
    actor = Actor(CLI_USER, ROLES[args.role], frozenset(sources))
    report = quarterly_report(list(sources.values()), actor, period, today)
    out.write_bytes(writer(report))
    print(f"geschrieben: {out} ({report.title}; {report.audience})")
    return 0


def add_report_command(commands: Any, town_of: TownOf) -> None:
    """Register `report` with the CLI's subcommands; `town_of` tells a workbook's town."""
    report = commands.add_parser(
        "report", help="Quartalsbericht als .xlsx oder ZIP mit CSV-Dateien schreiben"
    )
    report.add_argument("source", nargs="+", help="Arbeitsmappen (.xlsx), eine je Kommune")
    when = report.add_mutually_exclusive_group(required=True)
    when.add_argument("--quarter", help="Quartal, z. B. 2026Q3")
    when.add_argument("--year", type=int, help="Kalenderjahr, z. B. 2026")
    report.add_argument("--out", required=True, help="Zieldatei: bericht.xlsx oder bericht.zip")
    report.add_argument(
        "--role",
        choices=sorted(ROLES),
        default="koordination",
        help="Sicht: koordination (Anzahlen leicht verändert, Standard) oder fallmanagement",
    )
    report.set_defaults(run=lambda args: run_report(args, town_of))
