"""Self-score sheets: each built-in spec read from a messy sheet, every SC rule at its cell,
the ranking and its tie rule, and the sheets inside a consolidation. Totals by hand."""

import json
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from messy import Clerk, f5_row
from messy_scores import henan_sheet, huizhou_sheet, spec, water_sheet

from qstat import Config
from qstat.cli import main
from qstat.read import read_workbook
from qstat.scores import builtin_specs, load_spec, rank_inbox, read_score_sheet
from qstat.scores.rank import rank_units
from qstat.scores.sheet import ScoreSheet

SUPERVISION = spec("henan-affordable-housing-supervision")
YEAR = spec("henan-quality-management-year")
WATER = spec("pingdingshan-water-supervision")
HUIZHOU = spec("huizhou-government-quality-self-score")

# 住房城乡建设主管部门 8+4+4+2+8+2+1+1.5+10+2+3+3+2 = 50.5; 参建各方 3+11+4.5+3+3+1.5 = 26;
# 工作亮点 5: total 81.5.
SUPERVISION_SCORES = {"1.1": 8, "1.2": 4, "1.3": 4, "1.4": 2, "1.5": 8, "1.6": 2, "1.7": 1,
                      "1.8": 1.5, "1.9": 10, "1.10": 2, "1.11": 3, "1.12": 3, "1.13": 2,
                      "2.1": 3, "2.2": 11, "2.3": 4.5, "2.4": 3, "2.5": 3, "2.6": 1.5, "3.1": 5}
SUPERVISION_SUBTOTALS = {"住房城乡建设主管部门": 50.5, "参建各方责任主体": 26, "工作亮点和特色": 5}


def read(clerk: Clerk, path: Path, **options):
    clerk.save(path)
    return read_score_sheet(read_workbook(path, "xlsx"), **options)


def supervision(tmp_path, scores=None, subtotals=None, total=81.5, **options):
    """The seed-002 附件3 sheet at B2 (title B2, header B4:H5, items from row 6: 得分 in G,
    小计 in H; section 1 rows 6-18, section 2 rows 19-24, section 3 row 25, 合计 row 26)."""
    clerk = Clerk()
    henan_sheet(clerk, SUPERVISION, SUPERVISION_SCORES | (scores or {}),
                subtotals=SUPERVISION_SUBTOTALS | (subtotals or {}), total=total, **options)
    return read(clerk, tmp_path / "sheet.xlsx")


def only(findings, rule):
    hits = [f for f in findings if f.rule == rule]
    assert len(hits) == 1, findings
    return hits[0]


# --------------------------------------------------------------------------- the specs

def test_every_builtin_spec_adds_up_to_its_maximum():
    specs = {s.id: s for s in builtin_specs()}
    assert [(s.max, len(s.items)) for s in specs.values()] == [(100, 20), (100, 26), (100, 45),
                                                                (100, 24)]
    assert [s.max for s in SUPERVISION.sections] == [60, 30, 10]
    assert [s.max for s in YEAR.sections] == [50, 20, 15, 5, 10]
    assert WATER.highest == 110  # two 激励项 of 5% each


def test_a_spec_whose_items_do_not_add_up_is_refused(tmp_path):
    (tmp_path / "bad.toml").write_text(
        'title = "x"\nmax = 10\n[[sections]]\nname = "a"\nmax = 10\n'
        '[[sections.items]]\nname = "b"\nmax = 6\n', encoding="utf-8")
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
    assert sheet.sections == {"住房城乡建设主管部门": 50.5, "参建各方责任主体": 26,
                              "工作亮点和特色": 5}
    assert sheet.total == 81.5


