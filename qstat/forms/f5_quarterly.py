"""附表5 河南省建设工程质量监督季度统计表 (quarterly statistics): one row per unit + 合计."""

from __future__ import annotations

from .spec import COUNT, NUMBER, PERCENT, STATISTICS_NOTES, TEXT, Column, FormKind, FormSpec
from .spec import volume_columns as vol


def statistics_columns(groups: dict[str, str], filed_cost: bool = True) -> tuple[Column, ...]:
    """The columns of 附表5/附表7; the group texts differ, and 附表7 has no 备案 造价.

    Some clerks put a 序号 column of their own before the unit's name: it is read (and
    ignored) so that the name column is the unit's.
    """
    return (
        Column("seq", "序号", r"^序号\|", TEXT, "", 5, required=False, printed=False),
        Column("unit", "市、县\n（市）\n序号", r"^[^|]*(市|县|区|序号|单位|地区|名称)", TEXT, "", 12),
        *vol("carried_over", groups["carried_over"], "接转"),
        *vol("new", groups["new"], "新注册"),
        *vol("in_progress", groups["in_progress"], "在建"),
        *vol("completed", groups["completed"], "竣工"),
        *vol("filed", groups["filed"], r"备案(工程)?(?=\|)", cost=filed_cost),
        Column("filing_rate.count", "项数", r"备案率.*\|.*项数", PERCENT, groups["filing_rate"], 6),
        Column("filing_rate.area", "面积", r"备案率.*\|.*面积", PERCENT, groups["filing_rate"], 6),
        Column("satisfaction_rate", "用户\n满意率\n（%）", r"满意", PERCENT, "", 7),
        Column("accidents.count", "项数", r"事故.*\|.*项数", COUNT, groups["accidents"], 5),
        Column("accidents.deaths", "死亡人数", r"事故.*\|.*死亡", COUNT, groups["accidents"], 6),
        Column(
            "accidents.loss", "经济损失\n（万元）", r"事故.*\|.*(损失|经济)", NUMBER, groups["accidents"], 8
        ),
    )


SPEC = FormSpec(
    code="F5",
    number=5,
    title="河南省建设工程质量监督季度统计表",
    title_pattern=r"季度统计表",
    columns=statistics_columns(
        {
            "carried_over": "上季度接转工程",
            "new": "本季度新注册工程",
            "in_progress": "本季度在建工程",
            "completed": "本季度竣工工程",
            "filed": "本季度质量备案\n工程",
            "filing_rate": "季度质量\n备案率（%）",
            "accidents": "本季度发生工程质量事故",
        }
    ),
    area_unit="wan_m2",
    kind=FormKind.STATISTICS,
    notes=STATISTICS_NOTES,
)
