"""What provisioning must add to a town's spreadsheet: missing worksheets and header cells."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sheets_schema import SHEETS, FieldKind, FieldSpec, SheetName, field_specs


@dataclass(frozen=True)
class SheetPlan:
    """One worksheet of the schema: whether it is new, its headers now, and what to add."""

    name: str
    is_new: bool
    headers: tuple[str, ...]  # existing headers followed by the added ones
    added: tuple[tuple[int, str], ...]  # (1-based column, header) of the header cells to write

    def choice_columns(self, only_added: bool) -> list[tuple[int, FieldSpec]]:
        """Columns with a dropdown list (1-based), all or only those just added."""
        wanted = {header for _, header in self.added} if only_added else set(self.headers)
        specs = field_specs(SHEETS[SheetName(self.name)].model)
        return [
            (self.headers.index(spec.header) + 1, spec)
            for spec in specs
            if spec.kind is FieldKind.CHOICE and spec.header in wanted
        ]


def plan(
    existing: Mapping[str, Sequence[str]], extra: Mapping[str, Sequence[str]] | None = None
) -> list[SheetPlan]:
    """The schema's worksheets given the header rows of those that exist (by worksheet name);
    `extra` names columns a backend needs beyond the schema's (by worksheet name)."""
    plans = []
    for name in SheetName:
        wanted = [spec.header for spec in field_specs(SHEETS[name].model)]
        wanted += (extra or {}).get(name.value, ())
        present = name.value in existing
        headers = [h.strip() for h in existing.get(name.value, ())]
        # New header cells go after the last named one, never over someone's column.
        while headers and not headers[-1]:
            headers.pop()
        added = []
        for header in wanted:
            if header not in headers:
                headers.append(header)
                added.append((len(headers), header))
        plans.append(SheetPlan(name.value, not present, tuple(headers), tuple(added)))
    return plans


def describe(plans: Sequence[SheetPlan]) -> list[str]:
    """German lines saying what provisioning adds."""
    lines = []
    for sheet in plans:
        if sheet.is_new:
            lines.append(f"Arbeitsblatt „{sheet.name}“ angelegt ({len(sheet.headers)} Spalten).")
        elif sheet.added:
            names = ", ".join(f"„{h}“" for _, h in sheet.added)
            lines.append(f"Arbeitsblatt „{sheet.name}“: Spalten ergänzt: {names}.")
    return lines
