#!/usr/bin/env python3
"""Re-read the generated workbooks from disk (not from the generator's model) and check
EXPECTED.json against them: county rows of 附表5 summed, subtotals/合计 checked, 附表3/4 rows
per county (by the 注册号's county code) against 附表5, stock flow, rates, 附表6 blocks.
Prints every mismatch; 'ALL OK' at the end when there is none but the planted one."""
import json
import os
import re
import subprocess
import sys
import tempfile
from decimal import Decimal, ROUND_HALF_UP

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
INBOX = os.path.join(HERE, "2025Q2")
E = json.load(open(os.path.join(HERE, "EXPECTED.json"), encoding="utf-8"))
sys.path.insert(0, HERE)
from make_henan_2025q2 import CITIES  # only for names/codes of counties

bad = []


def num(v):
    if v is None or v == "":
        return None
    if isinstance(v, (int, float)):
        return v
    s = str(v).replace(",", "").replace("%", "").strip()
    return float(s)


def r1(a, b):
    if not b:
        return None
    return float((Decimal(str(a)) * 100 / Decimal(str(b))).quantize(Decimal("0.1"), ROUND_HALF_UP))


def load(path):
    if path.endswith(".xls"):
        td = tempfile.mkdtemp()
        subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", td, path],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        path = os.path.join(td, os.path.basename(path)[:-4] + ".xlsx")
    return openpyxl.load_workbook(path, data_only=True)


def sheet_text(ws):
    return " ".join(str(c) for row in ws.iter_rows(max_row=6, values_only=True) for c in row if c)


