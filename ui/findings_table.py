"""The findings of one data-quality group as a table with a link to each case form."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

from casebook.cases.quality import FindingGroup
from sheets_schema import Case, header_of
from ui.case_table import case_link

TOWN, SHEET, ROW, LINK, RECORD, MESSAGE = (
    header_of(Case, "town"),
    "Blatt",
    "Zeile",
    "_link",
    "Datensatz-ID",
    "Meldung",
)


def findings_frame(group: FindingGroup) -> pd.DataFrame:
    """One line per finding: town, row, the case to open, the record and the German message."""
    return pd.DataFrame(
        [
            {
                TOWN: finding.town.value,
                ROW: finding.row_number,
                LINK: case_link(finding.case_id) if finding.case_id else None,
                RECORD: finding.record_id or "",
                MESSAGE: finding.problem.message,
            }
            for finding in group.findings
        ],
        columns=[TOWN, ROW, LINK, RECORD, MESSAGE],
    )


def column_config() -> dict[str, ColumnConfig]:
    return {
        LINK: st.column_config.LinkColumn(
            header_of(Case, "case_id"),
            display_text=r"id=(.*)$",
            help="Öffnet das Formular des Falls",
        ),
        ROW: st.column_config.NumberColumn(ROW, help="Zeile in der Tabelle", format="%d"),
        MESSAGE: st.column_config.TextColumn(MESSAGE, width="large"),
    }
