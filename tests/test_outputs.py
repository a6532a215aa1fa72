"""The consolidated workbook looks like the official forms; outputs are written atomically."""

import importlib

import openpyxl
import pytest
from conftest import CITY
from messy import Clerk, city_inbox, f5_row

from qstat import consolidate, write


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """The three-unit city consolidated once; the tests only read its result and outputs."""
    tmp = tmp_path_factory.mktemp("city")
    inbox = city_inbox(tmp / "inbox")
    return consolidate(inbox, "2024Q3", CITY, out=tmp / "out", db=tmp / "history.sqlite", workers=1)


@pytest.fixture(scope="module")
def forms(city):
    return openpyxl.load_workbook(city.outputs["forms"])


def test_one_sheet_per_form_in_official_order(forms):
    assert forms.sheetnames == ["附表1", "附表2", "附表3", "附表4", "附表5", "附表6"]


def test_form_5_has_the_seeds_two_row_merged_header_and_a_total_row(forms):
    ws = forms["附表5"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A5:A6", "B5:D5", "N5:P5", "Q5:R5", "S5:S6", "T5:V5", "A2:V2"} <= merged
    assert ws["B5"].value == "上季度接转工程" and ws["C6"].value == "面积\n（万㎡）"
    assert ws["A2"].value == "河南省建设工程质量监督季度统计表"
    assert ws["A4"].value == "填表单位（盖章）：平顶山市"
    assert [ws.cell(r, 1).value for r in range(7, 19)] == ["叶县", "舞钢市", "湛河区"] + [
        f"{u}（未报）"
        for u in ("新华区", "鲁山县", "宝丰县", "石龙区", "示范区", "汝州市", "郏县", "卫东区", "高新区")
    ]
    assert ws["B11"].value is None  # a unit that sent nothing: no figures, not zeros
    assert ws["A19"].value == "合计" and ws["B19"].value == 23
    assert ws["Q19"].value == 85.7  # 600 / 7 = 85.714…, stored as printed
    assert ws["Q10"].value is None  # 湛河区 completed nothing: the rate is empty, not 0
    footer = [ws.cell(r, 1).value for r in range(20, 23)]
    assert any(v and v.startswith("填表说明") for v in footer)
    assert any(v and "统计员" in v and "批准人" in v and "报送日期" in v for v in footer)


def test_print_setup_fonts_and_frozen_header(forms):
    ws = forms["附表5"]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    assert ws.page_setup.fitToWidth in (None, 1)  # one page wide (1 is Excel's default)
    assert ws.freeze_panes == "B7"
    assert ws["A2"].font.name == "宋体" and ws["A2"].font.b
    assert ws.column_dimensions["A"].width > 10


def test_detail_rows_carry_the_unit_and_text_never_becomes_a_formula(forms):
    ws = forms["附表3"]
    assert [ws.cell(5, c).value for c in (1, 2, 3, 4)] == [
        "序号",
        "填报单位",
        "县（区）",
        "工程质量监督注册号",
    ]
    assert [ws.cell(6, c).value for c in (1, 2, 3)] == [1, "叶县", "叶县"]  # config order
    r = next(r for r in range(6, ws.max_row + 1) if ws.cell(r, 4).value == "PDS-YX-001")
    assert [ws.cell(r, c).value for c in (1, 2)] == [12 + 6 + 1, "湛河区"]  # 序号 renumbered
    assert ws.cell(r + 1, 5).value == "@幸福家园2#楼" and ws.cell(r + 1, 5).data_type == "s"
    assert ws.cell(r + 1, 9).value == "+86建工" and ws.cell(r + 1, 9).data_type == "s"
    assert ws.cell(r + 1, 7).value == 8500


def test_findings_workbook_lists_each_finding_and_the_roster(city):
    result = city
    book = openpyxl.load_workbook(result.outputs["findings"])
    findings, roster = book["问题清单"], book["报送情况"]
    assert findings.auto_filter.ref and findings.max_row == 2 + len(result.findings)
    assert [c.value for c in findings[2]][:7] == ["序号", "单位", "文件", "报表", "工作表", "单元格", "规则"]
    statuses = {row[1]: row[3] for row in roster.iter_rows(min_row=3, values_only=True)}
    assert statuses["叶县"] == "已报" and statuses["石龙区"] == "未报"


def test_the_roster_counts_explained_warnings_apart_and_the_list_shows_the_explanation(inbox, run):
    clerk = Clerk("填表单位：郏县").all_forms([f5_row("郏县", (3, 1.0, 300), in_progress=(4, 1.0, 300))])
    clerk.sheet("情况说明").append(["F5-004", "H6", "一项工程由市站移交我县监督"])
    clerk.save(inbox / "郏县.xlsx")
    Clerk("填表单位：宝丰县").all_forms([f5_row("宝丰县", satisfaction=120)]).save(inbox / "宝丰县.xlsx")
    result = run(inbox)
    book = openpyxl.load_workbook(result.outputs["findings"])
    roster = {row[1]: row for row in book["报送情况"].iter_rows(min_row=3, values_only=True)}
    assert roster["郏县"][3:8] == ("已报", "是", 0, 0, 1)
    assert roster["宝丰县"][3:8] == ("有错误", "是", 1, 0, 0)
    listed = [row for row in book["问题清单"].iter_rows(min_row=3, values_only=True) if row[6] == "F5-004"]
    assert listed[0][-1] == "一项工程由市站移交我县监督"
    summary = result.summary()["submissions"]
    assert [(s["unit"], s["warnings"], s["explained"]) for s in summary if s["unit"] == "郏县"] == [
        ("郏县", 0, 1)
    ]


def test_an_interrupted_run_leaves_the_previous_outputs_intact(inbox, run, monkeypatch, tmp_path):
    first = run(city_inbox(inbox))
    before = {p: p.read_bytes() for p in first.outputs.values()}

    def broken(path, result):
        path.write_bytes(b"half a workbook")
        raise KeyboardInterrupt

    monkeypatch.setattr(importlib.import_module("qstat.consolidate"), "write_findings_workbook", broken)
    with pytest.raises(KeyboardInterrupt):
        run(inbox)
    assert {p: p.read_bytes() for p in first.outputs.values()} == before
    out = tmp_path / "out"  # no temporary file left behind, also in 退回/
    assert sorted(p for p in out.rglob("*") if p.is_file()) == sorted(before)


def test_inputs_are_never_modified(inbox, run):
    city_inbox(inbox)
    before = {p: p.read_bytes() for p in inbox.iterdir()}
    run(inbox)
    assert {p: p.read_bytes() for p in inbox.iterdir()} == before


def test_atomic_outputs_rename_only_when_everything_is_written(tmp_path):
    with write.atomic_outputs(tmp_path) as stage:
        stage("a.txt").write_text("new")
        assert not (tmp_path / "a.txt").exists()
    assert (tmp_path / "a.txt").read_text() == "new"


def test_every_sheet_is_numbered_and_labels_with_a_line_break_wrap_in_rows_sized_to_them(forms):
    for ws in forms.worksheets:
        assert "第&P页 共&N页" in ws.oddFooter.center.text
    ws = forms["附表6"]
    labels = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    for label in ("钢结构\n工程", "县（区）\n工程"):
        cell = ws.cell(labels[label], 1)
        assert cell.alignment.wrap_text and cell.font.sz >= 9  # wrapped, never shrunk
        assert not cell.alignment.shrink_to_fit
        assert ws.row_dimensions[labels[label]].height >= 2 * 13.5  # two lines high


def test_figures_are_stored_as_printed(forms):
    ws = forms["附表5"]
    for row in ws.iter_rows(min_row=7, max_row=19, min_col=2):
        for cell in row:
            if isinstance(cell.value, float):
                digits = {"0": 0, "0.00": 2, "0.0": 1}[cell.number_format]
                assert cell.value == round(cell.value, digits)


def test_a_form_sheet_holds_no_row_once_written_and_the_file_keeps_every_rows_height(tmp_path):
    """Constant-memory forms keep nothing per row: 300 rows whose 工程名称 is 20 CJK characters
    (20 x 1.7 = 34 widths in a 24-wide column, room 23.5: two lines, 2 x 14.5 = 29 pt, which
    xlsxwriter stores in whole pixels: 29 x 4/3 = 38.7 -> 39 px = 29.25 pt) are each 29.25 pt
    high in the file, while the sheet, before closing, remembers at most the last row."""
    import xlsxwriter

    from qstat.forms import FORMS
    from qstat.listed import detail_columns
    from qstat.write.forms_workbook import WORKBOOK_OPTIONS
    from qstat.write.layout import Formats, data_top, write_form_sheet

    spec = FORMS["F3"]
    columns = detail_columns(spec)
    name = "平顶山市新华区某某小区二期住宅楼工程项目"
    assert len(name) == 20
    rows = [[i + 1, "叶县", "叶县", f"REG{i}", name] + [None] * (len(columns) - 5) for i in range(300)]
    path = tmp_path / "forms.xlsx"
    book = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    ws = write_form_sheet(book, Formats(book), spec, columns, "平顶山市", "2024年第三季度", rows)
    assert len(ws.row_info) <= 1 and len(ws.row_sizes) <= 1
    book.close()
    sheet = openpyxl.load_workbook(path)["附表3"]
    top = data_top(columns) + 1  # 1-based: below the title lines and the header
    assert sheet.cell(top, 5).value == name and sheet.cell(top + 299, 1).value == 300
    assert {sheet.row_dimensions[r].height for r in range(top, top + 300)} == {29.25}
