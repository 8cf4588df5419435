"""Point a real gspread client at the stand-in by swapping only the HTTP transport."""

from __future__ import annotations

from typing import Any

import gspread
import requests
from google.oauth2.credentials import Credentials
from requests.adapters import HTTPAdapter

from .server import SheetsApiServer

GOOGLE_PREFIXES = ("https://sheets.googleapis.com", "https://www.googleapis.com")


class LocalRedirectAdapter(HTTPAdapter):
    """Sends requests for Google's API hosts to the local stand-in, otherwise unchanged."""

    def __init__(self, base_url: str, prefixes: tuple[str, ...] = GOOGLE_PREFIXES):
        super().__init__()
        self.base_url = base_url.rstrip("/")
        self.prefixes = prefixes

    def send(
        self, request: requests.PreparedRequest, *args: Any, **kwargs: Any
    ) -> requests.Response:
        url = request.url or ""
        for prefix in self.prefixes:
            if url.startswith(prefix + "/"):
                request.url = self.base_url + url[len(prefix) :]
                break
        return super().send(request, *args, **kwargs)


def mount_stand_in(session: requests.Session, server: SheetsApiServer) -> None:
    adapter = LocalRedirectAdapter(server.base_url)
    for prefix in GOOGLE_PREFIXES:
        session.mount(prefix, adapter)


def make_gspread_client(server: SheetsApiServer) -> gspread.Client:
    """A real gspread.Client with real token auth whose requests land on the stand-in."""
    credentials = Credentials(token="test-token")
    client = gspread.Client(auth=credentials)
    mount_stand_in(client.http_client.session, server)
    return client
