"""The analysis report against hand-computed figures from a small history of clerk-made inboxes.

History (units 叶县, 舞钢市, 湛河区; 湛河区 never reports):
  2023Q3  叶县 only      new 7 / 3.20万㎡, completed 3, filed 3, rate 100.0%, satisfaction 91.7%
  2024Q2  叶县 + 舞钢市  new 8 / 3.00, in_progress 18, completed 5 / 1.50, filed 4 / 1.30,
                         rate 80.0% (count) 86.7% (area), satisfaction (90×2+85×2)/4 = 87.5%
  2024Q3  叶县 + 舞钢市  new 7 / 3.20 / 2000, in_progress 18 / 9.30, completed 7 / 3.00,
                         filed 6 / 2.50, rate 6/7 = 85.7% (count) 2.5/3 = 83.3% (area),
                         satisfaction (95×2+90×4)/6 = 91.7%, one accident at 舞钢市
"""

import io
import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from conftest import THREE_UNITS as UNITS
from conftest import copy_history
from docx import Document
from messy import WU, YE, Clerk, f5_row, list_projects, unit_workbook
from PIL import Image, ImageFont

from qstat import consolidate
from qstat.cli import main
from qstat.gongwen import body_styles
from qstat.write.report import ReportError, build_report, write_skeleton
from qstat.write.report.charts import FONT_FILE, index_line, rate_bars, trend, unit_bars
from qstat.write.report.content import UNITS_DRAFT
from qstat.write.report.narrative import parse_narrative_file
from qstat.write.report.records import clause, fines
from qstat.write.report.render import keep_tables
from qstat.write.report.wording import money, percent_change, point_change

YE_Q2 = f5_row(
    "叶县",
    (8, 4.0, 2400),
    (5, 2.0, 1000),
    (10, 5.0, 3000),
    (3, 1.0, 400),
    (2, 0.8, 300),
    ("66.7", "80"),
    "90",
)
WU_Q2 = f5_row(
    "舞钢市", (7, 3.6, 2200), (3, 1.0, 700), (8, 4.1, 2500), (2, 0.5, 400), (2, 0.5, 400), (100, 100), 85
)
YE_2023 = f5_row(
    "叶县", (6, 3.0, 1800), (7, 3.2, 2000), (10, 5.0, 3000), (3, 1.2, 800), (3, 1.2, 800), (100, 100), "91.7"
)
BAD = [
    [
        "YX-2024-07",
        "幸福家园1#楼",
        "平顶山市鹰城房地产开发有限公司",
        "王五",
        "项目负责人",
        "未按规定办理质量监督手续",
        "第八条",
        "赵六",
        "2024-08-01",
        "孙七",
        "2024-08-03",
    ],
    [
        "YX-2024-08",
        "幸福家园2#楼",
        "河南五建建设集团有限公司",
        "周八",
        "项目经理",
        "未按图施工",
        "第十条",
        "赵六",
        "2024-08-05",
        "孙七",
        "2024-08-06",
    ],
    [
        "YX-2024-09",
        "幸福家园2#楼",
        "平顶山市建设工程监理有限公司",
        "吴九",
        "总监",
        "旁站记录缺失",
        "第十二条",
        "赵六",
        "2024-09-01",
        "孙七",
        "2024-09-02",
    ],
]
PENALTIES = [
    [
        "CF-01",
        "幸福家园1#楼",
        "平顶山市鹰城房地产开发有限公司",
        "2024-08-10",
        "擅自交付使用",
        "《建设工程质量管理条例》第五十八条",
        "罚款20万元",
        "已执行",
        "已结案",
    ],
    [
        "CF-02",
        "幸福家园2#楼",
        "河南五建建设集团有限公司",
        "2024-08-20",
        "偷工减料",
        "《建设工程质量管理条例》第六十四条",
        "罚款10万元",
        "已执行",
        "已结案",
    ],
]
WUGANG_TEXT = [
    "舞钢市2024年第三季度工程质量分析",
    "一、企业总体情况",
    "全市共有建筑业企业56家。",
    "三、参建各方质量行为",
    "部分监理单位旁站记录不全。",
]


def _consolidate(tmp_path: Path, period: str, books: dict[str, Clerk]) -> None:
    inbox = tmp_path / "inbox" / period
    for unit, clerk in books.items():
        clerk.save(inbox / f"{unit}.xlsx")
    consolidate(inbox, period, UNITS, out=tmp_path / "forms" / period, db=tmp_path / "h.sqlite", workers=1)


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    """Three quarters of history, built once: tests read it; one that writes uses copy_history."""
    tmp_path = tmp_path_factory.mktemp("history")
    _consolidate(tmp_path, "2023Q3", {"叶县": unit_workbook("叶县", YE_2023)})
    _consolidate(
        tmp_path,
        "2024Q2",
        {"叶县": unit_workbook("叶县", YE_Q2, bad=BAD[1:2]), "舞钢市": unit_workbook("舞钢市", WU_Q2)},
    )
    _consolidate(
        tmp_path,
        "2024Q3",
        {
            "叶县": unit_workbook("叶县", YE, bad=BAD, penalties=PENALTIES),
            "舞钢市": unit_workbook("舞钢市", WU, text=WUGANG_TEXT),
        },
    )
    return tmp_path / "h.sqlite"


def _docx_text(path: Path) -> tuple[str, list[list[list[str]]]]:
    doc = Document(str(path))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    return "\n".join(p.text for p in doc.paragraphs), tables


def _table(tables, first_header: str) -> list[list[str]]:
    return next(t for t in tables if t[0][0] == first_header)


def _md(history: Path, tmp_path: Path, period: str = "2024Q3", **options) -> str:
    result = build_report(period, history, tmp_path / "md", fmt="md", **options)
    return result.outputs["report"].read_text(encoding="utf-8")


