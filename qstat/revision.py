"""修改留痕: what a resubmission changed against the version of the workbook it replaces.

A unit sent back (退回) resubmits; the office wants to see at a glance what the clerk changed,
which problems are gone and which are new, without opening both files. Each readable workbook
leaves a Snapshot (its rows holding a value and its records, compressed, and the keys of its
open problems); the history keeps them (table ``snapshots``). The version replaced is the
newest superseded file of the unit in the same inbox (叶县.xlsx beside 叶县(修改).xlsx), else
the version of the unit's workbook for the period the history saw last with other content.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from .decided import RECORD_KEYS, Duplicate, Revision, StoredSnapshot
from .findings import Finding, a1
from .forms import LIST_FORMS
from .history import last_snapshot
from .intake import ERRORS, OK, newness
from .model import Examined, Snapshot
from .validate.common import label
from .validate.details import identifier

if TYPE_CHECKING:
    from .parse import ParsedForm
    from .read import Workbook


def finding_key(f: Finding, records: dict[tuple[str, int], tuple[str, dict[int, str]]] | None = None) -> str:
    """RULE@SHEET!CELL (RULE@SHEET, RULE when the finding has no cell or sheet).

    A finding on a row of 附表1-4 is keyed by its record instead, RULE@SHEET[KEY]FIELD, so that
    it is the same problem when rows above it were added or removed (``records``: (sheet, row)
    → (record key, column → field name)).
    """
    if f.sheet and f.cell:
        col, row = _position(f.cell)
        record = (records or {}).get((f.sheet, row)) if f.form in LIST_FORMS else None
        if record:
            return f"{f.rule}@{f.sheet}[{record[0]}]{record[1].get(col, '')}"
        return f"{f.rule}@{f.sheet}!{f.cell}"
    return f"{f.rule}@{f.sheet}" if f.sheet else f.rule


def _position(cell: str) -> tuple[int, int]:
    """A1 → 0-based (col, row)."""
    letters = cell.rstrip("0123456789")
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return col - 1, int(cell[len(letters) :]) - 1


def take_snapshot(workbook: Workbook, findings: list[Finding], parsed: dict[str, ParsedForm]) -> Snapshot:
    """The workbook's rows holding a value, its records, and its open problems' keys.

    A record is kept as [form, sheet, key, row] beside each form's field → column: its values
    are the row's cells, written once (this runs in every reader, on every workbook).
    """
    sheets = [
        [s.name, [[r, row] for r, row in enumerate(s.rows) if row.count("") < len(row)]]
        for s in workbook.sheets
    ]
    names = {code: _field_names(form) for code, form in parsed.items()}
    fields = {code: {name: parsed[code].columns[k] for k, name in n.items()} for code, n in names.items()}
    by_column = {code: {parsed[code].columns[k]: name for k, name in n.items()} for code, n in names.items()}
    records = _records(workbook, parsed)
    rows = {(sheet, row): (key, by_column[form]) for form, sheet, key, row in records}
    snapshot = {"format": 2, "sheets": sheets, "fields": fields, "records": records}
    data = json.dumps(snapshot, ensure_ascii=False, separators=(",", ":"), default=_text)
    keys = sorted({finding_key(f, rows) for f in findings if f.severity != "info"})
    # level 1: a third of the default level's time, for a quarter more bytes
    return Snapshot(zlib.compress(data.encode("utf-8", "surrogatepass"), 1), keys)


def _field_names(form: ParsedForm) -> dict[str, str]:
    """Column key → the field's printed name (本季度在建工程项数), for the columns found; not
    the 序号, which renumbers when a row above is removed."""
    return {k: label(form.spec, k) for k in form.columns if k != "seq"}


def _records(workbook: Workbook, parsed: dict[str, ParsedForm]) -> list[list]:
    """[form, sheet, key, row] for every record of every form (and the 合计 row of 附表5/7)."""
    sheets = {s.name: s for s in workbook.sheets}
    records: list[list] = []
    for code, form in parsed.items():
        grid = sheets[form.sheet].rows
        keys = [form.columns[k] for k in RECORD_KEYS[code] if k in form.columns]
        seen: dict[str, int] = {}
        for row in form.rows + ([form.total_row] if form.total_row is not None else []):  # 合计 too
            cells = grid[row]
            named = (identifier(str(cells[c] if c < len(cells) else "")) for c in keys)
            key = next((n for n in named if n), f"第{row + 1}行")
            seen[key] = seen.get(key, 0) + 1
            key += f"#{seen[key]}" if seen[key] > 1 else ""
            records.append([code, form.sheet, key, row])
    return records


def _text(value: object) -> str:
    """A cell value JSON has no type for (json.dumps asks): dates and times as ISO text.
    Numbers are finite already (read keeps NaN as its text)."""
    return value.isoformat() if isinstance(value, (date, datetime, time)) else str(value)


def _load(snapshot: bytes) -> tuple[dict[str, dict[tuple[int, int], object]], list[list] | None]:
    """The cells by sheet, and the records as [form, sheet, key, row, {field: value}] (None from
    a history written before they were kept).

    Histories keep every format qstat wrote: [[sheet, [[row, col, value], ...]], ...] before
    records were kept; {"sheets": (the same), "records": [[form, sheet, key, row, values]]} until
    records were written once; then {"format": 2, "sheets": [[sheet, [[row, [value, ...]], ...]]],
    "fields": {form: {field: col}}, "records": [[form, sheet, key, row]]}.
    """
    data = json.loads(zlib.decompress(snapshot).decode("utf-8", "surrogatepass"))
    if isinstance(data, list) or data.get("format") != 2:
        sheets, records = (data, None) if isinstance(data, list) else (data["sheets"], data["records"])
        return {name: {(r, c): v for r, c, v in cells} for name, cells in sheets}, records
    by_sheet = {
        name: {(r, c): v for r, row in rows for c, v in enumerate(row) if v != ""}
        for name, rows in data["sheets"]
    }
    fields = data["fields"]
    return by_sheet, [
        [
            form,
            sheet,
            key,
            row,
            {n: by_sheet[sheet][row, c] for n, c in fields[form].items() if (row, c) in by_sheet[sheet]},
        ]
        for form, sheet, key, row in data["records"]
    ]


def compare(previous: StoredSnapshot, current: Snapshot) -> Revision:
    """The records added, removed and changed, the other cells changed (in sheet, row, column
    order), and the problems fixed and new."""
    before, old_records = _load(previous.cells)
    after, new_records = _load(current.cells)
    if old_records is None or new_records is None:  # an older history: cell by cell
        old_records = new_records = []
    in_records = {(sheet, row) for _, sheet, _, row, _ in old_records + new_records}
    changed = []
    for sheet in [*after, *(s for s in before if s not in after)]:
        old, new = before.get(sheet, {}), after.get(sheet, {})
        for r, c in sorted(old.keys() | new.keys()):
            a, b = old.get((r, c)), new.get((r, c))
            if (sheet, r) not in in_records and not _same(a, b):
                changed.append({"sheet": sheet, "cell": a1(r, c), "old": a, "new": b})
    records = _record_changes(old_records, new_records)
    fields = sum(len(r["fields"]) if r["change"] == "changed" else 1 for r in records)
    was, now = set(previous.findings), set(current.findings)
    return Revision(
        previous.file,
        previous.sha256,
        len(changed) + fields,
        changed,
        records,
        fixed=sorted(was - now),
        new=sorted(now - was),
        still_open=sorted(was & now),
    )


def _record_changes(old: list[list], new: list[list]) -> list[dict]:
    """{form, key, change, fields} for each record added, removed or changed; a changed one's
    fields are {field: {old, new}}, an added or removed one's its values."""
    before = {(form, key): values for form, _, key, _, values in old}
    after = {(form, key): values for form, _, key, _, values in new}
    order = list(after) + [k for k in before if k not in after]
    changes = []
    for form, key in sorted(order, key=lambda k: list(RECORD_KEYS).index(k[0])):
        a, b = before.get((form, key)), after.get((form, key))
        if a is None or b is None:
            change, fields = ("added", b) if a is None else ("removed", a)
        else:
            change = "changed"
            fields = {
                name: {"old": a.get(name), "new": b.get(name)}
                for name in [*b, *(n for n in a if n not in b)]
                if not _same(a.get(name), b.get(name))
            }
            if not fields:
                continue
        changes.append({"form": form, "key": key, "change": change, "fields": fields})
    return changes


def _same(a: object, b: object) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    return a == b


def revisions(
    subs: Sequence[Examined], duplicates: Mapping[str, Duplicate], period: str, db: Path | None
) -> dict[str, Revision]:
    """The revision of each workbook used that replaces another version of the unit's, by file:
    computed before the files are decided, so each Decided is built with its own."""
    old = {s.file for s in subs if s.file in duplicates and duplicates[s.file].superseded}
    found = {}
    for sub in subs:
        if sub.status not in (OK, ERRORS) or sub.file in old or sub.snapshot is None or sub.unit is None:
            continue
        older = [
            (s, s.snapshot)
            for s in subs
            if s.file in old and s.unit == sub.unit and s.snapshot and s.sha256 != sub.sha256
        ]
        previous: StoredSnapshot | None
        if older:
            newest, snapshot = max(older, key=lambda o: newness(o[0]))
            previous = StoredSnapshot(newest.file, newest.sha256 or "", snapshot.cells, snapshot.findings)
        else:
            previous = last_snapshot(db, period, sub.unit, sub.sha256) if db else None
        if previous is not None:
            found[sub.file] = compare(previous, sub.snapshot)
    return found
