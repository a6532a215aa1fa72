"""Checks between the forms of one workbook: the lists 附表3/4 and 附表6 against 附表5.

附表5 is the unit's summary; the lists are its evidence. A project counted in 附表5 must be
listed, and a category of 附表6 is part of the 附表5 total.
"""

from __future__ import annotations

from ..findings import Emits, Finding
from ..forms.spec import amount_of, figure_of
from ..forms.statistics import StatisticsRow
from ..parse import ParsedForm
from .categories import GROUPS, category_name
from .common import MEASURES, differs, finding_at, number
from .details import identifier

EMITS = Emits("F3-002", "F3-003", "F4-004", "F4-005", "F4-007", "F6-004")


def check_cross_form(forms: dict[str, ParsedForm], ids: dict[str, list[str]]) -> list[Finding]:
    """``ids``: each list's records' ``details.identifiers``, by form."""
    findings = check_in_both_lists(forms, ids)
    f5 = forms.get("F5")
    if f5 is None or not (f5.records or f5.total):
        return findings
    figures = f5.unit_figures()
    if "F3" in forms:
        findings += check_in_progress_list(forms["F3"], f5, figures)
    if "F4" in forms:
        findings += check_completed_list(forms["F4"], f5, figures)
    if "F6" in forms:
        findings += check_categories_within_total(forms["F6"], figures)
    return findings


def check_in_progress_list(f3: ParsedForm, f5: ParsedForm, figures: StatisticsRow) -> list[Finding]:
    """F3-002: one 附表3 row per in-progress project; F3-003: their areas add up (warning)."""
    findings = _listed_against_counted("F3-002", f5, figures, "in_progress.count", len(f3.records))
    area = sum(p.area_m2 or 0 for p in f3.records) / 10000
    if differs(f5.spec, "in_progress.area", figures.in_progress.area, area, len(f5.records)):
        findings.append(
            finding_at(
                EMITS,
                "F3-003",
                f5,
                f5.figure_row(),
                "in_progress.area",
                figures.in_progress.area,
                stated=number(figures.in_progress.area),
                area_m2=number(area * 10000),
                area=area,
            )
        )
    return findings


def check_completed_list(f4: ParsedForm, f5: ParsedForm, figures: StatisticsRow) -> list[Finding]:
    """F4-004: one 附表4 row per completed project; F4-007: filed rows against the filed count."""
    return _listed_against_counted(
        "F4-004", f5, figures, "completed.count", len(f4.records)
    ) + _listed_against_counted("F4-007", f5, figures, "filed.count", sum(p.filed for p in f4.records))


def _listed_against_counted(
    rule: str, f5: ParsedForm, figures: StatisticsRow, key: str, listed: int
) -> list[Finding]:
    """A count of 附表5 against the rows of the list that should show each project."""
    counted = figure_of(figures, key)
    if listed == counted:
        return []
    return [
        finding_at(EMITS, rule, f5, f5.figure_row(), key, counted, counted=number(counted), listed=listed)
    ]


def check_in_both_lists(forms: dict[str, ParsedForm], ids: dict[str, list[str]]) -> list[Finding]:
    """F4-005: a completed project is no longer in progress, so it is not in 附表3 too."""
    f3, f4 = forms.get("F3"), forms.get("F4")
    if f3 is None or f4 is None:
        return []
    in_progress: dict[tuple[str, str], int] = {}  # project key → its first row in 附表3
    for r, p, reg_no in zip(f3.rows, f3.records, ids["F3"]):
        in_progress.setdefault(_key(p, reg_no), r)
    findings = []
    for r, p, reg_no in zip(f4.rows, f4.records, ids["F4"]):
        key = _key(p, reg_no)
        if key[1] and key in in_progress:
            where = "reg_no" if key[0] == "reg_no" else "project"
            findings.append(
                finding_at(
                    EMITS,
                    "F4-005",
                    f4,
                    r,
                    where,
                    getattr(p, where),
                    row=r + 1,
                    project=p.project or p.reg_no,
                    listed_row=in_progress[key] + 1,
                )
            )
    return findings


def check_categories_within_total(f6: ParsedForm, figures: StatisticsRow) -> list[Finding]:
    """F6-004: no category of the unit's 附表6 (summed over its county blocks) exceeds the
    unit's 附表5 figure for the same measure. The finding names the category's row where one
    row states the unit's figure: the unit's one table, or the 合计 block."""
    stated = {row.category: r for r, row in f6.total_block}
    if not stated and len({row.category for row in f6.records}) == len(f6.records):
        stated = {row.category: r for r, row in zip(f6.rows, f6.records)}
    findings = []
    for row in f6.unit_categories().values():
        r = stated.get(row.category)
        for group, what in GROUPS:
            for m, measure in MEASURES:
                key = f"{group}.{m}"
                value, total = amount_of(row, key), amount_of(figures, key)
                if value > total and differs(f6.spec, key, value, total):
                    findings.append(
                        finding_at(
                            EMITS,
                            "F6-004",
                            f6,
                            r,
                            key,
                            value,
                            category=category_name(row),
                            group=what,
                            measure=measure,
                            stated=number(value),
                            total=number(total),
                        )
                    )
    return findings


def project_key(project) -> tuple[str, str]:
    """A project is the same when its 注册号 matches, or its name when it has no 注册号."""
    return _key(project, identifier(project.reg_no))


def _key(project, reg_no: str) -> tuple[str, str]:
    """``project_key`` of a 附表3/4 project whose 注册号 is compared already: ``reg_no`` is its
    ``identifier``, as ``details.identifiers`` gives it (DETAIL_RULES: 附表3/4 by 注册号)."""
    return ("reg_no", reg_no) if reg_no else ("project", identifier(project.project))
