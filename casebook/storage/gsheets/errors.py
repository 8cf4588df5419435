"""gspread and transport errors sorted into what the store does next and what the user is told."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import requests
from google.auth import exceptions as auth_exceptions
from gspread.exceptions import APIError

from casebook.storage.base import SourceNotFound, SourceUnavailable, StorageError


class Reason(StrEnum):
    """The short codes `SourceUnavailable.reason` carries for a Google Sheet."""

    QUOTA = "quota"
    NETWORK = "network"
    PERMISSION = "permission"
    NOT_FOUND = "not_found"
    REJECTED = "rejected"


# German texts the UI may show for a reason code (formal "Sie", with a next step).
REASON_TEXTS: dict[str, str] = {
    Reason.QUOTA: "Google Sheets ist gerade überlastet (zu viele Anfragen in der letzten Minute). "
    "Bitte warten Sie eine Minute und versuchen Sie es dann erneut.",
    Reason.NETWORK: "Google Sheets ist gerade nicht erreichbar. Bitte prüfen Sie die "
    "Internetverbindung und versuchen Sie es in einigen Minuten erneut.",
    Reason.PERMISSION: "Die App darf diese Google-Tabelle nicht lesen oder ändern. Bitte geben Sie "
    "die Tabelle für die E-Mail-Adresse des Dienstkontos als „Bearbeiter“ frei.",
    Reason.NOT_FOUND: "Die Google-Tabelle wurde nicht gefunden. Bitte prüfen Sie den Schlüssel in "
    "sources.toml.",
    Reason.REJECTED: "Google Sheets hat die Änderung abgelehnt. Bitte laden Sie die Seite neu und "
    "prüfen Sie, ob die Tabelle noch ihre Arbeitsblätter und Kopfzeilen hat.",
}


class Outcome(StrEnum):
    """What a failed request tells about the spreadsheet."""

    NOT_DONE = "not_done"  # refused before anything happened (429): safe to send again
    UNKNOWN = "unknown"  # 5xx, timeout, lost connection: it may or may not have happened
    FINAL = "final"  # refused for good (403, 404, 400): sending again will not help


@dataclass(frozen=True)
class Failure:
    """A classified failure of one request."""

    outcome: Outcome
    reason: Reason
    status: int | None
    detail: str
    # No answer in time: Google may still be working on the request and apply it any moment.
    in_flight: bool = False


def classify(error: Exception) -> Failure | None:
    """Sort a request's exception; None for errors that are not about talking to Google."""
    if isinstance(error, APIError):
        status = error.code if isinstance(error.code, int) else error.response.status_code
        detail = str(error.error.get("message", ""))
        if status == 429:
            return Failure(Outcome.NOT_DONE, Reason.QUOTA, status, detail)
        if status == 408 or status >= 500:
            return Failure(Outcome.UNKNOWN, Reason.NETWORK, status, detail)
        if status in (401, 403):
            return Failure(Outcome.FINAL, Reason.PERMISSION, status, detail)
        if status == 404:
            return Failure(Outcome.FINAL, Reason.NOT_FOUND, status, detail)
        return Failure(Outcome.FINAL, Reason.REJECTED, status, detail)
    if isinstance(error, requests.ReadTimeout):
        return Failure(Outcome.UNKNOWN, Reason.NETWORK, None, type(error).__name__, in_flight=True)
    if isinstance(error, requests.RequestException | auth_exceptions.TransportError):
        return Failure(Outcome.UNKNOWN, Reason.NETWORK, None, type(error).__name__)
    if isinstance(error, auth_exceptions.RefreshError):
        return Failure(Outcome.FINAL, Reason.PERMISSION, None, type(error).__name__)
    return None


def storage_error(source: str, failure: Failure) -> StorageError:
    """The store's error for a failure it gives up on."""
    if failure.reason is Reason.NOT_FOUND:
        return SourceNotFound(source)
    return SourceUnavailable(source, failure.reason.value)
