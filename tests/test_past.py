"""The cross-period rules against a unit's past built by hand (past.Past), no SQLite.

Each rule of cross_period, continuity and anomalies is called directly with parsed forms and a
Past; the expected findings (code, sheet, cell, value, message) are worked out by hand in the
docstrings. The forms: 叶县's 附表5/附表7 figures on sheet row 5 with the figure columns from
B (接转 B-D, 新注册 E-G, 在建 H-J, 竣工 K-M, 备案 N-P); 附表3/附表4 with 注册号 in column B.
"""

import ast
import sqlite3
from pathlib import Path

import pytest

from qstat.config import Anomalies
from qstat.findings import Finding
from qstat.forms import FORMS
from qstat.forms.f3_in_progress import InProgressProject
from qstat.forms.f4_completed import CompletedProject
from qstat.forms.statistics import CategoryRow, StatisticsRow, Volume
from qstat.parse import ParsedForm
from qstat.past import ListedProject, Past
from qstat.periods import Period
from qstat.validate.anomalies import check_anomalies
from qstat.validate.continuity import check_continuity
from qstat.validate.cross_period import check_earlier_periods

UNIT = "叶县"
Q1, Q2, Q3, Q4 = (Period(2024, q) for q in (1, 2, 3, 4))
YEAR = Period(2024)
ROOT = Path(__file__).parents[1]


def figures(form: str = "F5", /, **volumes: tuple[float, float, float]) -> StatisticsRow:
    """叶县's 附表5 (or 附表7) figures; volumes by name, (项数, 万㎡, 万元)."""
    return StatisticsRow(UNIT, **{name: Volume(*v) for name, v in volumes.items()})  # type: ignore[arg-type]  # volumes only


def statistics_form(row: StatisticsRow, code: str = "F5") -> ParsedForm:
    """The form holding ``row`` on sheet row 5 (0-based 4), figure columns from B."""
    columns = {c.key: i for i, c in enumerate(FORMS[code].figure_columns, 1)}
    return ParsedForm(FORMS[code], FORMS[code].sheet_name, [row], [4], columns)


def place(form: ParsedForm) -> tuple:
    return (form.sheet, form.figure_row(), form.columns)


def recorded(**volumes: tuple[float, float, float]) -> dict[str, float]:
    """A period's figures as the history records them, field by field."""
    return {
        f"{name}.{m}": v
        for name, values in volumes.items()
        for m, v in zip(("count", "area", "cost"), values)
    }


def found(findings: list[Finding]) -> list[tuple]:
    return [(f.rule, f.sheet, f.cell, f.value, f.message) for f in findings]


# 上期接转 (F5-006, F7-004), the year's quarters (F7-003), the stock at the year's end (F7-005)


def test_carried_over_equal_to_last_quarters_stock_is_quiet():
    """2024Q2 in progress 12 / 6 万㎡ / 3600 万元 = 2024Q3 接转 12 / 6 / 3600."""
    row = figures(carried_over=(12, 6.0, 3600))
    past = Past(UNIT, Q3, {(Q2, "F5"): recorded(in_progress=(12, 6.0, 3600))})
    assert check_earlier_periods(row, place(statistics_form(row)), past) == []


def test_carried_over_other_than_last_quarters_stock_is_f5_006_on_its_cell():
    """接转 10 项 against 2024Q2's 12 in progress: F5-006 at 接转项数 (B5); 6 万㎡ and 3600 万元 agree."""
    row = figures(carried_over=(10, 6.0, 3600))
    past = Past(UNIT, Q3, {(Q2, "F5"): recorded(in_progress=(12, 6.0, 3600))})
    assert found(check_earlier_periods(row, place(statistics_form(row)), past)) == [
        (
            "F5-006",
            "附表5",
            "B5",
            "10",
            "附表5叶县上季度接转工程项数填报为10，与2024年第二季度报送的在建工程项数12不符",
        )
    ]


def test_a_first_quarter_without_last_q4_takes_last_years_annual_stock():
    """2024Q1 接转 4.5 万㎡; 2023Q4 not recorded, 2023's 附表7 in progress 8 / 4 万㎡ / 2000 万元:
    4.5 − 4 = 0.5 > 0.01, F5-006 at 接转面积 (C5)."""
    row = figures(carried_over=(8, 4.5, 2000))
    past = Past(UNIT, Q1, {(Period(2023), "F7"): recorded(in_progress=(8, 4.0, 2000))})
    assert found(check_earlier_periods(row, place(statistics_form(row)), past)) == [
        (
            "F5-006",
            "附表5",
            "C5",
            "4.5",
            "附表5叶县上季度接转工程面积（万㎡）填报为4.5，与2023年度报送的在建工程面积4不符",
        )
    ]


