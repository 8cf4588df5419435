"""Fall-IDs on the case pages: another town's is refused (and logged there); a half one never shows
another case's export."""

from __future__ import annotations

from pathlib import Path

import pytest

from sheets_schema.enums import Town
from tests.support.builders import make_case, town_workbook
from tests.ui.conftest import Workbook, open_app, texts


@pytest.fixture
def two_towns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workbook:
    town_workbook(tmp_path / "xanten.xlsx", [make_case(1)])
    moers = town_workbook(
        tmp_path / "moers.xlsx", [make_case(1, Town.MOERS, last_name="Petrenko", postcode="47441")]
    )
    sources = tmp_path / "sources.toml"
    sources.write_text(
        'demo_login = true\n[[town]]\nname = "Xanten"\nworkbook = "xanten.xlsx"\n'
        '[[town]]\nname = "Moers"\nworkbook = "moers.xlsx"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("KIM_SOURCES", str(sources))
    monkeypatch.setenv("KIM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIM_USER", "Xanten Fallmanagerin")
    return Workbook(moers)


def test_a_moers_fall_id_opened_from_xanten_is_refused_and_logged_in_moers(
    two_towns: Workbook,
) -> None:
    at = open_app()
    at.sidebar.selectbox(key="auth.demo").select("Fallmanagement – Xanten").run()
    at.query_params["id"] = "KIM-MOE-2026-0001"
    at.switch_page("pages/fall.py").run()
    assert not at.exception
    assert texts(at.error) == [
        "Sie (Xanten Fallmanagerin) dürfen in Moers keine Fälle lesen. Wenn Sie Zugriff "
        "brauchen, wenden Sie sich bitte an die Koordination."
    ]
    assert "Petrenko" not in " ".join(texts(at.markdown) + texts(at.caption))
    (entry,) = two_towns.sheet("Protokoll")
    assert (entry["Aktion"], entry["Benutzer"], entry["Datensatz-ID"]) == (
        "verweigert",
        "Xanten Fallmanagerin",
        "KIM-MOE-2026-0001",
    )


def test_the_protokoll_of_a_moers_case_is_refused_to_xanten_and_logged_in_moers(
    two_towns: Workbook,
) -> None:
    at = open_app()
    at.sidebar.selectbox(key="auth.demo").select("Fallmanagement – Xanten").run()
    at.query_params["id"] = "KIM-MOE-2026-0001"
    at.switch_page("pages/protokoll.py").run()
    assert not at.exception
    assert texts(at.error) == [
        "Sie (Xanten Fallmanagerin) dürfen in Moers keine Fälle im Protokoll einsehen. Wenn Sie "
        "Zugriff brauchen, wenden Sie sich bitte an die Koordination."
    ]
    (entry,) = two_towns.sheet("Protokoll")
    assert (entry["Aktion"], entry["Datensatz-ID"]) == ("verweigert", "KIM-MOE-2026-0001")


def test_an_export_is_offered_only_on_the_page_of_its_own_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # „KIM-XAN-2026“ was typed by hand; its Fall-ID begins the ID of case 0001.
    town_workbook(tmp_path / "x.xlsx", [make_case(1), make_case(2, case_id="KIM-XAN-2026")])
    sources = tmp_path / "sources.toml"
    sources.write_text(
        'demo_login = true\n[[town]]\nname = "Xanten"\nworkbook = "x.xlsx"\n', encoding="utf-8"
    )
    monkeypatch.setenv("KIM_SOURCES", str(sources))
    monkeypatch.setenv("KIM_DATA_DIR", str(tmp_path / "data"))
    at = open_app()
    at.query_params["id"] = "KIM-XAN-2026-0001"
    at.switch_page("pages/fall.py").run()
    at.button(key="fall.auskunft").click().run()
    assert at.get("download_button")
    at.query_params["id"] = "KIM-XAN-2026"
    at.switch_page("pages/fall.py").run()
    assert not at.exception
    assert texts(at.title) == ["Fall KIM-XAN-2026"]
    assert not at.get("download_button")
