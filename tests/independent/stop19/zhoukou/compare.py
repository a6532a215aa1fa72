#!/usr/bin/env python3
"""Run qstat on the 周口市 inbox (2025Q2 then 2025Q3, one fresh --db) and compare its
summary.json and consolidated 汇总表 with EXPECTED.json.  Prints a PASS/FAIL list.

usage: python3 compare.py [--qstat "CMD"] [--out DIR] [--keep]
  --qstat  the qstat command, split like a shell line (default: qstat), e.g.
           --qstat "env PYTHONPATH=/work/main qstat"   or   --qstat "python -m qstat"
  --out    where the runs write (default /tmp/zhoukou_compare); wiped first
Exit status 0 when every check passes, 1 otherwise.
"""
import argparse
import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from zkcells import num, norm_text, rate as prate  # noqa: E402

ROOT = HERE
for _i, _a in enumerate(sys.argv):
    if _a == "--root" and _i + 1 < len(sys.argv):
        ROOT = os.path.abspath(sys.argv[_i + 1])
E = json.load(open(os.path.join(ROOT, "EXPECTED.json"), encoding="utf-8"))
RESULTS = []


def check(ok, name, detail=""):
    RESULTS.append((bool(ok), name, detail))
    return ok


def close(a, b, tol):
    if a is None or b is None:
        return a is None and b is None
    try:
        return abs(float(a) - float(b)) <= tol
    except (TypeError, ValueError):
        return False


TOL = {"count": 0, "area": 0.0006, "cost": 0.006, "rate": 0.051, "deaths": 0, "loss": 0.006}


def cmp_f5(prefix, got, exp):
    for g in ("carried_over", "new", "in_progress", "completed", "filed"):
        for m in ("count", "area", "cost"):
            gv = (got.get(g) or {}).get(m)
            check(close(gv, exp[g][m], TOL[m]), f"{prefix} F5.{g}.{m}", f"qstat={gv} expected={exp[g][m]}")
    for m in ("count", "area"):
        gv = (got.get("filing_rate") or {}).get(m)
        check(close(gv, exp["filing_rate"][m], TOL["rate"]), f"{prefix} F5.filing_rate.{m}",
              f"qstat={gv} expected={exp['filing_rate'][m]}")
    gv = got.get("satisfaction_rate")
    check(close(gv, exp["satisfaction_rate"], TOL["rate"]), f"{prefix} F5.satisfaction_rate",
          f"qstat={gv} expected={exp['satisfaction_rate']}")
    for m in ("count", "deaths", "loss"):
        gv = (got.get("accidents") or {}).get(m)
        check(close(gv, exp["accidents"][m], TOL[m]), f"{prefix} F5.accidents.{m}",
              f"qstat={gv} expected={exp['accidents'][m]}")


def cmp_f6(prefix, got, exp):
    for cat, row in exp.items():
        g = got.get(cat) or {}
        for k in ("new", "completed", "filed", "in_progress"):
            for m in ("count", "area", "cost"):
                gv = (g.get(k) or {}).get(m)
                check(close(gv, row[k][m], TOL[m]), f"{prefix} F6.{cat}.{k}.{m}", f"qstat={gv} expected={row[k][m]}")
        gv = g.get("filing_rate")
        check(close(gv, row["filing_rate"], TOL["rate"]), f"{prefix} F6.{cat}.filing_rate",
              f"qstat={gv} expected={row['filing_rate']}")


# ---------------------------------------------------------------- the 汇总表 workbook

def grids(path):
    from python_calamine import CalamineWorkbook
    wb = CalamineWorkbook.from_path(path)
    out = {}
    for n in wb.sheet_names:
        try:
            out[n] = wb.get_sheet_by_name(n).to_python(skip_empty_area=False)
        except Exception:
            out[n] = []
    return out


def find_sheet(gs, words):
    for n, g in gs.items():
        txt = " ".join(norm_text(c) for r in g[:6] for c in r)
        if all(w in txt for w in words):
            return n, g
    return None, None


