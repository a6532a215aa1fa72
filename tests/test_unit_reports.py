"""The units' own analysis reports (.docx) dropped in the inbox beside the workbooks.

Built here with python-docx as units write them: one with Word heading styles, one with bold
一、 paragraphs whose titles are abbreviated, merged or run into their text; a .doc, a damaged
.docx and a 说明.docx beside them. Every expected section and count is written out by hand.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from conftest import cli_consolidate, one_finding
from docx import Document
from messy import f5_row, unit_workbook

from qstat import Config
from qstat.check import check
from qstat.history import connect
from qstat.write.report import build_report
from qstat.write.report.narrative import ANNUAL, QUARTERLY, Narrative, parse_unit_text, unit_text

CONFIG = Config(name="平顶山市", units=["叶县", "舞钢市", "湛河区", "宝丰县"])
ROW = dict(carried=(1, 0.5, 100), in_progress=(1, 0.5, 100))
YE_REPORT = "叶县2024年第三季度工程质量运行态势分析报告.docx"


def styled_report(path: Path) -> Path:
    """叶县's report: Word heading styles, no numbering; a table; numbered body lines under a
    styled heading (（一）… naming 不良行为 is 十一's text, not section 六); a 落款."""
    doc = Document()
    doc.add_paragraph("叶县2024年第三季度工程质量运行态势分析报告", style="Title")
    doc.add_paragraph("平顶山市建设工程质量监督站：")  # the address and the announcement are left out
    doc.add_paragraph("根据省厅要求，现将本季度工程质量情况报告如下：")
    doc.add_paragraph("本季度全县工程质量总体平稳。")
    doc.add_heading("企业总体情况", level=1)
    doc.add_paragraph("全县共有建筑业企业23家。")
    doc.add_heading("本季度工程质量监督管理总体情况", level=1)
    doc.add_paragraph("本季度监督在建工程41项。")
    doc.add_heading("存在的问题", level=2)  # under 二: a sub-heading, not section 七
    doc.add_paragraph("个别工地资料滞后。")
    table = doc.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "类别", (0, 1): "项数", (1, 0): "住宅", (1, 1): "30"}.items():
        table.cell(r, c).text = text
    doc.add_heading("“四新”应用", level=1)
    doc.add_paragraph("推广铝模板工程3项。")
    doc.add_heading("对策建议", level=1)
    doc.add_paragraph("加强质量巡查。")
    doc.add_paragraph("（一）对连续被记录不良行为的企业实施信用惩戒")
    doc.add_paragraph("（二）督促保障房建设单位完成竣工备案")
    doc.add_paragraph("叶县住房和城乡建设局")
    doc.add_paragraph("2024年10月8日")
    doc.save(str(path))
    return path


def bold_report(path: Path) -> Path:
    """舞钢市's report: a file name without the unit, the title naming it; bold 一、 paragraphs,
    abbreviated (企业情况), merged (三 names 参建各方 and 实体), run into the text (六), one naming
    no section (五、其他工作)."""
    doc = Document()
    doc.add_paragraph("舞钢市住房和城乡建设局")
    doc.add_paragraph("2024年三季度建设工程质量分析报告")

    def heading(text: str, body: str = "") -> None:
        p = doc.add_paragraph()
        p.add_run(text).bold = True
        if body:
            p.add_run(body)

    heading("一、企业情况")
    doc.add_paragraph("全市共有建筑业企业56家，其中一级资质4家。")
    heading("二、总体情况")
    doc.add_paragraph("本季度新开工项目7项。")
    heading("三、参建各方质量行为及实体质量监督情况")
    doc.add_paragraph("部分监理单位旁站记录不全。")
    heading("（一）存在的问题")  # under 三: stays there
    doc.add_paragraph("实测实量覆盖不足。")
    heading("四、下步工作打算")
    doc.add_paragraph("开展质量通病专项治理。")
    heading("五、其他工作")
    doc.add_paragraph("组织观摩会一次。")
    heading("六、工程质量事故及投诉情况。", "本季度未发生质量事故，受理投诉2件。")
    doc.add_paragraph("舞钢市住房和城乡建设局")
    doc.add_paragraph("2024年10月9日")
    doc.save(str(path))
    return path


def note(path: Path) -> Path:
    doc = Document()
    doc.add_paragraph("关于叶县报表修改情况的说明")
    doc.add_paragraph("叶县本季度报表已按要求修改。")
    doc.save(str(path))
    return path


