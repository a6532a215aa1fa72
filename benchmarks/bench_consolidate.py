"""Benchmark `qstat consolidate` against the bare cost of reading and writing the same data.

    python benchmarks/bench_consolidate.py                      # full run, 200 workbooks
    python benchmarks/bench_consolidate.py --workbooks 10 --no-readme   # quick check

Measures, in one run, on a generated stress inbox (benchmarks/make_stress_inbox.py):

  (a) a bare python-calamine read of every sheet of every workbook, one process;
  (b) a bare xlsxwriter write (constant_memory) of as many cells as the consolidated
      output holds (F1-F4 rows x their columns + 1 for 填报单位, F5 units + 合计, F6,
      a submissions/findings sheet), computed from what was generated;
  (c) `qstat consolidate INBOX --period 2024Q3 --config CFG --out DIR --db DBFILE` as a
      subprocess: wall time, CPU time and peak memory of the whole process tree
      (psutil polling, summed RSS of qstat and all its descendants) and the largest single
      process (ru_maxrss of qstat as GNU time -v reports it);
  plus the peak memory of (c) at several inbox sizes (default 50, 100, 200) and the naive
  pandas.read_excel(sheet_name=None, engine="openpyxl") on a subset, extrapolated.

Target: c <= 1.5 x (a + b).  Results: printed table, benchmarks/work/results.json and
(unless --no-readme) the results section of benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_stress_inbox as msi  # noqa: E402

TARGET = 1.5
GNU_TIME = "/usr/bin/time"
DEFAULT_STRESS = HERE / "stress"
DEFAULT_WORK = HERE / "work"


# --------------------------------------------------------------------------- helpers


def _fmt_s(x):
    return "—" if x is None else f"{x:.2f} s"


def _fmt_mb(x):
    return "—" if x is None else f"{x:.0f} MB"


def inbox_files(stress_dir: Path) -> list[Path]:
    return sorted(p for p in (stress_dir / "inbox").iterdir() if p.suffix == ".xlsx")


def stress_dir_for(root: Path, workbooks: int, rows: int) -> Path:
    return root / f"w{workbooks}_r{rows}"


# --------------------------------------------------------------------------- (a)


def bench_calamine(files: list[Path]) -> dict:
    from python_calamine import CalamineWorkbook

    cells = 0
    t0 = time.perf_counter()
    for p in files:
        wb = CalamineWorkbook.from_path(str(p))
        for name in wb.sheet_names:
            rows = wb.get_sheet_by_name(name).to_python()
            if rows:
                cells += len(rows) * len(rows[0])
    return {"seconds": time.perf_counter() - t0, "cells": cells}


# --------------------------------------------------------------------------- (b)

SUBMISSION_COLS = ["文件", "填报单位", "状态", "计入汇总", "错误", "警告"]
FINDING_COLS = ["文件", "填报单位", "表", "工作表", "单元格", "规则", "级别", "说明"]


def output_cell_count(manifest: dict, findings: int = 0) -> dict:
    """Cells of the consolidated output, from what was generated (headers included)."""
    w = len(manifest["files"])
    t = manifest["totals"]
    cols = msi.FORM_COLUMNS
    parts = {
        "F1": (t["F1"] + 1) * (cols["F1"] + 1),
        "F2": (t["F2"] + 1) * (cols["F2"] + 1),
        "F3": (t["F3"] + 1) * (cols["F3"] + 1),
        "F4": (t["F4"] + 1) * (cols["F4"] + 1),
        "F5": (w + 1 + 1) * cols["F5"],  # header + one row per unit + 合计
        "F6": (6 + 1) * cols["F6"],
        "findings": (w + 1) * len(SUBMISSION_COLS) + (findings + 1) * len(FINDING_COLS),
    }
    parts["total"] = sum(parts.values())
    return parts


def consolidated_rows(manifest: dict) -> dict:
    """Rebuild the consolidated rows (unit column first) from the deterministic generator."""
    p = manifest["params"]
    out = {"F1": [], "F2": [], "F3": [], "F4": [], "F5": []}
    for i in range(1, len(manifest["files"]) + 1):
        d = msi.gen_workbook_data(i, p["rows"], p["seed"])
        u = d["unit"]
        for k in ("F1", "F2", "F3", "F4"):
            out[k].extend([u, *r] for r in d[k.lower()])
        out["F5"].append(d["f5"])
    out["F6"] = d["f6"]
    return out


def bench_xlsxwriter(data: dict, manifest: dict, path: Path) -> dict:
    import xlsxwriter

    kinds = {
        "F1": "s" + msi.F1_KINDS,
        "F2": "s" + msi.F2_KINDS,
        "F3": "s" + msi.F3_KINDS,
        "F4": "s" + msi.F4_KINDS,
        "F5": msi.F5_KINDS,
        "F6": msi.F6_KINDS,
    }
    headers = {
        "F1": ["填报单位", *msi.F1_TOP[:3], "姓名", "职务", *msi.F1_TOP[5:]],
        "F2": ["填报单位", *msi.F2_HEADER],
        "F3": ["填报单位", *msi.F3_HEADER],
        "F4": ["填报单位", *msi.F4_HEADER],
        "F5": ["单位"] + [f"c{i}" for i in range(msi.F5_COLS - 1)],
        "F6": ["项目"] + [f"c{i}" for i in range(msi.F6_COLS - 1)],
    }
    f5_total = ["合计"] + [0] * (msi.F5_COLS - 1)  # values are irrelevant for timing; the cell count is not
    submissions = [[f["file"], f["unit"], "ok", "是", 0, 0] for f in manifest["files"]]
    written = 0
    t0 = time.perf_counter()
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    fmt = {
        "s": wb.add_format({"border": 1}),
        "i": wb.add_format({"border": 1, "num_format": "0"}),
        "n": wb.add_format({"border": 1, "num_format": "0.00"}),
        "r": wb.add_format({"border": 1, "num_format": "0.0"}),
        "d": wb.add_format({"border": 1, "num_format": "yyyy-mm-dd"}),
    }
    head = wb.add_format({"bold": True, "border": 1})
    epoch = msi.EXCEL_EPOCH
    for form, sheet in (
        ("F1", "附表1"),
        ("F2", "附表2"),
        ("F3", "附表3"),
        ("F4", "附表4"),
        ("F5", "附表5"),
        ("F6", "附表6"),
    ):
        ws = wb.add_worksheet(sheet)
        ws.write_row(0, 0, headers[form], head)
        written += len(headers[form])
        rows = data[form] + ([f5_total] if form == "F5" else [])
        ks = kinds[form]
        f_list = [fmt[k] for k in ks]
        ws_s, ws_n, ws_b = ws.write_string, ws.write_number, ws.write_blank
        r = 1
        for values in rows:
            for c, v in enumerate(values):
                if v is None or v == "":
                    ws_b(r, c, None, f_list[c])
                elif ks[c] == "s":
                    ws_s(r, c, v, f_list[c])
                elif ks[c] == "d":
                    ws_n(r, c, (v - epoch).days, f_list[c])
                else:
                    ws_n(r, c, v, f_list[c])
            written += len(values)
            r += 1
    ws = wb.add_worksheet("审核结果")
    ws.write_row(0, 0, SUBMISSION_COLS, head)
    for r, values in enumerate(submissions, start=1):
        ws.write_row(r, 0, values, fmt["s"])
    written += len(SUBMISSION_COLS) * (len(submissions) + 1)
    ws = wb.add_worksheet("问题清单")
    ws.write_row(0, 0, FINDING_COLS, head)
    written += len(FINDING_COLS)
    wb.close()
    return {"seconds": time.perf_counter() - t0, "cells": written, "bytes": path.stat().st_size}


# --------------------------------------------------------------------------- pandas


def bench_pandas(files: list[Path], total: int) -> dict:
    import pandas as pd

    t0 = time.perf_counter()
    for p in files:
        pd.read_excel(p, sheet_name=None, engine="openpyxl")
    s = time.perf_counter() - t0
    return {"seconds_subset": s, "files": len(files), "extrapolated": s / len(files) * total}


# --------------------------------------------------------------------------- (c)


def qstat_command() -> list[str]:
    exe = shutil.which("qstat")
    return [exe] if exe else [sys.executable, "-m", "qstat"]


def run_measured(cmd: list[str], cwd: Path, log_prefix: Path, interval: float = 0.05) -> dict:
    """Run cmd; wall time, CPU, exit status, peak RSS of the whole tree and largest process."""
    import psutil

    out = open(f"{log_prefix}.stdout", "wb")
    err = open(f"{log_prefix}.stderr", "wb")
    # GNU time reports qstat's own rusage. Read from our wait4 instead, ru_maxrss would
    # include this (large) benchmark process: Linux carries the pre-exec high-water mark of
    # the forked child over the exec.
    time_log = Path(f"{log_prefix}.time")
    wrapped = os.path.exists(GNU_TIME)
    if wrapped:
        cmd = [GNU_TIME, "-v", "-o", str(time_log), *cmd]
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
    peak = {"tree": 0, "procs": 0}
    done = threading.Event()

    def sample():
        try:
            root = psutil.Process(p.pid)
        except psutil.Error:
            return
        while not done.is_set():
            total, n = 0, 0
            try:  # with GNU time as the root, count only qstat and its descendants
                kids = root.children(recursive=True)
                procs = kids if wrapped else [root, *kids]
            except psutil.Error:
                break
            for q in procs:
                try:
                    total += q.memory_info().rss
                    n += 1
                except psutil.Error:
                    pass
            peak["tree"] = max(peak["tree"], total)
            peak["procs"] = max(peak["procs"], n)
            done.wait(interval)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    done.set()
    th.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    out.close()
    err.close()
    max_single_kib = ru.ru_maxrss  # KiB on Linux
    exit_code = p.returncode
    if wrapped:
        text = time_log.read_text(errors="replace") if time_log.exists() else ""
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
        max_single_kib = int(m.group(1)) if m else None
        m = re.search(r"Exit status: (\d+)", text)
        if m:
            exit_code = int(m.group(1))
        elif "terminated by signal" in text:
            exit_code = -1
    return {
        "seconds": wall,
        "exit": exit_code,
        "cpu_seconds": ru.ru_utime + ru.ru_stime,
        "peak_tree_mb": peak["tree"] / 2**20,
        "max_single_mb": None if max_single_kib is None else max_single_kib / 1024,
        "max_processes": peak["procs"],
        "stderr_tail": Path(f"{log_prefix}.stderr").read_text(errors="replace")[-3000:],
    }


def bench_qstat(stress: Path, work: Path, tag: str, period: str = msi.PERIOD) -> dict:
    out_dir = work / f"out_{tag}"
    db = work / f"qstat_{tag}.sqlite"
    shutil.rmtree(out_dir, ignore_errors=True)
    if db.exists():
        db.unlink()
    cmd = [
        *qstat_command(),
        "consolidate",
        str(stress / "inbox"),
        "--period",
        period,
        "--config",
        str(stress / "qstat.toml"),
        "--out",
        str(out_dir),
        "--db",
        str(db),
    ]
    res = run_measured(cmd, work, work / f"qstat_{tag}")
    res["command"] = " ".join(cmd)
    summary = out_dir / "summary.json"
    if summary.exists():
        try:
            s = json.loads(summary.read_text(encoding="utf-8"))
            res["summary"] = {
                "status": dict(Counter(x.get("status") for x in s.get("submissions", []))),
                "rules": dict(Counter(f.get("rule") for f in s.get("findings", [])).most_common(12)),
                "findings": len(s.get("findings", [])),
                "rows": {k: (s.get("totals", {}).get(k) or {}).get("rows") for k in ("F1", "F2", "F3", "F4")},
                "missing_units": len(s.get("missing_units", [])),
            }
            res["first_findings"] = s.get("findings", [])[:5]
        except (ValueError, AttributeError) as e:
            res["summary"] = {"error": f"summary.json unreadable: {e}"}
    res["outputs"] = sorted(p.name for p in out_dir.iterdir()) if out_dir.exists() else []
    return res


def profile_qstat(stress: Path, work: Path, top: int = 12) -> dict:
    """Sample qstat and its workers with py-spy; CPU samples by phase and by qstat function."""
    spy = shutil.which("py-spy")
    if not spy:
        return {"error": "py-spy not installed (pip install py-spy)"}
    out_dir, db, raw = work / "out_profile", work / "qstat_profile.sqlite", work / "pyspy.txt"
    shutil.rmtree(out_dir, ignore_errors=True)
    if db.exists():
        db.unlink()
    cmd = [
        spy,
        "record",
        "--subprocesses",
        "--format",
        "raw",
        "--rate",
        "100",
        "-o",
        str(raw),
        "--",
        *qstat_command(),
        "consolidate",
        str(stress / "inbox"),
        "--period",
        msi.PERIOD,
        "--config",
        str(stress / "qstat.toml"),
        "--out",
        str(out_dir),
        "--db",
        str(db),
        "--quiet",
    ]
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if not raw.exists():
        return {"error": f"py-spy failed: {r.stderr[-500:]}"}
    phases, funcs, procs = Counter(), Counter(), Counter()
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, n = line.rpartition(" ")
        if not n.isdigit():
            continue
        n = int(n)
        frames = stack.split(";")
        kind = "worker" if sum(f.startswith("process ") for f in frames) > 1 else "main"
        frames = [f for f in frames if not f.startswith("process ")]
        procs[kind] += n
        phase = "other"
        for i, f in enumerate(frames):
            if f.startswith("consolidate (qstat/consolidate.py") and i + 1 < len(frames):
                phase = frames[i + 1].split(" (")[0]
                break
        phases[f"{kind}: {phase}"] += n
        q = [f for f in frames if "(qstat/" in f]
        if q:
            funcs[f"{kind}: " + re.sub(r":\d+\)", ")", q[-1])] += n
    total = sum(procs.values()) or 1
    return {
        "wall_seconds": wall,
        "samples": total,
        "rate_hz": 100,
        "processes": {k: round(v / total * 100, 1) for k, v in procs.items()},
        "phases": [(k, round(v / 100, 1), round(v / total * 100, 1)) for k, v in phases.most_common(top)],
        "functions": [(k, round(v / 100, 1), round(v / total * 100, 1)) for k, v in funcs.most_common(top)],
    }


def qstat_available() -> tuple[bool, str]:
    try:
        r = subprocess.run(
            [*qstat_command(), "consolidate", "--help"], capture_output=True, text=True, timeout=120
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        return False, str(e)
    return r.returncode == 0, (r.stderr or r.stdout)[-500:]


# --------------------------------------------------------------------------- report


def machine() -> str:
    cpu = ""
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        import psutil

        mem = f", {psutil.virtual_memory().total / 2**30:.0f} GiB RAM"
    except ImportError:
        pass
    return (
        f"{os.cpu_count()} cores ({cpu or platform.machine()}){mem}, "
        f"Python {platform.python_version()}, {platform.system()}"
    )


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for name in ("python-calamine", "xlsxwriter", "openpyxl", "pandas", "qstat"):
        try:
            out.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            pass
    return ", ".join(out)


def results_table(r: dict) -> list[tuple[str, str, str]]:
    m = r["manifest"]
    rows = [("inbox", f"{m['workbooks']} workbooks, {m['F3']} F3 + {m['F4']} F4 rows, {m['mb']:.1f} MB", "")]
    a, b = r["a"], r["b"]
    rows.append(("(a) calamine read, all sheets, 1 process", _fmt_s(a["seconds"]), f"{a['cells']:,} cells"))
    rows.append(("(b) xlsxwriter write, constant_memory", _fmt_s(b["seconds"]), f"{b['cells']:,} cells"))
    rows.append(
        (
            "(a)+(b)",
            _fmt_s(a["seconds"] + b["seconds"]),
            f"target for (c): ≤ {TARGET * (a['seconds'] + b['seconds']):.2f} s",
        )
    )
    c = r.get("c")
    if c:
        rows.append(
            (
                "(c) qstat consolidate (wall)",
                _fmt_s(c["seconds"]),
                f"exit {c['exit']}, CPU {c['cpu_seconds']:.1f} s, peak tree RSS {_fmt_mb(c['peak_tree_mb'])}",
            )
        )
        ratio = c["seconds"] / (a["seconds"] + b["seconds"])
        rows.append(
            ("c / (a+b)", f"{ratio:.2f}", "meets target" if ratio <= TARGET else f"misses target ({TARGET})")
        )
    else:
        rows.append(("(c) qstat consolidate", "not run", r.get("c_skipped", "")))
    p = r.get("pandas")
    if p:
        rows.append(
            (
                f"pandas.read_excel(openpyxl), {p['files']} files",
                _fmt_s(p["seconds_subset"]),
                f"extrapolated to {m['workbooks']}: {p['extrapolated']:.1f} s",
            )
        )
    return rows


def profile_lines(prof: dict, md: bool = False) -> list[str]:
    if "error" in prof:
        return [f"profile: {prof['error']}"]
    head = (
        f"py-spy, {prof['samples']} samples at {prof['rate_hz']} Hz (CPU seconds of qstat "
        f"and its workers; the sampled run took {prof['wall_seconds']:.1f} s wall)"
    )
    out = [head, ""] if md else [head]
    for title, key in (("phase", "phases"), ("deepest qstat function", "functions")):
        if md:
            out += [f"| {title} | CPU s | share |", "| --- | ---: | ---: |"]
            out += [f"| {k} | {s} | {p} % |" for k, s, p in prof[key]]
            out.append("")
        else:
            out.append(f"  by {title}:")
            out += [f"    {s:7.1f} s {p:5.1f} %  {k}" for k, s, p in prof[key]]
    return out


def print_report(r: dict) -> None:
    rows = results_table(r)
    w0 = max(len(x[0]) for x in rows)
    w1 = max(len(x[1]) for x in rows)
    print()
    for name, val, note in rows:
        print(f"{name:<{w0}}  {val:>{w1}}  {note}")
    mem = r.get("memory") or []
    if mem:
        print("\nqstat consolidate by inbox size:")
        print(
            f"{'workbooks':>9}  {'wall':>8}  {'CPU':>8}  {'peak tree RSS':>13}  "
            f"{'largest process':>15}  {'processes':>9}  exit"
        )
        for x in mem:
            print(
                f"{x['workbooks']:>9}  {x['seconds']:>7.2f}s  {x['cpu_seconds']:>7.1f}s  "
                f"{x['peak_tree_mb']:>10.0f} MB  {_fmt_mb(x['max_single_mb']):>15}  "
                f"{x['max_processes']:>9}  {x['exit']}"
            )
    prof = r.get("profile")
    if prof:
        print("\n" + "\n".join(profile_lines(prof)))
    c = r.get("c")
    if c and c.get("summary"):
        print("\nqstat summary.json:", json.dumps(c["summary"], ensure_ascii=False))
    if c and c["exit"] not in (0, 1):
        print("\nqstat failed; stderr tail:\n" + c["stderr_tail"])


README_HEAD = """# Benchmarks

