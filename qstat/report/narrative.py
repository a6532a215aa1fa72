"""The report's text that no figure can write: the clerk's narrative file and the units' 文字材料.

The narrative file is Markdown: one ``## 一、企业总体情况`` heading per section of 第十条 item 7
(the numeral decides the section; the words after it are free), paragraphs separated by blank
lines, ``<!-- … -->`` comments ignored. ``skeleton()`` writes the blank file to fill in.

A unit's 文字材料 sheet is split the same way where its lines are section headings (一、… with a
word of the section's title); text before any heading is kept as the unit's general material.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一")

# 第十条 7(1)-(11), and the words by which a unit's own heading is recognised.
SECTIONS = (
    ("企业总体情况", r"企业"),
    ("{period_word}工程质量监督管理总体情况", r"总体情况|监督管理情况"),
    ("对工程参建各方质量行为的监督情况及存在的主要问题", r"参建各方|质量行为"),
    ("对实体工程质量监督采取的具体措施", r"实体"),
    ("当地治理工程质量通病的阶段性目标及取得的效果", r"通病"),
    ("企业不良行为记录及行政处罚的情况", r"不良行为|行政处罚"),
    ("工程质量监督管理工作中存在的突出问题", r"突出问题|存在的问题"),
    ("工程质量新技术、新工艺推广应用情况", r"新技术|新工艺"),
    ("工程质量事故及投诉情况", r"事故|投诉"),
    ("工程质量监督执法情况", r"执法"),
    ("进一步做好工程质量监督管理工作的对策建议", r"对策|建议"),
)
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
}
_HEADING = re.compile(r"^\s*(?:#+\s*)?(十一|十|[一二三四五六七八九])\s*[、.．]\s*(.*)$")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


class NarrativeError(ValueError):
    """The narrative file cannot be read; the message is for the clerk."""


@dataclass
class Narrative:
    sections: dict[int, list[str]]  # section number 1-11 -> paragraphs
    general: list[str]  # text before any heading (a unit's 文字材料 without headings)


def section_title(number: int, annual: bool) -> str:
    return SECTIONS[number - 1][0].format(period_word="本年度" if annual else "本季度")


def parse_narrative_file(text: str, name: str = "narrative") -> Narrative:
    """The clerk's Markdown: every ``#`` heading must name a section by its numeral."""
    text = _COMMENT.sub("", text)
    sections: dict[int, list[str]] = {}
    current = None
    for n, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("##"):
            m = _HEADING.match(line)
            if not m:
                raise NarrativeError(f"{name}第{n}行：标题“{line.strip()}”应写成“## 一、企业总体情况”的形式"
                                     f"（一至十一）")
            current = NUMERALS.index(m.group(1)) + 1
            sections.setdefault(current, [])
        elif line.lstrip().startswith("#"):
            continue  # the document title
        elif current is None and line.strip():
            raise NarrativeError(f"{name}第{n}行：正文“{line.strip()[:20]}”之前缺少“## 一、…”形式的章节标题")
        elif current is not None:
            sections[current].append(line)
    return Narrative({k: _paragraphs(lines) for k, lines in sections.items()}, [])


def parse_unit_text(text: str) -> Narrative:
    """A unit's 文字材料: split where a line is a heading naming one of the sections."""
    sections: dict[int, list[str]] = {}
    general: list[str] = []
    current = None
    for line in text.splitlines():
        number = _unit_heading(line)
        if number:
            current = number
            sections.setdefault(current, [])
        elif line.strip():
            (sections[current] if current else general).append(line.strip())
    return Narrative(sections, general)


def _unit_heading(line: str) -> int | None:
    """The section a short numbered line names by its words (一、企业情况 → 1), if any."""
    m = _HEADING.match(line)
    if not m or len(m.group(2)) > 40 or m.group(2).rstrip().endswith("。"):
        return None
    return next((i for i, (_, words) in enumerate(SECTIONS, 1) if re.search(words, m.group(2))), None)


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
    lines = [f"# {title}", "", "<!-- 在每个标题下填写正文，段落之间空一行；这样的说明文字不会出现在报告中。",
             "     第二、六节（及第九节的事故部分）由统计数据自动生成，在此填写的内容附在数据之后。 -->", ""]
    for number in range(1, len(SECTIONS) + 1):
        lines.append(f"## {NUMERALS[number - 1]}、{section_title(number, annual)}")
        lines.append("")
        hint = PROMPTS.get(number, "（可选）补充说明")
        lines += [f"<!-- {hint} -->", ""]
    return "\n".join(lines)