def test_henan_management_year_sheet_with_text_scores_and_no_title(tmp_path):
    # 建设主管部门 50-2-1-2 = 45; 施工企业 20-0.5-1 = 18.5; 监理单位 15-2 = 13; 检测机构 5;
    # 其它 8: total 89.5.
    scores = {i.id: i.max for i in YEAR.items} | {
        "1.2": 4, "1.5": "2", "1.13": 4, "2.1": "4.5 ", "2.4": 3, "3.3": 2, "5.1": 8}
    clerk = Clerk()
    clerk.all_forms([f5_row("叶县")])
    henan_sheet(clerk, YEAR, scores, subtotals={"建设主管部门": 45, "施工企业": "18.5",
                                                "监理单位": 13, "检测机构": 5, "其它": 8},
                total=89.5, sheet="Sheet7", top=5, left=3, title=False)
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
        "1.5": 5, "1.14": 10, "1.23": 2, "1.24": 3}
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
        "1.1": 3.2, "2.2": 1, "3.1": "否", "4.1": -10}
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
    f = only(findings, "SC001")
    assert (f.severity, f.sheet, f.cell, f.form, f.value) == ("error", "考核评分表", "G8", "SC", "5")


def test_negative_score_is_sc002(tmp_path):
    sheet, findings = supervision(tmp_path, {"1.6": -1}, {"住房城乡建设主管部门": 47.5}, 78.5)
    f = only(findings, "SC002")
    assert (f.severity, f.cell) == ("error", "G11")
    assert sheet.items["1.6"] == 0  # 不倒扣分: counted as 0


def test_score_the_step_cannot_give_is_sc003(tmp_path):
    _, findings = supervision(tmp_path, {"1.5": 7}, {"住房城乡建设主管部门": 49.5}, 80.5)
    f = only(findings, "SC003")
    assert (f.severity, f.cell) == ("error", "G10")
    assert "每项扣2" in f.message


def test_subtotal_that_is_not_the_sum_is_sc004(tmp_path):
    _, findings = supervision(tmp_path, subtotals={"住房城乡建设主管部门": 51})
    f = only(findings, "SC004")
    assert (f.severity, f.cell, f.value) == ("error", "H6", "51")


def test_total_that_is_not_the_sum_is_sc005(tmp_path):
    sheet, findings = supervision(tmp_path, total=82)
    f = only(findings, "SC005")
    assert (f.severity, f.cell) == ("error", "G26")
    assert sheet.total == 81.5  # the ranking uses the items, not the typed 合计


def test_deduction_without_reason_is_sc006(tmp_path):
    scores = {i.id: i.max for i in HUIZHOU.items if i.kind == "score"} | {"1.1": 3}
    clerk = Clerk()
    huizhou_sheet(clerk, HUIZHOU, scores, {}, total=99)
    _, findings = read(clerk, tmp_path / "h.xlsx")
    f = only(findings, "SC006")
    assert (f.severity, f.sheet, f.cell) == ("warning", "自评打分表", "I5")


def test_triggered_veto_is_sc007_and_grade_d(tmp_path):
    scores = {i.id: i.max for i in HUIZHOU.items if i.kind == "score"} | {"3.1": "是"}
    clerk = Clerk()
    huizhou_sheet(clerk, HUIZHOU, scores, total=100)
    sheet, findings = read(clerk, tmp_path / "h.xlsx")
    f = only(findings, "SC007")
    assert (f.severity, f.cell) == ("info", "H48")
    ranking = rank_units([("惠城区", "a.xlsx", sheet)], (HUIZHOU,))
    assert (ranking.units[0].grade, ranking.units[0].total) == ("D", 100)


def test_bonus_above_its_cap_is_sc008(tmp_path):
    scores = {i.id: i.max for i in WATER.items if i.kind == "score"} | {"1.23": 6, "1.24": 1}
    clerk = Clerk()
    water_sheet(clerk, WATER, scores, total=107)
    sheet, findings = read(clerk, tmp_path / "w.xlsx")
    f = only(findings, "SC008")
    assert (f.severity, f.sheet, f.cell) == ("error", "自评", "G26")
    assert (sheet.bonus, sheet.total) == (6, 106)  # 5 (the cap) + 1


