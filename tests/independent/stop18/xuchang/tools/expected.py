"""EXPECTED.md / EXPECTED.json: hand-checkable totals, planted defects, the units' report contents."""
import json
import os
from openpyxl.utils import get_column_letter

from model import QUARTERS, UNITS, CATS, CAT_CN
from records import ROLES

F5_FIELDS = ["carried_over", "new", "in_progress", "completed", "filed"]
F5_CN = {"carried_over": "接转", "new": "新注册", "in_progress": "在建", "completed": "竣工", "filed": "备案"}


def keyword_class(name):
    """README's documented order: 审图, 检测, 监理, 勘察, 设计, 开发/房地产, 建筑/建工/建设工程, else 其它."""
    if "审图" in name:
        return "施工图审查"
    for k, v in (("检测", "检测"), ("监理", "监理"), ("勘察", "勘察"), ("设计", "设计")):
        if k in name:
            return v
    if "开发" in name or "房地产" in name:
        return "建设"
    if "建筑" in name or "建工" in name or "建设工程" in name:
        return "施工"
    return "其它"


def flat(row):
    v = []
    for k in F5_FIELDS:
        v += list(row[k])
    v += [row["filing_rate"][0], row["filing_rate"][1], row["satisfaction_rate"]]
    v += list(row["accidents"])
    return v


def unflat(v):
    d = {}
    for i, k in enumerate(F5_FIELDS):
        d[k] = {"count": int(v[3 * i]), "area": round(v[3 * i + 1], 2), "cost": round(v[3 * i + 2], 2)}
    d["filing_rate"] = {"count": v[15], "area": v[16]}
    d["satisfaction_rate"] = v[17]
    d["accidents"] = {"count": int(v[18]), "deaths": int(v[19]), "loss": v[20]}
    return d


def city(rows):
    t = {}
    for k in F5_FIELDS:
        t[k] = {"count": sum(r[k]["count"] for r in rows),
                "area": round(sum(r[k]["area"] for r in rows), 2),
                "cost": round(sum(r[k]["cost"] for r in rows), 2)}
    c, f = t["completed"], t["filed"]
    t["filing_rate"] = {"count": round(100 * f["count"] / c["count"], 1) if c["count"] else None,
                        "area": round(100 * f["area"] / c["area"], 1) if c["area"] else None}
    num = sum(r["satisfaction_rate"] * r["filed"]["count"] for r in rows if r["filed"]["count"] and r["satisfaction_rate"] is not None)
    den = sum(r["filed"]["count"] for r in rows if r["filed"]["count"] and r["satisfaction_rate"] is not None)
    t["satisfaction_rate"] = round(num / den, 1) if den else None
    t["satisfaction_rate_exact"] = round(num / den, 4) if den else None
    t["accidents"] = {"count": sum(r["accidents"]["count"] for r in rows),
                      "deaths": sum(r["accidents"]["deaths"] for r in rows),
                      "loss": round(sum(r["accidents"]["loss"] for r in rows), 2)}
    return t


def f6_to_json(d):
    out = {}
    for cat in CATS:
        x = d[cat]
        out[cat] = {k: {"count": x[k][0], "area": x[k][1], "cost": round(x[k][2], 2)} for k in ("new", "completed", "filed", "in_progress")}
        out[cat]["filing_rate"] = x["filing_rate"]
    return out


def f6_city(rows):
    out = {}
    for cat in CATS:
        out[cat] = {}
        for k in ("new", "completed", "filed", "in_progress"):
            out[cat][k] = {"count": sum(r[cat][k]["count"] for r in rows),
                           "area": round(sum(r[cat][k]["area"] for r in rows), 2),
                           "cost": round(sum(r[cat][k]["cost"] for r in rows), 2)}
        c, f = out[cat]["completed"]["count"], out[cat]["filed"]["count"]
        out[cat]["filing_rate"] = round(100 * f / c, 1) if c else None
    return out


