"""The stand-in as a threaded HTTP server on 127.0.0.1, with request log, faults and seeding."""

from __future__ import annotations

import copy
import json
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from .a1 import GridRange
from .errors import error_for_code
from .faults import Fault, FaultPlan
from .model import SheetsState, Spreadsheet, new_sheet_properties
from .rendering import Renderer
from .router import dispatch
from .values_api import read_area, write_rows


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the stand-in saw it."""

    method: str
    path: str
    query: dict[str, list[str]]
    body: Any
    status: int | None  # None when the connection was dropped


@dataclass(frozen=True)
class SheetSpec:
    """A worksheet to seed: title, rows of values (USER_ENTERED unless told) and grid size."""

    title: str
    values: list[list[Any]] | None = None
    rows: int = 1000
    cols: int = 26
    sheet_id: int | None = None


class _QuietServer(ThreadingHTTPServer):
    """Fault tests make clients hang up on purpose (timeouts, dropped connections); a peer that
    went away is expected there and needs no traceback. Anything else is still printed."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionResetError | BrokenPipeError | TimeoutError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class SheetsApiServer:
    """A local Google Sheets API v4 stand-in. Start it, point gspread at `base_url`, stop it."""

    def __init__(self) -> None:
        self.state = SheetsState()
        self.faults = FaultPlan()
        self._log: list[RecordedRequest] = []
        self._log_lock = threading.Lock()
        self.unexpected_requests: list[RecordedRequest] = []
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle -------------------------------------------------------------------------
    def start(self) -> SheetsApiServer:
        handler = _make_handler(self)
        self._httpd = _QuietServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> SheetsApiServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the Sheets stand-in is not running")
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def reset(self) -> None:
        """Forget all spreadsheets, faults and logged requests."""
        self.state = SheetsState()
        self.faults.clear()
        self.reset_log()
        self.unexpected_requests.clear()

    # --- request log -----------------------------------------------------------------------
    @property
    def requests(self) -> list[RecordedRequest]:
        with self._log_lock:
            return list(self._log)

    @property
    def request_count(self) -> int:
        with self._log_lock:
            return len(self._log)

    def reset_log(self) -> None:
        with self._log_lock:
            self._log.clear()

    def record(self, request: RecordedRequest) -> None:
        with self._log_lock:
            self._log.append(request)
        if request.status == 501:
            self.unexpected_requests.append(request)

    # --- faults ----------------------------------------------------------------------------
    def fail_next(
        self, status: int = 500, times: int = 1, method: str | None = None, path: str | None = None
    ) -> None:
        """Answer the next `times` matching requests with `status` and Google's error body."""
        self.faults.add(Fault("status", times, status=status, method=method, path_pattern=path))

    def delay_next(
        self, seconds: float, times: int = 1, method: str | None = None, path: str | None = None
    ) -> None:
        """Answer the next matching requests normally, but only after `seconds`."""
        self.faults.add(
            Fault("delay", times, delay_seconds=seconds, method=method, path_pattern=path)
        )

    def drop_next(self, times: int = 1, method: str | None = None, path: str | None = None) -> None:
        """Close the connection of the next matching requests without answering."""
        self.faults.add(Fault("drop", times, method=method, path_pattern=path))

    # --- seeding and inspection (Python side, not logged) -----------------------------------
    def create_spreadsheet(
        self,
        sheets: list[SheetSpec] | None = None,
        title: str = "Test spreadsheet",
        spreadsheet_id: str | None = None,
        locale: str = "de_DE",
        time_zone: str = "Europe/Berlin",
        value_input_option: str = "USER_ENTERED",
        properties: dict[str, Any] | None = None,
    ) -> str:
        """Create a spreadsheet with worksheets and values; returns its id."""
        specs = sheets or [SheetSpec("Sheet1" if locale.startswith("en") else "Tabellenblatt1")]
        with self.state.lock:
            new_id = spreadsheet_id or self.state.new_spreadsheet_id()
            sheet_props = []
            for index, spec in enumerate(specs):
                sheet_id = (
                    spec.sheet_id if spec.sheet_id is not None else (0 if index == 0 else None)
                )
                props = new_sheet_properties(sheet_id or 0, spec.title, index, spec.rows, spec.cols)
                sheet_props.append(props)
            spreadsheet = self.state.add(new_id, properties, sheet_props, title, locale, time_zone)
            for index, spec in enumerate(specs):
                sheet = spreadsheet.sheets[index]
                if index > 0 and spec.sheet_id is None:
                    sheet.properties["sheetId"] = self.state.new_sheet_id(spreadsheet)
                if spec.values:
                    write_rows(spreadsheet, sheet, 0, 0, spec.values, value_input_option)
        return new_id

    def add_spreadsheet_from_metadata(self, resource: dict[str, Any]) -> str:
        """Seed a spreadsheet from a recorded spreadsheets.get answer (properties and sheets)."""
        with self.state.lock:
            self.state.add(
                resource["spreadsheetId"],
                resource["properties"],
                [s["properties"] for s in resource.get("sheets", [])],
            )
        return str(resource["spreadsheetId"])

    def deny_access(self, spreadsheet_id: str) -> None:
        """Make a spreadsheet answer 403, like one that is not shared with the caller."""
        with self.state.lock:
            self.state.forbidden.add(spreadsheet_id)

    def delete_spreadsheet(self, spreadsheet_id: str) -> None:
        with self.state.lock:
            self.state.spreadsheets.pop(spreadsheet_id, None)

    def queue_sheet_ids(self, sheet_ids: list[int]) -> None:
        with self.state.lock:
            self.state.queue_sheet_ids(sheet_ids)

    def spreadsheet(self, spreadsheet_id: str) -> Spreadsheet:
        """A deep copy of the stored spreadsheet, for assertions."""
        with self.state.lock:
            return copy.deepcopy(self.state.get(spreadsheet_id))

    def edit_cells(
        self,
        spreadsheet_id: str,
        range_a1: str,
        values: list[list[Any]],
        value_input_option: str = "USER_ENTERED",
    ) -> None:
        """Change cells behind the app's back, like a colleague typing into the sheet."""
        with self.state.lock:
            spreadsheet = self.state.get(spreadsheet_id)
            sheet, area = spreadsheet.resolve(range_a1)
            write_rows(
                spreadsheet, sheet, area.start_row, area.start_col, values, value_input_option
            )

    def clear_values(self, spreadsheet_id: str, range_a1: str) -> None:
        with self.state.lock:
            spreadsheet = self.state.get(spreadsheet_id)
            sheet, area = spreadsheet.resolve(range_a1)
            sheet.clear(area)

    def delete_sheet(self, spreadsheet_id: str, sheet_id: int) -> None:
        with self.state.lock:
            spreadsheet = self.state.get(spreadsheet_id)
            sheet = spreadsheet.sheet_by_id(sheet_id)
            if sheet is not None:
                spreadsheet.sheets.remove(sheet)
                spreadsheet.renumber()

    def read_grid(
        self,
        spreadsheet_id: str,
        sheet_title: str,
        value_render_option: str = "FORMATTED_VALUE",
    ) -> list[list[Any]]:
        """The stored values of a worksheet, trimmed like the values API trims them."""
        with self.state.lock:
            spreadsheet = self.state.get(spreadsheet_id)
            sheet = spreadsheet.sheet_by_title(sheet_title)
            if sheet is None:
                raise KeyError(sheet_title)
            area = GridRange(sheet.title, 0, sheet.row_count, 0, sheet.col_count)
            answer = read_area(
                spreadsheet, sheet, area, value_render_option, "SERIAL_NUMBER", "ROWS"
            )
            return list(answer.get("values", []))

    def cell_value(
        self, spreadsheet_id: str, sheet_title: str, row: int, col: int, option: str = "FORMULA"
    ) -> Any:
        """One cell (zero-based) rendered with a value render option."""
        with self.state.lock:
            spreadsheet = self.state.get(spreadsheet_id)
            sheet = spreadsheet.sheet_by_title(sheet_title)
            if sheet is None:
                raise KeyError(sheet_title)
            renderer = Renderer(lambda r, c: sheet.cells.get((r, c)), spreadsheet.locale)
            return renderer.render(row, col, option, "SERIAL_NUMBER")


def _make_handler(server: SheetsApiServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Without this, keep-alive clients wait for delayed ACKs: ~40 ms per request.
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:
            """Keep test output quiet."""

        def _handle(self) -> None:
            parts = urlsplit(self.path)
            query = parse_qs(parts.query, keep_blank_values=True)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body: Any = json.loads(raw) if raw else None
            except ValueError:
                body = raw.decode("utf-8", "replace")
            fault = server.faults.take(self.command, unquote(parts.path))
            if fault is not None and fault.kind == "drop":
                server.record(RecordedRequest(self.command, unquote(parts.path), query, body, None))
                self.close_connection = True
                return
            if fault is not None and fault.kind == "delay":
                time.sleep(fault.delay_seconds)
            if fault is not None and fault.kind == "status":
                status, payload = fault.status, error_for_code(fault.status).body()
            else:
                answer = dispatch(server.state, self.command, parts.path, query, raw)
                status, payload = answer.status, answer.body
            server.record(RecordedRequest(self.command, unquote(parts.path), query, body, status))
            data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_PUT = do_POST = do_DELETE = do_PATCH = _handle  # noqa: N815

    return Handler
