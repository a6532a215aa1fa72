"""Recompute formula cells that were saved without a result (IN007).

Files written by scripts and some WPS versions store ``=SUM(D8:D19)`` but no value, which a
fast reader sees as an empty cell. Reading that as 0 would silently lose figures, so the
formula is evaluated with the ``formulas`` library from the cells it references (which may be
such formulas themselves).
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from .rules import ERROR

if TYPE_CHECKING:
    from .read import Sheet

logging.getLogger("schedula").setLevel(logging.CRITICAL)  # it logs every failed formula

Key = tuple[str, int, int]  # (sheet name, row, col), 0-based
EPOCH = datetime(1899, 12, 30)  # Excel's day 0 (its serial numbers count days from here)

_REF = re.compile(
    r"^(?:'?(?P<sheet>.+?)'?!)?\$?(?P<c1>[A-Z]+)\$?(?P<r1>\d+)"
    r"(?::\$?(?P<c2>[A-Z]+)\$?(?P<r2>\d+))?$"
)


def evaluate_all(pending: dict[Key, str], sheets: dict[str, Sheet]) -> dict[Key, tuple]:
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
        import numpy as np

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

        m = _REF.match(name)
        if not m:
            raise ValueError(f"无法解析引用{name}")
        sheet = _sheet_name(m.group("sheet"), own_sheet, sheets)
        r1, c1 = int(m.group("r1")) - 1, _col(m.group("c1"))
        if not m.group("c2"):
            value = cell_value((sheet, r1, c1), stack)
            return 0 if value == "" else value  # an empty cell counts as 0 in arithmetic
        r2, c2 = int(m.group("r2")) - 1, _col(m.group("c2"))
        return np.array(
            [[cell_value((sheet, r, c), stack) for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)],
            dtype=object,
        )

    for key in pending:
        if key not in results:
            results[key] = _evaluate(key, (key,))
    return results


def serial(value: object) -> object:
    """A date cell as Excel sees it, a day number (2024-07-01 is 45474), so that formulas
    comparing or adding dates evaluate; any other value as it is."""
    if isinstance(value, datetime):
        return (value - EPOCH).total_seconds() / 86400
    if isinstance(value, date):
        return (value - EPOCH.date()).days
    return value


def _sheet_name(written: str | None, own: str, sheets: dict) -> str:
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
