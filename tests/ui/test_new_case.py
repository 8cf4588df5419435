"""The page „Neuer Fall“: the expected Fall-ID, creating the case, and the way to its page."""

from __future__ import annotations

from tests.ui.conftest import TODAY, Workbook, open_page, texts

NEU = "pages/neuer_fall.py"


def test_the_new_case_gets_the_next_fall_id_and_its_page_opens(workbook: Workbook) -> None:
    at = open_page(NEU)
    expected = f"KIM-XAN-{TODAY.year}-{6 if TODAY.year == 2026 else 1:04d}"
    assert any(expected in info for info in texts(at.info))
    assert at.selectbox(key="neu.status").value == "Anfrage"
    at.text_input(key="neu.last_name").input("Nguyen")
    at.text_input(key="neu.first_name").input("Linh")
    at.text_input(key="neu.first_contact").input(TODAY.strftime("%d.%m.%Y"))
    at.button(key="neu.submit").click().run()
    assert not at.exception
    assert texts(at.title) == [f"Fall {expected}"]
    assert f"Fall {expected} angelegt." in texts(at.success)
    row = workbook.case(expected)
    assert (row["Nachname"], row["Kommune"], row["Status"]) == ("Nguyen", "Xanten", "Anfrage")


def test_a_new_case_without_a_name_is_refused_and_the_input_stays(workbook: Workbook) -> None:
    before = workbook.path.read_bytes()
    at = open_page(NEU)
    at.text_input(key="neu.first_name").input("Linh")
    at.button(key="neu.submit").click().run()
    assert workbook.path.read_bytes() == before
    assert "Bitte ausfüllen: „Nachname“ ist ein Pflichtfeld." in texts(at.error)
    assert at.text_input(key="neu.first_name").value == "Linh"
    assert texts(at.title) == ["Neuer Fall"]
