#!/usr/bin/env python3
"""Independent test inbox for qstat: 周口市, 2025Q2 and 2025Q3.

Focus: how cells are spelled (per-column mixes of text numbers, full-width digits,
thousands separators, placeholders for zero, trailing units, rate spellings, date
spellings, spaces/NBSP, merged 施工单位 / county columns, blank rows, hidden columns,
formulas with and without cached values, .xls/.ods copies, a 2000+ row 附表3).

The figures are computed from a project model (integers: area in m2, cost in 分 of 万元)
and the office totals are computed from the *numbers* stated per unit, never from the
spelled text.  Writes:
  2025Q2/ 2025Q3/  (inboxes), qstat.toml, EXPECTED.json, EXPECTED.md
"""
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

import xlsxwriter

HERE = os.path.dirname(os.path.abspath(__file__))
NBSP = "\u00a0"

UNITS = [
    # name, area code, n in progress at 2025-04-01, new Q2, new Q3, completed Q2, completed Q3
    ("川汇区", "411602", 64, 14, 16, 11, 13),
    ("扶沟县", "411621", 38, 8, 9, 6, 7),
    ("西华县", "411622", 41, 9, 7, 7, 8),
    ("商水县", "411623", 45, 10, 11, 8, 6),
    ("沈丘县", "411624", 52, 11, 12, 9, 10),
    ("郸城县", "411625", 47, 9, 10, 7, 9),
    ("太康县", "411627", 50, 12, 10, 8, 11),
    ("鹿邑县", "411628", 44, 10, 9, 6, 8),
    ("项城市", "411681", 2010, 120, 130, 75, 88),
    ("淮阳区", "411603", 55, 12, 13, 9, 10),
]
UNIT_NAMES = [u[0] for u in UNITS]

PERIODS = {
    "2025Q1": (dt.date(2025, 1, 1), dt.date(2025, 3, 31)),
    "2025Q2": (dt.date(2025, 4, 1), dt.date(2025, 6, 30)),
    "2025Q3": (dt.date(2025, 7, 1), dt.date(2025, 9, 30)),
}
PCN = {"2025Q2": ("二", "第二季度", "4-6月"), "2025Q3": ("三", "第三季度", "7-9月")}

# ----------------------------------------------------------------------------------------
# project model


class Proj:
    pass


BUILDERS = ["周口市第一建筑工程有限公司", "河南华夏建设集团有限公司", "周口建工集团有限公司",
            "河南省第五建筑工程有限公司", "项城市宏达建筑工程有限公司", "沈丘县兴业建设工程有限公司",
            "河南中原建工有限公司", "周口市鸿运建筑安装有限公司", "郸城县城建工程有限公司",
            "河南天宇钢结构工程有限公司", "太康县恒通建设有限公司", "鹿邑县老君建设工程有限公司"]
SUPERVISORS = ["周口市建设监理有限公司", "河南建达工程咨询有限公司", "河南中兴工程监理有限公司",
               "周口华信工程监理有限公司", "河南省建设监理有限公司", "河南正源工程管理有限公司"]
STRUCTS_RES = ["剪力墙", "框架剪力墙", "砖混", "框架"]
STRUCTS_PUB = ["框架", "框架剪力墙", "钢结构", "框架"]
STRUCTS_IND = ["钢结构", "排架", "钢结构", "框架"]
PROGRESS = ["基础施工", "主体施工", "主体封顶", "装饰装修", "二次结构", "室外配套", "基坑开挖"]
NAME_RES = ["花园", "小区", "家园", "苑", "名城", "府", "安置小区", "公租房"]
NAME_PUB = ["中学教学楼", "人民医院门诊楼", "文化中心", "体育馆", "小学综合楼", "政务服务中心",
            "图书馆", "汽车站", "养老服务中心", "幼儿园"]
NAME_IND = ["标准化厂房", "物流仓储中心", "食品加工车间", "纺织车间", "产业园厂房"]
PLACES = ["东城", "西关", "南湖", "北关", "新区", "开发区", "城关镇", "沙河", "颍河", "文昌",
          "淮河", "光明", "建设路", "人和", "育新", "朝阳", "中州", "迎宾"]


def rand_date(rng, a, b):
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


def make_projects(uname, code, n0, n2, n3, c2, c3):
    rng = random.Random("zk-" + uname)
    big = uname == "项城市"
    projs = []
    seqs = {}

    def new_proj(reg_date):
        p = Proj()
        y = reg_date.year
        seqs[y] = seqs.get(y, 0) + 1
        p.reg = f"{code}-{y}-{seqs[y]:04d}" if big else f"{code}-{y}-{seqs[y]:03d}"
        u = rng.random()
        if u < 0.55:
            p.use = "住宅"
            p.struct = rng.choice(STRUCTS_RES)
            p.area = rng.randint(30, 600) * 100 + rng.randint(0, 99) if not big else rng.randint(400, 9000)
            p.afford = rng.random() < 0.3
            p.name = f"{rng.choice(PLACES)}{rng.choice(NAME_RES)}{rng.randint(1, 12)}#楼"
        elif u < 0.8:
            p.use = "公建"
            p.struct = rng.choice(STRUCTS_PUB)
            if not big and rng.random() < 0.25:
                p.area = rng.randint(20000, 48000)
            else:
                p.area = rng.randint(1500, 15000) if not big else rng.randint(500, 8000)
            p.afford = False
            p.name = f"{uname}{rng.choice(PLACES)}{rng.choice(NAME_PUB)}"
        else:
            p.use = "工业"
            p.struct = rng.choice(STRUCTS_IND)
            p.area = rng.randint(2000, 30000) if not big else rng.randint(600, 9000)
            p.afford = False
            p.name = f"{uname}{rng.choice(PLACES)}{rng.choice(NAME_IND)}"
        if big and rng.random() < 0.02:       # a few bigger ones
            p.area = rng.randint(20000, 30000)
        p.name = p.name + "（00）"
        per_m2 = rng.randint(1500, 3800)   # 元/m2
        p.cost = p.area * per_m2 // 100     # in 分 of 万元 (1 万元 = 100 分-units)
        # cost in 万元 = p.cost / 100
        p.builder = rng.choice(BUILDERS)
        p.supervisor = rng.choice(SUPERVISORS)
        p.progress = rng.choice(PROGRESS)
        p.county = rng.random() < 0.3
        p.reg_date = reg_date
        p.comp = None
        p.filed = None
        p.satisfied = False
        p.accept = "合格"
        return p

    for _ in range(n0):
        d = rand_date(rng, dt.date(2023, 3, 1), dt.date(2025, 3, 31))
        projs.append(new_proj(d))
    for _ in range(n2):
        projs.append(new_proj(rand_date(rng, *PERIODS["2025Q2"])))
    for _ in range(n3):
        projs.append(new_proj(rand_date(rng, *PERIODS["2025Q3"])))
    # renumber registrations in date order within each year so that numbers grow with time
    for y in (2023, 2024, 2025):
        ys = sorted([p for p in projs if p.reg_date.year == y], key=lambda p: p.reg_date)
        for i, p in enumerate(ys, 1):
            p.reg = f"{code}-{y}-{i:04d}" if big else f"{code}-{y}-{i:03d}"
            p.name = re.sub(r"（[^（]*）$", f"（{p.reg[7:]}）", p.name)

    start0 = [p for p in projs if p.reg_date < dt.date(2025, 4, 1)]
    for p in rng.sample(start0, c2):
        p.comp = rand_date(rng, dt.date(2025, 4, 3), dt.date(2025, 6, 24))
    pool3 = [p for p in projs if p.comp is None and p.reg_date < dt.date(2025, 6, 1)]
    for p in rng.sample(pool3, c3):
        p.comp = rand_date(rng, dt.date(2025, 7, 2), dt.date(2025, 9, 20))
    for p in projs:
        if p.comp:
            if rng.random() < 0.8:
                q_end = dt.date(2025, 6, 30) if p.comp < dt.date(2025, 7, 1) else dt.date(2025, 9, 30)
                p.filed = min(q_end, p.comp + dt.timedelta(days=rng.randint(3, 20)))
                p.satisfied = rng.random() < 0.9
    return projs


