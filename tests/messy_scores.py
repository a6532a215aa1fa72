"""Score sheets filled the way a clerk fills them (openpyxl), next to messy.py's forms.

The sheet is copied out of the Word document: title, 填表单位 line, the header with 考核评分
merged over 得分/小计, the section cell merged down over its items with "（50分）" on a new
line, item texts broken into lines as they wrapped in Word, 小计 merged down, a 合计 row. The
table starts at an offset. Scores, 小计 and 合计 are what the test types: nothing is computed
here, so a wrong 小计 is simply typed wrong.
"""

from __future__ import annotations

from qstat.scores.spec import SPECS_DIR, ScoreSpec, load_spec

HENAN = ["序号", "考核对象", "评分内容及评分标准", None, "分值", "考核评分"]
HENAN_SUB = [None, None, None, None, None, "得分", "小计"]
WATER = ["序\n号", "责任主体", "评价要点", "评价内容", "占比", "评价标准", "得分", "备注"]
HUIZHOU = ["考核\n内容", "考核指标", "考核要点", "分值", "评分标准", "自评得分",
           "评分依据\n（注明得分、扣分情况）"]


def spec(name: str) -> ScoreSpec:
    return load_spec(SPECS_DIR / f"{name}.toml")


def wrapped(text: str, width: int = 18) -> str:
    """Text with the line breaks Word's cell wrap leaves in a copy, plus a stray space."""
    lines = [text[i:i + width] for i in range(0, len(text), width)]
    return "\n".join(lines).replace("，", "， ", 1)


def henan_sheet(clerk, spec: ScoreSpec, scores: dict, *, subtotals: dict | None = None,
                total=None, sheet="考核评分表", top=2, left=2, title=True):
    """A seed-002 sheet: 序号 | 考核对象 | 评分内容及评分标准 (name, text) | 分值 | 得分 | 小计."""
    ws = clerk.sheet(sheet)
    r = top
    if title:
        ws.cell(r, left, spec.title)
        ws.merge_cells(start_row=r, start_column=left, end_row=r, end_column=left + 6)
        ws.cell(r + 1, left, "填报单位：" + (clerk.unit_line or "").split("：")[-1])
        r += 2
    for i, label in enumerate(HENAN):
        if label:
            ws.cell(r, left + i, label)
    for i, label in enumerate(HENAN_SUB):
        if label:
            ws.cell(r + 1, left + i, label)
    for i in (0, 1, 4):
        ws.merge_cells(start_row=r, start_column=left + i, end_row=r + 1, end_column=left + i)
    ws.merge_cells(start_row=r, start_column=left + 2, end_row=r + 1, end_column=left + 3)
    ws.merge_cells(start_row=r, start_column=left + 5, end_row=r, end_column=left + 6)
    r += 2
    for n, section in enumerate(spec.sections, 1):
        first = r
        for item in section.items:
            if item.name:
                ws.cell(r, left + 2, item.name[:2] + "\n" + item.name[2:] if len(item.name) > 4
                        else item.name)
                ws.cell(r, left + 3, wrapped(item.text))
            else:  # the seed's 工作亮点 row: the text spans both columns
                ws.cell(r, left + 2, wrapped(item.text))
                ws.merge_cells(start_row=r, start_column=left + 2, end_row=r, end_column=left + 3)
            ws.cell(r, left + 4, item.max)
            if item.id in scores:
                ws.cell(r, left + 5, scores[item.id])
            r += 1
        ws.cell(first, left, n)
        ws.cell(first, left + 1, f"{section.name}\n（{section.max:g}分）")
        if subtotals and section.name in subtotals:
            ws.cell(first, left + 6, subtotals[section.name])
        if r - 1 > first:
            for c in (0, 1, 6):
                ws.merge_cells(start_row=first, start_column=left + c, end_row=r - 1,
                               end_column=left + c)
    ws.cell(r, left, "合                 计")
    ws.merge_cells(start_row=r, start_column=left, end_row=r, end_column=left + 3)
    ws.cell(r, left + 4, spec.max)
    if total is not None:
        ws.cell(r, left + 5, total)
        ws.merge_cells(start_row=r, start_column=left + 5, end_row=r, end_column=left + 6)
    ws.cell(r + 2, left, "填表人：王五        审核人：李四        填表日期：2024年10月8日")
    return ws


def water_sheet(clerk, spec: ScoreSpec, scores: dict, *, total=None, sheet="自评", top=3,
                left=1, fractions=False):
    """The seed-000 评价细则 with a 得分 column added; 占比 typed "4%" (or 0.04 if fractions)."""
    ws = clerk.sheet(sheet)
    ws.cell(top - 2, left, spec.title + "（自评）")
    for i, label in enumerate(WATER):
        ws.cell(top, left + i, label)
    r = top + 1
    for n, item in enumerate(spec.items, 1):
        content, _, rule = item.text.partition("\n（1）")
        if not rule:
            content, _, rule = item.text.rpartition("\n")
        else:
            rule = "（1）" + rule
        values = [n, "水行政主管部门", item.name[:4] + "\n" + item.name[4:], content,
                  item.max / 100 if fractions else f"{item.max:g}%", rule,
                  scores.get(item.id), "激励项" if item.kind == "bonus" else None]
        for i, v in enumerate(values):
            if v is not None:
                ws.cell(r, left + i, v)
        r += 1
    ws.cell(r, left, "合计")
    if total is not None:
        ws.cell(r, left + 6, total)
    ws.cell(r + 1, left, "注：巡查专家视现场检查情况可酌情扣分。")
    return ws


def huizhou_sheet(clerk, spec: ScoreSpec, scores: dict, reasons: dict | None = None, *,
                  total=None, sheet="自评打分表", top=4, left=3):
    """The seed-004 自评打分表: 考核内容 merged down, 考核要点 groups merged, 评分依据 column."""
    ws = clerk.sheet(sheet)
    ws.cell(top - 3, left, "惠州市2017年度县（区）人民政府质量工作\n考核自评打分表（样表）")
    for i, label in enumerate(HUIZHOU):
        ws.cell(top, left + i, label)
    r = top + 1
    reasons = reasons or {}
    for section in spec.sections:
        first = r
        for item in section.items:
            ws.cell(r, left + 1, item.name if item.kind in ("veto", "deduction") else None)
            ws.cell(r, left + 2, item.name if item.kind == "score" else None)
            ws.cell(r, left + 3, item.max if item.kind == "score" else None)
            ws.cell(r, left + 4, item.text)
            for c, value in ((5, scores.get(item.id)), (6, reasons.get(item.id))):
                if value is not None:
                    ws.cell(r, left + c, value)
            r += 1
        ws.cell(first, left, section.name[:2] + "\n" + section.name[2:])
        if r - 1 > first:
            ws.merge_cells(start_row=first, start_column=left, end_row=r - 1, end_column=left)
    ws.cell(r, left, "总分")
    if total is not None:
        ws.cell(r, left + 5, total)
    return ws
