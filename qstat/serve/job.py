"""The job: the period's consolidation and report, run from the page one at a time.

The consolidation is ``qstat.consolidate`` with its ``on_progress``; the report is
``qstat.write.report.build_report``. A second request while one runs is told so (JobBusy), never
queued: a clerk clicking twice must not start the job twice.
"""

from __future__ import annotations

import io
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .. import consolidate  # the package face, as a user of the library would
from ..history import HistoryError
from ..periods import Period
from ..write import OutputError
from ..write.returns import RETURNS_FOLDER, ReviewTemplateError
from .desk import Desk

NARRATIVE = "文字材料.md"  # the clerk's narrative, kept in the output folder between visits
RETURNS_ZIP = f"{RETURNS_FOLDER}.zip"  # served from memory: every 退回 file in one download


class JobBusy(Exception):
    """A consolidation or report is already running."""


class JobFailed(Exception):
    """The job could not run; the message says why in Chinese, the previous outputs stand."""


@dataclass
class Progress:
    running: bool = False
    done: int = 0
    total: int = 0
    file: str = ""

    def to_json(self) -> dict:
        return {"running": self.running, "done": self.done, "total": self.total, "file": self.file}


class Job:
    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.progress = Progress()
        self._running = threading.Lock()

    def consolidate(self) -> dict:
        """Run the consolidation; summary.json's content. JobBusy, JobFailed."""
        s = self.desk.settings
        if not self._running.acquire(blocking=False):
            raise JobBusy("汇总正在进行，请等待完成")
        try:
            self.progress = Progress(running=True)
            result = consolidate(s.inbox, s.period, s.config, out=s.out, db=s.db, on_progress=self._step)
        except (HistoryError, OutputError, ReviewTemplateError, NotADirectoryError) as e:
            raise JobFailed(str(e)) from e
        finally:
            self.progress.running = False
            self._running.release()
        self.desk.forget()  # the history changed: the cross-period rules may say otherwise now
        return result.summary()

    def _step(self, done: int, total: int, file: str) -> None:
        self.progress = Progress(True, done, total, file)

    def report(self, texts: dict[int, str], fmt: str, public: Period | None = None):
        """Save the page's sections as the narrative file beside the outputs and render the
        report; a ReportResult. With ``public`` (a half-year or year) the public report of that
        period instead, a PublicResult."""
        from ..write.report import ReportError, build_report, write_narrative  # docxtpl loads only here
        from ..write.report.public import build_public

        s = self.desk.settings
        if not self._running.acquire(blocking=False):
            raise JobBusy("汇总或报告正在生成，请等待完成")
        try:
            path = write_narrative(s.out / NARRATIVE, s.period, s.config.name, texts)
            if public:
                return build_public(public, s.db, s.out, narrative=path, config=s.config)
            return build_report(s.period, s.db, s.out, narrative=path, fmt=fmt, config=s.config)
        except (ReportError, OSError) as e:
            raise JobFailed(str(e)) from e
        finally:
            self._running.release()

    def sections(self) -> list[dict]:
        """The narrative editor's boxes: the clerk's saved text, else the units' material."""
        from ..write.report import ReportError, editor_sections

        s = self.desk.settings
        try:
            return editor_sections(s.period, s.db, s.out / NARRATIVE)
        except ReportError as e:
            raise JobFailed(str(e)) from e


def outputs(out: Path) -> list[str]:
    """The files of the output folder (退回/ ones included), as paths relative to it."""
    if not out.is_dir():
        return []
    files = [p for p in out.rglob("*") if p.is_file()]
    names = [p.relative_to(out).as_posix() for p in files]
    return sorted(
        (n for n in names if not n.startswith(".") and "/." not in n),
        key=lambda n: (n.startswith(RETURNS_FOLDER + "/"), n),
    )


def output_path(out: Path, name: str) -> Path | None:
    """The output ``name`` names, if it is a file inside the output folder (no ``..``, no
    absolute path, no link out of it)."""
    root = out.resolve()
    path = (root / name).resolve()
    if not path.is_relative_to(root) or path == root or not path.is_file():
        return None
    if any(part.startswith(".") for part in path.relative_to(root).parts):
        return None  # the atomic writer's work folders and lock
    return path


def returns_zip(out: Path) -> bytes | None:
    """Every file of 退回/ in one zip, made in memory; None when there is none."""
    folder = out / RETURNS_FOLDER
    files = sorted(p for p in folder.glob("*") if p.is_file()) if folder.is_dir() else []
    if not files:
        return None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for p in files:
            z.write(p, f"{RETURNS_FOLDER}/{p.name}")
    return buffer.getvalue()
