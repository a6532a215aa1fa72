"""The forms writer against a bare xlsxwriter write of the same cells (issue 11, item 2).

    python benchmarks/bench_forms_writer.py [--workbooks 40] [--repeat 3]

Rows of 附表1-4 as qstat writes them (序号, 填报单位, 县（区）, then the form's columns) from
the first N stress-inbox workbooks (benchmarks/make_stress_inbox.py, generated in memory).
(bare) one constant_memory xlsxwriter workbook, one sheet per form, a format per column
chosen before the loop, write_string / write_number / write_blank per cell (dates as day
numbers): the least any writer of these cells pays. (qstat) the same rows through
qstat.write.layout.write_form_sheet (titles, two-row header, notes, print setup, rows sized to
wrapped text). Medians of --repeat runs, CPU time of this process (a busy machine stretches
wall time, not CPU time), with the load average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import make_stress_inbox as msi  # noqa: E402
import xlsxwriter  # noqa: E402

from qstat.forms import FORMS  # noqa: E402
from qstat.listed import detail_columns  # noqa: E402
from qstat.write.forms_workbook import WORKBOOK_OPTIONS  # noqa: E402
from qstat.write.layout import Formats, write_form_sheet  # noqa: E402

FORM_KEYS = {"F1": "f1", "F2": "f2", "F3": "f3", "F4": "f4"}


def form_rows(workbooks: int) -> dict[str, list[list]]:
    """附表1-4 rows in qstat's printed column order, for N generated workbooks."""
    rows: dict[str, list[list]] = {code: [] for code in FORM_KEYS}
    for i in range(1, workbooks + 1):
        data = msi.gen_workbook_data(i)
        for code, key in FORM_KEYS.items():
            width = len(detail_columns(FORMS[code])) - 3
            for record in data[key]:
                values = record[1:] if code in ("F3", "F4") else record  # 序号 is renumbered
                values = (list(values) + [""] * width)[:width]
                rows[code].append([len(rows[code]) + 1, data["unit"], data["unit"]] + values)
    return rows


def bare(path: Path, rows: dict[str, list[list]]) -> int:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    formats = {
        kind: book.add_format({"border": 1, "num_format": f} if f else {"border": 1})
        for kind, f in (("s", ""), ("n", "0.00"), ("d", "yyyy-mm-dd"))
    }
    cells = 0
    for code, form in rows.items():
        ws = book.add_worksheet(FORMS[code].sheet_name)
        columns = detail_columns(FORMS[code])
        kinds = ["d" if c.kind == "date" else "n" if c.kind in ("area", "number") else "s" for c in columns]
        fmts = [formats[k] for k in kinds]
        string, number, blank = ws.write_string, ws.write_number, ws.write_blank
        for r, values in enumerate(form, 5):
            for c, v in enumerate(values):
                if v is None or v == "":
                    blank(r, c, None, fmts[c])
                elif isinstance(v, str):
                    string(r, c, v, fmts[c])
                elif isinstance(v, date):
                    number(r, c, (v - msi.EXCEL_EPOCH).days, fmts[c])
                else:
                    number(r, c, v, fmts[c])
            cells += len(values)
    book.close()
    return cells


def qstat_writer(path: Path, rows: dict[str, list[list]]) -> None:
    book = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    formats = Formats(book)
    for code, form in rows.items():
        spec = FORMS[code]
        write_form_sheet(book, formats, spec, detail_columns(spec), "平顶山市", "2024年第三季度", form)
    book.close()


def timed(fn) -> float:
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workbooks", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    rows = form_rows(args.workbooks)
    cells = sum(len(r) for form in rows.values() for r in form)
    times: dict[str, list[float]] = {"bare": [], "qstat": []}
    loads = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeat):
            loads.append(os.getloadavg()[0])
            times["bare"].append(timed(lambda: bare(Path(tmp) / "bare.xlsx", rows)))
            times["qstat"].append(timed(lambda: qstat_writer(Path(tmp) / "qstat.xlsx", rows)))
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"{cells:,} cells ({args.workbooks} workbooks), median of {args.repeat}, CPU seconds")
    print(f"load average at each repeat: {', '.join(f'{x:.2f}' for x in loads)}")
    for k, v in times.items():
        print(f"  {k:6s} {med[k]:.2f} s  ({', '.join(f'{x:.2f}' for x in v)})")
    print(f"  overhead {100 * (med['qstat'] / med['bare'] - 1):.1f} %  (target < 15 %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
