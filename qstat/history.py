"""The history database (SQLite): what each consolidation saw, for cross-period checks.

One row per submission (file, SHA-256, status) and one row per figure (period, unit, form,
field, value) in long form, so later rules and the report can ask for any figure of any
period; the projects of 附表3/附表4 (for project continuity and the template's prefilled
附表3); the units' text for the report (``texts``: a workbook's 文字材料, a unit's analysis
report), each with its source. Recording a period again replaces that period's rows, in one
transaction.

``snapshots`` is the exception: it keeps every version of a unit's workbook a run has read
(its cells compressed, its findings), kept across reruns, so that a resubmission can be
compared with the version it replaces (修改留痕, qstat/revision.py).

``index.frame()`` gives the figures to pandas, with the 质量指数 computed from them.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .decided import StoredSnapshot
from .forms import CONDUCT, FORMS, LIST_FORMS
from .forms.spec import FormSpec, figure_of
from .intake import ERRORS, OK, REPORT
from .listed import LISTED, PROJECT_COLUMNS, load
from .past import ListedProject, Past, window
from .periods import Period
from .write.safe import safe_text

if TYPE_CHECKING:
    from .result import Result

T = TypeVar("T")
TOTAL = "合计"  # the unit name under which the office's totals are stored
TEXT_SOURCE = "文字材料"  # texts.source of a workbook's 文字材料 sheet; else the report's file name
SQLITE_HEADER = b"SQLite format 3\x00"

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    period TEXT PRIMARY KEY, office TEXT, recorded_at TEXT);
CREATE TABLE IF NOT EXISTS submissions (
    period TEXT, unit TEXT, file TEXT, sha256 TEXT, status TEXT, included INTEGER,
    errors INTEGER, warnings INTEGER);
CREATE TABLE IF NOT EXISTS figures (
    period TEXT, unit TEXT, form TEXT, field TEXT, value REAL,
    PRIMARY KEY (period, unit, form, field));
CREATE TABLE IF NOT EXISTS missing (period TEXT, unit TEXT);
CREATE TABLE IF NOT EXISTS texts (period TEXT, unit TEXT, text TEXT, source TEXT);
CREATE TABLE IF NOT EXISTS scores (
    period TEXT, unit TEXT, total REAL, grade TEXT, rank INTEGER, mark TEXT, spec TEXT);
CREATE TABLE IF NOT EXISTS projects (
    period TEXT, unit TEXT, form TEXT, reg_no TEXT, project TEXT, structure TEXT, area_m2 REAL,
    cost REAL, builder TEXT, supervisor TEXT, progress TEXT, file TEXT, sheet TEXT, row INTEGER,
    acceptance TEXT, filed INTEGER);
CREATE TABLE IF NOT EXISTS lists (period TEXT, unit TEXT, file TEXT);
CREATE TABLE IF NOT EXISTS bad_behaviour (
    period TEXT, unit TEXT, county TEXT, record_no TEXT, project TEXT, party TEXT, person TEXT,
    title TEXT, fact TEXT, clause TEXT, recorder TEXT, recorded_on TEXT, approver TEXT,
    approved_on TEXT);
CREATE TABLE IF NOT EXISTS penalties (
    period TEXT, unit TEXT, county TEXT, record_no TEXT, project TEXT, party TEXT, date TEXT,
    fact TEXT, basis TEXT, penalty TEXT, status TEXT, handling TEXT);
CREATE TABLE IF NOT EXISTS findings (
    period TEXT, unit TEXT, rule TEXT, severity TEXT, sheet TEXT, cell TEXT, value TEXT,
    message TEXT, explained INTEGER);
CREATE TABLE IF NOT EXISTS report_dates (period TEXT, unit TEXT, report_date TEXT);
CREATE TABLE IF NOT EXISTS snapshots (
    period TEXT, unit TEXT, file TEXT, sha256 TEXT, cells BLOB, findings TEXT, seen INTEGER,
    PRIMARY KEY (period, unit, sha256));
"""
PERIOD_TABLES = (
    "runs",
    "submissions",
    "figures",
    "missing",
    "texts",
    "scores",
    "projects",
    "lists",
    "bad_behaviour",
    "penalties",
    "findings",
    "report_dates",
)


