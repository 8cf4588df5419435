"""Real sources without accounts never open password-free: the demo picker is for invented data only."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.builders import make_case, town_workbook
from tests.ui.conftest import open_app, texts


def _real_town(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: str = "") -> None:
    town_workbook(tmp_path / "xanten.xlsx", [make_case(1, last_name="Echtname")])
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'{extra}[[town]]\nname = "Xanten"\nworkbook = "xanten.xlsx"\n', encoding="utf-8"
    )
    monkeypatch.setenv("KIM_SOURCES", str(sources))
    monkeypatch.setenv("KIM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIM_USERS", str(tmp_path / "users.toml"))  # does not exist


def test_real_sources_without_accounts_are_refused_with_a_german_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _real_town(tmp_path, monkeypatch)
    at = open_app()
    assert not at.exception
    shown = " ".join(texts(at.error))
    assert "Für echte Tabellen (sources.toml) ist eine Anmeldung nötig" in shown
    assert "python -m casebook user add" in shown
    assert not at.dataframe
    assert "Echtname" not in str([e for e in at.main])


def test_an_explicit_demo_login_flag_allows_training_on_invented_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _real_town(tmp_path, monkeypatch, extra="demo_login = true\n")
    at = open_app()
    assert not at.exception
    assert not at.error
    assert len(at.dataframe[0].value) == 1
