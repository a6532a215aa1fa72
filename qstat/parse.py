"""Turn a located table's rows into typed records, with a finding for every doubtful cell."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from .cells import Cell, text_of, to_count, to_date, to_number, to_percent, to_text
from .config import Limits
from .findings import At, Emits, Finding, a1
from .forms import DETAIL_RECORDS
from .forms.f6_categories import category_of
from .forms.spec import AREA, COUNT, DATE, NUMBER, PERCENT, PROSE, TEXT, FormSpec, Origin
from .forms.statistics import CategoryRow, StatisticsRow, sum_categories, sum_rows
from .locate import Table, picker
from .places import place_name

# ST002-ST005 and the cell notes of ST006 are the codes qstat/cells.py gives a cell it converts.
EMITS = Emits("ST002", "ST003", "ST004", "ST005", "ST006")
# How a column of each kind is read: the value a record holds (and what 修改留痕 compares, so
# that 6530.5 and "6,530.5" are one value). Parse itself reads TEXT and PROSE columns by
# ``text_of``, to_text's value without a Cell (``_plain_values``).
CONVERT: dict[str, Callable[[object], Cell]] = {
    TEXT: to_text,
    PROSE: to_text,
    COUNT: to_count,
    NUMBER: to_number,
    AREA: to_number,
    PERCENT: to_percent,
    DATE: to_date,
}


@dataclass
class ParsedForm:
    """A form's records, with the sheet row each came from (for findings on later checks)."""

    spec: FormSpec
    sheet: str
    records: list = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)
    total: StatisticsRow | None = None  # the stated 合计 row of F5/F7
    total_row: int | None = None
    subtotals: list[tuple[int, StatisticsRow]] = field(default_factory=list)  # F5/F7 小计 rows with figures
    total_block: list[tuple[int, CategoryRow]] = field(default_factory=list)  # F6 per county: its 合计 block
    places: dict[int, str] = field(default_factory=dict)  # F6 per county: row -> its block's county
    # (row, column) of a record's cell read from a merged range -> the range's first cell
    sources: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)

    def figure_row(self) -> int | None:
        """The sheet row that stands for the unit's figures in F5/F7: its only row, else 合计
        (none when several rows have no 合计: no one cell holds the unit's figure)."""
        if len(self.rows) == 1:
            return self.rows[0]
        return self.total_row

    def cell(self, row: int, key: str) -> str | None:
        """Where a record's field is written: its own cell, or the first cell of its merge."""
        if key not in self.columns:
            return None
        c = self.columns[key]
        return a1(*self.sources.get((row, c), (row, c)))

    def unit_figures(self, unit: str | None = None) -> StatisticsRow:
        """The unit's F5/F7 figures: its rows summed (rates recomputed), or the stated 合计."""
        return sum_rows(self.records or ([self.total] if self.total else []), unit)

    def unit_categories(self) -> dict[str, CategoryRow]:
        """The unit's F6 figures: its category rows summed over the county blocks (rates
        recomputed), or the stated 合计 block when there is no other."""
        return sum_categories(self.records or [row for _, row in self.total_block])


