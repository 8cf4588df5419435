"""Small layout helpers shared by pages."""

from __future__ import annotations

ROW_HEIGHT = 35  # Streamlit's default dataframe row height in pixels


def table_height(rows: int, at_most: int) -> int:
    """A dataframe height that fits `rows` rows plus the header, capped at `at_most` pixels."""
    return min(at_most, ROW_HEIGHT * (rows + 1) + 3)