def cell(pos, idx):
    sheet, r, c = pos
    return sheet, f"{get_column_letter(c + 1 + idx)}{r}"


def write(root, sims, truth, f6truth, f1, f2, written, defects, rep_meta, extra, styles):
    J = {"city": "许昌市", "units": UNITS, "quarters": {}, "defects": [], "expected_findings": {},
         "reports_2025Q2": {}, "notes": []}
    for q in QUARTERS:
        subs = {}
        for u in UNITS:
            w = written.get((u, q, None))
            if not w:
                continue
            v = flat(truth[(u, q)])
            for i, val in w["defects"].get("f5_row", []):
                v[i] = val
            subs[u] = dict(file=w["file"], f5_stated=unflat(v))
        rows = [s["f5_stated"] for s in subs.values()]
        f6rows = {u: f6_to_json(f6truth[(u, q)]) for u in subs}
        F1 = {u: f1.get((u, q), []) for u in subs}
        F2 = {u: f2.get((u, q), []) for u in subs}
        by_role = {r: 0 for r in ROLES}
        by_kw = {r: 0 for r in ROLES}
        for u, lst in F1.items():
            for rec in lst:
                by_role[rec["role"]] += 1
                by_kw[keyword_class(rec["party"])] += 1
        fines = round(sum(r["fine"] for lst in F2.values() for r in lst), 2)
        qd = {
            "submitted": {u: s["file"] for u, s in subs.items()},
            "missing": [u for u in UNITS if u not in subs],
            "F5_units": {u: s["f5_stated"] for u, s in subs.items()},
            "F5_city": city(rows),
            "F6_units": f6rows,
            "F6_city": f6_city(list(f6rows.values())),
            "F1": {"rows": sum(len(x) for x in F1.values()), "by_unit": {u: len(x) for u, x in F1.items()},
                   "by_party_role": by_role, "by_party_keyword_rule": by_kw,
                   "records": {u: [dict(record_no=r["record_no"], party=r["party"], role=r["role"],
                                        keyword_class=keyword_class(r["party"]), fact=r["fact"], clause=r["clause"])
                                   for r in x] for u, x in F1.items() if x}},
            "F2": {"rows": sum(len(x) for x in F2.values()), "by_unit": {u: len(x) for u, x in F2.items()},
                   "fines_wan": fines,
                   "records": {u: [dict(record_no=r["record_no"], party=r["party"], penalty=r["penalty"],
                                        fine_wan=r["fine"], basis=r["basis"], status=r["status"]) for r in x]
                               for u, x in F2.items() if x}},
            "F3": {"rows": sum(len(written[(u, q, None)]["stock"]) for u in subs)},
            "F4": {"rows": sum(len(sims[u].q[q]["completed"]) for u in subs)},
        }
        J["quarters"][q] = qd

    # hidden 东城区 2025Q1 (not sent) for the record
    J["notes"].append("东城区 sent nothing for 2025Q1; its (unsent) 2025Q1 在建 was "
                      f"{truth[('东城区', '2025Q1')]['in_progress'][0]}项 / {truth[('东城区', '2025Q1')]['in_progress'][1]}万㎡, "
                      "which is what its 2025Q2 接转 states. The history only has its 2024Q4 (在建 "
                      f"{truth[('东城区', '2024Q4')]['in_progress'][0]}项): comparing 2025Q2 接转 with 2024Q4 would be a false F5-006.")

    D = J["defects"]

    def add(q, u, sheet, cellref, rule, sev, what, file=None):
        D.append(dict(period=q, unit=u, file=file or written[(u, q, None)]["file"], sheet=sheet, cell=cellref,
                      rule=rule, severity=sev, what=what))

    # D1
    w = written[("魏都区", "2024Q4", None)]
    sh, r, c = w["defects"]["_f5_pos"]
    tr = truth[("魏都区", "2024Q4")]
    add("2024Q4", "魏都区", sh, f"{get_column_letter(c + 7)}{r + 1}", "F5-001", "error",
        f"合计 row 本季度在建项数 = {tr['in_progress'][0] + 1}, unit row says {tr['in_progress'][0]}")
    # D2
    w = written[("鄢陵县", "2024Q4", None)]
    sh, r, c = w["defects"]["_f5_pos"]
    tr = truth[("鄢陵县", "2024Q4")]
    add("2024Q4", "鄢陵县", sh, f"{get_column_letter(c + 9)}{r}", "F5-004", "warning",
        f"在建造价 typed {extra['yl_bad_cost']:.2f} (digits transposed); 接转+新注册−竣工 = {tr['in_progress'][2]:.2f}. "
        f"The 合计 row repeats the typo (so no F5-001).")
    w1 = written[("鄢陵县", "2025Q1", None)]
    sh1, r1, c1 = w1["defects"]["_f5_pos"]
    add("2025Q1", "鄢陵县", sh1, f"{get_column_letter(c1 + 3)}{r1}", "F5-006", "error",
        f"consequence of D2: 2025Q1 上季度接转造价 = {tr['in_progress'][2]:.2f} (the true figure) but the history holds "
        f"{extra['yl_bad_cost']:.2f} as 2024Q4 在建造价")
    # D3
    w = written[("禹州市", "2025Q1", None)]
    p = extra["dropped"]
    tr = truth[("禹州市", "2025Q1")]
    add("2025Q1", "禹州市", w["sheets"]["F3"], None, "F3-002", "error",
        f"附表3 lists {tr['in_progress'][0] - 1} projects, 附表5 在建 = {tr['in_progress'][0]}; left out: {p.reg_no} {p.name} ({p.area} ㎡)")
    add("2025Q1", "禹州市", w["sheets"]["F3"], None, "F3-003", "warning",
        f"Σ附表3 面积 = {(sum(x.area for x in w['stock'])) / 10000:.4f} 万㎡ vs 附表5 在建 {tr['in_progress'][1]} "
        f"(difference {p.area / 10000:.4f})")
    add("2025Q1", "禹州市", w["sheets"]["F3"], None, "F3-005", "warning",
        f"{p.reg_no} {p.name} was in 2024Q4 附表3, is in neither 2025Q1 附表3 nor 附表4")
    w2 = written[("禹州市", "2025Q2", None)]
    add("2025Q2", "禹州市", w2["sheets"]["F3"], None, "F3-006", "warning",
        f"{p.reg_no} {p.name} (registered {p.reg_q}) is back in 2025Q2 附表3 but was not in 2025Q1 附表3")
    # D4
    w = written[("建安区", "2025Q1", "ja_first")]
    sh, r, c = w["defects"]["_f5_pos"]
    add("2025Q1", "建安区", sh, f"{get_column_letter(c + 16)}{r}", "F5-002", "error",
        "in 建安区.xlsx (superseded): 备案率（项）typed 78.5% in the unit row and 合计 row (R9, R10), 7/8 = 87.5%; "
        "fixed in 建安区(修改).xlsx (same 报送日期 2025-04-07, version mark (修改) in the name, newer mtime). Expect IN005 "
        "on 建安区.xlsx, revision.fixed = F5-002@表5!R9/R10, totals from the 修改 file", file="建安区.xlsx")
    # D5
    w = written[("襄城县", "2025Q2", None)]
    sh, r, c = w["defects"]["_f5_pos"]
    add("2025Q2", "襄城县", sh, f"{get_column_letter(c + 16)}{r}", "F5-002", "error",
        "备案率（项）typed 100 but 备案6 / 竣工8 = 75.0% (合计 row repeats it)")
    # D6
    w = written[("建安区", "2025Q2", None)]
    sh, r, c = w["defects"]["_f6_pos"]
    lp = f6truth[("建安区", "2025Q2")]["large_public"]
    add("2025Q2", "建安区", sh, f"{get_column_letter(c + 2)}{r + CATS.index('large_public')}", "F6-002", "error",
        f"大型公共建筑 本季新注册 {lp['new'][0]}项 {lp['new'][1]}万㎡ < 2万㎡×{lp['new'][0]} "
        "(许昌市建安区人民医院门急诊综合楼 18620㎡ counted as 大型公建)")
    # D7
    w = written[("魏都区", "2025Q2", None)]
    sh, ref, fo, p = w["defects"]["f4_filed_before_cell"]
    add("2025Q2", "魏都区", sh, ref, "F4-003", "error",
        f"{p.reg_no} {p.name}: 备案日期 {fo} before 竣工日期 {p.completed_on}")
    # D8
    rec = f1[("禹州市", "2025Q2")][4]
    sh, ref = rec["_defect_cell"]
    add("2025Q2", "禹州市", sh, ref, "F1-002", "error",
        f"{rec['record_no']}: 批准日期 {rec['approved_on']} before 记录日期 {rec['recorded_on']}")
    # D9
    rec = f2[("襄城县", "2025Q2")][0]
    sh, ref = rec["_defect_cell"]
    add("2025Q2", "襄城县", sh, ref, "F2-002", "warning", f"{rec['record_no']}: 时间 2025-03-26 outside 2025Q2")

    EF = J["expected_findings"]
    EF["2024Q4"] = ["F5-001 E 魏都区 (D1)", "F5-004 W 鄢陵县 (D2)", "NO F4-007 (see 2025Q2)",
                    "IN007 W 东城区: 合计 row of 附表5 is =SUM() saved without cached values (openpyxl), recomputable",
                    "HS001 I allowed: no 2024Q3 in the history (接转 checks skipped)",
                    "ST006 W allowed: normalisations (建安区 '无' and numbers as text with trailing spaces, 鄢陵县 full-width "
                    "digits/'—'/percent-formatted fractions, 示范区 '12,580.36' costs)",
                    "no other errors expected"]
    EF["2025Q1"] = ["IN005 W 建安区.xlsx superseded by 建安区(修改).xlsx (D4; F5-002 only in the superseded file)",
                    "IN008 W 东城区 sent nothing", "F3-002 E, F3-003 W, F3-005 W 禹州市 (D3)",
                    "F5-006 E 鄢陵县 接转造价 (consequence of D2)",
                    "示范区: 竣工0 → rates typed '/' must NOT give F5-002 (rate empty)",
                    "IN007/ST006 as before"]
    EF["2025Q2"] = ["F5-002 E 襄城县 (D5)", "F6-002 E 建安区 (D6)", "F4-003 E 魏都区 (D7)", "F1-002 E 禹州市 (D8)",
                    "F2-002 W 襄城县 (D9)", "F3-006 W 禹州市 (consequence of D3)",
                    "IN002 I ~$长葛市2025Q2.xlsx (lock file, ignored)",
                    "鄢陵县关于延迟报送的说明.docx: not a report (ignored, or at most a note) — must not be quoted as 鄢陵县's report",
                    "5 unit reports: 魏都区/建安区/禹州市/长葛市 .docx, 襄城县 .doc (real Word 97 file)",
                    "东城区: NO F5-006 and NO F3-005/F3-006 against 2024Q4 (its 2025Q1 is missing; HS001 at most)",
                    "示范区: 附表6 备案率 typed 0 where 竣工 0 must NOT give F6-003",
                    "NO F4-007: every 附表4 row without 备案日期 is unfiled (长葛市 writes 备案结论 '未备案', 鄢陵县 '资料整理中'); "
                    "附表4 filed rows = 附表5 备案 in every unit and quarter",
                    "exit status 1 (errors present) in every quarter"]

    # reports
    for u, m in rep_meta.items():
        J["reports_2025Q2"][u] = m
    J["reports_2025Q2"]["_not_a_report"] = {"file": "鄢陵县关于延迟报送的说明.docx",
                                            "says": "鄢陵县 explains the late 2025Q2 forms (statistician at training); not an analysis report"}
    with open(os.path.join(root, "EXPECTED.json"), "w", encoding="utf-8") as fh:
        json.dump(J, fh, ensure_ascii=False, indent=1, default=str)
    write_md(root, J, styles)


