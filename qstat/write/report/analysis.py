"""The analysis the report drafts from the figures (seed 002 第三条: 现状、趋势、特点 → 分析、评价 →
存在问题; 第四条: 风险预警), in the office's voice, by fixed rules.

Each part is one function with its rule in the docstring; docs/report-template.md (“The drafted
analysis”) says every rule and threshold. Every paragraph holding a judgement ends with MARK
(【请核实】): the clerk confirms it (and deletes the mark) or deletes it, and `qstat report` lists
them all at the end of its output. Nothing here reads the units' own words.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ...config import Config
from ...forms.f6_categories import CATEGORY_LABELS
from ...forms.spec import figure_of
from ...forms.statistics import CATEGORIES
from ...periods import Period
from .data import ReportData, Snapshot
from .projects import acceptance, acceptance_by_unit, largest, named, stopped, unfiled
from .records import company, record_periods
from .tables import bracket, grid, period_words
from .wording import MARK, PREVIOUS, YEAR_AGO, basis_words, change, number

TREND_VOLUMES = (("new", "新注册"), ("in_progress", "在建"), ("completed", "竣工"))
DRIVERS = (("new", "新注册工程"), ("in_progress", "在建工程"))
RATES = (
    ("filing_rate.count", "质量备案率（按项数）"),
    ("filing_rate.area", "质量备案率（按面积）"),
    ("satisfaction_rate", "用户满意率"),
)
WARNING_HEADER = ["单位", "预警事项", "数值", "预警阈值"]
SWING = 30.0  # a 竣工/备案 面积 or 造价 change (%) large enough to name the largest projects
# 擅自交付使用 in a record of 附表1 (不良行为事实) or 附表2 (违法违规事实)
DELIVERY = re.compile(r"擅自交付|未组织竣工验收|未经竣工验收")


# 建质〔2010〕111号 (seed 002 第十七条): a grade from its deaths or its 直接经济损失 (万元), the
# highest first; 一般事故 is any death or 100万元 and more. Serious injuries are in no form.
GRADES = (("特别重大事故", 30, 10000), ("重大事故", 10, 5000), ("较大事故", 3, 1000), ("一般事故", 1, 100))


def grade(deaths: float, loss: float) -> str | None:
    """The grade of one accident by its deaths and loss (万元); None: below 一般事故."""
    return next((name for name, d, lost in GRADES if deaths >= d or loss >= lost), None)


@dataclass
class Analysis:
    evaluation: list[str] = field(default_factory=list)  # 总体评价
    trend: list[str] = field(default_factory=list)  # 趋势和特点
    units: list[str] = field(default_factory=list)  # 单位比较
    warnings: list[list[str]] = field(default_factory=list)  # 风险预警: unit, item, figure, threshold
    warnings_sentence: str = ""
    thresholds: str = ""  # the note under the table: every threshold in effect, in words

    @property
    def warnings_table(self) -> dict | None:
        return grid(WARNING_HEADER, self.warnings, self.thresholds) if self.warnings else None

    def context(self) -> dict:
        return {
            "evaluation": self.evaluation,
            "trend": self.trend,
            "units": self.units,
            "warnings": [dict(zip(("unit", "item", "figure", "threshold"), r)) for r in self.warnings],
            "warnings_sentence": self.warnings_sentence,
        }


def analyse(data: ReportData, config: Config) -> Analysis:
    analysis = Analysis(evaluation(data, config), trend(data), unit_comparison(data, config))
    analysis.warnings = warnings(data, config)
    analysis.thresholds = threshold_note(config)
    word = _word(data)
    if analysis.warnings:
        units = {u for r in analysis.warnings for u in r[0].split("、")}
        analysis.warnings_sentence = (
            f"按风险预警规则，{word}共有预警事项{len(analysis.warnings)}项，涉及{len(units)}个单位（见下表），"
            f"建议相关单位逐项核实并采取措施。{MARK}"
        )
    else:
        analysis.warnings_sentence = f"按风险预警规则，{word}未发现需预警的事项。{MARK}"
    return analysis


def _word(data: ReportData) -> str:
    return "本年度" if data.current.period.is_annual else "本季度"


def _base(data: ReportData) -> tuple[str, str] | None:
    """The comparison a judgement of change uses: 环比 for a quarter, 同比 for a year (and for a
    quarter without the previous one), with the base period's name; None without either."""
    for word, then in (
        (PREVIOUS, "上季度"),
        (YEAR_AGO, "上年度" if data.current.period.is_annual else "去年同期"),
    ):
        if word in data.bases:
            return word, then
    return None