def in_period(d, period):
    a, b = PERIODS[period]
    return d is not None and a <= d <= b


def states(projs, period):
    a, b = PERIODS[period]
    co = [p for p in projs if p.reg_date < a and (p.comp is None or p.comp >= a)]
    new = [p for p in projs if a <= p.reg_date <= b]
    comp = [p for p in projs if in_period(p.comp, period)]
    ip = [p for p in projs if p.reg_date <= b and (p.comp is None or p.comp > b)]
    filed = [p for p in comp if p.filed is not None]
    return dict(carried_over=co, new=new, in_progress=ip, completed=comp, filed=filed)


def agg(ps):
    """count, area (万㎡ as exact 1/10000 int -> float), cost (万元)"""
    return {"count": len(ps), "area_m2": sum(p.area for p in ps), "cost_c": sum(p.cost for p in ps)}


CATS = [
    ("residential", "住宅工程", lambda p: p.use == "住宅"),
    ("affordable_housing", "保障性安居工程", lambda p: p.use == "住宅" and p.afford),
    ("public", "公共建筑工程", lambda p: p.use == "公建"),
    ("large_public", "大型公共建筑工程（2万平方米以上）", lambda p: p.use == "公建" and p.area >= 20000),
    ("steel", "钢结构工程", lambda p: p.struct == "钢结构"),
    ("county", "县（区）工程", lambda p: p.county),
]


def rate1(num, den):
    if den == 0:
        return None
    return round(num * 100.0 / den + 1e-9, 1)


def unit_figures(projs, period):
    st = states(projs, period)
    f5 = {}
    for k in ("carried_over", "new", "in_progress", "completed", "filed"):
        a = agg(st[k])
        f5[k] = {"count": a["count"], "area": a["area_m2"] / 10000.0, "cost": a["cost_c"] / 100.0,
                 "_area_m2": a["area_m2"], "_cost_c": a["cost_c"]}
    f5["filing_rate"] = {"count": rate1(f5["filed"]["count"], f5["completed"]["count"]),
                         "area": rate1(f5["filed"]["_area_m2"], f5["completed"]["_area_m2"])}
    sat = sum(1 for p in st["filed"] if p.satisfied)
    f5["satisfaction_rate"] = rate1(sat, len(st["filed"]))
    f5["accidents"] = {"count": 0, "deaths": 0, "loss": 0.0}
    f6 = {}
    for key, label, pred in CATS:
        row = {}
        for k in ("new", "completed", "filed", "in_progress"):
            a = agg([p for p in st[k] if pred(p)])
            row[k] = {"count": a["count"], "area": a["area_m2"] / 10000.0, "cost": a["cost_c"] / 100.0,
                      "_area_m2": a["area_m2"], "_cost_c": a["cost_c"]}
        row["filing_rate"] = rate1(row["filed"]["count"], row["completed"]["count"])
        f6[key] = row
    return st, f5, f6


# ----------------------------------------------------------------------------------------
# spelling of cells

FW = str.maketrans("0123456789", "０１２３４５６７８９")


def fw(s):
    return s.translate(FW)


def fmt_num(v, dec):
    s = f"{v:.{dec}f}"
    if dec and "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def commas(v, dec):
    s = f"{v:,.{dec}f}"
    if dec:
        s = s.rstrip("0").rstrip(".")
    return s


class Speller:
    """Per-cell choice among spellings: a column mixes them."""

    def __init__(self, rng, style):
        self.rng = rng
        self.style = style
        self.log = {}

    def pick(self, kind, opts):
        if os.environ.get("ZK_NO_COMMAUNIT"):      # diagnostic variant: no "1,234㎡" / "1,234.5万元"
            opts = [x for x in opts if x not in ("unit2", "commaunit")] or opts
        o = self.rng.choice(opts)
        self.log.setdefault(kind, set()).add(o)
        return o

    def zero(self, kind):
        o = self.pick(kind + "-zero", ["无", "—", "-", "/", "0", 0, "０", " 0 "])
        return o

    def count(self, v, unit_word="项"):
        if v == 0 and self.rng.random() < 0.7:
            return self.zero("count")
        if v >= 1000 and self.rng.random() < 0.6:
            return self.pick("count-thousands", [f"{v:,}", f" {v:,} "])
        o = self.pick("count", ["num", "text", "fw", "unit", "space", "nbsp", "num", "unitsp", "dotzero"])
        s = str(v)
        return {"num": v, "text": s, "fw": fw(s), "unit": s + unit_word, "unitsp": f"{s} {unit_word}",
                "dotzero": f"{v}.0",
                "space": f" {s} ", "nbsp": f"{s}{NBSP}"}[o]

    def area_wan(self, v):
        if v == 0 and self.rng.random() < 0.7:
            return self.zero("area")
        if v >= 1000 and self.rng.random() < 0.5:
            return self.pick("area-thousands", [commas(v, 4)])
        o = self.pick("area", ["num", "text", "fw", "space", "num", "unitwan", "nbsp"])
        s = fmt_num(v, 4)
        return {"num": round(v, 4), "text": s, "fw": fw(s), "space": f"  {s}", "unitwan": s + "万㎡",
                "nbsp": NBSP + s}[o]

    def area_m2(self, v):
        o = self.pick("area_m2", ["num", "num", "text", "comma", "fw", "unit", "unit2", "space",
                                  "nbsp", "float"])
        s = str(v)
        return {"num": v, "text": s, "comma": f"{v:,}", "fw": fw(s), "unit": s + "平方米",
                "unit2": f"{v:,}㎡", "space": f" {s} ", "nbsp": s + NBSP, "float": f"{v}.00"}[o]

    def cost(self, v):
        if v == 0 and self.rng.random() < 0.7:
            return self.zero("cost")
        o = self.pick("cost", ["num", "text", "comma", "fw", "unit", "space", "num", "commaunit", "fwcomma"])
        s = fmt_num(v, 2)
        return {"num": round(v, 2), "text": s, "comma": commas(v, 2), "fw": fw(s), "unit": s + "万元",
                "fwcomma": fw(commas(v, 2)),
                "space": f" {s}{NBSP}", "commaunit": commas(v, 2) + "万元"}[o]

    def rate(self, v):
        if v is None:
            return self.pick("rate-none", ["", "/", "—", None])
        if v >= 100 or v <= 0:
            o = self.pick("rate", ["pct", "num", "pct1sp", "text", "pctfw"])
        else:
            o = self.pick("rate", ["pct", "num", "frac", "pct1sp", "text", "fracnum", "pctfw"])
        s = fmt_num(v, 1)
        return {"pct": s + "%", "pctfw": fw(s) + "％", "num": v, "frac": fmt_num(v / 100.0, 4), "fracnum": round(v / 100.0, 4),
                "pct1sp": f"{v:.1f} %", "text": s}[o]

    def date(self, d, allowed=None):
        opts = allowed or ["date", "dots", "iso", "cn", "serial", "slash", "date", "dots0", "cn0"]
        o = self.pick("date", opts)
        serial = (d - dt.date(1899, 12, 30)).days
        return {"date": d, "dots": f"{d.year}.{d.month}.{d.day}", "iso": d.isoformat(),
                "cn": f"{d.year}年{d.month}月{d.day}日", "serial": serial, "slash": f"{d.year}/{d.month}/{d.day}",
                "cnsp": f" {d.year}年{d.month}月{d.day}日 ", "dots0": f"{d.year}.{d.month:02d}.{d.day:02d}",
                "cn0": f"{d.year}年{d.month:02d}月{d.day:02d}日"}[o]


