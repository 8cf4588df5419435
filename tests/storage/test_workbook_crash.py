"""Crash safety: a save killed at any point leaves the workbook whole, with the old or the new row."""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from casebook.cases.services import load_town, save_record
from tests.support.builders import TODAY, case_manager, make_case, town_workbook, workbook_source
from tests.support.crash import count_line_events, die_at_line_event

ACTOR = case_manager()
CASE = "KIM-XAN-2026-0002"


def _prepared_save(path: Path, value: str) -> Callable[[], object]:
    """Load the town, then return the save itself (the part that may be killed)."""
    source = workbook_source(path)
    data = load_town(source, ACTOR, TODAY)
    base = data.case(CASE)
    assert base is not None
    return lambda: save_record(
        source, ACTOR, base, {"Ort": value, "Telefon": f"0201 {value}"}, TODAY, data.case_ids()
    )


def _save(path: Path, value: str) -> None:
    _prepared_save(path, value)()


def _row_of(path: Path) -> tuple[Any, Any]:
    openpyxl.load_workbook(path)  # the file opens, or this raises
    data = load_town(workbook_source(path), ACTOR, TODAY)
    CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Protokoll").to_python()
    case = data.case(CASE)
    assert case is not None
    return case.record.city, case.record.phone


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_save_killed_at_100_random_points_leaves_the_old_or_the_new_row(tmp_path: Path) -> None:
    path = town_workbook(tmp_path / "xanten.xlsx", [make_case(n, city="Alt") for n in (1, 2, 3)])
    _save(path, "Aufwärmen")  # first-time work (caches, compiled patterns) is not part of a save
    lines = count_line_events(lambda: _prepared_save(path, "Zählung"))
    rng = random.Random(2026)
    current = _row_of(path)
    kills = landed = 0
    for attempt in range(100):
        value = f"Neu{attempt}"
        # One kill point in each hundredth of the save, so the end (the rename) is always hit.
        kill_at = int((attempt + rng.random()) / 100 * lines) + 1
        status = die_at_line_event(partial(_prepared_save, path, value), kill_at)
        after = _row_of(path)
        # Never a mix: both fields come from the same save.
        assert after in (current, (value, f"0201 {value}")), (attempt, after)
        kills += os.WIFSIGNALED(status)
        landed += after != current
        current = after
    assert kills > 90  # the kill points really fell inside the save
    assert 0 < landed < 100  # some saves died before the rename, some after
    _save(path, "Zum Schluss")  # the next save clears away what killed saves left behind
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
