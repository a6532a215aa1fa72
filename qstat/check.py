"""`qstat check`: a county validates its own workbook before sending it.

The same rules as the consolidation, minus those that need the other units; the cross-period
rules run when a history database is given. The period is the one the workbook states in a
title, else the quarter that ended before its 报送日期, else the quarter that ended last; the
file is read once for both.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .config import Config
from .examine import examine_in_workers
from .findings import Finding
from .intake import IGNORED, Submission, ignore_reason
from .periods import Period


def check(
    paths: Sequence[str | Path],
    period: str | Period | None = None,
    config: Config | str | Path | None = None,
    db: str | Path | None = None,
) -> list[tuple[Submission, Period | None]]:
    """Each file examined on its own, with the period it was checked against.

    Lock and temporary files are listed as ignored (IN002), with no period; so are files that
    cannot be read (IN001) when no period is given.
    """
    if not isinstance(config, Config):
        config = Config.load(config) if config else Config()
    if isinstance(period, str):
        period = Period.reported(period)
    files = [Path(p) for p in paths]
    todo = [
        (p, p.name, period, config, None, Path(db) if db else None)
        for p in files
        if not ignore_reason(p, p.parent)
    ]
    examined = iter(examine_in_workers(todo, 1))  # a file that kills its reader costs only itself
    results: list[tuple[Submission, Period | None]] = []
    for path in files:
        reason = ignore_reason(path, path.parent)
        if reason:
            results.append(
                (
                    Submission(
                        path.name,
                        path,
                        status=IGNORED,
                        findings=[Finding("IN002", f"{reason}，已忽略", file=path.name)],
                    ),
                    None,
                )
            )
        else:
            sub = next(examined)
            results.append((sub, sub.period))
    return results
