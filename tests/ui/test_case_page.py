"""The page „Fall“: fields from the schema, problems next to them, saving, invalid input, conflicts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from casebook.storage.xlsx.store import WorkbookStore
from sheets_schema import Case, SheetName, field_specs
from tests.ui.conftest import APP, TIMEOUT, Workbook, open_page, texts
from ui import loading
from ui.session import AppContext

FALL = "pages/fall.py"


def test_the_case_page_shows_every_field_with_its_german_label(workbook: Workbook) -> None:
    at = open_page(FALL, id="KIM-XAN-2026-0001")
    assert not at.exception
    assert texts(at.title) == ["Fall KIM-XAN-2026-0001"]
    labels = {w.label for w in [*at.text_input, *at.text_area, *at.selectbox, *at.multiselect]}
    assert {spec.header for spec in field_specs(Case)} <= labels
    assert at.text_input(key="fall.last_name").value == "Müller"
    assert at.text_input(key="fall.birth_date").value == "01.04.1990"
    assert at.text_input(key="fall.case_id").disabled


def test_a_bookmarked_case_link_opens_under_the_apps_navigation(workbook: Workbook) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params["id"] = "KIM-XAN-2026-0002"
    at.switch_page("pages/fall.py").run()  # the first request of a fresh server is the link
    assert not at.exception
    assert texts(at.title) == ["Fall KIM-XAN-2026-0002"]
    assert at.query_params["id"] == "KIM-XAN-2026-0002"
    assert any("Geladene Tabellen" in text for text in texts(at.sidebar.markdown))


def test_an_unknown_list_value_is_shown_as_typed_with_its_error(workbook: Workbook) -> None:
    at = open_page(FALL, id="KIM-XAN-2026-0003")
    status = at.selectbox(key="fall.status")
    assert status.value == "Warteschleife"
    assert any("Unbekannter Wert „Warteschleife“" in error for error in texts(at.error))


def test_an_edit_is_saved_into_the_workbook(workbook: Workbook) -> None:
    at = open_page(FALL, id="KIM-XAN-2026-0001")
    at.text_input(key="fall.phone").input("0171 5555555")
    at.selectbox(key="fall.status").select("Ruhend")
    at.button(key="fall.submit").click().run()
    assert not at.exception
    assert texts(at.success) == ["Gespeichert: Status, Telefon."]
    row = workbook.case("KIM-XAN-2026-0001")
    assert (row["Telefon"], row["Status"], row["Geändert von"]) == (
        "0171 5555555",
        "Ruhend",
        "Test Fallmanagerin",
    )
    # The form shows the saved version, and the list sees it too.
    assert at.text_input(key="fall.phone").value == "0171 5555555"


def page_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records every run of the case page (each run looks its case up once)."""
    runs: list[str] = []
    real = loading.locate_case

    def counted(ctx: AppContext, case_id: str) -> Any:
        runs.append(case_id)
        return real(ctx, case_id)

    monkeypatch.setattr(loading, "locate_case", counted)
    return runs


@pytest.mark.parametrize(
    ("submit", "field", "value", "message"),
    [
        ("fall.submit", "fall.city", "Xanten-Birten", "Gespeichert: Ort."),
        (
            "kontakte.neu.submit",
            "kontakte.neu.duration_minutes",
            "20",
            "Kontakt KIM-XAN-2026-0001-K02 hinzugefügt.",
        ),
    ],
)
def test_a_save_shows_the_saved_row_after_a_single_page_run(
    workbook: Workbook,
    monkeypatch: pytest.MonkeyPatch,
    submit: str,
    field: str,
    value: str,
    message: str,
) -> None:
    at = open_page(FALL, id="KIM-XAN-2026-0001")
    runs = page_runs(monkeypatch)
    at.text_input(key=field).input(value)
    if submit.startswith("kontakte"):
        at.selectbox(key="kontakte.neu.kind").select("telefonisch")
    at.button(key=submit).click().run()
    assert not at.exception
    assert message in texts(at.success)
    assert runs == ["KIM-XAN-2026-0001"]  # the save ran in the button's callback, not a rerun
    if submit == "fall.submit":
        assert at.text_input(key="fall.city").value == "Xanten-Birten"
        assert at.text_input(key="fall.changed_by").value == "Test Fallmanagerin"
    else:
        assert "Kontakte (2)" in texts(at.header)
        assert at.text_input(key=field).value == ""  # the add form starts empty again


