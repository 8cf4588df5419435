"""On the case page: hand the case to a colleague, or move it to another town with consent."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sheets_schema.enums import Town
from tests.support.builders import make_case, make_contact, town_workbook
from tests.ui.conftest import Workbook, open_page, texts

FALL = "pages/fall.py"
OLD = "KIM-MOE-2026-0001"


@pytest.fixture
def towns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Workbook, Workbook]:
    """Moers with one case and a contact, Wesel with one case; the demo user works for both."""
    moers = town_workbook(
        tmp_path / "moers.xlsx",
        [make_case(1, town=Town.MOERS, postcode="47441")],
        [make_contact(OLD, 1)],
    )
    wesel = town_workbook(
        tmp_path / "wesel.xlsx",
        [make_case(1, town=Town.WESEL, postcode="46483")],
    )
    sources = tmp_path / "sources.toml"
    sources.write_text(
        "demo_login = true\n"
        '[[town]]\nname = "Moers"\nworkbook = "moers.xlsx"\n'
        '[[town]]\nname = "Wesel"\nworkbook = "wesel.xlsx"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("KIM_SOURCES", str(sources))
    monkeypatch.setenv("KIM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIM_USER", "Test Fallmanagerin")
    return Workbook(moers), Workbook(wesel)


def _transfer(at: AppTest, agreed: bool) -> AppTest:
    at.selectbox(key="fall.umzug.ziel").set_value(Town.WESEL)
    at.checkbox(key="fall.umzug.zustimmung").set_value(agreed)
    return at.button(key="fall.umzug.los").click().run()


def test_moving_the_case_to_wesel_opens_it_there_under_its_new_id(
    towns: tuple[Workbook, Workbook],
) -> None:
    moers, wesel = towns
    at = _transfer(open_page(FALL, id=OLD), agreed=True)
    assert not at.exception
    assert at.title[0].value == "Fall KIM-WES-2026-0002"
    assert any("ist jetzt Fall KIM-WES-2026-0002 in Wesel" in text for text in texts(at.success))
    assert [row["Fall-ID"] for row in moers.sheet("Fälle")] == []
    assert wesel.case("KIM-WES-2026-0002")["Frühere Fall-ID"] == OLD
    assert [row["Kontakt-ID"] for row in wesel.sheet("Kontakte")] == ["KIM-WES-2026-0002-K01"]


def test_without_the_persons_agreement_the_case_stays_and_the_page_says_why(
    towns: tuple[Workbook, Workbook],
) -> None:
    moers, wesel = towns
    at = _transfer(open_page(FALL, id=OLD), agreed=False)
    assert not at.exception
    assert any("Zustimmung der Person" in text for text in texts(at.error))
    assert [row["Fall-ID"] for row in moers.sheet("Fälle")] == [OLD]
    assert len(wesel.sheet("Fälle")) == 1


def test_handing_over_to_a_colleague_changes_the_fallmanagerin(
    towns: tuple[Workbook, Workbook],
) -> None:
    moers, _ = towns
    at = open_page(FALL, id=OLD)
    at.text_input(key="fall.uebergabe.name").input("Ben Krüger")
    at = at.button(key="fall.uebergabe.los").click().run()
    assert not at.exception
    assert moers.case(OLD)["Fallmanager:in"] == "Ben Krüger"
    assert any("an Ben Krüger übergeben" in text for text in texts(at.success))
    protokoll = moers.sheet("Protokoll")
    assert [(row["Aktion"], row["Neu"]) for row in protokoll] == [("übergeben", "Ben Krüger")]


def test_the_old_fall_id_leads_to_the_case_in_its_new_town(
    towns: tuple[Workbook, Workbook],
) -> None:
    _transfer(open_page(FALL, id=OLD), agreed=True)
    at = open_page(FALL, id=OLD)
    assert not at.exception
    assert f"Der Fall {OLD} wurde übergeben und heißt jetzt KIM-WES-2026-0002." in texts(at.info)
