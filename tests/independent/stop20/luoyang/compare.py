#!/usr/bin/env python3
"""Run qstat on the 洛阳市 inbox (2025Q3, 2025Q4, the year 2025, report 2025Q4, three checks) and compare
summary.json, the 汇总表 and the report against EXPECTED.json. Prints every check and pass/fail counts.

  python compare.py                                   # qstat as installed: python -m qstat
  python compare.py --qstat "env PYTHONPATH=/work/main python -m qstat"
  python compare.py --work /tmp/ly_run --keep         # where outputs and the history database go
Exit status 0 when every check passes, 1 otherwise.  Imports nothing from qstat.
"""
import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
_ea = sys.argv[sys.argv.index("--expected") + 1] if "--expected" in sys.argv else os.path.join(HERE, "EXPECTED.json")
E = json.load(open(_ea, encoding="utf-8"))
INBOX = os.path.join(HERE, "inbox")
CONFIG = os.path.join(HERE, "qstat.toml")
NORMALISING = {"ST006", "IN007", "IN005"}          # warnings that only say qstat normalised something
RESULTS = []


def check(name, ok, detail=""):
    RESULTS.append((name, bool(ok), detail))
    print(("PASS " if ok else "FAIL ") + name + (("  -- " + detail) if detail and not ok else ""))


def note(text):
    RESULTS.append(("note: " + text, None, ""))
    print("NOTE " + text)


def run(qstat, args, log):
    cmd = shlex.split(qstat) + args
    timer = ["/usr/bin/time", "-f", "%e s %M KB"] if os.path.exists("/usr/bin/time") else []
    t0 = time.time()
    p = subprocess.run(timer + cmd, cwd="/tmp", capture_output=True, text=True)
    el = time.time() - t0
    err = p.stderr
    timing = err.strip().splitlines()[-1] if timer and err.strip() else f"{el:.1f} s"
    with open(log, "w", encoding="utf-8") as f:
        f.write(" ".join(cmd) + "\n" + p.stdout + "\n--- stderr\n" + err)
    rc = p.returncode
    print(f"RUN  {' '.join(args[:2])} ... -> exit {rc}, {timing}")
    return rc, p.stdout, timing


def close(a, b, tol):
    if a is None or b is None:
        return a is None and b is None
    try:
        return abs(float(a) - float(b)) <= tol + 1e-9
    except (TypeError, ValueError):
        return False


TOL = {"count": 0, "area": 0.011, "cost": 0.011, "deaths": 0, "loss": 0.011}


def cmp_stats(prefix, got, exp):
    bad = []
    for g in ("carried_over", "new", "in_progress", "completed", "filed"):
        for m in ("count", "area", "cost"):
            gv = (got.get(g) or {}).get(m)
            if not close(gv, exp[g][m], TOL[m]):
                bad.append(f"{g}.{m}: qstat {gv} expected {exp[g][m]}")
    for m in ("count", "area"):
        gv = (got.get("filing_rate") or {}).get(m)
        if not close(gv, exp["filing_rate"][m], 0.1):
            bad.append(f"filing_rate.{m}: qstat {gv} expected {exp['filing_rate'][m]}")
    if not close(got.get("satisfaction_rate"), exp["satisfaction_rate"], 0.1):
        bad.append(f"satisfaction_rate: qstat {got.get('satisfaction_rate')} expected {exp['satisfaction_rate']}")
    for m in ("count", "deaths", "loss"):
        gv = (got.get("accidents") or {}).get(m)
        if not close(gv, exp["accidents"][m], TOL[m]):
            bad.append(f"accidents.{m}: qstat {gv} expected {exp['accidents'][m]}")
    check(prefix, not bad, "; ".join(bad))


def cmp_f6(prefix, got, exp):
    bad = []
    for c, ev in exp.items():
        gc = got.get(c) or {}
        for g in ("new", "completed", "filed", "in_progress"):
            for m in ("count", "area", "cost"):
                gv = (gc.get(g) or {}).get(m)
                if not close(gv, ev[g][m], TOL[m]):
                    bad.append(f"{c}.{g}.{m}: qstat {gv} expected {ev[g][m]}")
        if "filing_rate" in gc and not close(gc.get("filing_rate"), ev["filing_rate"], 0.1):
            bad.append(f"{c}.filing_rate: qstat {gc.get('filing_rate')} expected {ev['filing_rate']}")
    check(prefix, not bad, "; ".join(bad[:8]) + (f" (+{len(bad) - 8})" if len(bad) > 8 else ""))


