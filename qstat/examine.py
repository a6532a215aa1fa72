"""One file, start to finish: read → locate → parse → validate → the unit's figures.

Runs in a worker process, so it takes and returns plain picklable values (model.Examined),
never raises for a bad file (the file gets a finding and a status), and writes the records it
found (F1-F4, which can be thousands) to spool files instead of sending them back through
memory, in the shapes the writer and the history take (qstat/listed.py).
"""

from __future__ import annotations

import faulthandler
import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config
from .findings import At, Emits, Finding
from .forked import ChildDied, Forked
from .forms import FORMS
from .forms.f1_bad_behaviour import party_type
from .forms.statistics import CategoryRow, StatisticsRow
from .intake import UNREADABLE
from .locate import NARRATIVE_SHEET, Located
from .model import Examined, ListSpools, Opened, Snapshot
from .opening import closing, guarded, open_file, preload
from .parse import ParsedForm, parse_table
from .periods import Period
from .read import Workbook
from .scores.sheet import read_score_sheet
from .validate import apply_explanations, check_forms, read_explanations
from .validate.details import DETAIL_RULES

if TYPE_CHECKING:
    from .past import Past

EMITS = Emits("IN001", "IN004", "IN006")


def examine(
    path: Path,
    file: str,
    period: Period | None,
    config: Config,
    spool_dir: Path | None = None,
    db: Path | None = None,
) -> Examined:
    """Everything one workbook says, with its findings.

    ``period`` None: the one the workbook states (``opening.period_of``), kept in ``period``.
    With ``db`` (the history database) the cross-period rules run too. Whatever the file
    does to the readers (exceptions, Rust panics, MemoryError) it is IN001, never a raise;
    the findings made before it stay.
    """
    opened, tables = open_file(path, file, period, config, hashed=spool_dir is not None)
    if tables is None:
        return Examined(**closing(opened))
    findings = list(opened.findings)  # each step adds to them; kept when a step fails
    done = guarded(file, lambda: _examine(opened, *tables, findings, config, spool_dir, db))
    if isinstance(done, Finding):  # IN001
        return Examined(**closing(opened, findings, failure=done))
    return done


SMALL_JOB = 4  # files: up to this many, each is read in a forked child of its own, no pool


def examine_in_workers(args: list[tuple], workers: int, writing: bool = False) -> Iterator[Examined]:
    """``examine(*a)`` for each ``a`` of ``args``, in worker processes, in order.

    ``writing``: this process writes while they read (a consolidation writes the forms' lists as
    the files come in), so the workers run at a lower priority: the writer keeps a core of its
    own, and with nothing to write the workers still have every core.

    A handful of files (``SMALL_JOB``) are each read in a child forked for it: no pool to start
    and shut down, and a file that kills its reader still costs only itself.

    examine never raises, but a worker can still die (a native abort, the OOM killer), which
    breaks the whole pool. Then the file it was reading is one of the next ``workers + 1``
    without a result (files are handed out in order): those are examined again one by one,
    each in a worker of its own, and the rest in a fresh pool.
    """
    if len(args) <= SMALL_JOB and hasattr(os, "fork"):
        preload(a[0] for a in args)
        yield from (_forked(a) for a in args)
        return
    import multiprocessing  # here, as the pool: `qstat check` forks
    from concurrent.futures import ProcessPoolExecutor  # here: `qstat check` forks (~0.05 s to import)
    from concurrent.futures.process import BrokenProcessPool

    if multiprocessing.get_start_method() == "fork":  # the workers start as copies of this process
        preload(a[0] for a in args)

    start = 0
    while start < len(args):
        broken = None
        start_worker = _start_reader if writing else _start_worker
        with ProcessPoolExecutor(max_workers=workers, initializer=start_worker) as pool:
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


def _forked(args: tuple) -> Examined:
    """One file in a forked child; if it dies, the file is IN001."""
    try:
        return Forked(_examine_args, args).result()
    except ChildDied:
        return _died(args)


