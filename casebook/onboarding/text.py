"""An onboarding report as German text lines, and the sources.toml mapping it suggests."""

from __future__ import annotations

from casebook.onboarding.inspect import ColumnReport, SheetReport, WorkbookReport
from casebook.storage.mapping import Recognition, header_key
from sheets_schema import SheetName

_HOW = {
    Recognition.EXACT: "genau",
    Recognition.VARIANT: "Variante",
    Recognition.MAPPING: "Zuordnung",
    Recognition.IGNORED: "ignoriert laut Zuordnung: bleibt erhalten, wird nie geschrieben",
    Recognition.DUPLICATE: "doppelt: eine andere Spalte steht schon dafür",
    Recognition.UNKNOWN: "unbekannt: bleibt erhalten, wird nie geschrieben",
}


def recognition_text(column: ColumnReport) -> str:
    """„Fall-ID (Variante)“ or „unbekannt: bleibt erhalten, …“."""
    match = column.match
    how = _HOW[match.recognition]
    if match.recognised:
        return f"{match.schema_header} ({how})"
    if match.recognition is Recognition.DUPLICATE and match.schema_header:
        return f"{how} ({match.schema_header})"
    return how


def sample_text(column: ColumnReport) -> str:
    """„„1.2.85“ → „01.02.1985“; „x“ → „ja““ – how typed values are read."""
    parts = []
    for typed, read in column.samples:
        parts.append(f"„{typed}“" if typed == read or not read else f"„{typed}“ → „{read}“")
    return "; ".join(parts)


def header_row_text(sheet: SheetReport) -> str:
    how = "laut Zuordnung" if sheet.header_row_declared else "erkannt"
    return f"Kopfzeile {sheet.header_row} ({how})"


def _sheet_lines(sheet: SheetReport) -> list[str]:
    if sheet.sheet is None:
        return [f"Arbeitsblatt „{sheet.name}“: gehört nicht zur App (bleibt unberührt)."]
    lines = [
        f"Arbeitsblatt „{sheet.name}“ → „{sheet.sheet.value}“: {header_row_text(sheet)}, "
        f"{sheet.row_count} Datenzeilen"
    ]
    for column in sheet.columns:
        match = column.match
        line = f"  {match.letter:>3}  „{match.header}“ → {recognition_text(column)}"
        samples = sample_text(column)
        if samples:
            line += f"; z. B. {samples}"
        if column.problem_count:
            line += f"; {column.problem_count} nicht lesbar"
        lines.append(line)
        lines.extend(f"         {example}" for example in column.examples)
    if sheet.missing:
        lines.append(f"  Fehlende Spalten (werden bei Bedarf angefügt): {', '.join(sheet.missing)}")
    if sheet.missing_required:
        lines.append(f"  Fehlende Pflichtspalten: {', '.join(sheet.missing_required)}")
    return lines


def report_lines(report: WorkbookReport) -> list[str]:
    """The whole report, one line per column, for `python -m casebook inspect`."""
    lines = [f"Quelle: {report.source}"]
    for sheet in report.sheets:
        lines.extend(_sheet_lines(sheet))
    if report.missing_sheets:
        names = ", ".join(f"„{sheet.value}“" for sheet in report.missing_sheets)
        lines.append(
            f"Fehlende Arbeitsblätter: {names}. Bitte mit Kopfzeile anlegen oder in der "
            "Zuordnung (sheets) einem vorhandenen Blatt zuweisen."
        )
    return lines


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def suggested_mapping(report: WorkbookReport) -> str:
    """A `[town.mapping]` block for sources.toml that pins down what was recognised."""
    sheets = [s for s in report.sheets if s.sheet is not None]
    lines = ["[town.mapping.sheets]"]
    lines += [
        f"{_quoted(s.name)} = {_quoted(s.sheet.value)}"
        for s in sheets
        if s.sheet is not None and header_key(s.name) != header_key(s.sheet.value)
    ]
    lines += ["", "[town.mapping.header_rows]"]
    lines += [f"{_quoted(s.sheet.value)} = {s.header_row}" for s in sheets if s.sheet is not None]
    for sheet in sheets:
        assert sheet.sheet is not None
        lines += ["", f"[town.mapping.columns.{_quoted(sheet.sheet.value)}]"]
        for column in sheet.columns:
            match = column.match
            if match.recognition in (Recognition.VARIANT, Recognition.MAPPING):
                lines.append(f"{_quoted(match.header)} = {_quoted(match.schema_header or '')}")
            elif match.recognition is Recognition.UNKNOWN and match.header:
                lines.append(f'# {_quoted(match.header)} = ""  # eigene Spalte der Kommune')
    return "\n".join(lines) + "\n"


def sheet_label(sheet: SheetName | None, name: str) -> str:
    return f"„{name}“ → „{sheet.value}“" if sheet else f"„{name}“ (nicht von der App)"
