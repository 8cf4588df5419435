"""A linked workbook is saved where it really lives; a read-only one is never overwritten."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from casebook.cases.services import load_town, save_record
from casebook.messages import error_message
from casebook.storage.base import SourceInUse
from casebook.storage.xlsx.store import WorkbookReadOnly
from tests.support.builders import TODAY, case_manager, make_case, town_workbook, workbook_source

NOW = datetime(2026, 11, 20, 10, 30)
ACTOR = case_manager(name="Frau Test")
CASE = "KIM-XAN-2026-0001"


@pytest.fixture
def share(tmp_path: Path) -> Path:
    """The real workbook on the share, and a link to it in the app's data folder."""
    (tmp_path / "share").mkdir()
    (tmp_path / "app").mkdir()
    real = town_workbook(tmp_path / "share" / "kim-xan.xlsx", cases=[make_case(1), make_case(2)])
    (tmp_path / "app" / "kim-xan.xlsx").symlink_to(real)
    return real


def edit(path: Path, **form: Any) -> Any:
    data = load_town(workbook_source(path), ACTOR, TODAY)
    base = data.case(CASE)
    assert base is not None
    return save_record(workbook_source(path), ACTOR, base, form, TODAY, data.case_ids(), NOW)


def ort(path: Path) -> object:
    case = load_town(workbook_source(path), ACTOR, TODAY).case(CASE)
    assert case is not None
    return case.record.model_dump(by_alias=True)["Ort"]


def test_a_save_through_a_link_changes_the_real_file_and_keeps_the_link(share: Path) -> None:
    link = share.parent.parent / "app" / "kim-xan.xlsx"
    edit(link, Ort="Sonsbeck")
    assert link.is_symlink() and link.resolve() == share
    assert ort(share) == "Sonsbeck"
    leftovers = [p.name for folder in (share.parent, link.parent) for p in folder.iterdir()]
    assert sorted(leftovers) == sorted(
        ["kim-xan.xlsx", "kim-xan.xlsx", ".~kim-xan.xlsx.casebook-lock"]
    )


def test_excel_s_lock_file_next_to_the_real_file_blocks_a_save_through_the_link(
    share: Path,
) -> None:
    link = share.parent.parent / "app" / "kim-xan.xlsx"
    (share.parent / "~$kim-xan.xlsx").write_text("Anna,PC-17")
    before = share.read_bytes()
    with pytest.raises(SourceInUse) as refused:
        edit(link, Ort="Sonsbeck")
    assert refused.value.lock_file == "~$kim-xan.xlsx"
    assert share.read_bytes() == before


@pytest.mark.parametrize("through_link", [False, True])
def test_a_read_only_workbook_is_not_overwritten_and_the_user_is_told_why(
    share: Path, through_link: bool
) -> None:
    path = share.parent.parent / "app" / "kim-xan.xlsx" if through_link else share
    share.chmod(0o444)
    before = share.read_bytes()
    with pytest.raises(WorkbookReadOnly) as refused:
        edit(path, Ort="Sonsbeck")
    assert share.read_bytes() == before
    assert share.stat().st_mode & 0o777 == 0o444
    message = error_message(refused.value)
    assert "„kim-xan.xlsx“" in message and "schreibgeschützt" in message
    assert "Ihre Eingaben bleiben erhalten" in message
    share.chmod(0o644)
    edit(path, Ort="Sonsbeck")
    assert ort(share) == "Sonsbeck"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into any folder")
def test_a_workbook_in_a_folder_without_write_permission_is_refused_the_same_way(
    tmp_path: Path,
) -> None:
    path = town_workbook(tmp_path / "kim-xan.xlsx", cases=[make_case(1)])
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(WorkbookReadOnly):
            edit(path, Ort="Sonsbeck")
    finally:
        tmp_path.chmod(0o755)
