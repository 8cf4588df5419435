"""After saving a long form, the confirmation appears where the user is: next to the Speichern button."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from sheets_schema import Case, header_of
from tests.browser.conftest import VIEWPORT
from tests.browser.test_edit_case import read_cases
from tests.support.streamlit_server import StreamlitServer


def _in_viewport(locator: Locator) -> bool:
    box = locator.bounding_box()
    assert box is not None
    return box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORT["height"]


def test_the_saved_message_is_in_view_after_saving_a_form_far_down_the_page(
    browser_page: Page, app_server: StreamlitServer, artifacts_dir: Path
) -> None:
    workbook = app_server.data_dir / "demo" / "kim-xan.xlsx"
    case_id = str(read_cases(workbook)[3][header_of(Case, "case_id")])
    page = browser_page
    # The case list first, as a user would: the first run of the server reads the workbooks.
    page.goto(app_server.base_url)
    expect(page.get_by_test_id("stDataFrame")).to_be_visible(timeout=60_000)
    page.goto(f"{app_server.base_url}/fall?id={case_id}")
    expect(page.get_by_role("heading", name=f"Fall {case_id}")).to_be_visible()

    remark = page.get_by_role("textbox", name=header_of(Case, "remark"), exact=True)
    remark.fill("Rückruf vereinbart (Browsertest)")
    save = page.get_by_role("button", name="Speichern").first
    save.scroll_into_view_if_needed()
    box = save.bounding_box()
    heading = page.get_by_role("heading", name=f"Fall {case_id}").bounding_box()
    assert box is not None and heading is not None
    # The form is long: its button is far below the page's top.
    assert box["y"] - heading["y"] > VIEWPORT["height"]
    save.click()

    message = page.get_by_text("Gespeichert:")
    expect(message).to_be_visible()
    page.screenshot(path=artifacts_dir / "save_feedback.png")
    assert _in_viewport(message)
