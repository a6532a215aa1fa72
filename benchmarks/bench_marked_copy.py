"""Time one 退回 marked copy of a 2,000-row workbook: before (openpyxl load and save) and after
(the package copied part by part, qstat.write.marked_package).

    python benchmarks/bench_marked_copy.py [--rows 2000] [--repeat 7]

The workbook is one of the stress inbox's (make_stress_inbox.py: 附表1-6, about 1,200 附表3 and
800 附表4 rows); the findings are 30 cells on 附表3/附表4, one on 附表5's merged header and one
bound to no cell. "before" is qstat/write/returns.py as it was at commit BEFORE, loaded from git;
"calamine" is a bare read of all sheets, the least any reader pays. Medians of --repeat runs,
with the load average at the start.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from python_calamine import CalamineWorkbook

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from make_stress_inbox import gen_workbook_data, write_workbook  # noqa: E402

from qstat.findings import Finding  # noqa: E402
from qstat.write import returns  # noqa: E402

BEFORE = "7677f78"  # the last commit whose marked copy was an openpyxl load and save


def before_module():
    """qstat.write.returns as it was at BEFORE, or None without git."""
    try:
        source = subprocess.run(
            ["git", "show", f"{BEFORE}:qstat/write/returns.py"], cwd=HERE, check=True, capture_output=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    spec = importlib.util.spec_from_loader("qstat.write._returns_before", loader=None)
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "qstat.write"
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    exec(compile(source, "returns_before.py", "exec"), module.__dict__)
    return module


def findings() -> list[Finding]:
    found = [
        Finding(
            "ST006", "附表3 某栏填写为“—”", file="w.xlsx", form="F3", sheet="附表3", cell=f"F{10 + 37 * i}"
        )
        for i in range(20)
    ]
    found += [
        Finding(
            "F4-001",
            "附表4 备案日期早于竣工日期",
            file="w.xlsx",
            form="F4",
            sheet="附表4",
            cell=f"H{12 + 61 * i}",
        )
        for i in range(10)
    ]
    found += [
        Finding(
            "F5-002", "附表5备案率与备案项数/竣工项数不符", file="w.xlsx", form="F5", sheet="附表5", cell="B4"
        ),
        Finding("IN006", "缺少附表7", file="w.xlsx"),
    ]
    return found


def timed(run, repeat: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``repeat`` runs (CPU time suffers less from a busy machine)."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args(argv)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "县001.xlsx"
        write_workbook(source, gen_workbook_data(1, args.rows))
        data = source.read_bytes()
        marks = findings()
        results = {"calamine read": timed(lambda: [s.to_python() for s in _sheets(source)], args.repeat)}
        old = before_module()
        if old is not None:
            results["before (openpyxl)"] = timed(
                lambda: old.write_marked_copy(source, "xlsx", Path(folder) / "before.xlsx", marks, data),
                args.repeat,
            )
        results["after (package)"] = timed(
            lambda: returns.write_marked_copy(source, "xlsx", Path(folder) / "after.xlsx", marks, data),
            args.repeat,
        )
        size = len(data)
    print(
        f"{args.rows}-row workbook ({size / 1024:.0f} KiB), {len(marks)} findings, "
        f"median of {args.repeat}; load average {load} on {os.cpu_count()} cores"
    )
    print(f"  {'':<20} {'wall':>8}    {'CPU':>8}")
    for name, (wall, cpu) in results.items():
        print(f"  {name:<20} {wall * 1000:8.1f} ms {cpu * 1000:8.1f} ms")
    if "before (openpyxl)" in results:
        (bw, bc), (aw, ac) = results["before (openpyxl)"], results["after (package)"]
        print(f"  {'speed-up':<20} {bw / aw:8.1f} x  {bc / ac:8.1f} x")
    return 0


def _sheets(path: Path):
    book = CalamineWorkbook.from_path(str(path))
    return [book.get_sheet_by_name(name) for name in book.sheet_names]


if __name__ == "__main__":
    sys.exit(main())
