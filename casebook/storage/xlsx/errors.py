"""Errors raised when a cell edit cannot be written into an .xlsx workbook safely."""

from __future__ import annotations

# Excel refuses longer text in a cell; the limit counts UTF-16 code units.
MAX_TEXT_LENGTH = 32_767


class XlsxPatchError(Exception):
    """Base of all errors of the surgical .xlsx writer."""


class UnsupportedWorkbook(XlsxPatchError):
    """The file is not a workbook this writer can patch without risk (encrypted, .xls, damaged...)."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"Unsupported workbook: {reason}")
        self.reason = reason


class UnknownWorksheet(XlsxPatchError):
    """No worksheet of that name exists in the workbook."""

    def __init__(self, sheet: str) -> None:
        super().__init__(f"No worksheet named {sheet!r}")
        self.sheet = sheet


class CellEditError(XlsxPatchError):
    """One edit cannot be written; carries the cell it was meant for."""

    def __init__(self, sheet: str, row: int, column: int, message: str) -> None:
        super().__init__(f"{sheet!r} row {row} column {column}: {message}")
        self.sheet = sheet
        self.row = row
        self.column = column


class InvalidCellAddress(CellEditError):
    """Row or column lies outside the grid of an Excel worksheet."""

    def __init__(self, sheet: str, row: int, column: int) -> None:
        super().__init__(sheet, row, column, "outside 1..1048576 rows / 1..16384 columns")


class TextTooLong(CellEditError):
    """Text longer than Excel's 32,767 characters per cell."""

    def __init__(self, sheet: str, row: int, column: int, length: int) -> None:
        super().__init__(
            sheet, row, column, f"text has {length} characters, Excel allows {MAX_TEXT_LENGTH}"
        )
        self.length = length


class UnencodableText(CellEditError):
    """Text holds a character no .xlsx can carry (a lone surrogate, U+FFFE or U+FFFF)."""

    def __init__(self, sheet: str, row: int, column: int, character: str) -> None:
        super().__init__(sheet, row, column, f"character U+{ord(character):04X} cannot be stored")
        self.character = character


class UnrepresentableValue(CellEditError):
    """A number or date Excel cannot hold (NaN, infinity, dates before 1900, time zones...)."""

    def __init__(self, sheet: str, row: int, column: int, value: object, reason: str) -> None:
        super().__init__(sheet, row, column, f"{value!r}: {reason}")
        self.value = value
        self.reason = reason


class FormulaCellEdit(CellEditError):
    """The cell holds a formula (or lies in an array formula); the writer never overwrites those."""

    def __init__(self, sheet: str, row: int, column: int) -> None:
        super().__init__(sheet, row, column, "cell holds a formula and is not overwritten")
