"""The report's text that no figure can write: the clerk's narrative file and the units' 文字材料.

The narrative file is Markdown: one ``## 一、企业总体情况`` heading per section of 第十条 item 7
(the numeral decides the section; the words after it are free), paragraphs separated by blank
lines, ``<!-- … -->`` comments ignored. ``skeleton()`` writes the blank file to fill in.

A year's report (第十一条) has three more sections, the year's 机制建立, 政策制定 and 活动开展,
printed after section 二 as 三、四、五, so the year's numerals 六 to 十四 are the quarter's 三 to
十一. Sections are numbered internally by 第十条 item (1-11) and 12-14 for the year's three, so a
numeral is read through ``order()`` of the period's kind.

A unit's 文字材料 sheet is split the same way where its lines are section headings (一、… with a
word of the section's title); text before any heading is kept as the unit's general material,
less its own title line. The report never prints a unit's words as the office's own: ``attributed``
names the unit with its paragraphs, for a draft that says who wrote what.
A unit's own analysis report (.docx, qstat/unit_report.py) is split by its headings with the same
words (``split_unit_lines``) and stored as the text ``unit_text`` writes, which reads back alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四")

# 第十条 7(1)-(11), and the words by which a unit's own heading is recognised.
SECTIONS = (
    ("企业总体情况", r"企业(?!不良行为)"),  # not 六、企业不良行为记录…
    ("{period_word}工程质量监督管理总体情况", r"总体情况|监督管理情况"),
    ("对工程参建各方质量行为的监督情况及存在的主要问题", r"参建各方|质量行为"),
    ("对实体工程质量监督采取的具体措施", r"实体"),
    ("当地治理工程质量通病的阶段性目标及取得的效果", r"通病"),
    ("企业不良行为记录及行政处罚的情况", r"不良行为|行政处罚"),
    ("工程质量监督管理工作中存在的突出问题", r"突出问题|存在的?问题"),
    ("工程质量新技术、新工艺推广应用情况", r"新技术|新工艺|四新"),
    ("工程质量事故及投诉情况", r"事故|投诉"),
    ("工程质量监督执法情况", r"执法"),
    ("进一步做好工程质量监督管理工作的对策建议", r"对策|建议|下一步|下步"),
    # 第十一条: the year's work, sections 12-14 (a year's report only)
    ("机制建立情况", r"机制"),
    ("政策制定情况", r"政策|制度"),
    ("活动开展情况", r"活动"),
)
QUARTERLY = tuple(range(1, 12))
ANNUAL_ONLY = (12, 13, 14)
ANNUAL = (1, 2, *ANNUAL_ONLY, *range(3, 12))  # the year's three follow section 二
# What the clerk is asked for where a narrative section is empty (sections 2 and 6 are figures).
PROMPTS = {
    1: "本地区建筑业企业总体情况（企业数量、资质等级、产值等）",
    3: "对建设、勘察、设计、施工、监理等参建各方质量行为的监督情况及存在的主要问题",
    4: "对实体工程质量监督采取的具体措施",
    5: "治理工程质量通病的阶段性目标及取得的效果（含主要质量通病种类及治理情况）",
    7: "工程质量监督管理工作中存在的突出问题",
    8: "工程质量新技术、新工艺推广应用情况",
    9: "工程质量投诉的受理及处理情况",
    10: "工程质量监督执法情况（检查次数、下发整改通知书、停工通知书等）",
    11: "进一步做好工程质量监督管理工作的对策建议",
    12: "本年度建设工程质量状况分析工作的机制建立情况（质量分析会、信息报送、责任分工等）",
    13: "本年度制定的工程质量管理政策、制度及文件",
    14: "本年度开展的工程质量活动（专项检查、质量月、观摩交流等）及成效",
}
_HEADING = re.compile(r"^\s*(?:#+\s*)?(十[一二三四]|十|[一二三四五六七八九])\s*[、.．]\s*(.*)$")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TITLE = re.compile(r"(报告|情况|分析|材料|汇报|总结)$")
# A heading's own numbering: 一、 （一） 1. 第一部分, left out before its words are read.
NUMBERING = re.compile(
    r"^\s*(?:#+\s*)?(?:第[一二三四五六七八九十]+[部分章节]+|[（(][一二三四五六七八九十\d]+[)）]"
    r"|[一二三四五六七八九十]+\s*[、.．]|\d+\s*[、.．])?\s*"
)


class NarrativeError(ValueError):
    """The narrative file cannot be read; the message is for the clerk."""


@dataclass
class Narrative:
    sections: dict[int, list[str]]  # section number 1-11 -> paragraphs
    general: list[str]  # text before any heading (a unit's 文字材料 without headings)


def order(annual: bool) -> tuple[int, ...]:
    """The sections in printed order: 第十条's eleven, for a year with 第十一条's three after 二."""
    return ANNUAL if annual else QUARTERLY


def section_title(number: int, annual: bool) -> str:
    return SECTIONS[number - 1][0].format(period_word="本年度" if annual else "本季度")


def numeral(number: int, annual: bool) -> str:
    """The section's numeral as printed in the period's report (a year's 三 is 机制建立)."""
    return NUMERALS[order(annual).index(number)]


def parse_narrative_file(text: str, name: str = "narrative", annual: bool = False) -> Narrative:
    """The clerk's Markdown: every ``#`` heading must name a section by its numeral.

    A year's numbering differs from a quarter's from 三 on, so for a year a heading whose words
    name another section than its numeral (a quarter's file reused) is refused, never misfiled.
    """
    text = _COMMENT.sub("", text)
    sections: dict[int, list[str]] = {}
    current = None
    sequence = order(annual)
    for n, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("##"):
            m = _HEADING.match(line)
            if not m or NUMERALS.index(m.group(1)) >= len(sequence):
                raise NarrativeError(
                    f"{name}第{n}行：标题“{line.strip()}”应写成“## 一、企业总体情况”的形式"
                    f"（一至{NUMERALS[len(sequence) - 1]}）"
                )
            current = sequence[NUMERALS.index(m.group(1))]
            named = named_section(m.group(2), annual)
            own = re.search(SECTIONS[current - 1][1], m.group(2))
            if annual and named not in (None, current) and not own:
                raise NarrativeError(
                    f"{name}第{n}行：年度报告的第{m.group(1)}节是“{section_title(current, True)}”，"
                    f"标题“{line.strip()}”写的是第{numeral(named, True)}节的内容；"
                    f"请按 --narrative-skeleton 生成的年度文字材料框架编号"
                )
            sections.setdefault(current, [])
        elif line.lstrip().startswith("#"):
            continue  # the document title
        elif current is None and line.strip():
            raise NarrativeError(f"{name}第{n}行：正文“{line.strip()[:20]}”之前缺少“## 一、…”形式的章节标题")
        elif current is not None:
            sections[current].append(line)
    return Narrative({k: _paragraphs(lines) for k, lines in sections.items()}, [])


def parse_unit_text(text: str, annual: bool = False) -> Narrative:
    """A unit's 文字材料: split where a line is a heading naming one of the period's sections."""
    lines = text.splitlines()
    return split_unit_lines([(line, _unit_heading(line, annual) is not None) for line in lines], annual)


def split_unit_lines(lines: list[tuple[str, bool]], annual: bool = False) -> Narrative:
    """A unit's material as lines, each marked whether it is a heading (a 文字材料 line naming a
    section; a section-level heading of a unit's .docx report).

    A heading naming a section starts it (a merged one, 三、参建各方质量行为及实体质量监督情况,
    the first it names); a heading naming none returns to the general material, which keeps it.
    """
    sections: dict[int, list[str]] = {}
    general: list[str] = []
    current = None
    for line, heading in lines:
        if heading:
            current = heading_section(line, annual)
            if current:
                sections.setdefault(current, [])
                continue
        if line.strip():
            (sections[current] if current else general).append(line.strip())
    if general and _TITLE.search(general[0]) and not re.search(r"[。；;]", general[0]):
        general = general[1:]  # the material's own title (叶县2024年第三季度工程质量分析报告)
    # A line ending in a colon addresses the office (平顶山市建设工程质量监督站：) or announces what
    # follows (现将…报告如下：): with nothing after it in the general material it says nothing.
    general = [line for line in general if not line.endswith(("：", ":"))]
    return Narrative(sections, general)


def unit_text(material: Narrative, annual: bool = False) -> str:
    """A unit's material as the text parse_unit_text reads back: the general lines first, then
    each section under its own heading (一、企业总体情况), as the history stores it."""
    lines = list(material.general)
    for number in order(annual):
        if number in material.sections:
            lines.append(f"{NUMERALS[number - 1]}、{section_title(number, annual)}")
            lines += material.sections[number]
    return "\n".join(lines)


def join_unit_texts(texts: list[str], annual: bool = False) -> str:
    """One unit's several texts (its 文字材料, its analysis report) as one, section by section."""
    if len(texts) == 1:
        return texts[0]
    joined = Narrative({}, [])
    for text in texts:
        material = parse_unit_text(text, annual)
        joined.general += material.general
        for number, lines in material.sections.items():
            joined.sections.setdefault(number, []).extend(lines)
    return unit_text(joined, annual)


# A unit's words for itself (全市, 我县, 本区 …), which in the office's report would read as the
# office: the draft says 该市/该县/该区 (本市场 is no self-reference).
SELF_REFERENCES = re.compile(r"[全我本]([市县区])(?!场|域)")


def attributed(units: dict[str, Narrative], number: int) -> list[str]:
    """A section's material from the units, each unit's first paragraph naming it (据叶县报告，…),
    its self-references as the office reports them (全市 → 该市): the units' words, never printed
    as the office's own."""
    paragraphs = []
    for unit, material in units.items():
        for i, p in enumerate(material.sections.get(number, [])):
            p = SELF_REFERENCES.sub(r"该\1", p)
            paragraphs.append(f"据{unit}报告，{p}" if i == 0 else p)
    return paragraphs


def drafted(narrative: Narrative | None, units: dict[str, Narrative], number: int) -> list[str]:
    """A section's text: the clerk's, else the units' material attributed per unit (the draft
    the page's editor shows and the report prints while the clerk has written nothing)."""
    own = narrative.sections.get(number, []) if narrative else []
    return list(own) or attributed(units, number)


def compose(title: str, texts: dict[int, str], annual: bool = False) -> str:
    """The narrative file from the page's one box per section: every section's heading, each
    non-empty line of its box a paragraph (a ``#`` starting a line left out: it reads as a heading)."""
    lines = [f"# {title}", ""]
    for number in order(annual):
        lines += [f"## {numeral(number, annual)}、{section_title(number, annual)}", ""]
        for line in texts.get(number, "").splitlines():
            if line := line.strip().lstrip("#").strip():
                lines += [line, ""]
    return "\n".join(lines)


def _unit_heading(line: str, annual: bool) -> int | None:
    """The section a short numbered line names by its words (一、企业情况 → 1), if any."""
    m = _HEADING.match(line)
    if not m or len(m.group(2)) > 40 or m.group(2).rstrip().endswith("。"):
        return None
    return named_section(m.group(2), annual)


def heading_section(heading: str, annual: bool) -> int | None:
    """The section a heading names, its own numbering (一、 （一） 1.) left out."""
    return named_section(NUMBERING.sub("", heading), annual)


def named_section(words: str, annual: bool) -> int | None:
    """The first of the period's sections (by 第十条 item, the year's three last) the words name."""
    return next((i for i in sorted(order(annual)) if re.search(SECTIONS[i - 1][1], words)), None)


def _paragraphs(lines: list[str]) -> list[str]:
    """Blank-line separated paragraphs, each joined into one line."""
    paragraphs, current = [], []
    for line in lines + [""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append("".join(current))
            current = []
    return paragraphs


def skeleton(title: str, annual: bool = False) -> str:
    """A blank narrative file: every section's heading with a comment saying what goes there."""
    two, six, nine = (numeral(n, annual) for n in (2, 6, 9))
    lines = [
        f"# {title}",
        "",
        "<!-- 在每个标题下填写正文，段落之间空一行；这样的说明文字不会出现在报告中。",
        f"     第{two}、{six}节（及第{nine}节的事故部分）由统计数据自动生成，"
        "在此填写的内容附在数据之后。 -->",
        "",
    ]
    for number in order(annual):
        lines.append(f"## {numeral(number, annual)}、{section_title(number, annual)}")
        lines.append("")
        hint = PROMPTS.get(number, "（可选）补充说明")
        lines += [f"<!-- {hint} -->", ""]
    return "\n".join(lines)
