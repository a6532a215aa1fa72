"""Writing one workbook the way a given clerk fills it in: clerk styles, the forms."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from .city import APPROVER, FORMS, MEASURES, STATIST, c2f, cn_date
from .ledger import UnitQuarter

# --------------------------------------------------------------------------- clerk styles


@dataclass
class Style:
    """How one clerk lays out and types the workbook."""

    sheet_names: tuple[str, ...] = ("附表1", "附表2", "附表3", "附表4", "附表5", "附表6")
    single_sheet: str | None = None  # all forms stacked on this one sheet
    order: tuple[str, ...] = FORMS  # sheet order
    top: int = 1  # first used row / column (1-based)
    left: int = 1
    header: str = "flat"  # flat 面积（万㎡） | seed 面积\n（万㎡） | spaced 项  数
    merged: bool = True  # merged two-row headers
    dates: str = "excel"  # excel | dot 2024.7.15 | dash 2024-07-15 | cn 2024年7月1日
    date_format: str = "yyyy-mm-dd"
    pct: str = "number"  # number 83.3 | text "83.3%" | fraction 0.833 as 0.0%
    zero: str | None = None  # how a zero accident figure is typed: "—", "/", "无"
    formulas: str | None = None  # None | nocache (openpyxl) | cached (LibreOffice)
    filler: str = ""  # the unit as written on the 填表单位 line
    period: str | None = "{label}"  # the period line under the title
    overrides: dict = field(default_factory=dict)  # cell key -> (value or fn, rule, why)
    empty_text: dict = field(default_factory=dict)  # form -> "本季度无…" typed in a 0-row form
    blank_rows: int = 2  # empty bordered rows left over from the template


@dataclass
class ScorePlan:
    """A unit's self-score sheet: full marks except ``scores``; ``typed`` overrides what the
    clerk writes in a 小计 (by section number) or the 合计 ("total"), to plant a problem."""

    scores: dict[str, float] = field(default_factory=dict)  # item id -> score written
    counted: dict[str, float] = field(default_factory=dict)  # item id -> score that counts
    typed: dict = field(default_factory=dict)
    planted: dict = field(default_factory=dict)  # item id / "s1" / "total" -> (rule, why)
    sheet: str = "考核评分表"
    top: int = 2
    left: int = 1
    merged: bool = True


@dataclass
class Submission:
    file: str
    unit: str
    uq: UnitQuarter
    style: Style
    reported: dt.date
    stated: dict = field(default_factory=dict)  # F5 as the file states it (integers)
    f6: dict = field(default_factory=dict)
    status: str = "ok"
    included: bool = True
    description: str = ""
    extra_notes: list = field(default_factory=list)  # (cell keys, rule, why)
    scores: ScorePlan | None = None  # the self-score sheet added to the workbook (2024Q3)


THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center")
RIGHT = Alignment(horizontal="right", vertical="center")
FONT = Font(name="宋体", size=10)
BOLD = Font(name="宋体", size=10, bold=True)
TITLE = Font(name="宋体", size=16, bold=True)
SEVERITY = {
    "ST002": "E",
    "ST005": "E",
    "F5-002": "E",
    "F5-006": "E",
    "ST006": "W",
    "IN007": "W",
    "IN005": "W",
    "IN008": "W",
    "IN002": "I",
    "—": "—",
    "SC001": "E",
    "SC003": "E",
    "SC004": "E",
    "SC005": "E",
}
KINDS_NUM = {"int": "0", "area": "0.00", "cost": "0.00", "m2": "0.00", "rate": "0.0"}


class Book:
    """One workbook being written: places the forms, types values the clerk's way and
    remembers where every keyed value went (for the planted-problem table)."""

    def __init__(self, sub: Submission):
        self.sub, self.style = sub, sub.style
        self.wb = Workbook()
        self.wb.remove(self.wb.worksheets[0])  # the sheet a new workbook starts with
        self.cells: dict[tuple, tuple[str, str]] = {}
        self.notes: list[dict] = []
        self.widths: dict[str, dict[int, float]] = {}

    # -- placing
    def sheet_for(self, form: str):
        st = self.style
        name = st.single_sheet or st.sheet_names[FORMS.index(form)]
        if name in self.wb.sheetnames:
            return self.wb[name]
        ws = self.wb.create_sheet(name)
        ws.sheet_view.showGridLines = True
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        return ws

    def width(self, ws, col: int, w: float) -> None:
        d = self.widths.setdefault(ws.title, {})
        d[col] = max(d.get(col, 0), w)

    def finish(self) -> None:
        for title, cols in self.widths.items():
            for col, w in cols.items():
                self.wb[title].column_dimensions[get_column_letter(col)].width = w

    # -- header texts
    def h(self, text: str) -> str:
        """A header text as this clerk has it: the seed's text with its line breaks,
        flattened, or with extra spaces."""
        if self.style.header == "seed":
            return text
        if self.style.header == "spaced":
            for a, b in (("项数", "项  数"), ("面积", "面  积"), ("造价", "造  价"), ("项目", "项  目")):
                text = text.replace(a, b)
            return text
        return text.replace("\n", "").replace(" ", "")

    # -- typing values
    def represent(self, value, kind: str):
        """(cell value, number format, normalisation note or None) for a value."""
        st = self.style
        if value is None:
            return None, None, None
        if isinstance(value, str) and value.startswith("="):
            return value, KINDS_NUM.get(kind), None
        if kind == "date":
            if st.dates == "excel":
                return value, st.date_format, None
            text = {
                "dot": f"{value.year}.{value.month}.{value.day}",
                "dash": value.isoformat(),
                "cn": cn_date(value),
            }[st.dates]
            return text, None, None
        if kind == "rate":
            if st.pct == "text":
                return f"{value}%", None, "no finding: percent typed as text with %, a valid spelling"
            if st.pct == "fraction":
                return (
                    float(Decimal(value) / 100),
                    "0.0%",
                    "no finding: a fraction in a percent-formatted cell shows as a percent",
                )
            return float(value), "0.0", None
        if kind in ("area", "cost", "m2"):
            return c2f(value), KINDS_NUM[kind], None
        return value, KINDS_NUM.get(kind), None

    def put(
        self,
        ws,
        r: int,
        c: int,
        value,
        kind: str = "text",
        key: tuple | None = None,
        zeroable: bool = False,
        align=None,
        font=FONT,
        border=True,
    ):
        st = self.style
        v, fmt, why = self.represent(value, kind)
        rule = ("—" if why.startswith("no finding") else "ST006") if why else None
        if zeroable and st.zero and value == 0:
            v, fmt, rule, why = st.zero, None, "ST006", f"zero typed as '{st.zero}'"
        if key is not None and key in st.overrides:
            new, rule, why = st.overrides[key]
            v = new(value, v) if callable(new) else new
            fmt = None if isinstance(v, str) else fmt
        if isinstance(v, str) and v.startswith("="):
            rule, why = (
                ("IN007", "formula without a cached value")
                if st.formulas == "nocache"
                else ("—", "formula with a cached value (LibreOffice), no finding")
            )
        cell = ws.cell(r, c, v)
        cell.font = font
        if border:
            cell.border = BORDER
        cell.alignment = align or (LEFT if kind == "text" else CENTER if kind == "date" else RIGHT)
        if fmt:
            cell.number_format = fmt
        if key is not None:
            self.cells[key] = (ws.title, cell.coordinate)
        if rule:
            self.notes.append(
                {
                    "sheet": ws.title,
                    "cell": cell.coordinate,
                    "rule": rule,
                    "why": why,
                    "value": v,
                    "form": key[0] if key else None,
                }
            )
        return cell

    def text(self, ws, r, c, text, font=FONT, align=LEFT, border=False, merge_to=None, height=None):
        if merge_to:
            for cc in range(c, merge_to + 1):
                ws.cell(r, cc).border = BORDER if border else Border()
            ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=merge_to)
        cell = ws.cell(r, c, text)
        cell.font, cell.alignment = font, align
        if border:
            cell.border = BORDER
        if height:
            ws.row_dimensions[r].height = height
        return cell

    # -- building blocks of every form
    def title_block(self, ws, r, c, width, form, unit_line) -> int:
        st, q = self.style, self.sub.uq.q
        self.text(ws, r, c, f"附表{form[1]}", font=BOLD)
        r += 1
        for line in TITLES[form] if st.header == "seed" else ["".join(TITLES[form])]:
            self.text(ws, r, c, line, TITLE, CENTER, merge_to=c + width - 1, height=26)
            r += 1
        if st.period:
            self.text(
                ws,
                r,
                c,
                st.period.format(label=q.label, cn=q.cn, n=q.n),
                BOLD,
                CENTER,
                merge_to=c + width - 1,
            )
            r += 1
        self.text(ws, r, c, unit_line)
        return r + 1

    def header2(self, ws, r, c, spec) -> int:
        """A two-row header: spec = [(label, [sub labels] or None)]. Merged like the seed,
        or (merged=False) with each label only in the first cell of its group."""
        col = c
        for label, subs in spec:
            span = len(subs) if subs else 1
            for rr in (r, r + 1):
                for cc in range(col, col + span):
                    self.text(ws, rr, cc, None, BOLD, CENTER, border=True)
            self.text(ws, r, col, self.h(label), BOLD, CENTER, border=True)
            if subs:
                for i, s in enumerate(subs):
                    self.text(ws, r + 1, col + i, self.h(s), BOLD, CENTER, border=True)
            if self.style.merged:
                if subs and span > 1:
                    ws.merge_cells(start_row=r, start_column=col, end_row=r, end_column=col + span - 1)
                elif not subs:
                    ws.merge_cells(start_row=r, start_column=col, end_row=r + 1, end_column=col)
            col += span
        ws.row_dimensions[r].height = 30
        ws.row_dimensions[r + 1].height = 42
        return r + 2

    def header1(self, ws, r, c, labels) -> int:
        for i, label in enumerate(labels):
            self.text(ws, r, c + i, self.h(label), BOLD, CENTER, border=True)
        ws.row_dimensions[r].height = 36
        return r + 1

    def blank(self, ws, r, c, width, n) -> int:
        for _ in range(n):
            for cc in range(c, c + width):
                ws.cell(r, cc).border = BORDER
            r += 1
        return r

    def footer(self, ws, r, c, who="统计员", when="报送日期") -> int:
        d = cn_date(self.sub.reported)
        self.text(ws, r, c, f"{who}：{STATIST}          批准人：{APPROVER}          {when}：{d}")
        return r + 1

    @property
    def filler(self) -> str:
        return self.style.filler or f"{self.sub.unit}住房和城乡建设局"


TITLES = {
    "F1": ["河南省建设工程有关责任主体及相关责任人员", "不良行为记录统计表"],
    "F2": ["河南省建设工程质量责任主体行政处罚记录表"],
    "F3": ["河南省建设工程质量监督在建工程明细表"],
    "F4": ["河南省建设工程质量监督竣工工程明细表"],
    "F5": ["河南省建设工程质量监督季度统计表"],
    "F6": ["河南省建设工程质量监督季（年）度分类统计表"],
}
F5_NOTE = (
    "填表说明：1、在建工程：已办理监督注册手续，尚未完工或已完工，但未进行竣工验收的工程；"
    "2、竣工工程：已办理监督注册手续，已通过竣工验收的工程；3、质量备案率：已办理质量备案手续"
    "的工程/竣工工程；4、用户满意率：用户评价为满意的工程（项数）/已办理质量备案手续的工程；"
    "5、接转工程：上一季（年）度在建工程。"
)
TRIO = ["项数", "面积\n（万㎡）", "造价\n（万元）"]


# --------------------------------------------------------------------------- form writers


def write_f1(b: Book, ws, r, c) -> int:
    """附表1 不良行为记录统计表: two-row header (责任人 over 姓名 / 职务)."""
    rows, d = b.sub.uq.f1, cn_date(b.sub.reported)
    # the seed's own line, with its ASCII colon after （公章）
    line = f"填表单位（公章）:{b.filler}        填表人:{STATIST}        批准人:{APPROVER}        填表日期:{d}"
    r = b.title_block(ws, r, c, 11, "F1", line)
    r = b.header2(
        ws,
        r,
        c,
        [
            ("记录\n编号", None),
            ("工程名称", None),
            ("责任单位", None),
            ("责  任  人", ["姓名", "职务"]),
            ("不良行为事实", None),
            ("对应省不良记录管理办法条款", None),
            ("记录人", None),
            ("记录\n日期", None),
            ("批准人", None),
            ("批准\n日期", None),
        ],
    )
    fields = [
        ("record_no", "text"),
        ("project", "text"),
        ("party", "text"),
        ("person", "text"),
        ("title", "text"),
        ("fact", "text"),
        ("clause", "text"),
        ("recorder", "text"),
        ("recorded_on", "date"),
        ("approver", "text"),
        ("approved_on", "date"),
    ]
    for i, row in enumerate(rows):
        for j, (f, kind) in enumerate(fields):
            b.put(ws, r, c + j, row[f], kind, key=("F1", i, f))
        r += 1
    r = empty_text(b, ws, r, c, 11, "F1", rows)
    r = b.blank(ws, r, c, 11, b.style.blank_rows + (1 if not rows else 0))
    b.text(
        ws,
        r,
        c,
        "备注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测机构、"
        "施工图审查机构及其它有关单位。",
    )
    for j, w in enumerate([13, 30, 32, 8, 13, 62, 24, 8, 12, 8, 12]):
        b.width(ws, c + j, w)
    return r + 1


def empty_text(b: Book, ws, r, c, width, form, rows) -> int:
    """Some clerks type 本季度无… across an empty detail form."""
    text = b.style.empty_text.get(form)
    if rows or not text:
        return r
    b.text(ws, r, c, text, FONT, CENTER, border=True, merge_to=c + width - 1)
    b.notes.append(
        {
            "sheet": ws.title,
            "cell": ws.cell(r, c).coordinate,
            "rule": "—",
            "why": f"'{text}' typed across the empty form: 0 rows, not a record",
            "value": text,
            "form": form,
        }
    )
    return r + 1


def write_f2(b: Book, ws, r, c) -> int:
    """附表2 行政处罚记录表: one header row, footer 填表人 / 批准人 / 填表日期."""
    rows = b.sub.uq.f2
    r = b.title_block(ws, r, c, 9, "F2", f"填表单位（公章）：{b.filler}")
    r = b.header1(
        ws,
        r,
        c,
        [
            "记录编号",
            "工程名称",
            "责任单位",
            "时间",
            "违法违规事实",
            "处罚依据",
            "处罚内容",
            "处罚情况",
            "处理情况",
        ],
    )
    fields = [
        ("record_no", "text"),
        ("project", "text"),
        ("party", "text"),
        ("date", "date"),
        ("fact", "text"),
        ("basis", "text"),
        ("penalty", "text"),
        ("status", "text"),
        ("handling", "text"),
    ]
    for i, row in enumerate(rows):
        for j, (f, kind) in enumerate(fields):
            b.put(ws, r, c + j, row[f], kind, key=("F2", i, f))
        r += 1
    r = empty_text(b, ws, r, c, 9, "F2", rows)
    r = b.blank(ws, r, c, 9, b.style.blank_rows + (1 if not rows else 0))
    b.text(
        ws,
        r,
        c,
        "注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测单位、"
        "施工图审查机构及其它有关单位。",
    )
    r = b.footer(ws, r + 1, c, who="填表人", when="填表日期")
    for j, w in enumerate([13, 30, 30, 12, 36, 30, 14, 12, 18]):
        b.width(ws, c + j, w)
    return r


def write_f3(b: Book, ws, r, c) -> int:
    """附表3 在建工程明细表: the projects still in construction at quarter end."""
    uq = b.sub.uq
    r = b.title_block(ws, r, c, 10, "F3", f"填表单位（公章）：{b.filler}")
    r = b.header1(
        ws,
        r,
        c,
        [
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
        ],
    )
    for i, p in enumerate(uq.in_progress):
        vals = [
            (i + 1, "int", "no"),
            (p.reg_no, "text", "reg_no"),
            (p.name, "text", "project"),
            (p.structure, "text", "structure"),
            (p.area_c, "m2", "area"),
            (p.cost_c, "cost", "cost"),
            (p.builder, "text", "builder"),
            (p.supervisor, "text", "supervisor"),
            (uq.progress[p.reg_no], "text", "progress"),
            ("保障性住房" if p.affordable else None, "text", "note"),
        ]
        for j, (v, kind, f) in enumerate(vals):
            b.put(ws, r, c + j, v, kind, key=("F3", i, f))
        r += 1
    r = b.blank(ws, r, c, 10, b.style.blank_rows)
    r = b.footer(ws, r, c)
    for j, w in enumerate([6, 20, 40, 8, 15, 13, 32, 30, 11, 11]):
        b.width(ws, c + j, w)
    return r


def write_f4(b: Book, ws, r, c) -> int:
    """附表4 竣工工程明细表: the quarter's acceptances, filed ones with 备案日期."""
    uq = b.sub.uq
    r = b.title_block(ws, r, c, 12, "F4", f"填表单位（公章）：{b.filler}")
    r = b.header1(
        ws,
        r,
        c,
        [
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
        ],
    )
    for i, cp in enumerate(uq.completions):
        p = cp.project
        vals = [
            (i + 1, "int", "no"),
            (p.reg_no, "text", "reg_no"),
            (p.name, "text", "project"),
            (p.structure, "text", "structure"),
            (p.area_c, "m2", "area"),
            (p.cost_c, "cost", "cost"),
            (p.builder, "text", "builder"),
            (p.supervisor, "text", "supervisor"),
            (cp.completed_on, "date", "completed_on"),
            ("合格", "text", "acceptance"),
            (cp.filed_on, "date", "filed_on"),
            ("准予备案" if cp.filed_on else None, "text", "filing_result"),
        ]
        for j, (v, kind, f) in enumerate(vals):
            b.put(ws, r, c + j, v, kind, key=("F4", i, f))
        r += 1
    r = b.blank(ws, r, c, 12, b.style.blank_rows)
    r = b.footer(ws, r, c)
    for j, w in enumerate([6, 20, 40, 9, 15, 13, 32, 30, 12, 12, 12, 10]):
        b.width(ws, c + j, w)
    return r


