"""A province's quarter from the cities' own 汇总表, and merged cells down the record rows.

City clerks make their consolidated workbooks themselves: county rows grouped under 市区小计 and
县（市）小计, a 小计 row per county in 附表3/4, the county named once for a merged group, a
填报单位 column instead of a 县 column, no 合计 row, a wrong 合计. The workbooks are built here
with openpyxl (tests/messy.py for the standard parts), nothing from qstat; every expected figure
is worked out by hand in the comments.
"""

from datetime import date

import openpyxl
import pytest
from messy import F3_HEADER, F4_HEADER, F6_ROWS, Clerk, f5_row

from qstat import Config, consolidate

PROVINCE = Config(name="河南省", level="province", units=["平顶山市", "许昌市", "洛阳市"])
BUILDER = "河南省第一建筑工程有限公司"
SUPERVISOR = "平顶山建设监理有限公司"
IN_Q3, FILED = date(2024, 8, 15), date(2024, 8, 25)


def problems(result) -> list:
    """Errors and warnings, but the cities a test leaves out (IN008); HS001 notes are info."""
    return [
        (f.unit, f.rule, f.sheet, f.cell, f.message)
        for f in result.findings
        if f.severity != "info" and f.rule != "IN008"
    ]


def in_progress(county: str, n: int, area_m2: float) -> list[list]:
    """n 附表3 rows of one county (without 序号 and county): 注册号 … 形象进度, 备注."""
    return [
        [
            f"{county}2024-{i}",
            f"{county}在建{i}号楼",
            "框架",
            area_m2,
            100,
            BUILDER,
            SUPERVISOR,
            "主体施工",
            "",
        ]
        for i in range(1, n + 1)
    ]


def completed(county: str, area_m2: float, filed: bool) -> list:
    """One 附表4 row of one county (without 序号 and county): 注册号 … 备案结论."""
    return [
        f"{county}2024-J1",
        f"{county}竣工1号楼",
        "框架",
        area_m2,
        70,
        BUILDER,
        SUPERVISOR,
        IN_Q3,
        "合格",
        FILED if filed else None,
        "准予备案" if filed else None,
    ]


def county_list(
    book, form: int, unit_line: str | None, county_header: str | None, groups: list, merge: bool = False
):
    """附表3/4 with a county column after 序号; ``groups`` is [(county, rows, subtotal or None)].

    A subtotal is [label, area] written as the county's 小计 row (label in the county column,
    the area under 建筑面积). ``merge`` names the county once, merged down its rows.
    ``county_header`` None: no county column; the 小计 label is in the 注册号 column, 共N项 beside.
    """
    header = {3: F3_HEADER, 4: F4_HEADER}[form]
    ws = book.create_sheet(f"附表{form}")
    ws.cell(1, 1, f"附表{form}")
    ws.cell(2, 1, f"河南省建设工程质量监督{'在建' if form == 3 else '竣工'}工程明细表")
    ws.cell(3, 1, unit_line)
    county_column = [county_header] if county_header else []
    for i, text in enumerate([header[0], *county_column, *header[1:]]):
        ws.cell(4, 1 + i, text)
    r, seq, first_value = 5, 0, 2 + len(county_column)
    for county, rows, subtotal in groups:
        first = r
        for values in rows:
            seq += 1
            ws.cell(r, 1, seq)
            if county_header:
                ws.cell(r, 2, county if r == first or not merge else None)
            for i, v in enumerate(values):
                ws.cell(r, first_value + i, v)
            r += 1
        if merge and r - first > 1:
            ws.merge_cells(start_row=first, start_column=2, end_row=r - 1, end_column=2)
        if subtotal:
            ws.cell(r, 2, subtotal[0])
            if not county_header:
                ws.cell(r, 3, f"共{len(rows)}项")
            ws.cell(r, first_value + 3, subtotal[1])  # 建筑面积
            r += 1
    ws.cell(r, 1, "统计员：        批准人：        报送日期：2024年10月8日")
    return ws


