"""The unit's past as data: what the cross-period rules read from the history, as one value.

examine loads it once per file (``history.load_past``, one query pass) and hands it to
validate/, which never reads the history itself: a rule against earlier periods is a function
of the workbook and this value, and is tested with a Past built by hand, without SQLite.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .periods import Period

Figures = Mapping[str, float | None]  # a form's recorded figures by field key (附表6: category.key)


@dataclass
class ListedProject:
    """A row of 附表3 (in progress) or 附表4 (completed) as the history keeps it."""

    form: str  # F3 | F4
    reg_no: str | None  # 工程质量监督注册号
    project: str | None  # 工程名称
    structure: str | None  # 结构类型
    area_m2: float | None  # 建筑面积（平方米）
    cost: float | None  # 工程造价（万元）
    builder: str | None  # 施工单位
    supervisor: str | None  # 监理单位
    progress: str | None  # 形象进度 (附表3 only)
    sheet: str  # where it was listed: the sheet and its row as Excel numbers it
    row: int
    file: str = ""  # the workbook it came from (set when recorded)
    acceptance: str | None = None  # 竣工验收结论 (附表4 only)
    filed: bool | None = None  # 备案 done (附表4 only: a 备案日期 or a 备案结论 not 未备案)


def window(period: Period) -> tuple[Period, ...]:
    """The periods whose figures a Past holds: the year before and the period's year, each year
    and its quarters, other than the period itself. Every rule looks back no further: 上期接转
    (Q1: last year's 附表7 too), the year's quarters, the last four quarters of HS002."""
    years = (Period(y) for y in (period.year - 1, period.year))
    return tuple(p for y in years for p in (y, *y.quarters) if p != period)


StockSource = tuple[Period, str]  # (period, form code) where a stock at a period's end is recorded


def stock_sources(period: Period) -> list[StockSource]:
    """Where the unit's in-progress stock at the end of the period before ``period`` (its 接转)
    is recorded, in order of preference: F5-006/F7-004 compare with it, the template prefills it.
    A Q1 falls back on last year's 附表7, a year on its last quarter."""
    previous = period.previous()
    if period.is_annual:
        return [(previous, "F7"), (Period(previous.year, 4), "F5")]
    sources = [(previous, "F5")]
    if period.quarter == 1:
        sources.append((Period(previous.year), "F7"))
    return sources


@dataclass(frozen=True)
class Past:
    """What the history holds of one unit (``unit``) before ``period``.

    ``recorded``: its figures of 附表5, 附表6 and 附表7 by (period, form), for the periods of
    ``window(period)``; a period the history lacks is absent.
    ``lists``: its 附表3/附表4 rows of the previous period (form, then row order); None when the
    history has no lists of it (not consolidated, or by a qstat that kept none).
    ``reg_nos``: every 注册号 it listed (附表3 or 附表4) in the quarters before ``period``.
    """

    unit: str
    period: Period
    recorded: Mapping[tuple[Period, str], Figures] = field(default_factory=dict)
    lists: tuple[ListedProject, ...] | None = None
    reg_nos: frozenset[str] = frozenset()

    def figures(self, earlier: Period, form: str = "F5") -> Figures:
        """The unit's figures of a form of an earlier period; empty when the history has none.
        A period outside the window is a mistake in a rule, not a missing period."""
        if earlier not in window(self.period):
            raise ValueError(f"{earlier} is outside the past loaded for {self.period}")
        return self.recorded.get((earlier, form), {})
