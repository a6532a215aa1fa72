"""The seed's own layouts read cleanly, placeholder rows are not records, counties survive.

Workbooks come from tests/messy.py (which shares no code with the reader); every expected
figure is worked out by hand in the comments.
"""

import shutil

from messy import Clerk, f5_row

from qstat import Config, consolidate

YEXIAN = f5_row(
    "叶县",
    carried=(1, 0.5, 100),
    new=(2, 1.0, 300),
    in_progress=(2, 1.0, 300),
    completed=(1, 0.5, 100),
    filed=(1, 0.5, 100),
    rate=(100, 100),
    satisfaction=100,
)
# 在建 2 = 1 + 2 - 1; 1.0 = 0.5 + 1.0 - 0.5 万㎡; 300 = 100 + 300 - 100 万元; 备案率 1/1 = 100 %
JIAXIAN = f5_row(
    "郏县",
    carried=(3, 1.2, 800),
    new=(1, 0.4, 200),
    in_progress=(3, 1.3, 900),
    completed=(1, 0.3, 100),
    filed=(1, 0.3, 100),
    rate=(100, 100),
    satisfaction=95,
)
# 在建 3 = 3 + 1 - 1; 1.3 = 1.2 + 0.4 - 0.3; 900 = 800 + 200 - 100


def problems(result) -> list:
    """Errors and warnings (HS001 notes about a missing history are info)."""
    return [(f.rule, f.sheet, f.cell, f.message) for f in result.findings if f.severity != "info"]


def test_the_seeds_annual_form_without_a_filed_cost_reads_without_findings(tmp_path):
    # 附表7 as seed 002 draws it: 本年度备案工程 has 项数 and 面积 only (21 columns).
    row = ["叶县", 10, 5.0, 3000, 6, 3.0, 2000, 12, 6.0, 3800, 4, 2.0, 1200, 3, 1.5, 75.0, 75.0, 100, 0, 0, 0]
    # 在建 12 = 10 + 6 - 4; 6.0 = 5.0 + 3.0 - 2.0; 3800 = 3000 + 2000 - 1200;
    # 备案率 3/4 = 75 % (项数) and 1.5/2.0 = 75 % (面积)
    for name, filed_cost in (("seed", False), ("with_cost", True)):
        inbox = tmp_path / name
        clerk = Clerk("填表单位（盖章）：叶县")
        values = row if not filed_cost else row[:15] + [900] + row[15:]
        clerk.f7([values], filed_cost=filed_cost)
        clerk.f6({})
        clerk.save(inbox / "叶县.xlsx")
        result = consolidate(
            inbox,
            "2024",
            Config(name="平顶山市", units=["叶县"]),
            out=tmp_path / f"out-{name}",
            db=None,
            workers=1,
        )
        assert problems(result) == []
        totals = result.summary()["totals"]["F7"]
        assert totals["in_progress"] == {"count": 12, "area": 6.0, "cost": 3800}
        assert totals["filed"]["count"] == 3 and totals["filed"]["area"] == 1.5
        assert totals["filing_rate"] == {"count": 75.0, "area": 75.0}


def placeholder_workbook(clerk: Clerk, f5: list) -> Clerk:
    """A complete package whose empty 附表1/2 and padded 附表3/4 carry placeholder rows."""
    clerk.all_forms([f5])
    ws1 = clerk.book["附表1"]
    ws1.cell(7, 1, "无")  # 记录编号
    ws1.cell(7, 2, "本季度无不良行为记录")  # 工程名称
    ws2 = clerk.book["附表2"]
    ws2.cell(6, 5, "本季度无行政处罚记录")  # 违法违规事实, the other cells empty
    for name in ("附表3", "附表4"):
        ws = clerk.book[name]
        footer = next(
            r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value or "").startswith("统计员")
        )
        ws.insert_rows(footer)
        ws.cell(footer, 1, "/")
        ws.cell(footer, 3, "以下空白")
    return clerk


def test_placeholder_rows_in_each_list_are_not_records(tmp_path):
    inbox = tmp_path / "inbox"
    placeholder_workbook(Clerk("填表单位（盖章）：叶县"), YEXIAN).save(inbox / "叶县.xlsx")
    result = consolidate(
        inbox, "2024Q3", Config(name="平顶山市", units=["叶县"]), out=tmp_path / "out", db=None, workers=1
    )
    assert problems(result) == []
    totals = result.summary()["totals"]
    # 附表1/2: only the placeholder row; 附表3: 2 projects (在建 2); 附表4: 1 (竣工 1)
    assert [totals[f]["rows"] for f in ("F1", "F2", "F3", "F4")] == [0, 0, 2, 1]


def test_a_province_run_over_a_citys_forms_keeps_each_rows_county(tmp_path):
    inbox = tmp_path / "counties"
    placeholder_workbook(Clerk("填表单位（盖章）：叶县"), YEXIAN).save(inbox / "叶县.xlsx")
    Clerk("填表单位（盖章）：郏县").all_forms([JIAXIAN]).save(inbox / "郏县.xlsx")
    city = consolidate(
        inbox,
        "2024Q3",
        Config(name="平顶山市", units=["叶县", "郏县"]),
        out=tmp_path / "city",
        db=None,
        workers=1,
    )
    assert problems(city) == []
    province_inbox = tmp_path / "cities"
    province_inbox.mkdir()
    shutil.copy(city.outputs["forms"], province_inbox / "平顶山市.xlsx")
    province = consolidate(
        province_inbox,
        "2024Q3",
        Config(name="河南省", units=["平顶山市"]),
        out=tmp_path / "province",
        db=None,
        workers=1,
    )
    assert problems(province) == []  # the city's own 汇总表 draws no finding of its own
    totals = province.summary()["totals"]
    assert totals["F5"]["in_progress"] == {"count": 5, "area": 2.3, "cost": 1200}  # 2+3, 1.0+1.3
    assert [totals[f]["rows"] for f in ("F1", "F2", "F3", "F4")] == [0, 0, 5, 2]

    import openpyxl

    ws = openpyxl.load_workbook(province.outputs["forms"])["附表3"]
    header = [c.value for c in ws[5]]
    unit_col, county_col = header.index("填报单位"), header.index("县（区）")
    rows = [r for r in ws.iter_rows(min_row=6, values_only=True) if isinstance(r[0], int)]
    assert [(r[unit_col], r[county_col]) for r in rows] == (
        [("平顶山市", "叶县")] * 2 + [("平顶山市", "郏县")] * 3
    )
