"""Replay recorded real Sheets API traffic (vcrpy cassettes) against the stand-in and compare."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import requests

from .server import SheetsApiServer

SHEETS_HOST = "sheets.googleapis.com"
_SPREADSHEET_ID = re.compile(r"/(?:spreadsheets|files)/([^/:?]+)")


@dataclass(frozen=True)
class Interaction:
    """One recorded request and the real API's answer."""

    position: int
    method: str
    uri: str
    body: str | None
    status: int
    response: str

    @property
    def host(self) -> str:
        return urlsplit(self.uri).netloc

    @property
    def path(self) -> str:
        return urlsplit(self.uri).path

    @property
    def endpoint(self) -> str:
        """A short name of the API method, e.g. 'values.get' or 'drive.files.delete'."""
        path = self.path
        if self.host != SHEETS_HOST:
            return f"drive {self.method}"
        rest = re.sub(r"^/v4/spreadsheets/[^/:]+", "", path)
        if rest == "":
            return "spreadsheets.get"
        if rest == ":batchUpdate":
            return "spreadsheets.batchUpdate"
        if rest.startswith("/values:"):
            return "values." + rest.split(":", 1)[1]
        verb = rest.rpartition(":")[2] if rest.endswith((":append", ":clear")) else ""
        if verb:
            return f"values.{verb}"
        return "values.get" if self.method == "GET" else "values.update"


@dataclass
class Run:
    """Interactions of one recording run: everything that touched one spreadsheet id."""

    cassette: str
    spreadsheet_id: str
    created_empty: bool = False
    interactions: list[Interaction] = field(default_factory=list)


def load_runs(directory: Path) -> list[Run]:
    runs: list[Run] = []
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        by_id: dict[str, Run] = {}
        for position, raw in enumerate(data["interactions"]):
            request, response = raw["request"], raw["response"]
            interaction = Interaction(
                position,
                request["method"],
                request["uri"],
                request.get("body"),
                int(response["status"]["code"]),
                response["body"]["string"] or "",
            )
            spreadsheet_id, created = _owner(interaction)
            if spreadsheet_id is None:
                continue
            run = by_id.get(spreadsheet_id)
            if run is None:
                run = by_id[spreadsheet_id] = Run(path.name, spreadsheet_id, created)
                runs.append(run)
            run.interactions.append(interaction)
    return runs


def _owner(interaction: Interaction) -> tuple[str | None, bool]:
    """The spreadsheet id an interaction belongs to, and whether it created it empty."""
    if interaction.method == "POST" and interaction.path == "/drive/v3/files":
        body = json.loads(interaction.body or "{}")
        created = json.loads(interaction.response or "{}").get("id")
        empty = body.get("mimeType") == "application/vnd.google-apps.spreadsheet"
        return created, empty and interaction.status == 200
    match = _SPREADSHEET_ID.search(interaction.path)
    return (match.group(1) if match else None), False


# What the replay does with interactions it cannot send to the stand-in:
READ_ONLY_DRIVE = "drive read (no effect on the sheets)"
OUT_OF_BAND = "known effect applied to the model directly"
STOPPED = "not replayable: after an unmodelled change in the same run"
UNSEEDABLE = "not replayable: spreadsheet content unknown (not created empty in the recording)"
UNSUPPORTED_READ = "not replayable: read of an unmodelled feature (stand-in answered 501)"


@dataclass
class Mismatch:
    cassette: str
    position: int
    method: str
    uri: str
    expected_status: int
    actual_status: int
    expected: Any
    actual: Any


@dataclass
class Report:
    """Counts per endpoint and outcome, plus every mismatch."""

    outcomes: Counter[tuple[str, str]] = field(default_factory=Counter)
    mismatches: list[Mismatch] = field(default_factory=list)
    allowed: list[tuple[Mismatch, str]] = field(default_factory=list)

    def table(self) -> str:
        endpoints = sorted({endpoint for endpoint, _ in self.outcomes})
        columns = ["match", "mismatch", "allowed", OUT_OF_BAND, UNSUPPORTED_READ, STOPPED]
        columns += [UNSEEDABLE, READ_ONLY_DRIVE]
        short = [
            "match",
            "mismatch",
            "allowed",
            "applied",
            "501-read",
            "stopped",
            "unseeded",
            "drive",
        ]
        lines = [f"{'endpoint':<26}" + "".join(f"{s:>10}" for s in short) + f"{'rate':>9}"]
        for endpoint in endpoints:
            counts = [self.outcomes[(endpoint, c)] for c in columns]
            compared = counts[0] + counts[1] + counts[2]
            rate = f"{100 * (counts[0] + counts[2]) / compared:.1f}%" if compared else "-"
            lines.append(f"{endpoint:<26}" + "".join(f"{n:>10}" for n in counts) + f"{rate:>9}")
        lines.append("")
        lines.append("match: status and JSON body equal; allowed: listed in the allow-list;")
        lines.append("applied: " + OUT_OF_BAND + "; 501-read: " + UNSUPPORTED_READ)
        lines.append("stopped: " + STOPPED + "; unseeded: " + UNSEEDABLE)
        lines.append("drive: Drive API calls, not part of the stand-in")
        return "\n".join(lines)


Allowed = dict[tuple[str, int], str]


