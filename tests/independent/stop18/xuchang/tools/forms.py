"""Lay the forms 附表1-6 out on canvases, each unit the way its clerk does it."""
import datetime as dt
from canvas import Canvas, Formula
from model import CATS, CAT_CN

FW = str.maketrans("0123456789", "０１２３４５６７８９")


class Style(dict):
    __getattr__ = dict.get


def num(st, v, kind, where="stat"):
    """Return (value, numfmt) as this clerk types it."""
    if kind == "rate":
        if v is None:
            return (st.rate_none if st.rate_none is not None else None), None
        if st.rate == "pct_str":
            s = f"{v:.1f}%" if v != 100 else "100%"
            return s, None
        if st.rate == "frac":
            return round(v / 100, 4), "0.0%"
        if st.rate == "int_str":
            return (f"{v:g}"), None
        return v, "0.0"
    if where == "stat" and v == 0 and st.zero is not None:
        return st.zero, None
    if kind == "count":
        v = int(v)
        if st.fullwidth_counts and v >= 10:
            return str(v).translate(FW), None
        if st.numtext:
            return str(v) + (" " if st.numtext == "text_space" else ""), None
        return v, "0"
    # area / cost / m2
    if kind == "cost" and st.thousands and v >= 1000:
        return f"{v:,.2f}", None
    if st.numtext:
        s = f"{v:.2f}"
        return s + (" " if st.numtext == "text_space" else ""), None
    return round(v, 2), "0.00"


def date(st, d):
    if d is None:
        return None, None
    k = st.date
    if k == "dot":
        return f"{d.year}.{d.month}.{d.day}", None
    if k == "iso":
        return d.isoformat(), None
    if k == "cn":
        return f"{d.year}年{d.month}月{d.day}日", None
    if k == "slash":
        return f"{d.year}/{d.month}/{d.day}", None
    if k == "excel_cn":
        return d, 'yyyy"年"m"月"d"日"'
    return d, "yyyy-mm-dd"


def title_block(cv, st, r, c, width, no, title, q, line, f1_line=None):
    cv.set(r, c, f"附表{no}" if not st.cn_numeral_titles else f"附表{'一二三四五六七'[no - 1]}", bold=True)
    r += 1
    t = title
    if st.title_with_unit:
        t = f"{st.label}{st.period_text[q]}" + title.replace("河南省", "")
        cv.set(r, c, t, bold=True)
        cv.merge(r, c, r, c + width - 1)
        r += 1
    else:
        cv.set(r, c, t, bold=True)
        cv.merge(r, c, r, c + width - 1)
        r += 1
        cv.set(r, c, f"（{st.period_text[q]}）")
        cv.merge(r, c, r, c + width - 1)
        r += 1
    cv.set(r, c, f1_line if f1_line else line)
    cv.merge(r, c, r, c + min(width, 8) - 1)
    return r + 1


def footer(cv, st, r, c, q):
    d = st.report_date[q]
    cv.set(r, c, f"统计员：{st.statistician}")
    cv.set(r, c + 4, f"批准人：{st.approver}")
    cv.set(r, c + 8, f"报送日期：{d.year}年{d.month}月{d.day}日")
    return r + 1


def hdr(st, s):
    return s if st.headers_nl else s.replace("\n", "")


# ------------------------------------------------------------------ 附表5
F5_GROUPS = [("carried_over", "上季度接转工程"), ("new", "本季度新注册工程"), ("in_progress", "本季度在建工程"),
             ("completed", "本季度竣工工程"), ("filed", "本季度质量备案\n工程")]


