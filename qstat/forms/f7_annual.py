"""附表7 河南省建设工程质量监督年度统计表 (annual statistics): as 附表5, for the year.

The seed's 本年度备案工程 group has 项数 and 面积 only (no 造价).
"""

from __future__ import annotations

from .f5_quarterly import statistics_columns
from .spec import STATISTICS_NOTES, FormKind, FormSpec

SPEC = FormSpec(
    code="F7",
    annual=True,
    number=7,
    title="河南省建设工程质量监督年度统计表",
    title_pattern=r"(?<!季)(?<!分类)年度统计表",
    columns=statistics_columns(
        {
            "carried_over": "上年度接转工程",
            "new": "本年度新注册工程",
            "in_progress": "截止到年底在建\n工程",
            "completed": "截止到年底竣工\n工程",
            "filed": "本年度备案工程",
            "filing_rate": "本年度质量备案率（%）",
            "accidents": "本年度发生工程\n质量事故",
        },
        filed_cost=False,
    ),
    area_unit="wan_m2",
    kind=FormKind.STATISTICS,
    notes=STATISTICS_NOTES,
)
