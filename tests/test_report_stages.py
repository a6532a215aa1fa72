"""Section 四: 附表3's stock by construction stage (qstat.write.report.projects.STAGE_RULES).

The stage of each 形象进度 entry is read by hand from the rule table (停工 first, then the furthest
stage named); counts and shares below are worked out by hand, each share from its own count.
"""

from collections.abc import Sequence

import pytest

from qstat.periods import Period
from qstat.write.report.data import ReportData, Snapshot
from qstat.write.report.projects import Stage, stage, stages_draft


def _draft(progress: Sequence[str | None]) -> str:
    """The section 四 sentence of a quarter whose 附表3 (unit 甲县) holds these 形象进度 entries; a
    row of 乙县 (not in the totals) at 停工 is never counted."""
    rows = [{"form": "F3", "unit": "甲县", "progress": p} for p in progress]
    rows += [
        {"form": "F3", "unit": "乙县", "progress": "停工"},
        {"form": "F4", "unit": "甲县", "progress": None},
    ]
    s = Snapshot(Period.parse("2024Q3"), "平顶山市", {}, ["甲县"], projects=rows)
    (text,) = stages_draft(ReportData(s, None, None, [s]), "本季度")
    return text


@pytest.mark.parametrize(
    "progress, expected",
    [
        ("主体１２层", Stage.MAIN_STRUCTURE),  # full-width digits
        ("主体完成", Stage.MAIN_STRUCTURE),
        ("主体已封顶", Stage.MAIN_STRUCTURE),
        ("主体结构验收", Stage.MAIN_STRUCTURE),  # the stage's own 验收, not 竣工验收
        ("钢结构安装", Stage.MAIN_STRUCTURE),
        ("基础施工", Stage.FOUNDATION),
        ("桩基施工", Stage.FOUNDATION),
        ("地下2层", Stage.FOUNDATION),
        ("±０.000以下", Stage.FOUNDATION),
        ("砌体施工", Stage.FINISHING),
        ("装饰装修", Stage.FINISHING),
        ("外墙保温", Stage.FINISHING),
        ("主体完成，装修施工", Stage.FINISHING),  # the furthest stage named
        ("竣工验收阶段", Stage.COMPLETING),
        ("室外配套", Stage.COMPLETING),
        ("已完工未验收", Stage.COMPLETING),
        ("停工", Stage.STOPPED),
        ("主体施工（缓建）", Stage.STOPPED),  # 停工 above any stage
        ("三通一平", Stage.NOT_STARTED),
        ("未开工", Stage.NOT_STARTED),
        ("已完成", Stage.OTHER),
        ("", Stage.BLANK),
        ("  ", Stage.BLANK),
        (None, Stage.BLANK),
    ],
)
def test_each_entry_is_read_as_one_stage(progress, expected):
    assert stage(progress) is expected


def test_the_stock_by_stage_in_stage_order_with_each_share_and_the_large_other_named():
    """20 rows: 未开工 1 (三通一平); 基础 2 (基础施工, 桩基施工); 主体 5 (主体１２层, 主体完成,
    主体已封顶, 主体施工 ×2); 二次结构/装修/安装 4 (砌体施工, 装饰装修, 外墙保温, 主体完成，装修施工);
    竣工收尾 1 (竣工验收阶段); 停工 1; 其他 3 (已完成 ×2, 形象进度见附件); 未填写 3 ("", None, "  ").
    1+2+5+4+1+1+3+3 = 20. Shares of 20: 5.0, 10.0, 25.0, 20.0, 5.0, 5.0, 15.0, 15.0 (sum 100.0).
    其他 15.0% >= 5%: its 2 distinct entries named, most frequent first, no 等."""
    progress: list[str | None] = [
        "主体１２层",
        "主体完成",
        "主体已封顶",
        "主体施工",
        "主体施工",
        "基础施工",
        "桩基施工",
    ]
    progress += ["砌体施工", "装饰装修", "外墙保温", "竣工验收阶段", "停工", "", None, "三通一平"]
    progress += ["已完成", "已完成", "形象进度见附件", "  ", "主体完成，装修施工"]
    assert _draft(progress) == (
        "本季度末在监工程20项（附表3），按形象进度分：未开工（前期）1项（占5.0%）、基础施工2项（占10.0%）、"
        "主体结构施工5项（占25.0%）、二次结构及装修安装4项（占20.0%）、室外配套及竣工收尾1项（占5.0%）、"
        "停工缓建1项（占5.0%）、其他3项（占15.0%，其中“已完成”2项、“形象进度见附件”1项）、"
        "未填写3项（占15.0%）。【请核实】"
    )


def test_each_share_is_its_own_count_rounded():
    """6 rows: 主体 3 = 50.0%; 基础, 装修, 竣工 1 each = 1/6 = 16.666… -> 16.7%. The printed shares
    add to 100.1 by rounding alone (3+1+1+1 = 6 rows); a stage with no row is not named."""
    text = _draft(["主体3层", "主体4层", "主体封顶", "基础施工", "装修", "竣工"])
    assert "按形象进度分：基础施工1项（占16.7%）、主体结构施工3项（占50.0%）、" in text
    assert "二次结构及装修安装1项（占16.7%）、室外配套及竣工收尾1项（占16.7%）。" in text
    assert "未开工" not in text and "停工" not in text


def test_a_small_other_is_a_count_and_a_large_one_names_three_entries_and_more():
    """21 rows, 1 其他: 1/21 = 4.76…% -> 4.8%, below 5%: no entries named. 10 rows, 3 主体 and 7
    其他 (甲 3, 乙 2, 丙 1, 丁 1): 70.0%, the first three named (丙 before 丁, as met) and 等."""
    small = _draft(["主体施工"] * 20 + ["已完成"])
    assert small.endswith("主体结构施工20项（占95.2%）、其他1项（占4.8%）。【请核实】")  # 20/21 = 95.238…
    large = _draft(["主体施工"] * 3 + ["甲", "甲", "甲", "乙", "乙", "丙", "丁"])
    assert large.endswith("其他7项（占70.0%，其中“甲”3项、“乙”2项、“丙”1项等）。【请核实】")