def num(v):
    if v is None or v == "":
        return None
    if isinstance(v, (int, float)):
        return float(v)
    s = str(v).replace(",", "").replace("%", "").strip()
    try:
        return float(s)
    except ValueError:
        return None


def stat_row_values(e, year):
    """the expected 附表5/7 row after the label, in the seed's column order"""
    s, r = e["stats"], e["rates"]
    vals = []
    for g in ("carried_over", "new", "in_progress", "completed", "filed"):
        vals += [s[g]["count"], s[g]["area"]] + ([] if (year and g == "filed") else [s[g]["cost"]])
    vals += [r["filing_count"], r["filing_area"], r["satisfaction"],
             s["accidents"]["count"], s["accidents"]["deaths"], s["accidents"]["loss"]]
    return vals


def total_row_values(t, year):
    vals = []
    for g in ("carried_over", "new", "in_progress", "completed", "filed"):
        vals += [t[g]["count"], t[g]["area"]] + ([] if (year and g == "filed") else [t[g]["cost"]])
    vals += [t["filing_rate"]["count"], t["filing_rate"]["area"], t["satisfaction_rate"],
             t["accidents"]["count"], t["accidents"]["deaths"], t["accidents"]["loss"]]
    return vals


def cmp_forms_workbook(period, out):
    import openpyxl
    files = [f for f in os.listdir(out) if f.endswith("_汇总表.xlsx")]
    if not files:
        check(f"{period} 汇总表 exists", False, "no *_汇总表.xlsx in " + out)
        return
    wb = openpyxl.load_workbook(os.path.join(out, files[0]), data_only=True)
    year = period == "2025"
    form = "附表7" if year else "附表5"
    pdata = E["periods"][period]
    if form not in wb.sheetnames:
        check(f"{period} 汇总表 has {form}", False, str(wb.sheetnames))
        return
    ws = wb[form]
    rows = {}
    for row in ws.iter_rows(values_only=True):
        lab = str(row[0]).strip() if row[0] is not None else ""
        if lab in E["units"] or lab == "合计":
            rows[lab] = list(row[1:])
    bad = []
    for u in E["units"] + ["合计"]:
        exp = stat_row_values(pdata["units"][u], year) if u != "合计" else \
            total_row_values(pdata["totals"]["F7" if year else "F5"], year)
        got = rows.get(u)
        if got is None:
            bad.append(f"{u}: row missing")
            continue
        alt = {}
        if u != "合计":
            st_ = pdata["units"][u]["stats"]
            for j, m in ((len(exp) - 6, "count"), (len(exp) - 5, "area")):
                c = st_["completed"][m]
                alt[j] = None if not c else round(st_["filed"][m] / c * 100, 1)
        for i, ev in enumerate(exp):
            gv = num(got[i]) if i < len(got) else None
            if ev is None and gv in (None, 0.0):
                continue
            if not close(gv, ev, 0.1 if i >= len(exp) - 6 else 0.011):
                if i in alt and close(gv, alt[i], 0.1):
                    note(f"{period} 汇总表 {form} {u}: 备案率 printed recomputed {gv} instead of the stated {ev} (accepted)")
                    continue
                bad.append(f"{u} col{i + 2}: 汇总表 {got[i] if i < len(got) else None} expected {ev}")
    check(f"{period} 汇总表 {form}: 14 unit rows + 合计 match", not bad,
          "; ".join(bad[:6]) + (f" (+{len(bad) - 6})" if len(bad) > 6 else ""))
    # 附表6 合计 per category
    if "附表6" in wb.sheetnames:
        ws = wb["附表6"]
        bad = []
        labels = {"住宅": "residential", "保障": "affordable_housing", "大型": "large_public", "公共": "public",
                  "钢结构": "steel", "县": "county"}
        seen = set()
        for row in ws.iter_rows(values_only=True):
            lab = str(row[0] or "").replace("\n", "")
            key = next((v for k, v in labels.items() if lab.startswith(k) or (k == "大型" and "大型" in lab)), None)
            if key == "public" and "大型" in lab:
                key = "large_public"
            if not key or key in seen or num(row[1]) is None:
                continue
            seen.add(key)
            ev = pdata["totals"]["F6"][key]
            exp = []
            for g in ("new", "completed", "filed"):
                exp += [ev[g]["count"], ev[g]["area"], ev[g]["cost"]]
                if g == "filed":
                    exp.append(ev["filing_rate"])
            exp += [ev["in_progress"]["count"], ev["in_progress"]["area"], ev["in_progress"]["cost"]]
            for i, e_ in enumerate(exp):
                gv = num(row[1 + i])
                if e_ is None and gv in (None, 0.0):
                    continue
                if not close(gv, e_, 0.1 if i == 9 else 0.011):
                    bad.append(f"{key} col{i + 2}: 汇总表 {row[1 + i]} expected {e_}")
        check(f"{period} 汇总表 附表6 six categories match", not bad and len(seen) == 6,
              "; ".join(bad[:6]) + f" (categories found {len(seen)})")
    # detail forms: data rows of 附表1-4
    for f in ("F1", "F2", "F3", "F4"):
        sh = "附表" + f[1]
        if sh not in wb.sheetnames:
            check(f"{period} 汇总表 has {sh}", False)
            continue
        ws = wb[sh]
        n = 0
        for row in ws.iter_rows(values_only=True):
            if isinstance(row[0], (int, float)) and any(isinstance(v, str) and v.strip() for v in row[1:4]):
                n += 1
        exp = pdata["totals"][f]["rows"]
        check(f"{period} 汇总表 {sh} numbered rows = {exp}", n == exp, f"counted {n}")


