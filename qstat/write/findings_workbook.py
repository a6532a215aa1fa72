"""The findings workbook: every finding with its place, and the roster of files.

The clerk filters it by unit, form or rule and forwards each unit its own rows.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import xlsxwriter

from ..rules import RULES
from .layout import BODY_FONT, text_lines
from .safe import safe_text

if TYPE_CHECKING:
    from ..consolidate import Result

SEVERITY_CN = {"error": "错误", "warning": "警告", "info": "提示"}
STATUS_CN = {"ok": "已报", "errors": "有错误", "unreadable": "无法读取", "ignored": "已忽略",
             "superseded": "已替换"}
_FINDING_COLUMNS = [("序号", 6), ("单位", 10), ("文件", 24), ("报表", 6), ("工作表", 12),
                    ("单元格", 8), ("规则", 8), ("规则名称", 20), ("级别", 6), ("问题说明", 60),
                    ("原值", 14), ("单位情况说明", 30)]
_ROSTER_COLUMNS = [("序号", 6), ("单位", 12), ("文件", 30), ("状态", 10), ("计入汇总", 8),
                   ("错误", 6), ("警告", 6), ("已说明", 7)]


def write_findings_workbook(path: Path, result: Result) -> Path:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False,
                                           "strings_to_numbers": False,
                                           "strings_to_urls": False})
    head = book.add_format({"font_name": BODY_FONT, "bold": True, "border": 1, "align": "center",
                            "valign": "vcenter", "bg_color": "#DDEBF7", "text_wrap": True})
    cell = book.add_format({"font_name": BODY_FONT, "border": 1, "valign": "top",
                            "text_wrap": True})
    title = book.add_format({"font_name": BODY_FONT, "bold": True, "font_size": 14})

    rows = [[i, f.unit, f.file, f.form, f.sheet, f.cell, f.rule, RULES[f.rule].title,
             SEVERITY_CN.get(f.severity, f.severity), f.message, f.value, f.explanation]
            for i, f in enumerate(result.findings, 1)]
    _table(book.add_worksheet("问题清单"), f"{result.office}{result.period.chinese()}报表审核问题清单",
           _FINDING_COLUMNS, rows, head, cell, title)
    roster = [[i, s.unit, s.file, STATUS_CN[s.status], "是" if s.included else "否", s.errors,
               s.warnings, s.explained] for i, s in enumerate(result.submissions, 1)]
    roster += [[len(roster) + i, u, None, "未报", "否", 0, 0, 0]
               for i, u in enumerate(result.missing_units, 1)]
    _table(book.add_worksheet("报送情况"), f"{result.office}{result.period.chinese()}报送情况",
           _ROSTER_COLUMNS, roster, head, cell, title)
    book.close()
    return path


def _table(ws, heading: str, columns, rows, head, cell, title) -> None:
    ws.write_string(0, 0, safe_text(heading), title)
    for c, (name, width) in enumerate(columns):
        ws.set_column(c, c, width)
        ws.write_string(1, c, name, head)
    widths = [width for _, width in columns]
    for r, values in enumerate(rows, 2):
        lines = max([text_lines(v, w) for v, w in zip(values, widths) if isinstance(v, str)],
                    default=1)
        if lines > 1:
            ws.set_row(r, 13.5 * lines)
        for c, value in enumerate(values):
            if value is None:
                ws.write_blank(r, c, None, cell)
            elif isinstance(value, (int, float)):
                ws.write_number(r, c, value, cell)
            else:
                ws.write_string(r, c, safe_text(str(value)), cell)
    ws.autofilter(1, 0, 1 + len(rows), len(columns) - 1)
    ws.freeze_panes(2, 0)
    ws.repeat_rows(1)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
