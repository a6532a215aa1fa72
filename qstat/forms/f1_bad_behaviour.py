"""附表1 河南省建设工程有关责任主体及相关责任人员不良行为记录统计表 (bad-behaviour records)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .spec import DATE, PROSE, TEXT, Column, FormSpec


@dataclass
class BadBehaviour:
    record_no: str | None = None  # 记录编号
    project: str | None = None  # 工程名称
    party: str | None = None  # 责任单位
    person: str | None = None  # 责任人 姓名
    title: str | None = None  # 责任人 职务
    fact: str | None = None  # 不良行为事实
    clause: str | None = None  # 对应省不良记录管理办法条款
    recorder: str | None = None  # 记录人
    recorded_on: date | None = None  # 记录日期
    approver: str | None = None  # 批准人
    approved_on: date | None = None  # 批准日期


SPEC = FormSpec(
    code="F1",
    number=1,
    title="河南省建设工程有关责任主体及相关责任人员不良行为记录统计表",
    title_pattern=r"不良行为记录(统计)?表",
    columns=(
        Column("record_no", "记录\n编号", r"^[^|]*编号", TEXT, "", 13),
        Column("project", "工程名称", r"工程名称", TEXT, "", 22),
        Column("party", "责任单位", r"^[^|]*责任单位", TEXT, "", 22),
        Column("person", "姓名", r"责任人.*\|.*姓名|^姓名", TEXT, "责  任  人", 8),
        Column("title", "职务", r"责任人.*\|.*职务|^职务", TEXT, "责  任  人", 8),
        Column("fact", "不良行为事实", r"不良行为", PROSE, "", 28),
        Column("clause", "对应省不良记录管理办法条款", r"条款", PROSE, "", 16),
        Column("recorder", "记录人", r"^记录人", TEXT, "", 8),
        Column("recorded_on", "记录\n日期", r"^记录日期", DATE, "", 11),
        Column("approver", "批准人", r"^批准人", TEXT, "", 8),
        Column("approved_on", "批准\n日期", r"^批准日期", DATE, "", 11),
    ),
    notes=("备注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测机构、"
           "施工图审查机构及其它有关单位。"),
    footer="填表人：              批准人：              填表日期：",
    must_fill=("record_no", "project", "party", "fact", "recorded_on"),
)