def parse_table(table: Table, limits: Limits) -> tuple[ParsedForm, list[Finding]]:
    """Records of one form; F5/F7 rows, F6 categories, or F1-F4 detail dataclasses.

    A figure above its ``limits`` maximum (项数 over a million, 1e308) is ST002 and read as
    empty: what is summed is bounded, so no sum or rate can overflow.
    """
    spec = table.spec
    bounds = {
        COUNT: limits.max_count,
        AREA: limits.max_area,
        NUMBER: limits.max_cost,
        PERCENT: limits.max_percent,
    }
    parsed = ParsedForm(spec, table.sheet.name, columns=table.columns, places=table.places)
    findings: list[Finding] = []
    scale = {
        key: _area_scale(spec, header)
        for key, header in table.headers.items()
        if spec.column(key).kind == AREA
    }
    for key, factor in scale.items():
        if factor != 1:
            unit = "㎡" if spec.area_unit == "m2" else "万㎡"
            r, c = table.header_rows[0], table.columns[key]
            findings.append(
                EMITS.finding(
                    "ST006",
                    At(form=spec.code, sheet=table.sheet.name, cell=a1(r, c)),
                    "area_unit",
                    sheet_name=spec.sheet_name,
                    header=table.headers[key].strip("|"),
                    unit=unit,
                )
            )
    read: set[tuple[int, int]] = set()  # cells converted so far: a merge's value is read once
    converted: dict[str, dict[str | date, Cell]] = {}  # kind -> distinct text or date -> its conversion

    keys = tuple(table.columns)

    def values_of(rows: list[int]) -> list[tuple]:
        return _rows_values(table, rows, scale, bounds, converted, findings, read, parsed.sources)

    # the 合计 row is read last (its cells' findings after the records'), and is no record
    total = [table.total_row] if table.total_row is not None else []
    lines = values_of(table.data_rows + total)
    if total and spec.unit_rows:
        parsed.total, parsed.total_row = _build(StatisticsRow(), keys, lines[-1]), table.total_row
    if spec.category_rows:
        for r, line in zip(table.data_rows, lines):
            category = _category_row(keys, line)
            if category is not None:
                parsed.records.append(category)
                parsed.rows.append(r)
    elif spec.unit_rows:
        parsed.records = [_build(StatisticsRow(), keys, line) for line in lines[: len(table.data_rows)]]
        parsed.rows = list(table.data_rows)
    else:
        make = DETAIL_RECORDS[spec.code]
        for r, line in zip(table.data_rows, lines):
            record = _build(make(), keys, line)
            record.county = _county(record, table.places.get(r))
            parsed.records.append(record)
        parsed.rows = list(table.data_rows)
    for r, line in zip(table.total_block, values_of(table.total_block)):
        block = _category_row(keys, line)
        if block is not None:
            parsed.total_block.append((r, block))
    if spec.unit_rows:
        figures = [j for j, key in enumerate(keys) if spec.by_key[key] in spec.figure_columns]
        for r, line in zip(table.subtotal_rows, values_of(table.subtotal_rows)):
            if any(line[j] is not None for j in figures):
                parsed.subtotals.append((r, _build(StatisticsRow(), keys, line)))
    return parsed, _group_normalised(findings, spec, table.sheet.name)


def _category_row(keys: tuple[str, ...], line: tuple) -> CategoryRow | None:
    """A 附表6 row (its values in the order of ``keys``), or None when its label is no category."""
    label = line[keys.index("category")] if "category" in keys else None
    category = category_of(label) if isinstance(label, str) else None
    if category is None:
        return None
    record = _build(CategoryRow(category), keys, line)
    record.category = category
    return record


def _county(record: Origin, place: str | None) -> str | None:
    """A list record's county: its 县（区） cell, else the county its heading or 小计 row names,
    else its 填报单位 cell; an office's name stands for its place (睢阳区质监站 → 睢阳区)."""
    named = record.county or place or record.source_unit
    return place_name(named) if named else None


def _group_normalised(findings: list[Finding], spec: FormSpec, sheet: str) -> list[Finding]:
    """One ST006 per kind of normalisation and form, listing its cells.

    Forty thousands separators are one fact about how the clerk types, not forty problems;
    a warning per cell would drown the errors in the unit's letter.
    """
    groups: dict[str, list[Finding]] = {}
    kept = []
    for f in findings:
        if f.rule == "ST006" and f.value is not None:
            groups.setdefault(str(f.params["note"]), []).append(f)
        else:
            kept.append(f)
    for note, same in groups.items():
        if len(same) == 1:
            kept.append(same[0])
            continue
        cells = "、".join(f.cell or "" for f in same[:8]) + ("等" if len(same) > 8 else "")
        params = {"sheet_name": spec.sheet_name, "count": len(same), "note": note, "cells": cells}
        kept.append(replace(same[0], message=EMITS.message("ST006", "cells", **params), params=params))
    return kept


