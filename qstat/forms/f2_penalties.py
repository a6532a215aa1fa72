"""附表2 河南省建设工程质量责任主体行政处罚记录表 (administrative penalties)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .spec import COUNTY, DATE, PROSE, SOURCE_UNIT, TEXT, Column, FormSpec, Origin


@dataclass
class Penalty(Origin):
    record_no: str | None = None  # 记录编号
    project: str | None = None  # 工程名称
    party: str | None = None  # 责任单位
    date: date | None = None  # 时间
    fact: str | None = None  # 违法违规事实
    basis: str | None = None  # 处罚依据
    penalty: str | None = None  # 处罚内容
    status: str | None = None  # 处罚情况
    handling: str | None = None  # 处理情况


SPEC = FormSpec(
    code="F2",
    conduct="penalties",
    blank_rows=20,
    seal="公章",
    number=2,
    title="河南省建设工程质量责任主体行政处罚记录表",
    title_pattern=r"行政处罚(记录|情况)(统计)?表",
    columns=(
        Column("record_no", "记录编号", r"编号", TEXT, "", 12),
        Column("project", "工程名称", r"工程名称", TEXT, "", 22),
        Column("party", "责任单位", r"责任单位", TEXT, "", 22),
        Column("date", "时间", r"^(处罚)?(时间|日期)", DATE, "", 11),
        Column("fact", "违法违规事实", r"违法|违规", PROSE, "", 28),
        Column("basis", "处罚依据", r"依据", PROSE, "", 18),
        Column("penalty", "处罚内容", r"处罚内容", PROSE, "", 16),
        Column("status", "处罚情况", r"处罚情况", PROSE, "", 12),
        Column("handling", "处理情况", r"处理情况", PROSE, "", 12),
        SOURCE_UNIT,
        COUNTY,
    ),
    notes=(
        "注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测单位、"
        "施工图审查机构及其它有关单位。"
    ),
    footer="填表人：              批准人：              填表日期：",
    must_fill=("record_no", "project", "party", "date", "fact", "penalty"),
)
