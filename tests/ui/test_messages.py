"""Every error of the core and the storage has a German message with a next step."""

from __future__ import annotations

import pytest

from casebook.core.errors import (
    AccessDenied,
    DuplicateRecord,
    FieldChange,
    InvalidRecord,
    RecordConflict,
    RecordNotFound,
)
from casebook.messages import check_label, error_message
from casebook.storage.base import (
    SourceBusy,
    SourceInUse,
    SourceNotFound,
    SourceUnavailable,
    UnreadableSource,
)
from casebook.storage.xlsx.store import MissingWorksheet
from sheets_schema import Problem, Severity

PATH = "/daten/kim-xan.xlsx"


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            SourceInUse(PATH, "~$kim-xan.xlsx"),
            "Die Datei „kim-xan.xlsx“ ist gerade in Excel/LibreOffice geöffnet (Sperrdatei "
            "„~$kim-xan.xlsx“). Bitte dort schließen und erneut speichern – Ihre Eingaben "
            "bleiben erhalten.",
        ),
        (SourceBusy(PATH), "Bitte in einigen Sekunden erneut speichern"),
        (SourceNotFound(PATH), "„kim-xan.xlsx“ wurde nicht gefunden"),
        (SourceUnavailable(PATH, "Zeitüberschreitung"), "nicht erreichbar (Zeitüberschreitung)"),
        (
            SourceUnavailable(PATH, "quota"),
            "Google Sheets ist gerade überlastet (zu viele Anfragen in der letzten Minute).",
        ),
        (SourceUnavailable(PATH, "quota"), "Es wurde nichts gespeichert – Ihre Eingaben bleiben"),
        (UnreadableSource(PATH, "kein ZIP"), "als .xlsx"),
        (MissingWorksheet(PATH, "Ziele"), "fehlt das Arbeitsblatt „Ziele“"),
        (RecordNotFound("Fälle", "KIM-XAN-2026-0007"), "Bitte laden Sie die Liste neu."),
        (DuplicateRecord("Fälle", "KIM-XAN-2026-0007", [4, 9]), "(Zeilen 4, 9)"),
        (AccessDenied("Anna", "ändern", "Moers"), "Sie (Anna) dürfen in Moers keine Fälle ändern"),
        (
            InvalidRecord([Problem("required", Severity.ERROR, "Bitte ausfüllen")]),
            "Nicht gespeichert: 1 Fehler.",
        ),
        (
            RecordConflict("Fälle", "KIM-XAN-2026-0007", [FieldChange("Telefon", "0170 1", None)]),
            "Jemand hat diesen Fall inzwischen geändert: Telefon: „0170 1“ → „(leer)“.",
        ),
        (
            RecordConflict(
                "Ziele", "KIM-XAN-2026-0007-Z01", [FieldChange("Status", "offen", "erreicht")]
            ),
            "Jemand hat dieses Ziel inzwischen geändert: Status: „offen“ → „erreicht“.",
        ),
    ],
)
def test_errors_become_german_messages(error: Exception, expected: str) -> None:
    assert expected in error_message(error)


@pytest.mark.parametrize(
    ("errors", "warnings", "label"),
    [(0, 0, ""), (2, 0, "⚠ 2 Fehler"), (0, 1, "1 Hinweis"), (1, 3, "⚠ 1 Fehler, 3 Hinweise")],
)
def test_the_check_column_counts_errors_and_warnings(
    errors: int, warnings: int, label: str
) -> None:
    assert check_label(errors, warnings) == label
