"""The values the stages hand on, up to what a worker returns.

A file goes opened (opening.py: read, sniffed, located) → examined (examine.py, in a worker:
its findings, figures, score sheet, and its records and revision snapshot spooled) → decided
(intake.decide: used, superseded, and what it revised; qstat/decided.py). Each stage builds its
value once, frozen; the next stage builds its own from it (``carried``). What only the
consolidation makes of them is in decided.py, the ranking of the score sheets in scores/rank.py:
`qstat check` loads neither. This module imports no pipeline stage, so every stage may import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

from .findings import Finding
from .forms.statistics import CategoryRow, StatisticsRow
from .periods import Period
from .rules import Severity, Status

# --------------------------------------------------------------------------- a file's stages


@dataclass(frozen=True, kw_only=True)
class Opened:
    """What the front end learnt of a file (opening.open_file): its format, unit and period, its
    content's hash in a consolidation; for a unit's analysis report, its text. ``status`` OK: a
    workbook to examine; UNREADABLE, IGNORED or REPORT: nothing more to read."""

    file: str  # path relative to the inbox, as listed in summary.json
    path: Path
    status: Status = Status.OK
    findings: tuple[Finding, ...] = ()
    period: Period | None = None  # the period the file is checked against
    format: str | None = None
    sha256: str | None = None
    mtime: float = 0.0
    unit: str | None = None
    unit_text: str | None = None  # the 填表单位 line as written
    unit_cell: tuple[str, str] | None = None  # (sheet, A1) of that line
    report_date: date | None = None  # latest 报送日期 / 填表日期 in the workbook
    text: str = ""  # the unit's 文字材料 sheet (or its analysis report) as plain text, for the report

    @property
    def errors(self) -> int:
        return sum(f.is_error for f in self.findings)

    @property
    def warnings(self) -> int:
        """Warnings still open: an explained warning no longer counts against the unit."""
        return sum(f.severity == Severity.WARNING and not f.explained for f in self.findings)

    @property
    def explained(self) -> int:
        return sum(f.explained for f in self.findings)

    @property
    def is_report(self) -> bool:
        """A unit's analysis report (read, unreadable or replaced by a newer one), not a workbook."""
        return self.status == Status.REPORT or self.format == "docx"


@dataclass(frozen=True, kw_only=True)
class Examined(Opened):
    """What the worker found in a file (examine.examine): every finding, the unit's figures,
    and its records and snapshot spooled to disk (memory stays flat on big runs)."""

    forms: tuple[str, ...] = ()  # codes of the forms found
    row_counts: dict[str, int] = field(default_factory=dict)  # F1-F4 records
    statistics: dict[str, StatisticsRow] = field(default_factory=dict)  # F5/F7: unit figures
    categories: dict[str, CategoryRow] = field(default_factory=dict)  # F6 by category
    party_counts: dict[str, int] = field(default_factory=dict)  # F1 records by 责任单位 type
    score: ScoreSheet | None = None  # the self-score sheet as read (qstat.scores)
    record_spools: dict[str, ListSpools] = field(default_factory=dict)  # F1-F4: its rows, on disk
    snapshot: Snapshot | None = None  # cells and problems, to trace a resubmission


@dataclass(frozen=True)
class ListSpools:
    """A list form's (附表1-4) rows, spooled by the worker in the shape each reader takes
    (qstat/listed.py): the main process loads them, once each, and reshapes nothing."""

    printed: Path  # as the forms workbook prints them (listed.printed_rows)
    kept: Path  # as the history keeps them (listed.kept_rows)


@dataclass(frozen=True)
class Snapshot:
    """A workbook as the comparison needs it: small enough to keep every version in the history."""

    # zlib-compressed JSON {"sheets": [[sheet, [[row, col, value], …]], …], "records": [[form,
    # sheet, key, row, {field: value}], …]} (0-based, non-empty cells). An older history holds
    # the bare list of sheets: it is then compared cell by cell.
    stored: bytes | Path  # the compressed JSON, or the spool file holding it
    findings: list[str]  # the keys of its errors and warnings (finding_key)

    @property
    def cells(self) -> bytes:
        return self.stored.read_bytes() if isinstance(self.stored, Path) else self.stored

    def spooled(self, path: Path) -> Snapshot:
        """The snapshot with its cells in ``path``: a consolidation keeps every workbook's
        snapshot until the history has it, so they wait on disk (memory stays flat)."""
        path.write_bytes(self.cells)
        return Snapshot(path, self.findings)


def carried(value: Opened, **changes: Any) -> dict[str, Any]:
    """An earlier stage's fields, ``changes`` applied: what the next stage's value is built from
    (``Examined(**carried(opened, status=…), forms=…)``)."""
    return {f.name: getattr(value, f.name) for f in fields(value)} | changes


# --------------------------------------------------------------------------- self-score sheets


@dataclass
class ScoreSheet:
    """What a unit's score sheet says, as counted for the ranking (picklable, no spec inside)."""

    sheet: str
    spec_id: str | None  # None: the sheet matches no known spec (SC009), checked on its own 分值
    items: dict[str, float | None] = field(default_factory=dict)  # item id -> points counted
    sections: dict[str, float] = field(default_factory=dict)  # section name -> points counted
    bonus: float = 0.0  # 激励项 counted (each at most its cap)
    deductions: float = 0.0  # 扣分项 counted, as a positive number
    total: float = 0.0  # score items + bonus - deductions
    vetoed: bool = False  # a 否决项 is triggered: grade D
    filled: bool = True  # False: no item carries a score (a blank template was sent)
    errors: int = 0  # error findings on the sheet
    highest: float = 0.0  # the sheet's full marks: its spec's, or the sum of its own 分值 (SC009)
