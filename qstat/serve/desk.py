"""The period's desk: the inbox as the clerk's page shows it, and uploads into it.

Every file of the inbox is checked once with ``qstat.check.check`` (again when it changes);
the roster then resolves duplicates as the consolidation does (``resolve_duplicates``) on
copies, so a check stays as the file gave it. Nothing here speaks HTTP.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import tempfile
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..check import check
from ..config import Config
from ..decided import Decided
from ..findings import At, Emits
from ..intake import (
    ERRORS,
    IGNORED,
    OK,
    REPORT,
    REPORT_MISSING,
    SUPERSEDED,
    UNREADABLE,
    decide,
    discover,
    report_states,
    resolve_duplicates,
)
from ..model import Examined
from ..periods import Period
from ..write.safe import safe_name

EMITS = Emits("IN010")
UPLOAD_LIMIT = 50 * 1024 * 1024  # bytes: a workbook of the forms is well under 1 MB
MISSING, REVISED = "missing", "revised"  # roster statuses beside the submission statuses
ROSTER_CN = {
    OK: "已报",
    ERRORS: "有错误",
    MISSING: "未报",
    REVISED: "已修改",
    SUPERSEDED: "已替换",
    UNREADABLE: "无法读取",
    IGNORED: "已忽略",
    REPORT: "分析报告",
}
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}$")


@dataclass
class Settings:
    """What `qstat serve` works on: one period, its inbox and output folder, the history."""

    inbox: Path
    out: Path
    period: Period
    config: Config
    db: Path
    password: str = ""


@dataclass
class RosterRow:
    """One line of the roster: a unit and the file that counts for it, or a file on its own."""

    unit: str | None
    status: str  # a key of ROSTER_CN
    file: str | None = None  # relative to the inbox
    errors: int = 0
    warnings: int = 0
    received: str | None = None  # the file's time in the inbox, 2024-10-12 09:30
    replaces: list[str] = dataclasses.field(default_factory=list)  # older files of the unit
    report: str | None = None  # a unit's row: its analysis report 已报 / 未报 / 无法读取

    def to_json(self) -> dict:
        return {
            "unit": self.unit,
            "status": self.status,
            "file": self.file,
            "errors": self.errors,
            "warnings": self.warnings,
            "received": self.received,
            "replaces": self.replaces,
            "report": self.report,
        }


def upload_name(name: str) -> str:
    """A browser's file name as one safe name in the inbox: folders dropped, the stem through
    ``safe_name``, the extension kept only when it is letters and digits."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    suffix = m.group(0).lower() if (m := _SUFFIX.search(base)) else ""
    stem = base[: len(base) - len(suffix)]
    # A lock file (~$叶县.xlsx) keeps its mark so it is recognised and not saved.
    return safe_name(stem, "上传文件") + suffix


def submission_json(sub: Examined) -> dict:
    """A checked file as the API gives it: summary.json's fields, and its findings."""
    return {
        "file": sub.file,
        "unit": sub.unit,
        "status": sub.status,
        "errors": sub.errors,
        "warnings": sub.warnings,
        "explained": sub.explained,
        "findings": [f.to_json() for f in sub.findings],
    }


def refused(file: str | None, variant: str = "", /, **params: object) -> dict:
    """An upload not taken (IN010: ``variant`` and ``params`` of its message), in the shape of a
    checked file."""
    finding = EMITS.finding("IN010", At(file=file), variant, **params)
    return {
        "file": file,
        "unit": None,
        "status": "refused",
        "errors": 1,
        "warnings": 0,
        "explained": 0,
        "findings": [finding.to_json()],
    }


