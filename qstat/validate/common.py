"""What every check shares: tolerances, field access, and a finding at a form's cell.

Stated and computed values are compared with a tolerance of one unit in the last printed
digit: counts exactly, 万㎡ and 万元 to 0.01, rates to 0.1 point.
"""

from __future__ import annotations

from ..findings import At, Emits, Finding
from ..forms.spec import AREA, COUNT, PERCENT, FormSpec
from ..parse import ParsedForm

TOLERANCE = {COUNT: 0.5, AREA: 0.01 + 1e-9, PERCENT: 0.1 + 1e-9}
DEFAULT_TOLERANCE = 0.01 + 1e-9  # 万元
MEASURES = (("count", "项数"), ("area", "面积"), ("cost", "造价"))


def differs(spec: FormSpec, key: str, stated: float, expected: float, summed: int = 1) -> bool:
    """Stated and computed differ by more than one unit of the last printed digit.

    ``summed``: the stated value is a sum of that many printed (rounded) values, as a city's
    附表5 合计 is of its counties' rows: each may be off by half a unit. Counts are whole
    numbers and add up exactly.
    """
    kind = spec.column(key).kind
    spread = 1.0 if kind == COUNT else max(1.0, summed / 2)
    return abs(stated - expected) > TOLERANCE.get(kind, DEFAULT_TOLERANCE) * spread


def label(spec: FormSpec, key: str) -> str:
    """A column's printed name, group first: 本季度在建工程项数."""
    col = spec.column(key)
    return "".join(f"{col.group}{col.label}".split())


def number(value: float | None) -> str:
    """A figure as a message prints it: 12, 3.5, 0.25."""
    return "空" if value is None else f"{value:.4f}".rstrip("0").rstrip(".")


def finding_at(
    emits: Emits,
    code: str,
    form: ParsedForm,
    r: int | None,
    key: str,
    value: object = None,
    variant: str = "",
    /,
    **params: object,
) -> Finding:
    """A finding on one cell of a parsed form (the first cell of a merged range holding the
    value); the message's ``sheet_name`` is the form's (附表5)."""
    cell = form.cell(r, key) if r is not None else None
    if isinstance(value, float):
        value = number(value)
    at = At(form=form.spec.code, sheet=form.sheet, cell=cell, value=None if value is None else str(value))
    return emits.finding(code, at, variant, sheet_name=form.spec.sheet_name, **params)
