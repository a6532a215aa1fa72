"""Recompute formula cells that were saved without a result (IN007).

Files written by scripts and some WPS versions store ``=SUM(D8:D19)`` but no value, which a
fast reader sees as an empty cell. Reading that as 0 would silently lose figures, so the
formula is evaluated from the cells it references (which may be such formulas themselves).
The simple ones a form holds (SUM, + − × ÷, ROUND, IF, cell references, on numbers) are evaluated
here; anything else, or any text, truth value or division by zero among the operands, goes to
the ``formulas`` library (and numpy), which is loaded only then.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Protocol

from .rules import ERROR

Key = tuple[str, int, int]  # (sheet name, row, col), 0-based
EPOCH = datetime(1899, 12, 30)  # Excel's day 0 (its serial numbers count days from here)

_REF = re.compile(
    r"^(?:'?(?P<sheet>.+?)'?!)?\$?(?P<c1>[A-Z]+)\$?(?P<r1>\d+)"
    r"(?::\$?(?P<c2>[A-Z]+)\$?(?P<r2>\d+))?$"
)


class Sheet(Protocol):
    """A sheet as the formulas read it (read.Sheet): formula.py stays below read.py."""

    def value(self, row: int, col: int) -> object: ...


def evaluate_all(pending: dict[Key, str], sheets: Mapping[str, Sheet]) -> dict[Key, tuple]:
    """Each pending formula's (value, error): value when it evaluates, else an error text."""
    results: dict[Key, tuple] = {}

    def cell_value(key: Key, stack: tuple) -> object:
        if key in pending:
            if key in stack:
                raise ValueError("循环引用")
            if key not in results:
                results[key] = _evaluate(key, stack + (key,))
            value, error = results[key]
            if error:
                raise ValueError(error)
            return value
        sheet = sheets.get(key[0])
        return serial(sheet.value(key[1], key[2])) if sheet else ""

    def _evaluate(key: Key, stack: tuple) -> tuple:
        try:
            return _simple(pending[key], key[0], lambda ref: cell_value(ref, stack), sheets), None
        except ValueError as e:  # our own: circular or unreadable reference
            return None, str(e)
        except _Unsupported:
            return _engine(key, stack)

    def _engine(key: Key, stack: tuple) -> tuple:
        import logging  # here, with the engine: logging costs every command's start ~0.01 s

        import numpy as np

        logging.getLogger("schedula").setLevel(logging.CRITICAL)  # it logs every failed formula
        try:
            import formulas

            func = formulas.Parser().ast(pending[key])[1].compile()
            args = [_input(name, key[0], stack) for name in func.inputs]
            value = np.asarray(func(*args)).ravel()[0]
        except ValueError as e:  # our own: circular or unreadable reference
            return None, str(e)
        except Exception as e:  # the library's parse errors and unsupported functions
            return None, f"不支持的公式（{type(e).__name__}）"
        if isinstance(value, (bool, np.bool_)):
            return None, "结果不是数值"
        if isinstance(value, (int, float, np.integer, np.floating)):
            return float(value), None
        if type(value) is str:  # Excel errors (#DIV/0!) are a str subclass: they fall through
            return value, None
        return None, str(value)

    def _input(name: str, own_sheet: str, stack: tuple):
        import numpy as np

        sheet, r1, c1, r2, c2 = _reference(name, own_sheet, sheets)
        if r2 is None or c2 is None:
            value = cell_value((sheet, r1, c1), stack)
            return 0 if value == "" else value  # an empty cell counts as 0 in arithmetic
        return np.array(
            [[cell_value((sheet, r, c), stack) for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)],
            dtype=object,
        )

    for key in pending:
        if key not in results:
            results[key] = _evaluate(key, (key,))
    return results


class _Unsupported(Exception):
    """A formula (or an operand) the simple evaluator leaves to the ``formulas`` library."""


_TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+(?:\.\d+)?)"
    r"|(?P<ref>(?:'[^']+'!|[^\s!'(),+\-*/^&=<>:%\"]+!)?\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)"
    r"|(?P<function>SUM|ROUND|IF)\("
    r"|(?P<empty>\"\")"
    r"|(?P<compare><>|<=|>=|=|<|>)"
    r"|(?P<op>[-+*/(),]))"
)
_COMPARE = {
    "=": float.__eq__,
    "<>": float.__ne__,
    "<": float.__lt__,
    ">": float.__gt__,
    "<=": float.__le__,
    ">=": float.__ge__,
}


