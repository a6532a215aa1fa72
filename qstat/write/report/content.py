"""What the report says: the template context built from the history and the narrative.

Every value here is plain (strings, numbers, lists, dicts) so one context serves the Word and
the Markdown template alike; docs/report-template.md lists the variables. The tables are grids
(tables.py), numbered in the order the shipped templates print them; the drafted analysis is
analysis.py's, the sections drafted from the records records.py's.
"""

from __future__ import annotations

from datetime import date

from ...config import Config
from ...forms import CONDUCT, FORMS
from ...forms.f1_bad_behaviour import PARTY_TYPES
from ...forms.f6_categories import CATEGORY_LABELS
from ...forms.spec import figure_of
from ...forms.statistics import CATEGORIES, VOLUMES
from ...gongwen import signature_lines
from ...history import TEXT_SOURCE, TOTAL
from ...scores.spec import builtin_specs
from .analysis import analyse, grade
from .data import ReportData, Snapshot
from .narrative import (
    ANNUAL_ONLY,
    NUMERALS,
    PROMPTS,
    QUARTERLY,
    Narrative,
    attributed,
    numeral,
    section_title,
)
from .projects import enterprises_draft, stages_draft
from .quality_index import index_table
from .records import PARTY_NAMES, behaviour_draft, conduct_counts, penalties_draft
from .tables import Compared, bracket, change_note, change_table, grid, printed
from .wording import MARK, YEAR_AGO, left_out_note, money, number

QUARTER_NAMES = ("一季度", "二季度", "三季度", "四季度")
PLACEHOLDER = "【待填写"
# Sections the records draft only in part: 资质、产值 (一), the measures taken (四), complaints (九)
# and inspections, notices (十) are in no form, so the clerk is asked for them unless the
# narrative or a unit wrote the section.
ALWAYS_ASKED = (1, 4, 9, 10)
# Sections written from the figures and records (二 the analysis, 六 the counts, 一/四 附表3's
# drafts, 三/九/十 the records'): the page's editor says the clerk's text follows what they draft.
DATA_SECTIONS = (1, 2, 3, 4, 6, 9, 10)
UNITS_DRAFT = "【草稿：以下摘自各单位报送的材料，请改写为本级的分析后删除本行】"
# Tables and figures in the order the shipped templates print them; numbered over those printed.
TABLES = (
    ("comparison", "{now}主要指标对比"),
    ("quarter_table", "本年度各季度情况（附表5）"),
    ("units", "各单位统计情况（{form}）"),
    ("categories", "分类统计情况（附表6）"),
    ("category_changes", "分类统计同比（附表6）"),
    ("warnings", "风险预警"),
    ("quality_index", "各单位质量指数"),
    ("by_party", "{now}不良行为记录按责任单位类别统计（附表1）"),
    ("by_unit", "各单位不良行为记录及行政处罚（附表1、附表2）"),
)
FIGURES = (
    ("units", "{now}各单位竣工、备案工程项数"),
    ("filing_rate", "{now}各单位质量备案率（按项数）"),
    ("trend", "各季度新注册、竣工、备案工程项数及备案率"),
    ("index", "各季度质量指数（合计）"),
)


