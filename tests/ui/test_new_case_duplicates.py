"""„Neuer Fall“ shows likely existing matches before saving, and the user decides."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.ui.conftest import TODAY, Workbook, open_page, texts

NEU = "pages/neuer_fall.py"


def fill(at: AppTest, first: str, last: str, born: str) -> None:
    at.text_input(key="neu.first_name").input(first)
    at.text_input(key="neu.last_name").input(last)
    at.text_input(key="neu.birth_date").input(born)
    at.text_input(key="neu.first_contact").input(TODAY.strftime("%d.%m.%Y"))


def test_a_likely_existing_person_is_shown_and_nothing_is_saved_until_confirmed(
    workbook: Workbook,
) -> None:
    before = workbook.path.read_bytes()
    at = open_page(NEU)
    fill(at, "Juergen", "Mueller", "01.04.1990")  # Jürgen Müller, born 01.04.1990, is case 1
    at.button(key="neu.submit").click().run()
    assert not at.exception
    assert workbook.path.read_bytes() == before
    assert any("vielleicht schon erfasst" in text for text in texts(at.warning))
    matches = at.dataframe[0].value
    assert list(matches["_link"]) == ["fall?id=KIM-XAN-2026-0001"]
    assert matches.iloc[0]["Übereinstimmung"].startswith("Name gleich · Geburtsdatum gleich")
    assert at.text_input(key="neu.last_name").value == "Mueller"  # the input stays
    at.checkbox(key="neu.trotzdem").check().run()
    at.button(key="neu.submit").click().run()
    assert not at.exception
    created = [t for t in texts(at.success) if t.endswith("angelegt.")]
    assert created, texts(at.error)
    case_id = created[0].split()[1]
    assert workbook.case(case_id)["Nachname"] == "Mueller"


def test_a_person_nobody_resembles_is_created_without_a_question(workbook: Workbook) -> None:
    at = open_page(NEU)
    fill(at, "Linh", "Nguyen", "03.07.1985")
    at.button(key="neu.submit").click().run()
    assert not at.exception
    assert not at.checkbox
    assert any(text.endswith("angelegt.") for text in texts(at.success))