def city_workbook(
    path, city: str, f5_rows: list, total, groups3: list, groups4: list, records=([], []), **layout
):
    """A city's own 汇总表: 附表1-6, its county rows in 附表5 (``total``: messy's f5 option),
    ``records`` the rows of 附表1 and 附表2."""
    clerk = Clerk(f"填表单位（盖章）：{city}住房和城乡建设局")
    clerk.detail(1, records[0])
    clerk.detail(2, records[1])
    clerk.f5(f5_rows, total=total)
    clerk.f6({})
    county_list(clerk.book, 3, clerk.unit_line, groups=groups3, **layout)
    county_list(clerk.book, 4, clerk.unit_line, groups=groups4, **layout)
    clerk.book.move_sheet("附表3", offset=-3)  # in form order, as clerks keep them
    clerk.book.move_sheet("附表4", offset=-3)
    return clerk.save(path)


# 平顶山市: 湛河区 新华区 under 市区小计, 叶县 郏县 under 县（市）小计, then 合计.
ZHANHE = f5_row("湛河区", (2, 1.0, 200), (1, 0.5, 100), (3, 1.5, 300))
# 在建 3 = 2 + 1 - 0; 1.5 = 1.0 + 0.5; 300 = 200 + 100
XINHUA = f5_row(
    "新华区", (1, 0.4, 80), (1, 0.2, 50), (1, 0.3, 60), (1, 0.3, 70), (1, 0.3, 70), (100, 100), 100
)
# 在建 1 = 1 + 1 - 1; 0.3 = 0.4 + 0.2 - 0.3; 60 = 80 + 50 - 70; 备案率 1/1
URBAN = f5_row(
    "市区小计", (3, 1.4, 280), (2, 0.7, 150), (4, 1.8, 360), (1, 0.3, 70), (1, 0.3, 70), (100, 100), 100
)
# 湛河区 + 新华区: 接转 2+1, 1.0+0.4, 200+80; 新注册 1+1, 0.5+0.2, 100+50; 在建 3+1, 1.5+0.3, 300+60
YEXIAN = f5_row(
    "叶县", (2, 1.0, 300), (1, 0.5, 100), (2, 1.0, 300), (1, 0.5, 100), (1, 0.5, 100), (100, 100), 90
)
# 在建 2 = 2 + 1 - 1; 1.0 = 1.0 + 0.5 - 0.5; 300 = 300 + 100 - 100
JIAXIAN = f5_row("郏县", (1, 0.2, 50), (0, 0, 0), (1, 0.2, 50))
RURAL = f5_row(
    "县（市）小计", (3, 1.2, 350), (1, 0.5, 100), (3, 1.2, 350), (1, 0.5, 100), (1, 0.5, 100), (100, 100), 90
)
# 叶县 + 郏县: 接转 2+1, 1.0+0.2, 300+50; 在建 2+1, 1.0+0.2, 300+50
NOTE = f5_row("其中：保障性安居工程", (1, 0.5, 100), (0, 0, 0), (1, 0.5, 100))  # part of the rows above
PINGDINGSHAN_TOTAL = f5_row(
    "全市合计", (6, 2.6, 630), (3, 1.2, 250), (7, 3.0, 710), (2, 0.8, 170), (2, 0.8, 170), (100, 100), 95
)
# the four counties: 接转 2+1+2+1 = 6, 1.0+0.4+1.0+0.2 = 2.6, 200+80+300+50 = 630; 在建 3+1+2+1 = 7,
# 1.5+0.3+1.0+0.2 = 3.0, 300+60+300+50 = 710; 竣工 and 备案 2, 0.8, 170; 满意率 (100×1 + 90×1) / 2 = 95


