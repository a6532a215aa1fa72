#!/usr/bin/env python3
"""EXPECTED.json from model.json (the generator's ground truth) — totals recomputed here by plain sums."""
import json, os
ROOT = os.path.dirname(os.path.abspath(__file__))
M = json.load(open(os.path.join(ROOT, "model.json")))
GROUPS = ["carried_over", "new", "in_progress", "completed", "filed"]
CATS = ["residential", "affordable_housing", "public", "large_public", "steel", "county"]


def r1(x):
    return None if x is None else round(x + 1e-9, 1)


def totals(units, q, variant=None):
    T = {"F5": {}, "F6": {}}
    for g in GROUPS:
        T["F5"][g] = {"count": sum(M["units"][u][q]["f5"][g][0] for u in units),
                      "area": round(sum(M["units"][u][q]["f5"][g][1] for u in units), 4),
                      "cost": round(sum(M["units"][u][q]["f5"][g][2] for u in units), 4)}
    c, f = T["F5"]["completed"], T["F5"]["filed"]
    T["F5"]["filing_rate"] = {"count": r1(f["count"] / c["count"] * 100) if c["count"] else None,
                              "area": r1(f["area"] / c["area"] * 100) if c["area"] else None}
    num = sum((M["units"][u][q]["f5"]["satisfaction_rate"] or 0) * M["units"][u][q]["f5"]["filed"][0] for u in units)
    den = sum(M["units"][u][q]["f5"]["filed"][0] for u in units if M["units"][u][q]["f5"]["satisfaction_rate"] is not None)
    T["F5"]["satisfaction_rate"] = r1(num / den) if den else None
    T["F5"]["accidents"] = {k: round(sum(M["units"][u][q]["f5"]["accidents"][i] for u in units), 4)
                            for i, k in enumerate(["count", "deaths", "loss"])}
    for cat in CATS:
        row = {}
        for g in ("new", "completed", "filed", "in_progress"):
            row[g] = {"count": sum(M["units"][u][q]["f6"][cat][g][0] for u in units),
                      "area": round(sum(M["units"][u][q]["f6"][cat][g][1] for u in units), 4),
                      "cost": round(sum(M["units"][u][q]["f6"][cat][g][2] for u in units), 4)}
        row["filing_rate"] = r1(row["filed"]["count"] / row["completed"]["count"] * 100) if row["completed"]["count"] else None
        T["F6"][cat] = row
    f3 = {u: len(M["units"][u][q]["f3"]) for u in units}
    f4 = {u: len(M["units"][u][q]["f4"]) for u in units}
    if variant == "v1":
        f3["方城县"] = len(M["v1_truth"]["f3"])
        f4["方城县"] = len(M["v1_truth"]["f4"])
    T["F1"] = {"rows": sum(M["units"][u][q]["f1"] for u in units)}
    T["F2"] = {"rows": sum(M["units"][u][q]["f2"] for u in units)}
    T["F3"] = {"rows": sum(f3.values())}
    T["F4"] = {"rows": sum(f4.values())}
    return T


def per_unit(units, q):
    out = {}
    for u in units:
        t = M["units"][u][q]
        out[u] = {"F5": {g: dict(zip(["count", "area", "cost"], t["f5"][g])) for g in GROUPS},
                  "filing_rate": t["f5"]["filing_rate"], "satisfaction_rate": t["f5"]["satisfaction_rate"],
                  "accidents": t["f5"]["accidents"],
                  "F6": {c: {g: t["f6"][c][g] for g in ("new", "completed", "filed", "in_progress")} | {"filing_rate": t["f6"][c]["filing_rate"]} for c in CATS},
                  "F1_rows": t["f1"], "F2_rows": t["f2"], "F3_rows": len(t["f3"]), "F4_rows": len(t["f4"])}
    return out


ALL = ["宛城区", "卧龙区", "南召县", "方城县", "西峡县", "内乡县", "淅川县", "社旗县", "唐河县", "新野县"]
Q1_IN = [u for u in ALL if u != "淅川县"]
Q2_IN = [u for u in ALL if u != "新野县"]

E = {
    "how_to_run": [
        "python -m qstat consolidate 2025Q1 --period 2025Q1 --config qstat.toml --out OUT/2025Q1 --db DB --date 2025-04-15",
        "python -m qstat consolidate 2025Q2 --period 2025Q2 --config qstat.toml --out OUT/2025Q2 --db DB --date 2025-07-12",
        "python -m qstat consolidate 2025Q2_v2 --period 2025Q2 --config qstat.toml --out OUT/2025Q2_v2 --db DB --date 2025-07-16"],
    "runs": {},
    "resubmission": M["resubmission"],
    "reg_change": M["reg_change"],
    "planted": M["planted"],
    "archives": M["files"],
    "zip_member_names": M["zip_check"],
    "merged_cells": {u: {q: M["units"][u][q].get("merges") for q in M["units"][u]} for u in ("卧龙区", "唐河县")},
}
runs = {
    "2025Q1": dict(q="2025Q1", included=Q1_IN, variant=None,
                   missing_units=[], letters=["南召县", "唐河县", "新野县", "淅川县"],
                   no_letters=["宛城区", "卧龙区", "方城县", "西峡县", "内乡县", "社旗县"],
                   exit_status=1),
    "2025Q2": dict(q="2025Q2", included=Q2_IN, variant="v1", missing_units=["新野县"],
                   letters=["宛城区", "南召县", "方城县", "社旗县"],
                   letters_optional={"唐河县": "only a 请核实 letter about the changed 注册号 is acceptable"},
                   no_letters=["卧龙区", "西峡县", "内乡县", "淅川县", "新野县"], exit_status=1),
    "2025Q2_v2": dict(q="2025Q2", included=Q2_IN, variant=None, missing_units=["新野县"],
                      letters=["宛城区", "南召县", "社旗县"],
                      letters_optional={"唐河县": "only a 请核实 letter about the changed 注册号 is acceptable"},
                      no_letters=["卧龙区", "方城县", "西峡县", "内乡县", "淅川县", "新野县"], exit_status=1),
}
for name, r in runs.items():
    E["runs"][name] = {"period": r["q"], "included_units": r["included"], "missing_units": r["missing_units"],
                       "letters_expected": r["letters"], "letters_optional": r.get("letters_optional", {}),
                       "no_letter_expected": r["no_letters"], "exit_status": r["exit_status"],
                       "totals": totals(r["included"], r["q"], r["variant"]),
                       "per_unit": per_unit([u for u in ALL if r["q"] in M["units"][u]], r["q"])}
json.dump(E, open(os.path.join(ROOT, "EXPECTED.json"), "w"), ensure_ascii=False, indent=1)
for name, r in E["runs"].items():
    t = r["totals"]
    print(name, json.dumps(t["F5"], ensure_ascii=False))
    print("   F1-4 rows", t["F1"], t["F2"], t["F3"], t["F4"])
