#!/usr/bin/env python3
"""Independent test data for qstat: 信阳市 2025Q3, two rounds (修改留痕 + large lists).

Writes ROUND1/, ROUND2/, qstat.toml, EXPECTED.json, EXPECTED.md next to this script.
Imports nothing from qstat.  Deterministic (fixed seeds)."""
import copy, datetime as dt, hashlib, json, os, random, shutil, subprocess, sys
from decimal import Decimal as D, ROUND_HALF_UP
from openpyxl import Workbook
from openpyxl.utils import get_column_letter as L

HERE = os.path.dirname(os.path.abspath(__file__))
R1 = os.path.join(HERE, "ROUND1"); R2 = os.path.join(HERE, "ROUND2")
Q_START, Q_END = dt.date(2025, 7, 1), dt.date(2025, 9, 30)

UNITS = ["浉河区", "平桥区", "罗山县", "光山县", "新县", "商城县", "固始县", "潢川县", "淮滨县", "息县"]
CODE = {"浉河区": "411502", "平桥区": "411503", "罗山县": "411521", "光山县": "411522", "新县": "411523",
        "商城县": "411524", "固始县": "411525", "潢川县": "411526", "淮滨县": "411527", "息县": "411528"}
SIZE = {  # (F3 rows, F4 rows, new registrations among F3)
    "浉河区": (46, 12, 9), "平桥区": (2000, 400, 160), "罗山县": (24, 6, 5), "光山县": (31, 9, 6),
    "新县": (18, 12, 4), "商城县": (38, 8, 7), "固始县": (3000, 600, 240), "潢川县": (27, 7, 5),
    "淮滨县": (22, 6, 4), "息县": (1500, 300, 120)}
TOWNS = ["城关镇", "五里镇", "高梁店乡", "彭新镇", "龙井乡", "胡族镇", "洋河镇", "明港镇", "长台关乡", "游河乡",
         "甘岸街道", "平昌关镇", "肖王乡", "查山乡", "邢集镇", "往流镇", "三河尖镇", "陈集镇", "谭家河乡"]
RES = ["幸福家园", "锦绣华府", "书香名苑", "淮河湾", "翡翠城", "阳光小区", "滨河花园", "茶都印象", "申城壹号", "状元府",
       "御景湾", "天润城", "金茂府", "春江苑", "碧桂园"]
AFF = ["公租房", "棚户区改造安置房", "保障性租赁住房", "经济适用住房"]
PUB = ["中心医院门诊楼", "第一初级中学教学楼", "体育馆", "文化中心", "客运站", "实验小学综合楼", "妇幼保健院病房楼",
       "图书馆", "行政服务中心", "职业技术学校实训楼", "城市展览馆", "人民法院审判楼"]
IND = ["标准化厂房", "茶叶加工车间", "农产品冷链仓库", "食品加工厂房", "电子产业园厂房", "物流仓储中心", "纺织车间"]
BUILDERS = ["信阳建工集团有限公司", "河南省第一建筑工程集团有限责任公司", "信阳市豫信建筑工程有限公司", "河南五建建设集团有限公司",
            "中建七局第二建筑有限公司", "信阳申城建设有限公司", "河南天工建设集团有限公司", "光山县宏达建筑安装有限公司",
            "固始县建筑工程总公司", "河南国基建设集团有限公司"]
SUPERS = ["信阳市建设监理有限公司", "河南建达工程咨询有限公司", "河南长城铁路工程建设咨询有限公司", "信阳市天正工程管理有限公司",
          "河南中泰工程管理有限公司", "郑州中兴工程监理有限公司"]
PROGRESS = ["基础施工", "主体施工", "主体封顶", "砌体施工", "装饰装修", "室外配套", "安装施工"]

def q2(x): return D(x).quantize(D("0.01"), ROUND_HALF_UP)
def q1(x): return D(x).quantize(D("0.1"), ROUND_HALF_UP)
FW = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


# ---------------------------------------------------------------- projects
class P:
    def __init__(self, **kw): self.__dict__.update(kw)
    def copy(self): return P(**copy.deepcopy(self.__dict__))


def make_projects(unit, idx):
    rng = random.Random(1000 + idx)
    n3, n4, nnew = SIZE[unit]
    code = CODE[unit]; serial = {}
    used = set()

    def reg(year):
        serial[year] = serial.get(year, 0) + rng.randint(1, 3)
        return f"{code}-{year}-{serial[year]:04d}"

    def proj(new, completed=False, purpose=None):
        purpose = purpose or rng.choices(["res", "pub", "ind"], [55, 25, 20])[0]
        town = rng.choice(TOWNS); county = rng.random() < 0.4
        if purpose == "res":
            aff = rng.random() < 0.3
            base = rng.choice(AFF) if aff else rng.choice(RES)
            area = D(rng.randint(30000, 250000)) / 10; large = False
            struct = rng.choice(["剪力墙", "框架剪力墙", "砖混", "框架"])
        elif purpose == "pub":
            aff = False; base = rng.choice(PUB); large = rng.random() < 0.2
            area = D(rng.randint(205000, 600000) if large else rng.randint(10000, 190000)) / 10
            struct = rng.choice(["框架", "框架剪力墙", "钢结构"] if not large else ["框架", "钢结构", "框架核心筒"])
        else:
            aff = False; large = False; base = rng.choice(IND)
            area = D(rng.randint(10000, 150000)) / 10
            struct = rng.choice(["钢结构", "钢结构", "排架", "框架"])
        while True:
            nm = f"{unit[:-1] if len(unit) > 2 else unit}{town if county else ''}{base}{rng.choice('一二三四五六七八')}期{rng.randint(1, 40)}#楼" \
                if purpose != "ind" else f"{unit}{town if county else ''}{base}{rng.randint(1, 300)}号"
            if purpose == "pub":
                nm = f"{unit}{town if county else ''}{base}（{rng.choice(['一', '二', '三', '四', '五', '六'])}期{rng.randint(1, 99)}号）"
            if nm not in used: used.add(nm); break
            town = rng.choice(TOWNS)
        year = 2025 if new else rng.choice([2022, 2023, 2024, 2024, 2025])
        cost = q2(area * D(rng.randint(1800, 3600)) / 10000)
        p = P(reg=None, year=year, name=nm, struct=struct, area=area, cost=cost,
              builder=rng.choice(BUILDERS), super=rng.choice(SUPERS),
              progress=rng.choice(PROGRESS), note="", new=new, res=purpose == "res", aff=aff,
              pub=purpose == "pub", large=large, steel=struct == "钢结构", county=county, purpose=purpose)
        if completed:
            d = Q_START + dt.timedelta(days=rng.randint(0, 91))
            p.completed_on = d; p.acceptance = "合格"
            if d <= dt.date(2025, 9, 12) and rng.random() < 0.85:
                p.filed_on = d + dt.timedelta(days=rng.randint(3, 18)); p.filing = "准予备案"
            else:
                p.filed_on = None; p.filing = ""
        return p

    f3 = [proj(i < nnew) for i in range(n3)]
    f4 = [proj(False, completed=True) for _ in range(n4)]
    # registration numbers in year order
    for p in sorted(f3 + f4, key=lambda p: (p.year, rng.random())):
        p.reg = reg(p.year)
    f3.sort(key=lambda p: p.reg); f4.sort(key=lambda p: p.completed_on)
    return f3, f4, rng


# ---------------------------------------------------------------- statistics
def f5_from(f3, f4, sat_num=None, acc=(0, 0, D(0))):
    def grp(ps):
        return {"count": len(ps), "area": q2(sum((p.area for p in ps), D(0)) / 10000),
                "cost": q2(sum((p.cost for p in ps), D(0)))}
    new = grp([p for p in f3 if p.new]); ip = grp(f3); comp = grp(f4)
    filed = grp([p for p in f4 if p.filed_on])
    co = {k: ip[k] + comp[k] - new[k] for k in ip}
    fr = {"count": q1(D(filed["count"]) * 100 / comp["count"]) if comp["count"] else None,
          "area": q1(filed["area"] * 100 / comp["area"]) if comp["area"] else None}
    sat = q1(D(sat_num) * 100 / filed["count"]) if filed["count"] else None
    return {"carried_over": co, "new": new, "in_progress": ip, "completed": comp, "filed": filed,
            "filing_rate": fr, "satisfaction_rate": sat,
            "accidents": {"count": acc[0], "deaths": acc[1], "loss": D(acc[2])}}