def pingdingshan(path, heads: bool = False, county_header: str | None = "县（市、区）", records=([], [])):
    """附表5 as above (``heads``: each 小计 row above its counties instead).

    附表3: 湛河区 3 × 5000 ㎡ (1.5 万㎡), 新华区 3000, 叶县 2 × 5000, 郏县 2000, each county
    followed by its 小计 row; 附表4: 新华区 3000 ㎡ and 叶县 5000 ㎡, both filed, with 小计 rows.
    """
    groups3 = [
        ("湛河区", in_progress("湛河区", 3, 5000), ["湛河区小计", 15000]),
        ("新华区", in_progress("新华区", 1, 3000), ["小 计", 3000]),
        ("叶县", in_progress("叶县", 2, 5000), ["叶县小计", 10000]),
        ("郏县", in_progress("郏县", 1, 2000), ["郏县小计", 2000]),
    ]
    groups4 = [
        ("新华区", [completed("新华区", 3000, True)], ["新华区小计", 3000]),
        ("叶县", [completed("叶县", 5000, True)], ["叶县小计", 5000]),
    ]
    rows = [ZHANHE, XINHUA, URBAN, YEXIAN, JIAXIAN, RURAL, NOTE]
    if heads:
        rows = [URBAN, ZHANHE, XINHUA, RURAL, YEXIAN, JIAXIAN, NOTE]
    return city_workbook(
        path, "平顶山市", rows, PINGDINGSHAN_TOTAL, groups3, groups4, records, county_header=county_header
    )


def province_run(tmp_path, cities: dict, **options):
    inbox = tmp_path / "cities"
    for name, build in cities.items():
        build(inbox / f"{name}.xlsx")
    return consolidate(inbox, "2024Q3", PROVINCE, out=tmp_path / "out", db=None, workers=1, **options)


def province_rows(result, form: str) -> list[tuple]:
    """(填报单位, 县（区）, 工程名称, 建筑面积) of each row of the province's 附表3/4."""
    ws = openpyxl.load_workbook(result.outputs["forms"])[{"F3": "附表3", "F4": "附表4"}[form]]
    header = [c.value for c in ws[5]]
    at = [header.index(h) for h in ("填报单位", "县（区）")] + [
        next(i for i, h in enumerate(header) if h and str(h).startswith(p)) for p in ("工程名称", "建筑面积")
    ]
    return [
        tuple(r[i] for i in at) for r in ws.iter_rows(min_row=6, values_only=True) if isinstance(r[0], int)
    ]


@pytest.mark.parametrize("heads", [False, True], ids=["subtotals-below", "subtotals-above"])
def test_subtotal_rows_of_a_city_are_checked_never_counted(tmp_path, heads):
    result = province_run(tmp_path, {"平顶山市": lambda path: pingdingshan(path, heads)})
    assert problems(result) == []  # no false F5-001 for 市区小计, 县（市）小计 or 合计
    totals = result.summary()["totals"]
    # the four counties once (not the 小计 rows again): 接转 6, 2.6, 630; 在建 7, 3.0, 710
    assert totals["F5"]["carried_over"] == {"count": 6, "area": 2.6, "cost": 630}
    assert totals["F5"]["in_progress"] == {"count": 7, "area": 3.0, "cost": 710}
    assert totals["F5"]["satisfaction_rate"] == 95  # (100 × 1 + 90 × 1) / 2
    # 附表3: 3 + 1 + 2 + 1 projects, 附表4: 2; no 小计 row became a project
    assert [totals[f]["rows"] for f in ("F3", "F4")] == [7, 2]
    assert sum(area for *_, area in province_rows(result, "F3")) == 30000  # 15000+3000+10000+2000


def test_a_wrong_subtotal_is_found_at_its_cell(tmp_path):
    def build(path):
        pingdingshan(path)
        book = openpyxl.load_workbook(path)
        # rows: 附表5, title, 填表单位, header 4-5, 湛河区 6, 新华区 7, 市区小计 8, 叶县 9, 郏县 10,
        # 县（市）小计 11, 其中 12, 全市合计 13; 在建项数 is column H. 叶县 2 + 郏县 1 = 3, not 5
        book["附表5"]["H11"] = 5
        book.save(path)

    result = province_run(tmp_path, {"平顶山市": build})
    [wrong] = [f for f in result.findings if f.rule == "F5-001"]
    assert (wrong.sheet, wrong.cell, wrong.value) == ("附表5", "H11", "5")
    assert "县（市）小计" in wrong.message and "所含各行之和为3" in wrong.message


