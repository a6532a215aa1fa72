#!/usr/bin/env python3
"""Re-read the generated inboxes with python-calamine (not qstat) and check them against model.json."""
import io, json, os, sys, zipfile, tempfile, re
import py7zr
from python_calamine import CalamineWorkbook

ROOT = os.path.dirname(os.path.abspath(__file__))
M = json.load(open(os.path.join(ROOT, "model.json")))
FW = str.maketrans("０１２３４５６７８９．", "0123456789.")


def num(v):
    if v is None or v == "":
        return None
    if isinstance(v, (int, float)):
        return float(v)
    s = str(v).strip().translate(FW).replace(",", "")
    if s in ("无", "—", "/", "-"):
        return 0.0
    if s.endswith("%"):
        return float(s[:-1])
    return float(s)


def workbooks(qdir):
    for fn in sorted(os.listdir(qdir)):
        p = os.path.join(qdir, fn)
        if fn.endswith(".zip"):
            with zipfile.ZipFile(p) as z:
                for zi in z.infolist():
                    name = zi.filename.encode("cp437").decode("gbk") if not zi.flag_bits & 0x800 else zi.filename
                    if name.endswith((".xlsx", ".xls")):
                        yield f"{fn}/{name}", z.read(zi)
        elif fn.endswith(".7z"):
            with tempfile.TemporaryDirectory() as td, py7zr.SevenZipFile(p) as z:
                z.extractall(td)
                for name in os.listdir(td):
                    yield f"{fn}/{name}", open(os.path.join(td, name), "rb").read()
        elif fn.endswith((".xlsx", ".xls")) and not fn.startswith("~$"):
            yield fn, open(p, "rb").read()


def unit_of(name):
    for u in M["units"]:
        if u in name:
            return u


def check(qname, folder):
    bad = 0
    for name, data in workbooks(os.path.join(ROOT, folder)):
        unit = unit_of(name)
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        grids = {s: wb.get_sheet_by_name(s).to_python() for s in wb.sheet_names}
        f5row = tot = None
        f3 = f4 = 0
        for s, g in grids.items():
            text = " ".join(str(c) for row in g[:4] for c in row if c)
            if "季度统计表" in text and "分类" not in text:
                for row in g:
                    cells = [c for c in row]
                    lab = [c for c in cells if c not in ("", None)]
                    if lab and lab[0] == unit:
                        i = cells.index(unit)
                        f5row = [num(c) for c in cells[i + 1:i + 22]]
                    if lab and lab[0] == "合计":
                        i = cells.index("合计")
                        tot = [num(c) for c in cells[i + 1:i + 22]]
            if "在建工程明细表" in text or "竣工工程明细表" in text:
                n = 0
                for row in g:
                    vals = [c for c in row if c not in ("", None)]
                    if vals and isinstance(vals[0], (int, float)) and len(vals) > 3:
                        n += 1
                if "在建" in text:
                    f3 = n
                else:
                    f4 = n
        tr = M["units"][unit][qname]
        want = []
        for g in ("carried_over", "new", "in_progress", "completed", "filed"):
            want += tr["f5"][g]
        want += tr["f5"]["filing_rate"] + [tr["f5"]["satisfaction_rate"]] + tr["f5"]["accidents"]
        got = f5row
        if unit == "内乡县":  # rates stored as Excel percentages (1.0 with format 0.0%)
            got = [x * 100 if i in (15, 16, 17) and x is not None else x for i, x in enumerate(got)]
        diffs = [(i, a, b) for i, (a, b) in enumerate(zip(got, want)) if not (a is None and b is None) and (a is None or b is None or abs(a - b) > 1e-6)]
        exp3 = len(tr["f3"]) if not ("方城县" in name and "修改" not in name and qname == "2025Q2") else len(M["v1_truth"]["f3"])
        exp4 = len(tr["f4"]) if not ("方城县" in name and "修改" not in name and qname == "2025Q2") else len(M["v1_truth"]["f4"])
        ok = not diffs and f3 == exp3 and f4 == exp4
        # internal consistency of the stated row
        g = got
        flow = [round(g[6 + k] - (g[0 + k] + g[3 + k] - g[9 + k]), 4) for k in range(3)]
        print(f"{'OK ' if ok else 'BAD'} {folder}/{name}: F3={f3} F4={f4} flow(ip-(co+new-comp))={flow} "
              f"rate={g[15]},{g[16]} total_row={'yes' if tot else 'no'}{' total≠row ' + str([(i,a,b) for i,(a,b) in enumerate(zip(tot,g)) if a!=b]) if tot and tot != g else ''} {diffs if diffs else ''}")
        bad += not ok
    return bad


bad = check("2025Q1", "2025Q1") + check("2025Q2", "2025Q2") + check("2025Q2", "2025Q2_v2")
sys.exit(1 if bad else 0)
