#!/bin/sh
# Run qstat over the 南阳市 inboxes as a clerk would: Q1, then Q2 (v1), then the Q2 resubmission (v2),
# all into one history database.  Usage: sh run_nanyang.sh [SCRATCH]   (default /tmp/nanyang_run)
N=$(cd "$(dirname "$0")" && pwd)
W=${1:-/tmp/nanyang_run}
mkdir -p "$W" && cd "$W" && rm -rf out db.sqlite
python -m qstat consolidate "$N/2025Q1"    --period 2025Q1 --config "$N/qstat.toml" --out out/2025Q1    --db db.sqlite --date 2025-04-15; echo "exit $?"
python -m qstat consolidate "$N/2025Q2"    --period 2025Q2 --config "$N/qstat.toml" --out out/2025Q2    --db db.sqlite --date 2025-07-12; echo "exit $?"
python -m qstat consolidate "$N/2025Q2_v2" --period 2025Q2 --config "$N/qstat.toml" --out out/2025Q2_v2 --db db.sqlite --date 2025-07-16; echo "exit $?"
