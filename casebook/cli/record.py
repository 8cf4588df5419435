"""Command `verzeichnis`: print or write the Verzeichnis von Verarbeitungstätigkeiten (Art. 30)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casebook.privacy.processing_record import processing_record


def cmd_record(args: argparse.Namespace) -> int:
    text = processing_record()
    if args.out is None:
        print(text, end="")
        return 0
    path = Path(args.out)
    path.write_text(text, encoding="utf-8")
    print(f"geschrieben: {path}")
    return 0


def add_record_command(commands: Any) -> None:
    record = commands.add_parser(
        "verzeichnis",
        help="Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO) aus dem Schema erzeugen",
    )
    record.add_argument("--out", help="Markdown-Datei, die geschrieben wird (sonst Ausgabe)")
    record.set_defaults(run=cmd_record)
