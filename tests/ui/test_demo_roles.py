"""Demo mode: a labelled picker chooses the role; the coordinator's pages carry no personal data."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from streamlit.testing.v1 import AppTest

from casebook.demo.workbooks import write_demo
from sheets_schema import CHILD_SHEETS, SHEETS, SheetName, field_specs
from sheets_schema.enums import Town
from tests.ui.conftest import open_app, texts
from ui.navigation import pages_for
from ui.stats_loading import forget_facts

CASES_PER_TOWN = 12


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "demo"
    write_demo(folder, cases_per_town=CASES_PER_TOWN)
    monkeypatch.setenv("KIM_SOURCES", str(tmp_path / "no-sources.toml"))
    monkeypatch.setenv("KIM_DATA_DIR", str(tmp_path))
    forget_facts()
    yield folder
    forget_facts()


def _personal_values(folder: Path) -> set[str]:
    """Every personal cell of the demo workbooks as text (names, phones, birth dates, notes …)."""
    values: set[str] = set()
    for path in folder.glob("*.xlsx"):
        book = CalamineWorkbook.from_path(str(path))
        for sheet in (SheetName.CASES, *CHILD_SHEETS):
            personal = {s.header for s in field_specs(SHEETS[sheet].model) if s.personal}
            rows = book.get_sheet_by_name(sheet).to_python()
            header = [str(h) for h in rows[0]]
            for row in rows[1:]:
                for column, value in zip(header, row, strict=False):
                    if column not in personal or value in ("", None):
                        continue
                    if isinstance(value, date | datetime):
                        values.update({f"{value:%d.%m.%Y}", value.isoformat()[:10]})
                    elif column != "PLZ":  # a postcode is also the town's, shown as such
                        values.add(str(value))
    # The town a person lives in is also the town the figures are about.
    return {value for value in values if len(value) >= 4} - {town.value for town in Town}


def _page_data(at: AppTest) -> str:
    """Everything the run sends to the browser: every element's message, data frames included."""
    chunks: list[bytes] = []

    def walk(node: object) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            chunks.append(proto.SerializeToString())
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return b"".join(chunks).decode("utf-8", "replace")


def _as(at: AppTest, choice: str) -> AppTest:
    return at.sidebar.selectbox(key="auth.demo").select(choice).run()


def test_the_demo_picker_is_labelled_and_starts_as_case_manager_of_all_towns(demo: Path) -> None:
    at = open_app()
    assert not at.exception
    assert any("Demo-Modus" in w for w in texts(at.sidebar.warning))
    picker = at.sidebar.selectbox(key="auth.demo")
    assert picker.label == "Demo: Sie handeln als …"
    assert picker.value == "Fallmanagement – alle Kommunen"
    assert "Koordination (Kreis)" in picker.options
    assert "Administration (Löschfristen)" in picker.options
    assert texts(at.title) == ["Fälle"]
    assert len(at.dataframe[0].value) == 5 * CASES_PER_TOWN


def test_a_case_manager_of_one_town_sees_only_that_towns_cases(demo: Path) -> None:
    at = _as(open_app(), "Fallmanagement – Moers")
    ids = [link.split("id=")[1] for link in at.dataframe[0].value["_link"]]
    assert ids and all(case_id.startswith("KIM-MOE-") for case_id in ids)


def test_the_coordinators_pages_contain_no_personal_data(demo: Path) -> None:
    personal = _personal_values(demo)
    assert len(personal) > 5 * CASES_PER_TOWN  # names, phones, birth dates, notes …
    at = _as(open_app(), "Koordination (Kreis)")
    assert not at.exception
    assert texts(at.title) == ["Auswertung"]
    pages = [spec.path for spec in pages_for(at.session_state["auth.current"].role)]
    assert pages == ["pages/auswertung.py"]
    shown = _page_data(at)
    assert "Kamp-Lintfort" in shown  # the check does see the page's data
    leaked = sorted(value for value in personal if value in shown)
    assert leaked == [], leaked


def test_the_case_managers_own_pages_hold_the_names(demo: Path) -> None:
    # The same check finds names where they belong, so an empty result above means something.
    personal = _personal_values(demo)
    at = open_app()
    assert any(value in _page_data(at) for value in personal)
