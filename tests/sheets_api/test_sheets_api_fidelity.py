"""Replays recorded real Google Sheets API traffic against the stand-in and demands exact answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.sheets_api import SheetsApiServer
from tests.support.sheets_api.replay import Replayer, load_runs

REPO_ROOT = Path(__file__).resolve().parents[2]
# Vendored with their MIT licence (see cassettes/README.md): a fresh clone checks, never skips.
CASSETTES = Path(__file__).resolve().parent / "cassettes"
ARTIFACT = REPO_ROOT / "test-artifacts" / "sheets_api_fidelity.txt"

# (cassette file, interaction position) -> why the stand-in cannot match it. Keep it tiny.
ALLOWED_MISMATCHES: dict[tuple[str, int], str] = {}

# Floors so that a replay which silently stops comparing fails (measured: see the artifact).
MINIMUM_MATCHES = {
    "spreadsheets.get": 400,
    "spreadsheets.batchUpdate": 100,
    "values.get": 200,
    "values.batchGet": 4,
    "values.update": 120,
    "values.batchUpdate": 2,
    "values.append": 20,
}


@pytest.fixture(scope="module")
def replay_report() -> Replayer:
    runs = load_runs(CASSETTES)
    with SheetsApiServer() as server:
        replayer = Replayer(server, ALLOWED_MISMATCHES)
        for run in runs:
            replayer.replay(run)
    return replayer


def test_replayed_recordings_match_the_real_api_exactly(
    replay_report: Replayer, capsys: pytest.CaptureFixture[str]
) -> None:
    report = replay_report.report
    table = report.table()
    if report.allowed:
        table += "\n\nAllowed mismatches:\n" + "\n".join(
            f"  {m.cassette} #{m.position}: {reason}" for m, reason in report.allowed
        )
    ARTIFACT.parent.mkdir(exist_ok=True)
    ARTIFACT.write_text(table + "\n", encoding="utf-8")
    with capsys.disabled():
        print("\n" + table)
    details = [
        f"{m.cassette} #{m.position} {m.method} {m.uri}\n"
        f"  expected {m.expected_status} {json.dumps(m.expected, ensure_ascii=False)[:400]}\n"
        f"  actual   {m.actual_status} {json.dumps(m.actual, ensure_ascii=False)[:400]}"
        for m in report.mismatches[:10]
    ]
    assert not report.mismatches, "\n".join(details)


@pytest.mark.parametrize("endpoint", sorted(MINIMUM_MATCHES))
def test_every_implemented_endpoint_was_really_compared(
    replay_report: Replayer, endpoint: str
) -> None:
    matched = replay_report.report.outcomes[(endpoint, "match")]
    assert matched >= MINIMUM_MATCHES[endpoint]


def test_allow_list_entries_are_still_needed(replay_report: Replayer) -> None:
    used = {(m.cassette, m.position) for m, _ in replay_report.report.allowed}
    assert used == set(ALLOWED_MISMATCHES)
