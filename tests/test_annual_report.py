"""The annual report (第十一条) against hand-computed figures from a year of clerk-made inboxes.

History (units 叶县, 舞钢市, 湛河区; every figure consistent with the F5/F7 checks):
  2023     附表7 of 叶县, 舞钢市, 湛河区 (and 附表6)
  2024Q1-4 附表5 of 叶县 and 舞钢市 (湛河区 never reports in 2024)
  2024     附表7 of 叶县 and 舞钢市 (and 附表6)

The four quarters (合计 of 叶县 + 舞钢市) and the year (附表7 合计); 满意率 weighted by 备案项数:
        新注册            在建               竣工              备案              备案率  满意率
  Q1    3 / 1.50 / 800    19 / 9.50 / 5400   3 / 1.50 / 700    3 / 1.50 / 700    100.0   (90+80×2)/3 = 83.3
  Q2    5 / 2.50 / 1400   22 / 11.00 / 6300  2 / 1.00 / 500    2 / 1.00 / 500    100.0   95.0 (舞钢 0 filed)
  Q3    7 / 3.50 / 1900   24 / 12.00 / 6800  5 / 2.50 / 1400   3 / 1.50 / 800    60.0    (90×2+100)/3 = 93.3
  Q4    3 / 1.50 / 700    20 / 10.00 / 5800  7 / 3.50 / 1700   7 / 3.50 / 1700   100.0   (85×4+90×3)/7 = 87.1
  2024  18 / 9.00 / 4800  20 / 10.00 / 5800  17 / 8.50 / 4300  15 / 7.50 / —     88.2    (88×9+90×6)/15 = 88.8

同比 over the units with a 附表7 in both years (叶县, 舞钢市; 湛河区 left out, 本年度未报):
  2023 叶县 + 舞钢市: new 16 / 8.00 / 4500, in progress 19 / 9.50, completed 10 / 4.50, filed 9,
  rate 9/10 = 90.0, satisfaction (90×5+80×4)/9 = 85.6 → new 增长12.5% (the 2023 合计 of three
  units, 20, would say 下降10.0%), completed 增长70.0%, rate 降低1.8个百分点, satisfaction 提高3.2个百分点.
  附表6 住宅工程, 2024 vs 2023 over the same two units: new 12 vs 10 (增长20.0%; the 2023 合计 is 12),
  area 6.00 vs 5.00 (增长20.0%), completed 10 vs 6 (增长66.7%), area 5.00 vs 2.80 (增长78.6%),
  rate 9/10 = 90.0 vs 5/6 = 83.3 (提高6.7个百分点), in progress 14 vs 12 (增长16.7%), 7.00 vs 6.00.
"""

from datetime import date
from pathlib import Path

import pytest
from conftest import THREE_UNITS as UNITS
from conftest import copy_history
from docx import Document
from messy import Clerk, f5_row, unit_workbook

from qstat import consolidate
from qstat.write.report import ReportError, build_report, write_skeleton
from qstat.write.report.narrative import parse_narrative_file


def f7_row(unit, carried, new, in_progress, completed, filed, rate, satisfaction) -> list:
    """One 附表7 row as the seed draws it: 备案 with 项数 and 面积 only (21 values)."""
    return [unit, *carried, *new, *in_progress, *completed, *filed, *rate, satisfaction, 0, 0, 0]


def f6_residential(new, completed, filed, in_progress) -> dict[str, list]:
    return {"住宅工程": [*new, *completed, *filed, *in_progress]}