def header_map(g, groups, subrow_word="项数"):
    """(group, sub) -> column, from a two-row header; groups: list of (key, words)."""
    for i, r in enumerate(g):
        if sum(1 for c in r if norm_text(c) == subrow_word) >= 3 and i > 0:
            top = g[i - 1]
            cur = None
            cmap = {}
            for j in range(len(r)):
                t = norm_text(top[j]) if j < len(top) else ""
                if t:
                    cur = None
                    for key, ws in groups:
                        if any(w in t for w in ws):
                            cur = key
                            break
                sub = norm_text(r[j]).replace("\n", "").replace(" ", "")
                if cur is None:
                    continue
                if not sub:
                    cmap[(cur, "")] = j
                    continue
                m = "count" if "项数" in sub else "area" if "面积" in sub else "cost" if "造价" in sub or "经济损失" in sub \
                    else "deaths" if "死亡" in sub else "rate" if "备案率" in sub else sub
                cmap[(cur, m)] = j
            return i, cmap
    return None, {}


F5_GROUPS = [("carried_over", ["接转"]), ("new", ["新注册"]), ("in_progress", ["在建"]), ("completed", ["竣工"]),
             ("filed", ["备案工程", "质量备案\n工程", "质量备案 工程", "本季度质量备案"]), ("filing_rate", ["备案率"]),
             ("satisfaction_rate", ["满意率"]), ("accidents", ["事故"])]


def cell_val(v, kind):
    try:
        return prate(v) if kind == "rate" else num(v)
    except ValueError:
        return f"<junk {v!r}>"


def check_f5_sheet(prefix, path, P):
    gs = grids(path)
    name, g = find_sheet(gs, ["季度统计表"])
    if not check(g is not None, f"{prefix} 汇总表 has 附表5", path):
        return gs
    # order matters: 备案率 before 备案
    groups = [F5_GROUPS[5], F5_GROUPS[6], F5_GROUPS[7], F5_GROUPS[0], F5_GROUPS[1], F5_GROUPS[2], F5_GROUPS[3],
              F5_GROUPS[4]]
    hi, cmap = header_map(g, groups)
    if not check(hi is not None and ("in_progress", "count") in cmap, f"{prefix} 汇总表 附表5 header located",
                 str(cmap)[:200]):
        return gs
    units = P["units"]
    seen = {}
    for r in g[hi + 1:]:
        lab = " ".join(norm_text(c) for c in r[:3])
        for u in list(units) + ["合计"]:
            if u in lab.replace(" ", "") and u not in seen:
                seen[u] = r
    for u in list(units) + ["合计"]:
        r = seen.get(u)
        if not check(r is not None, f"{prefix} 汇总表 附表5 row {u}"):
            continue
        exp = units[u]["F5"] if u != "合计" else P["totals"]["F5"]
        bad = []
        for g5 in ("carried_over", "new", "in_progress", "completed", "filed"):
            for m in ("count", "area", "cost"):
                j = cmap.get((g5, m))
                gv = cell_val(r[j], m) if j is not None else None
                if not close(gv, round(exp[g5][m], 2) if m != "count" else exp[g5][m], 0.0051 if m != "count" else 0):
                    bad.append(f"{g5}.{m}: 汇总表={gv} expected={exp[g5][m]}")
        # rates: a unit's row may be recomputed by qstat, so compare with the rate of its stated figures
        if u == "合计":
            fr = exp["filing_rate"]
            sat = exp["satisfaction_rate"]
        else:
            c, cc = exp["filed"]["count"], exp["completed"]["count"]
            fr = {"count": round(c * 100 / cc, 1) if cc else None,
                  "area": round(exp["filed"]["area"] * 100 / exp["completed"]["area"], 1) if cc else None}
            sat = exp["satisfaction_rate"]
        for m, ev in (("count", fr["count"]), ("area", fr["area"])):
            j = cmap.get(("filing_rate", "count" if m == "count" else "area"))
            gv = cell_val(r[j], "rate") if j is not None else "<no column>"
            if not close(gv, ev, 0.051):
                bad.append(f"filing_rate.{m}: 汇总表={gv} expected={ev}")
        j = cmap.get(("satisfaction_rate", ""))
        gv = cell_val(r[j], "rate") if j is not None else "<no column>"
        if not close(gv, sat, 0.051):
            bad.append(f"satisfaction_rate: 汇总表={gv} expected={sat}")
        for m in ("count", "deaths", "cost"):
            j = cmap.get(("accidents", m))
            key = {"cost": "loss"}.get(m, m)
            gv = cell_val(r[j], m) if j is not None else None
            if not close(gv, exp["accidents"][key], 0.0051):
                bad.append(f"accidents.{key}: 汇总表={gv} expected={exp['accidents'][key]}")
        check(not bad, f"{prefix} 汇总表 附表5 {u}", "; ".join(bad))
    return gs


