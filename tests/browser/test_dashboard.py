"""The dashboard „Auswertung“ in Chromium: charts render, coordinators see perturbed counts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

CHARTS = ".vega-embed canvas, .vega-embed svg"
DEMO_PICKER = "Demo: Sie handeln als …"
COORDINATION = "Koordination (Kreis)"
# The first, cold run reads five demo workbooks; expect() would give up after 5 s.
WAIT_MS = 30_000


def open_dashboard(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/auswertung")
    expect(page.get_by_role("heading", name="Auswertung")).to_be_visible(timeout=WAIT_MS)
    page.locator(CHARTS).first.wait_for(state="visible", timeout=WAIT_MS)


def small_number_cells(page: Page) -> Locator:
    """Table cells showing a count of 1 or 2."""
    return page.locator('[data-testid="stTable"] td').filter(has_text=re.compile(r"^[12]$"))


def wait_for_whole_page(page: Page) -> None:
    """The report buttons come last: once they are there, the page has been sent completely."""
    expect(page.get_by_text("CSV (.zip)")).to_be_visible(timeout=WAIT_MS)


def test_case_managers_see_charts_with_every_number(
    browser_page: Page, app_url: str, artifacts_dir: Path
) -> None:
    open_dashboard(browser_page, app_url)
    wait_for_whole_page(browser_page)
    assert browser_page.locator(CHARTS).count() >= 8
    assert browser_page.get_by_text("leicht verändert").count() == 0
    assert browser_page.locator('[data-testid="stException"]').count() == 0
    browser_page.screenshot(path=artifacts_dir / "auswertung_fallmanagement.png", full_page=True)


def test_coordinators_see_charts_and_never_a_count_of_one_or_two(
    browser_page: Page, app_url: str, artifacts_dir: Path
) -> None:
    open_dashboard(browser_page, app_url)
    picker = browser_page.locator('[data-testid="stSelectbox"]').filter(has_text=DEMO_PICKER)
    if picker.count() == 0:
        pytest.skip("no demo role picker in the sidebar (login issue not merged)")
    picker.click()
    browser_page.get_by_role("option", name=COORDINATION).click()
    expect(browser_page.get_by_text("leicht verändert").first).to_be_visible(timeout=WAIT_MS)
    browser_page.locator(CHARTS).first.wait_for(state="visible", timeout=WAIT_MS)
    wait_for_whole_page(browser_page)
    assert small_number_cells(browser_page).count() == 0
    assert browser_page.locator(CHARTS).count() >= 8
    assert browser_page.get_by_role("heading", name="Arbeitslisten").count() == 0
    browser_page.screenshot(path=artifacts_dir / "auswertung_koordination.png", full_page=True)