def test_quarterly_report_states_totals_with_changes_against_last_quarter_and_last_year(history, tmp_path):
    result = build_report("2024Q3", history, tmp_path / "out", today=date(2024, 10, 20))
    text, tables = _docx_text(result.outputs["report"])
    assert result.outputs["report"].name == "平顶山市_2024Q3_工程质量运行态势分析报告.docx"
    assert "平顶山市2024年第三季度\n工程质量运行态势分析报告" in text
    lines = text.splitlines()  # 落款: the office over the date, the date four characters in from the right
    at = lines.index("　" * 17 + "2024年10月20日")
    assert lines[at - 1] == "　" * 18 + "平顶山市"
    # each change beside the figures it is computed from; 同比 (over 叶县 alone, the only unit in
    # both periods: 2023Q3 new 7 / 3.20, now 4 / 2.00) is left to 表1 for the volumes
    assert (
        "本季度新注册工程7项（上季度8项，环比下降12.5%），面积3.20万㎡（上季度3.00万㎡，环比增长6.7%），"
        "造价2,000.00万元。"
    ) in text
    assert (
        "本季度合计含2个单位；同比按两期均有数据的1个单位同口径计算，不含舞钢市（去年同期未报），"
        "各项指标的对比见表1。"
    ) in text
    assert "本季度在建工程18项（上季度18项，环比持平）" in text
    assert "本季度竣工工程7项（上季度5项，环比增长40.0%）" in text
    assert (
        "季度质量备案率按项数计为85.7%（上季度80.0%，环比提高5.7个百分点；"
        "同口径1个单位：本季度100.0%、去年同期100.0%，同比持平），"
    ) in text
    assert (
        "用户满意率为91.7%（上季度87.5%，环比提高4.2个百分点；"
        "同口径1个单位：本季度95.0%、去年同期91.7%，同比提高3.3个百分点）。"
    ) in text
    units = _table(tables, "单位")
    assert units[1][:4] == ["叶县", "4", "2.00", "12"]
    assert units[-2][0] == "湛河区" and units[-2][-1] == "未报"
    assert units[-1] == ["合计", "7", "3.20", "18", "9.30", "7", "3.00", "6", "2.50", "85.7", "91.7", ""]
    assert units[0][-1] == "备注"  # 湛河区 未报: the column says something
    compared = _table(tables, "指标")
    # 环比 over both units (本季度 is their sum); 同比 over 叶县 alone, so it has its own 本季度（同口径）
    assert compared[0] == [
        "指标",
        "本季度",
        "上季度\n（同口径）",
        "环比",
        "本季度\n（同口径）",
        "去年同期\n（同口径）",
        "同比",
    ]
    rows = {r[0]: r[1:] for r in compared}
    assert rows["备案率（项数，%）"] == ["85.7", "80.0", "提高5.7个百分点", "100.0", "100.0", "持平"]
    assert rows["备案造价（万元）"] == [
        "1,600.00",
        "700.00",
        "增长128.6%",
        "600.00",
        "800.00",
        "下降25.0%",
    ]  # 同比: 叶县 600 against 800


def test_the_markdown_report_carries_the_same_figures(history, tmp_path):
    md = _md(history, tmp_path)
    assert "| 合计 | 7 | 3.20 | 18 | 9.30 | 7 | 3.00 | 6 | 2.50 | 85.7 | 91.7 |  |" in md
    assert "本季度新注册工程7项（上季度8项，环比下降12.5%）" in md
    assert "![图1　本季度各单位竣工、备案工程项数](2024Q3_chart_units.png)" in md
    assert (tmp_path / "md" / "2024Q3_chart_trend.png").read_bytes().startswith(b"\x89PNG")


def test_without_history_before_it_the_report_says_no_comparison_was_made(history, tmp_path):
    md = _md(history, tmp_path, "2024Q2")
    assert "未作环比" not in md and "未作同比" not in md  # said once, under 表1
    assert "本季度新注册工程8项，面积3.00万㎡，造价1,700.00万元。" in md
    assert "季度质量备案率按项数计为80.0%，按面积计为86.7%；用户满意率为87.5%。" in md
    assert "环比增长" not in md and "同比" not in md.split("表1")[0]
    table = md.split("表1　本季度主要指标对比")[1].split("\n\n")[1]
    assert table.splitlines()[0] == "| 指标 | 本季度 |"  # no 环比/同比 columns of 无数据
    assert "注：无上季度可比数据，未列环比；无去年同期可比数据，未列同比。" in md


