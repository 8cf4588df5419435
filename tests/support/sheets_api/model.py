"""In-memory spreadsheets: sheets with properties, sparse cells, formats and validation rules."""

from __future__ import annotations

import copy
import random
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from .a1 import GridRange, clamp, parse_range
from .cells import Cell
from .defaults import default_spreadsheet_properties
from .errors import ApiError, bad_request

Position = tuple[int, int]


@dataclass
class Sheet:
    """One worksheet: its API properties plus sparse cell contents keyed by (row, col)."""

    properties: dict[str, Any]
    cells: dict[Position, Cell] = field(default_factory=dict)
    formats: dict[Position, dict[str, Any]] = field(default_factory=dict)
    validations: dict[Position, dict[str, Any]] = field(default_factory=dict)

    @property
    def sheet_id(self) -> int:
        return int(self.properties["sheetId"])

    @property
    def title(self) -> str:
        return str(self.properties["title"])

    @property
    def row_count(self) -> int:
        return int(self.properties["gridProperties"]["rowCount"])

    @property
    def col_count(self) -> int:
        return int(self.properties["gridProperties"]["columnCount"])

    def resize(self, rows: int | None = None, cols: int | None = None) -> None:
        """Change the grid size; cells outside the new grid are lost, as in Sheets."""
        grid = self.properties["gridProperties"]
        if rows is not None:
            grid["rowCount"] = rows
        if cols is not None:
            grid["columnCount"] = cols
        for store in (self.cells, self.formats, self.validations):
            for row, col in [p for p in store if p[0] >= self.row_count or p[1] >= self.col_count]:
                del store[(row, col)]

    def insert_rows(self, at: int, count: int) -> None:
        """Insert empty rows before row `at`, shifting everything below down."""
        self.properties["gridProperties"]["rowCount"] = self.row_count + count
        for store in (self.cells, self.formats, self.validations):
            moved = {(r + count if r >= at else r, c): v for (r, c), v in store.items()}
            store.clear()
            store.update(moved)  # type: ignore[arg-type]

    def delete(self, dimension: str, start: int, end: int) -> None:
        """Remove rows or columns [start, end); everything after them moves up or left."""
        count = end - start
        axis = 0 if dimension == "ROWS" else 1
        key = "rowCount" if axis == 0 else "columnCount"
        self.properties["gridProperties"][key] -= count
        for store in (self.cells, self.formats, self.validations):
            kept = {}
            for position, value in store.items():
                index = position[axis]
                if start <= index < end:
                    continue
                moved = index - count if index >= end else index
                kept[(moved, position[1]) if axis == 0 else (position[0], moved)] = value
            store.clear()
            store.update(kept)  # type: ignore[arg-type]

    def put(self, row: int, col: int, cell: Cell | None) -> None:
        if cell is None:
            self.cells.pop((row, col), None)
        else:
            self.cells[(row, col)] = cell

    def clear(self, area: GridRange) -> None:
        for row, col in [p for p in self.cells if _inside(p, area)]:
            del self.cells[(row, col)]

    def filled(self, row: int, col: int) -> bool:
        return (row, col) in self.cells


def _inside(position: Position, area: GridRange) -> bool:
    row, col = position
    return area.start_row <= row < area.end_row and area.start_col <= col < area.end_col


@dataclass
class Spreadsheet:
    """A spreadsheet: its properties and its sheets, kept in tab order."""

    spreadsheet_id: str
    properties: dict[str, Any]
    sheets: list[Sheet]

    @property
    def locale(self) -> str:
        return str(self.properties.get("locale", "en_US"))

    def sheet_by_title(self, title: str) -> Sheet | None:
        return next((s for s in self.sheets if s.title == title), None)

    def sheet_by_id(self, sheet_id: int) -> Sheet | None:
        return next((s for s in self.sheets if s.sheet_id == sheet_id), None)

    def renumber(self) -> None:
        for index, sheet in enumerate(self.sheets):
            sheet.properties["index"] = index

    def resolve(self, text: str) -> tuple[Sheet, GridRange]:
        """Resolve a range text against this spreadsheet; a bare range means the first sheet."""
        try:
            readings = parse_range(text)
        except ValueError as error:
            raise bad_request(f"Unable to parse range: {text}") from error
        for reading in readings:
            sheet = (
                self.sheets[0]
                if reading.sheet_title is None
                else self.sheet_by_title(reading.sheet_title)
            )
            if sheet is not None:
                return sheet, clamp(sheet.title, reading.cells, sheet.row_count, sheet.col_count)
        raise bad_request(f"Unable to parse range: {text}")