def _simple(formula: str, own_sheet: str, value_at, sheets: Mapping[str, Sheet]) -> float | str:
    """SUM, + − × ÷, ROUND, IF (comparing numbers, "" as a result) and references over numbers
    (an empty cell is 0), as Excel does. The branch IF does not take is read, not evaluated:
    its references still count (a circular one is an error), its values and divisions do not."""
    text, tokens, at = formula.upper().removeprefix("="), [], 0
    while at < len(text.rstrip()):
        m = _TOKEN.match(text, at)
        if not m:
            raise _Unsupported
        kind = m.lastgroup or ""  # every alternative of _TOKEN is a named group
        tokens.append((kind, m.group(kind)))
        at = m.end()
    tokens.append(("end", ""))
    pos, skipping = 0, 0

    def take(kind: str, text: str | None = None) -> bool:
        nonlocal pos
        if tokens[pos][0] == kind and (text is None or tokens[pos][1] == text):
            pos += 1
            return True
        return False

    def expect(text: str) -> None:
        if not take("op", text):
            raise _Unsupported

    def number(value: object) -> float:
        if skipping:
            return 0.0
        if value == "":
            return 0.0
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _Unsupported  # text, truth values, errors: the library knows Excel's rules
        return float(value)

    def operand(value: float | str) -> float:
        """A value an operator applies to: "" (an IF's result) is text, not a number."""
        if not isinstance(value, str):
            return value
        if skipping:
            return 0.0
        raise _Unsupported

    def expression() -> float | str:
        value = term()
        while tokens[pos] in (("op", "+"), ("op", "-")):
            sign = tokens[pos][1]
            take("op")
            left, right = operand(value), operand(term())
            value = left + right if sign == "+" else left - right
        return value

    def term() -> float | str:
        value = unary()
        while tokens[pos] in (("op", "*"), ("op", "/")):
            times = tokens[pos][1] == "*"
            take("op")
            left, right = operand(value), operand(unary())
            if not times and right == 0:
                if not skipping:
                    raise _Unsupported  # #DIV/0!
                right = 1.0
            value = left * right if times else left / right
        return value

    def unary() -> float | str:
        if take("op", "-"):
            return -operand(unary())
        if take("op", "+"):
            return operand(unary())
        return primary()

    def branch(taken: bool) -> float | str:
        nonlocal skipping
        skipping += not taken
        try:
            return expression()
        finally:
            skipping -= not taken

    def primary() -> float | str:
        kind, text = tokens[pos]
        if take("number"):
            return float(text)
        if take("empty"):
            return ""
        if take("ref"):
            sheet, r1, c1, r2, c2 = _reference(text, own_sheet, sheets)
            if r2 is not None:
                raise _Unsupported  # a range outside SUM
            return number(value_at((sheet, r1, c1)))
        if take("function", "SUM"):
            terms: list[float] = []
            while True:
                if tokens[pos][0] == "ref" and tokens[pos + 1] in (("op", ","), ("op", ")")):
                    sheet, r1, c1, r2, c2 = _reference(tokens[pos][1], own_sheet, sheets)
                    take("ref")
                    last_row, last_col = (r1, c1) if r2 is None or c2 is None else (r2, c2)
                    for r in range(r1, last_row + 1):
                        cells = [value_at((sheet, r, c)) for c in range(c1, last_col + 1)]
                        terms += [number(v) for v in cells if not _ignored_by_sum(v)]
                else:
                    terms.append(operand(expression()))
                if not take("op", ","):
                    break
            expect(")")
            return _pairwise_sum(terms)
        if take("function", "ROUND"):
            value = operand(expression())
            expect(",")
            digits = operand(expression())
            expect(")")
            return _round(value, digits)
        if take("function", "IF"):
            left = operand(expression())
            compare = tokens[pos][1]
            holds = _COMPARE[compare](left, operand(expression())) if take("compare") else left != 0
            expect(",")
            then = branch(holds)
            if not take("op", ","):
                if not holds and not skipping:
                    raise _Unsupported  # FALSE: not a number
                expect(")")
                return then
            otherwise = branch(not holds)
            expect(")")
            return then if holds else otherwise
        if take("op", "("):
            inner = expression()
            expect(")")
            return inner
        raise _Unsupported

    value = expression()
    if tokens[pos][0] != "end":
        raise _Unsupported
    return value


