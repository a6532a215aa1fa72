"""The values the stages hand on, and what the outputs and the history read of a run.

A file goes opened (opening.py: read, sniffed, located) → examined (examine.py, in a worker:
its findings, figures and spooled records) → decided (intake.decide: used, superseded, and
what it revised). Each stage builds its value once, frozen; the next stage builds its own
from it (``carried``). The snapshots and revisions of 修改留痕, the score sheets and their
ranking live here too: this module imports no pipeline stage, so every stage may import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .findings import Finding
from .forms import FORMS
from .forms.statistics import CategoryRow, StatisticsRow
from .periods import Period
from .rules import Severity, Status

if TYPE_CHECKING:
    from .scores.spec import ScoreSpec


# --------------------------------------------------------------------------- a file's stages


@dataclass(frozen=True, kw_only=True)
class Opened:
    """What the front end learnt of a file (opening.open_file): its content's hash and format,
    its unit and period; for a unit's analysis report, its text. ``status`` OK: a workbook to
    examine; UNREADABLE, IGNORED or REPORT: nothing more to read."""

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
    record_spools: dict[str, Path] = field(default_factory=dict)  # F1-F4 -> its ListedRecords, pickled
    snapshot: Snapshot | None = None  # cells and problems, to trace a resubmission


@dataclass(frozen=True, kw_only=True)
class Decided(Examined):
    """What the consolidation made of a file (intake.decide): the one a unit's used (included
    in the totals unless ``strict`` leaves out a file with errors), superseded by a newer one
    (``status``), and what it changed against the version it replaces."""

    included: bool = False
    revision: Revision | None = None


def carried(value: Opened, **changes: Any) -> dict[str, Any]:
    """An earlier stage's fields, ``changes`` applied: what the next stage's value is built from
    (``Examined(**carried(opened, status=…), forms=…)``)."""
    return {f.name: getattr(value, f.name) for f in fields(value)} | changes


@dataclass(frozen=True)
class ListedRecords:
    """A list form's (附表1-4) records as the worker found them, spooled: the writer prints them
    and the history keeps them, each shaping them its own way."""

    sheet: str
    rows: list[int]  # the sheet row (0-based) of each record
    records: list


# --------------------------------------------------------------------------- 修改留痕


LISTED_CELLS = 1000  # changed cells (and records) listed in summary.json; `changed` counts them all
# The fields that name a record of each form, the first one filled wins: a resubmission is
# compared record by record, so a row removed from 附表3 is one change, not every row below it.
RECORD_KEYS = {
    "F1": ("record_no", "project"),
    "F2": ("record_no", "project"),
    "F3": ("reg_no", "project"),
    "F4": ("reg_no", "project"),
    "F5": ("unit",),
    "F6": ("category",),
    "F7": ("unit",),
}


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


@dataclass(frozen=True)
class Revision:
    """What changed from the previous version: summary.json's ``revision``."""

    previous: str  # the file replaced
    previous_sha256: str
    changed: int  # records added or removed, fields of records and other cells changed
    changed_cells: list[dict] = field(default_factory=list)  # {sheet, cell, old, new} outside records
    changed_records: list[dict] = field(default_factory=list)  # {form, key, change, fields}
    fixed: list[str] = field(default_factory=list)  # problems of the previous version gone now
    new: list[str] = field(default_factory=list)  # problems not in the previous version
    still_open: list[str] = field(default_factory=list)  # problems in both

    def to_json(self) -> dict:
        return {
            "previous": self.previous,
            "previous_sha256": self.previous_sha256,
            "changed": self.changed,
            "changed_cells": self.changed_cells[:LISTED_CELLS],
            "changed_records": self.changed_records[:LISTED_CELLS],
            "fixed": self.fixed,
            "new": self.new,
        }

    def changes(self) -> str:
        """附表3移出2项（甲、乙），附表4新增2项，附表5修改6处: what the clerk changed, by form."""
        parts = []
        for form in sorted({r["form"] for r in self.changed_records}, key=list(RECORD_KEYS).index):
            mine = [r for r in self.changed_records if r["form"] == form]
            removed = [r["key"] for r in mine if r["change"] == "removed"]
            added = sum(r["change"] == "added" for r in mine)
            fields = sum(len(r["fields"]) for r in mine if r["change"] == "changed")
            said = [
                f"移出{len(removed)}项（{'、'.join(removed[:3])}{'等' if len(removed) > 3 else ''}）"
            ] * bool(removed)
            said += [f"新增{added}项"] * bool(added) + [f"修改{fields}处"] * bool(fields)
            parts.append(f"{FORMS[form].sheet_name}" + "、".join(said))
        if self.changed_cells:
            parts.append(f"其他单元格修改{len(self.changed_cells)}处")
        return "，".join(parts) or "内容未修改"

    def counts(self) -> str:
        """附表5修改3处，已改正2条，新增1条: the roster's 修改情况."""
        return f"{self.changes()}，已改正{len(self.fixed)}条，新增{len(self.new)}条"


@dataclass(frozen=True)
class StoredSnapshot:
    """A version of a unit's workbook the history holds (qstat/revision.py reads it)."""

    file: str
    sha256: str
    cells: bytes
    findings: list[str]


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


@dataclass
class UnitScore:
    """One row of the ranking."""

    unit: str
    file: str | None = None
    total: float | None = None
    sections: dict[str, float] = field(default_factory=dict)
    items: dict[str, float | None] = field(default_factory=dict)
    bonus: float = 0.0
    deductions: float = 0.0
    grade: str = ""
    rank: int | None = None  # None: not ranked (see mark)
    mark: str = ""  # 先进单位 / 约谈 / 未报评分表 / 评分表未填写 / 评分表无法识别 / 评分标准不同
    vetoed: bool = False
    errors: int = 0  # error findings on the unit's score sheet
    note: str = ""  # a caveat on the ranking (UNMATCHED_NOTE)

    def to_json(self) -> dict:
        return {
            "unit": self.unit,
            "file": self.file,
            "total": self.total,
            "grade": self.grade,
            "rank": self.rank,
            "mark": self.mark,
            "sections": self.sections,
            "vetoed": self.vetoed,
            "errors": self.errors,
        }


@dataclass
class Ranking:
    """The ranking of one spec's sheets: the ranked units first, then the others."""

    spec: ScoreSpec | None
    units: list[UnitScore]
    findings: list[Finding] = field(default_factory=list)  # the units' score-sheet findings

    @property
    def ranked(self) -> list[UnitScore]:
        return [u for u in self.units if u.rank is not None]

    def to_json(self) -> dict:
        spec = (
            None
            if self.spec is None
            else {
                "id": self.spec.id,
                "title": self.spec.title,
                "max": self.spec.max,
                "unit": self.spec.unit,
                "advanced": self.spec.advanced,
                "interview": self.spec.interview,
            }
        )
        return {"spec": spec, "units": [u.to_json() for u in self.units]}
