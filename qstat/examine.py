"""One file, start to finish: read → locate → parse → validate → the unit's figures.

Runs in a worker process, so it takes and returns plain picklable values, never raises for a
bad file (the file gets a finding and a status), and writes the detail rows (F1-F4, which can
be thousands) to a spool file instead of sending them back through memory.
"""

from __future__ import annotations

import faulthandler
import os
import pickle
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from .config import Config
from .findings import Finding
from .forms import FORMS
from .forms.f1_bad_behaviour import party_type
from .forms.spec import FormKind
from .formula import group_recomputed
from .history import listed_projects
from .intake import UNREADABLE, Submission
from .locate import NARRATIVE_SHEET, Located
from .opening import finish, guarded, open_submission
from .parse import ParsedForm, parse_table
from .periods import Period
from .read import Workbook
from .revision import take_snapshot
from .scores.sheet import read_score_sheet
from .template_mark import TEMPLATE_VERSION, TemplateMark
from .validate import apply_explanations, check_forms, check_history, check_own_history, read_explanations


def examine(
    path: Path,
    file: str,
    period: Period | None,
    config: Config,
    spool_dir: Path | None = None,
    db: Path | None = None,
) -> Submission:
    """Everything one workbook says, as a Submission with its findings.

    ``period`` None: the one the workbook states (``opening.period_of``), kept in ``sub.period``.
    With ``db`` (the history database) the cross-period rules run too. Whatever the file
    does to the readers (exceptions, Rust panics, MemoryError) it is IN001, never a raise.
    """
    sub = Submission(file=file, path=path, period=period)
    opened = guarded(sub, lambda: open_submission(sub, config))
    if opened is not None:
        guarded(sub, lambda: _examine(sub, *opened, config, spool_dir, db))
    return finish(sub)


SMALL_JOB = 4  # files: up to this many, each is read in a forked child of its own, no pool


def examine_in_workers(args: list[tuple], workers: int) -> Iterator[Submission]:
    """``examine(*a)`` for each ``a`` of ``args``, in worker processes, in order.

    A handful of files (``SMALL_JOB``) are each read in a child forked for it: no pool to start
    and shut down, and a file that kills its reader still costs only itself.

    examine never raises, but a worker can still die (a native abort, the OOM killer), which
    breaks the whole pool. Then the file it was reading is one of the next ``workers + 1``
    without a result (files are handed out in order): those are examined again one by one,
    each in a worker of its own, and the rest in a fresh pool.
    """
    if len(args) <= SMALL_JOB and hasattr(os, "fork"):
        yield from (_forked(a) for a in args)
        return
    from concurrent.futures import ProcessPoolExecutor  # here: `qstat check` forks (~0.05 s to import)
    from concurrent.futures.process import BrokenProcessPool

    start = 0
    while start < len(args):
        broken = None
        with ProcessPoolExecutor(max_workers=workers, initializer=_quiet) as pool:
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


def _forked(args: tuple) -> Submission:
    """One file in a forked child that sends its Submission back through a pipe."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns, never runs the parent's exit handlers
        _quiet()
        os.close(read_end)
        code = 1
        try:
            with os.fdopen(write_end, "wb") as out:
                pickle.dump(_examine_args(args), out, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return _died(args)
    return pickle.loads(data)


def _quiet() -> None:
    """A reader may die of a native abort (calamine): that file is IN001, so the traceback dump
    faulthandler prints where it is on (pytest, -X faulthandler) would only read as a crash."""
    faulthandler.disable()


def _alone(args: tuple) -> Submission:
    """One file in a worker of its own: if that worker dies, the file is IN001."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=1, initializer=_quiet) as pool:
        try:
            return pool.submit(_examine_args, args).result()
        except BrokenProcessPool:
            return _died(args)


def _died(args: tuple) -> Submission:
    """IN001 for a file whose reader process died."""
    path, file = args[0], args[1]
    return Submission(
        file,
        path,
        status=UNREADABLE,
        findings=[
            Finding(
                "IN001",
                "文件无法读取：读取此文件时程序异常退出（文件可能已损坏，或内容过多、"
                "占用内存过大），请检查后重新报送",
                file=file,
            )
        ],
    )


def _examine_args(args: tuple) -> Submission:
    return examine(*args)


def _examine(
    sub: Submission,
    workbook: Workbook,
    found: Located,
    config: Config,
    spool_dir: Path | None,
    db: Path | None,
) -> None:
    """The stages after the front end, in order; each adds to ``sub``."""
    assert sub.period is not None  # open_submission sets it
    _check_intake(sub, workbook, found, sub.period)
    sub.score, findings = read_score_sheet(workbook, found.score_sheets)
    sub.findings += findings
    parsed = _parse_and_validate(sub, found, sub.period, config)
    details = _figures(sub, parsed)
    if db is not None and sub.unit:
        _check_against_history(sub, parsed, sub.period, config, db)
    _report_extras(sub, workbook, details)
    apply_explanations(sub.findings, read_explanations(workbook))
    if spool_dir is not None:  # a consolidation, not a check
        _spool(sub, workbook, parsed, details, spool_dir)