def evaluation(data: ReportData, config: Config) -> list[str]:
    """总体评价, one paragraph: accidents and deaths, 满意率 against ``satisfaction_min`` (90%, seed
    002 附件2), the 备案率 and its change, who did not report or reported with errors or late.

    The verdict is 总体平稳 unless an accident killed someone, 满意率 is below the threshold, or a
    unit did not report or has errors: then 总体可控 with those named as needing attention.
    """
    cur, word = data.current, _word(data)
    limit = config.warnings.satisfaction_min
    concerns, facts = [], []
    count, deaths = cur.total("accidents.count") or 0, cur.total("accidents.deaths") or 0
    if count:
        loss = cur.total("accidents.loss") or 0
        below = "，未发生一般及以上工程质量事故" if grade(deaths, loss) is None else ""
        facts.append(f"发生工程质量事故{number(count, 0)}起、死亡{number(deaths, 0)}人{below}")
        if deaths:
            concerns.append("发生死亡事故")
    else:
        facts.append("未发生工程质量事故")
    accepted = acceptance(data)
    target = config.warnings.acceptance_min
    if accepted:
        passed, total = accepted
        share = passed / total * 100
        text = f"附表4所列竣工工程{total}项，竣工验收合格{passed}项，竣工验收合格率{number(share, 1)}%"
        if target:
            reached = round(share, 1) >= target
            text += f"，{'达到' if reached else '未达到'}{target:g}%的目标"
            if not reached:
                concerns.append(f"竣工验收合格率未达到{target:g}%")
        facts.append(text)
    satisfaction = cur.total("satisfaction_rate")
    if satisfaction is not None:
        reached = round(satisfaction, 1) >= limit
        facts.append(
            f"用户满意率{number(satisfaction, 1)}%，{'达到' if reached else '未达到'}{limit:g}%的目标"
        )
        if not reached:
            concerns.append(f"用户满意率未达到{limit:g}%")
    rate = cur.total("filing_rate.count")
    if rate is not None:
        text = f"质量备案率（按项数）{number(rate, 1)}%"
        base = _base(data)
        if base:
            b = data.bases[base[0]]
            text += bracket(
                data,
                {
                    base[0]: (
                        figure_of(b.current, "filing_rate.count"),
                        figure_of(b.before, "filing_rate.count"),
                    )
                },
                True,
            )
        facts.append(text)
    late = late_units(cur, config)
    if cur.missing:
        concerns.append(f"{'、'.join(cur.missing)}未报送报表")
    if cur.with_errors:
        concerns.append(f"{len(cur.with_errors)}个单位报表仍有错误")
    if late:
        concerns.append(f"{'、'.join(u for u, _, _ in late)}迟报")
    office = cur.office
    verdict = (
        f"{office}{word}工程质量总体平稳"
        if not concerns
        else f"{office}{word}工程质量总体可控，但{'，'.join(concerns)}，需重点关注"
    )
    return [f"{word}{'；'.join(facts)}。综合以上情况，{verdict}。{MARK}"]


def _direction(values: list[float], is_rate: bool) -> str:
    """How a series moved: 逐季上升/下降 (three quarters or more, every step), else the last
    quarter, named with its figure, against the average of the earlier ones; two quarters: the
    step (项 or 个百分点)."""
    *earlier, last = values
    if len(values) >= 3 and all(a < b for a, b in zip(values, values[1:])):
        return "逐季上升"
    if len(values) >= 3 and all(a > b for a, b in zip(values, values[1:])):
        return "逐季下降"
    if len(values) == 2:
        said = change(last, earlier[0], is_rate, 0)
        return f"较上季度{said}" if said and said != "持平" else "与上季度持平"
    mean = sum(earlier) / len(earlier)
    unit, digits = ("%", 1) if is_rate else ("项", 0)
    said = f"本季度{number(last, digits)}{unit}"
    if round(last, 1) == round(mean, 1):
        return f"{said}，与此前各季度平均水平（{number(mean, 1)}{unit}）持平"
    return f"{said}，{'高于' if last > mean else '低于'}此前各季度平均水平（{number(mean, 1)}{unit}）"


