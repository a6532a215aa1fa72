"""Each rule of the catalogue, triggered by a workbook made the way a clerk makes it.

The base workbook is coherent: 附表5 (叶县: 接转10 + 新注册4 − 竣工2 = 在建12), with 附表3/4
listing exactly the projects it counts. Each test breaks one thing and asserts the code, the
severity and the cell.
"""

from datetime import date

import pytest
from conftest import CITY
from messy import YE as ROW
from messy import Clerk, f5_row, list_projects

from qstat import consolidate
from qstat.examine import examine
from qstat.periods import Period

IN_PROGRESS, COMPLETED = list_projects([ROW], date(2024, 8, 15))
F7_GROUPS = dict(
    title="河南省建设工程质量监督年度统计表",
    rate_group="本年度质量备案率（%）",
    groups=[
        "上年度接转工程",
        "本年度新注册工程",
        "截止到年底在建\n工程",
        "截止到年底竣工\n工程",
        "本年度备案工程",
    ],
)


def check(tmp_path, clerk: Clerk, period="2024Q3", db=None):
    path = clerk.save(tmp_path / "叶县.xlsx")
    return examine(path, path.name, Period.parse(period), CITY, db=db)


def found(sub, rule: str) -> list[tuple[str, str | None, str | None]]:
    """(severity, sheet, cell) of each finding of one rule."""
    return [(f.severity, f.sheet, f.cell) for f in sub.findings if f.rule == rule]


def row(**changes) -> list:
    """ROW with some of its figures replaced, by f5_row's argument names."""
    values = dict(
        carried=(10, 5.0, 3000),
        new=(4, 2.0, 1200),
        in_progress=(12, 6.0, 3600),
        completed=(2, 1.0, 600),
        filed=(2, 1.0, 600),
        rate=("100%", "100%"),
        satisfaction="95%",
    )
    return f5_row("叶县", **{**values, **changes})


def test_a_coherent_workbook_has_no_findings(tmp_path):
    sub = check(tmp_path, Clerk().all_forms([ROW]))
    assert sub.findings == () and sub.status == "ok"


# 附表5 -------------------------------------------------------------------------------------


def test_satisfaction_above_100_is_f5_003(tmp_path):
    sub = check(tmp_path, Clerk().all_forms([row(satisfaction=105)]))
    assert found(sub, "F5-003") == [("error", "附表5", "S6")]


def test_broken_stock_flow_is_a_f5_004_warning_per_measure(tmp_path):
    sub = check(tmp_path, Clerk().all_forms([row(in_progress=(13, 6.0, 3700))]))
    assert found(sub, "F5-004") == [("warning", "附表5", "H6"), ("warning", "附表5", "J6")]
    assert "按上季度接转10＋本季度新注册4－本季度竣工2应为12" in sub.findings[0].message


def test_more_filed_than_completed_is_f5_005(tmp_path):
    sub = check(tmp_path, Clerk().all_forms([row(filed=(3, 1.2, 700), rate=("", ""))]))
    assert found(sub, "F5-005") == [("warning", "附表5", "N6")]


def test_deaths_without_an_accident_are_f5_007(tmp_path):
    clerk = Clerk().all_forms(
        [
            f5_row(
                "叶县",
                (10, 5.0, 3000),
                (4, 2.0, 1200),
                (12, 6.0, 3600),
                (2, 1.0, 600),
                (2, 1.0, 600),
                accidents=(0, 1, 20),
            )
        ]
    )
    assert found(check(tmp_path, clerk), "F5-007") == [("error", "附表5", "U6"), ("error", "附表5", "V6")]


def test_area_without_projects_is_f5_008(tmp_path):
    clerk = Clerk().all_forms([row(filed=(0, 0.5, 300), rate=("", ""))])
    assert ("warning", "附表5", "N6") in found(check(tmp_path, clerk), "F5-008")


def test_projects_without_area_are_f5_008_too(tmp_path):
    clerk = Clerk().all_forms([row(filed=(2, 0, 600), rate=("100%", ""))])
    assert found(check(tmp_path, clerk), "F5-008") == [("warning", "附表5", "O6")]


