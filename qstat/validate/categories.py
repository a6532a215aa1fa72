"""Checks inside 附表6: large public buildings within public buildings, and stated rates."""

from __future__ import annotations

from ..findings import Emits, Finding
from ..forms.f6_categories import CATEGORY_LABELS
from ..forms.spec import PERCENT, amount_of
from ..forms.statistics import CategoryRow, rate, sum_categories
from ..parse import ParsedForm
from .common import MEASURES, TOLERANCE, differs, finding_at, number

EMITS = Emits("F6-001", "F6-002", "F6-003", "F6-005")
GROUPS = (("new", "新注册"), ("completed", "竣工"), ("filed", "质量备案"), ("in_progress", "在建"))
LARGE_PUBLIC_MIN_AREA = 2.0  # 万㎡ per project: 大型公共建筑工程（2万平方米以上）


def check_categories(form: ParsedForm) -> list[Finding]:
    """Each block of 附表6 (the unit's one table, or each county's and the 合计), then the
    合计 block against the sum of the county blocks."""
    findings = []
    for rows in _blocks(form):
        for r, row in rows.values():
            findings += check_category_rate(form, r, row)
        if "large_public" in rows:
            r, large = rows["large_public"]
            findings += check_large_within_public(form, r, large, rows.get("public", (None, None))[1])
            findings += check_large_public_area(form, r, large)
    return findings + check_category_total(form)


def _blocks(form: ParsedForm) -> list[dict[str, tuple[int, CategoryRow]]]:
    """The category rows of each block: a new one begins where the county changes or a
    category comes again; the 合计 block last."""
    blocks: list[dict[str, tuple[int, CategoryRow]]] = []
    place: str | None = None
    for r, row in zip(form.rows, form.records):
        if not blocks or row.category in blocks[-1] or form.places.get(r) != place:
            blocks.append({})
            place = form.places.get(r)
        blocks[-1][row.category] = (r, row)
    if form.total_block:
        blocks.append({row.category: (r, row) for r, row in form.total_block})
    return blocks


def check_category_total(form: ParsedForm) -> list[Finding]:
    """F6-005: the 合计 block of a 附表6 laid out per county states each category's sum over
    the county blocks; the sum is used, the 合计 only checked."""
    if not form.records:
        return []
    sums = sum_categories(form.records)
    findings = []
    for r, stated in form.total_block:
        for group, what in GROUPS:
            for m, measure in MEASURES:
                key = f"{group}.{m}"
                value, expected = amount_of(stated, key), amount_of(sums[stated.category], key)
                if differs(form.spec, key, value, expected):
                    findings.append(
                        finding_at(
                            EMITS,
                            "F6-005",
                            form,
                            r,
                            key,
                            value,
                            category=category_name(stated),
                            group=what,
                            measure=measure,
                            stated=number(value),
                            expected=number(expected),
                        )
                    )
    return findings


def check_category_rate(form: ParsedForm, r: int, row: CategoryRow) -> list[Finding]:
    """F6-003: a stated 备案率（项%） equals filed / completed × 100 (to 0.1 point)."""
    expected = rate(row.filed.count, row.completed.count)
    if row.filing_rate is None or expected is None or abs(row.filing_rate - expected) <= TOLERANCE[PERCENT]:
        return []
    return [
        finding_at(
            EMITS,
            "F6-003",
            form,
            r,
            "filing_rate",
            row.filing_rate,
            category=category_name(row),
            stated=row.filing_rate,
            expected=expected,
        )
    ]


def check_large_within_public(
    form: ParsedForm, r: int, large: CategoryRow, public: CategoryRow | None
) -> list[Finding]:
    """F6-001: 大型公共建筑 are public buildings, so their count cannot exceed 公共建筑工程's."""
    findings = []
    for group, what in GROUPS:
        n = getattr(large, group).count
        p = getattr(public, group).count if public else 0
        if n > p:
            findings.append(
                finding_at(
                    EMITS,
                    "F6-001",
                    form,
                    r,
                    f"{group}.count",
                    n,
                    group=what,
                    large=number(n),
                    public=number(p),
                )
            )
    return findings


def check_large_public_area(form: ParsedForm, r: int, large: CategoryRow) -> list[Finding]:
    """F6-002: each 大型公共建筑 has at least 2 万㎡, so area ≥ 2 × count."""
    findings = []
    for group, what in GROUPS:
        v = getattr(large, group)
        minimum = LARGE_PUBLIC_MIN_AREA * v.count
        if v.count and v.area < minimum and differs(form.spec, f"{group}.area", v.area, minimum):
            findings.append(
                finding_at(
                    EMITS,
                    "F6-002",
                    form,
                    r,
                    f"{group}.area",
                    v.area,
                    group=what,
                    count=number(v.count),
                    area=number(v.area),
                    minimum=number(minimum),
                )
            )
    return findings


def category_name(row: CategoryRow) -> str:
    return "".join(CATEGORY_LABELS[row.category].split())
