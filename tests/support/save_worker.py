"""A separate process that saves one case again and again.

Run as `python -m tests.support.save_worker PATH ID N TAG`.

Prints one line per attempt: "ok <value>" or "conflict". Used by the crash-safety and concurrency tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

from casebook.errors import RecordConflict
from casebook.services import load_town, save_record
from tests.support.builders import TODAY, case_manager, workbook_source


def main(path: Path, case_id: str, count: int, tag: str) -> None:
    source = workbook_source(path)
    actor = case_manager(name=f"Prozess {tag}")
    for attempt in range(count):
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
    main(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4])