def trend(data: ReportData) -> list[str]:
    """趋势和特点: the recorded quarters (up to eight) of 新注册, 在建, 竣工 项数 and the 备案率,
    each with its direction (_direction); 同比 over the comparable units where last year is
    recorded; the units contributing most to the change of 新注册 and 在建 (项数, 面积)."""
    series = [s for s in data.series if s.period.quarter is not None]
    paragraphs = []
    if len(series) < 2:
        paragraphs.append("历史数据库中可比较的季度不足两个，暂不作趋势分析；汇总更多季度后本节自动补充。")
    else:
        span = f"近{len(series)}个季度（{series[0].period.chinese()}至{series[-1].period.chinese()}）"
        parts = []
        for volume, name in TREND_VOLUMES:
            values = [s.total(f"{volume}.count", "F5") or 0 for s in series]
            listed = "、".join(number(v, 0) for v in values)
            parts.append(f"{name}工程项数依次为{listed}项，{_direction(values, False)}")
        rates = [r for s in series if (r := s.total("filing_rate.count", "F5")) is not None]
        if len(rates) >= 2:
            listed = "%、".join(number(r, 1) for r in rates)
            parts.append(f"质量备案率（按项数）依次为{listed}%，{_direction(rates, True)}")
        sizes = "、".join(str(len(s.units)) for s in series)
        note = (
            f"（各季度为当季计入汇总单位的合计，单位数依次为{sizes}个，所含单位不尽相同）"
            if len({frozenset(s.units) for s in series}) > 1
            else ""
        )
        paragraphs.append(f"{span}，{'；'.join(parts)}{note}。{MARK}")
    if YEAR_AGO in data.bases and not data.current.period.is_annual:
        b = data.bases[YEAR_AGO]
        said = [
            f"{name}工程{s}"
            for volume, name in TREND_VOLUMES
            if (s := _against(data, YEAR_AGO, f"{volume}.count", False, "项", 0))
        ]
        if rate := _against(data, YEAR_AGO, "filing_rate.count", True):
            said.append(f"备案率（按项数）{rate}")
        if said:
            paragraphs.append(f"与去年同期相比（同口径，{len(b.units)}个单位），{'，'.join(said)}。{MARK}")
    drivers = _drivers(data)
    if drivers:
        paragraphs.append(drivers)
    swings = _swings(data)
    if swings:
        paragraphs.append(swings)
    return paragraphs


def _against(data: ReportData, word: str, key: str, is_rate: bool, unit: str = "", digits: int = 2) -> str:
    """A comparable units' figure and its change, for a sentence saying 同口径 already:
    74项（去年同期60项，同比增长23.3%）; '' when there is nothing to compare with."""
    b = data.bases[word]
    now, before = figure_of(b.current, key), figure_of(b.before, key)
    then = period_words(data)[1][word]
    said = basis_words(word, then, now, before, is_rate, digits, unit)
    if said is None:
        return ""
    return f"{number(now, 1 if is_rate else digits)}{'%' if is_rate else unit}（{said}）"


