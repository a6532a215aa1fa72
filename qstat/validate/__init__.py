"""Validate: the rules of the catalogue (qstat/rules.py), applied to parsed forms.

One module per family of rules, each rule one small documented function:
statistics (附表5/7), categories (附表6), details (附表1-4), cross_form (between the forms
of one workbook), cross_period (against earlier periods), continuity (附表3/4 against the
unit's previous lists), anomalies (figures against the unit's own last quarters),
explanations (the unit's 说明 sheet turning warnings into explained ones). cross_period,
continuity and anomalies read the unit's past as a value examine hands them (past.Past), never
the history database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..findings import Finding
from ..forms.statistics import CategoryRow, StatisticsRow
from ..lazy import lazy_exports
from ..parse import ParsedForm
from ..periods import Period
from .categories import check_categories
from .cross_form import check_cross_form
from .details import check_details, identifiers
from .explanations import apply_explanations, read_explanations
from .statistics import check_statistics

if TYPE_CHECKING:
    from ..config import Anomalies
    from ..past import Past
    from .cross_period import check_earlier_periods

__all__ = [
    "apply_explanations",
    "check_forms",
    "check_earlier_periods",
    "check_own_history",
    "read_explanations",
]
# The rules against the past load when a history is given: `qstat check` without --db never
# needs them.
__getattr__ = lazy_exports(__name__, {"check_earlier_periods": ".cross_period"})


def check_forms(forms: dict[str, ParsedForm], period: Period) -> list[Finding]:
    """Every rule that needs only this workbook: each form, then the forms against each other."""
    findings = []
    ids = {}  # each list's records' identifiers, compared within the list and across the lists
    for code, form in forms.items():
        if form.spec.unit_rows:
            findings += check_statistics(form)
        elif form.spec.category_rows:
            findings += check_categories(form)
        else:
            ids[code] = identifiers(form)
            findings += check_details(form, period, ids[code])
    return findings + check_cross_form(forms, ids)


def check_own_history(
    forms: dict[str, ParsedForm],
    figures: StatisticsRow | None,
    categories: dict[str, CategoryRow],
    past: Past,
    limits: Anomalies,
) -> list[Finding]:
    """The unit against its own past: its lists of projects (F3-005/F3-006), then its figures
    (HS002/HS003)."""
    from .anomalies import check_anomalies
    from .continuity import check_continuity

    return check_continuity(forms, past) + check_anomalies(forms, figures, categories, past, limits)