def build_context(
    data: ReportData,
    narrative: Narrative | None,
    today: date | None = None,
    config: Config | None = None,
    quality_index: dict | None = None,
) -> dict:
    """The template variables (without the charts, which the renderer adds per format);
    ``quality_index`` is quality_index.index_context's (the history's 质量指数 of the period)."""
    config = config or Config()
    cur = data.current
    annual = cur.period.is_annual
    word = "本年度" if annual else "本季度"
    office = cur.office
    signature = config.signature or office
    ranking = scores(cur)
    report_date = f"{(today or date.today()):%Y年%m月%d日}".replace("年0", "年").replace("月0", "月")
    signature_line, date_line = signature_lines(signature, report_date)
    analysis = analyse(data, config)
    conduct_ = conduct(data, word)
    tables = {
        "comparison": comparison_table(data),
        "quarter_table": quarter_table(data) if annual else None,
        "units": units_table(cur),
        "categories": categories_table(cur),
        "category_changes": category_changes(data) if annual else None,
        "warnings": analysis.warnings_table,
        "quality_index": index_table(quality_index) if quality_index else None,
        "by_party": conduct_.pop("table"),
        "by_unit": conduct_by_unit_table(conduct_["by_unit"]),
    }
    names = {"now": word, "form": "附表7" if annual else "附表5"}
    numbered = [k for k, _ in TABLES if tables[k]]
    for n, (key, title) in enumerate(((k, t) for k, t in TABLES if tables[k]), 1):
        tables[key]["caption"] = f"表{n}　{title.format(**names)}"
    records = {
        1: enterprises_draft(data, word),
        3: behaviour_draft(data, word),
        4: stages_draft(data, word),
        9: accidents(data, word)["paragraphs"],
        10: penalties_draft(data, word),
    }
    materials = unit_materials(cur)
    return {
        "office": office,
        "period": str(cur.period),
        "period_name": cur.period.chinese(),
        "title": f"{office}{cur.period.chinese()}工程质量运行态势分析报告",
        "title_lines": [f"{office}{cur.period.chinese()}", "工程质量运行态势分析报告"],
        "recipient": config.office.recipient,
        "preamble": preamble(cur, config.level),
        "is_annual": annual,
        "period_word": word,
        "report_date": report_date,
        "signature": signature,
        "signature_line": signature_line,  # 落款 as the 公文 sets it: the name centred over the date
        "date_line": date_line,
        "submission": submission(cur, word),
        "data_sources": data_sources(data),
        "reporting": [
            p for p in (data_sources(data), submission(cur, word)["sentence"], ranking["sentence"]) if p
        ],
        "overview": overview(data, word),
        "comparable_note": comparable_note(data, word),
        "analysis": analysis.context(),
        "units": unit_rows(cur),
        "total": _unit_row(cur, TOTAL, "合计"),
        "categories": category_rows(cur),
        "quarters": [quarter_row(s) for s in data.series],
        "conduct": conduct_,
        "accidents": accidents(data, word),
        "sections": sections(cur, narrative, annual, QUARTERLY, records),
        "annual_sections": sections(cur, narrative, annual, ANNUAL_ONLY, {}) if annual else [],
        "unit_materials": materials,
        "attachments": ["各单位报送的文字材料"] if materials else [],
        "scores": ranking,
        "tables": tables,
        "captions": {k: tables[k]["caption"] for k in numbered},
        "figures": {k: f"图{n}　{t.format(**names)}" for n, (k, t) in enumerate(FIGURES, 1)},
        "mark": MARK,
        "quality_index": quality_index or {"rows": [], "office": None, "sentence": "", "components": []},
    }


# Who reports to the office and its area, by its level ([office] level): 各县（市、区）, 全市
REPORTERS = {
    "province": ("各省辖市", "全省"),
    "city": ("各县（市、区）", "全市"),
    "county": ("各单位", "全县"),
}


def preamble(cur: Snapshot, level: str) -> str:
    """The 导语: whose figures and material, which units did not report, what period."""
    who, area = REPORTERS.get(level, REPORTERS["city"])
    if level == "county" and cur.office.endswith("区"):
        area = "全区"
    text = f"根据{who}报送的{cur.period.chinese()}工程质量监督统计报表"
    if cur.missing:
        text += f"（{'、'.join(cur.missing)}未报送）"
    excluded = [u for u, _, included in cur.with_errors if not included]
    if excluded:
        text += f"（{'、'.join(excluded)}报表有错误，未计入汇总）"
    material = [u for u in cur.texts if u in cur.units]
    if material and len(material) == len(cur.units):
        text += "及分析材料"
    elif material:
        text += f"和{'、'.join(material) if len(material) <= 3 else f'{len(material)}个单位'}报送的分析材料"
    return f"{text}，现将{area}{cur.period.chinese()}工程质量运行态势报告如下："