# ----------------------------------------------------------------------------------------
# sheet model and writer


class F:
    """formula with cached value"""

    def __init__(self, text, value):
        self.text, self.value = text, value


class Sheet:
    def __init__(self, name, hidden=False):
        self.name = name
        self.cells = {}
        self.merges = []
        self.hidden = hidden
        self.hidden_cols = set()
        self.widths = {}

    def put(self, r, c, v):
        self.cells[(r, c)] = v

    def merge(self, r1, c1, r2, c2, v):
        self.merges.append((r1, c1, r2, c2, v))


def col_letter(c):
    s = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return s


def a1(r, c):
    return f"{col_letter(c)}{r + 1}"


def write_xlsx(path, sheets):
    wb = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False,
                                    "strings_to_urls": False})
    datef = wb.add_format({"num_format": "yyyy-mm-dd"})
    datef2 = wb.add_format({"num_format": "yyyy\"年\"m\"月\"d\"日\""})
    center = wb.add_format({"align": "center", "valign": "vcenter", "text_wrap": True})
    for sh in sheets:
        ws = wb.add_worksheet(sh.name)
        for c, w in sh.widths.items():
            ws.set_column(c, c, w)
        for c in sh.hidden_cols:
            ws.set_column(c, c, 10, None, {"hidden": True})
        merged_cells = set()
        for (r1, c1, r2, c2, v) in sh.merges:
            if isinstance(v, (int, float)):
                ws.merge_range(r1, c1, r2, c2, None, center)
                ws.write_number(r1, c1, v, center)
            else:
                ws.merge_range(r1, c1, r2, c2, "" if v is None else str(v), center)
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    merged_cells.add((r, c))
        for (r, c), v in sorted(sh.cells.items()):
            if (r, c) in merged_cells:
                continue
            if v is None:
                continue
            if isinstance(v, F):
                ws.write_formula(r, c, v.text, None, v.value)
            elif isinstance(v, bool):
                ws.write_boolean(r, c, v)
            elif isinstance(v, (int, float)):
                ws.write_number(r, c, v)
            elif isinstance(v, dt.date):
                ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day),
                                  datef if (r + c) % 2 else datef2)
            else:
                ws.write_string(r, c, str(v))
        if sh.hidden:
            ws.hide()
    wb.close()


def strip_cached_values(path):
    """Remove <v> of formula cells (a file saved by a script / some WPS versions)."""
    tmp = path + ".tmp"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                s = data.decode("utf-8")
                s = re.sub(r"(<f>[^<]*</f>)<v>[^<]*</v>", r"\1", s)
                data = s.encode("utf-8")
            zout.writestr(item, data)
    os.replace(tmp, path)


def soffice_convert(src, fmt, outdir):
    prof = tempfile.mkdtemp(prefix="lo-prof-")
    cmd = ["soffice", f"-env:UserInstallation=file://{prof}", "--headless", "--convert-to", fmt,
           "--outdir", outdir, src]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    shutil.rmtree(prof, ignore_errors=True)
    base = os.path.splitext(os.path.basename(src))[0]
    ext = fmt.split(":")[0]
    out = os.path.join(outdir, base + "." + ext)
    if not os.path.exists(out):
        raise RuntimeError(f"soffice failed: {r.stdout} {r.stderr}")
    return out


# ----------------------------------------------------------------------------------------
# unit styles

STYLES = {
    "川汇区": dict(names=["附表1", "附表2", "附表3", "附表4", "附表5", "附表6"], r0=0, c0=0, fmt="xlsx",
                 formulas="cached", merge_builder=True, f4_merge_county=True,
                 fname="川汇区{y}年{q}季度质量监督统计报表.xlsx", label="川汇区"),
    "扶沟县": dict(names=["表1", "表2", "表3", "表4", "表5", "表6"], r0=1, c0=1, fmt="xls",
                 fname="扶沟县{q}季度报表.xls", label="扶沟县"),
    "西华县": dict(names=["Sheet1", "Sheet2", "Sheet3", "Sheet4", "Sheet5", "Sheet6"], r0=3, c0=2, fmt="xlsx",
                 split_header=True, fname="西华县建设工程质量统计（{y}年{q}季度）.xlsx", label=" 西华县 "),
    "商水县": dict(names=["不良行为", "行政处罚", "在建工程", "竣工工程", "季度统计表", "分类统计"], r0=0, c0=0,
                 fmt="ods", merge_builder=True, fname="商水县{y}Q{n}报表.ods", label="商水县"),
    "沈丘县": dict(names=["附表1", "附表2", "附表3", "附表4", "附表5", "附表6"], r0=2, c0=0, fmt="xlsx",
                 hidden_cols=True, stale_sheet=True, fname="沈丘县{y}年{q}季度统计报表.xlsx", label="沈丘县"),
    "郸城县": dict(names=["附表1", "附表2", "附表3", "附表4", "附表5", "附表6"], r0=0, c0=0, fmt="xlsx",
                 formulas="nocache", fname="郸城县{q}季度质量报表.xlsx", label="郸城县"),
    "太康县": dict(names=["表一", "表二", "表三", "表四", "表五", "表六"], r0=0, c0=0, fmt="xls",
                 merge_builder=True, fname="太康县{y}年{q}季度报表.xls", label="太康县"),
    "鹿邑县": dict(names=["附表1", "附表2", "附表3", "附表4", "附表5", "附表6"], r0=1, c0=0, fmt="xlsx",
                 blank_rows=True, fname="鹿邑县{y}年{q}季度工程质量统计表.xlsx", label=f"鹿邑县{NBSP}"),
    "项城市": dict(names=["附表1", "附表2", "附表3在建", "附表4竣工", "附表5", "附表6"], r0=0, c0=0,
                 fmt="xlsx", merge_builder=True, fname="项城市_{y}年{q}季度_统计报表.xlsx", label="项城市"),
    "淮阳区": dict(names=["附表1", "附表2", "附表3", "附表4", "附表5", "附表6"], r0=0, c0=1, fmt="xlsx",
                 county_col=True, fname="淮阳区{y}年{q}季度.xlsx", label="周口市淮阳区"),
}


# ----------------------------------------------------------------------------------------
# building the forms


