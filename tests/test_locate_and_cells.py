"""Forms found wherever clerks put them; ST001-ST006 at the exact cell."""

import shutil

from conftest import FIXTURES, codes, one_finding
from messy import YE as ROW
from messy import Clerk

from qstat.config import Limits
from qstat.forms.f5_quarterly import SPEC as F5
from qstat.locate import locate
from qstat.parse import parse_table
from qstat.read import Sheet, read_workbook


def tables(path, fmt="xlsx"):
    return locate(read_workbook(path, fmt)).tables


def test_forms_are_found_at_any_offset_under_any_sheet_name(tmp_path):
    clerk = Clerk()
    clerk.f5([ROW], sheet="Sheet5", top=4, left=3)
    clerk.detail(
        3,
        [[1, "PDS-1", "住宅楼", "框架", 1000, 300, "甲公司", "乙监理", "主体"]],
        sheet="在建",
        top=2,
        left=2,
    )
    found = tables(clerk.save(tmp_path / "x.xlsx"))
    assert found["F5"].sheet.name == "Sheet5" and found["F5"].columns["unit"] == 2
    assert found["F5"].columns["accidents.loss"] == 23  # column X: 22 columns from C
    assert found["F3"].data_rows == [5]  # 0-based: the sixth row


def test_all_forms_stacked_on_one_sheet_are_each_found(tmp_path):
    clerk = Clerk()
    clerk.detail(
        1,
        [
            [
                "J-1",
                "住宅楼",
                "甲建筑公司",
                "张",
                "项目经理",
                "未按图施工",
                "第5条",
                "王",
                "2024.7.3",
                "李",
                "2024.7.5",
            ]
        ],
        sheet="报表",
        top=1,
    )
    clerk.detail(3, [[1, "PDS-1", "住宅楼", "框架", 1000, 300, "甲", "乙", "主体"]], sheet="报表", top=12)
    clerk.f5([ROW], sheet="报表", top=22)
    found = tables(clerk.save(tmp_path / "x.xlsx"))
    assert set(found) == {"F1", "F3", "F5"}
    assert len(found["F1"].data_rows) == 1 and len(found["F3"].data_rows) == 1
    assert len(found["F5"].data_rows) == 1 and found["F5"].total_row is not None


def test_group_headers_that_are_not_merged_still_match(tmp_path):
    clerk = Clerk()
    clerk.f5([ROW], merged=False)
    found = tables(clerk.save(tmp_path / "x.xlsx"))
    assert len(found["F5"].columns) == len(F5.printed_columns)


def test_a_sheet_without_title_is_found_by_its_header(tmp_path):
    clerk = Clerk(unit_line=None)
    ws = clerk.f5([ROW], title="")
    ws["A1"] = None  # no 附表5 label either
    found = tables(clerk.save(tmp_path / "x.xlsx"))
    assert found["F5"].spec.code == "F5" and len(found["F5"].data_rows) == 1


def test_xls_and_ods_read_like_xlsx(tmp_path):
    for name, fmt in (("郏县.xls", "xls"), ("郏县.ods", "ods")):
        found = tables(FIXTURES / name, fmt)
        assert {"F1", "F2", "F3", "F4", "F5", "F6"} <= set(found)
        assert len(found["F5"].columns) == len(F5.printed_columns)


def test_an_unrecognised_header_is_st001_naming_the_missing_columns(inbox, run):
    clerk = Clerk().all_forms([ROW])
    ws = clerk.book["附表3"]
    ws["G4"], ws["H4"] = "承建单位", "监督员"  # 施工单位 and 监理单位 renamed
    clerk.save(inbox / "叶县.xlsx")
    finding = one_finding(run(inbox), "ST001")
    assert (finding.form, finding.sheet, finding.cell) == ("F3", "附表3", "A4")  # the header row
    assert "施工单位" in finding.message and "监理单位" in finding.message


def test_a_title_with_no_usable_header_is_st001_at_the_title(inbox, run):
    clerk = Clerk().all_forms([ROW])
    ws = clerk.book["附表4"]
    for col in "ABCDEFGHIJKL":
        ws[f"{col}4"] = None
    clerk.save(inbox / "叶县.xlsx")
    [finding] = [f for f in codes(run(inbox), "ST001") if f.form == "F4"]
    assert finding.cell == "A2" and "竣工日期" in finding.message


def test_text_in_a_numeric_cell_is_st002_with_the_value_quoted(inbox, run):
    row = list(ROW)
    row[4] = "约3"  # new.count
    Clerk().all_forms([row]).save(inbox / "叶县.xlsx")
    finding = one_finding(run(inbox), "ST002")
    assert (finding.form, finding.cell, finding.value) == ("F5", "E6", "约3")
    assert "约3" in finding.message


def test_negative_and_fractional_counts_are_st003_and_st004(inbox, run):
    row = list(ROW)
    row[1], row[7] = -1, 12.5
    Clerk().all_forms([row], total=None).save(inbox / "叶县.xlsx")
    result = run(inbox)
    assert [(f.form, f.cell) for f in codes(result, "ST003")] == [("F5", "B6")]
    assert [(f.form, f.cell) for f in codes(result, "ST004")] == [("F5", "H6")]