def cmp_report(out, period):
    try:
        import docx
    except ImportError:
        note("python-docx missing: report not compared")
        return
    files = [f for f in os.listdir(out) if f.endswith("分析报告.docx")] if os.path.isdir(out) else []
    if not files:
        check(f"{period} report written", False)
        return
    d = docx.Document(os.path.join(out, files[0]))
    pdata = E["periods"][period]
    T = pdata["totals"]["F5"]
    target = None
    for t in d.tables:
        head = [c.text.replace("\n", "") for c in t.rows[0].cells]
        if head and head[0] == "单位" and any("在建" in h for h in head) and any("满意" in h for h in head):
            target = (t, head)
            break
    if not target:
        check(f"{period} report has the per-unit 附表5 table", False)
        return
    t, head = target
    fmap = {"新注册项数": ("new", "count"), "新注册万㎡": ("new", "area"), "在建项数": ("in_progress", "count"),
            "在建万㎡": ("in_progress", "area"), "竣工项数": ("completed", "count"), "竣工万㎡": ("completed", "area"),
            "备案项数": ("filed", "count"), "备案万㎡": ("filed", "area"), "备案率%": ("rate", "filing_count"),
            "满意率%": ("rate", "satisfaction")}
    bad = []
    seen = set()
    for row in t.rows[1:]:
        cells = [c.text.strip() for c in row.cells]
        u = cells[0]
        if u not in E["units"] and u != "合计":
            continue
        seen.add(u)
        for h, v in zip(head[1:], cells[1:]):
            if h not in fmap:
                continue
            g, m = fmap[h]
            if u == "合计":
                ev = (T["filing_rate"]["count"] if m == "filing_count" else T["satisfaction_rate"]) if g == "rate" \
                    else T[g][m]
            else:
                e = pdata["units"][u]
                ev = e["rates"][m] if g == "rate" else e["stats"][g][m]
            gv = num(v)
            if ev is None and gv is None:
                continue
            if not close(gv, ev, 0.1 if g == "rate" else (0.011 if m == "area" else 0)):
                bad.append(f"{u} {h}: report {v} expected {ev}")
    check(f"{period} report per-unit table: figures of {len(seen)} rows match", not bad and "合计" in seen,
          "; ".join(bad[:6]))
    # 主要指标 table: 本季度 = this quarter's totals, 上季度（同口径） = the previous quarter's
    prev = E["periods"]["2025Q3"]["totals"]["F5"]
    names = {"接转": "carried_over", "新注册": "new", "在建": "in_progress", "竣工": "completed", "备案": "filed"}
    meas = {"项数": ("count", 0), "面积": ("area", 0.011), "造价": ("cost", 0.011)}
    bad = []
    n = 0
    for t in d.tables:
        head = [c.text.replace("\n", "") for c in t.rows[0].cells]
        if not head or head[0] != "指标":
            continue
        for row in t.rows[1:]:
            cells = [c.text.replace("\n", "").strip() for c in row.cells]
            lab = cells[0]
            if lab.startswith("备案率"):
                key = "count" if "项数" in lab else "area"
                evs = (T["filing_rate"][key], prev["filing_rate"][key]); tol = 0.1
            elif lab.startswith("用户满意率"):
                evs = (T["satisfaction_rate"], prev["satisfaction_rate"]); tol = 0.1
            else:
                g = next((v for k, v in names.items() if lab.startswith(k)), None)
                mm = next((v for k, v in meas.items() if k in lab), None)
                if not g or not mm:
                    continue
                evs = (T[g][mm[0]], prev[g][mm[0]]); tol = mm[1]
            n += 1
            for gv, ev, col in ((cells[1], evs[0], "本季度"), (cells[2], evs[1], "上季度")):
                if not close(num(gv), ev, tol):
                    bad.append(f"{lab} {col}: report {gv} expected {ev}")
    check(f"{period} report 主要指标 table ({n} rows): 本季度 and 上季度 figures match", n >= 15 and not bad,
          "; ".join(bad[:6]))
    # 附表6 table
    F6 = pdata["totals"]["F6"]
    cmap = {"住宅": "residential", "保障": "affordable_housing", "公共": "public", "大型": "large_public",
            "钢结构": "steel", "县": "county"}
    fm = {"新注册项数": ("new", "count"), "新注册万㎡": ("new", "area"), "竣工项数": ("completed", "count"),
          "竣工万㎡": ("completed", "area"), "备案项数": ("filed", "count"), "备案万㎡": ("filed", "area"),
          "备案率项%": ("rate", None), "在建项数": ("in_progress", "count"), "在建万㎡": ("in_progress", "area")}
    bad = []
    n = 0
    for t in d.tables:
        head = [c.text.replace("\n", "") for c in t.rows[0].cells]
        if not head or head[0] != "项目":
            continue
        for row in t.rows[1:]:
            cells = [c.text.replace("\n", "").strip() for c in row.cells]
            key = "large_public" if "大型" in cells[0] else next((v for k, v in cmap.items() if cells[0].startswith(k)), None)
            if not key:
                continue
            n += 1
            for h, v in zip(head[1:], cells[1:]):
                if h in fm:
                    g, m = fm[h]
                    ev = F6[key]["filing_rate"] if g == "rate" else F6[key][g][m]
                    if not close(num(v), ev, 0.1 if g == "rate" else (0.011 if m == "area" else 0)):
                        bad.append(f"{key} {h}: report {v} expected {ev}")
    check(f"{period} report 附表6 table ({n} categories) matches", n == 6 and not bad, "; ".join(bad[:6]))
    text = "\n".join(p.text for p in d.paragraphs)
    for label, val in (("在建", T["in_progress"]["count"]), ("竣工", T["completed"]["count"]),
                       ("新注册", T["new"]["count"])):
        check(f"{period} report text names {label} {val}项", f"{val}项" in text or str(val) in text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qstat", default="python -m qstat")
    ap.add_argument("--work", default=None, help="output folder (default: a temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--expected", default=None, help="another EXPECTED.json (to test this script)")
    a = ap.parse_args()
    work = os.path.abspath(a.work) if a.work else tempfile.mkdtemp(prefix="ly_compare_")
    os.makedirs(work, exist_ok=True)
    db = os.path.join(work, "history.sqlite")
    if os.path.exists(db):
        os.remove(db)
    timings = {}
    rcs = {}
    for per in ("2025Q3", "2025Q4", "2025"):
        out = os.path.join(work, per)
        rc, _, tm = run(a.qstat, ["consolidate", os.path.join(INBOX, per), "--period", per, "--config", CONFIG,
                                  "--out", out, "--db", db, "--date", "2026-01-12", "--quiet"],
                        os.path.join(work, f"consolidate_{per}.log"))
        rcs[per] = rc; timings[f"consolidate {per}"] = tm
    rc, rep_out, tm = run(a.qstat, ["report", "--period", "2025Q4", "--db", db, "--config", CONFIG,
                                    "--out", os.path.join(work, "2025Q4"), "--date", "2026-01-12"],
                          os.path.join(work, "report_2025Q4.log"))
    rcs["report"] = rc; timings["report 2025Q4"] = tm
    checks = [("涧西区 Q3", ["2025Q3/涧西区-2025Q3.xlsx", "--period", "2025Q3"], ["F3-001"], 1),
              ("老城区 Q4 (.xls)", ["2025Q4/老城区四季度报表.xls", "--period", "2025Q4"], ["F4-002"], 1),
              ("伊川县 Q4 with --db", ["2025Q4/伊川县2025年4季度.xlsx", "--period", "2025Q4", "--db", db], ["F5-006"], 1)]
    chk = []
    for name, args, rules, erc in checks:
        args = [os.path.join(INBOX, args[0])] + args[1:] + ["--config", CONFIG]
        rc, so, tm = run(a.qstat, ["check"] + args, os.path.join(work, f"check_{len(chk)}.log"))
        timings[f"check {name}"] = tm
        chk.append((name, rc, so, rules, erc))

    print("\n== exit statuses")
    for per in ("2025Q3", "2025Q4", "2025"):
        check(f"consolidate {per} exits 1 (planted errors)", rcs[per] == 1, f"exit {rcs[per]}")
    check("report 2025Q4 exits 0", rcs["report"] == 0, f"exit {rcs['report']}")
    for name, rc, so, rules, erc in chk:
        check(f"check {name}: exit {erc} and names {rules}", rc == erc and all(r in so for r in rules),
              f"exit {rc}; output: {so[:300]!r}")

    for per in ("2025Q3", "2025Q4", "2025"):
        print(f"\n== {per}")
        out = os.path.join(work, per)
        sp = os.path.join(out, "summary.json")
        if not os.path.exists(sp):
            check(f"{per} summary.json written", False)
            continue
        S = json.load(open(sp, encoding="utf-8"))
        pdata = E["periods"][per]
        planted = [d for d in E["defects"] if d["period"] == per]
        subs = {s["file"]: s for s in S["submissions"]}
        # submissions
        for u, e in pdata["units"].items():
            s = subs.get(e["file"])
            want = "errors" if any(d["unit"] == u and d["severity"] == "error" for d in planted) else "ok"
            check(f"{per} {e['file']}: unit {u}, status {want}, included",
                  s and s["unit"] == u and s["status"] == want and s["included"],
                  f"got {s and (s['unit'], s['status'], s['included'], s['errors'], s['warnings'])}")
        for sup in E["superseded"]:
            if sup["period"] == per:
                s = subs.get(sup["file"])
                check(f"{per} {sup['file']} superseded, not included",
                      s and s["status"] == "superseded" and not s["included"], f"got {s}")
        for f, s in subs.items():
            if f.startswith("~$"):
                check(f"{per} lock file {f} ignored", s["status"] == "ignored", s["status"])
            if f.endswith("分析报告.docx"):
                check(f"{per} {f} is a unit report", s["status"] == "report" and s["unit"] == "洛龙区", str(s))
            if f.endswith("说明.docx"):
                check(f"{per} {f} ignored (a note, not a report)", s["status"] == "ignored", s["status"])
        check(f"{per} no missing units", S.get("missing_units") == [], str(S.get("missing_units")))
        # planted defects
        fnd = S["findings"]
        used = set()
        for d in planted:
            hits = [i for i, f in enumerate(fnd) if f["rule"] == d["rule"] and f["unit"] == d["unit"]]
            check(f"{per} {d['id']} {d['rule']} {d['unit']} found", hits,
                  f"expected at {d['file']} {d['sheet']}!{d['cell']}")
            if hits:
                f0 = fnd[hits[0]]
                if d["cell"]:
                    check(f"{per} {d['id']} {d['rule']} at {d['sheet']}!{d['cell']}",
                          any(fnd[i]["cell"] == d["cell"] and fnd[i]["sheet"] == d["sheet"] for i in hits),
                          "qstat: " + ", ".join(f"{fnd[i]['sheet']}!{fnd[i]['cell']}" for i in hits))
                check(f"{per} {d['id']} severity {d['severity']}", f0["severity"] == d["severity"], f0["severity"])
            used.update(hits)
            used.update(i for i, f in enumerate(fnd) if f["unit"] == d["unit"] and f["rule"] in d["secondary"])
        extra_err = [f for i, f in enumerate(fnd) if i not in used and f["severity"] == "error"]
        extra_warn = [f for i, f in enumerate(fnd) if i not in used and f["severity"] == "warning"
                      and f["rule"] not in NORMALISING]
        norm = [f for i, f in enumerate(fnd) if i not in used and f["severity"] == "warning" and f["rule"] in NORMALISING]
        check(f"{per} no unplanted errors", not extra_err,
              "; ".join(f"{f['unit']} {f['rule']} {f['sheet']}!{f['cell']} {f['message'][:60]}" for f in extra_err[:6]))
        check(f"{per} no unplanted warnings (besides normalisation {sorted(NORMALISING)})", not extra_warn,
              "; ".join(f"{f['unit']} {f['rule']} {f['sheet']}!{f['cell']} {f['message'][:60]}" for f in extra_warn[:6]))
        if norm:
            note(f"{per}: {len(norm)} normalisation warnings: " +
                 ", ".join(sorted({f'{f["unit"]} {f["rule"]}' for f in norm})))
        # totals
        form = "F7" if per == "2025" else "F5"
        T = S.get("totals", {})
        if form in T:
            cmp_stats(f"{per} totals.{form} vs hand-checked city totals", T[form], pdata["totals"][form])
        else:
            check(f"{per} totals.{form} present", False, str(list(T)))
        cmp_f6(f"{per} totals.F6 (6 categories x 4 groups)", T.get("F6", {}), pdata["totals"]["F6"])
        for f in ("F1", "F2", "F3", "F4"):
            gv = (T.get(f) or {}).get("rows")
            check(f"{per} totals.{f}.rows = {pdata['totals'][f]['rows']}", gv == pdata["totals"][f]["rows"], f"qstat {gv}")
        # scores
        if per == "2025Q4":
            sc = S.get("scores") or {}
            got = {x["unit"]: x for x in sc.get("units", [])}
            bad = []
            for u, ev in E["scores"].items():
                g = got.get(u)
                if not g:
                    bad.append(f"{u}: absent")
                    continue
                if ev["total"] is None:
                    if g.get("rank") is not None or "未报" not in (g.get("mark") or ""):
                        bad.append(f"{u}: expected 未报评分表, got {g.get('mark')} rank {g.get('rank')}")
                    continue
                if not close(g.get("total"), ev["total"], 0.01) or g.get("rank") != ev["rank"] or \
                        (g.get("mark") or "") != ev["mark"]:
                    bad.append(f"{u}: qstat {g.get('total')}/#{g.get('rank')}/{g.get('mark')!r} "
                               f"expected {ev['total']}/#{ev['rank']}/{ev['mark']!r}")
            check("2025Q4 self-score ranking (totals, ranks, 先进单位/约谈/未报)", not bad, "; ".join(bad))
        cmp_forms_workbook(per, out)
    print("\n== report 2025Q4")
    cmp_report(os.path.join(work, "2025Q4"), "2025Q4")

    print("\n== timings")
    for k, v in timings.items():
        print(f"  {k:32s} {v}")
    npass = sum(1 for _, ok, _ in RESULTS if ok is True)
    nfail = sum(1 for _, ok, _ in RESULTS if ok is False)
    print(f"\n{npass} passed, {nfail} failed")
    if nfail:
        print("failed:")
        for n, ok, d in RESULTS:
            if ok is False:
                print("  - " + n + ("  -- " + d if d else ""))
    print("outputs in", work)
    if not a.keep and not a.work:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if nfail else 0)


if __name__ == "__main__":
    main()
