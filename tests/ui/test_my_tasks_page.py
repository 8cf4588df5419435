"""The page „Meine Aufgaben“ shows a case manager what is due today in their own cases."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tests.support.builders import make_case, make_contact, town_workbook
from tests.ui.conftest import TODAY, Workbook, open_page, texts

PAGE = "pages/aufgaben.py"
ME = "Test Fallmanagerin"


@pytest.fixture
def town(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workbook:
    """Xanten: my case with an appointment on Friday, a colleague's case with a Wiedervorlage."""
    path = town_workbook(
        tmp_path / "xanten.xlsx",
        [
            make_case(1, case_manager=ME, last_name="Termin"),
            make_case(2, case_manager="Ben Krüger", last_name="Kollege", follow_up=TODAY),
        ],
        [
            make_contact(
                "KIM-XAN-2026-0001",
                1,
                date=TODAY + timedelta(days=3),
                planned="ja",
                kind="Hausbesuch",
            )
        ],
    )
    sources = tmp_path / "sources.toml"
    sources.write_text(
        'demo_login = true\n[[town]]\nname = "Xanten"\nworkbook = "xanten.xlsx"\n', encoding="utf-8"
    )
    monkeypatch.setenv("KIM_SOURCES", str(sources))
    monkeypatch.setenv("KIM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIM_USER", ME)
    return Workbook(path)


def test_my_tasks_show_my_planned_home_visit_but_not_a_colleagues_follow_up(town: Workbook) -> None:
    at = open_page(PAGE)
    assert not at.exception
    frames = [element.value for element in at.dataframe]
    assert len(frames) == 1
    assert list(frames[0]["Name"]) == ["Termin, Olena"]
    assert list(frames[0]["Wann"]) == ["in 3 Tagen"]
    assert frames[0]["Was"].iloc[0].startswith("Hausbesuch am ")
    assert "Geplante Termine (1)" in texts(at.subheader)


def test_all_cases_of_the_town_add_the_colleagues_follow_up(town: Workbook) -> None:
    at = open_page(PAGE)
    at.radio(key="aufgaben.umfang").set_value("Alle Fälle der Kommune").run()
    assert not at.exception
    names = [name for element in at.dataframe for name in element.value["Name"]]
    assert names == ["Termin, Olena", "Kollege, Olena"]
    assert "Wiedervorlagen (1)" in texts(at.subheader)


def test_the_page_is_linked_in_a_case_managers_sidebar(town: Workbook) -> None:
    at = open_page(PAGE)
    assert "Meine Aufgaben" in [link.label for link in at.sidebar.get("page_link")]


def test_someone_without_own_cases_starts_with_all_cases_of_the_town(
    town: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIM_USER", "Vertretung Ohne Fälle")
    at = open_page(PAGE)
    assert not at.exception
    assert at.radio(key="aufgaben.umfang").value == "Alle Fälle der Kommune"
    names = [name for element in at.dataframe for name in element.value["Name"]]
    assert names == ["Termin, Olena", "Kollege, Olena"]
