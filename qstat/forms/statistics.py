"""Records shared by the statistics forms: F5 (quarterly) and F7 (annual) rows, F6 categories.

Sums add counts, areas, costs, deaths and losses; rates are never added or averaged: they are
recomputed from the sums (filing rate = filed / completed), and the satisfaction rate is
weighted by the filed count. A rate with a zero denominator is None (printed empty).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class Volume:
    """项数 / 面积（万㎡）/ 造价（万元）."""

    count: float = 0.0
    area: float = 0.0
    cost: float = 0.0

    def __add__(self, other: Volume) -> Volume:
        return Volume(self.count + other.count, self.area + other.area, self.cost + other.cost)


@dataclass
class Accidents:
    """本季度发生工程质量事故: 项数 / 死亡人数 / 经济损失（万元）."""

    count: float = 0.0
    deaths: float = 0.0
    loss: float = 0.0

    def __add__(self, other: Accidents) -> Accidents:
        return Accidents(self.count + other.count, self.deaths + other.deaths, self.loss + other.loss)


@dataclass
class Rates:
    """季度质量备案率（%）: by 项数 and by 面积."""

    count: float | None = None
    area: float | None = None


def rate(numerator: float, denominator: float) -> float | None:
    """A percentage, or None when the denominator is zero (empty, not 0, not an error).

    The figures are bounded (parse.py), so a rate overflows only over a denominator too small
    to print (an area of 1e-300 万㎡): that rate is none either, never infinity.
    """
    if not denominator:
        return None
    value = numerator / denominator * 100
    return value if math.isfinite(value) else None


@dataclass
class StatisticsRow:
    """One row of 附表5 or 附表7: a unit (or the 合计) and its figures."""

    unit: str | None = None  # 市、县（市）
    carried_over: Volume = field(default_factory=Volume)  # 上季度接转工程
    new: Volume = field(default_factory=Volume)  # 本季度新注册工程
    in_progress: Volume = field(default_factory=Volume)  # 本季度在建工程
    completed: Volume = field(default_factory=Volume)  # 本季度竣工工程
    filed: Volume = field(default_factory=Volume)  # 本季度质量备案工程
    filing_rate: Rates = field(default_factory=Rates)  # 季度质量备案率（%）
    satisfaction_rate: float | None = None  # 用户满意率（%）
    accidents: Accidents = field(default_factory=Accidents)  # 本季度发生工程质量事故

    def computed_filing_rate(self) -> Rates:
        return Rates(rate(self.filed.count, self.completed.count), rate(self.filed.area, self.completed.area))


VOLUMES = ("carried_over", "new", "in_progress", "completed", "filed")


def sum_rows(rows: list[StatisticsRow], unit: str | None = None) -> StatisticsRow:
    """The sum of rows with rates recomputed: the unit's or the office's figures."""
    total = StatisticsRow(unit=unit)
    weighted, weight = 0.0, 0.0
    for row in rows:
        for name in VOLUMES:
            setattr(total, name, getattr(total, name) + getattr(row, name))
        total.accidents = total.accidents + row.accidents
        if row.satisfaction_rate is not None and row.filed.count:
            weighted += row.satisfaction_rate * row.filed.count
            weight += row.filed.count
    total.filing_rate = total.computed_filing_rate()
    # Nothing filed: no rate, whatever was typed ("—" for an empty rate reads as 0).
    total.satisfaction_rate = weighted / weight if weight else None
    return total


CATEGORIES = ("residential", "affordable_housing", "public", "large_public", "steel", "county")


@dataclass
class CategoryRow:
    """One row of 附表6."""

    category: str  # residential, affordable_housing, public, large_public, steel, county
    new: Volume = field(default_factory=Volume)  # 本季/年新注册项目
    completed: Volume = field(default_factory=Volume)  # 本季/年竣工工程
    filed: Volume = field(default_factory=Volume)  # 本季/年质量备案工程
    filing_rate: float | None = None  # 备案率（项%）
    in_progress: Volume = field(default_factory=Volume)  # 本季/年在建工程


def sum_categories(rows: Iterable[CategoryRow]) -> dict[str, CategoryRow]:
    """Category rows summed per category (over units, or a unit's county blocks), filing rate
    recomputed by count."""
    totals = {c: CategoryRow(c) for c in CATEGORIES}
    for row in rows:
        t = totals[row.category]
        t.new, t.completed = t.new + row.new, t.completed + row.completed
        t.filed, t.in_progress = t.filed + row.filed, t.in_progress + row.in_progress
    for t in totals.values():
        t.filing_rate = rate(t.filed.count, t.completed.count)
    return totals
