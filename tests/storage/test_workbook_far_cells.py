"""A value typed far below or right of the data is refused for its town, not read into memory."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import PatternFill

from casebook.cases.services import load_town
from casebook.messages import error_message
from casebook.storage.xlsx.extent import SheetTooLarge, check_extents
from sheets_schema import SheetName
from sheets_schema.enums import Town
from tests.support.builders import TODAY, case_manager, make_case, town_workbook, workbook_source

ROOT = Path(__file__).resolve().parents[2]

# Loads a town in a child process whose address space is capped, so that a reader that still
# allocates by the far cell dies there (instead of taking the test run, or the machine, with it).
_CHILD = """
import json, resource, sys
from pathlib import Path
limit = 1536 * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from casebook.messages import error_message
from casebook.cases.services import load_town
from casebook.storage.base import StorageError
from tests.support.builders import TODAY, case_manager, workbook_source
try:
    data = load_town(workbook_source(Path(sys.argv[1])), case_manager(), TODAY)
    print(json.dumps({"cases": len(data.cases)}))
except StorageError as error:
    print(json.dumps({"error": type(error).__name__, "message": error_message(error)}))
"""


def _workbook_with(
    path: Path, cell: str, value: object = "x", sheet: str = SheetName.CASES
) -> Path:
    town_workbook(path, cases=[make_case(1), make_case(2)])
    workbook = openpyxl.load_workbook(path)
    workbook[sheet][cell] = value
    workbook.save(path)
    return path


def _load_in_capped_process(path: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, f"the load died (exit {done.returncode}): {done.stderr[-2000:]}"
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_a_value_in_the_last_cell_of_the_sheet_is_refused_with_where_it_is(
    tmp_path: Path,
) -> None:
    path = _workbook_with(tmp_path / "kim-xan.xlsx", "XFD1048576")
    result = _load_in_capped_process(path)
    assert result["error"] == "SheetTooLarge"
    message = str(result["message"])
    assert "„Fälle“" in message and "„XFD1048576“" in message
    assert "Zeile 1.048.576" in message and "Bitte löschen Sie" in message


def test_a_value_at_the_bottom_of_column_a_is_refused_quickly(tmp_path: Path) -> None:
    path = _workbook_with(tmp_path / "kim-xan.xlsx", "A1048576", "Notiz")
    result = _load_in_capped_process(path)
    assert result["error"] == "SheetTooLarge"
    assert "„A1048576“" in str(result["message"])


def test_a_far_value_in_a_town_s_own_sheet_is_named_there(tmp_path: Path) -> None:
    path = town_workbook(tmp_path / "kim-xan.xlsx", cases=[make_case(1)])
    workbook = openpyxl.load_workbook(path)
    workbook.create_sheet("Notizen")["XFD20"] = 1
    workbook["Notizen"]["C1048000"] = "vergessen"
    workbook.save(path)
    with pytest.raises(SheetTooLarge) as refused:
        load_town(workbook_source(path), case_manager(), TODAY)
    message = error_message(refused.value)
    assert "„Notizen“" in message and "„C1048000“" in message and "„XFD20“" in message


def test_formatting_and_the_dimension_far_out_do_not_count_only_values_do(
    tmp_path: Path,
) -> None:
    path = town_workbook(tmp_path / "kim-xan.xlsx", cases=[make_case(1), make_case(2)])
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[SheetName.CASES]
    sheet["XFD1048576"].fill = PatternFill("solid", fgColor="FFFF00")  # formatted, empty
    workbook.save(path)
    assert check_extents(path)[SheetName.CASES].last_row == 3
    data = load_town(workbook_source(path), case_manager(), TODAY)
    assert len(data.cases) == 2


def test_one_town_refused_leaves_the_other_towns_readable(tmp_path: Path) -> None:
    broken = _workbook_with(tmp_path / "kim-xan.xlsx", "XFD1048576")
    fine = town_workbook(tmp_path / "kim-moe.xlsx", cases=[make_case(1, town=Town.MOERS)])
    with pytest.raises(SheetTooLarge):
        load_town(workbook_source(broken), case_manager(), TODAY)
    data = load_town(workbook_source(fine, Town.MOERS), case_manager(Town.MOERS), TODAY)
    assert len(data.cases) == 1


def test_the_protokoll_read_for_an_append_is_checked_too(tmp_path: Path) -> None:
    path = _workbook_with(tmp_path / "kim-xan.xlsx", "XFD1048576", sheet=SheetName.AUDIT)
    store = workbook_source(path).store
    with pytest.raises(SheetTooLarge), store.transaction([SheetName.CASES]) as transaction:
        transaction.append_row(SheetName.AUDIT, {"Aktion": "Test"})
