"""Pages for data protection: consent warning, Protokoll of a case, Art. 15 export, deletion runs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.builders import make_case, make_contact, town_workbook
from tests.ui.conftest import Workbook, open_app, open_page, texts

FALL, PROTOKOLL = "pages/fall.py", "pages/protokoll.py"
CLOSED = {
    "status": "Abgeschlossen", "phase": "Abschluss", "closing_reason": "Wegzug",
    "first_contact": date(2019, 1, 5), "admission": date(2019, 1, 12),
    "consent_given": date(2019, 1, 12), "closing": date(2020, 6, 30),
}  # fmt: skip


@pytest.fixture
def town(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workbook:
    """Xanten: one case without consent, one withdrawn, one closed long ago (due for deletion)."""
    path = town_workbook(
        tmp_path / "xanten.xlsx",
        [
            make_case(1, consent_given=None, last_name="Ohnezustimmung"),
            make_case(2, consent_withdrawn=date(2026, 2, 1), last_name="Widerruf"),
            make_case(3, last_name="Altfall", phone="0151 2223334", **CLOSED),
        ],
        [make_contact("KIM-XAN-2026-0003", note="Umzug nach Bremen")],
    )
    sources = tmp_path / "sources.toml"
    sources.write_text(
        'demo_login = true\n[[town]]\nname = "Xanten"\nworkbook = "xanten.xlsx"\n', encoding="utf-8"
    )
    monkeypatch.setenv("KIM_SOURCES", str(sources))
    monkeypatch.setenv("KIM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIM_USER", "Test Fallmanagerin")
    return Workbook(path)


def test_a_case_without_consent_shows_a_warning_on_its_page(town: Workbook) -> None:
    at = open_page(FALL, id="KIM-XAN-2026-0001")
    assert not at.exception
    assert "**Einwilligung:** Personenbezogene Daten ohne Datum der Einwilligung." in texts(
        at.warning
    )


def test_the_consent_list_names_the_cases_without_consent(town: Workbook) -> None:
    at = open_page("pages/einwilligungen.py")
    assert not at.exception
    frame = at.dataframe[0].value
    assert list(frame["Name"]) == ["Widerruf, Olena", "Ohnezustimmung, Olena"]
    assert "widerrufen" in frame["Hinweis"].iloc[0]


def test_the_case_page_links_to_its_protokoll_which_shows_the_history(town: Workbook) -> None:
    at = open_page(FALL, id="KIM-XAN-2026-0002")
    at.text_input(key="fall.phone").input("0171 5555555")
    at.button(key="fall.submit").click().run()
    links = [link for link in at.get("page_link") if "Protokoll" in link.proto.label]
    assert links and links[0].proto.query_string == "id=KIM-XAN-2026-0002"
    at.query_params["id"] = "KIM-XAN-2026-0002"
    at.switch_page(PROTOKOLL).run()
    assert not at.exception
    frame = at.dataframe[0].value
    row = frame.iloc[0]
    assert (row["Benutzer"], row["Aktion"], row["Feld"], row["Alt"], row["Neu"]) == (
        "Test Fallmanagerin", "geändert", "Telefon", "0170 1234567", "0171 5555555",
    )  # fmt: skip


def test_the_access_request_is_one_button_and_is_logged(town: Workbook) -> None:
    at = open_page(FALL, id="KIM-XAN-2026-0003")
    at.button(key="fall.auskunft").click().run()
    assert not at.exception
    download = at.get("download_button")
    assert download and "Auskunft-KIM-XAN-2026-0003-" in download[0].proto.label
    (entry,) = town.sheet("Protokoll")
    assert (entry["Aktion"], entry["Datensatz-ID"]) == ("exportiert", "KIM-XAN-2026-0003")


def _as_administrator() -> AppTest:
    at = open_app()
    return at.sidebar.selectbox(key="auth.demo").select("Administration (Löschfristen)").run()


def test_the_administrator_lists_due_cases_without_names(town: Workbook) -> None:
    at = _as_administrator()
    assert texts(at.title) == ["Löschfristen"]
    frame = at.dataframe[0].value
    assert list(frame["Fall-ID"]) == ["KIM-XAN-2026-0003"]
    assert "Altfall" not in frame.to_csv()
    assert at.button(key="loeschfristen.loeschen").disabled


def test_the_administrator_deletes_a_due_case_after_confirming(town: Workbook) -> None:
    at = _as_administrator()
    at.multiselect(key="loeschfristen.auswahl").select("KIM-XAN-2026-0003").run()
    at.checkbox(key="loeschfristen.bestaetigt").check().run()
    at.button(key="loeschfristen.loeschen").click().run()
    assert not at.exception
    assert texts(at.success)[0] == "Gelöscht: KIM-XAN-2026-0003."
    assert [row["Fall-ID"] for row in town.sheet("Fälle")] == [
        "KIM-XAN-2026-0001",
        "KIM-XAN-2026-0002",
    ]
    assert town.sheet("Kontakte") == []
    (entry,) = town.sheet("Protokoll")
    assert entry["Neu"] == "Fall KIM-XAN-2026-0003 gelöscht (Löschfrist)"
    assert entry["Benutzer"] == "Demo-Administration"
