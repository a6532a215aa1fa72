"""修改留痕: what a resubmission changed against the version of the workbook it replaces.

A unit sent back (退回) resubmits; the office wants to see at a glance what the clerk changed,
which problems are gone and which are new, without opening both files. Each readable workbook
leaves a Snapshot (its non-empty cells, compressed, and the keys of its open problems); the
history keeps them (table ``snapshots``). The version replaced is the newest superseded file
of the unit in the same inbox (叶县.xlsx beside 叶县(修改).xlsx), else the version of the unit's
workbook for the period the history saw last with other content.
"""

from __future__ import annotations

import json
import math
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from .findings import Finding, a1
from .history import StoredSnapshot, last_snapshot
from .intake import ERRORS, OK, SUPERSEDED, newness

if TYPE_CHECKING:
    from .intake import Submission
    from .read import Workbook

LISTED_CELLS = 1000  # changed cells listed in summary.json; `changed` counts them all


@dataclass
class Snapshot:
    """A workbook as the comparison needs it: small enough to keep every version in the history."""

    cells: bytes  # zlib-compressed JSON: [[sheet, [[row, col, value], …]], …] (0-based, non-empty)
    findings: list[str]  # the keys of its errors and warnings (finding_key)


@dataclass
class Revision:
    """What changed from the previous version: summary.json's ``revision``."""

    previous: str  # the file replaced
    previous_sha256: str
    changed: int  # cells whose value changed, was filled or was cleared
    changed_cells: list[dict] = field(default_factory=list)  # {sheet, cell, old, new}, at most LISTED_CELLS
    fixed: list[str] = field(default_factory=list)  # problems of the previous version gone now
    new: list[str] = field(default_factory=list)  # problems not in the previous version
    still_open: list[str] = field(default_factory=list)  # problems in both

    def to_json(self) -> dict:
        return {
            "previous": self.previous,
            "previous_sha256": self.previous_sha256,
            "changed": self.changed,
            "changed_cells": self.changed_cells,
            "fixed": self.fixed,
            "new": self.new,
        }

    def counts(self) -> str:
        """已修改3处，已改正2条，新增1条: the roster's 修改情况."""
        return f"已修改{self.changed}处，已改正{len(self.fixed)}条，新增{len(self.new)}条"


def finding_key(f: Finding) -> str:
    """RULE@SHEET!CELL (RULE@SHEET, RULE when the finding has no cell or sheet)."""
    if f.sheet and f.cell:
        return f"{f.rule}@{f.sheet}!{f.cell}"
    return f"{f.rule}@{f.sheet}" if f.sheet else f.rule


def take_snapshot(workbook: Workbook, findings: list[Finding]) -> Snapshot:
    """The workbook's non-empty cells and its open problems' keys (errors and warnings)."""
    sheets = [
        [
            s.name,
            [
                [r, c, v if type(v) in _KEPT_AS_IS else _plain(v)]
                for r, row in enumerate(s.rows)
                for c, v in enumerate(row)
                if v != "" and v is not None
            ],
        ]
        for s in workbook.sheets
    ]
    data = json.dumps(sheets, ensure_ascii=False, separators=(",", ":"))
    keys = sorted({finding_key(f) for f in findings if f.severity != "info"})
    return Snapshot(zlib.compress(data.encode("utf-8", "surrogatepass")), keys)


_KEPT_AS_IS = {str, int}  # the common cells, which _plain would return unchanged


def _plain(value: object) -> object:
    """A cell value JSON keeps: numbers, text, booleans; dates and times as ISO text."""
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value if isinstance(value, (int, float, str, bool)) else str(value)


def _cells(snapshot: bytes) -> dict[str, dict[tuple[int, int], object]]:
    sheets = json.loads(zlib.decompress(snapshot).decode("utf-8", "surrogatepass"))
    return {name: {(r, c): v for r, c, v in cells} for name, cells in sheets}


def compare(previous: StoredSnapshot, current: Snapshot) -> Revision:
    """The cells changed (in sheet, row, column order) and the problems fixed and new."""
    before, after = _cells(previous.cells), _cells(current.cells)
    changed = []
    for sheet in [*after, *(s for s in before if s not in after)]:
        old, new = before.get(sheet, {}), after.get(sheet, {})
        for r, c in sorted(old.keys() | new.keys()):
            a, b = old.get((r, c)), new.get((r, c))
            if not _same(a, b):
                changed.append({"sheet": sheet, "cell": a1(r, c), "old": a, "new": b})
    was, now = set(previous.findings), set(current.findings)
    return Revision(
        previous.file,
        previous.sha256,
        len(changed),
        changed[:LISTED_CELLS],
        fixed=sorted(was - now),
        new=sorted(now - was),
        still_open=sorted(was & now),
    )


def _same(a: object, b: object) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    return a == b


def attach_revisions(subs: list[Submission], period: str, db: Path | None) -> None:
    """Set ``revision`` on each workbook used that replaces another version of the unit's."""
    for sub in subs:
        if sub.status not in (OK, ERRORS) or sub.snapshot is None or sub.unit is None:
            continue
        older = [
            (s, s.snapshot)
            for s in subs
            if s.unit == sub.unit and s.status == SUPERSEDED and s.snapshot and s.sha256 != sub.sha256
        ]
        previous: StoredSnapshot | None
        if older:
            newest, snapshot = max(older, key=lambda o: newness(o[0]))
            previous = StoredSnapshot(newest.file, newest.sha256 or "", snapshot.cells, snapshot.findings)
        else:
            previous = last_snapshot(db, period, sub.unit, sub.sha256) if db else None
        if previous is not None:
            sub.revision = compare(previous, sub.snapshot)
