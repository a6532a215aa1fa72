"""Sections drafted from the units' records: 三 from 附表1 (bad behaviour), 十 from 附表2 (penalties).

The history keeps every record of both forms (history.bad_behaviour, history.penalties); a year's
records are those of its quarters. Counts are facts; where a record's free text is sorted by
keywords (the kind of a behaviour) the sentence is marked for the clerk to confirm (MARK). The
rules are in docs/report-template.md (“Drafted sections”).
"""

from __future__ import annotations

import re
from collections import Counter

from ...forms import CONDUCT
from ...forms.f1_bad_behaviour import PARTY_TYPES, party_type
from ...history import TOTAL
from .data import ReportData, Snapshot, position
from .wording import MARK, money, number

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
# The kind of a bad behaviour by the words of its 不良行为事实, first match (监理 before 资料:
# "旁站记录缺失" is the supervisor's duty, not paperwork).
BEHAVIOUR_KINDS = (
    ("违反建设程序", r"手续|许可|监督注册|未办理|未报监"),
    ("未按图纸或强制性标准施工", r"按图|图纸|设计文件|强制性|标准|规范"),
    ("偷工减料及材料、检测问题", r"偷工减料|材料|构配件|检测|检验|试块|试件|送检|见证"),
    ("监理履职不到位", r"旁站|监理|巡视|平行检验"),
    ("质量资料不全或不实", r"资料|记录|签字|档案|台账"),
    ("擅自验收或交付使用", r"验收|交付"),
    ("拒不整改或擅自复工", r"整改|停工|复工"),
)
OTHER_KIND = "其他"
# 罚款 as 处罚内容 states it: 罚款20万元, 罚款人民币5,000元, 处以罚款3.5万元, and the amount after
# 计/合计/共计 where the 罚款 is a share (处工程合同价款2%的罚款，计36.8万元)
_FINE = re.compile(
    r"(?:罚(?:款|金)[^0-9０-９，,；;。]{0,6}?|[合共]?计)\s*([0-9０-９][0-9０-９,，.．]*)\s*(万元|万|元)"
)
# The law a 附表1 clause may name before it (《…管理办法》第八条第（二）项 is 第八条第（二）项)
_LAW = re.compile(r"^《[^》]*》\s*")
# A clause cited in 处罚依据: 《建设工程质量管理条例》第六十四条
_CLAUSE = re.compile(r"《[^》]+》\s*第[零〇一二三四五六七八九十百千0-9]+条")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９，．", "0123456789,.")


def conduct_counts(snapshots: list[Snapshot], units: list[str] | None = None) -> dict[str, float]:
    """F1 records (rows, party.<type>) and F2 records summed over periods; {} without records.

    ``units``: summed over these units only (a comparison's comparable units), else the 合计.
    """
    counts: dict[str, float] = {}
    for s in snapshots:
        for form in CONDUCT:
            for unit in units or [TOTAL]:
                for key, value in s.figures.get((unit, form), {}).items():
                    counts[f"{form}.{key}"] = counts.get(f"{form}.{key}", 0) + (value or 0)
    return counts


def record_periods(data: ReportData) -> list[Snapshot]:
    """The snapshots whose records the report covers: the quarter, or the year's quarters."""
    cur = data.current
    return data.series if cur.period.is_annual and data.series else [cur]


def behaviour_kind(fact: str | None) -> str:
    return next((kind for kind, words in BEHAVIOUR_KINDS if re.search(words, fact or "")), OTHER_KIND)


def company(name: str | None) -> str:
    """A 责任单位 as the records are grouped by it: spaces dropped, brackets half-width."""
    return re.sub(r"\s+", "", name or "").replace("（", "(").replace("）", ")")


def clause(cited: str | None) -> str:
    """A 附表1 clause as counted: the same clause with or without the 办法's name is one."""
    return _LAW.sub("", (cited or "").strip())


def _most(counts: Counter) -> str | None:
    """The most frequent, when it is more frequent than the next (a tie names none)."""
    top = counts.most_common(2)
    return top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None


def _by_unit(records: list[dict], what: str, cur: Snapshot) -> str:
    """禹州市5条、魏都区3条: the most first, a tie in form order."""
    counts = Counter(r["unit"] for r in records)
    ranked = sorted(counts.items(), key=lambda c: (-c[1], position(cur.units, c[0])))
    return "、".join(f"{u}{n}{what}" for u, n in ranked)


