"""Handlers of spreadsheets.get (metadata) and spreadsheets.batchUpdate for the modelled requests."""

from __future__ import annotations

import copy
import math
import struct
from collections.abc import Callable
from typing import Any

from .cells import user_entered_cell
from .errors import NotImplementedRequest, bad_request
from .fieldmask import apply_mask, mask_paths, parse_mask
from .model import Sheet, SheetsState, Spreadsheet, new_sheet_properties
from .rendering import json_number

Json = dict[str, Any]
Query = dict[str, list[str]]


def spreadsheet_url(spreadsheet_id: str) -> str:
    return f"https://docs.google.com/spreadsheets/d/{spreadsheet_id}/edit"


def metadata(spreadsheet: Spreadsheet) -> Json:
    """The spreadsheet resource without grid data, as includeGridData=false returns it."""
    return {
        "spreadsheetId": spreadsheet.spreadsheet_id,
        "properties": copy.deepcopy(spreadsheet.properties),
        "sheets": [{"properties": copy.deepcopy(s.properties)} for s in spreadsheet.sheets],
        "spreadsheetUrl": spreadsheet_url(spreadsheet.spreadsheet_id),
    }


def get_spreadsheet(spreadsheet: Spreadsheet, query: Query) -> Json:
    if query.get("includeGridData", ["false"])[-1].lower() == "true":
        raise NotImplementedRequest("spreadsheets.get with includeGridData=true")
    if query.get("ranges"):
        raise NotImplementedRequest("spreadsheets.get with ranges (grid data)")
    result = metadata(spreadsheet)
    fields = query.get("fields")
    if not fields:
        return result
    mask = parse_mask(fields[-1])
    if any(path.startswith("sheets.data") for path in mask_paths(mask)):
        raise NotImplementedRequest(f"spreadsheets.get with fields={fields[-1]} (grid data)")
    return dict(apply_mask(result, mask))


def float32(value: float) -> int | float:
    """Sheets stores colours as 32-bit floats and prints the shortest text that round-trips."""
    stored = struct.unpack("f", struct.pack("f", value))[0]
    for digits in range(1, 10):
        text = f"{stored:.{digits}g}"
        if struct.unpack("f", struct.pack("f", float(text)))[0] == stored:
            return json_number(float(text))
    return json_number(stored)


def _channel(value: float) -> int | float:
    """Sheets keeps 8 bits per colour channel (0.5 comes back as 127/255)."""
    level = math.ceil(min(max(value, 0.0), 1.0) * 255 - 0.5)
    return float32(level / 255)


def _color(rgb: Any) -> Json:
    channels = {
        k: _channel(float(v)) if k != "alpha" else float32(float(v))
        for k, v in (rgb or {}).items()
        if v
    }
    return {k: v for k, v in channels.items() if v}


def _color_style(style: Any) -> Json | None:
    if not style:
        return None
    if style.get("rgbColor") is not None:
        return {"rgbColor": _color(style["rgbColor"])}
    if style.get("themeColor"):
        return {"themeColor": style["themeColor"]}
    return None


def _get_path(source: Json, path: list[str]) -> tuple[bool, Any]:
    node: Any = source
    for name in path:
        if not isinstance(node, dict) or name not in node:
            return False, None
        node = node[name]
    return True, node


def _set_path(target: Json, path: list[str], present: bool, value: Any) -> None:
    node = target
    for name in path[:-1]:
        node = node.setdefault(name, {})
    if present and value is not None:
        node[path[-1]] = copy.deepcopy(value)
    else:
        node.pop(path[-1], None)


def _apply_fields(target: Json, source: Json, fields: str) -> list[str]:
    """Copy the masked fields from source to target; masked fields absent in source are reset."""
    paths = list(source) if fields.strip() == "*" else mask_paths(parse_mask(fields))
    for path in paths:
        parts = path.split(".")
        present, value = _get_path(source, parts)
        _set_path(target, parts, present, value)
    return paths


def _grid(range_json: Json, spreadsheet: Spreadsheet, prefix: str) -> tuple[Sheet, range, range]:
    sheet_id = int(range_json.get("sheetId", 0))
    sheet = spreadsheet.sheet_by_id(sheet_id)
    if sheet is None:
        raise bad_request(f"{prefix}No grid with id: {sheet_id}")
    rows = range(
        int(range_json.get("startRowIndex", 0)), int(range_json.get("endRowIndex", sheet.row_count))
    )
    cols = range(
        int(range_json.get("startColumnIndex", 0)),
        int(range_json.get("endColumnIndex", sheet.col_count)),
    )
    return sheet, rows, cols