CATS = [("residential", "住宅工程", "res"), ("affordable_housing", "保障性安居工程", "aff"),
        ("public", "公共建筑工程", "pub"), ("large_public", "大型公共建筑工程（2万平方米以上）", "large"),
        ("steel", "钢结构工程", "steel"), ("county", "县（区）工程", "county")]


def f6_from(f3, f4):
    out = {}
    for key, label, attr in CATS:
        def grp(ps):
            ps = [p for p in ps if getattr(p, attr)]
            return {"count": len(ps), "area": q2(sum((p.area for p in ps), D(0)) / 10000),
                    "cost": q2(sum((p.cost for p in ps), D(0)))}
        e = {"new": grp([p for p in f3 if p.new]), "completed": grp(f4),
             "filed": grp([p for p in f4 if p.filed_on]), "in_progress": grp(f3)}
        e["filing_rate"] = q1(D(e["filed"]["count"]) * 100 / e["completed"]["count"]) if e["completed"]["count"] else None
        out[key] = e
    return out


# ---------------------------------------------------------------- workbook writing
class Sheet:
    """Thin wrapper recording the address of tagged cells."""
    def __init__(self, ws, tags): self.ws, self.tags = ws, tags
    def put(self, r, c, v, tag=None, fmt=None):
        cell = self.ws.cell(row=r, column=c, value=v)
        if fmt: cell.number_format = fmt
        if isinstance(v, (dt.date, dt.datetime)) and not fmt: cell.number_format = "yyyy-mm-dd"
        if tag: self.tags[tag] = (self.ws.title, f"{L(c)}{r}")
        return cell
    def merge(self, r1, c1, r2, c2):
        if (r1, c1) != (r2, c2): self.ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)


def numtxt(x, style, rng):
    """A number as a clerk would type it. style: plain | mixed | text | fullwidth"""
    if x is None: return None
    if style == "plain": return float(x) if isinstance(x, D) else x
    if style == "text": return f"{x}"
    if style == "fullwidth": return f"{x}".translate(FW)
    r = rng.random()
    if r < 0.55: return float(x) if isinstance(x, D) else x
    if r < 0.75: return f"{x:,}" if isinstance(x, int) else "{:,}".format(x)
    if r < 0.88: return f"{x}".translate(FW)
    if r < 0.95: return f"{x} "
    return f"{x}"


def datetxt(d, style, rng):
    if d is None: return None
    if style == "date": return d
    opts = [d, d, f"{d.year}.{d.month}.{d.day}", f"{d.year}年{d.month}月{d.day}日", d.isoformat()]
    if style == "mixed8": opts.append(d.strftime("%Y%m%d"))
    return rng.choice(opts)


def title_block(sh, r, c, no, title, unit_line, ncols, period_line=True):
    sh.put(r, c, f"附表{no}"); r += 1
    sh.put(r, c, title); sh.merge(r, c, r, c + ncols - 1); r += 1
    if period_line:
        sh.put(r, c, "（2025年第三季度）"); sh.merge(r, c, r, c + ncols - 1); r += 1
    sh.put(r, c, unit_line); sh.merge(r, c, r, c + min(ncols, 6) - 1); r += 1
    return r


def footer(sh, r, c, u, date_text, tag=None):
    sh.put(r, c, f"统计员：{u['clerk']}        批准人：{u['approver']}        报送日期：{date_text}", tag=tag)
    return r + 1


def write_f1(sh, u, r, c, recs):
    cols = ["记录编号", "工程名称", "责任单位", "责任人", None, "不良行为事实", "对应省不良记录管理办法条款", "记录人",
            "记录日期", "批准人", "批准日期"]
    r = title_block(sh, r, c, 1, "河南省建设工程有关责任主体及相关责任人员不良行为记录统计表",
                    f"填表单位（公章）：{u['org']}    填表人：{u['clerk']}    批准人：{u['approver']}    填表日期：{u['date1']}", 11)
    for j, h in enumerate(cols):
        if h: sh.put(r, c + j, h)
        if j not in (3, 4): sh.merge(r, c + j, r + 1, c + j)
    sh.merge(r, c + 3, r, c + 4); sh.put(r + 1, c + 3, "姓名"); sh.put(r + 1, c + 4, "职务")
    r += 2
    if not recs:
        sh.put(r, c, "无"); sh.put(r, c + 1, "本季度无不良行为记录"); r += 1
    for rec in recs:
        for j, k in enumerate(["no", "project", "party", "person", "title", "fact", "clause", "recorder",
                               "recorded_on", "approver", "approved_on"]):
            sh.put(r, c + j, rec.get(k), tag=rec.get("tags", {}).get(k))
        r += 1
    sh.put(r, c, "备注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测机构、施工图审查机构及其它有关单位。")
    return r + 1


def write_f2(sh, u, r, c, recs):
    cols = ["记录编号", "工程名称", "责任单位", "时间", "违法违规事实", "处罚依据", "处罚内容", "处罚情况", "处理情况"]
    r = title_block(sh, r, c, 2, "河南省建设工程质量责任主体行政处罚记录表", f"填表单位（公章）：{u['org']}", 9)
    for j, h in enumerate(cols): sh.put(r, c + j, h)
    r += 1
    if not recs:
        sh.put(r, c, "/"); sh.put(r, c + 1, "本季度无行政处罚记录"); r += 1
    for rec in recs:
        for j, k in enumerate(["no", "project", "party", "date", "fact", "basis", "penalty", "status", "handling"]):
            sh.put(r, c + j, rec.get(k), tag=rec.get("tags", {}).get(k))
        r += 1
    sh.put(r, c, "注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测单位、施工图审查机构及其它有关单位。"); r += 1
    sh.put(r, c, f"填表人：{u['clerk']}          批准人：{u['approver']}          填表日期：{u['date1']}")
    return r + 1


def write_list(sh, u, r, c, form, rows, rng, blank_after=None, total_row=False, footer_tag=None):
    """form 3 or 4. rows: list of P. Returns next row."""
    two_row = u.get("two_row_lists", True)
    if form == 3:
        title = "河南省建设工程质量监督在建工程明细表"
        heads = ["序号", "工程质量监督注册号", "工程名称", "结构类型", "建筑面积（平方米）", "工程造价（万元）", "施工单位", "监理单位", "形象进度", "备注"]
    else:
        title = "河南省建设工程质量监督竣工工程明细表"
        heads = ["序号", "工程质量监督注册号", "工程名称", "结构类型", "建筑面积（平方米）", "工程造价（万元）", "施工单位", "监理单位",
                 "竣工日期", "竣工验收结论", "备案日期", "备案结论"]
    r = title_block(sh, r, c, form, title, f"填表单位（公章）：{u['org']}", len(heads), period_line=u.get("period_line", True))
    if two_row:  # the clerk split 建筑面积 / （平方米） over two rows, merged the others
        for j, h in enumerate(heads):
            if "（" in h and j in (4, 5):
                a, b = h.split("（"); sh.put(r, c + j, a); sh.put(r + 1, c + j, "（" + b)
            else:
                sh.put(r, c + j, h); sh.merge(r, c + j, r + 1, c + j)
        r += 2
    else:
        for j, h in enumerate(heads): sh.put(r, c + j, h)
        r += 1
    first = r
    ns = u.get("num_style", "plain"); ds = u.get("date_style", "date")
    for i, p in enumerate(rows, 1):
        if blank_after is not None and i - 1 == blank_after:
            r += 1  # a blank row the clerk inserted
        # how this row's cells were typed stays with the row (an Excel sort moves it along);
        # u["redraw"] re-draws it (the list pasted again from another source)
        rng = random.Random(f"{u['name']}-{form}-{p.name}-{u.get('redraw', 0)}")
        tg = getattr(p, "tags", {})
        area = p.area
        if getattr(p, "sqm", False): area = "{:,}㎡".format(p.area)
        else: area = numtxt(p.area, ns, rng)
        vals = [i, p.reg, p.name, p.struct, area, numtxt(p.cost, ns, rng), p.builder, p.super]
        if form == 3:
            vals += [p.progress, p.note or None]
        else:
            vals += [datetxt(p.completed_on, ds, rng), p.acceptance, datetxt(p.filed_on, ds, rng), p.filing or None]
        keys = ["no", "reg", "name", "struct", "area", "cost", "builder", "super", "progress", "note"] if form == 3 else \
            ["no", "reg", "name", "struct", "area", "cost", "builder", "super", "completed_on", "acceptance", "filed_on", "filing"]
        for j, v in enumerate(vals):
            if v == "": v = None
            sh.put(r, c + j, v, tag=tg.get(keys[j]))
        r += 1
    if total_row:
        sh.put(r, c, "合计")
        sh.put(r, c + 4, float(sum((p.area for p in rows), D(0))))
        sh.put(r, c + 5, float(sum((p.cost for p in rows), D(0))))
        r += 1
    return footer(sh, r, c, u, u["date_f"].get(form, u["date"]), tag=footer_tag)


