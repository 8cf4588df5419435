"""`python -m casebook provision SOURCE`: prepare a workbook or Google Sheet for the app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from casebook.core.config import GoogleClientFactory, google_client
from casebook.messages import command_line_message
from casebook.storage.base import StorageError
from casebook.storage.gsheets.provision import provision_google_sheet
from casebook.storage.xlsx.provision import provision_workbook

GSHEET_PREFIX = "gsheet:"


def provision(source: str, google: GoogleClientFactory = google_client) -> int:
    """Prepare SOURCE (a .xlsx path or gsheet:<key>), print what changed; exit code."""
    try:
        if source.startswith(GSHEET_PREFIX):
            key = source[len(GSHEET_PREFIX) :].strip()
            lines = provision_google_sheet(google(), key)
            backup = None
        else:
            done = provision_workbook(Path(source))
            lines, backup = done.lines, done.backup
    except StorageError as error:
        print(
            f"Fehler: {source} kann nicht vorbereitet werden. {command_line_message(error)}",
            file=sys.stderr,
        )
        return 2
    if backup is not None:
        print(f"Sicherungskopie vorher geschrieben: {backup}")
    for line in lines:
        print(line)
    if not lines:
        print(f"{source} ist schon vorbereitet; nichts geändert.")
    return 0


def _run(args: argparse.Namespace) -> int:
    return provision(args.source)


def add_provision_command(commands: Any) -> None:
    """Register the subcommand on the CLI's subparsers."""
    command = commands.add_parser(
        "provision",
        help="Arbeitsmappe oder Google-Tabelle für die App vorbereiten (Daten bleiben unberührt)",
    )
    command.add_argument(
        "source", help="Pfad einer Arbeitsmappe (.xlsx) oder gsheet:<Schlüssel der Google-Tabelle>"
    )
    command.set_defaults(run=_run)