F6_ROWS = [("large_public", ["大型"]), ("affordable_housing", ["保障性"]), ("residential", ["住宅"]),
           ("public", ["公共建筑"]), ("steel", ["钢结构"]), ("county", ["县"])]


def check_f6_sheet(prefix, gs, P):
    name, g = find_sheet(gs, ["分类统计表"])
    if not check(g is not None, f"{prefix} 汇总表 has 附表6"):
        return
    groups = [("filed", ["备案"]), ("new", ["新注册"]), ("completed", ["竣工"]), ("in_progress", ["在建"])]
    hi, cmap = header_map(g, groups)
    if not check(hi is not None, f"{prefix} 汇总表 附表6 header located"):
        return
    exp = P["totals"]["F6"]
    found = {}
    for r in g[hi + 1:]:
        lab = norm_text(r[0]) + norm_text(r[1] if len(r) > 1 else "")
        lab = lab.replace("\n", "")
        for key, ws in F6_ROWS:
            if any(w in lab for w in ws) and key not in found:
                found[key] = r
                break
    for cat, row in exp.items():
        r = found.get(cat)
        if not check(r is not None, f"{prefix} 汇总表 附表6 row {cat}"):
            continue
        bad = []
        for k in ("new", "completed", "filed", "in_progress"):
            for m in ("count", "area", "cost"):
                j = cmap.get((k, m))
                gv = cell_val(r[j], m) if j is not None else None
                if not close(gv, round(row[k][m], 2) if m != "count" else row[k][m], 0.0051 if m != "count" else 0):
                    bad.append(f"{k}.{m}: 汇总表={gv} expected={row[k][m]}")
        j = cmap.get(("filed", "rate"))
        gv = cell_val(r[j], "rate") if j is not None else "<no column>"
        if not close(gv, row["filing_rate"], 0.051):
            bad.append(f"filing_rate: 汇总表={gv} expected={row['filing_rate']}")
        check(not bad, f"{prefix} 汇总表 附表6 {cat}", "; ".join(bad))


def check_detail_sheet(prefix, gs, P, title, key):
    name, g = find_sheet(gs, [title])
    if not check(g is not None, f"{prefix} 汇总表 has {title}"):
        return
    n = 0
    per_unit = {}
    ucol = None
    for i, r in enumerate(g[:10]):
        for j, c in enumerate(r):
            if "填报单位" in norm_text(c):
                ucol = j
    cur = None
    for r in g:
        if any(re.match(r"^\d{6}-\d{4}-\d+$", norm_text(c)) for c in r):
            n += 1
            if ucol is not None:
                cur = norm_text(r[ucol]) or cur
                per_unit[cur] = per_unit.get(cur, 0) + 1
    exp = P["totals"][key]["rows"]
    check(n == exp, f"{prefix} 汇总表 {title} rows", f"汇总表={n} expected={exp}")
    if ucol is not None:
        bad = [f"{u}: {per_unit.get(u, 0)} vs {U[key + '_rows']}" for u, U in P["units"].items()
               if per_unit.get(u, 0) != U[key + "_rows"]]
        check(not bad, f"{prefix} 汇总表 {title} rows per unit (填报单位)", "; ".join(bad))


# ---------------------------------------------------------------- findings

ALLOWED_NOISE = {"ST006", "HS001", "IN002", "IN007"}


