#!/usr/bin/env python3
"""Regenerate the sample inboxes of 平顶山市 for qstat: 2024Q2 (clean) and 2024Q3 (messy).

    python sample_workbooks/make_samples.py          # writes next to this file
    python sample_workbooks/make_samples.py --no-verify

What it writes (everything under sample_workbooks/, nothing else):
    qstat.toml               the city office's configuration
    2024Q2/                  one clean workbook per unit (12 units)
    2024Q3/                  a realistic inbox: resubmission, .xls, formulas, lock file, ...
    expected/2024Q2.json     ground truth computed from the generator's own data
    expected/2024Q3.json
    README.md                what is in each inbox and the table of planted problems

How the data is made: every unit gets a ledger of projects (a stock in construction at the
end of 2024Q1), then each quarter registers new projects and accepts (竣工) some of the
stock. F3 is the stock at quarter end, F4 the quarter's acceptances, F5 and F6 are derived
from those lists, so the figures are consistent by construction. The planted problems are
applied at write time ("what the clerk typed"), and recorded with their cell addresses so
that README.md can list them.

Everything is deterministic (fixed seeds, fixed zip timestamps and document dates). The two
files that LibreOffice writes (郏县.xls, the round-tripped 汝州市.xlsx) are normalised the same
way and were stable between runs here, but their bytes depend on the LibreOffice version.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

HERE = Path(__file__).resolve().parent
SEED = 20241008
OFFICE = "平顶山市"
UNITS = [
    "叶县",
    "舞钢市",
    "湛河区",
    "新华区",
    "鲁山县",
    "宝丰县",
    "石龙区",
    "示范区",
    "汝州市",
    "郏县",
    "卫东区",
    "高新区",
]
ALIASES = {"平顶山市新华区": "新华区", "平顶山市城乡一体化示范区": "示范区"}
CODES = {
    "叶县": "YX",
    "舞钢市": "WG",
    "湛河区": "ZH",
    "新华区": "XH",
    "鲁山县": "LS",
    "宝丰县": "BF",
    "石龙区": "SL",
    "示范区": "SF",
    "汝州市": "RZ",
    "郏县": "JX",
    "卫东区": "WD",
    "高新区": "GX",
}
# 县 and 县级市: every project is a 县（区）工程. City districts: only the projects in their
# townships (乡/镇) are, see README "Assumptions".
COUNTIES = {"叶县", "舞钢市", "鲁山县", "宝丰县", "汝州市", "郏县"}
TOWNS = {
    "湛河区": ["曹镇乡", "北渡镇"],
    "新华区": ["焦店镇", "滍阳镇"],
    "石龙区": ["龙河乡", "人民路街道"],
    "示范区": ["应滩乡", "叶刘营镇"],
    "卫东区": ["蒲城店镇", "东高皇乡"],
    "高新区": ["遵化店镇", "皇台乡"],
}
# rough size of each unit's stock in construction at the end of 2024Q1
STOCK = {
    "叶县": 34,
    "舞钢市": 26,
    "湛河区": 40,
    "新华区": 44,
    "鲁山县": 30,
    "宝丰县": 28,
    "石龙区": 21,
    "示范区": 36,
    "汝州市": 50,
    "郏县": 27,
    "卫东区": 38,
    "高新区": 32,
}
STATIST, APPROVER = "张三", "李四"
FORMS = ("F1", "F2", "F3", "F4", "F5", "F6")
F6_CATS = ("residential", "affordable_housing", "public", "large_public", "steel", "county")
MEASURES = ("count", "area", "cost")


# --------------------------------------------------------------------------- periods


@dataclass(frozen=True)
class Quarter:
    year: int
    n: int

    @property
    def key(self) -> str:
        return f"{self.year}Q{self.n}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.n - 2, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 3 * self.n + 1, 1) - dt.timedelta(days=1)

    @property
    def cn(self) -> str:
        return "一二三四"[self.n - 1]

    @property
    def label(self) -> str:
        return f"{self.year}年第{self.cn}季度"


Q2, Q3 = Quarter(2024, 2), Quarter(2024, 3)


def cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


# --------------------------------------------------------------------------- numbers


def wan(area_c: int) -> int:
    """Hundredths of ㎡ -> hundredths of 万㎡ (what F5/F6 print), rounded half up."""
    return (area_c + 5000) // 10000


def rate(num: int, den: int) -> Decimal | None:
    """A percentage to 0.1, None when the denominator is 0 (printed as an empty cell)."""
    if den == 0:
        return None
    return (Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def c2f(hundredths: int) -> float:
    """Integer hundredths -> float with at most two decimals (12345 -> 123.45)."""
    return float(Decimal(hundredths) / 100)


def fullwidth(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "0" <= ch <= "9" else ch for ch in text)


# --------------------------------------------------------------------------- the ledger


@dataclass(eq=False)
class Project:
    reg_no: str
    name: str
    kind: str  # residential | public | industrial
    affordable: bool
    county: bool
    structure: str
    area_c: int  # hundredths of ㎡
    cost_c: int  # hundredths of 万元
    builder: str
    supervisor: str
    registered: dt.date

    @property
    def area_m2(self) -> float:
        return c2f(self.area_c)

    @property
    def cost(self) -> float:
        return c2f(self.cost_c)

    def in_category(self, cat: str) -> bool:
        return {
            "residential": self.kind == "residential",
            "affordable_housing": self.affordable,
            "public": self.kind == "public",
            "large_public": self.kind == "public" and self.area_c >= 2_000_000,
            "steel": self.structure == "钢结构",
            "county": self.county,
        }[cat]


@dataclass(eq=False)
class Completion:
    project: Project
    completed_on: dt.date
    filed_on: dt.date | None
    satisfied: bool


@dataclass
class UnitQuarter:
    """One unit's figures for one quarter, the source of all six forms."""

    unit: str
    q: Quarter
    carried: list[Project]
    new: list[Project]
    completions: list[Completion]
    in_progress: list[Project]
    progress: dict[str, str]
    f1: list[dict] = field(default_factory=list)
    f2: list[dict] = field(default_factory=list)
    accidents: tuple[int, int, int] = (0, 0, 0)  # count, deaths, loss in hundredths of 万元

    @property
    def filed(self) -> list[Completion]:
        return [c for c in self.completions if c.filed_on]


