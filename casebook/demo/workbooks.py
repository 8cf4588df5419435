"""Invented demo workbooks for the five towns, consistent with the rules except for a few slips."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

from casebook.core.config import demo_workbook
from casebook.demo.cases import CaseDraft, draft_case
from casebook.demo.children import appointments, contacts, goals, referrals
from casebook.demo.flaws import FLAW_CODES, Flaw, apply_flaw, plan_flaws
from casebook.storage.cells import CellValue
from casebook.storage.xlsx.layout import create_workbook
from sheets_schema import Case, SheetName, to_cells
from sheets_schema.enums import Town
from sheets_schema.sheets import format_case_id

DEMO_NOTICE = (
    "Erfundene Demodaten: alle Personen, Namen, Adressen und Telefonnummern sind frei erfunden. "
    "Keine echten Personen."
)
FIRST_YEAR = 2023

Row = dict[str, CellValue]


class DemoRows(dict[SheetName, list[Row]]):
    """The rows of one town's demo workbook, and the slips planted into some cases."""

    def __init__(self, rows: Mapping[SheetName, list[Row]], flaws: Mapping[str, Flaw]) -> None:
        super().__init__(rows)
        self.flaws: dict[str, Flaw] = dict(flaws)  # case ID -> the slip in that case's row

    @property
    def deliberate_errors(self) -> dict[str, str]:
        """Case ID -> the error code the app must report; all other rows have no error."""
        return {
            case_id: code
            for case_id, flaw in self.flaws.items()
            if (code := FLAW_CODES[flaw]) is not None
        }


def _changed(
    rng: random.Random, draft: CaseDraft, children: Sequence[Row], today: date
) -> datetime:
    """The last time someone touched the case: its latest dated row, during office hours."""
    latest = draft.closing or draft.start
    for row in children:
        for value in row.values():
            if isinstance(value, date) and latest < value <= today:
                latest = value
    moment = time(rng.randint(8, 16), rng.randint(0, 59))
    return datetime.combine(latest, moment)


def _first_year_start(today: date) -> date:
    start = date(FIRST_YEAR, 1, 1)
    return start if today - start >= timedelta(days=365) else today - timedelta(days=365)


def generate_town(town: Town, rng: random.Random, cases: int, today: date) -> DemoRows:
    """The rows of one town's demo workbook; `DemoRows.flaws` names the cases with a slip."""
    start = _first_year_start(today)
    drafts = [draft_case(town, rng, today, start) for _ in range(cases)]
    drafts.sort(key=lambda d: d.start)
    numbers: dict[int, int] = defaultdict(int)
    for draft in drafts:
        numbers[draft.start.year] += 1
        draft.case_id = format_case_id(town, draft.start.year, numbers[draft.start.year])
    plan = plan_flaws(rng, [d.status for d in drafts])
    rows: dict[SheetName, list[Row]] = {name: [] for name in SheetName}
    flaws: dict[str, Flaw] = {}
    for index, draft in enumerate(drafts):
        held = contacts(rng, draft, today)
        children = {
            SheetName.CONTACTS: [*held, *appointments(draft, len(held), today)],
            SheetName.GOALS: goals(rng, draft, today),
            SheetName.REFERRALS: referrals(rng, draft, today),
        }
        changed_at = _changed(rng, draft, [r for sheet in children.values() for r in sheet], today)
        case = Case.model_construct(
            case_id=draft.case_id,
            changed_at=changed_at,
            changed_by=draft.manager,
            **draft.values,
        )
        row = to_cells(case)
        if index in plan:
            apply_flaw(plan[index], row, rng, today)
            flaws[draft.case_id] = plan[index]
        rows[SheetName.CASES].append(row)
        for sheet, sheet_rows in children.items():
            rows[sheet].extend(sheet_rows)
    return DemoRows(rows, flaws)


def town_random(seed: int, town: Town) -> random.Random:
    """The generator of one town, so that a town's data does not depend on which others exist."""
    return random.Random(f"{seed}:{town.code}")


def write_demo(
    folder: Path, *, cases_per_town: int = 300, today: date | None = None, seed: int = 2026
) -> list[Path]:
    """Write the demo workbook of every town that has none yet; existing files stay untouched."""
    today = today or date.today()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for town in Town:
        path = demo_workbook(folder, town)
        if path.exists():
            continue
        rows = generate_town(town, town_random(seed, town), cases_per_town, today)
        try:
            create_workbook(path, rows, notice=DEMO_NOTICE)
        except FileExistsError:
            continue  # someone else wrote it meanwhile; theirs stays
        written.append(path)
    return written
