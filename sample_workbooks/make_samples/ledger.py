"""Each unit's ledger of projects and the quarters simulated from it (the figures all derive from it)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, replace
from typing import Any

from .city import APPROVER, CODES, COUNTIES, Q2, Q3, SEED, STOCK, TOWNS, Quarter, c2f, wan

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
        filed_ones = [c for c in completions if c.filed_on]
        assert len(filed_ones) >= 2, (unit, q.key)
        filed_ones[0].satisfied = False
        filed_ones[1].satisfied = True
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


def simulate_unit(unit: str) -> dict[str, Any]:
    """The unit's Q2 and Q3 figures (plus '2024Q3-first' for 叶县's superseded file, and the
    Project 'cancelled' when the unit leaves one out of its stock): UnitQuarter values else."""
    rng = random.Random(f"{SEED}-{unit}")
    ledger = Ledger(unit, rng)
    # registration numbers grow with the registration date: draw the dates first
    dates = sorted(
        random_day(rng, dt.date(2022, 3, 1), dt.date(2024, 3, 31))
        for _ in range(STOCK[unit] + rng.randint(-2, 3))
    )
    stock = [ledger.project(d) for d in dates]
    out: dict[str, Any] = {}
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
