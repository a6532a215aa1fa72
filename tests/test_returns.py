"""What goes back to a unit (退回): its workbook marked up, and the 审核意见 document."""

import hashlib
import os
import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest
from conftest import FIXTURES
from messy import Clerk, f5_row

from qstat.decided import Decided
from qstat.findings import Finding
from qstat.periods import Period
from qstat.rules import RULES, Status
from qstat.write import atomic_outputs
from qstat.write.returns import (
    ReviewTemplateError,
    fix_hint,
    marked_copy_suffix,
    render_review,
    write_marked_copy,
    write_returns,
)


def write_review_document(target, submission, findings, period, office, template=None, today=None):
    """The 审核意见 of one submission, as write_returns renders it."""
    target.write_bytes(render_review(submission, findings, period, office, template, today))
    return target


# 宝丰县 states a 100% filing rate for 2 filings of 5 completions: F5-002 at Q6 (row 6: the
# first unit row under 附表5, title, 填表单位 line and the two-row header).
BAOFENG = f5_row(
    "宝丰县", (10, 5.0, 3000), (4, 2.0, 1200), (9, 4.0, 2400), (5, 3.0, 1800), (2, 1.0, 600), (100, 100), 95
)
YE = f5_row(
    "叶县", (10, 5.0, 3000), (4, 2.0, 1200), (12, 6.0, 3600), (2, 1.0, 600), (2, 1.0, 600), (100, 100), 95
)
RED, YELLOW, GREEN = "FFC7CE", "FFEB9C", "C6EFCE"


def rate_error(cell="Q6"):
    return Finding(
        "F5-002",
        "附表5备案率（项数）填报为100.0%，按备案项数/竣工项数计算应为40.0%",
        file="宝丰县.xlsx",
        unit="宝丰县",
        form="F5",
        sheet="附表5",
        cell=cell,
        value="100",
    )


def dash_warning(cell="T6", explanation=None):
    return Finding(
        "ST006",
        "附表5“本季度发生工程质量事故项数”填写为“—”：“—”按0计",
        file="宝丰县.xlsx",
        unit="宝丰县",
        form="F5",
        sheet="附表5",
        cell=cell,
        value="—",
        explanation=explanation,
    )


def missing_form():
    return Finding("IN006", "缺少附表6（分类统计表）", file="宝丰县.xlsx", unit="宝丰县")


@pytest.fixture
def baofeng(tmp_path):
    clerk = Clerk("填表单位（盖章）：宝丰县住房和城乡建设局")
    for n in (1, 2, 3, 4):
        clerk.detail(n, [])
    ws = clerk.f5([BAOFENG])
    ws["B7"] = "=SUM(B6:B6)"  # the clerk's own 合计 formula
    ws["T6"] = "—"
    return clerk.save(tmp_path / "inbox" / "宝丰县.xlsx")


def fill(cell) -> str:
    return cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type == "solid" else ""


def test_marked_copy_fills_and_comments_exactly_the_findings_cells(baofeng, tmp_path):
    findings = [rate_error(), dash_warning(), dash_warning("U6", explanation="本季度无事故，填“—”")]
    target = write_marked_copy(baofeng, "xlsx", tmp_path / "marked.xlsx", findings)
    ws = openpyxl.load_workbook(target)["附表5"]
    assert (fill(ws["Q6"]), fill(ws["T6"]), fill(ws["U6"])) == (RED, YELLOW, GREEN)
    assert fill(ws["R6"]) == "" and ws["R6"].comment is None  # the neighbour is untouched
    comment = ws["Q6"].comment
    assert comment.author == "qstat"
    assert "F5-002" in comment.text and "错误" in comment.text and "应为40.0%" in comment.text
    assert "警告（已说明）" in ws["U6"].comment.text and "本季度无事故" in ws["U6"].comment.text
    assert ws["B7"].value == "=SUM(B6:B6)"  # the unit's formulas stay formulas
    assert ws["Q6"].value == 100


def test_several_findings_on_one_cell_share_one_comment_and_the_worst_colour(baofeng, tmp_path):
    findings = [dash_warning("Q6"), rate_error("Q6")]
    ws = openpyxl.load_workbook(write_marked_copy(baofeng, "xlsx", tmp_path / "m.xlsx", findings))["附表5"]
    text = ws["Q6"].comment.text
    assert fill(ws["Q6"]) == RED
    assert text.index("F5-002") < text.index("ST006")  # errors first, as in the document


