"""Browser test fixtures: the real app on a free port, and a fresh Chromium page per test."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect, sync_playwright

from tests.support.streamlit_server import (
    REPO_ROOT,
    PrepareData,
    StreamlitServer,
    prepare_default_data,
    running_app,
)

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps dialling Google's hosts, which this
# machine's closed network refuses, many at a time.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT: ViewportSize = {"width": 1400, "height": 900}
DEFAULT_TIMEOUT_MS = 20_000
_BROWSER_DIR = Path(__file__).resolve().parent
_reports = pytest.StashKey[dict[str, pytest.TestReport]]()


def _running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Each xdist worker that gets a browser test starts its own server and Chromium; grouping
    # them onto one worker (--dist loadgroup) is broken with pytest 9.2 (pytest-xdist #1386).
    for item in items:
        if _BROWSER_DIR in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item,
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    item.stash.setdefault(_reports, {})[report.when] = report
    return report


@pytest.fixture(autouse=True)
def patient_expectations() -> Iterator[None]:
    # Pages load in a new Streamlit session each; on a busy machine (or a shared CI runner) that
    # takes longer than Playwright's 5 s default for expect(). A passing check returns at once.
    expect.set_options(timeout=DEFAULT_TIMEOUT_MS)
    yield
    expect.set_options(timeout=5_000)


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Folder for screenshots and server logs (KIM_TEST_ARTIFACTS, else test-artifacts/)."""
    path = Path(os.environ.get("KIM_TEST_ARTIFACTS", REPO_ROOT / "test-artifacts"))
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def prepare_app_data() -> PrepareData:
    """Fills the session server's data folder; override at session scope to serve other data."""
    return prepare_default_data


@pytest.fixture(scope="session")
def app_server(
    tmp_path_factory: pytest.TempPathFactory,
    prepare_app_data: PrepareData,
    artifacts_dir: Path,
    worker_id: str,
) -> Iterator[StreamlitServer]:
    """The app on 127.0.0.1 with KIM_DATA_DIR in a temporary folder, for the whole session."""
    workdir = tmp_path_factory.mktemp("app")
    try:
        with running_app(workdir, prepare_app_data) as server:
            yield server
    finally:
        log = workdir / "streamlit.log"
        if log.exists():
            shutil.copyfile(log, artifacts_dir / f"streamlit-{worker_id}.log")


@pytest.fixture(scope="session")
def app_url(app_server: StreamlitServer) -> str:
    """Base URL of the session's app, such as http://127.0.0.1:38211."""
    return app_server.base_url


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright; Playwright never downloads a browser here."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium package (scripts/test does)"
        if _running_in_ci():
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        # launch() gives every run a fresh temporary profile (its own --user-data-dir).
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _screenshot_name(node_name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", node_name).strip("_") + ".png"


@pytest.fixture
def browser_page(
    chromium: Browser, request: pytest.FixtureRequest, artifacts_dir: Path
) -> Iterator[Page]:
    """A page in a new browser context (no cookies, no storage), German locale, 1400×900."""
    context = chromium.new_context(
        viewport=VIEWPORT,
        locale="de-DE",
        timezone_id="Europe/Berlin",
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
    finally:
        report = request.node.stash.get(_reports, {}).get("call")
        if report is not None and report.failed:
            page.screenshot(
                path=artifacts_dir / _screenshot_name(request.node.name), full_page=True
            )
        context.close()