def _area_scale(spec: FormSpec, header: str) -> float:
    """Factor from the header's stated area unit to the form's own (㎡ or 万㎡)."""
    says_wan = "万" in header
    says_m2 = any(u in header for u in ("m2", "平方米", "平米"))
    if spec.area_unit == "m2" and says_wan:
        return 10000.0
    if spec.area_unit == "wan_m2" and says_m2 and not says_wan:
        return 1 / 10000
    return 1.0


def _rows_values(
    table: Table,
    rows: list[int],
    scale: dict[str, float],
    bounds: dict[str, float],
    converted: dict[str, dict[str | date, Cell]],
    findings: list[Finding],
    read: set[tuple[int, int]],
    sources: dict[tuple[int, int], tuple[int, int]],
) -> list[tuple]:
    """The rows' values (in the order of the columns' keys), read and converted a column at a
    time; a doubtful cell gets a finding the first time it is read, in reading order (row by
    row, left to right)."""
    spec = table.spec
    keys = list(table.columns)
    columns: list[list[object]] = []
    raws: list[list[object]] = []
    noted: list[dict[int, Cell]] = []  # per column: row index -> its cell with a finding
    fills: list[dict[int, tuple[int, int]]] = []
    # (row index, column index) of each cell with a finding or under a merged range: only
    # those can name a cell another has read (a range's first cell), so only those are visited
    doubtful: list[tuple[int, int]] = []
    grid, pick = table.sheet.rows, picker(list(table.columns.values()))
    grid_columns = list(zip(*[pick(grid[r]) for r in rows])) or [() for _ in keys]  # taken a row at a time
    position = {r: i for i, r in enumerate(rows)}  # row -> its index in rows
    for j, (key, c) in enumerate(table.columns.items()):
        kind = spec.by_key[key].kind
        written = list(grid_columns[j])
        fill, merged = _merged(table, position, c, written)
        bound = bounds.get(kind)
        values = _plain_values(kind, written, bound)
        column_noted: dict[int, Cell] = {}
        if values is None:
            column_cells = _convert(kind, written, bound, converted.setdefault(kind, {}))
            values = [cell.value for cell in column_cells]
            column_noted = {i: cell for i, cell in enumerate(column_cells) if cell.rule}
        doubtful += [(i, j) for i in column_noted.keys() | merged]
        if scale.get(key, 1) != 1:
            values = [v * scale[key] if v is not None else None for v in values]  # type: ignore[operator]
        raws.append(written)
        noted.append(column_noted)
        fills.append(fill)
        columns.append(values)
    for i, j in sorted(doubtful):
        r, c = rows[i], table.columns[keys[j]]
        source, cell, raw = fills[j].get(i, (r, c)), noted[j].get(i), raws[j][i]
        if source != (r, c):
            sources[(r, c)] = source
        if cell is not None and cell.rule and source not in read:
            column = spec.by_key[keys[j]]
            findings.append(
                EMITS.finding(
                    cell.rule,
                    At(form=spec.code, sheet=table.sheet.name, cell=a1(*source), value=str(raw)),
                    sheet_name=spec.sheet_name,
                    column=_name(column),
                    raw=raw,
                    note=cell.note,
                )
            )
        read.add(source)
    return list(zip(*columns)) if columns else [() for _ in rows]


def _plain_values(kind: str, written: list, bound: float | None) -> list | None:
    """A column's values when no cell of it has anything to note; else None.

    A text column never has: it is read a cell at a time by ``text_of`` (what ``to_text``
    gives, with no note). Other columns are checked whole (most of a list's are so): dates,
    and figures that are finite floats, not negative and within ``bound`` (the sum is finite
    only when every figure is).
    """
    if kind in (TEXT, PROSE):
        return list(map(text_of, written))
    types = set(map(type, written))
    if types == {date} and kind == DATE:
        return list(written)
    if types == {float} and kind in (NUMBER, AREA) and bound is not None:
        if math.isfinite(sum(written)) and 0.0 <= min(written) and max(written) <= bound:
            return list(written)
    return None