ESTATES = [
    "锦绣华庭",
    "御景湾",
    "阳光城",
    "翰林苑",
    "明珠花园",
    "滨河壹号",
    "书香门第",
    "鹰城名府",
    "香榭里",
    "紫金苑",
    "金色家园",
    "湖畔花园",
    "龙湖春晓",
    "中央公园",
    "凤鸣苑",
    "盛世华府",
    "学府一号",
    "和谐家园",
    "清风雅苑",
    "东湖新城",
]
ROADS = ["建设路", "开源路", "中兴路", "光明路", "湛河北路", "新华路", "育英路", "凌云路", "体育路", "南环路"]
PUBLIC = [
    "第{cn}实验小学教学楼",
    "第{cn}初级中学综合楼",
    "人民医院门诊医技综合楼",
    "中医院病房楼",
    "妇幼保健院综合楼",
    "文化艺术中心",
    "全民健身中心",
    "政务服务中心",
    "职业教育中心实训楼",
    "{estate}商业综合体",
    "第{cn}高级中学学生公寓",
    "疾病预防控制中心业务楼",
    "图书馆",
    "养老服务中心",
    "档案馆",
    "城市展览馆",
]
INDUSTRIAL = [
    "产业集聚区{n}#标准化厂房",
    "{estate}仓储物流中心{n}#库房",
    "装备制造产业园{n}#车间",
    "食品加工产业园{n}#厂房",
]
BUILDERS = [
    f"{p}{x}建筑工程有限公司"
    for p, x in [
        ("平顶山市", "鑫源"),
        ("河南", "宏达"),
        ("平顶山市", "中原鹰城"),
        ("河南", "恒泰"),
        ("平顶山市", "豫龙"),
        ("河南", "昌盛"),
        ("平顶山市", "天瑞"),
        ("河南", "华建"),
        ("平顶山市", "建鑫"),
        ("河南", "正阳"),
        ("平顶山市", "鼎盛"),
        ("河南", "润达"),
    ]
]
SUPERVISORS = [
    f"{p}{x}工程监理有限公司"
    for p, x in [
        ("平顶山市", "正信"),
        ("河南", "建正"),
        ("平顶山市", "诚信"),
        ("河南", "鹰城"),
        ("平顶山市", "中平"),
        ("河南", "方圆"),
        ("平顶山市", "远大"),
        ("河南", "立德"),
    ]
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = [
    "建国",
    "卫东",
    "红军",
    "志强",
    "海涛",
    "晓峰",
    "丽娟",
    "国庆",
    "俊杰",
    "永刚",
    "金山",
    "春生",
    "学军",
    "明亮",
    "振华",
]
EARLY = ["基础施工", "主体施工"]
MIDDLE = ["主体施工", "主体封顶", "二次结构", "砌体施工"]
LATE = ["装饰装修", "安装施工", "室外配套", "竣工预验收"]


class Ledger:
    """Makes one unit's projects: unique names, increasing registration numbers."""

    def __init__(self, unit: str, rng: random.Random):
        self.unit, self.rng = unit, rng
        self.names: set[str] = set()
        self.seq: dict[int, int] = {
            2022: rng.randint(8, 30),
            2023: rng.randint(3, 20),
            2024: rng.randint(1, 6),
        }

    def reg_no(self, year: int) -> str:
        self.seq[year] += self.rng.randint(1, 4)  # gaps: municipal works share the series
        return f"PDS-{CODES[self.unit]}-{year}-{self.seq[year]:04d}"

    def name(self, kind: str, affordable: bool, where: str) -> str:
        rng = self.rng
        for _ in range(100):
            estate, n = rng.choice(ESTATES), rng.randint(1, 18)
            if affordable:
                name = rng.choice(
                    [
                        f"{where}{rng.choice(ROADS)}棚户区改造安置房{n}#楼",
                        f"{where}公共租赁住房{n}#楼",
                        f"{where}保障性租赁住房项目{n}#、{n + 1}#楼",
                    ]
                )
            elif kind == "residential":
                name = rng.choice(
                    [
                        f"{where}{estate}{n}#楼",
                        f"{where}{estate}二期{n}#住宅楼",
                        f"{where}{estate}小区{n}#-{n + 2}#楼",
                    ]
                )
            elif kind == "public":
                name = where + rng.choice(PUBLIC).format(cn="一二三四五六"[n % 6], estate=estate)
            else:
                name = where + rng.choice(INDUSTRIAL).format(n=n, estate=estate)
            if name not in self.names:
                self.names.add(name)
                return name
        raise RuntimeError("ran out of project names")

    def project(self, registered: dt.date) -> Project:
        rng = self.rng
        kind = rng.choices(["residential", "public", "industrial"], [55, 30, 15])[0]
        affordable = kind == "residential" and rng.random() < 0.25
        in_town = self.unit in TOWNS and rng.random() < 0.3
        where = rng.choice(TOWNS[self.unit]) if in_town else self.unit
        county = self.unit in COUNTIES or in_town
        if kind == "residential":
            structure = rng.choices(["剪力墙", "框剪", "砖混", "框架"], [50, 25, 15, 10])[0]
            area = rng.uniform(6000, 32000)
            unit_cost = rng.uniform(0.22, 0.36)
        elif kind == "public":
            structure = rng.choices(["框架", "框剪", "钢结构"], [55, 30, 15])[0]
            area = rng.uniform(20500, 48000) if rng.random() < 0.22 else rng.uniform(2500, 19000)
            unit_cost = rng.uniform(0.32, 0.55)
        else:
            structure = rng.choices(["钢结构", "框架"], [75, 25])[0]
            area = rng.uniform(4000, 26000)
            unit_cost = rng.uniform(0.14, 0.26)
        area_c = round(area * 100)
        return Project(
            reg_no=self.reg_no(registered.year),
            name=self.name(kind, affordable, where),
            kind=kind,
            affordable=affordable,
            county=county,
            structure=structure,
            area_c=area_c,
            cost_c=round(area_c / 100 * unit_cost * 100),
            builder=rng.choice(BUILDERS),
            supervisor=rng.choice(SUPERVISORS),
            registered=registered,
        )


def random_day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def progress_of(rng: random.Random, p: Project, q: Quarter) -> str:
    months = (q.end - p.registered).days / 30
    if months < 4:
        return rng.choice(EARLY)
    if months < 14:
        return rng.choice(MIDDLE)
    return rng.choices(LATE + ["停工"], [30, 25, 20, 15, 4])[0]


def flow_ok(carried, new, completed, in_progress) -> bool:
    """in_progress = carried_over + new - completed also holds for the printed 万㎡ values."""

    def a(ps):
        return wan(sum(p.area_c for p in ps))

    return a(in_progress) == a(carried) + a(new) - a(completed)


# Per unit and quarter: what the simulation must produce so that a planted problem exists
# (an unfiled completion for a wrong 备案率, a 9-30 filing for the 9.31 typo, ...).
FORCE: dict[tuple[str, str], dict] = {
    ("叶县", "2024Q3"): {"min_completed": 5, "late_drop": 2},
    ("宝丰县", "2024Q3"): {"unfiled": True},
    ("示范区", "2024Q3"): {"min_completed": 5, "unfiled": True, "unsatisfied": True},
    ("鲁山县", "2024Q3"): {"filed_0930": True},
    ("卫东区", "2024Q3"): {"accident": (1, 0, 380), "f2": 0},
    ("汝州市", "2024Q2"): {"accident": (1, 0, 150)},
    ("高新区", "2024Q3"): {"cancel": 1},
    ("湛河区", "2024Q3"): {"f1": 2},
}


def simulate_quarter(
    unit: str, q: Quarter, stock: list[Project], ledger: Ledger, rng: random.Random
) -> tuple[UnitQuarter, UnitQuarter | None]:
    """One quarter of one unit. Returns the figures and, for 叶县 2024Q3, the first
    (superseded) version that lacks the last two acceptances."""
    force = FORCE.get((unit, q.key), {})
    carried = list(stock)
    n_comp = max(force.get("min_completed", 0), rng.randint(2, max(3, len(carried) // 4)))
    n_new = rng.randint(3, 10)
    # keep the stock between 20 and 60 projects
    n_new = min(max(n_new, 20 - len(carried) + n_comp), 60 - len(carried) + n_comp)
    # older projects are the likelier to be accepted this quarter
    weights = [1 + (q.end - p.registered).days / 90 for p in carried]
    done: list[Project] = []
    pool = list(zip(carried, weights))
    for _ in range(n_comp):
        i = rng.choices(range(len(pool)), [w for _, w in pool])[0]
        done.append(pool.pop(i)[0])
    completions = []
    for p in sorted(done, key=lambda p: p.reg_no):
        on = random_day(rng, q.start, q.end)
        filed = on + dt.timedelta(days=rng.randint(3, 30))
        completions.append(Completion(p, on, filed if filed <= q.end else None, rng.random() > 0.1))
    if force.get("unfiled") and all(c.filed_on for c in completions):
        completions[-1].completed_on, completions[-1].filed_on = q.end - dt.timedelta(2), None
    if force.get("unsatisfied"):
        filed = [c for c in completions if c.filed_on]
        assert len(filed) >= 2, (unit, q.key)
        filed[0].satisfied = False
        filed[1].satisfied = True
    if force.get("filed_0930"):
        c = next(c for c in completions if c.completed_on <= q.end - dt.timedelta(5))
        c.filed_on = q.end
    for c in completions:  # 满意率 is over filed projects only
        if not c.filed_on:
            c.satisfied = False
    new = [ledger.project(d) for d in sorted(random_day(rng, q.start, q.end) for _ in range(n_new))]
    done_set = set(done)
    in_progress = [p for p in carried if p not in done_set] + new
    # the two latest acceptances that 叶县 had not yet entered in its first submission
    late = (
        sorted(completions, key=lambda c: c.completed_on)[-force.get("late_drop", 0) :]
        if force.get("late_drop")
        else []
    )
    late_projects = [c.project for c in late]
    checks = [lambda: flow_ok(carried, new, [c.project for c in completions], in_progress)]
    if late:
        checks.append(
            lambda: flow_ok(
                carried, new, [c.project for c in completions if c not in late], in_progress + late_projects
            )
        )
    # nudge the area of one new project by whole ㎡ until the printed 万㎡ figures add up
    for _ in range(20000):
        if all(chk() for chk in checks):
            break
        new[0].area_c += 100
    else:
        raise RuntimeError(f"cannot balance areas for {unit} {q.key}")
    progress = {p.reg_no: progress_of(rng, p, q) for p in in_progress}
    uq = UnitQuarter(
        unit,
        q,
        carried,
        new,
        completions,
        sorted(in_progress, key=lambda p: p.reg_no),
        progress,
        accidents=force.get("accident", (0, 0, 0)),
    )
    uq.f1 = make_f1(uq, rng, force.get("f1", rng.choice([0, 0, 1, 1, 2, 3])))
    uq.f2 = make_f2(uq, rng, force.get("f2", rng.choice([0, 0, 0, 1, 2])))
    first = None
    if late:
        first = replace(
            uq,
            completions=[c for c in completions if c not in late],
            in_progress=sorted(in_progress + late_projects, key=lambda p: p.reg_no),
            progress={**progress, **{p.reg_no: "竣工预验收" for p in late_projects}},
        )
    return uq, first


def simulate_unit(unit: str) -> dict[str, UnitQuarter]:
    """The unit's Q2 and Q3 figures (plus '2024Q3-first' for 叶县's superseded file)."""
    rng = random.Random(f"{SEED}-{unit}")
    ledger = Ledger(unit, rng)
    # registration numbers grow with the registration date: draw the dates first
    dates = sorted(
        random_day(rng, dt.date(2022, 3, 1), dt.date(2024, 3, 31))
        for _ in range(STOCK[unit] + rng.randint(-2, 3))
    )
    stock = [ledger.project(d) for d in dates]
    out = {}
    q2, _ = simulate_quarter(unit, Q2, stock, ledger, rng)
    out[Q2.key] = q2
    stock3 = list(q2.in_progress)
    if FORCE.get((unit, Q3.key), {}).get("cancel"):
        # a project whose supervision was terminated (终止监督) in July: the clerk simply
        # leaves it out of the carried-over stock, which no longer matches Q2's in_progress
        cancelled = max(stock3, key=lambda p: (p.registered, p.reg_no))
        stock3.remove(cancelled)
        out["cancelled"] = cancelled
    q3, first = simulate_quarter(unit, Q3, stock3, ledger, rng)
    out[Q3.key] = q3
    if first:
        out[Q3.key + "-first"] = first
    return out


# F1 / F2 records: (party kind, 职务, 事实, 条款) and (party kind, 事实, 依据, 处罚)
BAD_FACTS = [
    (
        "施工",
        "项目经理",
        "未按照工程设计图纸和施工技术标准施工，{n}层框架梁钢筋间距超出允许偏差",
        "第九条第（二）项",
    ),
    ("施工", "项目技术负责人", "使用未经检验的钢筋原材料", "第九条第（五）项"),
    ("监理", "总监理工程师", "项目总监理工程师未按规定到岗履职", "第十条第（一）项"),
    ("监理", "监理工程师", "未对{n}层楼板混凝土浇筑实施旁站监理", "第十条第（三）项"),
    ("建设", "项目负责人", "未组织竣工验收擅自交付使用", "第八条第（六）项"),
    ("建设", "法定代表人", "明示施工单位使用不合格建筑材料", "第八条第（四）项"),
]
PENALTIES = [
    (
        "施工",
        "未按照工程建设强制性标准施工，{n}层楼板厚度不足",
        "《建设工程质量管理条例》第六十四条",
        "罚款{x}万元",
    ),
    ("监理", "将不合格的检验批按照合格签字", "《建设工程质量管理条例》第六十七条", "罚款{x}万元"),
    ("建设", "未组织竣工验收擅自交付使用", "《建设工程质量管理条例》第五十八条", "罚款{x}万元"),
]


def party(rng: random.Random, kind: str, p: Project) -> str:
    if kind == "施工":
        return p.builder
    if kind == "监理":
        return p.supervisor
    return f"平顶山市{rng.choice(ESTATES)}房地产开发有限公司"  # 开发 -> 建设单位


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def make_f1(uq: UnitQuarter, rng: random.Random, n: int) -> list[dict]:
    rows = []
    for i in range(n):
        kind, title, fact, clause = rng.choice(BAD_FACTS)
        p = rng.choice(uq.carried + uq.new)
        on = random_day(rng, uq.q.start, uq.q.end - dt.timedelta(days=7))
        rows.append(
            {
                "record_no": f"{CODES[uq.unit]}BL{uq.q.year}-{uq.q.n}{i + 1:02d}",
                "project": p.name,
                "party": party(rng, kind, p),
                "person": person(rng),
                "title": title,
                "fact": fact.format(n=rng.randint(2, 18)),
                "clause": clause,
                "recorder": person(rng),
                "recorded_on": on,
                "approver": APPROVER,
                "approved_on": on + dt.timedelta(rng.randint(1, 6)),
            }
        )
    return rows


def make_f2(uq: UnitQuarter, rng: random.Random, n: int) -> list[dict]:
    rows = []
    for i in range(n):
        kind, fact, basis, penalty = rng.choice(PENALTIES)
        p = rng.choice(uq.carried + uq.new)
        rows.append(
            {
                "record_no": f"{CODES[uq.unit]}CF{uq.q.year}-{uq.q.n}{i + 1:02d}",
                "project": p.name,
                "party": party(rng, kind, p),
                "date": random_day(rng, uq.q.start, uq.q.end),
                "fact": fact.format(n=rng.randint(2, 18)),
                "basis": basis,
                "penalty": penalty.format(x=rng.choice([1, 2, 3, 5, 8])),
                "status": rng.choice(["已缴纳罚款", "已执行"]),
                "handling": rng.choice(["已整改并复查合格", "责令限期整改，已复查"]),
            }
        )
    return rows


# --------------------------------------------------------------------------- F5 / F6 figures


def trio(projects) -> dict[str, int]:
    ps = list(projects)
    return {"count": len(ps), "area": wan(sum(p.area_c for p in ps)), "cost": sum(p.cost_c for p in ps)}


def f5_of(uq: UnitQuarter) -> dict:
    """F5 in integers: area in hundredths of 万㎡, cost and loss in hundredths of 万元."""
    filed = [c.project for c in uq.filed]
    fig = {
        "carried_over": trio(uq.carried),
        "new": trio(uq.new),
        "in_progress": trio(uq.in_progress),
        "completed": trio(c.project for c in uq.completions),
        "filed": trio(filed),
    }
    fig["filing_rate"] = {
        "count": rate(fig["filed"]["count"], fig["completed"]["count"]),
        "area": rate(fig["filed"]["area"], fig["completed"]["area"]),
    }
    fig["satisfaction_rate"] = rate(sum(c.satisfied for c in uq.filed), len(filed))
    count, deaths, loss = uq.accidents
    fig["accidents"] = {"count": count, "deaths": deaths, "loss": loss}
    return fig


def f6_of(uq: UnitQuarter) -> dict:
    out = {}
    for cat in F6_CATS:

        def sel(ps, cat=cat):
            return [p for p in ps if p.in_category(cat)]

        row = {
            "new": trio(sel(uq.new)),
            "completed": trio(sel(c.project for c in uq.completions)),
            "filed": trio(sel(c.project for c in uq.filed)),
            "in_progress": trio(sel(uq.in_progress)),
        }
        row["filing_rate"] = rate(row["filed"]["count"], row["completed"]["count"])
        out[cat] = row
    return out


def f5_json(fig: dict) -> dict:
    out = {}
    for g in ("carried_over", "new", "in_progress", "completed", "filed"):
        out[g] = {"count": fig[g]["count"], "area": c2f(fig[g]["area"]), "cost": c2f(fig[g]["cost"])}
    out["filing_rate"] = {k: (None if v is None else float(v)) for k, v in fig["filing_rate"].items()}
    sat = fig["satisfaction_rate"]
    out["satisfaction_rate"] = None if sat is None else float(sat)
    a = fig["accidents"]
    out["accidents"] = {"count": a["count"], "deaths": a["deaths"], "loss": c2f(a["loss"])}
    return out


def f6_json(f6: dict) -> dict:
    return {
        cat: {
            g: {"count": row[g]["count"], "area": c2f(row[g]["area"]), "cost": c2f(row[g]["cost"])}
            for g in ("new", "completed", "filed", "in_progress")
        }
        for cat, row in f6.items()
    }


def totals_of(subs: list[Submission]) -> dict:
    """The office totals as a correct reader computes them from the included units."""
    figs = [s.stated for s in subs]
    t = {
        g: {m: sum(f[g][m] for f in figs) for m in MEASURES}
        for g in ("carried_over", "new", "in_progress", "completed", "filed")
    }
    t["filing_rate"] = {
        "count": rate(t["filed"]["count"], t["completed"]["count"]),
        "area": rate(t["filed"]["area"], t["completed"]["area"]),
    }
    weight = sum(f["filed"]["count"] for f in figs if f["satisfaction_rate"] is not None)
    t["satisfaction_rate"] = (
        None
        if weight == 0
        else (
            sum(
                f["satisfaction_rate"] * f["filed"]["count"]
                for f in figs
                if f["satisfaction_rate"] is not None
            )
            / weight
        ).quantize(Decimal("0.1"), ROUND_HALF_UP)
    )
    t["accidents"] = {m: sum(f["accidents"][m] for f in figs) for m in ("count", "deaths", "loss")}
    f6 = {
        cat: {
            g: {m: sum(s.f6[cat][g][m] for s in subs) for m in MEASURES}
            for g in ("new", "completed", "filed", "in_progress")
        }
        for cat in F6_CATS
    }
    return {
        "F5": f5_json(t),
        "F6": f6_json(f6),
        "F1": {"rows": sum(len(s.uq.f1) for s in subs)},
        "F2": {"rows": sum(len(s.uq.f2) for s in subs)},
        "F3": {"rows": sum(len(s.uq.in_progress) for s in subs)},
        "F4": {"rows": sum(len(s.uq.completions) for s in subs)},
    }


# --------------------------------------------------------------------------- clerk styles


@dataclass
class Style:
    """How one clerk lays out and types the workbook."""

    sheet_names: tuple[str, ...] = ("附表1", "附表2", "附表3", "附表4", "附表5", "附表6")
    single_sheet: str | None = None  # all forms stacked on this one sheet
    order: tuple[str, ...] = FORMS  # sheet order
    top: int = 1  # first used row / column (1-based)
    left: int = 1
    header: str = "flat"  # flat 面积（万㎡） | seed 面积\n（万㎡） | spaced 项  数
    merged: bool = True  # merged two-row headers
    dates: str = "excel"  # excel | dot 2024.7.15 | dash 2024-07-15 | cn 2024年7月1日
    date_format: str = "yyyy-mm-dd"
    pct: str = "number"  # number 83.3 | text "83.3%" | fraction 0.833 as 0.0%
    zero: str | None = None  # how a zero accident figure is typed: "—", "/", "无"
    formulas: str | None = None  # None | nocache (openpyxl) | cached (LibreOffice)
    filler: str = ""  # the unit as written on the 填表单位 line
    period: str | None = "{label}"  # the period line under the title
    overrides: dict = field(default_factory=dict)  # cell key -> (value or fn, rule, why)
    empty_text: dict = field(default_factory=dict)  # form -> "本季度无…" typed in a 0-row form
    blank_rows: int = 2  # empty bordered rows left over from the template


@dataclass
class Submission:
    file: str
    unit: str
    uq: UnitQuarter
    style: Style
    reported: dt.date
    stated: dict = field(default_factory=dict)  # F5 as the file states it (integers)
    f6: dict = field(default_factory=dict)
    status: str = "ok"
    included: bool = True
    description: str = ""
    extra_notes: list = field(default_factory=list)  # (cell keys, rule, why)
    scores: ScorePlan | None = None  # the self-score sheet added to the workbook (2024Q3)


THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center")
RIGHT = Alignment(horizontal="right", vertical="center")
FONT = Font(name="宋体", size=10)
BOLD = Font(name="宋体", size=10, bold=True)
TITLE = Font(name="宋体", size=16, bold=True)
SEVERITY = {
    "ST002": "E",
    "ST005": "E",
    "F5-002": "E",
    "F5-006": "E",
    "ST006": "W",
    "IN007": "W",
    "IN005": "W",
    "IN008": "W",
    "IN002": "I",
    "—": "—",
    "SC001": "E",
    "SC003": "E",
    "SC004": "E",
    "SC005": "E",
}
KINDS_NUM = {"int": "0", "area": "0.00", "cost": "0.00", "m2": "0.00", "rate": "0.0"}


class Book:
    """One workbook being written: places the forms, types values the clerk's way and
    remembers where every keyed value went (for the planted-problem table)."""

    def __init__(self, sub: Submission):
        self.sub, self.style = sub, sub.style
        self.wb = Workbook()
        self.wb.remove(self.wb.active)
        self.cells: dict[tuple, tuple[str, str]] = {}
        self.notes: list[dict] = []
        self.widths: dict[str, dict[int, float]] = {}

    # -- placing
    def sheet_for(self, form: str):
        st = self.style
        name = st.single_sheet or st.sheet_names[FORMS.index(form)]
        if name in self.wb.sheetnames:
            return self.wb[name]
        ws = self.wb.create_sheet(name)
        ws.sheet_view.showGridLines = True
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        return ws

    def width(self, ws, col: int, w: float) -> None:
        d = self.widths.setdefault(ws.title, {})
        d[col] = max(d.get(col, 0), w)

    def finish(self) -> None:
        for title, cols in self.widths.items():
            for col, w in cols.items():
                self.wb[title].column_dimensions[get_column_letter(col)].width = w

    # -- header texts
    def h(self, text: str) -> str:
        """A header text as this clerk has it: the seed's text with its line breaks,
        flattened, or with extra spaces."""
        if self.style.header == "seed":
            return text
        if self.style.header == "spaced":
            for a, b in (("项数", "项  数"), ("面积", "面  积"), ("造价", "造  价"), ("项目", "项  目")):
                text = text.replace(a, b)
            return text
        return text.replace("\n", "").replace(" ", "")

    # -- typing values
    def represent(self, value, kind: str):
        """(cell value, number format, normalisation note or None) for a value."""
        st = self.style
        if value is None:
            return None, None, None
        if isinstance(value, str) and value.startswith("="):
            return value, KINDS_NUM.get(kind), None
        if kind == "date":
            if st.dates == "excel":
                return value, st.date_format, None
            text = {
                "dot": f"{value.year}.{value.month}.{value.day}",
                "dash": value.isoformat(),
                "cn": cn_date(value),
            }[st.dates]
            return text, None, None
        if kind == "rate":
            if st.pct == "text":
                return f"{value}%", None, "no finding: percent typed as text with %, a valid spelling"
            if st.pct == "fraction":
                return (
                    float(Decimal(value) / 100),
                    "0.0%",
                    "no finding: a fraction in a percent-formatted cell shows as a percent",
                )
            return float(value), "0.0", None
        if kind in ("area", "cost", "m2"):
            return c2f(value), KINDS_NUM[kind], None
        return value, KINDS_NUM.get(kind), None

    def put(
        self,
        ws,
        r: int,
        c: int,
        value,
        kind: str = "text",
        key: tuple | None = None,
        zeroable: bool = False,
        align=None,
        font=FONT,
        border=True,
    ):
        st = self.style
        v, fmt, why = self.represent(value, kind)
        rule = ("—" if why.startswith("no finding") else "ST006") if why else None
        if zeroable and st.zero and value == 0:
            v, fmt, rule, why = st.zero, None, "ST006", f"zero typed as '{st.zero}'"
        if key is not None and key in st.overrides:
            new, rule, why = st.overrides[key]
            v = new(value, v) if callable(new) else new
            fmt = None if isinstance(v, str) else fmt
        if isinstance(v, str) and v.startswith("="):
            rule, why = (
                ("IN007", "formula without a cached value")
                if st.formulas == "nocache"
                else ("—", "formula with a cached value (LibreOffice), no finding")
            )
        cell = ws.cell(r, c, v)
        cell.font = font
        if border:
            cell.border = BORDER
        cell.alignment = align or (LEFT if kind == "text" else CENTER if kind == "date" else RIGHT)
        if fmt:
            cell.number_format = fmt
        if key is not None:
            self.cells[key] = (ws.title, cell.coordinate)
        if rule:
            self.notes.append(
                {
                    "sheet": ws.title,
                    "cell": cell.coordinate,
                    "rule": rule,
                    "why": why,
                    "value": v,
                    "form": key[0] if key else None,
                }
            )
        return cell

    def text(self, ws, r, c, text, font=FONT, align=LEFT, border=False, merge_to=None, height=None):
        if merge_to:
            for cc in range(c, merge_to + 1):
                ws.cell(r, cc).border = BORDER if border else Border()
            ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=merge_to)
        cell = ws.cell(r, c, text)
        cell.font, cell.alignment = font, align
        if border:
            cell.border = BORDER
        if height:
            ws.row_dimensions[r].height = height
        return cell

    # -- building blocks of every form
    def title_block(self, ws, r, c, width, form, unit_line) -> int:
        st, q = self.style, self.sub.uq.q
        self.text(ws, r, c, f"附表{form[1]}", font=BOLD)
        r += 1
        for line in TITLES[form] if st.header == "seed" else ["".join(TITLES[form])]:
            self.text(ws, r, c, line, TITLE, CENTER, merge_to=c + width - 1, height=26)
            r += 1
        if st.period:
            self.text(
                ws,
                r,
                c,
                st.period.format(label=q.label, cn=q.cn, n=q.n),
                BOLD,
                CENTER,
                merge_to=c + width - 1,
            )
            r += 1
        self.text(ws, r, c, unit_line)
        return r + 1

    def header2(self, ws, r, c, spec) -> int:
        """A two-row header: spec = [(label, [sub labels] or None)]. Merged like the seed,
        or (merged=False) with each label only in the first cell of its group."""
        col = c
        for label, subs in spec:
            span = len(subs) if subs else 1
            for rr in (r, r + 1):
                for cc in range(col, col + span):
                    self.text(ws, rr, cc, None, BOLD, CENTER, border=True)
            self.text(ws, r, col, self.h(label), BOLD, CENTER, border=True)
            if subs:
                for i, s in enumerate(subs):
                    self.text(ws, r + 1, col + i, self.h(s), BOLD, CENTER, border=True)
            if self.style.merged:
                if subs and span > 1:
                    ws.merge_cells(start_row=r, start_column=col, end_row=r, end_column=col + span - 1)
                elif not subs:
                    ws.merge_cells(start_row=r, start_column=col, end_row=r + 1, end_column=col)
            col += span
        ws.row_dimensions[r].height = 30
        ws.row_dimensions[r + 1].height = 42
        return r + 2

    def header1(self, ws, r, c, labels) -> int:
        for i, label in enumerate(labels):
            self.text(ws, r, c + i, self.h(label), BOLD, CENTER, border=True)
        ws.row_dimensions[r].height = 36
        return r + 1

    def blank(self, ws, r, c, width, n) -> int:
        for _ in range(n):
            for cc in range(c, c + width):
                ws.cell(r, cc).border = BORDER
            r += 1
        return r

    def footer(self, ws, r, c, who="统计员", when="报送日期") -> int:
        d = cn_date(self.sub.reported)
        self.text(ws, r, c, f"{who}：{STATIST}          批准人：{APPROVER}          {when}：{d}")
        return r + 1

    @property
    def filler(self) -> str:
        return self.style.filler or f"{self.sub.unit}住房和城乡建设局"


TITLES = {
    "F1": ["河南省建设工程有关责任主体及相关责任人员", "不良行为记录统计表"],
    "F2": ["河南省建设工程质量责任主体行政处罚记录表"],
    "F3": ["河南省建设工程质量监督在建工程明细表"],
    "F4": ["河南省建设工程质量监督竣工工程明细表"],
    "F5": ["河南省建设工程质量监督季度统计表"],
    "F6": ["河南省建设工程质量监督季（年）度分类统计表"],
}
F5_NOTE = (
    "填表说明：1、在建工程：已办理监督注册手续，尚未完工或已完工，但未进行竣工验收的工程；"
    "2、竣工工程：已办理监督注册手续，已通过竣工验收的工程；3、质量备案率：已办理质量备案手续"
    "的工程/竣工工程；4、用户满意率：用户评价为满意的工程（项数）/已办理质量备案手续的工程；"
    "5、接转工程：上一季（年）度在建工程。"
)
TRIO = ["项数", "面积\n（万㎡）", "造价\n（万元）"]


# --------------------------------------------------------------------------- form writers


def write_f1(b: Book, ws, r, c) -> int:
    """附表1 不良行为记录统计表: two-row header (责任人 over 姓名 / 职务)."""
    rows, d = b.sub.uq.f1, cn_date(b.sub.reported)
    # the seed's own line, with its ASCII colon after （公章）
    line = f"填表单位（公章）:{b.filler}        填表人:{STATIST}        批准人:{APPROVER}        填表日期:{d}"
    r = b.title_block(ws, r, c, 11, "F1", line)
    r = b.header2(
        ws,
        r,
        c,
        [
            ("记录\n编号", None),
            ("工程名称", None),
            ("责任单位", None),
            ("责  任  人", ["姓名", "职务"]),
            ("不良行为事实", None),
            ("对应省不良记录管理办法条款", None),
            ("记录人", None),
            ("记录\n日期", None),
            ("批准人", None),
            ("批准\n日期", None),
        ],
    )
    fields = [
        ("record_no", "text"),
        ("project", "text"),
        ("party", "text"),
        ("person", "text"),
        ("title", "text"),
        ("fact", "text"),
        ("clause", "text"),
        ("recorder", "text"),
        ("recorded_on", "date"),
        ("approver", "text"),
        ("approved_on", "date"),
    ]
    for i, row in enumerate(rows):
        for j, (f, kind) in enumerate(fields):
            b.put(ws, r, c + j, row[f], kind, key=("F1", i, f))
        r += 1
    r = empty_text(b, ws, r, c, 11, "F1", rows)
    r = b.blank(ws, r, c, 11, b.style.blank_rows + (1 if not rows else 0))
    b.text(
        ws,
        r,
        c,
        "备注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测机构、"
        "施工图审查机构及其它有关单位。",
    )
    for j, w in enumerate([13, 30, 32, 8, 13, 62, 24, 8, 12, 8, 12]):
        b.width(ws, c + j, w)
    return r + 1


def empty_text(b: Book, ws, r, c, width, form, rows) -> int:
    """Some clerks type 本季度无… across an empty detail form."""
    text = b.style.empty_text.get(form)
    if rows or not text:
        return r
    b.text(ws, r, c, text, FONT, CENTER, border=True, merge_to=c + width - 1)
    b.notes.append(
        {
            "sheet": ws.title,
            "cell": ws.cell(r, c).coordinate,
            "rule": "—",
            "why": f"'{text}' typed across the empty form: 0 rows, not a record",
            "value": text,
            "form": form,
        }
    )
    return r + 1


def write_f2(b: Book, ws, r, c) -> int:
    """附表2 行政处罚记录表: one header row, footer 填表人 / 批准人 / 填表日期."""
    rows = b.sub.uq.f2
    r = b.title_block(ws, r, c, 9, "F2", f"填表单位（公章）：{b.filler}")
    r = b.header1(
        ws,
        r,
        c,
        [
            "记录编号",
            "工程名称",
            "责任单位",
            "时间",
            "违法违规事实",
            "处罚依据",
            "处罚内容",
            "处罚情况",
            "处理情况",
        ],
    )
    fields = [
        ("record_no", "text"),
        ("project", "text"),
        ("party", "text"),
        ("date", "date"),
        ("fact", "text"),
        ("basis", "text"),
        ("penalty", "text"),
        ("status", "text"),
        ("handling", "text"),
    ]
    for i, row in enumerate(rows):
        for j, (f, kind) in enumerate(fields):
            b.put(ws, r, c + j, row[f], kind, key=("F2", i, f))
        r += 1
    r = empty_text(b, ws, r, c, 9, "F2", rows)
    r = b.blank(ws, r, c, 9, b.style.blank_rows + (1 if not rows else 0))
    b.text(
        ws,
        r,
        c,
        "注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测单位、"
        "施工图审查机构及其它有关单位。",
    )
    r = b.footer(ws, r + 1, c, who="填表人", when="填表日期")
    for j, w in enumerate([13, 30, 30, 12, 36, 30, 14, 12, 18]):
        b.width(ws, c + j, w)
    return r


def write_f3(b: Book, ws, r, c) -> int:
    """附表3 在建工程明细表: the projects still in construction at quarter end."""
    uq = b.sub.uq
    r = b.title_block(ws, r, c, 10, "F3", f"填表单位（公章）：{b.filler}")
    r = b.header1(
        ws,
        r,
        c,
        [
            "序号",
            "工程质量监督注册号",
            "工程名称",
            "结构\n类型",
            "建筑面积\n（平方米）",
            "工程造价\n（万元）",
            "施工单位",
            "监理单位",
            "形象进度",
            "备注",
        ],
    )
    for i, p in enumerate(uq.in_progress):
        vals = [
            (i + 1, "int", "no"),
            (p.reg_no, "text", "reg_no"),
            (p.name, "text", "project"),
            (p.structure, "text", "structure"),
            (p.area_c, "m2", "area"),
            (p.cost_c, "cost", "cost"),
            (p.builder, "text", "builder"),
            (p.supervisor, "text", "supervisor"),
            (uq.progress[p.reg_no], "text", "progress"),
            ("保障性住房" if p.affordable else None, "text", "note"),
        ]
        for j, (v, kind, f) in enumerate(vals):
            b.put(ws, r, c + j, v, kind, key=("F3", i, f))
        r += 1
    r = b.blank(ws, r, c, 10, b.style.blank_rows)
    r = b.footer(ws, r, c)
    for j, w in enumerate([6, 20, 40, 8, 15, 13, 32, 30, 11, 11]):
        b.width(ws, c + j, w)
    return r


def write_f4(b: Book, ws, r, c) -> int:
    """附表4 竣工工程明细表: the quarter's acceptances, filed ones with 备案日期."""
    uq = b.sub.uq
    r = b.title_block(ws, r, c, 12, "F4", f"填表单位（公章）：{b.filler}")
    r = b.header1(
        ws,
        r,
        c,
        [
            "序号",
            "工程质量监督注册号",
            "工程名称",
            "结构类型",
            "建筑面积\n（平方米）",
            "工程造价\n（万元）",
            "施工单位",
            "监理单位",
            "竣工\n日期",
            "竣工验收结论",
            "备案\n日期",
            "备案\n结论",
        ],
    )
    for i, cp in enumerate(uq.completions):
        p = cp.project
        vals = [
            (i + 1, "int", "no"),
            (p.reg_no, "text", "reg_no"),
            (p.name, "text", "project"),
            (p.structure, "text", "structure"),
            (p.area_c, "m2", "area"),
            (p.cost_c, "cost", "cost"),
            (p.builder, "text", "builder"),
            (p.supervisor, "text", "supervisor"),
            (cp.completed_on, "date", "completed_on"),
            ("合格", "text", "acceptance"),
            (cp.filed_on, "date", "filed_on"),
            ("准予备案" if cp.filed_on else None, "text", "filing_result"),
        ]
        for j, (v, kind, f) in enumerate(vals):
            b.put(ws, r, c + j, v, kind, key=("F4", i, f))
        r += 1
    r = b.blank(ws, r, c, 12, b.style.blank_rows)
    r = b.footer(ws, r, c)
    for j, w in enumerate([6, 20, 40, 9, 15, 13, 32, 30, 12, 12, 12, 10]):
        b.width(ws, c + j, w)
    return r


F5_GROUPS = [
    ("carried_over", "上季度接转工程"),
    ("new", "本季度新注册工程"),
    ("in_progress", "本季度在建工程"),
    ("completed", "本季度竣工工程"),
    ("filed", "本季度质量备案\n工程"),
]
# the 21 value columns of F5 after the unit column: (group, measure, kind)
F5_COLS = [(g, m, "int" if m == "count" else m) for g, _ in F5_GROUPS for m in MEASURES] + [
    ("filing_rate", "count", "rate"),
    ("filing_rate", "area", "rate"),
    ("satisfaction_rate", None, "rate"),
    ("accidents", "count", "int"),
    ("accidents", "deaths", "int"),
    ("accidents", "loss", "cost"),
]


def f5_value(fig: dict, g: str, m: str | None):
    return fig[g] if m is None else fig[g][m]


def write_f5(b: Book, ws, r, c) -> int:
    """附表5 季度统计表: 22 columns, the unit's row, 合计, 填表说明, footer."""
    fig = b.sub.stated
    r = b.title_block(ws, r, c, 22, "F5", f"填表单位（盖章）：{b.filler}")
    r = b.header2(
        ws,
        r,
        c,
        [("市、县\n（市）\n序号", None)]
        + [(label, TRIO) for _, label in F5_GROUPS]
        + [
            ("季度质量\n备案率（%）", ["项数", "面积"]),
            ("用户\n满意率\n（%）", None),
            ("本季度发生工程质量事故", ["项数", "死亡人数", "经济损失（万元）"]),
        ],
    )
    col = {(g, m): c + 1 + j for j, (g, m, _) in enumerate(F5_COLS)}

    def ref(g, m, row):
        return f"{get_column_letter(col[(g, m)])}{row}"

    unit_row, total_row = r, r + 1
    for row, label, rk in ((unit_row, b.sub.unit, "unit"), (total_row, "合计", "total")):
        b.put(ws, row, c, label, "text", align=CENTER)
        for j, (g, m, kind) in enumerate(F5_COLS):
            v = f5_value(fig, g, m)
            key = ("F5", rk, g if m is None else f"{g}.{m}")
            if b.style.formulas:
                # the clerk's template: 在建 = 接转 + 新注册 - 竣工, and a 合计 row of sums
                if rk == "unit" and g == "in_progress":
                    v = f"={ref('carried_over', m, row)}+{ref('new', m, row)}-{ref('completed', m, row)}"
                elif rk == "total" and g == "filing_rate":
                    num, den = ref("filed", m, row), ref("completed", m, row)
                    v = f'=IF({den}=0,"",ROUND({num}/{den}*100,1))'
                elif rk == "total" and g == "satisfaction_rate":
                    v = f"={ref(g, m, unit_row)}"
                elif rk == "total":
                    v = f"=SUM({ref(g, m, unit_row)}:{ref(g, m, unit_row)})"
            b.put(ws, row, c + 1 + j, v, kind, key=key, zeroable=g == "accidents")
    r = total_row + 1
    b.text(ws, r, c, F5_NOTE, FONT, Alignment(wrap_text=True, vertical="top"), merge_to=c + 21, height=44)
    r = b.footer(ws, r + 2, c)
    for j, (_, _, kind) in enumerate(F5_COLS):
        b.width(ws, c + 1 + j, 10.5 if kind == "cost" else 8.5)
    b.width(ws, c, 10)
    return r


F6_ROWS = [
    ("residential", "住宅工程"),
    ("affordable_housing", "保障性安居工程"),
    ("public", "公共建筑工程"),
    ("large_public", "大型公共建筑工程（2万平方米以上）"),
    ("steel", "钢结构\n工程"),
    ("county", "县（区）\n工程"),
]


def write_f6(b: Book, ws, r, c) -> int:
    """附表6 季（年）度分类统计表: six category rows, 13 value columns."""
    f6 = b.sub.f6
    r = b.title_block(ws, r, c, 14, "F6", f"填表单位（盖章）：{b.filler}")
    r = b.header2(
        ws,
        r,
        c,
        [
            ("项  目", None),
            ("本季/年新注册项目", ["项数", "面 积\n（万㎡）", "造 价\n（万元）"]),
            ("本季/年竣工工程", TRIO),
            ("本季/年质量备案工程", ["项数", "面积\n（万㎡）", "造价（万元）", "备案率\n（项%）"]),
            ("本季/年在建工程", TRIO),
        ],
    )
    cols = (
        [(g, m) for g in ("new", "completed", "filed") for m in MEASURES]
        + [("filing_rate", None)]
        + [("in_progress", m) for m in MEASURES]
    )
    for cat, label in F6_ROWS:
        b.text(ws, r, c, b.h(label), FONT, CENTER, border=True)
        for j, (g, m) in enumerate(cols):
            v = f6[cat][g] if m is None else f6[cat][g][m]
            kind = "rate" if m is None else ("int" if m == "count" else m)
            b.put(ws, r, c + 1 + j, v, kind, key=("F6", cat, g if m is None else f"{g}.{m}"))
        ws.row_dimensions[r].height = 30
        r += 1
    r = b.footer(ws, r + 1, c)
    for j in range(14):
        b.width(ws, c + j, 18 if j == 0 else 9)
    return r


WRITERS = {"F1": write_f1, "F2": write_f2, "F3": write_f3, "F4": write_f4, "F5": write_f5, "F6": write_f6}


# --------------------------------------------------------------------------- files

FIXED_TIME = (2024, 10, 8, 9, 0, 0)


def freeze_zip(path: Path) -> None:
    """Rewrite an .xlsx/.docx so that rerunning gives the same bytes: fixed entry times and
    fixed document dates (openpyxl stamps both with 'now')."""
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            if name == "docProps/core.xml":
                text = data.decode("utf-8")
                for tag in ("dcterms:created", "dcterms:modified"):
                    start = text.find(f"<{tag}")
                    if start >= 0:
                        s = text.index(">", start) + 1
                        e = text.index(f"</{tag}>", s)
                        text = text[:s] + "2024-10-08T01:00:00Z" + text[e:]
                data = text.encode("utf-8")
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)


def build(sub: Submission) -> Book:
    b = Book(sub)
    st = sub.style
    b.wb.properties.creator = STATIST
    b.wb.properties.lastModifiedBy = STATIST
    b.wb.properties.created = dt.datetime(2024, 10, 8, 9, 0, 0)
    r = st.top
    for form in st.order:
        ws = b.sheet_for(form)
        top = r if st.single_sheet else st.top
        bottom = WRITERS[form](b, ws, top, st.left)
        r = bottom + 3  # stacked forms: three empty rows between them
    if sub.scores:
        write_score_sheet(b, sub.scores, r if st.single_sheet else None)
    for name, rows in UNIT_SHEETS.get((sub.file, sub.uq.q.key), {}).items():
        ws = b.wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        ws.column_dimensions["A"].width = 12
        ws.column_dimensions["C"].width = 60
    b.finish()
    return b


# Sheets a unit adds of its own accord: a 情况说明 explaining a warning (the explanation is
# attached to the finding and no longer counts against the unit) and a 文字材料 the report
# quotes under the sections its headings name.
UNIT_SHEETS = {
    ("湛河区2024年三季度报表.xlsx", "2024Q3"): {
        "情况说明": [
            ["规则编号", "单元格", "情况说明"],
            ["ST006", "季度统计表!E8", "录入时输入法处于全角状态，数值核对无误。"],
        ]
    },
    ("汝州市.xlsx", "2024Q3"): {
        "文字材料": [
            ["汝州市2024年第三季度工程质量监督工作情况"],
            ["一、企业总体情况"],
            ["全市在建工程施工企业总体运行平稳，未发生拖欠农民工工资引发的质量问题。"],
            ["二、对实体工程质量监督采取的措施"],
            ["本季度开展在建工程质量巡查两轮，重点检查住宅工程渗漏、开裂等质量通病防治措施落实情况。"],
            ["十一、对策建议"],
            ["建议进一步加强预拌混凝土质量抽检，推行住宅工程质量分户验收。"],
        ]
    },
}


def save(b: Book, path: Path) -> None:
    b.wb.save(path)
    freeze_zip(path)


def soffice(src: Path, fmt: str, outdir: Path) -> Path:
    """Convert with LibreOffice in its own profile (so a running LibreOffice is not
    disturbed). Returns the converted file."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        sys.exit("make_samples: LibreOffice (soffice) is needed for 郏县.xls and 汝州市.xlsx")
    profile = Path(tempfile.gettempdir()) / "qstat-make-samples-lo"
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            str(src),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=300,
    )
    out = outdir / (src.stem + "." + fmt)
    if not out.exists():
        sys.exit(f"make_samples: LibreOffice did not write {out}")
    return out


def write_lock_file(path: Path) -> None:
    """What Excel leaves while 宝丰县.xlsx is open: 165 bytes, owner name, no workbook."""
    owner = "zhangsan"
    data = bytes([len(owner)]) + owner.encode("ascii").ljust(53, b" ")
    data += bytes([len(owner), 0]) + owner.encode("utf-16-le")
    path.write_bytes(data.ljust(165, b"\x00"))


def write_docx(path: Path, paragraphs: list[str]) -> None:
    """A minimal but valid Word document (a zip like an .xlsx: a naive reader may try it)."""
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))


# --------------------------------------------------------------------------- score sheets

# The seed-002 附件3 sheet (河南省保障性安居工程质量监督工作考核评分表), transcribed once in
# qstat's spec file: the generator reads only its item texts and points (the official form),
# never qstat's reading of it.
SCORE_SPEC = HERE.parent / "qstat" / "scores" / "specs" / "henan-affordable-housing-supervision.toml"


@dataclass
class ScorePlan:
    """A unit's self-score sheet: full marks except ``scores``; ``typed`` overrides what the
    clerk writes in a 小计 (by section number) or the 合计 ("total"), to plant a problem."""

    scores: dict[str, float] = field(default_factory=dict)  # item id -> score written
    counted: dict[str, float] = field(default_factory=dict)  # item id -> score that counts
    typed: dict = field(default_factory=dict)
    planted: dict = field(default_factory=dict)  # item id / "s1" / "total" -> (rule, why)
    sheet: str = "考核评分表"
    top: int = 2
    left: int = 1
    merged: bool = True


def score_items() -> list[tuple[int, str, float, list[tuple[str, str, float]]]]:
    """[(section no, section name, section max, [(item id, name, text, max)])] from the spec."""
    import tomllib

    data = tomllib.loads(SCORE_SPEC.read_text(encoding="utf-8"))
    return [
        (
            n,
            sec["name"],
            sec["max"],
            [(f"{n}.{i}", it["name"], it["text"], it["max"]) for i, it in enumerate(sec["items"], 1)],
        )
        for n, sec in enumerate(data["sections"], 1)
    ]


def score_of(plan: ScorePlan, item_id: str, max_: float, counted: bool = True) -> float:
    if counted and item_id in plan.counted:
        return plan.counted[item_id]
    return plan.scores.get(item_id, max_)


def score_total(plan: ScorePlan, counted: bool = True) -> float:
    return sum(score_of(plan, i, m, counted) for _, _, _, items in score_items() for i, _, _, m in items)


def broken(text: str, width: int = 22) -> str:
    """Text as it wraps in the Word table, pasted with its line breaks."""
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


def write_score_sheet(b: Book, plan: ScorePlan, stacked_at: int | None) -> None:
    """The 考核评分表 the way the clerk pastes it from Word: title, 填报单位, two-row header
    (考核评分 over 得分/小计), section cell and 小计 merged down over the items (or written once
    in the first row when the clerk does not merge), item texts with their line breaks."""
    ws = b.sheet_for("F5") if stacked_at else b.wb.create_sheet(plan.sheet)
    r, c = (stacked_at, b.style.left) if stacked_at else (plan.top, plan.left)
    b.text(ws, r, c, "河南省保障性安居工程质量监督工作考核评分表", TITLE, CENTER, merge_to=c + 6, height=26)
    b.text(ws, r + 1, c, f"填报单位：{b.filler}        考核年度：2024年")
    r += 2
    for i, label in enumerate(["序号", "考核对象", "评分内容及标准", None, "分值", "考核评分", None]):
        b.text(ws, r, c + i, label, BOLD, CENTER, border=True)
        b.text(ws, r + 1, c + i, {5: "得分", 6: "小计"}.get(i), BOLD, CENTER, border=True)
    if plan.merged:
        for i in (0, 1, 4):
            ws.merge_cells(start_row=r, start_column=c + i, end_row=r + 1, end_column=c + i)
        ws.merge_cells(start_row=r, start_column=c + 2, end_row=r + 1, end_column=c + 3)
        ws.merge_cells(start_row=r, start_column=c + 5, end_row=r, end_column=c + 6)
    r += 2
    for n, name, max_, items in score_items():
        first = r
        for item_id, item, text, item_max in items:
            value = score_of(plan, item_id, item_max, counted=False)
            cells = [
                n if r == first else None,
                f"{name}\n（{max_:g}分）" if r == first else None,
                broken(item, 5) if item else broken(text),
                broken(text) if item else None,
                item_max,
            ]
            for i, v in enumerate(cells):
                b.text(ws, r, c + i, v, FONT, CENTER if i != 3 else LEFT, border=True)
            cell = b.put(ws, r, c + 5, value, "text", align=RIGHT)
            if item_id in plan.planted:
                rule, why = plan.planted[item_id]
                b.notes.append(
                    {
                        "sheet": ws.title,
                        "cell": cell.coordinate,
                        "rule": rule,
                        "why": why,
                        "value": value,
                        "form": "SC",
                    }
                )
            b.text(ws, r, c + 6, None, FONT, RIGHT, border=True)
            ws.row_dimensions[r].height = 15 * max(2, len(broken(text).split("\n")))
            r += 1
        stated = sum(score_of(plan, i, m, counted=False) for i, _, _, m in items)
        subtotal = plan.typed.get(f"s{n}", stated)
        cell = b.put(ws, first, c + 6, subtotal, "text", align=RIGHT)
        if f"s{n}" in plan.planted:
            rule, why = plan.planted[f"s{n}"]
            b.notes.append(
                {
                    "sheet": ws.title,
                    "cell": cell.coordinate,
                    "rule": rule,
                    "why": why,
                    "value": subtotal,
                    "form": "SC",
                }
            )
        if plan.merged and r - 1 > first:
            for i in (0, 1, 6):
                ws.merge_cells(start_row=first, start_column=c + i, end_row=r - 1, end_column=c + i)
    b.text(ws, r, c, "合          计", BOLD, CENTER, border=True, merge_to=c + 3)
    b.text(ws, r, c + 4, 100, BOLD, RIGHT, border=True)
    total = plan.typed.get("total", score_total(plan, counted=False))
    cell = b.put(ws, r, c + 5, total, "text", align=RIGHT, font=BOLD)
    if "total" in plan.planted:
        rule, why = plan.planted["total"]
        b.notes.append(
            {
                "sheet": ws.title,
                "cell": cell.coordinate,
                "rule": rule,
                "why": why,
                "value": total,
                "form": "SC",
            }
        )
    b.text(
        ws,
        r + 1,
        c,
        f"填表人：{STATIST}        审核人：{APPROVER}        填表日期：{cn_date(b.sub.reported)}",
    )
    for i, w in enumerate([5, 14, 10, 48, 6, 7, 7]):
        b.width(ws, c + i, w)


# Each unit's self-assessment (full marks but the listed items). Planted problems: 宝丰县
# SC001, 鲁山县 SC004, 湛河区 SC003 and SC005 (units that already have errors, so the clean
# units stay clean). Ties: 叶县 and 宝丰县 share rank 1, 示范区 and 汝州市 share rank 5 (six
# 先进单位), 湛河区 and 卫东区 share rank 8 (both 约谈).
SCORE_PLANS = {
    "叶县": ScorePlan({"1.5": 8, "2.2": 10}),
    "舞钢市": ScorePlan({"1.1": 8, "1.9": 5, "3.1": 7.5}, sheet="表7", top=3, left=2),
    "湛河区": ScorePlan(
        {"1.5": 6, "2.6": 1.5, "3.1": 5, "2.3": 4},
        typed={"total": 90},
        planted={
            "2.3": (
                "SC003",
                "原材料质量控制 typed 4: with 4.5 points and 1.5 "
                "per failing point only 4.5, 3, 1.5, 0 are possible",
            ),
            "total": ("SC005", "合计 typed 90, the items add up to 89"),
        },
        sheet="考核评分表",
    ),
    "新华区": ScorePlan({"1.2": 4, "1.8": 1.5, "3.1": 7.5}, sheet="Sheet7", left=3, merged=False),
    "鲁山县": ScorePlan(
        {"1.4": 2, "1.11": 2, "2.2": 11, "3.1": 5},
        typed={"s1": 59},
        planted={"s1": ("SC004", "住房城乡建设主管部门 小计 typed 59, its items add up to 58")},
    ),
    "宝丰县": ScorePlan(
        {"1.9": 12, "2.4": 3, "3.1": 7.5},
        counted={"1.9": 10},
        planted={"1.9": ("SC001", "工程质量运行态势分析 scored 12 of its 10 points (counted as 10)")},
        sheet="7-评分表",
        top=4,
    ),
    "示范区": ScorePlan({"1.6": 1, "1.13": 2, "2.5": 1.5, "3.1": 5}),
    "汝州市": ScorePlan({"1.3": 2, "1.7": 1, "2.1": 1.5, "2.3": 3, "3.1": 7.5}, top=2, left=2),
    "卫东区": ScorePlan({"1.5": 8, "1.12": 1.5, "3.1": 2.5}, merged=False),
    "高新区": ScorePlan({"1.1": 5, "1.5": 6, "2.2": 9, "3.1": 2.5}),
}  # 郏县 sends no score sheet (未报评分表); 石龙区 sends nothing


def score_ranking(subs: list[Submission]) -> list[dict]:
    """The expected ranking: totals of the counted scores, equal totals share a rank (1, 2,
    2, 4), top five 先进单位, every unit with fewer than three ranked below it 约谈."""
    scored = {s.unit: score_total(s.scores) for s in subs if s.included and s.scores}
    rows = []
    for unit in UNITS:
        if unit not in scored:
            rows.append({"unit": unit, "total": None, "grade": "", "rank": None, "mark": "未报评分表"})
            continue
        t = scored[unit]
        rank = 1 + sum(o > t for o in scored.values())
        below = sum(o < t for o in scored.values())
        grade = "A" if t >= 90 else "B" if t >= 80 else "C" if t >= 60 else "D"
        mark = "先进单位" if rank <= 5 else "约谈" if below < 3 else ""
        rows.append({"unit": unit, "total": t, "grade": grade, "rank": rank, "mark": mark})
    return sorted(rows, key=lambda r: (r["rank"] is None, r["rank"] or 0))


# --------------------------------------------------------------------------- the two inboxes

SEED_HEADERS_Q2 = {"汝州市", "郏县"}


def q2_submissions(sim: dict) -> list[Submission]:
    """2024Q2: every unit, clean. Cosmetic differences only (sheet names, an offset, the
    seed's wrapped header texts, a longer file name)."""
    subs = []
    for i, unit in enumerate(UNITS):
        st = Style(header="seed" if unit in SEED_HEADERS_Q2 else "flat")
        name, desc = f"{unit}.xlsx", "clean"
        if unit == "舞钢市":
            st.sheet_names = ("表1", "表2", "表3", "表4", "表5", "表6")
            desc = "clean; sheets 表1..表6"
        elif unit == "鲁山县":
            st.top, st.left = 2, 2
            desc = "clean; every form starts at B2"
        elif unit == "卫东区":
            name, desc = "卫东区2024年二季度.xlsx", "clean; longer file name"
        elif unit in SEED_HEADERS_Q2:
            desc = "clean; header texts with the seed's line breaks"
        elif unit == "新华区":
            st.filler = "平顶山市新华区住房和城乡建设局"
            desc = "clean; 填表单位 written with the alias 平顶山市新华区"
        uq = sim[unit][Q2.key]
        subs.append(Submission(name, unit, uq, st, dt.date(2024, 7, 5 + i % 5), description=desc))
    return subs


def q3_submissions(sim: dict) -> list[Submission]:
    """2024Q3: the messy inbox. Each clerk's habits are spelled out here."""
    S = {}
    # 叶县 sends twice: 10月8日 (two late-September acceptances not yet entered), then
    # 叶县(修改) on 10月12日 with them.
    S["叶县-first"] = (
        "叶县.xlsx",
        Style(),
        "first submission (报送日期 2024年10月8日), superseded: two September "
        "acceptances still listed as in construction",
    )
    S["叶县"] = (
        "叶县(修改).xlsx",
        Style(),
        "resubmission (报送日期 2024年10月12日) with the corrected figures: the one to use",
    )
    # 舞钢市 keeps its Excel template: 在建 = 接转 + 新注册 - 竣工 and a 合计 row of SUMs.
    # openpyxl writes formulas without cached values, as a script-generated file would.
    S["舞钢市"] = (
        "舞钢市.xlsx",
        Style(
            sheet_names=("表1", "表2", "表3", "表4", "表5", "表6"),
            top=3,
            left=2,
            dates="dash",
            formulas="nocache",
        ),
        "sheets 表1..表6; forms start at B3; dates typed 2024-07-15; F5 in_progress "
        "and the 合计 row are formulas with NO cached values",
    )
    S["湛河区"] = (
        "湛河区2024年三季度报表.xlsx",
        Style(
            sheet_names=(
                "不良行为记录",
                "行政处罚",
                "在建工程明细",
                "竣工工程明细",
                "季度统计表",
                "分类统计表",
            ),
            order=("F5", "F6", "F3", "F4", "F1", "F2"),
            top=2,
            header="seed",
            dates="cn",
            pct="text",
            zero="—",
            period="（2024年{cn}季度）",
            overrides={
                ("F5", "unit", "new.count"): (
                    lambda v, _: fullwidth(str(v)),
                    "ST006",
                    "full-width digits typed (IME in full-width mode)",
                ),
                ("F5", "unit", "in_progress.cost"): (
                    lambda v, _: f"{c2f(v):,.2f}",
                    "ST006",
                    "text with a thousands separator",
                ),
                ("F3", 4, "cost"): (
                    lambda v, _: f"约{round(c2f(v), -2):.0f}",
                    "ST002",
                    "'约…' (about …) typed in 工程造价: not a number",
                ),
            },
        ),
        "sheets named by content, 季度统计表 first; forms start at A2; seed header "
        "texts with line breaks; dates typed 2024年7月15日; rates typed '85.7%'; "
        "zero accidents typed '—'; a full-width number, a number with a thousands "
        "separator, and '约…' in a cost",
    )
    # 新华区: the file name says nothing, the 填表单位 line uses the alias.
    S["新华区"] = (
        "季报2024Q3.xlsx",
        Style(
            sheet_names=tuple(f"Sheet{i}" for i in range(1, 7)),
            left=3,
            header="spaced",
            filler="平顶山市新华区住房和城乡建设局",
        ),
        "unhelpful file name; 填表单位 平顶山市新华区住房和城乡建设局 (alias); sheets "
        "Sheet1..Sheet6; forms start at C1; header texts with extra spaces (项  数)",
    )
    # 鲁山县 puts everything on one sheet and types dates with dots, including a 9月31日.
    S["鲁山县"] = (
        "鲁山县.xlsx",
        Style(single_sheet="三季度报表", dates="dot", zero="/", period="2024年第3季度"),
        "ALL six forms stacked on one sheet 三季度报表; dates typed 2024.7.15; zero "
        "accidents typed '/'; one impossible date 2024.9.31",
    )
    S["宝丰县"] = (
        "宝丰县.xlsx",
        Style(
            sheet_names=("1-不良行为", "2-行政处罚", "3-在建", "4-竣工", "5-季报", "6-分类"),
            top=4,
            date_format="yyyy/m/d",
        ),
        "sheets 1-不良行为 .. 5-季报 .. 6-分类; forms start at A4; stated 备案率 100 "
        "although one acceptance is not filed; an Excel lock file ~$宝丰县.xlsx "
        "beside it",
    )
    S["示范区"] = (
        "示范区.xlsx",
        Style(
            header="seed",
            pct="fraction",
            filler="平顶山市城乡一体化示范区住房和城乡建设局",
            date_format='yyyy"年"m"月"d"日"',
        ),
        "填表单位 via the alias 平顶山市城乡一体化示范区; rates stored as fractions "
        "(0.857 shown as 85.7%); seed header texts",
    )
    # 汝州市: same template as 舞钢市, but saved by LibreOffice, so the values are cached.
    S["汝州市"] = (
        "汝州市.xlsx",
        Style(top=2, left=2, formulas="cached"),
        "forms start at B2; F5 in_progress and 合计 are formulas WITH cached values "
        "(written with formulas, round-tripped through LibreOffice)",
    )
    S["郏县"] = (
        "郏县.xls",
        Style(
            sheet_names=("附表一", "附表二", "附表三", "附表四", "附表五", "附表六"),
            header="seed",
            zero="无",
            period=None,
        ),
        "real .xls (Excel 97, converted by LibreOffice); sheets 附表一..附表六; no "
        "period line under the titles; zero accidents typed '无'",
    )
    S["卫东区"] = (
        "卫东区.xlsx",
        Style(
            merged=False,
            empty_text={"F2": "本季度无行政处罚记录"},
            overrides={
                ("F4", 0, "area"): (lambda v, _: f"{c2f(v):,.2f}", "ST006", "text with a thousands separator")
            },
        ),
        "header group cells NOT merged (label only in the group's first cell); F2 "
        "says 本季度无行政处罚记录 across its first row; one accident (loss 3.80 万元)",
    )
    S["高新区"] = (
        "高新区.xlsx",
        Style(
            header="seed",
            overrides={
                ("F5", "unit", "completed.count"): (
                    lambda v, _: f"{v} ",
                    "—",
                    "no finding: number typed as text with a trailing space, read as it is",
                ),
                ("F3", 2, "area"): (
                    lambda v, _: f"{c2f(v)}  ",
                    "—",
                    "no finding: number typed as text with trailing spaces, read as it is",
                ),
            },
        ),
        "carried_over differs from its 2024Q2 in_progress (a terminated project "
        "dropped); two numbers typed with trailing spaces",
    )
    subs = []
    for key, (fname, st, desc) in S.items():
        unit = key.split("-")[0]
        uq = sim[unit][Q3.key + ("-first" if key.endswith("-first") else "")]
        reported = dt.date(2024, 10, 12) if fname == "叶县(修改).xlsx" else dt.date(2024, 10, 8)
        sub = Submission(fname, unit, uq, st, reported, description=desc, scores=SCORE_PLANS.get(unit))
        if key.endswith("-first"):
            sub.status, sub.included = "superseded", False
        subs.append(sub)
    return subs


def stated_f5(sub: Submission) -> dict:
    """F5 as the clerk states it (the wrong 备案率 of 宝丰县 included). Also plants the two
    mistakes that depend on the data (宝丰县's 备案率, 鲁山县's 9月31日)."""
    fig, true = f5_of(sub.uq), f5_of(sub.uq)
    if sub.unit == "宝丰县" and sub.uq.q == Q3:
        # the clerk types 100 out of habit: 备案率 is "always" 100
        fig["filing_rate"] = dict(fig["filing_rate"], count=Decimal("100.0"))
        for rk in ("unit", "total"):
            sub.style.overrides[("F5", rk, "filing_rate.count")] = (
                100.0,
                "F5-002",
                "stated 备案率（项数） 100 but filed/completed = "
                f"{true['filed']['count']}/{true['completed']['count']} = "
                f"{true['filing_rate']['count']}",
            )
    if sub.unit == "鲁山县" and sub.uq.q == Q3:
        i = next(i for i, c in enumerate(sub.uq.completions) if c.filed_on == Q3.end)
        sub.style.overrides[("F4", i, "filed_on")] = (
            "2024.9.31",
            "ST005",
            "September has 30 days (meant 2024.9.30); the project still counts as filed in F5",
        )
    return fig


def write_inbox(subs: list[Submission], folder: Path, tmp: Path) -> list[dict]:
    notes = []
    for sub in subs:
        sub.stated = stated_f5(sub)
        sub.f6 = f6_of(sub.uq)
        b = build(sub)
        path = folder / sub.file
        if sub.file.endswith(".xls"):
            src = tmp / (Path(sub.file).stem + ".xlsx")
            save(b, src)
            shutil.move(soffice(src, "xls", tmp / "xls"), path)
        elif sub.style.formulas == "cached":
            src = tmp / sub.file
            save(b, src)
            shutil.move(soffice(src, "xlsx", tmp / "roundtrip"), path)
            freeze_zip(path)  # LibreOffice stamps 'now' too
        else:
            save(b, path)
        mine = [{"file": sub.file, **n} for n in b.notes]
        for keys, rule, why in sub.extra_notes:
            for k in keys:
                sheet, cell = b.cells[k]
                mine.append(
                    {
                        "file": sub.file,
                        "sheet": sheet,
                        "cell": cell,
                        "rule": rule,
                        "why": why,
                        "value": None,
                        "form": k[0],
                    }
                )
        if any(SEVERITY.get(n["rule"]) == "E" for n in mine) and sub.status == "ok":
            sub.status = "errors"
        notes += mine
    return notes


def expected(period: Quarter, subs: list[Submission], missing: list[str], extra_files: list[dict]) -> dict:
    included = [s for s in subs if s.included]
    units = {}
    for s in sorted(included, key=lambda s: UNITS.index(s.unit)):
        computed = f5_of(s.uq)
        units[s.unit] = {
            "file": s.file,
            "F5": f5_json(s.stated),
            "F5_recomputed_rates": {
                "filing_rate": f5_json(computed)["filing_rate"],
                "satisfaction_rate": f5_json(computed)["satisfaction_rate"],
            },
            "F6": f6_json(s.f6),
            "F1": {"rows": len(s.uq.f1)},
            "F2": {"rows": len(s.uq.f2)},
            "F3": {"rows": len(s.uq.in_progress)},
            "F4": {"rows": len(s.uq.completions)},
        }
    out = {
        "period": period.key,
        "office": OFFICE,
        "generated_by": f"sample_workbooks/make_samples.py (seed {SEED})",
        "conventions": "F5/F6 areas in 万㎡ (2 decimals), costs and losses in 万元, rates in "
        "percent (1 decimal, null when the denominator is 0). F5 per unit is "
        "what the file states, normalised (text numbers, fractions, '—' = 0). "
        "Totals are over the included units: sums of the stated unit figures; "
        "filing_rate = Σfiled / Σcompleted x 100 (count and area, from the "
        "printed 万㎡); satisfaction_rate = Σ(rate_i x filed_count_i) / "
        "Σfiled_count_i. F3/F4 areas (㎡) are not totalled here.",
        "submissions": [
            {
                "file": s.file,
                "unit": s.unit,
                "status": s.status,
                "included": s.included,
                "reported_on": s.reported.isoformat(),
            }
            for s in subs
        ]
        + extra_files,
        "missing_units": missing,
        "notes": (
            []
            if period != Q3
            else [
                "高新区 is 'errors' only when 2024Q2 is in the history database (F5-006); "
                "without history it is 'ok'.",
                "With --strict the units with status 'errors' leave the totals; these totals "
                "are without --strict.",
            ]
        ),
        "units": units,
        "totals": totals_of(included),
    }
    if period == Q3:
        out["scores"] = {"spec": "henan-affordable-housing-supervision", "units": score_ranking(subs)}
    superseded = {
        s.file: {
            "unit": s.unit,
            "F5": f5_json(s.stated),
            "F3": {"rows": len(s.uq.in_progress)},
            "F4": {"rows": len(s.uq.completions)},
        }
        for s in subs
        if s.status == "superseded"
    }
    if superseded:
        out["superseded"] = superseded
    return out


# --------------------------------------------------------------------------- README


def cell_ranges(cells: list[str]) -> str:
    """['T8','U8','V8','T9'] -> 'T8:V8, T9'."""
    parsed = sorted(
        (coordinate_from_string(c)[1], column_index_from_string(coordinate_from_string(c)[0])) for c in cells
    )
    out, i = [], 0
    while i < len(parsed):
        row, col = parsed[i]
        j = i
        while j + 1 < len(parsed) and parsed[j + 1] == (row, parsed[j][1] + 1):
            j += 1
        a = f"{get_column_letter(col)}{row}"
        out.append(a if j == i else f"{a}:{get_column_letter(parsed[j][1])}{row}")
        i = j + 1
    return ", ".join(out)


def notes_table(notes: list[dict]) -> str:
    groups: dict[tuple, list[str]] = {}
    for n in notes:
        groups.setdefault((n["file"], n["sheet"], n["rule"], n["why"]), []).append(n["cell"])
    lines = ["| file | sheet | cell(s) | rule | sev | why |", "|---|---|---|---|---|---|"]
    for (f, sheet, rule, why), cells in groups.items():
        lines.append(
            f"| {f} | {sheet} | {cell_ranges(cells) if cells[0] != '—' else '—'} "
            f"| {rule} | {SEVERITY.get(rule, '')} | {why} |"
        )
    return "\n".join(lines)


def _trio(t: dict) -> str:
    return f"{t['count']} projects / {c2f(t['area'])} 万㎡ / {c2f(t['cost'])} 万元"


def readme(q2subs, q3subs, q2notes, q3notes, intake_notes, sim) -> str:
    def inbox_table(subs):
        rows = [
            "| file | unit | F3 rows | F4 rows | F1 | F2 | what it shows |",
            "|---|---|---|---|---|---|---|",
        ]
        for s in subs:
            rows.append(
                f"| {s.file} | {s.unit} | {len(s.uq.in_progress)} | "
                f"{len(s.uq.completions)} | {len(s.uq.f1)} | {len(s.uq.f2)} | "
                f"{s.description} |"
            )
        return "\n".join(rows)

    problems = [n for n in q3notes if n["rule"] not in ("—", "ST006")]
    normalise = [n for n in q3notes if n["rule"] == "ST006"]
    quiet = [n for n in q3notes if n["rule"] == "—"]
    gx = sim["高新区"]
    return (
        f"""# Sample inboxes for qstat (平顶山市, 2024Q2 and 2024Q3)

Generated by `make_samples.py` (Python 3.11, openpyxl; LibreOffice for two files). Rerun it
to regenerate everything in this folder; the output is byte-for-byte the same on every run
(fixed seed {SEED}, fixed zip timestamps and document dates); `2024Q3/郏县.xls` and
`2024Q3/汝州市.xlsx` are written by LibreOffice, so their bytes (not their content) may change
with its version. **Do not edit the workbooks by hand**: change the generator.

    python sample_workbooks/make_samples.py
    qstat consolidate sample_workbooks/2024Q2 --period 2024Q2 --config sample_workbooks/qstat.toml
    qstat consolidate sample_workbooks/2024Q3 --period 2024Q3 --config sample_workbooks/qstat.toml

- `qstat.toml`: 平顶山市, level city, the 12 units, aliases 平顶山市新华区 -> 新华区 and
  平顶山市城乡一体化示范区 -> 示范区.
- `expected/2024Q2.json`, `expected/2024Q3.json`: ground truth computed from the generator's
  own project lists (never read back from the files): per unit F5 (as stated, normalised),
  recomputed rates, F6 and F1-F4 row counts; the office totals (`totals`, same keys as
  summary.json); the submissions with the status a correct reader gives them.

## How the data is made
Each unit has a ledger of projects (注册号 `PDS-<code>-<year>-<seq>`, name, 结构类型, 建筑面积
㎡, 工程造价 万元, 施工单位, 监理单位). The stock in construction at the end of 2024Q1 is 2024Q2's
接转; each quarter registers new projects and accepts some of the stock (竣工日期 in the
quarter, 竣工验收结论 合格, 备案日期 3-30 days later if still in the quarter, else not yet
filed). F3 = the stock at quarter end, F4 = the quarter's acceptances, and F5/F6 are derived
from the lists: in_progress = F3 rows, completed = F4 rows, filed = F4 rows with a 备案日期,
carried_over = the previous quarter's in_progress, in_progress = carried_over + new -
completed (also for the printed 万㎡, one new project's area is nudged by whole ㎡ so the
rounded figures add up exactly). 2024Q3 carried_over equals 2024Q2 in_progress for every
unit except 高新区 (planted, F5-006). F6 categories are subsets of the same projects.

## 2024Q2: all 12 units, clean
Every workbook has the six forms (附表1-附表6), one per sheet, laid out like the seed: 附表N,
the title, a period line 2024年第二季度, the 填表单位 line, the seed's headers (two-row merged
for 附表1/5/6), data, 合计 (附表5), 填表说明, footer 统计员：张三 批准人：李四 报送日期. Numbers are
numbers, dates are Excel dates. Expected findings: none.

{inbox_table(q2subs)}

## 2024Q3: the realistic inbox
{inbox_table(q3subs)}
| ~$宝丰县.xlsx | — | | | | | Excel lock file (165 bytes of owner name), not a workbook |
| 情况说明.docx | — | | | | | a Word note from 石龙区 (report comes late); not a spreadsheet |

石龙区 sends nothing (its note is not a submission). Period lines vary: 2024年第三季度,
（2024年三季度） (湛河区), 2024年第3季度 (鲁山县), none at all (郏县.xls).
Dates: Excel dates with formats yyyy-mm-dd / yyyy/m/d (宝丰县) / yyyy年m月d日 (示范区), text
2024-07-15 (舞钢市), 2024.7.15 (鲁山县), 2024年7月15日 (湛河区). Rates: numbers 85.7 (most),
text '85.7%' (湛河区), fractions 0.857 with a percent format (示范区).

### Planted problems (what a correct reader should report)
Cells are A1 addresses as Excel shows them on that sheet.

{notes_table(intake_notes + problems)}

Notes:
- 高新区 F5-006 needs history: consolidate 2024Q2 first (same `--db`); without it 高新区 has
  no error. Its 2024Q2 in_progress was {_trio(f5_of(gx["2024Q2"])["in_progress"])}, its 2024Q3
  carried_over says {_trio(f5_of(gx["2024Q3"])["carried_over"])}: {gx["cancelled"].reg_no}
  ({gx["cancelled"].name}) was terminated (终止监督) in July and the clerk just left it out.
  Its stock flow within 2024Q3 is consistent, so no F5-004.
- 宝丰县 repeats the wrong 100 in its 合计 row, so the rate is wrong in two cells; a reader
  may report one finding per row.
- 鲁山县's 2024.9.31 is a 备案日期; F5 still counts that project as filed.
- 示范区 stores every rate as a fraction with a percent format, so a 100% rate in 附表6 is the
  number 1 (shown 100.0%), not 1%: decide per file (or check against filed / completed).
- 湛河区's '约…' is in 附表3 工程造价, which no total uses, so the totals do not depend on how
  a reader treats it; the file has an error (status `errors`) but is included.
- 叶县.xlsx and 叶县(修改).xlsx are both 叶县: the newer one wins by 报送日期 (2024年10月12日 vs
  10月8日) and by its 修改 name; file modification times are NOT meaningful (git checkout).
  The superseded file is internally consistent, only older: a reader that takes it gets
  different totals (its figures are under `superseded` in expected/2024Q3.json).

### Values that need normalising (ST006, warning; the value is then used)
{notes_table(normalise)}

湛河区 explains its full-width digits at 季度统计表!E8 in a 情况说明 sheet (rule ST006, cell,
text): that warning carries the explanation and counts as explained, not as an open warning.
汝州市 adds a 文字材料 sheet with its own numbering (一、企业… 二、…实体工程… 十一、对策建议); `qstat
report` quotes it under the report sections those headings name (一, 四, 十一).

### Variations that should produce no finding
{notes_table(quiet)}

Also without findings: sheet names (附表5, 表5, 季度统计表, 5-季报, Sheet5, 附表五, one sheet
三季度报表), offsets (A2, A4, B2, B3, C1), header texts with line breaks (seed) or extra
spaces (新华区), the unmerged header of 卫东区, the .xls of 郏县, text dates, the alias 填表单位
of 新华区 and 示范区.

## Self-score sheets, 2024Q3 (考核评分表)
Every 2024Q3 workbook except 郏县.xls carries a filled 河南省保障性安居工程质量监督工作考核评分表
(seed 002, 附件3): title, 填报单位 line, the two-row header (考核评分 over 得分/小计), the section
cell and 小计 merged down over their items (新华区 and 卫东区 do not merge: written once in the
first row), item texts pasted with Word's line breaks, a 合计 row. Sheets: 考核评分表 (most),
表7 at B3 (舞钢市), Sheet7 at C2 (新华区), 7-评分表 at A4 (宝丰县), and 鲁山县 stacks it under its
forms on 三季度报表. Planted: SC001 (宝丰县), SC003 and SC005 (湛河区), SC004 (鲁山县), all in the
table above. Expected ranking (`scores` in expected/2024Q3.json; equal totals share a rank,
top five 先进单位, bottom three 约谈, ties included):

| rank | unit | total | grade | mark |
|---|---|---|---|---|
"""
        + "\n".join(
            f"| {r['rank'] or '—'} | {r['unit']} | {r['total'] if r['total'] is not None else '—'} "
            f"| {r['grade'] or '—'} | {r['mark'] or ''} |"
            for r in score_ranking(q3subs)
        )
        + """

## Expected totals, 2024Q3 (see expected/2024Q3.json)
Included: the 11 units that sent a workbook, 叶县 from 叶县(修改).xlsx. Missing: 石龙区.
`status`: `errors` for 湛河区 (ST002), 鲁山县 (ST005), 宝丰县 (F5-002) and 高新区 (F5-006,
with history); `superseded` for 叶县.xlsx; `ignored` for the lock file and the .docx; `ok`
for the rest (warnings only). Without `--strict` every non-superseded workbook is included.

## Assumptions and open points
- 县（区）工程 (F6 county): for 县 and 县级市 (叶县 舞钢市 鲁山县 宝丰县 汝州市 郏县) every project;
  for city districts only projects in their townships (names starting with a 乡/镇). The seed
  does not define it.
- 保障性安居工程 is a subset of 住宅工程; 大型公共建筑 = 公共建筑 with area >= 20000 ㎡; 钢结构工程
  = 结构类型 钢结构 (any use).
- F5 area rates are computed from the printed 万㎡ figures (that is what a reader can check).
- The F5 data row of a county's own workbook is labelled with the unit's name in the
  市、县（市）序号 column.
- 用户满意率 is empty when nothing was filed; 备案率 empty when nothing was completed.
"""
    )


# --------------------------------------------------------------------------- verification


def verify(folder: Path) -> None:
    """Read every spreadsheet back with python-calamine and check the F5 figures of the
    unit row against the expected JSON (cheap: label search, no reader logic beyond that)."""
    import python_calamine as pc

    exp = json.loads((HERE / "expected" / f"{folder.name}.json").read_text("utf-8"))
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".xlsx", ".xls") or path.name.startswith("~$"):
            continue
        wb = pc.CalamineWorkbook.from_path(str(path))
        found = False
        for name in wb.sheet_names:
            rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
            for i, row in enumerate(rows):
                if any(isinstance(v, str) and v.replace(" ", "").startswith("本季度在建") for v in row):
                    found = True
                    data = rows[i + 2]
                    unit = next(v for v in data if isinstance(v, str) and v)
                    if unit in exp["units"] and exp["units"][unit]["file"] == path.name:
                        want = exp["units"][unit]["F5"]["carried_over"]["count"]
                        got = [v for v in data if v not in ("", None)][1]
                        if str(got).strip() not in (str(want), fullwidth(str(want))) and got != want:
                            raise SystemExit(f"verify: {path.name}: carried_over {got} != {want}")
        if not found:
            raise SystemExit(f"verify: {path.name}: no 附表5 header found")
        print(f"  ok  {folder.name}/{path.name}: {', '.join(wb.sheet_names)}")


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-verify", action="store_true", help="skip reading the files back")
    args = ap.parse_args(argv)

    sim = {unit: simulate_unit(unit) for unit in UNITS}
    for sub in ("2024Q2", "2024Q3", "expected"):
        shutil.rmtree(HERE / sub, ignore_errors=True)
        (HERE / sub).mkdir(parents=True)
    (HERE / "qstat.toml").write_text(
        f'name = "{OFFICE}"\nlevel = "city"\nunits = [\n'
        + "".join(f'    "{u}",\n' for u in UNITS)
        + "]\n\n[aliases]\n"
        + "".join(f'"{a}" = "{u}"\n' for a, u in ALIASES.items()),
        encoding="utf-8",
    )

    with tempfile.TemporaryDirectory(prefix="qstat-samples-") as tmpdir:
        tmp = Path(tmpdir)
        q2subs = q2_submissions(sim)
        q2notes = write_inbox(q2subs, HERE / "2024Q2", tmp)
        q3subs = [s for s in q3_submissions(sim)]
        gx = next(s for s in q3subs if s.unit == "高新区")
        gx.extra_notes.append(
            (
                [("F5", "unit", f"carried_over.{m}") for m in MEASURES],
                "F5-006",
                "carried_over differs from 2024Q2 in_progress (a terminated project dropped)",
            )
        )
        q3notes = write_inbox(q3subs, HERE / "2024Q3", tmp)

    q3 = HERE / "2024Q3"
    write_lock_file(q3 / "~$宝丰县.xlsx")
    write_docx(
        q3 / "情况说明.docx",
        [
            "石龙区住房和城乡建设局",
            "关于2024年第三季度工程质量统计报表延期报送的情况说明",
            "平顶山市建设工程质量监督站：",
            "因我局统计人员岗位调整，2024年第三季度工程质量监督统计报表（附表1-附表6）"
            "未能按时报送，拟于10月20日前补报。特此说明。",
            "2024年10月8日",
        ],
    )
    intake = [
        {
            "file": "叶县.xlsx",
            "sheet": "—",
            "cell": "—",
            "rule": "IN005",
            "why": "duplicate for 叶县: superseded by 叶县(修改).xlsx (报送日期 10月12日 > 10月8日)",
        },
        {
            "file": "~$宝丰县.xlsx",
            "sheet": "—",
            "cell": "—",
            "rule": "IN002",
            "why": "Excel lock file: ignored (status ignored)",
        },
        {
            "file": "情况说明.docx",
            "sheet": "—",
            "cell": "—",
            "rule": "—",
            "why": "not a spreadsheet: status ignored (a zip, but not a workbook); no error",
        },
        {
            "file": "(none)",
            "sheet": "—",
            "cell": "—",
            "rule": "IN008",
            "why": "石龙区 sent nothing (未报单位)",
        },
    ]
    ignored = [
        {"file": "~$宝丰县.xlsx", "unit": None, "status": "ignored", "included": False},
        {"file": "情况说明.docx", "unit": None, "status": "ignored", "included": False},
    ]
    for period, subs, missing, extra in ((Q2, q2subs, [], []), (Q3, q3subs, ["石龙区"], ignored)):
        (HERE / "expected" / f"{period.key}.json").write_text(
            json.dumps(expected(period, subs, missing, extra), ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
    (HERE / "README.md").write_text(readme(q2subs, q3subs, q2notes, q3notes, intake, sim), encoding="utf-8")
    if q2notes and any(n["rule"] != "—" for n in q2notes):
        raise SystemExit(f"2024Q2 must be clean, got {q2notes[:3]}")
    print(f"wrote {HERE}")
    if not args.no_verify:
        verify(HERE / "2024Q2")
        verify(HERE / "2024Q3")


if __name__ == "__main__":
    main()
