"""The front end every command shares for one file: read it, sniff it, locate its tables.

``consolidate``, ``check`` and ``scores`` all open a workbook here, under one error policy
(``guarded``): whatever a file does to the readers (a library exception, a Rust panic,
MemoryError, RecursionError) it becomes IN001 for that file, and the other files go on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from .config import Config
from .findings import At, Emits
from .intake import ERRORS, IGNORED, OK, REPORT, UNREADABLE, Submission, identify_unit
from .locate import Located, locate
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


def guarded(sub: Submission, step: Callable[[], T]) -> T | None:
    """``step()``, or None with the file marked unreadable (IN001) if anything goes wrong.

    Ctrl-C and exit requests (FATAL) pass through: they are the user's, not the file's.
    """
    if sub.status in (UNREADABLE, IGNORED, REPORT):
        return None
    try:
        return step()
    except FATAL:
        raise
    except BaseException as e:  # panics derive from BaseException: one file never stops the rest
        sub.status = UNREADABLE
        sub.findings.append(EMITS.finding("IN001", At(file=sub.file), reason=failure_message(e)))
        return None


def open_submission(sub: Submission, config: Config) -> tuple[Workbook, Located] | None:
    """Read and locate one file; its hash, format, unit, 报送日期 and period on ``sub``.

    None when the file is no spreadsheet: a unit's analysis report (status ``report``,
    qstat/unit_report.py) or anything else (IN002, ignored). Raises for a file that cannot be
    read: call it through ``guarded``.
    """
    sub.mtime = sub.path.stat().st_mtime
    data = read_file(sub.path, config.limits)
    sub.sha256 = hashlib.sha256(data).hexdigest()
    sub.format = detect_format(data)
    if sub.format is None:
        from .unit_report import open_report  # python-docx and the report's words: Word files only

        if open_report(sub, data, config):
            return None
        if sub.path.suffix.lower() in SPREADSHEET_EXTENSIONS:
            raise Unreadable("扩展名是电子表格，但内容不是可识别的Excel/WPS/ODS文件（可能已损坏或被截断）")
        sub.status = IGNORED
        suffix = sub.path.suffix or "无扩展名"
        sub.findings.append(EMITS.finding("IN002", None, "not_spreadsheet", suffix=suffix))
        return None
    workbook = read_workbook(sub.path, sub.format, data, config.limits)
    found = locate(workbook)
    sub.unit_text, sub.unit_cell = found.unit_text, found.unit_cell
    sub.report_date = max(found.report_dates, default=None)
    sub.period = sub.period or period_of(found)
    identify_unit(sub, config)
    return workbook, found


def finish(sub: Submission) -> Submission:
    """Every finding names the file and unit; the status follows the errors."""
    for f in sub.findings:
        f.file, f.unit = sub.file, f.unit or sub.unit
    if sub.status not in (UNREADABLE, IGNORED, REPORT):
        sub.status = ERRORS if sub.errors else OK
    return sub


def period_of(found: Located, today: date | None = None) -> Period:
    """The period a workbook is for, when the clerk does not say: the one a title states,
    else the quarter that ended before its 报送日期, else the quarter that ended last."""
    if found.periods:
        return found.periods[0][0]
    return last_quarter_before(max(found.report_dates, default=None) or today or date.today())
