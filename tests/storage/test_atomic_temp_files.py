"""Temporary copies a killed writer left beside a workbook are found whatever the file is called."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from casebook.storage.atomic import remove_stale_temp_files, replace_atomically, temp_path_for


@pytest.mark.parametrize("name", ["xanten.xlsx", "Fälle [2025].xlsx", "Moers*alt?.xlsx"])
def test_a_stale_temp_copy_is_removed_even_with_brackets_or_wildcards_in_the_name(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(b"workbook")
    stale = temp_path_for(path)
    stale.write_bytes(b"a copy with personal data")
    # Another workbook's copy, being written right now under that workbook's own lock.
    other = temp_path_for(tmp_path / "Moers-alt1.xlsx")
    other.write_bytes(b"another workbook's copy")
    assert remove_stale_temp_files(path) == [stale]
    assert not stale.exists() and path.exists() and other.exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another owner")
def test_a_replaced_file_keeps_its_owner_group_and_permissions(tmp_path: Path) -> None:
    path = tmp_path / "kim-xan.xlsx"
    path.write_bytes(b"alt")
    os.chown(path, 1234, 5678)
    path.chmod(0o640)
    replace_atomically(path, lambda temp: temp.write_bytes(b"neu"))
    stat = path.stat()
    assert (stat.st_uid, stat.st_gid, stat.st_mode & 0o777) == (1234, 5678, 0o640)
    assert path.read_bytes() == b"neu"