def scores(cur: Snapshot) -> dict:
    """The self-score ranking (考核评分表) of the period: the sentence says the scores are the
    units' own (自评), names the 先进单位 (附件3: the first five; a tie at the last place says so),
    the units ranked last (排名靠后: the office reports upward, so not 约谈) and the units not
    ranked, with why."""
    ranked = [r for r in cur.scores if r["rank"] is not None]
    advanced = [r["unit"] for r in ranked if r["mark"] == "先进单位"]
    interview = [r["unit"] for r in ranked if r["mark"] == "约谈"]
    sentence = ""
    if ranked:
        spec = ranked[0]["spec"]
        first = next((s.advanced for s in builtin_specs() if s.title == spec), 5)
        sentence = (
            f"据各单位报送的{f'《{spec}》' if spec else '考核评分表'}自评得分，"
            f"参加排名{len(ranked)}个单位，前{NUMERALS[first - 1]}名为先进单位："
            f"{_ranks([r for r in ranked if r['unit'] in advanced])}"
        )
        if len(advanced) > first:
            sentence += f"，因名次并列，先进单位为{len(advanced)}个"
        if interview:
            sentence += f"；排名靠后的为{_ranks([r for r in ranked if r['unit'] in interview])}"
        unranked = [r for r in cur.scores if r["rank"] is None]
        if unranked:
            why = {r["mark"] or "未排名" for r in unranked}
            sentence += "；" + "，".join(
                f"{'、'.join(r['unit'] for r in unranked if (r['mark'] or '未排名') == w)}未参加排名（{w}）"
                for w in sorted(why)
            )
        sentence += "。"
    return {
        "rows": cur.scores,
        "ranked": ranked,
        "advanced": advanced,
        "interview": interview,
        "sentence": sentence,
    }


def _ranks(rows: list[dict]) -> str:
    """叶县、宝丰县（并列第1名，96.0分）、新华区（第3名，95.0分）: units grouped by rank."""
    groups: dict[int, list[dict]] = {}
    for r in rows:
        groups.setdefault(r["rank"], []).append(r)
    return "、".join(
        f"{'、'.join(r['unit'] for r in g)}（{'并列' if len(g) > 1 else ''}第{rank}名，"
        f"{number(g[0]['total'], 1)}分）"
        for rank, g in groups.items()
    )


def _label(key: str, form: str) -> str:
    """The form's group header for a field, on one line: 本季度新注册工程, 季度质量备案率."""
    return FORMS[form].column(key).group.replace("\n", "").replace("（%）", "")


def _printed(key: str, form: str) -> bool:
    """Whether the form as the seed draws it has the figure (附表7's 备案 has no 造价)."""
    return FORMS[form].column(key).printed


def _compare(data: ReportData, key: str, is_rate: bool, every_unit: bool = False) -> str:
    """（上季度…，环比…）of a 附表5/7 figure, each over the units with figures in both periods;
    ``every_unit``: only the comparisons that leave no unit of either period out."""
    bases = {w: b for w, b in data.bases.items() if not every_unit or not b.left_out}
    return bracket(
        data,
        {word: (figure_of(b.current, key), figure_of(b.before, key)) for word, b in bases.items()},
        is_rate,
        {"accidents.count": "起"}.get(key, UNIT_OF.get(key.split(".")[-1], "")),
        0 if key.endswith("count") else 2,
    )


def comparable_note(data: ReportData, word: str) -> str:
    """The units 环比/同比 leave out and why ('' when they compare every unit)."""
    return left_out_note(
        len(data.current.units), word, {w: (len(b.units), b.left_out) for w, b in data.bases.items()}
    )


def submission(cur: Snapshot, word: str) -> dict:
    reported = len(cur.units) + sum(not inc for _, _, inc in cur.with_errors)
    expected = reported + len(cur.missing)
    if cur.missing:
        sentence = (
            f"{word}应报送统计报表的单位{expected}个，已报送{reported}个，"
            f"未报送{len(cur.missing)}个（{'、'.join(cur.missing)}）。"
        )
    else:
        sentence = f"{word}{reported}个单位全部报送了统计报表。"
    if cur.with_errors:
        listed = "、".join(
            f"{u}（错误{n}条{'' if inc else '，未计入汇总'}）" for u, n, inc in cur.with_errors
        )
        sentence += f"经审核，报表仍有错误的单位{len(cur.with_errors)}个：{listed}，已退回修改。"
        provisional = [u for u, _, inc in cur.with_errors if inc]
        if provisional:
            sentence += f"{'、'.join(provisional)}的数据已计入汇总，为暂定数，以修改后重新报送的报表为准。"
    if cur.resubmitted:
        sentence += f"{'、'.join(cur.resubmitted)}修改后重新报送了报表，汇总采用重新报送的版本。"
    return {
        "expected": expected,
        "reported": reported,
        "missing": cur.missing,
        "with_errors": [{"unit": u, "errors": n, "included": inc} for u, n, inc in cur.with_errors],
        "sentence": sentence,
    }


