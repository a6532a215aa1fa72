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
import unicodedata
from collections import Counter
from enum import Enum

from ...forms.f4_completed import is_accepted
from .data import ReportData, Snapshot
from .records import record_periods
from .wording import MARK, number

STOPPED = re.compile(r"停工|停建|缓建")  # a 形象进度 that says the work has stopped
TOP = 3  # how many companies or projects a sentence names
OTHERS_NAMED_FROM = 5.0  # per cent of the stock at 其他 from which section 四 names its entries


class Stage(Enum):
    """The construction stage a 形象进度 entry is read as (section 四), in the sentence's order."""

    NOT_STARTED = "未开工（前期）"
    FOUNDATION = "基础施工"
    MAIN_STRUCTURE = "主体结构施工"
    FINISHING = "二次结构及装修安装"
    COMPLETING = "室外配套及竣工收尾"
    STOPPED = "停工缓建"
    OTHER = "其他"
    BLANK = "未填写"


# How 形象进度 is read (NFKC first: full-width digits and ± count): the first rule whose words
# occur wins. 停工 above all (as the 停工 warning counts it); then the furthest stage named, since an
# entry such as 主体完成，装修施工 says where the work is now. 完工/验收 right after 主体/结构/基础/
# 地基 is that stage's own acceptance (主体验收), and 安装 after 结构 is 钢结构安装 (main structure).
STAGE_RULES: tuple[tuple[Stage, re.Pattern[str]], ...] = (
    (Stage.STOPPED, STOPPED),
    (
        Stage.COMPLETING,
        re.compile(r"竣工|收尾|扫尾|交付|室外|景观|绿化|(?<!主体)(?<!结构)(?<!基础)(?<!地基)(?:完工|验收)"),
    ),
    (
        Stage.FINISHING,
        re.compile(
            r"二次结构|砌体|砌筑|装饰|装修|(?<!结构)安装|幕墙|外墙|保温|抹灰|粉刷|门窗|屋面|水电|机电"
        ),
    ),
    (Stage.MAIN_STRUCTURE, re.compile(r"主体|结构|封顶|框架|(?<!地下)[0-9一二三四五六七八九十]+层")),
    (Stage.FOUNDATION, re.compile(r"基础|桩|土方|基坑|地基|地下|±0|正负零|垫层|支护|开挖|降水")),
    (Stage.NOT_STARTED, re.compile(r"未开工|待开工|前期|三通一平|场地平整|施工准备")),
)


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


def stage(progress: str | None) -> Stage:
    """The stage a 形象进度 entry is read as by STAGE_RULES; 未填写 for a blank, 其他 for no match."""
    text = unicodedata.normalize("NFKC", progress or "").strip()
    if not text:
        return Stage.BLANK
    return next((s for s, words in STAGE_RULES if words.search(text)), Stage.OTHER)


def stages_draft(data: ReportData, word: str) -> list[str]:
    """Section 四 from 附表3: the supervised stock by construction stage (Stage, in its order), each
    with its share of the stock; a large 其他 names its most frequent entries as written."""
    rows = listed(stock(data), "F3")
    if not rows:
        return []
    counts = Counter(stage(p["progress"]) for p in rows)
    parts = []
    for s in Stage:
        if counts[s]:
            share = counts[s] / len(rows) * 100
            note = _others(rows) if s is Stage.OTHER and share >= OTHERS_NAMED_FROM else ""
            parts.append(f"{s.value}{counts[s]}项（占{number(share, 1)}%{note}）")
    text = f"{word}末在监工程{len(rows)}项（附表3），按形象进度分：{'、'.join(parts)}"
    return [f"{text}。{MARK}"]


def _others(rows: list[dict]) -> str:
    """，其中“已完成”12项、…等: the most frequent 形象进度 entries read as 其他, as written."""
    others = Counter((p["progress"] or "").strip() for p in rows if stage(p["progress"]) is Stage.OTHER)
    named_ = "、".join(f"“{e}”{n}项" for e, n in others.most_common(TOP))
    return f"，其中{named_}{'等' if len(others) > TOP else ''}"
