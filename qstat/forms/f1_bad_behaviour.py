"""附表1 河南省建设工程有关责任主体及相关责任人员不良行为记录统计表 (bad-behaviour records)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .spec import COUNTY, DATE, PROSE, SOURCE_UNIT, TEXT, Column, FormSpec, Origin


@dataclass
class BadBehaviour(Origin):
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
    conduct="bad_behaviour",
    blank_rows=20,
    seal="公章",
    signature_above=True,
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
        SOURCE_UNIT,
        COUNTY,
    ),
    notes=(
        "备注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测机构、"
        "施工图审查机构及其它有关单位。"
    ),
    footer="填表人：              批准人：              填表日期：",
    must_fill=("record_no", "project", "party", "fact", "recorded_on"),
)

# 责任单位 types for the report (第十条 7(6)), in the order the 备注 lists them, with the name
# keywords that decide a party's type; checked in this order (监理 before 建设工程, 审图 before 设计).
PARTY_TYPES = {
    "developer": "建设",
    "surveyor": "勘察",
    "designer": "设计",
    "builder": "施工",
    "supervisor": "监理",
    "testing": "检测",
    "drawing_review": "施工图审查",
    "other": "其它",
}
_PARTY_KEYWORDS = (  # the first type with a word in the name
    ("drawing_review", ("审图", "施工图审查")),
    ("testing", ("检测",)),
    ("supervisor", ("监理",)),
    ("surveyor", ("勘察", "勘测")),
    ("designer", ("设计",)),
    ("developer", ("建设单位", "开发", "置业", "房地产", "地产")),
    (
        "builder",
        ("施工", "建筑", "建工", "建设工程", "建设集团", "建设有限", "工程有限", "工程公司", "安装", "装饰"),
    ),
)


def party_type(party: str | None) -> str:
    """The type of a 责任单位 from its name (施工单位 for 某某建筑工程有限公司), else "other"."""
    name = party or ""
    return next((key for key, words in _PARTY_KEYWORDS if any(w in name for w in words)), "other")