def behaviour_draft(data: ReportData, word: str) -> list[str]:
    """Section 三 from 附表1: the records by party type and by kind of behaviour, the most
    frequent, and the companies recorded more than once; [] when there are none."""
    periods = record_periods(data)
    records = [r for s in periods for r in s.bad_behaviour]
    if not records:
        counted = conduct_counts(periods).get("F1.rows", 0)
        if counted:  # a history recorded before the records were kept
            return [
                f"{word}共记录参建各方不良行为{number(counted, 0)}条（历史数据库未保存记录明细，"
                "重新汇总本期后可按类别起草本节）。"
            ]
        return []
    parties = Counter(party_type(r["party"]) for r in records)
    by_party = "、".join(f"{PARTY_NAMES[k]}{parties[k]}条" for k in PARTY_TYPES if parties[k])
    companies = Counter(company(r["party"]) for r in records if r["party"])
    projects = {r["project"] for r in records if r["project"]}
    paragraphs = [
        f"{word}各单位共记录参建各方不良行为{len(records)}条（{_by_unit(records, '条', data.current)}），"
        f"涉及工程{len(projects)}个、责任单位{len(companies)}家。按责任单位类别分，{by_party}。"
    ]
    kinds = Counter(behaviour_kind(r["fact"]) for r in records)
    named_kinds = Counter({k: n for k, n in kinds.items() if k != OTHER_KIND})  # 其他 is no finding
    sorted_kinds = [f"“{k}”{n}条" for k, n in named_kinds.most_common()]
    if kinds[OTHER_KIND]:
        sorted_kinds.append(f"其余{kinds[OTHER_KIND]}条未归入上述类别")
    text = f"按不良行为事实归类，{'，'.join(sorted_kinds)}"
    if top := _most(named_kinds):
        text += f"；最多的是“{top}”（{kinds[top]}条，占{kinds[top] / len(records) * 100:.1f}%）"
    clauses = Counter(clause(r["clause"]) for r in records if clause(r["clause"]))
    if top := _most(clauses):
        text += f"；记录中引用最多的条款是“{top}”（{clauses[top]}条）"
    paragraphs.append(f"{text}。{MARK}")
    repeated = [(c, n) for c, n in companies.most_common() if n > 1]
    if repeated:
        units = {
            c: data.current.in_order(r["unit"] for r in records if company(r["party"]) == c)
            for c, _ in repeated
        }
        listed = "；".join(f"{c}（{n}条，{'、'.join(units[c])}）" for c, n in repeated)
        paragraphs.append(f"被记录2条及以上的责任单位{len(repeated)}家：{listed}。")
    else:
        paragraphs.append("未发现同一责任单位被记录2条及以上。")
    return paragraphs


def fines(text: str | None) -> float | None:
    """The fines a 处罚内容 states, in 万元 (罚款20万元 → 20, 罚款20000元 → 2, 处…罚款，计36.8万元 →
    36.8); None if it states none (a 计 amount counts only where the text is about a 罚款)."""
    if "罚" not in (text or ""):
        return None
    amounts = [
        float(value.translate(_FULL_WIDTH).replace(",", "")) / (1 if unit.startswith("万") else 10000)
        for value, unit in _FINE.findall(text or "")
        if re.fullmatch(r"[0-9.]+", value.translate(_FULL_WIDTH).replace(",", ""))
    ]
    return sum(amounts) if amounts else None


def penalties_draft(data: ReportData, word: str) -> list[str]:
    """Section 十 from 附表2: the penalties, the parties, the fines stated in 处罚内容 (万元), the
    clauses cited in 处罚依据 and how far they were carried out; [] when there are none."""
    periods = record_periods(data)
    records = [r for s in periods for r in s.penalties]
    if not records:
        counted = conduct_counts(periods).get("F2.rows", 0)
        if counted:
            return [f"{word}共实施行政处罚{number(counted, 0)}起（历史数据库未保存处罚明细）。"]
        return [f"{word}各单位未报送行政处罚记录（附表2）。"]
    parties = Counter(party_type(r["party"]) for r in records)
    companies = {company(r["party"]) for r in records if r["party"]}
    by_party = "、".join(f"{PARTY_NAMES[k]}{parties[k]}起" for k in PARTY_TYPES if parties[k])
    paragraphs = [
        f"{word}共实施行政处罚{len(records)}起（{_by_unit(records, '起', data.current)}），"
        f"涉及责任单位{len(companies)}家，其中{by_party}。"
    ]
    stated = [f for r in records if (f := fines(r["penalty"])) is not None]
    text = (
        f"处罚内容写明罚款的{len(stated)}起，罚款合计{money(sum(stated))}"
        if stated
        else "处罚内容均未写明罚款金额"
    )
    if stated and len(stated) < len(records):
        text += f"；其余{len(records) - len(stated)}起未写明罚款金额"
    clauses = Counter(c for r in records for c in dict.fromkeys(_CLAUSE.findall(r["basis"] or "")))
    if clauses:
        cited = "、".join(f"{c}（{n}起）" for c, n in clauses.most_common(3))
        text += f"。处罚依据引用的条款{len(clauses)}条，{'其中' if len(clauses) <= 3 else '较多的是'}{cited}"
    paragraphs.append(text + "。")
    done = []
    for column, name in (("status", "处罚情况"), ("handling", "处理情况")):
        said = Counter((r[column] or "").strip() or "未填写" for r in records)
        done.append(f"{name}：{'；'.join(f'“{k}”{n}起' for k, n in said.most_common())}")
    paragraphs.append("".join(f"{d}。" for d in done))  # free text may hold commas: values quoted
    return paragraphs
