"""Find each form's table in a workbook by its title and header text, wherever it is.

Clerks copy the forms out of the Word document: tables start anywhere, sheets are named
anything, several forms may share a sheet, headers are two rows with merged group cells (or
not merged), and footers, 填表说明 and blank rows surround the data. Nothing here relies on a
fixed cell address.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from operator import itemgetter

from .cells import to_date
from .findings import At, Emits, Finding, a1
from .forms import FORMS
from .forms.score_sheet import TITLE_PATTERN as SCORE_TITLE
from .forms.spec import FormSpec, normalise
from .periods import Period, stated_period
from .places import GROUP, county_of_heading, county_of_subtotal, heading
from .read import Sheet, Workbook

EMITS = Emits("ST001")

# A row whose first text starts so is the footer. (Plain words and `in` / startswith rather than
# regexes wherever a list of words says it: `re` compiles an alternation of Chinese words in
# pure Python, 0.1-0.7 ms each, on every start.)
FOOTER = tuple(
    "统计员 批准人 报送日期 填表说明 填表人 填报人 审核人 制表 单位负责人 负责人 联系电话 "
    "注: 备注: 说明: 填表日期".split()
)
# What clerks write in place of records when a list is empty: "无 | 本季度无行政处罚记录", "暂无",
# "/", "—", "以下空白". A row holding only such cells (in any column) is not a record.
PLACEHOLDER = re.compile(
    r"^(本|该)(季|年|月)度?内?(无|暂无|没有|未发生|未有)|^(无|暂无|没有|未发生)(.{0,10}"
    r"(记录|情况))?$|^(空白|空|以下空白|以下无内容|无内容|/+|-+|—+|_+|\\)$"
)
# The whole table's total row; 市区合计 is not one (a part: a subtotal).
TOTAL = re.compile(r"^(全市|全省|全县|全区|本市|总)?(合计|总计)")
SUMMED = re.compile(r"小计|合计|总计")  # any other row labelled so sums some rows: a subtotal
NOTE = "其中"  # 其中：…: a breakdown of some rows, never a unit nor summed
# A cell that is a summary label (市区小计, 合 计:), not a value: read in any column of a list.
SUMMARY_CELL = re.compile(r"[^|]{0,12}(小计|合计|总计):?")


class RowRole(Enum):
    """What a table row is, by its label: only a RECORD is a unit, a county or a project."""

    RECORD = "record"
    TOTAL = "total"  # 合计, 全市合计: the whole table
    SUBTOTAL = "subtotal"  # 小计, 市区小计, 县（市）小计, 市区: some of the rows
    NOTE = "note"  # 其中：…


def row_role(labels: list[str], spec: FormSpec) -> RowRole:
    """The role of a row from its text cells in order (normalised, spaces removed).

    The first text cell is the row's label. In a list (附表1-4) a county's 小计 may be written
    in any column (序号, 县（区）, 工程名称), so any cell that is a summary label counts too;
    the group names (市区, 县（市）) are units' labels only in 附表5/7: in a list, 市区 is a
    project's county. 附表6 rows are categories ("其中：保障性安居工程" is one).
    """
    for i, text in enumerate(labels):
        if not text or (i > 0 and not SUMMARY_CELL.fullmatch(text)):
            continue  # an empty label has no role (``_labels`` reads most records' labels so)
        if text.startswith(NOTE) and not spec.category_rows:
            return RowRole.NOTE
        if "小计" in text:
            return RowRole.SUBTOTAL
        if TOTAL.match(text):
            return RowRole.TOTAL
        if SUMMED.search(text) or (spec.unit_rows and GROUP.match(text)):
            return RowRole.SUBTOTAL
    return RowRole.RECORD


# Sheets a unit adds in prose, never forms: 情况说明 (explained warnings) and 文字材料 (for the
# report). Their text may quote a form's title ("季度统计表!E8"), so they are not searched.
EXPLANATION_SHEET = re.compile(r"^(情况|核实|审核)?说明$")
NARRATIVE_SHEET = re.compile(r"文字材料|文字说明|分析报告|工作总结")
_FORM_LABEL = re.compile(r"^附表([1-7])$")
_UNIT_LINE = ("填表单位", "填报单位", "报送单位")  # a line starting so names the unit
_DATE_LINE = re.compile(r"(报送日期|填表日期|填报日期)")
_NEXT_LABEL = re.compile(r"(填表人|批准人|填表日期|统计员|报送日期|填报日期|联系电话|单位负责人)")


@dataclass
class Table:
    """A located form: where its header and rows are, and which column holds which field."""

    spec: FormSpec
    sheet: Sheet
    anchor: tuple[int, int]  # title cell, or the header's first cell
    header_rows: tuple[int, ...]
    columns: dict[str, int]  # field key -> 0-based column
    headers: dict[str, str]  # field key -> normalised header text (units live there)
    data_rows: list[int] = field(default_factory=list)
    total_row: int | None = None
    subtotal_rows: list[int] = field(default_factory=list)  # 小计, 市区小计 …: never records
    total_block: list[int] = field(default_factory=list)  # 附表6 per county: its 合计 block's rows
    places: dict[int, str] = field(default_factory=dict)  # data row -> the county its group names
    end_row: int = 0


@dataclass
class Located:
    tables: dict[str, Table] = field(default_factory=dict)  # form code -> first table found
    findings: list[Finding] = field(default_factory=list)
    unit_text: str | None = None  # what the 填表单位 line says
    unit_cell: tuple[str, str] | None = None  # (sheet, A1)
    report_dates: list[tuple[date, str]] = field(default_factory=list)  # (报送日期 / 填表日期, sheet)
    periods: list[tuple[Period, str, str, str]] = field(default_factory=list)  # (p, sheet, A1, text)
    score_sheets: list[str] = field(default_factory=list)


def locate(workbook: Workbook) -> Located:
    """Every form table of the workbook, plus its 填表单位, 报送日期 and stated periods."""
    found = Located()
    # Visible sheets first: a hidden sheet only counts for a form not found elsewhere.
    for sheet in sorted(workbook.sheets, key=lambda s: not s.visible):
        if EXPLANATION_SHEET.match(normalise(sheet.name)) or NARRATIVE_SHEET.search(sheet.name):
            continue
        _scan_lines(sheet, found)
        header_text = HeaderText(sheet)
        tables = _tables_by_title(header_text, found) or _tables_by_header(header_text)
        for table in tables:
            found.tables.setdefault(table.spec.code, table)
    # A hidden sheet no form was taken from (a stale copy: 附表5（二季度）) states no period and
    # no 报送日期.
    used = {table.sheet.name for table in found.tables.values()}
    unused = {sheet.name for sheet in workbook.sheets if not sheet.visible} - used
    found.periods = [stated for stated in found.periods if stated[1] not in unused]
    found.report_dates = [dated for dated in found.report_dates if dated[1] not in unused]
    return found


def _text(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        return ""
    return _short_text(value) if len(value) <= 100 else normalise(value)


@functools.lru_cache(maxsize=4096)
def _short_text(value: str) -> str:
    """A title or header cell's text, normalised once: a sheet repeats its headers."""
    return normalise(value)


