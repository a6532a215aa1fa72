"""Generate /work/inboxes/xuchang: three quarters of 许昌市 county workbooks, reports, config, EXPECTED.

    python3 tools/gen.py        (from /work/inboxes/xuchang)

Independent of qstat.  Deterministic (fixed seed).
"""
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
ROOT = os.path.dirname(HERE)

import model
from model import QUARTERS, UNITS, f5_row, f6_rows, CATS
from records import build_records, ROLES
from canvas import Canvas, render_openpyxl, render_xlsxwriter
import forms
from forms import Style
import reports

PEOPLE = {"魏都区": ("孙丽娟", "王建军"), "建安区": ("赵晓燕", "刘国强"), "禹州市": ("马静", "李振华"),
          "长葛市": ("陈艳", "杨志刚"), "鄢陵县": ("郭娜", "张海峰"), "襄城县": ("许文博", "韩建国"),
          "东城区": ("周颖", "吴明"), "示范区": ("黄鑫", "冯立新")}


def rd(q, day_q4, day_q1, day_q2):
    return {"2024Q4": dt.date(2025, 1, day_q4), "2025Q1": dt.date(2025, 4, day_q1), "2025Q2": dt.date(2025, 7, day_q2)}[q]


def dates(a, b, c):
    return {q: rd(q, a, b, c) for q in QUARTERS}


STYLES = {
    "魏都区": Style(engine="openpyxl", sheets={f"F{i}": f"附表{i}" for i in range(1, 7)}, r0=1, c0=1,
                  unit_line="许昌市魏都区住房和城乡建设局", label="魏都区", rate="num", rate_none="/",
                  date="excel", f5_total="values", headers_nl=True, notes=True, merge_sup=True, blank_rows=5,
                  period_text={"2024Q4": "2024年第四季度", "2025Q1": "2025年第一季度", "2025Q2": "2025年第二季度"},
                  report_date=dates(6, 7, 3)),
    "建安区": Style(engine="openpyxl", sheets={f"F{i}": f"表{i}" for i in range(1, 7)}, r0=3, c0=2,
                  unit_line="许昌市建安区建设工程质量监督站", label="建安区", numtext="text_space", zero="无",
                  rate="pct_str", rate_none="—", date="dot", f5_total="values", headers_nl=False,
                  period_text={"2024Q4": "2024年10月—12月", "2025Q1": "2025年1月—3月", "2025Q2": "2025年4月—6月"},
                  report_date=dates(7, 7, 4), filed_word="已备案"),
    "禹州市": Style(engine="xlsxwriter", sheets={f"F{i}": f"Sheet{i}" for i in range(1, 7)}, r0=1, c0=1,
                  unit_line="禹州市建设工程质量监督站", label="禹州市", rate="formula", rate_none="",
                  date="iso", f5_total="formula_cached", headers_nl=True, title_with_unit=True,
                  period_text={"2024Q4": "2024年四季度", "2025Q1": "2025年一季度", "2025Q2": "2025年二季度"},
                  report_date=dates(6, 3, 2), f6_rate_none=""),
    "长葛市": Style(engine="openpyxl", stack=[("附表1、2", ["F1", "F2"]), ("附表3在建", ["F3"]), ("附表4竣工", ["F4"]),
                                            ("季度统计", ["F5", "F6"])], r0=2, c0=1,
                  unit_line="长葛市住房和城乡建设局", label="长葛市", rate="num", date="cn", f5_total="values",
                  headers_nl=True, list_total=True, notes=True,
                  period_text={"2024Q4": "2024年第4季度", "2025Q1": "2025年第1季度", "2025Q2": "2025年第2季度"},
                  report_date=dates(6, 8, 5), unfiled_word="未备案"),
    "鄢陵县": Style(engine="openpyxl", sheets={"F1": "附表1 不良行为记录", "F2": "附表2 行政处罚", "F3": "附表3 在建工程",
                                            "F4": "附表4 竣工工程", "F5": "附表5 季度统计", "F6": "附表6 分类统计"},
                  r0=1, c0=1, unit_line="鄢陵县住房和城乡建设局（质监站）", label="鄢陵县", fullwidth_counts=True,
                  zero="—", rate="frac", rate_none=None, date="excel_cn", f5_total="values", headers_nl=True,
                  f5_blank_row_after_header=True, notes=True,
                  period_text={"2024Q4": "二〇二四年第四季度", "2025Q1": "二〇二五年第一季度", "2025Q2": "二〇二五年第二季度"},
                  report_date={"2024Q4": dt.date(2025, 1, 8), "2025Q1": dt.date(2025, 4, 9), "2025Q2": dt.date(2025, 7, 16)},
                  unfiled_word="资料整理中"),
    "襄城县": Style(engine="xls", sheets={f"F{i}": f"附表{i}" for i in range(1, 7)}, r0=1, c0=1,
                  unit_line="襄城县建设工程质量监督站", label="襄城县", rate="num", rate_none="/", date="excel",
                  f5_total="values", headers_nl=True, f6_rate_none="/",
                  period_text={"2024Q4": "2024年度第四季度", "2025Q1": "2025年度第一季度", "2025Q2": "2025年度第二季度"},
                  report_date=dates(7, 7, 4)),
    "东城区": Style(engine="openpyxl", sheets={f"F{i}": f"东城区附表{i}" for i in range(1, 7)}, r0=1, c0=1,
                  unit_line="许昌市东城区建设工程质量监督站", label="东城区", rate="num", rate_none="", date="slash",
                  f5_total="formula_nocache", headers_nl=False,
                  period_text={"2024Q4": "2024年四季度", "2025Q1": "2025年一季度", "2025Q2": "2025年二季度"},
                  report_date=dates(6, 7, 4)),
    "示范区": Style(engine="openpyxl", sheets={f"F{i}": f"附表{'一二三四五六'[i - 1]}" for i in range(1, 7)}, r0=5, c0=3,
                  unit_line="许昌市城乡一体化示范区规划建设局", label="示范区", rate="int_str", rate_none="/",
                  thousands=True, date="excel", f5_total="values", headers_nl=True, cn_numeral_titles=True,
                  f6_rate_none=0,
                  period_text={"2024Q4": "2024年10-12月", "2025Q1": "2025年1-3月", "2025Q2": "2025年4-6月"},
                  report_date=dates(3, 3, 3)),
}
for u, st in STYLES.items():
    st["statistician"], st["approver"] = PEOPLE[u]

