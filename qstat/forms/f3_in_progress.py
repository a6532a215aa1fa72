"""附表3 河南省建设工程质量监督在建工程明细表 (projects under construction)."""

from __future__ import annotations

from dataclasses import dataclass

from .spec import AREA, COUNTY, NUMBER, SOURCE_UNIT, TEXT, Column, FormSpec, Origin


@dataclass
class Project(Origin):
    """The fields 附表3 and 附表4 share."""

    reg_no: str | None = None  # 工程质量监督注册号
    project: str | None = None  # 工程名称
    structure: str | None = None  # 结构类型
    area_m2: float | None = None  # 建筑面积（平方米）
    cost: float | None = None  # 工程造价（万元）
    builder: str | None = None  # 施工单位
    supervisor: str | None = None  # 监理单位


@dataclass
class InProgressProject(Project):
    progress: str | None = None  # 形象进度
    remarks: str | None = None  # 备注


def project_columns() -> tuple[Column, ...]:
    """序号 … 监理单位: the columns 附表3 and 附表4 share."""
    return (
        Column("seq", "序号", r"^序号", TEXT, "", 5, required=False),
        Column("reg_no", "工程质量监督注册号", r"注册号|监督号|编号", TEXT, "", 19),
        Column("project", "工程名称", r"工程名称|项目名称", TEXT, "", 24),
        Column("structure", "结构\n类型", r"结构", TEXT, "", 8),
        Column("area_m2", "建筑面积\n（平方米）", r"面积", AREA, "", 11),
        Column("cost", "工程造价\n（万元）", r"造价", NUMBER, "", 10),
        Column("builder", "施工单位", r"施工单位", TEXT, "", 26),
        Column("supervisor", "监理单位", r"监理单位", TEXT, "", 24),
    )


SPEC = FormSpec(
    code="F3",
    stock=True,
    blank_rows=60,
    seal="公章",
    number=3,
    title="河南省建设工程质量监督在建工程明细表",
    title_pattern=r"在建工程(监督)?明细表|在建工程一览表",
    columns=(
        *project_columns(),
        Column("progress", "形象进度", r"进度", TEXT, "", 12),
        Column("remarks", "备注", r"^备注", TEXT, "", 10, required=False),
        SOURCE_UNIT,
        COUNTY,
    ),
    must_fill=("reg_no", "project", "area_m2", "builder"),
)
