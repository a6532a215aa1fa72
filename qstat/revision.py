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
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from .cells import Cell
from .decided import RECORD_KEYS, Duplicate, Revision, StoredSnapshot
from .findings import Finding, a1
from .forms import FORMS, LIST_FORMS
from .history import last_snapshot
from .intake import ERRORS, OK, newness
from .model import Examined, Snapshot
from .parse import CONVERT
from .rules import RULES
from .validate.common import label
from .validate.details import identifier

if TYPE_CHECKING:
    from .parse import ParsedForm
    from .read import Workbook

Read = Callable[[object], Cell]
# How the parser reads each field of each form, by the field's printed name (a record's values
# are kept by it): two versions are compared by the values read, so 6530.5, "6,530.5" and
# "６５３０．５" (a list pasted anew) are one value, and so are 0.875 and "87.5%" in a rate.
READ = {code: {label(spec, c.key): CONVERT[c.kind] for c in spec.columns} for code, spec in FORMS.items()}


def finding_key(f: Finding, records: dict[tuple[str, int], tuple[str, dict[int, str]]] | None = None) -> str:
    """RULE@SHEET!CELL (RULE@SHEET, RULE when the finding has no cell or sheet).

    A finding on a row of 附表1-4 is keyed by its record instead, RULE@SHEET[KEY]FIELD, so that
    it is the same problem when rows above it were added or removed (``records``: (sheet, row)
    → (record key, column → field name)). A finding standing for several cells (parse's one
    ST006 per kind of normalisation, listing them) is keyed by what it says, RULE@SHEET（NOTE）:
    its cell is the first of them, which a re-sort changes.
    """
    if f.sheet and "cells" in f.params:
        return f"{f.rule}@{f.sheet}（{f.params['note']}）"
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


def _load(snapshot: bytes) -> tuple[dict[str, dict[tuple[int, int], object]], list[list] | None, dict]:
    """The cells by sheet, the records as [form, sheet, key, row, {field: value}] (None from
    a history written before they were kept), and each form's field → column ({} before
    format 2).

    Histories keep every format qstat wrote: [[sheet, [[row, col, value], ...]], ...] before
    records were kept; {"sheets": (the same), "records": [[form, sheet, key, row, values]]} until
    records were written once; then {"format": 2, "sheets": [[sheet, [[row, [value, ...]], ...]]],
    "fields": {form: {field: col}}, "records": [[form, sheet, key, row]]}.
    """
    data = json.loads(zlib.decompress(snapshot).decode("utf-8", "surrogatepass"))
    if isinstance(data, list) or data.get("format") != 2:
        sheets, records = (data, None) if isinstance(data, list) else (data["sheets"], data["records"])
        return {name: {(r, c): v for r, c, v in cells} for name, cells in sheets}, records, {}
    by_sheet = {
        name: {(r, c): v for r, row in rows for c, v in enumerate(row) if v != ""}
        for name, rows in data["sheets"]
    }
    fields = data["fields"]
    return (
        by_sheet,
        [
            [
                form,
                sheet,
                key,
                row,
                {n: by_sheet[sheet][row, c] for n, c in fields[form].items() if (row, c) in by_sheet[sheet]},
            ]
            for form, sheet, key, row in data["records"]
        ],
        fields,
    )


def compare(previous: StoredSnapshot, current: Snapshot) -> Revision:
    """The records added, removed and changed, the other cells changed (in sheet, row, column
    order), and the problems fixed and new.

    Values are compared as the parser reads them (``READ``), here rather than in the snapshot:
    the histories hold the cells as typed, and only the cells that differ as typed are read.
    What changed is shown as typed, as the clerk sees it in the workbook.
    """
    before, old_records, _ = _load(previous.cells)
    after, new_records, fields = _load(current.cells)
    reads = _columns_read(new_records or [], fields)
    if old_records is None or new_records is None:  # an older history: cell by cell
        old_records = new_records = []
    changed = _cell_changes(before, after, old_records, new_records, reads)
    records = _record_changes(old_records, new_records)
    fields_changed = sum(len(r["fields"]) if r["change"] == "changed" else 1 for r in records)
    was, now = _problems(previous.findings), _problems(current.findings)
    return Revision(
        previous.file,
        previous.sha256,
        len(changed) + fields_changed,
        changed,
        records,
        fixed=sorted(was - now),
        new=sorted(now - was),
        still_open=sorted(was & now),
    )