def _swings(data: ReportData) -> str:
    """A 竣工 or 备案 面积/造价 that changed by ``SWING`` % or more against the base period (同口径):
    the largest projects of 附表4 behind it (completed, or filed), of the comparable units."""
    base = _base(data)
    if base is None:
        return ""
    word, then = base
    b = data.bases[word]
    found = []
    for volume, name, filed in (("completed", "竣工", False), ("filed", "备案", True)):
        swung = []
        for measure, label, unit in (("area", "面积", "万㎡"), ("cost", "造价", "万元")):
            key = f"{volume}.{measure}"
            now, before = figure_of(b.current, key), figure_of(b.before, key)
            if now is not None and before and abs(now - before) / before * 100 >= SWING:
                swung.append(f"{label}{_against(data, word, key, False, unit)}")
        projects = largest(data, b.units, filed) if swung else []
        if projects:
            found.append((f"{name}工程{'、'.join(swung)}", name, projects))
    if not found:
        return ""
    if len(found) == 2 and found[0][2] == found[1][2]:  # the same projects completed and filed
        found = [(f"{found[0][0]}，{found[1][0]}", "竣工并备案", found[0][2])]
    word = _word(data)
    clauses = [f"{said}，{word}{name}的工程中体量较大的有{named(projects)}" for said, name, projects in found]
    return f"与{then}相比（同口径），{'；'.join(clauses)}。{MARK}"


def _drivers(data: ReportData) -> str:
    """Which comparable units account most for the change of 新注册 and 在建 (项数 and 面积): up to
    three units whose change has the sign of the total change, largest first."""
    base = _base(data)
    if base is None:
        return ""
    word, then = base
    b, cur = data.bases[word], data.current
    clauses = []
    for volume, name in DRIVERS:
        for measure, unit, digits in (("count", "项", 0), ("area", "万㎡", 2)):
            key = f"{volume}.{measure}"
            total = (figure_of(b.current, key) or 0) - (figure_of(b.before, key) or 0)
            if round(total, digits) == 0:
                continue
            deltas = [(u, (cur.get(u, key) or 0) - (b.base.get(u, key) or 0)) for u in b.units]
            same = sorted((d for d in deltas if d[1] * total > 0), key=lambda d: -abs(d[1]))[:3]
            who = "、".join(f"{u}（{'+' if d > 0 else '−'}{number(abs(d), digits)}{unit}）" for u, d in same)
            before, now = (number(figure_of(x, key), digits) + unit for x in (b.before, b.current))
            said = (
                f"{'项数' if measure == 'count' else '面积'}由{before}{'增至' if total > 0 else '降至'}{now}"
            )
            moved = f"{'增加' if total > 0 else '减少'}{number(abs(total), digits)}{unit}"
            clauses.append(f"{name}{said}（{moved}），主要来自{who}")
    if not clauses:
        return ""
    return f"与{then}相比（同口径），{'；'.join(clauses)}。{MARK}"


def unit_comparison(data: ReportData, config: Config) -> list[str]:
    """单位比较: the units below the office's own rate (备案率 by count and by area, 满意率), lowest
    first; the 附表6 categories whose 备案率 is below the office's (附表5/7 by count); the units
    with errors, late (``due_day``) or not reporting."""
    cur = data.current
    office = cur.office
    paragraphs = []
    for key, name in RATES:
        overall = cur.total(key)
        if overall is None:
            continue
        below = sorted(
            (
                (u, v)
                for u in cur.units
                if (v := cur.get(u, key)) is not None and round(v, 1) < round(overall, 1)
            ),
            key=lambda x: x[1],
        )
        if below:
            listed = "、".join(f"{u}{number(v, 1)}%" for u, v in below)
            paragraphs.append(f"{name}低于{office}（{number(overall, 1)}%）的单位{len(below)}个：{listed}。")
        else:
            paragraphs.append(f"各单位{name}均不低于{office}（{number(overall, 1)}%）。")
    overall = cur.total("filing_rate.count")
    if overall is not None and cur.has("F6"):
        low = [
            (CATEGORY_LABELS[c].replace("\n", ""), v)
            for c in CATEGORIES
            if (v := cur.total(f"{c}.filing_rate", "F6")) is not None and round(v, 1) < round(overall, 1)
        ]
        if low:
            listed = "、".join(f"{c}（{number(v, 1)}%）" for c, v in low)
            paragraphs.append(f"分类统计中，{listed}的质量备案率低于总体水平（{number(overall, 1)}%）。")
    problems = []
    if cur.with_errors:
        problems.append(f"报表仍有错误的单位：{'、'.join(u for u, _, _ in cur.with_errors)}")
    late = late_units(cur, config)
    if late:
        problems.append(f"迟报的单位：{'、'.join(f'{u}（{d}）' for u, d, _ in late)}")
    if cur.missing:
        problems.append(f"未报送的单位：{'、'.join(cur.missing)}")
    if problems:
        paragraphs.append("；".join(problems) + "。")
    return [p + MARK for p in paragraphs] if paragraphs else []