def _start_worker() -> None:
    """A reader may die of a native abort (calamine): that file is IN001, so the traceback dump
    faulthandler prints where it is on (pytest, -X faulthandler) would only read as a crash.
    The worker's reads of the history share one connection."""
    from .history import keep_readers  # here: a forked `qstat check` child never loads the history

    faulthandler.disable()
    keep_readers()


def _start_reader() -> None:
    """A worker reading beside a writer (examine_in_workers): it yields the CPU to the writer
    (where the system lets a process lower its priority; not on Windows)."""
    _start_worker()
    if hasattr(os, "nice"):
        os.nice(READER_NICENESS)


READER_NICENESS = 5


def _alone(args: tuple) -> Examined:
    """One file in a worker of its own: if that worker dies, the file is IN001."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=1, initializer=_start_worker) as pool:
        try:
            return pool.submit(_examine_args, args).result()
        except BrokenProcessPool:
            return _died(args)


def _died(args: tuple) -> Examined:
    """IN001 for a file whose reader process died."""
    path, file = args[0], args[1]
    died = EMITS.finding("IN001", At(file=file), "died")
    return Examined(file=file, path=path, status=UNREADABLE, findings=(died,))


def _examine_args(args: tuple) -> Examined:
    return examine(*args)


def _examine(
    opened: Opened,
    workbook: Workbook,
    found: Located,
    findings: list[Finding],
    config: Config,
    spool_dir: Path | None,
    db: Path | None,
) -> Examined:
    """The stages after the front end, in order; each adds to ``findings``."""
    period = opened.period
    assert period is not None  # open_file sets it
    _check_intake(findings, workbook, found, period)
    score, scored = read_score_sheet(workbook, found.score_sheets)
    findings += scored
    parsed = _parse_and_validate(findings, found, period, config)
    statistics, categories, lists = _figures(opened.unit, parsed)
    if db is not None and opened.unit:
        from .history import load_past  # here: `qstat check` without --db needs no history

        past = load_past(db, opened.unit, period)
        _check_against_history(findings, parsed, statistics, categories, config, past)
    apply_explanations(findings, read_explanations(workbook))
    spools: dict[str, ListSpools] = {}
    snapshot = None
    if spool_dir is not None and opened.sha256:  # a consolidation (the file hashed), not a check
        spools, snapshot = _spool(opened.sha256, workbook, parsed, lists, findings, spool_dir)
    return Examined(
        **closing(opened, findings, text=narrative_text(workbook)),
        forms=tuple(parsed),
        row_counts={code: len(form.records) for code, form in lists.items()},
        statistics=statistics,
        categories=categories,
        party_counts=dict(Counter(party_type(r.party) for r in lists["F1"].records)) if "F1" in lists else {},
        score=score,
        record_spools=spools,
        snapshot=snapshot,
    )


def _check_against_history(
    findings: list[Finding],
    parsed: dict[str, ParsedForm],
    statistics: dict[str, StatisticsRow],
    categories: dict[str, CategoryRow],
    config: Config,
    past: Past,
) -> None:
    """接转 and 附表7 against earlier periods; the unit's lists and figures against its own past
    (loaded once, for all of these rules)."""
    from .validate import check_earlier_periods, check_own_history

    figures = parsed.get(past.period.statistics_form)
    if figures is not None:
        place = (figures.sheet, figures.figure_row(), figures.columns)
        findings += check_earlier_periods(statistics[figures.spec.code], place, past)
    findings += check_own_history(parsed, statistics.get("F5"), categories, past, config.anomalies)


def _check_intake(findings: list[Finding], workbook: Workbook, found: Located, period: Period) -> None:
    """What reading found (recomputed formulas, far cells), the period, the missing forms."""
    if workbook.findings:  # recomputed formulas, far cells: name the form they belong to
        from .formula import group_recomputed  # here: most workbooks have no reading findings

        for finding in workbook.findings:
            finding.form = _form_at(found, finding.sheet, finding.cell)
        findings += group_recomputed(workbook.findings)
    findings += found.findings
    _check_period(findings, found, period, workbook.template_mark)
    for code in period.submitted_forms:
        if code not in found.tables:
            findings.append(
                EMITS.finding(
                    "IN006", At(form=code), sheet_name=FORMS[code].sheet_name, title=FORMS[code].title
                )
            )


_EMPTY_FIELD = {rules.required for rules in DETAIL_RULES.values()}  # F1-001 … F4-008: 未填写


def _parse_and_validate(
    findings: list[Finding], found: Located, period: Period, config: Config
) -> dict[str, ParsedForm]:
    """Each located form's records, then every rule that needs only this workbook."""
    parsed = {}
    for code, table in found.tables.items():
        parsed[code], problems = parse_table(table, config.limits)
        findings += problems
    # A must-fill cell already found unreadable (ST002/ST005) is not also reported as empty.
    unreadable = {(f.sheet, f.cell) for f in findings if f.rule in ("ST002", "ST005")}
    findings += [
        f
        for f in check_forms(parsed, period)
        if f.rule not in _EMPTY_FIELD or (f.sheet, f.cell) not in unreadable
    ]
    return parsed


