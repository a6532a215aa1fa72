"""The quarterly (or annual) job: an inbox of workbooks in, the consolidated forms out.

intake → read → locate → parse → validate (per file, in worker processes) → consolidate →
write (forms workbook, findings workbook, summary.json, ranking, 退回/: swapped in as one set)
→ history database (one transaction, after the outputs). Each file is examined (model.Examined),
then decided (decided.Decided: used or superseded, included, and, for a workbook that replaces
another version of the unit's in the inbox or in the history, its revision, revision.py).
"""

from __future__ import annotations

import os
import tempfile
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

from .archive import is_archive, unpack
from .config import Config
from .decided import Decided
from .examine import examine, examine_in_workers
from .findings import At, Emits, Finding
from .forms.statistics import sum_categories, sum_rows
from .history import reading, record_period, require_history
from .intake import (
    ERRORS,
    IGNORED,
    OK,
    UNREADABLE,
    decide,
    discover,
    ignore_reason,
    resolve_duplicates,
    unit_from_file_name,
)
from .model import Examined
from .periods import Period
from .result import Result
from .revision import revisions
from .scores import rank_submissions, write_ranking_workbook
from .write import atomic_outputs, write_findings_workbook
from .write.forms_workbook import FormsWorkbook
from .write.returns import RETURNS_FOLDER, write_returns
from .write.safe import safe_name
from .write.summary import write_summary

Progress = Callable[[int, int, str], None]
EMITS = Emits("IN002", "IN008", "IN013")


def consolidate(
    inbox: str | Path,
    period: str | Period,
    config: Config | str | Path | None = None,
    out: str | Path | None = None,
    db: str | Path | None = "qstat.sqlite",
    strict: bool = False,
    workers: int | None = None,
    on_progress: Progress | None = None,
    today: date | None = None,
) -> Result:
    """Consolidate every workbook under ``inbox`` for ``period`` and write the outputs.

    ``config`` is a Config or the path of a qstat.toml; ``db=None`` skips the history.
    ``strict`` leaves submissions with errors out of the totals. A ``db`` that cannot be
    written (its folder missing, not a SQLite file) is a HistoryError before any work.
    ``today`` dates the outputs (报送日期 of the forms, 成文日期 of the letters); default the
    machine's date.
    """
    inbox = Path(inbox)
    period = Period.reported(str(period))
    if not isinstance(config, Config):
        config = Config.load(config) if config else Config()
    out = Path(out) if out else Path("out") / str(period)
    if not inbox.is_dir():
        raise NotADirectoryError(f"收件目录不存在：{inbox}")
    if db:
        require_history(Path(db), exists=False)

    today = today or date.today()
    base = f"{safe_name(config.name, '汇总')}_{period}"
    names = {
        "forms": f"{base}_汇总表.xlsx",
        "findings": f"{base}_审核问题清单.xlsx",
        "summary": "summary.json",
    }
    ranking = f"{base}_考核评分排名.xlsx"
    # The whole set is replaced: a ranking or letters of the previous run not made again go.
    replaces = [*names.values(), ranking, RETURNS_FOLDER, UNRECORDED]
    history = Path(db) if db else None
    with tempfile.TemporaryDirectory(prefix="qstat-spool-") as spool:
        with (
            atomic_outputs(out, replaces=replaces) as staged,
            FormsWorkbook(staged(names["forms"]), period, config, today) as forms,
        ):
            with reading(history):  # the reads of this process share one connection
                lists = _ListsAsRead(forms, config, strict)
                examined = _intake(inbox, period, config, Path(spool), history, workers, on_progress, lists)
                duplicates = resolve_duplicates(examined)
                revised = revisions(examined, duplicates, str(period), history)
                decided = [decide(s, duplicates, config, strict, revised.get(s.file)) for s in examined]
                result = _consolidate(decided, period, config)
            result = replace(result, findings=[*interruptions(out, staged.recovered), *result.findings])
            if db:  # in the set until the history has it too: a kill in between is seen next run
                staged(UNRECORDED).write_text(str(period), encoding="utf-8")
            forms.close(result)
            write_findings_workbook(staged(names["findings"]), result)
            write_summary(staged(names["summary"]), result)
            if result.scores:
                names["scores"] = ranking
                write_ranking_workbook(
                    staged(names["scores"]), result.scores, config.signature, period.chinese(), today
                )
            names |= write_returns(staged, result, identity=config.office, today=today)
        result = replace(result, outputs={k: out / name for k, name in names.items()})
        if db:  # while the spool files it reads the lists' records from are there
            record_period(Path(db), result)
            (out / UNRECORDED).unlink(missing_ok=True)
    return result


UNRECORDED = ".qstat-unrecorded"  # among the outputs while their period is not yet in the history


