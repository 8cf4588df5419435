"""„Tabelle prüfen“ on a configured town: runs on a click, is noted in the town's Protokoll, and
shows no personal values (not even a headerless sheet's first row) to administrators."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from casebook.core.actors import Role
from sheets_schema.enums import Town
from tests.support.messy_workbook import AUDIT_HEADERS, read_sheet
from tests.ui.test_quality_pages import open_page

# A sheet someone started without a header row: its first row is a person.
FIRST_ROW = ("KIM-WES-2026-0001", "Zyxwvutsson", "Qorbanali", "0157 98765432", "Geheimweg 9")
SECOND_ROW = ("KIM-WES-2026-0002", "Adeyemi", "Folake", "0160 1112223", "Hafenstr. 1")
PERSONAL = (*FIRST_ROW[1:], *SECOND_ROW[1:])


def _headerless(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Fälle"
    for number, values in enumerate((FIRST_ROW, SECOND_ROW), start=1):
        for column, value in enumerate(values, start=1):
            sheet.cell(number, column, value)
    audit = book.create_sheet("Protokoll")
    for column, header in enumerate(AUDIT_HEADERS, start=1):
        audit.cell(1, column, header)
    book.save(path)
    return path


@pytest.fixture
def wesel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = _headerless(tmp_path / "wesel.xlsx")
    sources = tmp_path / "sources.toml"
    sources.write_text(
        'demo_login = true\n[[town]]\nname = "Wesel"\nworkbook = "wesel.xlsx"\n', encoding="utf-8"
    )
    monkeypatch.setenv("KIM_SOURCES", str(sources))
    return path


def _everything_shown(at: AppTest) -> str:
    parts = [str(e.value) for kind in ("markdown", "caption", "info", "code", "subheader", "warning") for e in getattr(at, kind)]  # fmt: skip
    parts += [frame.value.to_csv() for frame in at.dataframe]
    return "\n".join(parts)


def _protokoll(path: Path) -> list[tuple[object, ...]]:
    return [row for number, row in read_sheet(path, "Protokoll").items() if number > 1]


def _check(role: Role) -> AppTest:
    at = open_page("pages.tabelle_pruefen", role=role, towns=(Town.WESEL,))
    return at.radio(key="tp.quelle").set_value("Eingerichtete Tabelle").run()


def test_nothing_is_read_or_logged_before_the_click(wesel: Path) -> None:
    at = _check(Role.ADMINISTRATION)
    assert not at.dataframe
    assert "Bitte klicken Sie auf „Tabelle prüfen“." in [str(i.value) for i in at.info]
    assert _protokoll(wesel) == []


def test_an_administrator_sees_the_structure_but_no_persons_values(wesel: Path) -> None:
    at = _check(Role.ADMINISTRATION)
    at.button(key="tp.pruefen").click().run()
    assert not at.exception
    shown = _everything_shown(at)
    assert "Arbeitsblatt „Fälle“ → „Fälle“" in shown
    assert [value for value in PERSONAL if value in shown] == []
    assert "(nicht angezeigt)" in shown


def test_the_check_is_noted_in_the_towns_protokoll(wesel: Path) -> None:
    _check(Role.ADMINISTRATION).button(key="tp.pruefen").click().run()
    ((_, user, action, *_rest),) = _protokoll(wesel)
    assert (user, action) == ("Test Administration", "eingesehen")


def test_the_towns_case_manager_sees_the_values_to_map_the_columns(wesel: Path) -> None:
    at = _check(Role.CASE_MANAGEMENT)
    at.button(key="tp.pruefen").click().run()
    assert "Zyxwvutsson" in _everything_shown(at)
    ((_, user, action, *_rest),) = _protokoll(wesel)
    assert (user, action) == ("Test Fallmanagement", "eingesehen")
