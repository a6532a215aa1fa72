"""What the report says: the template context built from the history and the narrative.

Every value here is plain (strings, numbers, lists, dicts) so one context serves the Word and
the Markdown template alike; docs/report-template.md lists the variables.
"""

from __future__ import annotations

from datetime import date

from ..forms import FORMS
from ..forms.f1_bad_behaviour import PARTY_TYPES
from ..forms.f6_categories import CATEGORY_LABELS
from ..forms.spec import figure_of
from ..forms.statistics import CATEGORIES, VOLUMES
from ..gongwen import signature_lines
from ..history import TOTAL
from .data import ReportData, Snapshot
from .narrative import (
    ANNUAL_ONLY,
    NUMERALS,
    PROMPTS,
    QUARTERLY,
    Narrative,
    numeral,
    parse_unit_text,
    section_title,
)
from .wording import PREVIOUS, YEAR_AGO, change, comparison, left_out_note, missing_history, money, number

PARTY_NAMES = {
    "developer": "建设单位",
    "surveyor": "勘察单位",
    "designer": "设计单位",
    "builder": "施工单位",
    "supervisor": "监理单位",
    "testing": "检测机构",
    "drawing_review": "施工图审查机构",
    "other": "其它单位",
}
DATA_SECTIONS = (2, 6)  # written from the figures: no placeholder when the clerk adds nothing
QUARTER_NAMES = ("一季度", "二季度", "三季度", "四季度")
# Table captions in the order the tables appear, numbered in that order (a year has three more).
CAPTIONS = {
    False: (
        ("comparison", "本季度主要指标对比"),
        ("units", "各单位统计情况（附表5/附表7）"),
        ("categories", "分类统计情况（附表6）"),
        ("quality_index", "各单位质量指数"),
        ("by_party", "不良行为记录按责任单位类别统计（附表1）"),
        ("by_unit", "各单位不良行为记录及行政处罚（附表1、附表2）"),
    ),
    True: (
        ("comparison", "本年度与上年度主要指标对比（附表7）"),
        ("quarter_table", "本年度各季度情况（附表5）"),
        ("units", "各单位统计情况（附表7）"),
        ("categories", "分类统计情况（附表6）"),
        ("category_changes", "分类统计同比（附表6）"),
        ("quality_index", "各单位质量指数"),
        ("by_party", "本年度不良行为记录按责任单位类别统计（附表1）"),
        ("by_unit", "各单位不良行为记录及行政处罚（附表1、附表2）"),
    ),
}


def build_context(
    data: ReportData, narrative: Narrative | None, today: date | None = None, signature: str = ""
) -> dict:
    """The template variables (without the charts, which the renderer adds per format).

    ``signature`` is the 落款 (the office's full name); default the office name recorded.
    """
    cur = data.current
    annual = cur.period.is_annual
    word = "本年度" if annual else "本季度"
    office = cur.office
    ranking = scores(cur)
    report_date = f"{(today or date.today()):%Y年%m月%d日}".replace("年0", "年").replace("月0", "月")
    signature_line, date_line = signature_lines(signature or office, report_date)
    context = {
        "office": office,
        "period": str(cur.period),
        "period_name": cur.period.chinese(),
        "title": f"{office}{cur.period.chinese()}工程质量运行态势分析报告",
        "title_lines": [f"{office}{cur.period.chinese()}", "工程质量运行态势分析报告"],
        "is_annual": annual,
        "period_word": word,
        "report_date": report_date,
        "signature": signature or office,
        "signature_line": signature_line,  # 落款 as the 公文 sets it: the name centred over the date
        "date_line": date_line,
        "submission": submission(cur, word),
        "data_sources": data_sources(data),
        "overview": overview(data, word) + ([ranking["sentence"]] if ranking["sentence"] else []),
        "comparison": comparison_rows(data),
        "comparable_note": comparable_note(data, word),
        "units": unit_rows(cur),
        "total": _unit_row(cur, TOTAL, "合计"),
        "categories": category_rows(cur),
        "quarters": [quarter_row(s) for s in data.series],
        "quarter_table": quarter_table(data) if annual else [],
        "quarter_note": quarter_note(data) if annual else "",
        "category_changes": category_changes(data) if annual else [],
        "category_note": category_note(data) if annual else "",
        "conduct": conduct(data, word),
        "accidents": accidents(data, word),
        "sections": sections(cur, narrative, annual, QUARTERLY),
        "annual_sections": sections(cur, narrative, annual, ANNUAL_ONLY) if annual else [],
        "unit_materials": unit_materials(cur),
        "scores": ranking,
        "captions": {key: f"表{n}　{title}" for n, (key, title) in enumerate(CAPTIONS[annual], 1)},
    }
    return context