def f5(cv, st, r, c, q, row, defects):
    width = 22
    r = title_block(cv, st, r, c, width, 5, "河南省建设工程质量监督季度统计表", q,
                    f"填表单位（盖章）：{st.unit_line}")
    h1, h2 = r, r + 1
    cv.set(h1, c, hdr(st, "    市、县\n    （市）\n序号"), bold=True)
    cv.merge(h1, c, h2, c)
    col = c + 1
    for key, label in F5_GROUPS:
        cv.set(h1, col, hdr(st, label), bold=True)
        cv.merge(h1, col, h1, col + 2)
        for i, sub in enumerate(["项数", "面积\n（万㎡）", "造价\n（万元）"]):
            cv.set(h2, col + i, hdr(st, sub), bold=True)
        col += 3
    cv.set(h1, col, hdr(st, "季度质量\n备案率（%）"), bold=True)
    cv.merge(h1, col, h1, col + 1)
    cv.set(h2, col, "项数", bold=True)
    cv.set(h2, col + 1, "面积", bold=True)
    col += 2
    cv.set(h1, col, hdr(st, "用户\n满意率\n（%）"), bold=True)
    cv.merge(h1, col, h2, col)
    col += 1
    cv.set(h1, col, "本季度发生工程质量事故", bold=True)
    cv.merge(h1, col, h1, col + 2)
    for i, sub in enumerate(["项数", "死亡人数", "经济损失（万元）"]):
        cv.set(h2, col + i, sub, bold=True)
    r = h2 + 1
    if st.f5_blank_row_after_header:
        r += 1
    data_r = r
    defects["_f5_pos"] = (cv.name, data_r, c)
    vals = []
    for key, _ in F5_GROUPS:
        n, a, co = row[key]
        vals += [("count", n), ("area", a), ("cost", co)]
    fr = row["filing_rate"]
    vals += [("rate", fr[0]), ("rate", fr[1]), ("rate", row["satisfaction_rate"])]
    acc = row["accidents"]
    vals += [("count", acc[0]), ("count", acc[1]), ("cost", acc[2])]
    stated = [v for _, v in vals]
    for d in defects.get("f5_row", []):          # (index, value) overrides of the unit row
        stated[d[0]] = d[1]
    cv.set(r, c, st.label)
    for i, ((kind, _), v) in enumerate(zip(vals, stated)):
        if kind == "rate" and st.rate == "formula" and i in (15, 16):
            num_c, den_c = (c + 1 + 12, c + 1 + 9) if i == 15 else (c + 1 + 13, c + 1 + 10)
            expr = f"=IF({Canvas.ref(r, den_c)}=0,\"\",ROUND({Canvas.ref(r, num_c)}/{Canvas.ref(r, den_c)}*100,1))"
            cv.set(r, c + 1 + i, Formula(expr, v if v is not None else ""), "0.0")
            continue
        val, fmt = num(st, v, kind)
        cv.set(r, c + 1 + i, val, fmt)
    r += 1
    if st.f5_total:
        cv.set(r, c, "合计", bold=True)
        tot = list(stated)
        for d in defects.get("f5_total", []):
            tot[d[0]] = d[1]
        for i, ((kind, _), v) in enumerate(zip(vals, tot)):
            cc = c + 1 + i
            if st.f5_total in ("formula_cached", "formula_nocache") and kind != "rate":
                expr = f"=SUM({Canvas.ref(data_r, cc)}:{Canvas.ref(r - 1, cc)})"
                cached = v if st.f5_total == "formula_cached" else None
                cv.set(r, cc, Formula(expr, cached), "0" if kind == "count" else "0.00")
            else:
                val, fmt = num(st, v, kind)
                cv.set(r, cc, val, fmt)
        r += 1
    if st.notes:
        cv.set(r, c, "填表说明：1、在建工程：已办理监督注册手续，尚未完工或已完工，但未进行竣工验收的工程；"
                     "2、竣工工程：已办理监督注册手续，已通过竣工验收的工程；3、质量备案率：已办理质量备案手续的工程/竣工工程；"
                     "4、用户满意率：用户评价为满意的工程（项数）/已办理质量备案手续的工程；5、接转工程：上一季（年）度在建工程。")
        cv.merge(r, c, r, c + width - 1)
        r += 1
    r += 1
    return footer(cv, st, r, c, q) + 1


# ------------------------------------------------------------------ 附表6
def f6(cv, st, r, c, q, rows, defects):
    width = 14
    r = title_block(cv, st, r, c, width, 6, "河南省建设工程质量监督季（年）度分类统计表", q,
                    f"填表单位（盖章）：{st.unit_line}")
    h1, h2 = r, r + 1
    cv.set(h1, c, "项  目", bold=True)
    cv.merge(h1, c, h2, c)
    groups = [("本季/年新注册项目", 3), ("本季/年竣工工程", 3), ("本季/年质量备案工程", 4), ("本季/年在建工程", 3)]
    subs = [["项数", "面 积\n（万㎡）", "造 价\n（万元）"], ["项数", "面积\n（万㎡）", "造价\n（万元）"],
            ["项数", "面积\n（万㎡）", "造价（万元）", "备案率\n（项%）"], ["项数", "面积\n（万㎡）", "造价\n（万元）"]]
    col = c + 1
    for (g, n), ss in zip(groups, subs):
        cv.set(h1, col, g, bold=True)
        cv.merge(h1, col, h1, col + n - 1)
        for i, s in enumerate(ss):
            cv.set(h2, col + i, hdr(st, s), bold=True)
        col += n
    r = h2 + 1
    labels = dict(CAT_CN)
    labels.update(st.f6_labels or {})
    defects["_f6_pos"] = (cv.name, r, c)
    for cat in CATS:
        d = rows[cat]
        cv.set(r, c, hdr(st, labels[cat]))
        vals = []
        for key in ("new", "completed", "filed"):
            n, a, co = d[key]
            vals += [("count", n), ("area", a), ("cost", co)]
        vals.append(("rate", d["filing_rate"]))
        n, a, co = d["in_progress"]
        vals += [("count", n), ("area", a), ("cost", co)]
        for i, (kind, v) in enumerate(vals):
            if kind == "rate" and v is None and st.f6_rate_none is not None:
                cv.set(r, c + 1 + i, st.f6_rate_none)
                continue
            if kind == "rate" and st.rate == "formula":
                fc, kc = c + 1 + 6, c + 1 + 3
                expr = f"=IF({Canvas.ref(r, kc)}=0,\"\",ROUND({Canvas.ref(r, fc)}/{Canvas.ref(r, kc)}*100,1))"
                cv.set(r, c + 1 + i, Formula(expr, v if v is not None else ""), "0.0")
                continue
            val, fmt = num(st, v, kind)
            cv.set(r, c + 1 + i, val, fmt)
        r += 1
    if st.f6_total_formula_nocache:
        pass
    r += 1
    return footer(cv, st, r, c, q) + 1


