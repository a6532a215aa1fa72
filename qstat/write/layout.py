"""The official layout of a form sheet, written with xlsxwriter in row order.

Title (附表N and the form's title), period, 填表单位（公章/盖章）, the two-row merged header
exactly as in the seed, the rows, the 合计 row, 填表说明 and the 统计员/批准人/报送日期 line
(附表1: on the 填表单位 line, as the seed has it) filled from the config's [office]; 宋体/仿宋,
column widths, A4 landscape, one page wide, frozen header, 第1页 共N页 at the foot. Text wraps
in rows sized to it (never shrunk); numbers are rounded to the printed precision before they are
written, so what a reader (or the province) gets is what the page shows. Used for the
consolidated workbook and, with no rows, for blank forms.

The workbook is written in constant-memory mode so that a province run with hundreds of
thousands of detail rows stays flat in memory; rows must therefore be written in order.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from xlsxwriter.worksheet import Worksheet

from ..config import Office
from ..forms.spec import AREA, COUNT, DATE, NUMBER, PERCENT, PROSE, Column, FormSpec
from .safe import safe_text

BODY_FONT, NOTE_FONT = "宋体", "仿宋"
PAGE_FOOTER = '&C&"宋体"&10第&P页 共&N页'  # printed at the foot of every page
DIGITS = {COUNT: 0, AREA: 2, NUMBER: 2, PERCENT: 1}  # as the number formats print them
LINE_HEIGHT = 14.5  # points per line of 10 pt text (CJK fonts set lines about 1.4 em apart)
WIDE_CHAR, NARROW_CHAR = 1.7, 0.95  # widths of a CJK character and of another one at 10 pt (text_lines)
EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of the 1900 date system for days after ...
LEAP_BUG_DAY = date(1900, 2, 28)  # ... this one (Excel counts a 1900-02-29 that never was)
INPUT_FILL = "#FFF2CC"  # the cells a clerk fills in a template (qstat template)


@dataclass
class Input:
    """A cell the clerk fills (a template's input cell): unlocked and shaded; ``value`` prefilled."""

    value: object = None


@dataclass
class Formula:
    """A computed cell (合计, 备案率): the formula and its cached result, so that viewers that do
    not recalculate (and qstat itself) read the right number."""

    text: str
    value: float | str = 0


def chinese_date(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def signature_line(spec: FormSpec, identity: Office | None, day: date | None) -> str:
    """统计员：王晓峰　　批准人：李建国　　报送日期：2024年10月12日 (the form's own labels)."""
    labels = re.findall(r"([^\s：]+)：", spec.footer)  # 统计员 / 填表人, 批准人, 报送日期 / 填表日期
    values = [
        identity.statistician if identity else "",
        identity.approver if identity else "",
        chinese_date(day),
    ]
    return "　　　　".join(f"{label}：{value or '　' * 5}" for label, value in zip(labels, values))


def printed(value: float, kind: str) -> float | int:
    """The value as its cell prints it: counts whole, 面积/造价 to 0.01, rates to 0.1."""
    digits = DIGITS.get(kind)
    if digits is None:
        return value
    return int(round(value)) if digits == 0 else round(value, digits)


class ForgetfulWorksheet(Worksheet):
    """A worksheet that forgets a row's height once the row is in the file.

    xlsxwriter keeps every ``set_row`` (``row_info``, ``row_sizes``) until the workbook closes,
    even in constant-memory mode, where a row is written out as soon as a later one begins: a
    200-workbook 附表3/附表4 has ~87,000 wrapped rows, ~23 MB held to the end. A written row's
    entry is never read again (``row_sizes`` places images and comments; a form has none),
    so the forms workbook's memory stays flat however many rows it holds. The XML is the same.
    """

    def _write_single_row(self, current_row_num: int = 0) -> None:
        written = self.previous_row
        super()._write_single_row(current_row_num)
        self.row_info.pop(written, None)
        self.row_sizes.pop(written, None)


class Formats:
    """The cell formats of the official forms, created once per workbook."""

    def __init__(self, book) -> None:
        base = {"font_name": BODY_FONT, "font_size": 10, "valign": "vcenter"}
        cell = base | {"border": 1}

        def add(start: dict, **kw):
            return book.add_format(start | kw)

        self.form_label = add(base, font_size=11, align="left")
        self.title = add(base, font_size=16, bold=True, align="center")
        self.period = add(base, font_size=11, align="center")
        self.unit_line = add(base, font_size=11, align="left")
        self.header = add(cell, bold=True, align="center", text_wrap=True)
        self.text = add(cell, text_wrap=True)  # long names wrap (the row is sized), never shrink
        self.total_label = add(cell, bold=True, align="center")
        self.note = add(base, font_name=NOTE_FONT, text_wrap=True, align="left", valign="top")
        self.footer = add(base, font_name=NOTE_FONT, font_size=11, align="left")
        number_formats = {COUNT: "0", AREA: "0.00", NUMBER: "0.00", PERCENT: "0.0"}
        self.kind = {k: add(cell, num_format=f, align="right") for k, f in number_formats.items()}
        self.kind[DATE] = add(cell, num_format="yyyy-mm-dd", align="center")
        self.kind[PROSE] = add(cell, text_wrap=True)
        self.total_kind = {
            k: add(cell, bold=True, num_format=f, align="right") for k, f in number_formats.items()
        }
        self.total_kind[DATE] = self.kind[DATE]
        # A template's input cells: unlocked (the sheet is protected) and shaded.
        unlocked = cell | {"locked": False, "bg_color": INPUT_FILL}
        self.input_kind = {k: add(unlocked, num_format=f, align="right") for k, f in number_formats.items()}
        self.input_kind[DATE] = add(unlocked, num_format="yyyy-mm-dd", align="center")
        self.input_text = add(unlocked, text_wrap=True)


def write_form_sheet(
    book,
    formats: Formats,
    spec: FormSpec,
    columns: list[Column],
    office: str,
    period_text: str,
    rows: Iterable[list],
    total: list | None = None,
    report_date: date | None = None,
    identity: Office | None = None,
):
    """One form on its own sheet; ``rows`` are lists of values in ``columns`` order (a value may
    be an ``Input`` or a ``Formula``: a template's cells). Returns the worksheet.

    ``identity`` and ``report_date`` fill the 统计员/批准人/报送日期 line (blank when absent).
    """
    sheet = FormSheet.start(book, formats, spec, columns, office, period_text, report_date, identity)
    sheet.add_rows(rows)
    sheet.finish(total)
    return sheet.ws


@dataclass
class FormSheet:
    """A form's sheet being written: ``start`` writes the title lines and the header, then
    ``add_rows`` (as often as rows come, in order), then ``finish`` the 合计 row, the notes,
    the signature line and the print setup. The consolidated forms add their lists' rows a
    unit at a time, several sheets at once (forms_workbook.FormsWorkbook)."""

    ws: Any
    formats: Formats
    spec: FormSpec
    columns: list[Column]
    signature: str
    header_rows: int
    row: int  # the sheet row the next data row goes to

    @classmethod
    def start(
        cls,
        book,
        formats: Formats,
        spec: FormSpec,
        columns: list[Column],
        office: str,
        period_text: str,
        report_date: date | None = None,
        identity: Office | None = None,
    ) -> FormSheet:
        ws = book.add_worksheet(spec.sheet_name, worksheet_class=ForgetfulWorksheet)
        last = len(columns) - 1
        for c, col in enumerate(columns):
            ws.set_column(c, c, col.width)
        ws.write_string(0, 0, spec.sheet_name, formats.form_label)
        ws.set_row(1, 30)
        ws.merge_range(1, 0, 1, last, spec.title, formats.title)
        ws.merge_range(2, 0, 2, last, f"（{period_text}）", formats.period)
        signature = signature_line(spec, identity, report_date)
        unit_line = f"填表单位（{spec.seal}）：{office}"
        if spec.signature_above:
            unit_line += "　　　　" + signature
        ws.merge_range(3, 0, 3, last, safe_text(unit_line), formats.unit_line)
        header_rows = _write_header(ws, formats, spec, columns, 4)
        return cls(ws, formats, spec, columns, signature, header_rows, 4 + header_rows)

    def add_rows(self, rows: Iterable[list]) -> None:
        self.row = _write_rows(self.ws, self.formats, self.row, self.columns, rows, self.formats.kind)

    def finish(self, total: list | None = None) -> None:
        ws, formats, spec, columns, r = self.ws, self.formats, self.spec, self.columns, self.row
        last = len(columns) - 1
        if total is not None:
            ws.write_string(r, 0, "合计", formats.total_label)
            r = _write_rows(ws, formats, r, columns[1:], [total[1:]], formats.total_kind, first_col=1)
        if spec.notes:
            width = sum(col.width for col in columns)
            ws.set_row(r, LINE_HEIGHT * text_lines(spec.notes, width) + 4)
            ws.merge_range(r, 0, r, last, spec.notes, formats.note)
            r += 1
        if not spec.signature_above:
            ws.merge_range(r, 0, r, last, self.signature, formats.footer)
        ws.freeze_panes(4 + self.header_rows, 1)
        ws.repeat_rows(4, 3 + self.header_rows)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.center_horizontally()
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.7)
        ws.set_footer(PAGE_FOOTER, {"margin": 0.3})

    def first_uses(self, total: bool) -> tuple[list, list]:
        """The formats this sheet uses, in the order a write of ordinary rows (and, with
        ``total``, a 合计 row) first uses them: those of the rows written out as the next one
        starts, and those of its last row, which xlsxwriter's constant_memory mode writes out
        only when the workbook closes (FormsWorkbook numbers them up front in that order)."""
        formats, columns = self.formats, self.columns
        rows = [
            [formats.form_label],
            [formats.title],
            [formats.period],
            [formats.unit_line],
            [formats.header],
        ]
        rows.append([formats.kind.get(col.kind, formats.text) for col in columns])
        if total:
            rows.append(
                [formats.total_label]
                + [formats.total_kind.get(col.kind, formats.text) for col in columns[1:]]
            )
        if self.spec.notes:
            rows.append([formats.note])
        if not self.spec.signature_above:
            rows.append([formats.footer])
        return [f for row in rows[:-1] for f in row], rows[-1]


def data_top(columns: list[Column]) -> int:
    """The sheet row of a form's first data row: below the title lines and the header."""
    return 4 + (2 if any(col.group for col in columns) else 1)


def _write_header(ws, formats: Formats, spec: FormSpec, columns: list[Column], top: int) -> int:
    """The header rows: group labels merged across, single labels merged down two rows."""
    two_rows = any(col.group for col in columns)
    if not two_rows:
        ws.set_row(top, 32)
        for c, col in enumerate(columns):
            ws.write_string(top, c, col.label, formats.header)
        return 1
    ws.set_row(top, 30)
    ws.set_row(top + 1, 30)
    c = 0
    while c < len(columns):  # first header row, left to right
        col = columns[c]
        if col.group:
            end = c
            while end + 1 < len(columns) and columns[end + 1].group == col.group:
                end += 1
            if end > c:
                ws.merge_range(top, c, top, end, col.group, formats.header)
            else:
                ws.write_string(top, c, col.group, formats.header)
            c = end + 1
        else:
            ws.write_string(top, c, col.label, formats.header)
            c += 1
    for c, col in enumerate(columns):  # second header row
        if col.group:
            ws.write_string(top + 1, c, col.label, formats.header)
        else:
            ws.write_blank(top + 1, c, None, formats.header)
            # Constant-memory mode cannot merge across rows already flushed, so the vertical
            # merge is registered once both of its rows are written.
            ws.merge.append([top, c, top + 1, c])
    return 2


@dataclass
class _Plan:
    """What a column's cells need, worked out once per sheet instead of once per cell."""

    kind: str
    fmt: object  # the cell format for its kind
    date_fmt: object  # for a date in a column of another kind
    digits: int | None  # printed precision of a number (None: as it is)
    width: float
    short: int  # a text of at most this many characters (and no line break) fits one line
    short_ascii: int  # an ASCII text (a 注册号, a code) of at most this many characters fits one line


def _plans(formats: Formats, columns: list[Column], kinds: dict) -> list[_Plan]:
    return [
        _Plan(
            col.kind,
            kinds.get(col.kind, formats.text),
            kinds.get(col.kind, formats.text) if col.kind == DATE else kinds[DATE],
            DIGITS.get(col.kind),
            col.width,
            _fits(col.width, WIDE_CHAR),
            _fits(col.width, NARROW_CHAR),
        )
        for col in columns
    ]


def _fits(width: float, char_width: float) -> int:
    """How many characters of ``char_width`` surely fit one line of a column (text_lines), kept
    clear of the boundary so that a short cut never decides what text_lines would round the
    other way."""
    return max(0, math.floor(max(width - 0.5, 1) / char_width * (1 - 1e-9)))


def _write_rows(
    ws, formats: Formats, r: int, columns: list[Column], rows: Iterable[list], kinds: dict, first_col: int = 0
) -> int:
    """The rows from sheet row ``r`` on; returns the row after the last.

    Per cell only what depends on the value: its type picks the writer method, text is made
    safe and, when it may wrap, measured (a row is sized to its tallest text, since no reader
    re-measures rows written in constant-memory mode). Template cells (Input, Formula) and
    unusual types take the general path.
    """
    plans = _plans(formats, columns, kinds)
    string, number, blank = ws.write_string, ws.write_number, ws.write_blank
    for values in rows:
        lines = 1
        for c, value, plan in zip(range(first_col, first_col + len(plans)), values, plans):
            kind = type(value)
            if kind is str:  # never a formula, whatever it starts with
                if value == "":
                    blank(r, c, None, plan.fmt)
                elif value.isprintable():  # nothing to make safe, no line break
                    string(r, c, value, plan.fmt)
                    if len(value) > plan.short and (len(value) > plan.short_ascii or not value.isascii()):
                        lines = max(lines, text_lines(value, plan.width))
                else:
                    string(r, c, safe_text(value), plan.fmt)
                    lines = max(lines, text_lines(value, plan.width))
            elif value is None:
                blank(r, c, None, plan.fmt)
            elif kind is float or kind is int:
                digits = plan.digits
                if digits is not None:
                    value = int(round(value)) if digits == 0 else round(value, digits)
                number(r, c, value, plan.fmt)
            elif kind is date and value > LEAP_BUG_DAY:  # the day number, as write_datetime stores it
                number(r, c, (value - EXCEL_EPOCH).days, plan.date_fmt)
            else:
                lines = max(lines, _write_cell(ws, formats, r, c, plan, value))
        if lines > 1:  # the row's cells are still buffered: its height goes out with them
            ws.set_row(r, LINE_HEIGHT * lines)
        r += 1
    return r


def _write_cell(ws, formats: Formats, r: int, c: int, plan: _Plan, value) -> int:
    """A template's cell (Input, Formula) or a value of another type; returns its text's lines."""
    fmt = plan.fmt
    if isinstance(value, Formula):
        ws.write_formula(r, c, value.text, fmt, value.value)
        return 1
    if isinstance(value, Input):
        fmt, value = formats.input_kind.get(plan.kind, formats.input_text), value.value
    if value is None or value == "":
        ws.write_blank(r, c, None, fmt)
    elif isinstance(value, str):
        ws.write_string(r, c, safe_text(value), fmt)
        return text_lines(value, plan.width)
    elif isinstance(value, date):
        ws.write_datetime(r, c, value, fmt if plan.kind == DATE else plan.date_fmt)
    else:
        ws.write_number(r, c, printed(value, plan.kind), fmt)
    return 1


def text_lines(text: str, width: float) -> int:
    """Lines a wrapped text needs in a column: at 10 pt a CJK character is about 1.7 widths."""
    room = max(width - 0.5, 1)
    wide = len(_NARROW.sub("", text))
    ratio = (WIDE_CHAR * wide + NARROW_CHAR * (len(text) - wide)) / room
    if abs(ratio - round(ratio)) > 1e-9 * max(ratio, 1):  # clear of a line boundary: no rounding can move it
        fit = math.ceil(ratio)
    else:  # on a boundary: add up character by character, as the widths always were
        fit = math.ceil(sum(WIDE_CHAR if ord(ch) > 0x2E7F else NARROW_CHAR for ch in text) / room)
    return max(1, fit, text.count("\n") + 1)


_NARROW = re.compile("[\x00-\u2e7f]+")  # characters about one width wide (text_lines)
