"""What the report drafts from the projects of 附表3 (in progress) and 附表4 (completed).

The history keeps every row of both lists (history.projects, with 附表4's 竣工验收结论 and whether
it was filed), so the report can say who builds and supervises the stock (section 一), the stock
by 形象进度 (section 四), the 竣工验收合格率, the completed projects not filed, the projects at 停工
and the largest completed projects behind a swing. Only the units counted in the period's totals
are read. A history recorded before the lists were kept says nothing (None, []). The rules are
in docs/report-template.md (“Drafted sections”).
"""

from __future__ import annotations

import re
from collections import Counter

from ...forms.f4_completed import is_accepted
from .data import ReportData, Snapshot
from .records import record_periods
from .wording import MARK, number

STOPPED = re.compile(r"停工|停建|缓建")  # a 形象进度 that says the work has stopped
TOP = 3  # how many companies or projects a sentence names


def listed(s: Snapshot, form: str) -> list[dict]:
    """The period's 附表3 (F3) or 附表4 (F4) rows of the units in its totals."""
    return [p for p in s.projects if p["form"] == form and p["unit"] in s.units]


def stock(data: ReportData) -> Snapshot:
    """Whose 附表3 the stock is: the quarter's, a year's last recorded quarter."""
    cur = data.current
    quarters = [s for s in data.series if s.period.quarter is not None]
    return quarters[-1] if cur.period.is_annual and quarters else cur


def completed(data: ReportData) -> list[dict]:
    """The 附表4 rows of the period (a year: of its recorded quarters)."""
    return [p for s in record_periods(data) for p in listed(s, "F4")]


def acceptance(data: ReportData) -> tuple[int, int] | None:
    """(rows whose 竣工验收结论 is 合格, all 附表4 rows); None when the history holds no conclusion."""
    rows = completed(data)
    if not rows or all(p["acceptance"] is None for p in rows):
        return None
    return sum(is_accepted(p["acceptance"]) for p in rows), len(rows)


def acceptance_by_unit(data: ReportData) -> dict[str, tuple[int, int]]:
    """Each unit's (合格, all) 附表4 rows, for the units whose rows hold a conclusion."""
    by_unit: dict[str, tuple[int, int]] = {}
    for p in completed(data):
        if p["acceptance"] is not None:
            passed, total = by_unit.get(p["unit"], (0, 0))
            by_unit[p["unit"]] = (passed + is_accepted(p["acceptance"]), total + 1)
    return by_unit


def unfiled(data: ReportData) -> Counter:
    """Per unit, the 附表4 rows not filed (no 备案日期, a 备案结论 of 未备案 or none)."""
    return Counter(p["unit"] for p in completed(data) if p["filed"] is not None and not p["filed"])


def stopped(data: ReportData) -> Counter:
    """Per unit, the 附表3 rows whose 形象进度 says 停工 (停建, 缓建)."""
    return Counter(p["unit"] for p in listed(stock(data), "F3") if STOPPED.search(p["progress"] or ""))


def largest(data: ReportData, units: list[str], filed: bool = False) -> list[dict]:
    """The largest completed projects (附表4, by 建筑面积) of these units; ``filed``: filed ones."""
    rows = [p for p in completed(data) if p["unit"] in units and p["area_m2"] and (not filed or p["filed"])]
    return sorted(rows, key=lambda p: -p["area_m2"])[:TOP]


def named(projects: list[dict]) -> str:
    """叶县叶县第六高级中学学生公寓（4.55万㎡）: each with its unit unless its name starts with it."""
    return "、".join(
        f"{'' if (p['project'] or '').startswith(p['unit']) else p['unit']}{p['project'] or '（未填名称）'}"
        f"（{number(p['area_m2'] / 10000)}万㎡）"
        for p in projects
    )


def _companies(rows: list[dict], column: str) -> tuple[int, str]:
    """How many distinct companies a column names, and the most frequent (up to TOP, ties kept
    with the last one named)."""
    counts = Counter(re.sub(r"\s+", "", p[column]) for p in rows if (p[column] or "").strip())
    top = counts.most_common()
    if not top:
        return 0, ""
    cut = top[:TOP][-1][1]
    named_ = [(c, n) for c, n in top if n >= cut and n > 1]
    return len(counts), "、".join(f"{c}（{n}项）" for c, n in named_)


def enterprises_draft(data: ReportData, word: str) -> list[str]:
    """Section 一 from 附表3: the distinct 施工单位 and 监理单位 with projects under way, the ones
    with the most (two projects or more); [] without 附表3 in the history."""
    rows = listed(stock(data), "F3")
    if not rows:
        return []
    builders, top_builders = _companies(rows, "builder")
    supervisors, top_supervisors = _companies(rows, "supervisor")
    text = (
        f"据各单位报送的在建工程明细表（附表3），{word}末在建工程{len(rows)}项，"
        f"涉及施工单位{builders}家、监理单位{supervisors}家"
    )
    if top_builders:
        text += f"。承建项目较多的施工单位为{top_builders}"
    if top_supervisors:
        text += f"；监理项目较多的监理单位为{top_supervisors}"
    return [f"{text}。{MARK}"]


def stages_draft(data: ReportData, word: str) -> list[str]:
    """Section 四 from 附表3: the supervised stock by 形象进度 as written, most frequent first."""
    rows = listed(stock(data), "F3")
    if not rows:
        return []
    stages = Counter((p["progress"] or "").strip() or "未填写形象进度" for p in rows)
    listed_ = "、".join(f"{s}{n}项" for s, n in stages.most_common())
    text = f"{word}末在监工程{len(rows)}项（附表3），按形象进度分：{listed_}"
    return [f"{text}。{MARK}"]
