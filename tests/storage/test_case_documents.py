"""Fallblatt and Hilfeplan as PDF: the case's own text in German, for its town's case managers only."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from casebook.cases.documents import DocumentKind, case_document
from casebook.cases.services import load_town
from casebook.core.actors import Actor, Role
from casebook.core.errors import AccessDenied
from casebook.core.sources import TownSource
from sheets_schema import SheetName
from sheets_schema.enums import Town
from tests.support.builders import (
    TODAY,
    case_manager,
    make_case,
    make_contact,
    make_goal,
    make_referral,
    town_workbook,
    workbook_source,
)

CASE = "KIM-XAN-2026-0001"
NOW = datetime(2026, 11, 20, 14, 5)
ME = case_manager(name="Anna Beispiel")


@pytest.fixture
def source(tmp_path: Path) -> TownSource:
    path = town_workbook(
        tmp_path / "xanten.xlsx",
        [
            make_case(1, last_name="Haddad", first_name="Rania", city="Xanten"),
            make_case(2, last_name="Anderer", first_name="Fall"),
        ],
        [make_contact(CASE, 1, note="Anmeldung #set text(red) $x$ *fett* beim Integrationskurs")],
        [make_goal(CASE, 1, goal="B1-Prüfung bestehen", field_of_action="Sprache")],
        [make_referral(CASE, 1, partner="Anerkennungsberatung")],
    )
    return workbook_source(path)


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_fallblatt_holds_the_cases_fields_contacts_goals_and_referrals(
    source: TownSource,
) -> None:
    document = case_document(source, ME, CASE, DocumentKind.CASE_SHEET, TODAY, NOW)
    assert document.file_name == f"Fallblatt-{CASE}-2026-11-20.pdf"
    text = text_of(document.data)
    for expected in (
        f"Fallblatt {CASE}",
        "Haddad, Rania",
        "Nachname Haddad",
        "Geburtsdatum 01.04.1990",
        "B1-Prüfung bestehen",
        "Anerkennungsberatung",
        "erstellt am 20.11.2026 14:05 von Anna Beispiel",
    ):
        assert expected in text, expected
    assert "Anderer" not in text  # only this case


def test_text_typed_by_a_user_is_printed_as_typed_never_read_as_markup(
    source: TownSource,
) -> None:
    text = text_of(case_document(source, ME, CASE, DocumentKind.CASE_SHEET, TODAY, NOW).data)
    assert "Anmeldung #set text(red) $x$ *fett* beim Integrationskurs" in text


def test_the_hilfeplan_lists_the_goals_with_room_for_both_signatures(source: TownSource) -> None:
    document = case_document(source, ME, CASE, DocumentKind.SUPPORT_PLAN, TODAY, NOW)
    text = text_of(document.data)
    assert f"Hilfeplan {CASE}" in text
    assert "Ziele der Hilfeplanung" in text
    assert "B1-Prüfung bestehen" in text
    assert "Unterschrift Klient:in" in text and "Unterschrift Fallmanager:in" in text
    assert "Anerkennungsberatung" not in text  # referrals are not part of the plan


def test_the_pdf_is_tagged_german_and_titled_for_screen_readers(source: TownSource) -> None:
    reader = PdfReader(
        io.BytesIO(case_document(source, ME, CASE, DocumentKind.CASE_SHEET, TODAY, NOW).data)
    )
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).startswith("de")
    assert reader.metadata is not None and reader.metadata.title == f"Fallblatt {CASE}"


def test_the_printout_is_noted_in_the_protokoll(source: TownSource) -> None:
    case_document(source, ME, CASE, DocumentKind.SUPPORT_PLAN, TODAY, NOW)
    [entry] = [row.record for row in load_town(source, ME, TODAY).rows(SheetName.AUDIT)]
    assert (entry.action, entry.record_id, entry.new) == ("exportiert", CASE, "Hilfeplan (PDF)")


@pytest.mark.parametrize(
    "actor",
    [
        Actor("Kreis-Koordination", Role.COORDINATION, frozenset({Town.XANTEN})),
        Actor("Admin", Role.ADMINISTRATION, frozenset({Town.XANTEN})),
        case_manager(Town.MOERS, name="Moerser Kollegin"),
    ],
    ids=["coordinator", "administrator", "other town"],
)
def test_roles_without_access_to_the_case_get_no_pdf_and_the_refusal_is_logged(
    source: TownSource, actor: Actor
) -> None:
    with pytest.raises(AccessDenied):
        case_document(source, actor, CASE, DocumentKind.CASE_SHEET, TODAY, NOW)
    log = [row.record for row in load_town(source, ME, TODAY).rows(SheetName.AUDIT)]
    assert [(e.action, e.user, e.record_id) for e in log] == [("verweigert", actor.name, CASE)]