class HistoryError(ValueError):
    """The history database named cannot be used; the message says why in Chinese."""


def require_history(db: Path, exists: bool) -> None:
    """Fail before any work when ``db`` cannot serve: its folder is missing, it is a folder or
    not a SQLite file, or (``exists``: it is to be read) it does not exist."""
    db = Path(db)
    if db.is_dir():
        raise HistoryError(f"历史数据库“{db}”是一个文件夹，请给出数据库文件（.sqlite）的路径")
    if not db.exists():
        if exists:
            raise HistoryError(f"历史数据库不存在：{db}（请检查 --db 的路径）")
        parent = db.parent
        if not parent.is_dir():
            raise HistoryError(
                f"历史数据库所在的文件夹不存在：{parent}（--db {db}），请先建立该文件夹"
                "或改正路径；未读取或写出任何文件"
            )
        if not os.access(parent, os.W_OK):
            raise HistoryError(f"没有在文件夹{parent}中建立历史数据库的权限（--db {db}）")
        return
    try:
        with open(db, "rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as e:
        raise HistoryError(f"无法读取历史数据库{db}：{e.strerror or e}") from e
    if header and header != SQLITE_HEADER:
        raise HistoryError(f"“{db}”不是qstat的历史数据库（SQLite文件），请检查 --db 的路径")
    if not exists and not os.access(db, os.W_OK):
        raise HistoryError(f"历史数据库{db}是只读的，无法记录本期数据")


def connect(db: Path) -> sqlite3.Connection:
    con = sqlite3.connect(db)
    con.executescript(SCHEMA)
    if "source" not in {row[1] for row in con.execute("PRAGMA table_info(texts)")}:
        con.execute("ALTER TABLE texts ADD COLUMN source TEXT")  # a history from before the reports
    if "filed" not in {row[1] for row in con.execute("PRAGMA table_info(projects)")}:
        # a history from before the report's 竣工验收合格率 and 未备案: the lists read as unknown
        con.execute("ALTER TABLE projects ADD COLUMN acceptance TEXT")
        con.execute("ALTER TABLE projects ADD COLUMN filed INTEGER")
    return con


def record_period(db: Path, result: Result) -> None:
    """Replace the period's rows with this consolidation's submissions and figures, in one
    transaction: a failure (the database locked by another program) leaves the history as it was."""
    period = str(result.period)
    form = FORMS[result.statistics_form]
    try:
        con = connect(db)
        try:
            with con:
                _record(con, period, form, result)
        finally:
            con.close()
    except sqlite3.Error as e:
        raise HistoryError(
            f"无法写入历史数据库{db}：{e}。输出文件已写出，但{period}未记入历史数据库，"
            "请关闭占用该数据库的程序后重新汇总"
        ) from e


def _record(con: sqlite3.Connection, period: str, form: FormSpec, result: Result) -> None:
    """The statements of record_period, run inside its one transaction."""
    for table in PERIOD_TABLES:
        con.execute(f"DELETE FROM {table} WHERE period = ?", (period,))
    con.execute(
        "INSERT INTO runs VALUES (?, ?, ?)",
        (period, result.office, datetime.now().isoformat(timespec="seconds")),
    )
    con.executemany(
        "INSERT INTO submissions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [  # undecodable name: �
            (period, s.unit, safe_text(s.file), s.sha256, s.status, int(s.included), s.errors, s.warnings)
            for s in result.submissions
        ],
    )
    con.executemany("INSERT INTO figures VALUES (?, ?, ?, ?, ?)", _figures(period, form, result))
    con.executemany("INSERT INTO missing VALUES (?, ?)", [(period, u) for u in result.missing_units])
    texts = [(s, TEXT_SOURCE) for s in result.submissions if s.included and s.text]
    texts += [(s, safe_text(s.file)) for s in result.submissions if s.status == REPORT and s.text]
    con.executemany(
        "INSERT INTO texts (period, unit, text, source) VALUES (?, ?, ?, ?)",
        [(period, s.unit, s.text, source) for s, source in texts],
    )
    if result.scores:  # the self-score ranking, for the report
        title = result.scores.spec.title if result.scores.spec else None
        con.executemany(
            "INSERT INTO scores VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(period, u.unit, u.total, u.grade, u.rank, u.mark, title) for u in result.scores.units],
        )
    _record_projects(con, period, result)
    _record_details(con, period, result)
    _record_findings(con, period, result)
    _record_snapshots(con, period, result)


