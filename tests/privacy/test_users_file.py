"""The users file: bcrypt hashes only, roles and towns, and `python -m casebook user add`."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from casebook.cli.main import main
from casebook.core.accounts import (
    Account,
    UsersFileError,
    add_account,
    authenticate,
    hash_password,
    load_users,
    parse_users,
)
from casebook.core.actors import Role
from sheets_schema.enums import Town

PASSWORD = "lange-geheime-phrase"


def _add(path: Path, *args: str, password: str = PASSWORD) -> int:
    old = sys.stdin
    sys.stdin = io.StringIO(password + "\n")
    try:
        return main(["user", "add", *args, "--users", str(path), "--password-stdin"])
    finally:
        sys.stdin = old


def test_user_add_stores_a_bcrypt_hash_and_no_plain_password(tmp_path: Path) -> None:
    path = tmp_path / "users.toml"
    assert _add(path, "a.beispiel", "--role", "fallmanagement", "--town", "Xanten") == 0
    text = path.read_text(encoding="utf-8")
    assert PASSWORD not in text
    assert 'password_hash = "$2b$12$' in text
    assert path.stat().st_mode & 0o077 == 0  # nobody else may read the hashes
    users = load_users(path)
    assert users is not None
    actor = authenticate(users, "A.Beispiel", PASSWORD)
    assert actor is not None
    assert (actor.name, actor.role, actor.towns) == (
        "a.beispiel",
        Role.CASE_MANAGEMENT,
        frozenset({Town.XANTEN}),
    )


def test_a_wrong_password_or_an_unknown_name_signs_nobody_in(tmp_path: Path) -> None:
    path = tmp_path / "users.toml"
    add_account(path, Account("b", Role.CASE_MANAGEMENT, frozenset({Town.MOERS}),
                              password_hash=hash_password(PASSWORD, rounds=4)))  # fmt: skip
    users = load_users(path)
    assert users is not None
    assert authenticate(users, "b", "falsches-passwort") is None
    assert authenticate(users, "unbekannt", PASSWORD) is None
    assert authenticate(users, "b", PASSWORD) is not None


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["x", "--role", "fallmanagement"], PASSWORD, "mindestens eine Kommune"),
        (["x", "--role", "chef", "--town", "Wesel"], PASSWORD, "Unbekannte Rolle „chef“"),
        (["x", "--role", "koordination", "--town", "Essen"], PASSWORD, "Unbekannte Kommune"),
        (["x", "--role", "koordination"], "kurz", "mindestens 10 Zeichen"),
    ],
)
def test_user_add_refuses_with_a_german_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], password: str, message: str
) -> None:
    path = tmp_path / "users.toml"
    assert _add(path, *args, password=password) == 2
    assert message in capsys.readouterr().err
    assert not path.exists()


def test_a_name_cannot_be_added_twice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "users.toml"
    assert _add(path, "k.kreis", "--role", "Koordination") == 0
    before = path.read_text(encoding="utf-8")
    assert _add(path, "K.Kreis", "--role", "Koordination") == 2
    assert "gibt es schon" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == before


def test_coordination_without_towns_covers_all_towns_and_oidc_accounts_need_no_password(
    tmp_path: Path,
) -> None:
    path = tmp_path / "users.toml"
    code = main(["user", "add", "k", "--role", "koordination", "--email", "K@Kreis-Wesel.de",
                 "--no-password", "--users", str(path)])  # fmt: skip
    assert code == 0
    users = load_users(path)
    assert users is not None
    account = users.by_email("k@kreis-wesel.de")
    assert account is not None and account.towns == frozenset(Town)
    assert authenticate(users, "k", "") is None


def test_the_idle_time_is_read_from_the_file() -> None:
    assert parse_users("[login]\nidle_minutes = 5\n").idle_minutes == 5
    assert parse_users("").idle_minutes == 30
    with pytest.raises(UsersFileError):
        parse_users("[login]\nidle_minutes = 0\n")


def test_no_users_file_means_demo_mode(tmp_path: Path) -> None:
    assert load_users(tmp_path / "users.toml") is None