def due_date(period: Period, day: int) -> date | None:
    """The day of the month after the quarter a unit's 报送日期 must not pass (None: no deadline)."""
    if not day or period.quarter is None:
        return None
    month = period.quarter * 3 + 1
    year = period.year + (month > 12)
    return date(year, (month - 1) % 12 + 1, min(day, 28))


def late_units(cur: Snapshot, config: Config) -> list[tuple[str, str, str]]:
    """Units whose 报送日期 is after the deadline: (unit, the date, the deadline)."""
    due = due_date(cur.period, config.warnings.due_day)
    if due is None:
        return []
    return [
        (u, d, f"{due.month}月{due.day}日")
        for u, d in cur.report_dates.items()
        if date.fromisoformat(d) > due
    ]


def warnings(data: ReportData, config: Config) -> list[list[str]]:
    """风险预警 (第四条), one row per warning: unit, item, figure, threshold ([warnings])."""
    cur, limits = data.current, config.warnings
    rows = []
    for unit in [*cur.units, cur.office]:
        v = cur.get(unit, "satisfaction_rate") if unit != cur.office else cur.total("satisfaction_rate")
        if v is not None and round(v, 1) < limits.satisfaction_min:
            rows.append([unit, "用户满意率", f"{number(v, 1)}%", f"低于{limits.satisfaction_min:g}%"])
    for unit in cur.units:
        deaths = cur.get(unit, "accidents.deaths") or 0
        if limits.deaths_min and deaths >= limits.deaths_min:
            count = number(cur.get(unit, "accidents.count"), 0)
            rows.append(
                [
                    unit,
                    "工程质量事故死亡",
                    f"{number(deaths, 0)}人（事故{count}起）",
                    f"{limits.deaths_min}人及以上",
                ]
            )
    open_findings = [f for f in cur.findings if not f["explained"]]
    by_unit = Counter((f["unit"], f["rule"]) for f in open_findings)
    factor = config.anomalies.jump_factor
    for f in open_findings:
        if (
            f["rule"] == "HS002"
            and limits.anomalies_min
            and by_unit[f["unit"], "HS002"] >= limits.anomalies_min
        ):
            figure = f["message"].split("，请核实")[0].split(f["unit"], 1)[-1]
            rows.append([f["unit"], "数值明显偏离前四个季度", figure, f"超出前四个季度{factor:g}倍"])
    for unit in dict.fromkeys(f["unit"] for f in open_findings):
        n = by_unit[unit, "F3-005"]
        if limits.vanished_min and n >= limits.vanished_min:
            rows.append(
                [unit, "上期在建工程本期未列入附表3、附表4", f"{n}项", f"{limits.vanished_min}项及以上"]
            )
    rows += repeated_companies(data, config)
    rows += project_warnings(data, config)
    for unit, day, due in late_units(cur, config):
        rows.append([unit, "迟报", f"报送日期{day}", f"{due}前报送"])
    return rows


def threshold_note(config: Config) -> str:
    """The note under the 风险预警 table: each rule in effect and its threshold, in words."""
    w, factor = config.warnings, config.anomalies.jump_factor
    rules = (
        (w.satisfaction_min, f"用户满意率低于{w.satisfaction_min:g}%"),
        (w.deaths_min, f"工程质量事故死亡{w.deaths_min}人及以上"),
        (w.anomalies_min, f"报表数值超出前四个季度{factor:g}倍"),
        (w.vanished_min, f"上期在建工程本期未列入附表3、附表4达{w.vanished_min}项及以上"),
        (
            w.repeat_min,
            f"同一企业近{w.repeat_quarters}个季度内在{w.repeat_min}个及以上季度或单位被记录不良行为",
        ),
        (w.acceptance_min, f"竣工验收合格率低于{w.acceptance_min:g}%"),
        (w.unfiled_min, f"竣工工程未办理质量备案{w.unfiled_min}项及以上"),
        (w.delivery_min, f"未组织竣工验收擅自交付使用{w.delivery_min}条及以上"),
        (w.stopped_min, f"停工工程{w.stopped_min}项及以上"),
        (w.category_filing_min, f"分类工程质量备案率低于{w.category_filing_min:g}%"),
        (w.due_day, f"季度结束后次月{w.due_day}日后报送"),
    )
    return f"注：预警阈值：{'；'.join(said for on, said in rules if on)}。"