# 许昌市: no 合计 row; a 填报单位 column naming the county once, merged down its projects.
WEIDU = f5_row("魏都区", (2, 0.8, 160), (0, 0, 0), (2, 0.8, 160))
YUZHOU = f5_row("禹州市", (1, 0.5, 90), (1, 0.3, 60), (1, 0.5, 90), (1, 0.3, 60))
# 在建 1 = 1 + 1 - 1; 0.5 = 0.5 + 0.3 - 0.3; 90 = 90 + 60 - 60; nothing filed, 备案率 left empty


def xuchang(path):
    """附表3: 魏都区 2 × 4000 ㎡ (0.8 万㎡), 禹州市 5000 ㎡; 附表4: 禹州市 3000 ㎡, not filed."""
    groups3 = [
        ("魏都区", in_progress("魏都区", 2, 4000), None),
        ("禹州市", in_progress("禹州市", 1, 5000), None),
    ]
    groups4 = [("禹州市", [completed("禹州市", 3000, False)], None)]
    return city_workbook(
        path, "许昌市", [WEIDU, YUZHOU], None, groups3, groups4, county_header="填报单位", merge=True
    )


def test_merged_county_cells_and_no_total_row(tmp_path):
    result = province_run(tmp_path, {"平顶山市": pingdingshan, "许昌市": xuchang})
    assert problems(result) == []  # 许昌市 has no 合计: nothing is missing
    totals = result.summary()["totals"]
    # 平顶山市 7, 3.0, 710 + 许昌市 2 + 1, 0.8 + 0.5, 160 + 90
    assert totals["F5"]["in_progress"] == {"count": 10, "area": 4.3, "cost": 960}
    xuchang_rows = [r for r in province_rows(result, "F3") if r[0] == "许昌市"]
    assert xuchang_rows == [
        ("许昌市", "魏都区", "魏都区在建1号楼", 4000),
        ("许昌市", "魏都区", "魏都区在建2号楼", 4000),  # under the merge: its county kept
        ("许昌市", "禹州市", "禹州市在建1号楼", 5000),
    ]
    assert [r[:2] for r in province_rows(result, "F4")] == [
        ("平顶山市", "新华区"),
        ("平顶山市", "叶县"),
        ("许昌市", "禹州市"),
    ]
    assert [r[1] for r in province_rows(result, "F3") if r[0] == "平顶山市"] == (
        ["湛河区"] * 3 + ["新华区"] + ["叶县"] * 2 + ["郏县"]
    )


# 洛阳市: its 合计 says 在建 3 projects; its two county rows say 1 + 1.
XIGONG = f5_row("西工区", (1, 0.6, 120), (0, 0, 0), (1, 0.6, 120))
YANSHI = f5_row("偃师区", (1, 0.4, 80), (0, 0, 0), (1, 0.4, 80))
LUOYANG_TOTAL = f5_row("合计", (2, 1.0, 200), (0, 0, 0), (3, 1.0, 200))  # 在建项数 should be 1 + 1 = 2


def luoyang(path):
    groups3 = [
        ("西工区", in_progress("西工区", 1, 6000), None),
        ("偃师区", in_progress("偃师区", 1, 4000), None),
    ]
    return city_workbook(
        path, "洛阳市", [XIGONG, YANSHI], LUOYANG_TOTAL, groups3, [], county_header="县（区）"
    )


