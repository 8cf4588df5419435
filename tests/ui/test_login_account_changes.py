"""A signed-in local account follows the users file: removed or changed, the session follows."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from casebook.core.accounts import Account, add_account, hash_password
from casebook.core.actors import Role
from sheets_schema.enums import Town
from tests.ui.conftest import Workbook, open_app, texts

PASSWORD = "richtig-geheim-42"
HASHED = hash_password(PASSWORD, rounds=4)


def _users(path: Path, *accounts: Account) -> None:
    path.unlink(missing_ok=True)
    for account in accounts:
        add_account(path, account)


def _signed_in(workbook: Workbook) -> tuple[AppTest, Path]:
    path = workbook.path.parent / "users.toml"  # next to sources.toml
    _users(
        path,
        Account("a.beispiel", Role.CASE_MANAGEMENT, frozenset({Town.XANTEN}), password_hash=HASHED),
        Account("b.kollege", Role.CASE_MANAGEMENT, frozenset({Town.XANTEN}), password_hash=HASHED),
    )
    at = open_app()
    at.text_input(key="auth.name").input("a.beispiel")
    at.text_input(key="auth.password").input(PASSWORD)
    at = next(b for b in at.button if b.label == "Anmelden").click().run()
    assert texts(at.title) == ["Fälle"]
    return at, path


def test_a_session_ends_once_its_account_is_removed_from_the_users_file(
    workbook: Workbook,
) -> None:
    at, path = _signed_in(workbook)
    _users(
        path,
        Account("b.kollege", Role.CASE_MANAGEMENT, frozenset({Town.XANTEN}), password_hash=HASHED),
    )
    at.run()
    assert not at.exception
    assert texts(at.title) == ["Anmeldung"]
    assert not at.dataframe


def test_a_session_takes_the_role_the_users_file_gives_now(workbook: Workbook) -> None:
    at, path = _signed_in(workbook)
    _users(
        path,
        Account("a.beispiel", Role.COORDINATION, frozenset(Town), password_hash=HASHED),
        Account("b.kollege", Role.CASE_MANAGEMENT, frozenset({Town.XANTEN}), password_hash=HASHED),
    )
    at.run()
    assert not at.exception
    assert any("Koordination" in c for c in texts(at.sidebar.caption))
    assert "Müller" not in str(at)
