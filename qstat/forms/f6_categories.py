"""附表6 河南省建设工程质量监督季（年）度分类统计表 (category statistics)."""

from __future__ import annotations

from .spec import PERCENT, TEXT, Column, FormKind, FormSpec, normalise
from .spec import volume_columns as vol

SPEC = FormSpec(
    code="F6",
    number=6,
    kind=FormKind.CATEGORIES,
    title="河南省建设工程质量监督季（年）度分类统计表",
    title_pattern=r"分类统计表",
    columns=(
        Column("category", "项  目", r"^[^|]*(项目|类别|分类|工程类型)", TEXT, "", 24),
        *vol("new", "本季/年新注册项目", "新注册"),
        *vol("completed", "本季/年竣工工程", "竣工"),
        *vol("filed", "本季/年质量备案工程", r"备案(工程)?(?=\|)"),
        Column("filing_rate", "备案率\n（项%）", r"备案率", PERCENT, "本季/年质量备案工程", 7),
        *vol("in_progress", "本季/年在建工程", "在建"),
    ),
    area_unit="wan_m2",
)

# Row labels as printed, and how a submitted row label is recognised (checked in this order:
# 大型公共建筑 before 公共建筑).
CATEGORY_LABELS = {
    "residential": "住宅工程",
    "affordable_housing": "保障性安居工程",
    "public": "公共建筑工程",
    "large_public": "大型公共建筑工程（2万平方米以上）",
    "steel": "钢结构\n工程",
    "county": "县（区）\n工程",
}
_CATEGORY_WORDS = (
    ("affordable_housing", ("保障", "安居")),
    ("large_public", ("大型",)),
    ("public", ("公共建筑", "公建")),
    ("residential", ("住宅",)),
    ("steel", ("钢结构",)),
    ("county", ("县", "区")),
)


def category_of(label: str) -> str | None:
    """Which 附表6 row a submitted row label means, if any."""
    label = normalise(label)  # "住  宅  工  程", spaced out as the seed spaces "项  目"
    for category, words in _CATEGORY_WORDS:
        if any(w in label for w in words):
            return category
    return None