YEAR_2023 = {
    "叶县": (
        f7_row(
            "叶县",
            (8, 4.0, 2000),
            (10, 5.0, 3000),
            (12, 6.0, 3600),
            (6, 3.0, 1400),
            (5, 2.5),
            (83.3, 83.3),
            90,
        ),
        f6_residential((6, 3.0, 1800), (4, 2.0, 900), (3, 1.5, 700, 75), (8, 4.0, 2400)),
    ),
    "舞钢市": (
        f7_row(
            "舞钢市", (5, 2.0, 1000), (6, 3.0, 1500), (7, 3.5, 1700), (4, 1.5, 800), (4, 1.5), (100, 100), 80
        ),
        f6_residential((4, 2.0, 1000), (2, 0.8, 400), (2, 0.8, 400, 100), (4, 2.0, 1000)),
    ),
    "湛河区": (
        f7_row(
            "湛河区", (3, 1.0, 500), (4, 2.0, 1000), (5, 2.5, 1200), (2, 0.5, 300), (2, 0.5), (100, 100), 100
        ),
        f6_residential((2, 1.0, 500), (1, 0.3, 100), (1, 0.3, 100, 100), (3, 1.5, 700)),
    ),
}
QUARTERS = {  # carried over, new, in progress, completed, filed, rate, satisfaction
    "2024Q1": [
        f5_row(
            "叶县",
            (12, 6.0, 3600),
            (2, 1.0, 600),
            (13, 6.5, 3900),
            (1, 0.5, 300),
            (1, 0.5, 300),
            (100, 100),
            90,
        ),
        f5_row(
            "舞钢市",
            (7, 3.5, 1700),
            (1, 0.5, 200),
            (6, 3.0, 1500),
            (2, 1.0, 400),
            (2, 1.0, 400),
            (100, 100),
            80,
        ),
    ],
    "2024Q2": [
        f5_row(
            "叶县",
            (13, 6.5, 3900),
            (3, 1.5, 900),
            (14, 7.0, 4300),
            (2, 1.0, 500),
            (2, 1.0, 500),
            (100, 100),
            95,
        ),
        f5_row("舞钢市", (6, 3.0, 1500), (2, 1.0, 500), (8, 4.0, 2000), (0, 0, 0), (0, 0, 0), ("", ""), ""),
    ],
    "2024Q3": [
        f5_row(
            "叶县",
            (14, 7.0, 4300),
            (4, 2.0, 1200),
            (15, 7.5, 4700),
            (3, 1.5, 800),
            (2, 1.0, 500),
            (66.7, 66.7),
            90,
        ),
        f5_row(
            "舞钢市",
            (8, 4.0, 2000),
            (3, 1.5, 700),
            (9, 4.5, 2100),
            (2, 1.0, 600),
            (1, 0.5, 300),
            (50, 50),
            100,
        ),
    ],
    "2024Q4": [
        f5_row(
            "叶县",
            (15, 7.5, 4700),
            (1, 0.5, 300),
            (12, 6.0, 4000),
            (4, 2.0, 1000),
            (4, 2.0, 1000),
            (100, 100),
            85,
        ),
        f5_row(
            "舞钢市",
            (9, 4.5, 2100),
            (2, 1.0, 400),
            (8, 4.0, 1800),
            (3, 1.5, 700),
            (3, 1.5, 700),
            (100, 100),
            90,
        ),
    ],
}
YEAR_2024 = {
    "叶县": (
        f7_row(
            "叶县", (12, 6.0, 3600), (10, 5.0, 3000), (12, 6.0, 4000), (10, 5.0, 2600), (9, 4.5), (90, 90), 88
        ),
        f6_residential((7, 3.5, 2100), (6, 3.0, 1500), (5, 2.5, 1200, 83.3), (9, 4.5, 3000))
        | {"公共建筑工程": [1, 0.5, 300, 0, 0, 0, 0, 0, 0, "", 1, 0.5, 300]},
    ),
    "舞钢市": (
        f7_row(
            "舞钢市",
            (7, 3.5, 1700),
            (8, 4.0, 1800),
            (8, 4.0, 1800),
            (7, 3.5, 1700),
            (6, 3.0),
            (85.7, 85.7),
            90,
        ),
        f6_residential((5, 2.5, 1100), (4, 2.0, 1000), (4, 2.0, 1000, 100), (5, 2.5, 1100)),
    ),
}


def _annual(tmp_path: Path, year: str, units: dict) -> None:
    inbox = tmp_path / "inbox" / year
    for unit, (row, categories) in units.items():
        clerk = Clerk(f"填表单位（公章）：{unit}住房和城乡建设局")
        clerk.f7([row], filed_cost=False)
        clerk.f6(categories)
        clerk.save(inbox / f"{unit}.xlsx")
    consolidate(inbox, year, UNITS, out=tmp_path / "forms" / year, db=tmp_path / "h.sqlite", workers=1)


@pytest.fixture(scope="module")
def year(tmp_path_factory) -> Path:
    """2023, the four quarters of 2024 and 2024, built once: tests read it; one that writes copies it."""
    tmp_path = tmp_path_factory.mktemp("year")
    _annual(tmp_path, "2023", YEAR_2023)
    for period, rows in QUARTERS.items():
        inbox = tmp_path / "inbox" / period
        for row in rows:
            unit_workbook(row[0], row).save(inbox / f"{row[0]}.xlsx")
        consolidate(
            inbox, period, UNITS, out=tmp_path / "forms" / period, db=tmp_path / "h.sqlite", workers=1
        )
    _annual(tmp_path, "2024", YEAR_2024)
    return tmp_path / "h.sqlite"


def _docx(db: Path, out: Path, **options) -> tuple[list[str], dict[str, list[list[str]]]]:
    doc = Document(str(build_report("2024", db, out, today=date(2024, 12, 18), **options).outputs["report"]))
    tables: dict[str, list[list[str]]] = {}
    for t in doc.tables:
        rows = [[c.text for c in row.cells] for row in t.rows]
        tables.setdefault(" ".join(rows[0]), rows)
    return [p.text for p in doc.paragraphs], tables