def _convert(kind: str, written: list, bound: float | None, cache: dict[str | date, Cell]) -> list[Cell]:
    """Each cell of a column converted. ``cache`` holds the kind's conversion of each distinct
    text (names, 是/否, dates and figures typed as text) and date: most repeat down a column.
    Numbers convert faster than they would be looked up; a plain figure (``_plain``) needs no
    converting."""
    convert = CONVERT[kind]
    quantity = convert is to_number
    cells = []
    for value in written:
        if isinstance(value, (str, date)):
            cell = cache.get(value)
            if cell is None:
                cell = cache[value] = _bounded(convert(value), bound)
        elif quantity and _plain(value, bound):
            cell = Cell(value)  # what to_number and _bounded make of it
        else:
            cell = _bounded(convert(value), bound)
        cells.append(cell)
    return cells


def _merged(
    table: Table, position: dict[int, int], c: int, values: list
) -> tuple[dict[int, tuple[int, int]], set[int]]:
    """Column c's cells in the rows read (``values``, each row at its ``position``) that a
    merged range fills: each one's row index -> the range's first cell, whose value is put in
    ``values``; and the row indexes of every cell a merged range covers.

    In a list (附表1-4) clerks merge a column down a group of rows (施工单位 over H19:H21, the
    county over its projects): every row of the range holds the range's value, and the range's
    first cell is where it is written (findings name it). A range that starts in the header
    is the header's, not a value. Other forms' merged cells are read as they are.
    """
    fill: dict[int, tuple[int, int]] = {}
    merged: set[int] = set()
    merges = table.sheet.merges_down(c) if table.spec.is_list else {}
    for r, merge in merges.items():
        i = position.get(r)
        if i is not None:
            merged.add(i)
            if merge[0] > table.header_rows[-1]:
                values[i], fill[i] = table.sheet.value(merge[0], c), (merge[0], merge[1])
    return fill, merged


def _plain(value: object, bound: float | None) -> bool:
    """A finite float, not negative and within ``bound``: a quantity (``to_number``) reads it
    as itself with nothing to note, and ``_bounded`` keeps it. Most figures of a list are so."""
    return type(value) is float and bound is not None and 0.0 <= value <= bound and math.isfinite(value)


def _bounded(cell: Cell, bound: float | None) -> Cell:
    """ST002 for a figure beyond what a form can hold, whatever its sign."""
    if bound is None or not isinstance(cell.value, float) or abs(cell.value) <= bound:
        return cell
    return Cell(None, "ST002", f"超出报表可能的范围（不应超过{bound:.0f}），请核对")


def _name(column) -> str:
    text = f"{column.group}{column.label}" if column.group else column.label
    return "".join(text.split())


# (record type, column keys) -> (index, target, attr) for each key the record has a field for
_FIELDS: dict[tuple[type, tuple[str, ...]], tuple[tuple[int, str, str], ...]] = {}


def _build(record, keys: tuple[str, ...], line: tuple):
    """Set each (possibly dotted) field of the record from the row's values (``line``, in the
    order of ``keys``); empty numeric cells stay at 0. Which keys the record has is worked out
    once per record type and columns, not once a record."""
    known = (type(record), keys)
    fields = _FIELDS.get(known)
    if fields is None:
        fields = _FIELDS[known] = tuple(
            (j, target, attr)
            for j, key in enumerate(keys)
            for target, _, attr in [key.rpartition(".")]
            if hasattr(getattr(record, target) if target else record, attr)
        )
    for j, target, attr in fields:
        value = line[j]
        if not target:
            setattr(record, attr, value)
        elif value is not None:
            setattr(getattr(record, target), attr, value)
    return record
