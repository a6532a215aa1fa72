"""Intake: which files are submissions, from which unit, and which one counts.

Every file under the inbox is accounted for. Lock, temporary and hidden files and documents
that are not spreadsheets are ignored (IN002), but for a unit's own analysis report (status
``report``, qstat/unit_report.py); the unit comes from the 填表单位 line, else the file name
(IN003); of several files (or reports) for one unit the newest counts (IN005).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config
from .findings import At, Emits, Finding
from .model import Examined, Opened, carried
from .rules import Status

if TYPE_CHECKING:
    from .decided import Decided, Duplicate, Revision

OK, ERRORS, UNREADABLE, IGNORED, SUPERSEDED, REPORT = Status
EMITS = Emits("IN003", "IN005")

# Version marks clerks put in file names, with the rank each gives (higher = newer). Compiled
# when first used (re.finditer / re.sub): `qstat check` of a file with a 填表单位 needs none.
_VERSION_MARKS = (
    (r"(?:^|[_\-\s(（])[vV](\d+)(?=$|[_\-\s)）])", lambda n: int(n)),  # 叶县_v2
    (r"第?(\d+)[版稿]", lambda n: int(n)),  # 第2版, 2稿
    (
        r"[(（_\-\s](?:修改|修订|更正|订正|补充|重报|新)(\d*)[)）]?",
        lambda n: 1 + int(n or 1),
    ),  # 叶县(修改), 叶县_修改2
    (r"(?i)(最终|终版|定稿|final)", lambda n: 1000),
)


def discover(inbox: Path) -> list[Path]:
    """Every file under the inbox, in a stable order."""
    return sorted((p for p in inbox.rglob("*") if p.is_file()), key=lambda p: str(p))


def ignore_reason(path: Path, inbox: Path) -> str | None:
    """Why a file is not a submission at all (lock, temporary or hidden file), if it is not."""
    name = path.name
    if name.startswith("~$"):
        return "Excel/WPS 打开文件时生成的锁定文件"
    if name.startswith(".~lock.") or name.endswith("#") and name.startswith(".~"):
        return "LibreOffice 锁定文件"
    if any(part.startswith(".") for part in path.relative_to(inbox).parts):
        return "隐藏文件"
    if name.startswith("~") or name.lower().endswith((".tmp", ".bak")):
        return "临时文件"
    return None


def version_mark(name: str) -> int:
    """A rank from the file name's version mark: 叶县_v2 > 叶县(修改) > 叶县; 最终 highest.

    A member of an archive (叶县(修改).zip/叶县.xlsx) also has its archive's mark.
    """
    return max(
        (
            rank(m.group(1))
            for part in Path(name).parts
            for pattern, rank in _VERSION_MARKS
            for m in re.finditer(pattern, Path(part).stem)
        ),
        default=0,
    )


def unit_from_file_name(file: str, config: Config) -> str | None:
    """The unit a file's name gives, version marks (_v2, (修改)) left out; else, for a member of
    an archive (叶县.zip/报表.xlsx) or a file in a folder, the enclosing names, innermost first."""
    for part in reversed(Path(file).parts):
        stem = Path(part).stem
        for pattern, _ in _VERSION_MARKS:
            stem = re.sub(pattern, "", stem)
        unit = config.match_unit(stem.strip(" _-()（）"))
        if unit:
            return unit
    return None


def named_by_file(sub: Examined, config: Config) -> Examined:
    """A file that could not be read still says by its name whose it is (舞钢市.xlsx): its
    unit, and its findings', from the file name. Any other file as it is."""
    if sub.status != UNREADABLE or sub.unit is not None:
        return sub
    unit = unit_from_file_name(sub.file, config)
    return replace(sub, unit=unit, findings=tuple(replace(f, unit=unit) for f in sub.findings))


def identify_unit(
    file: str, unit_text: str | None, unit_cell: tuple[str, str] | None, config: Config
) -> tuple[str | None, Finding | None]:
    """The unit from the 填表单位 line, else from the file name; IN003 when neither."""
    unit = config.match_unit(unit_text or "") or unit_from_file_name(file, config)
    if unit is not None:
        return unit, None
    sheet, cell = unit_cell or (None, None)
    at = At(file=file, sheet=sheet, cell=cell, value=unit_text)
    name = Path(file).name
    if unit_text:
        return None, EMITS.finding("IN003", at, unit_text=unit_text, name=name)
    return None, EMITS.finding("IN003", at, "no_unit_line", name=name)


