"""A separate process that saves one case again and again.

Run as `python -m tests.support.save_worker PATH ID N TAG [BARRIER_DIR]`. Prints one line per
attempt: "ok <value>" or "conflict". With BARRIER_DIR, the worker loads the case once, says
"ready" by creating a file there, waits for a file "go", then saves N times from that one load —
so several workers save the same version at the same moment.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from casebook.cases.services import load_town, save_record
from casebook.core.errors import RecordConflict
from tests.support.builders import TODAY, case_manager, workbook_source


def _wait_for_go(barrier: Path, tag: str) -> None:
    (barrier / f"ready-{tag}").touch()
    deadline = time.monotonic() + 60
    while not (barrier / "go").exists():
        if time.monotonic() > deadline:
            raise SystemExit("no go signal")
        time.sleep(0.005)


def main(path: Path, case_id: str, count: int, tag: str, barrier: Path | None) -> None:
    source = workbook_source(path)
    actor = case_manager(name=f"Prozess {tag}")
    data = load_town(source, actor, TODAY)
    if barrier is not None:
        _wait_for_go(barrier, tag)
    for attempt in range(count):
        if barrier is None and attempt:
            data = load_town(source, actor, TODAY)
        base = data.case(case_id)
        assert base is not None
        value = f"{tag}-{attempt}"
        try:
            save_record(source, actor, base, {"Ort": value}, TODAY, data.case_ids())
        except RecordConflict:
            print("conflict", flush=True)
        else:
            print(f"ok {value}", flush=True)


if __name__ == "__main__":
    barrier_dir = Path(sys.argv[5]) if len(sys.argv) > 5 else None
    main(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4], barrier_dir)
