"""The client script on a page of Streamlit's English labels: it speaks German, keeps user text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import VIEWPORT
from ui.client_helpers import SCRIPT_FILE

pytestmark = pytest.mark.browser

STREAMLIT_LIKE = """
<html lang="en"><body>
  <a href="#stMain">Skip to main content</a>
  <div data-testid="stStatusWidget"><span aria-label="Running...">Running...</span>
    <button id="stop">Stop</button><button id="stopping">Stopping...</button></div>
  <button id="help" aria-label="Help for Nachname"></button>
  <button id="clear" aria-label="Clear all"></button>
  <section data-testid="stFileUploaderDropzone" role="presentation" aria-label="Arbeitsmappe">
    <span id="drop">Drag and drop file here</span><small id="limit">200MB per file • XLSX</small>
    <button id="upload">Upload</button>
  </section>
  <span id="icon" aria-label="science icon">science</span>
  <span id="done" aria-label="check_circle icon">check_circle</span>
  <div data-testid="stMain"><div data-testid="stMarkdown">
    <div data-testid="stMarkdownContainer"><p id="note">Stop</p></div></div></div>
</body></html>
"""


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport=VIEWPORT, locale="de-DE")
    page = context.new_page()
    page.set_content(STREAMLIT_LIKE)
    page.add_script_tag(content=SCRIPT_FILE.read_text(encoding="utf-8"))
    yield page
    context.close()


def text(page: Page, selector: str) -> str:
    return page.locator(selector).inner_text().strip()


def test_the_page_is_german_and_streamlit_labels_are_translated(page: Page) -> None:
    assert page.evaluate("document.documentElement.lang") == "de"
    assert text(page, "a") == "Zum Hauptinhalt springen"
    assert text(page, "#stop") == "Anhalten"
    assert text(page, "#stopping") == "Wird angehalten …"
    assert page.locator('[data-testid="stStatusWidget"] span').get_attribute("aria-label") == (
        "Die Seite wird geladen …"
    )
    assert page.locator("#help").get_attribute("aria-label") == "Hilfe zu „Nachname“"
    assert page.locator("#clear").get_attribute("aria-label") == "Alle entfernen"
    assert text(page, "#upload") == "Hochladen"
    assert text(page, "#drop") == "Datei hierher ziehen"
    assert text(page, "#limit") == "Höchstens 200 MB je Datei • XLSX"


def test_the_upload_area_becomes_a_named_group(page: Page) -> None:
    page.wait_for_function(
        "document.querySelector('[data-testid=stFileUploaderDropzone]').role === 'group'"
    )


def test_a_decorative_icon_is_hidden_instead_of_named_in_english(page: Page) -> None:
    icon = page.locator("#icon")
    assert icon.get_attribute("aria-hidden") == "true"
    assert icon.get_attribute("aria-label") is None
    # An icon that carries meaning (a success message's tick) is named in German.
    assert page.locator("#done").get_attribute("aria-label") == "Erledigt"


def test_the_apps_own_text_stays_as_written(page: Page) -> None:
    assert text(page, "#note") == "Stop"


def test_labels_streamlit_adds_later_are_translated_too(page: Page) -> None:
    page.evaluate(
        """() => {
          const b = document.createElement('button');
          b.id = 'later'; b.setAttribute('aria-label', 'Remove Xanten');
          document.body.append(b);
          document.querySelector('#clear').setAttribute('aria-label', 'Clear all');
        }"""
    )
    page.wait_for_function("document.querySelector('#later').ariaLabel === '„Xanten“ entfernen'")
    assert page.locator("#clear").get_attribute("aria-label") == "Alle entfernen"


REDRAW = """() => {
  const old = document.querySelector('.st-key-fall-submit');
  const fresh = old.cloneNode(true);
  old.remove();
  setTimeout(() => document.body.append(fresh), 20);
}"""


def add_keyed_button(page: Page) -> None:
    page.evaluate(
        """() => {
          const box = document.createElement('div');
          box.className = 'stElementContainer st-key-fall-submit';
          box.innerHTML = '<button>Speichern</button>';
          document.body.append(box);
        }"""
    )


def test_focus_returns_to_a_control_a_rerun_redrew(page: Page) -> None:
    add_keyed_button(page)
    page.locator(".st-key-fall-submit button").focus()
    page.evaluate(REDRAW)
    page.wait_for_function("document.activeElement.innerText === 'Speichern'")


def test_focus_is_not_pulled_back_after_the_user_clicked_elsewhere(page: Page) -> None:
    add_keyed_button(page)
    page.locator(".st-key-fall-submit button").focus()
    page.mouse.click(5, 5)
    page.evaluate(REDRAW)
    page.wait_for_timeout(300)
    assert page.evaluate("document.activeElement === document.body")