FILES = {
    "2024Q4": {"魏都区": "魏都区2024年四季度报表.xlsx", "建安区": "建安区.xlsx",
               "禹州市": "禹州市2024年第四季度质量监督统计报表.xlsx", "长葛市": "长葛市2024Q4.xlsx",
               "鄢陵县": "鄢陵县四季度统计表.xlsx", "襄城县": "襄城县2024年4季度.xls",
               "东城区": "东城区质监站2024年第四季度报表.xlsx", "示范区": "示范区四季度.xlsx"},
    "2025Q1": {"魏都区": "魏都区2025年一季度报表.xlsx", "建安区": "建安区(修改).xlsx",
               "禹州市": "禹州市2025年第一季度质量监督统计报表.xlsx", "长葛市": "长葛市2025Q1.xlsx",
               "鄢陵县": "鄢陵县一季度统计表.xlsx", "襄城县": "襄城县2025年1季度.xls",
               "示范区": "示范区一季度.xlsx"},
    "2025Q2": {"魏都区": "魏都区2025年二季度报表.xlsx", "建安区": "建安区.xlsx",
               "禹州市": "禹州市2025年第二季度质量监督统计报表.xlsx", "长葛市": "长葛市2025Q2.xlsx",
               "鄢陵县": "鄢陵县二季度统计表（补报）.xlsx", "襄城县": "襄城县2025年2季度.xls",
               "东城区": "东城区质监站2025年第二季度报表.xlsx", "示范区": "示范区二季度.xlsx"},
}
REPORT_FILES = {"魏都区": "魏都区2025年第二季度工程质量运行态势分析报告.docx",
                "建安区": "建安区二季度工程质量分析报告.docx",
                "禹州市": "禹州市2025年二季度工程质量运行态势分析报告.docx",
                "长葛市": "长葛市质量分析.docx",
                "襄城县": "襄城县2025年二季度质量运行态势分析.doc"}

F5_IDX = {"carried_over": 0, "new": 3, "in_progress": 6, "completed": 9, "filed": 12}


def transpose_digits(x):
    s = f"{x:.2f}"
    i = 1
    while s[i] == s[i + 1] or not (s[i].isdigit() and s[i + 1].isdigit()):
        i += 1
    return float(s[:i] + s[i + 1] + s[i] + s[i + 2:])


def soffice(args, cwd):
    subprocess.run(["soffice", "--headless"] + args, cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)