def interruptions(out: Path, recovered: bool) -> list[Finding]:
    """IN013 for a previous run cut short: during its outputs' commit (the set before it was put
    back), or between its outputs and its history (this run records the period again)."""
    notes = []
    if recovered:
        notes.append(EMITS.finding("IN013", None, "outputs"))
    if (out / UNRECORDED).is_file():
        period = (out / UNRECORDED).read_text(encoding="utf-8", errors="replace")[:20]
        notes.append(EMITS.finding("IN013", period=period))
    return notes


def _intake(
    inbox: Path,
    period: Period,
    config: Config,
    spool: Path,
    db: Path | None,
    workers: int | None,
    on_progress: Progress | None,
    lists: _ListsAsRead,
) -> list[Examined]:
    subs: list[Examined] = []
    todo: list[tuple[Path, str]] = []
    for path in discover(inbox):
        file = str(path.relative_to(inbox))
        reason = ignore_reason(path, inbox)
        if reason:
            ignored = EMITS.finding("IN002", At(file=file), reason=reason)
            subs.append(Examined(file=file, path=path, status=IGNORED, findings=(ignored,)))
        elif is_archive(path):  # its members are submissions of their own, read from the spool
            unpacked = unpack(path, file, config.limits, spool / f"archive-{len(subs) + len(todo)}")
            subs += unpacked.settled
            todo += unpacked.members
        else:
            todo.append((path, file))
    todo.sort(key=lambda t: _named_position(t[1], config))  # in the forms' unit order (_ListsAsRead)
    args = [(path, file, period, config, spool, db) for path, file in todo]
    if workers == 1:  # asked for: everything in this process (tests, debugging)
        results: Iterable[Examined] = (examine(*a) for a in args)
    else:  # a file that kills its reader process costs only that file
        workers = min(workers or os.cpu_count() or 1, 2 * (os.cpu_count() or 1), len(todo) or 1)
        results = examine_in_workers(args, workers, writing=True)  # the forms' lists, as read
    lists.expect([file for _, file in todo])
    for i, sub in enumerate(results, 1):
        subs.append(sub)
        if on_progress:
            on_progress(i, len(todo), todo[i - 1][1])
        lists.read(subs, i)
    return sorted(subs, key=lambda s: s.file)


def _named_position(file: str, config: Config) -> int:
    """The place in config.units of the unit a file's name gives; -1 for none."""
    unit = unit_from_file_name(file, config)
    return config.units.index(unit) if unit in config.units else -1


class _ListsAsRead:
    """Writes each unit's lists into the forms while the other files are still being read.

    The files are read in the order of the unit their name gives (config.units order; a name
    that gives none first), so the unit in place i is settled once every file named for it or
    for a unit before it has been read: its workbook in the totals is then the one the whole
    inbox will choose, unless a file's 填表单位 names a unit other than its file name
    (FormsWorkbook.close notices that and writes the workbook again).
    """

    def __init__(self, forms: FormsWorkbook, config: Config, strict: bool) -> None:
        self.forms, self.config, self.strict = forms, config, strict
        self.settled_by: list[int] = []  # for each unit, how many files read settle it

    def expect(self, files: list[str]) -> None:
        """The files to read, in the order they are read."""
        positions = [_named_position(file, self.config) for file in files]
        self.settled_by = [bisect_right(positions, i) for i in range(len(self.config.units))]

    def read(self, subs: list[Examined], count: int) -> None:
        """``subs``: every file settled so far, ``count`` of them read."""
        duplicates = None
        written = self.forms.units
        while len(written) < len(self.settled_by) and self.settled_by[len(written)] <= count:
            unit = self.config.units[len(written)]
            duplicates = duplicates if duplicates is not None else resolve_duplicates(subs)
            used = (decide(s, duplicates, self.config, self.strict) for s in subs if s.unit == unit)
            self.forms.add_unit(unit, next((d for d in used if d.included), None))


def _consolidate(subs: list[Decided], period: Period, config: Config) -> Result:
    chosen = {s.unit: s for s in subs if s.unit and s.status in (OK, ERRORS)}
    missing = [u for u in config.units if u not in chosen]
    unreadable = {s.unit for s in subs if s.status == UNREADABLE}  # sent, and IN001 says why
    units = list(config.units) + sorted(u for u in chosen if u not in config.units)
    findings = [f for s in subs for f in s.findings]
    findings += [EMITS.finding("IN008", At(unit=u), unit=u) for u in missing if u not in unreadable]
    findings.sort(
        key=lambda f: (
            units.index(f.unit) if f.unit in units else len(units),
            f.severity.rank,
            f.file or "",
        )
    )
    form = period.statistics_form
    included = [chosen[u] for u in units if u in chosen and chosen[u].included]
    statistics = {
        u: (chosen[u].statistics.get(form) if u in chosen and chosen[u].included else None) for u in units
    }
    total = sum_rows([s for s in statistics.values() if s is not None], "合计")
    categories = sum_categories(row for s in included for row in s.categories.values())
    return Result(
        period,
        config.name,
        subs,
        missing,
        findings,
        units,
        statistics,
        total,
        categories,
        rank_submissions(subs, units),
    )