F5_GROUPS = [("carried_over", "上季度接转工程"), ("new", "本季度新注册工程"), ("in_progress", "本季度在建工程"),
             ("completed", "本季度竣工工程"), ("filed", "本季度质量备案工程")]


def rate_txt(x, style):
    if x is None: return None
    if style == "pct": return f"{x}%"
    if style == "frac": return float(q2(x / 100)) if q2(x / 100) * 100 == x else float((x / 100).quantize(D("0.0001")))
    if style == "text": return str(x)
    return float(x)


def write_f5(sh, u, r, c, f5, rng, total=None, tags=None, formulas=False):
    tags = tags or {}
    r = title_block(sh, r, c, 5, "河南省建设工程质量监督季度统计表", f"填表单位（盖章）：{u['org']}", 22)
    h = r; cc = c
    if u.get("f5_seq"):
        sh.put(h, cc, "序号"); sh.merge(h, cc, h + 1, cc); cc += 1
    sh.put(h, cc, "市、县（市）"); sh.merge(h, cc, h + 1, cc); name_col = cc; cc += 1
    for _, g in F5_GROUPS:
        sh.put(h, cc, g); sh.merge(h, cc, h, cc + 2)
        sh.put(h + 1, cc, "项数"); sh.put(h + 1, cc + 1, "面积（万㎡）"); sh.put(h + 1, cc + 2, "造价（万元）"); cc += 3
    sh.put(h, cc, "季度质量备案率（%）"); sh.merge(h, cc, h, cc + 1); sh.put(h + 1, cc, "项数"); sh.put(h + 1, cc + 1, "面积"); cc += 2
    sh.put(h, cc, "用户满意率（%）"); sh.merge(h, cc, h + 1, cc); cc += 1
    sh.put(h, cc, "本季度发生工程质量事故"); sh.merge(h, cc, h, cc + 2)
    sh.put(h + 1, cc, "项数"); sh.put(h + 1, cc + 1, "死亡人数"); sh.put(h + 1, cc + 2, "经济损失（万元）"); cc += 3
    r = h + 2
    ns = u.get("f5_num", "plain"); rs = u.get("rate_style", "num"); zero = u.get("zero_as")
    rows = [(u["name"], f5, "unit")]
    if total is not None: rows.append(("合计", total, "total"))
    unit_row = r
    for label, fig, kind in rows:
        cc = c
        if u.get("f5_seq"): sh.put(r, cc, 1 if kind == "unit" else None); cc += 1
        sh.put(r, cc, label); cc += 1
        addr = {}
        for key, _ in F5_GROUPS:
            for m in ("count", "area", "cost"):
                v = fig[key][m]
                if kind == "total" and formulas:
                    sh.put(r, cc, f"=SUM({L(cc)}{unit_row}:{L(cc)}{r - 1})")
                else:
                    sh.put(r, cc, numtxt(v, ns, rng), tag=tags.get((kind, key, m)))
                addr[(key, m)] = f"{L(cc)}{r}"; cc += 1
        for m in ("count", "area"):
            sh.put(r, cc, rate_txt(fig["filing_rate"][m], rs), tag=tags.get((kind, "filing_rate", m))); cc += 1
        sh.put(r, cc, rate_txt(fig["satisfaction_rate"], rs), tag=tags.get((kind, "satisfaction_rate"))); cc += 1
        for m in ("count", "deaths", "loss"):
            v = fig["accidents"][m]
            if kind == "total" and formulas:
                sh.put(r, cc, f"=SUM({L(cc)}{unit_row}:{L(cc)}{r - 1})")
            elif zero and not v:
                sh.put(r, cc, zero, tag=tags.get((kind, "accidents", m)))
            else:
                sh.put(r, cc, numtxt(v, ns, rng), tag=tags.get((kind, "accidents", m)))
            cc += 1
        r += 1
    sh.put(r, c, "填表说明：1、在建工程：已办理监督注册手续，尚未完工或已完工，但未进行竣工验收的工程；2、竣工工程：已办理监督注册手续，"
                 "已通过竣工验收的工程；3、质量备案率：已办理质量备案手续的工程/竣工工程；4、用户满意率：用户评价为满意的工程（项数）/"
                 "已办理质量备案手续的工程；5、接转工程：上一季（年）度在建工程。")
    sh.merge(r, c, r, c + 21); r += 1
    return footer(sh, r, c, u, u["date_f"].get(5, u["date"]), tag=tags.get("footer"))


def write_f6(sh, u, r, c, f6, rng, tags=None):
    tags = tags or {}
    r = title_block(sh, r, c, 6, "河南省建设工程质量监督季（年）度分类统计表", f"填表单位（盖章）：{u['org']}", 14)
    h = r
    sh.put(h, c, "项  目"); sh.merge(h, c, h + 1, c)
    cc = c + 1
    for g, n in [("本季/年新注册项目", 3), ("本季/年竣工工程", 3), ("本季/年质量备案工程", 4), ("本季/年在建工程", 3)]:
        sh.put(h, cc, g); sh.merge(h, cc, h, cc + n - 1)
        subs = ["项数", "面积（万㎡）", "造价（万元）", "备案率（项%）"][:n]
        for j, s in enumerate(subs): sh.put(h + 1, cc + j, s)
        cc += n
    r = h + 2
    ns = u.get("f6_num", u.get("f5_num", "plain")); rs = u.get("f6_rate_style", u.get("rate_style", "num"))
    for key, label, _ in CATS:
        e = f6[key]; sh.put(r, c, label); cc = c + 1
        for g in ("new", "completed", "filed"):
            for m in ("count", "area", "cost"):
                sh.put(r, cc, numtxt(e[g][m], ns, rng), tag=tags.get((key, g, m))); cc += 1
            if g == "filed":
                sh.put(r, cc, rate_txt(e["filing_rate"], rs), tag=tags.get((key, "filing_rate"))); cc += 1
        for m in ("count", "area", "cost"):
            sh.put(r, cc, numtxt(e["in_progress"][m], ns, rng), tag=tags.get((key, "in_progress", m))); cc += 1
        r += 1
    return footer(sh, r, c, u, u["date_f"].get(6, u["date"]))


