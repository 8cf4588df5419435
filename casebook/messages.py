"""German messages for the errors of the core and the storage, each with a next step (app and CLI)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from casebook.cases.rows import MalformedCaseId
from casebook.cases.transfer import TransferDiverged, TransferRefused
from casebook.core.accounts import UsersFileError
from casebook.core.config import ConfigError
from casebook.core.errors import (
    AccessDenied,
    DuplicateRecord,
    FieldChange,
    InvalidRecord,
    RecordConflict,
    RecordNotFound,
)
from casebook.core.login_throttle import LoginLocked, wait_text
from casebook.duplicates.cases import LikelyDuplicates
from casebook.privacy.retention import NotDueForDeletion
from casebook.storage.base import (
    SourceBusy,
    SourceInUse,
    SourceNotFound,
    SourceUnavailable,
    StorageError,
    UnreadableSource,
)
from casebook.storage.gsheets.errors import REASON_TEXTS
from casebook.storage.mapped import ColumnTaken
from casebook.storage.xlsx.errors import (
    CellEditError,
    FormulaCellEdit,
    TextTooLong,
    UnencodableText,
)
from casebook.storage.xlsx.extent import SheetTooLarge
from casebook.storage.xlsx.store import (
    CellNotWritable,
    DeletionBlocked,
    MissingWorksheet,
    WorkbookReadOnly,
)
from sheets_schema import SHEETS, Problem, Severity, SheetName
from sheets_schema.types import cell_text

INPUT_KEPT = "Ihre Eingaben bleiben erhalten."

# Shown after a save whose data reached the sheet but whose Protokoll entries did not (yet).
AUDIT_PENDING = (
    "Der Eintrag im Protokoll konnte wegen einer Störung bei Google Sheets noch nicht "
    "geschrieben werden; die App trägt ihn beim nächsten Speichern nach. Sie müssen nichts "
    "erneut eingeben."
)

# The demonstrative that goes with each sheet's singular label: "diesen Fall", "dieses Ziel".
_THIS = {
    SheetName.CASES: "diesen",
    SheetName.CONTACTS: "diesen",
    SheetName.GOALS: "dieses",
    SheetName.REFERRALS: "diese",
}


# What to do about each reason a transfer was refused (keys: TransferProblem names).
TRANSFER_NEXT_STEP = {
    "NO_CONSENT": "Bitte holen Sie die Einwilligung ein und tragen Sie ihr Datum im Fall ein.",
    "CONSENT_WITHDRAWN": "Ohne Einwilligung dürfen die Daten nicht übermittelt werden.",
    "NOT_AGREED": "Bitte fragen Sie die Person und bestätigen Sie ihre Zustimmung.",
    "CLOSED": "Bitte legen Sie in der neuen Kommune einen neuen Fall an.",
    "SAME_TOWN": "Bitte wählen Sie eine andere Kommune.",
}


def _name(source: str) -> str:
    return Path(source).name or source


def _this_record(sheet: str) -> str:
    try:
        name = SheetName(sheet)
    except ValueError:
        return "diesen Eintrag"
    return f"{_THIS.get(name, 'diesen')} {SHEETS[name].label_singular or 'Eintrag'}"


def quoted(value: object) -> str:
    """A cell value as a person sees it, in German quotes; an empty cell is „(leer)“."""
    text = cell_text(value).strip() if value is not None else ""
    return f"„{text}“" if text else "„(leer)“"


def describe_changes(changes: Iterable[FieldChange]) -> str:
    """„Telefon: „0170 1“ → „0171 2“; Status: „Aktiv“ → „Ruhend““."""
    return "; ".join(
        f"{change.column}: {quoted(change.before)} → {quoted(change.now)}" for change in changes
    )


def conflict_message(error: RecordConflict) -> str:
    return (
        f"Jemand hat {_this_record(error.sheet)} inzwischen geändert: "
        f"{describe_changes(error.changes)}. Ihre Eingaben sind noch da, es wurde nichts "
        "gespeichert. Bitte laden Sie die aktuelle Version und speichern Sie erneut."
    )


def invalid_message(error: InvalidRecord) -> str:
    errors = sum(p.is_error for p in error.problems)
    columns = dict.fromkeys(p.column for p in error.problems if p.is_error and p.column)
    where = f" in {', '.join(f'„{column}“' for column in columns)}" if columns else ""
    return (
        f"Nicht gespeichert: {errors} Fehler{where}. Bitte korrigieren Sie die markierten "
        f"Felder. {INPUT_KEPT}"
    )


def _cell_place(error: CellNotWritable) -> str:
    column = f"Feld „{error.header}“" if error.header else f"Spalte {error.column}"
    return f"{column} (Blatt „{error.sheet}“, Zeile {error.row}):"


def _cell_refusal(cause: CellEditError | None) -> str:
    """Why the workbook refused the cell, in German."""
    if isinstance(cause, UnencodableText):
        return (
            f"Der Text enthält ein Zeichen (U+{ord(cause.character):04X}), das eine Arbeitsmappe "
            "nicht speichern kann. Bitte entfernen Sie es."
        )
    if isinstance(cause, TextTooLong):
        return f"Der Text ist zu lang ({cause.length} Zeichen). Bitte kürzen Sie ihn."
    if isinstance(cause, FormulaCellEdit):
        return (
            "In dieser Zelle steht in der Tabelle eine Formel, die die App nie überschreibt. "
            "Bitte ändern Sie den Wert direkt in der Tabelle."
        )
    return "Die Arbeitsmappe kann diesen Wert nicht speichern. Bitte prüfen Sie die Eingabe."


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def too_large_message(error: SheetTooLarge) -> str:
    """Where the far values are, so that the town can delete them; other towns are not affected."""
    where = f"In „{_name(error.source)}“ ist das Arbeitsblatt „{error.sheet}“ zu groß zum Lesen"
    extent = error.extent
    if extent is None:
        return (
            f"{where}. Bitte prüfen Sie es in Excel und entfernen Sie Inhalte, die nicht "
            "zu den Fällen gehören, und laden Sie die Seite dann neu."
        )
    cells = dict.fromkeys([extent.row_cell, extent.column_cell])
    named = " und ".join(f"„{cell}“" for cell in cells)
    one = len(cells) == 1
    return (
        f"{where}: Es enthält Werte bis Zeile {_number(extent.last_row)} und Spalte "
        f"{extent.column_cell.rstrip('0123456789')} ({'Zelle' if one else 'Zellen'} {named}). "
        "Vermutlich wurde dort versehentlich etwas eingegeben. Bitte löschen Sie in Excel den "
        f"Inhalt {'dieser Zelle' if one else 'dieser Zellen'}, speichern Sie und laden Sie die "
        "Seite neu."
    )


def storage_message(error: StorageError) -> str:
    """What went wrong with the spreadsheet, and what to do about it."""
    if isinstance(error, SourceInUse):
        return (
            f"Die Datei „{_name(error.source)}“ ist gerade in Excel/LibreOffice geöffnet "
            f"(Sperrdatei „{error.lock_file}“). Bitte dort schließen und erneut speichern – "
            f"{INPUT_KEPT}"
        )
    if isinstance(error, SourceBusy):
        return (
            f"Die Datei „{_name(error.source)}“ wird gerade von einer anderen Speicherung "
            f"benutzt. Bitte in einigen Sekunden erneut speichern – {INPUT_KEPT}"
        )
    if isinstance(error, SourceNotFound):
        return (
            f"Die Arbeitsmappe „{_name(error.source)}“ wurde nicht gefunden ({error.source}). "
            "Bitte prüfen Sie, ob das Laufwerk verbunden ist und der Pfad in sources.toml "
            "stimmt, und laden Sie die Seite dann neu."
        )
    if isinstance(error, SourceUnavailable):
        why = REASON_TEXTS.get(error.reason, f"Sie ist gerade nicht erreichbar ({error.reason}).")
        return f"Tabelle „{_name(error.source)}“: {why} Es wurde nichts gespeichert – {INPUT_KEPT}"
    if isinstance(error, UnreadableSource):
        return (
            f"Die Datei „{_name(error.source)}“ lässt sich nicht als Arbeitsmappe lesen "
            f"({error.reason}). Bitte öffnen Sie sie in Excel und speichern Sie sie als .xlsx, "
            "oder stellen Sie die letzte Sicherung wieder her."
        )
    if isinstance(error, SheetTooLarge):
        return too_large_message(error)
    if isinstance(error, WorkbookReadOnly):
        linked = "" if error.real_file == error.source else f" (verknüpft mit „{error.real_file}“)"
        return (
            f"Die Datei „{_name(error.source)}“{linked} ist schreibgeschützt; die App "
            "überschreibt sie nicht. Es wurde nichts gespeichert. Bitte heben Sie den "
            "Schreibschutz auf (Dateieigenschaften) oder bitten Sie die IT um Schreibrechte, "
            f"und speichern Sie dann erneut – {INPUT_KEPT}"
        )
    if isinstance(error, DeletionBlocked):
        return (
            f"In „{_name(error.source)}“ enthält das Blatt „{error.sheet}“ {error.what}, die eine "
            "Kopie der Daten behalten würden. Es wurde nichts gelöscht. Bitte entfernen Sie "
            f"{error.what} in Excel und starten Sie die Löschung erneut."
        )
    if isinstance(error, CellNotWritable):
        return (
            f"{_cell_place(error)} {_cell_refusal(error.cause)} Es wurde "
            f"nichts gespeichert – {INPUT_KEPT}"
        )
    if isinstance(error, ColumnTaken):
        return (
            f"Das Feld „{error.header}“ kann nicht gespeichert werden: Im Blatt „{error.sheet}“ "
            f"von „{_name(error.source)}“ steht schon eine eigene Spalte „{error.header}“ der "
            "Kommune, die die App nie beschreibt. Bitte ordnen Sie die Spalte in sources.toml "
            "zu (Seite „Tabelle prüfen“) oder benennen Sie sie in der Tabelle um. Es wurde "
            f"nichts gespeichert – {INPUT_KEPT}"
        )
    if isinstance(error, MissingWorksheet):
        return (
            f"In der Arbeitsmappe „{_name(error.source)}“ fehlt das Arbeitsblatt „{error.sheet}“. "
            "Bitte legen Sie es mit seiner Kopfzeile wieder an; bis dahin kann hier nichts "
            f"gespeichert werden. {INPUT_KEPT}"
        )
    return (
        "Die Tabelle konnte nicht gelesen oder geschrieben werden "
        f"({type(error).__name__}). Es wurde nichts gespeichert. {INPUT_KEPT}"
    )


def error_message(error: Exception) -> str:
    """The German message for any error a use case can raise."""
    if isinstance(error, RecordConflict):
        return conflict_message(error)
    if isinstance(error, LikelyDuplicates):
        # Not a rule violation: the banner says why nothing was saved and what to do.
        return error.problems[0].message
    if isinstance(error, InvalidRecord):
        return invalid_message(error)
    if isinstance(error, RecordNotFound):
        return (
            f"„{error.record_id}“ steht nicht (mehr) im Blatt „{error.sheet}“ – vielleicht wurde "
            "die Zeile gelöscht oder ihre ID geändert. Bitte laden Sie die Liste neu."
        )
    if isinstance(error, DuplicateRecord):
        rows = ", ".join(str(n) for n in error.row_numbers)
        return (
            f"Die ID „{error.record_id}“ steht mehrfach im Blatt „{error.sheet}“ (Zeilen {rows}). "
            "Bitte korrigieren Sie eine der Zeilen in der Tabelle; bis dahin kann die App "
            "diesen Eintrag nicht ändern."
        )
    if isinstance(error, AccessDenied):
        return (
            f"Sie ({error.user}) dürfen in {error.town} keine Fälle {error.action}. Wenn Sie "
            "Zugriff brauchen, wenden Sie sich bitte an die Koordination."
        )
    if isinstance(error, MalformedCaseId):
        return (
            f"„{error.case_id}“ ist keine vollständige Fall-ID (Form: KIM-XAN-2026-0007). Es wurde "
            "nichts gelöscht und nichts exportiert. Bitte korrigieren Sie die Fall-ID in der "
            "Tabelle (Seite „Datenqualität“) und versuchen Sie es dann erneut."
        )
    if isinstance(error, NotDueForDeletion):
        when = f"erst ab dem {error.due_on:%d.%m.%Y}" if error.due_on else "erst nach Abschluss"
        return (
            f"Der Fall {error.case_id} darf {when} gelöscht werden (Löschfrist). Es wurde nichts "
            "gelöscht."
        )
    if isinstance(error, TransferRefused):
        return (
            f"Der Fall {error.case_id} wurde nicht an {error.target} übergeben: "
            f"{error.problem.value} {TRANSFER_NEXT_STEP[error.problem.name]} Es wurde nichts "
            "geändert."
        )
    if isinstance(error, TransferDiverged):
        return (
            f"Eine frühere Übergabe des Falls {error.case_id} wurde unterbrochen: Er steht auch "
            f"schon als {error.new_case_id} in {error.target}, und beide Fassungen unterscheiden "
            f"sich inzwischen ({', '.join(error.columns)}). Es wurde nichts geändert. Bitte "
            f"übertragen Sie die Änderungen in {error.new_case_id} und starten Sie die Übergabe "
            "dann erneut."
        )
    if isinstance(error, LoginLocked):
        # The same text for known and unknown names: it reveals no account.
        return (
            "Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie "
            f"{wait_text(error.seconds)} und versuchen Sie es dann erneut."
        )
    if isinstance(error, UsersFileError):
        return f"{error} Bitte korrigieren Sie die Benutzerdatei (users.toml) und laden Sie neu."
    if isinstance(error, StorageError):
        return storage_message(error)
    if isinstance(error, ConfigError):
        return f"{error} Bitte korrigieren Sie sources.toml und laden Sie die Seite neu."
    return (
        f"Unerwarteter Fehler ({type(error).__name__}: {error}). {INPUT_KEPT} Bitte prüfen Sie "
        "in der Tabelle, ob gespeichert wurde, und melden Sie den Fehler."
    )


def command_line_message(error: Exception) -> str:
    """The app's message for `error` without the promise to keep form input: a command has none."""
    text = error_message(error)
    return " ".join(text.replace(f"– {INPUT_KEPT}", "").replace(INPUT_KEPT, "").split())


def problem_counts(problems: Iterable[Problem]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = warnings = 0
    for problem in problems:
        if problem.is_error:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def count_text(errors: int, warnings: int) -> str:
    """„2 Fehler, 1 Hinweis“; empty when there is nothing."""
    parts = []
    if errors:
        parts.append(f"{errors} {Severity.ERROR.value}")
    if warnings:
        plural = "" if warnings == 1 else "e"  # Hinweis, Hinweise
        parts.append(f"{warnings} {Severity.WARNING.value}{plural}")
    return ", ".join(parts)


def check_label(errors: int, warnings: int) -> str:
    """The "Prüfung" cell of the case list: „⚠ 2 Fehler“, „1 Hinweis“ or empty."""
    text = count_text(errors, warnings)
    return f"⚠ {text}" if errors else text
