"""Totals against hand-computed figures; rates recomputed; the city → province round trip."""

import json
import shutil
import sqlite3

import pytest
from conftest import CITY, codes, one_finding
from messy import YE, Clerk, city_inbox, f5_row

from qstat import Config, consolidate
from qstat.history import figures


def test_totals_are_sums_and_rates_are_recomputed_from_sums(inbox, run):
    total = run(city_inbox(inbox)).total
    assert (total.carried_over.count, total.carried_over.area, total.carried_over.cost) == (
        23,
        pytest.approx(11.6),
        6400,
    )
    assert (total.new.count, total.new.area, total.new.cost) == (7, pytest.approx(3.2), 2000)
    assert (total.in_progress.count, total.in_progress.area) == (23, pytest.approx(11.8))
    assert (total.completed.count, total.completed.cost) == (7, 1800)
    assert (total.filed.count, total.filed.area, total.filed.cost) == (6, 2.5, 1600)
    assert total.filing_rate.count == pytest.approx(600 / 7)  # 85.7, not the mean of 100 and 80
    assert total.filing_rate.area == pytest.approx(250 / 3)  # 83.3
    assert total.satisfaction_rate == pytest.approx((95 * 2 + 90 * 4) / 6)  # 91.7, by filed
    assert (total.accidents.count, total.accidents.deaths, total.accidents.loss) == (1, 1, 35.5)


def test_summary_json_follows_the_contract(inbox, run):
    result = run(city_inbox(inbox))
    summary = json.loads(result.outputs["summary"].read_text(encoding="utf-8"))
    assert summary["period"] == "2024Q3" and summary["office"] == "平顶山市"
    f5 = summary["totals"]["F5"]
    assert f5["filing_rate"] == {"count": 85.7, "area": 83.3}
    assert f5["satisfaction_rate"] == 91.7
    assert f5["carried_over"] == {"count": 23, "area": 11.6, "cost": 6400.0}
    assert summary["totals"]["F3"] == {"rows": 12 + 6 + 5}
    residential = summary["totals"]["F6"]["residential"]
    assert residential["new"] == {"count": 1, "area": 0.4, "cost": 100.0}
    assert residential["in_progress"] == {"count": 7, "area": 3.5, "cost": 1700.0}
    assert residential["filed"]["count"] == 1 and residential["filing_rate"] == 50.0
    assert summary["missing_units"] == [u for u in CITY.units if u not in ("叶县", "舞钢市", "湛河区")]
    sub = summary["submissions"][0]
    assert set(sub) == {"file", "unit", "status", "included", "errors", "warnings", "explained"}
    finding = summary["findings"][0]
    assert set(finding) >= {"file", "unit", "form", "sheet", "cell", "rule", "severity", "message"}


def test_a_rate_with_nothing_completed_is_null_not_zero(inbox, run):
    result = run(city_inbox(inbox))
    assert result.statistics["湛河区"].filing_rate.count is None
    summary = result.summary()
    assert summary["totals"]["F6"]["steel"]["filing_rate"] is None


def test_strict_leaves_submissions_with_errors_out_of_the_totals(inbox, run):
    city_inbox(inbox)
    bad = list(YE)
    bad[1] = "十"
    Clerk("填表单位：宝丰县").all_forms([bad]).save(inbox / "宝丰县.xlsx")
    lenient, strict = run(inbox), run(inbox, strict=True)
    assert lenient.total.in_progress.count == 35 and strict.total.in_progress.count == 23
    flags = {s.unit: s.included for s in strict.submissions}
    assert flags["宝丰县"] is False and flags["叶县"] is True


def test_the_city_output_is_a_valid_submission_with_the_same_totals(inbox, run, tmp_path):
    city = run(city_inbox(inbox))
    province_inbox = tmp_path / "province"
    province_inbox.mkdir()
    shutil.copy(city.outputs["forms"], province_inbox / "平顶山市.xlsx")
    province = consolidate(
        province_inbox,
        "2024Q3",
        Config(name="河南省", level="province", units=["平顶山市", "许昌市"]),
        out=tmp_path / "province_out",
        db=None,
        workers=1,
    )
    [sub] = [s for s in province.submissions if s.unit == "平顶山市"]
    assert sub.status == "ok", [f.message for f in sub.findings]
    assert province.total == city.total.__class__(**{**vars(city.total), "unit": "合计"})
    assert sub.row_counts == {"F1": 0, "F2": 0, "F3": 12 + 6 + 5, "F4": 2 + 5}
    assert province.categories == city.categories