def test_a_citys_wrong_total_is_found_at_its_cell_and_its_county_rows_are_used(tmp_path):
    result = province_run(tmp_path, {"洛阳市": luoyang})
    [wrong] = [f for f in result.findings if f.rule == "F5-001"]
    # 附表5 rows: 附表5, title, 填表单位, two header rows (4, 5), 西工区 6, 偃师区 7, 合计 8;
    # 在建项数 is the 8th column (H)
    assert (wrong.unit, wrong.sheet, wrong.cell, wrong.value) == ("洛阳市", "附表5", "H8", "3")
    assert "各行之和为2" in wrong.message
    # the county rows are the record: 1 + 1 projects, 0.6 + 0.4 万㎡, 120 + 80 万元
    assert result.summary()["totals"]["F5"]["in_progress"] == {"count": 2, "area": 1.0, "cost": 200}
    assert [r[:2] for r in province_rows(result, "F3")] == [("洛阳市", "西工区"), ("洛阳市", "偃师区")]


def test_merged_builder_over_three_rows_in_a_county_workbook(tmp_path):
    """附表3 rows 5-8 (four projects): 施工单位 G5:G7 merged, G8 left empty by the clerk;
    附表4 rows 5-6 (two projects): 竣工日期 I5:I6 merged, 2024-06-20, before the quarter."""
    ye = f5_row(
        "叶县", (5, 2.5, 500), (1, 0.5, 100), (4, 2.0, 400), (2, 1.0, 200), (2, 1.0, 200), (100, 100), 100
    )
    # 在建 4 = 5 + 1 - 2; 2.0 = 2.5 + 0.5 - 1.0; 400 = 500 + 100 - 200. 附表3: 4 × 5000 ㎡ = 2.0 万㎡;
    # 附表4: 2 × 5000 ㎡, both filed (备案日期 2024-08-25, after either 竣工日期)
    clerk = Clerk("填表单位（盖章）：叶县").all_forms([ye])
    ws = clerk.book["附表3"]
    assert ws["G4"].value == "施工单位" and ws["B8"].value and ws["B9"].value is None
    ws["G6"], ws["G7"], ws["G8"] = None, None, None
    ws.merge_cells("G5:G7")
    ws4 = clerk.book["附表4"]
    assert ws4["I4"].value == "竣工\n日期" and ws4["B6"].value and ws4["B7"].value is None
    ws4["I5"], ws4["I6"] = date(2024, 6, 20), None
    ws4.merge_cells("I5:I6")
    inbox = tmp_path / "inbox"
    clerk.save(inbox / "叶县.xlsx")
    result = consolidate(
        inbox, "2024Q3", Config(name="平顶山市", units=["叶县"]), out=tmp_path / "out", db=None, workers=1
    )
    found = sorted((f.rule, f.sheet, f.cell) for f in result.findings if f.severity != "info")
    assert found == [
        ("F3-004", "附表3", "G8"),  # the planted empty cell outside the merge, and only it
        ("F4-002", "附表4", "I5"),  # 竣工日期 of row 5, outside 2024Q3
        ("F4-002", "附表4", "I5"),  # and of row 6, read from the merge: named by its first cell
    ]
    book = openpyxl.load_workbook(result.outputs["forms"])
    builders = [r[8] for r in book["附表3"].iter_rows(min_row=6, values_only=True) if isinstance(r[0], int)]
    assert builders == [BUILDER] * 3 + [None]  # every row of the merge holds its value
    marked = openpyxl.load_workbook(result.outputs["退回/叶县_审核标注"])
    assert "F4-002" in marked["附表4"]["I5"].comment.text and marked["附表4"]["I6"].comment is None


def province_origins(result, sheet: str) -> list[tuple]:
    """(填报单位, 县（区）) of each record of the province's 附表1-4 (rows numbered by 序号)."""
    ws = openpyxl.load_workbook(result.outputs["forms"])[sheet]
    header = next(r for r in ws.iter_rows(max_row=8, values_only=True) if "填报单位" in r)
    at = header.index("填报单位"), header.index("县（区）")
    return [(r[at[0]], r[at[1]]) for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)]