def fmt(x, nd=2):
    if x is None:
        return "—"
    if isinstance(x, int):
        return str(x)
    return f"{x:.{nd}f}"


def write_md(root, J, styles):
    L = []
    a = L.append
    a("# 许昌市 test inbox — EXPECTED (independent test data for qstat)\n")
    a("Generated by `tools/gen.py` (seeded, imports nothing from qstat). Three quarters, one folder each: "
      "`2024Q4/`, `2025Q1/`, `2025Q2/`; config `qstat.toml` (8 units). Consolidate in order into one `--db`.\n")
    a("Units: " + "、".join(J["units"]) + ". 东城区 sends nothing in 2025Q1. 鄢陵县 sends 2025Q2 late (报送日期 2025-07-16, "
      "file name （补报）, plus 鄢陵县关于延迟报送的说明.docx).\n")
    a("## How each clerk makes the workbook\n")
    desc = {
        "魏都区": "openpyxl .xlsx; sheets 附表1-6; title at A1; 填表单位 许昌市魏都区住房和城乡建设局; numbers numeric; rates 88.9; "
                "'/' for an empty rate; Excel dates; 合计 row with values; 填表说明; 附表3 sorted by 监理单位 and that column MERGED over each group; 5 blank rows after 附表3",
        "建安区": "sheets 表1-表6; tables start at B3; every number typed as TEXT with a trailing space; '无' for zero; rates '88.9%' strings, '—' when empty; "
                "dates 2025.4.18; one-line headers (no line breaks); 2025Q1 sent twice (建安区.xlsx, 建安区(修改).xlsx)",
        "禹州市": "xlsxwriter; sheets Sheet1-Sheet6; title '禹州市2025年二季度建设工程质量监督季度统计表'; 合计 = SUM formulas WITH cached values; "
                "备案率 (附表5 and 附表6) = IF/ROUND formulas with cached values ('' when 竣工 0); dates '2025-04-18' text",
        "长葛市": "forms STACKED: sheet '附表1、2' (附表1 then 附表2 below), '附表3在建', '附表4竣工', '季度统计' (附表5 then 附表6 below); "
                "附表3/附表4 end with a 合计 row ('共N项' + area sum) that is NOT a project; dates 2025年4月18日 text; unfiled 备案结论 '未备案'",
        "鄢陵县": "sheets '附表5 季度统计' etc.; counts ≥10 in FULL-WIDTH digits (text); '—' for zero; rates stored as FRACTIONS with 0.0% format "
                "(100% is the number 1); blank rate when empty; a blank row between the header and the data row of 附表5; dates Excel with yyyy年m月d日 format; "
                "period written 二〇二五年第二季度",
        "襄城县": ".xls (Excel 97, made by LibreOffice) every quarter; sheets 附表1-6; '/' for empty rates; period '2025年度第二季度'",
        "东城区": "sheets 东城区附表1-6; 附表5 合计 = SUM formulas WITHOUT cached values (IN007); dates '2025/4/18' text (a spelling FORMS.md does not list); "
                "one-line headers",
        "示范区": "sheets 附表一-附表六 and titles '附表五' (Chinese numerals); tables start at C5; costs ≥1000 typed '12,580.36' (text with thousands separator); "
                "rates typed as text '40', '100'; 附表6 备案率 typed 0 when 竣工 0; 2025Q1: 竣工 0, rates '/'",
    }
    for u in J["units"]:
        a(f"- **{u}**: {desc[u]}")
    a("")
    a("Every unit is internally consistent except the planted defects: 附表3 rows = 附表5 在建 项数, Σ附表3 面积/10000 = 附表5 在建面积 "
      "(to 0.01), 附表4 rows = 竣工, 附表4 rows with 备案日期 = 备案, 在建 = 接转 + 新注册 − 竣工 (count, area exactly at 2 dp, cost), "
      "接转 = previous quarter's 在建, 备案率 = 备案/竣工, 附表6 ≤ 附表5.\n")

    for q, qd in J["quarters"].items():
        a(f"## {q}\n")
        a("Files: " + "; ".join(f"{u}: `{f}`" for u, f in qd["submitted"].items())
          + (f". Missing: {'、'.join(qd['missing'])}" if qd["missing"] else "") + "\n")
        a("### 附表5 per unit (as stated by the unit) and city total\n")
        a("| unit | 接转 项/万㎡/万元 | 新注册 | 在建 | 竣工 | 备案 | 备案率 项/面积 | 满意率 | 事故 项/死亡/损失 |")
        a("|---|---|---|---|---|---|---|---|---|")
        rows = list(qd["F5_units"].items()) + [("**合计(city)**", qd["F5_city"])]
        for u, r in rows:
            cells = [f"{r[k]['count']} / {fmt(r[k]['area'])} / {fmt(r[k]['cost'])}" for k in F5_FIELDS]
            a(f"| {u} | " + " | ".join(cells) + f" | {fmt(r['filing_rate']['count'], 1)} / {fmt(r['filing_rate']['area'], 1)} | "
              f"{fmt(r['satisfaction_rate'], 1)} | {r['accidents']['count']} / {r['accidents']['deaths']} / {fmt(r['accidents']['loss'])} |")
        a("")
        a(f"City 满意率 = Σ(rate×备案)/Σ备案 over units with 备案>0 = {qd['F5_city']['satisfaction_rate_exact']}.\n")
        a("### 附表6 city total (sum of units)\n")
        a("| 类别 | 新注册 项/万㎡/万元 | 竣工 | 备案 | 备案率(项%) | 在建 |")
        a("|---|---|---|---|---|---|")
        for cat in CATS:
            x = qd["F6_city"][cat]
            a(f"| {CAT_CN[cat]} | " + " | ".join(f"{x[k]['count']} / {fmt(x[k]['area'])} / {fmt(x[k]['cost'])}" for k in ("new", "completed", "filed"))
              + f" | {fmt(x['filing_rate'], 1)} | {x['in_progress']['count']} / {fmt(x['in_progress']['area'])} / {fmt(x['in_progress']['cost'])} |")
        a("")
        a("附表6 保障性安居工程 per unit (竣工/备案): " + "; ".join(
            f"{u} {r['affordable_housing']['completed']['count']}/{r['affordable_housing']['filed']['count']}"
            for u, r in qd["F6_units"].items()) + "\n")
        f1 = qd["F1"]
        a(f"### 附表1 / 附表2 / 附表3 / 附表4\n")
        a(f"- 附表1 records: **{f1['rows']}** (by unit: " + ", ".join(f"{u} {n}" for u, n in f1["by_unit"].items()) + ")")
        a("- by party, real role: " + ", ".join(f"{k} {v}" for k, v in f1["by_party_role"].items() if v))
        a("- by party, README keyword rule (审图, 检测, 监理, 勘察, 设计, 开发/房地产, 建筑/建工/建设工程, else 其它): "
          + ", ".join(f"{k} {v}" for k, v in f1["by_party_keyword_rule"].items() if v))
        f2 = qd["F2"]
        a(f"- 附表2 penalties: **{f2['rows']}**, fines total **{f2['fines_wan']:g} 万元** (by unit: "
          + ", ".join(f"{u} {n}" for u, n in f2["by_unit"].items()) + ")")
        a(f"- 附表3 rows (as written): {qd['F3']['rows']}; 附表4 rows: {qd['F4']['rows']}")
        if q == "2025Q2":
            a("\n2025Q2 附表1 records (party → real role / keyword rule):\n")
            for u, lst in f1["records"].items():
                for r in lst:
                    flag = "" if r["role"] == r["keyword_class"] else "  ← not covered by the README keyword list"
                    a(f"  - {u} {r['record_no']}: {r['party']} → {r['role']} / {r['keyword_class']}{flag}; {r['clause']}")
            a("\n2025Q2 附表2 penalties (处罚内容 → fine 万元):\n")
            for u, lst in f2["records"].items():
                for r in lst:
                    a(f"  - {u} {r['record_no']}: {r['party']} — “{r['penalty']}” → {r['fine_wan']:g}; {r['basis']}; {r['status']}")
            a("\nRepeat offenders: 河南鼎盛建筑工程有限公司 (禹州市 2025Q1 and 2025Q2, 长葛市 2025Q2); 许昌恒达房地产开发有限公司 "
              "(魏都区 附表1 and 建安区 附表2 in 2025Q2); 许昌市建设监理有限公司 (禹州市 附表1+附表2 2025Q2, 长葛市 2024Q4); "
              "河南华诚建设工程质量检测有限公司 (东城区 2024Q4, 建安区 2025Q2).")
        a("")
        a("### Expected findings\n")
        for x in J["expected_findings"][q]:
            a(f"- {x}")
        a("")

    a("## Planted defects (file / sheet / cell / rule)\n")
    a("| # | period | unit | file | sheet | cell | rule | sev | what |")
    a("|---|---|---|---|---|---|---|---|---|")
    for i, d in enumerate(J["defects"], 1):
        a(f"| {i} | {d['period']} | {d['unit']} | {d['file']} | {d['sheet']} | {d['cell'] or '—'} | {d['rule']} | {d['severity']} | {d['what']} |")
    a("")
    a("Not defects, deliberate situations: 示范区 2025Q2 备案率 40% (2/5, area 28.6%); 鄢陵县 2025Q2 满意率 85.7% (<90); "
      "保障性安居工程 2025Q2 city 竣工7 备案3 (建安区 3/1, 禹州市 2/0); 长葛市 2025Q2 accident 1 项 1 死亡 126.5 万元; "
      "建安区 2024Q4 accident 1 项 0 死亡 12.3 万元.\n")
    for n in J["notes"]:
        a(f"- {n}")
    a("")
    a("## The units' own 2025Q2 reports — what each says, per official section (第十条 item 7)\n")
    a("Sections: 1 企业总体情况 · 2 监督管理总体情况 · 3 参建各方质量行为 · 4 实体质量措施 · 5 通病治理 · 6 不良行为及处罚 · "
      "7 突出问题 · 8 新技术 · 9 事故及投诉 · 10 执法 · 11 对策建议. The office report should quote these per unit, attributed "
      "(e.g. “禹州市报送：…”), under the right section even when the unit's numeral differs (禹州市 and 襄城县 renumber after merging).\n")
    for u, m in J["reports_2025Q2"].items():
        if u.startswith("_"):
            continue
        a(f"### {u} — `{m['file']}` ({'Word heading styles' if m['mode'].startswith('heading') else 'plain bold paragraphs'})\n")
        for s in m["sections"]:
            cov = "+".join(str(c) for c in s["covers"])
            txt = " ".join(s["paragraphs"])
            a(f"- [{cov}] **{s['heading']}** — {txt}")
        a("")
    a("`鄢陵县关于延迟报送的说明.docx` is NOT a report: a note explaining the late forms. Must not be quoted in any section.\n")
    a("东城区 and 示范区 send no report; 鄢陵县 none (only the note).\n")
    with open(os.path.join(root, "EXPECTED.md"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(L))
