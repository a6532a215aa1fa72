#!/usr/bin/env python3
"""Compare a qstat run (summary.json + the consolidated forms workbook) with EXPECTED.json.
usage: python3 compare_run.py OUTDIR"""
import glob
import json
import os
import re
import sys
from collections import Counter, defaultdict

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
E = json.load(open(os.path.join(HERE, "EXPECTED.json"), encoding="utf-8"))
out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/henan_run/out"
S = json.load(open(os.path.join(out, "summary.json"), encoding="utf-8"))
diffs = []


def close(a, b, tol):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tol


# ---- units
for c, ce in E["cities"].items():
    subs = [s for s in S["submissions"] if s["file"] == ce["file"]]
    if not subs or subs[0]["unit"] != c:
        diffs.append(f"submission {ce['file']}: unit {subs[0]['unit'] if subs else None}, expected {c}")
    elif not subs[0]["included"]:
        diffs.append(f"submission {ce['file']}: not included")
if S["missing_units"]:
    diffs.append(f"missing_units {S['missing_units']} expected []")

# ---- findings
planted = {(p["file"], p["sheet"], p["cell"], p["rule"]) for p in E["planted_defects"]}
got = set()
for f in S["findings"]:
    key = (f["file"], f["sheet"], f["cell"], f["rule"])
    if key in planted:
        got.add(key)
        continue
    if f["rule"] == "HS001" or (f["rule"] == "ST006" and f["severity"] == "warning"):
        continue
    diffs.append(f"unexpected {f['severity']} {f['rule']} {f['unit']} {f['sheet']}!{f['cell']}: {f['message'][:110]}")
for p in planted - got:
    diffs.append(f"planted defect not reported: {p}")

# ---- totals F5
T = S["totals"]
pe = E["province"]
for g in ("carried_over", "new", "in_progress", "completed", "filed"):
    for m, tol in (("count", 0), ("area", 0.011), ("cost", 0.011)):
        a, b = T["F5"][g][m], pe["F5"][g][m]
        if not close(a, b, tol):
            diffs.append(f"totals.F5.{g}.{m} = {a}, expected {b}")
for m in ("count", "area"):
    if not close(T["F5"]["filing_rate"][m], pe["F5"]["filing_rate"][m], 0.1):
        diffs.append(f"totals.F5.filing_rate.{m} = {T['F5']['filing_rate'][m]}, expected {pe['F5']['filing_rate'][m]}")
if not close(T["F5"]["satisfaction_rate"], pe["F5"]["satisfaction_rate"], 0.1):
    diffs.append(f"totals.F5.satisfaction_rate = {T['F5']['satisfaction_rate']}, expected {pe['F5']['satisfaction_rate']:.2f}")
for m, tol in (("count", 0), ("deaths", 0), ("loss", 0.011)):
    if not close(T["F5"]["accidents"][m], pe["F5"]["accidents"][m], tol):
        diffs.append(f"totals.F5.accidents.{m} = {T['F5']['accidents'][m]}, expected {pe['F5']['accidents'][m]}")
# ---- totals F6
for cat, w in pe["F6"].items():
    gcat = T["F6"].get(cat, {})
    for g in ("new", "completed", "filed", "in_progress"):
        for m, tol in (("count", 0), ("area", 0.011), ("cost", 0.011)):
            a = gcat.get(g, {}).get(m)
            if not close(a, w[g][m], tol):
                diffs.append(f"totals.F6.{cat}.{g}.{m} = {a}, expected {w[g][m]}")
    if not close(gcat.get("filing_rate"), w["filing_rate"], 0.1):
        diffs.append(f"totals.F6.{cat}.filing_rate = {gcat.get('filing_rate')}, expected {w['filing_rate']}")
for f in ("F1", "F2", "F3", "F4"):
    if T[f]["rows"] != pe[f]["rows"]:
        diffs.append(f"totals.{f}.rows = {T[f]['rows']}, expected {pe[f]['rows']}")

# ---- consolidated workbook
wbp = glob.glob(os.path.join(out, "*汇总表.xlsx"))[0]
wb = openpyxl.load_workbook(wbp, data_only=True)
TITLES = {"F1": "不良行为记录统计表", "F2": "行政处罚记录表", "F3": "在建工程明细表", "F4": "竣工工程明细表",
          "F5": "季度统计表", "F6": "分类统计表"}