def test_the_report_reads_the_history_over_one_read_only_connection(history, tmp_path, monkeypatch):
    """The report's data, its 质量指数 and chart share one read-only connection, and the history
    file is left byte for byte as it was."""
    before = history.read_bytes()
    opened: list[str] = []
    real = sqlite3.connect

    def counted(database, *args, **kwargs):
        opened.append(str(database))
        return real(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", counted)
    _md(history, tmp_path)
    assert len(opened) == 1 and opened[0].endswith("?mode=ro")
    assert history.read_bytes() == before


def test_a_history_from_before_the_sources_and_the_acceptance_is_read_unchanged(history, tmp_path):
    """A history recorded before texts.source and projects' acceptance/filed columns: the report
    reads 舞钢市's 文字材料 as before (its 一、企业总体情况 drafted), says nothing of 竣工验收合格
    (7 of 7 with the columns; unknown without), and leaves the file unchanged (no column added)."""
    old = copy_history(history, tmp_path)
    with sqlite3.connect(old) as con:
        for table, column in (("texts", "source"), ("projects", "acceptance"), ("projects", "filed")):
            con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.close()
    before = old.read_bytes()
    now = _md(history, tmp_path / "now")
    assert "该市共有建筑业企业56家。" in now and "竣工验收合格7项" in now
    text = _md(old, tmp_path / "old")
    assert "该市共有建筑业企业56家。" in text and "竣工验收合格7项" not in text
    assert old.read_bytes() == before


def test_a_zero_base_says_what_happened(history, tmp_path):
    md = _md(history, tmp_path)
    # 2024Q2 had no accident and no penalty: 1 accident and 2 penalties are not "up ∞%" nor "—"
    assert (
        "本季度共发生工程质量事故1起（上季度0起，环比新增1起；同口径1个单位：本季度0起、去年同期0起，"
        "同比持平），死亡1人，直接经济损失35.50万元（舞钢市1起、死亡1人）。"
    ) in md  # 2023Q3: 叶县 alone, no accident (0 against 0)
    assert (
        "本季度共实施行政处罚2起（上季度0起，环比新增2起；同口径1个单位：本季度2起、去年同期0起，"
        "同比新增2起）。"
    ) in md
    # one death, 35.50万元: 建质〔2010〕111号 一般事故 (fewer than 3 deaths, under 100万元 … any death)
    assert "舞钢市的1起为一般事故。【请核实】" in md


def test_changes_are_over_the_units_in_both_quarters_and_the_left_out_are_named(tmp_path):
    """2024Q2: 叶县, 舞钢市, 湛河区; 2024Q3: 叶县 alone (舞钢市 sent an unreadable file, 湛河区 nothing).

    The totals fall from 8 new projects to 4 (叶县 5 → 4 less than half), but over 叶县, the only
    comparable unit: new 5 → 4 项 (下降20.0%), 2.00 → 2.00 万㎡ (持平); in progress 10 → 12
    (增长20.0%); completed 3 → 2 (下降33.3%); filing rate 2/3 = 66.7% → 2/2 = 100.0% (提高33.3个
    百分点), by area 0.8/1.0 = 80.0% → 100.0% (提高20.0个百分点); satisfaction 90 → 95.
    """
    zh = f5_row("湛河区", (5, 2.5, 900), (1, 0.5, 300), (6, 3.0, 1200), (0, 0, 0), (0, 0, 0), ("", ""), "")
    _consolidate(
        tmp_path,
        "2024Q2",
        {
            "叶县": unit_workbook("叶县", YE_Q2),
            "舞钢市": unit_workbook("舞钢市", WU_Q2),
            "湛河区": unit_workbook("湛河区", zh),
        },
    )
    inbox = tmp_path / "inbox" / "2024Q3"
    unit_workbook("叶县", YE).save(inbox / "叶县.xlsx")
    (inbox / "舞钢市.xlsx").write_bytes(b"PK\x03\x04 truncated")
    consolidate(inbox, "2024Q3", UNITS, out=tmp_path / "forms", db=tmp_path / "h.sqlite", workers=1)
    md = _md(tmp_path / "h.sqlite", tmp_path)
    assert (
        "本季度合计含1个单位；环比按两期均有数据的1个单位同口径计算，"
        "不含舞钢市（本季度报表无法读取）、湛河区（本季度未报），各项指标的对比见表1。"
    ) in md
    # 上季度's totals are not the base: the volumes' changes are left to 表1, the rates name 叶县's
    assert "本季度新注册工程4项，面积2.00万㎡，造价1,200.00万元。本季度在建工程12项，" in md
    assert (
        "季度质量备案率按项数计为100.0%（同口径1个单位：本季度100.0%、上季度66.7%，环比提高33.3个百分点），"
        "按面积计为100.0%（同口径1个单位：本季度100.0%、上季度80.0%，环比提高20.0个百分点）；"
        "用户满意率为95.0%（同口径1个单位：本季度95.0%、上季度90.0%，环比提高5.0个百分点）。"
    ) in md
    # the table prints each quarter's totals as they were, the change over the comparable unit
    assert "| 新注册项数 | 4 | 5 | 下降20.0% |" in md  # 叶县 alone: 5 in 2024Q2


def test_money_is_in_wan_yuan_with_thousands_separators_in_text_and_tables_alike():
    assert money(12345.678) == "12,345.68万元" and money(9999.5) == "9,999.50万元" and money(None) == "—"


def test_bad_behaviour_is_counted_by_party_type_with_its_change(history, tmp_path):
    text, tables = _docx_text(build_report("2024Q3", history, tmp_path / "out").outputs["report"])
    assert (
        "本季度共记录企业及相关责任人员不良行为3条（上季度1条，环比增长200.0%；"
        "同口径1个单位：本季度3条、去年同期0条，同比新增3条），其中建设单位1条、施工单位1条、监理单位1条。"
    ) in text  # by party, the changes are in the table
    by_party = {r[0]: r[1:] for r in _table(tables, "责任单位类别")}
    assert by_party["责任单位类别"][:3] == ["本季度（条）", "上季度\n（同口径）", "环比"]
    assert by_party["施工单位"][:3] == ["1", "1", "持平"]
    assert by_party["建设单位"][:3] == ["1", "0", "新增1条"]
    assert by_party["检测机构"][:3] == ["0", "0", "持平"]
    by_unit = next(t for t in tables if t[0][:2] == ["单位", "不良行为记录（条）"])[1:]
    assert by_unit == [["叶县", "3", "2"], ["舞钢市", "0", "0"], ["合计", "3", "2"]]
    assert by_party["合计"][:3] == ["3", "1", "增长200.0%"]


def test_narrative_file_and_units_text_fill_their_sections_and_the_rest_is_marked(history, tmp_path):
    narrative = tmp_path / "narrative.md"
    write_skeleton(narrative, "2024Q3", "平顶山市")
    skeleton = narrative.read_text(encoding="utf-8")
    assert "## 十一、进一步做好工程质量监督管理工作的对策建议" in skeleton
    four = "## 四、对实体工程质量监督采取的具体措施\n"
    filled = skeleton.replace(four, four + "\n开展实测实量，\n抽测混凝土强度。\n\n第二段。\n")
    narrative.write_text(filled, encoding="utf-8")
    text, _ = _docx_text(
        build_report("2024Q3", history, tmp_path / "out", narrative=narrative).outputs["report"]
    )
    paragraphs = text.splitlines()
    at = paragraphs.index("四、对实体工程质量监督采取的具体措施")
    # 附表3's stock by stage (18 projects, all 主体施工: 主体结构施工, 18/18), then the clerk's text
    assert paragraphs[at + 1 : at + 4] == [
        "本季度末在监工程18项（附表3），按形象进度分：主体结构施工18项（占100.0%）。【请核实】",
        "开展实测实量，抽测混凝土强度。",
        "第二段。",
    ]
    one = paragraphs.index("一、企业总体情况")  # a unit's words, attributed, as a draft: never the office's
    # 附表3's companies first; the unit's 全市 is its own: 该市
    assert paragraphs[one + 2 : one + 4] == [UNITS_DRAFT, "据舞钢市报告，该市共有建筑业企业56家。"]
    three = paragraphs.index("三、对工程参建各方质量行为的监督情况及存在的主要问题")
    after = paragraphs[three + 1 : paragraphs.index("四、对实体工程质量监督采取的具体措施")]
    assert after[-2:] == [
        UNITS_DRAFT,
        "据舞钢市报告，部分监理单位旁站记录不全。",
    ]  # after the draft from 附表1
    ten = paragraphs.index("十一、进一步做好工程质量监督管理工作的对策建议")
    assert paragraphs[ten - 1].startswith("【待填写：工程质量监督执法情况")  # after the penalties
    assert "全市共有建筑业企业56家" not in text.split(UNITS_DRAFT)[0]
    # the material's title is no material: nothing names no section, so no 附件 and no 附件 line
    assert "附件" not in text
    assert "在每个标题下填写正文" not in text  # comments stay out


def test_a_narrative_heading_without_a_section_numeral_is_refused(history, tmp_path):
    bad = tmp_path / "n.md"
    bad.write_text("## 一、企业总体情况\n\n正文\n\n## 其他情况\n\n正文\n", encoding="utf-8")
    with pytest.raises(ReportError, match="n.md第5行：标题“## 其他情况”"):
        build_report("2024Q3", history, tmp_path / "out", narrative=bad)
    assert not (tmp_path / "out").exists()
    assert parse_narrative_file("# 标题\n## 二、x\n\n甲\n").sections == {2: ["甲"]}


def test_missing_units_and_units_with_errors_are_named(history, tmp_path):
    inbox = tmp_path / "inbox" / "2024Q3"
    bad = list(YE)
    bad[1] = "十"  # ST002 on 叶县, and so its 接转 differs from its 2024Q2 在建 (F5-006)
    unit_workbook("叶县", bad).save(inbox / "叶县.xlsx")
    unit_workbook("舞钢市", WU, text=WUGANG_TEXT).save(inbox / "舞钢市.xlsx")  # as in the history
    db = copy_history(history, tmp_path)
    consolidate(inbox, "2024Q3", UNITS, out=tmp_path / "forms", db=db, workers=1, strict=True)
    md = _md(db, tmp_path)
    assert "本季度应报送统计报表的单位3个，已报送2个，未报送1个（湛河区）。" in md
    assert "经审核，报表仍有错误的单位1个：叶县（错误2条，未计入汇总），已退回修改。" in md
    assert "| 叶县 | — |" in md and "有错误，未计入 |" in md


def _annual_report(history, tmp_path):
    """叶县's 附表7 for 2024 over the fixture's quarters: the annual report's text and tables."""
    clerk = Clerk("填表单位：叶县")
    clerk.f7([YE])
    clerk.f6({})
    clerk.save(tmp_path / "annual" / "叶县.xlsx")
    db = copy_history(history, tmp_path)
    consolidate(tmp_path / "annual", "2024", UNITS, out=tmp_path / "forms", db=db, workers=1)
    text, tables = _docx_text(build_report("2024", db, tmp_path / "out").outputs["report"])
    return text, tables


def test_annual_report_uses_form_7_and_sets_the_years_quarters_side_by_side(history, tmp_path):
    text, tables = _annual_report(history, tmp_path)
    assert "平顶山市2024年度\n工程质量运行态势分析报告" in text
    assert "二、本年度工程质量监督管理总体情况" in text
    assert "注：无上年度可比数据，未列同比。" in text and "环比" not in text
    assert "本年度新注册工程4项，面积2.00万㎡，造价1,200.00万元。" in text
    assert "本年度质量备案率按项数计为100.0%" in text
    quarters = {
        r[0]: r[1:]
        for r in next(t for t in tables if t[0][1:] == ["一季度", "二季度", "三季度", "四季度", "全年"])
    }
    # 2024Q1 and 2024Q4 were never consolidated; 全年 is 叶县's 附表7
    assert quarters["新注册项数"] == ["—", "8", "7", "—", "4"]
    assert quarters["在建项数"] == ["—", "18", "18", "—", "12"]
    assert "附表7不填报备案工程造价。一季度、四季度未汇总，无季度数据（—）。" in text
    # the year's 附表1-2 records are those of its quarters: 1 + 3 bad-behaviour records, 2 penalties
    assert "本年度共记录企业及相关责任人员不良行为4条" in text and "本年度共实施行政处罚2起。" in text


@pytest.mark.parametrize(
    "tag, expected",
    [
        ("{{ office }", "模板bad.md.j2的标签有误"),
        ("{% for x in units %}", "模板bad.md.j2的标签有误"),
        ("{{ offfice }}", "模板bad.md.j2使用了未定义的变量：'offfice' is undefined"),
        ("{{ total.no_such_field }}", "no_such_field"),
        ("{{ office.__class__.__mro__ }}", "__class__"),
    ],
)
def test_a_broken_markdown_template_fails_with_a_message_and_writes_nothing(history, tmp_path, tag, expected):
    template = tmp_path / "bad.md.j2"
    template.write_text(f"# {{{{ title }}}}\n\n{tag}\n", encoding="utf-8")
    with pytest.raises(ReportError, match="模板bad.md.j2") as e:
        build_report("2024Q3", history, tmp_path / "out", template=template, fmt="md")
    assert expected in str(e.value)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "tag, expected",
    [
        ("{{ period_name }", "模板bad.docx的标签有误"),
        ("{{ report_dat }}", "模板bad.docx使用了未定义的变量：'report_dat' is undefined"),
    ],
)
def test_a_broken_word_template_fails_with_a_message_and_writes_nothing(history, tmp_path, tag, expected):
    doc = Document()
    doc.add_paragraph("{{ title }}")
    doc.add_paragraph(f"报告期：{tag}")
    doc.save(tmp_path / "bad.docx")
    with pytest.raises(ReportError) as e:
        build_report("2024Q3", history, tmp_path / "out", template=tmp_path / "bad.docx")
    assert expected in str(e.value) and "报告期" in str(e.value)  # where: the text around the tag
    assert not (tmp_path / "out").exists()


