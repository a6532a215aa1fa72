"""`qstat check`: a county validates its own workbook before sending it.

The same rules as the consolidation, minus those that need the other units; the cross-period
rules run when a history database is given. The period is the one the workbook states in a
title, else the quarter that ended before its 报送日期, else the quarter that ended last.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .config import Config
from .examine import examine
from .findings import Finding
from .intake import IGNORED, Submission, ignore_reason
from .locate import locate
from .periods import Period
from .read import Unreadable, detect_format, read_workbook


def check(paths: list[str | Path], period: str | Period | None = None,
          config: Config | str | Path | None = None,
          db: str | Path | None = None) -> list[tuple[Submission, Period | None]]:
    """Each file examined on its own, with the period it was checked against.

    Lock and temporary files are listed as ignored (IN002), with no period.
    """
    if not isinstance(config, Config):
        config = Config.load(config) if config else Config()
    results = []
    for path in map(Path, paths):
        reason = ignore_reason(path, path.parent)
        if reason:
            results.append((Submission(path.name, path, status=IGNORED, findings=[
                Finding("IN002", f"{reason}，已忽略", file=path.name)]), None))
            continue
        checked = period if isinstance(period, Period) else (
            Period.parse(period) if period else infer_period(path))
        sub = examine(path, path.name, checked, config, db=Path(db) if db else None)
        results.append((sub, checked))
    return results


def infer_period(path: Path, today: date | None = None) -> Period:
    """The period a workbook is for, when the clerk does not say."""
    try:
        data = path.read_bytes()
        fmt = detect_format(data)
        if fmt:
            found = locate(read_workbook(path, fmt, data))
            if found.periods:
                return found.periods[0][0]
            if found.report_dates:
                return last_quarter_before(max(found.report_dates))
    except (Unreadable, OSError):
        pass  # examine reports the file as unreadable
    return last_quarter_before(today or date.today())


def last_quarter_before(day: date) -> Period:
    """The last quarter that ended before ``day``: reports are sent after the quarter ends."""
    quarter = (day.month - 1) // 3  # quarters fully before day's quarter, this year
    return Period(day.year, quarter) if quarter else Period(day.year - 1, 4)

