"""The self-score sheets (考核评分表) of 2024Q3 and their expected ranking."""

from __future__ import annotations

import sys

from .city import APPROVER, SAMPLES, STATIST, UNITS, cn_date
from .workbook import BOLD, CENTER, FONT, LEFT, RIGHT, TITLE, Book, ScorePlan, Submission

# --------------------------------------------------------------------------- score sheets

# The seed-002 附件3 sheet (河南省保障性安居工程质量监督工作考核评分表), transcribed once in
# qstat's spec file: the generator reads only its item texts and points (the official form),
# never qstat's reading of it.
SCORE_SPEC = SAMPLES.parent / "qstat" / "scores" / "specs" / "henan-affordable-housing-supervision.toml"


def score_items() -> list[tuple[int, str, float, list[tuple[str, str, str, float]]]]:
    """[(section no, section name, section max, [(item id, name, text, max)])] from the spec."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib

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
    rows: list[dict[str, object]] = []
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
