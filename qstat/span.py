"""A period made of quarters (a half-year, or a year nobody consolidated) from their figures.

The aggregation rules of the forms, over time: flows (新注册, 竣工, 备案, 事故, 附表1/2/4 records) are
summed over the quarters; stocks are taken at the ends, 接转 at the start (the first quarter's)
and 在建 (and 附表3's list) at the end (the last quarter's); rates are recomputed from the sums,
the 满意率 weighted by the filed count. A unit is summed over the quarters it reported.
"""

from __future__ import annotations

from .forms import FORMS
from .forms.statistics import rate

Figures = dict[tuple[str, str], dict[str, float | None]]  # (unit, form) -> field -> value
QUARTERLY_FORMS = tuple(code for code, spec in FORMS.items() if not spec.annual)


def combine(quarters: list[Figures]) -> Figures:
    """The quarters' figures (in order) as one period's, keyed the quarters' way (F5, F6, F1-F4)."""
    keys = list(dict.fromkeys(k for figures in quarters for k in figures if k[1] in QUARTERLY_FORMS))
    return {key: _span(key[1], [figures[key] for figures in quarters if key in figures]) for key in keys}


def _span(form: str, series: list[dict[str, float | None]]) -> dict[str, float | None]:
    """One unit's form over its quarters: stocks at the ends, flows summed, rates recomputed."""
    spec, first, last = FORMS[form], series[0], series[-1]
    out: dict[str, float | None] = {}
    for key in dict.fromkeys(k for values in series for k in values):
        figure = key.split(".", 1)[1] if spec.category_rows else key  # F6: residential.new.count
        if figure.startswith("carried_over."):
            out[key] = first.get(key)
        elif figure.startswith("in_progress.") or spec.stock:  # 附表3 lists the projects in progress
            out[key] = last.get(key)
        elif "rate" not in figure:
            out[key] = sum(values.get(key) or 0 for values in series)
    if spec.unit_rows:
        for kind in ("count", "area"):
            out[f"filing_rate.{kind}"] = rate(
                out.get(f"filed.{kind}") or 0, out.get(f"completed.{kind}") or 0
            )
        rated = [v for v in series if v.get("satisfaction_rate") is not None and v.get("filed.count")]
        weight = sum(v["filed.count"] or 0 for v in rated)
        weighted = sum((v["satisfaction_rate"] or 0) * (v["filed.count"] or 0) for v in rated)
        out["satisfaction_rate"] = weighted / weight if weight else None
    elif spec.category_rows:
        for key in [k for k in out if k.endswith(".filed.count")]:
            category = key.split(".", 1)[0]
            out[f"{category}.filing_rate"] = rate(out[key] or 0, out.get(f"{category}.completed.count") or 0)
    return out
