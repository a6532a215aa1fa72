"""Rendering: the context into a Word document (docxtpl) or Markdown / HTML (Jinja2).

Templates are user-editable, so they run in a sandboxed Jinja2 environment with StrictUndefined:
a misspelt variable or a broken tag is an error naming it, never a silently empty field. Every
output is rendered in memory; the caller writes files only when all rendering succeeded.
"""

from __future__ import annotations

import base64
import copy
import html
import io
import math
import re
import struct
from pathlib import Path

from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from docxtpl import DocxTemplate, InlineImage
from jinja2 import (
    DictLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from ...gongwen import TABLE_SIZE, TYPE_AREA, text_width
from ...resources import resource
from ..safe import safe_values
from .data import ReportError

TEMPLATES = resource("qstat.write.report", "templates")
DEFAULT_TEMPLATES = {
    "docx": TEMPLATES / "report.docx",
    "md": TEMPLATES / "report.md.j2",
    "html": TEMPLATES / "report.md.j2",
}
CHART_WIDTH = Mm(150)  # within the 156 mm type area
CHART_HEIGHT = 72  # mm at most (a third of the type area): a tall chart fits under a few lines
TYPE_WIDTH = round(Mm(TYPE_AREA[0]).twips)  # 156 mm in twentieths of a point (w:w)
KEEP_WHOLE_LINES = 16  # a table of at most this many lines (a third of the type area, as a chart) stays whole
MARKERS = re.compile(r"(【(?:请核实|待填写|草稿)[^】]*】)")  # what the clerk must see: highlighted
W_P, W_T, W_TC, W_W, W_PPR, W_PSTYLE, W_KEEP_NEXT, W_VAL = (
    qn(f"w:{n}") for n in ("p", "t", "tc", "w", "pPr", "pStyle", "keepNext", "val")
)
CELL_WIDTH = f"{qn('w:tcPr')}/{qn('w:tcW')}"  # a cell's w:tcW


def environment(autoescape: bool = False, text: bool = False) -> SandboxedEnvironment:
    """The sandbox every template runs in; ``text`` drops the lines that hold only a tag.

    Its loader knows no template: ``{% include %}`` and ``{% import %}`` are template errors."""
    return SandboxedEnvironment(
        loader=DictLoader({}),
        undefined=StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=text,
        lstrip_blocks=text,
    )


def _image(tpl: DocxTemplate, png: bytes) -> InlineImage:
    """A chart the type area's width, or CHART_HEIGHT tall where that would be taller."""
    width, height = struct.unpack(">II", png[16:24])  # the PNG's IHDR
    if CHART_WIDTH.mm * height / width > CHART_HEIGHT:
        return InlineImage(tpl, io.BytesIO(png), height=Mm(CHART_HEIGHT))
    return InlineImage(tpl, io.BytesIO(png), width=CHART_WIDTH)


def render_docx(template: Path, context: dict, charts: dict[str, bytes]) -> bytes:
    """The Word document as bytes; ReportError for a template error."""
    try:
        tpl = DocxTemplate(template)
        tpl.init_docx()
    except Exception as e:  # not a .docx, or a damaged one
        raise ReportError(f"无法打开Word模板{template}：{e}") from e
    images = {name: _image(tpl, png) for name, png in charts.items()}
    try:
        tpl.render(safe_values(context) | {"charts": images}, jinja_env=environment(), autoescape=True)
    except (TemplateError, OverflowError) as e:  # OverflowError: the sandbox's range() limit
        near = "\n".join(getattr(e, "docx_context", []) or [])
        texts = [p.text for p in tpl.docx.paragraphs] + [
            p.text for t in tpl.docx.tables for row in t.rows for c in row.cells for p in c.paragraphs
        ]
        raise ReportError(_message(template, e, near or _line_naming(texts, e))) from e
    fit_tables(tpl.docx)
    keep_tables(tpl.docx)
    highlight_markers(tpl.docx)
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def fit_tables(doc) -> None:
    """Fit each table whose columns a ``{%tc for %}`` loop repeated to the type area: its first
    column keeps the width the template gave it, the others share the rest equally (the grid for
    LibreOffice, each cell for Word)."""
    for table in doc.tables:
        tbl = table._tbl
        rows = tbl.findall(qn("w:tr"))
        cells = max((len(r.findall(W_TC)) for r in rows), default=0)
        grid = tbl.find(qn("w:tblGrid"))
        first = rows[0].find(W_TC) if rows else None
        width = first.find(CELL_WIDTH) if first is not None else None
        if grid is None or width is None or cells < 2:
            continue
        lead = int(width.get(W_W))
        widths = [lead] + [(TYPE_WIDTH - lead) // (cells - 1)] * (cells - 1)
        for col in grid.findall(qn("w:gridCol")):
            grid.remove(col)
        for w in widths:
            col = OxmlElement("w:gridCol")
            col.set(W_W, str(w))
            grid.append(col)
        for r in rows:
            for tc, w in zip(r.findall(W_TC), widths):
                cell_width = tc.find(CELL_WIDTH)  # lxml: python-docx's get_or_add would look twice
                if cell_width is None:
                    cell_width = tc.get_or_add_tcPr().get_or_add_tcW()
                cell_width.set(W_W, str(w))


def keep_tables(doc) -> None:
    """Where a page may break around and inside each table. Word and LibreOffice read w:keepNext
    on a row's paragraphs as "this row on the page of the next row", and on the last row as "the
    table on the page of the paragraph after it", so keepNext on every row but the last keeps a
    table whole, and on the last row too chains it to whatever follows. Here a table stays with
    its caption (the Caption style keeps with next) and with its note (the Table Text paragraph
    right under it: only then does the last row keep with next). A table of at most
    KEEP_WHOLE_LINES lines is kept on one page; a taller one may break between rows (the template
    repeats its header row, w:tblHeader, and breaks no row, w:cantSplit) rather than go whole to
    the next page and leave a gap, but never with fewer than two rows under its header on the
    first page nor fewer than three on the last."""
    for table in doc.tables:
        tbl = table._tbl
        rows = tbl.findall(qn("w:tr"))
        margins = _cell_margins(tbl)
        whole = sum(_lines(r, margins) for r in rows) <= KEEP_WHOLE_LINES
        after = tbl.getnext()
        noted = after is not None and after.tag == W_P and after.style == "TableText"
        for at, r in enumerate(rows):
            keep = noted if at == len(rows) - 1 else whole or at < 2 or at >= len(rows) - 3
            for p in r.iter(W_P):
                _keep_next(p, keep)


def _keep_next(p, keep: bool) -> None:
    """w:keepNext on paragraph ``p`` as python-docx writes it (<w:keepNext/>, or w:val="0"),
    set with lxml: python-docx's setter looks for each of the ~35 elements that may follow it
    in w:pPr (0.07 s for a report's 541 table paragraphs)."""
    ppr = p.find(W_PPR)
    if ppr is None:
        ppr = p.get_or_add_pPr()
    element = ppr.find(W_KEEP_NEXT)
    if element is None:
        element = OxmlElement("w:keepNext")
        style = ppr.find(W_PSTYLE)  # the only element w:pPr puts before w:keepNext
        ppr.insert(0 if style is None else ppr.index(style) + 1, element)
    if keep:
        element.attrib.pop(W_VAL, None)
    else:
        element.set(W_VAL, "0")


def _lines(row, margins: float) -> int:
    """How many lines of table text a row takes: its tallest cell, each paragraph wrapped at the
    cell's width less ``margins`` (points), an estimate (no layout here, digits as half a
    character)."""
    lines = 1
    for tc in row.findall(W_TC):
        width = tc.find(CELL_WIDTH)
        room = (int(width.get(W_W)) / 20 if width is not None else 0) - margins
        per_line = max(room / TABLE_SIZE, 1)  # characters of the table text
        texts = ["".join(t.text or "" for t in p.iter(W_T)) for p in tc.iter(W_P)]
        lines = max(lines, sum(max(1, math.ceil(text_width(t) / per_line)) for t in texts))
    return lines


def _cell_margins(tbl) -> float:
    """A table's left and right cell margins together, in points (Word's default 1.9 mm each)."""
    sides = [
        tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}/{qn(f'w:{side}')}") for side in ("left", "right")
    ]
    return sum(int(e.get(W_W)) / 20 if e is not None else 5.4 for e in sides)


def highlight_markers(doc) -> None:
    """Every 【请核实】, 【待填写：…】 and 【草稿：…】 in yellow, so none goes out unnoticed (in
    the body's paragraphs and its tables' cells)."""
    found = "[contains(., '【')]"  # tested in libxml2: the paragraphs without one are never made objects
    for p in doc.element.body.xpath(f"./w:p{found} | ./w:tbl/w:tr/w:tc/w:p{found}"):
        paragraph = Paragraph(p, doc)
        if not MARKERS.search(paragraph.text):
            continue
        for run in list(paragraph.runs):
            parts = [x for x in MARKERS.split(run.text) if x] if MARKERS.search(run.text) else []
            previous = run
            for i, text in enumerate(parts):
                part = previous if i == 0 else Run(copy.deepcopy(run._r), paragraph)
                if i:
                    previous._r.addnext(part._r)
                part.text = text
                part.font.highlight_color = WD_COLOR_INDEX.YELLOW if MARKERS.fullmatch(text) else None
                previous = part


def render_text(template: Path, context: dict, charts: dict[str, str]) -> str:
    """A Markdown (or HTML) template rendered; ``charts`` maps a chart to its image address."""
    try:
        source = template.read_text(encoding="utf-8")
    except OSError as e:
        raise ReportError(f"无法读取模板{template}：{e}") from e
    try:
        return (
            environment(template.name.endswith((".html", ".html.j2")), text=True)
            .from_string(source)
            .render(safe_values(context) | {"charts": charts})
        )
    except (TemplateError, OverflowError) as e:  # OverflowError: the sandbox's range() limit
        lines = source.splitlines()
        lineno = getattr(e, "lineno", None)  # only a TemplateSyntaxError knows its line
        line = lines[lineno - 1] if lineno else _line_naming(lines, e)
        raise ReportError(_message(template, e, line)) from e


def _line_naming(lines: list[str], error: Exception) -> str:
    """The first template line that names the variable an error is about (runtime errors carry no line)."""
    names = re.findall(r"'([^']+)'", str(error))[::-1]  # the attribute, then the object
    return next((line for name in names for line in lines if name in line), "")


def _message(template: Path, error: Exception, near: str) -> str:
    """A template error for the clerk: what is wrong, the tag or variable, where."""
    near = re.sub(r"\s+", " ", near).strip()
    where = f"（位置：{near[:160]}）" if near else ""
    if isinstance(error, UndefinedError):
        return f"模板{template.name}使用了未定义的变量：{error.message}{where}"
    if isinstance(error, TemplateSyntaxError):
        return f"模板{template.name}的标签有误：{error.message}{where}"
    if isinstance(error, TemplateNotFound):
        return f"模板{template.name}不能引用其他模板（include、import、extends）：{error.message}{where}"
    if isinstance(error, SecurityError):
        return f"模板{template.name}试图执行不允许的操作：{error.message}{where}"
    return f"模板{template.name}渲染失败：{error}{where}"


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def markdown_to_html(markdown: str, title: str) -> str:
    """The report's Markdown subset as a self-contained page: headings, paragraphs, tables, images."""
    body, table = [], []
    for line in markdown.splitlines() + [""]:
        if line.startswith("|"):
            table.append(line)
            continue
        if table:
            body.append(_table(table))
            table = []
        if m := re.match(r"(#{1,4})\s+(.*)", line):
            level = len(m.group(1))
            body.append(f"<h{level}>{html.escape(m.group(2))}</h{level}>")
        elif m := re.fullmatch(r"!\[(.*?)\]\((.*?)\)", line.strip()):
            body.append(
                f'<figure><img src="{html.escape(m.group(2))}" alt="{html.escape(m.group(1))}">'
                f"<figcaption>{html.escape(m.group(1))}</figcaption></figure>"
            )
        elif line.strip():
            body.append(f"<p>{html.escape(line.strip())}</p>")
    style = (
        "body{font-family:'Noto Sans CJK SC','Microsoft YaHei',SimSun,sans-serif;max-width:60em;"
        "margin:2em auto;line-height:1.7}table{border-collapse:collapse;font-size:.85em;margin:1em 0}"
        "td,th{border:1px solid #999;padding:.2em .5em;text-align:right}td:first-child{text-align:left}"
        "h1{text-align:center}img{max-width:100%}figcaption{text-align:center;color:#555}"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}'
        f"</title><style>{style}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def _table(lines: list[str]) -> str:
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines]
    head, rows = rows[0], [r for r in rows[1:] if not all(re.fullmatch(r":?-+:?", c) for c in r)]
    out = ["<table><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in head) + "</tr>"]
    out += ["<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows]
    return "\n".join(out) + "</table>"
