"""The history database (SQLite): what each consolidation saw, for cross-period checks.

One row per submission (file, SHA-256, status) and one row per figure (period, unit, form,
field, value) in long form, so later rules and the report can ask for any figure of any
period. Recording a period again replaces that period's rows, in one transaction.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .forms import FORMS
from .forms.spec import FormSpec, value_of
from .write.safe import safe_text

if TYPE_CHECKING:
    from .result import Result

TOTAL = "合计"  # the unit name under which the office's totals are stored
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
CREATE TABLE IF NOT EXISTS texts (period TEXT, unit TEXT, text TEXT);
CREATE TABLE IF NOT EXISTS scores (
    period TEXT, unit TEXT, total REAL, grade TEXT, rank INTEGER, mark TEXT, spec TEXT);
"""


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
            raise HistoryError(f"历史数据库所在的文件夹不存在：{parent}（--db {db}），请先建立该文件夹"
                               "或改正路径；未读取或写出任何文件")
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
        raise HistoryError(f"无法写入历史数据库{db}：{e}。输出文件已写出，但{period}未记入历史数据库，"
                           "请关闭占用该数据库的程序后重新汇总") from e


def _record(con: sqlite3.Connection, period: str, form: FormSpec, result: Result) -> None:
    """The statements of record_period, run inside its one transaction."""
    for table in ("runs", "submissions", "figures", "missing", "texts", "scores"):
        con.execute(f"DELETE FROM {table} WHERE period = ?", (period,))
    con.execute("INSERT INTO runs VALUES (?, ?, ?)",
                (period, result.office, datetime.now().isoformat(timespec="seconds")))
    con.executemany("INSERT INTO submissions VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [  # undecodable name: �
        (period, s.unit, safe_text(s.file), s.sha256, s.status, int(s.included), s.errors, s.warnings)
        for s in result.submissions])
    rows = [(unit, row) for unit, row in result.statistics.items() if row is not None]
    rows.append((TOTAL, result.total))
    figures = [(period, unit, form.code, key, value)
               for unit, row in rows for key, value in _fields(form, row)]
    categories = [(s.unit, s.categories) for s in result.submissions if s.included]
    categories.append((TOTAL, result.categories))
    figures += [(period, unit, "F6", f"{c}.{key}", value)
                for unit, table in categories for c, row in table.items()
                for key, value in _fields(FORMS["F6"], row)]
    figures += [(period, unit, form, key, value) for unit, form, key, value in _detail_counts(result)]
    con.executemany("INSERT INTO figures VALUES (?, ?, ?, ?, ?)", figures)
    con.executemany("INSERT INTO missing VALUES (?, ?)", [(period, u) for u in result.missing_units])
    con.executemany("INSERT INTO texts VALUES (?, ?, ?)", [
        (period, s.unit, s.text) for s in result.submissions if s.included and s.text])
    if result.scores:  # the self-score ranking, for the report
        title = result.scores.spec.title if result.scores.spec else None
        con.executemany("INSERT INTO scores VALUES (?, ?, ?, ?, ?, ?, ?)", [
            (period, u.unit, u.total, u.grade, u.rank, u.mark, title)
            for u in result.scores.units])


def _detail_counts(result: Result) -> list[tuple[str, str, str, float]]:
    """F1 records (all, and by 责任单位 type) and F2 records per included unit and in total."""
    counts: dict[tuple[str, str, str], float] = {}
    for s in result.submissions:
        if not s.included:
            continue
        items = [("F1", "rows", s.row_counts.get("F1", 0)), ("F2", "rows", s.row_counts.get("F2", 0))]
        items += [("F1", f"party.{kind}", n) for kind, n in s.party_counts.items()]
        for form, key, n in items:
            for unit in (s.unit, TOTAL):
                counts[unit, form, key] = counts.get((unit, form, key), 0) + n
    return [(unit, form, key, n) for (unit, form, key), n in counts.items()]


def _fields(spec: FormSpec, record) -> list[tuple[str, float | None]]:
    return [(col.key, value_of(record, col.key)) for col in spec.figure_columns]


def figures(db: Path, period: str, unit: str, form: str = "F5") -> dict[str, float | None]:
    """One unit's (or 合计's) recorded figures of a period, by field key; {} when unknown.

    Opened read-only: checks run in worker processes and must never create or lock the file.
    """
    if not Path(db).exists():
        return {}
    con = sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT field, value FROM figures WHERE period=? AND unit=? AND form=?",
                           (period, unit, form)).fetchall()
    except sqlite3.OperationalError:  # not a qstat history yet
        rows = []
    finally:
        con.close()
    return dict(rows)