def test_no_previous_period_is_hs001_not_an_error():
    """Nothing recorded of 2024Q2: the check is skipped with HS001 on the sheet."""
    row = figures(carried_over=(10, 5.0, 3000))
    assert found(check_earlier_periods(row, place(statistics_form(row)), Past(UNIT, Q3))) == [
        (
            "HS001",
            "附表5",
            None,
            None,
            "历史数据库中没有叶县2024Q2的在建工程数据，未核对上期接转工程（不影响本期汇总）",
        )
    ]


def annual_past() -> Past:
    """2024's quarters: 新注册 1-4 项 (0.5 万㎡ and 100 万元 per 项), 竣工 1 项 / 0.1 万㎡ / 10 万元
    each; Q4 in progress 20 / 10 万㎡ / 5000 万元; 2023 (附表7) in progress 18 / 9 万㎡ / 4500 万元."""
    figures_of = {
        (Period(2023), "F7"): recorded(in_progress=(18, 9.0, 4500)),
        **{
            (Period(2024, q), "F5"): recorded(new=(q, q * 0.5, q * 100), completed=(1, 0.1, 10))
            for q in (1, 2, 3)
        },
        (Q4, "F5"): recorded(new=(4, 2.0, 400), completed=(1, 0.1, 10), in_progress=(20, 10.0, 5000)),
    }
    return Past(UNIT, YEAR, figures_of)


def test_a_year_that_is_its_quarters_is_quiet():
    """新注册 1+2+3+4 = 10 项, 0.5+1+1.5+2 = 5 万㎡, 100+200+300+400 = 1000 万元; 竣工 4 × (1, 0.1,
    10) = 4 / 0.4 / 40; in progress = Q4's 20 / 10 / 5000; 接转 = 2023's 18 / 9 / 4500."""
    row = figures(
        carried_over=(18, 9.0, 4500),
        new=(10, 5.0, 1000),
        completed=(4, 0.4, 40),
        in_progress=(20, 10.0, 5000),
    )
    assert check_earlier_periods(row, place(statistics_form(row, "F7")), annual_past()) == []


def test_a_year_against_last_year_its_quarters_and_q4():
    """F7-004: 接转 17 against 2023's 18 (B5); F7-003: 新注册 11 against 1+2+3+4 = 10 (E5);
    F7-005: in progress 5100 万元 against Q4's 5000 (J5)."""
    row = figures(
        carried_over=(17, 9.0, 4500),
        new=(11, 5.0, 1000),
        completed=(4, 0.4, 40),
        in_progress=(20, 10.0, 5100),
    )
    assert found(check_earlier_periods(row, place(statistics_form(row, "F7")), annual_past())) == [
        (
            "F7-004",
            "附表7",
            "B5",
            "17",
            "附表7叶县上年度接转工程项数填报为17，与2023年度报送的在建工程项数18不符",
        ),
        ("F7-003", "附表7", "E5", "11", "附表7叶县本年度新注册工程项数填报为11，四个季度附表5之和为10"),
        (
            "F7-005",
            "附表7",
            "J5",
            "5100",
            "附表7叶县截止到年底在建工程造价（万元）填报为5100，与2024年第四季度附表5在建工程造价5000不符",
        ),
    ]


def test_a_year_without_last_years_annual_takes_last_q4():
    """2023 (附表7) not recorded: 接转 17 against 2023Q4's in progress 16, F7-004 at B5."""
    row = figures(
        carried_over=(17, 9.0, 4500),
        new=(10, 5.0, 1000),
        completed=(4, 0.4, 40),
        in_progress=(20, 10.0, 5000),
    )
    without_2023 = {k: v for k, v in annual_past().recorded.items() if k != (Period(2023), "F7")}
    past = Past(UNIT, YEAR, {**without_2023, (Period(2023, 4), "F5"): recorded(in_progress=(16, 9.0, 4500))})
    assert found(check_earlier_periods(row, place(statistics_form(row, "F7")), past)) == [
        (
            "F7-004",
            "附表7",
            "B5",
            "17",
            "附表7叶县上年度接转工程项数填报为17，与2023年第四季度报送的在建工程项数16不符",
        )
    ]


