"""A list form's (附表1-4) records in the two shapes their readers take, made and spooled by the
worker that read the workbook: the forms workbook prints one (``printed_rows``), the history
keeps the other (``kept_rows``). The main process writes the forms while the workers read, so
it is a consolidation's critical path: it only loads each file, once (``load``), and reshapes
no record.
"""

from __future__ import annotations

import pickle
from dataclasses import fields
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from .forms import CONDUCT
from .forms.spec import COUNTY, SOURCE_UNIT, TEXT, Column, FormSpec
from .model import ListSpools
from .past import ListedProject
from .write.safe import safe_text

if TYPE_CHECKING:
    from .parse import ParsedForm

LISTED = tuple(f.name for f in fields(ListedProject))  # ListedProject's columns of the projects table
FROM_RECORD = tuple(n for n in LISTED if n not in ("form", "sheet", "row", "file"))  # a record's own
# A kept 附表3/附表4 row's columns of the projects table; the history adds period, unit and file.
PROJECT_COLUMNS = ("form", "sheet", "row", *FROM_RECORD)


def spool(form: ParsedForm, folder: Path, stem: str) -> ListSpools:
    """``form``'s rows in both shapes, each pickled to a file of its own in ``folder``."""
    printed = printed_rows(form.spec, form.records)
    return ListSpools(
        printed=_dump(printed, folder / f"{stem}-printed.pickle"),
        kept=_dump(kept_rows(form, printed), folder / f"{stem}-kept.pickle"),
    )


def load(path: Path) -> list[tuple]:
    """The rows a spool file holds."""
    with open(path, "rb") as f:
        return pickle.load(f)


def detail_columns(spec: FormSpec) -> list[Column]:
    """A detail form's columns in the forms workbook: 填报单位 and 县（区） added after 序号 (added
    where missing).

    县（区） keeps each row's county through every level: a province's 附表3 still says which
    county of 平顶山市 a project is in.
    """
    columns = list(spec.printed_columns)
    if columns[0].key != "seq":
        columns.insert(0, Column("seq", "序号", r"^序号", TEXT, "", 5, required=False))
    return columns[:1] + [SOURCE_UNIT, COUNTY] + columns[1:]


def printed_rows(spec: FormSpec, records: list) -> list[tuple]:
    """A unit's detail records as the forms workbook prints them: one tuple per record, 县（区）
    (where known) then the values of the form's columns after 序号, 填报单位 and 县（区）."""
    row = attrgetter("county", *[col.key for col in detail_columns(spec)[3:]])
    return [row(r) for r in records]


def kept_rows(form: ParsedForm, printed: list[tuple]) -> list[tuple]:
    """The rows the history keeps of a list form (``printed``: its printed_rows): 附表1/附表2's
    records as the forms workbook prints them, dates as 2024-08-01 and text made safe; 附表3/附表4's
    projects (PROJECT_COLUMNS, the sheet row as Excel numbers it; a field the form has not, such
    as 附表3's 竣工验收结论, is None)."""
    if form.spec.code in CONDUCT:
        return [tuple(_stored(v) for v in row) for row in printed]
    code, sheet = form.spec.code, form.sheet
    return [
        (code, sheet, r + 1, *[getattr(p, n, None) for n in FROM_RECORD])
        for r, p in zip(form.rows, form.records)
    ]


def _stored(value: object) -> object:
    """A record's value as SQLite keeps it: dates as 2024-08-01, text made safe."""
    if isinstance(value, date):
        return value.isoformat()
    return safe_text(value) if isinstance(value, str) else value


def _dump(rows: list[tuple], path: Path) -> Path:
    with open(path, "wb") as f:
        pickle.dump(rows, f, protocol=pickle.HIGHEST_PROTOCOL)
    return path
