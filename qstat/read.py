"""Read a workbook into plain grids of values with their merged ranges.

python-calamine does the reading (fast; xlsx, xlsm, xls, ods), from the file's content so a
renamed file still opens. openpyxl is used only for what calamine cannot give: the text of
formula cells that carry no cached value, which are then recomputed (IN007).
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine

from .findings import Finding, a1
from .template_mark import MARK_PROPERTY

SPREADSHEET_EXTENSIONS = {".xlsx", ".xlsm", ".xls", ".ods", ".et", ".xlsb"}


class Unreadable(Exception):
    """The file cannot be read as a spreadsheet; the message is Chinese, for the clerk."""


@dataclass
class Sheet:
    name: str
    rows: list[list]  # absolute grid: rows[0][0] is A1; empty cells are ''
    merged: list[tuple[int, int, int, int]]  # (first_row, first_col, last_row, last_col)
    visible: bool = True

    def value(self, row: int, col: int) -> object:
        if row < len(self.rows) and col < len(self.rows[row]):
            return self.rows[row][col]
        return ""


@dataclass
class Workbook:
    path: Path
    format: str  # xlsx | xls | ods
    sheets: list[Sheet]
    findings: list[Finding] = field(default_factory=list)  # IN007 from formula recomputation
    template_mark: str | None = None  # the qstat template mark, if made from one (template_mark.py)


def detect_format(data: bytes) -> str | None:
    """The spreadsheet format from the file's content: xlsx, xls, ods, or None.

    Raises Unreadable for an encrypted workbook: it is a spreadsheet we cannot open.
    """
    head = data[:8]
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
                if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
                    return "xlsx"
                if "mimetype" in names and b"spreadsheet" in z.read("mimetype"):
                    return "ods"
        except (zipfile.BadZipFile, OSError, KeyError):
            return None
        return None
    if head == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE2: .xls, .doc, or an encrypted xlsx
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise Unreadable("文件设置了打开密码（已加密），无法读取")
        if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
            return "xls"
    return None


def read_workbook(path: Path, fmt: str, data: bytes | None = None) -> Workbook:
    """All sheets of the workbook as grids; uncached formulas recomputed.

    ``data`` is the file's content when the caller has read it already (it is read once).
    """
    data = path.read_bytes() if data is None else data
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for meta in book.sheets_metadata:
            if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue
            cs = book.get_sheet_by_name(meta.name)
            merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in cs.merged_cell_ranges or []]
            visible = meta.visible == python_calamine.SheetVisibleEnum.Visible
            sheets.append(Sheet(meta.name, cs.to_python(skip_empty_area=False), merged,
                                visible))
    except Exception as e:  # calamine raises several error types for damaged files
        raise Unreadable(f"文件已损坏或格式无法识别（{type(e).__name__}）") from e
    workbook = Workbook(path, fmt, sheets)
    if fmt == "xlsx":
        workbook.template_mark = template_mark(data)
        if _has_uncached_formulas(data):
            workbook.findings = _recompute_formulas(workbook, data)
    return workbook


_PROPERTY = re.compile(
    rb'<property[^>]*\bname="' + MARK_PROPERTY.encode() + rb'"[^>]*>\s*<vt:lpwstr>([^<]*)</vt:lpwstr>'
)


def template_mark(data: bytes) -> str | None:
    """The text of the qstat template mark (a custom document property), if the workbook has one."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            custom = z.read("docProps/custom.xml") if "docProps/custom.xml" in z.namelist() else b""
    except (zipfile.BadZipFile, OSError):
        return None
    m = _PROPERTY.search(custom)
    return html.unescape(m.group(1).decode("utf-8", "replace")) if m else None


_CELL = re.compile(rb'<c r="[A-Z]+\d+"[^>/]*(?:/>|>(.*?)</c>)', re.S)
_VALUE = re.compile(rb"<v>[^<]+</v>")


def _has_uncached_formulas(data: bytes) -> bool:
    """Cheap scan of the sheet XML: a formula element with no value beside it."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if not name.startswith("xl/worksheets/") or not name.endswith(".xml"):
                continue
            data = z.read(name)
            if b"<f" not in data:
                continue
            for m in _CELL.finditer(data):
                body = m.group(1) or b""
                if b"<f" in body and not _VALUE.search(body):
                    return True
    return False


def _recompute_formulas(workbook: Workbook, data: bytes) -> list[Finding]:
    """Fill every formula cell that has no cached value with its recomputed result."""
    import openpyxl  # only for the rare files that need it

    from .formula import evaluate_all

    book = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    by_name = {s.name: s for s in workbook.sheets}
    pending: dict[tuple[str, int, int], str] = {}
    for ws in book.worksheets:
        sheet = by_name.get(ws.title)
        if sheet is None:
            continue
        for row in ws.iter_rows():
            for c in row:
                text = getattr(c.value, "text", c.value)  # ArrayFormula has .text
                if isinstance(text, str) and text.startswith("="):
                    r, col = c.row - 1, c.column - 1
                    if sheet.value(r, col) == "":
                        pending[(ws.title, r, col)] = text
    findings = []
    for (sheet_name, r, col), (value, error) in evaluate_all(pending, by_name).items():
        sheet = by_name[sheet_name]
        while len(sheet.rows) <= r:
            sheet.rows.append([])
        while len(sheet.rows[r]) <= col:
            sheet.rows[r].append("")
        formula = pending[(sheet_name, r, col)]
        if error:
            findings.append(Finding(
                "IN007", f"公式{formula}没有计算结果，且无法重新计算（{error}），按空值处理",
                sheet=sheet_name, cell=a1(r, col), value=formula, severity="error"))
        else:
            sheet.rows[r][col] = value
            findings.append(Finding(
                "IN007", f"公式{formula}没有保存计算结果，已重新计算为{value}",
                sheet=sheet_name, cell=a1(r, col), value=formula))
    return findings