def find_sheet(form):
    for ws in wb.worksheets:
        txt = " ".join(str(v) for r in ws.iter_rows(max_row=6, values_only=True) for v in r if v)
        if TITLES[form] in txt and (form != "F5" or "分类" not in txt):
            return ws


for form, keyhdr in (("F1", "记录"), ("F2", "记录编号"), ("F3", "工程质量监督注册号"), ("F4", "工程质量监督注册号")):
    ws = find_sheet(form)
    if ws is None:
        diffs.append(f"汇总表: no sheet for {form}")
        continue
    hdr = None
    recs = {}
    unlabelled = []
    for row in ws.iter_rows(values_only=True):
        cells = ["" if v is None else str(v).replace("\n", "") for v in row]
        if hdr is None:
            if any(c.startswith(keyhdr) for c in cells) and any("填报单位" in c for c in cells):
                hdr = cells
                ki = next(i for i, c in enumerate(cells) if c.startswith(keyhdr))
                ui = next(i for i, c in enumerate(cells) if "填报单位" in c)
                ci = next((i for i, c in enumerate(cells) if c in ("县（区）", "所属县（市、区）", "县（市、区）")), None)
            continue
        k = cells[ki] if ki < len(cells) else ""
        if re.match(r"^(\d{6}-\d{4}-\d{4}|[A-Z]{2}(BL|CF)2025-\d{3})$", k):
            recs.setdefault(k, []).append((cells[ui], cells[ci] if ci is not None else None))
        elif any(cells) and not any(x in "".join(cells) for x in ("合计", "统计员", "填表人", "注", "备注")):
            if cells[ki] or (len(cells) > ki + 1 and cells[ki + 1]):
                unlabelled.append(cells[:ki + 3])
    if hdr is None:
        diffs.append(f"汇总表 {ws.title}: header with 填报单位 not found")
        continue
    exp = E["records"][form]
    wrong_city, wrong_county, missing = Counter(), defaultdict(Counter), Counter()
    for r in exp:
        g = recs.get(r["key"])
        if not g:
            missing[r["city"]] += 1
            continue
        u, cty = g[0]
        if u != r["city"]:
            wrong_city[(r["city"], u)] += 1
        if cty != r["county"]:
            wrong_county[r["city"]][(r["county"], cty)] += 1
    for k, v in missing.items():
        diffs.append(f"汇总表 {form}: {v} records of {k} missing")
    for (c, u), v in wrong_city.items():
        diffs.append(f"汇总表 {form}: {v} records of {c} have 填报单位 '{u}'")
    for c, cc in wrong_county.items():
        n = sum(cc.values())
        ex = "; ".join(f"{a}→{b!r}" for (a, b), _ in list(cc.items())[:4])
        diffs.append(f"汇总表 {form}: {n} records of {c} have the wrong 县（区） (e.g. {ex})")
    extra = len(unlabelled)
    if extra:
        diffs.append(f"汇总表 {form}: {extra} rows that are not records: e.g. {unlabelled[:3]}")
    dup = [k for k, v in recs.items() if len(v) > 1]
    if dup:
        diffs.append(f"汇总表 {form}: {len(dup)} keys listed twice")

# 附表5 of the consolidated workbook: one row per city
ws = find_sheet("F5")
cityrows = {}
for row in ws.iter_rows(values_only=True):
    for i, v in enumerate(row[:3]):
        if isinstance(v, str) and v.strip() in E["cities"]:
            vals = list(row[i + 1:i + 22])
            cityrows[v.strip()] = vals
            break
for c, ce in E["cities"].items():
    v = cityrows.get(c)
    if not v:
        diffs.append(f"汇总表 附表5: no row for {c}")
        continue
    for gi, g in enumerate(("carried_over", "new", "in_progress", "completed", "filed")):
        for mi, m in enumerate(("count", "area", "cost")):
            a = v[gi * 3 + mi]
            try:
                a = float(a)
            except (TypeError, ValueError):
                pass
            if not isinstance(a, float) or not close(a, ce["F5"][g][m], 0.011):
                diffs.append(f"汇总表 附表5 {c} {g}.{m} = {a}, expected {ce['F5'][g][m]}")

print(f"{len(diffs)} disagreements")
for d in diffs:
    print(" -", d)
