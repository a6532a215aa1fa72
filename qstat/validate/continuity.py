"""Project continuity (附表3/附表4 by 注册号), against the unit's lists in its past (past.Past).

Every project in progress at the end of last quarter is, this quarter, either still in
progress (附表3) or completed (附表4): one that is in neither has vanished (F3-005). A project
in this 附表3 that was not in the last one should be newly registered; one registered earlier
came from somewhere (F3-006): transferred in, or missed last time. A vanished project listed
now under another 注册号 with its name is one renumbering (F3-007), neither of the two.
"""

from __future__ import annotations

import re
from typing import Any

from ..findings import Finding
from ..parse import ParsedForm
from ..past import ListedProject, Past
from ..periods import Period
from .common import finding_at
from .cross_form import project_key
from .details import identifier

# A year written in a 注册号 (PDS-YX-2023-0012, 豫质监叶县2024-015), not part of a longer number.
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def check_continuity(forms: dict[str, ParsedForm], past: Past) -> list[Finding]:
    """F3-005, F3-006 and F3-007 for a quarter's 附表3 (and 附表4); HS001 when the history holds the
    unit's previous period but not its lists (recorded by a qstat that kept none)."""
    f3, f4 = forms.get("F3"), forms.get("F4")
    period = past.period
    if period.is_annual or f3 is None:
        return []
    previous = period.previous()
    before = past.lists
    if before is None:  # the whole period missing: F5-006's HS001 says so already
        return (
            []
            if not past.figures(previous, "F5")
            else [
                Finding(
                    "HS001",
                    f"历史数据库中没有{past.unit}{previous.chinese()}的附表3明细，未核对在建工程的"
                    "连续性（不影响本期汇总）",
                    form="F3",
                    sheet=f3.sheet,
                )
            ]
        )
    listed_now = [(form, r, p) for form in (f3, f4) if form for r, p in zip(form.rows, form.records)]
    now = {project_key(p) for _, _, p in listed_now}
    gone = [p for p in before if p.form == "F3" and project_key(p)[1] and project_key(p) not in now]
    known = {project_key(p) for p in before}
    renumbered = _same_name(gone, [(f, r, p) for f, r, p in listed_now if project_key(p) not in known])
    findings = [
        _renumbered(p, *renumbered[i], previous) if i in renumbered else _vanished(p, previous, f3)
        for i, p in enumerate(gone)
    ]
    moved = {(form.spec.code, r) for form, r, _ in renumbered.values()}
    listed_before = {project_key(p) for p in before if p.form == "F3"}
    earlier = {identifier(r) for r in past.reg_nos}
    for r, p in zip(f3.rows, f3.records):
        key = project_key(p)
        if not key[1] or key in listed_before or ("F3", r) in moved:
            continue
        year = _registered_year(p.reg_no)
        if key[0] == "reg_no" and key[1] in earlier:
            why = f"历史数据库中本单位以前报送过该工程，但{previous.chinese()}附表3未列入"
        elif year and year < period.year:
            why = f"注册号显示为{year}年注册，但{previous.chinese()}附表3未列入"
        else:
            continue
        findings.append(
            finding_at(
                "F3-006",
                f3,
                r,
                "reg_no",
                f"第{r + 1}行“{p.reg_no} {p.project or ''}”".replace(" ”", "”")
                + f"为本期新列入的在建工程，{why}（移交工程或上期漏报？）",
                p.reg_no,
            )
        )
    return findings


def _vanished(p: ListedProject, previous: Period, f3: ParsedForm) -> Finding:
    name = " ".join(x for x in (p.reg_no, p.project) if x)
    return Finding(
        "F3-005",
        f"{f3.spec.sheet_name}：{previous.chinese()}在建的工程“{name}”（上期“{p.file}”"
        f"{p.sheet}第{p.row}行）本期既未列入附表3，也未列入附表4竣工工程明细",
        form="F3",
        sheet=f3.sheet,
        value=p.reg_no or p.project,
    )


def _same_name(
    gone: list[ListedProject], fresh: list[tuple[ParsedForm, int, Any]]
) -> dict[int, tuple[ParsedForm, int, Any]]:
    """Vanished projects (by their index in ``gone``) listed now under another 注册号: the
    same 工程名称 (compared as identifiers) in a row whose key the history does not know."""
    by_name: dict[str, list[tuple[ParsedForm, int, Any]]] = {}
    for form, r, p in fresh:
        if identifier(p.project):
            by_name.setdefault(identifier(p.project), []).append((form, r, p))
    return {
        i: by_name[identifier(old.project)].pop(0)
        for i, old in enumerate(gone)
        if by_name.get(identifier(old.project))
    }


def _renumbered(old: ListedProject, form: ParsedForm, r: int, new, previous: Period) -> Finding:
    """F3-007 for a project that kept its name but not its 注册号: where it is now, and both numbers."""
    return finding_at(
        "F3-007",
        form,
        r,
        "reg_no",
        f"第{r + 1}行“{new.project}”的注册号由“{old.reg_no or '未填写'}”改为“{new.reg_no}”"
        f"（{previous.chinese()}“{old.file}”{old.sheet}第{old.row}行），请核实注册号是否填错或已变更",
        new.reg_no,
    )


def _registered_year(reg_no: str | None) -> int | None:
    m = _YEAR.search(reg_no or "")
    return int(m.group(1)) if m else None
