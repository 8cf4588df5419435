"""Data quality: every rule violation of the loaded towns, grouped by rule and column."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from casebook.core.town_data import TownData
from sheets_schema import Problem, ProblemCode, Severity, SheetName
from sheets_schema.enums import Town
from sheets_schema.rule_names import rule_name

_SHEET_ORDER = {sheet.value: index for index, sheet in enumerate(SheetName)}
_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1}


@dataclass(frozen=True)
class Finding:
    """One problem of one row, and the case whose form shows it."""

    town: Town
    problem: Problem
    case_id: str | None  # the row's own Fall-ID, or for a contact/goal/referral its case's

    @property
    def row_number(self) -> int | None:
        return self.problem.row_number

    @property
    def record_id(self) -> str | None:
        return self.problem.record_id


@dataclass(frozen=True)
class FindingGroup:
    """All findings of one rule in one column of one worksheet."""

    severity: Severity
    code: ProblemCode
    rule: str  # the rule's German name
    sheet: str
    column: str | None
    findings: tuple[Finding, ...]

    @property
    def count(self) -> int:
        return len(self.findings)

    @property
    def title(self) -> str:
        """„Datum nicht lesbar – Fälle, Spalte „Geburtsdatum““."""
        where = f"{self.sheet}, Spalte „{self.column}“" if self.column else self.sheet
        return f"{self.rule} – {where}"


def findings_of(data: TownData) -> list[Finding]:
    """Every problem of a town's rows, each with the Fall-ID to open it under."""
    found = []
    for sheet, rows in data.sheets.items():
        for row in rows:
            if not row.problems:
                continue
            if sheet is SheetName.CASES:
                case_id = row.record_id
            else:
                case_id = getattr(row.record, "case_id", None)
            for problem in row.problems:
                found.append(Finding(data.town, problem, case_id or None))
    return found


def _group_key(finding: Finding) -> tuple[Severity, ProblemCode, str, str]:
    problem = finding.problem
    return problem.severity, problem.code, str(problem.sheet or ""), problem.column or ""


def group_findings(
    findings: Iterable[Finding], severities: Collection[Severity] | None = None
) -> list[FindingGroup]:
    """Findings grouped by severity, rule, worksheet and column; errors first, then by sheet."""
    groups: dict[tuple[Severity, ProblemCode, str, str], list[Finding]] = {}
    for finding in findings:
        if severities is not None and finding.problem.severity not in severities:
            continue
        groups.setdefault(_group_key(finding), []).append(finding)
    result = [
        FindingGroup(
            severity=severity,
            code=code,
            rule=rule_name(code),
            sheet=sheet,
            column=column or None,
            findings=tuple(
                sorted(
                    members,
                    key=lambda f: (f.town.value, f.problem.row_number or 0, f.record_id or ""),
                )
            ),
        )
        for (severity, code, sheet, column), members in groups.items()
    ]
    result.sort(
        key=lambda g: (
            _SEVERITY_ORDER[g.severity],
            _SHEET_ORDER.get(g.sheet, len(_SHEET_ORDER)),
            g.rule,
            g.column or "",
        )
    )
    return result


def severity_counts(groups: Iterable[FindingGroup]) -> dict[Severity, int]:
    """How many findings of each severity the groups hold."""
    counts = dict.fromkeys(Severity, 0)
    for group in groups:
        counts[group.severity] += group.count
    return counts