def title_block(sh, r, c, form_no, title, uname, period, ncols, stamp="（公章）"):
    y = period[:4]
    qcn = PCN[period][1]
    sh.put(r, c, f"附表{form_no}")
    sh.merge(r + 1, c, r + 1, c + ncols - 1, f"河南省建设工程质量监督{title}（{y}年{qcn}）")
    sh.put(r + 2, c, f"填表单位{stamp}：周口市{uname}住房和城乡建设局")
    return r + 3


def footer(sh, r, c, period, note=None):
    y = int(period[:4])
    m = 7 if period.endswith("Q2") else 10
    sh.put(r, c, "统计员：张丽")
    sh.put(r, c + 3, "批准人：王建军")
    sh.put(r, c + 6, f"报送日期：{y}年{m}月8日")
    if note:
        sh.put(r + 1, c, note)


F5_NOTE = ("填表说明：1、在建工程：已办理监督注册手续，尚未完工或已完工，但未进行竣工验收的工程；2、竣工工程：已办理监督注册手续，"
           "已通过竣工验收的工程；3、质量备案率：已办理质量备案手续的工程/竣工工程；4、用户满意率：用户评价为满意的工程（项数）/"
           "已办理质量备案手续的工程；5、接转工程：上一季（年）度在建工程。")


def split_header(sh, r, cells):
    """a two-row header: 建筑面积 / （平方米） in two rows, the other headers merged over both rows"""
    for col, h in cells:
        if "\n" in h and (h.startswith("建筑面积") or h.startswith("工程造价")):
            a, b = h.split("\n", 1)
            sh.put(r, col, a)
            sh.put(r + 1, col, b)
        else:
            sh.cells.pop((r, col), None)
            sh.merge(r, col, r + 1, col, h)
    return r + 1


def build_f3(sh, uname, period, rows, sp, style, pos, defects):
    r0, c0 = style["r0"], style["c0"]
    r = title_block(sh, r0, c0, 3, "在建工程明细表", uname, period, 10)
    cc = c0
    if style.get("county_col"):
        sh.put(r, cc, "县（区）")
        cc += 1
    heads = ["序号", "工程质量监督注册号", "工程名称", "结构\n类型", "建筑面积\n（平方米）", "工程造价\n（万元）",
             "施工单位", "监理单位", "形象进度", "备注"]
    colmap = {}
    k = 0
    for h in heads:
        if h == "形象进度" and style.get("hidden_cols"):
            sh.put(r, cc, "联系电话")
            sh.hidden_cols.add(cc)
            colmap["phone"] = cc
            cc += 1
        sh.put(r, cc, h)
        colmap[h] = cc
        cc += 1
        k += 1
    hr = r
    if style.get("split_header"):
        r = split_header(sh, r, [(c, v) for (rr, c), v in list(sh.cells.items()) if rr == r and c >= c0])
    r += 1
    first = r
    rows = list(rows)
    if style.get("merge_builder"):
        rows.sort(key=lambda p: (p.builder, p.reg))
    seq = 0
    groups = []
    for i, p in enumerate(rows):
        if style.get("blank_rows") and i in (5, 17, 30):
            r += 1          # an empty row inside the table
        seq += 1
        sh.put(r, colmap["序号"], seq if sp.rng.random() < 0.8 else str(seq))
        sh.put(r, colmap["工程质量监督注册号"], p.reg if sp.rng.random() < 0.9 else f" {p.reg}{NBSP}")
        name = p.name
        if defects.get("F3_empty_name") == p.reg:
            name = None
            pos[("F3", "empty_name")] = a1(r, colmap["工程名称"])
        sh.put(r, colmap["工程名称"], name)
        sh.put(r, colmap["结构\n类型"], p.struct)
        sh.put(r, colmap["建筑面积\n（平方米）"], sp.area_m2(p.area))
        sh.put(r, colmap["工程造价\n（万元）"], sp.cost(p.cost / 100.0))
        sh.put(r, colmap["施工单位"], p.builder)
        sh.put(r, colmap["监理单位"], p.supervisor)
        if "phone" in colmap:
            sh.put(r, colmap["phone"], f"13{sp.rng.randint(100000000, 999999999)}")
        sh.put(r, colmap["形象进度"], p.progress)
        sh.put(r, colmap["备注"], "乡镇工程" if p.county else None)
        if ("F3", p.reg) in pos:
            pos[("F3", "dup_row")] = r
        else:
            pos[("F3", p.reg)] = r
        if groups and groups[-1][0] == p.builder and style.get("merge_builder") and not style.get("blank_rows"):
            groups[-1][2] = r
        else:
            groups.append([p.builder, r, r])
        r += 1
    last = r - 1
    if style.get("merge_builder"):
        for b, ra, rb in groups:
            if rb > ra:
                sh.merge(ra, colmap["施工单位"], rb, colmap["施工单位"], b)
    if style.get("county_col") and last >= first:
        sh.merge(first, c0, last, c0, uname)
    r += 1
    footer(sh, r, c0, period)
    pos[("F3", "cols")] = colmap
    return hr


def build_f4(sh, uname, period, rows, sp, style, pos, defects):
    r0, c0 = style["r0"], style["c0"]
    r = title_block(sh, r0, c0, 4, "竣工工程明细表", uname, period, 12)
    cc = c0
    county = style.get("county_col") or style.get("f4_merge_county")
    if county:
        sh.put(r, cc, "县区")
        cc += 1
    heads = ["序号", "工程质量监督注册号", "工程名称", "结构类型", "建筑面积\n（平方米）", "工程造价\n（万元）",
             "施工单位", "监理单位", "竣工\n日期", "竣工验收结论", "备案\n日期", "备案\n结论"]
    colmap = {}
    for h in heads:
        sh.put(r, cc, h)
        colmap[h] = cc
        cc += 1
    if style.get("split_header"):
        r = split_header(sh, r, [(c, v) for (rr, c), v in list(sh.cells.items()) if rr == r and c >= c0])
    r += 1
    first = r
    rows = sorted(rows, key=lambda p: (p.builder, p.comp) if style.get("merge_builder") else (p.comp, p.reg))
    groups = []
    date_opts = None
    if uname == "太康县":
        date_opts = ["cn", "cnsp", "cn", "iso"]
    elif uname == "项城市":
        date_opts = ["serial", "serial", "date", "dots"]
    for i, p in enumerate(rows):
        if style.get("blank_rows") and i == 3:
            r += 1
        sh.put(r, colmap["序号"], i + 1)
        sh.put(r, colmap["工程质量监督注册号"], p.reg)
        sh.put(r, colmap["工程名称"], p.name)
        sh.put(r, colmap["结构类型"], p.struct)
        sh.put(r, colmap["建筑面积\n（平方米）"], sp.area_m2(p.area))
        sh.put(r, colmap["工程造价\n（万元）"], sp.cost(p.cost / 100.0))
        sh.put(r, colmap["施工单位"], p.builder)
        sh.put(r, colmap["监理单位"], p.supervisor)
        comp = p.comp
        if defects.get("F4_comp_outside") == p.reg:
            comp = comp.replace(month=comp.month - 3)   # typed the wrong month
            pos[("F4", "comp_outside")] = a1(r, colmap["竣工\n日期"])
        sh.put(r, colmap["竣工\n日期"], sp.date(comp, date_opts))
        sh.put(r, colmap["竣工验收结论"], "合格" if sp.rng.random() < 0.8 else " 合格 ")
        if p.filed:
            fd = p.filed
            if defects.get("F4_filed_before") == p.reg:
                fd = p.comp - dt.timedelta(days=5)
                pos[("F4", "filed_before")] = (a1(r, colmap["备案\n日期"]), a1(r, colmap["竣工\n日期"]))
            sh.put(r, colmap["备案\n日期"], sp.date(fd, date_opts))
            sh.put(r, colmap["备案\n结论"], sp.rng.choice(["准予备案", "已备案", "准予备案"]))
        else:
            sh.put(r, colmap["备案\n日期"], sp.rng.choice([None, None, "/"]) if uname != "项城市" else None)
            sh.put(r, colmap["备案\n结论"], sp.rng.choice(["未备案", None, "/"]))
        pos[("F4", p.reg)] = r
        if style.get("merge_builder") and groups and groups[-1][0] == p.builder:
            groups[-1][2] = r
        else:
            groups.append([p.builder, r, r])
        r += 1
    last = r - 1
    if style.get("merge_builder"):
        for b, ra, rb in groups:
            if rb > ra:
                sh.merge(ra, colmap["施工单位"], rb, colmap["施工单位"], b)
    if county and last >= first:
        sh.merge(first, c0, last, c0, uname)
    footer(sh, r + 1, c0, period)


