"""The ranking workbook: 考核排名 (with a bar chart of totals), 逐项得分 (where points were
lost, item by unit) and 评分表问题 (the SC findings), in the official look of the forms."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import xlsxwriter

from ..rules import RULES
from ..scores.rank import ADVANCED, INTERVIEW, Ranking
from ..scores.spec import BONUS, DEDUCTION, SCORE, ScoreSpec
from .layout import BODY_FONT, NOTE_FONT, text_lines
from .safe import safe_text

LOST_FILL = "#FCE4D6"  # an item scored below its max
MARK_FILL = {ADVANCED: "#E2EFDA", INTERVIEW: "#FCE4D6"}


def write_ranking_workbook(
    path: Path, ranking: Ranking, office: str = "", period_text: str = "", day: date | None = None
) -> Path:
    """The ranking workbook; ``day`` is printed as its 制表日期 (none when not given)."""
    book = xlsxwriter.Workbook(
        str(path), {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    )
    f = _formats(book)
    spec = ranking.spec
    title = (spec.title.removesuffix("表") + "排名") if spec else "考核评分排名"
    made = f"制表日期：{day.year}年{day.month}月{day.day}日" if day else ""
    subtitle = safe_text("（" + "　".join(x for x in (office, period_text, made) if x) + "）")
    _ranking_sheet(book, f, ranking, title, subtitle)
    if spec:
        _matrix_sheet(book, f, ranking, spec, title.removesuffix("排名") + "逐项得分", subtitle)
    _findings_sheet(book, f, ranking, subtitle)
    book.close()
    return path


def _formats(book) -> dict:
    base = {"font_name": BODY_FONT, "font_size": 10, "valign": "vcenter"}
    cell = base | {"border": 1}
    add = book.add_format
    return {
        "title": add(base | {"font_size": 16, "bold": True, "align": "center"}),
        "subtitle": add(base | {"font_size": 11, "align": "center"}),
        "header": add(cell | {"bold": True, "align": "center", "text_wrap": True}),
        "text": add(cell | {"align": "center"}),
        "wrap": add(cell | {"text_wrap": True}),
        "score": add(cell | {"num_format": "0.0#", "align": "right"}),
        "lost": add(cell | {"num_format": "0.0#", "align": "right", "bg_color": LOST_FILL}),
        "total": add(cell | {"num_format": "0.0#", "align": "right", "bold": True}),
        "note": add(base | {"font_name": NOTE_FONT, "text_wrap": True, "valign": "top"}),
        **{
            mark: add(cell | {"align": "center", "bg_color": fill, "bold": True})
            for mark, fill in MARK_FILL.items()
        },
    }


def _page(ws, header_row: int) -> None:
    ws.repeat_rows(header_row)
    ws.freeze_panes(header_row + 1, 0)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)


def _ranking_sheet(book, f: dict, ranking: Ranking, title: str, subtitle: str) -> None:
    spec = ranking.spec
    ws = book.add_worksheet("考核排名")
    sections = [s for s in spec.sections if s.max > 0] if spec else []
    kinds = {i.kind for i in spec.items} if spec else set()
    columns = [("名次", 6), ("单位", 12)]
    if spec:
        columns += [(f"{s.name}\n（{s.max:g}{spec.unit}）", 12) for s in sections]
    columns += [("激励加分", 8)] if BONUS in kinds else []
    columns += [("扣分", 7)] if DEDUCTION in kinds else []
    columns += [("总分", 8), ("等级", 6), ("评定", 12), ("备注", 22)]
    last = len(columns) - 1
    for c, (_, width) in enumerate(columns):
        ws.set_column(c, c, width)
    ws.set_row(0, 30)
    ws.merge_range(0, 0, 0, last, title, f["title"])
    ws.merge_range(1, 0, 1, last, subtitle, f["subtitle"])
    ws.set_row(2, 14 * max(text_lines(name, width) for name, width in columns) + 4)
    for c, (name, _) in enumerate(columns):
        ws.write_string(2, c, name, f["header"])
    r = 3
    for u in ranking.units:
        values: list = [u.rank, u.unit] + [u.sections.get(s.name) if u.rank else None for s in sections]
        values += [u.bonus if u.rank else None] if BONUS in kinds else []
        values += [u.deductions if u.rank else None] if DEDUCTION in kinds else []
        note = [f"评分表有{u.errors}处错误" if u.errors else "", "否决项触发" if u.vetoed else "", u.note]
        values += [u.total, u.grade, u.mark, "；".join(n for n in note if n)]
        for c, value in enumerate(values):
            if c == last - 3:
                fmt = f["total"]
            elif c == last - 1:
                fmt = f.get(value, f["text"])  # 先进单位 / 约谈 shaded
            else:
                fmt = f["score"] if isinstance(value, float) else f["text"]
            if value is None or value == "":
                ws.write_blank(r, c, None, fmt)
            elif isinstance(value, (int, float)):
                ws.write_number(r, c, value, fmt)
            else:
                ws.write_string(r, c, safe_text(value), fmt)
        r += 1
    if spec:
        ws.set_row(r, 42)
        ws.merge_range(r, 0, r, last, _rule_note(spec), f["note"])
        ranked = len(ranking.ranked)
        if ranked:
            width = sum(int(w * 7 + 5) for _, w in columns)  # pixels: the table's width
            _chart(book, ws, spec, 3, 2 + ranked, last - 3, r + 2, title, width)
    _page(ws, 2)
    ws.fit_to_pages(1, 1)  # the table and its chart on one page


def _rule_note(spec) -> str:
    return (
        f"注：按总分（{spec.unit}）排名，总分相同者名次并列，其后名次顺延（如1、2、2、4）；"
        f"否决项触发的单位等级为{spec.veto_grade}，列于未触发单位之后。前{spec.advanced}名为"
        f"先进单位，后{spec.interview}名约谈（名次并列时一并计入）。未报、未填写或无法识别评分表"
        f"的单位不参加排名（未识别但满分相同的评分表按表中分值参加排名，备注中注明）。总分按各项得分计算（超过分值的按分值计），不取表中填写的合计。"
    )


def _chart(
    book, ws, spec, first: int, last: int, total_col: int, at_row: int, title: str, width: int
) -> None:
    """A native column chart of the totals, in ranking order, under the table."""
    chart = book.add_chart({"type": "column"})
    font = {"name": BODY_FONT, "size": 9}
    chart.add_series(
        {
            "name": "总分",
            "categories": ["考核排名", first, 1, last, 1],
            "values": ["考核排名", first, total_col, last, total_col],
            "data_labels": {"value": True, "num_format": "0.0", "font": font},
            "fill": {"color": "#4472C4"},
            "gap": 60,
        }
    )
    chart.set_title(
        {
            "name": title.removesuffix("排名") + "总分",
            "name_font": {"name": BODY_FONT, "size": 12, "bold": True},
        }
    )
    chart.set_x_axis({"num_font": font})
    chart.set_y_axis(
        {
            "min": 0,
            "max": spec.highest,
            "num_font": font,
            "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
        }
    )
    chart.set_legend({"none": True})
    chart.set_size({"width": width, "height": 320})
    ws.insert_chart(at_row, 0, chart)


def _matrix_sheet(book, f: dict, ranking: Ranking, spec: ScoreSpec, title: str, subtitle: str) -> None:
    """Items down, units across (in ranking order): a shaded cell lost points."""
    units = ranking.ranked
    ws = book.add_worksheet("逐项得分")
    columns = [("序号", 5), ("考核对象", 12), ("评分项", 24), ("分值", 6)]
    columns += [(safe_text(u.unit), 7) for u in units] + [("平均", 7)]
    last = len(columns) - 1
    for c, (_, width) in enumerate(columns):
        ws.set_column(c, c, width)
    ws.set_row(0, 30)
    ws.merge_range(0, 0, 0, last, title, f["title"])
    ws.merge_range(1, 0, 1, last, subtitle + "  底色标出失分项", f["subtitle"])
    ws.set_row(2, 30)
    for c, (name, _) in enumerate(columns):
        ws.write_string(2, c, name, f["header"])
    r = 3
    for section in spec.sections:
        items = [i for i in section.items if i.kind in (SCORE, BONUS, DEDUCTION)]
        if len(items) > 1:  # the section cell merged down over its items, as on the sheet
            ws.merge_range(r, 1, r + len(items) - 1, 1, section.name, f["wrap"])
        elif items:
            ws.write_string(r, 1, section.name, f["wrap"])
        for item in items:
            kind = {BONUS: "（激励项）", DEDUCTION: "（扣分项）"}.get(item.kind, "")
            label = item.label + kind
            lines = max(text_lines(label, 24), 1 if len(items) > 1 else text_lines(section.name, 12))
            if lines > 1:
                ws.set_row(r, 13.5 * lines)
            ws.write_string(r, 0, item.id, f["text"])
            ws.write_string(r, 2, label, f["wrap"])
            ws.write_number(r, 3, item.max, f["score"])
            points = []
            for c, u in enumerate(units, 4):
                value = u.items.get(item.id)
                if value is None:
                    ws.write_blank(r, c, None, f["lost"] if item.kind == SCORE else f["score"])
                    continue
                points.append(value)
                lost = item.kind == SCORE and value < item.max - 0.005
                ws.write_number(r, c, value, f["lost"] if lost else f["score"])
            average = sum(points) / len(points) if points else None
            if average is None:
                ws.write_blank(r, last, None, f["score"])
            else:
                ws.write_number(r, last, round(average, 2), f["score"])
            r += 1
    ws.merge_range(r, 0, r, 2, "总分", f["header"])
    ws.write_number(r, 3, spec.max, f["total"])
    for c, u in enumerate(units, 4):
        ws.write_number(r, c, u.total or 0, f["total"])
    ws.write_blank(r, last, None, f["total"])
    _page(ws, 2)


def _findings_sheet(book, f: dict, ranking: Ranking, subtitle: str) -> None:
    ws = book.add_worksheet("评分表问题")
    columns = [
        ("序号", 5),
        ("单位", 10),
        ("文件", 20),
        ("工作表", 12),
        ("单元格", 7),
        ("规则", 7),
        ("规则名称", 18),
        ("问题说明", 50),
    ]
    last = len(columns) - 1
    for c, (_, width) in enumerate(columns):
        ws.set_column(c, c, width)
    ws.merge_range(0, 0, 0, last, "评分表审核问题", f["title"])
    ws.merge_range(1, 0, 1, last, subtitle, f["subtitle"])
    for c, (name, _) in enumerate(columns):
        ws.write_string(2, c, name, f["header"])
    if not ranking.findings:
        ws.merge_range(3, 0, 3, last, "各单位评分表未发现问题", f["text"])
    for r, x in enumerate(ranking.findings, 3):
        values = [r - 2, x.unit, x.file, x.sheet, x.cell, x.rule, RULES[x.rule].title, x.message]
        lines = max(text_lines(v, w) for v, (_, w) in zip(values, columns) if isinstance(v, str))
        if lines > 1:
            ws.set_row(r, 13.5 * lines)
        for c, value in enumerate(values):
            if isinstance(value, int):
                ws.write_number(r, c, value, f["text"])
            else:
                ws.write_string(r, c, safe_text(value or ""), f["wrap"])
    _page(ws, 2)