def _scan_lines(sheet: Sheet, found: Located) -> None:
    """The 填表单位 and 报送日期 lines and the score sheet title, anywhere on the sheet."""
    plain: set[str] = set()  # texts met holding none of the words: most texts of a list repeat
    for r, row in enumerate(sheet.rows):
        for c, value in enumerate(row):
            if not isinstance(value, str) or value in plain:
                continue  # (a blank text holds none of the words either)
            if value.lstrip().startswith(("填表", "填报", "报送", "统计")) or "日期" in value:
                _read_line(sheet, r, c, found)
            elif "评分表" in value or "打分表" in value:
                if re.search(SCORE_TITLE, normalise(value)) and len(value) < 60:
                    found.score_sheets.append(sheet.name)
            else:
                plain.add(value)


def _read_line(sheet: Sheet, r: int, c: int, found: Located) -> None:
    text = normalise(sheet.rows[r][c])
    rest_cells = [v for v in sheet.rows[r][c + 1 :] if v != ""]
    if text.startswith(_UNIT_LINE) and found.unit_text is None:
        value = re.sub(r"^(填表单位|填报单位|报送单位)(\((公章|盖章|章)\))?:?", "", text)
        value = _NEXT_LABEL.split(value)[0]
        if not value and rest_cells and isinstance(rest_cells[0], str):
            value = _NEXT_LABEL.split(normalise(rest_cells[0]))[0]
        value = re.sub(r"^\((公章|盖章)\)|[:：]", "", value)
        if value:
            found.unit_text = value
            found.unit_cell = (sheet.name, a1(r, c))
    for m in _DATE_LINE.finditer(text):
        after = _NEXT_LABEL.split(text[m.end() :].lstrip(":"))[0]
        candidates: list[object] = [after] if after.strip("年月日") else []
        if not candidates and rest_cells:
            first = rest_cells[0]
            joined = "".join(normalise(v) if isinstance(v, str) else str(v) for v in rest_cells[:6])
            candidates = [first] if not isinstance(first, str) else [normalise(first), joined]
        for candidate in candidates:
            cell = to_date(candidate)
            if cell.value is not None and cell.rule != "ST005":
                found.report_dates.append((cell.value, sheet.name))
                break


