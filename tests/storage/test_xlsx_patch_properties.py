"""Any text either reads back identical through calamine or is refused with a documented error."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.storage.cells import CellEdit
from casebook.storage.xlsx.patch import UnencodableText, patch_workbook
from tests.storage.xlsx_patch_helpers import calamine_rows, rich_workbook

# Ordinary text mixed with what tends to break writers: control characters, RTL marks,
# formula starters, XML specials, escape look-alikes, surrogates and non-characters.
TRICKY = st.sampled_from(
    ["\x00", "\x01", "\x1f", "\r", "\n", "\t", "\u200f", "\u202e", "\ufeff", "\ufffe", "\ud800",
     "=", "+", "-", "@", "<", "&", ">", '"', "'", "]]>", "_x0041_", "_x005F_", "_x", "_", " ",
     "😀", "ü", "ß", "\u0645"]
)  # fmt: skip
TEXT = st.lists(st.one_of(st.text(max_size=8), TRICKY), max_size=12).map("".join)


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return rich_workbook(tmp_path_factory.mktemp("properties") / "rich.xlsx")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXT)
def test_any_text_round_trips_through_calamine_or_is_refused(source: Path, text: str) -> None:
    with tempfile.TemporaryDirectory() as work:
        target = Path(work) / "out.xlsx"
        unencodable = any(0xD800 <= ord(c) <= 0xDFFF or c in "\ufffe\uffff" for c in text)
        edits = [CellEdit("Fälle", 3, 2, text), CellEdit("Fälle", 7, 1, text)]
        try:
            patch_workbook(source, target, edits)
        except UnencodableText:
            assert unencodable
            return
        assert not unencodable
        with zipfile.ZipFile(target) as archive:
            assert archive.testzip() is None
        rows = calamine_rows(target, "Fälle")
        assert rows[2][1] == text
        # calamine drops trailing empty rows, so an appended "" leaves no row 7.
        assert (rows[6][0] if len(rows) > 6 else "") == text
