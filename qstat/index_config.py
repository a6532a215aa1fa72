"""The 质量指数's components and the [index] table of qstat.toml that weighs them.

Apart from qstat/index.py (which computes the index from the history) so that the configuration
can load it without the history; docs/commands.md documents every default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Component(Enum):
    """The parts of the index, each scored 0-100."""

    FILING_COUNT = "filing_count"  # 备案率（项数）: the rate, at most 100
    FILING_AREA = "filing_area"  # 备案率（面积）
    SATISFACTION = "satisfaction"  # 用户满意率
    ACCIDENTS = "accidents"  # 质量事故 per 100 projects in progress
    DEATHS = "deaths"  # 事故死亡人数 per 100 projects in progress
    BAD_BEHAVIOUR = "bad_behaviour"  # 不良行为记录 (附表1) per 100 projects in progress
    PENALTIES = "penalties"  # 行政处罚 (附表2) per 100 projects in progress
    SELF_SCORE = "self_score"  # 自评得分 (考核评分表 total, where sent)
    TIMELINESS = "timeliness"  # 报送及时: on time, late or 未报
    CORRECTNESS = "correctness"  # 报送准确: error findings of the workbook

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    Component.FILING_COUNT: "备案率（项数）",
    Component.FILING_AREA: "备案率（面积）",
    Component.SATISFACTION: "用户满意率",
    Component.ACCIDENTS: "质量事故",
    Component.DEATHS: "事故死亡人数",
    Component.BAD_BEHAVIOUR: "不良行为记录",
    Component.PENALTIES: "行政处罚",
    Component.SELF_SCORE: "自评得分",
    Component.TIMELINESS: "报送及时",
    Component.CORRECTNESS: "报送准确",
}
DEFAULT_WEIGHTS = {
    Component.FILING_COUNT: 20.0,
    Component.FILING_AREA: 10.0,
    Component.SATISFACTION: 20.0,
    Component.ACCIDENTS: 10.0,
    Component.DEATHS: 10.0,
    Component.BAD_BEHAVIOUR: 5.0,
    Component.PENALTIES: 5.0,
    Component.SELF_SCORE: 10.0,
    Component.TIMELINESS: 5.0,
    Component.CORRECTNESS: 5.0,
}
# Points a component loses per event per 100 projects in progress (the counted components).
DEFAULT_POINTS = {
    Component.ACCIDENTS: 20.0,
    Component.DEATHS: 50.0,
    Component.BAD_BEHAVIOUR: 5.0,
    Component.PENALTIES: 5.0,
}
# The figure each counted component counts: (form, field); a year's records are its quarters'.
COUNTED = {
    Component.ACCIDENTS: (None, "accidents.count"),  # None: the period's statistics form
    Component.DEATHS: (None, "accidents.deaths"),
    Component.BAD_BEHAVIOUR: ("F1", "rows"),
    Component.PENALTIES: ("F2", "rows"),
}


@dataclass(frozen=True)
class IndexSettings:
    """[index] in qstat.toml: weights, points lost per event, the 报送 deadline."""

    weights: dict[Component, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    points: dict[Component, float] = field(default_factory=lambda: dict(DEFAULT_POINTS))
    due_days: int = 10  # a workbook is late when its 报送日期 is after the period's end + this
    late_score: float = 50.0  # 报送及时 of a late workbook (on time 100, 未报 0)
    error_points: float = 10.0  # 报送准确 lost per error finding (未报 0)

    @classmethod
    def load(cls, table: object, path: Path | str) -> IndexSettings:
        """The table as qstat.toml writes it; ValueError naming what is wrong."""
        if not isinstance(table, dict):
            raise ValueError(f"{path}：[index] 应为一个表")
        scalars = {"due_days", "late_score", "error_points"}
        unknown = sorted(set(table) - scalars - {"weights", "points"})
        if unknown:
            raise ValueError(f"{path}：[index] 中没有“{'、'.join(unknown)}”这一项")
        values = {k: _number(path, f"[index] {k}", table[k]) for k in scalars & set(table)}
        due_days = values.pop("due_days", cls.due_days)
        if due_days != int(due_days):
            raise ValueError(f"{path}：[index] due_days 应为整数（天）")
        weights = _components(path, "weights", table.get("weights", {}), DEFAULT_WEIGHTS)
        if not any(weights.values()):
            raise ValueError(f"{path}：[index.weights] 的权重不能全为0")
        points = _components(path, "points", table.get("points", {}), DEFAULT_POINTS)
        return cls(weights, points, int(due_days), **values)


def _number(path: Path | str, name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ValueError(f"{path}：{name} 应为非负数，而不是 {value!r}")
    return float(value)


def _components(path: Path | str, name: str, table: object, defaults: dict) -> dict[Component, float]:
    """A sub-table keyed by component name, over its defaults."""
    if not isinstance(table, dict):
        raise ValueError(f"{path}：[index.{name}] 应为一个表")
    known = {c.value: c for c in defaults}
    unknown = sorted(set(table) - set(known))
    if unknown:
        raise ValueError(
            f"{path}：[index.{name}] 中没有“{'、'.join(unknown)}”这一项（可用：{'、'.join(known)}）"
        )
    return defaults | {known[k]: _number(path, f"[index.{name}] {k}", v) for k, v in table.items()}