def _title_specs(text: str) -> tuple[FormSpec, ...]:
    if not text or len(text) > 60 or text.startswith(("填表说明", "注", "备注")):
        return ()
    return _titled(text)


@functools.lru_cache(maxsize=4096)
def _titled(text: str) -> tuple[FormSpec, ...]:
    """The forms a short text is the title of; cached, as a sheet repeats its texts."""
    label = _FORM_LABEL.match(text)
    if label:
        return tuple(s for s in FORMS.values() if s.number == int(label.group(1)))
    return tuple(s for s in FORMS.values() if re.search(s.title_pattern, text))


def _row_title(sheet: Sheet, r: int) -> tuple[FormSpec, int] | None:
    for c, value in enumerate(sheet.rows[r]):
        specs = _title_specs(_text(value))
        if specs:
            return specs[0], c
    return None


def _tables_by_title(header_text: HeaderText, found: Located) -> list[Table]:
    sheet, tables = header_text.sheet, []
    r = 0
    while r < len(sheet.rows):
        hit = _row_title(sheet, r)
        if not hit:
            r += 1
            continue
        spec, c = hit
        # "附表5" and the full title usually sit on consecutive rows: the full title wins,
        # also over a 附表 number that does not match it.
        for look in range(r + 1, min(r + 3, len(sheet.rows))):
            nxt = _row_title(sheet, look)
            if nxt and not _FORM_LABEL.match(_text(sheet.rows[look][nxt[1]])):
                spec, r, c = nxt[0], look, nxt[1]
                break
        table = _table_under_title(header_text, spec, r, c, found)
        if table is None:
            r += 1
            continue
        tables.append(table)
        r = table.end_row + 1
    return tables


