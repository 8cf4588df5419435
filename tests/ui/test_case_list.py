"""The page „Fälle“: cases of the workbook, filters, one search box, marked problems, links."""

from __future__ import annotations

from pathlib import Path

from sheets_schema.enums import Town
from tests.support.builders import make_case, town_workbook
from tests.ui.conftest import Workbook, open_app, texts


def case_ids(at: object) -> list[str]:
    frame = at.dataframe[0].value  # type: ignore[attr-defined]
    return sorted(link.split("id=")[1] for link in frame["_link"])


def test_the_list_shows_every_case_with_german_headers(workbook: Workbook) -> None:
    at = open_app()
    assert not at.exception
    assert texts(at.title) == ["Fälle"]
    assert case_ids(at) == [f"KIM-XAN-2026-000{n}" for n in range(1, 6)]
    columns = list(at.dataframe[0].value.columns)
    assert {"Nachname", "Vorname", "Geburtsdatum", "Status", "Wiedervorlage", "Prüfung"} <= set(
        columns
    )


def test_each_row_links_to_its_case_page(workbook: Workbook) -> None:
    frame = open_app().dataframe[0].value
    assert "fall?id=KIM-XAN-2026-0001" in list(frame["_link"])


def test_rows_with_rule_violations_are_marked_and_counted(workbook: Workbook) -> None:
    at = open_app()
    frame = at.dataframe[0].value
    checks = dict(zip(frame["Nachname"], frame["Prüfung"], strict=True))
    assert checks["Haidari"] == "⚠ 1 Fehler"
    assert checks["Yilmaz"] == "1 Hinweis"
    assert checks["Müller"] == ""
    assert any("1 mit Fehlern" in caption for caption in texts(at.caption))


def test_the_status_filter_keeps_only_that_status(workbook: Workbook) -> None:
    at = open_app()
    at.multiselect(key="faelle.status").select("Ruhend").run()
    assert case_ids(at) == ["KIM-XAN-2026-0002"]


def test_the_case_manager_filter_offers_the_names_in_the_sheet(workbook: Workbook) -> None:
    at = open_app()
    managers = at.multiselect(key="faelle.fallmanager")
    assert managers.options == ["Anna Beispiel", "Ben Krüger"]
    managers.select("Ben Krüger").run()
    assert case_ids(at) == ["KIM-XAN-2026-0005"]


def test_follow_up_due_shows_only_overdue_open_cases(workbook: Workbook) -> None:
    at = open_app()
    at.checkbox(key="faelle.faellig").check().run()
    assert case_ids(at) == ["KIM-XAN-2026-0004"]


def test_search_mueller_finds_mueller_and_says_what_matched(workbook: Workbook) -> None:
    at = open_app()
    at.text_input(key="faelle.suche").input("mueller").run()
    frame = at.dataframe[0].value
    assert list(frame["Nachname"]) == ["Müller"]
    assert list(frame["Treffer"]) == ["Name: Jürgen Müller"]


def test_search_by_fall_id_number_and_without_hits_says_so(workbook: Workbook) -> None:
    at = open_app()
    at.text_input(key="faelle.suche").input("KIM-XAN-2026-0004").run()
    assert case_ids(at)[0] == "KIM-XAN-2026-0004"
    at.text_input(key="faelle.suche").input("Zzyzx").run()
    assert not at.dataframe
    assert any("Kein Fall passt zu „Zzyzx“" in info for info in texts(at.info))


def test_a_missing_workbook_gives_a_german_message_not_a_traceback(workbook: Workbook) -> None:
    workbook.path.unlink()
    at = open_app()
    assert not at.exception
    assert any("wurde nicht gefunden" in error for error in texts(at.error))


def test_only_errors_keeps_the_rows_that_cannot_be_saved_as_they_are(workbook: Workbook) -> None:
    at = open_app()
    at.checkbox(key="faelle.fehler").check().run()
    assert case_ids(at) == ["KIM-XAN-2026-0003"]


def test_several_towns_are_listed_together_and_filtered_by_kommune(
    workbook: Workbook, tmp_path: Path
) -> None:
    town_workbook(
        tmp_path / "moers.xlsx",
        [make_case(9, town=Town.MOERS, last_name="Mueller", postcode="47441")],
    )
    (tmp_path / "sources.toml").write_text(
        'demo_login = true\n[[town]]\nname = "Xanten"\nworkbook = "xanten.xlsx"\n'
        '[[town]]\nname = "Moers"\nworkbook = "moers.xlsx"\n',
        encoding="utf-8",
    )
    at = open_app()
    assert "KIM-MOE-2026-0009" in case_ids(at)
    at.text_input(key="faelle.suche").input("Müller").run()
    assert case_ids(at) == ["KIM-MOE-2026-0009", "KIM-XAN-2026-0001"]
    at.multiselect(key="faelle.kommune").select(Town.MOERS).run()
    assert case_ids(at) == ["KIM-MOE-2026-0009"]
