"""A tiny formula evaluator: arithmetic, same-sheet cell references and SUM; anything else errors."""

from __future__ import annotations

import re
from collections.abc import Callable

from .a1 import column_index

Value = str | float | bool | None
Lookup = Callable[[int, int], Value]

_TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+)"
    r"|(?P<range>\$?[A-Za-z]{1,3}\$?\d+:\$?[A-Za-z]{1,3}\$?\d+)"
    r"|(?P<ref>\$?[A-Za-z]{1,3}\$?\d+)(?![A-Za-z0-9(])"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_.]*)"
    r"|(?P<string>\"(?:[^\"]|\"\")*\")"
    r"|(?P<op>[-+*/^&(),]))"
)


class FormulaError(Exception):
    """A formula evaluates to a Sheets error value such as #NAME? or #DIV/0!."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _tokenize(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise FormulaError("#ERROR!")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


def _cell_position(ref: str) -> tuple[int, int]:
    match = re.fullmatch(r"\$?([A-Za-z]{1,3})\$?(\d+)", ref)
    if not match:
        raise FormulaError("#REF!")
    return int(match.group(2)) - 1, column_index(match.group(1))


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], lookup: Lookup):
        self.tokens = tokens
        self.position = 0
        self.lookup = lookup

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise FormulaError("#ERROR!")
        self.position += 1
        return token

    def expression(self) -> object:
        left = self.additive()
        while self.peek() == ("op", "&"):
            self.take()
            left = _text(left) + _text(self.additive())
        return left

    def additive(self) -> object:
        left = self.term()
        while (token := self.peek()) is not None and token[1] in {"+", "-"} and token[0] == "op":
            self.take()
            right = self.term()
            left = (
                _number(left) + _number(right)
                if token[1] == "+"
                else _number(left) - _number(right)
            )
        return left

    def term(self) -> object:
        left = self.power()
        while (token := self.peek()) is not None and token[1] in {"*", "/"} and token[0] == "op":
            self.take()
            right = _number(self.power())
            if token[1] == "*":
                left = _number(left) * right
            elif right == 0:
                raise FormulaError("#DIV/0!")
            else:
                left = _number(left) / right
        return left

    def power(self) -> object:
        base = self.unary()
        if self.peek() == ("op", "^"):
            self.take()
            return _number(base) ** _number(self.power())
        return base

    def unary(self) -> object:
        token = self.peek()
        if token in {("op", "-"), ("op", "+")}:
            self.take()
            value = _number(self.unary())
            return -value if token == ("op", "-") else value
        return self.atom()

    def atom(self) -> object:
        kind, text = self.take()
        if kind == "number":
            return float(text)
        if kind == "string":
            return text[1:-1].replace('""', '"')
        if kind == "ref":
            return self.lookup(*_cell_position(text))
        if kind == "op" and text == "(":
            value = self.expression()
            if self.take() != ("op", ")"):
                raise FormulaError("#ERROR!")
            return value
        if kind == "name" and text.upper() in {"TRUE", "FALSE"} and self.peek() != ("op", "("):
            return text.upper() == "TRUE"
        if kind == "name" and text.upper() == "SUM" and self.peek() == ("op", "("):
            return self.sum_call()
        if kind == "name":
            raise FormulaError("#NAME?")
        raise FormulaError("#ERROR!")

    def sum_call(self) -> float:
        self.take()
        total = 0.0
        while True:
            token = self.peek()
            if token is not None and token[0] == "range":
                self.take()
                total += self.sum_range(token[1])
            else:
                value = self.expression()
                total += _number(value) if value not in (None, "") else 0.0
            separator = self.take()
            if separator == ("op", ")"):
                return total
            if separator != ("op", ","):
                raise FormulaError("#ERROR!")

    def sum_range(self, text: str) -> float:
        first, second = text.split(":")
        (row1, col1), (row2, col2) = _cell_position(first), _cell_position(second)
        total = 0.0
        for row in range(min(row1, row2), max(row1, row2) + 1):
            for col in range(min(col1, col2), max(col1, col2) + 1):
                value = self.lookup(row, col)
                if isinstance(value, float) and not isinstance(value, bool):
                    total += value
        return total


def _number(value: object) -> float:
    if value is None or value == "":
        return 0.0
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float | int):
        return float(value)
    raise FormulaError("#VALUE!")


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def evaluate(formula: str, lookup: Lookup) -> str | float | bool:
    """Evaluate '=…'; errors come back as the Sheets error text (e.g. '#NAME?')."""
    try:
        parser = _Parser(_tokenize(formula[1:]), lookup)
        value = parser.expression()
        if parser.peek() is not None:
            raise FormulaError("#ERROR!")
    except FormulaError as error:
        return error.code
    if value is None:
        return 0.0
    if isinstance(value, str | float | bool):
        return value
    return _text(value)