def test_history_records_each_unit_and_rerunning_replaces_the_period(inbox, run, tmp_path):
    city_inbox(inbox)
    run(inbox)
    run(inbox)
    db = tmp_path / "history.sqlite"
    in_progress = {
        u: figures(db, "2024Q3", u)["in_progress.count"] for u in ("叶县", "舞钢市", "湛河区", "合计")
    }
    assert in_progress == {"叶县": 12, "舞钢市": 6, "湛河区": 5, "合计": 23}
    assert figures(db, "2024Q3", "舞钢市", "F6")["residential.new.count"] == 1
    con = sqlite3.connect(db)
    assert (
        con.execute("SELECT COUNT(*) FROM figures WHERE period='2024Q3' AND form IN ('F5', 'F6')").fetchone()[
            0
        ]
        == 3 * 21 + 21 + 4 * 6 * 13
    )
    subs = con.execute("SELECT file, sha256 FROM submissions WHERE period='2024Q3'").fetchall()
    assert len(subs) == 3 and all(len(sha) == 64 for _, sha in subs)


def test_annual_period_consolidates_form_7(inbox, run):
    clerk = Clerk("填表单位：叶县")
    clerk.f7([YE])
    clerk.f6({})
    clerk.save(inbox / "叶县.xlsx")
    result = run(inbox, period="2024")
    assert result.statistics_form == "F7"
    assert result.total.in_progress.count == 12 and not codes(result, "IN006")
    assert "F7" in result.summary()["totals"]


def test_the_job_runs_in_parallel_workers_with_the_same_result(inbox, run):
    city_inbox(inbox)
    assert run(inbox, workers=2).total == run(inbox, workers=1).total


def test_a_total_row_that_does_not_add_up_is_f5_001_and_the_rows_are_used(inbox, run):
    rows = [f5_row("叶县城区", (6, 3.0, 2000)), f5_row("叶县乡镇", (4, 2.0, 1000))]
    total = f5_row("合计", (11, 5.0, 3000))
    Clerk("填表单位：叶县").all_forms(rows, total=total).save(inbox / "叶县.xlsx")
    result = run(inbox)
    finding = one_finding(result, "F5-001")
    assert (finding.form, finding.sheet, finding.cell, finding.value) == ("F5", "附表5", "B8", "11")
    assert "各行之和为10" in finding.message
    assert result.total.carried_over.count == 10


def test_a_stated_filing_rate_off_by_more_than_a_tenth_is_f5_002(inbox, run):
    row = f5_row("叶县", completed=(3, 1.5, 900), filed=(2, 1.0, 600), rate=(66.7, 60))
    Clerk("填表单位：叶县").all_forms([row], total=None).save(inbox / "叶县.xlsx")
    finding = one_finding(run(inbox), "F5-002")  # 66.7 is within 0.1 of 66.67; 60 is not
    assert (finding.form, finding.cell) == ("F5", "R6")
    assert "应为66.7%" in finding.message


def test_annual_form_7_totals_and_rates_are_checked_too(inbox, run):
    rows = [f5_row("叶县", completed=(4, 2.0, 800), filed=(2, 1.0, 400), rate=(80, 50))]
    clerk = Clerk("填表单位：叶县")
    clerk.f5(
        rows,
        sheet="年报",
        title="河南省建设工程质量监督年度统计表",
        total=f5_row("合计", completed=(5, 2.0, 800), filed=(2, 1.0, 400), rate=(50, 50)),
    )
    clerk.f6({})
    clerk.save(inbox / "叶县.xlsx")
    result = run(inbox, period="2024")
    assert [f.cell for f in codes(result, "F7-001")] == ["K7"]
    assert [f.cell for f in codes(result, "F7-002")] == ["Q6", "Q7"]
