"""What goes back to a unit (退回): its own workbook with the problems marked, and a 审核意见.

The marked copy shows the clerk of the unit where each problem is: the cell is filled (red
error, yellow warning, green explained warning, grey note) and carries a comment, and an added
first sheet 审核意见 lists every finding, also those bound to no cell (a missing form). The
审核意见 document (Word, rendered from templates/审核意见.docx, which the office may edit) says
what to fix by when, signed by the office.

The unit's file is never touched: its bytes are read once and the copy is made in memory.
An .xlsx/.xlsm is copied part by part and only the parts the marks change are rewritten
(marked_package), so its images, charts, validations and macros stay as they were;
.xls/.ods/.xlsb, and a package that cannot be marked so, are rebuilt as .xlsx (openpyxl) from
the values and merged ranges calamine reads, then marked the same way.
"""

from __future__ import annotations

import gc
import hashlib
import io
import math
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Office
from ..decided import Decided, Revision
from ..findings import Finding
from ..forked import in_two
from ..forms import FORMS
from ..intake import ERRORS, OK, UNREADABLE
from ..periods import Period
from ..read import read_workbook
from ..resources import resource
from ..rules import RULES, Severity
from .layout import BODY_FONT
from .marked_package import Cell, NewSheet, Package, Style, sheet_location
from .safe import safe_name, safe_text, safe_values

if TYPE_CHECKING:
    from ..result import Result
    from .review_letter import ReviewTemplate


TEMPLATE = resource("qstat.templates", "审核意见.docx")
RETURNS_FOLDER = "退回"
REVIEW_SHEET = "审核意见"

# How a finding is shown, in the order the unit reads them: errors, open warnings, notes,
# then warnings the unit has already explained.
EXPLAINED = "explained"
_KIND_ORDER = {s.value: s.rank for s in Severity} | {EXPLAINED: len(Severity)}
KIND_CN = {s.value: s.label for s in Severity} | {EXPLAINED: "警告（已说明）"}
FILL = {"error": "FFC7CE", "warning": "FFEB9C", "info": "D9D9D9", EXPLAINED: "C6EFCE"}


class ReviewTemplateError(ValueError):
    """The 审核意见 template cannot be rendered (an undefined variable, a broken tag)."""


def kind(f: Finding) -> str:
    return EXPLAINED if f.explained else f.severity


def fix_hint(f: Finding) -> str:
    """What the unit should do about a finding, in Chinese."""
    return RULES[f.rule].fix


def ordered(findings: list[Finding]) -> list[Finding]:
    """Errors first, then open warnings, notes and explained warnings; by form within each.

    The marked copy and the document number the findings in this order, so “第3条” means the
    same in both.
    """
    forms = [None, *FORMS, "SC"]
    return sorted(
        findings, key=lambda f: (_KIND_ORDER[kind(f)], forms.index(f.form) if f.form in forms else len(forms))
    )


def form_label(form: str | None) -> str:
    if form in FORMS:
        return FORMS[form].sheet_name
    return "评分表" if form == "SC" else ""


# --- The marked copy ---------------------------------------------------------------------


def write_marked_copy(
    source: Path, fmt: str, target: Path, findings: list[Finding], data: bytes | None = None
) -> Path:
    """Write ``target``: a copy of ``source`` with every finding marked; ``source`` is only read.

    ``fmt`` is read.detect_format's answer; ``data`` the file's bytes if already read. An .xls
    or .ods (or a package that cannot be marked part by part, such as an .xlsb) is rebuilt from
    its values: give ``target`` the suffix ``marked_copy_suffix`` says (.xlsm keeps macros).
    """
    data = source.read_bytes() if data is None else data
    numbered = ordered(findings)
    macros = target.suffix.lower() == ".xlsm"
    marked = None
    if fmt == "xlsx":
        try:
            marked = _marked(Package(data), source.name, numbered, macros, rebuilt=False)
        except Exception:  # a package this cannot read part by part (calamine could): rebuild it
            pass
    if marked is None:
        marked = _marked(Package(_rebuilt(source, fmt, data)), source.name, numbered, macros, rebuilt=True)
    target.write_bytes(marked)
    return target


def _marked(package: Package, file_name: str, findings: list[Finding], macros: bool, rebuilt: bool) -> bytes:
    cells = _mark_cells(package, findings)
    return package.save(_review_sheet(package, file_name, findings, cells, rebuilt), macros)


