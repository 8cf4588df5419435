"""Temporary copies a killed writer left beside a workbook are found whatever the file is called."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.storage.atomic import remove_stale_temp_files, temp_path_for


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
