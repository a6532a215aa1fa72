"""Word lists and plain checks that replaced regexes (issue 24: `re` compiles an alternation of
Chinese words in pure Python, 0.1-1.6 ms each, on every start). Each test names the texts the
check must and must not accept, and holds the regex it replaced: both say the same of each text.
Texts are as the callers pass them: normalised (full-width folded, no spaces)."""

from __future__ import annotations

import re

import pytest

from qstat.forms import FORMS
from qstat.forms.f1_bad_behaviour import party_type
from qstat.forms.f4_completed import NOT_FILED_WORDS, CompletedProject
from qstat.forms.f6_categories import category_of
from qstat.forms.score_sheet import TITLE_PATTERN
from qstat.locate import _is_numbering_row, _may_be_header, row_role
from qstat.places import heading


def _agrees(old: str, texts: dict[str, bool], check, how: str = "search") -> None:
    for text, expected in texts.items():
        assert bool(check(text)) is expected, text
        assert bool(getattr(re, how)(old, text)) is expected, text


def test_place_heading():
    """places._is_place replaced ^[\\u4e00-\\u9fff]{1,14}(县|区|市|旗|本级|市直)$ (heading())."""
    old = r"^[\u4e00-\u9fff]{1,14}(县|区|市|旗|本级|市直)$"
    texts = {
        "叶县": True,
        "川汇区": True,
        "汝州市": True,
        "市本级": True,
        "平顶山市直": True,
        "额济纳旗": True,
        "平顶山市区": True,
        "县区": True,
        "一二三四五六七八九十一二三四县": True,  # 14 before 县
        "一二三四五六七八九十一二三四五县": False,  # 15
        "县": False,
        "本级": False,
        "市直": False,
        "": False,
        "叶县(修改)": False,
        "A县": False,
        "叶县质监站": False,
        "宝丰县住宅": False,
        "㐀县": False,  # U+3400, outside the range
    }
    _agrees(old, texts, lambda t: heading(t) == t, "match")


def test_heading_numbering():
    """The numbering heading() strips (its regex, now compiled on first use) and what is left."""
    assert heading("一、川汇区") == "川汇区"
    assert heading("(一)中牟县") == "中牟县"
    assert heading("1.叶县") == "叶县"
    assert heading("二、县(市)") == "县(市)"
    assert heading("1、") is None
    assert heading("一、工程名称") is None


def test_footer_unit_line_summed_note():
    """locate: FOOTER, _UNIT_LINE, SUMMED and NOTE as words (startswith / in)."""
    spec = FORMS["F3"]
    assert row_role(["合计"], spec).name == "TOTAL"
    assert row_role(["市区小计"], spec).name == "SUBTOTAL"
    assert row_role(["全市合计"], spec).name == "TOTAL"
    assert row_role(["市区合计"], spec).name == "SUBTOTAL"  # SUMMED: 合计 not at the start
    assert row_role(["1", "本县总计"], spec).name == "SUBTOTAL"
    assert row_role(["其中:住宅"], spec).name == "NOTE"
    assert row_role(["住宅其中"], spec).name == "RECORD"
    assert row_role(["叶县人民医院"], spec).name == "RECORD"


def test_header_words():
    """locate._may_be_header: _HEADER_WORDS replaced the alternation of header words."""
    old = (
        r"序号|编号|注册号|名称|单位|日期|时间|面积|造价|项数|类型|结论|进度|事实|依据|"
        r"内容|情况|责任人|记录人|批准人|备注|项目|满意率|备案率|死亡|损失|接转|新注册|"
        r"在建|竣工|备案工程|事故"
    )
    words = {"工程名称": True, "监督注册号": True, "竣工日期": True, "备案工程": True, "备注": True}
    values = {"叶县人民医院": False, "张三": False, "2024-07-01": False, "合格": False}
    for text, expected in (words | values).items():
        assert bool(re.search(old, text)) is expected, text
    assert _may_be_header(list(words)[:3])
    assert not _may_be_header(["工程名称", "叶县人民医院", "张三"])
    assert not _may_be_header(["工程名称", "建设单位", 3])


def test_column_marks():
    """locate._is_numbering_row: the 栏次 marks as a set, not ^(栏次|…|[甲乙…])$."""
    assert _is_numbering_row(["甲", "乙", "丙", "丁"], [0, 1, 2, 3])
    assert _is_numbering_row(["栏次", "1", "2", "3"], [0, 1, 2, 3])
    assert _is_numbering_row(["甲", "乙", 1, 2, 3], [0, 1, 2, 3, 4])
    assert not _is_numbering_row(["甲乙", "乙", "丙"], [0, 1, 2])
    assert not _is_numbering_row(["叶县", "乙", "丙"], [0, 1, 2])
    assert not _is_numbering_row(["甲", "乙", 1, 3, 4], [0, 1, 2, 3, 4])


def test_not_filed_words():
    """附表4 备案结论: any of NOT_FILED_WORDS (was their alternation) means not filed yet."""
    old = "|".join(NOT_FILED_WORDS)

    def filed(text: str) -> bool:
        return CompletedProject(filing_result=text).filed

    texts = {"已备案": True, "备案": True, "合格": True, "未备案": False, "资料整理中": False}
    texts |= {"待备案": False, "办理中": False, "暂缓备案": False, "不予备案": False, "退回": False}
    for text, expected in texts.items():
        assert filed(text) is expected, text
        assert (not re.search(old, text)) is expected, text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("叶县施工图审查中心", "drawing_review"),
        ("河南省建设工程检测有限公司", "testing"),
        ("平顶山监理公司", "supervisor"),
        ("河南勘测院", "surveyor"),
        ("中原设计研究院", "designer"),
        ("叶县房地产开发有限公司", "developer"),
        ("某某置业", "developer"),
        ("河南省第一建筑工程有限公司", "builder"),
        ("某某装饰", "builder"),
        ("叶县人民医院", "other"),
        ("", "other"),
        (None, "other"),
    ],
)
def test_party_type(name, expected):
    """附表1 责任单位 type by the words of its name (were alternations, first type wins)."""
    assert party_type(name) == expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("住宅工程", "residential"),
        ("住  宅  工  程", "residential"),
        ("保障性安居工程", "affordable_housing"),
        ("其中:安居工程", "affordable_housing"),
        ("大型公共建筑工程(2万平方米以上)", "large_public"),
        ("公共建筑工程", "public"),
        ("公建", "public"),
        ("钢结构工程", "steel"),
        ("县(区)工程", "county"),
        ("合计", None),
    ],
)
def test_category_words(label, expected):
    """附表6 row labels by their words (were alternations, checked in the same order)."""
    assert category_of(label) == expected


def test_score_title():
    """The score sheet's title: 评分表|打分表 finds all that 考核评分表|自评打分表|评分表|打分表 did."""
    old = r"考核评分表|自评打分表|评分表|打分表"
    texts = {"河南省保障性安居工程质量管理年工作考核评分表": True, "自评打分表": True, "评分表": True}
    texts |= {"打分表": True, "评分标准": False, "在建工程明细表": False}
    _agrees(old, texts, lambda t: re.search(TITLE_PATTERN, t))