`bench_consolidate.py` checks that `qstat consolidate` costs little more than the bare
reading and writing it cannot avoid, and that its memory does not grow with the number of
workbooks.

## How to run

```sh
pip install -e .            # qstat itself
pip install psutil          # for the benchmark only: memory of the process tree
pip install py-spy          # only for --profile (CPU samples of qstat and its workers)
python benchmarks/bench_consolidate.py            # full run: 200 workbooks x ~2,000 rows
python benchmarks/bench_consolidate.py --workbooks 10 --mem-sizes 5,10 --no-readme  # smoke
python benchmarks/make_stress_inbox.py DIR --workbooks 200 --rows 2000   # inbox only
```

The stress inbox is generated once into `benchmarks/stress/w{WORKBOOKS}_r{ROWS}/` (`inbox/`,
`qstat.toml` with the 200 units 县001..县200, `manifest.json`) and reused while the
parameters are the same; the smaller inboxes for the memory figures are hard links to the
first N workbooks of the big one. Scratch output goes to `benchmarks/work/` (both ignored by
git). `--skip-qstat` runs only (a), (b) and pandas; `--repeat N` repeats (a), (b) and (c)
at full size and reports the median; `--profile` adds one untimed qstat run under
`py-spy record --subprocesses` and tabulates its CPU samples by phase and by function;
`--readme-only` rewrites this file from `benchmarks/work/results.json`. Run it on an idle
machine: the load average at the start is recorded with the results.