def overview(data: ReportData, word: str) -> list[str]:
    """The main figures: the volumes and the rates, with 环比/同比 and the figures they are of.

    Where a comparison leaves a unit out, the volumes' changes of it are left to 表1 (a sentence
    would repeat each comparable figure) and the note says which units it compares; the rates keep
    theirs, with the comparable units' own figure. A missing base period is said under 表1."""
    cur = data.current
    form = cur.form
    paragraphs = []
    comparable = comparable_note(data, word)
    if comparable:
        paragraphs.append(comparable.removesuffix("。") + "，各项指标的对比见表1。")
    sentences = []
    for volume in VOLUMES:
        count, area, cost = (cur.total(f"{volume}.{m}") for m in ("count", "area", "cost"))
        said = {m: _compare(data, f"{volume}.{m}", False, every_unit=True) for m in ("count", "area")}
        text = f"{_label(volume + '.count', form)}{number(count, 0)}项{said['count']}"
        text += f"，面积{number(area)}万㎡{said['area']}"
        if _printed(f"{volume}.cost", form):  # 附表7 has no 备案 造价
            text += f"，造价{money(cost)}"
        sentences.append(text + "。")
    paragraphs.append("".join(sentences))
    paragraphs.append(_rates_sentence(data, word))
    return paragraphs


def _rates_sentence(data: ReportData, word: str) -> str:
    cur = data.current
    label = _label("filing_rate.count", cur.form)
    if cur.total("filing_rate.count") is None:
        text = f"{word}无竣工工程，未计算{label}"
    else:
        parts = []
        for measure, key in (("按项数计", "count"), ("按面积计", "area")):
            said = _compare(data, f"filing_rate.{key}", True)
            parts.append(f"{measure}为{number(cur.total(f'filing_rate.{key}'), 1)}%{said}")
        text = f"{label}{'，'.join(parts)}"
    satisfaction = cur.total("satisfaction_rate")
    if satisfaction is None:
        text += "；用户满意率无数据"
    else:
        said = _compare(data, "satisfaction_rate", True)
        text += f"；用户满意率为{number(satisfaction, 1)}%{said}"
    return text + "。"


SHORT = {"carried_over": "接转", "new": "新注册", "in_progress": "在建", "completed": "竣工", "filed": "备案"}
MEASURES = {"count": "项数", "area": "面积（万㎡）", "cost": "造价（万元）"}
KIND_OF = {"count": "count", "area": "area", "cost": "money"}
UNIT_OF = {"count": "项", "area": "万㎡", "cost": "万元"}  # what a change from 0 counts: 新增7项
STATISTICS = [(f"{v}.{m}", f"{SHORT[v]}{MEASURES[m]}", KIND_OF[m]) for v in VOLUMES for m in MEASURES] + [
    ("filing_rate.count", "备案率（项数，%）", "rate"),
    ("filing_rate.area", "备案率（面积，%）", "rate"),
    ("satisfaction_rate", "用户满意率（%）", "rate"),
]


def comparison_table(data: ReportData) -> dict:
    """Table 1: each total, and per comparison the two figures over the comparable units."""
    cur = data.current
    items = [
        Compared(
            label,
            kind,
            cur.total(key),
            {w: (figure_of(b.current, key), figure_of(b.before, key)) for w, b in data.bases.items()},
            UNIT_OF.get(key.split(".")[-1], ""),
        )
        for key, label, kind in STATISTICS
        if _printed(key, cur.form)
    ]
    words = list(data.bases)
    table = change_table(data, "指标", items, words)
    table["note"] = change_note(data, words)
    return table


