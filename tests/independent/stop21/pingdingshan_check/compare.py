#!/usr/bin/env python3
"""Rerun qstat over the 平顶山市 2025Q2 single-unit workbooks and compare with EXPECTED.json.

    python compare.py [--qstat "CMD"] [--work DIR] [--keep]

CMD is how to call qstat (default: cd /tmp && PYTHONPATH=/work/main python -m qstat); DIR holds
inbox/, qstat.toml and EXPECTED.json (default: this folder). Runs, for every file:
  `CMD check FILE --config qstat.toml`              (plain: the period from the title / 报送日期)
  `CMD check FILE --config qstat.toml --period 2025Q2`
then `CMD check ALL FILES --config qstat.toml`, then
  `CMD consolidate inbox --period 2025Q2 --config qstat.toml --out OUT --db fresh.sqlite --date 2025-07-15`
and compares exit codes, findings (rule, severity, sheet, cell), statuses, missing units,
summary.json totals and the 汇总表's 附表5/附表6 rows with the hand figures.
Prints AGREE / DISAGREE lines; writes runs/latest/{raw outputs, results.json}.
Imports nothing from qstat.
"""
import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PY = "/root/.pyenv/versions/3.11.7/bin/python"
DEFAULT_QSTAT = f"cd /tmp && PYTHONPATH=/work/main {PY} -m qstat"

F5_FIELDS = ["carried_over.count", "carried_over.area", "carried_over.cost", "new.count", "new.area", "new.cost",
             "in_progress.count", "in_progress.area", "in_progress.cost", "completed.count", "completed.area",
             "completed.cost", "filed.count", "filed.area", "filed.cost", "filing_rate.count", "filing_rate.area",
             "satisfaction_rate", "accidents.count", "accidents.deaths", "accidents.loss"]
F6_FIELDS = ["new.count", "new.area", "new.cost", "completed.count", "completed.area", "completed.cost",
             "filed.count", "filed.area", "filed.cost", "filing_rate", "in_progress.count", "in_progress.area",
             "in_progress.cost"]
F6_LABELS = {"residential": "住宅工程", "affordable_housing": "保障性安居工程", "public": "公共建筑工程",
             "large_public": "大型公共建筑工程", "steel": "钢结构工程", "county": "县（区）工程"}
# warnings any clerk's quirks may cause: accepted anywhere (listed, never a disagreement)
NORMALISING = {"ST006"}
SEV = {"错误": "error", "警告": "warning", "提示": "info", "说明": "info", "信息": "info"}

LINE_CELL = re.compile(r"^\s+(错误|警告|提示|信息|说明)\s+([A-Z]{2}\d{3}|F\d-\d{3}|SC\d{3})\s+(.+?)!([A-Z]{1,3}\d+)\s+(.*)$")
LINE_NOCELL = re.compile(r"^\s+(错误|警告|提示|信息|说明)\s+([A-Z]{2}\d{3}|F\d-\d{3}|SC\d{3})\s+(.*)$")
HEAD = re.compile(r"^(\S.*?\.(?:xlsx|xlsm|xlsb|xls|ods|et|csv|zip|docx))（(.*?)）：(.*?)，错误\s*(\d+)\s*条，警告\s*(\d+)\s*条")


def run(cmd, log):
    p = subprocess.run(cmd, shell=True, capture_output=True, text=True)
    with open(log, "w", encoding="utf-8") as f:
        f.write(f"$ {cmd}\nexit={p.returncode}\n--- stdout\n{p.stdout}\n--- stderr\n{p.stderr}\n")
    return p.returncode, p.stdout, p.stderr


def parse_check(out):
    """{file: {"head": str, "status": str, "findings": [{severity, rule, sheet, cell, message}]}}"""
    res, cur = {}, None
    for line in out.splitlines():
        m = HEAD.match(line)
        if m and not line.startswith(" "):
            cur = m.group(1)
            res[cur] = {"head": line, "status": m.group(3), "findings": []}
            continue
        if cur is None:
            continue
        m = LINE_CELL.match(line)
        if m:
            res[cur]["findings"].append({"severity": SEV[m.group(1)], "rule": m.group(2), "sheet": m.group(3).strip(),
                                         "cell": m.group(4), "message": m.group(5)})
            continue
        m = LINE_NOCELL.match(line)
        if m:
            res[cur]["findings"].append({"severity": SEV[m.group(1)], "rule": m.group(2), "sheet": None,
                                         "cell": None, "message": m.group(3).strip()})
    return res


