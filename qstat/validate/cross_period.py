"""Checks against earlier periods, from the unit's past (past.Past, loaded from the history).

接转 (carried over) is the previous period's 在建 stock; the annual form is the year's
quarters added up. When the history lacks the period a check needs, the check is skipped
with an HS001 note, never an error: the first quarter a station uses qstat has no history.
"""

from __future__ import annotations

from ..findings import At, Emits, Finding, a1
from ..forms import FORMS
from ..forms.spec import amount_of
from ..forms.statistics import StatisticsRow
from ..past import Past, StockSource, stock_sources
from ..periods import Period
from .common import MEASURES, differs, label, number

EMITS = Emits("F5-006", "F7-003", "F7-004", "F7-005", "HS001")


def check_earlier_periods(
    row: StatisticsRow, place: tuple[str, int | None, dict[str, int]], past: Past
) -> list[Finding]:
    """The cross-period rules for one unit's F5 (quarter) or F7 (year) figures.

    ``place`` is (sheet, row, columns) of the figures in the workbook, for the findings' cells.
    """
    if not past.period.is_annual:
        return check_carried_over("F5-006", row, place, past, stock_sources(past.period))
    return (
        check_carried_over("F7-004", row, place, past, stock_sources(past.period))
        + check_year_is_its_quarters(row, place, past)
        + check_in_progress_is_q4(row, place, past)
    )


def check_carried_over(
    rule: str, row: StatisticsRow, place, past: Past, sources: list[StockSource]
) -> list[Finding]:
    """F5-006 / F7-004: 接转 equals the in-progress stock the history holds for the unit."""
    for source, form in sources:
        before = past.figures(source, form)
        if before:
            break
    else:
        return [_skipped(place, past.period.statistics_form, "", unit=past.unit, period=str(sources[0][0]))]
    return _compare(
        rule,
        row,
        place,
        past,
        [
            (
                f"carried_over.{m}",
                before.get(f"in_progress.{m}") or 0.0,
                {"source": source.chinese(), "measure": what},
            )
            for m, what in MEASURES
        ],
    )


def check_year_is_its_quarters(row: StatisticsRow, place, past: Past) -> list[Finding]:
    """F7-003: the year's new and completed projects are the sums of its four quarters."""
    quarters = [Period(past.period.year, q) for q in (1, 2, 3, 4)]
    recorded = {q: past.figures(q, "F5") for q in quarters}
    missing = [str(q) for q, f in recorded.items() if not f]
    if missing:
        return [_skipped(place, "F7", "quarters", unit=past.unit, periods="、".join(missing))]
    keys = [f"{volume}.{m}" for volume in ("new", "completed") for m, _ in MEASURES]
    return _compare(
        "F7-003",
        row,
        place,
        past,
        [(key, sum(f.get(key) or 0.0 for f in recorded.values()), {}) for key in keys],
    )


def check_in_progress_is_q4(row: StatisticsRow, place, past: Past) -> list[Finding]:
    """F7-005: the stock at the end of the year is the stock at the end of its 4th quarter."""
    q4 = Period(past.period.year, 4)
    recorded = past.figures(q4, "F5")
    if not recorded:
        return [_skipped(place, "F7", "fourth_quarter", unit=past.unit, period=str(q4))]
    return _compare(
        "F7-005",
        row,
        place,
        past,
        [
            (
                f"in_progress.{m}",
                recorded.get(f"in_progress.{m}") or 0.0,
                {"q4": q4.chinese(), "measure": what},
            )
            for m, what in MEASURES
        ],
    )


def _compare(
    rule: str,
    row: StatisticsRow,
    place,
    past: Past,
    expectations: list[tuple[str, float, dict[str, str]]],
) -> list[Finding]:
    """A finding for each (key, expected, the message's other parameters) whose stated figure
    differs from the history."""
    sheet, r, columns = place
    form = FORMS[past.period.statistics_form]
    findings = []
    for key, expected, params in expectations:
        stated = amount_of(row, key)
        if differs(form, key, stated, expected):
            cell = a1(r, columns[key]) if r is not None and key in columns else None
            findings.append(
                EMITS.finding(
                    rule,
                    At(form=form.code, sheet=sheet, cell=cell, value=number(stated)),
                    sheet_name=form.sheet_name,
                    unit=past.unit,
                    column=label(form, key),
                    stated=number(stated),
                    expected=number(expected),
                    **params,
                )
            )
    return findings


def _skipped(place, form: str, variant: str, **params: str) -> Finding:
    return EMITS.finding("HS001", At(form=form, sheet=place[0]), variant, **params)
