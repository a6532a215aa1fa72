"""Figures against the unit's own past (past.Past; 核实性 warnings, never errors).

HS002: a quantity far outside the unit's last four quarters — a figure in ㎡ where 万㎡ is
asked, a count in the area column. HS003: a form copied forward from last quarter while the
lists of projects show that the quarter did change. The thresholds are [anomalies] in
qstat.toml (config.Anomalies); the defaults leave ordinary quarter-to-quarter variation quiet.
"""

from __future__ import annotations

from ..config import Anomalies
from ..findings import At, Emits, Finding, a1
from ..forms import FORMS
from ..forms.spec import figure_of
from ..forms.statistics import CategoryRow, StatisticsRow
from ..parse import ParsedForm
from ..past import Figures, Past
from ..periods import Period
from .common import MEASURES, label, number
from .cross_form import project_key

JUMP_VOLUMES = ("new", "completed", "filed", "in_progress")  # 接转 is F5-006's
STOCK = "in_progress"  # the one quantity that can also collapse by mistake
QUARTERS_BACK = 4
EMITS = Emits("HS002", "HS003")


def check_anomalies(
    forms: dict[str, ParsedForm],
    row: StatisticsRow | None,
    categories: dict[str, CategoryRow],
    past: Past,
    limits: Anomalies,
) -> list[Finding]:
    """HS002 and HS003 for a quarter's 附表5 (and 附表6)."""
    f5 = forms.get("F5")
    if past.period.is_annual or f5 is None or row is None:
        return []
    return check_jumps(f5, row, past, limits) + check_copied_forward(forms, row, categories, past, limits)


def last_quarters(period: Period, n: int = QUARTERS_BACK) -> list[Period]:
    """The n quarters before ``period``, latest first."""
    quarters = [period.previous()]
    while len(quarters) < n:
        quarters.append(quarters[-1].previous())
    return quarters


def check_jumps(f5: ParsedForm, row: StatisticsRow, past: Past, limits: Anomalies) -> list[Finding]:
    """HS002: above jump_factor × the largest of the recorded last four quarters (在建: or below
    the smallest ÷ jump_factor), by at least the measure's minimum change."""
    quarters = last_quarters(past.period)
    recorded = [(q, f) for q in quarters if (f := past.figures(q, "F5"))]
    if len(recorded) < max(limits.jump_quarters, 1):
        return []
    span = (
        f"{recorded[-1][0].chinese()}至{recorded[0][0].chinese()}"
        if len(recorded) > 1
        else recorded[0][0].chinese()
    )
    minimum = {"count": limits.jump_min_count, "area": limits.jump_min_area, "cost": limits.jump_min_cost}
    findings = []
    r = f5.figure_row()
    for volume in JUMP_VOLUMES:
        for m, _ in MEASURES:
            key = f"{volume}.{m}"
            value = figure_of(row, key) or 0.0
            before = [f.get(key) or 0.0 for _, f in recorded]
            high, low = max(before), min(before)
            if value > limits.jump_factor * high and value - high >= minimum[m]:
                variant, how = "", {"high": number(high)}
            elif volume == STOCK and value * limits.jump_factor < low and low - value >= minimum[m]:
                variant, how = "low", {"low": number(low)}
            else:
                continue
            cell = a1(r, f5.columns[key]) if r is not None and key in f5.columns else None
            findings.append(
                EMITS.finding(
                    "HS002",
                    At(form="F5", sheet=f5.sheet, cell=cell, value=number(value)),
                    variant,
                    sheet_name=f5.spec.sheet_name,
                    unit=past.unit,
                    column=label(f5.spec, key),
                    stated=number(value),
                    span=span,
                    **how,
                )
            )
    return findings


def check_copied_forward(
    forms: dict[str, ParsedForm],
    row: StatisticsRow,
    categories: dict[str, CategoryRow],
    past: Past,
    limits: Anomalies,
) -> list[Finding]:
    """HS003: 附表5 (or 附表6) equal to last period's, not all zero, while at least
    copy_min_changes projects entered or left 附表3/附表4."""
    unit, previous = past.unit, past.period.previous()
    before = past.lists
    if before is None:
        return []
    changes = 0
    for code in ("F3", "F4"):
        now = {project_key(p) for p in (forms[code].records if code in forms else [])}
        then = {project_key(p) for p in before if p.form == code}
        changes += len(now ^ then)
    if changes < max(limits.copy_min_changes, 1):
        return []
    findings = []
    f5 = forms["F5"]
    stated = {c.key: figure_of(row, c.key) for c in FORMS["F5"].figure_columns}
    if _copied(stated, past.figures(previous, "F5")):
        r = f5.figure_row()
        first = FORMS["F5"].figure_columns[0].key
        findings.append(
            _copied_finding(f5, unit, previous, changes, a1(r, f5.columns[first]) if r is not None else None)
        )
    if "F6" in forms and categories:
        stated = {
            f"{c}.{col.key}": figure_of(cat, col.key)
            for c, cat in categories.items()
            for col in FORMS["F6"].figure_columns
        }
        if _copied(stated, past.figures(previous, "F6")):
            findings.append(_copied_finding(forms["F6"], unit, previous, changes, None))
    return findings


def _copied(stated: dict[str, float | None], before: Figures) -> bool:
    """Every figure as last period's, and not all of them zero."""
    if not before or not any(stated.values()):
        return False
    return all(_equal(v, before.get(k)) for k, v in stated.items())


def _equal(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-9


def _copied_finding(form: ParsedForm, unit: str, previous: Period, changes: int, cell: str | None) -> Finding:
    return EMITS.finding(
        "HS003",
        At(form=form.spec.code, sheet=form.sheet, cell=cell),
        sheet_name=form.spec.sheet_name,
        unit=unit,
        previous=previous.chinese(),
        changes=changes,
    )