def listed_cells(f):
    cells = {f["cell"]} if f.get("cell") else set()
    cells |= set(re.findall(r"\b([A-Z]{1,3}\d+)\b", f.get("message") or ""))
    return cells


def match_findings(expected, optional, got, where, report):
    """expected: [{rule, severity, sheet (str|list|None), cells (list|None), note}] ;
    optional: [(rule, sheet|None)] ; got: qstat findings. Appends (kind, text) to report."""
    used = set()
    for e in expected:
        sheets = e["sheet"] if isinstance(e["sheet"], list) else ([e["sheet"]] if e["sheet"] else None)
        cands = [i for i, f in enumerate(got) if i not in used and f["rule"] == e["rule"]]
        cands.sort(key=lambda i: got[i]["severity"] != e["severity"])
        exact = [i for i in cands
                 if (sheets is None or f_sheet_ok(got[i], sheets))
                 and (not e["cells"] or got[i]["cell"] in e["cells"] or (set(e["cells"]) & listed_cells(got[i])))]
        want = f"{e['rule']} {e['severity']} @ {'/'.join(sheets) if sheets else '*'}!{(e['cells'] or ['*'])[0]}"
        if exact:
            i = exact[0]
            used.add(i)
            f = got[i]
            if f["severity"] != e["severity"]:
                report.append(("DISAGREE", f"{where}: {e['rule']} at {f['sheet']}!{f['cell']} is {f['severity']}, expected {e['severity']} ({e['note']})"))
            else:
                report.append(("AGREE", f"{where}: {want}"))
        elif cands:
            i = cands[0]
            used.add(i)
            f = got[i]
            report.append(("DISAGREE", f"{where}: {e['rule']} reported at {f['sheet']}!{f['cell']}, expected {want} ({e['note']})"))
        else:
            report.append(("DISAGREE", f"{where}: missing {want} — {e['note']}"))
    for i, f in enumerate(got):
        if i in used:
            continue
        ok_opt = any(r == f["rule"] and (s is None or f_sheet_ok(f, [s])) for r, s in optional)
        if ok_opt:
            report.append(("AGREE", f"{where}: allowed {f['rule']} {f['severity']} @ {f['sheet']}!{f['cell']}"))
        elif f["severity"] == "info":
            report.append(("NOTE", f"{where}: info {f['rule']} @ {f['sheet']}!{f['cell']}: {f['message'][:80]}"))
        elif f["rule"] in NORMALISING and f["severity"] == "warning":
            report.append(("NOTE", f"{where}: normalising {f['rule']} @ {f['sheet']}!{f['cell']}: {f['message'][:60]}"))
        else:
            report.append(("DISAGREE", f"{where}: unexpected {f['rule']} {f['severity']} @ {f['sheet']}!{f['cell']}: {f['message'][:120]}"))


def f_sheet_ok(f, sheets):
    return f.get("sheet") in sheets


def close(a, b, tol):
    if a is None or b is None:
        return (a in (None, "", 0)) and (b in (None, "", 0)) if (a in (None, "") or b in (None, "")) else False
    try:
        return abs(float(a) - float(b)) <= tol + 1e-9 * max(abs(float(a)), abs(float(b)))
    except (TypeError, ValueError):
        return False


def tol_of(field):
    if "rate" in field:
        return 0.051
    if field.endswith(".count") or field.endswith("deaths"):
        return 0
    return 0.00051


def rate(n, d):
    return None if not d else round(n / d * 100, 1)


def norm(s):
    return re.sub(r"\s+", "", str(s or ""))


