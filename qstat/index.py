"""The 质量指数 (seed 002 第七条: 定期发布质量指数，量化质量水平): one 0-100 figure per unit and for
the office, per period, computed from the history on demand.

Each component is a score from 0 to 100 (higher is better) made from a figure the history holds;
the index is their weighted mean over the components that apply that period (a unit that
completed nothing has no 备案率: its weight is shared among the others). Weights and the
normalisation are the [index] table of qstat.toml; computing on demand means a changed weight
applies to every period alike, so an index's change between two periods is never a change of
rule. docs/commands.md gives the definition and how to tune it. ``frame`` gives the history's
figures with the index to pandas.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from .forms import CONDUCT, FORMS
from .history import TOTAL, Reader, require_history
from .index_config import COUNTED, Component, IndexSettings
from .periods import Period
from .span import Figures, combine

if TYPE_CHECKING:
    import pandas


@dataclass
class Part:
    """One component of one unit's index: the measure, its score and its weight."""

    component: Component
    value: float | None  # the measure: a rate (%), events per 100 projects, errors, points
    score: float | None  # 0-100; None: does not apply this period (its weight goes to the others)
    weight: float
    note: str = ""  # how the measure reads: 逾期5天, 未报, 2起/在建40项


@dataclass
class UnitIndex:
    """A unit's (or 合计's) 质量指数 of one period."""

    unit: str
    index: float | None
    parts: list[Part]
    rank: int | None = None  # among the units (合计 none)

    @property
    def weakest(self) -> Part | None:
        """The component that costs the index most: its weight share × (100 − score)."""
        scored = [p for p in self.parts if p.score is not None and p.weight and p.score < 100]
        return max(scored, key=lambda p: p.weight * (100 - (p.score or 0)), default=None)


@dataclass
class Delivery:
    """How a unit's workbook of one quarter (or year) arrived; ``sent`` False: 未报."""

    sent: bool
    report_date: date | None = None  # the 报送日期 it states (none stated: counted on time)
    errors: int = 0  # its error findings
    period_end: date | None = None

    def days_late(self, due_days: int) -> int:
        if not (self.report_date and self.period_end):
            return 0
        return max(0, (self.report_date - self.period_end - timedelta(days=due_days)).days)


@dataclass
class Inputs:
    """What the index of one period is made from, read from the history."""

    period: Period
    figures: Figures  # (unit, form) -> field -> value; the statistics under period.statistics_form
    units: list[str]  # every unit the period knows (with figures, with files, 未报), in order
    deliveries: dict[str, list[Delivery]]  # unit -> one per quarter (a year: one)
    self_scores: dict[str, list[float]]  # unit -> the 考核评分表 totals recorded


def recorded_periods(read: Reader) -> list[Period]:
    """The consolidated periods of the history, in order (quarters, a year after its fourth)."""
    periods = [Period.parse(p) for (p,) in read("SELECT period FROM runs")]
    return sorted(periods, key=lambda p: (p.year, p.quarter or 5))


def inputs(read: Reader, period: Period) -> Inputs | None:
    """The period's inputs (``read``: the history); a half-year (or a year never consolidated)
    from its quarters; None when nothing of it was consolidated. Read once per Reader: the
    report asks for a period again (its index, the previous one's, the chart's, the trend)."""
    return read.once(("index.inputs", str(period)), lambda: _inputs(read, period))


def _inputs(read: Reader, period: Period) -> Inputs | None:
    recorded = {str(p) for p in recorded_periods(read)}
    if str(period) in recorded:
        found = _read_period(read, period)
        if period.is_annual:  # units send no 附表1/2 for a year: its records are its quarters'
            quarters = [q for p in period.quarters if str(p) in recorded if (q := inputs(read, p))]
            records = combine([q.figures for q in quarters])
            for key in [k for k in found.figures if k[1] in CONDUCT]:
                del found.figures[key]
            found.figures |= {k: v for k, v in records.items() if k[1] in CONDUCT}
        return found
    quarters = [q for p in period.quarters if str(p) in recorded if (q := inputs(read, p))]
    if not quarters:
        return None
    units = list(dict.fromkeys(u for q in quarters for u in q.units))
    form = period.statistics_form  # a year made of quarters is keyed as 附表7
    return Inputs(
        period,
        {
            (u, form if FORMS[f].unit_rows else f): v
            for (u, f), v in combine([q.figures for q in quarters]).items()
        },
        units,
        {u: [d for q in quarters for d in q.deliveries.get(u, [Delivery(False)])] for u in units},
        {u: [s for q in quarters for s in q.self_scores.get(u, [])] for u in units},
    )


