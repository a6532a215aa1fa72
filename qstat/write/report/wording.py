"""How the report words numbers and their changes (环比 / 同比).

Quantities change in percent (增长/下降 x.x%), rates in percentage points (提高/降低 x.x个百分点);
an unchanged figure is 持平. A quantity from a base of 0 says what happened: 新增7条 (0 to 0 is
持平). With no base (the period is not in the history, or a rate was not computable) there is no
comparison at all: a missing base is never read as 0.

A change is computed from the two figures as printed (counts whole, areas and money to 0.01, rates
to 0.1), so that a reader who checks a table's row with a calculator gets the printed change.
Money is in 万元 everywhere, text and tables alike, with thousands separators (2,211,190.20万元).
"""

from __future__ import annotations

PREVIOUS, YEAR_AGO = "环比", "同比"
# After every judgement the report drafts: the clerk confirms it (deletes the mark) or deletes it.
MARK = "【请核实】"


def number(value: float | None, digits: int = 2) -> str:
    """A figure as printed in the report: counts whole, areas and costs to 0.01, rates to 0.1."""
    if value is None:
        return "—"
    return f"{value:.{digits}f}" if digits else f"{round(value):d}"


def amount(value: float | None) -> str:
    """An amount in 万元 as a table prints it: to 0.01 with thousands separators (2,211,190.20)."""
    return "—" if value is None else f"{value:,.2f}"


def money(value: float | None) -> str:
    """An amount in 万元 as a sentence says it, in the tables' unit: 2,211,190.20万元."""
    return "—" if value is None else f"{amount(value)}万元"


def percent_change(current: float | None, base: float | None, digits: int = 2, unit: str = "") -> str | None:
    """增长12.5% / 下降3.0% / 持平 of the figures printed to ``digits``; from a base of 0, 新增7条
    (``unit``) or 持平; None when there is nothing to compare with."""
    if current is None or base is None:
        return None
    current, base = round(current, digits), round(base, digits)
    if base == 0:
        if current == 0:
            return "持平"
        return f"新增{number(current, digits)}{unit}" if current > 0 else None
    change = (current - base) / abs(base) * 100
    if round(change, 1) == 0:
        return "持平"
    return f"{'增长' if change > 0 else '下降'}{abs(change):.1f}%"


def point_change(current: float | None, base: float | None) -> str | None:
    """提高2.5个百分点 / 降低0.3个百分点 / 持平, compared as printed (to 0.1)."""
    if current is None or base is None:
        return None
    change = round(current, 1) - round(base, 1)
    if round(change, 1) == 0:
        return "持平"
    return f"{'提高' if change > 0 else '降低'}{abs(change):.1f}个百分点"


def change(
    current: float | None, base: float | None, is_rate: bool, digits: int = 2, unit: str = ""
) -> str | None:
    return point_change(current, base) if is_rate else percent_change(current, base, digits, unit)


def basis_words(
    word: str,
    then: str,
    current: float | None,
    base: float | None,
    is_rate: bool,
    digits: int = 2,
    unit: str = "",
    comparable: tuple[str, int] | None = None,
) -> str | None:
    """A change with the figures it is computed from, for a sentence's brackets: 上季度256项，环比下降
    1.6% after the figure it compares; where the comparison is over fewer units than the figure
    (``comparable``: 本季度, the number of units), their own current figure too: 同口径7个单位：本季度
    252项、上季度256项，环比下降1.6%. None when there is nothing to compare with."""
    said = change(current, base, is_rate, digits, unit)
    if said is None:
        return None
    digits, unit = (1, "%") if is_rate else (digits, unit)
    own = ""
    if comparable:
        own = f"同口径{comparable[1]}个单位：{comparable[0]}{number(current, digits)}{unit}、"
    return f"{own}{then}{number(base, digits)}{unit}，{word}{said}"


def left_out_note(
    total_units: int, period_word: str, bases: dict[str, tuple[int, list[tuple[str, str]]]]
) -> str:
    """Which units the comparisons leave out and why ('' when every unit is compared).

    ``bases``: 环比/同比 → (comparable units, [(unit, why)]).
    """
    with_left = {w: b for w, b in bases.items() if b[1]}
    if not with_left:
        return ""

    def said(n: int, left: list[tuple[str, str]]) -> str:
        return f"按两期均有数据的{n}个单位同口径计算，不含{'、'.join(f'{u}（{why}）' for u, why in left)}"

    groups = list(with_left.items())
    if len(groups) == 2 and groups[0][1] == groups[1][1]:
        parts = [f"环比、同比均{said(*groups[0][1])}"]
    else:
        parts = [f"{w}{said(*b)}" for w, b in groups]
    return f"{period_word}合计含{total_units}个单位；" + "；".join(parts) + "。"
