"""Every file of the inbox is accounted for; IN001-IN008 at the right place."""

import os
import shutil

from conftest import FIXTURES, codes, one_finding
from messy import YE as ROW
from messy import Clerk, f5_row


def status(result, file):
    return next(s for s in result.submissions if s.file == file)


def test_lock_hidden_and_non_spreadsheet_files_are_ignored_with_in002(inbox, run):
    Clerk().all_forms([ROW]).save(inbox / "叶县.xlsx")
    (inbox / "~$叶县.xlsx").write_bytes(b"\x00lock")
    (inbox / ".~lock.叶县.xlsx#").write_text("lock")
    (inbox / ".DS_Store").write_bytes(b"\x00")
    (inbox / "情况说明.txt").write_text("本季度无事故", encoding="utf-8")
    result = run(inbox)
    ignored = {f.file for f in codes(result, "IN002")}
    assert ignored == {"~$叶县.xlsx", ".~lock.叶县.xlsx#", ".DS_Store", "情况说明.txt"}
    assert all(status(result, f).status == "ignored" for f in ignored)
    assert status(result, "叶县.xlsx").status == "ok"


def test_corrupt_truncated_and_encrypted_files_are_unreadable_and_the_run_goes_on(inbox, run):
    good = Clerk().all_forms([ROW]).save(inbox / "叶县.xlsx")
    (inbox / "舞钢市.xlsx").write_bytes(good.read_bytes()[:2000])  # truncated download
    (inbox / "湛河区.xls").write_text("<html>not really excel</html>")
    shutil.copy(FIXTURES / "加密.xlsx", inbox / "鲁山县.xlsx")
    result = run(inbox)
    unreadable = {f.file: f.message for f in codes(result, "IN001")}
    assert set(unreadable) == {"舞钢市.xlsx", "湛河区.xls", "鲁山县.xlsx"}
    assert "加密" in unreadable["鲁山县.xlsx"]
    assert all(status(result, f).status == "unreadable" for f in unreadable)
    assert result.total.in_progress.count == 12  # 叶县 still consolidated
    assert result.exit_code == 1


def test_format_is_detected_from_content_not_extension(inbox, run):
    shutil.copy(FIXTURES / "郏县.xls", inbox / "郏县.xlsx")  # an .xls saved with the wrong name
    shutil.copy(FIXTURES / "郏县.ods", inbox / "郏县报表")  # no extension at all
    result = run(inbox)
    assert {s.format for s in result.submissions} == {"xls", "ods"}
    assert not codes(result, "IN001")


def test_unit_comes_from_the_unit_line_then_the_file_name(inbox, run):
    Clerk("填表单位（公章）：平顶山市新华区住房和城乡建设局").all_forms([f5_row("", (1, 1, 1))]).save(
        inbox / "季报2024Q3.xlsx"
    )
    Clerk(unit_line=None).all_forms([f5_row("", (2, 1, 1))]).save(inbox / "宝丰县报表.xlsx")
    Clerk("填表单位：某某局").all_forms([f5_row("", (3, 1, 1))]).save(inbox / "季报.xlsx")
    result = run(inbox)
    assert status(result, "季报2024Q3.xlsx").unit == "新华区"  # through the alias
    assert status(result, "宝丰县报表.xlsx").unit == "宝丰县"
    in003 = one_finding(result, "IN003")
    assert (in003.file, in003.value, in003.sheet, in003.cell) == ("季报.xlsx", "某某局", "附表1", "A4")
    assert status(result, "季报.xlsx").status == "errors"
    assert not status(result, "季报.xlsx").included


def test_a_workbook_of_another_quarter_gets_in004_at_the_title(inbox, run):
    Clerk().all_forms([ROW], period_line="2024年第二季度").save(inbox / "叶县.xlsx")
    finding = one_finding(run(inbox), "IN004")
    assert (finding.sheet, finding.cell) == ("附表5", "A3")
    assert "2024年第二季度" in finding.message


def test_a_report_date_before_the_quarter_began_gets_in004(inbox, run):
    Clerk().all_forms([ROW], footer="统计员：张三  批准人：李四  报送日期：2024年6月28日").save(
        inbox / "叶县.xlsx"
    )
    finding = one_finding(run(inbox), "IN004")
    assert "2024-06-28" in finding.message


def test_a_report_date_after_the_quarter_is_normal(inbox, run):
    Clerk().all_forms([ROW], period_line="2024年第三季度").save(inbox / "叶县.xlsx")
    assert not codes(run(inbox), "IN004")


