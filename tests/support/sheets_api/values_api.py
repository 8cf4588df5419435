"""Handlers of the spreadsheets.values endpoints: get, batchGet, update, batchUpdate, append."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from .a1 import GridRange, column_letters, parse_range
from .cells import Cell, raw_cell, user_entered_cell
from .errors import bad_request, invalid_value
from .model import Sheet, Spreadsheet, check_within_grid
from .rendering import DATE_TIME_RENDER_OPTIONS, VALUE_RENDER_OPTIONS, Renderer

Query = dict[str, list[str]]
Json = dict[str, Any]

LIST_VALUE = "type.googleapis.com/google.protobuf.ListValue"


def _one(query: Query, name: str, default: str) -> str:
    values = query.get(name)
    return values[-1] if values else default


def _enum(query: Query, name: str, default: str, allowed: tuple[str, ...], proto: str) -> str:
    value = _one(query, name, default)
    if value not in allowed:
        raise invalid_value(name, f"type.googleapis.com/google.apps.sheets.v4.{proto}", value)
    return value


def _flag(query: Query, name: str) -> bool:
    return _one(query, name, "false").lower() == "true"


def render_options(query: Query) -> tuple[str, str, str]:
    """valueRenderOption, dateTimeRenderOption and majorDimension with the API's defaults."""
    value = _enum(
        query, "valueRenderOption", "FORMATTED_VALUE", VALUE_RENDER_OPTIONS, "ValueRenderOption"
    )
    dates = _enum(
        query,
        "dateTimeRenderOption",
        "SERIAL_NUMBER",
        DATE_TIME_RENDER_OPTIONS,
        "DateTimeRenderOption",
    )
    major = _enum(query, "majorDimension", "ROWS", ("ROWS", "COLUMNS"), "Dimension")
    return value, dates, major


def read_area(
    spreadsheet: Spreadsheet, sheet: Sheet, area: GridRange, value: str, dates: str, major: str
) -> Json:
    """A ValueRange: trailing empty rows and cells dropped, empty rows in between as []."""
    renderer = Renderer(lambda r, c: sheet.cells.get((r, c)), spreadsheet.locale)
    found: dict[tuple[int, int], Any] = {}
    for row, col in sheet.cells:
        if area.start_row <= row < area.end_row and area.start_col <= col < area.end_col:
            shown = renderer.render(row, col, value, dates)
            if shown is not None and shown != "":
                key = (row - area.start_row, col - area.start_col)
                found[key if major == "ROWS" else (key[1], key[0])] = shown
    result: Json = {"range": area.a1(), "majorDimension": major}
    if found:
        lines: list[list[Any]] = [[] for _ in range(max(r for r, _ in found) + 1)]
        for (line, position), shown in sorted(found.items()):
            lines[line].extend([""] * (position - len(lines[line])))
            lines[line].append(shown)
        result["values"] = lines
    return result


def get_values(spreadsheet: Spreadsheet, range_text: str, query: Query) -> Json:
    value, dates, major = render_options(query)
    sheet, area = spreadsheet.resolve(range_text)
    check_within_grid(area, sheet)
    return read_area(spreadsheet, sheet, area, value, dates, major)


def batch_get(spreadsheet: Spreadsheet, query: Query) -> Json:
    value, dates, major = render_options(query)
    ranges = []
    for text in query.get("ranges", []):
        sheet, area = spreadsheet.resolve(text)
        check_within_grid(area, sheet)
        ranges.append(read_area(spreadsheet, sheet, area, value, dates, major))
    return {"spreadsheetId": spreadsheet.spreadsheet_id, "valueRanges": ranges}


def _input_option(query_or_body: Any) -> str:
    option = query_or_body
    if option in (None, ""):
        raise bad_request("'valueInputOption' is required but not specified")
    if option not in ("RAW", "USER_ENTERED"):
        raise invalid_value(
            "value_input_option",
            "type.googleapis.com/google.apps.sheets.v4.ValueInputOption",
            option,
        )
    return str(option)