def _read_period(read: Reader, period: Period) -> Inputs:
    key = str(period)
    figures: Figures = {}
    for unit, form, name, value in read(
        "SELECT unit, form, field, value FROM figures WHERE period=? ORDER BY rowid", (key,)
    ):
        figures.setdefault((unit, form), {})[name] = value
    form = period.statistics_form
    units = [u for (u, f) in figures if f == form and u != TOTAL]
    files = read(
        "SELECT unit, status, included, errors FROM submissions WHERE period=? AND unit IS NOT NULL "
        "AND status IN ('ok', 'errors', 'unreadable') ORDER BY included DESC, rowid",
        (key,),
    )
    missing = [u for (u,) in read("SELECT unit FROM missing WHERE period=? ORDER BY rowid", (key,))]
    units = list(dict.fromkeys(units + [u for u, *_ in files] + missing))
    dates = dict(read("SELECT unit, MAX(report_date) FROM report_dates WHERE period=? GROUP BY unit", (key,)))
    deliveries: dict[str, list[Delivery]] = {}
    for unit, _status, _included, errors in files:
        if unit not in deliveries:  # the used file first
            sent_on = date.fromisoformat(dates[unit]) if dates.get(unit) else None
            deliveries[unit] = [Delivery(True, sent_on, int(errors or 0), period.end)]
    for unit in units:
        deliveries.setdefault(unit, [Delivery(False)])
    self_scores: dict[str, list[float]] = {}
    for unit, total in read("SELECT unit, total FROM scores WHERE period=? ORDER BY rowid", (key,)):
        if total is not None:
            self_scores.setdefault(unit, []).append(float(total))
    return Inputs(period, figures, units, deliveries, self_scores)


def compute(found: Inputs, settings: IndexSettings | None = None) -> list[UnitIndex]:
    """Every unit's index, ranked, and the office's (合计) last."""
    settings = settings or IndexSettings()
    units = [_unit_index(found, u, settings) for u in found.units]
    ranked = sorted((u for u in units if u.index is not None), key=lambda u: -round(u.index or 0, 1))
    for u in ranked:
        u.rank = 1 + sum(1 for o in ranked if round(o.index or 0, 1) > round(u.index or 0, 1))
    return units + [_office_index(found, units, settings)]


def _unit_index(found: Inputs, unit: str, settings: IndexSettings) -> UnitIndex:
    parts = _figure_parts(found, unit, settings)
    scores = found.self_scores.get(unit, [])
    parts.append(_part(settings, Component.SELF_SCORE, sum(scores) / len(scores) if scores else None))
    deliveries = found.deliveries.get(unit, [Delivery(False)])
    late = [d.days_late(settings.due_days) for d in deliveries if d.sent]
    unsent = sum(1 for d in deliveries if not d.sent)
    timely = [
        0.0 if not d.sent else settings.late_score if d.days_late(settings.due_days) else 100.0
        for d in deliveries
    ]
    notes = ([f"未报{unsent}次"] if unsent else []) + [f"逾期{n}天" for n in late if n]
    parts.append(
        Part(
            Component.TIMELINESS,
            float(sum(late)),
            sum(timely) / len(timely),
            settings.weights[Component.TIMELINESS],
            "、".join(notes) or "按时",
        )
    )
    errors = sum(d.errors for d in deliveries if d.sent)
    correct = [max(0.0, 100 - settings.error_points * d.errors) if d.sent else 0.0 for d in deliveries]
    parts.append(
        Part(
            Component.CORRECTNESS,
            float(errors),
            sum(correct) / len(correct),
            settings.weights[Component.CORRECTNESS],
            (f"未报{unsent}次、" if unsent else "") + f"错误{errors}条",
        )
    )
    return UnitIndex(unit, _weighted(parts), parts)


