"""The grouping of the case page covers every schema field exactly once."""

from __future__ import annotations

from collections import Counter

from sheets_schema import Case, field_specs
from ui.sections import CASE_SECTIONS, without_system


def test_every_case_field_appears_in_exactly_one_section() -> None:
    placed = Counter(name for _, names in CASE_SECTIONS for name in names)
    assert set(placed) == {spec.name for spec in field_specs(Case)}
    assert max(placed.values()) == 1


def test_a_new_case_form_has_no_read_only_fields() -> None:
    system = {spec.name for spec in field_specs(Case) if spec.system}
    names = {name for _, names in without_system(Case, CASE_SECTIONS) for name in names}
    assert names and not names & system