def check_findings(prefix, S, P):
    F = S.get("findings", [])
    planted = P["planted"]
    for d in planted:
        hits = [f for f in F if f.get("unit") == d["unit"] and f.get("rule") == d["rule"]]
        where = f"{d['file']} {d['sheet']}!{','.join(d['cells'] or ['-'])}"
        if not check(hits, f"{prefix} planted {d['rule']} {d['unit']}", f"not reported ({where}: {d['what']})"):
            continue
        sev_ok = any(f.get("severity") == d["severity"] for f in hits)
        check(sev_ok, f"{prefix} planted {d['rule']} {d['unit']} severity {d['severity']}",
              f"got {[f.get('severity') for f in hits]}")
        if d["cells"]:
            cells_ok = any(f.get("cell") in d["cells"] for f in hits)
            check(cells_ok, f"{prefix} planted {d['rule']} {d['unit']} cell in {d['cells']}",
                  f"got {[(f.get('sheet'), f.get('cell')) for f in hits]}")
            sheet_ok = any(f.get("sheet") == d["sheet"] for f in hits)
            check(sheet_ok, f"{prefix} planted {d['rule']} {d['unit']} sheet {d['sheet']}",
                  f"got {sorted(set(str(f.get('sheet')) for f in hits))}")
    planted_keys = {(d["unit"], d["rule"]) for d in planted}
    unexpected = {}
    for f in F:
        if f.get("severity") == "info":
            continue
        if (f.get("unit"), f.get("rule")) in planted_keys or f.get("rule") in ALLOWED_NOISE:
            continue
        k = (f.get("unit"), f.get("rule"), f.get("severity"))
        unexpected.setdefault(k, []).append(f)
    check(not unexpected, f"{prefix} no unexpected errors/warnings",
          "; ".join(f"{k[0]} {k[1]}({k[2]}) x{len(v)} e.g. {v[0].get('file')} {v[0].get('sheet')}!{v[0].get('cell')} "
                    f"{(v[0].get('message') or '')[:90]} value={str(v[0].get('value'))[:40]}"
                    for k, v in sorted(unexpected.items(), key=str)))
    for u in P["units"]:
        in7 = [f for f in F if f.get("unit") == u and f.get("rule") == "IN007"]
        if u in P.get("expect_IN007_units", []):
            check(in7, f"{prefix} IN007 (formula without cached value) reported for {u}")
    # normalisation notes per unit (informational)
    st6 = {}
    for f in F:
        if f.get("rule") == "ST006":
            st6[f.get("unit")] = st6.get(f.get("unit"), 0) + 1
    return st6