def word_97(path: Path, *texts: str) -> Path:
    """An old-format Word file: the OLE2 signature, its text as Word stores it (UTF-16), the style
    names (Word 97 has "Book Title": an .xls has a stream "Book") and its WordDocument stream."""
    body = "".join(texts) + "Book Title\0WordDocument\0"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + body.encode("utf-16-le"))
    return path


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """叶县 (workbook with a 文字材料 sheet, styled report), 舞钢市 (workbook, bold report),
    湛河区 (workbook, report as .doc), 宝丰县 (nothing); a 说明.docx."""
    inbox = tmp_path / "inbox"
    text = ["一、企业总体情况", "叶县共有施工企业20家。"]
    unit_workbook("叶县", f5_row("叶县", **ROW), text=text).save(inbox / "叶县.xlsx")
    unit_workbook("舞钢市", f5_row("舞钢市", **ROW)).save(inbox / "舞钢市.xlsx")
    unit_workbook("湛河区", f5_row("湛河区", **ROW)).save(inbox / "湛河区.xlsx")
    styled_report(inbox / YE_REPORT)
    bold_report(inbox / "质量分析报告.docx")
    word_97(inbox / "湛河区2024年三季度分析报告.doc", "湛河区工程质量分析报告")
    note(inbox / "说明.docx")
    return inbox


def consolidated(inbox: Path, tmp_path: Path) -> dict:
    assert cli_consolidate(inbox, config_file(tmp_path), tmp_path) == 0
    return json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))


def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "qstat.toml"
    path.write_text('name = "平顶山市"\nunits = ["叶县", "舞钢市", "湛河区", "宝丰县"]\n', encoding="utf-8")
    return path


def test_a_styled_report_is_split_by_its_headings(tmp_path):
    ((sub, _),) = check([styled_report(tmp_path / YE_REPORT)], "2024Q3", CONFIG)
    assert (sub.status, sub.unit, sub.findings) == ("report", "叶县", ())
    material = parse_unit_text(sub.text)
    assert material.general == ["本季度全县工程质量总体平稳。"]
    assert material.sections == {
        1: ["全县共有建筑业企业23家。"],
        2: ["本季度监督在建工程41项。", "存在的问题", "个别工地资料滞后。", "类别 项数", "住宅 30"],
        8: ["推广铝模板工程3项。"],  # “四新” is 新技术、新工艺
        11: [
            "加强质量巡查。",
            "（一）对连续被记录不良行为的企业实施信用惩戒",
            "（二）督促保障房建设单位完成竣工备案",
        ],
    }  # the 落款 left out


def test_a_report_with_bold_numbered_headings_abbreviated_and_merged(tmp_path):
    ((sub, _),) = check([bold_report(tmp_path / "质量分析报告.docx")], "2024Q3", CONFIG)
    assert (sub.status, sub.unit) == ("report", "舞钢市")  # from its title
    material = parse_unit_text(sub.text)
    assert material.sections == {
        1: ["全市共有建筑业企业56家，其中一级资质4家。"],
        2: ["本季度新开工项目7项。"],
        3: ["部分监理单位旁站记录不全。", "（一）存在的问题", "实测实量覆盖不足。"],
        9: ["本季度未发生质量事故，受理投诉2件。"],
        11: ["开展质量通病专项治理。"],
    }
    assert material.general == ["五、其他工作", "组织观摩会一次。"]


def test_a_doc_report_a_damaged_docx_and_a_note(tmp_path):
    doc = word_97(tmp_path / "湛河区2024年三季度分析报告.doc", "湛河区")
    wps = word_97(tmp_path / "材料.wps", "宝丰县住房和城乡建设局", "工程质量运行态势分析报告")
    damaged = tmp_path / "舞钢市质量分析报告.docx"
    damaged.write_bytes(b"PK\x03\x04 cut short")
    results = check([doc, wps, damaged, note(tmp_path / "说明.docx")], "2024Q3", CONFIG)
    (d, _), (w, _), (broken, _), (n, _) = results
    assert (d.status, d.unit, w.status, w.unit) == ("report", "湛河区", "report", "宝丰县")
    assert "请另存为.docx后重新报送" in one_finding(d, "IN012").message
    assert "为.wps格式" in one_finding(w, "IN012").message
    assert (broken.status, broken.unit) == ("report", "舞钢市")
    assert "已损坏" in one_finding(broken, "IN012").message
    assert (n.status, n.unit, [f.rule for f in n.findings]) == ("ignored", None, ["IN002"])


def test_a_report_naming_no_unit_stays_ignored(tmp_path):
    doc = Document()
    doc.add_paragraph("2024年第三季度工程质量分析报告")
    doc.add_paragraph("一、企业总体情况")
    doc.save(tmp_path / "分析报告.docx")
    ((sub, _),) = check([tmp_path / "分析报告.docx"], "2024Q3", CONFIG)
    assert (sub.status, sub.unit) == ("ignored", None)
    assert "无法确定报送单位" in one_finding(sub, "IN002").message


