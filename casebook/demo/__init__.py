"""Synthetic demo data: invented people, cases and workbooks."""