F5_GROUPS = [("carried_over", "上季度接转工程"), ("new", "本季度新注册工程"), ("in_progress", "本季度在建工程"),
             ("completed", "本季度竣工工程"), ("filed", "本季度质量备案\n工程")]


def f5_values(f5):
    """the 22 stated values of one F5 row, in column order (label excluded)"""
    vals = []
    for g, _ in F5_GROUPS:
        vals += [("count", f5[g]["count"]), ("area", f5[g]["area"]), ("cost", f5[g]["cost"])]
    vals += [("rate", f5["filing_rate"]["count"]), ("rate", f5["filing_rate"]["area"]),
             ("rate", f5["satisfaction_rate"]), ("count", f5["accidents"]["count"]),
             ("count", f5["accidents"]["deaths"]), ("cost", f5["accidents"]["loss"])]
    return vals


F5_FIELDS = [f"{g}.{m}" for g, _ in F5_GROUPS for m in ("count", "area", "cost")] + \
    ["filing_rate.count", "filing_rate.area", "satisfaction_rate", "accidents.count",
     "accidents.deaths", "accidents.loss"]


def spell(sp, kind, v):
    if kind == "count":
        return sp.count(v, sp.rng.choice(["项", "个"]))
    if kind == "area":
        return sp.area_wan(v)
    if kind == "cost":
        return sp.cost(v)
    if kind == "rate":
        return sp.rate(v)
    raise ValueError(kind)


def build_f5(sh, uname, period, f5, total_f5, sp, style, pos, hidden_col=False):
    r0, c0 = style["r0"], style["c0"]
    r = title_block(sh, r0, c0, 5, "季度统计表", uname, period, 22, stamp="（盖章）")
    h1, h2 = r, r + 1
    sh.merge(h1, c0, h2, c0, "市、县\n（市）\n序号")
    c = c0 + 1
    colpos = {}
    for g, label in F5_GROUPS:
        sh.merge(h1, c, h1, c + 2, label)
        for j, sub in enumerate(["项数", "面积\n（万㎡）", "造价\n（万元）"]):
            sh.put(h2, c + j, sub)
            colpos[f"{g}.{['count', 'area', 'cost'][j]}"] = c + j
        c += 3
    sh.merge(h1, c, h1, c + 1, "季度质量\n备案率（%）")
    sh.put(h2, c, "项数")
    sh.put(h2, c + 1, "面积")
    colpos["filing_rate.count"], colpos["filing_rate.area"] = c, c + 1
    c += 2
    sh.merge(h1, c, h2, c, "用户\n满意率\n（%）")
    colpos["satisfaction_rate"] = c
    c += 1
    if hidden_col:
        sh.merge(h1, c, h2, c, "内部核对")
        sh.hidden_cols.add(c)
        c += 1
    sh.merge(h1, c, h1, c + 2, "本季度发生工程质量事故")
    for j, (sub, key) in enumerate([("项数", "accidents.count"), ("死亡人数", "accidents.deaths"),
                                    ("经济损失（万元）", "accidents.loss")]):
        sh.put(h2, c + j, sub)
        colpos[key] = c + j
    ur = h2 + 1
    tr = h2 + 2
    sh.put(ur, c0, style["label"])
    sh.put(tr, c0, "合计" if sp.rng.random() < 0.5 else "合  计")
    vals = f5_values(f5)
    tvals = f5_values(total_f5)
    formulas = style.get("formulas")
    for (kind, v), (_, tv), field in zip(vals, tvals, F5_FIELDS):
        col = colpos[field]
        addr = a1(ur, col)
        if formulas and field.startswith("in_progress."):
            m = field.split(".")[1]
            fa = a1(ur, colpos[f"carried_over.{m}"])
            fb = a1(ur, colpos[f"new.{m}"])
            fc = a1(ur, colpos[f"completed.{m}"])
            sh.put(ur, col, F(f"{fa}+{fb}-{fc}", round(v, 4)))
        elif formulas and kind != "rate":
            # cells a formula reads must be numbers (Excel: SUM skips text, "10项"+1 is #VALUE!)
            sh.put(ur, col, round(v, 4) if kind != "count" else int(v))
        else:
            sh.put(ur, col, spell(sp, kind, v))
        if formulas and not field.startswith("filing_rate") and field != "satisfaction_rate":
            sh.put(tr, col, F(f"SUM({addr}:{addr})", round(tv, 4)))
        else:
            if kind == "rate":
                sh.put(tr, col, spell(sp, kind, tv))
            else:
                sh.put(tr, col, spell(sp, kind, tv))
        pos[("F5", field)] = addr
        pos[("F5", "total", field)] = a1(tr, col)
    if hidden_col:
        sh.put(ur, colpos["satisfaction_rate"] + 1, "OK")
    footer(sh, tr + 2, c0, period, F5_NOTE)


def build_f6(sh, uname, period, f6, sp, style, pos):
    r0, c0 = style["r0"], style["c0"]
    r = title_block(sh, r0, c0, 6, "季（年）度分类统计表", uname, period, 14, stamp="（盖章）")
    h1, h2 = r, r + 1
    sh.merge(h1, c0, h2, c0, "项  目")
    c = c0 + 1
    colpos = {}
    for g, label in [("new", "本季/年新注册项目"), ("completed", "本季/年竣工工程"), ("filed", "本季/年质量备案工程"),
                     ("in_progress", "本季/年在建工程")]:
        n = 4 if g == "filed" else 3
        sh.merge(h1, c, h1, c + n - 1, label)
        subs = ["项数", "面 积\n（万㎡）", "造 价\n（万元）"] + (["备案率\n（项%）"] if g == "filed" else [])
        for j, s in enumerate(subs):
            sh.put(h2, c + j, s)
        colpos[g] = c
        c += n
    r = h2 + 1
    for key, label, _ in CATS:
        row = f6[key]
        lab = label
        if key == "steel" and sp.rng.random() < 0.5:
            lab = "钢结构\n工程"
        if key == "county":
            lab = "县（区）\n工程"
        sh.put(r, c0, lab)
        for g in ("new", "completed", "filed", "in_progress"):
            cc = colpos[g]
            cnt = row[g]["count"]
            sh.put(r, cc, cnt if style.get("formulas") else spell(sp, "count", cnt))
            sh.put(r, cc + 1, spell(sp, "area", row[g]["area"]))
            sh.put(r, cc + 2, spell(sp, "cost", row[g]["cost"]))
        fr = row["filing_rate"]
        if style.get("formulas") and fr is not None and not row.get("_typed"):
            cnt_f = a1(r, colpos["filed"])
            cnt_c = a1(r, colpos["completed"])
            v = fr
            sh.put(r, colpos["filed"] + 3, F(f"IF({cnt_c}=0,\"\",ROUND({cnt_f}/{cnt_c}*100,1))", v))
        else:
            sh.put(r, colpos["filed"] + 3, sp.rate(fr))
        pos[("F6", key)] = r
        pos[("F6", key, "rate")] = a1(r, colpos["filed"] + 3)
        r += 1
    footer(sh, r + 1, c0, period)