# ------------------------------------------------------------------ 附表3 / 附表4
def f3(cv, st, r, c, q, projects, defects):
    width = 10
    r = title_block(cv, st, r, c, width, 3, "河南省建设工程质量监督在建工程明细表", q,
                    f"填表单位（公章）：{st.unit_line}")
    heads = ["序号", "工程质量监督注册号", "工程名称", "结构\n类型", "建筑面积\n（平方米）", "工程造价\n（万元）",
             "施工单位", "监理单位", "形象进度", "备注"]
    for i, h in enumerate(heads):
        cv.set(r, c + i, hdr(st, h), bold=True)
    r += 1
    projs = list(projects)
    if st.merge_sup:
        projs.sort(key=lambda p: (p.supervisor, p.reg_no))
    else:
        projs.sort(key=lambda p: p.reg_no)
    start = r
    for k, p in enumerate(projs, 1):
        cv.set(r, c, k)
        cv.set(r, c + 1, p.reg_no)
        cv.set(r, c + 2, p.name)
        cv.set(r, c + 3, p.struct)
        v, f = num(st, p.area, "m2", "list")
        cv.set(r, c + 4, v, f)
        v, f = num(st, p.cost, "cost", "list")
        cv.set(r, c + 5, v, f)
        cv.set(r, c + 6, p.builder)
        cv.set(r, c + 7, p.supervisor)
        cv.set(r, c + 8, p.progress[q])
        cv.set(r, c + 9, "保障性安居工程" if p.kind == "aff" else None)
        r += 1
    if st.merge_sup:
        i = 0
        while i < len(projs):
            j = i
            while j + 1 < len(projs) and projs[j + 1].supervisor == projs[i].supervisor:
                j += 1
            if j > i:
                cv.merge(start + i, c + 7, start + j, c + 7)
                for t in range(i + 1, j + 1):
                    cv.cells.pop((start + t, c + 7), None)
            i = j + 1
    if st.list_total:
        cv.set(r, c, "合计", bold=True)
        cv.set(r, c + 2, f"共{len(projs)}项")
        v, f = num(st, round(sum(p.area for p in projs), 2), "m2", "list")
        cv.set(r, c + 4, v, f)
        v, f = num(st, sum(p.cost_c for p in projs) / 100, "cost", "list")
        cv.set(r, c + 5, v, f)
        r += 1
    for _ in range(st.blank_rows or 0):
        r += 1
    r += 1
    return footer(cv, st, r, c, q) + 1


def f4(cv, st, r, c, q, projects, defects):
    width = 12
    r = title_block(cv, st, r, c, width, 4, "河南省建设工程质量监督竣工工程明细表", q,
                    f"填表单位（公章）：{st.unit_line}")
    heads = ["序号", "工程质量监督注册号", "工程名称", "结构类型", "建筑面积\n（平方米）", "工程造价\n（万元）",
             "施工单位", "监理单位", "竣工\n日期", "竣工验收结论", "备案\n日期", "备案\n结论"]
    for i, h in enumerate(heads):
        cv.set(r, c + i, hdr(st, h), bold=True)
    r += 1
    projs = sorted(projects, key=lambda p: p.completed_on)
    for k, p in enumerate(projs, 1):
        cv.set(r, c, k)
        cv.set(r, c + 1, p.reg_no)
        cv.set(r, c + 2, p.name)
        cv.set(r, c + 3, p.struct)
        v, f = num(st, p.area, "m2", "list")
        cv.set(r, c + 4, v, f)
        v, f = num(st, p.cost, "cost", "list")
        cv.set(r, c + 5, v, f)
        cv.set(r, c + 6, p.builder)
        cv.set(r, c + 7, p.supervisor)
        v, f = date(st, p.completed_on)
        cv.set(r, c + 8, v, f)
        cv.set(r, c + 9, "合格")
        fo = p.filed_on
        if defects.get("f4_filed_before") == p.reg_no:
            fo = p.completed_on - dt.timedelta(days=18)
            defects["f4_filed_before_cell"] = (cv.name, Canvas.ref(r, c + 10), fo, p)
        v, f = date(st, fo)
        cv.set(r, c + 10, v, f)
        cv.set(r, c + 11, (st.filed_word or "准予备案") if p.filed_on else (st.unfiled_word or None))
        r += 1
    if st.list_total:
        cv.set(r, c, "合计", bold=True)
        cv.set(r, c + 2, f"共{len(projs)}项")
        v, f = num(st, round(sum(p.area for p in projs), 2), "m2", "list")
        cv.set(r, c + 4, v, f)
        r += 1
    r += 1
    return footer(cv, st, r, c, q) + 1