def _table_under_title(
    header_text: HeaderText, spec: FormSpec, r: int, c: int, found: Located
) -> Table | None:
    sheet, best = header_text.sheet, None
    for h in range(r + 1, min(r + 12, len(sheet.rows))):
        if h > r + 1 and _row_title(sheet, h):
            break  # the next form's title: this one has no header
        candidate = _match_header(header_text, spec, h, len(best.columns) if best else 2)
        if candidate:
            best = candidate
    required = [col for col in spec.columns if col.required]
    missing = [col for col in required if best is None or col.key not in best.columns]
    if best is None or len(missing) > len(required) // 2:
        names = "、".join(_label(col) for col in missing)
        found.findings.append(
            EMITS.finding(
                "ST001",
                At(form=spec.code, sheet=sheet.name, cell=a1(r, c)),
                "no_header",
                sheet_name=spec.sheet_name,
                columns=names,
            )
        )
        return None
    if missing:
        names = "、".join(_label(col) for col in missing)
        cell = a1(best.header_rows[0], min(best.columns.values()))
        found.findings.append(
            EMITS.finding(
                "ST001",
                At(form=spec.code, sheet=sheet.name, cell=cell),
                sheet_name=spec.sheet_name,
                columns=names,
            )
        )
    _note_periods(sheet, r, best.header_rows[0], found)
    best.anchor = (r, c)
    _read_rows(best, header_text)
    return best


def _label(col) -> str:
    return normalise(f"{col.group}{col.label}") if col.group else normalise(col.label)


def _note_periods(sheet: Sheet, first: int, last: int, found: Located) -> None:
    """Periods stated in the title area (2024年第三季度) above a table's header."""
    for r in range(max(0, first - 2), last):
        for c, value in enumerate(sheet.rows[r]):
            text = _text(value)
            period = stated_period(text) if text and not _DATE_LINE.search(text) else None
            if period:
                found.periods.append((period, sheet.name, a1(r, c), str(value).strip()))


def _tables_by_header(header_text: HeaderText) -> list[Table]:
    """For sheets without a recognisable title: find header rows by their column texts."""
    sheet, tables = header_text.sheet, []
    r = 0
    while r < len(sheet.rows):
        texts = sum(1 for v in sheet.rows[r] if isinstance(v, str) and v.strip())
        best = _header_at(header_text, r) if texts >= 3 else None
        if best is None:
            r += 1
            continue
        best.anchor = (r, min(best.columns.values()))
        _read_rows(best, header_text)
        tables.append(best)
        r = best.end_row + 1
    return tables


def _score(table: Table) -> tuple[int, int]:
    """More columns matched wins; F5 and F7 match alike, the header words decide."""
    words = "".join(table.headers.values())
    annual = bool(re.search(r"年度|年底", words)) and "季度" not in words
    return len(table.columns), int(annual == table.spec.annual)


def _match_header(header_text: HeaderText, spec: FormSpec, h: int, beat: int = 2) -> Table | None:
    """Match the spec's columns against header row h, read as one row or as two: the reading
    with the most columns, if more than ``beat`` (and three or more).

    Each label is one column at most: a reading with no more labels than ``beat`` is not
    matched at all (under a title, most rows searched are data rows with a few texts).
    """
    layouts = header_text.layouts(h)
    best = None
    for rows in ((h, h + 1), (h,)) if spec.two_row_header else ((h,), (h, h + 1)):
        labels = layouts.get(rows)
        if labels is None or len(labels) <= max(beat, 2):
            continue
        columns, headers = _match_columns(spec.code, labels)
        if len(columns) > max(beat, 2) and (best is None or len(columns) > len(best.columns)):
            best = Table(spec, header_text.sheet, (h, 0), rows, dict(columns), dict(headers))
    return best


# Header row h read as one row and as two: the rows -> each column's "group|label" text.
Layouts = dict[tuple[int, ...], tuple[tuple[int, str], ...]]


