"""The consolidated forms workbook: one sheet per form in the official layout.

It is itself a valid submission for the next level up: a province reads a city's output with
the same reader and gets the same totals.
"""

from __future__ import annotations

from datetime import date
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

import xlsxwriter

from ..forms import FORMS
from ..forms.f6_categories import CATEGORY_LABELS
from ..forms.spec import Column, value_of
from ..forms.statistics import CATEGORIES
from ..listed import detail_columns, load
from .layout import Formats, FormSheet

if TYPE_CHECKING:
    from ..config import Config
    from ..model import Examined
    from ..periods import Period
    from ..result import Result

WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


def write_forms_workbook(path: Path, result: Result, config: Config, today: date | None = None) -> Path:
    """The forms dated ``today`` (报送日期; default the machine's date), signed by config.office."""
    return FormsWorkbook(path, result.period, config, today).close(result)


class FormsWorkbook:
    """The forms workbook, its lists (附表1-4) written a unit at a time, the rest at ``close``.

    A consolidation adds each unit's lists while the other workbooks are still being read
    (``add_unit``, in the forms' unit order), so that writing overlaps reading; ``close`` adds the
    units not yet written, the figures (附表5/6) and each sheet's closing lines. Should a unit
    written early not be what the finished consolidation chose (a file read later turned out to
    be that unit's), ``close`` writes the workbook again from the start.

    The formats are numbered up front, in the order a sheet-by-sheet write of ordinary rows first
    uses them: the file is then the same however the sheets' rows were interleaved.
    """

    def __init__(self, path: Path, period: Period, config: Config, today: date | None = None) -> None:
        self.path, self.period, self.config, self.today = path, period, config, today or date.today()
        self.book = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
        self.formats = Formats(self.book)
        self.sheets: dict[str, FormSheet] = {}
        for code in period.consolidated_forms:
            spec = FORMS[code]
            columns = detail_columns(spec) if spec.is_list else list(spec.printed_columns)
            sheet = FormSheet.start(
                self.book,
                self.formats,
                spec,
                columns,
                config.name or "（未配置单位名称）",
                period.chinese(),
                report_date=self.today,
                identity=config.office,
            )
            self.sheets[code] = sheet
        # xlsxwriter numbers a format when a cell first using it is written out, each sheet's last
        # row at the end; numbered here in the order of a sheet-by-sheet write.
        uses = [sheet.first_uses(total=bool(sheet.spec.unit_rows)) for sheet in self.sheets.values()]
        for used in chain(*(early for early, _ in uses), *(last for _, last in uses)):
            used._get_xf_index()
        self.units: list[tuple[str, str | None]] = []  # (unit, file whose lists were written)
        self._numbers = dict.fromkeys(self.sheets, 0)  # each list's last 序号

    def add_unit(self, unit: str, sub: Examined | None) -> None:
        """The rows of ``unit``'s lists (``sub``: its workbook in the totals, None for none),
        renumbered, read back from the spools (printed as the worker shaped them); after every
        unit before it."""
        self.units.append((unit, sub.file if sub else None))
        if sub is None:
            return
        for code, sheet in self.sheets.items():
            if not sheet.spec.is_list or code not in sub.record_spools:
                continue
            first = self._numbers[code]
            rows = [
                [first + n, unit, county or unit, *values]
                for n, (county, *values) in enumerate(load(sub.record_spools[code].printed), 1)
            ]
            sheet.add_rows(rows)
            self._numbers[code] += len(rows)

    def close(self, result: Result) -> Path:
        """The rest of ``result``'s lists, its figures, and the file."""
        included = _included(result)
        if included[: len(self.units)] != self.units:
            self.book.close()  # its temporary files go; the file is written over
            return FormsWorkbook(self.path, self.period, self.config, self.today).close(result)
        chosen = {s.unit: s for s in result.submissions if s.included}
        for unit, _ in included[len(self.units) :]:
            self.add_unit(unit, chosen.get(unit))
        for sheet in self.sheets.values():
            spec, columns = sheet.spec, sheet.columns
            if spec.unit_rows:
                figures = result.statistics
                sheet.add_rows(_statistics_values(columns, u, figures.get(u), result) for u in result.units)
                sheet.finish(_statistics_values(columns, "合计", result.total, result))
            elif spec.category_rows:
                sheet.add_rows(
                    [CATEGORY_LABELS[c]] + [value_of(result.categories[c], col.key) for col in columns[1:]]
                    for c in CATEGORIES
                )
                sheet.finish()
            else:  # a list, all its rows written
                sheet.finish()
        self.book.close()
        return self.path

    def __enter__(self) -> FormsWorkbook:
        return self

    def __exit__(self, *exc) -> None:
        """Left without ``close`` (an error while reading): the temporary files go all the same."""
        if not self.book.fileclosed:
            self.book.close()


def _included(result: Result) -> list[tuple[str, str | None]]:
    """Each unit of the forms with the file whose lists it contributes (None: none)."""
    chosen = {s.unit: s.file for s in result.submissions if s.included}
    return [(unit, chosen.get(unit)) for unit in result.units]


def _statistics_values(columns: list[Column], unit: str, row, result: Result) -> list:
    """A unit's figures; a unit without them says why in its name cell, the figures left blank.

    (Text in the figure cells would make the workbook an invalid submission for the next level.)
    """
    if row is None:
        why = "未报" if unit in result.missing_units else "有错误，未计入"
        return [f"{unit}（{why}）"] + [None] * (len(columns) - 1)
    return [unit] + [value_of(row, col.key) for col in columns[1:]]
