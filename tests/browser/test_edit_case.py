"""A case manager searches a person, opens the case, changes a field, saves — and the workbook has it."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect
from python_calamine import CalamineWorkbook

from sheets_schema import Case, SheetName, header_of
from tests.support.streamlit_server import StreamlitServer


def read_cases(path: Path) -> list[dict[str, object]]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(SheetName.CASES).to_python()
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]


def test_search_edit_and_save_reaches_the_workbook(
    browser_page: Page, app_server: StreamlitServer, artifacts_dir: Path
) -> None:
    workbook = app_server.data_dir / "demo" / "kim-moe.xlsx"
    id_header, name_header, city_header = (
        header_of(Case, f) for f in ("case_id", "last_name", "city")
    )
    first_header = header_of(Case, "first_name")
    target = next(
        row for row in read_cases(workbook) if str(row[name_header]).isascii() and row[first_header]
    )
    case_id, last_name, first_name = (
        str(target[h]) for h in (id_header, name_header, first_header)
    )

    page = browser_page
    page.goto(app_server.base_url)
    search = page.get_by_role("textbox", name="Suche")
    # First name last, in lower case: the search ignores case and order.
    search.fill(f"{last_name.lower()} {first_name.lower()}")
    search.press("Enter")
    table = page.get_by_test_id("stDataFrame")
    # The grid draws on a canvas; its accessible table holds the same rows, best hit first.
    expect(table.locator("tr").nth(1)).to_contain_text(case_id)

    # The first row is the best hit; clicking it opens the case.
    box = table.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 15, box["y"] + 35 + 18)
    expect(page).to_have_url(f"{app_server.base_url}/fall?id={case_id}")
    expect(page.get_by_role("heading", name=f"Fall {case_id}")).to_be_visible()

    city = page.get_by_role("textbox", name=city_header, exact=True)
    city.fill("Moers-Kapellen (Browsertest)")
    page.get_by_role("button", name="Speichern").first.click()
    # The save message itself, not any other text that mentions saving.
    expect(page.get_by_text(re.compile(r"^Gespeichert: "))).to_be_visible()
    page.screenshot(path=artifacts_dir / "case_saved.png", full_page=True)

    saved = next(row for row in read_cases(workbook) if row[id_header] == case_id)
    assert saved[city_header] == "Moers-Kapellen (Browsertest)"
    assert saved[header_of(Case, "changed_by")]
