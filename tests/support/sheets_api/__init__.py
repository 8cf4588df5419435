"""A local stand-in for the part of the Google Sheets API v4 that the app uses through gspread."""

from .errors import ApiError, NotImplementedRequest
from .server import RecordedRequest, SheetsApiServer, SheetSpec
from .transport import LocalRedirectAdapter, make_gspread_client

__all__ = [
    "ApiError",
    "LocalRedirectAdapter",
    "NotImplementedRequest",
    "RecordedRequest",
    "SheetSpec",
    "SheetsApiServer",
    "make_gspread_client",
]