def repeated_companies(data: ReportData, config: Config) -> list[list[str]]:
    """A company (责任单位 of 附表1) recorded in at least ``repeat_min`` quarters or units within
    the last ``repeat_quarters`` quarters up to the report's (a year: its quarters)."""
    limits = config.warnings
    if not limits.repeat_min:
        return []
    cur = data.current
    if cur.period.is_annual:
        window = [s for s in data.series if s.period.year == cur.period.year]
    else:
        window = [s for s in data.series if s.period <= cur.period][-limits.repeat_quarters :]
    seen: dict[str, list[tuple[str, str]]] = {}
    for s in window:
        for r in s.bad_behaviour:
            if r["party"]:
                seen.setdefault(company(r["party"]), []).append((str(s.period), r["unit"]))
    rows = []
    for name, where in seen.items():
        periods, units = {p for p, _ in where}, cur.in_order(u for _, u in where)
        if len(periods) >= limits.repeat_min or len(units) >= limits.repeat_min:
            rows.append(
                [
                    "、".join(units),
                    "同一企业多次被记录不良行为",
                    f"{name}：{len(where)}条（{len(periods)}个季度、{len(units)}个单位）",
                    f"{limits.repeat_min}个及以上季度或单位",
                ]
            )
    return rows


def project_warnings(data: ReportData, config: Config) -> list[list[str]]:
    """From the lists and records: a unit's 竣工验收合格率 below ``acceptance_min``, its completed
    projects not filed (``unfiled_min``), its records of 擅自交付使用 (``delivery_min``), its projects
    at 停工 (``stopped_min``); a 附表6 category whose 备案率 is below ``category_filing_min``."""
    cur, limits = data.current, config.warnings
    rows = []
    if limits.acceptance_min:
        for unit, (passed, total) in acceptance_by_unit(data).items():
            rate = passed / total * 100
            if round(rate, 1) < limits.acceptance_min:
                rows.append(
                    [
                        unit,
                        "竣工验收合格率（附表4）",
                        f"{number(rate, 1)}%（{passed}/{total}项）",
                        f"低于{limits.acceptance_min:g}%",
                    ]
                )
    records = [r for s in record_periods(data) for r in (*s.bad_behaviour, *s.penalties)]
    delivered = Counter(r["unit"] for r in records if DELIVERY.search(r["fact"] or ""))
    counted = (
        (unfiled(data), limits.unfiled_min, "竣工工程未办理质量备案（附表4）", "项"),
        (delivered, limits.delivery_min, "未组织竣工验收擅自交付使用（附表1、附表2）", "条"),
        (stopped(data), limits.stopped_min, "停工工程（附表3形象进度）", "项"),
    )
    for counts, least, item, unit_word in counted:  # one row per rule, the units listed
        units = [(u, n) for u, n in counts.most_common() if n >= least] if least else []
        if units:
            each = "、".join(f"{u}{n}" for u, n in units)
            rows.append(
                [
                    "、".join(u for u, _ in units),
                    item,
                    f"共{sum(n for _, n in units)}{unit_word}（{each}）",
                    f"{least}{unit_word}及以上",
                ]
            )
    if limits.category_filing_min and cur.has("F6"):
        for c in CATEGORIES:
            v = cur.total(f"{c}.filing_rate", "F6")
            if v is not None and round(v, 1) < limits.category_filing_min:
                name = CATEGORY_LABELS[c].replace("\n", "")
                rows.append(
                    [
                        cur.office,
                        f"{name}质量备案率（附表6）",
                        f"{number(v, 1)}%",
                        f"低于{limits.category_filing_min:g}%",
                    ]
                )
    return rows