def _office_index(found: Inputs, units: list[UnitIndex], settings: IndexSettings) -> UnitIndex:
    """The office's figures from 合计; self-score and submission components the units' mean."""
    parts = _figure_parts(found, TOTAL, settings)
    for component in (Component.SELF_SCORE, Component.TIMELINESS, Component.CORRECTNESS):
        scores = [p.score for u in units for p in u.parts if p.component == component and p.score is not None]
        mean = sum(scores) / len(scores) if scores else None
        parts.append(Part(component, mean, mean, settings.weights[component], "各单位平均"))
    return UnitIndex(TOTAL, _weighted(parts), parts)


def _figure_parts(found: Inputs, unit: str, settings: IndexSettings) -> list[Part]:
    """The components read from the forms: the rates and the events per 100 projects in progress."""
    form = found.period.statistics_form
    values = found.figures.get((unit, form), {})
    parts = [
        _part(settings, Component.FILING_COUNT, values.get("filing_rate.count")),
        _part(settings, Component.FILING_AREA, values.get("filing_rate.area")),
        _part(settings, Component.SATISFACTION, values.get("satisfaction_rate")),
    ]
    in_progress = values.get("in_progress.count")
    for component, (source, key) in COUNTED.items():
        events = found.figures.get((unit, source or form), {}).get(key)
        if not in_progress or events is None:
            parts.append(Part(component, None, None, settings.weights[component]))
            continue
        per_100 = events / in_progress * 100
        score = max(0.0, 100 - settings.points[component] * per_100)
        note = f"{events:g}/在建{in_progress:g}项"
        parts.append(Part(component, per_100, score, settings.weights[component], note))
    return parts


def _part(settings: IndexSettings, component: Component, value: float | None) -> Part:
    """A component whose measure is already a 0-100 figure (a rate, a score), clamped."""
    score = None if value is None else min(100.0, max(0.0, value))
    return Part(component, value, score, settings.weights[component])


def _weighted(parts: list[Part]) -> float | None:
    used = [p for p in parts if p.score is not None and p.weight]
    weight = sum(p.weight for p in used)
    return sum(p.weight * (p.score or 0) for p in used) / weight if weight else None


def period_index(read: Reader, period: Period, settings: IndexSettings | None = None) -> list[UnitIndex]:
    """The period's indexes (units ranked, 合计 last); [] when nothing of it was consolidated."""
    found = inputs(read, period)
    return compute(found, settings) if found else []


def history_rows(read: Reader, settings: IndexSettings | None = None) -> list[tuple]:
    """Every recorded period's indexes as the history's long rows (period, unit, "INDEX", field,
    value): index, rank, and each component's value and score."""
    rows = []
    for period in recorded_periods(read):
        for u in period_index(read, period, settings):
            rows += [
                (str(period), u.unit, "INDEX", "index", u.index),
                (str(period), u.unit, "INDEX", "rank", u.rank),
            ]
            for p in u.parts:
                rows += [
                    (str(period), u.unit, "INDEX", f"{p.component.value}.value", p.value),
                    (str(period), u.unit, "INDEX", f"{p.component.value}.score", p.score),
                ]
    return rows


def frame(db: str | Path, form: str | None = None, index: IndexSettings | None = None) -> pandas.DataFrame:
    """The history's figures as a long pandas DataFrame: columns period, unit, form, field,
    value; one form (F5, F6, F7, F1-F4 record counts, INDEX) or all. 合计 is the office's total.

    The 质量指数 (form INDEX: index, rank, each component's value and score) is computed from
    the figures with ``index`` (default: the documented weights), never stored.
    pandas is imported here only: consolidate and its workers never load it.
    """
    import pandas

    db = Path(db)
    require_history(db, exists=True)
    sql = "SELECT period, unit, form, field, value FROM figures"
    with Reader(db) as read:
        rows = read(
            sql + (" WHERE form=?" if form else "") + " ORDER BY period, unit, form, field",
            (form,) if form else (),
        )
        if form in (None, "INDEX"):
            rows += history_rows(read, index)
    return pandas.DataFrame(rows, columns=["period", "unit", "form", "field", "value"])