def scores(cur: Snapshot) -> dict:
    """The self-score ranking (考核评分表) of the period, and a sentence naming 先进 and 约谈."""
    ranked = [r for r in cur.scores if r["rank"] is not None]
    advanced = [r["unit"] for r in ranked if r["mark"] == "先进单位"]
    interview = [r["unit"] for r in ranked if r["mark"] == "约谈"]
    sentence = ""
    if ranked:
        sentence = (
            f"{ranked[0]['spec'] or '考核评分'}：参加排名{len(ranked)}个单位，"
            f"先进单位{len(advanced)}个（{'、'.join(advanced) or '无'}），"
            f"约谈单位{len(interview)}个（{'、'.join(interview) or '无'}）。"
        )
    return {
        "rows": cur.scores,
        "ranked": ranked,
        "advanced": advanced,
        "interview": interview,
        "sentence": sentence,
    }


def _label(key: str, form: str) -> str:
    """The form's group header for a field, on one line: 本季度新注册工程, 季度质量备案率."""
    return FORMS[form].column(key).group.replace("\n", "").replace("（%）", "")


def _printed(key: str, form: str) -> bool:
    """Whether the form as the seed draws it has the figure (附表7's 备案 has no 造价)."""
    return FORMS[form].column(key).printed


def _compare(data: ReportData, key: str, is_rate: bool) -> str:
    """环比/同比 of a 附表5/7 figure, each over the units with figures in both periods."""
    return comparison(
        {word: (figure_of(b.current, key), figure_of(b.before, key)) for word, b in data.bases.items()},
        is_rate,
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
    return {
        "expected": expected,
        "reported": reported,
        "missing": cur.missing,
        "with_errors": [{"unit": u, "errors": n, "included": inc} for u, n, inc in cur.with_errors],
        "sentence": sentence,
    }


def overview(data: ReportData, word: str) -> list[str]:
    """Section 2: 报送情况, the history note, the volumes and the rates, with 环比/同比."""
    cur = data.current
    form = cur.form
    annual = cur.period.is_annual
    paragraphs = [p for p in (data_sources(data), submission(cur, word)["sentence"]) if p]
    note = missing_history(
        None if annual else "上季度", data.previous is not None, data.year_ago is not None, annual
    )
    if note:
        paragraphs.append(note)
    if comparable := comparable_note(data, word):
        paragraphs.append(comparable)
    sentences = []
    for volume in VOLUMES:
        count, area, cost = (cur.total(f"{volume}.{m}") for m in ("count", "area", "cost"))
        text = f"{_label(volume + '.count', form)}{number(count, 0)}项，面积{number(area)}万㎡"
        if _printed(f"{volume}.cost", form):  # 附表7 has no 备案 造价
            text += f"，造价{money(cost)}"
        clauses = [
            f"{measure}{said}"
            for measure, key in (("项数", "count"), ("面积", "area"))
            if (said := _compare(data, f"{volume}.{key}", False))
        ]
        sentences.append(text + ("，" + "，".join(clauses) if clauses else "") + "。")
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
            parts.append(
                f"{measure}为{number(cur.total(f'filing_rate.{key}'), 1)}%" + (f"（{said}）" if said else "")
            )
        text = f"{label}{'，'.join(parts)}"
    satisfaction = cur.total("satisfaction_rate")
    if satisfaction is None:
        text += "；用户满意率无数据"
    else:
        said = _compare(data, "satisfaction_rate", True)
        text += f"；用户满意率为{number(satisfaction, 1)}%" + (f"（{said}）" if said else "")
    return text + "。"


COMPARED = [(f"{v}.{m}", m) for v in VOLUMES for m in ("count", "area", "cost")] + [
    ("filing_rate.count", "rate"),
    ("filing_rate.area", "rate"),
    ("satisfaction_rate", "rate"),
]
MEASURES = {"count": "项数", "area": "面积（万㎡）", "cost": "造价（万元）", "rate": "%"}


def comparison_rows(data: ReportData) -> list[dict]:
    """The comparison table: each total with the base periods' totals, the change 同口径.

    As in official statistics, the totals are printed as they are and the change is computed over
    the units with figures in both periods (comparable_note names those left out).
    """
    cur, form = data.current, data.current.form
    bases = {"previous": data.bases.get(PREVIOUS), "year_ago": data.bases.get("同比")}
    rows = []
    for key, measure in COMPARED:
        if not _printed(key, form):
            continue
        is_rate = measure == "rate"
        digits = 0 if measure == "count" else 1 if is_rate else 2
        if is_rate:
            label = (
                "用户满意率（%）"
                if key == "satisfaction_rate"
                else f"{_label(key, form)}（{'项数' if key.endswith('count') else '面积'}，%）"
            )
        else:
            label = f"{_label(key, form)}·{MEASURES[measure]}"
        row = {"label": label, "current": number(cur.total(key), digits)}
        for name, snapshot in (("previous", data.previous), ("year_ago", data.year_ago)):
            row[name] = number(snapshot.total(key), digits) if snapshot else "无数据"
            b = bases[name]
            said = change(figure_of(b.current, key), figure_of(b.before, key), is_rate) if b else None
            row[f"change_{name}"] = said or "—"
        rows.append(row)
    return rows


def _unit_row(s: Snapshot, unit: str, name: str, note: str = "") -> dict:
    row = {"unit": name, "note": note}
    for volume in ("new", "in_progress", "completed", "filed"):
        row[f"{volume}_count"] = number(s.get(unit, f"{volume}.count"), 0)
        row[f"{volume}_area"] = number(s.get(unit, f"{volume}.area"))
        row[f"{volume}_cost"] = number(s.get(unit, f"{volume}.cost"))
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


def category_rows(s: Snapshot) -> list[dict]:
    rows = []
    for c in CATEGORIES:
        row = {"category": CATEGORY_LABELS[c].replace("\n", "")}
        for volume in ("new", "completed", "filed", "in_progress"):
            row[f"{volume}_count"] = number(s.total(f"{c}.{volume}.count", "F6"), 0)
            row[f"{volume}_area"] = number(s.total(f"{c}.{volume}.area", "F6"))
            row[f"{volume}_cost"] = number(s.total(f"{c}.{volume}.cost", "F6"))
        row["filing_rate"] = number(s.total(f"{c}.filing_rate", "F6"), 1)
        rows.append(row)
    return rows


def quarter_row(s: Snapshot) -> dict:
    row = _unit_row(s, TOTAL, s.period.chinese())
    row["period"] = str(s.period)
    return row


QUARTER_TABLE = [
    (f"{v}.{m}", f"{name}·{MEASURES[m]}", m)
    for v, name in (("new", "新注册"), ("in_progress", "在建"), ("completed", "竣工"), ("filed", "备案"))
    for m in ("count", "area", "cost")
] + [
    ("filing_rate.count", "备案率（项数，%）", "rate"),
    ("filing_rate.area", "备案率（面积，%）", "rate"),
    ("satisfaction_rate", "用户满意率（%）", "rate"),
]


def quarter_table(data: ReportData) -> list[dict]:
    """The year's four quarters side by side (附表5 合计 of each) and the year (附表7 合计).

    One row per figure: ``label``, ``q1``-``q4`` and ``year``; a quarter not in the history and a
    figure 附表7 does not have (备案 造价) print as —.
    """
    cur = data.current
    by_quarter = {s.period.quarter: s for s in data.series}
    rows = []
    for key, label, measure in QUARTER_TABLE:
        digits = 0 if measure == "count" else 1 if measure == "rate" else 2
        row = {"label": label}
        for q in range(1, 5):
            s = by_quarter.get(q)
            row[f"q{q}"] = number(s.total(key) if s else None, digits)
        row["year"] = number(cur.total(key), digits) if _printed(key, cur.form) else "—"
        rows.append(row)
    return rows


def quarter_note(data: ReportData) -> str:
    """What the quarter table's columns are, and the quarters the history does not hold."""
    missing = [QUARTER_NAMES[q - 1] for q in range(1, 5) if q not in {s.period.quarter for s in data.series}]
    note = "注：各季度为当季附表5合计，全年为附表7合计；在建为期末数，附表7不填报备案工程造价。"
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


CATEGORY_CHANGES = [
    ("new.count", False),
    ("new.area", False),
    ("completed.count", False),
    ("completed.area", False),
    ("filing_rate", True),
    ("in_progress.count", False),
    ("in_progress.area", False),
]


def category_changes(data: ReportData) -> list[dict]:
    """The year's 附表6 同比 by category, over the units with figures in both years (the 同比 basis).

    One row per category: ``category`` and the change of each figure (``new_count`` … ``filing_rate``
    … ``in_progress_area``), — where there is no comparison; [] without a previous year.
    """
    basis = data.bases.get(YEAR_AGO)
    if basis is None:
        return []
    now, before = data.current.categories(basis.units), basis.base.categories(basis.units)
    rows = []
    for c in CATEGORIES:
        row = {"category": CATEGORY_LABELS[c].replace("\n", "")}
        for key, is_rate in CATEGORY_CHANGES:
            said = change(figure_of(now[c], key), figure_of(before[c], key), is_rate)
            row[key.replace(".", "_")] = said or "—"
        rows.append(row)
    return rows


def category_note(data: ReportData) -> str:
    basis = data.bases.get(YEAR_AGO)
    if basis is None:
        return "注：无上年度数据，未作同比。"
    return (
        f"注：同比按两年均有数据的{len(basis.units)}个单位同口径计算，备案率的同比为百分点变化；"
        f"上年度为0或无数据的不作比较（—）。"
    )


def _conduct_counts(snapshots: list[Snapshot], units: list[str] | None = None) -> dict[str, float]:
    """F1 records (rows, party.<type>) and F2 records summed over periods; {} without records.

    ``units``: summed over these units only (a comparison's comparable units), else the 合计.
    """
    counts: dict[str, float] = {}
    for s in snapshots:
        for form in ("F1", "F2"):
            for unit in units or [TOTAL]:
                for key, value in s.figures.get((unit, form), {}).items():
                    counts[f"{form}.{key}"] = counts.get(f"{form}.{key}", 0) + (value or 0)
    return counts


def conduct(data: ReportData, word: str) -> dict:
    """Section 6: bad-behaviour records by party type and penalties, with 环比/同比.

    A year's records are the sum of its recorded quarters (the annual forms have no 附表1-2).
    """
    cur = data.current
    annual = cur.period.is_annual
    periods = data.series if annual and data.series else [cur]
    now = _conduct_counts(periods)
    bases = {} if annual else {w: b for w, b in data.bases.items() if b.base.has("F1")}
    pairs = {
        w: (_conduct_counts([cur], b.units), _conduct_counts([b.base], b.units)) for w, b in bases.items()
    }  # 同口径: the units in both periods
    n = now.get("F1.rows", 0)
    previous_basis, previous_pair = bases.get(PREVIOUS), pairs.get(PREVIOUS)
    by_party = []
    for kind in PARTY_TYPES:
        key = f"F1.party.{kind}"
        previous, said = None, None
        if previous_basis is not None and previous_pair is not None:
            previous = previous_basis.base.total(f"party.{kind}", "F1") or 0
            said = change(previous_pair[0].get(key, 0), previous_pair[1].get(key, 0), False)
        by_party.append(
            {
                "party": PARTY_NAMES[kind],
                "count": number(now.get(key, 0), 0),
                "previous": number(previous, 0),
                "change": said or "—",
            }
        )
    if n:
        parts = "、".join(f"{r['party']}{r['count']}条" for r in by_party if r["count"] != "0")
        sentence = f"{word}共记录企业及相关责任人员不良行为{number(n, 0)}条，其中{parts}"
    else:
        sentence = f"{word}未记录企业不良行为"
    said = comparison({w: (a.get("F1.rows", 0), b.get("F1.rows", 0)) for w, (a, b) in pairs.items()}, False)
    sentence += (f"，{said}" if said else "") + "。"
    m = now.get("F2.rows", 0)
    penalties = f"{word}共实施行政处罚{number(m, 0)}起" if m else f"{word}未实施行政处罚"
    said = comparison({w: (a.get("F2.rows", 0), b.get("F2.rows", 0)) for w, (a, b) in pairs.items()}, False)
    penalties += (f"，{said}" if said else "") + "。"
    by_unit: dict[str, dict] = {}
    for s in periods:
        for unit, form in s.figures:
            if unit != TOTAL and form in ("F1", "F2"):
                row = by_unit.setdefault(unit, {"unit": unit, "bad_behaviour": 0, "penalties": 0})
                row["bad_behaviour" if form == "F1" else "penalties"] += s.get(unit, "rows", form) or 0
    order = cur.units + sorted(u for u in by_unit if u not in cur.units)
    return {
        "sentence": sentence,
        "penalties_sentence": penalties,
        "records": n,
        "penalties": m,
        "by_party": by_party,
        "by_unit": [
            {
                **by_unit[u],
                "bad_behaviour": number(by_unit[u]["bad_behaviour"], 0),
                "penalties": number(by_unit[u]["penalties"], 0),
            }
            for u in order
            if u in by_unit
        ],
    }


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
        where = "、".join(f"{r['unit']}{r['count']}起" for r in by_unit)
        deaths, loss = cur.total("accidents.deaths"), cur.total("accidents.loss")
        sentence = (
            f"{word}共发生工程质量事故{number(count, 0)}起，死亡{number(deaths, 0)}人，"
            f"直接经济损失{money(loss)}（{where}）"
        )
    else:
        sentence = f"{word}未发生工程质量事故"
    said = _compare(data, "accidents.count", False)
    return {
        "sentence": sentence + (f"，事故起数{said}" if said else "") + "。",
        "by_unit": by_unit,
        "count": count,
    }


def sections(
    cur: Snapshot, narrative: Narrative | None, annual: bool, numbers: tuple[int, ...]
) -> list[dict]:
    """These sections with their text: the clerk's, then each unit's, else a placeholder.

    Numbered as the period prints them (a year's 第十条 sections from 三 on are 六 to 十四).
    """
    units = {u: parse_unit_text(t, annual) for u, t in cur.texts.items()}
    result = []
    for number_ in numbers:
        paragraphs = list(narrative.sections.get(number_, []) if narrative else [])
        for unit, text in units.items():
            for i, p in enumerate(text.sections.get(number_, [])):
                paragraphs.append(f"{unit}报送：{p}" if i == 0 else p)  # the unit's words, not the office's
        if not paragraphs and number_ not in DATA_SECTIONS:
            paragraphs = [f"【待填写：{PROMPTS[number_]}】"]
        title, said = section_title(number_, annual), numeral(number_, annual)
        result.append(
            {
                "number": number_,
                "numeral": said,
                "title": title,
                "heading": f"{said}、{title}",
                "paragraphs": paragraphs,
            }
        )
    return result


def unit_materials(cur: Snapshot) -> list[dict]:
    """Units' 文字材料 text that names no section, printed as an appendix."""
    out: list[dict] = []
    for unit, text in cur.texts.items():
        general = parse_unit_text(text, cur.period.is_annual).general
        if general:
            heading = f"（{NUMERALS[len(out)]}）{unit}报送的文字材料"
            out.append({"unit": unit, "heading": heading, "paragraphs": general})
    return out
