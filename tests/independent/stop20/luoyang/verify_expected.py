#!/usr/bin/env python3
"""Internal consistency of EXPECTED.json (the hand-check of the figures): flow, lists vs 附表5, Q3->Q4, year vs Q4."""
import json, os
E = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "EXPECTED.json"), encoding="utf-8"))
bad = []
P = E["periods"]
for per, pd in P.items():
    for u, e in pd["units"].items():
        s = e["stats"]
        for m, tol in (("count", 0), ("area", 1e-4), ("cost", 0.011)):
            if abs(s["carried_over"][m] + s["new"][m] - s["completed"][m] - s["in_progress"][m]) > tol:
                bad.append(f"{per} {u} flow {m}")
        if e["rows"]["F3"] != s["in_progress"]["count"]: bad.append(f"{per} {u} F3 rows")
        if e["rows"]["F4"] != s["completed"]["count"]: bad.append(f"{per} {u} F4 rows")
        if s["filed"]["count"] > s["completed"]["count"]: bad.append(f"{per} {u} filed>completed")
        for c, v in e["F6"].items():
            for g in ("new", "completed", "filed", "in_progress"):
                if v[g]["count"] > s[g]["count"]: bad.append(f"{per} {u} F6 {c} {g}")
        if e["F6"]["large_public"]["in_progress"]["count"] > e["F6"]["public"]["in_progress"]["count"]: bad.append("F6-001")
    for k in ("F5", "F7"):
        if k in pd["totals"]:
            T = pd["totals"][k]
            for g in ("carried_over", "new", "in_progress", "completed", "filed"):
                for m in ("count", "area", "cost"):
                    ssum = sum(e["stats"][g][m] for e in pd["units"].values())
                    if abs(ssum - T[g][m]) > 0.01: bad.append(f"{per} total {g}.{m}")
for u in E["units"]:
    q3, q4, y = P["2025Q3"]["units"][u]["stats"], P["2025Q4"]["units"][u]["stats"], P["2025"]["units"][u]["stats"]
    for m in ("count", "area", "cost"):
        if abs(q4["carried_over"][m] - q3["in_progress"][m]) > 1e-4: bad.append(f"Q3->Q4 {u} {m}")
        if abs(y["in_progress"][m] - q4["in_progress"][m]) > 1e-4: bad.append(f"year vs Q4 {u} {m}")
print("inconsistencies (only the planted ones expected):", bad)
