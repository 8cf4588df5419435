"""The pages „Datenqualität“, „Mögliche Doppelungen“ and „Tabelle prüfen“, opened with AppTest."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from casebook.core.actors import Role
from sheets_schema.enums import Town
from tests.support.builders import make_case, make_contact, town_workbook
from tests.support.messy_workbook import messy_workbook
from ui.duplicates_view import forget_duplicates

TIMEOUT = 30
BORN = date(1985, 2, 1)


def page(module: str, role: str, towns: list[str]) -> None:
    import importlib

    from casebook.core.actors import Actor, Role
    from casebook.core.config import load_config, town_sources
    from sheets_schema.enums import Town
    from ui.session import AppContext, today

    config = load_config()
    actor = Actor(f"Test {role}", Role(role), frozenset(Town(name) for name in towns))
    sources = tuple(s for s in town_sources(config) if s.town in actor.towns)
    ctx = AppContext(config=config, sources=sources, actor=actor, today=today())
    importlib.import_module(module).main(ctx)


def open_page(module: str, role: Role = Role.CASE_MANAGEMENT, towns: tuple[Town, ...] = (Town.XANTEN, Town.MOERS)) -> AppTest:  # fmt: skip
    names = [town.value for town in towns]
    at = AppTest.from_function(page, args=(module, role.value, names), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture(autouse=True)
def fresh_duplicates() -> Iterator[None]:
    forget_duplicates()
    yield
    forget_duplicates()


@pytest.fixture
def towns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Xanten with a slip or two, Moers with the same person as Xanten in Cyrillic."""
    xanten = [
        make_case(1, first_name="Olena", last_name="Shevchenko", birth_date=BORN),
        make_case(2, last_name="Haidari", first_name="Karim", birth_date="31.02.2024"),
        make_case(3, last_name="Yilmaz", first_name="Ayse", postcode="47441"),
    ]
    town_workbook(tmp_path / "xanten.xlsx", xanten, [make_contact("KIM-XAN-2026-0099")])
    moers = [
        make_case(1, Town.MOERS, first_name="Олена", last_name="Шевченко", birth_date=BORN,
                  postcode="47441"),
        make_case(2, Town.MOERS, first_name="Jürgen", last_name="Müller", postcode="47441",
                  follow_up=date(2025, 1, 5)),
    ]  # fmt: skip
    town_workbook(tmp_path / "moers.xlsx", moers)
    messy_workbook(tmp_path / "wesel.xlsx")
    sources = tmp_path / "sources.toml"
    sources.write_text(
        'demo_login = true\n[[town]]\nname = "Xanten"\nworkbook = "xanten.xlsx"\n'
        '[[town]]\nname = "Moers"\nworkbook = "moers.xlsx"\n'
        '[[town]]\nname = "Wesel"\nworkbook = "wesel.xlsx"\n'
        '[town.mapping.columns."Fälle"]\n"Interne Notiz" = ""\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("KIM_SOURCES", str(sources))
    return tmp_path


def expander_labels(at: AppTest) -> list[str]:
    return [str(e.label) for e in at.expander]


def test_data_quality_lists_findings_grouped_by_rule_and_column_with_counts(towns: Path) -> None:
    at = open_page("pages.datenqualitaet")
    labels = expander_labels(at)
    assert "Fehler: Datum gibt es nicht – Fälle, Spalte „Geburtsdatum“ (1)" in labels
    assert "Fehler: Fall-ID unbekannt – Kontakte, Spalte „Fall-ID“ (1)" in labels
    assert labels[-2:] == [
        "Hinweis: PLZ nicht in der Kommune – Fälle, Spalte „PLZ“ (1)",
        "Hinweis: Wiedervorlage überfällig – Fälle, Spalte „Wiedervorlage“ (1)",
    ]
    frame = at.dataframe[0].value
    assert frame.iloc[0].to_dict() == {
        "Kommune": "Xanten",
        "Zeile": 3,
        "_link": "fall?id=KIM-XAN-2026-0002",
        "Datensatz-ID": "KIM-XAN-2026-0002",
        "Meldung": (
            "Das Datum „31.02.2024“ gibt es nicht: Der Februar 2024 hat nur 29 Tage. "
            "Bitte das Datum prüfen."
        ),
    }
    assert "2 Fehler · 2 Hinweise" in " ".join(str(c.value) for c in at.caption)


def test_data_quality_filters_by_severity_and_town(towns: Path) -> None:
    at = open_page("pages.datenqualitaet")
    at.radio(key="dq.schwere").set_value("Nur Hinweise").run()
    assert all(label.startswith("Hinweis") for label in expander_labels(at))
    at.multiselect(key="dq.kommune").set_value([Town.MOERS]).run()
    assert expander_labels(at) == [
        "Hinweis: Wiedervorlage überfällig – Fälle, Spalte „Wiedervorlage“ (1)"
    ]


def test_the_duplicates_page_pairs_the_person_who_moved_with_links_and_evidence(
    towns: Path,
) -> None:
    at = open_page("pages.doppelungen")
    frame = at.dataframe[0].value
    assert len(frame) == 1
    row = frame.iloc[0].to_dict()
    assert {row["_link_a"], row["_link_b"]} == {
        "fall?id=KIM-XAN-2026-0001",
        "fall?id=KIM-MOE-2026-0001",
    }
    assert {row["Kommune A"], row["Kommune B"]} == {"Xanten", "Moers"}
    assert row["Übereinstimmung"] == "Name gleich · Geburtsdatum gleich · Telefon gleich"
    assert row["Einschätzung"] == "sehr wahrscheinlich"


def test_the_duplicates_page_shows_only_the_users_towns(towns: Path) -> None:
    at = open_page("pages.doppelungen", towns=(Town.XANTEN,))
    assert "Keine möglichen Doppelungen gefunden." in [str(s.value) for s in at.success]


def test_checking_an_uploaded_workbook_shows_header_row_columns_and_preview(
    towns: Path,
) -> None:
    at = open_page("pages.tabelle_pruefen")
    content = (towns / "wesel.xlsx").read_bytes()
    at.file_uploader(key="tp.datei").set_value(("liste.xlsx", content, "application/octet-stream"))
    at.run()
    assert not at.exception
    assert "Arbeitsblatt „Klienten“ → „Fälle“" in [str(s.value) for s in at.subheader]
    assert "Kopfzeile 4 (erkannt) · 3 Datenzeilen" in [str(c.value) for c in at.caption]
    columns = at.dataframe[0].value.set_index("Überschrift")
    assert columns.loc["Geb.-Datum", "Erkannt als"] == "Geburtsdatum (Variante)"
    assert columns.loc["Geb.-Datum", "Nicht lesbar"] == 1
    assert columns.loc["Interne Notiz", "Erkannt als"].startswith("unbekannt")
    assert '"Klienten" = "Fälle"' in at.code[0].value
    # The upload was read from a temporary copy that is gone again.
    assert not list(Path(tempfile.gettempdir()).glob("kim-pruefen-*"))


def test_a_mapping_typed_on_the_page_is_tried_out_on_the_upload(towns: Path) -> None:
    at = open_page("pages.tabelle_pruefen")
    content = (towns / "wesel.xlsx").read_bytes()
    at.file_uploader(key="tp.datei").set_value(("liste.xlsx", content, "application/octet-stream"))
    at.text_area(key="tp.zuordnung").input(
        '[town.mapping.columns."Fälle"]\n"Interne Notiz" = "Bemerkung"\n'
    )
    at.run()
    columns = at.dataframe[0].value.set_index("Überschrift")
    assert columns.loc["Interne Notiz", "Erkannt als"] == "Bemerkung (Zuordnung)"
    at.text_area(key="tp.zuordnung").input('[town.mapping.columns."Fälle"]\n"X" = "Y"\n').run()
    assert any("„Y“ ist keine Spalte von „Fälle“" in str(e.value) for e in at.error)


def test_a_configured_source_is_checked_with_its_mapping(towns: Path) -> None:
    at = open_page("pages.tabelle_pruefen", towns=(Town.WESEL,))
    at.radio(key="tp.quelle").set_value("Eingerichtete Tabelle").run()
    at.button(key="tp.pruefen").click().run()
    columns = at.dataframe[0].value.set_index("Überschrift")
    assert columns.loc["Interne Notiz", "Erkannt als"].startswith("ignoriert laut Zuordnung")
    assert len(at.dataframe) == 3  # columns, Protokoll's columns, and the preview


def test_administration_sees_no_values_of_a_configured_source(towns: Path) -> None:
    at = open_page("pages.tabelle_pruefen", role=Role.ADMINISTRATION, towns=(Town.WESEL,))
    at.radio(key="tp.quelle").set_value("Eingerichtete Tabelle").run()
    at.button(key="tp.pruefen").click().run()
    assert "Beispiele (getippt → gelesen)" not in at.dataframe[0].value.columns
    assert len(at.dataframe) == 2  # no preview
