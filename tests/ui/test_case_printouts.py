"""The case page offers Fallblatt and Hilfeplan as PDF downloads."""

from __future__ import annotations

import io

from pypdf import PdfReader

from tests.ui.conftest import Workbook, open_page

FALL = "pages/fall.py"
CASE = "KIM-XAN-2026-0001"


def test_the_fallblatt_button_offers_a_pdf_of_this_case(workbook: Workbook) -> None:
    at = open_page(FALL, id=CASE)
    at = at.button(key="fall.pdf.fallblatt.erstellen").click().run()
    assert not at.exception
    made = at.session_state["fall.pdf.fallblatt"]
    assert made.file_name.startswith(f"Fallblatt-{CASE}-")
    text = " ".join((PdfReader(io.BytesIO(made.data)).pages[0].extract_text() or "").split())
    assert "Müller, Jürgen" in text
    labels = [button.label for button in at.get("download_button")]
    assert f"{made.file_name} herunterladen" in labels
    assert [row["Aktion"] for row in workbook.sheet("Protokoll")] == ["exportiert"]