def read_summary_table(path):
    import python_calamine as pc
    wb = pc.CalamineWorkbook.from_path(path)
    out = {}
    for name in wb.sheet_names:
        out[name] = wb.get_sheet_by_name(name).to_python()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qstat", default=DEFAULT_QSTAT, help="how to call qstat (shell), e.g. 'qstat' or "
                    "'cd /tmp && PYTHONPATH=/work/main python -m qstat'")
    ap.add_argument("--work", default=HERE, help="folder with inbox/, qstat.toml, EXPECTED.json")
    ap.add_argument("--out", default=None, help="where to write the run (default WORK/runs/latest)")
    a = ap.parse_args()
    work = os.path.abspath(a.work)
    exp = json.load(open(os.path.join(work, "EXPECTED.json"), encoding="utf-8"))
    inbox = os.path.join(work, exp["inbox"])
    cfg = os.path.join(work, exp["config"])
    runs = os.path.abspath(a.out or os.path.join(work, "runs", "latest"))
    if os.path.isdir(runs):
        shutil.rmtree(runs)
    os.makedirs(runs)
    Q = a.qstat
    period = exp["period"]
    report = []

    def say(kind, text):
        report.append((kind, text))

    files = {e["file"]: (name, e) for name, e in exp["units"].items()}
    for fname, x in exp["extra_files"].items():
        files[fname] = (None, x)

    # ---------------------------------------------------------------- qstat check, file by file
    single = {}
    for fname in sorted(files):
        name, e = files[fname]
        path = os.path.join(inbox, fname)
        for mode, extra in (("plain", ""), ("period", f" --period {period}")):
            tag = f"check[{mode}] {fname}"
            rc, out, err = run(f"{Q} check {shlex.quote(path)} --config {shlex.quote(cfg)}{extra}",
                               os.path.join(runs, f"check_{mode}_{len(single)}.log"))
            parsed = parse_check(out)
            got = next(iter(parsed.values()))["findings"] if parsed else []
            head = next(iter(parsed.values()))["head"] if parsed else ""
            m = HEAD.match(head)
            if e.get("check_head") and mode in e["check_head"]:
                want_u, want_p = e["check_head"][mode]
                got_h = m.group(2) if m else ""
                got_u, _, got_p = got_h.partition("，")
                ok = got_u == want_u and (want_p is None or got_p == want_p)
                say("AGREE" if ok else "DISAGREE",
                    f"{tag}: recognised as （{got_h}）" + ("" if ok else f", expected （{want_u}，{want_p or '?'}）"))
            single[(fname, mode)] = {"rc": rc, "findings": got, "head": next(iter(parsed.values()))["head"] if parsed else out[:200]}
            if name is None:  # lock file
                want_rc = e["check_exit"]
                if rc != want_rc:
                    say("DISAGREE", f"{tag}: exit {rc}, expected {want_rc} ({err.strip()[:100]})")
                else:
                    say("AGREE", f"{tag}: exit {rc}")
                match_findings([], [("IN002", None)], got, tag, report)
                continue
            want_rc = e[f"check_{mode}_exit"]
            if rc != want_rc:
                say("DISAGREE", f"{tag}: exit {rc}, expected {want_rc}")
            else:
                say("AGREE", f"{tag}: exit {rc}")
            expected = [d for d in e["findings"] if mode in d["modes"]]
            optional = [tuple(o) for o in e["optional"]]
            match_findings(expected, optional, got, tag, report)

    # ---------------------------------------------------------------- all files at once
    paths = " ".join(shlex.quote(os.path.join(inbox, f)) for f in sorted(files))
    rc, out, err = run(f"{Q} check {paths} --config {shlex.quote(cfg)}", os.path.join(runs, "check_all.log"))
    parsed = parse_check(out)
    want_rc = 1 if any(files[f][1].get("check_plain_exit") for f in files if files[f][0]) else 0
    say("AGREE" if rc == want_rc else "DISAGREE", f"check[all {len(files)} files]: exit {rc}, expected {want_rc}")
    if len(parsed) != len(files):
        say("DISAGREE", f"check[all]: {len(parsed)} file sections printed for {len(files)} files")
    for fname in sorted(files):
        sec = next((v for k, v in parsed.items() if os.path.basename(k) == fname or k == fname), None)
        if sec is None:
            say("DISAGREE", f"check[all]: no section for {fname}")
            continue
        a_ = sorted((f["rule"], f["severity"], f["sheet"] or "", f["cell"] or "") for f in sec["findings"])
        b_ = sorted((f["rule"], f["severity"], f["sheet"] or "", f["cell"] or "") for f in single[(fname, "plain")]["findings"])
        if a_ != b_:
            say("DISAGREE", f"check[all] {fname}: findings differ from the single-file run: {sorted(set(a_) ^ set(b_))[:4]}")
        else:
            say("AGREE", f"check[all] {fname}: same {len(a_)} findings as alone")

    # ---------------------------------------------------------------- consolidate
    outdir = os.path.join(runs, "out")
    db = os.path.join(runs, "qstat.sqlite")
    rc, out, err = run(f"{Q} consolidate {shlex.quote(inbox)} --period {period} --config {shlex.quote(cfg)} "
                       f"--out {shlex.quote(outdir)} --db {shlex.quote(db)} --date 2025-07-15 --quiet",
                       os.path.join(runs, "consolidate.log"))
    say("AGREE" if rc == 1 else "DISAGREE", f"consolidate: exit {rc}, expected 1 (units with errors)")
    sp = os.path.join(outdir, "summary.json")
    if not os.path.exists(sp):
        say("DISAGREE", "consolidate: no summary.json")
        return finish(report, runs)
    s = json.load(open(sp, encoding="utf-8"))
    subs = {x["file"]: x for x in s["submissions"]}
    for fname, (name, e) in sorted(files.items()):
        x = subs.get(fname)
        if not x:
            say("DISAGREE", f"consolidate {fname}: not listed in submissions")
            continue
        want = e["status"]
        if x["status"] != want:
            say("DISAGREE", f"consolidate {fname}: status {x['status']}, expected {want}")
        else:
            say("AGREE", f"consolidate {fname}: status {want}")
        if name and x.get("unit") != name:
            say("DISAGREE", f"consolidate {fname}: unit {x.get('unit')}, expected {name}")
        if name and bool(x.get("included")) != bool(e["included"]):
            say("DISAGREE", f"consolidate {fname}: included {x.get('included')}, expected {e['included']}")
        if name:
            got = [f for f in s["findings"] if f.get("file") == fname]
            expected = [d for d in e["findings"] if "consolidate" in d["modes"]]
            match_findings(expected, [tuple(o) for o in e["optional"]] + [("HS001", None)], got, f"consolidate {fname}", report)
    want_missing = [n for n, e in exp["units"].items() if not e["included"]]
    say("AGREE" if s.get("missing_units") == want_missing else "DISAGREE",
        f"consolidate: missing_units {s.get('missing_units')}, expected {want_missing}")
    other = [f for f in s["findings"] if f.get("file") not in files and f["severity"] != "info"]
    for f in other:
        say("DISAGREE", f"consolidate: finding on no known file: {f['rule']} {f.get('file')} {f['message'][:80]}")

    # totals in summary.json
    T = exp["totals"]
    t5 = s["totals"].get("F5", {})
    for g in ("carried_over", "new", "in_progress", "completed", "filed"):
        for k in ("count", "area", "cost"):
            cmp_val(say, f"summary totals.F5.{g}.{k}", t5.get(g, {}).get(k), T["F5"][g][k], tol_of(f"{g}.{k}"))
    for k in ("count", "area"):
        cmp_val(say, f"summary totals.F5.filing_rate.{k}", t5.get("filing_rate", {}).get(k), T["F5"]["filing_rate"][k], 0.051)
    cmp_val(say, "summary totals.F5.satisfaction_rate", t5.get("satisfaction_rate"), T["F5"]["satisfaction_rate"], 0.051)
    for k in ("count", "deaths", "loss"):
        cmp_val(say, f"summary totals.F5.accidents.{k}", t5.get("accidents", {}).get(k), T["F5"]["accidents"][k], 0.00051)
    t6 = s["totals"].get("F6", {})
    for cat, row in T["F6"].items():
        for g in ("new", "completed", "filed", "in_progress"):
            for k in ("count", "area", "cost"):
                cmp_val(say, f"summary totals.F6.{cat}.{g}.{k}", t6.get(cat, {}).get(g, {}).get(k), row[g][k], tol_of(f"{g}.{k}"))
        cmp_val(say, f"summary totals.F6.{cat}.filing_rate", t6.get(cat, {}).get("filing_rate"), row["filing_rate"], 0.051)
    for i in (1, 2, 3, 4):
        cmp_val(say, f"summary totals.F{i}.rows", s["totals"].get(f"F{i}", {}).get("rows"), T[f"F{i}"]["rows"], 0)

    # scores
    sc = (s.get("scores") or {}).get("units") or []
    by_unit = {x["unit"]: x for x in sc}
    ranked_spec = (s.get("scores") or {}).get("spec") or {}
    for name, e in exp["units"].items():
        if e["score_total"] is not None and e["included"]:
            x = by_unit.get(name) or {}
            if ranked_spec.get("title") and e["score_spec"] != ranked_spec.get("title"):
                # another built-in sheet than the one ranked: not ranked, marked 评分标准不同
                ok = "评分标准不同" in (x.get("mark") or "")
                say("AGREE" if ok else "DISAGREE", f"scores {name}: {e['score_spec']} (not the ranked spec) marked {x.get('mark')!r}")
                continue
            cmp_val(say, f"scores {name} total", x.get("total"), e["score_total"], 0.001)

    # the 汇总表 workbook
    wbp = [f for f in os.listdir(outdir) if f.endswith("汇总表.xlsx")]
    if not wbp:
        say("DISAGREE", "consolidate: no 汇总表.xlsx")
        return finish(report, runs)
    sheets = read_summary_table(os.path.join(outdir, wbp[0]))
    f5 = next((v for k, v in sheets.items() if "附表5" in k or k.endswith("5")), None)
    rows5 = {}
    for r in f5 or []:
        lab = norm(r[0]) if r else ""
        if lab:
            rows5[lab] = r
    for name, e in exp["units"].items():
        if not e["included"]:
            continue
        r = rows5.get(norm(name))
        if r is None:
            say("DISAGREE", f"汇总表 附表5: no row for {name}")
            continue
        ent = e["F5_unit_row"]
        bad = []
        for i, fld in enumerate(F5_FIELDS):
            want = ent[fld]
            if fld.startswith("filing_rate"):
                k = fld.split(".")[1]
                want = rate(ent[f"filed.{k}"] or 0, ent[f"completed.{k}"] or 0)
            got = r[1 + i] if 1 + i < len(r) else None
            got = None if got == "" else got
            want0 = 0 if (want is None and not fld.endswith("rate") and "rate" not in fld) else want
            if not close(got, want0, tol_of(fld)):
                bad.append(f"{fld} {got} vs {want0}")
        say("DISAGREE" if bad else "AGREE", f"汇总表 附表5 row {name}: " + ("; ".join(bad) if bad else "all 21 figures as entered"))
    r = rows5.get("合计")
    if r is None:
        say("DISAGREE", "汇总表 附表5: no 合计 row")
    else:
        bad = []
        for i, fld in enumerate(F5_FIELDS):
            g, _, k = fld.partition(".")
            want = T["F5"][g][k] if k else T["F5"][g]
            got = r[1 + i]
            got = None if got == "" else got
            if not close(got, want, tol_of(fld)):
                bad.append(f"{fld} {got} vs {want}")
        say("DISAGREE" if bad else "AGREE", "汇总表 附表5 合计: " + ("; ".join(bad) if bad else "all 21 figures = hand totals"))
    f6 = next((v for k, v in sheets.items() if "附表6" in k), None)
    for cat, lab in F6_LABELS.items():
        r = next((row for row in f6 or [] if row and norm(row[0]).startswith(norm(lab))), None)
        if r is None:
            say("DISAGREE", f"汇总表 附表6: no row {lab}")
            continue
        bad = []
        for i, fld in enumerate(F6_FIELDS):
            g, _, k = fld.partition(".")
            want = T["F6"][cat][g][k] if k else T["F6"][cat][g]
            got = r[1 + i]
            got = None if got == "" else got
            if not close(got, want, tol_of(fld)):
                bad.append(f"{fld} {got} vs {want}")
        say("DISAGREE" if bad else "AGREE", f"汇总表 附表6 {lab}: " + ("; ".join(bad) if bad else "13 figures = hand totals"))
    return finish(report, runs)


def cmp_val(say, what, got, want, tol):
    if close(got, want, tol):
        say("AGREE", f"{what} = {got}")
    else:
        say("DISAGREE", f"{what}: qstat {got}, expected {want}")


def finish(report, runs):
    n = {k: sum(1 for x in report if x[0] == k) for k in ("AGREE", "DISAGREE", "NOTE")}
    with open(os.path.join(runs, "results.json"), "w", encoding="utf-8") as f:
        json.dump([{"kind": k, "text": t} for k, t in report], f, ensure_ascii=False, indent=1)
    for k, t in report:
        if k != "AGREE" or os.environ.get("VERBOSE"):
            print(f"{k:8} {t}")
    print(f"\n{n['AGREE']} agreements, {n['DISAGREE']} disagreements, {n['NOTE']} notes (details: {runs}/results.json)")
    return 1 if n["DISAGREE"] else 0


if __name__ == "__main__":
    sys.exit(main())