def test_an_invalid_edit_shows_the_german_message_and_writes_nothing(workbook: Workbook) -> None:
    before = workbook.path.read_bytes()
    at = open_page(FALL, id="KIM-XAN-2026-0001")
    at.text_input(key="fall.birth_date").input("31.02.1990")
    at.button(key="fall.submit").click().run()
    assert workbook.path.read_bytes() == before
    errors = texts(at.error)
    assert any(e.startswith("Nicht gespeichert: 1 Fehler") for e in errors)
    assert (
        "Das Datum „31.02.1990“ gibt es nicht: Der Februar 1990 hat nur 28 Tage. "
        "Bitte das Datum prüfen."
    ) in errors
    assert at.text_input(key="fall.birth_date").value == "31.02.1990"


def change_in_file(path: Path, case_id: str, cells: dict[str, object]) -> None:
    """Someone else edits the row meanwhile (as another app instance would)."""
    store = WorkbookStore(path)
    with store.transaction([SheetName.CASES]) as tx:
        (row,) = tx.snapshot.table(SheetName.CASES).rows_with("Fall-ID", case_id)
        tx.set_cells(SheetName.CASES, row.number, cells)  # type: ignore[arg-type]


def test_a_conflict_lists_the_changes_and_keeps_the_input(workbook: Workbook) -> None:
    at = open_page(FALL, id="KIM-XAN-2026-0001")
    change_in_file(workbook.path, "KIM-XAN-2026-0001", {"Telefon": "0203 999"})
    at.text_input(key="fall.city").input("Xanten-Birten")
    at.button(key="fall.submit").click().run()
    assert not at.exception
    message = next(e for e in texts(at.error) if e.startswith("Jemand hat diesen Fall"))
    assert "Telefon: „0170 1234567“ → „0203 999“" in message
    assert "Ihre Eingaben sind noch da" in message
    assert at.text_input(key="fall.city").value == "Xanten-Birten"
    assert workbook.case("KIM-XAN-2026-0001")["Ort"] in ("", None)


def test_after_a_conflict_the_current_version_can_be_loaded_keeping_my_changes(
    workbook: Workbook,
) -> None:
    at = open_page(FALL, id="KIM-XAN-2026-0001")
    change_in_file(workbook.path, "KIM-XAN-2026-0001", {"Telefon": "0203 999"})
    at.text_input(key="fall.city").input("Xanten-Birten")
    at.button(key="fall.submit").click().run()
    at.button(key="fall.reload_keep").click().run()
    assert at.text_input(key="fall.phone").value == "0203 999"
    assert at.text_input(key="fall.city").value == "Xanten-Birten"
    at.button(key="fall.submit").click().run()
    assert texts(at.success) == ["Gespeichert: Ort."]
    row = workbook.case("KIM-XAN-2026-0001")
    assert (row["Telefon"], row["Ort"]) == ("0203 999", "Xanten-Birten")


def test_a_workbook_open_in_excel_refuses_the_save_and_keeps_the_input(
    workbook: Workbook,
) -> None:
    at = open_page(FALL, id="KIM-XAN-2026-0001")
    (workbook.path.parent / f"~${workbook.path.name}").write_text("lock")
    at.text_input(key="fall.city").input("Wesel")
    at.button(key="fall.submit").click().run()
    assert any("in Excel/LibreOffice geöffnet" in e for e in texts(at.error))
    assert at.text_input(key="fall.city").value == "Wesel"


def test_an_unknown_fall_id_says_so(workbook: Workbook) -> None:
    at = open_page(FALL, id="KIM-XAN-2026-0099")
    assert not at.exception
    assert any("wurde in keiner geladenen Tabelle gefunden" in w for w in texts(at.warning))
