"""The app starts and Chromium shows the Streamlit page (until the real pages have tests)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def test_app_page_loads_in_chromium(browser_page: Page, app_url: str, artifacts_dir: Path) -> None:
    browser_page.goto(app_url)

    browser_page.locator('[data-testid="stApp"]').wait_for(state="visible")
    # The app view is only there once the script has run, not just the Streamlit shell.
    browser_page.locator('[data-testid="stMain"]').wait_for(state="visible")

    assert browser_page.locator('[data-testid="stException"]').count() == 0

    screenshot = artifacts_dir / "smoke_app_page.png"
    browser_page.screenshot(path=screenshot, full_page=True)
    assert screenshot.stat().st_size > 0
