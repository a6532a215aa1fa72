"""The rule catalogue: every finding qstat can produce, with its stable code.

Codes and severities are those of FORMS.md; they never change meaning, because clerks,
scripts and the history database refer to them. Each rule is registered once here with a
Chinese title (what the clerk reads) and a docstring-like note (what it checks, why, how to
fix). ``docs/rules.md`` is generated from this table (``python -m qstat.rules``).
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    title: str  # 中文标题, shown to the clerk
    doc: str  # what it checks, why, and how the unit fixes it


_RULES = [
    # Intake
    Rule("IN001", ERROR, "文件无法读取",
         "The file cannot be opened as a spreadsheet: corrupt, truncated, password-protected, "
         "or a spreadsheet extension on something else. It is excluded from the totals; the "
         "run goes on. Fix: save the workbook again from Excel/WPS as .xlsx without a password."),
    Rule("IN002", INFO, "非报表文件，已忽略",
         "Lock and temporary files (~$x.xlsx, .~lock.x#, hidden files) and files that are not "
         "spreadsheets (.docx, .pdf, .txt) are listed with status `ignored` and not read."),
    Rule("IN003", ERROR, "无法确定填报单位",
         "Neither the 填表单位 line nor the file name names a unit of the configuration "
         "(units or aliases). Fix: write the unit on the 填表单位（公章） line, or add an alias."),
    Rule("IN004", ERROR, "报表期别与本次汇总期别不符",
         "A title states another period (2024年第二季度 while consolidating 2024Q3), or the "
         "报送日期 lies before the start of the period (the workbook was filled in before the "
         "quarter began). A later 报送日期 is normal: reports are sent after the quarter ends."),
    Rule("IN005", WARNING, "重复报送，已采用最新文件",
         "Two or more files for one unit. The newest is used: by the 报送日期/填表日期 written "
         "in the workbook, then a version mark in the file name (_v2, (修改), 修订, 最终), then "
         "the file's modification time. The others get status `superseded`."),
    Rule("IN006", ERROR, "缺少应报报表",
         "A form the period requires (附表1-6 quarterly; 附表6 and 附表7 for a year) is not "
         "in the workbook. Fix: add the form, even empty."),
    Rule("IN007", WARNING, "公式单元格无计算结果",
         "A formula cell carries no cached value (files written by scripts, some WPS versions). "
         "qstat recomputes it from the cells it references; when that is impossible the "
         "finding is an error and the cell is read as empty. Fix: open and save in Excel."),
    Rule("IN008", WARNING, "未报单位",
         "A unit of the configuration sent no workbook for the period (未报单位)."),
    # Structure and cells
    Rule("ST001", ERROR, "表头无法识别",
         "The form's title was found but its header lacks required columns (they are named). "
         "Fix: use the official header texts of the form."),
    Rule("ST002", ERROR, "数值单元格填写了非数值内容",
         "A numeric cell holds text that is not a number (约3, 待定). The value is quoted; the "
         "cell counts as empty. Fix: write the number only."),
    Rule("ST003", ERROR, "数值为负", "Counts, areas, costs and rates cannot be negative."),
    Rule("ST004", ERROR, "项数不是整数", "A count (项数, 死亡人数) has a fractional part."),
    Rule("ST005", ERROR, "日期无效",
         "A date cell cannot be read as a date (2024.9.31, 九月). Accepted: Excel dates, "
         "2024.7.15, 2024-07-15, 2024/7/15, 2024年7月15日, 20240715."),
    Rule("ST006", WARNING, "数值已规范化",
         "A value was read after normalising it: full-width digits, thousands separators, "
         "'—' '/' '无' read as 0, a percentage written as a fraction (0.95 → 95), or an area "
         "converted between ㎡ and 万㎡ as the header states. Check the figure is meant."),
    # F5 / F7 checks that only need the form itself
    Rule("F5-001", ERROR, "合计行与各单位之和不符",
         "The stated 合计 row of 附表5 differs from the sum of the unit rows (tolerance: one "
         "unit of the last printed digit). The sum of the unit rows is used."),
    Rule("F5-002", ERROR, "备案率与备案项数/竣工项数不符",
         "The stated 季度质量备案率 differs from filed / completed × 100 by more than 0.1 point. "
         "The recomputed rate is used."),
    Rule("F7-001", ERROR, "年度统计表合计行与各单位之和不符", "As F5-001, for 附表7."),
    Rule("F7-002", ERROR, "年度备案率与备案项数/竣工项数不符", "As F5-002, for 附表7."),
    # Score sheets
    Rule("SC001", ERROR, "得分超过该项分值",
         "An item's score is above its 分值 (max). It is counted at the max. Fix: score within "
         "the item's points."),
    Rule("SC002", ERROR, "得分为负（不倒扣分）",
         "An item's score is negative; the sheets say 扣完为止，不倒扣分. Counted as 0."),
    Rule("SC003", ERROR, "得分按评分标准无法得到",
         "The score cannot result from the item's rule: \"记6分，不满足一项扣2分\" allows 6, 4, "
         "2, 0; \"记1.5分；…记1.5分\" allows 0, 1.5, 3; a 扣分项 is a multiple of its points. "
         "Counted as written. Fix: recheck the item."),
    Rule("SC004", ERROR, "小计与本部分各项得分之和不符",
         "A section's 小计 differs from the sum of its items' scores as written."),
    Rule("SC005", ERROR, "合计与各项得分之和不符或超过满分",
         "The 合计 row differs from the sum of the item scores (plus 激励项, minus 扣分项), or "
         "exceeds the sheet's maximum. The ranking uses the sum of the items."),
    Rule("SC006", WARNING, "扣分未填写评分依据",
         "The spec requires a 评分依据 for every deduction (seed 004: 评分依据要说明得分或扣分原因) "
         "and an item with points deducted has none."),
    Rule("SC007", INFO, "否决项触发，考核等级为D",
         "A 否决项 (veto item) is marked as triggered (是/发生): the grade is D whatever the "
         "total, and the unit is ranked after every unit without a veto."),
    Rule("SC008", ERROR, "激励项加分超过上限",
         "A 激励项 (bonus item) adds more than its cap. It is counted at the cap."),
    Rule("SC009", ERROR, "评分表与已知评分标准不符",
         "The score sheet's item rows match no known spec (under half of any spec's items "
         "found), or items of the matched spec are missing (counted as 0). Fix: use the "
         "official sheet of the year, with its item texts."),
    Rule("SC010", WARNING, "评分表未填写得分",
         "An item of the score sheet has no score (counted as 0), or no item has one: a blank "
         "template was sent, and the unit is listed as 评分表未填写, not ranked."),
]

RULES: dict[str, Rule] = {r.code: r for r in _RULES}


def markdown() -> str:
    """The catalogue as the Markdown page ``docs/rules.md``."""
    lines = ["# Rule catalogue", "", "Generated by `python -m qstat.rules`; do not edit.", "",
             "| code | severity | 标题 | what it checks |", "|---|---|---|---|"]
    lines += [f"| {r.code} | {r.severity} | {r.title} | {r.doc} |" for r in _RULES]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
