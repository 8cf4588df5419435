"""The users file holds password hashes: after `user add` only its owner may read it (0600)."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest

from casebook.cli.main import main


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _add(path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO("ein-langes-passwort\n"))
    return main(
        ["user", "add", name, "--role", "fallmanagement", "--town", "Xanten",
         "--password-stdin", "--users", str(path)]
    )  # fmt: skip


def test_a_new_users_file_is_readable_by_its_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "users.toml"
    assert _add(path, "a.beispiel", monkeypatch) == 0
    assert _mode(path) == 0o600


def test_adding_to_a_readable_file_makes_it_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "users.toml"
    assert _add(path, "a.beispiel", monkeypatch) == 0
    path.chmod(0o644)  # an administrator copied it around
    assert _add(path, "b.beispiel", monkeypatch) == 0
    assert _mode(path) == 0o600
    assert "b.beispiel" in path.read_text(encoding="utf-8")


def test_a_leftover_temporary_file_does_not_pass_on_its_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "users.toml"
    leftover = tmp_path / ".users.toml.tmp"  # an interrupted earlier run
    leftover.write_text("halb geschrieben", encoding="utf-8")
    leftover.chmod(0o644)
    assert _add(path, "a.beispiel", monkeypatch) == 0
    assert _mode(path) == 0o600
    assert not leftover.exists()