F5_GROUPS = [
    ("carried_over", "上季度接转工程"),
    ("new", "本季度新注册工程"),
    ("in_progress", "本季度在建工程"),
    ("completed", "本季度竣工工程"),
    ("filed", "本季度质量备案\n工程"),
]
# the 21 value columns of F5 after the unit column: (group, measure, kind)
F5_COLS = [(g, m, "int" if m == "count" else m) for g, _ in F5_GROUPS for m in MEASURES] + [
    ("filing_rate", "count", "rate"),
    ("filing_rate", "area", "rate"),
    ("satisfaction_rate", None, "rate"),
    ("accidents", "count", "int"),
    ("accidents", "deaths", "int"),
    ("accidents", "loss", "cost"),
]


def f5_value(fig: dict, g: str, m: str | None):
    return fig[g] if m is None else fig[g][m]


def write_f5(b: Book, ws, r, c) -> int:
    """附表5 季度统计表: 22 columns, the unit's row, 合计, 填表说明, footer."""
    fig = b.sub.stated
    r = b.title_block(ws, r, c, 22, "F5", f"填表单位（盖章）：{b.filler}")
    r = b.header2(
        ws,
        r,
        c,
        [("市、县\n（市）\n序号", None)]
        + [(label, TRIO) for _, label in F5_GROUPS]
        + [
            ("季度质量\n备案率（%）", ["项数", "面积"]),
            ("用户\n满意率\n（%）", None),
            ("本季度发生工程质量事故", ["项数", "死亡人数", "经济损失（万元）"]),
        ],
    )
    col = {(g, m): c + 1 + j for j, (g, m, _) in enumerate(F5_COLS)}

    def ref(g, m, row):
        return f"{get_column_letter(col[(g, m)])}{row}"

    unit_row, total_row = r, r + 1
    for row, label, rk in ((unit_row, b.sub.unit, "unit"), (total_row, "合计", "total")):
        b.put(ws, row, c, label, "text", align=CENTER)
        for j, (g, m, kind) in enumerate(F5_COLS):
            v = f5_value(fig, g, m)
            key = ("F5", rk, g if m is None else f"{g}.{m}")
            if b.style.formulas:
                # the clerk's template: 在建 = 接转 + 新注册 - 竣工, and a 合计 row of sums
                if rk == "unit" and g == "in_progress":
                    v = f"={ref('carried_over', m, row)}+{ref('new', m, row)}-{ref('completed', m, row)}"
                elif rk == "total" and g == "filing_rate":
                    num, den = ref("filed", m, row), ref("completed", m, row)
                    v = f'=IF({den}=0,"",ROUND({num}/{den}*100,1))'
                elif rk == "total" and g == "satisfaction_rate":
                    v = f"={ref(g, m, unit_row)}"
                elif rk == "total":
                    v = f"=SUM({ref(g, m, unit_row)}:{ref(g, m, unit_row)})"
            b.put(ws, row, c + 1 + j, v, kind, key=key, zeroable=g == "accidents")
    r = total_row + 1
    b.text(ws, r, c, F5_NOTE, FONT, Alignment(wrap_text=True, vertical="top"), merge_to=c + 21, height=44)
    r = b.footer(ws, r + 2, c)
    for j, (_, _, kind) in enumerate(F5_COLS):
        b.width(ws, c + 1 + j, 10.5 if kind == "cost" else 8.5)
    b.width(ws, c, 10)
    return r