def test_a_year_with_quarters_missing_is_hs001_for_each_check():
    """Only 2024Q2 and Q4 recorded (and 2023): F7-003 skipped naming Q1 and Q3; F7-004 and F7-005
    run (2023's 18 and Q4's figures agree)."""
    past = annual_past()
    past = Past(UNIT, YEAR, {k: v for k, v in past.recorded.items() if k[0] not in (Q1, Q3)})
    row = figures(
        carried_over=(18, 9.0, 4500),
        new=(10, 5.0, 1000),
        completed=(4, 0.4, 40),
        in_progress=(20, 10.0, 5000),
    )
    assert found(check_earlier_periods(row, place(statistics_form(row, "F7")), past)) == [
        (
            "HS001",
            "附表7",
            None,
            None,
            "历史数据库中没有叶县2024Q1、2024Q3的季度数据，未核对本年度新注册与竣工工程（不影响本期汇总）",
        )
    ]


def test_a_past_refuses_a_period_it_was_not_loaded_with():
    """A rule reaching beyond the window is a mistake, not a missing period: the period itself and
    2022 (two years before 2024Q3) are refused."""
    past = Past(UNIT, Q3)
    assert past.figures(Period(2023, 1)) == {}
    for outside in (Q3, Period(2022, 4)):
        with pytest.raises(ValueError):
            past.figures(outside)


# Project continuity: F3-005 vanished, F3-006 listed late, F3-007 renumbered


def in_progress(*rows: tuple[str, str]) -> ParsedForm:
    """附表3 with (注册号, 工程名称) on sheet rows 5, 6, …"""
    records = [InProgressProject(reg_no=reg_no, project=name) for reg_no, name in rows]
    return ParsedForm(
        FORMS["F3"], "附表3", records, list(range(4, 4 + len(rows))), {"reg_no": 1, "project": 2}
    )


def completed(*rows: tuple[str, str]) -> ParsedForm:
    records = [CompletedProject(reg_no=reg_no, project=name) for reg_no, name in rows]
    return ParsedForm(
        FORMS["F4"], "附表4", records, list(range(4, 4 + len(rows))), {"reg_no": 1, "project": 2}
    )


def listed(form: str, reg_no: str, name: str, row: int) -> ListedProject:
    """A project of 2024Q2's lists as the history keeps it (叶县.xlsx)."""
    sheet = {"F3": "附表3", "F4": "附表4"}[form]
    return ListedProject(form, reg_no, name, None, None, None, None, None, None, sheet, row, "叶县.xlsx")


LAST_QUARTER = (
    listed("F3", "YX-2024-001", "甲楼", 5),
    listed("F3", "YX-2024-002", "乙楼", 6),
    listed("F3", "YX-2023-009", "丙楼", 7),
    listed("F3", "YX-2024-004", "丁楼", 8),
)


def test_continuity_of_the_lists():
    """Last quarter 甲 乙 丙 丁 in progress. Now: 甲 still in progress; 乙 completed (附表4); 丙 listed
    as YX-2024-012 (F3-007, row 6 → B6); 丁 nowhere (F3-005); 戊 YX-2023-030 new in 附表3 but
    registered 2023 < 2024 (F3-006, B7); 己 YX-2022-005 listed by the unit in an earlier quarter
    (F3-006, B8); 庚 YX-2024-020 newly registered this year (nothing)."""
    f3 = in_progress(
        ("YX-2024-001", "甲楼"),
        ("YX-2024-012", "丙楼"),
        ("YX-2023-030", "戊楼"),
        ("YX-2022-005", "己楼"),
        ("YX-2024-020", "庚楼"),
    )
    f4 = completed(("YX-2024-002", "乙楼"))
    past = Past(UNIT, Q3, lists=LAST_QUARTER, reg_nos=frozenset({"YX-2022-005", "YX-2024-001"}))
    assert found(check_continuity({"F3": f3, "F4": f4}, past)) == [
        (
            "F3-007",
            "附表3",
            "B6",
            "YX-2024-012",
            "附表3第6行“丙楼”的注册号由“YX-2023-009”改为“YX-2024-012”（2024年第二季度“叶县.xlsx”附表3第7行），"
            "请核实注册号是否填错或已变更",
        ),
        (
            "F3-005",
            "附表3",
            None,
            "YX-2024-004",
            "附表3：2024年第二季度在建的工程“YX-2024-004 丁楼”（上期“叶县.xlsx”附表3第8行）"
            "本期既未列入附表3，也未列入附表4竣工工程明细",
        ),
        (
            "F3-006",
            "附表3",
            "B7",
            "YX-2023-030",
            "附表3第7行“YX-2023-030 戊楼”为本期新列入的在建工程，注册号显示为2023年注册，"
            "但2024年第二季度附表3未列入（移交工程或上期漏报？）",
        ),
        (
            "F3-006",
            "附表3",
            "B8",
            "YX-2022-005",
            "附表3第8行“YX-2022-005 己楼”为本期新列入的在建工程，历史数据库中本单位以前报送过该工程，"
            "但2024年第二季度附表3未列入（移交工程或上期漏报？）",
        ),
    ]


