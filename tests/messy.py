"""Build workbooks the way a county clerk makes them (openpyxl, like Excel/WPS would save).

Forms are laid out as copied from the Word document: a 附表N label, the title, a 填表单位
line, two-row headers with merged group cells, the table at an offset, a 合计 row, footers.
Every builder takes options to make it messier; tests state by hand what they expect.
"""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

F5_GROUPS = ["上季度接转工程", "本季度新注册工程", "本季度在建工程", "本季度竣工工程", "本季度质量备案\n工程"]
F5_SUBS = ["项数", "面积\n（万㎡）", "造价\n（万元）"]
F3_HEADER = [
    "序号",
    "工程质量监督注册号",
    "工程名称",
    "结构\n类型",
    "建筑面积\n（平方米）",
    "工程造价\n（万元）",
    "施工单位",
    "监理单位",
    "形象进度",
    "备注",
]
F4_HEADER = [
    "序号",
    "工程质量监督注册号",
    "工程名称",
    "结构类型",
    "建筑面积\n（平方米）",
    "工程造价\n（万元）",
    "施工单位",
    "监理单位",
    "竣工\n日期",
    "竣工验收结论",
    "备案\n日期",
    "备案\n结论",
]
F1_TOP = [
    "记录\n编号",
    "工程名称",
    "责任单位",
    "责  任  人",
    None,
    "不良行为事实",
    "对应省不良记录管理办法条款",
    "记录人",
    "记录\n日期",
    "批准人",
    "批准\n日期",
]
F2_HEADER = [
    "记录编号",
    "工程名称",
    "责任单位",
    "时间",
    "违法违规事实",
    "处罚依据",
    "处罚内容",
    "处罚情况",
    "处理情况",
]
F6_ROWS = [
    "住宅工程",
    "保障性安居工程",
    "公共建筑工程",
    "大型公共建筑工程（2万平方米以上）",
    "钢结构\n工程",
    "县（区）\n工程",
]


def list_projects(f5_rows: list[list], completed_on: date) -> tuple[list[list], list[list]]:
    """附表3 and 附表4 rows that agree with the 附表5 rows (counts, areas in ㎡, costs)."""

    def figure(row, i):
        return _plain_number(row[i]) if i < len(row) else 0

    def projects(first: int, kind: str) -> list[list]:
        count = int(sum(figure(r, first) for r in f5_rows))
        area = sum(figure(r, first + 1) for r in f5_rows) * 10000
        cost = sum(figure(r, first + 2) for r in f5_rows)
        unit = f5_rows[0][0] if f5_rows and f5_rows[0] else ""
        return [
            [
                i + 1,
                f"豫质监{unit}2024-{kind}{i + 1:03d}",
                f"{kind}工程{i + 1}号楼",
                "框架",
                area / count,
                cost / count,
                "河南省第一建筑工程有限公司",
                "平顶山建设监理有限公司",
            ]
            for i in range(count)
        ]

    in_progress = [row + ["主体施工", ""] for row in projects(7, "在建")]
    filed = int(sum(figure(r, 13) for r in f5_rows))
    completed = [
        row
        + [
            completed_on,
            "合格",
            completed_on + timedelta(days=10) if i < filed else None,
            "准予备案" if i < filed else None,
        ]
        for i, row in enumerate(projects(10, "竣工"))
    ]
    return in_progress, completed


def _plain_number(value) -> float:
    """The figure a test row means (this builder shares no code with the reader)."""
    if isinstance(value, (int, float)):
        return value
    text = unicodedata.normalize("NFKC", str(value)).replace(",", "").strip()
    try:
        return float(text)
    except ValueError:
        return 0  # "", "—", "/", "无": nothing


def f5_row(
    unit,
    carried=(0, 0, 0),
    new=(0, 0, 0),
    in_progress=(0, 0, 0),
    completed=(0, 0, 0),
    filed=(0, 0, 0),
    rate=("", ""),
    satisfaction="",
    accidents=(0, 0, 0),
) -> list:
    """One 附表5 row in sheet order: 22 values."""
    return [unit, *carried, *new, *in_progress, *completed, *filed, *rate, satisfaction, *accidents]


