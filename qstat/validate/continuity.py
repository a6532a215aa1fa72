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

from ..findings import At, Emits, Finding
from ..parse import ParsedForm
from ..past import ListedProject, Past
from ..periods import Period
from .common import finding_at
from .cross_form import project_key
from .details import identifier

# A year written in a 注册号 (PDS-YX-2023-0012, 豫质监叶县2024-015), not part of a longer number.
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
EMITS = Emits("F3-005", "F3-006", "F3-007", "HS001")


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
                EMITS.finding(
                    "HS001",
                    At(form="F3", sheet=f3.sheet),
                    "lists",
                    unit=past.unit,
                    period=previous.chinese(),
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
            variant, why = "", {}
        elif year and year < period.year:
            variant, why = "year", {"year": year}
        else:
            continue
        findings.append(
            finding_at(
                EMITS,
                "F3-006",
                f3,
                r,
                "reg_no",
                p.reg_no,
                variant,
                row=r + 1,
                project=f"{p.reg_no} {p.project or ''}".removesuffix(" "),
                previous=previous.chinese(),
                **why,
            )
        )
    return findings


def _vanished(p: ListedProject, previous: Period, f3: ParsedForm) -> Finding:
    name = " ".join(x for x in (p.reg_no, p.project) if x)
    return EMITS.finding(
        "F3-005",
        At(form="F3", sheet=f3.sheet, value=p.reg_no or p.project),
        sheet_name=f3.spec.sheet_name,
        previous=previous.chinese(),
        project=name,
        previous_file=p.file,
        previous_sheet=p.sheet,
        previous_row=p.row,
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
        EMITS,
        "F3-007",
        form,
        r,
        "reg_no",
        new.reg_no,
        row=r + 1,
        project=new.project,
        old=old.reg_no or "未填写",
        new=new.reg_no,
        previous=previous.chinese(),
        previous_file=old.file,
        previous_sheet=old.sheet,
        previous_row=old.row,
    )


def _registered_year(reg_no: str | None) -> int | None:
    m = _YEAR.search(reg_no or "")
    return int(m.group(1)) if m else None