def marked_copy_suffix(fmt: str, data: bytes) -> str:
    """.xlsm for a workbook with macros (kept as they are), else .xlsx."""
    return ".xlsm" if fmt == "xlsx" and _has_macros(data) else ".xlsx"


def _has_macros(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return any(name.endswith("vbaProject.bin") for name in z.namelist())
    except zipfile.BadZipFile:
        return False


def _rebuilt(source: Path, fmt: str, data: bytes) -> bytes:
    """An .xlsx package rebuilt from the values and merged ranges (formatting and formulas lost);
    an .ods's merged ranges are read_workbook's, from its content.xml."""
    workbook = read_workbook(source, fmt, data)
    out = io.BytesIO()
    _rebuild(workbook).save(out)
    return out.getvalue()


def _rebuild(workbook):
    """An .xlsx with the grid's values and merged ranges, readable on screen and on paper."""
    import openpyxl  # only for .xls/.ods and unmarkable packages: a plain run never loads it

    book = openpyxl.Workbook()
    book.remove(book.worksheets[0])  # the empty sheet a new workbook starts with
    for sheet in workbook.sheets:
        ws = book.create_sheet(_sheet_title(sheet.name))
        _rebuild_sheet(ws, sheet)
        _landscape_one_page_wide(ws)
        if not sheet.visible:
            ws.sheet_state = "hidden"
    return book


def _rebuild_sheet(ws, sheet) -> None:
    """Values, merges, column widths from the table rows, wrapped headers in taller rows.

    Columns are sized to the text of table rows (two or more filled cells), not to titles or
    notes that spill across the page. Text with line breaks, or too long for its merged
    range, wraps, and its row grows to show it.
    """
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    merges = {(r0, c0): (r1, c1) for r0, c0, r1, c1 in sheet.merged}
    widths: dict[int, int] = {}
    for r, row in enumerate(sheet.rows):
        filled = [(c, v) for c, v in enumerate(row) if v != "" and v is not None]
        for c, value in filled:
            cell = ws.cell(r + 1, c + 1)
            if isinstance(value, str):
                cell.value = safe_text(value)
                cell.data_type = "s"  # text stays text, even “=1+1” or “+86建工”
            else:
                cell.value = value
            if len(filled) > 1 and merges.get((r, c), (r, c))[1] == c:
                widths[c] = max(widths.get(c, 0), _display_width(value))
    for (r0, c0), (r1, c1) in merges.items():
        ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    widths = {c: min(max(w + 2, 6), 40) for c, w in widths.items()}
    for c, width in widths.items():
        ws.column_dimensions[get_column_letter(c + 1)].width = width
    heights: dict[int, int] = {}
    for r, row in enumerate(sheet.rows):
        for c, value in enumerate(row):
            r1, c1 = merges.get((r, c), (r, c))
            if not isinstance(value, str) or ("\n" not in value and c1 == c):
                continue  # a lone cell's text spills over its empty neighbours, as typed
            room = sum(widths.get(k, 9) for k in range(c, c1 + 1))
            lines = sum(math.ceil(max(_text_width(line), 1) / room) for line in value.split("\n"))
            if lines > 1:
                ws.cell(r + 1, c + 1).alignment = Alignment(wrap_text=True, vertical="center")
                heights[r] = max(heights.get(r, 1), math.ceil(lines / (r1 - r + 1)))
    for r, lines in heights.items():
        ws.row_dimensions[r + 1].height = 14 * lines


def _landscape_one_page_wide(ws) -> None:
    ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _sheet_title(name: str) -> str:
    """openpyxl refuses some names .xls allows; the findings name the sheet as calamine does."""
    return re.sub(r"[\\/*?:\[\]]", "_", safe_text(name))[:31]


def _display_width(value: object) -> int:
    """Roughly how many Latin characters wide the value shows (a Chinese character is two)."""
    lines = value.split("\n") if isinstance(value, str) else [f"{value}"]
    return max(_text_width(line) for line in lines)


def _text_width(line: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in line)


def _mark_cells(package: Package, findings: list[Finding]) -> dict[int, tuple[str, str]]:
    """Fill and comment each finding's cell; return finding index → (sheet, cell) actually marked.

    A rebuilt workbook names its sheets as ``_sheet_title`` made them.
    """
    names = set(package.sheet_names)
    by_cell: dict[tuple[str, str], list[int]] = {}
    marked: dict[int, tuple[str, str]] = {}
    for i, f in enumerate(findings):
        title = f.sheet if f.sheet in names else _sheet_title(f.sheet) if f.sheet else None
        if title is None or title not in names or not f.cell:
            continue
        anchor = package.anchor(title, f.cell)
        if anchor:
            by_cell.setdefault((title, anchor), []).append(i)
            marked[i] = (title, anchor)
    for (title, ref), indexes in by_cell.items():
        worst = min((kind(findings[i]) for i in indexes), key=_KIND_ORDER.__getitem__)
        text = "\n\n".join(_comment_text(i + 1, findings[i]) for i in indexes)
        package.mark(title, ref, FILL[worst], safe_text(text))
    return marked


def _comment_text(number: int, f: Finding) -> str:
    text = f"【第{number}条 {KIND_CN[kind(f)]}】{f.rule} {RULES[f.rule].title}\n{f.message}"
    if f.explanation:
        text += f"\n单位说明：{f.explanation}"
    return text


_REVIEW_COLUMNS = [
    ("序号", 6),
    ("报表", 8),
    ("工作表", 14),
    ("单元格", 9),
    ("规则", 9),
    ("级别", 14),
    ("问题说明", 50),
    ("原值", 14),
    ("情况说明", 26),
]
_EDGE = "808080"  # the thin grey box around the table's cells
_TITLE = Style(BODY_FONT, size=14, bold=True)
_PLAIN = Style(BODY_FONT)
_HEADER = Style(BODY_FONT, bold=True, fill="DDEBF7", border=_EDGE, horizontal="center", vertical="center")
_BODY = Style(BODY_FONT, border=_EDGE, vertical="top", wrap=True)
_NUMBER = Style(BODY_FONT, border=_EDGE, horizontal="center", vertical="top")
_LINK = Style(BODY_FONT, color="0563C1", underline=True, border=_EDGE, vertical="top", wrap=True)


def _review_sheet(
    package: Package,
    file_name: str,
    findings: list[Finding],
    marked: dict[int, tuple[str, str]],
    rebuilt: bool,
) -> NewSheet:
    """The first sheet: every finding in order, with a link to its marked cell."""
    notes = [
        f"审核意见：“{file_name}”共{len(findings)}条（{counted(findings)}）。",
        "本文件是审核标注副本：问题单元格已标色并加批注（红色为错误，须修改；黄色为警告，请核实；"
        "绿色为已说明的警告；灰色为提示）。请在原报表中修改后重新报送。",
    ]
    if rebuilt:
        notes.append(
            "原文件不是 .xlsx 格式，本副本按原文件的数值和合并单元格重建为 .xlsx，未保留原格式和公式。"
        )
    cells = {(r, 1): Cell(safe_text(line), _TITLE if r == 1 else _PLAIN) for r, line in enumerate(notes, 1)}
    head = len(notes) + 2
    for c, (name, _) in enumerate(_REVIEW_COLUMNS, 1):
        cells[head, c] = Cell(name, _HEADER)
    heights: dict[int, float] = {}
    for i, f in enumerate(findings):
        r = head + 1 + i
        sheet, ref = marked.get(i, (None, f.cell))
        values: list[str | int | None] = [
            i + 1,
            form_label(f.form),
            f.sheet,
            ref,
            f.rule,
            KIND_CN[kind(f)],
            f.message,
            f.value,
            f.explanation,
        ]
        lines = 1
        for c, value in enumerate(values, 1):
            if isinstance(value, str):  # as text, so a formula quoted as 原值 stays text
                value = safe_text(value)
                lines = max(lines, math.ceil(_text_width(value) / (_REVIEW_COLUMNS[c - 1][1] - 1)))
            cells[r, c] = Cell(value, _BODY)
        cells[r, 1].style = _NUMBER
        cells[r, 6].style = replace(_BODY, fill=FILL[kind(f)])
        if sheet and ref:
            cells[r, 4] = Cell(ref, _LINK, link=sheet_location(sheet, ref))
        heights[r] = 15 * lines  # spreadsheet programs do not grow rows here
    return NewSheet(
        REVIEW_SHEET,
        cells,
        {c: w for c, (_, w) in enumerate(_REVIEW_COLUMNS, 1)},
        heights,
        frozen_rows=head,
        title_row=head,
    )


# --- The 审核意见 document ---------------------------------------------------------------


@dataclass
class ReviewItem:
    number: int | str  # 3, or 3–8 for a rule's repeated findings
    sheet: str
    cell: str
    message: str
    action: str  # 修改要求, or the unit's explanation for an explained warning


_SECTIONS = [  # kind, heading, label of the last column, note under the table
    ("error", "需修改的错误", "修改要求", ""),
    (
        "warning",
        "请核实的警告",
        "核实要求",
        "请逐条核实：确有错误的请修改后一并报送，填报无误的请书面说明原因。",
    ),
    ("info", "提示事项", "说明", ""),
    (EXPLAINED, "已说明的警告", "单位说明", "以上警告单位已作说明，不再要求修改。"),
]


def review_context(
    submission: Decided,
    findings: list[Finding],
    period: Period,
    office: str,
    today: date | None = None,
    identity: Office | None = None,
) -> dict:
    """The variables of the 审核意见 template, signed with identity.full_name (else ``office``)."""
    identity = identity or Office()
    numbered = ordered(findings)
    counts = _counts(numbered)
    sections: list[dict] = []
    for k, heading, label, note in _SECTIONS:
        items = [(i, f) for i, f in enumerate(numbered, 1) if kind(f) == k]
        if not items:
            continue
        groups: dict[str, list[ReviewItem]] = {}
        last: dict[str, str] = {}  # group → the previous row's requirement
        for same in _same_rule(items, k):
            i, f = same[0]
            title = _group_title(f.form)
            action = (f.explanation or "") if k == EXPLAINED else fix_hint(f)
            shown = "同上" if k != EXPLAINED and last.get(title) == action else action
            last[title] = action
            groups.setdefault(title, []).append(_item(same, shown))
        sections.append(
            {
                "heading": f"{'一二三四'[len(sections)]}、{heading}（{len(items)}处）",
                "action_label": label,
                "note": note,
                "groups": [{"title": t, "rows": v} for t, v in groups.items()],
            }
        )
    unit = submission.unit or Path(submission.file).stem
    today = today or date.today()
    day = f"{today.year}年{today.month}月{today.day}日"
    from ..gongwen import signature_lines  # python-docx loads only when a review is written

    signature_line, date_line = signature_lines(identity.full_name or office, day)
    return {
        "unit": unit,
        "addressee": submission.unit_text if submission.unit and submission.unit_text else unit,
        "period": period.chinese(),
        "file": Path(submission.file).name,
        "verdict": _verdict(numbered, counts, submission.revision),
        "revision": revision_note(submission.revision),
        "errors": counts["error"],
        "warnings": counts["warning"],
        "explained": counts[EXPLAINED],
        "notes": counts["info"],
        "sections": sections,
        "deadline_action": (
            "将修改后的报表重新报送" if counts["error"] else "核实并反馈" if counts["warning"] else ""
        ),
        "office": identity.full_name or office,
        "contact": identity.statistician,
        "phone": identity.phone,
        "date": day,
        "signature_line": signature_line,  # 落款 as the 公文 sets it: the office centred over the date
        "date_line": date_line,
    }


def _same_rule(items: list[tuple[int, Finding]], k: str) -> list[list[tuple[int, Finding]]]:
    """Findings of one rule on one form together (in the order of their first), explained apart."""
    groups: dict[tuple, list[tuple[int, Finding]]] = {}
    for i, f in items:
        key = (f.form, f.rule, f.sheet) if k != EXPLAINED else (i,)
        groups.setdefault(key, []).append((i, f))
    return list(groups.values())


def _item(same: list[tuple[int, Finding]], action: str) -> ReviewItem:
    """One row of the letter: a finding, or a rule's repeated findings with their numbers and cells."""
    (i, f), n = same[0], len(same)
    if n == 1:
        return ReviewItem(i, f.sheet or "", f.cell or "", f.message, action)
    numbers = [j for j, _ in same]
    said = (
        f"{RULES[f.rule].title}，共{n}处："
        + "；".join(g.message for _, g in same[:3])
        + ("等" if n > 3 else "")
    )
    cells = "、".join(g.cell for _, g in same if g.cell)
    return ReviewItem(
        f"{numbers[0]}–{numbers[-1]}"
        if numbers == list(range(numbers[0], numbers[-1] + 1))
        else "、".join(map(str, numbers)),
        f.sheet or "",
        cells,
        said,
        action,
    )


def _group_title(form: str | None) -> str:
    if form in FORMS:
        return f"{FORMS[form].sheet_name}  {FORMS[form].title}"
    return "考核评分表" if form == "SC" else "报送文件"


def _counts(findings: list[Finding]) -> dict[str, int]:
    return {k: sum(kind(f) == k for f in findings) for k in _KIND_ORDER}


def counted(findings: list[Finding], unit: str = "条") -> str:
    """错误2条、警告1条: the kinds present with their counts."""
    counts = _counts(findings)
    return "、".join(
        f"{name}{counts[k]}{unit}"
        for k, name in (("error", "错误"), ("warning", "警告"), (EXPLAINED, "已说明的警告"), ("info", "提示"))
        if counts[k]
    )


def _verdict(findings: list[Finding], counts: dict[str, int], revision: Revision | None = None) -> str:
    found = counted(findings, "处")
    traced = revision_note(revision)
    if counts["error"]:
        return f"经审核，{traced}发现{found}，需修改后重新报送。具体意见如下："
    if counts["warning"]:
        return f"经审核，{traced}未发现错误，有{found}，请核实。具体意见如下："
    return f"经审核，{traced}未发现错误（{found}），本期报表予以采用。具体情况如下："


def revision_note(revision: Revision | None) -> str:
    """修改留痕 for a resubmission: what changed since the version replaced, what is still open."""
    if revision is None:
        return ""
    open_now = revision.still_open
    where = "、".join(_place(k) for k in open_now[:5]) + ("等" if len(open_now) > 5 else "")
    if open_now:
        fixed = f"已改正{len(revision.fixed)}条，" if revision.fixed else ""
        before = f"上次指出的问题{fixed}仍有{len(open_now)}条未改正（{where}）"
    else:
        before = "上次报送未发现问题"
        if revision.fixed:
            before = f"上次指出的{len(revision.fixed)}条问题已全部改正"
    new = f"，另有新发现的问题{len(revision.new)}条" if revision.new else ""
    changed = f"与上次报送的“{Path(revision.previous).name}”相比，本次{revision.changes()}"
    return f"{changed}；{before}{new}。"


def _place(key: str) -> str:
    """F5-002@附表5!R7 as the letter says it: 附表5!R7（F5-002）."""
    rule, _, where = key.partition("@")
    return f"{where}（{rule}）" if where else rule


def render_review(
    submission: Decided,
    findings: list[Finding],
    period: Period,
    office: str,
    template: Path | None = None,
    today: date | None = None,
    identity: Office | None = None,
) -> bytes:
    """The rendered 审核意见 .docx as bytes; ReviewTemplateError names what the template lacks."""
    from .review_letter import ReviewTemplate  # docxtpl and Jinja: loaded only when a letter is written

    letters = ReviewTemplate(template or TEMPLATE)
    return _review(letters, submission, findings, period, office, today, identity)


def _review(
    letters: ReviewTemplate,
    submission: Decided,
    findings: list[Finding],
    period: Period,
    office: str,
    today: date | None,
    identity: Office | None,
) -> bytes:
    """One 审核意见 from the run's loaded template; ReviewTemplateError as render_review."""
    from jinja2 import TemplateError  # loaded with the template (review_letter)

    context = safe_values(review_context(submission, findings, period, office, today, identity))
    try:
        return letters.render(context)
    except (TemplateError, OverflowError) as e:  # OverflowError: the sandbox's range() limit
        raise ReviewTemplateError(f"审核意见模板“{letters.path}”无法生成：{e}") from e


# --- Hook into the consolidation ----------------------------------------------------------


def write_returns(
    stage: Callable[[str], Path],
    result: Result,
    template: Path | None = None,
    identity: Office | None = None,
    today: date | None = None,
) -> dict[str, str]:
    """Stage 退回/<unit>_审核标注.xlsx and 退回/<unit>_审核意见.docx for each unit with open findings.

    A unit whose findings are all notes, explained warnings or what qstat handled itself (ST006,
    IN007, IN005: ``Rule.to_unit``) has nothing to fix.

    Returns output key → name under the output folder, as consolidate's ``names``. A broken
    template raises ReviewTemplateError while the outputs are staged, so it writes nothing.

    One unit at a time, each letter written as it is rendered: a rendered letter leaves
    python-docx's package in reference cycles holding its lxml trees (~2.5 MB a letter, outside
    Python's heap, so the collector, which counts objects, runs too seldom to free them), so
    they are collected after each letter: 66 letters cost what one does. What the run held
    before is frozen meanwhile (none of it is the letters' garbage), so each collection looks
    only at what the letters made: ~2 ms, not the ~33 ms of the whole process at 200 units.

    Where processes fork (not on Windows), a copy of this process, forked once the template is
    loaded, writes every other unit's return meanwhile (forked.in_two): the letters take about
    half the time on two cores, and are the same files either way.
    """
    subs = [s for s in result.submissions if needs_return(s)]
    if not subs:
        return {}
    from .review_letter import ReviewTemplate  # docxtpl and Jinja: loaded only when a letter is written

    letters = ReviewTemplate(template or TEMPLATE)  # read and compiled once for every letter
    used: set[str] = set()
    units = [
        (sub, _unique(safe_name(sub.unit or Path(sub.file).stem), Path(sub.file).stem, used)) for sub in subs
    ]
    write = partial(_write_units, stage, letters, result.period, result.office, identity, today)
    gc.freeze()
    try:
        written = in_two(write, units) if len(units) > 1 and hasattr(os, "fork") else write(units)
    finally:
        gc.unfreeze()
    return {key: name for names in written for key, name in names.items()}


def _write_units(
    stage: Callable[[str], Path],
    letters: ReviewTemplate,
    period: Period,
    office: str,
    identity: Office | None,
    today: date | None,
    units: list[tuple[Decided, str]],
) -> list[dict[str, str]]:
    """Each (submission, name stem)'s return, one after the other, the garbage of each letter
    collected before the next (write_returns); output key → name, for each."""
    written = []
    for sub, stem in units:
        written.append(_write_return(stage, sub, stem, letters, period, office, identity, today))
        gc.collect()
    return written


def _write_return(
    stage: Callable[[str], Path],
    sub: Decided,
    stem: str,
    letters: ReviewTemplate,
    period: Period,
    office: str,
    identity: Office | None,
    today: date | None,
) -> dict[str, str]:
    """One unit's 审核意见 and, for a workbook still as it was read, its marked copy."""
    review = f"{RETURNS_FOLDER}/{stem}_审核意见.docx"
    stage(review).write_bytes(_review(letters, sub, for_unit(sub), period, office, today, identity))
    names = {f"{RETURNS_FOLDER}/{stem}_审核意见": review}
    if sub.status == UNREADABLE or not sub.format:
        return names  # nothing to mark
    data = _unchanged_source(sub)
    if data is not None:
        marked = f"{RETURNS_FOLDER}/{stem}_审核标注{marked_copy_suffix(sub.format, data)}"
        write_marked_copy(sub.path, sub.format, stage(marked), for_unit(sub), data)
        names[f"{RETURNS_FOLDER}/{stem}_审核标注"] = marked
    return names


def for_unit(sub: Decided) -> list[Finding]:
    """The findings that go back to the unit, numbered alike in its letter and marked copy:
    its errors, and the others the catalogue sends to units (``Rule.to_unit``)."""
    return [f for f in sub.findings if f.is_error or RULES[f.rule].to_unit]


def _unique(stem: str, file_stem: str, used: set[str]) -> str:
    """``stem``, or with the file's name (then a number) added when another file took it: two
    files of one unit (an unreadable one beside the one used), two names sanitised alike."""
    candidate, n = stem, 1
    while candidate in used:
        candidate = f"{stem}_{safe_name(file_stem)}" + (f"_{n}" if n > 1 else "")
        n += 1
    used.add(candidate)
    return candidate


def needs_return(sub: Decided) -> bool:
    """Something for the unit to fix or check: an error, or an open warning of a rule the
    catalogue sends to units (not ST006, IN007, IN005: what qstat read or normalised itself).

    Notes and explained warnings need nothing.
    """
    return sub.status in (OK, ERRORS, UNREADABLE) and any(
        f.is_error or (f.severity == Severity.WARNING and not f.explained and RULES[f.rule].to_unit)
        for f in for_unit(sub)
    )


def _unchanged_source(sub: Decided) -> bytes | None:
    """The file's bytes if it is still as it was read; a changed file's cells may not match."""
    try:
        data = sub.path.read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == sub.sha256 else None
