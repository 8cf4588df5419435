"""The single source of truth for the worksheets: models, headers, lists, rules and messages."""

from sheets_schema.enums import Town
from sheets_schema.fields import (
    FieldKind,
    FieldSpec,
    field_by_name,
    field_specs,
    header_of,
    headers,
)
from sheets_schema.models import AuditEntry, Case, Contact, Goal, Referral
from sheets_schema.parsing import ParsedRow, parse_row, to_cells
from sheets_schema.problems import Problem, ProblemCode, Severity, has_errors
from sheets_schema.rules import check_record
from sheets_schema.sheets import CHILD_SHEETS, SHEETS, SheetName, SheetSpec

__all__ = [
    "CHILD_SHEETS",
    "SHEETS",
    "AuditEntry",
    "Case",
    "Contact",
    "FieldKind",
    "FieldSpec",
    "Goal",
    "ParsedRow",
    "Problem",
    "ProblemCode",
    "Referral",
    "Severity",
    "SheetName",
    "SheetSpec",
    "Town",
    "check_record",
    "field_by_name",
    "field_specs",
    "has_errors",
    "header_of",
    "headers",
    "parse_row",
    "to_cells",
]