def build_f1(sh, uname, period, recs, sp, style):
    r0, c0 = style["r0"], style["c0"]
    y = period[:4]
    sh.put(r0, c0, "附表1")
    sh.merge(r0 + 1, c0, r0 + 1, c0 + 10, f"河南省建设工程有关责任主体及相关责任人员不良行为记录统计表（{y}年{PCN[period][1]}）")
    m = 7 if period.endswith("Q2") else 10
    sh.put(r0 + 2, c0, f"填表单位（公章）：{uname}住建局    填表人：张丽    批准人：王建军    填表日期：{y}年{m}月8日")
    h1, h2 = r0 + 3, r0 + 4
    heads = ["记录\n编号", "工程名称", "责任单位", "责  任  人", None, "不良行为事实", "对应省不良记录管理办法条款",
             "记录人", "记录\n日期", "批准人", "批准\n日期"]
    for j, h in enumerate(heads):
        if h is None:
            continue
        if h.startswith("责  任"):
            sh.merge(h1, c0 + j, h1, c0 + j + 1, h)
            sh.put(h2, c0 + j, "姓名")
            sh.put(h2, c0 + j + 1, "职务")
        else:
            sh.merge(h1, c0 + j, h2, c0 + j, h)
    r = h2 + 1
    if not recs:
        sh.put(r, c0, "无")
        sh.put(r, c0 + 1, "本季度无不良行为记录")
        r += 1
    for rec in recs:
        vals = [rec["no"], rec["project"], rec["party"], rec["person"], rec["title"], rec["fact"], rec["clause"],
                "李明", sp.date(rec["rec_on"]), "王建军", sp.date(rec["app_on"])]
        for j, v in enumerate(vals):
            sh.put(r, c0 + j, v)
        r += 1
    sh.put(r + 1, c0, "备注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测机构、施工图审查机构及其它有关单位。")


def build_f2(sh, uname, period, recs, sp, style):
    r0, c0 = style["r0"], style["c0"]
    y = period[:4]
    sh.put(r0, c0, "附表2")
    sh.merge(r0 + 1, c0, r0 + 1, c0 + 8, f"河南省建设工程质量责任主体行政处罚记录表（{y}年{PCN[period][1]}）")
    sh.put(r0 + 2, c0, f"填表单位（公章）：{uname}住房和城乡建设局")
    heads = ["记录编号", "工程名称", "责任单位", "时间", "违法违规事实", "处罚依据", "处罚内容", "处罚情况", "处理情况"]
    for j, h in enumerate(heads):
        sh.put(r0 + 3, c0 + j, h)
    r = r0 + 4
    if not recs:
        sh.put(r, c0, "/")
        sh.put(r, c0 + 1, "本季度无行政处罚记录")
        sh.put(r, c0 + 2, "/")
        r += 1
    for rec in recs:
        vals = [rec["no"], rec["project"], rec["party"], sp.date(rec["date"]), rec["fact"], rec["basis"],
                rec["penalty"], rec["status"], rec["handling"]]
        for j, v in enumerate(vals):
            sh.put(r, c0 + j, v)
        r += 1
    sh.put(r + 1, c0, "注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测单位、施工图审查机构及其它有关单位。")
    footer(sh, r + 2, c0, period)


def make_records(uname, code, projs, period, rng):
    a, b = PERIODS[period]
    n1 = rng.choice([0, 0, 1, 2, 3])
    n2 = rng.choice([0, 0, 1, 2])
    act = [p for p in projs if p.reg_date <= b and (p.comp is None or p.comp >= a)]
    f1, f2 = [], []
    for i in range(n1):
        p = rng.choice(act)
        d = rand_date(rng, a, b - dt.timedelta(days=10))
        f1.append(dict(no=f"ZKBL-{code[-2:]}-{period[-2:]}-{i + 1:02d}", project=p.name, party=p.builder,
                       person=rng.choice(["刘洋", "陈伟", "赵强", "孙磊"]), title="项目经理",
                       fact="未按设计图纸施工，擅自变更钢筋规格", clause="第八条第（三）项",
                       rec_on=d, app_on=d + dt.timedelta(days=rng.randint(1, 6))))
    for i in range(n2):
        p = rng.choice(act)
        d = rand_date(rng, a, b)
        f2.append(dict(no=f"ZKCF-{code[-2:]}-{period[-2:]}-{i + 1:02d}", project=p.name, party=p.supervisor,
                       date=d, fact="监理单位未按规定实施旁站监理", basis="《建设工程质量管理条例》第六十七条",
                       penalty=f"罚款{rng.randint(5, 30)}万元", status="已执行", handling="已整改"))
    return f1, f2


# ----------------------------------------------------------------------------------------
# planted defects (2025Q3 only).  Each: unit, form, rule, severity, what, cells (accepted)

def plan_defects(model):
    d = {}
    # ids chosen from the model
    def new_q3_ip(u):
        st = model[u]["Q3"]["st"]
        cand = [p for p in st["in_progress"] if p.reg_date >= dt.date(2025, 7, 1)]
        return sorted(cand, key=lambda p: p.reg)[0]
    d["西华县"] = {"F5_rate_wrong": True}
    d["商水县"] = {"F5_total_wrong": True}
    d["沈丘县"] = {"F3_dup_reg": new_q3_ip("沈丘县").reg}
    comp_q3 = lambda u: sorted(model[u]["Q3"]["st"]["completed"], key=lambda p: p.reg)
    dc = [p for p in comp_q3("郸城县") if p.comp.month >= 7 and p.comp.month <= 9 and p.comp.day <= 28
          and (p.filed is None or p.filed.month >= 7)]
    d["郸城县"] = {"F4_comp_outside": dc[0].reg}
    tk = [p for p in comp_q3("太康县") if p.filed is not None and p.comp.day > 8]
    d["太康县"] = {"F4_filed_before": tk[0].reg}
    d["鹿邑县"] = {"F5_deaths": True}
    d["扶沟县"] = {"F5_ip_cost": True}
    d["川汇区"] = {"F6_rate_wrong": True}
    d["淮阳区"] = {"F3_missing": new_q3_ip("淮阳区").reg}
    d["项城市"] = {"F3_empty_name": sorted(model["项城市"]["Q3"]["st"]["in_progress"], key=lambda p: p.reg)[777].reg}
    return d