def test_continuity_without_last_quarters_lists():
    """Lists of 2024Q2 not kept but its figures recorded: HS001 on 附表3; nothing recorded of
    2024Q2: nothing (F5-006's HS001 says so); a year: no continuity check."""
    f3 = in_progress(("YX-2024-001", "甲楼"))
    kept_no_lists = Past(UNIT, Q3, {(Q2, "F5"): recorded(in_progress=(1, 0.1, 10))})
    assert found(check_continuity({"F3": f3}, kept_no_lists)) == [
        (
            "HS001",
            "附表3",
            None,
            None,
            "历史数据库中没有叶县2024年第二季度的附表3明细，未核对在建工程的连续性（不影响本期汇总）",
        )
    ]
    assert check_continuity({"F3": f3}, Past(UNIT, Q3)) == []
    assert check_continuity({"F3": f3}, Past(UNIT, YEAR, lists=LAST_QUARTER)) == []


# Anomalies: HS002 a jump against the last four quarters, HS003 a form copied forward

STEADY = dict(new=(5, 2.0, 1000), in_progress=(20, 8.0, 50000))
NOW = dict(carried_over=(20, 8.0, 50000), new=(5, 2.0, 1000), in_progress=(21, 8.5, 45000))


def test_a_figure_far_from_the_last_quarters_is_hs002():
    """2024Q2 新注册 5 项 and Q1 4 项, in progress 50000 and 40000 万元 (Q3, Q4 of 2023 not
    recorded). Now 新注册 50 > 4 × 5 = 20 and 50 − 5 = 45 ≥ 10: HS002 (E5); in progress 5000 万元:
    5000 × 4 = 20000 < 40000 and 40000 − 5000 = 35000 ≥ 10000: HS002 (J5). The rest is within."""
    past = Past(
        UNIT,
        Q3,
        {
            (Q2, "F5"): recorded(**STEADY),
            (Q1, "F5"): recorded(new=(4, 3.0, 800), in_progress=(18, 7.0, 40000)),
        },
    )
    row = figures(**{**NOW, "new": (50, 2.0, 1000), "in_progress": (21, 8.5, 5000)})
    f5 = statistics_form(row)
    assert found(check_anomalies({"F5": f5}, row, {}, past, Anomalies())) == [
        (
            "HS002",
            "附表5",
            "E5",
            "50",
            "附表5叶县本季度新注册工程项数填报为50，远高于本单位2024年第一季度至2024年第二季度的最大值5，"
            "请核实是否误填（面积单位、错列等）",
        ),
        (
            "HS002",
            "附表5",
            "J5",
            "5000",
            "附表5叶县本季度在建工程造价（万元）填报为5000，远低于本单位2024年第一季度至2024年第二季度的最小值40000，"
            "请核实是否误填（面积单位、错列等）",
        ),
    ]


def test_one_recorded_quarter_is_too_little_for_hs002():
    """jump_quarters = 2 by default: 2024Q2 alone says nothing about 新注册 50."""
    row = figures(**{**NOW, "new": (50, 2.0, 1000)})
    past = Past(UNIT, Q3, {(Q2, "F5"): recorded(**STEADY)})
    assert check_anomalies({"F5": statistics_form(row)}, row, {}, past, Anomalies()) == []