class HeaderText:
    """A sheet's rows read as header text, each row once.

    A header search reads a row as a header's first row, as its second, under each title
    above it and for each form: each row's texts (merged cells spread) and each row's two
    readings (``layouts``) are made once per sheet and kept while it is searched.
    """

    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self._texts: dict[tuple[int, int], tuple[list[str], list[bool]]] = {}
        self._layouts: dict[int, Layouts] = {}

    def layouts(self, h: int) -> Layouts:
        """The two readings of header row h, made once for every form matched against them."""
        layouts = self._layouts.get(h)
        if layouts is None:
            layouts = self._layouts[h] = {}
            rows_of = self.sheet.rows
            for rows in ((h,), (h, h + 1)):
                if rows[-1] >= len(rows_of) or (len(rows) == 2 and _holds_figures(rows_of[rows[1]])):
                    continue  # a row of figures is data (or a 栏次 row), never the header's second row
                if len(rows) == 1 and _units_row(self.sheet, h + 1):
                    continue  # （平方米） under 建筑面积: the header goes on in that row
                layouts[rows] = tuple(self.labels(rows).items())
        return layouts

    def labels(self, rows: tuple[int, ...]) -> dict[int, str]:
        """Column -> "group|label" text, merged cells spread over the columns they cover."""
        width = max(len(self.sheet.rows[r]) for r in rows)
        top = list(self._row(rows[0], width)[0])
        if len(rows) == 2:
            texts, merged_down = self._row(rows[1], width)
            # a cell merged down from the first row is that cell, not a sub-label
            sub = [("" if down else text) for text, down in zip(texts, merged_down)]
        else:
            sub = [""] * width
        labels = {}
        for c in range(width):
            if top[c] and not sub[c]:  # a flattened header: "上季度接转工程项数", then "死亡人数"
                top[c], sub[c] = _split_flat(top[c], c > 0 and bool(sub[c - 1]))
            if not top[c] and sub[c] and c > 0 and sub[c - 1]:
                top[c] = top[c - 1]  # group label written only over its first column, not merged
            if top[c] or sub[c]:
                labels[c] = f"{top[c]}|{sub[c]}"
        return labels

    def _row(self, r: int, width: int) -> tuple[list[str], list[bool]]:
        """Row r's texts, a merged cell's text over every column it covers, and whether each
        cell is covered by a range merged down from row r - 1."""
        texts = self._texts.get((r, width))
        if texts is None:
            sheet, row_texts, merged_down = self.sheet, [], []
            for c in range(width):
                merge = sheet.merge_at(r, c)
                if merge is None:
                    row_texts.append(_text(sheet.value(r, c)))
                    merged_down.append(False)
                else:
                    row_texts.append(_text(sheet.value(merge[0], merge[1])))
                    merged_down.append(merge[0] == r - 1)
            texts = self._texts[(r, width)] = (row_texts, merged_down)
        return texts


@functools.lru_cache(maxsize=1024)
def _match_columns(code: str, labels: tuple[tuple[int, str], ...]) -> tuple[tuple, tuple]:
    """The form's columns found among the labels: ((key, column) …), ((key, label) …).

    Cached: a sheet repeats its header (every page, every copy), and the same labels match alike.
    """
    columns: dict[str, int] = {}  # column key → sheet column
    headers: dict[str, str] = {}  # column key → its header text
    taken: set[int] = set()
    for key, pattern in _column_patterns(code):
        for c, label in labels:
            if c not in taken and pattern.search(label):
                columns[key], headers[key] = c, label
                taken.add(c)
                break
    return tuple(columns.items()), tuple(headers.items())