class Clerk:
    """A workbook being filled in; ``save`` writes it like Excel would."""

    def __init__(self, unit_line: str | None = "填表单位（盖章）：叶县住房和城乡建设局") -> None:
        self.book = openpyxl.Workbook()
        self.book.remove(self.book.worksheets[0])  # the sheet a new workbook starts with
        self.unit_line = unit_line

    def sheet(self, name: str):
        return self.book[name] if name in self.book.sheetnames else self.book.create_sheet(name)

    def f5(
        self,
        rows: list[list],
        *,
        sheet="附表5",
        top=1,
        left=1,
        total="sum",
        merged=True,
        title="河南省建设工程质量监督季度统计表",
        period_line=None,
        footer="统计员：张三      批准人：李四      报送日期：2024年10月8日",
        groups=F5_GROUPS,
        rate_group="季度质量\n备案率（%）",
        filed_cost=True,
    ):
        """附表5 at (top, left) (1-based); total='sum' writes the 合计 of the rows.

        ``filed_cost=False`` draws the 备案 group with 项数 and 面积 only, as the seed's 附表7
        does; rows then hold 21 values.
        """
        ws = self.sheet(sheet)
        r = top
        ws.cell(r, left, "附表5")
        ws.cell(r + 1, left, title)
        r += 2
        if period_line:
            ws.cell(r, left, period_line)
            r += 1
        if self.unit_line:
            ws.cell(r, left, self.unit_line)
            r += 1
        h = r
        ws.cell(h, left, "市、县\n（市）\n序号")
        c = left + 1
        for g, group in enumerate(groups):
            subs = F5_SUBS if filed_cost or g != 4 else F5_SUBS[:2]
            ws.cell(h, c, group)
            for i, sub in enumerate(subs):
                ws.cell(h + 1, c + i, sub)
            if merged:
                ws.merge_cells(start_row=h, start_column=c, end_row=h, end_column=c + len(subs) - 1)
            c += len(subs)
        ws.cell(h, c, rate_group)
        ws.cell(h + 1, c, "项数")
        ws.cell(h + 1, c + 1, "面积")
        ws.cell(h, c + 2, "用户\n满意率\n（%）")
        ws.cell(h, c + 3, "本季度发生工程质量事故")
        for i, sub in enumerate(["项数", "死亡人数", "经济损失（万元）"]):
            ws.cell(h + 1, c + 3 + i, sub)
        if merged:
            ws.merge_cells(start_row=h, start_column=c, end_row=h, end_column=c + 1)
            ws.merge_cells(start_row=h, start_column=c + 3, end_row=h, end_column=c + 5)
            ws.merge_cells(start_row=h, start_column=left, end_row=h + 1, end_column=left)
            ws.merge_cells(start_row=h, start_column=c + 2, end_row=h + 1, end_column=c + 2)
        r = h + 2
        for row in rows:
            for i, v in enumerate(row):
                ws.cell(r, left + i, v)
            r += 1
        if total == "sum":
            ws.cell(r, left, "合计")
            rates = (16, 17, 18) if filed_cost else (15, 16, 17)
            for i in range(1, len(rows[0])):
                values = [row[i] for row in rows if isinstance(row[i], (int, float))]
                if i not in rates:
                    ws.cell(r, left + i, sum(values))
            r += 1
        elif isinstance(total, list):
            for i, v in enumerate(total):
                ws.cell(r, left + i, v)
            r += 1
        ws.cell(r, left, "填表说明：1、在建工程：已办理监督注册手续……")
        if footer:
            ws.cell(r + 1, left, footer)
        return ws

    def f7(self, rows: list[list], **options):
        """附表7 年度统计表: 附表5's layout with the annual title and group headers."""
        return self.f5(
            rows,
            sheet="附表7",
            title="河南省建设工程质量监督年度统计表",
            groups=[
                "上年度接转工程",
                "本年度新注册工程",
                "截止到年底在建\n工程",
                "截止到年底竣工\n工程",
                "本年度备案工程",
            ],
            rate_group="本年度质量备案率（%）",
            **options,
        )

    def f6(self, rows: dict[str, list] | None = None, *, sheet="附表6", top=1, left=1):
        """附表6; rows maps a row label of F6_ROWS to its 13 values."""
        ws = self.sheet(sheet)
        ws.cell(top, left, "附表6")
        ws.cell(top + 1, left, "河南省建设工程质量监督季（年）度分类统计表")
        ws.cell(top + 2, left, self.unit_line or "")
        h = top + 3
        ws.cell(h, left, "项  目")
        groups = ["本季/年新注册项目", "本季/年竣工工程", "本季/年质量备案工程", "本季/年在建工程"]
        subs = [["项数", "面 积\n（万㎡）", "造 价\n（万元）"]] * 2 + [
            ["项数", "面积\n（万㎡）", "造价（万元）", "备案率\n（项%）"],
            ["项数", "面积\n（万㎡）", "造价\n（万元）"],
        ]
        c = left + 1
        for group, sub in zip(groups, subs):
            ws.cell(h, c, group)
            ws.merge_cells(start_row=h, start_column=c, end_row=h, end_column=c + len(sub) - 1)
            for i, s in enumerate(sub):
                ws.cell(h + 1, c + i, s)
            c += len(sub)
        ws.merge_cells(start_row=h, start_column=left, end_row=h + 1, end_column=left)
        for i, label in enumerate(F6_ROWS):
            ws.cell(h + 2 + i, left, label)
            for j, v in enumerate((rows or {}).get(label, [])):
                ws.cell(h + 2 + i, left + 1 + j, v)
        ws.cell(h + 2 + len(F6_ROWS), left, "统计员：        批准人：        报送日期：")
        return ws

    def detail(self, form: int, rows: list[list], *, sheet=None, top=1, left=1, footer=True):
        """附表1-4 with their official headers (附表1 with its two-row 责任人 header)."""
        titles = {
            1: ("河南省建设工程有关责任主体及相关责任人员", "不良行为记录统计表"),
            2: ("河南省建设工程质量责任主体行政处罚记录表",),
            3: ("河南省建设工程质量监督在建工程明细表",),
            4: ("河南省建设工程质量监督竣工工程明细表",),
        }
        if sheet is None and f"附表{form}" in self.book.sheetnames:  # a second call replaces it
            self.book.remove(self.book[f"附表{form}"])
        ws = self.sheet(sheet or f"附表{form}")
        r = top
        ws.cell(r, left, f"附表{form}")
        for line in titles[form]:
            r += 1
            ws.cell(r, left, line)
        r += 1
        ws.cell(r, left, self.unit_line or "")
        h = r + 1
        if form == 1:
            for i, label in enumerate(F1_TOP):
                if label:
                    ws.cell(h, left + i, label)
            ws.cell(h + 1, left + 3, "姓名")
            ws.cell(h + 1, left + 4, "职务")
            ws.merge_cells(start_row=h, start_column=left + 3, end_row=h, end_column=left + 4)
            for i in (0, 1, 2, 5, 6, 7, 8, 9, 10):
                ws.merge_cells(start_row=h, start_column=left + i, end_row=h + 1, end_column=left + i)
            r = h + 2
        else:
            header = {2: F2_HEADER, 3: F3_HEADER, 4: F4_HEADER}[form]
            for i, label in enumerate(header):
                ws.cell(h, left + i, label)
            r = h + 1
        for row in rows:
            for i, v in enumerate(row):
                ws.cell(r, left + i, v)
            r += 1
        if footer:
            ws.cell(r, left, "统计员：        批准人：        报送日期：2024年10月8日")
        return ws

    def all_forms(self, f5_rows: list[list], completed_on=date(2024, 8, 15), **f5_options):
        """A complete quarterly package: 附表1-6; 附表3/4 list the projects 附表5 counts."""
        in_progress, completed = list_projects(f5_rows, completed_on)
        for n, rows in ((1, []), (2, []), (3, in_progress), (4, completed)):
            self.detail(n, rows)
        self.f5(f5_rows, **f5_options)
        self.f6({})
        return self

    def save(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.book.save(path)
        return path


def width(ws) -> str:
    return get_column_letter(ws.max_column)


# The rows and inbox several test modules share (叶县 is the standard well-formed unit).
YE = f5_row(
    "叶县",
    (10, 5.0, 3000),
    (4, 2.0, 1200),
    (12, 6.0, 3600),
    (2, 1.0, 600),
    (2, 1.0, 600),
    ("100%", "100%"),
    "95%",
)
WU = f5_row(
    "舞钢市",
    (8, 4.1, 2500),
    (3, 1.2, 800),
    (6, 3.3, 2100),
    (5, 2.0, 1200),
    (4, 1.5, 1000),
    (80, 75),
    90,
    (1, 1, 35.5),
)
ZH = f5_row("湛河区", (5, 2.5, 900), (0, 0, 0), (5, 2.5, 900), (0, 0, 0), (0, 0, 0), ("", ""), "")
F3_ROWS = [
    [1, "PDS-YX-001", "幸福家园1#楼", "框剪", 12000, 3000, "甲建筑公司", "乙监理公司", "主体"],
    [2, "PDS-YX-002", "@幸福家园2#楼", "框架", "8,500", 600, "+86建工", "乙监理公司", "基础"],
] + [
    [n, f"PDS-YX-00{n}", f"幸福家园{n}#楼", "砖混", 1500, 100, "甲建筑公司", "乙监理公司", "主体"]
    for n in (3, 4, 5)
]  # 湛河区's five projects in progress: 2.5 万㎡


def city_inbox(inbox: Path) -> Path:
    """叶县, 舞钢市 and 湛河区 of 平顶山市: totals hand-computed in test_consolidate.py."""
    Clerk("填表单位（公章）：叶县住建局").all_forms([YE]).save(inbox / "叶县.xlsx")
    clerk = Clerk("填表单位（公章）：舞钢市").all_forms([WU])
    clerk.f6({"住宅工程": [1, 0.4, 100, 2, 0.8, 300, 1, 0.3, 100, 50, 4, 2.0, 900]})
    clerk.save(inbox / "舞钢市.xlsx")
    clerk = Clerk("填表单位（公章）：湛河区").all_forms([ZH])
    clerk.detail(3, F3_ROWS)
    clerk.f6({"住宅工程": [0, 0, 0, 0, 0, 0, 0, 0, 0, "", 3, 1.5, 800]})  # nothing new or completed
    clerk.save(inbox / "湛河区.xlsx")
    return inbox


def unit_workbook(unit: str, row: list, bad=(), penalties=(), text=()) -> Clerk:
    """One unit's quarterly package with its 附表1/附表2 rows and a 文字材料 sheet (report tests)."""
    clerk = Clerk(f"填表单位（公章）：{unit}住房和城乡建设局")
    clerk.all_forms([row])
    clerk.detail(1, list(bad))
    clerk.detail(2, list(penalties))
    if text:
        ws = clerk.sheet("文字材料")
        for i, line in enumerate(text, 1):
            ws.cell(i, 1, line)
    return clerk
