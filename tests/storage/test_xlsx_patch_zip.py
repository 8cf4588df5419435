"""The zip container is rebuilt faithfully: order, comment, data descriptors, stored members."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl

from casebook.storage.cells import CellEdit
from casebook.storage.xlsx.patch import patch_workbook
from tests.storage.xlsx_patch_helpers import calamine_rows, rich_workbook, zip_parts


class _Unseekable:
    """A write-only stream, so that zipfile writes data descriptors after each member."""

    def __init__(self, path: Path) -> None:
        self._file = path.open("wb")

    def write(self, data: bytes) -> int:
        return self._file.write(data)

    def flush(self) -> None:
        self._file.flush()

    def close(self) -> None:
        self._file.close()


def repack(source: Path, target: Path, *, streamed: bool, comment: bytes = b"") -> Path:
    """`source` rewritten by Python's zipfile: streamed (with data descriptors) or stored."""
    stream = _Unseekable(target) if streamed else target.open("wb")
    method = zipfile.ZIP_DEFLATED if streamed else zipfile.ZIP_STORED
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(stream, "w", method) as new:
        new.comment = comment
        for info in old.infolist():
            with new.open(info.filename, "w") as member:
                member.write(old.read(info))
    stream.close()
    return target


def test_members_with_data_descriptors_are_copied_intact(tmp_path: Path) -> None:
    source = repack(
        rich_workbook(tmp_path / "rich.xlsx"), tmp_path / "streamed.xlsx", streamed=True
    )
    with zipfile.ZipFile(source) as archive:
        assert all(info.flag_bits & 0x08 for info in archive.infolist())
    target = tmp_path / "patched.xlsx"
    patch_workbook(source, target, [CellEdit("Fälle", 7, 1, "neu")])
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
    before, after = zip_parts(source), zip_parts(target)
    assert list(after) == list(before)
    assert calamine_rows(target, "Fälle")[6][0] == "neu"


def test_stored_members_and_the_archive_comment_survive(tmp_path: Path) -> None:
    source = repack(
        rich_workbook(tmp_path / "rich.xlsx"),
        tmp_path / "stored.xlsx",
        streamed=False,
        comment=b"Kreis Wesel",
    )
    target = tmp_path / "patched.xlsx"
    patch_workbook(source, target, [CellEdit("Kontakte", 2, 3, "digital")])
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        assert archive.comment == b"Kreis Wesel"
        infos = {info.filename: info for info in archive.infolist()}
    assert infos["xl/styles.xml"].compress_type == zipfile.ZIP_STORED
    assert infos["xl/worksheets/sheet2.xml"].compress_type == zipfile.ZIP_DEFLATED
    assert openpyxl.load_workbook(target)["Kontakte"]["C2"].value == "digital"


def test_a_patched_file_can_be_patched_again(tmp_path: Path) -> None:
    source = rich_workbook(tmp_path / "rich.xlsx")
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    patch_workbook(source, first, [CellEdit("Fälle", 7, 1, "eins")])
    patch_workbook(first, second, [CellEdit("Fälle", 8, 1, "zwei")])
    rows = calamine_rows(second, "Fälle")
    assert [rows[6][0], rows[7][0]] == ["eins", "zwei"]
    with zipfile.ZipFile(second) as archive:
        assert archive.testzip() is None