class BatchUpdater:
    """Applies the requests of one batchUpdate call; the caller restores state on error."""

    def __init__(self, state: SheetsState, spreadsheet: Spreadsheet):
        self.state = state
        self.spreadsheet = spreadsheet
        self.handlers: dict[str, Callable[[Json, str], Json]] = {
            "addSheet": self.add_sheet,
            "updateSheetProperties": self.update_sheet_properties,
            "setDataValidation": self.set_data_validation,
            "repeatCell": self.repeat_cell,
            "deleteDimension": self.delete_dimension,
        }

    def run(self, body: Json) -> Json:
        replies = []
        for index, request in enumerate(body.get("requests") or []):
            kind = next(iter(request), "")
            handler = self.handlers.get(kind)
            if handler is None:
                raise NotImplementedRequest(f"spreadsheets.batchUpdate request '{kind}'")
            replies.append(handler(request[kind], f"Invalid requests[{index}].{kind}: "))
        return {"spreadsheetId": self.spreadsheet.spreadsheet_id, "replies": replies}

    def _check_title(self, title: str, prefix: str, own: Sheet | None = None) -> None:
        clash = self.spreadsheet.sheet_by_title(title)
        if clash is not None and clash is not own:
            raise bad_request(
                f'{prefix}A sheet with the name "{title}" already exists. '
                "Please enter another name."
            )

    def add_sheet(self, request: Json, prefix: str) -> Json:
        given = copy.deepcopy(request.get("properties") or {})
        spreadsheet = self.spreadsheet
        if "sheetId" in given and spreadsheet.sheet_by_id(int(given["sheetId"])) is not None:
            raise bad_request(f"{prefix}A sheet with id {given['sheetId']} already exists.")
        title = given.get("title") or self._free_title()
        self._check_title(title, prefix)
        sheet_id = int(given.get("sheetId", self.state.new_sheet_id(spreadsheet)))
        grid = given.get("gridProperties") or {}
        properties = new_sheet_properties(
            sheet_id,
            title,
            0,
            int(grid.get("rowCount", 1000)),
            int(grid.get("columnCount", 26)),
        )
        properties["gridProperties"].update(
            {k: v for k, v in grid.items() if k not in ("rowCount", "columnCount")}
        )
        for key in ("hidden", "rightToLeft"):
            if given.get(key):
                properties[key] = True
        self._set_tab_color(properties, given.get("tabColorStyle"))
        index = int(given.get("index", len(spreadsheet.sheets)))
        spreadsheet.sheets.insert(min(index, len(spreadsheet.sheets)), Sheet(properties))
        spreadsheet.renumber()
        return {"addSheet": {"properties": copy.deepcopy(properties)}}

    def _free_title(self) -> str:
        number = len(self.spreadsheet.sheets) + 1
        while self.spreadsheet.sheet_by_title(f"Sheet{number}") is not None:
            number += 1
        return f"Sheet{number}"

    @staticmethod
    def _set_tab_color(properties: Json, style: Any) -> None:
        normalised = _color_style(style)
        properties.pop("tabColor", None)
        properties.pop("tabColorStyle", None)
        if normalised is not None:
            if "rgbColor" in normalised:
                properties["tabColor"] = copy.deepcopy(normalised["rgbColor"])
            properties["tabColorStyle"] = normalised

    def update_sheet_properties(self, request: Json, prefix: str) -> Json:
        given = request.get("properties") or {}
        sheet = self.spreadsheet.sheet_by_id(int(given.get("sheetId", 0)))
        if sheet is None:
            raise bad_request(f"{prefix}No grid with id: {given.get('sheetId', 0)}")
        fields = str(request.get("fields") or "")
        if not fields:
            raise bad_request(
                f"{prefix}At least one field must be updated, but none was specified."
            )
        updated = copy.deepcopy(sheet.properties)
        paths = _apply_fields(updated, given, fields)
        updated["sheetId"] = sheet.sheet_id
        if "title" in paths:
            title = str(updated.get("title") or "")
            if not title:
                raise bad_request(f"{prefix}The sheet name cannot be empty.")
            self._check_title(title, prefix, own=sheet)
        if any(p.startswith("tabColorStyle") for p in paths):
            self._set_tab_color(updated, given.get("tabColorStyle"))
        if not updated.get("hidden"):
            updated.pop("hidden", None)
        elif all(s.properties.get("hidden") or s is sheet for s in self.spreadsheet.sheets):
            raise bad_request(f"{prefix}You can't hide all the sheets in a document.")
        grid = updated.setdefault("gridProperties", {})
        for key in ("frozenRowCount", "frozenColumnCount", "hideGridlines"):
            if not grid.get(key):
                grid.pop(key, None)
        rows = int(grid.get("rowCount", sheet.row_count))
        cols = int(grid.get("columnCount", sheet.col_count))
        index = int(updated.get("index", sheet.properties["index"]))
        sheet.properties = updated
        sheet.resize(rows, cols)
        self._move(sheet, index)
        return {}

    def _move(self, sheet: Sheet, index: int) -> None:
        sheets = self.spreadsheet.sheets
        old = sheets.index(sheet)
        # Sheets counts the target index as it was before the move.
        target = index if index <= old else index - 1
        sheets.remove(sheet)
        sheets.insert(max(0, min(target, len(sheets))), sheet)
        self.spreadsheet.renumber()

    def delete_dimension(self, request: Json, prefix: str) -> Json:
        given = request.get("range") or {}
        sheet = self.spreadsheet.sheet_by_id(int(given.get("sheetId", 0)))
        if sheet is None:
            raise bad_request(f"{prefix}No grid with id: {given.get('sheetId', 0)}")
        dimension = str(given.get("dimension") or "")
        if dimension not in ("ROWS", "COLUMNS"):
            raise bad_request(f"{prefix}range.dimension must be ROWS or COLUMNS")
        size = sheet.row_count if dimension == "ROWS" else sheet.col_count
        start = int(given.get("startIndex", 0))
        end = min(int(given.get("endIndex", size)), size)
        if start >= end:
            return {}
        if end - start >= size:
            what = "rows" if dimension == "ROWS" else "columns"
            raise bad_request(f"{prefix}You can't delete all the {what} on the sheet.")
        sheet.delete(dimension, start, end)
        return {}

    def set_data_validation(self, request: Json, prefix: str) -> Json:
        sheet, rows, cols = _grid(request.get("range") or {}, self.spreadsheet, prefix)
        rule = request.get("rule")
        for row in rows:
            for col in cols:
                if rule:
                    sheet.validations[(row, col)] = copy.deepcopy(rule)
                else:
                    sheet.validations.pop((row, col), None)
        return {}

    def repeat_cell(self, request: Json, prefix: str) -> Json:
        sheet, rows, cols = _grid(request.get("range") or {}, self.spreadsheet, prefix)
        cell = request.get("cell") or {}
        paths = mask_paths(parse_mask(str(request.get("fields") or "")))
        for path in paths:
            if path.split(".")[0] not in ("userEnteredFormat", "userEnteredValue"):
                raise NotImplementedRequest(f"spreadsheets.batchUpdate repeatCell field '{path}'")
        for row in rows:
            for col in cols:
                for path in paths:
                    self._repeat_path(sheet, row, col, cell, path)
        return {}

    def _repeat_path(self, sheet: Sheet, row: int, col: int, cell: Json, path: str) -> None:
        parts = path.split(".")
        present, value = _get_path(cell, parts)
        if parts[0] == "userEnteredFormat":
            if len(parts) == 1:
                target = copy.deepcopy(value) if present and value else {}
            else:
                target = sheet.formats.get((row, col), {})
                _set_path(target, parts[1:], present, value)
            if target:
                sheet.formats[(row, col)] = target
            else:
                sheet.formats.pop((row, col), None)
            return
        entered = value if present else None
        if not entered:
            sheet.put(row, col, None)
            return
        kind, raw = next(iter(entered.items()))
        text = raw if kind != "stringValue" else "'" + str(raw)
        sheet.put(row, col, user_entered_cell(text, self.spreadsheet.locale))


def batch_update(state: SheetsState, spreadsheet: Spreadsheet, body: Json) -> Json:
    return BatchUpdater(state, spreadsheet).run(body)