def test_an_impossible_completion_date_is_st005(inbox, run):
    clerk = Clerk().all_forms([ROW])
    clerk.detail(
        4,
        [
            [
                1,
                "PDS-9",
                "办公楼",
                "框架",
                5000,
                900,
                "甲",
                "乙",
                "2024.9.31",
                "合格",
                "2024-10-05",
                "同意备案",
            ]
        ],
    )
    clerk.save(inbox / "叶县.xlsx")
    finding = one_finding(run(inbox), "ST005")
    assert (finding.form, finding.cell, finding.value) == ("F4", "I5", "2024.9.31")


def test_values_needing_normalisation_are_st006_and_read_right(inbox, run):
    row = list(ROW)
    row[1], row[3], row[19] = "１０", "3,000", "—"
    Clerk().all_forms([row], total=None).save(inbox / "叶县.xlsx")
    result = run(inbox)
    assert {f.cell for f in codes(result, "ST006")} == {"B6", "D6", "T6"}
    assert result.total.carried_over.count == 10 and result.total.carried_over.cost == 3000


def test_area_in_square_metres_under_a_wan_header_is_converted(inbox, run):
    clerk = Clerk().all_forms([ROW])
    clerk.detail(3, [[1, "PDS-1", "住宅楼", "框架", 1.25, 300, "甲", "乙", "主体"]])
    clerk.book["附表3"]["E4"] = "建筑面积（万㎡）"
    clerk.save(inbox / "叶县.xlsx")
    result = run(inbox)
    finding = one_finding(result, "ST006")
    assert (finding.form, finding.cell) == ("F3", "E4")
    sub = result.submissions[0]
    assert sub.row_counts["F3"] == 1


def test_copied_formula_cells_from_xls_and_ods_carry_their_values(inbox, run):
    shutil.copy(FIXTURES / "郏县.xls", inbox)
    result = run(inbox)
    assert result.statistics["郏县"].carried_over.area == 10.0
    assert result.submissions[0].status == "ok"


def test_the_score_sheet_is_located_for_the_score_work(tmp_path):
    clerk = Clerk().all_forms([ROW])
    clerk.sheet("自评")["B2"] = "河南省保障性安居工程质量监督工作考核评分表"
    path = clerk.save(tmp_path / "叶县.xlsx")
    assert locate(read_workbook(path, "xlsx")).score_sheets == ["自评"]


def test_a_column_read_at_once_finds_the_merges_a_cell_lookup_finds():
    """Sheet.merges_down (a column's merged cells, for reading a column at once) gives, row by
    row, the range merge_at gives for each cell: overlapping ranges (a damaged file) included,
    where the first range listed wins. Grid 6 x 4; B2:B4 and A3:C3 overlap at B3 (B2:B4 first),
    D1:D6 runs down the last column, A6 is no merge."""
    grid = [[""] * 4 for _ in range(6)]
    sheet = Sheet("附表3", grid, [(1, 1, 3, 1), (2, 0, 2, 2), (0, 3, 5, 3)])
    for c in range(4):
        down = sheet.merges_down(c)
        for r in range(6):
            assert down.get(r) == sheet.merge_at(r, c)
    assert sheet.merges_down(1) == {1: (1, 1, 3, 1), 2: (1, 1, 3, 1), 3: (1, 1, 3, 1)}
    assert sheet.merges_down(0) == {2: (2, 0, 2, 2)}


def test_a_list_column_of_plain_figures_still_notes_its_one_doubtful_cell(tmp_path):
    """附表3 on rows 5-7 (附表3, title, 填表单位 line, header above). Its figures are read a
    column at a time: the one negative 面积 (E6: -5) is ST003 and read as -5, the one 造价
    beyond the 1e9 limit (F7: 2e9) is ST002 and read as empty; the other cells as written,
    序号 (a number in a text column) as text."""
    clerk = Clerk()
    clerk.detail(
        3,
        [
            [1, "PDS-1", "住宅楼", "框架", 1000, 300, "甲", "乙", "主体"],
            [2, "PDS-2", "住宅楼", "框架", -5, 300.5, "甲", "乙", "主体"],
            [3, "PDS-3", "办公楼", "框架", 2000.5, 2e9, "甲", "乙", "主体"],
        ],
    )
    table = tables(clerk.save(tmp_path / "x.xlsx"))["F3"]
    parsed, findings = parse_table(table, Limits())
    assert [(f.rule, f.cell) for f in findings] == [("ST003", "E6"), ("ST002", "F7")]
    assert [p.area_m2 for p in parsed.records] == [1000.0, -5.0, 2000.5]
    assert [p.cost for p in parsed.records] == [300.0, 300.5, None]
    assert [p.reg_no for p in parsed.records] == ["PDS-1", "PDS-2", "PDS-3"]
