"""Map an HTTP request onto the stand-in's handlers; anything not modelled is a loud 501."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from . import spreadsheet_api, values_api
from .errors import ApiError, NotImplementedRequest
from .model import SheetsState

Query = dict[str, list[str]]

_ID = r"/v4/spreadsheets/(?P<id>[^/:]+)"
_VALUE_VERBS = ("clear", "batchClear", "batchGetByDataFilter", "batchUpdateByDataFilter")


@dataclass(frozen=True)
class Answer:
    """Status and JSON body of one response."""

    status: int
    body: dict[str, Any]


def _json_body(raw: bytes) -> dict[str, Any]:
    if not raw:
        return {}
    try:
        parsed = json.loads(raw)
    except ValueError as error:
        raise ApiError(400, f"Invalid JSON payload received. {error}") from error
    if not isinstance(parsed, dict):
        raise ApiError(400, "Invalid JSON payload received. Expected an object.")
    return parsed


def dispatch(state: SheetsState, method: str, path: str, query: Query, raw_body: bytes) -> Answer:
    """Handle one request against the state; errors become Google-style error answers."""
    try:
        return Answer(200, _route(state, method, path, query, raw_body))
    except ApiError as error:
        return Answer(error.code, error.body())


def _route(state: SheetsState, method: str, path: str, query: Query, raw_body: bytes) -> Any:
    unknown = NotImplementedRequest(f"{method} {unquote(path)}")
    match = re.fullmatch(_ID + r"(?P<rest>.*)", path)
    if match is None:
        raise unknown
    rest = match.group("rest")
    with state.lock:
        if rest == "" and method == "GET":
            return spreadsheet_api.get_spreadsheet(state.get(match.group("id")), query)
        if rest == ":batchUpdate" and method == "POST":
            return _atomically(state, match.group("id"), raw_body, "spreadsheet")
        if rest == "/values:batchGet" and method == "GET":
            return values_api.batch_get(state.get(match.group("id")), query)
        if rest == "/values:batchUpdate" and method == "POST":
            return _atomically(state, match.group("id"), raw_body, "values")
        if rest.startswith("/values/"):
            return _single_range(
                state, match.group("id"), method, rest[8:], query, raw_body, unknown
            )
    raise unknown


def _single_range(
    state: SheetsState,
    spreadsheet_id: str,
    method: str,
    raw_range: str,
    query: Query,
    raw_body: bytes,
    unknown: NotImplementedRequest,
) -> Any:
    head, _, verb = raw_range.rpartition(":")
    if head and verb in _VALUE_VERBS:
        raise unknown
    if head and verb == "append" and method == "POST":
        spreadsheet = state.get(spreadsheet_id)
        snapshot = state.snapshot(spreadsheet_id)
        try:
            return values_api.append_values(spreadsheet, unquote(head), query, _json_body(raw_body))
        except ApiError:
            state.restore(snapshot)
            raise
    if method == "GET":
        return values_api.get_values(state.get(spreadsheet_id), unquote(raw_range), query)
    if method == "PUT":
        spreadsheet = state.get(spreadsheet_id)
        snapshot = state.snapshot(spreadsheet_id)
        try:
            return values_api.update_values(
                spreadsheet, unquote(raw_range), query, _json_body(raw_body)
            )
        except ApiError:
            state.restore(snapshot)
            raise
    raise unknown


def _atomically(state: SheetsState, spreadsheet_id: str, raw_body: bytes, kind: str) -> Any:
    """Batch calls apply all or nothing, as in the real API."""
    spreadsheet = state.get(spreadsheet_id)
    snapshot = state.snapshot(spreadsheet_id)
    try:
        body = _json_body(raw_body)
        if kind == "values":
            return values_api.batch_update_values(spreadsheet, body)
        return spreadsheet_api.batch_update(state, spreadsheet, body)
    except ApiError:
        state.restore(snapshot)
        raise
