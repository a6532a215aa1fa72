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
from .examine import examine, examine_in_workers
from .findings import At, Emits
from .intake import IGNORED, ignore_reason, named_by_file
from .model import Examined
from .periods import Period

EMITS = Emits("IN002")


def check(
    paths: Sequence[str | Path],
    period: str | Period | None = None,
    config: Config | str | Path | None = None,
    db: str | Path | None = None,
    isolated: bool = True,
) -> list[tuple[Examined, Period | None]]:
    """Each file examined on its own, with the period it was checked against.

    Lock and temporary files are listed as ignored (IN002), with no period; so are files that
    cannot be read (IN001) when no period is given. A file that cannot be read is its name's unit.

    ``isolated``: each file is read in a process of its own, so that a file that kills its reader
    (a native crash, the OOM killer) costs only itself. False reads them all in this process: for
    a caller that is such a process already and checks again, isolated, if it dies (cli._check).
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
    examined = iter(examine_in_workers(todo, 1) if isolated else (examine(*a) for a in todo))
    results: list[tuple[Examined, Period | None]] = []
    for path in files:
        reason = ignore_reason(path, path.parent)
        if reason:
            ignored = EMITS.finding("IN002", At(file=path.name), reason=reason)
            results.append((Examined(file=path.name, path=path, status=IGNORED, findings=(ignored,)), None))
        else:
            sub = next(examined)
            sub = named_by_file(sub, config)  # as a consolidation names it
            results.append((sub, sub.period))
    return results