def _rows_of(values: Any, major: str | None, field: str) -> list[list[Any]]:
    """The values as rows, checked like the protobuf decoder does and transposed for COLUMNS."""
    if not isinstance(values, list):
        raise invalid_value(field, LIST_VALUE, values)
    for index, line in enumerate(values):
        if not isinstance(line, list):
            raise invalid_value(f"{field}[{index}]", LIST_VALUE, line)
    if major == "COLUMNS":
        height = max((len(line) for line in values), default=0)
        return [[line[r] for line in values if r < len(line)] for r in range(height)]
    return values


def _is_anchor(range_text: str) -> bool:
    """A single cell or a whole sheet only marks where writing starts."""
    try:
        readings = parse_range(range_text)
    except ValueError:
        return False
    span = readings[0].cells
    if span is None:
        return True
    return span.end_row == (span.start_row or 0) + 1 and span.end_col == (span.start_col or 0) + 1


def _keeping_format(sheet: Sheet, position: tuple[int, int], cell: Cell | None) -> Cell | None:
    """The values API changes what a cell holds, not how it is formatted: a number sent into a
    date cell stays a date. Only input that brings its own format (a typed date) replaces it."""
    old = sheet.cells.get(position)
    if cell is None or cell.number_format is not None or old is None or old.number_format is None:
        return cell
    return replace(cell, number_format=old.number_format)


def _to_cell(value: Any, option: str, locale: str) -> Cell | None:
    return raw_cell(value) if option == "RAW" else user_entered_cell(value, locale)


@dataclass(frozen=True)
class Written:
    """What a write touched: the box of the values sent and the cells that were not null."""

    box: GridRange
    positions: frozenset[tuple[int, int]]

    def counts(self) -> Json:
        return {
            "updatedRange": self.box.a1(),
            "updatedRows": len({r for r, _ in self.positions}),
            "updatedColumns": len({c for _, c in self.positions}),
            "updatedCells": len(self.positions),
        }


def write_rows(
    spreadsheet: Spreadsheet,
    sheet: Sheet,
    start_row: int,
    start_col: int,
    rows: list[list[Any]],
    option: str,
) -> Written:
    """Write rows at a position; null leaves a cell alone and does not count as updated."""
    positions = set()
    for r, line in enumerate(rows):
        for c, value in enumerate(line):
            if value is not None:
                position = (start_row + r, start_col + c)
                sheet.put(
                    *position,
                    _keeping_format(sheet, position, _to_cell(value, option, spreadsheet.locale)),
                )
                positions.add(position)
    width = max((len(line) for line in rows), default=0)
    box = GridRange(sheet.title, start_row, start_row + len(rows), start_col, start_col + width)
    return Written(box, frozenset(positions))


def _update_one(
    spreadsheet: Spreadsheet, range_text: str, data: Json, option: str, field: str
) -> tuple[Json, Written]:
    # The real API decodes the body before it looks at the range.
    rows = _rows_of(data.get("values"), data.get("majorDimension"), field)
    sheet, area = spreadsheet.resolve(range_text)
    height = len(rows)
    width = max((len(line) for line in rows), default=0)
    if not _is_anchor(range_text):
        if height > area.rows:
            raise bad_request(
                f"Requested writing within range [{range_text}], but tried writing to row "
                f"[{area.start_row + height}]"
            )
        if width > area.cols:
            raise bad_request(
                f"Requested writing within range [{range_text}], but tried writing to column "
                f"[{column_letters(area.start_col + width - 1)}]"
            )
    target = GridRange(
        sheet.title, area.start_row, area.start_row + height, area.start_col, area.start_col + width
    )
    check_within_grid(target, sheet)
    written = write_rows(spreadsheet, sheet, area.start_row, area.start_col, rows, option)
    response: Json = {"spreadsheetId": spreadsheet.spreadsheet_id}
    if height and width:
        response.update(written.counts())
    return response, written


def _with_data(response: Json, spreadsheet: Spreadsheet, box: GridRange, query: Query) -> None:
    value, dates, _ = render_options(
        {
            "valueRenderOption": query.get("responseValueRenderOption", []),
            "dateTimeRenderOption": query.get("responseDateTimeRenderOption", []),
        }
    )
    sheet = spreadsheet.sheet_by_title(box.sheet_title)
    if sheet is not None and box.rows and box.cols:
        response["updatedData"] = read_area(spreadsheet, sheet, box, value, dates, "ROWS")