UNIT_COLUMNS = [
    (f"{v}_{m}", f"{SHORT[v]}\n{'项数' if m == 'count' else '万㎡'}")
    for v in ("new", "in_progress", "completed", "filed")
    for m in ("count", "area")
] + [("filing_rate", "备案率\n%"), ("satisfaction_rate", "满意率\n%"), ("note", "备注")]


def _unit_row(s: Snapshot, unit: str, name: str, note: str = "") -> dict:
    row = {"unit": name, "note": note}
    for volume in ("new", "in_progress", "completed", "filed"):
        row[f"{volume}_count"] = number(s.get(unit, f"{volume}.count"), 0)
        row[f"{volume}_area"] = number(s.get(unit, f"{volume}.area"))
        row[f"{volume}_cost"] = printed(s.get(unit, f"{volume}.cost"), "money")
    row["filing_rate"] = number(s.get(unit, "filing_rate.count"), 1)
    row["filing_rate_area"] = number(s.get(unit, "filing_rate.area"), 1)
    row["satisfaction_rate"] = number(s.get(unit, "satisfaction_rate"), 1)
    return row


def unit_rows(s: Snapshot) -> list[dict]:
    """One row per unit in form order; units left out of the totals and 未报 units marked."""
    rows = [_unit_row(s, u, u) for u in s.units]
    rows += [_unit_row(s, u, u, "有错误，未计入") for u, _, inc in s.with_errors if not inc]
    rows += [_unit_row(s, u, u, "未报") for u in s.missing]
    return rows


def units_table(s: Snapshot) -> dict:
    keys = [k for k, _ in UNIT_COLUMNS]
    total = _unit_row(s, TOTAL, "合计")
    return grid(
        ["单位", *[h for _, h in UNIT_COLUMNS]],
        [[r["unit"], *[r[k] for k in keys]] for r in unit_rows(s)],
        total=[total["unit"], *[total[k] for k in keys]],
    )


CATEGORY_COLUMNS = [
    ("new_count", "新注册\n项数"),
    ("new_area", "新注册\n万㎡"),
    ("completed_count", "竣工\n项数"),
    ("completed_area", "竣工\n万㎡"),
    ("filed_count", "备案\n项数"),
    ("filed_area", "备案\n万㎡"),
    ("filing_rate", "备案率\n项%"),
    ("in_progress_count", "在建\n项数"),
    ("in_progress_area", "在建\n万㎡"),
]


def category_rows(s: Snapshot) -> list[dict]:
    rows = []
    for c in CATEGORIES:
        row = {"category": CATEGORY_LABELS[c].replace("\n", "")}
        for volume in ("new", "completed", "filed", "in_progress"):
            row[f"{volume}_count"] = number(s.total(f"{c}.{volume}.count", "F6"), 0)
            row[f"{volume}_area"] = number(s.total(f"{c}.{volume}.area", "F6"))
            row[f"{volume}_cost"] = printed(s.total(f"{c}.{volume}.cost", "F6"), "money")
        row["filing_rate"] = number(s.total(f"{c}.filing_rate", "F6"), 1)
        rows.append(row)
    return rows


def categories_table(s: Snapshot) -> dict:
    return grid(
        ["项目", *[h for _, h in CATEGORY_COLUMNS]],
        [[r["category"], *[r[k] for k, _ in CATEGORY_COLUMNS]] for r in category_rows(s)],
        "注：各分类之间有交叉（如保障性安居工程同属住宅工程），不相加。",
    )


def quarter_row(s: Snapshot) -> dict:
    row = _unit_row(s, TOTAL, s.period.chinese())
    row["period"] = str(s.period)
    return row


def quarter_table(data: ReportData) -> dict:
    """The year's four quarters side by side (附表5 合计 of each) and the year (附表7 合计).

    One row per figure; a quarter not in the history and a figure 附表7 does not have (备案
    造价) print as —.
    """
    cur = data.current
    by_quarter = {s.period.quarter: s for s in data.series}
    rows = []
    for key, label, kind in STATISTICS:
        row = [label]
        for q in range(1, 5):
            s = by_quarter.get(q)
            row.append(printed(s.total(key) if s else None, kind))
        row.append(printed(cur.total(key), kind) if _printed(key, cur.form) else "—")
        rows.append(row)
    return grid(["指标", *QUARTER_NAMES, "全年"], rows, quarter_note(data))


