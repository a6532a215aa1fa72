"""One file, start to finish: read → locate → parse → validate → the unit's figures.

Runs in a worker process, so it takes and returns plain picklable values, never raises for a
bad file (the file gets a finding and a status), and writes the detail rows (F1-F4, which can
be thousands) to a spool file instead of sending them back through memory.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from pathlib import Path

from .config import Config
from .findings import Finding
from .forms import FORMS
from .forms.f1_bad_behaviour import party_type
from .forms.spec import FormKind
from .forms.statistics import sum_categories
from .formula import group_recomputed
from .intake import ERRORS, IGNORED, OK, UNREADABLE, Submission, identify_unit
from .locate import NARRATIVE_SHEET, locate
from .parse import parse_table
from .periods import Period, last_quarter_before
from .read import (
    FATAL,
    SPREADSHEET_EXTENSIONS,
    Unreadable,
    detect_format,
    failure_message,
    read_file,
    read_workbook,
)
from .scores.sheet import read_score_sheet
from .template_mark import TEMPLATE_VERSION, TemplateMark
from .validate import apply_explanations, check_forms, check_history, read_explanations

QUARTERLY_FORMS = ("F1", "F2", "F3", "F4", "F5", "F6")
ANNUAL_FORMS = ("F6", "F7")


def examine(path: Path, file: str, period: Period | None, config: Config,
            spool_dir: Path | None = None, db: Path | None = None) -> Submission:
    """Everything one workbook says, as a Submission with its findings.

    ``period`` None: the one the workbook states (``stated_period``), kept in ``sub.period``.
    With ``db`` (the history database) the cross-period rules run too. Whatever the file
    does to the readers (exceptions, Rust panics, MemoryError) it is IN001, never a raise.
    """
    sub = Submission(file=file, path=path, period=period)
    try:
        _examine(sub, config, spool_dir, db)
    except FATAL:
        raise
    except BaseException as e:  # panics too: one file must never stop the others
        sub.status = UNREADABLE
        sub.findings.append(Finding("IN001", failure_message(e), file=file))
    for f in sub.findings:
        f.file, f.unit = file, f.unit or sub.unit
    if sub.status not in (UNREADABLE, IGNORED):
        sub.status = ERRORS if sub.errors else OK
    return sub


def examine_in_workers(args: list[tuple], workers: int) -> Iterator[Submission]:
    """``examine(*a)`` for each ``a`` of ``args``, in worker processes, in order.

    examine never raises, but a worker can still die (a native abort, the OOM killer), which
    breaks the whole pool. Then the file it was reading is one of the next ``workers + 1``
    without a result (files are handed out in order): those are examined again one by one,
    each in a worker of its own, and the rest in a fresh pool.
    """
    start = 0
    while start < len(args):
        broken = None
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = []
            for a in args[start:]:
                try:
                    futures.append(pool.submit(_examine_args, a))
                except BrokenProcessPool:  # a worker died while the files were handed out
                    break
            for i, future in enumerate(futures, start):
                try:
                    yield future.result()
                except BrokenProcessPool:
                    broken = i
                    break
        if broken is None:
            if start + len(futures) == len(args):
                return
            broken = start + len(futures)
        start = broken + workers + 1
        for suspect in args[broken:start]:
            yield _alone(suspect)


def _alone(args: tuple) -> Submission:
    """One file in a worker of its own: if that worker dies, the file is IN001."""
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(_examine_args, args).result()
        except BrokenProcessPool:
            path, file = args[0], args[1]
            return Submission(file, path, status=UNREADABLE, findings=[Finding(
                "IN001", "文件无法读取：读取此文件时程序异常退出（文件可能已损坏，或内容过多、"
                "占用内存过大），请检查后重新报送", file=file)])


def _examine_args(args: tuple) -> Submission:
    return examine(*args)


def _examine(sub: Submission, config: Config, spool_dir: Path | None, db: Path | None) -> None:
    sub.mtime = sub.path.stat().st_mtime
    data = read_file(sub.path, config.limits)
    sub.sha256 = hashlib.sha256(data).hexdigest()
    sub.format = detect_format(data)
    if sub.format is None:
        if sub.path.suffix.lower() in SPREADSHEET_EXTENSIONS:
            raise Unreadable("扩展名是电子表格，但内容不是可识别的Excel/WPS/ODS文件（可能已损坏或被截断）")
        sub.status = IGNORED
        sub.findings.append(Finding("IN002", f"不是电子表格文件（{sub.path.suffix or '无扩展名'}），已忽略"))
        return
    workbook = read_workbook(sub.path, sub.format, data, config.limits)
    found = locate(workbook)
    period = sub.period = sub.period or stated_period(found)
    for finding in workbook.findings:  # recomputed formulas: name the form they belong to
        finding.form = _form_at(found, finding.sheet, finding.cell)
    sub.findings += group_recomputed(workbook.findings) + found.findings
    sub.unit_text, sub.unit_cell = found.unit_text, found.unit_cell
    sub.score_sheet = found.score_sheets[0] if found.score_sheets else None
    sub.report_date = max(found.report_dates, default=None)
    identify_unit(sub, config)
    _check_period(sub, found, period, TemplateMark.parse(workbook.template_mark))
    sub.score, score_findings = read_score_sheet(workbook, found.score_sheets)
    sub.findings += score_findings
    expected = ANNUAL_FORMS if period.is_annual else QUARTERLY_FORMS
    for code in expected:
        if code not in found.tables:
            sub.findings.append(Finding(
                "IN006", f"未找到{FORMS[code].sheet_name}《{FORMS[code].title}》", form=code))
    parsed = {}
    for code, table in found.tables.items():
        parsed[code], findings = parse_table(table)
        sub.findings += findings
        sub.forms.append(code)
    sub.findings += check_forms(parsed, period)
    details = {}
    for code, form in parsed.items():
        if form.spec.kind is FormKind.STATISTICS:
            sub.statistics[code] = form.unit_figures(sub.unit)
        elif form.spec.kind is FormKind.CATEGORIES:
            sub.categories = sum_categories([{r.category: r for r in form.records}])
        else:
            sub.row_counts[code] = len(form.records)
            details[code] = form.records
    figures = parsed.get("F7" if period.is_annual else "F5")
    if db is not None and sub.unit and figures is not None:
        place = (figures.sheet, figures.figure_row(), figures.columns)
        sub.findings += check_history(sub.unit, sub.statistics[figures.spec.code], place, period, db)
    if "F1" in details:
        sub.party_counts = dict(Counter(party_type(r.party) for r in details["F1"]))
    sub.text = narrative_text(workbook)
    apply_explanations(sub.findings, read_explanations(workbook))
    if spool_dir is not None:  # detail rows go to disk: memory stays flat on big runs
        for code, records in details.items():
            sub.detail_spools[code] = spool_dir / f"{sub.sha256}-{code}.pickle"
            with open(sub.detail_spools[code], "wb") as f:
                pickle.dump(records, f, protocol=pickle.HIGHEST_PROTOCOL)


def stated_period(found, today: date | None = None) -> Period:
    """The period a workbook is for, when the clerk does not say: the one a title states,
    else the quarter that ended before its 报送日期, else the quarter that ended last."""
    if found.periods:
        return found.periods[0][0]
    return last_quarter_before(max(found.report_dates, default=None) or today or date.today())


def _check_period(sub: Submission, found, period: Period, mark: TemplateMark | None) -> None:
    """IN004: a workbook made from another period's or an outdated template (``qstat template``),
    a title stating another period, or a 报送日期 before the period began."""
    if mark and (mark.period != period or mark.version < TEMPLATE_VERSION):
        why = (f"，与本次汇总期别{period.chinese()}不符" if mark.period != period else
               f"，该模板已过期（当前模板为第{TEMPLATE_VERSION}版）")
        sub.findings.append(Finding(
            "IN004", f"本工作簿是用{mark.period.chinese()}的报表模板（第{mark.version}版）填写的{why}，"
            "请使用本期下发的模板重新填报", value=mark.text()))
        return
    for stated, sheet, cell, text in found.periods:
        if stated.year != period.year or not (
                stated.is_annual or period.is_annual or stated == period):
            sub.findings.append(Finding(
                "IN004", f"表中写明的期别“{text}”与本次汇总期别{period.chinese()}不符",
                sheet=sheet, cell=cell, value=text))
            return
    early = min(found.report_dates, default=None)
    if early and early < period.start:
        sub.findings.append(Finding(
            "IN004", f"报送日期{early:%Y-%m-%d}早于{period.chinese()}开始日期，可能是其他期别的报表",
            value=f"{early}"))


def _form_at(found, sheet: str | None, cell: str | None) -> str | None:
    """The form whose table covers a cell, if any."""
    row = int(re.sub(r"[A-Z]+", "", cell or "A0")) - 1
    return next((code for code, t in found.tables.items()
                 if t.sheet.name == sheet and t.anchor[0] <= row <= t.end_row), None)




def narrative_text(workbook) -> str:
    """The 文字材料 sheets' text, one line per row (cells joined), for the analysis report."""
    lines = []
    for sheet in workbook.sheets:
        if NARRATIVE_SHEET.search(sheet.name):
            for row in sheet.rows:
                line = " ".join(str(v).strip() for v in row if str(v).strip())
                if line:
                    lines.append(line)
    return "\n".join(lines)