def test_the_four_quarters_stand_side_by_side_with_the_year(year, tmp_path):
    paragraphs, tables = _docx(year, tmp_path / "out")
    quarters = {r[0]: r[1:] for r in tables["指标 一季度 二季度 三季度 四季度 全年"][1:]}
    assert quarters["新注册项数"] == ["3", "5", "7", "3", "18"]
    assert quarters["新注册面积（万㎡）"] == ["1.50", "2.50", "3.50", "1.50", "9.00"]
    assert quarters["新注册造价（万元）"] == ["800.00", "1,400.00", "1,900.00", "700.00", "4,800.00"]
    assert quarters["在建项数"] == ["19", "22", "24", "20", "20"]
    assert quarters["在建造价（万元）"] == ["5,400.00", "6,300.00", "6,800.00", "5,800.00", "5,800.00"]
    assert quarters["竣工项数"] == ["3", "2", "5", "7", "17"]
    assert quarters["竣工面积（万㎡）"] == ["1.50", "1.00", "2.50", "3.50", "8.50"]
    assert quarters["备案项数"] == ["3", "2", "3", "7", "15"]
    assert quarters["备案造价（万元）"] == ["700.00", "500.00", "800.00", "1,700.00", "—"]  # 附表7 has none
    assert quarters["备案率（项数，%）"] == ["100.0", "100.0", "60.0", "100.0", "88.2"]
    assert quarters["用户满意率（%）"] == ["83.3", "95.0", "93.3", "87.1", "88.8"]
    assert "表2　本年度各季度情况（附表5）" in paragraphs


def test_the_year_is_compared_with_last_year_over_the_units_in_both(year, tmp_path):
    paragraphs, tables = _docx(year, tmp_path / "out")
    text = "\n".join(paragraphs)
    assert (
        "本年度合计含2个单位；同比按两期均有数据的2个单位同口径计算，不含湛河区（本年度未报），"
        "各项指标的对比见表1。"
    ) in text
    # 上年度's total (20 new, three units) is not the base: the volumes' 同比 are left to 表1, a rate
    # names the comparable units' own figures
    assert "本年度新注册工程18项，面积9.00万㎡，造价4,800.00万元。" in text
    assert "本年度备案工程15项，面积7.50万㎡。" in text  # no 造价: 附表7 has none
    assert (
        "本年度质量备案率按项数计为88.2%（同口径2个单位：本年度88.2%、上年度90.0%，同比降低1.8个百分点），"
    ) in text
    assert "用户满意率为88.8%（同口径2个单位：本年度88.8%、上年度85.6%，同比提高3.2个百分点）。" in text
    # the row prints the figure the change is computed from: 16 over 叶县 and 舞钢市, not the
    # 2023 合计 of three units (20, which would say 下降10.0%)
    compared = {r[0]: r[1:] for r in tables["指标 本年度 上年度\n（同口径） 同比"][1:]}
    assert compared["新注册项数"] == ["18", "16", "增长12.5%"]
    assert compared["在建造价（万元）"] == ["5,800.00", "5,300.00", "增长9.4%"]  # 3600 + 1700
    assert "备案造价（万元）" not in compared
    # 附表6 住宅工程 over the same two units: the 2023 合计 (12 new) would say 持平
    categories = {r[0]: r[1:] for r in tables["项目 本年度 上年度\n（同口径） 同比"][1:]}
    assert categories["住宅工程新注册项数"] == ["12", "10", "增长20.0%"]
    assert categories["住宅工程竣工项数"] == ["10", "6", "增长66.7%"]
    assert categories["住宅工程备案率（项数，%）"] == ["90.0", "83.3", "提高6.7个百分点"]
    assert categories["公共建筑工程新注册项数"][1:] == ["0", "新增1项"]  # nothing in 2023: what happened
    assert "上年度（同口径）为两期均有数据的单位之和，同比由同一行的两个数计算（比率为百分点差）" in text
    assert "表5　分类统计同比（附表6）" in paragraphs


def test_the_report_names_the_figures_behind_it(year, tmp_path):
    paragraphs, _ = _docx(year, tmp_path / "out")
    two = paragraphs.index("二、本年度工程质量监督管理总体情况")
    assert paragraphs[two + 1 : two + 2] == ["（一）报送情况"]
    assert paragraphs[two + 2] == (
        "本报告有详实的统计数据支撑：年度数据来自2个单位报送的附表7（年度统计表）和附表6（分类统计表），"
        "季度数据来自本年度四个季度汇总的附表5（季度统计表），企业不良行为记录和行政处罚来自各季度的附表1、附表2。"
    )


