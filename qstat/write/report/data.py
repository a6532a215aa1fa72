"""What the report needs from the history database, period by period.

Every figure comes from the history that ``qstat consolidate`` records (figures in long form,
the submissions, the units that did not report, the units' 文字材料), so a report can be made
again at any time and compared with any earlier period that was consolidated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ...forms.statistics import CATEGORIES, CategoryRow, StatisticsRow, sum_categories, sum_rows
from ...history import TEXT_SOURCE, TOTAL, Reader
from ...periods import Period
from .narrative import Narrative, join_unit_texts, parse_unit_text

# Why a unit has no figures in a period (it is then left out of that period's comparisons).
MISSING, UNREADABLE, EXCLUDED = "未报", "报表无法读取", "报表有错误，未计入汇总"


class ReportError(Exception):
    """The report cannot be made; the message is for the clerk."""


@dataclass
class Snapshot:
    """One consolidated period as the history recorded it."""

    period: Period
    office: str
    figures: dict[tuple[str, str], dict[str, float | None]]  # (unit, form) -> field -> value
    units: list[str]  # units with statistics, in form order (合计 not included)
    missing: list[str] = field(default_factory=list)  # 未报单位
    with_errors: list[tuple[str, int, bool]] = field(default_factory=list)  # unit, errors, included
    texts: dict[str, str] = field(default_factory=dict)  # unit -> 文字材料 and analysis report, joined
    scores: list[dict] = field(default_factory=list)  # the self-score ranking, ranked first
    unreadable: list[str] = field(default_factory=list)  # units whose only file could not be read
    sources: dict[str, list[str]] = field(default_factory=dict)  # unit -> 文字材料 / its report's file
    bad_behaviour: list[dict] = field(default_factory=list)  # 附表1 records (history.bad_behaviour)
    penalties: list[dict] = field(default_factory=list)  # 附表2 records (history.penalties)
    findings: list[dict] = field(default_factory=list)  # errors and warnings: unit, rule, value, …
    report_dates: dict[str, str] = field(default_factory=dict)  # unit -> 报送日期 (2024-10-08)
    projects: list[dict] = field(default_factory=list)  # 附表3/附表4 rows (history.projects)
    resubmitted: list[str] = field(default_factory=list)  # units whose workbook replaced an earlier one

    @property
    def form(self) -> str:
        return self.period.statistics_form

    def materials(self) -> dict[str, Narrative]:
        """Each unit's text split into the period's sections (and its general material), the
        units in form order (the configuration's), as every listing of units in the report."""
        return {u: parse_unit_text(self.texts[u], self.period.is_annual) for u in self.in_order(self.texts)}

    def in_order(self, names) -> list[str]:
        """Unit names in form order (the configuration's); names not in the forms after them."""
        return sorted(dict.fromkeys(names), key=lambda u: position(self.units, u))

    def get(self, unit: str, key: str, form: str | None = None) -> float | None:
        return self.figures.get((unit, form or self.form), {}).get(key)

    def total(self, key: str, form: str | None = None) -> float | None:
        return self.get(TOTAL, key, form)

    def has(self, form: str) -> bool:
        return (TOTAL, form) in self.figures

    def row(self, unit: str) -> StatisticsRow:
        """A unit's 附表5/7 figures as the row consolidate summed (rates as recorded)."""
        row = StatisticsRow(unit)
        for key, value in self.figures.get((unit, self.form), {}).items():
            _assign(row, key, value)
        return row

    def categories(self, units: list[str]) -> dict[str, CategoryRow]:
        """附表6 summed over some units (a comparison's comparable units), filing rates recomputed."""
        tables = []
        for unit in units:
            table = {c: CategoryRow(c) for c in CATEGORIES}
            for key, value in self.figures.get((unit, "F6"), {}).items():
                category, field_key = key.split(".", 1)
                _assign(table[category], field_key, value)
            tables.append(table)
        return sum_categories(row for table in tables for row in table.values())

    def absence(self, unit: str) -> str:
        """Why a unit has no figures in this period: 排除, 无法读取 or 未报."""
        if any(u == unit and not included for u, _, included in self.with_errors):
            return EXCLUDED
        return UNREADABLE if unit in self.unreadable else MISSING


def position(units: list[str], unit: str) -> int:
    """Where a unit comes in form order: the units without figures last."""
    return units.index(unit) if unit in units else len(units)


def _assign(record: object, key: str, value: float | None) -> None:
    """Set a record's field by its dotted column key ("filed.count"), as the history stores it."""
    *path, name = key.split(".")
    for part in path:
        record = getattr(record, part)
    setattr(record, name, value)


@dataclass
class Basis:
    """One comparison (环比 or 同比) over the units with figures in both periods (可比口径)."""

    base: Snapshot
    units: list[str]  # the comparable units, in form order
    current: StatisticsRow  # their sum this period, rates recomputed
    before: StatisticsRow  # their sum in the base period
    left_out: list[tuple[str, str]]  # unit, why: "本季度未报", "上季度报表无法读取" …


@dataclass
class ReportData:
    current: Snapshot
    previous: Snapshot | None  # 上季度 (None for a year: it has no 环比)
    year_ago: Snapshot | None  # the same quarter last year, or last year
    series: list[Snapshot]  # quarterly trend: recorded quarters up to this one (a year: its quarters)

    @cached_property
    def bases(self) -> dict[str, Basis]:
        """环比 (a quarter only) and 同比, each over the units present in both periods."""
        cur = self.current
        words = {} if cur.period.is_annual else {"环比": (self.previous, "上季度")}
        words["同比"] = (self.year_ago, "上年度" if cur.period.is_annual else "去年同期")
        now = "本年度" if cur.period.is_annual else "本季度"
        bases = {}
        for word, (base, then) in words.items():
            if base is None:
                continue
            units = [u for u in cur.units if u in base.units]
            if not units:
                continue
            left_out = [(u, now + cur.absence(u)) for u in base.units if u not in units]
            left_out += [(u, then + base.absence(u)) for u in cur.units if u not in units]
            bases[word] = Basis(
                base,
                units,
                sum_rows([cur.row(u) for u in units]),
                sum_rows([base.row(u) for u in units]),
                left_out,
            )
        return bases


def gather(read: Reader, period: Period, trend_length: int = 8) -> ReportData:
    """The period and everything it is compared with (``read``: the report's history reader);
    ReportError when it was never consolidated."""
    if not read.db.is_file():
        raise ReportError(f"历史数据库不存在：{read.db}（请先运行 qstat consolidate）")
    loaded: dict[Period, Snapshot | None] = {}

    def once(p: Period) -> Snapshot | None:  # the trend repeats this quarter and the last
        if p not in loaded:
            loaded[p] = load(read, p)
        return loaded[p]

    current = once(period)
    if current is None:
        raise ReportError(
            f"历史数据库{read.db}中没有{period.chinese()}（{period}）的汇总数据，"
            f"请先运行 qstat consolidate … --period {period}"
        )
    previous = None if period.is_annual else once(period.previous())
    year_ago = once(Period(period.year - 1, period.quarter))
    recorded = sorted(
        Period.parse(p) for (p,) in read("SELECT period FROM runs") if re.fullmatch(r"\d{4}Q[1-4]", p)
    )
    if period.is_annual:
        quarters = [p for p in recorded if p.year == period.year]
    else:
        quarters = [p for p in recorded if p <= period][-trend_length:]
    series = [s for p in quarters if (s := once(p)) is not None]
    return ReportData(current, previous, year_ago, series)


def units_material(db: Path, period: Period) -> dict[str, Narrative]:
    """Each unit's material recorded for the period, by section ({} before it is consolidated)."""
    with Reader(db) as read:
        current = load(read, period)
    return current.materials() if current else {}


def load(read: Reader, period: Period) -> Snapshot | None:
    """One period's recorded figures, submissions, missing units and texts; None if not recorded.

    Read only: a history from before texts.source or projects' acceptance and filed columns
    reads them as unknown (None)."""
    key = str(period)
    run = read("SELECT office FROM runs WHERE period = ?", (key,))
    if not run:
        return None
    figures: dict[tuple[str, str], dict[str, float | None]] = {}
    units: list[str] = []
    form = period.statistics_form
    for unit, f, name, value in read(
        "SELECT unit, form, field, value FROM figures WHERE period = ? ORDER BY rowid", (key,)
    ):
        figures.setdefault((unit, f), {})[name] = value
        if f == form and unit != TOTAL and unit not in units:
            units.append(unit)
    missing = [u for (u,) in read("SELECT unit FROM missing WHERE period = ? ORDER BY rowid", (key,))]
    with_errors = [
        (u, n, bool(inc))
        for u, n, inc in read(
            "SELECT unit, errors, included FROM submissions WHERE period = ? AND status = 'errors' "
            "AND unit IS NOT NULL ORDER BY rowid",
            (key,),
        )
    ]
    unreadable = list(
        dict.fromkeys(
            u
            for (u,) in read(
                "SELECT unit FROM submissions WHERE period = ? AND status = 'unreadable' "
                "AND unit IS NOT NULL ORDER BY rowid",
                (key,),
            )
            if u not in units
        )
    )
    by_unit: dict[str, list[tuple[str, str]]] = {}
    for row in _rows(read, "texts", key):
        by_unit.setdefault(row["unit"], []).append((row["text"], row.get("source") or TEXT_SOURCE))
    texts = {u: join_unit_texts([t for t, _ in rows], period.is_annual) for u, rows in by_unit.items()}
    sources = {u: [s for _, s in rows] for u, rows in by_unit.items()}
    scores = [
        dict(zip(("unit", "total", "grade", "rank", "mark", "spec"), row))
        for row in read(
            "SELECT unit, total, grade, rank, mark, spec FROM scores WHERE period = ? ORDER BY rowid", (key,)
        )
    ]
    with_errors.sort(key=lambda e: position(units, e[0]))
    return Snapshot(
        period,
        run[0][0] or "",
        figures,
        units,
        missing,
        with_errors,
        texts,
        scores,
        unreadable,
        sources,
        _rows(read, "bad_behaviour", key),
        _rows(read, "penalties", key),
        _rows(read, "findings", key),
        dict(read("SELECT unit, report_date FROM report_dates WHERE period = ?", (key,))),
        [{"acceptance": None, "filed": None} | p for p in _rows(read, "projects", key)],
        resubmitted(read, key, units),
    )


def resubmitted(read: Reader, period: str, units: list[str]) -> list[str]:
    """The units the history saw more than one version of the workbook from (修改后重新报送)."""
    found = read(
        "SELECT unit FROM snapshots WHERE period = ? GROUP BY unit HAVING COUNT(DISTINCT sha256) > 1",
        (period,),
    )
    return sorted((u for (u,) in found), key=lambda u: position(units, u))


def _rows(read: Reader, table: str, period: str) -> list[dict]:
    """A period's rows of a history table as dicts by column name, in the order recorded."""
    names = [column[1] for column in read(f"PRAGMA table_info({table})")]
    rows = read(f"SELECT * FROM {table} WHERE period = ? ORDER BY rowid", (period,))
    return [dict(zip(names, row)) for row in rows]
