"""Self-score sheets: each built-in spec read from a messy sheet, every SC rule at its cell,
the ranking and its tie rule, and the sheets inside a consolidation. Totals by hand."""

import json
import re
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from conftest import one_finding
from messy import Clerk, f5_row
from messy_scores import SUPERVISION as SEED_SUPERVISION
from messy_scores import YEAR as SEED_YEAR
from messy_scores import Item, henan_sheet, huizhou_sheet, water_sheet

from qstat import Config
from qstat.cli import main
from qstat.model import ScoreSheet
from qstat.read import read_workbook
from qstat.scores import builtin_specs, load_spec, rank_inbox, read_score_sheet
from qstat.scores.make_specs import toml_data
from qstat.scores.rank import UNMATCHED_NOTE, rank_units
from qstat.scores.spec import BUILTIN_JSON, SPECS_DIR


def spec(name: str):
    return load_spec(SPECS_DIR / f"{name}.toml")


SUPERVISION = spec("henan-affordable-housing-supervision")
YEAR = spec("henan-quality-management-year")
WATER = spec("pingdingshan-water-supervision")
HUIZHOU = spec("huizhou-government-quality-self-score")

# 住房城乡建设主管部门 8+4+4+2+8+2+1+1.5+10+2+3+3+2 = 50.5; 参建各方 3+11+4.5+3+3+1.5 = 26;
# 工作亮点 5: total 81.5.
SUPERVISION_SCORES = {
    "1.1": 8,
    "1.2": 4,
    "1.3": 4,
    "1.4": 2,
    "1.5": 8,
    "1.6": 2,
    "1.7": 1,
    "1.8": 1.5,
    "1.9": 10,
    "1.10": 2,
    "1.11": 3,
    "1.12": 3,
    "1.13": 2,
    "2.1": 3,
    "2.2": 11,
    "2.3": 4.5,
    "2.4": 3,
    "2.5": 3,
    "2.6": 1.5,
    "3.1": 5,
}
SUPERVISION_SUBTOTALS = {"住房城乡建设主管部门": 50.5, "参建各方责任主体": 26, "工作亮点和特色": 5}


def read(clerk: Clerk, path: Path, **options):
    clerk.save(path)
    return read_score_sheet(read_workbook(path, "xlsx"), **options)


def supervision(tmp_path, scores=None, subtotals=None, total=81.5, **options):
    """The seed-002 附件3 sheet at B2 (title B2, header B4:H5, items from row 6: 得分 in G,
    小计 in H; section 1 rows 6-18, section 2 rows 19-24, section 3 row 25, 合计 row 26)."""
    clerk = Clerk()
    henan_sheet(
        clerk,
        SEED_SUPERVISION,
        SUPERVISION_SCORES | (scores or {}),
        subtotals=SUPERVISION_SUBTOTALS | (subtotals or {}),
        total=total,
        **options,
    )
    return read(clerk, tmp_path / "sheet.xlsx")


# --------------------------------------------------------------------------- the specs


def test_every_builtin_spec_adds_up_to_its_maximum():
    specs = {s.id: s for s in builtin_specs()}
    assert [(s.max, len(s.items)) for s in specs.values()] == [(100, 20), (100, 26), (100, 45), (100, 24)]
    assert [s.max for s in SUPERVISION.sections] == [60, 30, 10]
    assert [s.max for s in YEAR.sections] == [50, 20, 15, 5, 10]
    assert WATER.highest == 110  # two 激励项 of 5% each


def test_the_shipped_json_is_the_toml_specs():
    """specs/builtin.json (what qstat reads) holds the TOML files' data, spec for spec, in
    file-name order; when a TOML file was edited: python -m qstat.scores.make_specs."""
    shipped = json.loads(BUILTIN_JSON.read_text(encoding="utf-8"))
    assert list(shipped.items()) == list(toml_data().items())
    assert builtin_specs() == tuple(load_spec(p) for p in sorted(SPECS_DIR.glob("*.toml")))