def test_resubmission_newest_by_report_date_wins(inbox, run):
    Clerk().all_forms([ROW], footer="报送日期：2024年10月12日").save(inbox / "叶县.xlsx")
    newer = f5_row("叶县", (10, 5.0, 3000), (4, 2.0, 1200), (11, 6.0, 3600))
    Clerk().all_forms([newer], footer="报送日期：2024年10月8日").save(inbox / "叶县_v2.xlsx")
    result = run(inbox)
    assert status(result, "叶县.xlsx").included
    assert status(result, "叶县_v2.xlsx").status == "superseded"
    chosen = [f for f in codes(result, "IN005") if f.file == "叶县.xlsx"][0]
    assert "2024-10-12晚于2024-10-08" in chosen.message
    assert result.total.in_progress.count == 12


def test_resubmission_without_dates_goes_by_version_mark_then_mtime(inbox, run):
    for name in ("叶县.xlsx", "叶县(修改).xlsx"):
        Clerk().all_forms([ROW], footer=None).save(inbox / name)
    os.utime(inbox / "叶县(修改).xlsx", (1, 1))  # older on disk, but marked as the correction
    Clerk("填表单位：宝丰县").all_forms([ROW], footer=None).save(inbox / "宝丰县a.xlsx")
    Clerk("填表单位：宝丰县").all_forms([ROW], footer=None).save(inbox / "宝丰县b.xlsx")
    os.utime(inbox / "宝丰县a.xlsx", (2_000_000_000, 2_000_000_000))
    result = run(inbox)
    assert status(result, "叶县.xlsx").status == "superseded"
    assert status(result, "叶县(修改).xlsx").included
    assert status(result, "宝丰县b.xlsx").status == "superseded"
    why = [f.message for f in codes(result, "IN005") if f.file == "宝丰县a.xlsx"][0]
    assert "修改时间" in why


def test_a_missing_form_is_in006(inbox, run):
    clerk = Clerk()
    for n in (1, 2, 3):
        clerk.detail(n, [])
    clerk.f5([ROW])
    clerk.save(inbox / "叶县.xlsx")
    missing = {f.form for f in codes(run(inbox), "IN006")}
    assert missing == {"F4", "F6"}


def test_formula_without_cached_value_is_recomputed_not_read_as_zero(inbox, run):
    clerk = Clerk().all_forms(
        [f5_row("叶县", (10, 5.0, 3000), (4, 2.0, 1200), (0, 0, 0), (2, 1.0, 600), (2, 1.0, 600))], total=None
    )
    ws = clerk.book["附表5"]
    ws["H6"], ws["I6"] = "=B6+E6-K6", "=ROUND(C6+F6-L6,2)"
    ws["A7"], ws["B7"] = "合计", "=SUM(B6:B6)"
    clerk.save(inbox / "叶县.xlsx")  # openpyxl stores formulas without results
    result = run(inbox)
    in007 = one_finding(result, "IN007")  # one finding for the sheet, listing its three cells
    assert in007.message.startswith("3个公式没有保存计算结果，已重新计算（")
    assert set(in007.message.split("（")[1].rstrip("）").split("、")) == {"H6", "I6", "B7"}
    assert in007.severity == "warning" and (in007.form, in007.sheet) == ("F5", "附表5")
    assert result.total.in_progress.count == 12 and result.total.in_progress.area == 6.0


def test_formula_that_cannot_be_evaluated_is_an_in007_error(inbox, run):
    clerk = Clerk().all_forms([ROW])
    clerk.book["附表5"]["H6"] = "=B6/0"
    clerk.save(inbox / "叶县.xlsx")
    finding = one_finding(run(inbox), "IN007")
    assert (finding.severity, finding.cell) == ("error", "H6")


def test_formulas_with_cached_values_need_no_recomputation(inbox, run):
    shutil.copy(FIXTURES / "汝州市_公式.xlsx", inbox)
    result = run(inbox)
    assert not codes(result, "IN007")
    assert result.statistics["汝州市"].in_progress.count == 22


def test_units_that_sent_nothing_are_in008_and_listed_missing(inbox, run):
    Clerk().all_forms([ROW]).save(inbox / "叶县.xlsx")
    result = run(inbox)
    assert result.missing_units[:2] == ["舞钢市", "湛河区"] and len(result.missing_units) == 11
    assert {f.unit for f in codes(result, "IN008")} == set(result.missing_units)
    assert all(f.severity == "warning" for f in codes(result, "IN008"))


def test_a_unit_whose_only_file_is_unreadable_sent_and_is_no_in008(inbox, run):
    """舞钢市 sent a file that cannot be read: it is not in the totals (missing_units) but it did
    send, so IN001 says why and no IN008 says it sent nothing."""
    Clerk().all_forms([ROW]).save(inbox / "叶县.xlsx")
    (inbox / "舞钢市.xlsx").write_bytes(b"PK\x03\x04 truncated")
    result = run(inbox)
    assert "舞钢市" in result.missing_units
    assert "舞钢市" not in {f.unit for f in codes(result, "IN008")}
    assert "舞钢市" in {f.unit for f in codes(result, "IN001")}
