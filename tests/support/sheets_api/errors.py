"""Google-style API errors raised by the Sheets stand-in and turned into JSON error bodies."""

from __future__ import annotations

import json
from typing import Any

STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    501: "UNIMPLEMENTED",
    503: "UNAVAILABLE",
}

DEFAULT_MESSAGES = {
    403: "The caller does not have permission",
    404: "Requested entity was not found.",
    429: (
        "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute "
        "per user' of service 'sheets.googleapis.com' for consumer 'project_number:0'."
    ),
    500: "Internal error encountered.",
    503: "The service is currently unavailable.",
}


class ApiError(Exception):
    """An error answer of the API: HTTP code, message, status name and optional details."""

    def __init__(self, code: int, message: str, details: list[dict[str, Any]] | None = None):
        super().__init__(f"{code} {message}")
        self.code = code
        self.message = message
        self.details = details

    @property
    def status(self) -> str:
        return STATUS_NAMES.get(self.code, "UNKNOWN")

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message, "status": self.status}
        if self.details is not None:
            error["details"] = self.details
        return {"error": error}


def error_for_code(code: int) -> ApiError:
    """The error Google sends for a bare status code (used by fault injection)."""
    return ApiError(code, DEFAULT_MESSAGES.get(code, "Error injected by the Sheets stand-in."))


def bad_request(message: str) -> ApiError:
    return ApiError(400, message)


def invalid_value(field: str, proto_type: str, value: Any) -> ApiError:
    """The protobuf decoding error Google returns when a JSON field has the wrong type."""
    text = f"Invalid value at '{field}' ({proto_type}), {json.dumps(value, ensure_ascii=False)}"
    violation = {"field": field, "description": text}
    details = [
        {"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [violation]}
    ]
    return ApiError(400, text, details)


class NotImplementedRequest(ApiError):
    """A request the stand-in deliberately does not model; answered with HTTP 501."""

    def __init__(self, description: str):
        super().__init__(501, f"The Sheets stand-in does not implement {description}")
        self.description = description