def test_a_spec_whose_items_do_not_add_up_is_refused(tmp_path):
    (tmp_path / "bad.toml").write_text(
        'title = "x"\nmax = 10\n[[sections]]\nname = "a"\nmax = 10\n'
        '[[sections.items]]\nname = "b"\nmax = 6\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="items give 6"):
        load_spec(tmp_path / "bad.toml")


def test_item_rules_give_the_reachable_scores():
    by_name = {i.name: i for i in SUPERVISION.items}
    assert [by_name["监督执法工作"].reachable(v) for v in (10, 8, 0, 7, 9)] == [True] * 3 + [False] * 2
    assert [by_name["机制建设"].reachable(v) for v in (10, 8, 7, 5, 3, 4, 6)] == [True] * 5 + [False] * 2
    year = {i.name: i for i in YEAR.items}
    assert [year["检测报告"].reachable(v) for v in (5, 2.5, 0, 1)] == [True, True, True, False]


# --------------------------------------------------------------------------- each spec, messy


def test_henan_supervision_sheet_totals_by_section(tmp_path):
    sheet, findings = supervision(tmp_path)
    assert findings == []
    assert sheet.spec_id == "henan-affordable-housing-supervision"
    assert sheet.sections == {"住房城乡建设主管部门": 50.5, "参建各方责任主体": 26, "工作亮点和特色": 5}
    assert sheet.total == 81.5


def test_henan_management_year_sheet_with_text_scores_and_no_title(tmp_path):
    # 建设主管部门 50-2-1-2 = 45; 施工企业 20-0.5-1 = 18.5; 监理单位 15-2 = 13; 检测机构 5;
    # 其它 8: total 89.5.
    scores = {i.id: i.max for i in SEED_YEAR.items} | {
        "1.2": 4,
        "1.5": "2",
        "1.13": 4,
        "2.1": "4.5 ",
        "2.4": 3,
        "3.3": 2,
        "5.1": 8,
    }
    clerk = Clerk()
    clerk.all_forms([f5_row("叶县")])
    henan_sheet(
        clerk,
        SEED_YEAR,
        scores,
        subtotals={"建设主管部门": 45, "施工企业": "18.5", "监理单位": 13, "检测机构": 5, "其它": 8},
        total=89.5,
        sheet="Sheet7",
        top=5,
        left=3,
        title=False,
    )
    sheet, findings = read(clerk, tmp_path / "year.xlsx")
    assert findings == []
    assert sheet.spec_id == "henan-quality-management-year"
    assert list(sheet.sections.values()) == [45, 18.5, 13, 5, 8]
    assert sheet.total == 89.5


@pytest.mark.parametrize("fractions", [False, True])
def test_percent_sheet_with_bonus_items(tmp_path, fractions):
    # Full marks but 质量监督能力建设 8% -> 5% and 检查质量管理体系运行情况 12% -> 10%: 95%;
    # 激励项 2% + 3%: total 100%. Typed "5%" as text, or 0.05 where 占比 is stored as 0.04.
    scores = {i.id: i.max for i in WATER.items if i.kind == "score"} | {
        "1.5": 5,
        "1.14": 10,
        "1.23": 2,
        "1.24": 3,
    }
    typed = {k: v / 100 if fractions else f"{v:g}%" for k, v in scores.items()}
    clerk = Clerk()
    water_sheet(clerk, WATER, typed, total=1.0 if fractions else "100%", fractions=fractions)
    sheet, findings = read(clerk, tmp_path / "water.xlsx")
    assert [f.rule for f in findings] == []
    assert sheet.spec_id == "pingdingshan-water-supervision"
    assert (sheet.sections["质量监督履职"], sheet.bonus, sheet.total) == (95, 5, 100)


def test_self_score_sheet_with_veto_deduction_and_reasons(tmp_path):
    # 100 - 0.8 (item 1) - 1 (item 15) - 10 (one 扣分项 event) = 88.2, grade B.
    scores = {i.id: i.max for i in HUIZHOU.items if i.kind == "score"} | {
        "1.1": 3.2,
        "2.2": 1,
        "3.1": "否",
        "4.1": -10,
    }
    reasons = {"1.1": "省抽发现率12%，得0.5分", "2.2": "未开展环保日活动", "4.1": "发生1件"}
    clerk = Clerk()
    huizhou_sheet(clerk, HUIZHOU, scores, reasons, total=88.2)
    sheet, findings = read(clerk, tmp_path / "huizhou.xlsx")
    assert findings == []
    assert (sheet.sections["质量目标"], sheet.sections["质量措施"]) == (55.2, 43)
    assert (sheet.deductions, sheet.total, sheet.vetoed) == (10, 88.2, False)


# --------------------------------------------------------------------------- SC rules at cells


def test_score_above_the_items_max_is_sc001(tmp_path):
    _, findings = supervision(tmp_path, {"1.3": 5}, {"住房城乡建设主管部门": 51.5}, 82.5)
    f = one_finding(findings, "SC001")
    assert (f.severity, f.sheet, f.cell, f.form, f.value) == ("error", "考核评分表", "G8", "SC", "5")


def test_negative_score_is_sc002(tmp_path):
    sheet, findings = supervision(tmp_path, {"1.6": -1}, {"住房城乡建设主管部门": 47.5}, 78.5)
    f = one_finding(findings, "SC002")
    assert (f.severity, f.cell) == ("error", "G11")
    assert sheet.items["1.6"] == 0  # 不倒扣分: counted as 0


def test_score_the_step_cannot_give_is_sc003(tmp_path):
    _, findings = supervision(tmp_path, {"1.5": 7}, {"住房城乡建设主管部门": 49.5}, 80.5)
    f = one_finding(findings, "SC003")
    assert (f.severity, f.cell) == ("error", "G10")
    assert "每项扣2" in f.message


def test_subtotal_that_is_not_the_sum_is_sc004(tmp_path):
    _, findings = supervision(tmp_path, subtotals={"住房城乡建设主管部门": 51})
    f = one_finding(findings, "SC004")
    assert (f.severity, f.cell, f.value) == ("error", "H6", "51")


def test_total_that_is_not_the_sum_is_sc005(tmp_path):
    sheet, findings = supervision(tmp_path, total=82)
    f = one_finding(findings, "SC005")
    assert (f.severity, f.cell) == ("error", "G26")
    assert sheet.total == 81.5  # the ranking uses the items, not the typed 合计


def test_deduction_without_reason_is_sc006(tmp_path):
    scores = {i.id: i.max for i in HUIZHOU.items if i.kind == "score"} | {"1.1": 3}
    clerk = Clerk()
    huizhou_sheet(clerk, HUIZHOU, scores, {}, total=99)
    _, findings = read(clerk, tmp_path / "h.xlsx")
    f = one_finding(findings, "SC006")
    assert (f.severity, f.sheet, f.cell) == ("warning", "自评打分表", "I5")


def test_triggered_veto_is_sc007_and_grade_d(tmp_path):
    scores = {i.id: i.max for i in HUIZHOU.items if i.kind == "score"} | {"3.1": "是"}
    clerk = Clerk()
    huizhou_sheet(clerk, HUIZHOU, scores, total=100)
    sheet, findings = read(clerk, tmp_path / "h.xlsx")
    f = one_finding(findings, "SC007")
    assert (f.severity, f.cell) == ("info", "H48")
    ranking = rank_units([("惠城区", "a.xlsx", sheet)], (HUIZHOU,))
    assert (ranking.units[0].grade, ranking.units[0].total) == ("D", 100)


def test_bonus_above_its_cap_is_sc008(tmp_path):
    scores = {i.id: i.max for i in WATER.items if i.kind == "score"} | {"1.23": 6, "1.24": 1}
    clerk = Clerk()
    water_sheet(clerk, WATER, scores, total=107)
    sheet, findings = read(clerk, tmp_path / "w.xlsx")
    f = one_finding(findings, "SC008")
    assert (f.severity, f.sheet, f.cell) == ("error", "自评", "G26")
    assert (sheet.bonus, sheet.total) == (6, 106)  # 5 (the cap) + 1


def unknown_sheet(clerk: Clerk):
    """A sheet of no known spec at A1 (header row 2: 得分 in F, 小计 in G): 巡查频次 12 of 10
    (SC001), 小计 25 for 12 + 15 (SC004), 合计 40 for 12 + 15 + 18 = 45 (SC005)."""
    ws = clerk.sheet("评分")
    ws.append(["某市2024年度工程质量安全工作考核评分表"])
    ws.append(["序号", "考核对象", "考核项目", "评分标准", "分值", "得分", "小计"])
    ws.append([1, "日常监管\n（30分）", "巡查频次", "每月巡查不少于2次", 10, 12, 25])
    ws.append([2, None, "台账资料", "监督台账齐全、归档及时", 20, "15分", None])
    ws.append([3, "专项行动（20分）", "行动部署", "按时部署专项行动并报送总结", 20, 18, 18])
    ws.append(["合计", None, None, None, 50, 40])
    ws.merge_cells("B3:B4")
    ws.merge_cells("G3:G4")


def test_sheet_matching_no_spec_is_a_sc009_warning_checked_on_what_it_states(tmp_path):
    clerk = Clerk()
    unknown_sheet(clerk)
    sheet, findings = read(clerk, tmp_path / "x.xlsx")
    assert [(f.rule, f.severity, f.cell) for f in findings] == [
        ("SC009", "warning", "F2"),
        ("SC001", "error", "F3"),
        ("SC004", "error", "G3"),
        ("SC005", "error", "F6"),
    ]
    assert (findings[0].sheet, findings[0].form) == ("评分", "SC")
    assert sheet.spec_id is None
    # 巡查频次 counted at its 分值 10: 10 + 15 + 18 = 43 of 50.
    assert (sheet.sections, sheet.total, sheet.highest) == ({"日常监管": 25, "专项行动": 18}, 43, 50)
    ranking = rank_units([("惠城区", "x.xlsx", sheet)], builtin_specs())
    unit = ranking.units[0]
    assert (unit.rank, unit.total, unit.note) == (1, 43, UNMATCHED_NOTE)
    # Beside sheets of a known spec: ranked only when its full marks are the spec's.
    ranking = rank_units(
        [
            ("A", None, filled(80)),
            ("B", None, sheet),
            ("C", None, ScoreSheet("评分", None, total=85, highest=100)),
        ],
        builtin_specs(),
    )
    assert [(u.unit, u.rank, u.mark, u.note) for u in ranking.units] == [
        ("C", 1, "先进单位", UNMATCHED_NOTE),
        ("A", 2, "先进单位", ""),
        ("B", None, "评分表无法识别", ""),
    ]


def test_item_missing_from_a_matched_sheet_is_sc009(tmp_path):
    sections = list(SEED_SUPERVISION.sections)
    sections[1] = replace(sections[1], items=sections[1].items[:-1])  # 永久标牌 left out
    clerk = Clerk()
    henan_sheet(
        clerk,
        replace(SEED_SUPERVISION, sections=tuple(sections)),
        SUPERVISION_SCORES,
        subtotals=SUPERVISION_SUBTOTALS | {"参建各方责任主体": 24.5},
        total=80,
    )
    sheet, findings = read(clerk, tmp_path / "x.xlsx")
    f = one_finding(findings, "SC009")
    assert "永久标牌" in f.message and (f.severity, f.cell) == ("warning", "G4")
    assert sheet.items["2.6"] is None and sheet.total == 80


def test_empty_score_is_sc010_and_a_blank_template_is_not_ranked(tmp_path):
    scores = dict(SUPERVISION_SCORES)
    del scores["1.4"]  # 档案管理 (2 points) left empty
    clerk = Clerk()
    henan_sheet(clerk, SEED_SUPERVISION, scores)
    sheet, findings = read(clerk, tmp_path / "a.xlsx")
    f = one_finding(findings, "SC010")
    assert (f.severity, f.cell) == ("warning", "G9")
    assert sheet.total == 79.5
    clerk = Clerk()
    henan_sheet(clerk, SEED_SUPERVISION, {})
    blank, findings = read(clerk, tmp_path / "b.xlsx")
    assert [(f.rule, f.cell) for f in findings] == [("SC010", "G4")]
    ranking = rank_units([("叶县", "b.xlsx", blank)], builtin_specs())
    assert (ranking.units[0].rank, ranking.units[0].mark) == (None, "评分表未填写")


def test_text_in_a_score_cell_is_st002_at_the_cell(tmp_path):
    _, findings = supervision(tmp_path, {"1.4": "基本完成"}, {"住房城乡建设主管部门": 48.5}, 79.5)
    f = one_finding(findings, "ST002")
    assert (f.form, f.cell, f.value) == ("SC", "G9", "基本完成")


# --------------------------------------------------------------------------- clerks' variations


def test_abbreviated_sheet_is_matched_by_structure_and_its_sc001_sc003_found(tmp_path):
    # Criteria cut to "首句；……记10分，不满足一项扣2分…"; 制度建设 5 of 4 (SC001, counted 4) and
    # 监督执法工作 7 (SC003, counted 7): typed 小计 50.5 still the written sum; counted 80.5.
    clerk = Clerk()
    henan_sheet(
        clerk,
        SEED_SUPERVISION,
        SUPERVISION_SCORES | {"1.3": 5, "1.5": 7},
        subtotals=SUPERVISION_SUBTOTALS,
        total=81.5,
        shorten=True,
    )
    sheet, findings = read(clerk, tmp_path / "short.xlsx")
    assert sheet.spec_id == SUPERVISION.id
    assert [(f.rule, f.severity, f.cell) for f in findings] == [
        ("SC001", "error", "G8"),
        ("SC003", "error", "G10"),
    ]
    assert sheet.sections == {"住房城乡建设主管部门": 49.5, "参建各方责任主体": 26, "工作亮点和特色": 5}
    assert sheet.total == 80.5


def test_reordered_sheet_with_names_in_the_criteria_is_matched(tmp_path):
    # At A1, no title: header rows 1-2, 得分 in F. Section 1 written backwards (1.13 in row 3 ...
    # 1.1 in row 15); section 2 as 2.4 2.1 2.6 2.2 2.5 2.3 in rows 16-21; 3.1 row 22.
    # 永久标牌 (2.6, row 18) 4 of 3: SC001; 施工现场监管 (2.2, row 19) 10.5: SC003.
    # Written section 2: 3+10.5+4.5+3+3+4 = 28; counted 27 (永久标牌 at 3): total 82.5.
    order = [f"1.{n}" for n in range(13, 0, -1)] + ["2.4", "2.1", "2.6", "2.2", "2.5", "2.3"]
    scores = SUPERVISION_SCORES | {"1.1": "8分", "1.2": "４", "2.6": 4, "2.2": "10.5"}
    clerk = Clerk()
    henan_sheet(
        clerk,
        SEED_SUPERVISION,
        scores,
        top=1,
        left=1,
        title=False,
        shorten=True,
        order=order,
        name_in_text=True,
        subtotals=SUPERVISION_SUBTOTALS | {"参建各方责任主体": 28},
        total=83.5,
    )
    sheet, findings = read(clerk, tmp_path / "reordered.xlsx")
    assert sheet.spec_id == SUPERVISION.id
    assert sorted((f.rule, f.cell, f.value) for f in findings) == [
        ("SC001", "F18", "4"),
        ("SC003", "F19", "10.5"),
    ]
    assert "永久标牌" in one_finding(findings, "SC001").message
    assert "施工现场监管" in one_finding(findings, "SC003").message
    assert (sheet.items["1.1"], sheet.items["1.2"], sheet.items["2.6"]) == (8, 4, 3)
    assert sheet.total == 82.5


def test_abbreviated_and_reordered_management_year_sheet(tmp_path):
    # 附件2 at B2 (header rows 4-5, 得分 in G), criteria cut, 施工企业 and 监理单位 written
    # backwards: 2.6..2.1 in rows 20-25, 3.4..3.1 in rows 26-29. Full marks but 考核奖惩 (2.3,
    # row 23) 3 of 4 by steps of 2: SC003; 监理班子 (3.1, row 29) 3.5 of 3: SC001 (counted 3).
    # Written 50 + 19 + 15.5 + 5 + 10 = 99.5; counted 50 + 19 + 15 + 5 + 10 = 99.
    order = ["2.6", "2.5", "2.4", "2.3", "2.2", "2.1", "3.4", "3.3", "3.2", "3.1"]
    scores = {i.id: i.max for i in SEED_YEAR.items} | {"2.3": 3, "3.1": 3.5}
    clerk = Clerk()
    henan_sheet(
        clerk,
        SEED_YEAR,
        scores,
        shorten=True,
        order=order,
        total=99.5,
        subtotals={"建设主管部门": 50, "施工企业": 19, "监理单位": 15.5, "检测机构": 5, "其它": 10},
    )
    sheet, findings = read(clerk, tmp_path / "year.xlsx")
    assert sheet.spec_id == YEAR.id
    assert sorted((f.rule, f.cell) for f in findings) == [("SC001", "G29"), ("SC003", "G23")]
    assert (list(sheet.sections.values()), sheet.total) == ([50, 19, 15, 5, 10], 99)


def test_the_score_sheet_builder_shares_nothing_with_the_reader():
    source = (Path(__file__).parent / "messy_scores.py").read_text(encoding="utf-8")
    assert not re.search(r"^\s*(from|import) qstat", source, re.MULTILINE)


@pytest.mark.parametrize("typed", [9, 9.0, "9", "９", "9.0", "9分", "９分", " 9 分"])
def test_a_score_of_nine_is_nine_however_it_is_written(tmp_path, typed):
    # 施工现场监管 11 -> 9: section 2 is 24, total 79.5.
    sheet, findings = supervision(tmp_path, {"2.2": typed}, {"参建各方责任主体": 24}, 79.5)
    assert findings == []
    assert (sheet.items["2.2"], sheet.total) == (9, 79.5)


def test_a_row_that_is_no_item_of_the_spec_is_a_warning_at_its_cell(tmp_path):
    # A 14th row 信息化建设 (2 of 2) at the end of section 1 (row 19, 得分 in G): not counted.
    sections = list(SEED_SUPERVISION.sections)
    extra = Item("1.14", "信息化建设", 2, "建成监督管理信息系统并正常运行，记2分。")
    sections[0] = replace(sections[0], items=sections[0].items + (extra,))
    clerk = Clerk()
    henan_sheet(
        clerk,
        replace(SEED_SUPERVISION, sections=tuple(sections)),
        SUPERVISION_SCORES | {"1.14": 2},
        subtotals=SUPERVISION_SUBTOTALS,
        total=81.5,
    )
    sheet, findings = read(clerk, tmp_path / "extra.xlsx")
    f = one_finding(findings, "SC009")
    assert (f.severity, f.cell, f.value) == ("warning", "G19", "2")
    assert "信息化建设" in f.message
    assert (sheet.spec_id, sheet.total) == (SUPERVISION.id, 81.5)


# --------------------------------------------------------------------------- ranking


def filled(total, vetoed=False):
    return ScoreSheet("评分表", SUPERVISION.id, total=total, vetoed=vetoed)


def test_equal_totals_share_a_rank_and_a_tie_at_fifth_makes_six_advanced():
    totals = {"A": 90, "B": 85, "C": 85, "D": 80, "E": 70, "F": 70, "G": 60, "H": 50}
    entries: list[tuple[str, str | None, ScoreSheet | None]] = [
        (u, f"{u}.xlsx", filled(t)) for u, t in totals.items()
    ]
    entries += [("I", "I.xlsx", filled(95, vetoed=True)), ("J", None, None)]
    ranking = rank_units(entries, builtin_specs())
    got = [(u.unit, u.rank, u.grade, u.mark) for u in ranking.units]
    assert got == [
        ("A", 1, "A", "先进单位"),
        ("B", 2, "B", "先进单位"),
        ("C", 2, "B", "先进单位"),
        ("D", 4, "B", "先进单位"),
        ("E", 5, "C", "先进单位"),
        ("F", 5, "C", "先进单位"),
        ("G", 7, "C", "约谈"),
        ("H", 8, "D", "约谈"),
        ("I", 9, "D", "约谈"),
        ("J", None, "", "未报评分表"),
    ]


def test_a_tie_at_the_bottom_puts_all_tied_units_in_the_interview():
    totals = [95, 90, 85, 80, 75, 60, 60, 60, 50]
    ranking = rank_units([(f"U{i}", None, filled(t)) for i, t in enumerate(totals)], builtin_specs())
    assert [u.rank for u in ranking.units] == [1, 2, 3, 4, 5, 6, 6, 6, 9]
    assert [u.mark for u in ranking.units].count("约谈") == 4
    assert ranking.units[4].mark == "先进单位" and ranking.units[5].mark == "约谈"


def test_sheets_of_another_spec_are_listed_not_ranked():
    other = ScoreSheet("评分表", YEAR.id, total=99)
    ranking = rank_units(
        [("A", None, filled(80)), ("B", None, filled(70)), ("C", None, other)], builtin_specs()
    )
    assert ranking.spec is not None and ranking.spec.id == SUPERVISION.id
    assert [(u.unit, u.rank) for u in ranking.units] == [("A", 1), ("B", 2), ("C", None)]
    assert ranking.units[2].mark.startswith("评分标准不同")


# --------------------------------------------------------------------------- consolidate, CLI


def scored_inbox(inbox):
    """叶县 81.5 with a wrong 合计 (SC005), 舞钢市 81.5+1+1+2.5 = 86, 湛河区 no score sheet."""
    clerk = Clerk("填表单位（盖章）：叶县住房和城乡建设局").all_forms([f5_row("叶县")])
    henan_sheet(clerk, SEED_SUPERVISION, SUPERVISION_SCORES, subtotals=SUPERVISION_SUBTOTALS, total=80)
    clerk.save(inbox / "叶县.xlsx")
    clerk = Clerk("填表单位（盖章）：舞钢市住房和城乡建设局").all_forms([f5_row("舞钢市")])
    henan_sheet(
        clerk,
        SEED_SUPERVISION,
        SUPERVISION_SCORES | {"1.4": 3, "2.2": 12, "3.1": 7.5},
        sheet="自评表",
        top=1,
        left=1,
    )
    clerk.save(inbox / "舞钢市.xlsx")
    Clerk("填表单位（盖章）：湛河区").all_forms([f5_row("湛河区")]).save(inbox / "湛河区.xlsx")
    return inbox


def test_consolidate_ranks_the_score_sheets_and_writes_the_ranking(inbox, run):
    result = run(scored_inbox(inbox))
    got = [(u.unit, u.total, u.rank, u.mark) for u in result.scores.units]
    assert got[:2] == [("舞钢市", 86, 1, "先进单位"), ("叶县", 81.5, 2, "先进单位")]
    assert ("湛河区", None, None, "未报评分表") in got
    assert result.outputs["scores"].name == "平顶山市_2024Q3_考核评分排名.xlsx"
    summary = json.loads(result.outputs["summary"].read_text(encoding="utf-8"))
    assert summary["scores"]["spec"]["id"] == SUPERVISION.id
    assert summary["scores"]["units"][0] | {"sections": None} == {
        "unit": "舞钢市",
        "file": "舞钢市.xlsx",
        "total": 86,
        "grade": "B",
        "rank": 1,
        "mark": "先进单位",
        "sections": None,
        "vetoed": False,
        "errors": 0,
    }
    assert any(
        f["rule"] == "SC005" and f["form"] == "SC" and f["unit"] == "叶县" for f in summary["findings"]
    )
    book = openpyxl.load_workbook(result.outputs["scores"])
    assert book.sheetnames == ["考核排名", "逐项得分", "评分表问题"]
    assert book["考核排名"]._charts  # type: ignore[attr-defined]  # the native bar chart of totals (a Worksheet)


def test_consolidate_without_score_sheets_writes_no_ranking(inbox, run):
    Clerk("填表单位：叶县").all_forms([f5_row("叶县")]).save(inbox / "叶县.xlsx")
    result = run(inbox)
    assert result.scores is None and "scores" not in result.outputs
    assert result.summary()["scores"] is None


def test_rank_inbox_reads_only_the_named_sheet(inbox, tmp_path):
    scored_inbox(inbox)
    config = Config(name="平顶山市", units=["叶县", "舞钢市", "湛河区"])
    ranking, _ = rank_inbox(inbox, config, sheet="自评表", out=tmp_path / "o")
    assert ranking is not None
    assert [(u.unit, u.rank) for u in ranking.units] == [("舞钢市", 1), ("叶县", None), ("湛河区", None)]
    assert (tmp_path / "o" / "平顶山市_考核评分排名.xlsx").exists()


def test_scores_command_prints_the_ranking_and_exits_1_on_errors(inbox, tmp_path, capsys):
    scored_inbox(inbox)
    code = main(["scores", str(inbox), "--out", str(tmp_path / "o")])
    out = capsys.readouterr().out
    assert code == 1  # 叶县's 合计 is wrong
    assert "舞钢市" in out and "[SC005]" in out
    assert main(["scores", str(tmp_path / "nowhere")]) == 2
