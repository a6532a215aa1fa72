#!/usr/bin/env bash
# The package as a clerk gets it: build the wheel, install it (not editable) in a fresh venv,
# and run the README's main job on the bundled samples from outside the checkout.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python -m pip wheel -q --no-deps -w "$work/dist" "$root"
python -m venv "$work/venv"
"$work/venv/bin/pip" install -q "$work"/dist/qstat-*.whl
cd "$work"
q="$work/venv/bin/qstat"
samples="$root/sample_workbooks"
"$q" consolidate "$samples/2024Q2" --period 2024Q2 --config "$samples/qstat.toml" --out out/2024Q2
set +e
"$q" consolidate "$samples/2024Q3" --period 2024Q3 --config "$samples/qstat.toml" --out out/2024Q3
status=$?
set -e
[ "$status" -eq 1 ] || { echo "wheel: 2024Q3 consolidate exited $status (planted errors: 1 expected)"; exit 1; }
"$q" report --period 2024Q3 --out out/2024Q3
"$q" scores "$samples/2024Q3" --config "$samples/qstat.toml" --out out/scores || [ $? -eq 1 ]
ls out/2024Q3/退回/*.docx > /dev/null
ls out/2024Q3/*.docx out/scores/*.xlsx > /dev/null
"$q" history --db qstat.sqlite --form F5 --out out/history.xlsx
"$q" history --db qstat.sqlite --unit 叶县 --out out/history.csv
"$q" serve --help > /dev/null  # the web stack and the page's templates came with the wheel
"$work/venv/bin/python" - <<'PY'
from importlib.resources import files
serve = files("qstat.serve")
assert all((serve / p).is_file() for p in ("templates/desk.html", "static/app.js", "static/app.css")), "page files missing"
PY
echo "wheel: consolidate, report, scores, history and serve --help ran from the installed wheel"
