"""Checks inside 附表5 (and 附表7): the 合计 row, stated rates, and each unit row's logic."""

from __future__ import annotations

from ..findings import Emits, Finding
from ..forms.spec import PERCENT, amount_of, value_of
from ..forms.statistics import VOLUMES, StatisticsRow, sum_rows
from ..parse import ParsedForm
from .common import MEASURES, TOLERANCE, differs, finding_at, label, number

EMITS = Emits("F5-001", "F5-002", "F5-003", "F5-004", "F5-005", "F5-007", "F5-008", "F7-001", "F7-002")
# The same check on 附表5 and 附表7, by form.
TOTAL_RULE = {"F5": "F5-001", "F7": "F7-001"}
RATE_RULE = {"F5": "F5-002", "F7": "F7-002"}

_SUMMED = [f"{v}.{m}" for v in VOLUMES for m, _ in MEASURES] + [
    "accidents.count",
    "accidents.deaths",
    "accidents.loss",
]


def check_statistics(form: ParsedForm) -> list[Finding]:
    """Every statistics-form rule that needs only the form itself."""
    findings = check_total(form) + check_subtotals(form) + check_stated_rates(form)
    if form.spec.code == "F5":
        for row, record in zip(form.rows, form.records):
            for check in (
                check_satisfaction,
                check_stock_flow,
                check_filed_not_above_completed,
                check_accident_consequences,
                check_count_against_size,
            ):
                findings += check(form, row, record)
    return findings


def check_total(form: ParsedForm) -> list[Finding]:
    """F5-001 / F7-001: the stated 合计 row equals the sum of the unit rows."""
    if form.total is None or not form.records:
        return []
    return _check_sum(form, form.total_row, form.total, form.records)


def check_subtotals(form: ParsedForm) -> list[Finding]:
    """F5-001 / F7-001 for each 小计 row (市区小计, 县（市）小计) against the unit rows it sums.

    The grouping is clear from where the 小计 rows stand: when the first one is above every
    unit row, each heads the rows below it (up to the next); otherwise each closes the rows
    above it (since the previous one). A 小计 row is never a unit: it is only checked.
    """
    if not form.subtotals or not form.rows:
        return []
    heads = form.subtotals[0][0] < form.rows[0]
    bounds = [r for r, _ in form.subtotals]
    findings = []
    for i, (r, stated) in enumerate(form.subtotals):
        if heads:
            below = bounds[i + 1] if i + 1 < len(bounds) else float("inf")
            group = [rec for row, rec in zip(form.rows, form.records) if r < row < below]
        else:
            above = bounds[i - 1] if i else -1
            group = [rec for row, rec in zip(form.rows, form.records) if above < row < r]
        if group:
            findings += _check_sum(form, r, stated, group, "subtotal", subtotal=stated.unit or "")
    return findings


def _check_sum(
    form: ParsedForm,
    r: int | None,
    stated_row: StatisticsRow,
    rows: list[StatisticsRow],
    variant: str = "",
    **params: object,
) -> list[Finding]:
    """A stated sum row (合计, 小计) against the sum of the rows it stands for."""
    computed = sum_rows(rows)
    findings = []
    for key in _SUMMED:
        stated, expected = amount_of(stated_row, key), amount_of(computed, key)
        if differs(form.spec, key, stated, expected, summed=len(rows)):
            findings.append(
                finding_at(
                    EMITS,
                    TOTAL_RULE[form.spec.code],
                    form,
                    r,
                    key,
                    stated,
                    variant,
                    column=label(form.spec, key),
                    stated=number(stated),
                    expected=number(expected),
                    **params,
                )
            )
    return findings


