"""Keyboard only: create a case, correct an error, edit and save — focus stays where the user is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from python_calamine import CalamineWorkbook

from sheets_schema import Case, SheetName, header_of
from tests.browser.a11y_checks import axe_violations, settle
from tests.support.streamlit_server import StreamlitServer

pytestmark = pytest.mark.browser

TAB_LIMIT = 250
# Saving and reloading a town takes a few seconds on a busy two-core machine.
WAIT_MS = 30_000
_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return "";
  return (el.getAttribute("aria-label") || el.innerText || "").trim();
}"""


def focused(page: Page) -> str:
    """The name of the focused control: a field's label or a button's text."""
    return str(page.evaluate(_FOCUSED))


def tab_to(page: Page, name: str, *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the control called `name` has the focus."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(TAB_LIMIT):
        if focused(page) == name:
            return
        page.keyboard.press(key)
    raise AssertionError(
        f"{name!r} not reached with {TAB_LIMIT} × {key}; focus on {focused(page)!r}"
    )


def cases_named(workbook: Path, last_name: str) -> list[dict[str, object]]:
    rows = CalamineWorkbook.from_path(str(workbook)).get_sheet_by_name(SheetName.CASES).to_python()
    header = header_of(Case, "last_name")
    return [
        row
        for row in (dict(zip(rows[0], values, strict=False)) for values in rows[1:])
        if row[header] == last_name
    ]


def test_create_correct_edit_and_save_a_case_with_the_keyboard_alone(
    browser_page: Page, app_server: StreamlitServer
) -> None:
    page = browser_page
    # A fresh server's first request is best the start page (a page address first hands over).
    page.goto(app_server.base_url)
    settle(page)
    page.goto(f"{app_server.base_url}/neu")
    expect(page.get_by_role("heading", name="Neuer Fall")).to_be_visible()
    settle(page)

    tab_to(page, header_of(Case, "last_name"))
    page.keyboard.type("Tastaturprobe")
    tab_to(page, header_of(Case, "birth_date"))
    page.keyboard.type("31.02.1990")
    tab_to(page, "Fall anlegen")
    page.keyboard.press("Enter")

    message = page.get_by_text("Das Datum „31.02.1990“ gibt es nicht")
    expect(message).to_be_visible(timeout=WAIT_MS)
    settle(page)
    # The failed attempt leaves the focus on the button, not at the top of the page.
    assert focused(page) == "Fall anlegen"
    birth_date = page.get_by_role("textbox", name=header_of(Case, "birth_date"), exact=True)
    expect(birth_date).to_have_attribute("aria-invalid", "true")
    expect(birth_date).to_have_accessible_description(
        "Das Datum „31.02.1990“ gibt es nicht: Der Februar 1990 hat nur 28 Tage. "
        "Bitte das Datum prüfen.",
        timeout=5_000,
    )
    assert axe_violations(page) == []

    tab_to(page, header_of(Case, "birth_date"), backwards=True)
    page.keyboard.press("Control+A")
    page.keyboard.type("28.02.1990")
    tab_to(page, "Fall anlegen")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/fall\?id=KIM-"))
    heading = page.get_by_role("heading", name="Fall KIM-")
    expect(heading).to_be_visible(timeout=WAIT_MS)
    settle(page)
    case_id = heading.inner_text().removeprefix("Fall ").strip()
    workbook = app_server.data_dir / "demo" / f"kim-{case_id.split('-')[1].lower()}.xlsx"
    assert [row[header_of(Case, "case_id")] for row in cases_named(workbook, "Tastaturprobe")] == [
        case_id
    ]

    tab_to(page, header_of(Case, "city"))
    page.keyboard.press("Control+A")
    page.keyboard.type("Xanten-Tastatur")
    tab_to(page, "Speichern")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Gespeichert")).to_be_visible(timeout=WAIT_MS)
    settle(page)
    # After saving the focus stays on „Speichern“ (it used to fall back to the page top).
    assert focused(page) == "Speichern"
    assert axe_violations(page) == []
    (saved,) = cases_named(workbook, "Tastaturprobe")
    assert saved[header_of(Case, "city")] == "Xanten-Tastatur"