def update_values(spreadsheet: Spreadsheet, range_text: str, query: Query, body: Json) -> Json:
    option = _input_option(_one(query, "valueInputOption", ""))
    response, written = _update_one(spreadsheet, range_text, body, option, "data.values")
    if _flag(query, "includeValuesInResponse"):
        _with_data(response, spreadsheet, written.box, query)
    return response


def batch_update_values(spreadsheet: Spreadsheet, body: Json) -> Json:
    option = _input_option(body.get("valueInputOption"))
    responses = []
    rows: set[tuple[int, int]] = set()
    cols: set[tuple[int, int]] = set()
    sheets: set[int] = set()
    total_cells = 0
    options = {
        "responseValueRenderOption": [body.get("responseValueRenderOption") or "FORMATTED_VALUE"],
        "responseDateTimeRenderOption": [
            body.get("responseDateTimeRenderOption") or "SERIAL_NUMBER"
        ],
    }
    for index, data in enumerate(body.get("data") or []):
        response, written = _update_one(
            spreadsheet, str(data.get("range", "")), data, option, f"data[{index}].values"
        )
        if body.get("includeValuesInResponse"):
            _with_data(response, spreadsheet, written.box, options)
        responses.append(response)
        sheet = spreadsheet.sheet_by_title(written.box.sheet_title)
        sheet_id = sheet.sheet_id if sheet else -1
        total_cells += len(written.positions)
        if written.positions:
            sheets.add(sheet_id)
            rows.update((sheet_id, r) for r, _ in written.positions)
            cols.update((sheet_id, c) for _, c in written.positions)
    result: Json = {"spreadsheetId": spreadsheet.spreadsheet_id}
    if total_cells:
        result.update(
            totalUpdatedRows=len(rows),
            totalUpdatedColumns=len(cols),
            totalUpdatedCells=total_cells,
            totalUpdatedSheets=len(sheets),
        )
    result["responses"] = responses
    return result


def find_table(sheet: Sheet, area: GridRange) -> GridRange | None:
    """The block of filled cells around the last filled cell of the range (8-connected)."""
    inside = [
        (r, c)
        for (r, c) in sheet.cells
        if area.start_row <= r < area.end_row and area.start_col <= c < area.end_col
    ]
    if not inside:
        return None
    top, left = max(inside)
    bottom, right = top, left
    grew = True
    while grew:
        grew = False
        for r, c in sheet.cells:
            near = top - 1 <= r <= bottom + 1 and left - 1 <= c <= right + 1
            if near and not (top <= r <= bottom and left <= c <= right):
                top, bottom = min(top, r), max(bottom, r)
                left, right = min(left, c), max(right, c)
                grew = True
    return GridRange(sheet.title, top, bottom + 1, left, right + 1)


def append_values(spreadsheet: Spreadsheet, range_text: str, query: Query, body: Json) -> Json:
    option = _input_option(_one(query, "valueInputOption", ""))
    insert = _one(query, "insertDataOption", "OVERWRITE")
    if insert not in ("OVERWRITE", "INSERT_ROWS"):
        raise invalid_value(
            "insert_data_option",
            "type.googleapis.com/google.apps.sheets.v4.InsertDataOption",
            insert,
        )
    sheet, area = spreadsheet.resolve(range_text)
    rows = _rows_of(body.get("values"), body.get("majorDimension"), "data.values")
    table = find_table(sheet, area)
    row, col = (table.end_row, table.start_col) if table else (area.start_row, area.start_col)
    height = len(rows)
    width = max((len(line) for line in rows), default=0)
    if insert == "INSERT_ROWS":
        sheet.insert_rows(row, height)
    elif row + height > sheet.row_count:
        sheet.resize(rows=row + height)
    if col + width > sheet.col_count:
        sheet.resize(cols=col + width)
    written = write_rows(spreadsheet, sheet, row, col, rows, option)
    updates: Json = {"spreadsheetId": spreadsheet.spreadsheet_id}
    if height and width:
        updates.update(written.counts())
    if _flag(query, "includeValuesInResponse"):
        _with_data(updates, spreadsheet, written.box, query)
    response: Json = {"spreadsheetId": spreadsheet.spreadsheet_id}
    if table is not None:
        response["tableRange"] = table.a1()
    response["updates"] = updates
    return response
