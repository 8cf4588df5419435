"""The few Sheets API calls the store makes, through gspread's HTTP client; reads retry, writes not."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import gspread

from casebook.storage.grid import SCAN_ROWS
from casebook.storage.gsheets.a1 import (
    column_letters,
    first_row,
    grid_size,
    quote_title,
    sheet_range,
)
from casebook.storage.gsheets.errors import Failure, Outcome, Reason, classify, storage_error
from casebook.storage.gsheets.retry import RetryPolicy
from casebook.storage.gsheets.values import ApiValue

T = TypeVar("T")

METADATA_FIELDS = (
    "properties(locale),"
    "sheets.properties(sheetId,title,index,sheetType,gridProperties(rowCount,columnCount,"
    "frozenRowCount))"
)


class RequestFailed(Exception):
    """One request failed; carries the classification (internal: the store turns it into a
    StorageError before it leaves the store)."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure)
        self.failure = failure


@dataclass(frozen=True)
class SheetInfo:
    """A worksheet's properties from the metadata."""

    sheet_id: int
    title: str
    rows: int
    columns: int
    frozen_rows: int
    is_grid: bool


@dataclass(frozen=True)
class SpreadsheetInfo:
    """What one metadata request tells: locale and worksheets."""

    locale: str
    sheets: tuple[SheetInfo, ...]

    def sheet(self, title: str) -> SheetInfo | None:
        return next((s for s in self.sheets if s.title == title and s.is_grid), None)


@dataclass(frozen=True)
class Grid:
    """A worksheet's values as shown (trailing empties trimmed) and its grid size."""

    title: str
    values: list[list[str]]
    rows: int
    columns: int
    sheet_id: int | None = None


def _sparse(
    top: Grid, rows: Mapping[int, list[list[str]]], columns: Mapping[int, list[str]]
) -> Grid:
    """The top rows with more rows and columns at their places (empty cells between): a sparse
    worksheet. `columns` holds whole columns as read (their cells from row 1 down)."""
    values = [list(row) for row in top.values]
    height = max([len(values), *(len(cells) for cells in columns.values())])
    values += [[] for _ in range(height - len(values))]
    for column, cells in columns.items():
        for line, cell in zip(values, cells, strict=False):
            if cell != "":
                if len(line) < column:
                    line.extend([""] * (column - len(line)))
                line[column - 1] = cell
    for number in sorted(rows):
        found = rows[number][0] if rows[number] else []
        if number > len(values):
            values += [[] for _ in range(number - len(values))]
        # The row as read is whole: it replaces what a column read put into it.
        values[number - 1] = list(found)
    while values and not values[-1]:
        values.pop()
    last = max([top.rows, *rows])
    return Grid(top.title, values, last, top.columns)


def _transposed(columns: list[list[str]]) -> list[list[str]]:
    """Values read by columns as rows, each without its trailing empty cells (as Google trims
    them when reading by rows)."""
    height = max((len(column) for column in columns), default=0)
    rows = []
    for index in range(height):
        row = [column[index] if index < len(column) else "" for column in columns]
        while row and row[-1] == "":
            row.pop()
        rows.append(row)
    return rows


def _info(resource: Mapping[str, Any]) -> SpreadsheetInfo:
    sheets = []
    for entry in resource.get("sheets", []):
        props = entry.get("properties", {})
        grid = props.get("gridProperties", {})
        sheets.append(
            SheetInfo(
                sheet_id=int(props.get("sheetId", 0)),
                title=str(props.get("title", "")),
                rows=int(grid.get("rowCount", 0)),
                columns=int(grid.get("columnCount", 0)),
                frozen_rows=int(grid.get("frozenRowCount", 0)),
                is_grid=props.get("sheetType", "GRID") == "GRID",
            )
        )
    locale = str(resource.get("properties", {}).get("locale", "de_DE"))
    return SpreadsheetInfo(locale, tuple(sheets))


