"""Whatever text a user types, the save stores it exactly or refuses it in German; never a broken file."""

from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.cases.services import load_town, save_record
from casebook.core.errors import InvalidRecord
from sheets_schema import Case, headers
from tests.support.builders import TODAY, case_manager, make_case, town_workbook, workbook_source

ACTOR = case_manager()
NOTE_COLUMN = headers(Case).index("Bemerkung") + 1

user_text = st.one_of(
    st.text(max_size=200),
    st.text(
        alphabet=st.sampled_from("=+-@<>&\"'_x0D;\u202e\u200f\u0627\u0416 \n\t\r\x00\x07"),
        max_size=40,
    ),
    st.builds(
        lambda head, tail: head + tail,
        st.sampled_from(["=", "+", "-", "@", "=HYPERLINK(", "_x0041_"]),
        st.text(max_size=50),
    ),
    st.just("x" * 40_000),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=user_text)
def test_any_text_is_stored_exactly_or_refused_with_a_german_message(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = town_workbook(Path(folder) / "xanten.xlsx", [make_case(1)])
        source = workbook_source(path)
        data = load_town(source, ACTOR, TODAY)
        base = data.case("KIM-XAN-2026-0001")
        assert base is not None
        try:
            result = save_record(source, ACTOR, base, {"Bemerkung": text}, TODAY, data.case_ids())
        except InvalidRecord as invalid:
            assert {p.code for p in invalid.problems if p.is_error} <= {
                "text_invalid",
                "text_too_long",
            }
            assert all("Text" in p.message for p in invalid.problems if p.is_error)
            return
        stored = load_town(source, ACTOR, TODAY).case("KIM-XAN-2026-0001")
        assert stored is not None
        # Forms trim surrounding white space; everything else comes back as typed.
        assert stored.record.remark == (text.strip() or None)
        cell = openpyxl.load_workbook(path)["Fälle"].cell(row=result.row_number, column=NOTE_COLUMN)
        assert cell.data_type != "f"
