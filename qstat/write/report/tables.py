"""The report's tables as plain grids: a caption, a header, rows of printed text, a note.

One shape serves every table and both templates (docx and Markdown), so a column the period has
no data for is simply not in the grid. A table of changes (环比/同比) prints, in the row of every
change, the two figures it is computed from:

    指标 | 本季度 | [本季度（同口径）] | 上季度（同口径） | 环比 | [本季度（同口径）] |
        去年同期（同口径） | 同比

本季度 is every unit in this period's totals; a comparison is over the units with figures in both
periods (同口径, data.Basis). Where those are all of this period's units, 本季度 is the current
figure of the change; where some unit has no figures in the base period, the comparison has its
own 本季度（同口径） column. The base period's all-unit total is not printed (it is in that
period's report). A comparison with no base period at all is left out, and the note says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .data import ReportData
from .wording import PREVIOUS, YEAR_AGO, amount, basis_words, change, number

# How each kind of figure is printed and compared: (digits, is_rate)
KINDS = {"count": (0, False), "area": (2, False), "money": (2, False), "rate": (1, True)}


def printed(value: float | None, kind: str) -> str:
    """A figure as the tables print it: counts whole, 万㎡ to 0.01, 万元 with separators, % to 0.1."""
    if kind == "money":
        return amount(value)
    return number(value, KINDS[kind][0])


def grid(header: list[str], rows: list[list[str]], note: str = "", total: list[str] | None = None) -> dict:
    """A table for the templates: ``caption`` is set when the tables are numbered (content.py).

    A column empty in every row (and the 合计) is left out: a blank 备注 says nothing."""
    total = total or []
    kept = [
        i for i in range(len(header)) if i == 0 or not rows or any(r[i] for r in [*rows, total] if len(r) > i)
    ]
    header, rows = [header[i] for i in kept], [[r[i] for i in kept] for r in rows]
    total = [total[i] for i in kept] if total else []
    return {"caption": "", "header": header, "rows": rows, "total": total, "note": note}


@dataclass
class Compared:
    """One row of a table of changes: a label, the all-unit figure, and per comparison the
    current and base figures over the comparable units."""

    label: str
    kind: str  # count | area | money | rate
    now: float | None
    pairs: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    unit: str = ""  # what a change from a base of 0 counts: 新增7条


def period_words(data: ReportData) -> tuple[str, dict[str, str]]:
    """本季度 / 本年度, and each comparison's base period: 环比 上季度, 同比 去年同期 (a year: 上年度)."""
    annual = data.current.period.is_annual
    then = {PREVIOUS: "上季度", YEAR_AGO: "上年度" if annual else "去年同期"}
    return ("本年度" if annual else "本季度"), then


def bracket(
    data: ReportData,
    pairs: dict[str, tuple[float | None, float | None]],
    is_rate: bool,
    unit: str = "",
    digits: int = 2,
) -> str:
    """In a sentence, after the figure the changes are of: （上季度256项，环比下降1.6%；…）, each
    change with the figures it is computed from (wording.basis_words): where a comparison leaves a
    unit out (of either period), neither total is its figure, so it names its own; '' when none.
    ``pairs``: 环比/同比 → (current, base) over that comparison's units (data.bases)."""
    now_word, then = period_words(data)
    parts = [
        said
        for w, (current, base) in pairs.items()
        if (
            said := basis_words(
                w,
                then[w],
                current,
                base,
                is_rate,
                digits,
                unit,
                (now_word, len(data.bases[w].units)) if data.bases[w].left_out else None,
            )
        )
    ]
    return f"（{'；'.join(parts)}）" if parts else ""


def change_table(data: ReportData, label: str, items: list[Compared], words: list[str]) -> dict:
    """The grid of ``items`` with the comparisons ``words`` (those with a base period)."""
    now_word, then = period_words(data)
    current_units = data.current.units
    header = [label, now_word]
    own_current = {w: data.bases[w].units != current_units for w in words}  # needs 本季度（同口径）
    for w in words:
        if own_current[w]:
            header.append(f"{now_word}\n（同口径）")
        header += [f"{then[w]}\n（同口径）", w]
    rows = []
    for item in items:
        digits, is_rate = KINDS[item.kind]
        row = [item.label, printed(item.now, item.kind)]
        for w in words:
            current, base = item.pairs.get(w, (None, None))
            if not own_current[w]:
                current = item.now
            if own_current[w]:
                row.append(printed(current, item.kind))
            row.append(printed(base, item.kind))
            row.append(change(current, base, is_rate, digits, item.unit) or "—")
        rows.append(row)
    return grid(header, rows)


def change_note(data: ReportData, words: list[str], subject: str = "") -> str:
    """What the columns of a table of changes are, and which comparison is missing and why."""
    now_word, then = period_words(data)
    parts = []
    if words:
        bases = "、".join(f"{then[w]}（同口径）" for w in words)
        parts.append(
            f"{now_word}为计入汇总的全部单位{subject}；{bases}为两期均有数据的单位之和，"
            f"{'、'.join(words)}由同一行的两个数计算（比率为百分点差）"
        )
    possible = (YEAR_AGO,) if data.current.period.is_annual else (PREVIOUS, YEAR_AGO)
    parts += [f"无{then[w]}可比数据，未列{w}" for w in possible if w not in words]
    return "注：" + "；".join(parts) + "。" if parts else ""