def _figures(period: str, form: FormSpec, result: Result) -> Iterator[tuple]:
    """The figures table's rows: each unit's statistics, F6 by category, the detail counts.
    Made as SQLite takes them, never held as a list (~100 rows a unit)."""
    rows = [(unit, row) for unit, row in result.statistics.items() if row is not None]
    rows.append((TOTAL, result.total))
    for unit, row in rows:
        for key, value in _fields(form, row):
            yield period, unit, form.code, key, value
    # an included submission always has its unit
    categories = [(s.unit, s.categories) for s in result.submissions if s.included and s.unit]
    categories.append((TOTAL, result.categories))
    for unit, table in categories:
        for c, category in table.items():
            for key, value in _fields(FORMS["F6"], category):
                yield period, unit, "F6", f"{c}.{key}", value
    for unit, code, key, value in _detail_counts(result):
        yield period, unit, code, key, value


def _record_projects(con: sqlite3.Connection, period: str, result: Result) -> None:
    """Each used workbook's 附表3/附表4 rows (read back from the spools, as the worker shaped
    them), and in ``lists`` that the unit's lists are known, empty or not (an older history has none)."""
    marks = ", ".join("?" * (3 + len(PROJECT_COLUMNS)))
    insert = f"INSERT INTO projects (period, unit, file, {', '.join(PROJECT_COLUMNS)}) VALUES ({marks})"
    for s in result.submissions:
        if s.status not in (OK, ERRORS) or s.unit is None:
            continue
        file = safe_text(s.file)
        con.execute("INSERT INTO lists VALUES (?, ?, ?)", (period, s.unit, file))
        for code in ("F3", "F4"):
            if code in s.record_spools:
                con.executemany(
                    insert, [(period, s.unit, file, *row) for row in load(s.record_spools[code].kept)]
                )


def _record_details(con: sqlite3.Connection, period: str, result: Result) -> None:
    """Each included unit's 附表1 and 附表2 records (read back from the spools) as the forms
    workbook prints them, for the report."""
    for s in result.submissions:
        if not s.included or s.unit is None:
            continue
        if s.report_date:
            con.execute(
                "INSERT INTO report_dates VALUES (?, ?, ?)", (period, s.unit, s.report_date.isoformat())
            )
        for code, table in CONDUCT.items():  # forms.CONDUCT: the tables of 附表1 and 附表2
            if code not in s.record_spools:
                continue
            width = len(FORMS[code].printed_columns) + 3  # period, unit, 县（区）, the form's columns
            con.executemany(
                f"INSERT INTO {table} VALUES ({', '.join('?' * width)})",
                [(period, s.unit, *row) for row in load(s.record_spools[code].kept)],
            )


def _record_findings(con: sqlite3.Connection, period: str, result: Result) -> None:
    """The errors and warnings of every submission with a unit (the report's 风险预警 reads
    HS002 and F3-005; an explained warning is kept, marked)."""
    con.executemany(
        "INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (  # made as SQLite takes them: a big inbox has thousands
            (
                period,
                s.unit,
                f.rule,
                str(f.severity),
                f.sheet,
                f.cell,
                f.value,
                safe_text(f.message),
                int(f.explained),
            )
            for s in result.submissions
            if s.unit and s.status in (OK, ERRORS)
            for f in s.findings
            if f.severity != "info"
        ),
    )