def resolve_duplicates(subs: Sequence[Examined]) -> dict[str, Duplicate]:
    """Of several readable files for one unit the newest is used, the others are superseded:
    IN005 for each, by file. Workbooks and the unit's analysis reports (.docx read) are compared
    each among their kind."""
    from .decided import Duplicate  # here: `qstat check` never loads what a consolidation decides

    groups: dict[tuple[str, str], list[Examined]] = {}
    for sub in subs:
        if sub.unit and sub.status in (OK, ERRORS):
            groups.setdefault((sub.unit, "个文件"), []).append(sub)
        elif sub.unit and sub.status == REPORT and sub.format == "docx":
            groups.setdefault((sub.unit, "份分析报告"), []).append(sub)
    found = {}
    for (unit, kind), group in groups.items():
        if len(group) < 2:
            continue
        group.sort(key=newness, reverse=True)
        chosen, runner_up = group[0], group[1]
        reason = _why_newer(chosen, runner_up)
        others = "、".join(s.file for s in group[1:])
        at = At(file=chosen.file, unit=unit)
        used = EMITS.finding(
            "IN005",
            at,
            unit=unit,
            count=len(group),
            kind=kind,
            chosen=chosen.file,
            reason=reason,
            others=others,
        )
        found[chosen.file] = Duplicate(used, False)
        for old in group[1:]:
            at = At(file=old.file, unit=unit)
            superseded = EMITS.finding(
                "IN005", at, "superseded", unit=unit, chosen=chosen.file, reason=reason
            )
            found[old.file] = Duplicate(superseded, True)
    return found


def decide(
    sub: Examined,
    duplicates: Mapping[str, Duplicate],
    config: Config,
    strict: bool = False,
    revision: Revision | None = None,
) -> Decided:
    """What a file is to the period: superseded by a newer file of its unit, or its unit's file
    used, in the totals unless ``strict`` leaves out a file with errors; and what it revised."""
    from .decided import Decided  # here: `qstat check` never loads what a consolidation decides

    sub = named_by_file(sub, config)
    status, findings, unit = sub.status, sub.findings, sub.unit
    duplicate = duplicates.get(sub.file)
    if duplicate and duplicate.superseded:
        status, findings = SUPERSEDED, (duplicate.finding,)
    elif duplicate:
        findings = (*findings, duplicate.finding)
    included = bool(unit) and status in (OK, ERRORS) and not (strict and status == ERRORS)
    return Decided(
        **carried(sub, status=status, findings=findings, unit=unit), included=included, revision=revision
    )


def newness(sub: Examined) -> tuple:
    return (sub.report_date or date.min, version_mark(sub.file), sub.mtime)


def _why_newer(a: Examined, b: Examined) -> str:
    if a.report_date and a.report_date != b.report_date:
        if b.report_date:
            return f"报送日期{a.report_date:%Y-%m-%d}晚于{b.report_date:%Y-%m-%d}"
        return f"报送日期为{a.report_date:%Y-%m-%d}，另一文件未填报送日期"
    if version_mark(a.file) != version_mark(b.file):
        return "报送日期相同或未填，按文件名中的修改/版本标记"
    return "报送日期与版本标记均无法区分，按文件修改时间"


# A unit's 分析报告 as the rosters show it.
REPORT_READ, REPORT_UNREADABLE, REPORT_MISSING = "已报", "无法读取", "未报"


def report_states(subs: Sequence[Opened]) -> dict[str, str]:
    """Each unit's analysis report: 已报 when one was read, else 无法读取 (only a .doc, .wps or
    damaged file, IN012); a unit not listed sent none (REPORT_MISSING)."""
    states: dict[str, str] = {}
    for sub in subs:
        if sub.unit and sub.status == REPORT:
            read = sub.format == "docx" or states.get(sub.unit) == REPORT_READ
            states[sub.unit] = REPORT_READ if read else REPORT_UNREADABLE
    return states
