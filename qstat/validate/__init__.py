"""Validate: the rules of the catalogue (qstat/rules.py), applied to parsed forms.

One module per family of rules, each rule one small documented function:
statistics (附表5/7), categories (附表6), details (附表1-4), cross_form (between the forms
of one workbook), cross_period (against the history database), explanations (the unit's
说明 sheet turning warnings into explained ones).
"""

from __future__ import annotations

from ..findings import Finding
from ..forms.spec import FormKind
from ..parse import ParsedForm
from ..periods import Period
from .categories import check_categories
from .cross_form import check_cross_form
from .cross_period import check_history
from .details import check_details
from .explanations import apply_explanations, read_explanations
from .statistics import check_statistics

__all__ = ["apply_explanations", "check_forms", "check_history", "read_explanations"]


def check_forms(forms: dict[str, ParsedForm], period: Period) -> list[Finding]:
    """Every rule that needs only this workbook: each form, then the forms against each other."""
    findings = []
    for form in forms.values():
        if form.spec.kind is FormKind.STATISTICS:
            findings += check_statistics(form)
        elif form.spec.kind is FormKind.CATEGORIES:
            findings += check_categories(form)
        else:
            findings += check_details(form, period)
    return findings + check_cross_form(forms)