def _ignored_by_sum(value: object) -> bool:
    """Text and truth values in a referenced cell, which Excel's SUM leaves out ("—" for none
    gives 0, not #VALUE!); an empty cell still counts, as 0."""
    return isinstance(value, bool) or (isinstance(value, str) and value != "")


def _pairwise_sum(values: list[float]) -> float:
    """The sum in numpy's order (eight running sums, halves above 128 values), so that a
    recomputed total is the very number the ``formulas`` library gives."""
    n = len(values)
    if n < 8:
        total = 0.0
        for v in values:
            total += v
        return total
    if n <= 128:
        sums = values[:8]
        end = n - n % 8
        for i in range(8, end, 8):
            for j in range(8):
                sums[j] += values[i + j]
        total = ((sums[0] + sums[1]) + (sums[2] + sums[3])) + ((sums[4] + sums[5]) + (sums[6] + sums[7]))
        for v in values[end:]:
            total += v
        return total
    half = n // 2
    half -= half % 8
    return _pairwise_sum(values[:half]) + _pairwise_sum(values[half:])


def _round(value: float, digits: float) -> float:
    """Excel's ROUND: halves away from zero (as the ``formulas`` library computes it)."""
    from decimal import ROUND_HALF_UP, Decimal  # here: few workbooks have a ROUND to recompute

    scale = 10 ** int(digits)
    rounded = float(Decimal(abs(value * scale)).quantize(0, rounding=ROUND_HALF_UP)) / scale
    return -rounded if value < 0 else rounded


def _reference(
    name: str, own_sheet: str, sheets: Mapping[str, Sheet]
) -> tuple[str, int, int, int | None, int | None]:
    """(sheet, row, col, last row, last col) of ``A1``, ``'表'!A1:B2``; None, None for one cell."""
    m = _REF.match(name)
    if not m:
        raise ValueError(f"无法解析引用{name}")
    sheet = _sheet_name(m.group("sheet"), own_sheet, sheets)
    r1, c1 = int(m.group("r1")) - 1, _col(m.group("c1"))
    if not m.group("c2"):
        return sheet, r1, c1, None, None
    return sheet, r1, c1, int(m.group("r2")) - 1, _col(m.group("c2"))


def serial(value: object) -> object:
    """A date cell as Excel sees it, a day number (2024-07-01 is 45474), so that formulas
    comparing or adding dates evaluate; any other value as it is."""
    if isinstance(value, datetime):
        return (value - EPOCH).total_seconds() / 86400
    if isinstance(value, date):
        return (value - EPOCH.date()).days
    return value


def _sheet_name(written: str | None, own: str, sheets: Mapping[str, Sheet]) -> str:
    if not written:
        return own
    for name in sheets:  # the formulas library upper-cases sheet names
        if name.upper() == written.upper():
            return name
    return written


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def group_recomputed(findings: list) -> list:
    """One IN007 per sheet (and severity) listing its cells, instead of one per formula.

    A workbook saved by a script can hold dozens of formulas without results; the unit needs to
    know which sheet and cells, not dozens of rows. The group is anchored at its first cell.
    """
    groups: dict[tuple, list] = {}
    for f in findings:
        groups.setdefault((f.sheet, f.severity), []).append(f)
    merged = []
    for same in groups.values():
        if len(same) == 1:
            merged.append(same[0])
            continue
        first, cells = same[0], "、".join(f.cell for f in same if f.cell)
        if first.severity == ERROR:
            said = f"{len(same)}个公式没有计算结果，且无法重新计算，按空值处理（{cells}）"
        else:
            said = f"{len(same)}个公式没有保存计算结果，已重新计算（{cells}）"
        merged.append(replace(first, message=said, value=f"{first.value}等{len(same)}个公式"))
    return merged
