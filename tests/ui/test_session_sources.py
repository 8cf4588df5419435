"""The app opens each town's store once per server, so reruns keep what a store already read."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.core.config import load_config
from casebook.demo.workbooks import write_demo
from ui.session import _open_sources


def test_reruns_get_the_same_store_for_each_town(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIM_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KIM_SOURCES", str(tmp_path / "none.toml"))
    write_demo(tmp_path / "demo", cases_per_town=5)

    # Each rerun reads the configuration anew; equal configurations share the stores.
    first_config, second_config = load_config(), load_config()
    first = _open_sources(repr(first_config), first_config)
    second = _open_sources(repr(second_config), second_config)

    assert len(first) == 5
    assert all(a.store is b.store for a, b in zip(first, second, strict=True))