# 附表6 -------------------------------------------------------------------------------------


def f6_values(new=(0, 0, 0), completed=(0, 0, 0), filed=(0, 0, 0), rate="", in_progress=(0, 0, 0)):
    return [*new, *completed, *filed, rate, *in_progress]


def test_more_large_public_than_public_buildings_is_f6_001(tmp_path):
    clerk = Clerk().all_forms([ROW])
    clerk.f6(
        {
            "公共建筑工程": f6_values(new=(1, 2.5, 300)),
            "大型公共建筑工程（2万平方米以上）": f6_values(new=(2, 5.0, 600)),
        }
    )
    assert found(check(tmp_path, clerk), "F6-001") == [("error", "附表6", "B9")]


def test_large_public_buildings_below_2_wan_m2_each_are_f6_002(tmp_path):
    clerk = Clerk().all_forms([ROW])
    clerk.f6(
        {
            "公共建筑工程": f6_values(new=(1, 0.5, 300)),
            "大型公共建筑工程（2万平方米以上）": f6_values(new=(1, 0.5, 300)),
        }
    )
    assert found(check(tmp_path, clerk), "F6-002") == [("error", "附表6", "C9")]


def test_a_wrong_category_filing_rate_is_f6_003(tmp_path):
    clerk = Clerk().all_forms([ROW])
    clerk.f6({"住宅工程": f6_values(completed=(2, 1.0, 600), filed=(1, 0.5, 300), rate=100)})
    sub = check(tmp_path, clerk)
    assert found(sub, "F6-003") == [("error", "附表6", "K6")]
    assert "应为50.0%" in sub.findings[0].message


def test_a_category_above_the_form_5_total_is_f6_004(tmp_path):
    clerk = Clerk().all_forms([ROW])
    clerk.f6({"住宅工程": f6_values(new=(9, 1.0, 300))})
    assert found(check(tmp_path, clerk), "F6-004") == [("error", "附表6", "B6")]


# 附表3 / 附表4 -----------------------------------------------------------------------------


def test_a_repeated_registration_number_is_f3_001(tmp_path):
    rows = [list(r) for r in IN_PROGRESS]
    rows[3][1] = " " + rows[0][1].replace("-", "－")  # the same number, typed differently
    clerk = Clerk().all_forms([ROW])
    clerk.detail(3, rows)
    assert found(check(tmp_path, clerk), "F3-001") == [("error", "附表3", "B8")]


def test_fewer_listed_than_counted_in_progress_is_f3_002_and_f3_003(tmp_path):
    clerk = Clerk().all_forms([ROW])
    clerk.detail(3, IN_PROGRESS[:-1])
    sub = check(tmp_path, clerk)
    assert found(sub, "F3-002") == [("error", "附表5", "H6")]
    assert found(sub, "F3-003") == [("warning", "附表5", "I6")]


def test_an_empty_required_field_is_f3_004(tmp_path):
    rows = [list(r) for r in IN_PROGRESS]
    rows[0][6] = ""  # 施工单位
    clerk = Clerk().all_forms([ROW])
    clerk.detail(3, rows)
    assert found(check(tmp_path, clerk), "F3-004") == [("error", "附表3", "G5")]


def test_completed_list_rules_f4_001_to_f4_008(tmp_path):
    rows = [list(r) for r in COMPLETED]
    rows[1][1] = rows[0][1]  # F4-001 repeated 注册号
    rows[0][8] = date(2024, 6, 30)  # F4-002 completed last quarter
    rows[1][10] = date(2024, 8, 1)  # F4-003 filed before its completion (8-15)
    rows[1][9] = "整改中"  # F4-006 filed although not accepted
    rows[0][7] = None  # 监理单位 may be empty
    rows[0][2] = ""  # F4-008 工程名称 empty
    clerk = Clerk().all_forms([ROW])
    clerk.detail(
        4,
        rows
        + [
            [
                3,
                IN_PROGRESS[0][1],
                "在建工程1号楼",
                "框架",
                5000,
                300,
                "甲",
                "乙",
                date(2024, 9, 1),
                "合格",
                None,
                None,
            ]
        ],
    )
    sub = check(tmp_path, clerk)
    assert found(sub, "F4-001") == [("error", "附表4", "B6")]
    assert found(sub, "F4-002") == [("error", "附表4", "I5")]
    assert found(sub, "F4-003") == [("error", "附表4", "K6")]
    assert found(sub, "F4-004") == [("error", "附表5", "K6")]  # 3 listed, 2 counted
    assert found(sub, "F4-005") == [("error", "附表4", "B7")]  # also in 附表3
    assert found(sub, "F4-006") == [("warning", "附表4", "J6")]
    assert found(sub, "F4-008") == [("error", "附表4", "C5")]


