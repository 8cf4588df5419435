"""The page „Löschfristen“ names a due case whose Fall-ID is incomplete instead of offering it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.support.builders import make_case, make_contact, town_workbook
from tests.ui.conftest import Workbook, open_app, texts

CLOSED = {
    "status": "Abgeschlossen", "phase": "Abschluss", "closing_reason": "Wegzug",
    "first_contact": date(2019, 1, 5), "admission": date(2019, 1, 12),
    "consent_given": date(2019, 1, 12), "closing": date(2020, 6, 30),
}  # fmt: skip


@pytest.fixture
def town(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workbook:
    # The half ID belongs to an old closed case typed by hand; case 0002 is active.
    path = town_workbook(
        tmp_path / "xanten.xlsx",
        [make_case(1, case_id="KIM-XAN-2026", **CLOSED), make_case(2)],
        [make_contact("KIM-XAN-2026-0002")],
    )
    sources = tmp_path / "sources.toml"
    sources.write_text(
        'demo_login = true\n[[town]]\nname = "Xanten"\nworkbook = "xanten.xlsx"\n', encoding="utf-8"
    )
    monkeypatch.setenv("KIM_SOURCES", str(sources))
    monkeypatch.setenv("KIM_DATA_DIR", str(tmp_path / "data"))
    return Workbook(path)


def test_a_due_case_with_a_half_id_is_named_not_offered(town: Workbook) -> None:
    at = open_app()
    at.sidebar.selectbox(key="auth.demo").select("Administration (Löschfristen)").run()
    assert not at.exception
    expected = "Xanten: 1 fällige Fälle mit unvollständiger Fall-ID (Zeile 2: „KIM-XAN-2026“)"
    assert any(warning.startswith(expected) for warning in texts(at.warning))
    assert not at.multiselect  # nothing to choose: the half ID is not deletable
    assert len(town.sheet("Kontakte")) == 1
