"""Warnings a unit has explained (核实 + 说明) in its own workbook.

A unit may add a sheet named 说明 or 情况说明 with one row per explained warning: a rule code
(F5-004), a cell (附表5!H7, or H7), or both, and the explanation text. An explained warning
stays in the findings, carries the explanation, and no longer counts against the unit.
Errors cannot be explained away: an explanation naming an error is not applied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..cells import clean_text
from ..findings import Finding, a1
from ..forms import FORMS
from ..forms.spec import normalise
from ..locate import EXPLANATION_SHEET
from ..read import Workbook

CODE = re.compile(r"(?<![A-Z0-9])((?:IN|ST|SC|HS)\d{3}|F\d-\d{3})(?![0-9])")
CELL = re.compile(r"^(?:(?P<sheet>.+?)\s*[!！\s]\s*)?\$?(?P<col>[A-Z]{1,3})\$?(?P<row>[1-9]\d{0,6})$")


@dataclass(frozen=True)
class Explanation:
    code: str | None  # the rule explained, if named
    sheet: str | None  # the sheet named with the cell, if any (附表5, 表5 …)
    cell: str | None  # A1 reference, if named
    text: str
    where: str  # "说明!C3": where the unit wrote it


def read_explanations(workbook: Workbook) -> list[Explanation]:
    """Every row of the 说明 sheets that names a rule code or a cell and says something."""
    found = []
    for sheet in workbook.sheets:
        if not EXPLANATION_SHEET.match(normalise(sheet.name)):
            continue
        for r, row in enumerate(sheet.rows):
            explanation = _explanation(row, f"{sheet.name}!{a1(r, 0)}")
            if explanation:
                found.append(explanation)
    return found


def _explanation(row: list, where: str) -> Explanation | None:
    code = sheet = cell = None
    texts = []
    for raw in row:
        text = clean_text(raw) if raw not in ("", None) else ""
        if not text:
            continue
        if CODE.fullmatch(text.upper()):
            code = text.upper()
        elif m := CELL.match(text.upper().replace(" ", "") if len(text) <= 16 else ""):
            cell = f"{m['col']}{m['row']}"
            sheet = normalise(m["sheet"]) if m["sheet"] else None
        else:
            texts.append(str(raw).strip())  # as the unit wrote it
    if not texts:
        return None
    text = max(texts, key=len)
    if code is None and (m := CODE.search(text.upper())):
        code = m.group(1)
    if code is None and cell is None:
        return None
    return Explanation(code, sheet, cell, text, where)


def apply_explanations(findings: list[Finding], explanations: list[Explanation]) -> None:
    """Attach each matching explanation to the warnings it names (never to an error)."""
    for finding in findings:
        if finding.is_error:
            continue
        texts = [e.text for e in explanations if _names(e, finding)]
        if texts:
            finding.explanation = "；".join(dict.fromkeys(texts))


def _names(e: Explanation, f: Finding) -> bool:
    if e.code and e.code != f.rule:
        return False
    if e.cell is None:
        return True
    if e.cell != f.cell:
        return False
    if e.sheet is None:
        return True
    sheets = {normalise(f.sheet or "")} | ({FORMS[f.form].sheet_name} if f.form in FORMS else set())
    return e.sheet in sheets
