"""Reader faults found by the independent 周口市 inbox (tests/independent: stop19 zhoukou).

Each workbook is built here with openpyxl (through ``messy.Clerk``, which shares no code with
the reader) or, for the .ods, written as its XML by hand; the figures are computed by hand.
"""

import zipfile
from datetime import date

import pytest
from conftest import CITY
from messy import YE as ROW
from messy import Clerk, list_projects

from qstat.examine import examine
from qstat.periods import Period
from qstat.read import read_workbook

IN_PROGRESS, COMPLETED = list_projects([ROW], date(2024, 8, 15))


def check(tmp_path, clerk: Clerk, name="叶县.xlsx"):
    path = clerk.save(tmp_path / name)
    return examine(path, path.name, Period.parse("2024Q3"), CITY)


def rules(sub, *codes) -> list[tuple[str, str | None, str | None]]:
    return [(f.rule, f.sheet, f.cell) for f in sub.findings if f.rule in codes]


def test_a_figure_with_thousands_separators_and_a_unit_is_read(tmp_path):
    """叶县 (messy.YE): 在建 12 projects, 6.0 万㎡, 3600 万元. Each 附表3 area written "5,000㎡" or
    "5,000 平方米": 12 × 5000 ㎡ = 60000 ㎡ = 6.0 万㎡ (no F3-003); 附表5 在建造价 "3,600万元" and
    its 合计 "3,600.00万元" are 3600 (no F5-001)."""
    clerk = Clerk().all_forms([ROW])
    f3 = clerk.book["附表3"]
    for r in range(5, 17):  # 附表3: header in row 4, the 12 projects in rows 5-16; 建筑面积 in E
        f3.cell(r, 5, "5,000㎡" if r % 2 else "5,000 平方米")
    f5 = clerk.book["附表5"]
    f5["J6"], f5["J7"] = "3,600万元", "3,600.00万元"  # 在建造价: the 叶县 row and 合计
    sub = check(tmp_path, clerk)
    assert rules(sub, "ST002", "F3-003", "F3-004", "F5-001", "F5-004") == []
    assert sub.statistics["F5"].in_progress.cost == 3600
    assert sub.status == "ok"


def _two_row_list(clerk: Clerk, form: int, header: list[str], rows: list[list]) -> None:
    """附表3/4 as 西华县 draws it: 建筑面积 over （平方米） and 工程造价 over （万元） in two rows, every
    other header cell merged down over both."""
    title = {3: "河南省建设工程质量监督在建工程明细表", 4: "河南省建设工程质量监督竣工工程明细表"}[form]
    clerk.book.remove(clerk.book[f"附表{form}"])
    ws = clerk.book.create_sheet(f"附表{form}")
    ws["C4"], ws["C5"], ws["C6"] = f"附表{form}", title, "填表单位（公章）：叶县住房和城乡建设局"
    for i, label in enumerate(header):
        col = 3 + i
        if label in ("建筑面积", "工程造价"):
            ws.cell(7, col, label)
            ws.cell(8, col, "（平方米）" if label == "建筑面积" else "（万元）")
        else:
            ws.cell(7, col, label)
            ws.merge_cells(start_row=7, start_column=col, end_row=8, end_column=col)
    for r, row in enumerate(rows, 9):
        for i, value in enumerate(row):
            ws.cell(r, 3 + i, value)


PROJECT_LABELS = ["序号", "工程质量监督注册号", "工程名称", "结构类型", "建筑面积", "工程造价", "施工单位"]
F3_LABELS = [*PROJECT_LABELS, "监理单位", "形象进度", "备注"]
F4_LABELS = [*PROJECT_LABELS, "监理单位", "竣工日期", "竣工验收结论", "备案日期", "备案结论"]


def test_a_header_whose_units_sit_in_a_second_row_spans_both_rows(tmp_path):
    """附表3 lists 叶县's 12 projects in progress and 附表4 its 2 completed ones under a two-row
    header; the （平方米） row is the header's, not a project: 12 and 2 rows, as 附表5 counts
    (no F3-002/F4-004), and no empty 注册号 (F3-004/F4-008) nor unreadable （平方米） (ST002)."""
    clerk = Clerk().all_forms([ROW])
    _two_row_list(clerk, 3, F3_LABELS, IN_PROGRESS)
    _two_row_list(clerk, 4, F4_LABELS, COMPLETED)
    sub = check(tmp_path, clerk)
    assert sub.row_counts == {"F1": 0, "F2": 0, "F3": 12, "F4": 2}
    assert rules(sub, "ST002", "F3-002", "F3-004", "F4-004", "F4-008") == []