def quarter_note(data: ReportData) -> str:
    """What the quarter table's columns are, and the quarters the history does not hold."""
    missing = [QUARTER_NAMES[q - 1] for q in range(1, 5) if q not in {s.period.quarter for s in data.series}]
    note = "注：各季度为当季附表5合计，全年为附表7合计；接转、在建为期末数，附表7不填报备案工程造价。"
    if missing:
        note += f"{'、'.join(missing)}未汇总，无季度数据（—）。"
    return note


def data_sources(data: ReportData) -> str:
    """A year's sources of its figures (第十一条: 应有详实的统计数据支撑); '' for a quarter."""
    cur = data.current
    if not cur.period.is_annual:
        return ""
    quarters = sorted(s.period.quarter for s in data.series if s.period.quarter is not None)
    if len(quarters) == 4:
        quarterly = "季度数据来自本年度四个季度汇总的附表5（季度统计表）"
    elif quarters:
        names = "、".join(QUARTER_NAMES[q - 1] for q in quarters)
        absent = "、".join(QUARTER_NAMES[q - 1] for q in range(1, 5) if q not in quarters)
        quarterly = (
            f"季度数据来自本年度已汇总的{len(quarters)}个季度（{names}）的附表5（季度统计表），{absent}未汇总"
        )
    else:
        quarterly = "本年度各季度均未汇总，无季度数据"
    return (
        f"本报告有详实的统计数据支撑：年度数据来自{len(cur.units)}个单位报送的附表7（年度统计表）"
        f"和附表6（分类统计表），{quarterly}，企业不良行为记录和行政处罚来自各季度的附表1、附表2。"
    )


CATEGORY_CHANGES = (("new.count", "新注册项数", "count"), ("completed.count", "竣工项数", "count"))


def category_changes(data: ReportData) -> dict | None:
    """A year's 附表6 同比 by category over the units with figures in both years (同口径): per
    category 新注册 and 竣工 项数 and 备案率, each with last year's figure; None without last year."""
    basis = data.bases.get(YEAR_AGO)
    if basis is None:
        return None
    cur = data.current
    now, before = cur.categories(basis.units), basis.base.categories(basis.units)
    items = []
    for c in CATEGORIES:
        name = CATEGORY_LABELS[c].replace("\n", "")
        for key, label, kind in (*CATEGORY_CHANGES, ("filing_rate", "备案率（项数，%）", "rate")):
            items.append(
                Compared(
                    f"{name}{label}",
                    kind,
                    cur.total(f"{c}.{key}", "F6"),
                    {YEAR_AGO: (figure_of(now[c], key), figure_of(before[c], key))},
                    "项",
                )
            )
    shown = [i for i in items if any(v for v in (i.now, *i.pairs[YEAR_AGO]))]
    table = change_table(data, "项目", shown, [YEAR_AGO])
    table["note"] = change_note(data, [YEAR_AGO]) + "两年均无数据的分类不列。"
    return table


