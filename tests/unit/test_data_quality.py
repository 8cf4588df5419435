"""Data quality: findings grouped by rule and column, errors first, each linked to its case."""

from __future__ import annotations

from pathlib import Path

from casebook.cases.quality import findings_of, group_findings, severity_counts
from casebook.core.town_data import TownData, read_town
from casebook.storage.xlsx.store import WorkbookStore
from sheets_schema import Severity
from sheets_schema.enums import Town
from tests.support.builders import TODAY, make_case, make_contact, make_goal, town_workbook


def xanten(tmp_path: Path) -> TownData:
    path = town_workbook(
        tmp_path / "xanten.xlsx",
        [
            make_case(1, birth_date="Feb. 2024"),
            make_case(2, birth_date="1.2.3"),
            make_case(3, postcode="47441"),
            make_case(4, status="Warteschleife"),
        ],
        [
            make_contact("KIM-XAN-2026-0099"),
            make_contact("KIM-XAN-2026-0003", duration_minutes=900),
        ],
        [make_goal("KIM-XAN-2026-0001", status="erledigt")],
    )
    return read_town(Town.XANTEN, WorkbookStore(path).load(), TODAY)


def test_findings_are_grouped_by_rule_and_column_errors_first(tmp_path: Path) -> None:
    groups = group_findings(findings_of(xanten(tmp_path)))
    summary = [(g.severity, g.sheet, g.rule, g.column, g.count) for g in groups]
    assert summary == [
        (Severity.ERROR, "Fälle", "Datum nicht lesbar", "Geburtsdatum", 2),
        (Severity.ERROR, "Fälle", "Unbekannter Listenwert", "Status", 1),
        (Severity.ERROR, "Kontakte", "Fall-ID unbekannt", "Fall-ID", 1),
        (Severity.ERROR, "Kontakte", "Zahl außerhalb des Bereichs", "Dauer (Min)", 1),
        (Severity.ERROR, "Ziele", "Unbekannter Listenwert", "Status", 1),
        (Severity.WARNING, "Fälle", "PLZ nicht in der Kommune", "PLZ", 1),
    ]


def test_each_finding_has_its_row_record_and_the_case_to_open(tmp_path: Path) -> None:
    groups = {g.title: g for g in group_findings(findings_of(xanten(tmp_path)))}
    dates = groups["Datum nicht lesbar – Fälle, Spalte „Geburtsdatum“"]
    assert [(f.row_number, f.case_id) for f in dates.findings] == [
        (2, "KIM-XAN-2026-0001"),
        (3, "KIM-XAN-2026-0002"),
    ]
    (minutes,) = groups["Zahl außerhalb des Bereichs – Kontakte, Spalte „Dauer (Min)“"].findings
    # A contact's problem opens the form of its case.
    assert (minutes.record_id, minutes.case_id) == ("KIM-XAN-2026-0003-K01", "KIM-XAN-2026-0003")


def test_the_severity_filter_keeps_only_the_chosen_findings(tmp_path: Path) -> None:
    findings = findings_of(xanten(tmp_path))
    warnings = group_findings(findings, [Severity.WARNING])
    assert [g.rule for g in warnings] == ["PLZ nicht in der Kommune"]
    assert severity_counts(group_findings(findings)) == {Severity.ERROR: 6, Severity.WARNING: 1}
