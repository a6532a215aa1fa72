"""Outputs: the consolidated forms workbook, the findings workbook, summary.json.

Every output is first written under a temporary name in the output folder and renamed into
place only when all of them are complete, so an interrupted run leaves the previous outputs
intact.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .findings_workbook import write_findings_workbook
from .forms_workbook import write_forms_workbook

__all__ = ["atomic_outputs", "write_findings_workbook", "write_forms_workbook"]


@contextmanager
def atomic_outputs(out: Path) -> Iterator[Callable[[str], Path]]:
    """Yield ``stage(name)`` giving a temporary path; rename all into place on success."""
    out.mkdir(parents=True, exist_ok=True)
    staged: dict[Path, Path] = {}
    made: list[Path] = []  # subfolders created for names like 退回/叶县_审核意见.docx

    def stage(name: str) -> Path:
        final = out / name
        if not final.parent.is_dir():
            final.parent.mkdir(parents=True)
            made.append(final.parent)
        tmp = final.parent / f".~qstat-{os.getpid()}-{final.name}"
        staged[tmp] = final
        return tmp

    try:
        yield stage
    except BaseException:
        for tmp in staged:
            tmp.unlink(missing_ok=True)
        for folder in reversed(made):
            folder.rmdir()
        raise
    for tmp, final in staged.items():
        os.replace(tmp, final)