def test_review_sheet_comes_first_and_lists_findings_without_a_cell(baofeng, tmp_path):
    findings = [dash_warning(), missing_form(), rate_error()]
    book = openpyxl.load_workbook(write_marked_copy(baofeng, "xlsx", tmp_path / "m.xlsx", findings))
    assert book.sheetnames[0] == "审核意见" and book.active == book["审核意见"]
    rows = [r for r in book["审核意见"].iter_rows(values_only=True) if isinstance(r[0], int)]
    assert [(r[0], r[4], r[3]) for r in rows] == [(1, "IN006", None), (2, "F5-002", "Q6"), (3, "ST006", "T6")]
    assert rows[0][6] == "缺少附表6（分类统计表）" and rows[1][5] == "错误"
    assert book["审核意见"]["D6"].hyperlink.location == "'附表5'!Q6"


def test_the_units_file_is_never_touched(baofeng, tmp_path):
    before = (hashlib.sha256(baofeng.read_bytes()).hexdigest(), os.stat(baofeng).st_mtime_ns)
    write_marked_copy(baofeng, "xlsx", tmp_path / "m.xlsx", [rate_error(), missing_form()])
    assert (hashlib.sha256(baofeng.read_bytes()).hexdigest(), os.stat(baofeng).st_mtime_ns) == before


def test_a_workbook_with_macros_is_marked_as_an_xlsm_that_keeps_them(baofeng, tmp_path):
    source = tmp_path / "宝丰县.xlsm"
    with zipfile.ZipFile(baofeng) as plain, zipfile.ZipFile(source, "w") as macros:
        for name in plain.namelist():
            macros.writestr(name, plain.read(name))
        macros.writestr("xl/vbaProject.bin", b"the unit's macros")
    data = source.read_bytes()
    assert marked_copy_suffix("xlsx", data) == ".xlsm"
    target = write_marked_copy(source, "xlsx", tmp_path / "m.xlsm", [rate_error()], data)
    with zipfile.ZipFile(target) as marked:
        assert marked.read("xl/vbaProject.bin") == b"the unit's macros"
        assert b"macroEnabled" in marked.read("[Content_Types].xml")


@pytest.mark.parametrize("name", ["郏县.xls", "郏县.ods"])
def test_an_xls_or_ods_is_rebuilt_as_a_marked_xlsx(name, tmp_path):
    source = shutil.copy(FIXTURES / name, tmp_path / name)
    fmt = name.rsplit(".", 1)[1]
    finding = Finding(
        "ST006",
        "附表5“本季度发生工程质量事故项数”填写为“—”",
        file=name,
        unit="郏县",
        form="F5",
        sheet="附表5",
        cell="T6",
    )
    book = openpyxl.load_workbook(write_marked_copy(source, fmt, tmp_path / "郏县_审核标注.xlsx", [finding]))
    ws = book["附表5"]
    assert ws["A6"].value == "郏县" and ws["B6"].value == 20  # values of the 郏县 fixture
    assert "B4:D4" in {str(r) for r in ws.merged_cells.ranges}
    assert fill(ws["T6"]) == YELLOW and "ST006" in ws["T6"].comment.text
    notes = [r[0] for r in book["审核意见"].iter_rows(max_row=3, values_only=True)]
    assert any(".xlsx" in str(n or "") and "重建" in str(n or "") for n in notes)


def test_fix_hints_come_from_the_catalogue_in_chinese():
    for code in RULES:
        hint = fix_hint(Finding(code, "…"))
        assert hint == RULES[code].fix and re.search(r"[\u4e00-\u9fff]", hint), code


