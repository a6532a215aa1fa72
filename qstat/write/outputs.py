"""All or nothing: a run's outputs replace the previous run's as one set, or not at all.

The outputs live directly in the output folder (docs/commands.md), beside files qstat does not own
(the report, the clerk's own notes), so the folder itself is never swapped. Instead:

1. Everything is written into ``<out>/.~qstat-XXXX/new/``, on the output folder's filesystem.
   Nothing in ``<out>`` changes while the writers run; a failure removes the folder.
2. Commit: ``plan.json`` (the entries to replace) is written into the work folder, then each
   previous entry of the set (a file, or the whole 退回/ folder) is moved aside into
   ``.~qstat-XXXX/old/`` with ``os.replace``, then each new entry is moved in; removing
   ``plan.json`` marks the commit done, and the work folder with the previous set goes.
   The set has at most five top-level entries, so this takes a handful of renames.
3. If a move fails (on Windows: a file open in Excel/WPS cannot be moved), the moves made are
   undone and OutputBusy names the file. If the process is killed during the commit, every
   entry of the previous set is whole either in ``<out>`` or in ``old/``: the next run finds
   ``plan.json`` and puts the previous set back before it starts, then removes the work folder.
   (Until then, an entry missing from ``<out>`` is in ``old/``; a kill after the commit point
   leaves the new set, and the next run only removes the work folder.)
   Leftovers of an interrupted run (``.~qstat-*`` folders, and the per-file temporaries of
   earlier versions) are always removed by the next run.

``os.replace`` is used throughout: it replaces an existing file on Windows too, and moving an
entry to a name that does not exist needs no directory replace, which Windows lacks.
A lock file (``.~qstat.lock``, held while writing and removed after) makes concurrent runs
into one folder take turns, so one never cleans up the other's work folder (after a kill the
file stays until the next run, which takes it over: the lock died with the process).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePath

PREFIX = ".~qstat-"  # work folders (and earlier versions' temporary files)
LOCK = ".~qstat.lock"
NEW, OLD, PLAN = "new", "old", "plan.json"


class OutputError(OSError):
    """The outputs cannot be written; the message says why in Chinese, the previous set is whole."""


class OutputBusy(OutputError):
    """An output (or the folder holding it) is open in another program and cannot be replaced."""

    def __init__(self, path: Path) -> None:
        what = f"“{path.name}”文件夹中的文件" if path.is_dir() else f"“{path.name}”"
        super().__init__(
            f"无法替换输出文件“{path}”：文件正被其他程序占用（或没有写入权限）。"
            f"请关闭Excel/WPS中打开的{what}后重试。上次的输出文件保持不变，未写出任何文件。"
        )
        self.path = path


class Stage:
    """``stage(name)``: the path to write ``<out>/<name>`` to. ``recovered``: this run found a
    previous commit cut short and put the set before it back (the caller says so)."""

    def __init__(self, new: Path, recovered: bool) -> None:
        self.new = new
        self.recovered = recovered

    def __call__(self, name: str) -> Path:
        path = self.new / _relative(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path


@contextmanager
def atomic_outputs(out: str | Path, replaces: Iterable[str] = ()) -> Iterator[Stage]:
    """Yield ``stage(name)`` giving the path to write ``<out>/<name>`` to; on success the staged
    entries, and the entries named in ``replaces`` (removed when not staged), are swapped in."""
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"无法创建输出目录“{out}”：{e.strerror or e}") from e
    with _locked(out):
        recovered = recover(out)
        work = Path(tempfile.mkdtemp(prefix=PREFIX, dir=out))
        new = work / NEW
        new.mkdir()
        try:
            yield Stage(new, recovered)
            _commit(out, work, set(replaces))
        finally:  # unless a commit cut short could not be undone: the previous set is in there
            if not (work / PLAN).exists():
                shutil.rmtree(work, ignore_errors=True)


def _relative(name: str) -> PurePath:
    """``name`` as a path that stays inside the output folder; OutputError for any other."""
    path = PurePath(name.replace("\\", "/"))
    if (
        path.is_absolute()
        or path.anchor
        or not path.parts
        or any(part in ("", ".", "..") or part.startswith(PREFIX) for part in path.parts)
    ):
        raise OutputError(f"输出文件名不安全，未写出：{name}")
    return path


def _commit(out: Path, work: Path, replaces: set[str]) -> None:
    new, old = work / NEW, work / OLD
    staged = sorted(p.name for p in new.iterdir())
    plan = work / PLAN
    _write_atomically(plan, json.dumps({"staged": staged}, ensure_ascii=False))
    old.mkdir()
    moving = out
    try:
        for name in sorted(set(staged) | replaces):  # every previous entry aside first ...
            moving = out / name
            if os.path.lexists(moving):
                os.replace(moving, old / name)
        for name in staged:  # ... then every new one in
            moving = out / name
            os.replace(new / name, moving)
    except BaseException as e:
        _roll_back(out, work)
        if isinstance(e, PermissionError):
            raise OutputBusy(_open_file(moving)) from e
        raise
    plan.unlink()  # the commit point: from here on the new set stands


def _roll_back(out: Path, work: Path) -> None:
    """Undo a commit cut short: the new entries that got in go back, the previous ones return."""
    plan = work / PLAN
    staged = json.loads(plan.read_text(encoding="utf-8"))["staged"]
    new, old = work / NEW, work / OLD
    for name in staged:
        if not os.path.lexists(new / name) and os.path.lexists(out / name):
            os.replace(out / name, new / name)
    if old.is_dir():
        for entry in old.iterdir():
            os.replace(entry, out / entry.name)
    plan.unlink()


def recover(out: Path) -> bool:
    """Put back a previous set an interrupted commit moved aside; remove every leftover.
    True when a commit had been cut short."""
    rolled_back = False
    for entry in [*out.glob(f"{PREFIX}*"), *out.glob(f"*/{PREFIX}*")]:
        if entry.is_dir() and not entry.is_symlink():
            if (entry / PLAN).is_file():
                _roll_back(out, entry)
                rolled_back = True
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                entry.unlink()
    return rolled_back


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _open_file(path: Path) -> Path:
    """The file inside ``path`` another program holds (Windows refuses to open it for writing),
    else ``path`` itself."""
    files = sorted(path.rglob("*")) if path.is_dir() else []
    for file in files:
        try:
            with open(file, "r+b"):
                pass
        except PermissionError:
            return file
        except OSError:
            continue
    return path


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """Hold ``<out>/.~qstat.lock`` exclusively; it is removed afterwards.

    After taking the lock, the file is checked to still be the one at that name: a run that
    waited on a file the previous holder has just removed tries again.
    """
    path = out / LOCK
    while True:
        handle = open(path, "a+b")
        _lock(handle)
        try:
            if os.path.samestat(os.fstat(handle.fileno()), os.stat(path)):
                break
        except FileNotFoundError:
            pass
        handle.close()
    try:
        yield
    finally:
        if os.name == "nt":  # an open file cannot be removed there; the next holder may fail to
            handle.close()
            with contextlib.suppress(OSError):
                path.unlink()
        else:
            with contextlib.suppress(OSError):
                path.unlink()
            handle.close()


def _lock(handle) -> None:
    if sys.platform == "win32":  # os.name == "nt", spelled so type checkers know msvcrt is there
        import msvcrt

        handle.seek(0)
        while True:
            try:
                msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)  # retries for 10 s, then raises
                return
            except OSError:
                continue
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
