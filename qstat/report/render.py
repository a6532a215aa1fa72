"""Rendering: the context into a Word document (docxtpl) or Markdown / HTML (Jinja2).

Templates are user-editable, so they run in a sandboxed Jinja2 environment with StrictUndefined:
a misspelt variable or a broken tag is an error naming it, never a silently empty field. Every
output is rendered in memory; the caller writes files only when all rendering succeeded.
"""

from __future__ import annotations

import base64
import html
import io
import re
from pathlib import Path

from docx.shared import Mm
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

from ..resources import resource
from ..write.safe import safe_values
from .data import ReportError

TEMPLATES = resource("qstat.report", "templates")
DEFAULT_TEMPLATES = {
    "docx": TEMPLATES / "report.docx",
    "md": TEMPLATES / "report.md.j2",
    "html": TEMPLATES / "report.md.j2",
}
CHART_WIDTH = Mm(160)


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


def render_docx(template: Path, context: dict, charts: dict[str, bytes]) -> bytes:
    """The Word document as bytes; ReportError for a template error."""
    try:
        tpl = DocxTemplate(template)
        tpl.init_docx()
    except Exception as e:  # not a .docx, or a damaged one
        raise ReportError(f"无法打开Word模板{template}：{e}") from e
    images = {name: InlineImage(tpl, io.BytesIO(png), width=CHART_WIDTH) for name, png in charts.items()}
    try:
        tpl.render(safe_values(context) | {"charts": images}, jinja_env=environment(), autoescape=True)
    except (TemplateError, OverflowError) as e:  # OverflowError: the sandbox's range() limit
        near = "\n".join(getattr(e, "docx_context", []) or [])
        texts = [p.text for p in tpl.docx.paragraphs] + [
            p.text for t in tpl.docx.tables for row in t.rows for c in row.cells for p in c.paragraphs
        ]
        raise ReportError(_message(template, e, near or _line_naming(texts, e))) from e
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


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