class Replayer:
    """Replays runs one by one against a fresh stand-in state."""

    def __init__(self, server: SheetsApiServer, allowed: Allowed):
        self.server = server
        self.allowed = allowed
        self.session = requests.Session()
        self.report = Report()

    def replay(self, run: Run) -> None:
        self.server.reset()
        if not self._seed(run):
            for interaction in run.interactions:
                self._count(interaction, UNSEEDABLE)
            return
        stopped = False
        for interaction in run.interactions:
            if stopped:
                self._count(interaction, STOPPED)
            elif interaction.host != SHEETS_HOST:
                stopped = self._drive(interaction, run)
            else:
                stopped = self._sheets(interaction, run)

    def _count(self, interaction: Interaction, outcome: str) -> None:
        endpoint = interaction.endpoint
        if outcome == READ_ONLY_DRIVE or interaction.host != SHEETS_HOST:
            outcome = READ_ONLY_DRIVE if outcome != STOPPED else outcome
        self.report.outcomes[(endpoint, outcome)] += 1

    def _seed(self, run: Run) -> bool:
        """Recreate the spreadsheet as the recording implies; False when that is unknowable."""
        sheets_calls = [i for i in run.interactions if i.host == SHEETS_HOST]
        if not sheets_calls:
            return True
        first = sheets_calls[0]
        if not run.created_empty:
            if first.status == 404:
                return True
            if first.status == 403:
                self.server.deny_access(run.spreadsheet_id)
                return True
            return False
        if first.endpoint != "spreadsheets.get" or first.status != 200:
            return False
        self.server.add_spreadsheet_from_metadata(json.loads(first.response))
        added = []
        for interaction in sheets_calls:
            if interaction.endpoint == "spreadsheets.batchUpdate" and interaction.status == 200:
                for reply in json.loads(interaction.response).get("replies", []):
                    if "addSheet" in reply:
                        added.append(int(reply["addSheet"]["properties"]["sheetId"]))
        self.server.queue_sheet_ids(added)
        return True

    def _drive(self, interaction: Interaction, run: Run) -> bool:
        if interaction.method == "GET" or interaction.path == "/drive/v3/files":
            self._count(interaction, READ_ONLY_DRIVE)
            return False
        if interaction.method == "DELETE":
            self.server.delete_spreadsheet(run.spreadsheet_id)
            self._count(interaction, READ_ONLY_DRIVE)
            return False
        if interaction.path.endswith("/copy"):
            self._count(interaction, READ_ONLY_DRIVE)
            return False
        self._count(interaction, STOPPED)
        return True

    def _send(self, interaction: Interaction) -> requests.Response:
        parts = urlsplit(interaction.uri)
        url = self.server.base_url + parts.path + (f"?{parts.query}" if parts.query else "")
        data = interaction.body.encode("utf-8") if interaction.body else None
        headers = {"Content-Type": "application/json"} if data else {}
        return self.session.request(interaction.method, url, data=data, headers=headers, timeout=10)

    def _sheets(self, interaction: Interaction, run: Run) -> bool:
        """Send one Sheets call; returns True when the run cannot go on."""
        response = self._send(interaction)
        if response.status_code == 501:
            self.server.unexpected_requests.clear()
            if interaction.method == "GET":
                self._count(interaction, UNSUPPORTED_READ)
                return False
            if interaction.status == 200 and self._apply_known_effect(interaction, run):
                self._count(interaction, OUT_OF_BAND)
                return False
            self._count(interaction, STOPPED)
            return True
        expected = json.loads(interaction.response) if interaction.response else None
        actual = response.json() if response.content else None
        if response.status_code == interaction.status and same_json(actual, expected):
            self._count(interaction, "match")
            return False
        mismatch = Mismatch(
            run.cassette,
            interaction.position,
            interaction.method,
            unquote(interaction.uri),
            interaction.status,
            response.status_code,
            expected,
            actual,
        )
        reason = self.allowed.get((run.cassette, interaction.position))
        if reason is not None:
            self.report.allowed.append((mismatch, reason))
            self._count(interaction, "allowed")
        else:
            self.report.mismatches.append(mismatch)
            self._count(interaction, "mismatch")
        return False

    def _apply_known_effect(self, interaction: Interaction, run: Run) -> bool:
        """Values clears and sheet deletions have a simple, certain effect on the model."""
        endpoint = interaction.endpoint
        if endpoint == "values.clear":
            range_text = unquote(interaction.path.split("/values/", 1)[1].rsplit(":", 1)[0])
            self.server.clear_values(run.spreadsheet_id, range_text)
            return True
        if endpoint == "values.batchClear":
            for range_text in json.loads(interaction.body or "{}").get("ranges", []):
                self.server.clear_values(run.spreadsheet_id, range_text)
            return True
        if endpoint == "spreadsheets.batchUpdate":
            requests_ = json.loads(interaction.body or "{}").get("requests", [])
            if requests_ and all(set(r) == {"deleteSheet"} for r in requests_):
                for request in requests_:
                    self.server.delete_sheet(
                        run.spreadsheet_id, int(request["deleteSheet"]["sheetId"])
                    )
                return True
        return False


def same_json(left: Any, right: Any) -> bool:
    """JSON equality that also tells 2 from 2.0 and true from 1, as the wire does."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return left.keys() == right.keys() and all(same_json(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(same_json, left, right))
    return bool(left == right)