class Desk:
    """The inbox's files, each checked once; safe to use from several request threads."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._saving = threading.Lock()
        self._checked: dict[str, tuple[tuple[int, int], Examined]] = {}

    def _check(self, path: Path, file: str) -> Examined:
        s = self.settings
        db = s.db if s.db.is_file() else None  # no history yet: the cross-period rules wait
        ((sub, _),) = check([path], s.period, s.config, db)
        mtime = sub.mtime or path.stat().st_mtime  # an ignored file too shows when it came
        return dataclasses.replace(_named(sub, file), mtime=mtime)

    def submissions(self) -> list[Examined]:
        """Every file of the inbox, checked (from the cache while it is unchanged).

        The lock guards the cache only, never a check: a slow file does not hold up the page.
        """
        inbox = self.settings.inbox
        listed = []
        for path in discover(inbox) if inbox.is_dir() else []:
            try:
                st = path.stat()
            except OSError:  # removed while listed
                continue
            listed.append((path, path.relative_to(inbox).as_posix(), (st.st_mtime_ns, st.st_size)))
        with self._lock:
            cached = {file: self._checked.get(file) for _, file, _ in listed}
        subs = []
        for path, file, key in listed:
            entry = cached[file]
            if entry is None or entry[0] != key:
                entry = (key, self._check(path, file))
                with self._lock:
                    self._checked[file] = entry
            subs.append(entry[1])
        with self._lock:
            for gone in set(self._checked) - set(cached):
                del self._checked[gone]
        return subs

    def forget(self) -> None:
        """Check every file again on the next look (the history changed)."""
        with self._lock:
            self._checked.clear()

    def roster(self) -> list[RosterRow]:
        """The units in configuration order, each followed by its older files; then the units
        found that the configuration does not list; then the files no unit could be given."""
        config = self.settings.config
        subs = self._decided()
        by_unit: dict[str, list[Decided]] = {}
        for sub in subs:
            if sub.unit and sub.status != IGNORED:
                by_unit.setdefault(sub.unit, []).append(sub)
        units = list(config.units) + sorted(u for u in by_unit if u not in config.units)
        reports = report_states(subs)
        rows = []
        for unit in units:
            files = by_unit.get(unit, [])
            workbooks = [s for s in files if not s.is_report]
            report = reports.get(unit, REPORT_MISSING)
            if not workbooks:
                rows.append(RosterRow(unit, MISSING, report=report))
                rows += [_row(s, s.status) for s in files]
                continue
            current = next((s for s in workbooks if s.status in (OK, ERRORS)), workbooks[0])
            older = [s for s in workbooks if s.status == SUPERSEDED]
            status: str = current.status  # a key of ROSTER_CN
            if status == OK and older:
                status = REVISED
            rows.append(_row(current, status, replaces=[s.file for s in older], report=report))
            rows += [_row(s, s.status) for s in files if s is not current]
        rows += [_row(s, s.status) for s in subs if not s.unit or s.status == IGNORED]
        return rows

    def unit_files(self, unit: str) -> list[Decided]:
        """The files of one unit (duplicates resolved), the one that counts first."""
        mine = [s for s in self._decided() if s.unit == unit and s.status != IGNORED]
        return sorted(mine, key=lambda s: s.status not in (OK, ERRORS))

    def _decided(self) -> list[Decided]:
        """The files as the consolidation would decide them (which of a unit's counts; an
        unreadable file's unit from its name); each check stays as the file gave it."""
        subs = self.submissions()
        duplicates = resolve_duplicates(subs)
        return [decide(s, duplicates, self.settings.config) for s in subs]

    def file(self, file: str) -> Examined | None:
        return next((s for s in self.submissions() if s.file == file), None)

    def save(self, name: str, data: bytes) -> tuple[Examined, bool]:
        """Check an uploaded workbook and, unless it is not a submission at all (a lock file, a
        document), save it into the inbox under a safe, unused name; (its check, saved).

        The same content sent again is not saved twice."""
        inbox = self.settings.inbox
        name = upload_name(name)
        with tempfile.TemporaryDirectory(prefix="qstat-upload-") as tmp:
            path = Path(tmp) / name
            path.write_bytes(data)
            sub = self._check(path, name)
            if sub.status == IGNORED:
                return sub, False
            inbox.mkdir(parents=True, exist_ok=True)
            with self._saving:  # one upload at a time looks for its content among the files
                target, new = _store(inbox, name, data)
            if not new:
                return self._renamed(sub, target.name), True
        st = target.stat()
        sub = dataclasses.replace(self._renamed(sub, target.name), mtime=st.st_mtime)
        with self._lock:  # the roster need not check it again
            self._checked[sub.file] = ((st.st_mtime_ns, st.st_size), sub)
        return sub, True

    def check_only(self, name: str, data: bytes) -> Examined:
        """The self-check: the workbook checked under its safe name, nothing kept."""
        with tempfile.TemporaryDirectory(prefix="qstat-check-") as tmp:
            path = Path(tmp) / upload_name(name)
            path.write_bytes(data)
            return self._check(path, path.name)

    def _renamed(self, sub: Examined, file: str) -> Examined:
        """The check of the file saved (as 叶县(2).xlsx when 叶县.xlsx was taken)."""
        return dataclasses.replace(_named(sub, file), path=self.settings.inbox / file)


def _named(sub: Examined, file: str) -> Examined:
    """The check under the name the inbox gives the file; its findings name it too."""
    findings = tuple(dataclasses.replace(f, file=file) for f in sub.findings)
    return dataclasses.replace(sub, file=file, findings=findings)


def _store(inbox: Path, name: str, data: bytes) -> tuple[Path, bool]:
    """Save ``data`` in the inbox as ``name``, else the first free ``name(n)``; (the file, True).
    A file already holding the same content is given instead: (that file, False).

    The free name is claimed by creating it exclusively: two uploads (or a file copied in by
    hand) never get the same name. The content is written beside it under a hidden name and
    moved over the claimed, still empty file: no reader ever sees half a workbook.
    """
    digest = hashlib.sha256(data).hexdigest()
    stem, suffix = Path(name).stem, Path(name).suffix
    target, n = inbox / name, 1
    while True:
        try:
            with open(target, "xb"):
                break
        except FileExistsError:
            if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == digest:
                return target, False
        n += 1
        target = inbox / f"{stem}({n}){suffix}"
    partial = inbox / f".~upload-{os.getpid()}-{threading.get_ident()}"
    partial.write_bytes(data)
    os.replace(partial, target)
    return target, True


def _row(
    sub: Examined, status: str, replaces: list[str] | None = None, report: str | None = None
) -> RosterRow:
    received = None
    if sub.mtime:
        received = datetime.fromtimestamp(sub.mtime).strftime("%Y-%m-%d %H:%M")
    return RosterRow(sub.unit, status, sub.file, sub.errors, sub.warnings, received, replaces or [], report)