def _record_snapshots(con: sqlite3.Connection, period: str, result: Result) -> None:
    """Every readable version of a unit's workbook, the one used last (it is the newest seen)."""
    seen = con.execute("SELECT COALESCE(MAX(seen), 0) FROM snapshots").fetchone()[0]
    versions = sorted(
        ((s, s.snapshot) for s in result.submissions if s.unit and s.snapshot), key=lambda v: v[0].included
    )
    for n, (s, snapshot) in enumerate(versions, seen + 1):
        con.execute(
            "INSERT OR REPLACE INTO snapshots VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                period,
                s.unit,
                safe_text(s.file),
                s.sha256,
                snapshot.cells,
                "\n".join(snapshot.findings),
                n,
            ),
        )


def _detail_counts(result: Result) -> list[tuple[str, str, str, float]]:
    """F1 records (all, and by 责任单位 type), F2-F4 records per included unit and in total."""
    counts: dict[tuple[str, str, str], float] = {}
    for s in result.submissions:
        if not s.included or s.unit is None:  # an included submission always has its unit
            continue
        items = [(code, "rows", s.row_counts.get(code, 0)) for code in LIST_FORMS]
        items += [("F1", f"party.{kind}", n) for kind, n in s.party_counts.items()]
        for form, key, n in items:
            for unit in (s.unit, TOTAL):
                counts[unit, form, key] = counts.get((unit, form, key), 0) + n
    return [(unit, form, key, n) for (unit, form, key), n in counts.items()]


def _fields(spec: FormSpec, record) -> list[tuple[str, float | None]]:
    return [(col.key, figure_of(record, col.key)) for col in spec.figure_columns]


def figures(db: Path, period: str, unit: str, form: str = "F5") -> dict[str, float | None]:
    """One unit's (or 合计's) recorded figures of a period, by field key; {} when unknown."""
    sql = "SELECT field, value FROM figures WHERE period=? AND unit=? AND form=?"
    with _reader(db) as con:
        return dict(_rows(con, sql, (period, unit, form))) if con is not None else {}


def projects(db: Path, period: str, unit: str) -> list[ListedProject] | None:
    """The unit's 附表3/附表4 rows of a period, in sheet order; None when the history has no
    lists of the unit for that period (not consolidated, or by a qstat that kept none)."""
    with _reader(db) as con:
        return _projects(con, period, unit) if con is not None else None


def _projects(con: sqlite3.Connection, period: str, unit: str) -> list[ListedProject] | None:
    if not _rows(con, "SELECT file FROM lists WHERE period=? AND unit=?", (period, unit)):
        return None
    known = {column for _, column, *_ in _rows(con, "PRAGMA table_info(projects)")}
    columns = [n for n in LISTED if n in known]  # an older history has no acceptance, filed
    rows = _rows(
        con,
        f"SELECT {', '.join(columns)} FROM projects WHERE period=? AND unit=? ORDER BY form, row",
        (period, unit),
    )
    return [ListedProject(**dict(zip(columns, row))) for row in rows]


def load_past(db: Path, unit: str, period: Period) -> Past:
    """What the cross-period rules need of the unit's history (past.Past), in one pass over one
    read-only connection: examine calls it once per file."""
    with _reader(db) as con:
        if con is None:
            return Past(unit, period)
        periods = {str(p): p for p in window(period)}
        marks = ", ".join("?" * len(periods))
        recorded: dict[tuple[Period, str], dict[str, float | None]] = {}
        for stated, form, key, value in _rows(
            con,
            f"SELECT period, form, field, value FROM figures WHERE period IN ({marks}) AND unit=? "
            "AND form IN ('F5', 'F6', 'F7')",
            (*periods, unit),
        ):
            recorded.setdefault((periods[stated], form), {})[key] = value
        lists = _projects(con, str(period.previous()), unit)
        reg_nos = _rows(
            con,
            "SELECT DISTINCT reg_no FROM projects WHERE unit=? AND period<? "
            "AND period LIKE '%Q%' AND reg_no IS NOT NULL",
            (unit, str(period)),
        )
        return Past(
            unit, period, recorded, None if lists is None else tuple(lists), frozenset(r for (r,) in reg_nos)
        )