_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
    'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
    'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


def _ods_cell(value="", **attrs) -> str:
    extra = "".join(f' table:{k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    if value == "":
        return f"<table:table-cell{extra}/>"
    kind = 'office:value-type="float" office:value="{0}"' if isinstance(value, (int, float)) else ""
    kind = kind.format(value) or 'office:value-type="string"'
    return f"<table:table-cell{extra} {kind}><text:p>{value}</text:p></table:table-cell>"


def _ods_row(cells: list[str], **attrs) -> str:
    extra = "".join(f' table:{k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    lead = _ods_cell(number_columns_repeated=2)  # the table starts in column C
    return f"<table:table-row{extra}>{lead}{''.join(cells)}</table:table-row>"


def test_merged_cells_of_an_ods_fill_the_rows_they_cover(tmp_path):
    """An .ods 附表3 written as LibreOffice writes it (repeated empty rows and cells, covered
    cells under a merge), its 施工单位 merged down its three projects. Rows: 1 附表3, 2 title,
    3 填表单位, 4-5 one empty row repeated twice, 6 header, 7-9 projects; the leading empty cell
    repeated twice puts 序号 in C, so 施工单位 (the 7th label) is in I: the merge is I7:I9, and
    each project has its 施工单位 (no F3-004)."""
    header = [_ods_cell(label) for label in F3_LABELS]
    projects = [
        [1, "411622-2024-001", "一号楼", "框架", 1000, 300],
        [2, "411622-2024-002", "二号楼", "框架", 2000, 500],
        [3, "411622-2024-003", "三号楼", "框架", 3000, 700],
    ]
    rows = [
        _ods_row([_ods_cell("附表3")]),
        _ods_row([_ods_cell("河南省建设工程质量监督在建工程明细表（2024年第三季度）")]),
        _ods_row([_ods_cell("填表单位（公章）：叶县住房和城乡建设局")]),
        _ods_row([_ods_cell(number_columns_repeated=5)], number_rows_repeated=2),
        _ods_row(header),
    ]
    for i, project in enumerate(projects):
        builder = (
            _ods_cell("河南省第一建筑工程有限公司", number_rows_spanned=3)
            if i == 0
            else "<table:covered-table-cell/>"
        )
        rows.append(_ods_row([*map(_ods_cell, project), builder, _ods_cell("乙监理公司"), _ods_cell("主体")]))
    path = _write_ods(tmp_path / "叶县.ods", rows)
    (sheet,) = read_workbook(path, "ods").sheets
    assert sheet.merged == [(6, 8, 8, 8)]  # I7:I9, 0-based
    sub = examine(path, path.name, Period.parse("2024Q3"), CITY)
    assert sub.row_counts["F3"] == 3
    assert rules(sub, "F3-004") == []


def _write_ods(path, rows: list[str], doctype: str = ""):
    """An .ods of one sheet 附表3 holding ``rows`` (table-row elements), content.xml led by ``doctype``."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="附表3">'
        + "".join(rows)
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", _MANIFEST)
        z.writestr("content.xml", content)
    return path


def test_an_ods_content_is_unpacked_once_within_the_size_limit_and_without_a_dtd(tmp_path, monkeypatch):
    """Reading an .ods (and rebuilding it as the returned .xlsx) unpacks its content.xml once in
    Python, merges included: A1:B1 merged (row 2 fills A and B) is (0, 0, 0, 1). A content.xml of
    2,000 cells of 10 characters (over 20 KB) is over a 0.01 MB limit (10.5 KB), and a
    content.xml with a DTD is refused."""
    from qstat.config import Limits
    from qstat.read import TooLarge, Unreadable
    from qstat.write.returns import write_marked_copy

    merged = '<table:table-row><table:table-cell table:number-columns-spanned="2" office:value-type="string">'
    merged += "<text:p>附表3</text:p></table:table-cell><table:covered-table-cell/></table:table-row>"
    filled = f"<table:table-row>{_ods_cell(1)}{_ods_cell(2)}</table:table-row>"
    path = _write_ods(tmp_path / "a.ods", [merged, filled])
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def counted(self, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", counted)
    (sheet,) = read_workbook(path, "ods").sheets
    assert sheet.merged == [(0, 0, 0, 1)] and opened.count("content.xml") == 1
    opened.clear()
    marked = write_marked_copy(path, "ods", tmp_path / "a_审核标注.xlsx", [])
    assert opened.count("content.xml") == 1
    monkeypatch.undo()
    with zipfile.ZipFile(marked) as z:
        assert b'mergeCell ref="A1:B1"' in z.read("xl/worksheets/sheet1.xml")

    big = _write_ods(tmp_path / "big.ods", [_ods_row([_ods_cell("一二三四五六七八九十")] * 2000)])
    with pytest.raises(TooLarge, match="解压后超过0.01 MB"):
        read_workbook(big, "ods", limits=Limits(max_uncompressed_mb=0.01))
    dtd = _write_ods(tmp_path / "dtd.ods", [merged], doctype='<!DOCTYPE x [<!ENTITY e "附表3">]>')
    with pytest.raises(Unreadable, match="DTD"):
        read_workbook(dtd, "ods")


@pytest.mark.parametrize("placeholder", ["/", "—", "-", "无"])
def test_a_placeholder_filing_conclusion_without_a_date_is_not_filed(tmp_path, placeholder):
    """叶县 completes 2 projects and 附表5 says 2 filed; in 附表4 the second has no 备案日期 and
    备案结论 "/" (none): 1 filed row ≠ 2, so F4-007 at 附表5 N6 (备案项数)."""
    rows = [list(r) for r in COMPLETED]
    rows[1][10], rows[1][11] = None, placeholder
    clerk = Clerk().all_forms([ROW])
    clerk.detail(4, rows)
    assert rules(check(tmp_path, clerk), "F4-007") == [("F4-007", "附表5", "N6")]


def test_a_placeholder_filing_conclusion_with_a_date_is_filed(tmp_path):
    """备案日期 given, 备案结论 "/": filed; 2 filed rows = 附表5's 2, no F4-007."""
    rows = [list(r) for r in COMPLETED]
    rows[1][11] = "/"
    clerk = Clerk().all_forms([ROW])
    clerk.detail(4, rows)
    assert rules(check(tmp_path, clerk), "F4-007") == []


def test_a_hidden_stale_sheet_no_form_is_taken_from_states_no_period(tmp_path):
    """A hidden 附表5（二季度） holding last quarter's 附表5 beside the visible 附表5 of 2024Q3: the
    forms come from the visible sheets, so its （2024年第二季度） is no IN004. Once it is the only
    附表5 it is read, and its period is IN004."""
    clerk = Clerk().all_forms([ROW], period_line="（2024年第三季度）")
    clerk.f5([ROW], sheet="附表5（二季度）", period_line="（2024年第二季度）")
    clerk.book["附表5（二季度）"].sheet_state = "hidden"
    assert rules(check(tmp_path / "a", clerk), "IN004") == []
    clerk.book.remove(clerk.book["附表5"])
    assert rules(check(tmp_path / "b", clerk), "IN004") == [("IN004", "附表5（二季度）", "A3")]


def test_a_hidden_stale_sheets_report_date_is_no_in004(tmp_path):
    """A hidden 附表5（一季度）, stating no period, 报送日期 2024年4月8日, beside the visible 附表5 of
    2024Q3 sent 2024年10月8日: the forms come from the visible sheets, so its date (before 2024Q3
    began on 07-01) is no IN004 (早于期别) and the workbook's 报送日期 is 2024-10-08. Once it is the
    only 附表5 it is read: its date is IN004."""
    clerk = Clerk().all_forms([ROW], period_line="（2024年第三季度）")
    clerk.f5([ROW], sheet="附表5（一季度）", footer="统计员：张三      报送日期：2024年4月8日")
    clerk.book["附表5（一季度）"].sheet_state = "hidden"
    sub = check(tmp_path / "a", clerk)
    assert rules(sub, "IN004") == [] and sub.report_date == date(2024, 10, 8)
    clerk.book.remove(clerk.book["附表5"])
    assert [f.message for f in check(tmp_path / "b", clerk).findings if f.rule == "IN004"] == [
        "报送日期2024-04-08早于2024年第三季度开始日期，可能是其他期别的报表"
    ]


def test_an_unreadable_required_cell_is_not_also_reported_empty(tmp_path):
    """附表3's first 建筑面积 "五千" is no number: ST002 at E5, and not F3-004 (未填写) there too."""
    clerk = Clerk().all_forms([ROW])
    clerk.book["附表3"]["E5"] = "五千"
    sub = check(tmp_path, clerk)
    assert rules(sub, "ST002", "F3-004") == [("ST002", "附表3", "E5")]