def test_a_year_with_a_quarter_not_consolidated_says_so(year, tmp_path):
    import sqlite3

    db = copy_history(year, tmp_path)
    con = sqlite3.connect(db)
    with con:
        con.execute("DELETE FROM runs WHERE period = '2024Q4'")
    con.close()
    paragraphs, tables = _docx(db, tmp_path / "out")
    assert (
        "季度数据来自本年度已汇总的3个季度（一季度、二季度、三季度）的附表5（季度统计表），四季度未汇总"
    ) in "\n".join(paragraphs)
    quarters = {r[0]: r[1:] for r in tables["指标 一季度 二季度 三季度 四季度 全年"][1:]}
    assert quarters["竣工项数"] == ["3", "2", "5", "—", "17"]


def test_the_years_skeleton_has_the_three_sections_after_section_two(tmp_path):
    path = write_skeleton(tmp_path / "n.md", "2024", "平顶山市")
    headings = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("## ")]
    assert headings[:6] == [
        "## 一、企业总体情况",
        "## 二、本年度工程质量监督管理总体情况",
        "## 三、机制建立情况",
        "## 四、政策制定情况",
        "## 五、活动开展情况",
        "## 六、对工程参建各方质量行为的监督情况及存在的主要问题",
    ]
    assert headings[-1] == "## 十四、进一步做好工程质量监督管理工作的对策建议" and len(headings) == 14
    quarter = write_skeleton(tmp_path / "q.md", "2024Q4", "平顶山市").read_text(encoding="utf-8")
    assert "机制建立" not in quarter and "## 十一、进一步做好工程质量监督管理工作的对策建议" in quarter


def test_the_clerks_text_fills_the_years_sections_and_the_rest_is_marked(year, tmp_path):
    narrative = write_skeleton(tmp_path / "n.md", "2024", "平顶山市")
    text = narrative.read_text(encoding="utf-8")
    text = text.replace("## 三、机制建立情况\n", "## 三、机制建立情况\n\n建立季度质量分析会制度。\n")
    text = text.replace(
        "## 十四、进一步做好工程质量监督管理工作的对策建议\n",
        "## 十四、进一步做好工程质量监督管理工作的对策建议\n\n加强监督抽测。\n",
    )
    narrative.write_text(text, encoding="utf-8")
    result = build_report("2024", year, tmp_path / "out", narrative=narrative, today=date(2024, 12, 18))
    paragraphs = [p.text for p in Document(str(result.outputs["report"])).paragraphs]
    three = paragraphs.index("三、机制建立情况")
    assert paragraphs[three + 1] == "建立季度质量分析会制度。"
    assert paragraphs[three + 2 : three + 6] == [
        "四、政策制定情况",
        "【待填写：本年度制定的工程质量管理政策、制度及文件】",
        "五、活动开展情况",
        "【待填写：本年度开展的工程质量活动（专项检查、质量月、观摩交流等）及成效】",
    ]
    last = paragraphs.index("十四、进一步做好工程质量监督管理工作的对策建议")
    assert paragraphs[last + 1] == "加强监督抽测。"
    assert "九、企业不良行为记录及行政处罚的情况" in paragraphs
    assert "十二、工程质量事故及投诉情况" in paragraphs
    assert result.placeholders[:3] == ["一、企业总体情况", "四、政策制定情况", "五、活动开展情况"]
    md = (
        build_report("2024", year, tmp_path / "md", fmt="md", narrative=narrative)
        .outputs["report"]
        .read_text(encoding="utf-8")
    )
    three = md.index("## 三、机制建立情况\n\n建立季度质量分析会制度。")
    assert md.index("## 二、本年度") < three < md.index("## 六、")


def test_a_quarters_numbering_in_a_years_narrative_is_refused_not_misfiled(year, tmp_path):
    quarterly = write_skeleton(tmp_path / "q.md", "2024Q4", "平顶山市")
    with pytest.raises(ReportError, match="q.md第.*年度报告的第三节是“机制建立情况”.*写的是第六节的内容"):
        build_report("2024", year, tmp_path / "out", narrative=quarterly)
    assert not (tmp_path / "out").exists()
    with pytest.raises(ReportError, match="（一至十一）"):  # a quarter has no 十二
        build_report("2024Q4", year, tmp_path / "out", narrative=write_skeleton(tmp_path / "y.md", "2024"))
    # words that name no other section are free, as in a quarter
    free = parse_narrative_file("## 三、建立工作机制\n\n甲\n## 四、出台文件\n\n乙\n", annual=True)
    assert free.sections == {12: ["甲"], 13: ["乙"]}