def _figures(
    unit: str | None, parsed: dict[str, ParsedForm]
) -> tuple[dict[str, StatisticsRow], dict[str, CategoryRow], dict[str, ParsedForm]]:
    """The unit's figures (附表5/7), its categories (附表6), and its lists (附表1-4)."""
    statistics, categories, lists = {}, {}, {}
    for code, form in parsed.items():
        if form.spec.unit_rows:
            statistics[code] = form.unit_figures(unit)
        elif form.spec.category_rows:
            categories = form.unit_categories()
        else:
            lists[code] = form
    return statistics, categories, lists


def _spool(
    sha256: str,
    workbook: Workbook,
    parsed: dict[str, ParsedForm],
    lists: dict[str, ParsedForm],
    findings: list[Finding],
    spool_dir: Path,
) -> tuple[dict[str, ListSpools], Snapshot]:
    """The lists' rows and the revision snapshot go to disk, not back through the pool: memory
    stays flat on big runs. The rows are spooled as the forms workbook prints them and as the
    history keeps them (qstat/listed.py); the snapshot traces a later resubmission."""
    from .listed import spool  # here, as take_snapshot: `qstat check` spools nothing
    from .revision import take_snapshot

    spools = {code: spool(form, spool_dir, f"{sha256}-{code}") for code, form in lists.items()}
    snapshot = take_snapshot(workbook, findings, parsed)
    return spools, snapshot.spooled(spool_dir / f"{sha256}-snapshot.zlib")


def _check_period(findings: list[Finding], found, period: Period, mark_text: str | None) -> None:
    """IN004: a workbook made from another period's or an outdated template (``qstat template``),
    a title stating another period, or a 报送日期 before the period began."""
    if mark_text is not None:
        from .template_mark import TEMPLATE_VERSION, TemplateMark  # here: few workbooks carry a mark

        mark = TemplateMark.parse(mark_text)
        if mark and (mark.period != period or mark.version < TEMPLATE_VERSION):
            at, used = (
                At(value=mark.text()),
                {"template_period": mark.period.chinese(), "version": mark.version},
            )
            findings.append(
                EMITS.finding("IN004", at, "template_period", period=period.chinese(), **used)
                if mark.period != period
                else EMITS.finding("IN004", at, "template_version", current=TEMPLATE_VERSION, **used)
            )
            return
    for stated, sheet, cell, text in found.periods:
        if stated.year != period.year or not (stated.is_annual or period.is_annual or stated == period):
            findings.append(
                EMITS.finding(
                    "IN004", At(sheet=sheet, cell=cell, value=text), text=text, period=period.chinese()
                )
            )
            return
    early = min((d for d, _ in found.report_dates), default=None)
    if early and early < period.start:
        findings.append(
            EMITS.finding(
                "IN004",
                At(value=f"{early}"),
                "early",
                date=f"{early:%Y-%m-%d}",
                period=period.chinese(),
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