def _problems(keys: list[str]) -> set[str]:
    """The keys of the problems a unit's letter sends back: not those of the rules the catalogue
    keeps from units (``Rule.to_unit``: ST006, IN007, IN005, what qstat normalised, recomputed
    or chose itself), which the unit was never asked to fix. Snapshots keep their keys too."""
    kept = set()
    for key in keys:
        rule = RULES.get(key.partition("@")[0])
        if rule is None or rule.to_unit:  # a rule since retired stays what it was: a problem
            kept.add(key)
    return kept


def _columns_read(records: list[list], fields: dict[str, dict[str, int]]) -> dict[str, dict[int, Read]]:
    """How each column of a sheet holding a form is read, by sheet: as the form's field there.
    A column two forms on one sheet read differently is compared as typed."""
    reads: dict[str, dict[int, set[Read]]] = {}
    for form, sheet in {(form, sheet) for form, sheet, *_ in records}:
        for name, col in fields.get(form, {}).items():
            reads.setdefault(sheet, {}).setdefault(col, set()).add(READ[form][name])
    return {
        sheet: {col: next(iter(found)) for col, found in by_col.items() if len(found) == 1}
        for sheet, by_col in reads.items()
    }


def _cell_changes(
    before: dict[str, dict[tuple[int, int], object]],
    after: dict[str, dict[tuple[int, int], object]],
    old_records: list[list],
    new_records: list[list],
    reads: dict[str, dict[int, Read]],
) -> list[dict]:
    """{sheet, cell, old, new} for each cell outside the records (each version's own) that
    changed, in sheet, row, column order; a cell in a form's column compared as the field reads
    (``reads``); a value that only moved within its column (a footer line pushed down by rows
    inserted above) is no change."""
    old_rows = {(sheet, row) for _, sheet, _, row, _ in old_records}
    new_rows = {(sheet, row) for _, sheet, _, row, _ in new_records}
    changed = []
    for sheet in [*after, *(s for s in before if s not in after)]:
        old = {p: v for p, v in before.get(sheet, {}).items() if (sheet, p[0]) not in old_rows}
        new = {p: v for p, v in after.get(sheet, {}).items() if (sheet, p[0]) not in new_rows}
        read = reads.get(sheet, {})
        found = [
            (r, c, old.get((r, c)), new.get((r, c)))
            for r, c in sorted(old.keys() | new.keys())
            if not _same(old.get((r, c)), new.get((r, c)), read.get(c))
        ]
        changed += [
            {"sheet": sheet, "cell": a1(r, c), "old": a, "new": b} for r, c, a, b in _unmoved(found, read)
        ]
    return changed


def _unmoved(found: list[tuple[int, int, object, object]], read: dict[int, Read]) -> list[tuple]:
    """The changes (row, col, old, new) of one sheet less the moves: a value that left one cell
    and appears in another of the same column (as read) pairs off, each leaving with one
    appearing; a change is kept when what it removed or what it wrote did not pair."""
    left = Counter((c, _value(a, read.get(c))) for _, c, a, _ in found if a is not None)
    came = Counter((c, _value(b, read.get(c))) for _, c, _, b in found if b is not None)
    gone, arrived = left & came, left & came  # each pair is used once from each side
    kept = []
    for r, c, a, b in found:
        moved_out = a is None or _take(gone, (c, _value(a, read.get(c))))
        moved_in = b is None or _take(arrived, (c, _value(b, read.get(c))))
        if not (moved_out and moved_in):
            kept.append((r, c, a, b))
    return kept


def _take(pairs: Counter, value: tuple) -> bool:
    """Use one of ``value``'s pairs, if one is left."""
    if pairs[value] <= 0:
        return False
    pairs[value] -= 1
    return True


def _record_changes(old: list[list], new: list[list]) -> list[dict]:
    """{form, key, change, fields} for each record added, removed or changed; a changed one's
    fields are {field: {old, new}} as typed, an added or removed one's its values."""
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
                if not _same(a.get(name), b.get(name), READ[form].get(name))
            }
            if not fields:
                continue
        changes.append({"form": form, "key": key, "change": change, "fields": fields})
    return changes


def _same(a: object, b: object, read: Read | None = None) -> bool:
    """Equal as typed, else as ``read`` (the parser's conversion of the column) reads them."""
    return _equal(a, b) or (read is not None and _equal(_value(a, read), _value(b, read)))


def _value(raw: object, read: Read | None) -> object:
    """A cell's value as ``read`` reads it; as typed when it reads none (a header or footer line
    in a form's column, text that is no figure)."""
    value = read(raw).value if read is not None else None
    return raw if value is None else value


def _equal(a: object, b: object) -> bool:
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