def conduct(data: ReportData, word: str) -> dict:
    """Section 6: bad-behaviour records by party type and penalties, with 环比/同比.

    A year's records are the sum of its recorded quarters (the annual forms have no 附表1-2).
    """
    cur = data.current
    annual = cur.period.is_annual
    periods = data.series if annual and data.series else [cur]
    now = conduct_counts(periods)
    bases = {} if annual else {w: b for w, b in data.bases.items() if b.base.has("F1")}
    pairs = {
        w: (conduct_counts([cur], b.units), conduct_counts([b.base], b.units)) for w, b in bases.items()
    }  # 同口径: the units in both periods
    n = now.get("F1.rows", 0)
    items = [
        Compared(
            PARTY_NAMES[kind],
            "count",
            now.get(f"F1.party.{kind}", 0),
            {w: (a.get(f"F1.party.{kind}", 0), b.get(f"F1.party.{kind}", 0)) for w, (a, b) in pairs.items()},
            "条",
        )
        for kind in PARTY_TYPES
    ]
    total = Compared(
        "合计",
        "count",
        n,
        {w: (a.get("F1.rows", 0), b.get("F1.rows", 0)) for w, (a, b) in pairs.items()},
        "条",
    )
    table = change_table(data, "责任单位类别", [*items, total], list(bases))
    table["total"] = table["rows"].pop()
    table["header"][1] = f"{word}（条）"
    if not annual:
        table["note"] = change_note(data, list(bases), "的记录")
    said = bracket(
        data, {w: (a.get("F1.rows", 0), b.get("F1.rows", 0)) for w, (a, b) in pairs.items()}, False, "条", 0
    )  # by party, the table carries the changes
    if n:
        parts = "、".join(f"{i.label}{number(i.now, 0)}条" for i in items if i.now)
        sentence = f"{word}共记录企业及相关责任人员不良行为{number(n, 0)}条{said}，其中{parts}。"
    else:
        sentence = f"{word}未记录企业不良行为{said}。"
    m = now.get("F2.rows", 0)
    said = bracket(
        data, {w: (a.get("F2.rows", 0), b.get("F2.rows", 0)) for w, (a, b) in pairs.items()}, False, "起", 0
    )
    penalties = (f"{word}共实施行政处罚{number(m, 0)}起" if m else f"{word}未实施行政处罚") + f"{said}。"
    by_unit: dict[str, dict] = {}
    for s in periods:
        for unit, form in s.figures:
            if unit != TOTAL and form in CONDUCT:
                row = by_unit.setdefault(unit, {"unit": unit} | dict.fromkeys(CONDUCT.values(), 0))
                row[CONDUCT[form]] += s.get(unit, "rows", form) or 0
    order = cur.units + sorted(u for u in by_unit if u not in cur.units)
    return {
        "sentence": sentence,
        "penalties_sentence": penalties,
        "records": n,
        "penalties": m,
        "by_party": [{"party": i.label, "count": number(i.now, 0)} for i in items],
        "by_unit": [
            {
                **by_unit[u],
                "bad_behaviour": number(by_unit[u]["bad_behaviour"], 0),
                "penalties": number(by_unit[u]["penalties"], 0),
            }
            for u in order
            if u in by_unit
        ],
        "table": table,
    }


def conduct_by_unit_table(rows: list[dict]) -> dict:
    totals = [str(sum(int(r[k]) for r in rows)) for k in ("bad_behaviour", "penalties")]
    return grid(
        ["单位", "不良行为记录（条）", "行政处罚（起）"],
        [[r["unit"], r["bad_behaviour"], r["penalties"]] for r in rows],
        total=["合计", *totals] if rows else None,
    )


def accidents(data: ReportData, word: str) -> dict:
    """Section 9: quality accidents from 附表5/7 (count, deaths, loss) and where they happened."""
    cur = data.current
    count = cur.total("accidents.count") or 0
    by_unit = [
        {
            "unit": u,
            "count": number(cur.get(u, "accidents.count"), 0),
            "deaths": number(cur.get(u, "accidents.deaths"), 0),
            "loss": number(cur.get(u, "accidents.loss")),
        }
        for u in cur.units
        if cur.get(u, "accidents.count")
    ]
    if count:
        where = "、".join(
            f"{r['unit']}{r['count']}起" + (f"、死亡{r['deaths']}人" if r["deaths"] != "0" else "")
            for r in by_unit
        )
        deaths, loss = cur.total("accidents.deaths"), cur.total("accidents.loss")
        sentence = (
            f"{word}共发生工程质量事故{number(count, 0)}起{_compare(data, 'accidents.count', False)}，"
            f"死亡{number(deaths, 0)}人，直接经济损失{money(loss)}（{where}）"
        )
    else:
        said = _compare(data, "accidents.count", False)
        sentence = f"{word}未发生工程质量事故{said}"
    sentence += "。"
    paragraphs = [sentence]
    if count:
        paragraphs.append(accident_grades(cur, word))
    return {"sentence": sentence, "paragraphs": paragraphs, "by_unit": by_unit, "count": count}


