"""What the consolidation makes of the files examined: each file decided (Decided: used or
superseded, and what it revised), and 修改留痕's values (Revision, StoredSnapshot).

Apart from model.py, which ends with what a worker returns: `qstat check` examines and decides
nothing, so it never loads these classes. Like model.py, this module imports no pipeline stage,
so every stage may import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .findings import Finding
from .forms import FORMS
from .model import Examined

# --------------------------------------------------------------------------- a file decided


@dataclass(frozen=True, kw_only=True)
class Decided(Examined):
    """What the consolidation made of a file (intake.decide): the one a unit's used (included
    in the totals unless ``strict`` leaves out a file with errors), superseded by a newer one
    (``status``), and what it changed against the version it replaces."""

    included: bool = False
    revision: Revision | None = None


@dataclass(frozen=True)
class Duplicate:
    """IN005 for a file of a unit that sent several: the one used, or one it supersedes
    (intake.resolve_duplicates)."""

    finding: Finding
    superseded: bool


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