@pytest.mark.parametrize(
    ("verdict", "warned"),
    [
        ("验收合格", False),
        ("合格。", False),
        ("不合格，整改后合格", True),
        ("不合格", True),
        ("待验收", True),
    ],
)
def test_a_conclusion_is_accepted_when_it_says_he_ge_and_not_bu_he_ge(tmp_path, verdict, warned):
    """附表4's second project (filed) concluded ``verdict``: F4-006 at J6 unless it says 合格 and
    not 不合格 (CompletedProject.accepted; the report's 竣工验收合格率 and the template judge alike)."""
    rows = [list(r) for r in COMPLETED]
    rows[1][9] = verdict
    clerk = Clerk().all_forms([ROW])
    clerk.detail(4, rows)
    assert found(check(tmp_path, clerk), "F4-006") == ([("warning", "附表4", "J6")] if warned else [])


def test_filed_projects_of_the_list_against_the_filed_count_is_f4_007(tmp_path):
    rows = [list(r) for r in COMPLETED]
    rows[1][10], rows[1][11] = None, None  # only one of the two is filed in the list
    clerk = Clerk().all_forms([ROW])
    clerk.detail(4, rows)
    assert found(check(tmp_path, clerk), "F4-007") == [("warning", "附表5", "N6")]


def test_a_filing_conclusion_that_says_not_yet_is_not_a_filed_row(tmp_path):
    """备案结论 "未备案" or "资料整理中" with no 备案日期 is a project still to file: the list holds one
    filed row, as 附表5 would if it said 1, so with 附表5's 2 filed it is F4-007 as above."""
    rows = [list(r) for r in COMPLETED]
    rows[1][10], rows[1][11] = None, "资料整理中"
    clerk = Clerk().all_forms([ROW])
    clerk.detail(4, rows)
    assert found(check(tmp_path, clerk), "F4-007") == [("warning", "附表5", "N6")]


def test_bad_behaviour_and_penalty_list_rules(tmp_path):
    clerk = Clerk().all_forms([ROW])
    clerk.detail(
        1,
        [
            [
                "J-1",
                "住宅楼",
                "甲建筑公司",
                "张三",
                "项目经理",
                "未按图施工",
                "第5条",
                "王",
                "2024.8.1",
                "李",
                "2024.7.30",
            ],  # F1-002 approved before recorded
            [
                "J-1",
                "办公楼",
                "乙监理公司",
                "赵四",
                "总监",
                "旁站缺失",
                "第7条",
                "王",
                "2024.6.1",
                "李",
                "2024.6.2",
            ],  # F1-004 repeated number, F1-003 recorded last quarter
            ["J-3", "", "丙公司", "钱五", "", "资料不全", "第9条", "王", "2024.8.3", "李", "2024.8.4"],
        ],
    )
    clerk.detail(
        2,
        [
            [
                "C-1",
                "住宅楼",
                "甲建筑公司",
                "2024.10.9",
                "偷工减料",
                "条例第64条",
                "罚款10万元",
                "已执行",
                "结案",
            ],
            ["C-1", "住宅楼", "甲建筑公司", "2024.8.9", "", "条例第64条", "罚款5万元", "已执行", "结案"],
        ],
    )
    sub = check(tmp_path, clerk)
    assert found(sub, "F1-001") == [("error", "附表1", "B9")]
    assert found(sub, "F1-002") == [("error", "附表1", "K7")]
    assert found(sub, "F1-003") == [("warning", "附表1", "I8")]
    assert found(sub, "F1-004") == [("error", "附表1", "A8")]
    assert found(sub, "F2-001") == [("error", "附表2", "E6")]
    assert found(sub, "F2-002") == [("warning", "附表2", "D5")]
    assert found(sub, "F2-003") == [("error", "附表2", "A6")]


