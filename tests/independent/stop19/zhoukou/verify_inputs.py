#!/usr/bin/env python3
"""Read the generated workbooks back with my own parser and check they say what EXPECTED.json says."""
import json, os, re, sys
from python_calamine import CalamineWorkbook
from zkcells import num, norm_text
HERE = os.path.dirname(os.path.abspath(__file__))
E = json.load(open(os.path.join(HERE, "EXPECTED.json"), encoding="utf-8"))
bad = 0
for per, P in E["periods"].items():
    for u, U in P["units"].items():
        wb = CalamineWorkbook.from_path(os.path.join(HERE, per, U["file"]))
        g3 = wb.get_sheet_by_name(U["sheets"][2]).to_python(skip_empty_area=False)
        hdr = next(i for i, r in enumerate(g3) if any("注册号" in str(c) for c in r))
        ci = next(j for j, c in enumerate(g3[hdr]) if "注册号" in str(c))
        ai = next(j for j, c in enumerate(g3[hdr]) if "建筑面积" in str(c))
        regs = [norm_text(r[ci]) for r in g3[hdr + 1:] if re.match(r"^\d{6}-\d{4}-\d+$", norm_text(r[ci]))]
        area = sum(num(r[ai]) for r in g3[hdr + 1:] if re.match(r"^\d{6}-\d{4}-\d+$", norm_text(r[ci])))
        g5 = wb.get_sheet_by_name(U["sheets"][4]).to_python(skip_empty_area=False)
        ur = next(r for r in g5 if u in norm_text(r[0]) or any(u in norm_text(c) for c in r[:3]))
        f5 = U["F5"]
        ok = len(regs) == U["F3_rows"] and abs(area / 1e4 - f5["in_progress"]["area"]) < 1e-6
        print(per, u, "F3 rows", len(regs), U["F3_rows"], "area", round(area / 1e4, 4), f5["in_progress"]["area"],
              "OK" if ok else "(differs)")