def grid_limit_error(area: GridRange, sheet: Sheet) -> ApiError:
    quoted = "'" + area.sheet_title.replace("'", "''") + "'"
    cells = area.a1().rpartition("!")[2]
    return bad_request(
        f"Range ({quoted}!{cells}) exceeds grid limits. "
        f"Max rows: {sheet.row_count}, max columns: {sheet.col_count}"
    )


def check_within_grid(area: GridRange, sheet: Sheet) -> None:
    if area.end_row > sheet.row_count or area.end_col > sheet.col_count:
        raise grid_limit_error(area, sheet)


def new_sheet_properties(
    sheet_id: int, title: str, index: int, rows: int = 1000, cols: int = 26
) -> dict[str, Any]:
    return {
        "sheetId": sheet_id,
        "title": title,
        "index": index,
        "sheetType": "GRID",
        "gridProperties": {"rowCount": rows, "columnCount": cols},
    }


class SheetsState:
    """All spreadsheets the stand-in knows, guarded by one lock for the threaded server."""

    def __init__(self, seed: int = 0):
        self.lock = threading.RLock()
        self.spreadsheets: dict[str, Spreadsheet] = {}
        self.forbidden: set[str] = set()
        self._queued_sheet_ids: deque[int] = deque()
        self._random = random.Random(seed)

    def queue_sheet_ids(self, sheet_ids: list[int]) -> None:
        """Make the next added sheets get these ids (Sheets picks random ids; replays need them)."""
        self._queued_sheet_ids.extend(sheet_ids)

    def new_sheet_id(self, spreadsheet: Spreadsheet) -> int:
        taken = {s.sheet_id for s in spreadsheet.sheets}
        while self._queued_sheet_ids:
            candidate = self._queued_sheet_ids.popleft()
            if candidate not in taken:
                return candidate
        while True:
            candidate = self._random.randint(1, 2**31 - 1)
            if candidate not in taken:
                return candidate

    def new_spreadsheet_id(self) -> str:
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        return "1" + "".join(self._random.choice(alphabet) for _ in range(43))

    def get(self, spreadsheet_id: str) -> Spreadsheet:
        if spreadsheet_id in self.forbidden:
            raise ApiError(403, "The caller does not have permission")
        spreadsheet = self.spreadsheets.get(spreadsheet_id)
        if spreadsheet is None:
            raise ApiError(404, "Requested entity was not found.")
        return spreadsheet

    def add(
        self,
        spreadsheet_id: str,
        properties: dict[str, Any] | None,
        sheet_properties: list[dict[str, Any]],
        title: str = "Untitled spreadsheet",
        locale: str = "en_US",
        time_zone: str = "Etc/GMT",
    ) -> Spreadsheet:
        props = copy.deepcopy(properties) or default_spreadsheet_properties(
            title, locale, time_zone
        )
        sheets = [
            Sheet(copy.deepcopy(p)) for p in sorted(sheet_properties, key=lambda p: p["index"])
        ]
        spreadsheet = Spreadsheet(spreadsheet_id, props, sheets)
        self.spreadsheets[spreadsheet_id] = spreadsheet
        return spreadsheet

    def snapshot(self, spreadsheet_id: str) -> Spreadsheet:
        return copy.deepcopy(self.spreadsheets[spreadsheet_id])

    def restore(self, spreadsheet: Spreadsheet) -> None:
        self.spreadsheets[spreadsheet.spreadsheet_id] = spreadsheet