def test_sheet_matching_no_spec_is_sc009(tmp_path):
    clerk = Clerk()
    ws = clerk.sheet("评分")
    ws.append(["惠州市2017年度县（区）人民政府质量工作考核实地核查评分表"])
    ws.append(["考核内容", "序号", "考核要点", "分值", "评分标准", "评价细则", "评分"])
    for n, (point, rule) in enumerate([("质量发展规划", "结合本市实际情况制定并已经出台质量发展战略规划"),
                                       ("质量文化", "辖区政府重视质量文化，地方政府以多种形式宣传"),
                                       ("品牌建设", "辖区品牌年度建设取得的成果，在全市排名情况。")], 1):
        ws.append(["汇报交流", n, point, 10, rule, "", 8])
    sheet, findings = read(clerk, tmp_path / "x.xlsx")
    f = only(findings, "SC009")
    assert (f.severity, f.sheet, f.cell, f.form) == ("error", "评分", "G2", "SC")
    assert sheet.spec_id is None
    ranking = rank_units([("惠城区", "x.xlsx", sheet)], builtin_specs())
    assert (ranking.units[0].rank, ranking.units[0].mark) == (None, "评分表无法识别")


def test_item_missing_from_a_matched_sheet_is_sc009(tmp_path):
    sections = list(SUPERVISION.sections)
    sections[1] = replace(sections[1], items=sections[1].items[:-1])  # 永久标牌 left out
    clerk = Clerk()
    henan_sheet(clerk, replace(SUPERVISION, sections=tuple(sections)), SUPERVISION_SCORES,
                subtotals=SUPERVISION_SUBTOTALS | {"参建各方责任主体": 24.5}, total=80)
    sheet, findings = read(clerk, tmp_path / "x.xlsx")
    f = only(findings, "SC009")
    assert "永久标牌" in f.message and (f.severity, f.cell) == ("error", "G4")
    assert sheet.items["2.6"] is None and sheet.total == 80


def test_empty_score_is_sc010_and_a_blank_template_is_not_ranked(tmp_path):
    scores = dict(SUPERVISION_SCORES)
    del scores["1.4"]  # 档案管理 (2 points) left empty
    clerk = Clerk()
    henan_sheet(clerk, SUPERVISION, scores)
    sheet, findings = read(clerk, tmp_path / "a.xlsx")
    f = only(findings, "SC010")
    assert (f.severity, f.cell) == ("warning", "G9")
    assert sheet.total == 79.5
    clerk = Clerk()
    henan_sheet(clerk, SUPERVISION, {})
    blank, findings = read(clerk, tmp_path / "b.xlsx")
    assert [(f.rule, f.cell) for f in findings] == [("SC010", "G4")]
    ranking = rank_units([("叶县", "b.xlsx", blank)], builtin_specs())
    assert (ranking.units[0].rank, ranking.units[0].mark) == (None, "评分表未填写")


def test_text_in_a_score_cell_is_st002_at_the_cell(tmp_path):
    _, findings = supervision(tmp_path, {"1.4": "基本完成"}, {"住房城乡建设主管部门": 48.5}, 79.5)
    f = only(findings, "ST002")
    assert (f.form, f.cell, f.value) == ("SC", "G9", "基本完成")


# --------------------------------------------------------------------------- ranking

def filled(total, vetoed=False):
    return ScoreSheet("评分表", SUPERVISION.id, total=total, vetoed=vetoed)


def test_equal_totals_share_a_rank_and_a_tie_at_fifth_makes_six_advanced():
    totals = {"A": 90, "B": 85, "C": 85, "D": 80, "E": 70, "F": 70, "G": 60, "H": 50}
    entries = [(u, f"{u}.xlsx", filled(t)) for u, t in totals.items()]
    entries += [("I", "I.xlsx", filled(95, vetoed=True)), ("J", None, None)]
    ranking = rank_units(entries, builtin_specs())
    got = [(u.unit, u.rank, u.grade, u.mark) for u in ranking.units]
    assert got == [("A", 1, "A", "先进单位"), ("B", 2, "B", "先进单位"), ("C", 2, "B", "先进单位"),
                   ("D", 4, "B", "先进单位"), ("E", 5, "C", "先进单位"), ("F", 5, "C", "先进单位"),
                   ("G", 7, "C", "约谈"), ("H", 8, "D", "约谈"), ("I", 9, "D", "约谈"),
                   ("J", None, "", "未报评分表")]