def run(cmd, args):
    full = cmd + args
    p = subprocess.run(full, capture_output=True, text=True, cwd="/tmp")
    return p.returncode, p.stdout, p.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qstat", default="qstat")
    ap.add_argument("--out", default="/tmp/zhoukou_compare")
    ap.add_argument("--root", default=HERE, help="folder holding EXPECTED.json, qstat.toml and the inboxes")
    a = ap.parse_args()
    cmd = shlex.split(a.qstat)
    if os.path.isdir(a.out):
        shutil.rmtree(a.out)
    os.makedirs(a.out)
    db = os.path.join(a.out, "qstat.sqlite")
    cfg = os.path.join(ROOT, "qstat.toml")
    dates = {"2025Q2": "2025-07-10", "2025Q3": "2025-10-10"}
    notes = []
    for per in ("2025Q2", "2025Q3"):
        P = E["periods"][per]
        pre = per
        out = os.path.join(a.out, per)
        rc, so, se = run(cmd, ["consolidate", os.path.join(ROOT, per), "--period", per, "--config", cfg,
                               "--out", out, "--db", db, "--date", dates[per], "--quiet"])
        check(rc == P["expect_exit"], f"{pre} exit status {P['expect_exit']}", f"got {rc}; stderr: {se.strip()[-300:]}")
        sp = os.path.join(out, "summary.json")
        if not check(os.path.exists(sp), f"{pre} summary.json written"):
            continue
        S = json.load(open(sp, encoding="utf-8"))
        subs = {s["file"]: s for s in S.get("submissions", [])}
        planted_units = {d["unit"] for d in P["planted"] if d["severity"] == "error"}
        for u, U in P["units"].items():
            s = subs.get(U["file"])
            if not check(s is not None, f"{pre} submission listed: {U['file']}"):
                continue
            check(s.get("unit") == u, f"{pre} {U['file']} unit", f"got {s.get('unit')}")
            want = "errors" if u in planted_units else "ok"
            check(s.get("status") == want, f"{pre} {u} status {want}",
                  f"got {s.get('status')} errors={s.get('errors')} warnings={s.get('warnings')}")
            check(s.get("included") is True, f"{pre} {u} included")
        if P.get("expect_lock_file"):
            s = subs.get(P["expect_lock_file"])
            check(s is not None and s.get("status") == "ignored", f"{pre} lock file ignored",
                  f"got {s and s.get('status')}")
        extra = [f for f in subs if f not in {U["file"] for U in P["units"].values()} and f != P.get("expect_lock_file")]
        check(not extra, f"{pre} no unexpected submissions", str(extra))
        check(S.get("missing_units") == [], f"{pre} missing_units empty", str(S.get("missing_units")))
        T = S.get("totals", {})
        cmp_f5(pre, T.get("F5", {}), P["totals"]["F5"])
        cmp_f6(pre, T.get("F6", {}), P["totals"]["F6"])
        for k in ("F1", "F2", "F3", "F4"):
            gv = (T.get(k) or {}).get("rows")
            check(gv == P["totals"][k]["rows"], f"{pre} {k}.rows", f"qstat={gv} expected={P['totals'][k]['rows']}")
        st6 = check_findings(pre, S, P)
        notes.append(f"{pre} ST006 notes per unit: {st6}")
        hz = glob.glob(os.path.join(out, "*汇总表.xlsx"))
        if check(hz, f"{pre} 汇总表.xlsx written"):
            gs = check_f5_sheet(pre, hz[0], P)
            check_f6_sheet(pre, gs, P)
            check_detail_sheet(pre, gs, P, "在建工程明细表", "F3")
            check_detail_sheet(pre, gs, P, "竣工工程明细表", "F4")
    # per-unit figures as qstat recorded them (qstat history --form F5/F6 as CSV)
    import csv
    for form in ("F5", "F6"):
        hp = os.path.join(a.out, f"history_{form}.csv")
        rc, so, se = run(cmd, ["history", "--db", db, "--form", form, "--out", hp])
        if not check(rc == 0 and os.path.exists(hp), f"history --form {form} written", se[-200:]):
            continue
        rows = list(csv.DictReader(open(hp, encoding="utf-8-sig")))
        for per in ("2025Q2", "2025Q3"):
            for u, U in E["periods"][per]["units"].items():
                r = next((x for x in rows if x.get("期别") == per and x.get("单位") == u), None)
                if not check(r is not None, f"{per} history {form} row {u}"):
                    continue
                bad = []
                if form == "F5":
                    for gk, gw in (("carried_over", "接转"), ("new", "新注册"), ("in_progress", "在建"),
                                   ("completed", "竣工"), ("filed", "备案工程")):
                        for m, mw in (("count", "项数"), ("area", "面积"), ("cost", "造价")):
                            col = next((k for k in r if gw in k and mw in k and "事故" not in k and "备案率" not in k), None)
                            gv = num(r[col]) if col and r[col] != "" else None
                            if not close(gv, U["F5"][gk][m], TOL[m]):
                                bad.append(f"{gk}.{m}: qstat={gv} expected={U['F5'][gk][m]}")
                    for m, mw in (("count", "事故项数"), ("deaths", "死亡"), ("loss", "经济损失")):
                        col = next((k for k in r if mw in k), None)
                        gv = num(r[col]) if col and r[col] != "" else None
                        if not close(gv, U["F5"]["accidents"][m], TOL[m]):
                            bad.append(f"accidents.{m}: qstat={gv} expected={U['F5']['accidents'][m]}")
                    col = next((k for k in r if "满意率" in k), None)
                    gv = num(r[col]) if col and r[col] != "" else None
                    if not close(gv, U["F5"]["satisfaction_rate"], 0.051):
                        bad.append(f"satisfaction_rate: qstat={gv} expected={U['F5']['satisfaction_rate']}")
                else:
                    for cat, ws in F6_ROWS:
                        for gk, gw in (("new", "新注册"), ("completed", "竣工"), ("filed", "备案工程"),
                                       ("in_progress", "在建")):
                            for m, mw in (("count", "项数"), ("area", "面积"), ("cost", "造价")):
                                col = next((k for k in r if any(w in k for w in ws) and gw in k and mw in k
                                            and "备案率" not in k
                                            and not (cat == "residential" and "保障性" in k)
                                            and not (cat == "public" and "大型" in k)), None)
                                gv = num(r[col]) if col and r[col] != "" else None
                                if not close(gv, U["F6"][cat][gk][m], TOL[m]):
                                    bad.append(f"{cat}.{gk}.{m}: qstat={gv} expected={U['F6'][cat][gk][m]}")
                check(not bad, f"{per} history {form} {u} (per-unit figures)", "; ".join(bad[:6]) +
                      (f" (+{len(bad) - 6})" if len(bad) > 6 else ""))

    # the city's 汇总表 must be a valid submission to the province: consolidate it alone (no config)
    hz = glob.glob(os.path.join(a.out, "2025Q3", "*汇总表.xlsx"))
    sp = os.path.join(a.out, "2025Q3", "summary.json")
    if hz and os.path.exists(sp):
        city = json.load(open(sp, encoding="utf-8"))["totals"]
        pin = os.path.join(a.out, "province_inbox")
        os.makedirs(pin)
        shutil.copy(hz[0], pin)
        rc, so, se = run(cmd, ["consolidate", pin, "--period", "2025Q3", "--out", os.path.join(a.out, "province"),
                               "--db", os.path.join(a.out, "province.sqlite"), "--date", "2025-10-20", "--quiet"])
        ps = os.path.join(a.out, "province", "summary.json")
        if check(os.path.exists(ps), "province run over 周口市 汇总表: summary.json written", f"rc={rc} {se[-200:]}"):
            P = json.load(open(ps, encoding="utf-8"))
            subs = P.get("submissions", [])
            check(len(subs) == 1 and subs[0].get("unit") and "周口" in str(subs[0].get("unit")),
                  "province run: 汇总表 recognised as 周口市", str([(s.get("file"), s.get("unit"), s.get("status")) for s in subs]))
            pt = P.get("totals", {})
            # the 汇总表 prints every value rounded (面积/造价 0.01): the province adds the printed county rows
            PU = E["periods"]["2025Q3"]["units"]
            pe = {}
            for g in ("carried_over", "new", "in_progress", "completed", "filed"):
                pe[g] = {"count": sum(U["F5"][g]["count"] for U in PU.values()),
                         "area": round(sum(round(U["F5"][g]["area"] + 1e-9, 2) for U in PU.values()), 2),
                         "cost": round(sum(round(U["F5"][g]["cost"] + 1e-9, 2) for U in PU.values()), 2)}
            pe["filing_rate"] = {"count": round(pe["filed"]["count"] * 100 / pe["completed"]["count"], 1),
                                 "area": round(pe["filed"]["area"] * 100 / pe["completed"]["area"], 1)}
            pe["satisfaction_rate"] = E["periods"]["2025Q3"]["totals"]["F5"]["satisfaction_rate"]
            pe["accidents"] = E["periods"]["2025Q3"]["totals"]["F5"]["accidents"]
            cmp_f5("province-from-汇总表", pt.get("F5", {}), pe)
            f6 = json.loads(json.dumps(E["periods"]["2025Q3"]["totals"]["F6"]))
            for row in f6.values():
                for k in ("new", "completed", "filed", "in_progress"):
                    for m in ("area", "cost"):
                        row[k][m] = round(row[k][m] + 1e-9, 2)
            cmp_f6("province-from-汇总表", pt.get("F6", {}), f6)
            for k in ("F1", "F2", "F3", "F4"):
                gv = (pt.get(k) or {}).get("rows")
                ev = E["periods"]["2025Q3"]["totals"][k]["rows"]
                check(gv == ev, f"province-from-汇总表 {k}.rows", f"qstat={gv} expected={ev}")
            errs = [f for f in P.get("findings", []) if f.get("severity") == "error"]
            check(not errs, "province run: no error findings on the city's 汇总表",
                  "; ".join(f"{f.get('rule')} {f.get('sheet')}!{f.get('cell')} {(f.get('message') or '')[:80]}"
                            for f in errs[:5]) + (f" (+{len(errs) - 5})" if len(errs) > 5 else ""))
    npass = sum(1 for ok, *_ in RESULTS if ok)
    for ok, name, detail in RESULTS:
        if not ok:
            print(f"FAIL  {name}  -- {detail}")
    print()
    for ok, name, detail in RESULTS:
        if ok:
            print(f"PASS  {name}")
    print()
    for n in notes:
        print("note:", n)
    print(f"\n{npass}/{len(RESULTS)} checks passed; {len(RESULTS) - npass} FAILED")
    sys.exit(0 if npass == len(RESULTS) else 1)


if __name__ == "__main__":
    main()
