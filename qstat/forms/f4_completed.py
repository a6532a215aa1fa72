"""附表4 河南省建设工程质量监督竣工工程明细表 (completed projects)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..cells import ZERO_WORDS
from .f3_in_progress import Project, project_columns
from .spec import COUNTY, DATE, SOURCE_UNIT, TEXT, Column, FormSpec, normalise

# A 备案结论 that says the filing is still to come (未备案, 资料整理中, 待备案, 办理中, 暂缓, 不予备案).
# The template's formulas spell the same words (write/template.py _filed).
NOT_FILED_WORDS = ("未", "待", "整理", "办理中", "暂缓", "尚未", "不予", "退回")
# A 竣工验收结论 of 合格: it says 合格 and not 不合格 (验收合格; not 不合格, 整改中, 待验收). F4-006, the
# report's 竣工验收合格率 and the template's formulas (write/template.py _accepted) judge it so.
ACCEPTED_WORD, NOT_ACCEPTED_WORD = "合格", "不合格"


def is_accepted(verdict: str | None) -> bool:
    """Whether a 竣工验收结论 says 合格 and not 不合格 (the history keeps the conclusion as text)."""
    return ACCEPTED_WORD in (verdict or "") and NOT_ACCEPTED_WORD not in (verdict or "")


@dataclass
class CompletedProject(Project):
    completed_on: date | None = None  # 竣工日期
    acceptance: str | None = None  # 竣工验收结论
    filed_on: date | None = None  # 备案日期
    filing_result: str | None = None  # 备案结论

    @property
    def filed(self) -> bool:
        """备案 done: a 备案日期, or a 备案结论 that is not "未备案"/"资料整理中" (a mistyped date still
        means filed) nor a placeholder for none ("/", "—", "无")."""
        if self.filed_on is not None:
            return True
        result = normalise(self.filing_result or "")
        return (
            bool(result) and result not in ZERO_WORDS and not any(word in result for word in NOT_FILED_WORDS)
        )

    @property
    def accepted(self) -> bool:
        """竣工验收 passed: the 竣工验收结论 says 合格 and not 不合格."""
        return is_accepted(self.acceptance)


SPEC = FormSpec(
    code="F4",
    blank_rows=40,
    seal="公章",
    number=4,
    title="河南省建设工程质量监督竣工工程明细表",
    title_pattern=r"竣工工程(监督)?明细表|竣工工程一览表",
    columns=(
        *project_columns(),
        Column("completed_on", "竣工\n日期", r"竣工日期|竣工时间", DATE, "", 11),
        Column("acceptance", "竣工验收结论", r"验收结论|验收意见", TEXT, "", 12),
        Column("filed_on", "备案\n日期", r"备案日期|备案时间", DATE, "", 11),
        Column("filing_result", "备案\n结论", r"备案结论|备案意见", TEXT, "", 10),
        SOURCE_UNIT,
        COUNTY,
    ),
    must_fill=("reg_no", "project", "area_m2", "builder", "completed_on", "acceptance"),
)
