"""A unit's own analysis report (工程质量运行态势分析报告, .docx) in the inbox.

第五条 has every level send its analysis report upward; clerks drop it beside the workbook. It
is one when its title or file name says 分析报告/质量分析/运行态势 and it names a configured unit
(the file name, else its title, its 落款, its text). Its text is split into the sections of
第十条 item 7 by its headings, Word heading styles or numbered paragraphs (一、 （一）), at the
shallowest level where a heading names a section (report.narrative's words); a heading that
names none starts the unit's general material. Tables are kept as lines, a row's cells joined
by spaces. The title and the 落款 are left out.

A .doc or .wps (or a damaged .docx) that looks like a report is listed as the unit's report
with IN012 asking for .docx; nothing of it is read.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from .config import Config
from .findings import At, Emits
from .intake import IGNORED, REPORT, unit_from_file_name
from .model import Opened
from .read import measure_zip
from .write.report.narrative import heading_section, split_unit_lines, unit_text

EMITS = Emits("IN002", "IN012")
REPORT_WORDS = re.compile(r"分析报告|质量分析|运行态势")
WORD_SUFFIXES = (".docx", ".doc", ".wps")
_HEADING_STYLE = re.compile(r"^(?:Heading|标题)\s*(\d)")
_FIRST_LEVEL = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]")
_SECOND_LEVEL = re.compile(r"^\s*[（(][一二三四五六七八九十]+[)）]")
_DATE = re.compile(r"^\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年.{1,3}月.{1,3}日\s*$")
_TITLE_LINES = 3  # a title may break over a few lines (the office, then the report's name)
_SHORT = 40  # a heading is short and ends without 。 (as a 文字材料 heading line)


@dataclass
class Block:
    """A paragraph (or a table row) of the document, and its heading level if it is one."""

    text: str
    level: int | None = None  # 1 for 一、 or Heading 1, 2 for （一） or Heading 2; None: body text
    styled: bool = False  # a Word heading style says it is a heading (not only its numbering)


def open_report(sub: Opened, data: bytes, config: Config) -> Opened | None:
    """The file as a unit's analysis report (status ``report``, its unit, its text, or IN012
    when it cannot be read), if it is one. A Word file that is not one is None: the caller's
    to ignore."""
    if sub.path.suffix.lower() not in WORD_SUFFIXES:
        return None
    name = Path(sub.file).name
    blocks = None
    why: tuple[str, dict[str, str]] = ("", {})  # IN012's variant and parameters
    if data.startswith(b"PK"):
        try:
            blocks = read_blocks(data, config)
        except Exception as e:  # a damaged package: python-docx's and lxml's errors vary
            why = ("", {"error": type(e).__name__})
    else:
        why = ("old_format", {"suffix": sub.path.suffix.lower()})
    if blocks is None:
        return _unreadable_report(sub, data, config, name, why)
    title, body = _title(blocks)
    if not (REPORT_WORDS.search(name) or REPORT_WORDS.search(title)):
        return None
    unit = unit_from_file_name(name, config) if config.units else None
    unit = unit or _unit_in(config, [title, *(b.text for b in body[-_TITLE_LINES:]), *(b.text for b in body)])
    if unit is None:
        return _no_unit(sub, name)
    annual = bool(sub.period and sub.period.is_annual)
    text = unit_text(split_unit_lines(_lines(_without_signature(body, config), annual), annual), annual)
    return replace(sub, status=REPORT, unit=unit, format="docx", text=text)


def read_blocks(data: bytes, config: Config) -> list[Block]:
    """The document's paragraphs and table rows in order, with their heading levels.

    Raises for a damaged or oversized package (the zip measured as a workbook's is)."""
    measure_zip(data, config.limits)
    document = docx.Document(io.BytesIO(data))
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            blocks += _paragraph_blocks(item)
        elif isinstance(item, Table):
            for row in item.rows:
                cells = list(dict.fromkeys(c.text.strip() for c in row.cells))  # merged cells repeat
                line = " ".join(c for c in cells if c)
                if line:
                    blocks.append(Block(line))
    return blocks


def _paragraph_blocks(paragraph: Paragraph) -> list[Block]:
    """A paragraph as a heading or body text; a run-in heading (its bold start, （一）企业情况。
    then the text) as both."""
    text = paragraph.text.strip()
    if not text:
        return []
    style = paragraph.style.name if paragraph.style is not None else ""
    if m := _HEADING_STYLE.match(style or ""):
        return [Block(text, int(m.group(1)), styled=True)]
    level = _numbered_level(text)
    if level is None:
        return [Block(text)]
    if len(text) <= _SHORT and not text.endswith("。"):
        return [Block(text, level)]
    bold = ""
    for run in paragraph.runs:
        if not run.bold:
            break
        bold += run.text
    bold = bold.strip()
    if bold and len(bold) <= _SHORT and text.startswith(bold) and len(bold) < len(text):
        return [Block(bold.rstrip("。：:"), level), Block(text[len(bold) :].strip())]
    return [Block(text)]


def _numbered_level(text: str) -> int | None:
    if _FIRST_LEVEL.match(text):
        return 1
    if _SECOND_LEVEL.match(text):
        return 2
    return None


def _title(blocks: list[Block]) -> tuple[str, list[Block]]:
    """The title (the leading lines up to the one naming the report) and the rest."""
    for i, block in enumerate(blocks[:_TITLE_LINES]):
        if block.level is not None and heading_section(block.text, False):
            break  # a section heading: the document has no title
        if REPORT_WORDS.search(block.text):
            return "".join(b.text for b in blocks[: i + 1]), blocks[i + 1 :]
    return "", blocks


def _lines(blocks: list[Block], annual: bool) -> list[tuple[str, bool]]:
    """Each block's text and whether it is a section-level heading: the shallowest level at which
    a heading names a section (deeper headings, （二）存在的问题 under 三, stay text). Where Word
    heading styles name sections, only they are headings: a numbered body line under them
    (（一）对连续被记录不良行为的企业实施信用惩戒) is the section's text, whatever it names."""
    heads = [b for b in blocks if b.level is not None]
    if any(b.styled and heading_section(b.text, annual) for b in heads):
        heads = [b for b in heads if b.styled]
    naming = [b.level for b in heads if b.level is not None and heading_section(b.text, annual)]
    level = min(naming, default=None)
    chosen = {id(b) for b in heads if b.level == level}
    return [(b.text, id(b) in chosen) for b in blocks]


def _without_signature(blocks: list[Block], config: Config) -> list[Block]:
    """The 落款 (the unit's name, the date) left out from the end."""
    end = len(blocks)
    while end and blocks[end - 1].level is None and _is_signature(blocks[end - 1].text, config):
        end -= 1
    return blocks[:end]


def _is_signature(text: str, config: Config) -> bool:
    return bool(_DATE.match(text)) or (len(text) <= 30 and config.match_unit(text) is not None)


def _unit_in(config: Config, texts: list[str]) -> str | None:
    """The first configured unit the texts name, in order (title, 落款, then the body)."""
    if not config.units:
        return None
    return next((unit for text in texts if (unit := config.match_unit(text))), None)


def _unreadable_report(
    sub: Opened, data: bytes, config: Config, name: str, why: tuple[str, dict[str, str]]
) -> Opened | None:
    """IN012 for a report that cannot be read: a .doc/.wps, or a damaged .docx. Looks like one
    when its name, or the UTF-16 text Word and WPS store in the file, says so and names a unit."""
    says = REPORT_WORDS.search(name) or any(
        w.encode("utf-16-le") in data for w in REPORT_WORDS.pattern.split("|")
    )
    if not says:
        return None
    unit = unit_from_file_name(name, config) if config.units else None
    if unit is None and config.units:
        found = {u: data.find(u.encode("utf-16-le")) for u in config.units}
        unit = min((u for u, at in found.items() if at >= 0), key=lambda u: found[u], default=None)
    if unit is None:
        return _no_unit(sub, name)
    finding = EMITS.finding("IN012", At(file=sub.file), why[0], unit=unit, name=name, **why[1])
    return replace(sub, status=REPORT, unit=unit, findings=(finding,))  # format None: nothing read


def _no_unit(sub: Opened, name: str) -> Opened:
    """A report that names no configured unit: ignored, saying why."""
    finding = EMITS.finding("IN002", At(file=sub.file), "report_without_unit", name=name)
    return replace(sub, status=IGNORED, findings=(finding,))
