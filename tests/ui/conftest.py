"""A town workbook in tmp_path wired through sources.toml, and the app opened on it with AppTest."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from streamlit.testing.v1 import AppTest

from casebook.core.login_throttle import shared_throttle
from casebook.storage.cells import CellValue
from tests.support.builders import make_case, make_contact, town_workbook
from ui.loading import forget_loaded

APP = Path(__file__).resolve().parents[2] / "app.py"
TIMEOUT = 30

TODAY = date.today()
OVERDUE = TODAY - timedelta(days=3)


@dataclass(frozen=True)
class Workbook:
    path: Path

    def sheet(self, name: str) -> list[dict[str, object]]:
        """The rows of a worksheet as read back from the file, by header."""
        rows = CalamineWorkbook.from_path(str(self.path)).get_sheet_by_name(name).to_python()
        header = [str(h) for h in rows[0]]
        return [dict(zip(header, row, strict=False)) for row in rows[1:] if any(row)]

    def case(self, case_id: str) -> dict[str, object]:
        return next(row for row in self.sheet("Fälle") if row["Fall-ID"] == case_id)


def xanten_cases() -> list[dict[str, CellValue]]:
    return [
        make_case(1, last_name="Müller", first_name="Jürgen"),
        make_case(2, last_name="Kowalska", first_name="Olena", status="Ruhend"),
        make_case(3, last_name="Haidari", first_name="Karim", status="Warteschleife"),
        make_case(4, last_name="Yilmaz", first_name="Ayse", follow_up=OVERDUE),
        make_case(5, last_name="Schmidt", case_manager="Ben Krüger"),
    ]


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    # st.cache_resource lives as long as the process; each test starts from its own files.
    forget_loaded()
    shared_throttle().forget_all()  # wrong passwords of one test do not lock the next
    yield
    forget_loaded()


@pytest.fixture
def workbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workbook:
    """Xanten's workbook with five cases (one with an error, one due) and a contact of case 1."""
    path = town_workbook(
        tmp_path / "xanten.xlsx",
        xanten_cases(),
        [make_contact("KIM-XAN-2026-0001")],
    )
    sources = tmp_path / "sources.toml"
    sources.write_text(
        'demo_login = true\n[[town]]\nname = "Xanten"\nworkbook = "xanten.xlsx"\n', encoding="utf-8"
    )
    monkeypatch.setenv("KIM_SOURCES", str(sources))
    monkeypatch.setenv("KIM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIM_USER", "Test Fallmanagerin")
    return Workbook(path)


def open_app() -> AppTest:
    return AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()


def open_page(page: str, **query: str) -> AppTest:
    at = open_app()
    for name, value in query.items():
        at.query_params[name] = value
    return at.switch_page(page).run()


def texts(elements: object) -> list[str]:
    return [str(element.value) for element in elements]  # type: ignore[attr-defined]