def accident_grades(cur: Snapshot, word: str) -> str:
    """What the figures allow of the accidents' grade: none reaches 一般事故 when no one died and
    the loss is under 100万元; a unit's single accident graded; several with deaths or a loss of
    100万元 and more are left to be graded one by one. Marked: the forms count no injuries."""
    basis = "按建质〔2010〕111号的事故等级标准（报表未统计重伤人数，仅按死亡人数和直接经济损失判断）"
    deaths, loss = cur.total("accidents.deaths") or 0, cur.total("accidents.loss") or 0
    if grade(deaths, loss) is None:
        return f"{basis}，{word}未发生一般及以上工程质量事故。{MARK}"
    said = []
    for u in cur.units:
        n = cur.get(u, "accidents.count") or 0
        d, lost = cur.get(u, "accidents.deaths") or 0, cur.get(u, "accidents.loss") or 0
        if n == 1:
            said.append(f"{u}的1起为{grade(d, lost) or '一般以下事故'}")
        elif n > 1:
            graded = "均未达到一般事故" if grade(d, lost) is None else "需逐起核定等级"
            said.append(f"{u}的{number(n, 0)}起{graded}")
    return f"{basis}，{'；'.join(said)}。{MARK}"


def sections(
    cur: Snapshot,
    narrative: Narrative | None,
    annual: bool,
    numbers: tuple[int, ...],
    records: dict[int, list[str]],
) -> list[dict]:
    """These sections with their text: what the records draft, then the clerk's text or else a
    draft made of the units' material (each unit named, marked 【草稿】), else a placeholder.

    A unit's words are never printed as the office's own. Numbered as the period prints them (a
    year's 第十条 sections from 三 on are 六 to 十四).
    """
    units = cur.materials()
    result = []
    for number_ in numbers:
        own = narrative.sections.get(number_, []) if narrative else []
        from_units = [] if own else attributed(units, number_)
        paragraphs = [*records.get(number_, []), *own]
        if from_units:
            paragraphs += [UNITS_DRAFT, *from_units]
        if number_ in PROMPTS and not own and not from_units:
            if not records.get(number_) or number_ in ALWAYS_ASKED:
                paragraphs.append(f"【待填写：{PROMPTS[number_]}】")
        title, said = section_title(number_, annual), numeral(number_, annual)
        result.append(
            {
                "number": number_,
                "numeral": said,
                "title": title,
                "heading": f"{said}、{title}",
                "paragraphs": paragraphs,
                "units": [u for u, m in units.items() if m.sections.get(number_)] if from_units else [],
            }
        )
    return result


def unit_materials(cur: Snapshot) -> list[dict]:
    """Units' material that names no section, printed as an appendix under where it came from."""
    out: list[dict] = []
    for unit, material in cur.materials().items():
        general = material.general
        if general:
            said = "、".join(_source_words(s) for s in cur.sources.get(unit, [TEXT_SOURCE]))
            heading = f"（{NUMERALS[len(out)]}）{unit}报送的{said}"
            out.append({"unit": unit, "heading": heading, "paragraphs": general})
    return out


def _source_words(source: str) -> str:
    """Where a unit's material came from, as the appendix names it."""
    return source if source == TEXT_SOURCE else f"分析报告（{source}）"


def to_confirm(context: dict) -> list[str]:
    """What the clerk must confirm or delete before the report goes out, for the CLI's list:
    each paragraph marked 【请核实】, then each section holding a draft of units' material."""
    analysis = context["analysis"]
    marked = [
        f"二{part}：{p}"
        for part, key in (
            ("（三）总体评价", "evaluation"),
            ("（四）趋势和特点", "trend"),
            ("（五）单位比较", "units"),
        )
        for p in analysis[key]
        if MARK in p
    ]
    if MARK in analysis["warnings_sentence"]:
        marked.append(f"二（六）风险预警：{analysis['warnings_sentence']}")
    for s in sorted(
        context["sections"] + context["annual_sections"], key=lambda s: NUMERALS.index(s["numeral"])
    ):
        marked += [f"{s['numeral']}、{p}" for p in s["paragraphs"] if MARK in p]
        if UNITS_DRAFT in s["paragraphs"]:
            marked.append(f"{s['heading']}：各单位材料草稿（{'、'.join(s['units'])}）")
    return marked