# Across periods -----------------------------------------------------------------------------


def history_of(tmp_path, *quarters: tuple[str, list]):
    """A history database holding 叶县's 附表5 (or 附表7) of each given period."""
    db = tmp_path / "history.sqlite"
    for period, rows in quarters:
        inbox = tmp_path / f"inbox-{period}"
        clerk = Clerk("填表单位：叶县")
        if Period.parse(period).is_annual:
            clerk.f5(rows, sheet="附表7", **F7_GROUPS)
            clerk.f6({})
        else:
            end = Period.parse(period).end
            clerk.all_forms(rows, completed_on=end, footer=f"报送日期：{end:%Y年%m月%d日}")
        clerk.save(inbox / "叶县.xlsx")
        consolidate(inbox, period, CITY, out=tmp_path / f"out-{period}", db=db, workers=1)
    return db


def test_carried_over_against_last_quarters_in_progress_is_f5_006(tmp_path):
    db = history_of(
        tmp_path, ("2024Q2", [f5_row("叶县", (8, 4.0, 2500), (4, 1.5, 1000), (11, 5.0, 2900), (1, 0.5, 600))])
    )
    sub = check(tmp_path, Clerk().all_forms([ROW]), db=db)
    assert found(sub, "F5-006") == [("error", "附表5", "B6"), ("error", "附表5", "D6")]
    assert "与2024年第二季度报送的在建工程项数11不符" in sub.findings[0].message


def test_carried_over_that_agrees_with_history_gives_nothing(tmp_path):
    db = history_of(
        tmp_path, ("2024Q2", [f5_row("叶县", (8, 4.0, 2500), (4, 1.5, 800), (10, 5.0, 3000), (2, 0.5, 300))])
    )
    assert check(tmp_path, Clerk().all_forms([ROW]), db=db).findings == ()


def test_the_first_quarter_is_carried_over_from_last_years_fourth(tmp_path):
    db = history_of(
        tmp_path, ("2023Q4", [f5_row("叶县", (9, 4.0, 2500), (2, 1.5, 800), (11, 5.0, 3000), (0, 0.5, 300))])
    )
    clerk = Clerk().all_forms([ROW], completed_on=date(2024, 2, 15), footer="报送日期：2024年4月8日")
    sub = check(tmp_path, clerk, period="2024Q1", db=db)
    assert found(sub, "F5-006") == [("error", "附表5", "B6")]
    assert "2023年第四季度" in sub.findings[0].message


def test_missing_history_skips_the_check_with_an_hs001_note(tmp_path):
    sub = check(tmp_path, Clerk().all_forms([ROW]), db=tmp_path / "empty.sqlite")
    assert found(sub, "HS001") == [("info", "附表5", None)]
    assert sub.status == "ok" and not (tmp_path / "empty.sqlite").exists()


QUARTERS = [  # 叶县's four quarters of 2023: 新注册 1+2+3+4 = 10, 竣工 1+1+1+1 = 4
    ("2023Q1", [f5_row("叶县", (6, 3.0, 1000), (1, 0.5, 100), (6, 3.0, 1000), (1, 0.5, 100))]),
    ("2023Q2", [f5_row("叶县", (6, 3.0, 1000), (2, 1.0, 200), (7, 3.5, 1100), (1, 0.5, 100))]),
    ("2023Q3", [f5_row("叶县", (7, 3.5, 1100), (3, 1.5, 300), (9, 4.5, 1300), (1, 0.5, 100))]),
    ("2023Q4", [f5_row("叶县", (9, 4.5, 1300), (4, 2.0, 400), (12, 6.0, 1600), (1, 0.5, 100))]),
]


