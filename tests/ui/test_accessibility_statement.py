"""The accessibility statement names the installation's contact and date, or flags placeholders."""

from __future__ import annotations

import os
from pathlib import Path

from tests.ui.conftest import Workbook, open_page, texts
from ui.accessibility_statement import OMBUDSSTELLE_EMAIL, OMBUDSSTELLE_URL, PAGE_FILE

MOERS_STATEMENT = """
[accessibility]
contact_address = "Stadt Moers, Fachdienst Integration, Rathausplatz 1, 47441 Moers"
contact_email = "barrierefreiheit@moers.example"
contact_phone = "02841 201-0"
statement_date = 2026-11-30
reviewed_on = 2026-12-01
"""


def add_to_sources(text: str) -> None:
    sources = Path(os.environ["KIM_SOURCES"])
    sources.write_text(sources.read_text(encoding="utf-8") + text, encoding="utf-8")


def placeholder_warnings(at: object) -> list[str]:
    return [text for text in texts(at.warning) if "Platzhalter" in text]  # type: ignore[attr-defined]


def page_text(at: object) -> str:
    return "\n".join(texts(at.markdown))  # type: ignore[attr-defined]


def test_without_settings_every_installation_part_is_flagged_as_unconfirmed(
    workbook: Workbook,
) -> None:
    at = open_page(PAGE_FILE)
    assert not at.exception
    [warning] = placeholder_warnings(at)
    for part in ("Anschrift", "E-Mail-Adresse", "Telefonnummer", "Datum der Erklärung"):
        assert part in warning
    assert "[accessibility]" in warning
    text = page_text(at)
    assert text.count("noch nicht bestätigt") == 4  # address, e-mail, phone, date
    assert "„Datum noch offen“" in text


def test_configured_contact_and_dates_are_shown_without_placeholders(workbook: Workbook) -> None:
    add_to_sources(MOERS_STATEMENT)
    at = open_page(PAGE_FILE)
    assert not at.exception
    assert placeholder_warnings(at) == []
    text = page_text(at)
    assert "noch nicht bestätigt" not in text
    assert "Rathausplatz 1, 47441 Moers" in text
    assert "[barrierefreiheit@moers.example](mailto:barrierefreiheit@moers.example)" in text
    assert "Telefon: 02841 201-0" in text
    assert "am 30.11.2026 erstellt und zuletzt am 01.12.2026 überprüft" in text


def test_the_ombudsstelle_nrw_is_named_whatever_the_installation_configures(
    workbook: Workbook,
) -> None:
    add_to_sources(MOERS_STATEMENT)
    text = page_text(open_page(PAGE_FILE))
    assert f"]({OMBUDSSTELLE_URL})" in text
    assert f"mailto:{OMBUDSSTELLE_EMAIL}" in text
    assert (
        "Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen" in text
    )


def test_a_towns_text_is_shown_as_typed_not_as_markdown(workbook: Workbook) -> None:
    add_to_sources('[accessibility]\ncontact_address = "Haus *A*, [Zimmer](javascript:x) 3"\n')
    text = page_text(open_page(PAGE_FILE))
    assert "Haus \\*A\\*, \\[Zimmer\\]\\(javascript:x\\) 3" in text


def test_a_bad_setting_stops_the_app_with_a_german_message(workbook: Workbook) -> None:
    add_to_sources('[accessibility]\ncontact_email = "kim at moers"\n')
    at = open_page(PAGE_FILE)
    assert any("„kim at moers“ ist keine E-Mail-Adresse" in error for error in texts(at.error))