F6_ROWS = [
    ("residential", "住宅工程"),
    ("affordable_housing", "保障性安居工程"),
    ("public", "公共建筑工程"),
    ("large_public", "大型公共建筑工程（2万平方米以上）"),
    ("steel", "钢结构\n工程"),
    ("county", "县（区）\n工程"),
]


def write_f6(b: Book, ws, r, c) -> int:
    """附表6 季（年）度分类统计表: six category rows, 13 value columns."""
    f6 = b.sub.f6
    r = b.title_block(ws, r, c, 14, "F6", f"填表单位（盖章）：{b.filler}")
    r = b.header2(
        ws,
        r,
        c,
        [
            ("项  目", None),
            ("本季/年新注册项目", ["项数", "面 积\n（万㎡）", "造 价\n（万元）"]),
            ("本季/年竣工工程", TRIO),
            ("本季/年质量备案工程", ["项数", "面积\n（万㎡）", "造价（万元）", "备案率\n（项%）"]),
            ("本季/年在建工程", TRIO),
        ],
    )
    cols = (
        [(g, m) for g in ("new", "completed", "filed") for m in MEASURES]
        + [("filing_rate", None)]
        + [("in_progress", m) for m in MEASURES]
    )
    for cat, label in F6_ROWS:
        b.text(ws, r, c, b.h(label), FONT, CENTER, border=True)
        for j, (g, m) in enumerate(cols):
            v = f6[cat][g] if m is None else f6[cat][g][m]
            kind = "rate" if m is None else ("int" if m == "count" else m)
            b.put(ws, r, c + 1 + j, v, kind, key=("F6", cat, g if m is None else f"{g}.{m}"))
        ws.row_dimensions[r].height = 30
        r += 1
    r = b.footer(ws, r + 1, c)
    for j in range(14):
        b.width(ws, c + j, 18 if j == 0 else 9)
    return r


WRITERS = {"F1": write_f1, "F2": write_f2, "F3": write_f3, "F4": write_f4, "F5": write_f5, "F6": write_f6}
