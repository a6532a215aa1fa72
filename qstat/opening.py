"""The front end every command shares for one file: read it, sniff it, locate its tables.

``consolidate``, ``check`` and ``scores`` all open a workbook here, under one error policy
(``guarded``): whatever a file does to the readers (a library exception, a Rust panic,
MemoryError, RecursionError) it becomes IN001 for that file, and the other files go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from .config import Config
from .findings import At, Emits, Finding
from .intake import ERRORS, IGNORED, OK, UNREADABLE, identify_unit
from .locate import Located, locate
from .model import Opened, carried
from .periods import Period, last_quarter_before
from .read import (
    FATAL,
    SPREADSHEET_EXTENSIONS,
    Unreadable,
    Workbook,
    detect_format,
    failure_message,
    read_file,
    read_workbook,
)

T = TypeVar("T")
EMITS = Emits("IN001", "IN002")


def guarded(file: str, step: Callable[[], T]) -> T | Finding:
    """``step()``, or IN001 for the file if anything goes wrong.

    Ctrl-C and exit requests (FATAL) pass through: they are the user's, not the file's.
    """
    try:
        return step()
    except FATAL:
        raise
    except BaseException as e:  # panics derive from BaseException: one file never stops the rest
        return EMITS.finding("IN001", At(file=file), reason=failure_message(e))


def open_file(
    path: Path, file: str, period: Period | None, config: Config, hashed: bool = False
) -> tuple[Opened, tuple[Workbook, Located] | None]:
    """Read and locate one file: what it is, and for a workbook to examine its sheets and tables.

    Its format, unit, 报送日期 and period (``period`` None: the one it states) are on the
    Opened; with ``hashed``, its content's hash too (a consolidation keys its spool, the history
    and a resubmission on it; `qstat check` and `qstat scores` need none). A file that is no
    spreadsheet is a unit's analysis report (status ``report``, qstat/unit_report.py) or
    anything else (IN002, ignored); one that cannot be read is IN001.
    """
    content = guarded(file, lambda: (path.stat().st_mtime, read_file(path, config.limits)))
    if isinstance(content, Finding):
        return _unreadable(Opened(file=file, path=path, period=period), content), None
    mtime, data = content
    known = Opened(file=file, path=path, period=period, mtime=mtime, sha256=_sha256(data) if hashed else None)
    fmt = guarded(file, lambda: detect_format(data))  # an encrypted workbook raises
    if isinstance(fmt, Finding):
        return _unreadable(known, fmt), None
    if fmt is None:
        return _not_a_spreadsheet(known, data, config), None
    known = replace(known, format=fmt)
    tables = guarded(file, lambda: _tables(path, fmt, data, config))
    if isinstance(tables, Finding):
        return _unreadable(known, tables), None
    workbook, found = tables
    unit, unknown = identify_unit(file, found.unit_text, found.unit_cell, config)
    opened = replace(
        known,
        unit=unit,
        unit_text=found.unit_text,
        unit_cell=found.unit_cell,
        report_date=max((d for d, _ in found.report_dates), default=None),
        period=period or period_of(found),
        findings=(unknown,) if unknown else (),
    )
    return opened, tables


def _sha256(data: bytes) -> str:
    import hashlib  # here: only a consolidation hashes (~4 ms to import, OpenSSL)

    return hashlib.sha256(data).hexdigest()


def _unreadable(known: Opened, failure: Finding) -> Opened:
    """The file as far as it was read, unreadable for ``failure`` (IN001)."""
    return replace(known, status=UNREADABLE, findings=(failure,))


def _tables(path: Path, fmt: str, data: bytes, config: Config) -> tuple[Workbook, Located]:
    workbook = read_workbook(path, fmt, data, config.limits)
    return workbook, locate(workbook)


def preload(paths: Iterable[Path]) -> None:
    """Load now what opening ``paths`` will load on first use: python-docx (~0.1 s) for a file
    whose name is no spreadsheet's, such as a unit's Word report. Readers forked after this
    inherit it instead of each loading it again."""
    if any(path.suffix.lower() not in SPREADSHEET_EXTENSIONS for path in paths):
        from .unit_report import open_report  # noqa: F401 (for python-docx)


def _not_a_spreadsheet(known: Opened, data: bytes, config: Config) -> Opened:
    """A unit's analysis report, a file a spreadsheet's name promised (IN001), or else IN002."""
    from .unit_report import open_report  # python-docx and the report's words: Word files only

    report = guarded(known.file, lambda: open_report(known, data, config))
    if isinstance(report, Finding):
        return _unreadable(known, report)
    if report is not None:
        return report
    if known.path.suffix.lower() in SPREADSHEET_EXTENSIONS:
        why = Unreadable("扩展名是电子表格，但内容不是可识别的Excel/WPS/ODS文件（可能已损坏或被截断）")
        return _unreadable(known, EMITS.finding("IN001", At(file=known.file), reason=failure_message(why)))
    suffix = known.path.suffix or "无扩展名"
    ignored = EMITS.finding("IN002", None, "not_spreadsheet", suffix=suffix)
    return replace(known, status=IGNORED, findings=(ignored,))


def closing(
    opened: Opened, findings: Sequence[Finding] | None = None, failure: Finding | None = None, **found: Any
) -> dict[str, Any]:
    """An examined file's fields carried over from its opening, ``found`` added: every finding
    (``findings``, default the opening's), each naming the file and unit, and its status
    (unreadable when a step failed with ``failure``, IN001; else by its errors)."""
    every = [*(opened.findings if findings is None else findings), *([failure] if failure else [])]
    named = tuple(replace(f, file=opened.file, unit=f.unit or opened.unit) for f in every)
    status = opened.status
    if failure is not None:
        status = UNREADABLE
    elif status == OK:
        status = ERRORS if any(f.is_error for f in named) else OK
    return carried(opened, status=status, findings=named, **found)


def period_of(found: Located, today: date | None = None) -> Period:
    """The period a workbook is for, when the clerk does not say: the one a title states,
    else the quarter that ended before its 报送日期, else the quarter that ended last."""
    if found.periods:
        return found.periods[0][0]
    stated = max((d for d, _ in found.report_dates), default=None)
    return last_quarter_before(stated or today or date.today())