# 附表6 of 平顶山市 per county: 湛河区 and 叶县 blocks, then a 合计 block. 13 figures a row:
# 新注册, 竣工, 备案 (项数, 面积, 造价), 备案率, 在建 (项数, 面积, 造价). Other categories: all 0.
ZHANHE_F6 = {"住宅工程": [1, 0.5, 100, 0, 0, 0, 0, 0, 0, None, 2, 1.0, 200]}
YEXIAN_F6 = {
    "住宅工程": [1, 0.5, 100, 1, 0.5, 100, 1, 0.5, 100, 100, 2, 1.0, 300],
    "县（区）\n工程": [1, 0.5, 100, 1, 0.5, 100, 1, 0.5, 100, 100, 2, 1.0, 300],  # 叶县 is a 县
}
TOTAL_F6 = {
    "住宅工程": [2, 1.0, 200, 1, 0.5, 100, 1, 0.5, 100, 100, 4, 2.0, 500],  # 1+1, 0.5+0.5 …; 2+2, 200+300
    "县（区）\n工程": [1, 0.5, 100, 1, 0.5, 100, 1, 0.5, 100, 100, 2, 1.0, 300],  # 叶县's alone
}
F6_GROUPS = ["本季/年新注册项目"] * 3 + ["本季/年竣工工程"] * 3 + ["本季/年质量备案工程"] * 4
F6_SUBS = ["项数", "面积（万㎡）", "造价（万元）"] * 2 + [
    "项数",
    "面积（万㎡）",
    "造价（万元）",
    "备案率（项%）",
]


def county_f6(path, blocks: list[tuple[str, dict]], heads: bool) -> None:
    """Replace 附表6 by a block of the six category rows per label (a county, 合计): the label
    merged down its block in a 县（市、区） column left of 项目, or (``heads``) on a heading row of
    its own above the block (一、湛河区), as clerks lay it out."""
    book = openpyxl.load_workbook(path)
    index = book.index(book["附表6"])
    book.remove(book["附表6"])
    ws = book.create_sheet("附表6", index)
    ws["A1"], ws["A2"] = "附表6", "河南省建设工程质量监督季（年）度分类统计表"
    ws["A3"] = "填表单位（盖章）：平顶山市住房和城乡建设局"
    left = 1 if heads else 2
    if not heads:
        ws["A4"] = "县（市、区）"
    ws.cell(4, left, "项  目")
    for i, (group, sub) in enumerate(zip(F6_GROUPS + ["本季/年在建工程"] * 3, F6_SUBS + F6_SUBS[:3])):
        ws.cell(4, left + 1 + i, group)
        ws.cell(5, left + 1 + i, sub)
    r = 6
    for label, figures in blocks:
        if heads:
            ws.cell(r, 1, label)
            r += 1
        else:
            ws.cell(r, 1, label)
            ws.merge_cells(start_row=r, start_column=1, end_row=r + 5, end_column=1)
        for category in F6_ROWS:
            ws.cell(r, left, category)
            for i, v in enumerate(figures.get(category, [0] * 9 + [None] + [0] * 3)):
                ws.cell(r, left + 1 + i, v)
            r += 1
    ws.cell(r, 1, "统计员：        批准人：        报送日期：2024年10月8日")
    book.save(path)


F6_LAYOUTS = {
    "merged-county-cells": (False, ["湛河区", "叶县", "合计"]),
    "heading-rows": (True, ["一、湛河区", "二、叶县", "全市合计"]),
}


@pytest.mark.parametrize("layout", F6_LAYOUTS, ids=list(F6_LAYOUTS))
def test_county_blocks_of_f6_are_summed_and_the_total_block_only_checked(tmp_path, layout):
    heads, labels = F6_LAYOUTS[layout]

    def build(path):
        pingdingshan(path)
        county_f6(path, list(zip(labels, [ZHANHE_F6, YEXIAN_F6, TOTAL_F6])), heads)

    result = province_run(tmp_path, {"平顶山市": build})
    assert problems(result) == []  # the 合计 block is right; no heading became a category
    f6 = result.summary()["totals"]["F6"]
    # 住宅工程: 湛河区 + 叶县 (the 合计 block not added again, nor only the last block kept)
    assert f6["residential"]["new"] == {"count": 2, "area": 1.0, "cost": 200}
    assert f6["residential"]["in_progress"] == {"count": 4, "area": 2.0, "cost": 500}
    assert f6["residential"]["filing_rate"] == 100  # 1 filed / 1 completed, recomputed
    assert f6["county"]["in_progress"] == {"count": 2, "area": 1.0, "cost": 300}  # 叶县 only
    assert f6["public"]["completed"] == {"count": 0, "area": 0, "cost": 0}


