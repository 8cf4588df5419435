"""Every problem code has a German rule name, and every code a rule can raise has a message."""

from __future__ import annotations

from sheets_schema import ProblemCode, parse_row
from sheets_schema.messages import MESSAGES
from sheets_schema.models import Case
from sheets_schema.rule_names import RULE_NAMES

# Built where it is found (the message names the matching cases), not from a template.
BUILT_IN_PLACE = {ProblemCode.POSSIBLE_DUPLICATE}


def test_every_code_has_a_rule_name_for_grouped_lists() -> None:
    assert set(RULE_NAMES) == set(ProblemCode)
    assert all(name.strip() for name in RULE_NAMES.values())


def test_every_code_but_those_built_in_place_has_a_message_template() -> None:
    assert set(MESSAGES) == set(ProblemCode) - BUILT_IN_PLACE


def test_every_problem_a_row_yields_carries_a_known_code() -> None:
    parsed = parse_row(
        Case,
        {"Fall-ID": "KIM-XAN", "Geburtsdatum": "31.31.2020", "Haushaltsgröße": "viele"},
    )
    assert parsed.problems
    assert all(isinstance(problem.code, ProblemCode) for problem in parsed.problems)