def test_the_reports_in_summary_history_roster_and_report(inbox, tmp_path, capsys):
    summary = consolidated(inbox, tmp_path)
    status = {s["file"]: (s["status"], s["unit"]) for s in summary["submissions"]}
    assert status[YE_REPORT] == ("report", "叶县")
    assert status["质量分析报告.docx"] == ("report", "舞钢市")
    assert status["湛河区2024年三季度分析报告.doc"] == ("report", "湛河区")
    assert status["说明.docx"] == ("ignored", None)
    assert summary["missing_units"] == ["宝丰县"]  # a report is no workbook
    doc = [f["rule"] for f in summary["findings"] if f["file"] == "湛河区2024年三季度分析报告.doc"]
    assert doc == ["IN012"]
    out = capsys.readouterr().out
    assert "分析报告 3" in out and "已忽略 1" in out
    assert "分析报告：已报 2 个，未报：湛河区、宝丰县" in out

    with sqlite3.connect(tmp_path / "h.sqlite") as con:
        sources = con.execute("SELECT unit, source FROM texts ORDER BY rowid").fetchall()
    assert sources == [("叶县", "文字材料"), ("叶县", YE_REPORT), ("舞钢市", "质量分析报告.docx")]

    book = openpyxl.load_workbook(next((tmp_path / "out").glob("*审核问题清单.xlsx")))
    rows = list(book["报送情况"].iter_rows(min_row=3, values_only=True))
    first: dict[object, tuple] = {}
    for row in rows:
        first.setdefault(row[1], row)
    assert {u: first[u][9] for u in CONFIG.units} == {
        "叶县": "已报",
        "舞钢市": "已报",
        "湛河区": "无法读取",
        "宝丰县": "未报",
    }
    assert "分析报告已报2个，未报2个" in book["报送情况"]["A1"].value

    report = build_report("2024Q3", tmp_path / "h.sqlite", tmp_path / "report", fmt="md").outputs["report"]
    md = report.read_text(encoding="utf-8")
    one = md[md.index("企业总体情况") : md.index("工程质量监督管理总体情况")]
    assert "据叶县报告，叶县共有施工企业20家。" in one  # its 文字材料 first, then its report
    assert "该县共有建筑业企业23家。" in one  # its 全县 is its own, not the office's
    assert "据舞钢市报告，该市共有建筑业企业56家，其中一级资质4家。" in one
    assert "据舞钢市报告，本季度未发生质量事故，受理投诉2件。" in md
    assert f"叶县报送的文字材料、分析报告（{YE_REPORT}）" in md
    assert "舞钢市报送的分析报告（质量分析报告.docx）" in md


def test_of_two_reports_of_a_unit_the_newest_counts(tmp_path):
    inbox = tmp_path / "inbox"
    unit_workbook("叶县", f5_row("叶县", **ROW)).save(inbox / "叶县.xlsx")
    old = styled_report(inbox / "叶县分析报告.docx")
    new = styled_report(inbox / "叶县分析报告(修改).docx")
    os.utime(old, (2_000_000_000, 2_000_000_000))  # the older version mark wins over the file time
    os.utime(new, (1_000_000_000, 1_000_000_000))
    summary = consolidated(inbox, tmp_path)
    status = {s["file"]: s["status"] for s in summary["submissions"]}
    assert status == {
        "叶县.xlsx": "ok",
        "叶县分析报告.docx": "superseded",
        "叶县分析报告(修改).docx": "report",
    }
    (kept,) = [f["message"] for f in summary["findings"] if f["file"] == "叶县分析报告(修改).docx"]
    assert kept.startswith("叶县重复报送2份分析报告，采用“叶县分析报告(修改).docx”")
    with sqlite3.connect(tmp_path / "h.sqlite") as con:
        assert con.execute("SELECT source FROM texts").fetchall() == [("叶县分析报告(修改).docx",)]


def test_the_unit_text_round_trips_every_section_title():
    """The stored text's own headings (一、企业总体情况 …) read back as their sections."""
    for annual, numbers in ((False, QUARTERLY), (True, ANNUAL)):
        material = Narrative({n: [f"第{n}节正文。"] for n in numbers}, ["总述。"])
        again = parse_unit_text(unit_text(material, annual), annual)
        assert (again.sections, again.general) == (material.sections, material.general)


def test_a_history_from_before_the_reports_still_reads(tmp_path):
    """A history written before the reports (texts without a source column) is read as before."""
    db = tmp_path / "old.sqlite"
    with sqlite3.connect(db) as con:
        con.execute("CREATE TABLE texts (period TEXT, unit TEXT, text TEXT)")
        con.execute("INSERT INTO texts VALUES ('2024Q2', '叶县', '一、企业总体情况\n正文。')")
    con.close()
    con = connect(db)
    assert con.execute("SELECT unit, source FROM texts").fetchall() == [("叶县", None)]
    con.close()