@pytest.mark.parametrize(
    "layout, cell",
    [("merged-county-cells", "M18"), ("heading-rows", "L21")],
    ids=["merged-county-cells", "heading-rows"],
)
def test_a_wrong_f6_total_block_is_found_at_its_cell_and_the_county_blocks_used(tmp_path, layout, cell):
    """Rows 6-11 湛河区, 12-17 叶县, 18-23 合计 (merged county cells; 在建项数 in column M), or
    heading rows 6, 13, 20 above rows 7-12, 14-19, 21-26 (项目 in column A, 在建项数 in L)."""
    heads, labels = F6_LAYOUTS[layout]
    wrong = {**TOTAL_F6, "住宅工程": [2, 1.0, 200, 1, 0.5, 100, 1, 0.5, 100, 100, 5, 2.0, 500]}  # 2 + 2 = 4

    def build(path):
        pingdingshan(path)
        county_f6(path, list(zip(labels, [ZHANHE_F6, YEXIAN_F6, wrong])), heads)

    result = province_run(tmp_path, {"平顶山市": build})
    [found] = problems(result)
    assert found[1:4] == ("F6-005", "附表6", cell)
    assert "在建项数填报为5" in found[4] and "之和为4" in found[4]
    assert result.summary()["totals"]["F6"]["residential"]["in_progress"]["count"] == 4


def bad_behaviour(no: str, project: str) -> list:
    """附表1: 记录编号 … 批准日期, recorded and approved in 2024Q3."""
    return [no, project, BUILDER, "张三", "项目经理", "未按图施工", "第五条", "李四", IN_Q3, "王五", FILED]


def penalty(no: str, project: str) -> list:
    """附表2: 记录编号 … 处理情况."""
    return [no, project, BUILDER, IN_Q3, "未按图施工", "《建设工程质量管理条例》", "罚款", "已执行", "已整改"]


def test_heading_rows_in_a_list_name_the_county_of_the_records_below(tmp_path):
    """附表1: 一、市区 / 湛河区 / one record / 二、县（市） / 叶县 / two records; 附表2: a heading
    叶县 merged across the row (A5:I5), then one record. Headings are no records (no F1-001)."""
    f1 = [
        ["一、市区"],
        ["湛河区"],
        bad_behaviour("PDBL2024-001", "湛河区在建1号楼"),
        ["二、县（市）"],
        ["叶县"],
        bad_behaviour("PDBL2024-002", "叶县在建1号楼"),
        bad_behaviour("PDBL2024-003", "叶县在建2号楼"),
    ]

    def build(path):
        pingdingshan(path, records=(f1, [["叶县"], penalty("PDCF2024-001", "叶县在建1号楼")]))
        book = openpyxl.load_workbook(path)
        book["附表2"].merge_cells("A5:I5")
        book.save(path)

    result = province_run(tmp_path, {"平顶山市": build})
    assert problems(result) == []
    totals = result.summary()["totals"]
    assert [totals[f]["rows"] for f in ("F1", "F2")] == [3, 1]
    assert province_origins(result, "附表1") == [
        ("平顶山市", "湛河区"),
        ("平顶山市", "叶县"),
        ("平顶山市", "叶县"),
    ]
    assert province_origins(result, "附表2") == [("平顶山市", "叶县")]


def test_a_county_subtotal_row_names_the_county_of_the_group_it_closes(tmp_path):
    """附表3/4 without a county column: each county's projects, then its 小计 row (湛河区小计 in
    the 注册号 column, 共3项 under 工程名称; 新华区's only 小 计, naming none)."""
    result = province_run(tmp_path, {"平顶山市": lambda path: pingdingshan(path, county_header=None)})
    assert problems(result) == []  # no 小计 row became a project
    assert [county for _, county in province_origins(result, "附表3")] == (
        ["湛河区"] * 3 + ["平顶山市"] + ["叶县"] * 2 + ["郏县"]  # 新华区's 小 计 names no county
    )
    assert province_origins(result, "附表4") == [("平顶山市", "新华区"), ("平顶山市", "叶县")]