def last_snapshot(db: Path, period: str, unit: str, other_than: str | None) -> StoredSnapshot | None:
    """The version of the unit's workbook for the period the history saw last, other than the
    one with SHA-256 ``other_than``."""
    rows = query(
        db,
        "SELECT file, sha256, cells, findings FROM snapshots WHERE period=? AND unit=? "
        "AND sha256<>? ORDER BY seen DESC LIMIT 1",
        (period, unit, other_than or ""),
    )
    if not rows:
        return None
    file, sha, cells, found = rows[0]
    return StoredSnapshot(file, sha, cells, found.split("\n") if found else [])


def query(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows of a query, [] when the database or its table does not exist yet."""
    with _reader(db) as con:
        return _rows(con, sql, params) if con is not None else []


def _rows(con: sqlite3.Connection, sql: str, params: tuple = ()) -> list[tuple]:
    try:
        return con.execute(sql, params).fetchall()
    except sqlite3.OperationalError:  # not a qstat history yet, or one from an earlier version
        return []


# The read-only connections this process shares, by (process, thread, database): a run's in this
# process (reading()), or a worker process's (keep_readers()). A forked child never uses its
# parent's (a SQLite connection does not survive a fork), a thread never another thread's.
_readers: dict[tuple[int, int, str], sqlite3.Connection | None] = {}
_keep = False


def keep_readers() -> None:
    """In a worker process: the connection its first read of the history opens stays open until
    the process ends, so a worker opens one, not one per file."""
    global _keep
    _keep = True


@contextmanager
def reading(db: Path | None) -> Iterator[None]:
    """Within it, this thread's reads of ``db`` share one read-only connection: a run in one
    process opens one. It is opened at the first read (so no worker forked before that inherits
    it) and closed at the end."""
    key = _key(db) if db is not None else None
    if key is None or key in _readers:
        yield
        return
    _readers[key] = None
    try:
        yield
    finally:
        con = _readers.pop(key)
        if con is not None:
            con.close()


@contextmanager
def _reader(db: Path) -> Iterator[sqlite3.Connection | None]:
    """A read-only connection to ``db`` (None when it does not exist): the shared one, else one
    for this read. Read-only: checks run in worker processes and must never create or lock the file."""
    if not Path(db).exists():
        yield None
        return
    key = _key(db)
    con = _readers.get(key) or _open(key[2])
    if key in _readers or _keep:
        _readers[key] = con
        yield con
        return
    try:
        yield con
    finally:
        con.close()


class Reader:
    """The history read many times over one read-only connection (the 质量指数 of a report's
    eight quarters asks some sixty queries): ``read(sql, params)`` gives the rows, [] when the
    database or its table does not exist yet. Within ``with Reader(db)`` every ``query`` of
    this thread shares the connection (``reading``). ``once`` keeps what is made from the reads
    (a period's index inputs) for the Reader's life: a report asks for the same period often."""

    def __init__(self, db: Path | str):
        self.db = Path(db)
        self._shared = reading(self.db)
        self._made: dict[Hashable, Any] = {}

    def __call__(self, sql: str, params: tuple = ()) -> list[tuple]:
        return query(self.db, sql, params)

    def once(self, key: Hashable, make: Callable[[], T]) -> T:
        """``make()``, made at the first call with ``key`` and kept (the caller must not change it)."""
        if key not in self._made:
            self._made[key] = make()
        return self._made[key]

    def __enter__(self) -> Reader:
        self._shared.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._shared.__exit__(None, None, None)


def _key(db: Path) -> tuple[int, int, str]:
    return (os.getpid(), threading.get_ident(), str(Path(db).resolve()))


def _open(path: str) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