def test_html_is_one_self_contained_page(history, tmp_path):
    page = build_report("2024Q3", history, tmp_path / "html", fmt="html").outputs["report"].read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<img src="data:image/png;base64,' in page
    assert "<td>合计</td><td>7</td><td>3.20</td>" in page
    assert "<h2>二、本季度工程质量监督管理总体情况</h2>" in page
    [page_file] = (tmp_path / "html").iterdir()
    assert page_file.name == "平顶山市_2024Q3_工程质量运行态势分析报告.html"


def test_cli_writes_the_skeleton_and_the_report_and_exits_2_for_a_period_not_consolidated(
    history, tmp_path, capsys
):
    assert main(["report", "--period", "2024Q3", "--narrative-skeleton", str(tmp_path / "n.md")]) == 0
    assert parse_narrative_file((tmp_path / "n.md").read_text(encoding="utf-8")).sections[11] == []
    assert (
        main(
            [
                "report",
                "--period",
                "2024Q3",
                "--db",
                str(history),
                "--out",
                str(tmp_path / "o"),
                "--narrative",
                str(tmp_path / "n.md"),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "平顶山市_2024Q3_工程质量运行态势分析报告.docx" in out
    assert "待填写的章节 7 个" in out  # 一 from 舞钢市's 文字材料, 三 from 附表1; 九 and 十 ask for the rest
    assert "一、企业总体情况：各单位材料草稿（舞钢市）" in out  # listed for the clerk to rewrite
    assert "【请核实】" in out.split("请核实后确认或删除")[1]
    assert main(["report", "--period", "2022Q1", "--db", str(history), "--out", str(tmp_path / "x")]) == 2
    assert "没有2022年第一季度（2022Q1）的汇总数据" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_changes_are_worded_in_percent_for_quantities_and_points_for_rates():
    assert percent_change(110, 100) == "增长10.0%" and percent_change(90, 100) == "下降10.0%"
    assert percent_change(5, 5) == "持平" and percent_change(5, None) is None
    assert percent_change(5, 0, 0, "条") == "新增5条" and percent_change(0, 0) == "持平"
    assert point_change(85.71, 80.0) == "提高5.7个百分点" and point_change(79.96, 80.04) == "持平"
    assert point_change(None, 80) is None and point_change(83.33, 86.67) == "降低3.4个百分点"


def test_the_shipped_font_draws_every_unit_name_in_the_charts():
    from fontTools.ttLib import TTFont

    cmap = TTFont(FONT_FILE).getBestCmap()
    names = "叶县舞钢市湛河区新华区鲁山县宝丰县石龙区示范区汝州市郏县卫东区高新区驻马店三门峡济源濮阳漯河"
    assert all(ord(c) in cmap for c in names + "（%）、项数")
    assert ImageFont.truetype(str(FONT_FILE), 10).getname()[0] == "Noto Sans CJK SC"
    assert FONT_FILE.stat().st_size < 4_000_000 and (FONT_FILE.parent / "OFL.txt").is_file()


def test_the_charts_are_drawn_at_the_size_they_are_printed():
    """150 mm wide at 200 dpi: 150 / 25.4 * 200 = 1181.1 → 1181 pixels; no taller than the 72 mm
    a chart may take (567 pixels), so the documents print them 150 mm wide, unscaled. Eighteen
    units (names stacked, too wide for their slots), a unit without a rate, a period without a
    count and a chart without 合计 are drawn too."""
    units = (
        "郑州市 开封市 洛阳市 平顶山市 安阳市 鹤壁市 新乡市 焦作市 濮阳市 许昌市 漯河市 三门峡市 南阳市 "
        "商丘市 信阳市 周口市 驻马店市 济源市"
    ).split()
    periods = [f"2024年{q}季度" for q in "一二三四"] * 2
    pictures = [
        unit_bars(units, {"竣工工程": list(range(18)), "备案工程": [0] * 18}, "项数"),
        rate_bars(units, [None] + [50.0] * 17, None),
        trend(periods, {"新注册": [3, None, 5, 6, 7, 8, 9, 10]}, "备案率（%）", [None] * 7 + [80.0]),
        index_line(periods[:1], [87.2]),
    ]
    for png in pictures:
        picture = Image.open(io.BytesIO(png))
        assert picture.width == 1181 and picture.height <= 567
        assert [round(d) for d in picture.info["dpi"]] == [200, 200]


def test_the_self_score_ranking_is_in_the_history_and_the_report(tmp_path):
    samples = Path(__file__).parents[1] / "sample_workbooks"
    db = tmp_path / "h.sqlite"
    consolidate(samples / "2024Q3", "2024Q3", samples / "qstat.toml", out=tmp_path / "o", db=db, workers=1)
    md = build_report("2024Q3", db, tmp_path / "r", fmt="md").outputs["report"].read_text(encoding="utf-8")
    # the sample ranking (sample_workbooks/README.md): a tie at 5th, 湛河区/卫东区 tied at 8th
    # 附件3: the first five are 先进单位 (six with the tie), the last are 排名靠后 (not 约谈 upward)
    assert (
        "据各单位报送的《河南省保障性安居工程质量监督工作考核评分表》自评得分，参加排名10个单位，"
        "前五名为先进单位：叶县、宝丰县（并列第1名，96.0分）、新华区（第3名，95.0分）、"
        "鲁山县（第4名，92.0分）、示范区、汝州市（并列第5名，91.5分），因名次并列，先进单位为6个；"
        "排名靠后的为湛河区、卫东区（并列第8名，89.0分）、高新区（第10名，80.5分）；"
        "石龙区、郏县未参加排名（未报评分表）。"
    ) in md
    assert "约谈" not in md


def _figure(text: str) -> float | None:
    text = text.replace(",", "")
    return None if text in ("—", "") else float(text)


def _expected_change(current: float, base: float, is_rate: bool) -> str:
    """The change a reader computes from the two printed figures (independent of qstat.write.report)."""
    if is_rate:
        step = round(current - base, 1)
        return "持平" if step == 0 else f"{'提高' if step > 0 else '降低'}{abs(step):.1f}个百分点"
    if base == 0:  # from nothing: what happened (新增7条), 0 to 0 持平
        return "持平" if current == 0 else f"新增{current:g}"
    pct = (current - base) / base * 100
    return "持平" if round(pct, 1) == 0 else f"{'增长' if pct > 0 else '下降'}{abs(pct):.1f}%"


def checked_changes(tables: list[list[list[str]]]) -> int:
    """Every 环比/同比 cell of every table against the figures of its own row: the base is the
    column before it (…（同口径）), the current the 本…（同口径） column before that if there is
    one, else the table's second column. Rates (a row whose label has % or 率) in points."""
    checked = 0
    for table in tables:
        header = table[0]
        for i, name in enumerate(header):
            if name not in ("环比", "同比"):
                continue
            assert "同口径" in header[i - 1], header
            now = i - 2 if header[i - 2].startswith("本") and "同口径" in header[i - 2] else 1
            for row in table[1:]:
                current, base = _figure(row[now]), _figure(row[i - 1])
                is_rate = "%" in row[0] or "率" in row[0]
                if current is None or base is None:
                    assert row[i] == "—", row
                    continue
                said = re.sub(r"(\.0+)?[^\d]*$", "", row[i]) if row[i].startswith("新增") else row[i]
                assert said == _expected_change(current, base, is_rate), (header, row)
                checked += 1
    return checked


# A figure and the bracket after it: 284项（上季度280项，环比增长1.4%；同口径7个单位：本季度252项、
# 上季度256项，同比下降1.6%）
_BRACKET = re.compile(r"([\d,.]+)(项|万㎡|%|条|起)（([^（）]*(?:环比|同比)[^（）]*)）")
_PART = re.compile(
    r"(?:同口径\d+个单位：本(?:季度|年度)([\d,.]+)(?:项|万㎡|%|条|起)、)?"
    r"(?:上季度|去年同期|上年度)([\d,.]+)(?:项|万㎡|%|条|起)，(?:环比|同比)(.+)"
)


def checked_sentences(text: str) -> int:
    """Every change in a sentence against the figures in that sentence: the current is the
    comparable units' own (同口径…：本季度x) where named, else the figure the bracket follows."""
    checked = 0
    for m in _BRACKET.finditer(text):
        for part in m.group(3).split("；"):
            found = _PART.fullmatch(part)
            assert found, part
            own, base, said = found.groups()
            current = _figure(own or m.group(1))
            said = re.sub(r"(\.0+)?[^\d]*$", "", said) if said.startswith("新增") else said
            previous = _figure(base)
            assert current is not None and previous is not None, m.group(0)
            assert said == _expected_change(current, previous, m.group(2) == "%"), m.group(0)
            checked += 1
    return checked


def test_every_change_in_a_sentence_is_computable_from_that_sentence(history, tmp_path):
    """2024Q3: 环比 over both units, beside the figure (5 volumes × 项数 and 面积 = 10, 3 rates, the
    总体评价's 备案率, 1 accident, 2 conduct: 17); 同比 over 叶县 alone with its own figures (3 rates,
    1 accident, 2 conduct: 6; the volumes' 同比 are in 表1 only); the trend's 同比 (3 volumes and
    the 备案率 over 叶县) and the swing of 竣工/备案 面积 (2): 29."""
    text = _md(history, tmp_path)
    assert checked_sentences(text) == 29
    assert "同口径1个单位：本季度" in text


def test_every_printed_change_is_computable_from_its_own_row(history, tmp_path):
    """2024Q3 against 2024Q2 (叶县 and 舞钢市 in both) and against 2023Q3 (叶县 alone: 舞钢市 did
    not report a year ago): Table 1 and the party table, parsed from the written .docx."""
    _, tables = _docx_text(build_report("2024Q3", history, tmp_path / "out").outputs["report"])
    assert checked_changes(tables) >= 18 + 17  # 18 环比 rows of Table 1, and its 同比 not on a 0 base
    header = _table(tables, "指标")[0]
    assert header == [
        "指标",
        "本季度",
        "上季度\n（同口径）",
        "环比",
        "本季度\n（同口径）",
        "去年同期\n（同口径）",
        "同比",
    ]
    assert not any("无数据" in c for t in tables for r in t for c in r)


def test_a_unit_missing_this_quarter_leaves_the_changes_computable(tmp_path):
    """2024Q2: 叶县, 舞钢市; 2024Q3: 叶县 alone (舞钢市 did not report). 本季度 is 叶县 = the
    comparable units, so the row is 本季度 | 上季度（同口径） (叶县's 2024Q2) | 环比."""
    _consolidate(
        tmp_path, "2024Q2", {"叶县": unit_workbook("叶县", YE_Q2), "舞钢市": unit_workbook("舞钢市", WU_Q2)}
    )
    _consolidate(tmp_path, "2024Q3", {"叶县": unit_workbook("叶县", YE, bad=BAD)})
    _, tables = _docx_text(build_report("2024Q3", tmp_path / "h.sqlite", tmp_path / "out").outputs["report"])
    assert checked_changes(tables) >= 18
    rows = {r[0]: r[1:] for r in _table(tables, "指标")}
    assert rows["指标"] == ["本季度", "上季度\n（同口径）", "环比"]  # no 同比: no 2023Q3 at all
    assert rows["新注册项数"] == ["4", "5", "下降20.0%"]  # not 4 against 2024Q2's 合计 of 9


def test_the_annual_tables_are_computable_from_their_rows(history, tmp_path):
    text, tables = _annual_report(history, tmp_path)
    assert checked_changes(tables) == 0  # no 2023 annual: no 同比 column at all
    assert _table(tables, "指标")[0] == ["指标", "本年度"]
    assert "注：无上年度可比数据，未列同比。" in text


def test_sections_three_and_ten_are_drafted_from_the_records(history, tmp_path):
    """2024Q3 叶县 附表1 (BAD): 3 records on 2 projects (幸福家园1#楼, 2#楼), 3 companies: a
    developer (鹰城房地产开发), a builder (五建建设集团), a supervisor (建设工程监理); facts 手续 →
    违反建设程序, 未按图施工 → 未按图纸, 旁站 → 监理履职; clauses 第八/十/十二条 once each (a tie:
    none named). 附表2 (PENALTIES): 2 penalties, fines 20 + 10 = 30 万元, two clauses once each,
    处罚情况 已执行 ×2, 处理情况 已结案 ×2. 五建 is also in 2024Q2's 附表1: two quarters, a warning."""
    text, tables = _docx_text(build_report("2024Q3", history, tmp_path / "out").outputs["report"])
    paragraphs = text.splitlines()
    three = paragraphs.index("三、对工程参建各方质量行为的监督情况及存在的主要问题")
    assert paragraphs[three + 1 : three + 4] == [
        "本季度各单位共记录参建各方不良行为3条（叶县3条），涉及工程2个、责任单位3家。"
        "按责任单位类别分，建设单位1条、施工单位1条、监理单位1条。",
        "按不良行为事实归类，“违反建设程序”1条，“未按图纸或强制性标准施工”1条，“监理履职不到位”1条。【请核实】",
        "未发现同一责任单位被记录2条及以上。",
    ]
    ten = paragraphs.index("十、工程质量监督执法情况")
    assert paragraphs[ten + 1 : ten + 4] == [
        "本季度共实施行政处罚2起（叶县2起），涉及责任单位2家，其中建设单位1起、施工单位1起。",
        "处罚内容写明罚款的2起，罚款合计30.00万元。处罚依据引用的条款2条，其中"
        "《建设工程质量管理条例》第五十八条（1起）、《建设工程质量管理条例》第六十四条（1起）。",
        "处罚情况：“已执行”2起。处理情况：“已结案”2起。",
    ]
    table = next(t for t in tables if t[0][:2] == ["单位", "预警事项"])
    warnings = {tuple(r[:2]): r[2:] for r in table[1:]}
    assert warnings[("叶县", "同一企业多次被记录不良行为")] == [
        "河南五建建设集团有限公司：2条（2个季度、1个单位）",
        "2个及以上季度或单位",
    ]
    assert warnings[("舞钢市", "工程质量事故死亡")] == ["1人（事故1起）", "1人及以上"]


def test_fines_are_read_from_the_penalty_text():
    from qstat.write.report.records import fines

    assert fines("罚款20万元") == 20 and fines("处以罚款人民币5,000元") == 0.5
    assert fines("罚款３.５万元，对项目负责人罚款1万元") == 4.5 and fines("责令改正") is None


def test_warning_thresholds_come_from_the_config(history, tmp_path):
    """[warnings] satisfaction_min = 92: 舞钢市 (90.0%) and the office (91.7%) fall below it;
    deaths_min = 2: 舞钢市's one death is no longer a warning; repeat_min = 0: no company rows.
    舞钢市's 2024Q2 附表3 projects not listed now (F3-005, vanished_min 1) stay, and so do the lists'
    and records' rules at their defaults: 舞钢市 completed 5, filed 4 (1 附表4 row without 备案);
    叶县's penalty CF-01 is for 擅自交付使用 (1 record)."""
    from qstat.config import Config, Warnings

    config = Config(name="平顶山市", warnings=Warnings(satisfaction_min=92, deaths_min=2, repeat_min=0))
    md = build_report("2024Q3", history, tmp_path / "md", fmt="md", config=config).outputs["report"]
    table = md.read_text(encoding="utf-8").split("　风险预警\n")[1].split("注：")[0]
    assert [line for line in table.splitlines() if line.startswith("| ") and "单位" not in line] == [
        "| 舞钢市 | 用户满意率 | 90.0% | 低于92% |",
        "| 平顶山市 | 用户满意率 | 91.7% | 低于92% |",
        "| 舞钢市 | 上期在建工程本期未列入附表3、附表4 | 2项 | 1项及以上 |",
        "| 舞钢市 | 竣工工程未办理质量备案（附表4） | 共1项（舞钢市1） | 1项及以上 |",
        "| 叶县 | 未组织竣工验收擅自交付使用（附表1、附表2） | 共1条（叶县1） | 1条及以上 |",
    ]


def test_the_lists_give_the_acceptance_rate_the_stock_by_stage_and_their_warnings(tmp_path):
    """2024Q3, 舞钢市 alone (WU: in progress 6, completed 5, filed 4), its lists edited:
    附表3 rows 1-2 at 停工, the others 主体施工 (4); 附表4 row 4 验收合格 (合格), row 5 不合格，整改后合格
    (it says 不合格: not 合格, as F4-006 judges), so 竣工验收合格率 4/5 = 80.0% (below 100%); 1
    completed row not filed. 附表6 保障性安居工程: completed 4, filed 2 (50.0%, below 60%). With
    every list rule at 0 none of those warnings is left."""
    from qstat.config import Config, Warnings

    in_progress, completed = list_projects([WU], date(2024, 8, 15))
    for row in in_progress[:2]:
        row[8] = "停工"
    completed[3][9], completed[4][9] = "验收合格", "不合格，整改后合格"
    clerk = Clerk("填表单位：舞钢市")
    for n, rows in ((1, []), (2, []), (3, in_progress), (4, completed)):
        clerk.detail(n, rows)
    clerk.f5([WU])
    clerk.f6({"保障性安居工程": [0, 0, 0, 4, 1.0, 400, 2, 0.5, 200, 50.0, 0, 0, 0]})
    clerk.save(tmp_path / "inbox" / "舞钢市.xlsx")
    consolidate(
        tmp_path / "inbox", "2024Q3", UNITS, out=tmp_path / "forms", db=tmp_path / "h.sqlite", workers=1
    )
    md = _md(tmp_path / "h.sqlite", tmp_path)
    assert "附表4所列竣工工程5项，竣工验收合格4项，竣工验收合格率80.0%，未达到100%的目标" in md
    assert "竣工验收合格率未达到100%" in md  # the verdict names it
    # 4/6 = 66.7%, 2/6 = 33.3%
    assert "按形象进度分：主体结构施工4项（占66.7%）、停工缓建2项（占33.3%）。【请核实】" in md
    assert "涉及施工单位1家、监理单位1家" in md
    lines = [
        line for line in md.split("　风险预警\n")[1].split("注：")[0].splitlines() if line.startswith("| ")
    ]
    assert lines[2:] == [
        "| 舞钢市 | 竣工验收合格率（附表4） | 80.0%（4/5项） | 低于100% |",
        "| 舞钢市 | 竣工工程未办理质量备案（附表4） | 共1项（舞钢市1） | 1项及以上 |",
        "| 舞钢市 | 停工工程（附表3形象进度） | 共2项（舞钢市2） | 1项及以上 |",
        "| 平顶山市 | 保障性安居工程质量备案率（附表6） | 50.0% | 低于60% |",
    ]
    off = Warnings(acceptance_min=0, unfiled_min=0, delivery_min=0, stopped_min=0, category_filing_min=0)
    config = Config(name="平顶山市", warnings=off)
    md = _md(tmp_path / "h.sqlite", tmp_path / "off", config=config)
    warned = md.split("　风险预警")[1].split("注：")[0]  # the note lists the thresholds in effect
    assert "附表4" not in warned and "附表6）" not in warned
    assert "竣工验收合格率80.0%。" not in md and "竣工验收合格率80.0%；" in md  # stated, not judged


def test_a_report_dated_more_than_a_quarter_after_its_period_is_warned(history, tmp_path):
    """2024Q3 ends 2024-09-30; the quarter after it ends 2024-12-31: 2025-01-01 is late."""
    result = build_report("2024Q3", history, tmp_path / "a", fmt="md", today=date(2024, 12, 31))
    assert result.date_note == ""
    result = build_report("2024Q3", history, tmp_path / "b", fmt="md", today=date(2025, 1, 1))
    assert result.date_note.startswith("注意：成文日期2025年1月1日晚于2024年第三季度结束后的下一个季度末")


def test_the_recipient_heads_the_report_and_material_naming_no_section_is_the_attachment(tmp_path):
    """主送机关 from [office] recipient; a unit's text before any section heading goes to the 附件,
    named in the 附件 line before the 落款."""
    from qstat.config import Config, Office

    _consolidate(
        tmp_path,
        "2024Q3",
        {
            "舞钢市": unit_workbook(
                "舞钢市", WU, text=["舞钢市工程质量分析", "全市质量形势平稳。", "一、企业情况", "企业56家。"]
            )
        },
    )
    config = Config(
        name="平顶山市",
        office=Office(full_name="平顶山市建设工程质量监督站", recipient="河南省建设工程质量监督总站"),
    )
    text, _ = _docx_text(
        build_report("2024Q3", tmp_path / "h.sqlite", tmp_path / "out", config=config).outputs["report"]
    )
    lines = text.splitlines()
    assert lines[2] == "河南省建设工程质量监督总站："
    sign = next(i for i, line in enumerate(lines) if line.endswith("平顶山市建设工程质量监督站"))
    assert lines[sign - 2 : sign] == ["附件：各单位报送的文字材料", ""]
    assert lines[sign + 2 :] == [
        "附件",
        "各单位报送的文字材料",
        "（一）舞钢市报送的文字材料",
        "全市质量形势平稳。",
    ]
    assert "舞钢市工程质量分析" not in text  # the material's title is not material


def test_the_deadline_is_a_day_of_the_month_after_the_quarter():
    from qstat.periods import Period
    from qstat.write.report.analysis import due_date

    assert due_date(Period(2024, 3), 5) == date(2024, 10, 5) and due_date(Period(2024, 4), 10) == date(
        2025, 1, 10
    )
    assert due_date(Period(2024, 3), 0) is None and due_date(Period(2024), 5) is None


def test_fines_are_read_after_ji_and_in_yuan_and_a_clause_with_its_law_is_one():
    """The 许昌 2025Q2 处罚内容: 20 + 3 + 36.8 + 3.2 + 1.5 + 5 + 2 = 71.5 万元 in 7 of 8 (通报批评
    states none); 第八条第（二）项 with and without 《…管理办法》 is one clause."""
    stated = [
        "罚款人民币20万元",
        "罚款3万元，责令改正",
        "责令改正，处工程合同价款2%的罚款，计36.8万元",
        "罚款3.2万元",
        "责令改正，罚款人民币1.5万元",
        "罚款人民币5万元",
        "责令改正，罚款20000元",
    ]
    assert sum(fines(t) or 0 for t in stated) == pytest.approx(71.5)
    assert fines("责令改正，通报批评") is None and fines("设计费计5万元") is None
    assert clause("《河南省建设工程质量责任主体不良行为记录管理办法》第八条第（二）项") == "第八条第（二）项"


def _keeps(table) -> list[bool]:
    """Whether each row's paragraphs keep with the next (all alike)."""
    rows = [
        {bool(p.paragraph_format.keep_with_next) for c in r.cells for p in c.paragraphs} for r in table.rows
    ]
    assert all(len(r) == 1 for r in rows)
    return [r.pop() for r in rows]


def test_a_table_stays_with_its_caption_and_note_and_only_a_tall_one_breaks_between_rows():
    """render.keep_tables on python-docx tables of two columns 4680 twips (234 pt) wide each, the
    default margins 5.4 pt either side: 234 - 10.8 = 223.2 pt, 21.3 characters of 10.5 pt a line.
    表A: 5 one-line rows (5 lines ≤ 16) and a note: whole, its last row kept with the note.
    表B: 20 one-line rows (20 > 16), a heading after it: may break, but not after the header or the
    first row under it (rows 1-2 keep) nor before the last two (rows 18-19 keep); row 20 does not
    keep with the heading. 表C: 6 rows of 50 characters, 3 lines each (50 / 21.3 → 3; 18 > 16),
    with a note: rows 1-2 and 4-5 keep, row 6 keeps with the note."""
    doc = Document()
    body_styles(doc)
    for caption, rows, text, note in (
        ("表A", 5, "叶县", True),
        ("表B", 20, "叶县", False),
        ("表C", 6, "质" * 50, True),
    ):
        doc.add_paragraph(caption, style="Caption")
        table = doc.add_table(rows=rows, cols=2)
        for row in table.rows:
            row.cells[0].text, row.cells[1].text = text, "1"
        doc.add_paragraph("注：……", style="Table Text") if note else doc.add_paragraph(
            "三、", style="Heading 1"
        )
    keep_tables(doc)
    a, b, c = doc.tables
    assert _keeps(a) == [True] * 5
    assert _keeps(b) == [True, True] + [False] * 15 + [True, True, False]
    assert _keeps(c) == [True, True, False, True, True, True]


def test_bars_of_the_second_series_are_striped_so_the_chart_reads_in_black_and_white():
    """One unit, two series of equal bars: across the middle of the plot the first bar is one solid
    colour, the second the orange crossed by white stripes (one every 2.4 pt, 6.7 px at 200 dpi;
    one unit is drawn in the middle slot of six, 1181 px less the axis / 6 × 0.4 ≈ 75 px a bar,
    about eleven stripes)."""
    picture = Image.open(io.BytesIO(unit_bars(["叶县"], {"竣工工程": [10], "备案工程": [10]}, "项数")))
    row = [picture.getpixel((x, picture.height // 2)) for x in range(picture.width)]
    blue, orange = (0x3B, 0x6E, 0xA8), (0xE0, 0x8A, 0x2C)
    assert row.count(blue) > 60
    stripes = sum(1 for a, b in zip(row, row[1:]) if a == orange and b != orange)
    assert stripes >= 8 and row.count(orange) > 10