def test_a_county_office_in_the_source_unit_column_is_the_county(tmp_path):
    """附表3/4 with a 填报单位 column holding each county's office, not its name."""
    offices = {
        "湛河区": "湛河区质监站",
        "新华区": "新华区建设工程质量监督站",
        "叶县": "叶县住房和城乡建设局",
        "郏县": "郏县质量监督站",
    }

    def build(path):
        pingdingshan(path, county_header="填报单位")
        book = openpyxl.load_workbook(path)
        for sheet in ("附表3", "附表4"):
            for (cell,) in book[sheet].iter_rows(min_row=5, min_col=2, max_col=2):
                cell.value = offices.get(str(cell.value), cell.value)
        book.save(path)

    result = province_run(tmp_path, {"平顶山市": build})
    assert problems(result) == []
    assert [county for _, county in province_origins(result, "附表3")] == (
        ["湛河区"] * 3 + ["新华区"] + ["叶县"] * 2 + ["郏县"]
    )
    assert province_origins(result, "附表4") == [("平顶山市", "新华区"), ("平顶山市", "叶县")]


def test_county_blocks_of_f6_together_over_the_citys_f5_are_found_at_the_total_block(tmp_path):
    """湛河区 and 叶县 have 4 住宅 projects in progress each: each within 附表5's 7, together 8,
    over it. The 合计 block (rows 18-23, 在建项数 in column M) states the 8."""

    def in_progress_of(figures: dict, count: int) -> dict:
        return {**figures, "住宅工程": [*figures["住宅工程"][:10], count, *figures["住宅工程"][11:]]}

    def build(path):
        pingdingshan(path)
        blocks = [in_progress_of(ZHANHE_F6, 4), in_progress_of(YEXIAN_F6, 4), in_progress_of(TOTAL_F6, 8)]
        county_f6(path, list(zip(["湛河区", "叶县", "合计"], blocks)), heads=False)

    result = province_run(tmp_path, {"平顶山市": build})
    [found] = problems(result)
    assert found[1:4] == ("F6-004", "附表6", "M18")
    assert "8" in found[4] and "7" in found[4]


def test_a_total_printed_from_unrounded_figures_is_not_a_false_f5_001(tmp_path):
    """A city's 合计 printed from its unrounded figures: six counties each registered 0.114 万㎡,
    printed 0.11; the 合计 prints 6 × 0.114 = 0.684 as 0.68, while the printed rows add up to
    6 × 0.11 = 0.66. Each printed row may be off by half a unit (0.005): six of them by 0.03, so
    the difference 0.02 is rounding, not an error (qstat's own 汇总表 prints this way)."""
    counties = ["魏都区", "建安区", "禹州市", "长葛市", "鄢陵县", "襄城县"]
    rows = [f5_row(c, (0, 0, 0), (1, 0.11, 10), (1, 0.11, 10)) for c in counties]
    total = f5_row("合计", (0, 0, 0), (6, 0.68, 60), (6, 0.68, 60))
    groups3 = [(c, in_progress(c, 1, 1100), None) for c in counties]  # 1100 ㎡ = 0.11 万㎡ each

    def xuchang_rounded(path):
        return city_workbook(path, "许昌市", rows, total, groups3, [], county_header="县（区）")

    result = province_run(tmp_path, {"许昌市": xuchang_rounded})
    assert [f for f in result.findings if f.rule == "F5-001"] == []
    # the county rows are the record: 6 projects, 6 × 0.11 = 0.66 万㎡, 6 × 10 = 60 万元
    assert result.summary()["totals"]["F5"]["new"] == {"count": 6, "area": 0.66, "cost": 60}