SCORE_ITEMS = [  # (section, item, criteria, max, step)
    ("建设主管部门（50分）", "总体工作", "今年保障性安居工程质量监管率达到100%，竣工验收合格率达到100%，质量用户满意度达到90%以上……记5分，不满足一项扣1分，扣完为止，不倒扣分。", 5),
    ("建设主管部门（50分）", "工作部署", "对保障性安居工程质量管理工作进行安排部署；成立领导小组……记6分，不满足一项扣2分，扣完为止，不倒扣分。", 6),
    ("建设主管部门（50分）", "宣传工作", "组织“质量宣传周”活动，记1.5分；启动“工程质量宣传教育月”活动，记1.5分。", 3),
    ("建设主管部门（50分）", "质量咨询", "组织专家成立质量咨询服务队，深入基层、企业宣讲工程质量知识，帮助解决质量问题，记2分。", 2),
    ("建设主管部门（50分）", "隐患排查", "每季度组织开展1-2次质量隐患集中排查、检查和督查，记2分；每次排查、检查和督查均有通报，记1分。", 3),
    ("建设主管部门（50分）", "项目观摩", "参加省厅组织的研讨会及工程质量观摩活动，记1.5分；本年度组织1-2次的工程质量观摩活动，记1.5分。", 3),
    ("建设主管部门（50分）", "知识竞赛和技术比武", "在辖区内组织开展施工技术比武、建筑工法竞赛、质量QC管理小组创建等活动，记2分。", 2),
    ("建设主管部门（50分）", "质量创优", "组织开展“中州杯”奖、“安居奖”和“质量管理奖”等评选活动，记2分；制定激励措施……记2分。", 4),
    ("建设主管部门（50分）", "教育培训", "有针对性的开展操作技能培训，记1.5分；有重点的进行法律法规及新标准、新规范等内容的培训，记1.5分。", 3),
    ("建设主管部门（50分）", "社会监督评议", "聘请社会义务监督员参与质量监督评议，记2分；每个项目配备不少于两位社会义务监督员，记2分。", 4),
    ("建设主管部门（50分）", "质量回访", "建立完善用户质量回访、质量保修、投诉受理处理机制，记1.5分；全年安排了不少于四次的质量回访活动，记1.5分。", 3),
    ("建设主管部门（50分）", "监督队伍建设", "解决了质量监督机构编制和经费问题，记2分；对质量监督人员加强了教育培训，记2分。", 4),
    ("建设主管部门（50分）", "质量问题查处情况", "全年不间断地开展联合行政执法检查……记6分，不满足一项扣2分，扣完为止，不倒扣分。", 6),
    ("建设主管部门（50分）", "层级检查", "各省辖市对所辖县（市）主管部门进行了监督抽查和工作考评，记2分。", 2),
    ("施工企业（20分）", "管理制度", "健全完善了质量责任制度、质量分析制度……记5分，不满足一项扣0.5分，扣完为止，不倒扣分。", 5),
    ("施工企业（20分）", "质量分析", "每季度定期召开工程质量分析会……记3分，不满足一项扣1分，扣完为止，不倒扣分。", 3),
    ("施工企业（20分）", "考核奖惩", "企业负责人与每个项目负责人签订了质量目标责任书……记4分，不满足一项扣2分，扣完为止，不倒扣分。", 4),
    ("施工企业（20分）", "带班制度", "企业负责人、项目负责人落实带班制度……记5分，不满足一项扣1分，扣完为止，不倒扣分。", 4),
    ("施工企业（20分）", "标准化方案", "企业制定了质量安全标准化实施方案，记2分。", 2),
    ("施工企业（20分）", "知识讲座", "企业法定代表人或总经理全年进行了不少于两次专题工程质量管理知识讲座，记2分。", 2),
    ("监理单位（15分）", "监理班子", "有完备的项目监理班子，记3分。", 3),
    ("监理单位（15分）", "方案审核", "对重大技术方案严格审核把关，记2分；对重点环节、重点部位实施旁站监理、重点监理，记2分。", 4),
    ("监理单位（15分）", "隐患检查", "认真组织质量安全隐患检查，及时消除质量隐患。记4分，不满足一项扣2分，扣完为止，不倒扣分。", 4),
    ("监理单位（15分）", "自查自纠", "定期开展企业内部质量管理自查自纠，及时完善监理制度，记4分，不满足一项扣2分，扣完为止，不倒扣分。", 4),
    ("检测机构（5分）", "检测报告", "按照行业规章规定，如实出具检测报告；对发现的问题及时反映。记5分，不满足一项扣2.5分，扣完为止，不倒扣分。", 5),
    ("其它（10分）", "其它", "其它参与保障性安居工程建设的有关责任主体……记10分，不满足一项扣2分，扣完为止，不倒扣分。", 10),
]


def write_scores(sh, u, deduct, tags):
    """deduct: {item: score} overrides; full marks otherwise."""
    r, c = 1, 1
    sh.put(r, c, "河南省保障性安居工程质量管理年工作考核评分表"); sh.merge(r, c, r, c + 5); r += 1
    sh.put(r, c, f"被考核单位：{u['org']}"); r += 1
    for j, hd in enumerate(["序号", "考核对象", "评分内容及评分标准", "分值"]):
        sh.put(r, c + j, hd); sh.merge(r, c + j, r + 1, c + j)
    sh.put(r, c + 4, "考核评分"); sh.merge(r, c + 4, r, c + 5); sh.put(r + 1, c + 4, "得分"); sh.put(r + 1, c + 5, "小计")
    r += 2
    sections = []
    for s, it, crit, mx in SCORE_ITEMS:
        if not sections or sections[-1][0] != s: sections.append([s, []])
        sections[-1][1].append((it, crit, mx))
    total = D(0)
    for n, (s, items) in enumerate(sections, 1):
        start = r; sub = D(0)
        for it, crit, mx in items:
            sc = D(str(deduct.get(it, mx)))
            sh.put(r, c + 2, f"{it}\n{crit}"); sh.put(r, c + 3, mx)
            sh.put(r, c + 4, float(sc) if sc != int(sc) else int(sc), tag=("SC", it) if it in deduct else None)
            sub += sc; r += 1
        sh.put(start, c, n); sh.put(start, c + 1, s)
        sh.put(start, c + 5, float(sub) if sub != int(sub) else int(sub))
        for cc in (c, c + 1, c + 5): sh.merge(start, cc, r - 1, cc)
        total += sub
    sh.put(r, c, "合计"); sh.merge(r, c, r, c + 3)
    sh.put(r, c + 5, float(total) if total != int(total) else int(total))
    return total


# ---------------------------------------------------------------- units: data + quirks
def f1_recs(u, n, rng, proj_names):
    recs = []
    parties = [("信阳建工集团有限公司", "项目经理"), ("信阳市建设监理有限公司", "总监理工程师"), ("信阳恒大置业有限公司", "项目负责人"),
               ("河南建达工程咨询有限公司", "专业监理工程师"), ("信阳市建设工程质量检测中心", "技术负责人")]
    facts = ["未按施工图设计文件施工，擅自变更构造柱设置", "钢筋隐蔽工程未经验收即浇筑混凝土", "监理人员未按规定旁站",
             "未按规定送检混凝土试块", "出具虚假检测报告"]
    for i in range(n):
        pt, ti = rng.choice(parties)
        d = dt.date(2025, 7, 5) + dt.timedelta(days=rng.randint(0, 70))
        recs.append({"no": f"{CODE[u['name']]}-BL-2025-{i + 1:03d}", "project": rng.choice(proj_names), "party": pt,
                     "person": rng.choice(["张伟", "王强", "李娜", "刘洋", "陈杰", "杨帆"]), "title": ti,
                     "fact": rng.choice(facts), "clause": f"第{rng.randint(5, 12)}条第（{rng.randint(1, 6)}）项",
                     "recorder": u["clerk"], "recorded_on": d, "approver": u["approver"],
                     "approved_on": d + dt.timedelta(days=rng.randint(1, 6))})
    return recs


def f2_recs(u, n, rng, proj_names):
    recs = []
    for i in range(n):
        d = dt.date(2025, 7, 10) + dt.timedelta(days=rng.randint(0, 70))
        recs.append({"no": f"{CODE[u['name']]}-CF-2025-{i + 1:03d}", "project": rng.choice(proj_names),
                     "party": rng.choice(BUILDERS), "date": d, "fact": "未按照工程建设强制性标准进行施工",
                     "basis": "《建设工程质量管理条例》第六十四条", "penalty": f"罚款{rng.choice([10, 15, 20])}万元",
                     "status": "已执行", "handling": "已整改"})
    return recs


