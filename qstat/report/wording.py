"""How the report words numbers and their changes (环比 / 同比).

Quantities change in percent (增长/下降 x.x%), rates in percentage points (提高/降低 x.x个百分点);
an unchanged figure is 持平. With no base (the period is not in the history, the base is 0, or a
rate was not computable) there is no comparison at all: a missing base is never read as 0.
"""

from __future__ import annotations

PREVIOUS, YEAR_AGO = "环比", "同比"


def number(value: float | None, digits: int = 2) -> str:
    """A figure as printed in the report: counts whole, areas and costs to 0.01, rates to 0.1."""
    if value is None:
        return "—"
    return f"{value:.{digits}f}" if digits else f"{round(value):d}"


def percent_change(current: float | None, base: float | None) -> str | None:
    """增长12.5% / 下降3.0% / 持平, or None when there is nothing to compare with."""
    if current is None or base is None or base == 0:
        return None
    change = (current - base) / abs(base) * 100
    if round(change, 1) == 0:
        return "持平"
    return f"{'增长' if change > 0 else '下降'}{abs(change):.1f}%"


def point_change(current: float | None, base: float | None) -> str | None:
    """提高2.5个百分点 / 降低0.3个百分点 / 持平, compared as printed (to 0.1)."""
    if current is None or base is None:
        return None
    change = round(current, 1) - round(base, 1)
    if round(change, 1) == 0:
        return "持平"
    return f"{'提高' if change > 0 else '降低'}{abs(change):.1f}个百分点"


def change(current: float | None, base: float | None, is_rate: bool) -> str | None:
    return point_change(current, base) if is_rate else percent_change(current, base)


def comparison(current: float | None, bases: dict[str, float | None], is_rate: bool) -> str:
    """"环比增长5.0%、同比持平" for the bases that can be compared ('' when none can)."""
    parts = [f"{word}{said}" for word, base in bases.items()
             if (said := change(current, base, is_rate)) is not None]
    return "、".join(parts)


def missing_history(previous_word: str | None, has_previous: bool, has_year_ago: bool,
                    annual: bool) -> str:
    """The note for comparisons the history cannot support ('' when both can be made)."""
    notes = []
    if previous_word and not has_previous:
        notes.append(f"无{previous_word}数据，未作环比")
    if not has_year_ago:
        notes.append("无上年度数据，未作同比" if annual else "无去年同期数据，未作同比")
    return "；".join(notes) + "。" if notes else ""