# ------------------------------------------------------------------ 附表1 / 附表2
def f1(cv, st, r, c, q, recs, defects):
    width = 11
    d = st.report_date[q]
    line = (f"填表单位（公章）:{st.unit_line}    填表人:{st.statistician}    批准人:{st.approver}    "
            f"填表日期:{d.year}年{d.month}月{d.day}日")
    r = title_block(cv, st, r, c, width, 1, "河南省建设工程有关责任主体及相关责任人员不良行为记录统计表", q,
                    None, f1_line=line)
    h1, h2 = r, r + 1
    heads = ["记录\n编号", "工程名称", "责任单位", "责  任  人", None, "不良行为事实", "对应省不良记录管理办法条款",
             "记录人", "记录\n日期", "批准人", "批准\n日期"]
    for i, h in enumerate(heads):
        if h is None:
            continue
        cv.set(h1, c + i, hdr(st, h), bold=True)
        if i == 3:
            cv.merge(h1, c + 3, h1, c + 4)
            cv.set(h2, c + 3, "姓名", bold=True)
            cv.set(h2, c + 4, "职务", bold=True)
        else:
            cv.merge(h1, c + i, h2, c + i)
    r = h2 + 1
    if not recs:
        cv.set(r, c, "无")
        cv.set(r, c + 1, "本季度无不良行为记录")
        r += 1
    for rec in recs:
        cv.set(r, c, rec["record_no"])
        cv.set(r, c + 1, rec["project"])
        cv.set(r, c + 2, rec["party"])
        cv.set(r, c + 3, rec["person"])
        cv.set(r, c + 4, rec["title"])
        cv.set(r, c + 5, rec["fact"])
        cv.set(r, c + 6, rec["clause"])
        cv.set(r, c + 7, rec["recorder"])
        v, f = date(st, rec["recorded_on"])
        cv.set(r, c + 8, v, f)
        cv.set(r, c + 9, rec["approver"])
        v, f = date(st, rec["approved_on"])
        cv.set(r, c + 10, v, f)
        if rec.get("_defect_cell") is not None:
            rec["_defect_cell"] = (cv.name, Canvas.ref(r, c + 10))
        r += 1
    cv.set(r, c, "备注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测机构、施工图审查机构及其它有关单位。")
    cv.merge(r, c, r, c + width - 1)
    return r + 3


def f2(cv, st, r, c, q, recs, defects):
    width = 9
    r = title_block(cv, st, r, c, width, 2, "河南省建设工程质量责任主体行政处罚记录表", q,
                    f"填表单位（公章）：{st.unit_line}")
    heads = ["记录编号", "工程名称", "责任单位", "时间", "违法违规事实", "处罚依据", "处罚内容", "处罚情况", "处理情况"]
    for i, h in enumerate(heads):
        cv.set(r, c + i, h, bold=True)
    r += 1
    if not recs:
        cv.set(r, c, "无" if st.empty_word is None else st.empty_word)
        cv.set(r, c + 1, "本季度无行政处罚记录")
        r += 1
    for rec in recs:
        cv.set(r, c, rec["record_no"])
        cv.set(r, c + 1, rec["project"])
        cv.set(r, c + 2, rec["party"])
        v, f = date(st, rec["date"])
        cv.set(r, c + 3, v, f)
        cv.set(r, c + 4, rec["fact"])
        cv.set(r, c + 5, rec["basis"])
        cv.set(r, c + 6, rec["penalty"])
        cv.set(r, c + 7, rec["status"])
        cv.set(r, c + 8, rec["handling"])
        if rec.get("_defect_cell") is not None:
            rec["_defect_cell"] = (cv.name, Canvas.ref(r, c + 3))
        r += 1
    cv.set(r, c, "注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测单位、施工图审查机构及其它有关单位。")
    cv.merge(r, c, r, c + width - 1)
    r += 2
    return footer(cv, st, r, c, q) + 1
