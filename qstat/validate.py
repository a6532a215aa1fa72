"""Checks on a parsed form that need nothing but the form itself.

Stated and computed values are compared with a tolerance of one unit in the last printed
digit: counts exactly, 万㎡ and 万元 to 0.01, rates to 0.1 point.
"""

from __future__ import annotations

from .findings import Finding, a1
from .forms.spec import AREA, COUNT, PERCENT
from .forms.statistics import VOLUMES, StatisticsRow, sum_rows
from .parse import ParsedForm

TOLERANCE = {COUNT: 0.5, AREA: 0.01 + 1e-9, PERCENT: 0.1 + 1e-9}
DEFAULT_TOLERANCE = 0.01 + 1e-9  # 万元

_SUMMED = [f"{v}.{m}" for v in VOLUMES for m in ("count", "area", "cost")] + [
    "accidents.count", "accidents.deaths", "accidents.loss"]


def value_of(record: object, key: str) -> object:
    """A record's field by its (possibly dotted) key, as the form specs name them."""
    for part in key.split("."):
        record = getattr(record, part)
    return record


def check_statistics(form: ParsedForm) -> list[Finding]:
    """F5-001/F7-001: 合计 row against the unit rows; F5-002/F7-002: stated filing rates."""
    spec = form.spec
    findings = []
    rows: list[tuple[int, StatisticsRow]] = list(zip(form.rows, form.records))
    if form.total is not None and form.records:
        computed = sum_rows(form.records)
        for key in _SUMMED:
            stated, expected = value_of(form.total, key), value_of(computed, key)
            if abs(stated - expected) > TOLERANCE.get(spec.column(key).kind, DEFAULT_TOLERANCE):
                findings.append(_finding(
                    f"{spec.code}-001", form, form.total_row, key,
                    f"合计行“{_label(spec, key)}”填报为{stated:g}，各行之和为{expected:g}",
                    stated))
    if form.total is not None:
        rows.append((form.total_row, form.total))
    for r, row in rows:
        computed_rates = row.computed_filing_rate()
        for part, what in (("count", "项数"), ("area", "面积")):
            stated, expected = getattr(row.filing_rate, part), getattr(computed_rates, part)
            if stated is None or expected is None or abs(stated - expected) <= TOLERANCE[PERCENT]:
                continue
            findings.append(_finding(
                f"{spec.code}-002", form, r, f"filing_rate.{part}",
                f"备案率（{what}）填报为{stated:.1f}%，按备案{what}/竣工{what}计算应为"
                f"{expected:.1f}%", stated))
    return findings


def _label(spec, key: str) -> str:
    col = spec.column(key)
    return "".join(f"{col.group}{col.label}".split())


def _finding(rule: str, form: ParsedForm, row: int, key: str, message: str,
             value: object) -> Finding:
    return Finding(rule, f"{form.spec.sheet_name}{message}", form=form.spec.code,
                   sheet=form.sheet, cell=a1(row, form.columns[key]) if key in form.columns
                   else None, value=f"{value:g}" if isinstance(value, float) else str(value))