def main():
    sims = model.simulate()
    f1, f2 = build_records(sims)

    # The 长葛市 accident project: a building at 和尚桥镇 in progress in 2025Q2
    cg = sims["长葛市"]
    acc = next((p for p in cg.q["2025Q2"]["stock"] if p.kind == "pub" and not p.large), None)
    acc.name = "和尚桥镇中心学校综合楼"
    for rec in f1[("长葛市", "2025Q2")][:2]:
        rec["project"] = acc.name
    f2[("长葛市", "2025Q2")][0]["project"] = acc.name

    # ---------------- planted defects ----------------
    truth = {(u, q): f5_row(sims[u], q) for u in UNITS for q in QUARTERS}
    f6truth = {(u, q): f6_rows(sims[u], q) for u in UNITS for q in QUARTERS}
    defects = {(u, q): {} for u in UNITS for q in QUARTERS}
    planted = []
    # D1 魏都区 2024Q4: 合计 row 在建项数 typo
    r = truth[("魏都区", "2024Q4")]
    defects[("魏都区", "2024Q4")]["f5_total"] = [(6, r["in_progress"][0] + 1)]
    # D2 鄢陵县 2024Q4: 在建造价 digits transposed (row and 合计 alike)
    r = truth[("鄢陵县", "2024Q4")]
    bad = transpose_digits(r["in_progress"][2])
    defects[("鄢陵县", "2024Q4")]["f5_row"] = [(8, bad)]
    # D3 禹州市 2025Q1: one project left out of 附表3
    yz = sims["禹州市"]
    keep = [p for p in yz.q["2025Q1"]["stock"] if p in yz.q["2025Q2"]["stock"] and p.reg_q.startswith("2024")]
    dropped = keep[-1]
    defects[("禹州市", "2025Q1")]["f3_drop"] = dropped.reg_no
    # D4 建安区 2025Q1 first file: 备案率（项） typo (fixed in 建安区(修改).xlsx)
    r = truth[("建安区", "2025Q1")]
    ja_bad_rate = 78.5          # true 7/8 = 87.5
    assert r["filing_rate"][0] == 87.5
    # D5 襄城县 2025Q2: 备案率（项） stated 100
    defects[("襄城县", "2025Q2")]["f5_row"] = [(15, 100.0)]
    # D6 建安区 2025Q2: 大型公建 new 1.86万㎡ (model: large_override)
    # D7 魏都区 2025Q2: one 备案日期 before 竣工日期
    wd = sims["魏都区"]
    wd_filed = sorted(wd.q["2025Q2"]["filed"], key=lambda p: p.completed_on)
    defects[("魏都区", "2025Q2")]["f4_filed_before"] = wd_filed[2].reg_no
    # D8 禹州市 2025Q2: 附表1 record 5 批准日期 before 记录日期
    rec = f1[("禹州市", "2025Q2")][4]
    rec["approved_on"] = rec["recorded_on"] - dt.timedelta(days=6)
    rec["_defect_cell"] = True
    # D9 襄城县 2025Q2: 附表2 penalty dated in the previous quarter
    rec2 = f2[("襄城县", "2025Q2")][0]
    rec2["date"] = dt.date(2025, 3, 26)
    rec2["_defect_cell"] = True

    written = {}   # (u, q, variant) -> dict(file, sheets, f5 stated, ...)

    def write_unit(u, q, fname, variant=None):
        st = STYLES[u]
        d = dict(defects[(u, q)])
        if variant == "ja_first":
            d["f5_row"] = [(15, ja_bad_rate)]
        row = truth[(u, q)]
        s = sims[u]
        stock = s.q[q]["stock"]
        if d.get("f3_drop"):
            stock = [p for p in stock if p.reg_no != d["f3_drop"]]
        comp = s.q[q]["completed"]
        builders = {"F1": lambda cv, r, c: forms.f1(cv, st, r, c, q, f1.get((u, q), []), d),
                    "F2": lambda cv, r, c: forms.f2(cv, st, r, c, q, f2.get((u, q), []), d),
                    "F3": lambda cv, r, c: forms.f3(cv, st, r, c, q, stock, d),
                    "F4": lambda cv, r, c: forms.f4(cv, st, r, c, q, comp, d),
                    "F5": lambda cv, r, c: forms.f5(cv, st, r, c, q, row, d),
                    "F6": lambda cv, r, c: forms.f6(cv, st, r, c, q, f6truth[(u, q)], d)}
        canvases = []
        sheet_of = {}
        if st.stack:
            for name, fl in st.stack:
                cv = Canvas(name)
                r = st.r0
                for f in fl:
                    sheet_of[f] = name
                    r = builders[f](cv, r, st.c0) + 2
                canvases.append(cv)
        else:
            for f in ["F1", "F2", "F3", "F4", "F5", "F6"]:
                cv = Canvas(st.sheets[f])
                sheet_of[f] = cv.name
                builders[f](cv, st.r0, st.c0)
                canvases.append(cv)
        for cv in canvases:
            for c in range(st.c0, st.c0 + 23):
                cv.widths[c] = 11
            cv.widths[st.c0 + 2] = 30
        out = os.path.join(ROOT, q, fname)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        if st.engine == "xlsxwriter":
            render_xlsxwriter(canvases, out)
        elif st.engine == "xls":
            with tempfile.TemporaryDirectory() as tmp:
                x = os.path.join(tmp, os.path.splitext(fname)[0] + ".xlsx")
                render_openpyxl(canvases, x)
                soffice(["--convert-to", "xls:MS Excel 97", "--outdir", tmp, x], tmp)
                shutil.copy(os.path.splitext(x)[0] + ".xls", out)
        else:
            render_openpyxl(canvases, out)
        stated = None
        written[(u, q, variant)] = dict(file=fname, sheets=sheet_of, defects=d, stock=stock)
        return d

    for q in QUARTERS:
        qdir = os.path.join(ROOT, q)
        if os.path.isdir(qdir):
            shutil.rmtree(qdir)
        os.makedirs(qdir)
        for u in UNITS:
            if u == "东城区" and q == "2025Q1":
                continue          # sends nothing this quarter
            if u == "建安区" and q == "2025Q1":
                write_unit(u, q, "建安区.xlsx", variant="ja_first")
                t = dt.datetime(2025, 4, 7, 9, 12).timestamp()
                os.utime(os.path.join(qdir, "建安区.xlsx"), (t, t))
            write_unit(u, q, FILES[q][u])
            if u == "建安区" and q == "2025Q1":
                t = dt.datetime(2025, 4, 10, 16, 40).timestamp()
                os.utime(os.path.join(qdir, FILES[q][u]), (t, t))

    # ---------------- 2025Q2 extras: reports, note, lock file ----------------
    q2 = os.path.join(ROOT, "2025Q2")
    rep_meta = {}
    for u, fn in REPORT_FILES.items():
        f1n = len(f1.get((u, "2025Q2"), []))
        recs2 = f2.get((u, "2025Q2"), [])
        fines = round(sum(r["fine"] for r in recs2), 2)
        if fn.endswith(".doc"):
            with tempfile.TemporaryDirectory() as tmp:
                x = os.path.join(tmp, os.path.splitext(fn)[0] + ".docx")
                rep_meta[u] = reports.write_report(u, x, truth[(u, "2025Q2")], f1n, len(recs2), fines)
                soffice(["--convert-to", "doc:MS Word 97", "--outdir", tmp, x], tmp)
                shutil.copy(os.path.splitext(x)[0] + ".doc", os.path.join(q2, fn))
        else:
            rep_meta[u] = reports.write_report(u, os.path.join(q2, fn), truth[(u, "2025Q2")], f1n, len(recs2), fines)
        rep_meta[u]["file"] = fn
    reports.write_delay_note(os.path.join(q2, "鄢陵县关于延迟报送的说明.docx"))
    owner = "chenyan"
    lock = bytes([len(owner)]) + owner.encode("ascii") + b"\x00" * (54 - len(owner)) + b"\x06\x00" + "陈艳".encode("utf-16-le") + b"\x00" * 104
    with open(os.path.join(q2, "~$长葛市2025Q2.xlsx"), "wb") as fh:
        fh.write(lock[:165])

    # ---------------- config ----------------
    with open(os.path.join(ROOT, "qstat.toml"), "w", encoding="utf-8") as fh:
        fh.write('''name = "许昌市"
level = "city"
units = ["魏都区", "建安区", "禹州市", "长葛市", "鄢陵县", "襄城县", "东城区", "示范区"]

[aliases]
"许昌市魏都区" = "魏都区"
"许昌市建安区" = "建安区"
"许昌市东城区" = "东城区"
"许昌市城乡一体化示范区" = "示范区"
"城乡一体化示范区" = "示范区"

[office]
full_name = "许昌市建设工程质量监督站"
statistician = "范晓东"
approver = "宋国平"
phone = "0374-2961558"
recipient = "河南省建设工程质量监督总站"
''')

    import expected
    expected.write(ROOT, sims, truth, f6truth, f1, f2, written, defects, rep_meta,
                   dict(ja_bad_rate=ja_bad_rate, dropped=dropped, yl_bad_cost=bad), STYLES)


if __name__ == "__main__":
    main()
