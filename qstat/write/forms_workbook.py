"""The consolidated forms workbook: one sheet per form in the official layout.

It is itself a valid submission for the next level up: a province reads a city's output with
the same reader and gets the same totals.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import xlsxwriter

from ..forms import FORMS
from ..forms.f6_categories import CATEGORY_LABELS
from ..forms.spec import COUNTY, SOURCE_UNIT, TEXT, Column, FormSpec, value_of
from ..forms.statistics import CATEGORIES
from ..model import ListedRecords
from .layout import Formats, write_form_sheet

if TYPE_CHECKING:
    from ..config import Config
    from ..result import Result

WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


def write_forms_workbook(path: Path, result: Result, config: Config, today: date | None = None) -> Path:
    """The forms dated ``today`` (报送日期; default the machine's date), signed by config.office."""
    book = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    formats = Formats(book)
    today = today or date.today()
    period_text = result.period.chinese()
    office = config.name or "（未配置单位名称）"
    for code in result.period.consolidated_forms:
        spec = FORMS[code]
        if spec.unit_rows:
            columns = list(spec.printed_columns)
            rows = [
                _statistics_values(columns, unit, result.statistics.get(unit), result)
                for unit in result.units
            ]
            total = _statistics_values(columns, "合计", result.total, result)
            write_form_sheet(
                book,
                formats,
                spec,
                columns,
                office,
                period_text,
                rows,
                total,
                report_date=today,
                identity=config.office,
            )
        elif spec.category_rows:
            rows = [
                [CATEGORY_LABELS[c]]
                + [value_of(result.categories[c], col.key) for col in spec.printed_columns[1:]]
                for c in CATEGORIES
            ]
            write_form_sheet(
                book,
                formats,
                spec,
                list(spec.printed_columns),
                office,
                period_text,
                rows,
                report_date=today,
                identity=config.office,
            )
        else:
            columns = detail_columns(spec)
            write_form_sheet(
                book,
                formats,
                spec,
                columns,
                office,
                period_text,
                _detail_rows(spec, columns, result),
                report_date=today,
                identity=config.office,
            )
    book.close()
    return path


def detail_columns(spec: FormSpec) -> list[Column]:
    """A detail form's columns with 填报单位 and 县（区） added after 序号 (added where missing).

    县（区） keeps each row's county through every level: a province's 附表3 still says which
    county of 平顶山市 a project is in.
    """
    columns = list(spec.printed_columns)
    if columns[0].key != "seq":
        columns.insert(0, Column("seq", "序号", r"^序号", TEXT, "", 5, required=False))
    return columns[:1] + [SOURCE_UNIT, COUNTY] + columns[1:]


def _statistics_values(columns: list[Column], unit: str, row, result: Result) -> list:
    """A unit's figures; a unit without them says why in its name cell, the figures left blank.

    (Text in the figure cells would make the workbook an invalid submission for the next level.)
    """
    if row is None:
        why = "未报" if unit in result.missing_units else "有错误，未计入"
        return [f"{unit}（{why}）"] + [None] * (len(columns) - 1)
    return [unit] + [value_of(row, col.key) for col in columns[1:]]


def printed_rows(spec: FormSpec, records: list) -> list[tuple]:
    """A unit's detail records as this workbook prints them (and the history keeps them): one
    tuple per record, 县（区） (where known) then the values of the form's columns."""
    keys = [col.key for col in detail_columns(spec)[3:]]
    return [(r.county, *[getattr(r, key) for key in keys]) for r in records]


def _detail_rows(spec: FormSpec, columns: list[Column], result: Result) -> Iterator[list]:
    """Rows of every included unit in form order, renumbered, read back from the spools."""
    seq = 0
    for unit in result.units:
        sub = next(
            (s for s in result.submissions if s.unit == unit and s.included and spec.code in s.record_spools),
            None,
        )
        if sub is None:
            continue
        with open(sub.record_spools[spec.code], "rb") as f:
            listed: ListedRecords = pickle.load(f)
        for county, *values in printed_rows(spec, listed.records):
            seq += 1
            yield [seq, unit, county or unit, *values]