def main():
    out_root = os.environ.get("ZK_OUT") or HERE
    os.makedirs(out_root, exist_ok=True)
    model = {}
    for (u, code, n0, n2, n3, c2, c3) in UNITS:
        projs = make_projects(u, code, n0, n2, n3, c2, c3)
        model[u] = {"projs": projs, "code": code}
        for per, key in (("2025Q2", "Q2"), ("2025Q3", "Q3")):
            st, f5, f6 = unit_figures(projs, per)
            model[u][key] = {"st": st, "f5": f5, "f6": f6}
    # consistency check of the model: Q3 carried_over == Q2 in_progress
    for u in UNIT_NAMES:
        assert model[u]["Q3"]["f5"]["carried_over"]["count"] == model[u]["Q2"]["f5"]["in_progress"]["count"]
    # one accident with a loss in 川汇区 Q3 (consistent: count 1, deaths 0)
    model["川汇区"]["Q3"]["f5"]["accidents"] = {"count": 1, "deaths": 0, "loss": 12.5}
    model["项城市"]["Q2"]["f5"]["accidents"] = {"count": 1, "deaths": 0, "loss": 3.8}
    defects = plan_defects(model)

    expected = {"office": "周口市", "units": UNIT_NAMES, "periods": {}}
    for per, key in (("2025Q2", "Q2"), ("2025Q3", "Q3")):
        inbox = os.path.join(out_root, per)
        if os.path.isdir(inbox):
            shutil.rmtree(inbox)
        os.makedirs(inbox)
        exp_units = {}
        planted = []
        for (u, code, *_rest) in UNITS:
            style = STYLES[u]
            rng = random.Random(f"spell-{u}-{per}")
            sp = Speller(rng, style)
            m = model[u][key]
            st = m["st"]
            f5 = json.loads(json.dumps(m["f5"]))   # stated copy
            f6 = json.loads(json.dumps(m["f6"]))
            dfx = defects.get(u, {}) if per == "2025Q3" else {}
            f3_rows = list(st["in_progress"])
            f4_rows = list(st["completed"])
            total_f5 = json.loads(json.dumps(f5))
            pos = {}
            # --- stated-figure defects
            if dfx.get("F5_rate_wrong"):
                wrong = 100.0 if (f5["filing_rate"]["count"] or 0) < 90 else 62.5   # clerk's typo
                f5["filing_rate"]["count"] = wrong
                total_f5["filing_rate"]["count"] = wrong
            if dfx.get("F5_deaths"):
                f5["accidents"] = {"count": 0, "deaths": 1, "loss": 0.0}
                total_f5["accidents"] = dict(f5["accidents"])
            if dfx.get("F5_ip_cost"):
                f5["in_progress"]["cost"] = round(f5["in_progress"]["cost"] + 150.0, 2)
                total_f5["in_progress"]["cost"] = f5["in_progress"]["cost"]
            if dfx.get("F5_total_wrong"):
                total_f5["new"]["area"] = round(total_f5["new"]["area"] + 1.2, 4)
            if dfx.get("F6_rate_wrong"):
                f6["residential"]["_typed"] = True
                f6["residential"]["filing_rate"] = 100.0 if (f6["residential"]["filing_rate"] or 0) < 95 else 50.0
            if dfx.get("F3_missing"):
                f3_rows = [p for p in f3_rows if p.reg != dfx["F3_missing"]]
            if dfx.get("F3_dup_reg"):
                # one project gets the 注册号 of another one in the list (typed twice)
                tgt = dfx["F3_dup_reg"]
                other = sorted([p for p in f3_rows if p.reg != tgt and p.reg_date >= dt.date(2025, 7, 1)],
                               key=lambda p: p.reg)[-1]
            # ----- build sheets
            names = style["names"]
            sheets = [Sheet(n) for n in names]
            f1recs, f2recs = make_records(u, code, model[u]["projs"], per, random.Random(f"rec-{u}-{per}"))
            build_f1(sheets[0], u, per, f1recs, sp, style)
            build_f2(sheets[1], u, per, f2recs, sp, style)
            if dfx.get("F3_dup_reg"):
                # write with the duplicate: temporarily rename
                saved = other.reg
                dup_proxy = Proj()
                dup_proxy.__dict__.update(other.__dict__)
                dup_proxy.reg = tgt
                f3_rows = [dup_proxy if p is other else p for p in f3_rows]
            build_f3(sheets[2], u, per, f3_rows, sp, style, pos, dfx)
            build_f4(sheets[3], u, per, f4_rows, sp, style, pos, dfx)
            build_f5(sheets[4], u, per, f5, total_f5, sp, style, pos, hidden_col=bool(style.get("hidden_cols")))
            build_f6(sheets[5], u, per, f6, sp, style, pos)
            if style.get("stale_sheet") and per == "2025Q3":
                stale = Sheet("附表5（二季度）", hidden=True)
                build_f5(stale, u, "2025Q2", model[u]["Q2"]["f5"], model[u]["Q2"]["f5"],
                         Speller(random.Random(1), style), dict(style, r0=0, c0=0), {})
                sheets.append(stale)
            # widths
            for s in sheets:
                s.widths = {i: 14 for i in range(0, 25)}
            y = per[:4]
            qn = per[-1]
            fname = style["fname"].format(y=y, q=PCN[per][0], n=qn)
            fmt = style["fmt"]
            tmpd = tempfile.mkdtemp(prefix="zk-")
            base = os.path.splitext(fname)[0]
            xpath = os.path.join(tmpd, base + ".xlsx")
            write_xlsx(xpath, sheets)
            if style.get("formulas") == "nocache":
                strip_cached_values(xpath)
            if fmt == "xlsx":
                final = os.path.join(inbox, fname)
                shutil.copy(xpath, final)
            else:
                conv = soffice_convert(xpath, {"xls": "xls:MS Excel 97", "ods": "ods"}[fmt], tmpd)
                final = os.path.join(inbox, fname)
                shutil.copy(conv, final)
            shutil.rmtree(tmpd, ignore_errors=True)

            # ---- expected per unit: the stated numbers
            sn = SHEETS_FOR = names
            f5_sheet, f6_sheet, f3_sheet, f4_sheet = names[4], names[5], names[2], names[3]
            clean_f5 = {k: ({kk: vv for kk, vv in v.items() if not kk.startswith("_")} if isinstance(v, dict) else v)
                        for k, v in f5.items()}
            clean_f6 = {cat: {k: ({kk: vv for kk, vv in v.items() if not kk.startswith("_")} if isinstance(v, dict) else v)
                              for k, v in row.items()} for cat, row in f6.items()}
            exp_units[u] = {"file": fname, "format": fmt, "sheets": names, "F5": clean_f5, "F6": clean_f6,
                            "F1_rows": len(f1recs), "F2_rows": len(f2recs), "F3_rows": len(f3_rows),
                            "F4_rows": len(f4_rows), "F4_filed_rows": sum(1 for p in f4_rows if p.filed),
                            "spellings": {k: sorted(map(str, v)) for k, v in sp.log.items()}}
            # ---- planted defect records
            def add(rule, sev, form, sheet, cells, what):
                planted.append({"unit": u, "file": fname, "form": form, "sheet": sheet, "cells": cells,
                                "rule": rule, "severity": sev, "what": what})
            if dfx.get("F5_rate_wrong"):
                add("F5-002", "error", "F5", f5_sheet, [pos[("F5", "filing_rate.count")], pos[("F5", "total", "filing_rate.count")]],
                    f"备案率（项数）填 {f5['filing_rate']['count']}%，实为 {m['f5']['filed']['count']}/{m['f5']['completed']['count']}")
            if dfx.get("F5_total_wrong"):
                add("F5-001", "error", "F5", f5_sheet, [pos[("F5", "total", "new.area")]],
                    f"合计行新注册面积 {total_f5['new']['area']} ≠ 单位行 {f5['new']['area']}")
            if dfx.get("F3_dup_reg"):
                cols = pos[("F3", "cols")]
                cells = [a1(pos[("F3", dfx["F3_dup_reg"])], cols["工程质量监督注册号"]),
                         a1(pos[("F3", "dup_row")], cols["工程质量监督注册号"])]
                add("F3-001", "error", "F3", f3_sheet, cells,
                    f"注册号 {dfx['F3_dup_reg']} 出现两次（第二次本应为 {saved}）")
            if dfx.get("F4_comp_outside"):
                add("F4-002", "error", "F4", f4_sheet, [pos[("F4", "comp_outside")]],
                    f"{dfx['F4_comp_outside']} 竣工日期月份写成上季度")
            if dfx.get("F4_filed_before"):
                add("F4-003", "error", "F4", f4_sheet, list(pos[("F4", "filed_before")]),
                    f"{dfx['F4_filed_before']} 备案日期早于竣工日期")
            if dfx.get("F5_deaths"):
                add("F5-007", "error", "F5", f5_sheet,
                    [pos[("F5", "accidents.deaths")], pos[("F5", "accidents.count")]], "事故项数 0 而死亡人数 1")
            if dfx.get("F5_ip_cost"):
                add("F5-004", "warning", "F5", f5_sheet,
                    [pos[("F5", "in_progress.cost")], pos[("F5", "in_progress.count")]],
                    "在建造价多填 150 万元：在建 ≠ 接转 + 新注册 − 竣工（造价）")
            if dfx.get("F6_rate_wrong"):
                add("F6-003", "error", "F6", f6_sheet, [pos[("F6", "residential", "rate")]],
                    f"住宅工程备案率填 {f6['residential']['filing_rate']}，实为 {m['f6']['residential']['filing_rate']}")
            if dfx.get("F3_missing"):
                add("F3-002", "error", "F3", f3_sheet, None,
                    f"附表3 漏填 {dfx['F3_missing']}：{len(f3_rows)} 行 ≠ 附表5 在建 {f5['in_progress']['count']}")
                miss = [p for p in st["in_progress"] if p.reg == dfx["F3_missing"]][0]
                add("F3-003", "warning", "F3", f3_sheet, None,
                    f"（随 F3-002）附表3 面积少 {miss.area} ㎡ = {miss.area / 10000:.4f} 万㎡")
            if dfx.get("F3_empty_name"):
                add("F3-004", "error", "F3", f3_sheet, [pos[("F3", "empty_name")]],
                    f"{dfx['F3_empty_name']} 工程名称为空")
        # a lock file in Q3
        if per == "2025Q3":
            with open(os.path.join(inbox, "~$川汇区2025年三季度质量监督统计报表.xlsx"), "wb") as fh:
                fh.write(b"\x00" * 165)
        # ------------------- office totals from the stated unit numbers (independent of spelling)
        tot = {}
        for g in ("carried_over", "new", "in_progress", "completed", "filed"):
            tot[g] = {"count": sum(exp_units[u]["F5"][g]["count"] for u in UNIT_NAMES),
                      "area": round(sum(round(exp_units[u]["F5"][g]["area"] * 10000) for u in UNIT_NAMES) / 10000.0, 4),
                      "cost": round(sum(round(exp_units[u]["F5"][g]["cost"] * 100) for u in UNIT_NAMES) / 100.0, 2)}
        tot["filing_rate"] = {"count": rate1(tot["filed"]["count"], tot["completed"]["count"]),
                              "area": rate1(tot["filed"]["area"], tot["completed"]["area"])}
        num = sum(exp_units[u]["F5"]["satisfaction_rate"] * exp_units[u]["F5"]["filed"]["count"]
                  for u in UNIT_NAMES if exp_units[u]["F5"]["satisfaction_rate"] is not None)
        den = sum(exp_units[u]["F5"]["filed"]["count"] for u in UNIT_NAMES
                  if exp_units[u]["F5"]["satisfaction_rate"] is not None)
        tot["satisfaction_rate"] = round(num / den + 1e-9, 1) if den else None
        tot["accidents"] = {"count": sum(exp_units[u]["F5"]["accidents"]["count"] for u in UNIT_NAMES),
                            "deaths": sum(exp_units[u]["F5"]["accidents"]["deaths"] for u in UNIT_NAMES),
                            "loss": round(sum(exp_units[u]["F5"]["accidents"]["loss"] for u in UNIT_NAMES), 2)}
        t6 = {}
        for cat, _, _ in CATS:
            t6[cat] = {}
            for g in ("new", "completed", "filed", "in_progress"):
                t6[cat][g] = {"count": sum(exp_units[u]["F6"][cat][g]["count"] for u in UNIT_NAMES),
                              "area": round(sum(round(exp_units[u]["F6"][cat][g]["area"] * 10000) for u in UNIT_NAMES) / 10000.0, 4),
                              "cost": round(sum(round(exp_units[u]["F6"][cat][g]["cost"] * 100) for u in UNIT_NAMES) / 100.0, 2)}
            t6[cat]["filing_rate"] = rate1(t6[cat]["filed"]["count"], t6[cat]["completed"]["count"])
        rows = {f"F{i}": {"rows": sum(exp_units[u][f"F{i}_rows"] for u in UNIT_NAMES)} for i in (1, 2, 3, 4)}
        expected["periods"][per] = {
            "inbox": per, "units": exp_units, "planted": planted,
            "totals": {"F5": tot, "F6": t6, **rows},
            "expect_exit": 1 if planted else 0,
            "expect_lock_file": "~$川汇区2025年三季度质量监督统计报表.xlsx" if per == "2025Q3" else None,
            "expect_IN007_units": ["郸城县"],
        }
    with open(os.path.join(out_root, "EXPECTED.json"), "w", encoding="utf-8") as fh:
        json.dump(expected, fh, ensure_ascii=False, indent=1)
    with open(os.path.join(out_root, "qstat.toml"), "w", encoding="utf-8") as fh:
        fh.write('name = "周口市"\nlevel = "city"\nunits = [' + ", ".join(f'"{u}"' for u in UNIT_NAMES) + "]\n\n"
                 '[aliases]\n"周口市淮阳区" = "淮阳区"\n"周口市川汇区" = "川汇区"\n\n'
                 '[office]\nfull_name = "周口市建设工程质量监督站"\nstatistician = "陈静"\napprover = "刘志刚"\n'
                 'phone = "0394-8231234"\nrecipient = "河南省建设工程质量监督总站"\n')
    if out_root == HERE:
        import write_expected_md
        write_expected_md.main()
    print("written", out_root)


if __name__ == "__main__":
    main()