def copied_forward() -> tuple[StatisticsRow, dict[str, float], dict[str, CategoryRow], dict[str, float]]:
    """附表5 with 新注册 5 / 2 万㎡ / 1000 万元 and in progress 20 / 8 / 50000 (everything else 0,
    rates empty) and 附表6 with 住宅 新注册 1 / 0.5 / 100; the history's 2024Q2 holds the same."""
    row = figures(**STEADY)
    f5 = recorded(**STEADY, carried_over=(0, 0, 0), completed=(0, 0, 0), filed=(0, 0, 0))
    f5 |= {"accidents.count": 0, "accidents.deaths": 0, "accidents.loss": 0}
    categories = {"residential": CategoryRow("residential", new=Volume(1, 0.5, 100))}
    f6 = {
        f"residential.{k}": v
        for k, v in recorded(
            new=(1, 0.5, 100), completed=(0, 0, 0), filed=(0, 0, 0), in_progress=(0, 0, 0)
        ).items()
    }
    return row, f5, categories, f6


def test_a_form_equal_to_last_quarters_while_the_lists_changed_is_hs003():
    """Last quarter's 附表3 甲 乙 丙 丁, this one's 甲 乙 丙 戊: 丁 left and 戊 came, 2 changes ≥ 1;
    附表5 and 附表6 equal to 2024Q2's, not all zero: HS003 for each (附表5 at its first figure B5)."""
    row, f5_then, categories, f6_then = copied_forward()
    f3 = in_progress(
        ("YX-2024-001", "甲楼"), ("YX-2024-002", "乙楼"), ("YX-2023-009", "丙楼"), ("YX-2024-005", "戊楼")
    )
    f6 = ParsedForm(FORMS["F6"], "附表6")
    forms = {"F3": f3, "F5": statistics_form(row), "F6": f6}
    past = Past(UNIT, Q3, {(Q2, "F5"): f5_then, (Q2, "F6"): f6_then}, lists=LAST_QUARTER)
    how = "的全部数据与2024年第二季度完全相同，但附表3/附表4明细较上期有2项工程增减，疑为照抄上期报表"
    assert found(check_anomalies(forms, row, categories, past, Anomalies())) == [
        ("HS003", "附表5", "B5", None, f"附表5叶县{how}"),
        ("HS003", "附表6", None, None, f"附表6叶县{how}"),
    ]


def test_a_form_equal_to_last_quarters_with_the_same_lists_is_quiet():
    """The same four projects as last quarter: 0 changes < 1, no HS003; no lists kept: none either."""
    row, f5_then, categories, f6_then = copied_forward()
    f3 = in_progress(*((p.reg_no or "", p.project or "") for p in LAST_QUARTER))
    forms = {"F3": f3, "F5": statistics_form(row)}
    then = {(Q2, "F5"): f5_then, (Q2, "F6"): f6_then}
    assert (
        check_anomalies(forms, row, categories, Past(UNIT, Q3, then, lists=LAST_QUARTER), Anomalies()) == []
    )
    assert check_anomalies(forms, row, categories, Past(UNIT, Q3, then), Anomalies()) == []


# The past comes from the history once per file, and validate/ never reads the history


def test_validate_imports_nothing_from_the_history():
    """Every module qstat/validate/ imports (``from .. import x`` counts x): none is the history
    (qstat.history) or sqlite3."""
    modules = set()
    for path in (ROOT / "qstat" / "validate").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                modules.update([node.module] if node.module else [a.name for a in node.names])
            elif isinstance(node, ast.Import):
                modules.update(a.name for a in node.names)
    assert "past" in modules
    assert not [m for m in modules if m.split(".")[-1] in ("history", "sqlite3")]


def test_a_run_in_one_process_opens_one_connection_to_read_and_one_to_record(monkeypatch, tmp_path):
    """The samples' 2024Q2 then 2024Q3 consolidated in this process into one history: the second
    run reads (every file's past, the revisions) over one read-only connection and records over
    one more: 2 connections, where there was one per rule and file before."""
    from qstat import Config, consolidate

    samples = ROOT / "sample_workbooks"
    config = Config.load(samples / "qstat.toml")
    db = tmp_path / "history.sqlite"
    consolidate(samples / "2024Q2", "2024Q2", config, out=tmp_path / "q2", db=db, workers=1)
    opened = []
    connect = sqlite3.connect

    def counted(*args, **kwargs):
        opened.append(args[0])
        return connect(*args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", counted)
    result = consolidate(samples / "2024Q3", "2024Q3", config, out=tmp_path / "q3", db=db, workers=1)
    assert any(f.rule == "F5-006" for f in result.findings)  # the past was read
    assert [str(o).endswith("mode=ro") for o in opened] == [True, False]
