"""`qstat history`: the history's figures as a wide table, one row per period and unit.

The analyst's view of the database: ``index.frame()`` (long, pandas) pivoted to a column per
figure, headed as the forms print them (附表5 本季度在建工程项数). Written as .xlsx (formatted
like the other outputs) or .csv (UTF-8 with BOM, so that Excel/WPS open it as Chinese).
pandas is imported only here and in ``index.frame``.
"""

from __future__ import annotations

from pathlib import Path

import xlsxwriter

from ..forms import FORMS
from ..forms.f1_bad_behaviour import PARTY_TYPES
from ..forms.f6_categories import CATEGORY_LABELS
from ..forms.statistics import CATEGORIES
from ..history import TOTAL, require_history
from ..index import frame
from ..index_config import Component, IndexSettings
from ..periods import Period
from .layout import BODY_FONT, PAGE_FOOTER
from .outputs import atomic_outputs
from .safe import safe_text

FORMATS = (".xlsx", ".csv")
INDEX, INDEX_NAME = "INDEX", "质量指数"  # the computed form of qstat.index.frame()
LEAD = ["期别", "单位"]


class HistoryTableError(ValueError):
    """The table cannot be written as asked; the message says why in Chinese."""


def write_history_table(
    db: Path, out: Path, form: str | None = None, unit: str | None = None, index: IndexSettings | None = None
) -> int:
    """Write the wide table to ``out`` (.xlsx or .csv); returns its number of rows. ``index``
    weighs the 质量指数 (form INDEX)."""
    out = Path(out)
    if out.suffix.lower() not in FORMATS:
        raise HistoryTableError(f"--out 应为 .xlsx 或 .csv 文件，而不是“{out.name}”")
    require_history(Path(db), exists=True)
    long = frame(db, form, index)
    if unit:
        long = long[long["unit"] == unit]
    if long.empty:
        what = "".join(x for x in (unit, _sheet_name(form) if form else "") if x)
        raise HistoryTableError(f"历史数据库{db}中没有{what or ''}的数据")
    wide = long.pivot_table(
        index=["period", "unit"], columns=["form", "field"], values="value", aggfunc="first"
    )
    columns = sorted(wide.columns, key=_column_order)
    rows = sorted(wide.index, key=lambda pu: (_period_order(pu[0]), pu[1] == TOTAL, pu[1]))
    wide = wide.loc[rows, columns]
    headers = LEAD + [header(f, key) for f, key in columns]
    with atomic_outputs(out.parent, replaces=[out.name]) as stage:
        target = stage(out.name)
        if out.suffix.lower() == ".csv":
            wide.columns = headers[2:]
            wide.index.names = LEAD
            wide.to_csv(target, encoding="utf-8-sig")
        else:
            _xlsx(target, wide, headers, form, unit)
    return len(rows)


def header(form: str, key: str) -> str:
    """A figure as the forms print it: 附表5 本季度在建工程项数, 附表6 住宅工程 本季/年竣工工程项数;
    the index's as 质量指数 备案率（项数）得分."""
    if form == INDEX:
        name, _, kind = key.partition(".")
        words = {"index": "", "rank": "排名", "value": "数值", "score": "得分"}
        return f"{INDEX_NAME} {Component(name).label if kind else ''}{words[kind or name]}".rstrip()
    spec = FORMS[form]
    if key == "rows":
        return f"{spec.sheet_name} 记录数"
    if key.startswith("party."):
        return f"{spec.sheet_name} 责任单位为{PARTY_TYPES.get(key[6:], key[6:])}的记录数"
    if spec.category_rows:
        category, _, key = key.partition(".")
        return f"{spec.sheet_name} {_plain(CATEGORY_LABELS.get(category, category))} {_label(spec, key)}"
    return f"{spec.sheet_name} {_label(spec, key)}"


def _label(spec, key: str) -> str:
    if key not in spec.by_key:
        return key
    col = spec.column(key)
    return _plain(f"{col.group}{col.label}")


def _sheet_name(form: str) -> str:
    return INDEX_NAME if form == INDEX else FORMS[form].sheet_name


def _plain(text: str) -> str:
    return "".join(text.split())


def _column_order(column: tuple[str, str]) -> tuple:
    """Forms in order (附表1 … 附表7); within one, its columns in the printed order."""
    form, key = column
    if form == INDEX:  # after the forms, in the order of the components
        name, _, kind = key.partition(".")
        order = [c.value for c in Component]
        return (8, order.index(name) + 1 if kind else 0, kind != "value", key)
    spec = FORMS[form]
    keys = [c.key for c in spec.figure_columns]
    if spec.category_rows:
        category, _, field = key.partition(".")
        position = (
            CATEGORIES.index(category) if category in CATEGORIES else len(CATEGORIES),
            keys.index(field) if field in keys else len(keys),
        )
    else:
        position = (keys.index(key) if key in keys else len(keys) + (key != "rows"), 0)
    return (spec.number, *position, key)


def _period_order(text: str) -> tuple[int, int]:
    """Quarters in order, a year after its fourth quarter."""
    try:
        p = Period.parse(text)
    except ValueError:
        return (0, 0)
    return (p.year, p.quarter or 5)


def _xlsx(path: Path, wide, headers: list[str], form: str | None, unit: str | None) -> None:
    book = xlsxwriter.Workbook(
        str(path), {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    )
    base = {"font_name": BODY_FONT, "font_size": 10, "border": 1}
    head = book.add_format(
        base
        | {"bold": True, "align": "center", "valign": "vcenter", "bg_color": "#DDEBF7", "text_wrap": True}
    )
    text = book.add_format(base)
    number = book.add_format(base | {"num_format": "General"})
    title = book.add_format({"font_name": BODY_FONT, "bold": True, "font_size": 14})
    ws = book.add_worksheet("历史数据")
    scope = "、".join(x for x in (unit, _sheet_name(form) if form else "全部报表") if x)
    ws.write_string(0, 0, safe_text(f"历史数据库中的各期数据（{scope}）"), title)
    for c, name in enumerate(headers):
        ws.write_string(1, c, name, head)
        ws.set_column(c, c, 10 if c < 2 else 14)
    ws.set_row(1, 58)
    for r, ((period, who), values) in enumerate(zip(wide.index, wide.itertuples(index=False)), 2):
        ws.write_string(r, 0, period, text)
        ws.write_string(r, 1, safe_text(who), text)
        for c, value in enumerate(values, 2):
            if value != value:  # NaN: not recorded for that period
                ws.write_blank(r, c, None, number)
            else:
                ws.write_number(r, c, round(float(value), 4), number)
    last = len(wide) + 1
    ws.autofilter(1, 0, last, len(headers) - 1)
    ws.freeze_panes(2, 2)
    ws.repeat_rows(1)
    ws.set_landscape()
    ws.set_paper(9)
    ws.set_footer(PAGE_FOOTER, {"margin": 0.3})
    book.close()