def check_stated_rates(form: ParsedForm) -> list[Finding]:
    """F5-002 / F7-002: a stated 备案率 equals filed / completed × 100 (to 0.1 point)."""
    rows: list[tuple[int, StatisticsRow]] = list(zip(form.rows, form.records))
    if form.total is not None and form.total_row is not None:
        rows.append((form.total_row, form.total))
    findings = []
    for r, row in rows:
        computed = row.computed_filing_rate()
        for part, what in (("count", "项数"), ("area", "面积")):
            stated, expected = getattr(row.filing_rate, part), getattr(computed, part)
            if stated is None or expected is None or abs(stated - expected) <= TOLERANCE[PERCENT]:
                continue
            findings.append(
                finding_at(
                    EMITS,
                    RATE_RULE[form.spec.code],
                    form,
                    r,
                    f"filing_rate.{part}",
                    stated,
                    who=_who(row),
                    measure=what,
                    stated=stated,
                    expected=expected,
                )
            )
    return findings


def check_satisfaction(form: ParsedForm, r: int, row: StatisticsRow) -> list[Finding]:
    """F5-003: the user satisfaction rate is a percentage, 0..100."""
    rate = row.satisfaction_rate
    if rate is None or 0 <= rate <= 100:
        return []
    return [finding_at(EMITS, "F5-003", form, r, "satisfaction_rate", rate, who=_who(row), rate=number(rate))]


def check_stock_flow(form: ParsedForm, r: int, row: StatisticsRow) -> list[Finding]:
    """F5-004: 在建 = 接转 + 新注册 − 竣工, for count, area and cost.

    A warning, not an error: projects can be cancelled or transferred between offices, which
    the unit then explains (说明 sheet).
    """
    findings = []
    for m, what in MEASURES:
        key = f"in_progress.{m}"
        carried, new, completed = (getattr(v, m) for v in (row.carried_over, row.new, row.completed))
        expected, stated = carried + new - completed, getattr(row.in_progress, m)
        if differs(form.spec, key, stated, expected):
            findings.append(
                finding_at(
                    EMITS,
                    "F5-004",
                    form,
                    r,
                    key,
                    stated,
                    who=_who(row),
                    measure=what,
                    stated=number(stated),
                    carried=number(carried),
                    new=number(new),
                    completed=number(completed),
                    expected=number(expected),
                )
            )
    return findings


def check_filed_not_above_completed(form: ParsedForm, r: int, row: StatisticsRow) -> list[Finding]:
    """F5-005: more filings than completions is possible (earlier completions), so check it."""
    if row.filed.count <= row.completed.count:
        return []
    return [
        finding_at(
            EMITS,
            "F5-005",
            form,
            r,
            "filed.count",
            row.filed.count,
            who=_who(row),
            filed=number(row.filed.count),
            completed=number(row.completed.count),
        )
    ]


def check_accident_consequences(form: ParsedForm, r: int, row: StatisticsRow) -> list[Finding]:
    """F5-007: deaths or an economic loss need at least one accident."""
    if row.accidents.count:
        return []
    return [
        finding_at(
            EMITS,
            "F5-007",
            form,
            r,
            f"accidents.{key}",
            value,
            who=_who(row),
            figure=what,
            amount=number(value),
        )
        for key, what, value in (
            ("deaths", "死亡人数", row.accidents.deaths),
            ("loss", "经济损失", row.accidents.loss),
        )
        if value
    ]


def check_count_against_size(form: ParsedForm, r: int, row: StatisticsRow) -> list[Finding]:
    """F5-008: projects without area/cost, or area/cost without projects, in one group."""
    findings = []
    for volume in VOLUMES:
        v = getattr(row, volume)
        group = label(form.spec, f"{volume}.count").removesuffix("项数")
        if v.count == 0 and (v.area or v.cost):
            key, variant = f"{volume}.count", ""
            said: dict[str, object] = {"area": number(v.area), "cost": number(v.cost)}
        elif v.count and not (v.area and v.cost):
            key, variant = f"{volume}.{'area' if not v.area else 'cost'}", "no_size"
            said = {"count": number(v.count), "missing": "面积" if not v.area else "造价"}
        else:
            continue
        findings.append(
            finding_at(
                EMITS, "F5-008", form, r, key, value_of(row, key), variant, who=_who(row), group=group, **said
            )
        )
    return findings


def _who(row: StatisticsRow) -> str:
    return f"“{row.unit}”行" if row.unit else ""