## One 退回 marked copy (`bench_marked_copy.py`)

`python benchmarks/bench_marked_copy.py [--rows 2000] [--repeat 15]` times the marked copy of
one stress-inbox workbook (附表1-6, about 1,200 附表3 and 800 附表4 rows, 138 KiB) with 32
findings (20 cells on 附表3, 10 on 附表4, 附表5's merged header, one bound to no cell): before
(qstat/write/returns.py at commit 7677f78, loaded from git: an openpyxl load, fill and comment,
save) and after (the package copied member by member, only the marked parts rewritten:
qstat/write/marked_package.py), with a bare calamine read of the workbook as the floor. Medians
of 15 runs, wall and CPU (CPU suffers less from a busy machine). Run of 2026-12-02 on 2 cores,
load average 5.3 at the start (other jobs running, so the wall figures are noisy):

| | wall | CPU |
| --- | ---: | ---: |
| calamine read | 13.5 ms | 13.0 ms |
| before (openpyxl) | 484.8 ms | 327.1 ms |
| after (package) | 35.0 ms | 25.6 ms |
| speed-up | 13.8 x | 12.8 x |

Most of what is left is deflating the two rewritten 400 KB sheets again (about 18 ms at zlib
level 6; unchanged members are copied as stored, not recompressed).

## The stress inbox

200 workbooks of about 2,000 附表3/附表4 rows each (ten times a real province). Each has
sheets 附表1..附表6 laid out like a clerk's copy of the official forms (seed 002): the form
number and title rows, `填表单位（公章/盖章）：县NNN` with `2024年第三季度` at the right of
the same row, the official header texts (附表1, 附表5 and 附表6 with two-row merged
headers), the data rows, a 合计 row and the 填表说明 notes on 附表5, and the footer
`统计员：…  批准人：…  报送日期：2024年10月8日`. Per workbook: about 1,200 附表3 rows and
800 附表4 rows (±5 %), 3-8 附表1 and 1-4 附表2 records, one 附表5 unit row + 合计, six 附表6
category rows. The figures are consistent (附表5 在建 = the 附表3 list, 竣工/备案 = the 附表4
list, 新注册 = 附表3 projects registered in 2024, 接转 = 在建 + 竣工 − 新注册, 附表6 from the
same projects; all dates inside 2024Q3; 备案日期 after 竣工日期), so a correct qstat should
find next to nothing to report. Values are clean (real numbers and Excel dates, no
text-typed numbers): this measures throughput, not normalisation.

## What each number is

- **(a)** `python_calamine.CalamineWorkbook.from_path(p)` and `.to_python()` of every sheet
  of every workbook, one process: the least any reader must pay.
- **(b)** one `xlsxwriter.Workbook(..., {"constant_memory": True})` with as many cells as
  qstat's outputs hold, counted from what was generated: all 附表1-4 rows × their columns
  + 1 (填报单位), plus a header row each, 附表5 (one row per unit + 合计), 附表6, and a
  submissions/findings sheet (one row per workbook). Empty cells are written as formatted
  blanks so the cell count is exact. Data are the generated rows themselves (built before the
  clock starts).
- **(c)** `qstat consolidate INBOX --period 2024Q3 --config CFG --out DIR --db DBFILE` as a
  subprocess with a fresh database and output folder: wall time; CPU = user+sys of qstat and
  its waited-for children (from `wait4`); **peak tree RSS** = the highest sum of RSS of qstat
  and all its descendants (its reader worker processes included), sampled every 50 ms with
  psutil (an upper bound: pages shared after fork are counted once per process);
  **largest process** = "Maximum resident set size" from `/usr/bin/time -v` around qstat
  (`ru_maxrss` of qstat and its waited-for children: the biggest single process, not a sum).
- **pandas**: the naive script a helper would write,
  `pandas.read_excel(path, sheet_name=None, engine="openpyxl")` per file, timed on the first
  N files and multiplied by 200/N (extrapolated, not measured on all 200).

Target: **c ≤ 1.5 × (a + b)**.
"""


def auto_notes(r: dict) -> list[str]:
    """Observations that follow from the figures of this run."""
    notes = []
    a, b, c = r["a"], r["b"], r.get("c")
    prof = r.get("profile") or {}
    phases = {k: v for k, v, _ in prof.get("phases", [])}
    write = phases.get("main: write_forms_workbook")
    intake = phases.get("worker: _intake")
    if c and write is not None and intake is not None:
        notes.append(
            f"Where (c) goes (py-spy run): the reading/validation workers use {intake:.1f} CPU s "
            f"in all (about {intake / 2:.1f} s of wall time on 2 workers, against "
            f"{a['seconds']:.1f} s for the bare single-process read (a)), then the main process "
            f"writes the forms workbook alone for about {write:.1f} s, against {b['seconds']:.1f} s "
            "for the bare write (b). Reading and writing do not overlap: the write starts when "
            "the last workbook is read."
        )
    mem = r.get("memory") or []
    if len(mem) >= 2:
        lo, hi = mem[0], mem[-1]
        notes.append(
            f"Peak memory of the whole tree goes from {lo['peak_tree_mb']:.0f} MB at "
            f"{lo['workbooks']} workbooks to {hi['peak_tree_mb']:.0f} MB at {hi['workbooks']} "
            f"({hi['workbooks'] / lo['workbooks']:.0f}x the workbooks): flat; the peak is during "
            "intake, when the main process and its 2 workers are alive. The largest single "
            f"process goes from {_fmt_mb(lo['max_single_mb'])} to {_fmt_mb(hi['max_single_mb'])}."
        )
    p = r.get("pandas")
    if p:
        notes.append(
            f"The naive pandas/openpyxl read alone would take about {p['extrapolated']:.0f} s for "
            f"{r['manifest']['workbooks']} workbooks (measured on {p['files']}, extrapolated "
            f"linearly), {p['extrapolated'] / a['seconds']:.0f}x the calamine read (a), before any "
            "checking or writing."
        )
    return notes


def write_readme(r: dict, path: Path) -> None:
    lines = [README_HEAD, "## Results", ""]
    lines.append(
        f"Run of {r['when']} on {r['machine']}; {r['versions']}; load average at "
        f"start {', '.join(map(str, r.get('loadavg_at_start', [])))}."
    )
    lines.append("")
    if r.get("repeat", 1) > 1:
        lines.append(f"Times are medians of {r['repeat']} runs.")
        lines.append("")
    lines += ["| measurement | value | notes |", "| --- | ---: | --- |"]
    for name, val, note in results_table(r):
        lines.append(f"| {name} | {val} | {note} |")
    lines.append("")
    a, b, c = r["a"], r["b"], r.get("c")
    if c:
        ratio = c["seconds"] / (a["seconds"] + b["seconds"])
        lines.append(
            f"**c / (a+b) = {c['seconds']:.2f} / ({a['seconds']:.2f} + "
            f"{b['seconds']:.2f}) = {ratio:.2f}** (target ≤ {TARGET}: "
            f"{'met' if ratio <= TARGET else 'not met'})."
        )
        lines.append("")
    mem = r.get("memory") or []
    if mem:
        lines += [
            "### Memory of `qstat consolidate` by inbox size",
            "",
            "| workbooks | wall | CPU | peak tree RSS | largest process | processes | exit |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for x in mem:
            lines.append(
                f"| {x['workbooks']} | {x['seconds']:.2f} s | {x['cpu_seconds']:.1f} s"
                f" | {x['peak_tree_mb']:.0f} MB | {_fmt_mb(x['max_single_mb'])} | "
                f"{x['max_processes']} | {x['exit']} |"
            )
        lines.append("")
    if c and c.get("summary"):
        lines.append(
            f"qstat's summary.json for the 200-workbook run: `{json.dumps(c['summary'], ensure_ascii=False)}`"
        )
        lines.append("")
    if r.get("profile"):
        lines += ["### Where qstat spends its time", ""] + profile_lines(r["profile"], md=True)
    notes = auto_notes(r) + list(r.get("notes") or [])
    if notes:
        lines += ["### Notes", ""] + [f"- {n}" for n in notes] + [""]
    path.write_text("\n".join(lines), encoding="utf-8")


# --------------------------------------------------------------------------- main


def median_run(fn, repeat: int) -> dict:
    runs = [fn() for _ in range(repeat)]
    best = sorted(runs, key=lambda x: x["seconds"])[len(runs) // 2]
    if repeat > 1:
        best = dict(
            best,
            runs=[round(x["seconds"], 3) for x in runs],
            seconds=statistics.median(x["seconds"] for x in runs),
        )
    return best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workbooks", type=int, default=200)
    ap.add_argument("--rows", type=int, default=2000)
    ap.add_argument(
        "--mem-sizes",
        default="50,100,200",
        help="inbox sizes for the memory figures of (c) (comma separated)",
    )
    ap.add_argument("--pandas-files", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--skip-qstat", action="store_true")
    ap.add_argument("--skip-pandas", action="store_true")
    ap.add_argument("--stress-dir", type=Path, default=DEFAULT_STRESS)
    ap.add_argument("--work-dir", type=Path, default=DEFAULT_WORK)
    ap.add_argument("--no-readme", action="store_true")
    ap.add_argument(
        "--profile",
        action="store_true",
        help="also sample one extra qstat run with py-spy (not the timed run)",
    )
    ap.add_argument("--note", action="append", default=[], help="line for the README notes")
    ap.add_argument(
        "--readme-only",
        action="store_true",
        help="rewrite README.md from the last results.json (plus --note lines)",
    )
    a = ap.parse_args(argv)

    if a.readme_only:
        r = json.loads((a.work_dir / "results.json").read_text(encoding="utf-8"))
        r["notes"] = list(r.get("notes") or []) + list(a.note)
        (a.work_dir / "results.json").write_text(
            json.dumps(r, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
        )
        print_report(r)
        write_readme(r, HERE / "README.md")
        return 0

    a.work_dir.mkdir(parents=True, exist_ok=True)
    stress = stress_dir_for(a.stress_dir, a.workbooks, a.rows)
    t0 = time.perf_counter()
    manifest = msi.make_stress_inbox(stress, a.workbooks, a.rows)
    gen_s = time.perf_counter() - t0
    files = inbox_files(stress)
    r = {
        "when": time.strftime("%Y-%m-%d %H:%M"),
        "machine": machine(),
        "versions": versions(),
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
        "repeat": a.repeat,
        "notes": list(a.note),
        "manifest": {
            "workbooks": len(files),
            "F1": manifest["totals"]["F1"],
            "F2": manifest["totals"]["F2"],
            "F3": manifest["totals"]["F3"],
            "F4": manifest["totals"]["F4"],
            "mb": manifest["bytes"] / 1e6,
            "generate_seconds": manifest["seconds"],
            "cached": manifest.get("cached", False),
        },
    }
    how = "cached" if manifest.get("cached") else f"generated in {gen_s:.1f} s"
    print(f"inbox: {stress} ({len(files)} workbooks, {how})", file=sys.stderr)

    print("(a) calamine read ...", file=sys.stderr)
    r["a"] = median_run(lambda: bench_calamine(files), a.repeat)

    print("(b) xlsxwriter write ...", file=sys.stderr)
    data = consolidated_rows(manifest)
    expected = output_cell_count(manifest)
    r["b"] = median_run(lambda: bench_xlsxwriter(data, manifest, a.work_dir / "b_write.xlsx"), a.repeat)
    r["b"]["expected_cells"] = expected
    if r["b"]["cells"] != expected["total"]:
        print(f"warning: wrote {r['b']['cells']} cells, expected {expected['total']}", file=sys.stderr)
    data = None  # free the rows before qstat runs

    if not a.skip_pandas:
        n = min(a.pandas_files, len(files))
        print(f"pandas read_excel on {n} files ...", file=sys.stderr)
        r["pandas"] = bench_pandas(files[:n], len(files))

    if a.skip_qstat:
        r["c_skipped"] = "--skip-qstat"
    else:
        ok, msg = qstat_available()
        if not ok:
            r["c_skipped"] = f"qstat not runnable: {msg.strip()[-200:]}"
            print(r["c_skipped"], file=sys.stderr)
        else:
            sizes = sorted({int(x) for x in a.mem_sizes.split(",") if x.strip()} | {a.workbooks})
            mem = []
            for w in sizes:
                if w > a.workbooks:
                    continue
                sd = stress if w == a.workbooks else stress_dir_for(a.stress_dir, w, a.rows)
                if w != a.workbooks:
                    msi.make_stress_inbox(sd, w, a.rows, link_from=stress, quiet=True)
                print(f"(c) qstat consolidate, {w} workbooks ...", file=sys.stderr)
                if w == a.workbooks:
                    res = median_run(lambda sd=sd, w=w: bench_qstat(sd, a.work_dir, f"w{w}"), a.repeat)
                    r["c"] = res
                else:
                    res = bench_qstat(sd, a.work_dir, f"w{w}")
                mem.append(
                    {
                        "workbooks": w,
                        **{
                            k: res[k]
                            for k in (
                                "seconds",
                                "cpu_seconds",
                                "peak_tree_mb",
                                "max_single_mb",
                                "max_processes",
                                "exit",
                            )
                        },
                    }
                )
                if res["exit"] not in (0, 1):
                    print(f"qstat exited {res['exit']}:\n{res['stderr_tail']}", file=sys.stderr)
            r["memory"] = mem
            if a.profile:
                print("profiling qstat with py-spy ...", file=sys.stderr)
                r["profile"] = profile_qstat(stress, a.work_dir)
            if "c" in r:
                r["b"]["expected_cells_with_findings"] = output_cell_count(
                    manifest, (r["c"].get("summary") or {}).get("findings", 0)
                )

    print_report(r)
    (a.work_dir / "results.json").write_text(
        json.dumps(r, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
    )
    if not a.no_readme:
        write_readme(r, HERE / "README.md")
        print(f"\nwrote {HERE / 'README.md'}", file=sys.stderr)
    c = r.get("c")
    return 0 if (c is None or c["exit"] in (0, 1)) else 1


if __name__ == "__main__":
    sys.exit(main())
