"""Rank the units by their score sheets (附件3: 前五名先进单位，后三名约谈).

Tie rule: equal totals (to 0.01) share a rank and the next rank is skipped (1, 2, 2, 4). A
unit whose 否决项 is triggered gets grade D and is ranked after every unit without one. The
top marks go to every unit ranked within the first ``advanced`` (so a tie at 5th gives six
先进单位); 约谈 goes to every unit with fewer than ``interview`` units ranked strictly below
it, unless it is already 先进单位 (possible only with fewer units than advanced + interview).
Units without a usable score sheet are listed after the ranked ones with the reason, unranked.
A sheet matching no known spec (SC009) is ranked on its own 分值 with a caveat in 备注, beside
the spec's sheets when its full marks are the spec's (else listed as 评分表无法识别).

The ranking's values (UnitScore, Ranking) are here, not in model.py: only a consolidation and
`qstat scores` rank, `qstat check` reads a score sheet but never loads them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..findings import Finding
from ..model import ScoreSheet
from .spec import TOLERANCE, ScoreSpec

ADVANCED, INTERVIEW = "先进单位", "约谈"
NO_SHEET, BLANK, UNKNOWN = "未报评分表", "评分表未填写", "评分表无法识别"
UNMATCHED_NOTE = "评分表未识别，仅按表中分值核对"  # the caveat of a ranked SC009 sheet


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


def rank_units(
    entries: list[tuple[str, str | None, ScoreSheet | None]],
    specs: tuple[ScoreSpec, ...],
    findings: list[Finding] | None = None,
) -> Ranking:
    """Rank (unit, file, score sheet) entries, in the order given for the unranked ones.

    The spec ranked is the one most sheets use; sheets of another spec are listed, unranked.
    """
    by_id = {s.id: s for s in specs}
    used = Counter(sheet.spec_id for _, _, sheet in entries if sheet and sheet.spec_id and sheet.filled)
    spec = by_id[used.most_common(1)[0][0]] if used else None
    rows, others = [], []
    for unit, file, sheet in entries:
        row = UnitScore(unit, file)
        if sheet is None:
            row.mark = NO_SHEET
        elif not sheet.filled:
            row.mark = BLANK
        elif sheet.spec_id is None and spec is not None and abs(sheet.highest - spec.max) > TOLERANCE:
            row.mark, row.errors = UNKNOWN, sheet.errors
        elif sheet.spec_id is not None and (spec is None or sheet.spec_id != spec.id):
            row.mark = f"评分标准不同（{by_id[sheet.spec_id].title}）"
        else:
            row.total, row.sections, row.items = sheet.total, sheet.sections, sheet.items
            row.bonus, row.deductions = sheet.bonus, sheet.deductions
            row.vetoed, row.errors = sheet.vetoed, sheet.errors
            row.grade = spec.grade(sheet.total, sheet.vetoed) if spec else ""
            row.note = "" if sheet.spec_id else UNMATCHED_NOTE
            rows.append(row)
            continue
        others.append(row)
    _rank(rows, spec or ScoreSpec("", "", "", 0, "分", ()))
    return Ranking(spec, sorted(rows, key=lambda u: u.rank or 0) + others, findings or [])


def _rank(rows: list[UnitScore], spec: ScoreSpec) -> None:
    """Competition ranking (1, 2, 2, 4) on (veto, total); then the 先进单位 / 约谈 marks
    (with no spec, the default counts of 附件3)."""

    def key(u: UnitScore) -> tuple[bool, float]:
        return u.vetoed, -round(u.total or 0, 2)

    ordered = sorted(rows, key=key)
    for u in ordered:
        rank = u.rank = 1 + sum(key(o) < key(u) for o in ordered)
        below = sum(key(o) > key(u) for o in ordered)
        if rank <= spec.advanced and not u.vetoed:
            u.mark = ADVANCED
        elif below < spec.interview:
            u.mark = INTERVIEW