def review_text(path) -> str:
    """The document's paragraphs and table cells in reading order."""
    document = docx.Document(path)
    body = document.element.body
    parts = []
    for block in body.iterchildren():
        if block.tag.endswith("}p"):
            parts.append("".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")))
        elif block.tag.endswith("}tbl"):
            for row in block.iter():
                if row.tag.endswith("}tc"):
                    parts.append("".join(t.text or "" for t in row.iter() if t.tag.endswith("}t")))
    return "\n".join(parts)


def baofeng_submission(path, unit="宝丰县"):
    return Decided(
        file="宝丰县.xlsx",
        path=path,
        status=Status.ERRORS,
        unit=unit,
        unit_text="宝丰县住房和城乡建设局",
        format="xlsx",
    )


def test_review_document_names_the_unit_the_counts_and_each_finding_in_order(baofeng, tmp_path):
    f3_error = Finding(
        "ST002",
        "附表3“工程造价（万元）”填写为“约9800”：应为数值",
        file="宝丰县.xlsx",
        unit="宝丰县",
        form="F3",
        sheet="附表3",
        cell="F6",
        value="约9800",
    )
    explained = dash_warning("U6", explanation="本季度无事故")
    findings = [dash_warning(), explained, rate_error(), f3_error]
    target = write_review_document(
        tmp_path / "宝丰县_审核意见.docx",
        baofeng_submission(baofeng),
        findings,
        Period.parse("2024Q3"),
        "平顶山市",
        today=date(2024, 10, 15),
    )
    text = review_text(target)
    assert "关于宝丰县2024年第三季度工程质量统计报表的审核意见" in text
    assert "宝丰县住房和城乡建设局：" in text and "宝丰县.xlsx" in text
    assert "错误2处、警告1处、已说明的警告1处，需修改后重新报送" in text
    positions = [text.index(f.message) for f in (f3_error, rate_error(), dash_warning())]
    assert positions == sorted(positions)  # errors first (附表3 before 附表5), then warnings
    assert text.index("已说明的警告（1处）") < text.index("本季度无事故")
    assert "请只填写数字" in text  # the fix for ST002
    assert "请于" in text and "将修改后的报表重新报送" in text
    # 落款: the office centred over the date, the date four characters in from the right (28 a line)
    assert text.rstrip().endswith("　" * 18 + "平顶山市\n" + "　" * 17 + "2024年10月15日")


def test_a_review_with_only_warnings_asks_to_check_not_to_resend(baofeng, tmp_path):
    target = write_review_document(
        tmp_path / "r.docx", baofeng_submission(baofeng), [dash_warning()], Period.parse("2024Q3"), "平顶山市"
    )
    text = review_text(target)
    assert "未发现错误，有警告1处，请核实" in text and "核实并反馈" in text
    assert "重新报送" not in text


def template_with(tmp_path, line: str):
    document = docx.Document()
    document.add_paragraph("关于{{ unit }}的审核意见")
    document.add_paragraph(line)
    path = tmp_path / "模板.docx"
    document.save(path)
    return path


def test_a_template_with_an_undefined_variable_names_it_and_writes_nothing(baofeng, tmp_path):
    template = template_with(tmp_path, "联系电话：{{ 联系电话 }}")
    target = tmp_path / "r.docx"
    with pytest.raises(ReviewTemplateError, match="联系电话"):
        write_review_document(
            target,
            baofeng_submission(baofeng),
            [rate_error()],
            Period.parse("2024Q3"),
            "平顶山市",
            template=template,
        )
    assert not target.exists()


def test_consolidation_returns_files_to_units_with_findings_only(baofeng, run, tmp_path):
    inbox = baofeng.parent
    Clerk("填表单位（盖章）：叶县住建局").all_forms([YE]).save(inbox / "叶县.xlsx")
    Clerk("填表单位（盖章）：宝丰县住房和城乡建设局").all_forms([BAOFENG]).save(inbox / "宝丰县.xlsx")
    shutil.copy(FIXTURES / "加密.xlsx", inbox / "加密.xlsx")
    result = run(inbox)
    returned = tmp_path / "out" / "退回"
    assert sorted(p.name for p in returned.iterdir()) == [
        "加密_审核意见.docx",
        "宝丰县_审核意见.docx",
        "宝丰县_审核标注.xlsx",
    ]  # 叶县 is clean
    assert result.outputs["退回/宝丰县_审核标注"] == returned / "宝丰县_审核标注.xlsx"
    ws = openpyxl.load_workbook(returned / "宝丰县_审核标注.xlsx")["附表5"]
    assert "F5-002" in ws["Q6"].comment.text
    assert "文件无法读取" in review_text(returned / "加密_审核意见.docx")
    # The run's history lacks 2024Q2 (HS001 for every unit): the office's matter, not the unit's.
    assert any(f.rule == "HS001" and f.unit == "宝丰县" for f in result.findings)
    assert "历史数据库" not in review_text(returned / "宝丰县_审核意见.docx")


def test_the_returns_are_the_same_written_on_two_cores_as_in_one_process(baofeng, run, tmp_path, monkeypatch):
    """Where processes fork, a copy of the process writes every other unit's return
    (qstat.forked.in_two); on Windows this process writes them all: same names, same parts
    (but the documents' creation times)."""
    inbox = baofeng.parent
    Clerk("填表单位（盖章）：宝丰县住房和城乡建设局").all_forms([BAOFENG]).save(inbox / "宝丰县.xlsx")
    shutil.copy(FIXTURES / "加密.xlsx", inbox / "加密.xlsx")
    shutil.copy(FIXTURES / "加密.xlsx", inbox / "舞钢市.xlsx")
    result = run(inbox)
    with atomic_outputs(tmp_path / "two") as stage:
        two = write_returns(stage, result, today=date(2024, 10, 8))
    monkeypatch.delattr(os, "fork", raising=False)
    with atomic_outputs(tmp_path / "one") as stage:
        one = write_returns(stage, result, today=date(2024, 10, 8))
    assert list(one.items()) == list(two.items())
    assert len(one) == 4  # 宝丰县's letter and marked copy, a letter for each unreadable file

    def parts(name):
        with zipfile.ZipFile(tmp_path / name) as z:
            return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}

    for file in one.values():
        assert parts(Path("one") / file) == parts(Path("two") / file), file


