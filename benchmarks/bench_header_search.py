"""Issue 21 item 3: the header search is linear in the sheet.

A workbook within every limit that repeats 附表5's two header rows 20,000 times (40,000 header
rows, 20,000 merged ranges, about 1.5 MB) is checked, and its CPU time compared with the bare
calamine read of the same file measured in the same run (quadratic, the check took 72 CPU-s). The check is
`examine`, in this process (``qstat check`` runs it in a child)..

    python benchmarks/bench_header_search.py [--pairs 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import python_calamine

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fuzz.mutate import header_spam  # noqa: E402

from qstat import Config, Period  # noqa: E402
from qstat.examine import examine  # noqa: E402


def cpu(action) -> float:
    start = time.process_time()
    action()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "叶县.xlsx"
        path.write_bytes(header_spam((ROOT / "sample_workbooks/2024Q3/叶县.xlsx").read_bytes(), args.pairs))

        def bare() -> None:
            book = python_calamine.CalamineWorkbook.from_path(str(path))
            for name in book.sheet_names:
                book.get_sheet_by_name(name).to_python()

        reads = [cpu(bare) for _ in range(args.repeat)]
        period = Period.parse("2024Q3")
        checks = [cpu(lambda: examine(path, path.name, period, Config())) for _ in range(args.repeat)]
        size = path.stat().st_size
    read, checked = statistics.median(reads), statistics.median(checks)
    print(f"{args.pairs * 2} header rows, {size:,} bytes")
    print(f"bare calamine read: {read:.2f} CPU-s; qstat check: {checked:.2f} CPU-s")
    print(f"ratio: {checked / read:.1f}")


if __name__ == "__main__":
    main()
