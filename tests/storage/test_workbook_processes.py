"""Several processes and hard crashes: every save lands or fails whole, and the file always opens."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from casebook.cases.services import load_town
from sheets_schema import SheetName
from tests.support.builders import TODAY, case_manager, make_case, town_workbook, workbook_source

ROOT = Path(__file__).resolve().parents[2]


def start_worker(
    path: Path, case_id: str, count: int, tag: str, barrier: Path | None = None
) -> subprocess.Popen[str]:
    args = [sys.executable, "-m", "tests.support.save_worker", str(path), case_id, str(count), tag]
    return subprocess.Popen(
        [*args, *([str(barrier)] if barrier else [])],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def city_of(path: Path, case_id: str) -> str | None:
    row = load_town(workbook_source(path), case_manager(), TODAY).case(case_id)
    assert row is not None
    return row.record.city


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return town_workbook(
        tmp_path / "xanten.xlsx", [make_case(n, city="Start") for n in range(1, 6)]
    )


@pytest.mark.slow
def test_four_processes_saving_25_different_cases_each_all_land(workbook: Path) -> None:
    workers = {n: start_worker(workbook, f"KIM-XAN-2026-000{n}", 25, f"P{n}") for n in (1, 2, 3, 4)}
    for n, worker in workers.items():
        out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
        assert out.splitlines() == [f"ok P{n}-{i}" for i in range(25)]
    for n in workers:
        assert city_of(workbook, f"KIM-XAN-2026-000{n}") == f"P{n}-24"
    audit = load_town(workbook_source(workbook), case_manager(), TODAY).rows(SheetName.AUDIT)
    assert len(audit) == 100
    assert city_of(workbook, "KIM-XAN-2026-0005") == "Start"


def test_processes_saving_the_same_version_of_a_case_exactly_one_wins(
    workbook: Path, tmp_path: Path
) -> None:
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    workers = [start_worker(workbook, "KIM-XAN-2026-0003", 1, f"Q{n}", barrier) for n in range(4)]
    deadline = time.monotonic() + 60
    while len(list(barrier.glob("ready-*"))) < len(workers):
        assert time.monotonic() < deadline, "workers did not get ready"
        time.sleep(0.01)
    (barrier / "go").touch()
    lines = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        lines += out.splitlines()
    winners = [line.split()[1] for line in lines if line.startswith("ok")]
    assert len(winners) == 1
    assert lines.count("conflict") == len(workers) - 1
    assert city_of(workbook, "KIM-XAN-2026-0003") == winners[0]
    audit = load_town(workbook_source(workbook), case_manager(), TODAY).rows(SheetName.AUDIT)
    assert [entry.record.new for entry in audit] == winners


@pytest.mark.slow
def test_a_writer_killed_from_outside_leaves_the_old_or_the_new_file(workbook: Path) -> None:
    rng = random.Random(7)
    written: set[str] = {"Start"}
    # A save can be killed after the rename but before it printed "ok", so any value a killed
    # worker may have been writing, in this round or an earlier one, is a complete save.
    started: set[str] = set()
    for round_number in range(6):
        worker = start_worker(workbook, "KIM-XAN-2026-0004", 50, f"K{round_number}")
        time.sleep(rng.uniform(0.5, 1.5))
        worker.send_signal(signal.SIGKILL)
        out, _ = worker.communicate()
        written |= {line.split()[1] for line in out.splitlines() if line.startswith("ok")}
        started |= {f"K{round_number}-{i}" for i in range(50)}

        openpyxl.load_workbook(workbook)  # opens, or raises
        CalamineWorkbook.from_path(str(workbook)).get_sheet_by_name("Fälle").to_python()
        assert city_of(workbook, "KIM-XAN-2026-0004") in written | started
        assert city_of(workbook, "KIM-XAN-2026-0001") == "Start"
    # A killed save may leave its temp file; the next save clears it away.
    start_worker(workbook, "KIM-XAN-2026-0004", 1, "last").communicate(timeout=60)
    assert [p.name for p in workbook.parent.iterdir() if p.name.endswith(".tmp")] == []