def _check_against_history(
    sub: Submission, parsed: dict[str, ParsedForm], period: Period, config: Config, db: Path
) -> None:
    """接转 and 附表7 against earlier periods; the unit's lists and figures against its own past."""
    assert sub.unit is not None
    figures = parsed.get(period.statistics_form)
    if figures is not None:
        place = (figures.sheet, figures.figure_row(), figures.columns)
        sub.findings += check_history(sub.unit, sub.statistics[figures.spec.code], place, period, db)
    sub.findings += check_own_history(
        sub.unit, parsed, sub.statistics.get("F5"), sub.categories, period, db, config.anomalies
    )


def _check_intake(sub: Submission, workbook: Workbook, found: Located, period: Period) -> None:
    """What reading found (recomputed formulas, far cells), the period, the missing forms."""
    for finding in workbook.findings:  # recomputed formulas: name the form they belong to
        finding.form = _form_at(found, finding.sheet, finding.cell)
    sub.findings += group_recomputed(workbook.findings) + found.findings
    _check_period(sub, found, period, TemplateMark.parse(workbook.template_mark))
    for code in period.submitted_forms:
        if code not in found.tables:
            sub.findings.append(
                Finding("IN006", f"未找到{FORMS[code].sheet_name}《{FORMS[code].title}》", form=code)
            )


def _parse_and_validate(
    sub: Submission, found: Located, period: Period, config: Config
) -> dict[str, ParsedForm]:
    """Each located form's records, then every rule that needs only this workbook."""
    parsed = {}
    for code, table in found.tables.items():
        parsed[code], findings = parse_table(table, config.limits)
        sub.findings += findings
        sub.forms.append(code)
    sub.findings += check_forms(parsed, period)
    return parsed


def _figures(sub: Submission, parsed: dict[str, ParsedForm]) -> dict[str, list]:
    """The unit's figures (附表5/7, 附表6) and row counts; returns the lists' records."""
    details = {}
    for code, form in parsed.items():
        if form.spec.kind is FormKind.STATISTICS:
            sub.statistics[code] = form.unit_figures(sub.unit)
        elif form.spec.kind is FormKind.CATEGORIES:
            sub.categories = form.unit_categories()
        else:
            sub.row_counts[code] = len(form.records)
            details[code] = form.records
    return details


def _report_extras(sub: Submission, workbook: Workbook, details: dict[str, list]) -> None:
    """What the reports take from a unit: 附表1 by party type, its 文字材料."""
    if "F1" in details:
        sub.party_counts = dict(Counter(party_type(r.party) for r in details["F1"]))
    sub.text = narrative_text(workbook)


def _spool(
    sub: Submission,
    workbook: Workbook,
    parsed: dict[str, ParsedForm],
    details: dict[str, list],
    spool_dir: Path,
) -> None:
    """Detail rows and the revision snapshot go to disk, not back through the pool: memory stays
    flat on big runs. Rows are spooled as the forms workbook prints them (tuples, not records:
    less to write and load); the snapshot traces a later resubmission."""
    from .write.forms_workbook import spool_rows  # xlsxwriter: only a consolidation spools

    for code, records in details.items():
        sub.detail_spools[code] = _dump(
            spool_rows(FORMS[code], records), spool_dir / f"{sub.sha256}-{code}.pickle"
        )
    sub.project_spool = _dump(listed_projects(parsed), spool_dir / f"{sub.sha256}-projects.pickle")
    snapshot = take_snapshot(workbook, sub.findings, parsed)
    sub.snapshot = snapshot.spooled(spool_dir / f"{sub.sha256}-snapshot.zlib")


def _dump(value: object, path: Path) -> Path:
    with open(path, "wb") as f:
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def _check_period(sub: Submission, found, period: Period, mark: TemplateMark | None) -> None:
    """IN004: a workbook made from another period's or an outdated template (``qstat template``),
    a title stating another period, or a 报送日期 before the period began."""
    if mark and (mark.period != period or mark.version < TEMPLATE_VERSION):
        why = (
            f"，与本次汇总期别{period.chinese()}不符"
            if mark.period != period
            else f"，该模板已过期（当前模板为第{TEMPLATE_VERSION}版）"
        )
        sub.findings.append(
            Finding(
                "IN004",
                f"本工作簿是用{mark.period.chinese()}的报表模板（第{mark.version}版）填写的{why}，"
                "请使用本期下发的模板重新填报",
                value=mark.text(),
            )
        )
        return
    for stated, sheet, cell, text in found.periods:
        if stated.year != period.year or not (stated.is_annual or period.is_annual or stated == period):
            sub.findings.append(
                Finding(
                    "IN004",
                    f"表中写明的期别“{text}”与本次汇总期别{period.chinese()}不符",
                    sheet=sheet,
                    cell=cell,
                    value=text,
                )
            )
            return
    early = min(found.report_dates, default=None)
    if early and early < period.start:
        sub.findings.append(
            Finding(
                "IN004",
                f"报送日期{early:%Y-%m-%d}早于{period.chinese()}开始日期，可能是其他期别的报表",
                value=f"{early}",
            )
        )


def _form_at(found, sheet: str | None, cell: str | None) -> str | None:
    """The form whose table covers a cell, if any."""
    row = int(re.sub(r"[A-Z]+", "", cell or "A0")) - 1
    return next(
        (
            code
            for code, t in found.tables.items()
            if t.sheet.name == sheet and t.anchor[0] <= row <= t.end_row
        ),
        None,
    )


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
