"""Checks inside the detail lists 附表1-4: empty required fields, duplicates, dates.

The four lists share the same kinds of rule; which code applies to which field of which form
is the table ``DETAIL_RULES`` below.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from ..findings import Emits, Finding
from ..parse import ParsedForm
from ..periods import Period
from .common import finding_at, label


@dataclass(frozen=True)
class DetailRules:
    identifier: str  # 记录编号 / 注册号: must be unique in the list
    duplicate: str  # rule code for a repeated identifier
    required: str  # rule code for an empty field of FormSpec.must_fill
    in_period: tuple[str, str] | None = None  # (date field, rule): must lie within the period
    order: tuple[str, str, str] | None = None  # (earlier, later, rule): later ≥ earlier


DETAIL_RULES = {
    "F1": DetailRules(
        "record_no", "F1-004", "F1-001", ("recorded_on", "F1-003"), ("recorded_on", "approved_on", "F1-002")
    ),
    "F2": DetailRules("record_no", "F2-003", "F2-001", ("date", "F2-002")),
    "F3": DetailRules("reg_no", "F3-001", "F3-004"),
    "F4": DetailRules(
        "reg_no", "F4-001", "F4-008", ("completed_on", "F4-002"), ("completed_on", "filed_on", "F4-003")
    ),
}
EMITS = Emits(
    *("F1-001", "F1-002", "F1-003", "F1-004", "F2-001", "F2-002", "F2-003"),
    *("F3-001", "F3-004", "F4-001", "F4-002", "F4-003", "F4-006", "F4-008"),
)


def check_details(form: ParsedForm, period: Period, ids: list[str]) -> list[Finding]:
    """``ids``: the records' ``identifiers``."""
    rules = DETAIL_RULES[form.spec.code]
    findings = check_required(form, rules) + check_duplicates(form, rules, ids)
    if rules.in_period:
        findings += check_in_period(form, period, *rules.in_period)
    if rules.order:
        findings += check_date_order(form, *rules.order)
    if form.spec.code == "F4":
        findings += check_filed_after_acceptance(form)
    return findings


_IGNORED_IN_IDENTIFIER = re.compile(r"[\s\u2010-\u2015－]")  # spaces and dash variants


def identifier(value: str | None) -> str:
    """An identifier as compared: full-width folded, spaces and dashes variants ignored."""
    text = unicodedata.normalize("NFKC", value or "")
    return _IGNORED_IN_IDENTIFIER.sub("", text).upper()


def identifiers(form: ParsedForm) -> list[str]:
    """Each record's 记录编号 / 注册号 (DetailRules.identifier) as compared, row by row: computed
    once for the rules that compare them (F1-004 … F4-001 here, F4-005 in cross_form)."""
    key = DETAIL_RULES[form.spec.code].identifier
    return [identifier(getattr(record, key)) for record in form.records]


def check_required(form: ParsedForm, rules: DetailRules) -> list[Finding]:
    """F1-001, F2-001, F3-004, F4-008: every record fills the form's must-fill fields."""
    keys = [key for key in form.spec.must_fill if key in form.columns]
    return [
        finding_at(EMITS, rules.required, form, r, key, row=r + 1, column=label(form.spec, key))
        for r, record in zip(form.rows, form.records)
        for key in keys
        if getattr(record, key) in (None, "")
    ]


def check_duplicates(form: ParsedForm, rules: DetailRules, ids: list[str]) -> list[Finding]:
    """F1-004, F2-003, F3-001, F4-001: an identifier appears once in its list."""
    first: dict[str, int] = {}
    findings = []
    for r, record, key in zip(form.rows, form.records, ids):
        if not key:
            continue
        if key in first:
            findings.append(
                finding_at(
                    EMITS,
                    rules.duplicate,
                    form,
                    r,
                    rules.identifier,
                    getattr(record, rules.identifier),
                    row=r + 1,
                    column=label(form.spec, rules.identifier),
                    identifier=getattr(record, rules.identifier),
                    first=first[key] + 1,
                )
            )
        else:
            first[key] = r
    return findings


def check_in_period(form: ParsedForm, period: Period, key: str, rule: str) -> list[Finding]:
    """F1-003, F2-002 (warnings), F4-002 (error): a date of the record lies in the period."""
    findings = []
    start, end = period.start, period.end  # computed by Period on each use
    for r, record in zip(form.rows, form.records):
        day: date | None = getattr(record, key)
        if day is not None and not start <= day <= end:
            findings.append(
                finding_at(
                    EMITS,
                    rule,
                    form,
                    r,
                    key,
                    f"{day}",
                    row=r + 1,
                    column=label(form.spec, key),
                    date=f"{day:%Y-%m-%d}",
                    period=period.chinese(),
                    start=f"{period.start:%Y-%m-%d}",
                    end=f"{period.end:%Y-%m-%d}",
                )
            )
    return findings


def check_date_order(form: ParsedForm, earlier: str, later: str, rule: str) -> list[Finding]:
    """F1-002 (批准 before 记录), F4-003 (备案 before 竣工): impossible order of dates."""
    findings = []
    for r, record in zip(form.rows, form.records):
        first, second = getattr(record, earlier), getattr(record, later)
        if first and second and second < first:
            findings.append(
                finding_at(
                    EMITS,
                    rule,
                    form,
                    r,
                    later,
                    f"{second}",
                    row=r + 1,
                    column=label(form.spec, later),
                    date=f"{second:%Y-%m-%d}",
                    earlier=label(form.spec, earlier),
                    earlier_date=f"{first:%Y-%m-%d}",
                )
            )
    return findings


def check_filed_after_acceptance(form: ParsedForm) -> list[Finding]:
    """F4-006: only a project accepted as 合格 can be filed; anything else is checked."""
    findings = []
    for r, record in zip(form.rows, form.records):
        verdict = (record.acceptance or "").strip()
        if record.filed and verdict and not record.accepted:
            findings.append(
                finding_at(
                    EMITS,
                    "F4-006",
                    form,
                    r,
                    "acceptance",
                    verdict,
                    row=r + 1,
                    project=record.project or "",
                    verdict=verdict,
                )
            )
    return findings
