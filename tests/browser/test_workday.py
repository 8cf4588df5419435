"""A case manager's morning in Chromium: the task list, then a case's Fallblatt as a PDF download."""

from __future__ import annotations

import io
import re
from pathlib import Path

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.support.streamlit_server import StreamlitServer

LOAD_MS = 60_000  # the first visit reads all five demo workbooks


def test_the_task_list_shows_appointments_and_a_case_prints_as_pdf(
    browser_page: Page, app_server: StreamlitServer, artifacts_dir: Path
) -> None:
    page = browser_page
    page.goto(app_server.base_url)
    page.get_by_role("link", name="Meine Aufgaben").click()
    expect(page.get_by_role("heading", name="Meine Aufgaben")).to_be_visible(timeout=LOAD_MS)
    # The whole town (other browser tests may have given the demo user cases of their own);
    # the demo plans appointments for about a quarter of the active cases.
    page.get_by_role("radiogroup", name="Fälle").get_by_text(
        "Alle Fälle der Kommune", exact=True
    ).click()
    expect(
        page.get_by_role("heading", name=re.compile(r"^Geplante Termine \(\d+\)")).first
    ).to_be_visible()
    table = page.get_by_test_id("stDataFrame").first
    link = table.locator("tr").nth(1).locator("td").first
    expect(link).to_contain_text("KIM-", timeout=LOAD_MS)
    page.screenshot(path=artifacts_dir / "meine_aufgaben.png")
    case_id = re.search(r"KIM-[A-Z]{3}-\d{4}-\d{4}", link.inner_text())
    assert case_id is not None
    page.goto(f"{app_server.base_url}/fall?id={case_id[0]}")
    expect(page.get_by_role("heading", name=f"Fall {case_id[0]}")).to_be_visible(timeout=LOAD_MS)
    page.get_by_role("button", name="Fallblatt (PDF)").click()
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile(r"^Fallblatt-.*\.pdf herunterladen$")).click()
    path = download.value.path()
    pdf = Path(path).read_bytes()
    assert pdf.startswith(b"%PDF")
    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)
    assert f"Fallblatt {case_id[0]}" in text