def annual(tmp_path, carried, new, in_progress, completed, db):
    clerk = Clerk("填表单位：叶县")
    clerk.f5(
        [f5_row("叶县", carried, new, in_progress, completed)],
        sheet="附表7",
        footer="报送日期：2023年12月18日",
        **F7_GROUPS,
    )
    clerk.f6({})
    return check(tmp_path, clerk, period="2023", db=db)


def test_the_annual_form_agreeing_with_its_quarters_gives_nothing(tmp_path):
    db = history_of(tmp_path, ("2022", [f5_row("叶县", in_progress=(6, 3.0, 1000))]), *QUARTERS)
    sub = annual(tmp_path, (6, 3.0, 1000), (10, 5.0, 1000), (12, 6.0, 1600), (4, 2.0, 400), db)
    assert sub.findings == ()


def test_annual_figures_against_the_quarters_are_f7_003_f7_004_f7_005(tmp_path):
    db = history_of(tmp_path, ("2022", [f5_row("叶县", in_progress=(5, 3.0, 1000))]), *QUARTERS)
    sub = annual(tmp_path, (6, 3.0, 1000), (11, 5.0, 1000), (13, 6.0, 1600), (4, 2.0, 400), db)
    assert found(sub, "F7-003") == [("error", "附表7", "E6")]
    assert found(sub, "F7-004") == [("error", "附表7", "B6")]
    assert found(sub, "F7-005") == [("error", "附表7", "H6")]


def test_an_annual_form_without_its_quarters_is_skipped_with_hs001(tmp_path):
    sub = annual(
        tmp_path, (6, 3.0, 1000), (10, 5.0, 1000), (12, 6.0, 1600), (4, 2.0, 400), tmp_path / "none.sqlite"
    )
    assert [f.rule for f in sub.findings] == ["HS001", "HS001", "HS001"]


# Explanations -------------------------------------------------------------------------------


@pytest.mark.parametrize("sheet_name", ["说明", "情况说明"])
def test_an_explained_warning_keeps_its_explanation_and_no_longer_counts(tmp_path, sheet_name):
    clerk = Clerk().all_forms([row(in_progress=(12, 6.0, 3700))])  # F5-004 on the cost, J6
    notes = clerk.sheet(sheet_name)
    notes.append(["规则编号", "单元格", "情况说明"])
    notes.append(["F5-004", "附表5!J6", "本季度有一项工程追加投资100万元，造价已按变更后填报"])
    sub = check(tmp_path, clerk)
    [warning] = [f for f in sub.findings if f.rule == "F5-004"]
    assert warning.explanation == "本季度有一项工程追加投资100万元，造价已按变更后填报"
    assert warning.explained and sub.warnings == 0 and sub.explained == 1


def test_an_explanation_by_rule_code_alone_covers_all_its_warnings(tmp_path):
    clerk = Clerk().all_forms([row(in_progress=(13, 6.5, 3700))])
    clerk.sheet("说明").append(["F5-004：有一项工程由市站移交本县监督"])
    sub = check(tmp_path, clerk)
    assert [f.explained for f in sub.findings if f.rule == "F5-004"] == [True, True, True]


def test_errors_cannot_be_explained_away(tmp_path):
    clerk = Clerk().all_forms([row(satisfaction=105)])
    clerk.sheet("说明").append(["F5-003", "S6", "满意率按回访户数计算"])
    sub = check(tmp_path, clerk)
    [error] = [f for f in sub.findings if f.rule == "F5-003"]
    assert error.explanation is None and sub.errors == 1 and sub.status == "errors"


def test_prose_sheets_quoting_a_form_title_are_not_taken_for_forms(tmp_path):
    clerk = Clerk().all_forms([row(in_progress=(12, 6.0, 3700))])
    clerk.sheet("情况说明").append(["F5-004", "附表5!J6", "河南省建设工程质量监督季度统计表造价已核实"])
    clerk.sheet("文字材料").append(["附表5 河南省建设工程质量监督季度统计表 填报说明：本季度无事故"])
    sub = check(tmp_path, clerk)
    assert [f.rule for f in sub.findings] == ["F5-004"] and sub.findings[0].explained
