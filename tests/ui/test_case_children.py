"""Contacts, goals and referrals on the case page: tables, adding a row, editing a chosen row."""

from __future__ import annotations

from tests.ui.conftest import TODAY, Workbook, open_page, texts

FALL = "pages/fall.py"


def test_the_case_page_lists_the_contacts_of_the_case(workbook: Workbook) -> None:
    at = open_page(FALL, id="KIM-XAN-2026-0001")
    assert "Kontakte (1)" in texts(at.header)
    contacts = at.dataframe(key="kontakte.tabelle.KIM-XAN-2026-0001").value
    assert list(contacts["Kontakt-ID"]) == ["KIM-XAN-2026-0001-K01"]


def test_adding_a_contact_writes_the_next_contact_id(workbook: Workbook) -> None:
    at = open_page(FALL, id="KIM-XAN-2026-0001")
    assert at.text_input(key="kontakte.neu.date").value == TODAY.strftime("%d.%m.%Y")
    at.selectbox(key="kontakte.neu.kind").select("telefonisch")
    at.text_input(key="kontakte.neu.duration_minutes").input("20")
    at.button(key="kontakte.neu.submit").click().run()
    assert not at.exception
    assert "Kontakt KIM-XAN-2026-0001-K02 hinzugefügt." in texts(at.success)
    assert "Kontakte (2)" in texts(at.header)
    added = workbook.sheet("Kontakte")[-1]
    assert (added["Kontakt-ID"], added["Art"], added["Erfasst von"]) == (
        "KIM-XAN-2026-0001-K02",
        "telefonisch",
        "Test Fallmanagerin",
    )


def test_an_invalid_contact_is_not_added_and_the_input_stays(workbook: Workbook) -> None:
    before = workbook.path.read_bytes()
    at = open_page(FALL, id="KIM-XAN-2026-0001")
    at.selectbox(key="kontakte.neu.kind").select("persönlich")
    at.text_input(key="kontakte.neu.duration_minutes").input("900")
    at.button(key="kontakte.neu.submit").click().run()
    assert workbook.path.read_bytes() == before
    assert any("Bitte eine Zahl von 1 bis 480 eingeben" in e for e in texts(at.error))
    assert at.text_input(key="kontakte.neu.duration_minutes").value == "900"


def test_a_chosen_contact_can_be_edited(workbook: Workbook) -> None:
    at = open_page(FALL, id="KIM-XAN-2026-0001")
    at.session_state["kontakte.tabelle.KIM-XAN-2026-0001"] = {
        "selection": {"rows": [0], "columns": [], "cells": []}
    }
    at.run()
    assert (
        at.text_input(key="kontakte.edit.KIM-XAN-2026-0001-K01.contact_id").value
        == "KIM-XAN-2026-0001-K01"
    )
    at.text_area(key="kontakte.edit.KIM-XAN-2026-0001-K01.note").input(
        "Termin beim Jobcenter vorbereitet"
    )
    at.button(key="kontakte.edit.KIM-XAN-2026-0001-K01.submit").click().run()
    assert not at.exception
    assert "Gespeichert: Notiz." in texts(at.success)
    assert workbook.sheet("Kontakte")[0]["Notiz"] == "Termin beim Jobcenter vorbereitet"