def test_a_broken_template_leaves_no_returns_folder(baofeng, run, tmp_path):
    result = run(baofeng.parent)
    template = template_with(tmp_path, "{{ 盖章 }}")
    out = tmp_path / "again"
    with pytest.raises(ReviewTemplateError, match="盖章"):
        with atomic_outputs(out) as stage:
            write_returns(stage, result, template)
    assert list(out.iterdir()) == []


def test_a_unit_whose_only_finding_is_its_resubmission_gets_nothing_back(inbox, run):
    row = f5_row("叶县", (1, 0.5, 100), in_progress=(1, 0.5, 100))
    Clerk("填表单位：叶县").all_forms([row]).save(inbox / "叶县.xlsx")
    Clerk("填表单位：叶县").all_forms([row]).save(inbox / "叶县_v2.xlsx")
    result = run(inbox)
    assert {f.rule for f in result.findings if f.unit == "叶县"} == {"IN005", "HS001"}  # HS001: a note
    assert not [name for name in result.outputs if name.startswith("退回/")]


def test_a_letter_puts_a_rules_repeated_findings_in_one_row(baofeng, tmp_path):
    dashes = [dash_warning(cell) for cell in ("T6", "U6", "V6")]
    target = write_review_document(
        tmp_path / "r.docx",
        baofeng_submission(baofeng),
        [rate_error(), *dashes],
        Period.parse("2024Q3"),
        "平顶山市",
    )
    rows = [[c.text for c in row.cells] for t in docx.Document(target).tables for row in t.rows]
    grouped = [r for r in rows if r[2] == "T6、U6、V6"]
    assert len(grouped) == 1 and grouped[0][0] == "2–4"  # 第2-4条, as numbered in the marked copy
    assert grouped[0][3].startswith(f"{RULES[dashes[0].rule].title}，共3处：")


def test_a_unit_whose_only_findings_qstat_handled_itself_gets_no_letter(inbox, run):
    """A full-width ７ and a “无” read as 0 (ST006) are the office's to see, not the unit's to answer."""
    row = f5_row("叶县", (1, 0.5, 100), in_progress=(1, 0.5, 100))
    clerk = Clerk("填表单位：叶县").all_forms([row])
    clerk.book["附表5"]["B6"], clerk.book["附表5"]["E6"] = "１", "无"  # 接转 in full width, 新注册 as 无
    clerk.save(inbox / "叶县.xlsx")
    result = run(inbox)
    mine = {f.rule for f in result.findings if f.unit == "叶县"}
    assert "ST006" in mine and mine <= {"ST006", "HS001"}
    assert not [name for name in result.outputs if name.startswith("退回/")]


def test_a_letter_leaves_out_what_qstat_handled_itself(inbox, run, tmp_path):
    clerk = Clerk("填表单位（盖章）：宝丰县住房和城乡建设局").all_forms([BAOFENG])
    clerk.book["附表5"]["B6"] = "１０"  # ST006 beside the F5-002 error
    clerk.save(inbox / "宝丰县.xlsx")
    result = run(inbox)
    assert any(f.rule == "ST006" for f in result.findings)  # still in the office's list
    returned = tmp_path / "out" / "退回"
    letter = review_text(returned / "宝丰县_审核意见.docx")
    assert "Q6" in letter and "B6" not in letter
    ws = openpyxl.load_workbook(returned / "宝丰县_审核标注.xlsx")["附表5"]
    assert ws["B6"].comment is None


def test_a_unit_named_by_a_very_long_line_still_gets_its_letter(baofeng, tmp_path):
    """Word keeps a document property to 255 characters: a 300-character 填表单位 once stopped the
    whole consolidation in the 审核意见's title property. The letter names the unit in full."""
    sub = baofeng_submission(baofeng, unit="宝丰县" * 100)
    target = write_review_document(
        tmp_path / "x.docx", sub, [rate_error()], Period.parse("2024Q3"), "平顶山市"
    )
    assert "宝丰县" * 100 in review_text(target)
    assert len(docx.Document(str(target)).core_properties.title) <= 255
