#!/usr/bin/env python3
"""Run qstat over ROUND1, ROUND2 (same db) and ROUND2B, then compare with EXPECTED.json.

usage: compare.py --qstat "cd /tmp && env PYTHONPATH=/work/main $PY -m qstat" --out DIR
Prints AGREE / DISAGREE / NOTE lines and a count.  Imports nothing from qstat."""
import argparse, datetime as dt, json, os, re, shlex, shutil, subprocess, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
E = json.load(open(os.path.join(HERE, "EXPECTED.json")))
agree, disagree, notes = [], [], []


def ok(msg): agree.append(msg)
def bad(msg): disagree.append(msg)
def note(msg): notes.append(msg)


def run(qstat, args):
    cmd = f"{qstat} " + " ".join(shlex.quote(a) for a in args)
    p = subprocess.run(cmd, shell=True, capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


# ------------------------------------------------------------ value normalisation (for comparing, not for judging)
def norm_val(v):
    if v is None: return None
    if isinstance(v, bool): return v
    if isinstance(v, (int, float)): return round(float(v), 4)
    s = unicodedata.normalize("NFKC", str(v)).strip().replace(",", "")
    m = re.fullmatch(r"(\d{4})[.\-/年](\d{1,2})[.\-/月](\d{1,2})日?", s) or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", s)
    if m: return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    s2 = s[:-1] if s.endswith("%") else s
    s2 = re.sub(r"(m2|㎡)$", "", s2)
    try: return round(float(s2), 4)
    except ValueError: return s or None


def raw_differs(v):
    """True when qstat gave a typed text rather than the value it read."""
    return isinstance(v, str) and norm_val(v) != v


def norm_field(n):
    n = unicodedata.normalize("NFKC", n)
    return re.sub(r"[\s%]|\([^)]*\)", "", n)


def field_match(exp_name, got_names):
    e = norm_field(exp_name)
    for g in got_names:
        if norm_field(g) == e: return g
    for g in got_names:
        if e in norm_field(g) or norm_field(g) in e: return g
    return None


def close(a, b, tol=0.006):
    if a is None or b is None: return a is None and b is None
    if isinstance(a, (int, float)) and isinstance(b, (int, float)): return abs(a - b) <= tol
    return a == b


# ------------------------------------------------------------ checks
def check_totals(tag, S, X):
    T = S.get("totals", {})
    for g in ("carried_over", "new", "in_progress", "completed", "filed"):
        for m in ("count", "area", "cost"):
            got = T.get("F5", {}).get(g, {}).get(m); exp = X["F5"][g][m]
            (ok if close(got, exp) else bad)(f"{tag} totals.F5.{g}.{m}: qstat {got} / expected {exp}")
    for m in ("count", "area"):
        got = T["F5"]["filing_rate"][m]; exp = X["F5"]["filing_rate"][m]
        (ok if close(got, exp, 0.051) else bad)(f"{tag} totals.F5.filing_rate.{m}: qstat {got} / expected {exp}")
    got = T["F5"].get("satisfaction_rate"); exp = X["F5"]["satisfaction_rate"]
    (ok if close(got, exp, 0.051) else bad)(f"{tag} totals.F5.satisfaction_rate: qstat {got} / expected {exp}")
    for m in ("count", "deaths", "loss"):
        got = T["F5"]["accidents"][m]; exp = X["F5"]["accidents"][m]
        (ok if close(got, exp) else bad)(f"{tag} totals.F5.accidents.{m}: qstat {got} / expected {exp}")
    for cat, e in X["F6"].items():
        g6 = T.get("F6", {}).get(cat, {})
        for g in ("new", "completed", "filed", "in_progress"):
            for m in ("count", "area", "cost"):
                got = g6.get(g, {}).get(m); exp = e[g][m]
                (ok if close(got, exp) else bad)(f"{tag} totals.F6.{cat}.{g}.{m}: qstat {got} / expected {exp}")
        got = g6.get("filing_rate"); exp = e["filing_rate"]
        (ok if close(got, exp, 0.051) else bad)(f"{tag} totals.F6.{cat}.filing_rate: qstat {got} / expected {exp}")
    for f in ("F1", "F2", "F3", "F4"):
        got = T.get(f, {}).get("rows"); exp = X[f]["rows"]
        (ok if got == exp else bad)(f"{tag} totals.{f}.rows: qstat {got} / expected {exp}")


ALLOWED_WARN = {"ST006", "IN005", "IN007", "HS001"}


def check_findings(tag, S, rnd):
    subs = {s["file"]: s for s in S["submissions"]}
    exp_files = E[rnd]["files"]
    for f, x in exp_files.items():
        s = subs.get(f)
        if not s: bad(f"{tag} {f}: not listed in submissions"); continue
        (ok if s["status"] == x["status"] else bad)(f"{tag} {f}: status qstat {s['status']} / expected {x['status']}")
        (ok if s["unit"] == x["unit"] else bad)(f"{tag} {f}: unit qstat {s['unit']} / expected {x['unit']}")
        inc = x["status"] in ("ok", "errors")
        (ok if s["included"] == inc else bad)(f"{tag} {f}: included qstat {s['included']} / expected {inc}")
    for f in subs:
        if f not in exp_files: bad(f"{tag} unexpected submission {f}")
    (ok if S.get("missing_units") == [] else bad)(f"{tag} missing_units qstat {S.get('missing_units')} / expected []")
    # planted defects of the file in use for each unit
    for unit, U in E["units"].items():
        if rnd == "round1" or "round2" not in U:
            file, defects = U["file"], U["defects_round1"]
        else:
            file, defects = U["round2"]["file"], U["round2"]["defects_round2"]
        got = [g for g in S["findings"] if g["file"] == file]
        used = set()
        for d in defects:
            hit = [i for i, g in enumerate(got) if g["rule"] == d["rule"] and i not in used]
            exact = [i for i in hit if d["cell"] and got[i]["cell"] == d["cell"] and got[i]["sheet"] == d["sheet"]]
            if exact:
                used.add(exact[0]); ok(f"{tag} {file} {d['rule']} at {d['sheet']}!{d['cell']}")
            elif hit:
                g = got[hit[0]]; used.add(hit[0])
                msg = f"{tag} {file} {d['rule']} found at {g['sheet']}!{g['cell']} (I tagged {d['sheet']}!{d['cell']})"
                (note if d["cell"] else ok)(msg)
                if d["cell"]: ok(f"{tag} {file} {d['rule']} found")
            else:
                bad(f"{tag} {file} planted {d['rule']} ({d['what']}) at {d['sheet']}!{d['cell']}: NOT reported")
            if hit:
                g = got[(exact or hit)[0]]
                if g["severity"] != d["severity"]:
                    bad(f"{tag} {file} {d['rule']} severity qstat {g['severity']} / expected {d['severity']}")
        for i, g in enumerate(got):
            if i in used: continue
            if g["severity"] == "info": continue
            if g["severity"] == "warning" and g["rule"] in ALLOWED_WARN: continue
            bad(f"{tag} {file} unexpected {g['severity']} {g['rule']} at {g['sheet']}!{g['cell']} value={g['value']!r}: {g['message'][:90]}")
    # specific expectations on quirks
    for g in S["findings"]:
        if g["unit"] == "固始县" and g["rule"] == "ST002":
            bad(f"{tag} 固始县 ㎡-suffixed area read as non-numeric ST002 at {g['sheet']}!{g['cell']} (expected accepted, ST006 at most)")
        if g["unit"] == "息县" and g["rule"] == "ST005":
            bad(f"{tag} 息县 date text refused ST005 at {g['sheet']}!{g['cell']} value={g['value']!r}")
        if g.get("sheet") == "附表5（二季度）":
            bad(f"{tag} 商城县 hidden stale sheet 附表5（二季度） produced {g['rule']} at {g['cell']}")
    sq = [g for g in S["findings"] if g["unit"] == "固始县" and g["rule"] == "ST006" and "m2" in g["message"] + str(g["value"]) or "㎡" in str(g.get("value"))]
    if sq: ok(f"{tag} 固始县 ㎡-suffixed areas accepted (ST006: {sq[0]['message'][:60]})")


def check_scores(tag, S):
    su = {u["unit"]: u for u in (S.get("scores") or {}).get("units", [])}
    for unit, x in E["scores"].items():
        g = su.get(unit)
        if not g: bad(f"{tag} scores: {unit} missing"); continue
        for k in ("total", "rank", "mark"):
            (ok if close(g.get(k), x[k]) else bad)(f"{tag} scores {unit}.{k}: qstat {g.get(k)} / expected {x[k]}")


def check_revisions(tag, S, rnd):
    subs = {s["file"]: s for s in S["submissions"]}
    expected = {}
    for unit, U in E["units"].items():
        if "round2" in U: expected[U["round2"]["file"]] = U["round2"]["revision"]
    if rnd == "round2b":
        expected.update(E["round2b"]["revision"])
    for f, s in subs.items():
        if f not in expected and s.get("revision"):
            bad(f"{tag} {f}: unexpected revision (changed {s['revision'].get('changed')})")
    for f, X in expected.items():
        R = subs.get(f, {}).get("revision")
        if not R: bad(f"{tag} {f}: no revision, expected one against {X['previous']}"); continue
        (ok if R.get("previous") == X["previous"] else bad)(f"{tag} {f}: revision.previous qstat {R.get('previous')} / expected {X['previous']}")
        (ok if R.get("previous_sha256") == X["previous_sha256"] else bad)(f"{tag} {f}: previous_sha256 qstat {str(R.get('previous_sha256'))[:12]} / expected {X['previous_sha256'][:12]}")
        (ok if R.get("changed") == X["changed"] else bad)(f"{tag} {f}: revision.changed qstat {R.get('changed')} / expected {X['changed']}")
        got = {(c["form"], unicodedata.normalize("NFKC", c["key"]).replace(" ", ""), c["change"]): c for c in R.get("changed_records", [])}
        seen = set()
        for c in X["changed_records"]:
            k = (c["form"], c["key"], c["change"])
            g = got.get(k)
            if not g: bad(f"{tag} {f}: expected changed_record {k} missing"); continue
            seen.add(k)
            if c["change"] != "changed":
                ok(f"{tag} {f}: {k}"); continue
            for fname, ov in c["fields"].items():
                gname = field_match(fname, g["fields"].keys())
                if not gname: bad(f"{tag} {f}: {k} field {fname} missing (qstat fields {list(g['fields'])})"); continue
                go, gn = g["fields"][gname]["old"], g["fields"][gname]["new"]
                if close(norm_val(go), norm_val(ov["old"])) and close(norm_val(gn), norm_val(ov["new"])):
                    ok(f"{tag} {f}: {k} {fname} {ov['old']}→{ov['new']}")
                    if raw_differs(go) or raw_differs(gn):
                        note(f"{tag} {f}: {k} {gname} given as typed text {go!r}→{gn!r} (value {ov['old']}→{ov['new']})")
                else:
                    bad(f"{tag} {f}: {k} {fname} qstat {go!r}→{gn!r} / expected {ov['old']}→{ov['new']}")
            extra = [n for n in g["fields"] if not field_match(n, c["fields"].keys())]
            if extra: bad(f"{tag} {f}: {k} extra changed fields {extra}")
        extra = [k for k in got if k not in seen]
        if extra:
            ex = got[extra[0]]
            bad(f"{tag} {f}: {len(extra)} changed_records not expected, e.g. {extra[0]} {json.dumps(ex['fields'], ensure_ascii=False)[:160]}")
        gc = [(c["sheet"], c["cell"]) for c in R.get("changed_cells", [])]
        for c in X["changed_cells"]:
            m = [g for g in R.get("changed_cells", []) if g["sheet"] == c["sheet"] and g["cell"] == c["cell"]]
            if m and m[0]["old"] == c["old"] and m[0]["new"] == c["new"]: ok(f"{tag} {f}: changed cell {c['sheet']}!{c['cell']}")
            else: bad(f"{tag} {f}: changed cell {c['sheet']}!{c['cell']} {c['new']!r}: qstat {m[:1]}")
        for g in R.get("changed_cells", []):
            if not any(g["sheet"] == c["sheet"] and g["cell"] == c["cell"] for c in X["changed_cells"]):
                bad(f"{tag} {f}: unexpected changed cell {g['sheet']}!{g['cell']} {g['old']!r}→{g['new']!r}")
        if "fixed" in X:
            for kind in ("fixed", "new"):
                gl = [x for x in R.get(kind, []) if not x.startswith("ST006")]
                st = [x for x in R.get(kind, []) if x.startswith("ST006")]
                if st: bad(f"{tag} {f}: revision.{kind} lists {len(st)} ST006 notes (normalisation of cells only re-typed), e.g. {st[0]}")
                for x in X[kind]:
                    rule = x.split("@")[0]
                    body = x.split("@")[1]
                    key = re.search(r"\[([^\]]+)\]", body); cell = body.split("!")[1] if "!" in body else None
                    m = [y for y in gl if y.startswith(rule + "@") and ((key and key[1] in y) or (cell and y.endswith("!" + cell)))]
                    (ok if m else bad)(f"{tag} {f}: revision.{kind} {x}: qstat {m or gl}")
                for y in gl:
                    if not any(y.startswith(x.split("@")[0] + "@") for x in X[kind]):
                        bad(f"{tag} {f}: revision.{kind} has unexpected {y}")


def check_forms_xlsx(tag, out, X):
    """The 合计 row of 附表5 in the consolidated workbook."""
    try:
        import openpyxl
    except ImportError:
        return note("openpyxl missing: 汇总表 not checked")
    p = [x for x in os.listdir(out) if x.endswith("_汇总表.xlsx")]
    if not p: return bad(f"{tag} no 汇总表.xlsx")
    wb = openpyxl.load_workbook(os.path.join(out, p[0]), data_only=True)
    for ws in wb:
        txt = " ".join(str(c) for row in ws.iter_rows(max_row=6, values_only=True) for c in row if c)
        if "季度统计表" not in txt or "分类" in txt: continue
        for row in ws.iter_rows(values_only=True):
            labels = [i for i, c in enumerate(row) if isinstance(c, str) and c.replace(" ", "").replace("\u3000", "") == "合计"]
            if labels:
                nums = [c for c in row[labels[0] + 1:] if c not in (None, "")]
                got = [norm_val(c) for c in nums[:15]]
                exp = [X["F5"][g][m] for g in ("carried_over", "new", "in_progress", "completed", "filed") for m in ("count", "area", "cost")]
                if len(got) == 15 and all(close(a_, b_, 0.006) for a_, b_ in zip(got, exp)):
                    ok(f"{tag} 汇总表 {ws.title} 合计 row = expected 附表5 totals")
                else:
                    bad(f"{tag} 汇总表 {ws.title} 合计 row {got} / expected {exp}")
                return
    bad(f"{tag} 汇总表: 附表5 合计 row not found")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qstat", required=True); ap.add_argument("--out", required=True)
    a = ap.parse_args()
    out = os.path.abspath(a.out); shutil.rmtree(out, ignore_errors=True); os.makedirs(out)
    db = os.path.join(out, "H.sqlite"); cfg = os.path.join(HERE, "qstat.toml")
    runs = [("round1", "ROUND1", "OUT1", "2025-10-15"), ("round2", "ROUND2", "OUT2", "2025-10-25"),
            ("round2b", "ROUND2B", "OUT3", "2025-10-28")]
    for rnd, inbox, o, date in runs:
        rc, txt = run(a.qstat, ["consolidate", os.path.join(HERE, inbox), "--period", "2025Q3", "--config", cfg,
                                "--out", os.path.join(out, o), "--db", db, "--date", date, "--quiet"])
        (ok if rc == 1 else bad)(f"{rnd} exit status qstat {rc} / expected 1" + ("" if rc in (0, 1) else " :: " + txt[-400:]))
        sp = os.path.join(out, o, "summary.json")
        if not os.path.exists(sp): bad(f"{rnd}: no summary.json"); continue
        S = json.load(open(sp))
        X = E[rnd]["totals"]
        check_totals(rnd, S, X)
        check_findings(rnd, S, "round2" if rnd == "round2b" else rnd)
        check_scores(rnd, S)
        if rnd != "round1": check_revisions(rnd, S, rnd)
        else:
            for s in S["submissions"]:
                if s.get("revision"): bad(f"round1 {s['file']}: unexpected revision")
        check_forms_xlsx(rnd, os.path.join(out, o), X)
        if rnd == "round2":
            rc, txt = run(a.qstat, ["report", "--period", "2025Q3", "--db", db, "--config", cfg,
                                    "--out", os.path.join(out, "REPORT"), "--date", "2025-10-25"])
            docs = [x for x in os.listdir(os.path.join(out, "REPORT"))] if os.path.isdir(os.path.join(out, "REPORT")) else []
            (ok if rc == 0 and any(x.endswith(".docx") for x in docs) else bad)(f"report exit {rc}, files {docs}" + ("" if rc == 0 else txt[-300:]))
            letters = os.listdir(os.path.join(out, o, "退回")) if os.path.isdir(os.path.join(out, o, "退回")) else []
            for unit in ("罗山县", "平桥区"):
                if any(x.startswith(unit) for x in letters):
                    note(f"round2 退回 files for {unit} although it has no error: {[x for x in letters if x.startswith(unit)]}")
    for m in agree: print("AGREE   ", m)
    for m in notes: print("NOTE    ", m)
    for m in disagree: print("DISAGREE", m)
    print(f"\n{len(agree)} agreements, {len(disagree)} disagreements, {len(notes)} notes")
    return 1 if disagree else 0


if __name__ == "__main__":
    sys.exit(main())
