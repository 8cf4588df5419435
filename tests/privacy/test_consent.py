"""Cases without consent or after its withdrawal are listed, withdrawn ones first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from casebook.privacy.consent import consent_gaps
from tests.support.builders import TODAY, case_manager, make_case, town_workbook, workbook_source


def test_cases_without_or_with_withdrawn_consent_are_listed(tmp_path: Path) -> None:
    path = town_workbook(
        tmp_path / "x.xlsx",
        [
            make_case(1),
            make_case(2, consent_given=None),
            make_case(3, consent_withdrawn=date(2026, 6, 1)),
        ],
    )
    gaps = consent_gaps(workbook_source(path), case_manager(), TODAY)
    assert [(gap.case_id, gap.problem.code) for gap in gaps] == [
        ("KIM-XAN-2026-0003", "consent_withdrawn"),
        ("KIM-XAN-2026-0002", "no_consent"),
    ]
    assert gaps[0].problem.message == (
        "Die Einwilligung wurde am 01.06.2026 widerrufen; Daten bitte prüfen."
    )