def unit_cfg(name):
    base = {"name": name, "org": f"信阳市{name}住房和城乡建设局", "clerk": "统计员", "approver": "负责人",
            "date": "2025年10月9日", "date1": "2025年10月9日", "date_f": {}, "sheets": {i: f"附表{i}" for i in range(1, 7)},
            "score_sheet": "评分表", "origin": {}, "order": [1, 2, 3, 4, 5, 6, "S"]}
    q = {
        "浉河区": dict(clerk="周丽", approver="孙建华", f5_total=True, date="2025年10月8日", date1="2025年10月8日"),
        "平桥区": dict(clerk="何晓明", approver="徐国庆", f5_total=True, f5_seq=True, num_style="mixed", date_style="mixed",
                     sheets={i: f"表{i}" for i in range(1, 7)}, score_sheet="考核评分表", origin={"all": (3, 2)},
                     org="信阳市平桥区建设工程质量监督站", date="2025年10月10日", date1="2025年10月10日"),
        "罗山县": dict(clerk="郑敏", approver="罗志强", two_row_lists=False, rate_style="pct",
                     sheets={i: f"Sheet{i}" for i in range(1, 7)}, score_sheet="Sheet7", date="2025年10月9日"),
        "光山县": dict(clerk="胡蓉", approver="黄伟", rate_style="pct",
                     sheets={1: "不良行为记录", 2: "行政处罚", 3: "在建工程明细", 4: "竣工工程明细", 5: "季度统计表", 6: "分类统计表"},
                     score_sheet="自评表", date="2025年10月11日", date1="2025年10月11日"),
        "新县": dict(clerk="彭静", approver="余海", origin={5: (2, 3), 6: (2, 3)}, score_sheet="考核表", xls=True,
                   org="新县建设工程质量监督站", date="2025.10.12", date1="2025.10.12"),
        "商城县": dict(clerk="汪涛", approver="程刚", rate_style="frac", f6_rate_style="num", hidden_stale=True,
                     date="2025-10-10", date1="2025-10-10"),
        "固始县": dict(clerk="蒋丹", approver="祝明", f5_total=True, num_style="mixed", date_style="mixed", f3_total=True,
                     order=[5, 6, 3, 4, 1, 2, "S"], origin={3: (1, 1), 4: (1, 1)}, date="2025年10月10日", date1="2025年10月10日"),
        "潢川县": dict(clerk="吕娟", approver="魏东", f5_num="fullwidth", f6_num="text", zero_as="无", rate_style="pct",
                     date="2025年10月9日", period_line=False),
        "淮滨县": dict(clerk="丁磊", approver="袁斌", f5_total=True, f5_formulas=True, date="2025年10月9日"),
        "息县": dict(clerk="付玲", approver="桂林", num_style="mixed", date_style="mixed8",
                   sheets={1: "附表一", 2: "附表二", 3: "附表三", 4: "附表四", 5: "附表五", 6: "附表六"}, score_sheet="评分",
                   date="2025年10月9日", date1="2025年10月9日"),
    }[name]
    base.update(q)
    return base


SCORES = {  # deductions (item: score), full marks otherwise
    "浉河区": {"工作部署": 4, "质量创优": 2}, "平桥区": {"总体工作": 4}, "罗山县": {"工作部署": 4, "管理制度": 4.5, "其它": 8},
    "光山县": {"宣传工作": 1.5, "考核奖惩": 2}, "新县": {"宣传工作": 4, "其它": 6}, "商城县": {"隐患检查": 2, "自查自纠": 2},
    "固始县": {}, "潢川县": {"总体工作": 3, "检测报告": 2.5, "其它": 8}, "淮滨县": {"质量分析": 2, "监理班子": 3},
    "息县": {"项目观摩": 1.5, "教育培训": 1.5, "其它": 8},
}


def build_unit(name, idx):
    """Return a dict with data for round 1 and round 2 (if any), plus defects."""
    u = unit_cfg(name)
    f3, f4, rng = make_projects(name, idx)
    names = [p.name for p in f3]
    nf1 = {"浉河区": 3, "平桥区": 6, "固始县": 5, "息县": 4, "潢川县": 2, "淮滨县": 1}.get(name, 0)
    nf2 = {"平桥区": 2, "固始县": 3, "淮滨县": 2, "浉河区": 1}.get(name, 0)
    f1, f2 = f1_recs(u, nf1, rng, names), f2_recs(u, nf2, rng, names)
    filed = len([p for p in f4 if p.filed_on])
    sat = filed - (1 if filed > 4 and idx % 3 else 0)
    acc = (1, 0, D("3.5")) if name == "固始县" else (0, 0, D(0))
    return dict(u=u, f3=f3, f4=f4, f1=f1, f2=f2, sat=sat, acc=acc, rng_seed=5000 + idx)


# ---------------------------------------------------------------- versions (what each file states)
def tagged(p, **tags):
    p = p.copy(); p.tags = dict(getattr(p, "tags", {}), **tags); return p


