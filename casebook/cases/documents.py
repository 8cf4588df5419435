"""Printable Fallblatt and Hilfeplan of a case as tagged PDF in German, typeset with Typst."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

import typst

from casebook.core.access import Attempt, check_access
from casebook.core.actors import Actor
from casebook.core.audit import append_audit, now_in_seconds
from casebook.core.errors import RecordNotFound
from casebook.core.sources import TownSource
from casebook.core.town_data import RecordRow, TownData, read_town
from sheets_schema import SHEETS, Case, SheetName, field_specs, to_cells
from sheets_schema.enums import AuditAction
from sheets_schema.types import cell_text

TEMPLATE = Path(__file__).with_name("documents.typ")
PDF_MIME = "application/pdf"


class DocumentKind(StrEnum):
    """The printable documents of a case, by their German name."""

    CASE_SHEET = "Fallblatt"
    SUPPORT_PLAN = "Hilfeplan"


@dataclass(frozen=True)
class CaseDocument:
    """A PDF to download and the name to save it under."""

    file_name: str
    data: bytes


# The case's own fields on the Hilfeplan: who, since when, about what.
PLAN_FIELDS = (
    "case_id",
    "last_name",
    "first_name",
    "birth_date",
    "case_manager",
    "phase",
    "admission",
    "fields_of_action",
    "languages",
    "needs_interpreter",
)
# Stamps of the app are in the subtitle, not among the fields.
LEFT_OUT = frozenset({"changed_at", "changed_by"})


def _shown(row: RecordRow, name: str, header: str) -> str:
    """A field as a person reads it; a value the schema cannot read is printed as typed."""
    if name in row.unreadable:
        return cell_text(row.cells.get(header)).strip()
    return cell_text(to_cells(row.record)[header]).strip()


def _fields(row: RecordRow, names: tuple[str, ...] | None = None) -> list[list[str]]:
    specs = [s for s in field_specs(SHEETS[row.sheet].model) if s.name not in LEFT_OUT]
    if names is not None:
        by_name = {s.name: s for s in specs}
        specs = [by_name[name] for name in names]
    return [[spec.header, _shown(row, spec.name, spec.header)] for spec in specs]


def _listing(
    sheet: SheetName, rows: list[RecordRow], leave_out: frozenset[str] = frozenset()
) -> dict[str, object]:
    spec = SHEETS[sheet]
    columns = [
        s
        for s in field_specs(spec.model)
        if s.name != spec.parent_field and s.name not in leave_out
    ]
    case_id = str(rows[0].record.case_id) if rows else ""
    body = []
    for row in rows:
        cells = [_shown(row, s.name, s.header) for s in columns]
        if spec.id_field is not None and cells[0].startswith(f"{case_id}-"):
            cells[0] = cells[0][len(case_id) + 1 :]  # K03 instead of the whole ID
        body.append(cells)
    return {
        "title": spec.label_plural,
        "headers": [s.header for s in columns],
        "rows": body,
        "empty": f"Keine {spec.label_plural}.",
    }


def _name(case: Case) -> str:
    return ", ".join(part for part in (case.last_name, case.first_name) if part)


def _content(
    kind: DocumentKind, data: TownData, row: RecordRow, actor: Actor, now: datetime
) -> dict[str, object]:
    case: Case = row.record
    case_id = str(row.record_id)
    goals = data.children(SheetName.GOALS, case_id)
    common = {
        "title": f"{kind.value} {case_id}",
        "author": actor.name,
        "keywords": [kind.value, data.town.value, "KIM"],
        "subtitle": (
            f"{_name(case)} · KIM {data.town.value} · erstellt am {cell_text(now)} von "
            f"{actor.name} · Vertraulich: personenbezogene Daten"
        ),
        "footer": f"{kind.value} {case_id} · {data.town.value}",
    }
    if kind is DocumentKind.SUPPORT_PLAN:
        return {
            **common,
            "sections": [{"title": "Fall", "rows": _fields(row, PLAN_FIELDS), "empty": ""}],
            "tables": [
                {
                    **_listing(SheetName.GOALS, goals),
                    "title": "Ziele der Hilfeplanung",
                    "empty": "Noch keine Ziele vereinbart.",
                }
            ],
            "signatures": ["Klient:in", "Fallmanager:in"],
        }
    return {
        **common,
        "sections": [{"title": "Falldaten", "rows": _fields(row), "empty": ""}],
        "tables": [
            _listing(SheetName.CONTACTS, data.children(SheetName.CONTACTS, case_id)),
            _listing(SheetName.GOALS, goals),
            _listing(SheetName.REFERRALS, data.children(SheetName.REFERRALS, case_id)),
        ],
        "signatures": [],
    }


def render_pdf(content: dict[str, object]) -> bytes:
    """Typeset the document; all text goes in as JSON data, so none of it is read as markup."""
    pdf = typst.compile(
        str(TEMPLATE),
        format="pdf",
        sys_inputs={"data": json.dumps(content, ensure_ascii=False)},
    )
    assert isinstance(pdf, bytes)
    return pdf


def case_document(
    source: TownSource,
    actor: Actor,
    case_id: str,
    kind: DocumentKind,
    today: date,
    now: datetime | None = None,
) -> CaseDocument:
    """The case's Fallblatt or Hilfeplan as PDF, for the town's case managers; noted as an export."""
    case_id = case_id.strip()
    check_access(source, actor, Attempt.EXPORT, case_id)
    now = now or now_in_seconds()
    data = read_town(source.town, source.store.load(), today)
    row = data.case(case_id)
    if row is None:
        raise RecordNotFound(SheetName.CASES, case_id)
    pdf = render_pdf(_content(kind, data, row, actor, now))
    # A printout carries personal data out of the spreadsheet, like the Art. 15 export.
    with source.store.transaction([]) as tx:
        append_audit(
            tx,
            actor,
            now,
            AuditAction.EXPORTIERT,
            SheetName.CASES,
            case_id,
            note=f"{kind.value} (PDF)",
        )
    return CaseDocument(f"{kind.value}-{case_id}-{now:%Y-%m-%d}.pdf", pdf)
