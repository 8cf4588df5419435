"""Without sources.toml the app writes the demo workbooks once and says that the data is made up."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.conftest import open_app, texts


def test_the_first_start_writes_the_demo_workbooks_and_marks_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIM_SOURCES", str(tmp_path / "no-sources.toml"))
    monkeypatch.setenv("KIM_DATA_DIR", str(tmp_path))
    at = open_app()
    assert not at.exception
    written = sorted(p.name for p in (tmp_path / "demo").glob("*.xlsx"))
    assert written == [
        "kim-din.xlsx",
        "kim-klf.xlsx",
        "kim-moe.xlsx",
        "kim-wes.xlsx",
        "kim-xan.xlsx",
    ]
    sidebar = " ".join(texts(at.sidebar.warning)) + " ".join(texts(at.sidebar.markdown))
    assert "Erfundene Demodaten" in sidebar
    assert "Kamp-Lintfort" in sidebar
    assert len(at.dataframe[0].value) > 0


def test_existing_demo_workbooks_are_never_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casebook.demo.workbooks import write_demo

    write_demo(tmp_path / "demo", cases_per_town=3)
    before = {p.name: p.read_bytes() for p in (tmp_path / "demo").glob("*.xlsx")}
    monkeypatch.setenv("KIM_SOURCES", str(tmp_path / "no-sources.toml"))
    monkeypatch.setenv("KIM_DATA_DIR", str(tmp_path))
    at = open_app()
    assert not at.exception
    assert {p.name: p.read_bytes() for p in (tmp_path / "demo").glob("*.xlsx")} == before
    assert len(at.dataframe[0].value) == 15