def versions(name, idx):
    """Return {round: version} and the list of planted defects (per round)."""
    d = build_unit(name, idx)
    u, f3, f4 = d["u"], d["f3"], d["f4"]
    V = lambda **kw: dict(dict(u=copy.deepcopy(u), f1=d["f1"], f2=d["f2"], f3=f3, f4=f4, f4_written=None,
                               f5=None, f5_total=None, f6=None, f5_tags={}, f6_tags={}, sat=d["sat"], acc=d["acc"],
                               score=SCORES[name], defects=[], blank_after=None, seed=d["rng_seed"]), **kw)
    out = {}
    if name == "浉河区":
        f1 = copy.deepcopy(d["f1"])
        f1[1]["approved_on"] = f1[1]["recorded_on"] - dt.timedelta(days=3)
        f1[1]["tags"] = {"approved_on": "F1-002"}
        v = V(f1=f1)
        v["f5_override_total"] = {("new", "area"): D("1.00")}  # 合计 typo: +1.00 万㎡
        v["f5_tags"] = {("total", "new", "area"): "F5-001"}
        v["defects"] = [("F5-001", "F5", "合计 row 本季度新注册工程面积 is the unit row + 1.00", "error", None),
                        ("F1-002", "F1", "批准日期 3 days before 记录日期", "error", f1[1]["no"])]
        out[1] = v
    elif name == "平桥区":
        cand = [p for p in f3 if p.new and p.purpose == "ind"][:9]
        for p in cand: p.county = False; p.steel = False; p.struct = "排架"  # in no 附表6 category
        assert len(cand) >= 9, len(cand)
        add3, rem2, chg4 = cand[0:3], cand[3:5], cand[5:9]
        r1 = []
        for p in f3:
            if p in add3: continue
            if p in chg4:
                q = p.copy(); q.area = (p.area * D("1.1")).quantize(D("0.1")); r1.append(q)
            else:
                r1.append(p)
        r2 = [p for p in f3 if p not in rem2]
        r2 = sorted(r2, key=lambda p: (p.name, p.reg))  # re-sorted by 工程名称
        out[1] = V(f3=r1)
        out[2] = V(f3=r2, blank_after=len(r2) // 2)
        out["meta"] = {"added": [p.reg for p in add3], "removed": [p.reg for p in rem2],
                       "changed": [p.reg for p in chg4]}
    elif name == "罗山县":
        r1f3 = list(f3); k = 6
        r1f3[k] = tagged(f3[k], builder="F3-004"); r1f3[k].builder = ""
        r1f4 = list(f4)
        j = next(i for i, p in enumerate(f4) if p.filed_on and p.completed_on >= dt.date(2025, 7, 20))
        r1f4[j] = tagged(f4[j], filed_on="F4-003"); r1f4[j].filed_on = f4[j].completed_on - dt.timedelta(days=12)
        f5 = f5_from(f3, f4, d["sat"], d["acc"])
        wrong = D("100.0") if f5["filing_rate"]["count"] != D("100.0") else D("80.0")
        v1 = V(f3=r1f3, f4=r1f4)
        v1["f5_override"] = {("filing_rate", "count"): wrong}
        v1["f5_tags"] = {("unit", "filing_rate", "count"): "F5-002"}
        v1["defects"] = [("F5-002", "F5", f"备案率（项数）typed {wrong}, computed {f5['filing_rate']['count']}", "error", None),
                         ("F3-004", "F3", "施工单位 empty", "error", f3[k].reg),
                         ("F4-003", "F4", f"备案日期 {r1f4[j].filed_on} before 竣工日期 {f4[j].completed_on}", "error", f4[j].reg)]
        out[1] = v1
        v2 = V(); v2["u"]["date_f"] = {5: "2025年10月20日"}
        v2["f5_tags"] = {"footer": "footer5"}
        v1["f5_tags"]["footer"] = "footer5"
        out[2] = v2
    elif name == "光山县":
        f5 = f5_from(f3, f4, d["sat"], d["acc"])
        v1 = V(sat=d["sat"] - 1)
        v1["f5_override"] = {("in_progress", "cost"): f5["in_progress"]["cost"] + D("90.00")}
        v1["f5_tags"] = {("unit", "in_progress", "cost"): "F5-004"}
        f6 = f6_from(f3, f4)
        cat = next(k for k, _, _ in CATS if f6[k]["completed"]["count"] and f6[k]["filed"]["count"] < f6[k]["completed"]["count"]) \
            if any(f6[k]["filed"]["count"] < f6[k]["completed"]["count"] for k, _, _ in CATS) else "residential"
        good = f6[cat]["filing_rate"]
        bad = q1(good / 2) if good else D("50.0")
        v1["f6_override"] = {(cat, "filing_rate"): bad}
        v1["f6_tags"] = {(cat, "filing_rate"): "F6-003"}
        v1["defects"] = [("F5-004", "F5", "本季度在建工程造价 typed +90.00 万元 (接转+新注册−竣工 off)", "warning", None),
                         ("F6-003", "F6", f"{cat} 备案率 typed {bad}, computed {good}", "error", None)]
        out[1] = v1
        v2 = V(sat=d["sat"])
        v2["acc"] = (0, 1, D(0))
        v2["f5_tags"] = {("unit", "accidents", "deaths"): "F5-007"}
        v2["defects"] = [("F5-007", "F5", "死亡人数 1 with 事故项数 0", "error", None)]
        out[2] = v2
        out["meta"] = {"cat": cat}
    elif name == "新县":
        j = next(i for i, p in enumerate(f4) if not p.filed_on) if any(not p.filed_on for p in f4) else None
        if j is None:
            f4 = list(f4); f4[-1] = f4[-1].copy(); f4[-1].filed_on = None; f4[-1].filing = ""; j = len(f4) - 1
        written = [p for i, p in enumerate(f4) if i != j]
        v = V(f4=f4, f4_written=written)
        v["defects"] = [("F4-004", "F4", f"附表4 lists {len(written)} rows, 附表5 竣工 {len(f4)}", "error", None),
                        ("SC001", "SC", "宣传工作 scored 4 > 分值 3", "error", None)]
        out[1] = v
    elif name == "商城县":
        f6 = f6_from(f3, f4)
        big = f6["large_public"]["in_progress"]["count"]
        assert big >= 1
        v = V(); v["f6_override"] = {("public", "in_progress", "count"): big - 1}
        v["f6_tags"] = {("public", "in_progress", "count"): "F6-001", ("large_public", "in_progress", "count"): "F6-001b"}
        v["defects"] = [("F6-001", "F6", f"公共建筑工程 在建 项数 typed {big - 1} < 大型公共建筑 {big}", "error", None)]
        out[1] = v
    elif name == "固始县":
        dup = f4[10]
        r1f3 = list(f3) + [dup]
        r1f3.sort(key=lambda p: p.reg)
        for k in (100, 1500, 2800):
            r1f3[k] = r1f3[k].copy(); r1f3[k].sqm = True
            r1f3[k].tags = {"area": f"SQM{k}"}
        v = V(f3=r1f3)
        v["defects"] = [("F4-005", "F4", f"{dup.reg} in both 附表3 and 附表4", "error", dup.reg)]
        out[1] = v
    elif name == "潢川县":
        f1 = copy.deepcopy(d["f1"]); f1[0]["party"] = None; f1[0]["tags"] = {"party": "F1-001"}
        f4b = list(f4); j = next(i for i, p in enumerate(f4) if p.filed_on)
        f4b[j] = tagged(f4[j], acceptance="F4-006"); f4b[j].acceptance = "不合格"
        v = V(f1=f1, f4=f4b)
        v["defects"] = [("F1-001", "F1", "责任单位 empty", "error", f1[0]["no"]),
                        ("F4-006", "F4", "filed although 竣工验收结论 不合格", "warning", f4[j].reg)]
        out[1] = v
    elif name == "淮滨县":
        f2 = copy.deepcopy(d["f2"]); f2[1]["no"] = f2[0]["no"]; f2[1]["tags"] = {"no": "F2-003"}
        v = V(f2=f2)
        v["defects"] = [("F2-003", "F2", f"记录编号 {f2[0]['no']} twice", "error", f2[0]["no"])]
        out[1] = v
    elif name == "息县":
        k = 700
        r1f3 = list(f3); r1f3[k + 1] = tagged(f3[k + 1], reg="F3-001"); r1f3[k + 1].reg = f3[k].reg
        f4t = list(f4)
        j = next(i for i, p in enumerate(f4) if p.filed_on and p.completed_on >= dt.date(2025, 7, 10))
        f4t[j] = f4[j].copy(); f4t[j].completed_on = dt.date(2025, 7, 2)
        f4t[j].filed_on = dt.date(2025, 7, 16); f4t[j].filing = "准予备案"
        r1f4 = list(f4t); r1f4[j] = tagged(f4t[j], completed_on="F4-002"); r1f4[j].completed_on = dt.date(2025, 6, 28)
        v1 = V(f3=r1f3, f4=r1f4, f5_base=(f3, f4t))
        v1["defects"] = [("F3-001", "F3", f"注册号 {f3[k].reg} twice (2nd should be {f3[k + 1].reg})", "error", f3[k].reg),
                         ("F4-002", "F4", "竣工日期 2025.6.28 outside 2025Q3", "error", f4[j].reg)]
        out[1] = v1
        v2 = V(f3=f3, f4=f4t, f5_base=(f3, f4t))
        v2["u"]["date_f"] = {3: "2025年10月21日", 4: "2025年10月21日", 5: "2025年10月21日", 6: "2025年10月21日"}
        out[2] = v2
        out["meta"] = {"dup_of": f3[k].reg, "true_reg": f3[k + 1].reg, "f4_reg": f4[j].reg}
    return out


def stated(v):
    """The figures the workbook states (f5 unit row, f5 total row or None, f6)."""
    f3, f4 = v.get("f5_base") or (v["f3"], v["f4"])
    f5 = f5_from(f3, f4, v["sat"], v["acc"])
    f6 = f6_from(f3, f4)
    for (g, m), val in v.get("f5_override", {}).items():
        f5[g][m] = val
    for key, val in v.get("f6_override", {}).items():
        if len(key) == 2: f6[key[0]][key[1]] = val
        else: f6[key[0]][key[1]][key[2]] = val
    total = None
    if v["u"].get("f5_total"):
        total = copy.deepcopy(f5)
        for (g, m), dv in v.get("f5_override_total", {}).items():
            total[g][m] = total[g][m] + dv
    return f5, total, f6


# ---------------------------------------------------------------- write one workbook
def write_workbook(path, name, v):
    u = v["u"]; rng = random.Random(v["seed"])
    f5, total, f6 = stated(v)
    wb = Workbook(); wb.remove(wb.active)
    tags = {}
    for form in u["order"]:
        if form == "S":
            ws = wb.create_sheet(u["score_sheet"]); write_scores(Sheet(ws, tags), u, v["score"], tags); continue
        ws = wb.create_sheet(u["sheets"][form]); sh = Sheet(ws, tags)
        r0, c0 = u["origin"].get(form, u["origin"].get("all", (1, 1)))
        if form == 1: write_f1(sh, u, r0, c0, v["f1"])
        elif form == 2: write_f2(sh, u, r0, c0, v["f2"])
        elif form == 3:
            write_list(sh, u, r0, c0, 3, v["f3"], rng, blank_after=v["blank_after"], total_row=u.get("f3_total", False),
                       footer_tag="footer3")
        elif form == 4:
            write_list(sh, u, r0, c0, 4, v["f4_written"] or v["f4"], rng, footer_tag="footer4")
        elif form == 5:
            t = dict(v["f5_tags"]); t.setdefault("footer", "footer5")
            write_f5(sh, u, r0, c0, f5, rng, total=total, tags=t, formulas=u.get("f5_formulas", False))
        elif form == 6:
            write_f6(sh, u, r0, c0, f6, rng, tags=v["f6_tags"])
        for col in range(1, 25): ws.column_dimensions[L(col)].width = 12
    if u.get("hidden_stale"):  # last quarter's 附表5 left in, hidden
        ws = wb.create_sheet("附表5（二季度）"); sh = Sheet(ws, {})
        old = copy.deepcopy(f5)
        for g, _ in F5_GROUPS:
            old[g]["count"] = max(0, old[g]["count"] - 3); old[g]["area"] = q2(old[g]["area"] * D("0.9")); old[g]["cost"] = q2(old[g]["cost"] * D("0.9"))
        u2 = dict(u, date="2025年7月8日", date_f={})
        r = write_f5(sh, u2, 1, 1, old, random.Random(1), tags={})
        ws["A3"] = "（2025年第二季度）"
        ws.sheet_state = "hidden"
    wb.save(path)
    return tags, f5, total, f6


# ---------------------------------------------------------------- records (for the expected 修改留痕)
F3F = ["工程质量监督注册号", "工程名称", "结构类型", "建筑面积（平方米）", "工程造价（万元）", "施工单位", "监理单位", "形象进度", "备注"]
F4F = ["工程质量监督注册号", "工程名称", "结构类型", "建筑面积（平方米）", "工程造价（万元）", "施工单位", "监理单位",
       "竣工日期", "竣工验收结论", "备案日期", "备案结论"]
F5_LABEL = dict(F5_GROUPS)
F6_GROUP = {"new": "本季/年新注册项目", "completed": "本季/年竣工工程", "filed": "本季/年质量备案工程", "in_progress": "本季/年在建工程"}
SUB = {"count": "项数", "area": "面积（万㎡）", "cost": "造价（万元）"}


def jv(x):
    if isinstance(x, D): return float(x)
    if isinstance(x, (dt.date,)): return x.isoformat()
    if x == "": return None
    return x


def list_records(ps, form):
    out = {}; seen = {}
    for p in ps:
        key = p.reg; seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1: key = f"{key}#{seen[key]}"
        vals = [p.reg, p.name, p.struct, p.area, p.cost, p.builder, p.super]
        vals += [p.progress, p.note] if form == 3 else [p.completed_on, p.acceptance, p.filed_on, p.filing]
        out[key] = {f: jv(x) for f, x in zip(F3F if form == 3 else F4F, vals)}
    return out


def f5_record(fig):
    r = {}
    for g, lab in F5_GROUPS:
        for m in ("count", "area", "cost"): r[lab + SUB[m]] = jv(fig[g][m])
    r["季度质量备案率（%）项数"] = jv(fig["filing_rate"]["count"]); r["季度质量备案率（%）面积"] = jv(fig["filing_rate"]["area"])
    r["用户满意率（%）"] = jv(fig["satisfaction_rate"])
    for m, lab in (("count", "项数"), ("deaths", "死亡人数"), ("loss", "经济损失（万元）")):
        r["本季度发生工程质量事故" + lab] = jv(fig["accidents"][m])
    return r


def f6_records(f6):
    out = {}
    for key, label, _ in CATS:
        e = f6[key]; r = {}
        for g in ("new", "completed", "filed", "in_progress"):
            for m in ("count", "area", "cost"): r[F6_GROUP[g] + SUB[m]] = jv(e[g][m])
        r["本季/年质量备案工程备案率（项%）"] = jv(e["filing_rate"])
        out[label] = r
    return out


def all_records(name, v):
    f5, total, f6 = stated(v)
    recs = {"F3": list_records(v["f3"], 3), "F4": list_records(v["f4_written"] or v["f4"], 4),
            "F5": {name: f5_record(f5)}, "F6": f6_records(f6)}
    if total is not None: recs["F5"]["合计"] = f5_record(total)
    return recs


def diff_records(a, b):
    out = []
    for form in ("F1", "F2", "F3", "F4", "F5", "F6"):
        A, B = a.get(form, {}), b.get(form, {})
        for k in A:
            if k not in B: out.append({"form": form, "key": k, "change": "removed", "fields": A[k]})
        for k in B:
            if k not in A: out.append({"form": form, "key": k, "change": "added", "fields": B[k]})
        for k in A:
            if k in B:
                ch = {f: {"old": A[k][f], "new": B[k].get(f)} for f in A[k] if A[k][f] != B[k].get(f)}
                if ch: out.append({"form": form, "key": k, "change": "changed", "fields": ch})
    return out


def sha(p): return hashlib.sha256(open(p, "rb").read()).hexdigest()


def to_xls(path):
    out = os.path.dirname(path)
    r = subprocess.run(["soffice", "--headless", "--convert-to", "xls", "--outdir", out, path],
                       capture_output=True, timeout=180)
    x = os.path.splitext(path)[0] + ".xls"
    if os.path.exists(x): os.remove(path); return x
    print("soffice failed; keeping .xlsx", r.stderr[-300:]); return path


def footer_text(u, date):
    return f"统计员：{u['clerk']}        批准人：{u['approver']}        报送日期：{date}"


# ---------------------------------------------------------------- totals
def add_totals(units):
    T = {g: {"count": 0, "area": D(0), "cost": D(0)} for g, _ in F5_GROUPS}
    acc = {"count": 0, "deaths": 0, "loss": D(0)}; sat_w = D(0); sat_n = 0
    T6 = {k: {g: {"count": 0, "area": D(0), "cost": D(0)} for g in F6_GROUP} for k, _, _ in CATS}
    for f5, f6 in units:
        for g, _ in F5_GROUPS:
            for m in ("count", "area", "cost"): T[g][m] += f5[g][m]
        for m in acc: acc[m] += f5["accidents"][m]
        if f5["satisfaction_rate"] is not None and f5["filed"]["count"]:
            sat_w += f5["satisfaction_rate"] * f5["filed"]["count"]; sat_n += f5["filed"]["count"]
        for k, _, _ in CATS:
            for g in F6_GROUP:
                for m in ("count", "area", "cost"): T6[k][g][m] += f6[k][g][m]
    res = {g: {m: jv(T[g][m]) for m in T[g]} for g in T}
    res["filing_rate"] = {"count": jv(q1(D(T["filed"]["count"]) * 100 / T["completed"]["count"])),
                          "area": jv(q1(T["filed"]["area"] * 100 / T["completed"]["area"]))}
    res["satisfaction_rate"] = jv(q1(sat_w / sat_n)) if sat_n else None
    res["accidents"] = {m: jv(acc[m]) for m in acc}
    r6 = {}
    for k, _, _ in CATS:
        e = {g: {m: jv(T6[k][g][m]) for m in ("count", "area", "cost")} for g in F6_GROUP}
        c = T6[k]["completed"]["count"]
        e["filing_rate"] = jv(q1(D(T6[k]["filed"]["count"]) * 100 / c)) if c else None
        r6[k] = e
    return {"F5": res, "F6": r6}


def score_total(name):
    mx = {it: m for _, it, _, m in SCORE_ITEMS}
    return float(sum(D(str(min(D(str(v)), D(mx[it])))) - mx[it] for it, v in SCORES[name].items()) + 100)


# ---------------------------------------------------------------- main
def main():
    for d in (R1, R2):
        shutil.rmtree(d, ignore_errors=True); os.makedirs(d)
    E = {"period": "2025Q3", "office": "信阳市", "units": {}, "round1": {}, "round2": {}}
    r1_stats, r2_stats = [], []
    r1_rows = {f: 0 for f in ("F1", "F2", "F3", "F4")}; r2_rows = dict(r1_rows)
    r1_files, r2_files = {}, {}
    t_r1 = dt.datetime(2025, 10, 10, 9, 0).timestamp()
    for idx, name in enumerate(UNITS):
        vs = versions(name, idx)
        v1 = vs[1]
        p1 = os.path.join(R1, f"{name}.xlsx")
        tags1, f5, total, f6 = write_workbook(p1, name, v1)
        if v1["u"].get("xls"): p1 = to_xls(p1)
        os.utime(p1, (t_r1 + idx * 600, t_r1 + idx * 600))
        fn1 = os.path.basename(p1)
        defects = []
        for rule, form, desc, sev, key in v1["defects"]:
            cell = next((tags1[t] for t in tags1 if t == rule or (isinstance(t, str) and t.startswith(rule))), None)
            if rule == "SC001": cell = tags1.get(("SC", "宣传工作"))
            defects.append({"rule": rule, "severity": sev, "form": form, "file": fn1,
                            "sheet": cell[0] if cell else None, "cell": cell[1] if cell else None, "key": key, "what": desc})
        sqm = [tags1[t] for t in tags1 if isinstance(t, str) and t.startswith("SQM")]
        rows = {"F1": len(v1["f1"]), "F2": len(v1["f2"]), "F3": len(v1["f3"]), "F4": len(v1["f4_written"] or v1["f4"])}
        for f in rows: r1_rows[f] += rows[f]
        r1_stats.append((f5, f6))
        recs1 = all_records(name, v1)
        UE = {"file": fn1, "sha256": sha(p1), "f5": f5_record(f5), "f5_total_row": f5_record(total) if total else None,
              "f6": f6_records(f6), "rows": rows, "score_total": score_total(name), "defects_round1": defects,
              "quirks": quirk_text(name, v1, sqm)}
        r1_files[fn1] = {"unit": name, "status": "errors" if any(d["severity"] == "error" for d in defects) else "ok"}
        # ---------------- round 2
        if 2 in vs:
            v2 = vs[2]
            if name == "息县":
                old = os.path.join(R2, fn1); shutil.copy2(p1, old)
                r2_files[fn1] = {"unit": name, "status": "superseded"}
                p2 = os.path.join(R2, "息县(修改).xlsx")
            else:
                p2 = os.path.join(R2, f"{name}.xlsx")
            tags2, f5b, totalb, f6b = write_workbook(p2, name, v2)
            t = dt.datetime(2025, 10, 22, 15, idx).timestamp(); os.utime(p2, (t, t))
            fn2 = os.path.basename(p2)
            rows2 = {"F1": len(v2["f1"]), "F2": len(v2["f2"]), "F3": len(v2["f3"]), "F4": len(v2["f4_written"] or v2["f4"])}
            recs2 = all_records(name, v2)
            cr = diff_records(recs1, recs2)
            cells = []
            for form in (3, 4, 5, 6):
                d1 = v1["u"]["date_f"].get(form, v1["u"]["date"]); d2 = v2["u"]["date_f"].get(form, v2["u"]["date"])
                if d1 != d2:
                    tg = f"footer{form}" if form in (3, 4) else "footer"
                    c1 = tags1.get(f"footer{form}") if form != 5 else tags1.get("footer5") or tags1.get("footer")
                    c2 = tags2.get(f"footer{form}") if form != 5 else tags2.get("footer5") or tags2.get("footer")
                    if form == 6:  # f6 footer not tagged: compute from layout below
                        c1 = c2 = f6_footer_cell(v1)
                    cells.append({"sheet": c2[0] if c2 else v2["u"]["sheets"][form], "cell": c2[1] if c2 else None,
                                  "old": footer_text(v1["u"], d1), "new": footer_text(v2["u"], d2)})
            fixed = [d for d in defects]
            new = []
            for rule, form, desc, sev, key in v2["defects"]:
                cell = next((tags2[t] for t in tags2 if t == rule), None)
                new.append({"rule": rule, "severity": sev, "form": form, "file": fn2, "sheet": cell[0] if cell else None,
                            "cell": cell[1] if cell else None, "key": key, "what": desc})
            fixed = [d for d in defects if not any(n["rule"] == d["rule"] for n in new)]
            nchanged = sum(len(r["fields"]) if r["change"] == "changed" else 1 for r in cr) + len(cells)
            UE["round2"] = {"file": fn2, "sha256": sha(p2), "f5": f5_record(f5b), "f5_total_row": f5_record(totalb) if totalb else None,
                            "f6": f6_records(f6b), "rows": rows2, "defects_round2": new,
                            "revision": {"previous": fn1, "previous_sha256": UE["sha256"], "changed": nchanged,
                                         "changed_records": cr, "changed_cells": cells,
                                         "fixed": [f"{d['rule']}@{d['sheet']}!{d['cell']}" if d["form"] not in ("F1", "F2", "F3", "F4")
                                                   else f"{d['rule']}@{d['sheet']}[{d['key']}]" for d in fixed],
                                         "new": [f"{d['rule']}@{d['sheet']}!{d['cell']}" for d in new]},
                            "meta": vs.get("meta")}
            r2_files[fn2] = {"unit": name, "status": "errors" if any(d["severity"] == "error" for d in new) else "ok"}
            r2_stats.append((f5b, f6b))
            for f in rows2: r2_rows[f] += rows2[f]
        else:
            p2 = os.path.join(R2, fn1); shutil.copy2(p1, p2)
            r2_files[fn1] = dict(r1_files[fn1]); r2_stats.append((f5, f6))
            for f in rows: r2_rows[f] += rows[f]
        E["units"][name] = UE
    for rnd, stats, rows, files in (("round1", r1_stats, r1_rows, r1_files), ("round2", r2_stats, r2_rows, r2_files)):
        T = add_totals(stats); T.update({f: {"rows": rows[f]} for f in rows})
        E[rnd] = {"totals": T, "files": files, "exit": 1, "missing_units": []}
    # round 2b: the same inbox again, but 平桥区 pasted its list anew: same values, same order, other cell
    # types ("1,234.5" where 1234.5 was, full-width where ASCII was ...). Nothing changed: revision.changed 0.
    R2B = os.path.join(HERE, "ROUND2B"); shutil.rmtree(R2B, ignore_errors=True); shutil.copytree(R2, R2B)
    vs = versions("平桥区", UNITS.index("平桥区")); v2 = vs[2]; v2["u"]["redraw"] = 1
    p = os.path.join(R2B, "平桥区.xlsx"); write_workbook(p, "平桥区", v2)
    t = dt.datetime(2025, 10, 27, 10, 0).timestamp(); os.utime(p, (t, t))
    E["round2b"] = {"totals": E["round2"]["totals"], "files": E["round2"]["files"],
                    "revision": {"平桥区.xlsx": {"previous": "平桥区.xlsx", "previous_sha256": E["units"]["平桥区"]["round2"]["sha256"],
                                               "changed": 0, "changed_records": [], "changed_cells": []}}}
    # scores ranking (ties share a rank; 先进 top five; 约谈 fewer than three below)
    tot = {n: score_total(n) for n in UNITS}
    rank = {n: 1 + sum(1 for m in UNITS if tot[m] > tot[n] + 0.005) for n in UNITS}
    below = {n: sum(1 for m in UNITS if rank[m] > rank[n]) for n in UNITS}
    E["scores"] = {n: {"total": tot[n], "rank": rank[n],
                       "mark": "先进单位" if rank[n] <= 5 else ("约谈" if below[n] < 3 else "")} for n in UNITS}
    json.dump(E, open(os.path.join(HERE, "EXPECTED.json"), "w"), ensure_ascii=False, indent=1)
    write_config()
    print("written", R1, R2)


def f6_footer_cell(v):
    u = v["u"]; r0, c0 = u["origin"].get(6, u["origin"].get("all", (1, 1)))
    r = r0 + 1 + 1 + (1) + 1  # 附表6 / title / period / 填表单位
    r += 2 + len(CATS)
    return (u["sheets"][6], f"{L(c0)}{r}")


def quirk_text(name, v, sqm):
    u = v["u"]; q = []
    q.append("sheets " + "/".join(u["sheets"][i] for i in range(1, 7)) + f" + {u['score_sheet']}")
    if u.get("origin"): q.append(f"tables not at A1 {u['origin']}")
    if u.get("f5_total"): q.append("附表5 has a 合计 row" + (" written as =SUM formulas without cached values" if u.get("f5_formulas") else ""))
    if u.get("f5_seq"): q.append("附表5 has a 序号 column")
    if u.get("num_style") == "mixed": q.append("附表3/4 areas/costs mixed: numbers, '1,234.5' text, full-width text, trailing space")
    if u.get("date_style") == "mixed": q.append("附表4 dates mixed: Excel dates, 2025.7.3, 2025年7月3日, 2025-07-03")
    if u.get("date_style") == "mixed8": q.append("附表4 dates mixed incl. text 20250703")
    if u.get("f5_num") == "fullwidth": q.append("附表5 numbers as full-width text; zero accidents as 无")
    if u.get("f6_num") == "text": q.append("附表6 numbers as text")
    if u.get("rate_style") == "pct": q.append("rates as '87.5%' text")
    if u.get("rate_style") == "frac": q.append("附表5 rates as fractions 0.875")
    if u.get("hidden_stale"): q.append("hidden stale sheet 附表5（二季度） with 2025Q2 figures")
    if u.get("xls"): q.append(".xls (LibreOffice)")
    if u.get("two_row_lists") is False: q.append("one-row headers in 附表3/4")
    if u.get("period_line") is False: q.append("no period line under the titles of 附表1-4")
    if u.get("f3_total"): q.append("附表3 ends with a 合计 row")
    if sqm: q.append("附表3 areas with ㎡ suffix at " + ", ".join(f"{s}!{c}" for s, c in sqm))
    if not v["f2"]: q.append("附表2 placeholder row 本季度无行政处罚记录")
    if not v["f1"]: q.append("附表1 placeholder row 本季度无不良行为记录")
    return q


def write_config():
    units = ", ".join(f'"{u}"' for u in UNITS)
    open(os.path.join(HERE, "qstat.toml"), "w").write(f'''name = "信阳市"
level = "city"
units = [{units}]

[aliases]
"信阳市浉河区" = "浉河区"
"信阳市平桥区" = "平桥区"

[office]
full_name = "信阳市建设工程质量监督站"
statistician = "陈晓燕"
approver = "张国栋"
phone = "0376-6221234"
recipient = "河南省建设工程质量安全技术总站"
''')


if __name__ == "__main__":
    main()