G = ["carried_over", "new", "in_progress", "completed", "filed"]
RE_REG = re.compile(r"^(\d{6})-\d{4}-\d{4}$")
prov = {g: [0, 0.0, 0.0] for g in G}
prov_sat = [0.0, 0]
for city in CITIES:
    ce = E["cities"][city["name"]]
    wb = load(os.path.join(INBOX, city["file"]))
    names = {n for n, _ in city["counties"]}
    code2 = {c: n for n, c in city["counties"]}
    f5 = f3 = f4 = f6 = None
    for ws in wb.worksheets:
        t = sheet_text(ws)
        if "季度统计表" in t and "分类" not in t:
            f5 = ws
        elif "在建工程明细表" in t:
            f3 = ws
        elif "竣工工程明细表" in t:
            f4 = ws
        elif "分类统计表" in t:
            f6 = ws
    # ---- F5 county rows
    rows = {}
    other = []
    for row in f5.iter_rows(values_only=True):
        cells = list(row)
        for i, v in enumerate(cells[:3]):
            if isinstance(v, str) and (v in names or "计" in v or v.startswith("其中")) and len(cells) > i + 21:
                vals = [num(x) for x in cells[i + 1:i + 22]]
                if vals[0] is None:
                    continue
                (rows.__setitem__(v, vals) if v in names else other.append((v, vals)))
                break
    if set(rows) != names:
        bad.append(f"{city['name']}: F5 county rows {sorted(set(names) - set(rows))} missing")
    tot = [0.0] * 21
    for n, vals in rows.items():
        for k in range(21):
            if k not in (15, 16, 17):
                tot[k] += vals[k] or 0
        # per county checks
        for k in range(3):
            a = vals[6 + k]
            b = vals[0 + k] + vals[3 + k] - vals[9 + k]
            if abs(a - b) > 0.001:
                bad.append(f"{city['name']} {n}: stock flow broken col {k}")
        if r1(vals[12], vals[9]) != vals[15] or r1(vals[13], vals[10]) != vals[16]:
            bad.append(f"{city['name']} {n}: filing rate {vals[15]},{vals[16]}")
        if vals[17] is not None:
            prov_sat[0] += vals[17] * vals[12]
            prov_sat[1] += vals[12]
    sat_w = sum(v[17] * v[12] for v in rows.values() if v[17] is not None)
    sat = sat_w / sum(v[12] for v in rows.values())
    for gi, g in enumerate(G):
        got = [round(tot[gi * 3], 0), round(tot[gi * 3 + 1], 2), round(tot[gi * 3 + 2], 2)]
        want = [ce["F5"][g]["count"], ce["F5"][g]["area"], ce["F5"][g]["cost"]]
        if got != want:
            bad.append(f"{city['name']} F5 {g}: file {got} expected {want}")
        for k in range(3):
            prov[g][k] += tot[gi * 3 + k]
    if abs(sat - ce["F5"]["satisfaction_rate"]) > 1e-3:
        bad.append(f"{city['name']} satisfaction {sat} vs {ce['F5']['satisfaction_rate']}")
    if [tot[18], tot[19], round(tot[20], 2)] != [ce["F5"]["accidents"][k] for k in ("count", "deaths", "loss")]:
        bad.append(f"{city['name']} accidents")
    # subtotal / total rows
    dist = [n for n in rows if n.endswith("区")]
    cnty = [n for n in rows if not n.endswith("区")]
    for label, vals in other:
        members = dist if "市区" in label else cnty if "县（市）" in label else list(rows)
        for k in range(21):
            if k in (15, 16, 17):
                continue
            s = round(sum(rows[m][k] for m in members), 2)
            if abs(s - vals[k]) > 0.001:
                bad.append(f"{city['name']} F5 row '{label}' col {k}: stated {vals[k]} sum {s}"
                           + ("  <- planted" if city.get("wrong_total") else ""))
    print(f"{city['name']}: F5 units {len(rows)}, other rows {[l for l, _ in other]}")
    # ---- F3 / F4 records by 注册号 county code
    for form, ws, key, fcol in (("F3", f3, "F3_by_county", 6), ("F4", f4, "F4_by_county", 9)):
        cnt, area, filed = {}, {}, {}
        hdr = None
        for row in ws.iter_rows(values_only=True):
            if hdr is None and "工程质量监督注册号" in [str(x) for x in row]:
                hdr = [str(x) if x else "" for x in row]
                ai = next(i for i, h in enumerate(hdr) if h.startswith("建筑面积"))
                bi = next((i for i, h in enumerate(hdr) if h.startswith("备案\n日期")), None)
                continue
            for v in row:
                m = RE_REG.match(str(v)) if v else None
                if m:
                    n = code2[m.group(1)]
                    cnt[n] = cnt.get(n, 0) + 1
                    area[n] = area.get(n, 0) + num(row[ai])
                    if bi is not None and row[bi]:
                        filed[n] = filed.get(n, 0) + 1
                    break
        if cnt != ce[key]:
            bad.append(f"{city['name']} {form} by county {cnt} vs {ce[key]}")
        for n in names:
            if form == "F3" and (cnt.get(n) != rows[n][6] or abs(area[n] / 10000 - rows[n][7]) > 0.001):
                bad.append(f"{city['name']} {n}: F3 rows/area vs F5 in_progress")
            if form == "F4" and (cnt.get(n) != rows[n][9] or filed.get(n, 0) != rows[n][12]
                                 or abs(area[n] / 10000 - rows[n][10]) > 0.001):
                bad.append(f"{city['name']} {n}: F4 rows/filed/area vs F5 completed/filed")
    # ---- F6: sum of county blocks (or the single table) per category label
    cat_rows = {}
    for row in f6.iter_rows(values_only=True):
        cells = list(row)
        for i, v in enumerate(cells[:2]):
            if isinstance(v, str) and v.replace("\n", "") in ("住宅工程", "保障性安居工程", "公共建筑工程",
                                                                  "大型公共建筑工程（2万平方米以上）", "钢结构工程", "县（区）工程"):
                cat_rows.setdefault(v.replace("\n", ""), []).append([num(x) for x in cells[i + 1:i + 14]])
    lab = {"residential": "住宅工程", "affordable_housing": "保障性安居工程", "public": "公共建筑工程",
           "large_public": "大型公共建筑工程（2万平方米以上）", "steel": "钢结构工程", "county": "县（区）工程"}
    nblocks = len(cat_rows["住宅工程"])
    has_total = city["f6"] in ("merged",) or (city["f6"] == "heading" and city["f5"] != "no_total")
    for cat, label in lab.items():
        blocks = cat_rows[label]
        units = blocks[:-1] if has_total else blocks
        s = [round(sum((b[k] or 0) for b in units), 2) for k in range(13)]
        if has_total:
            t = blocks[-1]
            for k in range(13):
                if k != 9 and abs((t[k] or 0) - s[k]) > 0.001:
                    bad.append(f"{city['name']} F6 合计 {cat} col {k}")
        w = ce["F6"][cat]
        want = []
        for g in ("new", "completed", "filed", "in_progress"):
            want += [w[g]["count"], w[g]["area"], w[g]["cost"]]
            if g == "filed":
                want.append(None)
        for k in range(13):
            if k != 9 and abs(s[k] - want[k]) > 0.001:
                bad.append(f"{city['name']} F6 {cat} col {k}: {s[k]} vs {want[k]}")
        # F6 within F5 (each county) checked via totals here
    print(f"   F6 blocks {nblocks}, F3 {sum(ce['F3_by_county'].values())} F4 {sum(ce['F4_by_county'].values())}")

pe = E["province"]["F5"]
for g in G:
    got = [round(prov[g][0]), round(prov[g][1], 2), round(prov[g][2], 2)]
    want = [pe[g]["count"], pe[g]["area"], pe[g]["cost"]]
    if got != want:
        bad.append(f"province {g} {got} vs {want}")
ps = prov_sat[0] / prov_sat[1]
if abs(ps - pe["satisfaction_rate"]) > 1e-3:
    bad.append(f"province satisfaction {ps} vs {pe['satisfaction_rate']}")
print("province F5 from files:", {g: [round(prov[g][0]), round(prov[g][1], 2), round(prov[g][2], 2)] for g in G},
      "satisfaction", round(ps, 4))
for b in bad:
    print("MISMATCH", b)
print("ALL OK (only planted)" if all("planted" in b for b in bad) else "PROBLEMS")
