"""The 质量指数 in a report: the units' table (index, rank, change, weakest component) and the
chart of the office's index over the recorded periods (qstat/index.py computes it).

Kept apart from content.py so the index's wording has one place: the quarterly and annual
report and the public report all take ``index_context`` and ``index_chart``.
"""

from __future__ import annotations

from ...history import TOTAL, Reader
from ...index import Component, UnitIndex, period_index, recorded_periods
from ...index_config import IndexSettings
from ...periods import Period
from .tables import grid

TREND_LENGTH = 8  # periods in the chart
SUBMISSION = (Component.TIMELINESS, Component.CORRECTNESS)  # what a unit that did not report still scores


def index_context(read: Reader, period: Period, settings: IndexSettings | None = None) -> dict:
    """``quality_index``: rows (unit, index, before, change, rank, weakest, parts), office (合计's),
    sentence, and each component's weight, as printed; the change is the printed index less the
    printed previous one, so a reader can check it."""
    current = period_index(read, period, settings)
    before = {u.unit: u.index for u in period_index(read, period.previous(), settings) if reported(u)}
    rows = [_row(u, before.get(u.unit)) for u in current]
    units = sorted(rows[:-1], key=lambda r: (r["rank"] == "—", r["rank_order"]))
    office = rows[-1] if rows else None
    sentence = ""
    if office and office["index"] != "—":
        change = f"，较上期{_change_words(office['change'])}" if office["change"] != "—" else ""
        sentence = f"{period.chinese()}质量指数（合计）为{office['index']}{change}。"
    return {
        "quality_index": {
            "rows": units,
            "office": office,
            "sentence": sentence,
            "components": [
                {"name": p.component.label, "weight": f"{p.weight:g}"}
                for p in (current[-1].parts if current else [])
            ],
        }
    }


INDEX_COLUMNS = ("unit", "before", "index", "change", "rank", "weakest")


def index_table(quality_index: dict) -> dict | None:
    """The units' 质量指数 as a report table (tables.py), the office's as its 合计 row."""
    if not quality_index["rows"]:
        return None
    office = quality_index["office"]
    return grid(
        ["单位", "上期", "本期", "较上期", "排名", "失分最多的项目"],
        [[r[k] for k in INDEX_COLUMNS] for r in quality_index["rows"]],
        "注：质量指数为备案率、满意率、质量事故、不良行为记录、行政处罚、自评得分、报送及时准确等各项得分"
        "（0-100）的加权平均；较上期为本期与上期质量指数之差。",
        [office[k] for k in INDEX_COLUMNS] if office else None,
    )


def reported(u: UnitIndex) -> bool:
    """Whether the unit reported figures in the period: a unit that did not has an index made of
    its 未报 alone (报送及时准确 0), which is no quality to compare or rank."""
    return any(p.score is not None for p in u.parts if p.component not in SUBMISSION)


def _row(u: UnitIndex, before: float | None) -> dict:
    if not reported(u):
        return {
            "unit": u.unit,
            "index": "未报",
            "before": _one(before),
            "rank": "—",
            "rank_order": 0,
            "change": "—",
            "weakest": "—",
            "parts": [],
        }
    weakest = u.weakest
    return {
        "unit": "合计" if u.unit == TOTAL else u.unit,
        "index": _one(u.index),
        "before": _one(before),
        "rank": str(u.rank) if u.rank else "—",
        "rank_order": u.rank or 0,
        "change": _signed(round(u.index, 1) - round(before, 1))
        if u.index is not None and before is not None
        else "—",
        "weakest": f"{weakest.component.label}（{weakest.score:.1f}分）"
        if weakest and weakest.score is not None
        else "—",
        "parts": [
            {"name": p.component.label, "score": _one(p.score), "note": p.note, "weight": f"{p.weight:g}"}
            for p in u.parts
        ],
    }


def _one(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _signed(value: float) -> str:
    return f"{value:+.1f}" if round(value, 1) else "0.0"


def _change_words(change: str) -> str:
    if change.startswith("+"):
        return f"上升{change[1:]}"
    if change.startswith("-"):
        return f"下降{change[1:]}"
    return "持平"


def index_chart(read: Reader, period: Period, settings: IndexSettings | None = None) -> bytes:
    """The office's index over the recorded quarters up to the period's end (the last eight)."""
    from .charts import index_line, period_label  # Pillow loads only when a chart is drawn

    quarters = [p for p in recorded_periods(read) if p.quarter and p.end <= period.end][-TREND_LENGTH:]
    series = [(p, office[-1].index) for p in quarters if (office := period_index(read, p, settings))]
    points = [(period_label(p), value) for p, value in series if value is not None]
    return index_line([p for p, _ in points], [v for _, v in points])