@functools.cache
def _column_patterns(code: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The form's column keys with their header patterns, compiled once: a workbook's first
    header is matched some ten thousand times over."""
    return tuple((col.key, re.compile(col.pattern)) for col in FORMS[code].columns)


def _holds_figures(row: list) -> bool:
    numbers = sum(
        1
        for v in row
        if isinstance(v, (int, float))
        and not isinstance(v, bool)
        or isinstance(v, str)
        and re.fullmatch(r"[\d.,%\s]+", _text(v) or "x")
    )
    return numbers >= 3


_UNIT_CELL = re.compile(r"\((单位:)?(万?平方米|万?m2|万?元|项|个|人|%)\)")


def _units_row(sheet: Sheet, r: int) -> bool:
    """A row holding only units in brackets (（平方米） （万元）): a header's second row, whose
    other cells are merged down from the first, never a record."""
    filled = _filled(sheet.rows[r]) if r < len(sheet.rows) else []
    return bool(filled) and all(isinstance(v, str) and _UNIT_CELL.fullmatch(_text(v)) for v in filled)


def _header_labels(sheet: Sheet, rows: tuple[int, ...]) -> dict[int, str]:
    """Column -> "group|label" text of header ``rows`` (the score sheet's header is read so)."""
    return HeaderText(sheet).labels(rows)


_SUB_LABEL = re.compile(r"^(.*?)((项数|面积|造价|死亡人数|经济损失|姓名|职务).*)$")


def _split_flat(text: str, after_sub: bool) -> tuple[str, str]:
    """A one-cell header "group+label" split as if it had two rows: "上季度接转工程|项数".

    A bare sub-label ("死亡人数") right after a split one belongs to the same group.
    """
    m = _SUB_LABEL.match(text)
    if m and (m.group(1) or after_sub):
        return m.group(1), m.group(2)
    return text, ""


def _read_rows(table: Table, header_text: HeaderText) -> None:
    """Data rows under the header, up to the footer or the next form (its title or header).

    A 栏次 row (1 2 3 … or 甲 乙 …), 其中 rows and a repeat of the header are skipped; 小计 rows
    (市区小计 …) are kept apart, for checking, never as records (``row_role``). A 合计 row
    before any data (at the top) is kept for checking and the rows go on; after the data it
    ends the table. In 附表1-4 and 附表6 rows come in groups per county (``_Groups``).
    """
    sheet, spec = table.sheet, table.spec
    is_list, category_rows, unit_rows = spec.is_list, spec.category_rows, spec.unit_rows
    cols = sorted(table.columns.values())
    start = max(0, cols[0] - 1)  # a row's labels are read from the cell left of the first column
    seq_col = table.columns.get("seq")
    figures_of = picker(cols)
    data_of = picker([c for c in cols if c != seq_col])
    header = [sheet.rows[h] for h in table.header_rows]
    groups = _Groups(table)
    r = table.header_rows[-1] + 1
    table.end_row = r - 1
    while r < len(sheet.rows):
        row = sheet.rows[r]
        # the row's cells from the labels' column on; None is in no grid read, only in one built
        written = [v for v in row[start:] if v != ""]
        filled = [v for v in written if v is not None] if None in written else written
        leading = _text(written[0]) if written else ""
        if leading and (
            leading.startswith(FOOTER)
            or (
                len(_filled(figures_of(row))) <= 2
                and (_title_specs(leading) or leading.startswith(_UNIT_LINE))
            )
        ):
            break  # a footer, or the next form's title or 填表单位 line
        if row == header[0] and sheet.rows[r : r + len(header)] == header:  # the header again (each page)
            table.end_row = r = r + len(header) - 1
            r += 1
            continue
        header_like = _may_be_header(_filled(row) if start else filled)  # (the whole row)
        found = _header_at(header_text, r) if header_like else None
        if found is not None and found.spec is not spec:
            break  # the next form, copied without its title
        table.end_row = r
        labels = _labels(filled, unit_rows)
        role = row_role(labels, spec) if any(labels) else RowRole.RECORD  # (most records have no label)
        numbering = not table.data_rows and _is_numbering_row(row, cols)
        lone = _lone_label(filled)
        if found is not None:  # a repeat of the header (every printed page): its rows are no data
            if len(found.header_rows) == 2 and _may_be_header(_filled(sheet.rows[found.header_rows[1]])):
                table.end_row = r = found.header_rows[1]
        elif role is RowRole.NOTE or numbering:
            pass
        elif category_rows:
            groups.category_row(r, _block_label(table, row), lone)
        elif role is RowRole.SUBTOTAL:
            groups.subtotal(r, labels)
        elif role is RowRole.TOTAL:
            if table.total_row is None:
                table.total_row = r
            if table.data_rows:
                break
        elif is_list and lone is not None and heading(lone) is not None:
            groups.heading(lone)
        elif _is_record(is_list, data_of(row)):
            groups.record(r)
        r += 1


def picker(cols: list[int]) -> Callable[[list], tuple]:
    """A function giving a row's cells in columns ``cols`` as a tuple ("" past the row's end),
    picked in one call (``itemgetter``) from a row that is long enough."""
    if len(cols) < 2:  # itemgetter of one column gives the cell, not a tuple
        return lambda row: tuple(row[c] if c < len(row) else "" for c in cols)
    take, last = itemgetter(*cols), max(cols)

    def picked(row: list) -> tuple:
        return take(row) if len(row) > last else tuple(row[c] if c < len(row) else "" for c in cols)

    return picked


def _filled(cells: Sequence) -> list:
    """The cells holding a value (neither blank nor None)."""
    return [v for v in cells if v != "" and v is not None]


def _is_record(is_list: bool, cells: tuple) -> bool:
    """A row with data in ``cells`` (its columns but 序号): a record, unless a list's cells all
    say it is empty. Only a text says so: a row holding a figure or a date is a record."""
    if set(map(type, cells)) - {str}:
        return True  # (every cell not a text is data: neither blank nor a placeholder)
    data = [v for v in cells if v != ""]
    return bool(data) and not (is_list and all(_is_placeholder(v) for v in data))


@dataclass
class _Groups:
    """Rows grouped per county in a list (附表1-4) or in 附表6, as city clerks group them.

    In a list a heading row (一、川汇区, 中牟县) is no record: it names the county of the records
    below it, up to the next heading (a group heading, 二、县（市）, names none). A county's 小计
    row (红旗区小计) names the county of the records it closes, since the previous 小计, that no
    heading named; when the first 小计 stands above every record, each heads its group instead.
    附表6 comes in blocks of the category rows, one per county, each begun by its label (the
    county's cell, merged down the block, or a heading row): a 合计 block is kept apart for
    checking, a 小计 block is skipped, the others are the records.
    """

    table: Table
    place: str | None = None  # the county the last heading named
    block: RowRole = RowRole.RECORD  # 附表6: what the current block is
    unnamed: list[int] = field(default_factory=list)  # records since the last heading or 小计, no county
    subtotals_head: bool | None = None  # the first 小计 came before every record

    def record(self, r: int) -> None:
        self.table.data_rows.append(r)
        if self.place is not None:
            self.table.places[r] = self.place
        else:
            self.unnamed.append(r)

    def heading(self, label: str) -> None:
        self.place, self.unnamed = county_of_heading(label), []

    def subtotal(self, r: int, labels: list[str]) -> None:
        self.table.subtotal_rows.append(r)
        county = next(filter(None, map(county_of_subtotal, labels)), None)
        if self.subtotals_head is None:
            self.subtotals_head = not self.table.data_rows
        if self.subtotals_head:
            self.place, self.unnamed = county, []
            return
        if county is not None:
            self.table.places.update(dict.fromkeys(self.unnamed, county))
        self.unnamed = []

    def category_row(self, r: int, left: str | None, lone: str | None) -> None:
        """A 附表6 row: ``left`` is the label written left of its category (the county's cell,
        or 合计), ``lone`` its only text. Either begins a block; a lone place or 合计 is a
        heading row, a lone category label (住宅工程, its figures left blank) is a record."""
        heads = lone is not None and (
            heading(lone) is not None or row_role([lone], self.table.spec) is not RowRole.RECORD
        )
        label = left or (lone if heads else None)
        if label is not None:
            self.block = row_role([label], self.table.spec)
            self.place = county_of_heading(label) if self.block is RowRole.RECORD else None
        if heads:
            return
        if self.block is RowRole.TOTAL:
            self.table.total_block.append(r)
        elif self.block is RowRole.SUBTOTAL:
            self.table.subtotal_rows.append(r)
        else:
            self.record(r)


def _lone_label(filled: list) -> str | None:
    """The text of a row holding nothing else (a heading: 一、市区, 川汇区, 全市合计), from its
    filled cells."""
    if len(filled) != 1 or not isinstance(filled[0], str):
        return None
    return _text(filled[0]) or None


def _block_label(table: Table, row: list) -> str | None:
    """附表6: a label written left of the category column (the county, or 合计) begins a block."""
    first = max(0, min(table.columns.values()) - 1)
    category = table.columns.get("category", first)
    return next((_text(v) for v in row[first:category] if isinstance(v, str) and v.strip()), None)


def _labels(filled: list, unit_rows: bool) -> list[str]:
    """What ``row_role`` reads of a row's filled cells: its first text cell, then any other
    that may be a summary label (only those hold 计: most cells are not normalised at all).

    Outside 附表5/7 (``unit_rows``) a first text with neither 计 nor 其 gives the row no role and names no
    county (no other character folds to them): it is read as "", not normalised, so that a
    list's records (most of its rows) cost no normalising here.
    """
    for k, first in enumerate(filled):
        if isinstance(first, str) and first.strip():
            label = _text(first) if unit_rows or "计" in first or "其" in first else ""
            return [label] + [_text(v) for v in filled[k + 1 :] if isinstance(v, str) and "计" in v]
    return []


# Words of a header cell (工程名称, 记录编号, 项数 …), never of a record's value.
_HEADER_WORDS = (
    "序号 编号 注册号 名称 单位 日期 时间 面积 造价 项数 类型 结论 进度 事实 依据 内容 情况 责任人 "
    "记录人 批准人 备注 项目 满意率 备案率 死亡 损失 接转 新注册 在建 竣工 备案工程 事故"
).split()


def _may_be_header(filled: list) -> bool:
    """Cheap test of a row's filled cells before the header search: text only, three or more
    short header words."""
    if len(filled) < 3:
        return False
    for v in filled:
        if not isinstance(v, str):
            return False  # a row with a figure or a date is data: no need to read its words
    words = [v for v in map(_text, filled) if 0 < len(v) <= 20 and any(w in v for w in _HEADER_WORDS)]
    return len(words) >= 3


def _header_at(header_text: HeaderText, r: int) -> Table | None:
    """The form whose header starts at row r, if any: most of its columns are there."""
    best = None
    for spec in FORMS.values():
        candidate = _match_header(header_text, spec, r)
        required = sum(1 for col in spec.columns if col.required)
        if candidate and len(candidate.columns) >= 0.7 * required:
            if best is None or _score(candidate) > _score(best):
                best = candidate
    return best


def _is_placeholder(value: object) -> bool:
    return isinstance(value, str) and bool(PLACEHOLDER.match(normalise(value)))


_COLUMN_MARKS = frozenset(("栏次", "行次", "栏号", *"甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"))


def _is_numbering_row(row: list, cols: list[int]) -> bool:
    """A 栏次 row under the header: 1 2 3 …, 甲 乙 丙 … for text columns, or both."""
    values = [row[c] for c in cols if c < len(row) and row[c] not in ("", None)]
    is_mark = [isinstance(v, str) and normalise(v) in _COLUMN_MARKS for v in values]
    marks = [v for v, mark in zip(values, is_mark) if mark]
    numbers = [v for v, mark in zip(values, is_mark) if not mark]
    if len(values) < 3 or (len(numbers) < 3 and len(marks) < 3):
        return False
    if not numbers:
        return True
    try:
        ints = [int(float(str(v).strip())) for v in numbers]
    except (ValueError, OverflowError):  # text, or "1e400" / "inf"
        return False
    return ints == list(range(ints[0], ints[0] + len(ints)))
