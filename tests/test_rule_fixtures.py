"""One fixture per rule code: a small input that triggers it, and the finding it must give.

Each fixture is a function that builds its input (openpyxl, through the clerk builders of
tests/messy.py and tests/messy_scores.py, which import nothing from qstat), runs qstat at the
level where the rule arises (a workbook examined, an inbox or output folder consolidated, a score
sheet read, an upload to the clerk's page) and returns the findings. ``expect`` registers what
one of them must be: its sheet, its cell and the parameters of its message (and the message's
variant, when the rule has several wordings). tests/test_rules_catalogue.py fails when a code of
the catalogue has no fixture here. The inputs reuse the other test modules' builders and rows;
SC006-SC008 fill the 惠州 and 水利 sheets item by item from the specs tests/test_scores.py loads
(messy_scores transcribes only the seed-002 sheets).

附表5 of ``Clerk().all_forms`` (the standard 叶县 workbook): label, title, 填表单位, two header
rows, the unit row 6 and the 合计 row 7; columns B-D 接转, E-G 新注册, H-J 在建, K-M 竣工, N-P
备案, Q-R 备案率, S 满意率, T-V 事故. 附表1-4 list from row 5 (附表1 from row 6: two header rows).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from conftest import CITY
from messy import Clerk, f5_row
from messy_scores import SUPERVISION as SEED_SUPERVISION
from messy_scores import henan_sheet, huizhou_sheet, water_sheet
from test_city_workbooks import TOTAL_F6, YEXIAN_F6, ZHANHE_F6, county_f6
from test_history_review import (
    Q2_DONE,
    Q2_PROJECTS,
    Q2_YE,
    Q3_PROJECTS,
    Q3_YE,
    STEADY,
    normal_year,
    project,
    ye,
)
from test_history_review import run as run_period
from test_scores import HUIZHOU, SUPERVISION_SCORES, SUPERVISION_SUBTOTALS, WATER
from test_validation_rules import COMPLETED, IN_PROGRESS, QUARTERS, ROW, annual, history_of, row

from qstat import consolidate
from qstat.examine import examine
from qstat.periods import Period
from qstat.read import read_workbook
from qstat.rules import RULES
from qstat.scores import read_score_sheet

FIXTURES: dict[str, tuple] = {}  # code → (make, sheet, cell, variant, params)


def expect(code: str, sheet: str | None, cell: str | None, variant: str = "", /, **params):
    """Register the decorated function as the fixture of ``code``: among the findings it returns
    is one of ``code`` at (sheet, cell) with these message parameters."""

    def register(make):
        assert code not in FIXTURES, code
        FIXTURES[code] = (make, sheet, cell, variant, params)
        return make

    return register


def examined(tmp_path, clerk: Clerk, period: str = "2024Q3", db=None, name: str = "叶县.xlsx") -> list:
    path = clerk.save(tmp_path / name)
    return list(examine(path, path.name, Period.parse(period), CITY, db=db).findings)


def consolidated(tmp_path, files: dict, period: str = "2024Q3") -> list:
    """An inbox of the named files (a Clerk, or bytes) consolidated with the 平顶山市 units."""
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    for name, content in files.items():
        if isinstance(content, Clerk):
            content.save(inbox / name)
        else:
            (inbox / name).write_bytes(content)
    out = tmp_path / "out"
    return consolidate(inbox, period, CITY, out=out, db=tmp_path / "h.sqlite", workers=1).findings


def scored(tmp_path, clerk: Clerk) -> list:
    path = clerk.save(tmp_path / "score.xlsx")
    return read_score_sheet(read_workbook(path, "xlsx"))[1]


def standard() -> Clerk:
    return Clerk().all_forms([ROW])


F5 = {"sheet_name": "附表5"}
YE = {"who": "“叶县”行"}

# Intake ------------------------------------------------------------------------------------


@expect(
    "IN001",
    None,
    None,
    reason="文件无法读取：扩展名是电子表格，但内容不是可识别的Excel/WPS/ODS文件（可能已损坏或被截断）",
)
def not_a_workbook(tmp_path):
    return consolidated(tmp_path, {"叶县.xlsx": b"this is no workbook"})


@expect("IN002", None, None, reason="Excel/WPS 打开文件时生成的锁定文件")
def lock_file(tmp_path):
    return consolidated(tmp_path, {"~$叶县.xlsx": b"lock"})


@expect("IN003", None, None, "no_unit_line", name="报表.xlsx")
def no_unit(tmp_path):
    return consolidated(tmp_path, {"报表.xlsx": Clerk(unit_line=None).all_forms([ROW])})


@expect("IN004", None, None, "early", date="2024-06-01", period="2024年第三季度")
def sent_before_the_quarter(tmp_path):
    return examined(tmp_path, Clerk().all_forms([ROW], footer="报送日期：2024年6月1日"))


@expect(
    "IN005",
    None,
    None,
    unit="叶县",
    count=2,
    kind="个文件",
    chosen="叶县_v2.xlsx",
    reason="报送日期相同或未填，按文件名中的修改/版本标记",
    others="叶县.xlsx",
)
def two_files(tmp_path):
    return consolidated(tmp_path, {"叶县.xlsx": standard(), "叶县_v2.xlsx": standard()})


@expect("IN006", None, None, sheet_name="附表6", title="河南省建设工程质量监督季（年）度分类统计表")
def no_form_6(tmp_path):
    clerk = standard()
    clerk.book.remove(clerk.book["附表6"])
    return examined(tmp_path, clerk)


@expect("IN007", "附表5", "B7", formula="=SUM(B6:B6)", result=10.0)
def formula_without_its_value(tmp_path):
    clerk = standard()
    clerk.book["附表5"]["B7"] = "=SUM(B6:B6)"  # openpyxl saves no cached value
    return examined(tmp_path, clerk)


@expect("IN008", None, None, unit="舞钢市")
def units_that_sent_nothing(tmp_path):
    return consolidated(tmp_path, {"叶县.xlsx": standard()})


@expect("IN009", "附表5", "A20000", cell="A20000")
def far_cell(tmp_path):
    clerk = standard()
    clerk.book["附表5"]["A20000"] = "备注"
    return examined(tmp_path, clerk)


@expect("IN010", None, None, "no_file")
def upload_without_a_file(tmp_path):
    from starlette.testclient import TestClient

    from qstat import Config
    from qstat.serve.app import create_app
    from qstat.serve.desk import Settings

    settings = Settings(
        inbox=tmp_path / "inbox",
        out=tmp_path / "out",
        period=Period.parse("2024Q3"),
        config=Config(name="平顶山市", units=["叶县"]),
        db=tmp_path / "h.sqlite",
    )
    answer = TestClient(create_app(settings)).post("/api/inbox", data={"x": "1"})
    return answer.json()["findings"]


@expect("IN011", None, None, "rar")
def rar_archive(tmp_path):
    return consolidated(tmp_path, {"叶县.rar": b"Rar!\x1a\x07\x00"})


@expect("IN012", None, None, "old_format", unit="叶县", name="叶县质量分析报告.doc", suffix=".doc")
def old_word_report(tmp_path):
    return consolidated(
        tmp_path, {"叶县.xlsx": standard(), "叶县质量分析报告.doc": b"\xd0\xcf\x11\xe0binary"}
    )


@expect("IN013", None, None, period="2024Q3")
def run_cut_short_before_the_history(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / ".qstat-unrecorded").write_text("2024Q3", encoding="utf-8")
    return consolidated(tmp_path, {"叶县.xlsx": standard()})


# Structure and cells --------------------------------------------------------------------------


@expect("ST001", "附表3", "A4", sheet_name="附表3", columns="施工单位、监理单位")
def renamed_header(tmp_path):
    clerk = standard()
    clerk.book["附表3"]["G4"], clerk.book["附表3"]["H4"] = "承建单位", "监督员"
    return examined(tmp_path, clerk)


def typed(cell: str, value) -> Callable:
    def make(tmp_path):
        clerk = standard()
        sheet, ref = cell.split("!")
        clerk.book[sheet][ref] = value
        return examined(tmp_path, clerk)

    return make


CELL = {"sheet_name": "附表5"}
expect("ST002", "附表5", "T6", **CELL, column="本季度发生工程质量事故项数", raw="约3", note="应为数值")(
    typed("附表5!T6", "约3")
)
expect("ST003", "附表5", "T6", **CELL, column="本季度发生工程质量事故项数", raw=-1.0, note="数值不能为负")(
    typed("附表5!T6", -1)
)
expect("ST004", "附表5", "T6", **CELL, column="本季度发生工程质量事故项数", raw=1.5, note="项数应为整数")(
    typed("附表5!T6", 1.5)
)
expect("ST005", "附表4", "I5", sheet_name="附表4", column="竣工日期", raw="2024.9.31", note="日期不存在")(
    typed("附表4!I5", "2024.9.31")
)
expect("ST006", "附表5", "B6", **CELL, column="上季度接转工程项数", raw="１０", note="全角字符已转换")(
    typed("附表5!B6", "１０")
)

# 附表5 and 附表7 -------------------------------------------------------------------------------

expect("F5-001", "附表5", "B7", **F5, column="上季度接转工程项数", stated="11", expected="10")(
    typed("附表5!B7", 11)
)


@expect("F5-002", "附表5", "Q6", **F5, **YE, measure="项数", stated=90.0, expected=100.0)
def wrong_rate(tmp_path):
    return examined(tmp_path, Clerk().all_forms([row(rate=("90%", "100%"))]))


@expect("F5-003", "附表5", "S6", **F5, **YE, rate="105")
def satisfaction_above_100(tmp_path):
    return examined(tmp_path, Clerk().all_forms([row(satisfaction=105)]))


@expect(
    "F5-004",
    "附表5",
    "H6",
    **F5,
    **YE,
    measure="项数",
    stated="13",
    carried="10",
    new="4",
    completed="2",
    expected="12",
)
def broken_stock_flow(tmp_path):
    """10 + 4 − 2 = 12 in progress, 13 stated."""
    return examined(tmp_path, Clerk().all_forms([row(in_progress=(13, 6.0, 3600))]))


@expect("F5-005", "附表5", "N6", **F5, **YE, filed="3", completed="2")
def more_filed_than_completed(tmp_path):
    return examined(tmp_path, Clerk().all_forms([row(filed=(3, 1.2, 700), rate=("", ""))]))


@expect(
    "F5-006",
    "附表5",
    "B6",
    **F5,
    unit="叶县",
    column="上季度接转工程项数",
    stated="10",
    source="2024年第二季度",
    measure="项数",
    expected="11",
)
def carried_over_not_last_quarters_stock(tmp_path):
    db = history_of(
        tmp_path, ("2024Q2", [f5_row("叶县", (8, 4.0, 2500), (4, 1.5, 1000), (11, 5.0, 2900), (1, 0.5, 600))])
    )
    return examined(tmp_path, standard(), db=db)


@expect("F5-007", "附表5", "U6", **F5, **YE, figure="死亡人数", amount="1")
def deaths_without_an_accident(tmp_path):
    return examined(tmp_path, Clerk().all_forms([row(accidents=(0, 1, 0))]))


@expect("F5-008", "附表5", "O6", "no_size", **F5, **YE, group="本季度质量备案工程", count="2", missing="面积")
def filed_projects_without_area(tmp_path):
    return examined(tmp_path, Clerk().all_forms([row(filed=(2, 0, 600), rate=("100%", ""))]))


def annual_form(rows, **options) -> Clerk:
    clerk = Clerk("填表单位：叶县")
    clerk.f7(rows, footer="报送日期：2024年12月18日", **options)
    clerk.f6({})
    return clerk


@expect("F7-001", "附表7", "B7", sheet_name="附表7", column="上年度接转工程项数", stated="11", expected="10")
def wrong_annual_total(tmp_path):
    clerk = annual_form([ROW])
    clerk.book["附表7"]["B7"] = 11
    return examined(tmp_path, clerk, period="2024")


@expect("F7-002", "附表7", "Q6", sheet_name="附表7", **YE, measure="项数", stated=90.0, expected=100.0)
def wrong_annual_rate(tmp_path):
    return examined(tmp_path, annual_form([row(rate=("90%", "100%"))]), period="2024")


YEAR_DB = {"sheet_name": "附表7", "unit": "叶县"}


def annual_against_quarters(tmp_path):
    """2023's quarters: 新注册 1+2+3+4 = 10 (11 stated), 接转 of 2022's stock 5 (6 stated), Q4's
    在建 12 (13 stated)."""
    db = history_of(tmp_path, ("2022", [f5_row("叶县", in_progress=(5, 3.0, 1000))]), *QUARTERS)
    return annual(tmp_path, (6, 3.0, 1000), (11, 5.0, 1000), (13, 6.0, 1600), (4, 2.0, 400), db).findings


expect("F7-003", "附表7", "E6", **YEAR_DB, column="本年度新注册工程项数", stated="11", expected="10")(
    annual_against_quarters
)
expect(
    "F7-004",
    "附表7",
    "B6",
    **YEAR_DB,
    column="上年度接转工程项数",
    stated="6",
    source="2022年度",
    measure="项数",
    expected="5",
)(annual_against_quarters)
expect(
    "F7-005",
    "附表7",
    "H6",
    **YEAR_DB,
    column="截止到年底在建工程项数",
    stated="13",
    q4="2023年第四季度",
    measure="项数",
    expected="12",
)(annual_against_quarters)

# 附表6 ---------------------------------------------------------------------------------------


def f6_values(new=(0, 0, 0), completed=(0, 0, 0), filed=(0, 0, 0), rate="", in_progress=(0, 0, 0)):
    return [*new, *completed, *filed, rate, *in_progress]


def categories(rows: dict):
    def make(tmp_path):
        clerk = standard()
        clerk.f6(rows)
        return examined(tmp_path, clerk)

    return make


LARGE = "大型公共建筑工程（2万平方米以上）"
F6 = {"sheet_name": "附表6"}
expect("F6-001", "附表6", "B9", **F6, group="新注册", large="2", public="1")(
    categories({"公共建筑工程": f6_values(new=(1, 2.5, 300)), LARGE: f6_values(new=(2, 5.0, 600))})
)
expect("F6-002", "附表6", "C9", **F6, group="新注册", count="1", area="0.5", minimum="2")(
    categories({"公共建筑工程": f6_values(new=(1, 0.5, 300)), LARGE: f6_values(new=(1, 0.5, 300))})
)
expect("F6-003", "附表6", "K6", **F6, category="住宅工程", stated=100.0, expected=50.0)(
    categories({"住宅工程": f6_values(completed=(2, 1.0, 600), filed=(1, 0.5, 300), rate=100)})
)
expect(
    "F6-004", "附表6", "B6", **F6, category="住宅工程", group="新注册", measure="项数", stated="9", total="4"
)(categories({"住宅工程": f6_values(new=(9, 1.0, 300))}))


@expect(
    "F6-005",
    "附表6",
    "M18",
    **F6,
    category="住宅工程",
    group="在建",
    measure="项数",
    stated="5",
    expected="4",
)
def wrong_total_block(tmp_path):
    """A 附表6 in county blocks (湛河区 rows 6-11, 叶县 12-17, 合计 18-23): 在建 2 + 2 = 4, 5 stated."""
    path = standard().save(tmp_path / "叶县.xlsx")
    wrong = {**TOTAL_F6, "住宅工程": [2, 1.0, 200, 1, 0.5, 100, 1, 0.5, 100, 100, 5, 2.0, 500]}
    county_f6(path, [("湛河区", ZHANHE_F6), ("叶县", YEXIAN_F6), ("合计", wrong)], heads=False)
    return examine(path, path.name, Period.parse("2024Q3"), CITY).findings


# 附表3 / 附表4 and the lists against 附表5 ------------------------------------------------------


def listed(form: int, rows: list[list]):
    def make(tmp_path):
        clerk = standard()
        clerk.detail(form, rows)
        return examined(tmp_path, clerk)

    return make


def changed(rows: list[list], **cells) -> list[list]:
    """A copy of ``rows`` with cells replaced, by "row_col" (0-based): changed(rows, r0_6="")."""
    rows = [list(r) for r in rows]
    for key, value in cells.items():
        r, c = key[1:].split("_")
        rows[int(r)][int(c)] = value
    return rows


F3 = {"sheet_name": "附表3"}
F4 = {"sheet_name": "附表4"}
REG = "豫质监叶县2024-在建001"
expect("F3-001", "附表3", "B8", **F3, row=8, column="工程质量监督注册号", identifier=REG, first=5)(
    listed(3, changed(IN_PROGRESS, r3_1=" " + REG))
)
expect("F3-002", "附表5", "H6", **F5, counted="12", listed=11)(listed(3, IN_PROGRESS[:-1]))
expect("F3-003", "附表5", "I6", **F5, stated="6", area_m2="55000", area=5.5)(listed(3, IN_PROGRESS[:-1]))
expect("F3-004", "附表3", "G5", **F3, row=5, column="施工单位")(listed(3, changed(IN_PROGRESS, r0_6="")))


def continuity(tmp_path):
    """叶县's 2024Q2 附表3 lists 0001, 0002, 0003; its 2024Q3 one 0001, 0003 and 0009 (a 2023
    number): 0002 vanished (F3-005), 0009 came from nowhere (F3-006)."""
    run_period(tmp_path, "2024Q2", {"叶县.xlsx": ye(Q2_YE, Q2_PROJECTS, Q2_DONE)})
    return run_period(tmp_path, "2024Q3", {"叶县.xlsx": ye(Q3_YE, Q3_PROJECTS)}).findings


expect(
    "F3-005",
    "附表3",
    None,
    **F3,
    previous="2024年第二季度",
    project="PDS-YX-2023-0002 幸福家园2#楼",
    previous_file="叶县.xlsx",
    previous_sheet="附表3",
    previous_row=6,
)(continuity)
expect(
    "F3-006",
    "附表3",
    "B7",
    "year",
    **F3,
    row=7,
    project="PDS-YX-2023-0009 翰林苑9#楼",
    previous="2024年第二季度",
    year=2023,
)(continuity)


@expect(
    "F3-007",
    "附表3",
    "B6",
    **F3,
    row=6,
    project="幸福家园2#楼",
    old="PDS-YX-2023-0002",
    new="PDS-YX-2023-0022",
    previous="2024年第二季度",
    previous_file="叶县.xlsx",
    previous_sheet="附表3",
    previous_row=6,
)
def renumbered(tmp_path):
    now = [*Q2_PROJECTS[:1], project(2, "PDS-YX-2023-0022", "幸福家园2#楼"), Q2_PROJECTS[2]]
    run_period(tmp_path, "2024Q2", {"叶县.xlsx": ye(Q2_YE, Q2_PROJECTS, Q2_DONE)})
    return run_period(tmp_path, "2024Q3", {"叶县.xlsx": ye(Q3_YE, now)}).findings


DONE = "豫质监叶县2024-竣工001"
expect("F4-001", "附表4", "B6", **F4, row=6, column="工程质量监督注册号", identifier=DONE, first=5)(
    listed(4, changed(COMPLETED, r1_1=DONE))
)
expect(
    "F4-002",
    "附表4",
    "I5",
    **F4,
    row=5,
    column="竣工日期",
    date="2024-06-30",
    period="2024年第三季度",
    start="2024-07-01",
    end="2024-09-30",
)(listed(4, changed(COMPLETED, r0_8=date(2024, 6, 30))))
expect(
    "F4-003",
    "附表4",
    "K6",
    **F4,
    row=6,
    column="备案日期",
    date="2024-08-01",
    earlier="竣工日期",
    earlier_date="2024-08-15",
)(listed(4, changed(COMPLETED, r1_10=date(2024, 8, 1))))
expect("F4-004", "附表5", "K6", **F5, counted="2", listed=3)(
    listed(4, [*COMPLETED, COMPLETED[0][:1] + ["X-1"] + COMPLETED[0][2:]])
)
expect("F4-005", "附表4", "B7", **F4, row=7, project="在建工程1号楼", listed_row=5)(
    listed(
        4,
        [
            *COMPLETED,
            [3, IN_PROGRESS[0][1], "在建工程1号楼", "框架", 5000, 300, "甲", "乙", date(2024, 9, 1), "合格"],
        ],
    )
)
expect("F4-006", "附表4", "J6", **F4, row=6, project="竣工工程2号楼", verdict="整改中")(
    listed(4, changed(COMPLETED, r1_9="整改中"))
)
expect("F4-007", "附表5", "N6", **F5, counted="2", listed=1)(
    listed(4, changed(COMPLETED, r1_10=None, r1_11=None))
)
expect("F4-008", "附表4", "C5", **F4, row=5, column="工程名称")(listed(4, changed(COMPLETED, r0_2="")))

# 附表1 / 附表2 -------------------------------------------------------------------------------

BAD = [
    "J-1",
    "住宅楼",
    "甲建筑公司",
    "张三",
    "项目经理",
    "未按图施工",
    "第5条",
    "王",
    "2024.8.1",
    "李",
    "2024.8.2",
]
PENALTY = [
    "C-1",
    "住宅楼",
    "甲建筑公司",
    "2024.8.9",
    "偷工减料",
    "条例第64条",
    "罚款10万元",
    "已执行",
    "结案",
]
F1 = {"sheet_name": "附表1"}
F2 = {"sheet_name": "附表2"}
expect("F1-001", "附表1", "B7", **F1, row=7, column="工程名称")(listed(1, changed([BAD], r0_1="")))
expect(
    "F1-002",
    "附表1",
    "K7",
    **F1,
    row=7,
    column="批准日期",
    date="2024-07-30",
    earlier="记录日期",
    earlier_date="2024-08-01",
)(listed(1, changed([BAD], r0_10="2024.7.30")))
expect(
    "F1-003",
    "附表1",
    "I7",
    **F1,
    row=7,
    column="记录日期",
    date="2024-06-01",
    period="2024年第三季度",
    start="2024-07-01",
    end="2024-09-30",
)(listed(1, changed([BAD], r0_8="2024.6.1")))
expect("F1-004", "附表1", "A8", **F1, row=8, column="记录编号", identifier="J-1", first=7)(
    listed(1, [BAD, BAD])
)
expect("F2-001", "附表2", "E5", **F2, row=5, column="违法违规事实")(listed(2, changed([PENALTY], r0_4="")))
expect(
    "F2-002",
    "附表2",
    "D5",
    **F2,
    row=5,
    column="时间",
    date="2024-10-09",
    period="2024年第三季度",
    start="2024-07-01",
    end="2024-09-30",
)(listed(2, changed([PENALTY], r0_3="2024.10.9")))
expect("F2-003", "附表2", "A6", **F2, row=6, column="记录编号", identifier="C-1", first=5)(
    listed(2, [PENALTY, PENALTY])
)

# The unit's history ---------------------------------------------------------------------------


@expect("HS001", "附表5", None, unit="叶县", period="2024Q2")
def no_history(tmp_path):
    return examined(tmp_path, standard(), db=tmp_path / "empty.sqlite")


@expect(
    "HS002",
    "附表5",
    "F6",
    **F5,
    unit="叶县",
    column="本季度新注册工程面积（万㎡）",
    stated="31000",
    span="2024年第一季度至2024年第二季度",
    high="2",
)
def area_in_square_metres(tmp_path):
    """新注册面积 31000 (㎡ for 3.1 万㎡) after 2.0 and 1.5 万㎡."""
    normal_year(tmp_path)
    wrong = f5_row(
        "叶县",
        (11, 5.5, 3300),
        (6, 31000, 2000),
        (12, 31002.4, 3800),
        (5, 2.5, 1500),
        (4, 2.0, 1200),
        (80, 80),
        100,
    )
    return run_period(tmp_path, "2024Q3", {"叶县.xlsx": ye(wrong, None)}).findings


@expect("HS003", "附表5", "B6", **F5, unit="叶县", previous="2024年第二季度", changes=4)
def copied_forward(tmp_path):
    """The same 附表5 as 2024Q2 while 在建009 and 010 left 附表3 and 011, 012 came."""
    from messy import list_projects

    run_period(tmp_path, "2024Q2", {"叶县.xlsx": ye(STEADY, None, Q2_DONE)})
    in_progress, _ = list_projects([STEADY], date(2024, 8, 15))
    in_progress[8][1], in_progress[9][1] = "豫质监叶县2024-在建011", "豫质监叶县2024-在建012"
    return run_period(tmp_path, "2024Q3", {"叶县.xlsx": ye(STEADY, in_progress)}).findings


# Score sheets -----------------------------------------------------------------------------------


def supervision(scores=None, subtotals=None, total=81.5):
    """The seed-002 sheet at B2: items from row 6 (得分 in G, 小计 in H), 合计 on row 26."""

    def make(tmp_path):
        clerk = Clerk()
        henan_sheet(
            clerk,
            SEED_SUPERVISION,
            SUPERVISION_SCORES | (scores or {}),
            subtotals=SUPERVISION_SUBTOTALS | (subtotals or {}),
            total=total,
        )
        return scored(tmp_path, clerk)

    return make


expect("SC001", "考核评分表", "G8", item="制度建设", score=5.0, unit="分", max=4.0)(
    supervision({"1.3": 5}, {"住房城乡建设主管部门": 51.5}, 82.5)
)
expect("SC002", "考核评分表", "G11", item="回访保修", score=-1.0, unit="分")(
    supervision({"1.6": -1}, {"住房城乡建设主管部门": 47.5}, 78.5)
)
expect(
    "SC003",
    "考核评分表",
    "G10",
    item="监督执法工作",
    score=7.0,
    unit="分",
    criterion="满分10，每项扣2，扣完为止",
)(supervision({"1.5": 7}, {"住房城乡建设主管部门": 49.5}, 80.5))
expect("SC004", "考核评分表", "H6", stated="51", expected=50.5)(
    supervision(subtotals={"住房城乡建设主管部门": 51})
)
expect("SC005", "考核评分表", "G26", stated="82", expected=81.5)(supervision(total=82))
expect("SC010", "考核评分表", "G9", item="档案管理", unit="分")(supervision({"1.4": None}))


@expect("SC009", "考核评分表", "G4", title="河南省保障性安居工程质量监督工作考核评分表", items="永久标牌")
def item_missing(tmp_path):
    sections = list(SEED_SUPERVISION.sections)
    sections[1] = replace(sections[1], items=sections[1].items[:-1])  # 永久标牌 left out
    clerk = Clerk()
    henan_sheet(
        clerk,
        replace(SEED_SUPERVISION, sections=tuple(sections)),
        SUPERVISION_SCORES,
        subtotals=SUPERVISION_SUBTOTALS | {"参建各方责任主体": 24.5},
        total=80,
    )
    return scored(tmp_path, clerk)


def seed_sheet(build, spec, changes: dict, total):
    """A seed-004 (惠州) or seed-000 (水利) sheet with every item at its 分值 but ``changes``."""

    def make(tmp_path):
        clerk = Clerk()
        build(clerk, spec, {i.id: i.max for i in spec.items if i.kind == "score"} | changes, total=total)
        return scored(tmp_path, clerk)

    return make


expect("SC006", "自评打分表", "I5", item="1．产品质量监督抽查不合格产品发现率")(
    seed_sheet(huizhou_sheet, HUIZHOU, {"1.1": 3}, 99)
)
expect("SC007", "自评打分表", "H48", item="发生区域性、系统性质量安全事件的，考核结果一律为D级", grade="D")(
    seed_sheet(huizhou_sheet, HUIZHOU, {"3.1": "是"}, 100)
)
expect("SC008", "自评", "G26", item="质量监督管理信息化", score=6.0, unit="%", cap=5.0)(
    seed_sheet(water_sheet, WATER, {"1.23": 6, "1.24": 1}, 107)
)


@pytest.mark.parametrize("code", sorted(FIXTURES))
def test_the_fixture_of_each_code_gives_its_finding(code, tmp_path):
    make, sheet, cell, variant, params = FIXTURES[code]
    found = make(tmp_path)
    message = RULES[code].text(variant, **params)
    got = [
        (f["sheet"], f["cell"], f["message"], params)
        if isinstance(f, dict)
        else (f.sheet, f.cell, f.message, f.params)
        for f in found
        if (f["rule"] if isinstance(f, dict) else f.rule) == code
    ]
    assert (sheet, cell, message, params) in got, got
