"""The findings workbook: every finding with its place, and the roster of files.

The clerk filters it by unit, form or rule and forwards each unit its own rows.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import xlsxwriter

from ..decided import Decided
from ..forms import FORMS
from ..intake import (
    ERRORS,
    IGNORED,
    OK,
    REPORT_MISSING,
    REPORT_READ,
    SUPERSEDED,
    report_states,
)
from ..rules import RULES, Severity, Status
from .layout import BODY_FONT, LINE_HEIGHT, PAGE_FOOTER, text_lines
from .safe import safe_text

if TYPE_CHECKING:
    from ..result import Result

_FINDING_COLUMNS = [
    ("序号", 6),
    ("单位", 10),
    ("文件", 24),
    ("报表", 7),
    ("工作表", 12),
    ("单元格", 8),
    ("规则", 8),
    ("规则名称", 20),
    ("级别", 8),
    ("问题说明", 60),
    ("原值", 14),
    ("单位情况说明", 30),
]
_ROSTER_COLUMNS = [
    ("序号", 6),
    ("单位", 12),
    ("文件", 30),
    ("状态", 10),
    ("计入汇总", 8),
    ("错误", 6),
    ("警告", 6),
    ("已说明", 7),
    ("修改情况", 36),
    ("分析报告", 9),  # the unit's own analysis report: 已报 / 未报 / 无法读取
]


def write_findings_workbook(path: Path, result: Result) -> Path:
    """问题清单 (errors first, coloured by severity) and 报送情况 (the units in config order)."""
    book = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    base = {"font_name": BODY_FONT, "font_size": 10}
    head = book.add_format(
        base
        | {
            "bold": True,
            "border": 1,
            "align": "center",
            "valign": "vcenter",
            "bg_color": "#DDEBF7",
            "text_wrap": True,
        }
    )
    cell = {"": book.add_format(base | {"border": 1, "valign": "top", "text_wrap": True})}
    cell |= {
        k: book.add_format(base | {"border": 1, "valign": "top", "text_wrap": True, "bg_color": colour})
        for k, colour in FILLS.items()
    }
    title = book.add_format({"font_name": BODY_FONT, "bold": True, "font_size": 14})
    section = book.add_format({"font_name": BODY_FONT, "bold": True, "font_size": 11})

    order: dict[str | None, int] = {u: i for i, u in enumerate(result.units)}
    listed = sorted(
        result.findings, key=lambda f: (f.severity.rank, f.explained, order.get(f.unit, len(order)))
    )
    rows = [
        (
            [
                i,
                f.unit,
                f.file,
                form_name(f.form),
                f.sheet,
                f.cell,
                f.rule,
                RULES[f.rule].title,
                f.severity.label + ("（已说明）" if f.explained else ""),
                f.message,
                f.value,
                f.explanation,
            ],
            "explained" if f.explained else f.severity,
        )
        for i, f in enumerate(listed, 1)
    ]
    counts = "、".join(
        f"{k.label}{n}条" for k in Severity if (n := sum(f.severity == k for f in result.findings))
    )
    ws = book.add_worksheet("问题清单")
    _table(
        ws,
        f"{result.office}{result.period.chinese()}报表审核问题清单（{counts or '无问题'}）",
        _FINDING_COLUMNS,
        rows,
        head,
        cell,
        title,
    )
    _page(ws, 1, len(rows), len(_FINDING_COLUMNS))
    units, others = _roster(result)
    ws = book.add_worksheet("报送情况")
    r = _table(
        ws,
        f"{result.office}{result.period.chinese()}报送情况：{_roster_counts(result)}",
        _ROSTER_COLUMNS,
        units,
        head,
        cell,
        title,
    )
    if others:  # lock files, documents, files of no unit: not submissions, listed apart
        ws.write_string(r + 1, 0, "其他文件（未作为报表处理）", section)
        r = _table(ws, None, _ROSTER_COLUMNS, others, head, cell, title, top=r + 2)
    _page(ws, 1, r - 2, len(_ROSTER_COLUMNS), autofilter=False)
    book.close()
    return path


FILLS = {"error": "#FFC7CE", "warning": "#FFEB9C", "info": "#EDEDED", "explained": "#C6EFCE"}


def form_name(form: str | None) -> str | None:
    """附表5, 评分表: the form as the clerk knows it."""
    if form in FORMS:
        return FORMS[form].sheet_name
    return "评分表" if form == "SC" else form


def _roster(result: Result) -> tuple[list, list]:
    """The units in config order, each with its files (the one used first), 未报 units in place;
    then the files that are no unit's submission. Each unit's first row says whether its
    analysis report came."""
    reports = report_states(result.submissions)
    units, n = [], 0
    for unit in result.units:
        files = sorted(
            (s for s in result.submissions if s.unit == unit and s.status != IGNORED),
            key=lambda s: (not s.included, s.is_report, s.status == SUPERSEDED),
        )
        entries: list[Decided | None] = list(files) or [None]  # None: the unit sent nothing
        report: str | None = reports.get(unit, REPORT_MISSING)
        for s in entries:
            n += 1
            if s is None:
                units.append(([n, unit, None, "未报", "否", 0, 0, 0, None, report], "warning"))
            else:
                units.append(
                    (
                        [
                            n,
                            unit,
                            s.file,
                            Status(s.status).label,
                            "是" if s.included else "否",
                            s.errors,
                            s.warnings,
                            s.explained,
                            _revision(s),
                            report,
                        ],
                        "error" if s.errors else "",
                    )
                )
            report = None  # said once, on the unit's first row
    others = [
        (
            [i, s.unit, s.file, Status(s.status).label, "否", s.errors, s.warnings, s.explained, None, None],
            "info",
        )
        for i, s in enumerate(
            (s for s in result.submissions if s.status == IGNORED or s.unit not in result.units), 1
        )
    ]
    return units, others


def _revision(sub) -> str | None:
    """修改情况 of a resubmission: 较“叶县.xlsx”已修改3处，已改正2条，新增0条."""
    return f"较“{sub.revision.previous}”{sub.revision.counts()}" if sub.revision else None


def _roster_counts(result: Result) -> str:
    """应报12个单位：已报11个，未报1个，有错误4个；已替换文件1个，已忽略文件2个；分析报告已报3个，未报9个."""
    subs = result.submissions
    reported = {s.unit for s in subs if s.unit in result.units and s.status in (OK, ERRORS)}
    with_errors = {s.unit for s in subs if s.unit in result.units and s.status == ERRORS}
    superseded = sum(s.status == SUPERSEDED for s in subs)
    ignored = sum(s.status == IGNORED for s in subs)
    missing = f"（{'、'.join(result.missing_units)}）" if result.missing_units else ""
    reports = report_states(subs)
    read = sum(reports.get(u) == REPORT_READ for u in result.units)
    return (
        f"应报{len(result.units)}个单位，已报{len(reported)}个，"
        f"未报{len(result.missing_units)}个{missing}，有错误{len(with_errors)}个；"
        f"已替换文件{superseded}个，已忽略文件{ignored}个；分析报告已报{read}个，"
        f"未报{len(result.units) - read}个"
    )


def _table(ws, heading: str | None, columns, rows, head, cell, title, top: int = 0) -> int:
    """A heading, the header row and the rows (each with its fill); returns the next free row."""
    if heading:
        ws.write_string(top, 0, safe_text(heading), title)
    for c, (name, width) in enumerate(columns):
        ws.set_column(c, c, width)
        ws.write_string(top + 1, c, name, head)
    widths = [width for _, width in columns]
    for r, (values, fill) in enumerate(rows, top + 2):
        lines = max([text_lines(v, w) for v, w in zip(values, widths) if isinstance(v, str)], default=1)
        ws.set_row(r, LINE_HEIGHT * lines + 2)
        fmt = cell[fill]
        for c, value in enumerate(values):
            if value is None:
                ws.write_blank(r, c, None, fmt)
            elif isinstance(value, (int, float)):
                ws.write_number(r, c, value, fmt)
            else:
                ws.write_string(r, c, safe_text(str(value)), fmt)
    return top + 2 + len(rows)


def _page(ws, header_row: int, rows: int, columns: int, autofilter: bool = True) -> None:
    if autofilter:
        ws.autofilter(header_row, 0, header_row + rows, columns - 1)
    ws.freeze_panes(header_row + 1, 0)
    ws.repeat_rows(header_row)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.7)
    ws.set_footer(PAGE_FOOTER, {"margin": 0.3})