def test_a_tie_at_the_bottom_puts_all_tied_units_in_the_interview():
    totals = [95, 90, 85, 80, 75, 60, 60, 60, 50]
    ranking = rank_units([(f"U{i}", None, filled(t)) for i, t in enumerate(totals)],
                         builtin_specs())
    assert [u.rank for u in ranking.units] == [1, 2, 3, 4, 5, 6, 6, 6, 9]
    assert [u.mark for u in ranking.units].count("约谈") == 4
    assert ranking.units[4].mark == "先进单位" and ranking.units[5].mark == "约谈"


def test_sheets_of_another_spec_are_listed_not_ranked():
    other = ScoreSheet("评分表", YEAR.id, total=99)
    ranking = rank_units([("A", None, filled(80)), ("B", None, filled(70)), ("C", None, other)],
                         builtin_specs())
    assert ranking.spec.id == SUPERVISION.id
    assert [(u.unit, u.rank) for u in ranking.units] == [("A", 1), ("B", 2), ("C", None)]
    assert ranking.units[2].mark.startswith("评分标准不同")


# --------------------------------------------------------------------------- consolidate, CLI

def scored_inbox(inbox):
    """叶县 81.5 with a wrong 合计 (SC005), 舞钢市 81.5+1+1+2.5 = 86, 湛河区 no score sheet."""
    clerk = Clerk("填表单位（盖章）：叶县住房和城乡建设局").all_forms([f5_row("叶县")])
    henan_sheet(clerk, SUPERVISION, SUPERVISION_SCORES, subtotals=SUPERVISION_SUBTOTALS,
                total=80)
    clerk.save(inbox / "叶县.xlsx")
    clerk = Clerk("填表单位（盖章）：舞钢市住房和城乡建设局").all_forms([f5_row("舞钢市")])
    henan_sheet(clerk, SUPERVISION, SUPERVISION_SCORES | {"1.4": 3, "2.2": 12, "3.1": 7.5},
                sheet="自评表", top=1, left=1)
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
        "unit": "舞钢市", "file": "舞钢市.xlsx", "total": 86, "grade": "B", "rank": 1,
        "mark": "先进单位", "sections": None, "vetoed": False, "errors": 0}
    assert any(f["rule"] == "SC005" and f["form"] == "SC" and f["unit"] == "叶县"
               for f in summary["findings"])
    book = openpyxl.load_workbook(result.outputs["scores"])
    assert book.sheetnames == ["考核排名", "逐项得分", "评分表问题"]
    assert book["考核排名"]._charts  # the native bar chart of totals


def test_consolidate_without_score_sheets_writes_no_ranking(inbox, run):
    Clerk("填表单位：叶县").all_forms([f5_row("叶县")]).save(inbox / "叶县.xlsx")
    result = run(inbox)
    assert result.scores is None and "scores" not in result.outputs
    assert result.summary()["scores"] is None


def test_rank_inbox_reads_only_the_named_sheet(inbox, tmp_path):
    scored_inbox(inbox)
    config = Config(name="平顶山市", units=["叶县", "舞钢市", "湛河区"])
    ranking, _ = rank_inbox(inbox, config, sheet="自评表", out=tmp_path / "o")
    assert [(u.unit, u.rank) for u in ranking.units] == [("舞钢市", 1), ("叶县", None),
                                                         ("湛河区", None)]
    assert (tmp_path / "o" / "平顶山市_考核评分排名.xlsx").exists()


def test_scores_command_prints_the_ranking_and_exits_1_on_errors(inbox, tmp_path, capsys):
    scored_inbox(inbox)
    code = main(["scores", str(inbox), "--out", str(tmp_path / "o")])
    out = capsys.readouterr().out
    assert code == 1  # 叶县's 合计 is wrong
    assert "舞钢市" in out and "[SC005]" in out
    assert main(["scores", str(tmp_path / "nowhere")]) == 2