class SheetsApi:
    """One spreadsheet's endpoints. Reads retry within the policy's budget; every write is sent
    once and its failure reported, because only the caller can tell whether resending is safe."""

    def __init__(self, client: gspread.Client, key: str, source: str, policy: RetryPolicy) -> None:
        self.http = client.http_client
        self.key = key
        self.source = source
        self.policy = policy

    def _once(self, call: Callable[[], T]) -> T:
        try:
            return call()
        except Exception as error:
            failure = classify(error)
            if failure is None:
                raise
            raise RequestFailed(failure) from error

    def _read(self, call: Callable[[], T]) -> T:
        backoff = self.policy.start()
        while True:
            try:
                return self._once(call)
            except RequestFailed as failed:
                retry = failed.failure.outcome is not Outcome.FINAL
                if retry and backoff.wait():
                    continue
                raise storage_error(self.source, failed.failure) from failed

    def metadata(self) -> SpreadsheetInfo:
        resource = self._read(
            lambda: self.http.fetch_sheet_metadata(self.key, params={"fields": METADATA_FIELDS})
        )
        return _info(resource)

    def read(
        self,
        titles: Sequence[str],
        header_only: Sequence[str] = (),
        rows: Mapping[str, Sequence[int]] | None = None,
        grid_rows: Mapping[str, int] | None = None,
        columns: Mapping[str, Sequence[int]] | None = None,
    ) -> dict[str, Grid]:
        """Worksheets (the top rows, where headers are, of `header_only`; the top rows and the
        given rows of each sheet in `rows`, and the given whole columns (1-based) of each sheet
        in `columns`) in one values:batchGet, as the text a person sees; retried on quota and
        network trouble. `grid_rows` (from the metadata) keeps the top rows within a small grid:
        Google refuses a range beyond the grid."""
        limits = grid_rows or {}
        return self._read(
            lambda: self._batch_get(titles, header_only, rows or {}, limits, columns or {})
        )

    def _batch_get(
        self,
        titles: Sequence[str],
        header_only: Sequence[str],
        rows: Mapping[str, Sequence[int]],
        limits: Mapping[str, int],
        columns: Mapping[str, Sequence[int]],
    ) -> dict[str, Grid]:
        tops = list(dict.fromkeys([*header_only, *rows, *columns]))
        ranges = [sheet_range(t) for t in titles] + [
            f"{quote_title(t)}!1:{max(1, min(SCAN_ROWS, limits.get(t, SCAN_ROWS)))}" for t in tops
        ]
        singles = [(t, n) for t, numbers in rows.items() for n in numbers]
        ranges += [f"{quote_title(t)}!{n}:{n}" for t, n in singles]
        # A whole column ('Fälle'!A:A): the IDs of every row, a tenth of the sheet or less.
        wholes = [(t, c) for t, numbers in columns.items() for c in dict.fromkeys(numbers)]
        ranges += [f"{quote_title(t)}!{column_letters(c)}:{column_letters(c)}" for t, c in wholes]
        if not ranges:
            return {}
        # A column read row by row costs a list per cell (twice the bytes in Google's pretty-
        # printed JSON); by columns it is one list. The other ranges are turned back into rows.
        major = "COLUMNS" if wholes else "ROWS"
        answer = self.http.values_batch_get(
            self.key,
            ranges,
            params={"valueRenderOption": "FORMATTED_VALUE", "majorDimension": major},
        )
        grids = {}
        names = [
            *titles,
            *tops,
            *(f"row:{t}:{n}" for t, n in singles),
            *(f"column:{t}:{c}" for t, c in wholes),
        ]
        first_column = len(names) - len(wholes)
        answers = answer.get("valueRanges", [])
        for index, (title, value_range) in enumerate(zip(names, answers, strict=True)):
            size = grid_size(str(value_range.get("range", ""))) or (0, 0)
            values = [[str(v) for v in line] for line in value_range.get("values", [])]
            # A whole column stays one list (see _sparse); other ranges become rows again.
            if major == "COLUMNS" and index < first_column:
                values = _transposed(values)
            grids[title] = Grid(title, values, size[0], size[1])
        for title in tops:
            found = {n: grids.pop(f"row:{title}:{n}").values for n in rows.get(title, ())}
            read = {
                c: grids.pop(f"column:{title}:{c}") for c in dict.fromkeys(columns.get(title, ()))
            }
            top = grids[title]
            # A whole column's range tells the grid's height, which the top rows may not.
            height = max([top.rows, *(g.rows for g in read.values())])
            top = Grid(top.title, top.values, height, top.columns)
            cells = {c: g.values[0] if g.values else [] for c, g in read.items()}
            grids[title] = _sparse(top, found, cells)
        return grids

    def read_range(self, area: str) -> list[list[str]]:
        """One range (e.g. a single column) as shown; retried like every read."""

        def get() -> list[list[str]]:
            answer = self.http.values_batch_get(
                self.key,
                [area],
                params={"valueRenderOption": "FORMATTED_VALUE", "majorDimension": "ROWS"},
            )
            ranges = answer.get("valueRanges", [{}])
            return [[str(v) for v in row] for row in ranges[0].get("values", [])]

        return self._read(get)

    def write(self, data: Sequence[tuple[str, list[list[ApiValue]]]]) -> None:
        """One values:batchUpdate, RAW, so text is never evaluated; sent once."""
        body = {
            "valueInputOption": "RAW",
            "data": [{"range": rng, "values": values} for rng, values in data],
        }
        self._once(lambda: self.http.values_batch_update(self.key, body))

    def append(self, title: str, rows: list[list[ApiValue]], header_row: int = 1) -> int:
        """Insert rows after the table that starts at the header row's first cell (A1 in the
        app's layout); returns the first new row. Sent once.

        Anchored, because Google appends after the block around the *last* filled cell of the
        range: with the whole sheet as range, a note typed far right would take the new row."""
        answer = self._once(
            lambda: self.http.values_append(
                self.key,
                f"{quote_title(title)}!A{header_row}",
                params={"valueInputOption": "RAW", "insertDataOption": "INSERT_ROWS"},
                body={"values": rows},
            )
        )
        row = first_row(str(answer.get("updates", {}).get("updatedRange", "")))
        if row is None:
            raise RequestFailed(
                Failure(Outcome.FINAL, Reason.REJECTED, None, "append without range")
            )
        return row

    def batch_update(self, requests: list[dict[str, Any]]) -> None:
        """One spreadsheets.batchUpdate (structure and formats); sent once."""
        self._once(lambda: self.http.batch_update(self.key, {"requests": requests}))

    def fail(self, failed: RequestFailed) -> Exception:
        """The StorageError to raise for a write the caller gives up on."""
        return storage_error(self.source, failed.failure)

    def send_write(self, send: Callable[[], T], settle: Callable[[RequestFailed], T | None]) -> T:
        """Send a write; never resend it blindly. A refusal that surely changed nothing (429,
        5xx before processing) is retried with backoff; after an answer that leaves it open
        whether Google applied the write (timeout, dropped connection), `settle` looks at the
        sheet and returns the result if the write arrived, or None to send again (it may raise
        to give up)."""
        backoff = self.policy.start()
        while True:
            try:
                return send()
            except RequestFailed as failed:
                if failed.failure.outcome is Outcome.FINAL:
                    raise self.fail(failed) from failed
                if failed.failure.outcome is Outcome.UNKNOWN:
                    settled = settle(failed)
                    if settled is not None:
                        return settled
                if not backoff.wait():
                    raise self.fail(failed) from failed
