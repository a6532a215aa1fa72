#!/usr/bin/env python3
"""Generate the 洛阳市 inbox for 2025Q3, 2025Q4 and the year 2025 (附表7), with EXPECTED.json.

Independent test data for qstat: imports nothing from qstat.
Run:  python generate.py      (writes inbox/, qstat.toml, EXPECTED.json; then write_expected_md.py)
"""
import datetime as dt
import io
import json
import os
import random
import shutil
import subprocess
import tempfile
import zipfile
from collections import OrderedDict

import openpyxl
import xlsxwriter
from openpyxl.styles import Alignment, Font, Border, Side
from openpyxl.utils import get_column_letter

HERE = os.path.dirname(os.path.abspath(__file__))
INBOX = os.path.join(HERE, "inbox")
R = random.Random(20251231)
D = dt.date

UNITS = ["涧西区", "西工区", "老城区", "瀍河区", "洛龙区", "偃师区", "孟津区",
         "新安县", "宜阳县", "洛宁县", "伊川县", "嵩县", "栾川县", "汝阳县"]
CODES = {"老城区": "410302", "西工区": "410303", "瀍河区": "410304", "涧西区": "410305",
         "偃师区": "410307", "孟津区": "410308", "洛龙区": "410311", "新安县": "410323",
         "栾川县": "410324", "嵩县": "410325", "汝阳县": "410326", "宜阳县": "410327",
         "洛宁县": "410328", "伊川县": "410329"}
SIZE = {"洛龙区": 3800, "涧西区": 2950, "偃师区": 2600, "西工区": 380, "孟津区": 340,
        "伊川县": 280, "新安县": 260, "宜阳县": 200, "老城区": 150, "瀍河区": 120,
        "洛宁县": 90, "栾川县": 85, "嵩县": 60, "汝阳县": 24}
QSTART = {1: D(2025, 1, 1), 2: D(2025, 4, 1), 3: D(2025, 7, 1), 4: D(2025, 10, 1)}
QEND = {1: D(2025, 3, 31), 2: D(2025, 6, 30), 3: D(2025, 9, 30), 4: D(2025, 12, 31)}
QCN = {1: "一", 2: "二", 3: "三", 4: "四"}

SURN = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰亮斌宇浩凯鹏飞鑫波辉海峰晓东俊文博晨阳雪梅"
BUILDERS = ["河南省第一建筑工程集团有限责任公司", "洛阳建工集团有限公司", "中国一冶集团有限公司",
            "河南六建建筑集团有限公司", "中建七局第二建筑有限公司", "洛阳市第二建筑工程有限公司",
            "河南五建建设集团有限公司", "中国有色金属工业第六冶金建设有限公司", "洛阳华海建设工程有限公司",
            "河南国基建设集团有限公司", "中铁十五局集团城市建设工程有限公司", "洛阳市政建设集团有限公司",
            "河南省第二建设集团有限公司", "洛阳龙兴建筑工程有限公司", "河南天工建设集团有限公司",
            "洛阳宏达建设工程有限公司", "河南瑞鑫建筑工程有限公司", "中建二局第三建筑工程有限公司"]
SUPERVISORS = ["洛阳市诚信工程建设监理有限公司", "河南长城铁路工程建设咨询有限公司", "洛阳规划建筑设计研究院监理公司",
               "河南建达工程咨询有限公司", "洛阳市建设监理有限公司", "中赟国际工程有限公司",
               "河南省建设监理有限公司", "洛阳正鸿工程项目管理有限公司", "河南卓越工程管理有限公司",
               "洛阳众诚工程监理有限公司"]
ESTATES = ["锦绣", "翰林", "书香", "和园", "泰和", "建业", "正弘", "碧桂园", "龙湖", "海悦", "牡丹", "洛浦",
           "伊滨", "瀍河", "天誉", "华夏", "盛世", "中央", "紫金", "御府", "丽景", "金水", "嘉园", "雅居"]
ESTATE_SUF = ["小区", "花园", "苑", "府", "名邸", "新城", "家园"]
PUBLIC = ["第{n}实验小学教学楼", "第{n}中学综合楼", "人民医院门诊楼{n}号", "妇幼保健院住院楼{n}号",
          "文化中心{n}号馆", "社区服务中心{n}号楼", "职业技术学院实训楼{n}", "体育中心{n}号馆",
          "养老服务中心{n}号楼", "政务服务中心{n}号楼", "商业综合体{n}号楼", "图书馆{n}期"]
INDUS = ["智能制造产业园{n}号厂房", "物流园{n}号仓库", "轴承产业园{n}号车间", "装备制造基地{n}号厂房",
         "新材料产业园{n}号厂房", "冷链物流中心{n}号库"]
TOWNS = ["城关镇", "白杨镇", "柳泉镇", "蔡店乡", "白沙镇", "鸣皋镇", "赵保镇", "石庙镇", "城郊乡", "大章镇"]
ROADS = ["开元大道", "王城大道", "中州路", "九都路", "太康路", "龙门大道", "滨河路", "洛宜路", "关林路", "牡丹大道",
         "凯旋路", "长夏门街", "景华路", "南昌路", "西苑路", "丽新路", "厚载门街", "学子街", "宜人路", "定鼎路"]
PROGRESS = ["基础施工", "主体施工", "主体{n}层", "主体封顶", "二次结构", "装饰装修", "安装施工", "室外配套"]


def person():
    return R.choice(SURN) + "".join(R.choice(GIVEN) for _ in range(R.choice([1, 2])))


def rnd_date(a, b):
    return a + dt.timedelta(days=R.randint(0, (b - a).days))


# ----------------------------------------------------------------------------- simulation
class P:
    __slots__ = ("reg_no", "name", "struct", "area", "cost", "builder", "supervisor", "kind",
                 "afford", "county", "reg_q", "reg_year", "comp_q", "comp_date", "filed",
                 "filed_date", "satisfied", "progress", "note")


def simulate(unit):
    T = SIZE[unit]
    code = CODES[unit]
    names = set()
    seqs = {}
    projects = []
    two_dec = unit == "嵩县"

    def regno(year):
        seqs[year] = seqs.get(year, 0) + R.randint(1, 3)
        s = seqs[year]
        if unit in ("洛龙区", "偃师区", "新安县", "汝阳县"):
            return f"{code}-{year}-{s:04d}"
        if unit in ("涧西区", "孟津区", "伊川县"):
            return f"{code}{year}{s:04d}"
        if unit in ("西工区", "老城区", "瀍河区"):
            return f"LYZJ{code[-2:]}-{year}-{s:03d}"
        return f"{unit[:2]}监{year}-{s:03d}"

    def mkname(kind, county):
        for _ in range(1000):
            pre = (R.choice(TOWNS) if county else "")
            if kind == "res":
                nm = pre + R.choice(ESTATES) + R.choice(ESTATE_SUF) + f"{R.randint(1, 60)}#楼"
            elif kind == "pub":
                nm = pre + (R.choice(ROADS) if not county else "") + R.choice(PUBLIC).format(n=R.randint(1, 40))
            else:
                nm = pre + (R.choice(ROADS) if not county else "") + R.choice(INDUS).format(n=R.randint(1, 50))
            if nm not in names:
                names.add(nm)
                return nm
        raise RuntimeError

    def mk(reg_q):
        p = P()
        p.kind = R.choices(["res", "pub", "ind"], [60, 25, 15])[0]
        p.county = R.random() < (0.35 if unit.endswith("县") else 0.15)
        p.afford = p.kind == "res" and R.random() < 0.2
        p.reg_q = reg_q
        p.reg_year = 2025 if reg_q else R.choice([2022, 2023, 2024, 2024, 2024])
        p.reg_no = regno(p.reg_year)
        p.name = mkname(p.kind, p.county)
        if p.afford:
            p.name = p.name.replace("#楼", "#楼（安置房）") if R.random() < .5 else p.name.replace("#楼", "#楼（保障性住房）")
        if p.kind == "res":
            area = R.uniform(3000, 26000); p.struct = R.choice(["剪力墙", "框架-剪力墙", "剪力墙", "框架"])
        elif p.kind == "pub":
            area = R.choice([R.uniform(2000, 18000), R.uniform(2000, 18000), R.uniform(20000, 65000)])
            p.struct = R.choice(["框架", "框架-剪力墙", "钢结构", "框架-核心筒"])
        else:
            area = R.uniform(1500, 30000); p.struct = R.choice(["钢结构", "钢结构", "框架", "排架"])
        p.area = round(area, 2) if two_dec else float(int(area))
        p.cost = round(p.area * R.uniform(0.22, 0.48), 2)
        p.builder = R.choice(BUILDERS); p.supervisor = R.choice(SUPERVISORS)
        p.comp_q = None; p.comp_date = None; p.filed = False; p.filed_date = None; p.satisfied = False
        p.progress = {}; p.note = ""
        projects.append(p)
        return p

    s0 = round(T * 0.94)
    for _ in range(s0):
        mk(0)
    for q in (1, 2, 3, 4):
        stock = [p for p in projects if p.comp_q is None and p.reg_q < q]
        c = max(2, round(T * R.uniform(0.05, 0.085)))
        stock.sort(key=lambda p: (p.reg_year, p.reg_q, R.random()))
        pool = stock[: max(c * 3, c + 2)]
        for p in R.sample(pool, c):
            p.comp_q = q
            p.comp_date = rnd_date(QSTART[q], QEND[q] - dt.timedelta(days=3))
            p.filed = R.random() < 0.88
            if p.filed:
                p.filed_date = rnd_date(p.comp_date, min(p.comp_date + dt.timedelta(days=40), QEND[q]))
                p.satisfied = R.random() < 0.94
        if not any(p.filed for p in projects if p.comp_q == q):
            p = next(p for p in projects if p.comp_q == q)
            p.filed = True; p.filed_date = p.comp_date + dt.timedelta(days=1); p.satisfied = True
        n = max(2, round(T * R.uniform(0.07, 0.11)))
        for _ in range(n):
            mk(q)
    for p in projects:
        for q in (1, 2, 3, 4):
            p.progress[q] = R.choice(PROGRESS).format(n=R.randint(2, 30))
            if p.comp_q == q + 1 and R.random() < .5:
                p.progress[q] = "已完工未验收"
        if R.random() < 0.01:
            p.progress[3] = p.progress[4] = "停工"
    return projects


def in_stock(p, q):  # in construction at the end of quarter q (q=0: end of 2024)
    return p.reg_q <= q and (p.comp_q is None or p.comp_q > q)


def agg(ps, two_dec=False):
    a = sum(p.area for p in ps)
    return {"count": len(ps), "area": round(a / 10000, 6), "cost": round(sum(p.cost for p in ps), 2)}


def rate(num, den):
    return None if not den else round(num / den * 100, 1)


CATS = OrderedDict([("residential", "住宅工程"), ("affordable_housing", "保障性安居工程"),
                    ("public", "公共建筑工程"), ("large_public", "大型公共建筑工程（2万平方米以上）"),
                    ("steel", "钢结构\n工程"), ("county", "县（区）\n工程")])


def cat_of(p, c):
    return {"residential": p.kind == "res", "affordable_housing": p.afford, "public": p.kind == "pub",
            "large_public": p.kind == "pub" and p.area >= 20000, "steel": p.struct == "钢结构",
            "county": p.county}[c]


def stats(projects, period):
    """F5 (quarter) or F7 (year) figures plus F6 and lists, as true values."""
    if period == "year":
        co = [p for p in projects if p.reg_q == 0]
        new = [p for p in projects if p.reg_q >= 1]
        ip = [p for p in projects if in_stock(p, 4)]
        comp = [p for p in projects if p.comp_q]
    else:
        q = period
        co = [p for p in projects if in_stock(p, q - 1)]
        new = [p for p in projects if p.reg_q == q]
        ip = [p for p in projects if in_stock(p, q)]
        comp = [p for p in projects if p.comp_q == q]
    filed = [p for p in comp if p.filed]
    sat = sum(1 for p in filed if p.satisfied)
    f5 = {"carried_over": agg(co), "new": agg(new), "in_progress": agg(ip), "completed": agg(comp),
          "filed": agg(filed)}
    f5["filing_rate"] = {"count": rate(len(filed), len(comp)),
                         "area": rate(f5["filed"]["area"], f5["completed"]["area"])}
    f5["satisfaction_rate"] = rate(sat, len(filed))
    f5["accidents"] = {"count": 0, "deaths": 0, "loss": 0.0}
    f6 = OrderedDict()
    for c in CATS:
        f6[c] = {k: agg([p for p in lst if cat_of(p, c)]) for k, lst in
                 (("new", new), ("completed", comp), ("filed", filed), ("in_progress", ip))}
        f6[c]["filing_rate"] = rate(f6[c]["filed"]["count"], f6[c]["completed"]["count"])
    return {"F5": f5, "F6": f6, "F3": ip, "F4": comp}


# ----------------------------------------------------------------------------- records F1/F2
FACTS1 = ["未按施工图设计文件施工，擅自变更{x}", "项目经理未按规定在岗履职", "总监理工程师未按规定到岗履职，旁站记录缺失",
          "使用未经检验的{x}", "未按规定组织隐蔽工程验收", "混凝土试块留置数量不足", "未按规定进行见证取样送检",
          "擅自交付使用，未组织竣工验收", "检测报告数据不真实", "施工图审查把关不严"]
MAT = ["钢筋", "防水卷材", "保温材料", "预拌砂浆", "商品混凝土"]


def records(unit, q, projects, n1, n2):
    ps = [p for p in projects if p.reg_q <= q]
    f1, f2 = [], []
    ab = {"洛龙区": "LL", "涧西区": "JX", "偃师区": "YS", "西工区": "XG", "老城区": "LC", "瀍河区": "CH",
          "孟津区": "MJ", "新安县": "XA", "宜阳县": "YY", "洛宁县": "LN", "伊川县": "YC", "嵩县": "SX",
          "栾川县": "LCX", "汝阳县": "RY"}[unit]
    for i in range(n1):
        p = R.choice(ps)
        typ = R.choice(["b", "b", "s", "c"])
        party = {"b": p.builder, "s": p.supervisor, "c": R.choice(["洛阳" + R.choice(ESTATES) + "置业有限公司",
                                                                "洛阳市建设工程质量检测中心有限公司"])}[typ]
        rec = rnd_date(QSTART[q], QEND[q] - dt.timedelta(days=10))
        f1.append({"record_no": f"{ab}BL2025-{q}{i + 1:02d}", "project": p.name, "party": party,
                   "person": person(), "title": {"b": "项目经理", "s": "总监理工程师", "c": "负责人"}[typ],
                   "fact": R.choice(FACTS1).format(x=R.choice(MAT)), "clause": f"第{R.randint(8, 16)}条第（{QCN[R.randint(1, 4)]}）项",
                   "recorder": person(), "recorded_on": rec, "approver": person(),
                   "approved_on": rec + dt.timedelta(days=R.randint(0, 9))})
    for i in range(n2):
        p = R.choice(ps)
        d = rnd_date(QSTART[q], QEND[q])
        fine = R.choice([2, 3, 5, 8, 10, 20])
        f2.append({"record_no": f"{ab}CF2025-{q}{i + 1:02d}", "project": p.name, "party": p.builder,
                   "date": d, "fact": R.choice(FACTS1).format(x=R.choice(MAT)),
                   "basis": f"《建设工程质量管理条例》第{R.choice([64, 65, 67, 72])}条",
                   "penalty": f"罚款{fine}万元", "status": R.choice(["已执行", "已执行", "执行中"]),
                   "handling": R.choice(["已整改到位", "责令限期整改", "已整改并复查合格"])})
    return f1, f2


# ----------------------------------------------------------------------------- styles (clerk quirks)
FW = str.maketrans("0123456789.", "０１２３４５６７８９．")


class Style:
    def __init__(self, **kw):
        self.sheet = {"F1": "附表1", "F2": "附表2", "F3": "附表3", "F4": "附表4", "F5": "附表5", "F6": "附表6",
                      "F7": "附表7", "SC": "考核评分表"}
        self.one_sheet = None        # sheet name when every form is on one sheet
        self.row0 = 0                # rows above the title
        self.col0 = 0
        self.long_title = False      # a long title block before each table
        self.num = "plain"           # plain | text | thousands | fullwidth | trailing
        self.zero = None             # None | "无" | "—"
        self.rate = "num"            # num | pct_str | fraction
        self.date = "excel"          # excel | dot | dash | cn
        self.total_row = False       # unit row + 合计 row in 附表5/7
        self.label = None            # label of the unit row
        self.seq_col = False         # a 序号 column before the label in 附表5/7
        self.flat_header = False     # one-row headers
        self.merge_builder = False   # 附表3/4 sorted and merged by 施工单位
        self.engine = "openpyxl"     # openpyxl | xlsxwriter
        self.formulas = None         # None | cached | nocache
        self.fmt = "xlsx"            # xlsx | xls | xlsm
        self.wps = False
        self.stale_sheet = False
        self.unit_line = None        # the 填表单位 text
        self.score = True
        self.reason_col = False
        self.empty_f1 = "本季度无不良行为记录"
        self.empty_f2 = "本季度无行政处罚记录"
        self.period_fmt = "第{q}季度"
        self.__dict__.update(kw)


STYLES = {
    "洛龙区": Style(unit_line="洛阳市洛龙区建设工程质量监督站", reason_col=True, row0=0),
    "涧西区": Style(engine="xlsxwriter", wps=True, long_title=True, unit_line="洛阳市涧西区住房和城乡建设局",
                  reason_col=True),
    "偃师区": Style(one_sheet="季度报表", unit_line="洛阳市偃师区建设工程质量监督站", row0=1),
    "西工区": Style(sheet={"F1": "表一", "F2": "表二", "F3": "表三", "F4": "表四", "F5": "表五", "F6": "表六",
                        "F7": "表七", "SC": "自评表"}, num="thousands", label="洛阳市西工区",
                  unit_line="西工区建设工程质量监督站"),
    "老城区": Style(fmt="xls", date="dot", unit_line="老城区住房和城乡建设局", period_fmt="{q}季度"),
    "瀍河区": Style(fmt="xlsm", seq_col=True, unit_line="瀍河回族区建设工程质量监督站",
                  sheet={"F1": "不良行为", "F2": "行政处罚", "F3": "在建工程", "F4": "竣工工程",
                         "F5": "季度统计", "F6": "分类统计", "F7": "年度统计", "SC": "自评打分表"}),
    "孟津区": Style(sheet={"F1": "Sheet1", "F2": "Sheet2", "F3": "Sheet3", "F4": "Sheet4", "F5": "Sheet5",
                        "F6": "Sheet6", "F7": "Sheet7", "SC": "Sheet8"}, stale_sheet=True,
                  unit_line="孟津县建设工程质量监督站", row0=2),
    "新安县": Style(total_row=True, rate="pct_str", date="cn", unit_line="新安县住房和城乡建设局（质监站）",
                  reason_col=True),
    "宜阳县": Style(zero="无", rate="fraction", unit_line="宜阳县建设工程质量监督站", empty_f2="无"),
    "洛宁县": Style(merge_builder=True, unit_line="洛宁县住房和城乡建设局", col0=1, num="fullwidth"),
    "伊川县": Style(engine="xlsxwriter", formulas="cached", total_row=True, unit_line="伊川县建设工程质量监督站",
                  reason_col=True),
    "嵩县": Style(sheet={"F1": "不良行为记录", "F2": "行政处罚记录", "F3": "在建工程明细表", "F4": "竣工工程明细表",
                       "F5": "季度统计表", "F6": "分类统计表", "F7": "年度统计表", "SC": "评分表"}, col0=1, row0=1,
                score=False, num="text", unit_line="嵩县建设工程质量监督站"),
    "栾川县": Style(flat_header=True, num="trailing", date="dash", score=False, zero="—",
                  unit_line="栾川县住房和城乡建设局"),
    "汝阳县": Style(formulas="nocache", unit_line="汝阳县建设工程质量监督站"),
}


# ----------------------------------------------------------------------------- cell formatting
class Fmt:
    def __init__(self, st):
        self.st = st

    def _txt(self, v, dec):
        s = f"{v:,.{dec}f}" if self.st.num == "thousands" else f"{v:.{dec}f}"
        if dec and "." in s and self.st.num != "text":
            s = s.rstrip("0").rstrip(".") if dec > 2 else s
        return s

    def count(self, v):
        st = self.st
        if v == 0 and st.zero:
            return st.zero
        if st.num == "fullwidth":
            return str(v).translate(FW)
        if st.num == "trailing":
            return f"{v} "
        if st.num == "text":
            return str(v)
        return v

    def area(self, v):  # 万㎡, exact
        st = self.st
        if v == 0 and st.zero:
            return st.zero
        if st.num in ("thousands", "text"):
            return f"{v:.6f}".rstrip("0").rstrip(".") if v else "0"
        if st.num == "trailing":
            return (f"{v:.6f}".rstrip("0").rstrip(".") or "0") + " "
        return ("num", v, "0.00")

    def cost(self, v):
        st = self.st
        if v == 0 and st.zero:
            return st.zero
        if st.num == "thousands":
            return f"{v:,.2f}"
        if st.num == "text":
            return f"{v:.2f}"
        if st.num == "trailing":
            return f"{v:.2f} "
        return ("num", v, "0.00")

    def rate(self, v, hundred_ok=True):
        st = self.st
        if v is None:
            return "/" if st.zero else None
        if st.rate == "pct_str":
            return f"{v:.1f}%"
        if st.rate == "fraction":
            return ("num", round(v / 100, 4), "0.0%")
        return ("num", v, "0.0")

    def date(self, d):
        if d is None:
            return None
        s = self.st.date
        if s == "dot":
            return f"{d.year}.{d.month}.{d.day}"
        if s == "dash":
            return d.isoformat()
        if s == "cn":
            return f"{d.year}年{d.month}月{d.day}日"
        return ("date", d)

    def m2(self, v):
        if self.st.num == "thousands":
            return f"{v:,.0f}" if v == int(v) else f"{v:,.2f}"
        return v


# ----------------------------------------------------------------------------- blocks
class Block:
    def __init__(self):
        self.rows = []
        self.merges = []
        self.keys = {}     # semantic key -> (r, c)
        self.hidden = []

    def add(self, row):
        self.rows.append(list(row))
        return len(self.rows) - 1


TITLES = {"F1": "河南省建设工程有关责任主体及相关责任人员不良行为记录统计表", "F2": "河南省建设工程质量责任主体行政处罚记录表",
          "F3": "河南省建设工程质量监督在建工程明细表", "F4": "河南省建设工程质量监督竣工工程明细表",
          "F5": "河南省建设工程质量监督季度统计表", "F6": "河南省建设工程质量监督季（年）度分类统计表",
          "F7": "河南省建设工程质量监督年度统计表"}
NOTE = ("填表说明：1、在建工程：已办理监督注册手续，尚未完工或已完工，但未进行竣工验收的工程；2、竣工工程：已办理监督注册手续，"
        "已通过竣工验收的工程；3、质量备案率：已办理质量备案手续的工程/竣工工程；4、用户满意率：用户评价为满意的工程（项数）/"
        "已办理质量备案手续的工程；5、接转工程：上一季（年）度在建工程。")


def period_text(st, period):
    if period == "year":
        return "（2025年度）"
    return "（2025年" + st.period_fmt.format(q=QCN[period]) + "）"


def title_rows(b, st, form, period, ncol, ctx, seal="公章"):
    n = form[1]
    if st.long_title:
        b.add([f"附表{n}"]); b.add([TITLES[form]]); b.merges.append((1, 0, 1, ncol - 1))
        b.add([period_text(st, period)]); b.merges.append((2, 0, 2, ncol - 1))
        b.add([f"填表单位（{seal}）：{st.unit_line}"])
        b.add(["单位：面积 平方米/万㎡，造价 万元" if form != "F1" else f"填表人：{ctx['stat']}"])
    else:
        b.add([f"附表{n}  {TITLES[form]}"]); b.merges.append((0, 0, 0, ncol - 1))
        b.add([period_text(st, period)])
        if form == "F1":
            b.add([f"填表单位（公章）：{st.unit_line}", None, None, f"填表人：{ctx['stat']}", None, None,
                   f"批准人：{ctx['appr']}", None, f"填表日期：{ctx['date_cn']}"])
        else:
            b.add([f"填表单位（{seal}）：{st.unit_line}"])


def footer(b, st, ctx, ncol):
    b.add([f"统计员：{ctx['stat']}", None, None, f"批准人：{ctx['appr']}", None, None,
           f"报送日期：{ctx['date_cn']}"][:max(ncol, 7)])


def hdr2(b, st, top, sub, spans):
    """top: list of (label, width); sub: labels for the second row (same total width)."""
    if st.flat_header:
        row = []
        for (lab, w), s in zip(top, group_sub(sub, spans)):
            if w == 1:
                row.append(lab.replace("\n", ""))
            else:
                row += [lab + x.replace("\n", "") for x in s]
        r = b.add(row)
        return r
    r1 = b.add([]); r2 = b.add([])
    c = 0
    for (lab, w) in top:
        b.rows[r1] += [lab] + [None] * (w - 1)
        if w > 1:
            b.merges.append((r1, c, r1, c + w - 1))
        else:
            b.merges.append((r1, c, r2, c))
        c += w
    b.rows[r2] = list(sub)
    return r2


def group_sub(sub, spans):
    out, c = [], 0
    for w in spans:
        out.append(sub[c:c + w]); c += w
    return out


def block_f1(st, fmt, period, ctx, recs):
    b = Block(); nc = 11
    title_rows(b, st, "F1", period, nc, ctx)
    top = [("记录\n编号", 1), ("工程名称", 1), ("责任单位", 1), ("责  任  人", 2), ("不良行为事实", 1),
           ("对应省不良记录管理办法条款", 1), ("记录人", 1), ("记录\n日期", 1), ("批准人", 1), ("批准\n日期", 1)]
    sub = [None, None, None, "姓名", "职务", None, None, None, None, None, None]
    hdr2(b, st, top, sub, [w for _, w in top])
    b.keys["data"] = len(b.rows)
    if not recs:
        b.add(["无", st.empty_f1] if st.empty_f1 != "无" else ["无"])
    for i, r in enumerate(recs):
        b.add([r["record_no"], r["project"], r["party"], r["person"], r["title"], r["fact"], r["clause"],
               r["recorder"], fmt.date(r["recorded_on"]), r["approver"], fmt.date(r["approved_on"])])
    b.add(["备注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测机构、施工图审查机构及其它有关单位。"])
    return b


def block_f2(st, fmt, period, ctx, recs):
    b = Block(); nc = 9
    title_rows(b, st, "F2", period, nc, ctx)
    b.add(["记录编号", "工程名称", "责任单位", "时间", "违法违规事实", "处罚依据", "处罚内容", "处罚情况", "处理情况"])
    if not recs:
        b.add(["无", "本季度无行政处罚记录" if st.empty_f2 != "无" else None])
    for r in recs:
        b.add([r["record_no"], r["project"], r["party"], fmt.date(r["date"]), r["fact"], r["basis"],
               r["penalty"], r["status"], r["handling"]])
    b.add(["注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测单位、施工图审查机构及其它有关单位。"])
    footer(b, st, ctx, nc)
    return b


def merge_col(b, start, col, values):
    """merge equal consecutive values of column col from row start (as clerks group by 施工单位)."""
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and values[j + 1] == values[i]:
            j += 1
        if j > i:
            b.merges.append((start + i, col, start + j, col))
            for k in range(i + 1, j + 1):
                b.rows[start + k][col] = None
        i = j + 1


def block_f3(st, fmt, period, ctx, ps, q):
    b = Block(); nc = 10
    title_rows(b, st, "F3", period, nc, ctx)
    b.add(["序号", "工程质量监督注册号", "工程名称", "结构\n类型", "建筑面积\n（平方米）", "工程造价\n（万元）",
           "施工单位", "监理单位", "形象进度", "备注"])
    d0 = len(b.rows); b.keys["data"] = d0
    if st.merge_builder:
        ps = sorted(ps, key=lambda p: p.builder)
    for i, p in enumerate(ps):
        r = b.add([i + 1, p.reg_no, p.name, p.struct, fmt.m2(p.area), p.cost, p.builder, p.supervisor,
                   p.progress[q], p.note or None])
        b.keys[("F3", id(p))] = r
    if st.merge_builder:
        merge_col(b, d0, 6, [p.builder for p in ps])
    if st.total_row or st.formulas:
        b.add(["合计", None, f"{len(ps)}项", None, round(sum(p.area for p in ps), 2),
               round(sum(p.cost for p in ps), 2)])
    footer(b, st, ctx, nc)
    return b, ps


def block_f4(st, fmt, period, ctx, ps):
    b = Block(); nc = 12
    title_rows(b, st, "F4", period, nc, ctx)
    b.add(["序号", "工程质量监督注册号", "工程名称", "结构类型", "建筑面积\n（平方米）", "工程造价\n（万元）",
           "施工单位", "监理单位", "竣工\n日期", "竣工验收结论", "备案\n日期", "备案\n结论"])
    d0 = len(b.rows)
    if st.merge_builder:
        ps = sorted(ps, key=lambda p: p.builder)
    for i, p in enumerate(ps):
        r = b.add([i + 1, p.reg_no, p.name, p.struct, fmt.m2(p.area), p.cost, p.builder, p.supervisor,
                   fmt.date(p.comp_date), "合格", fmt.date(p.filed_date) if p.filed else None,
                   ("准予备案" if p.filed else None)])
        b.keys[("F4", id(p))] = r
    if st.merge_builder:
        merge_col(b, d0, 6, [p.builder for p in ps])
    footer(b, st, ctx, nc)
    return b, ps


F5_TOP = [("市、县\n（市）", 1), ("上季度接转工程", 3), ("本季度新注册工程", 3), ("本季度在建工程", 3),
          ("本季度竣工工程", 3), ("本季度质量备案\n工程", 3), ("季度质量\n备案率（%）", 2), ("用户\n满意率\n（%）", 1),
          ("本季度发生工程质量事故", 3)]
F7_TOP = [("市、县\n（市）", 1), ("上年度接转工程", 3), ("本年度新注册工程", 3), ("截止到年底在建\n工程", 3),
          ("截止到年底竣工\n工程", 3), ("本年度备案工程", 2), ("本年度质量备案率（%）", 2), ("用  户\n满意率\n（%）", 1),
          ("本年度发生工程\n质量事故", 3)]
ACU = ["项数", "面积\n（万㎡）", "造价\n（万元）"]


def stat_values(fmt, s, year=False):
    """cells of one 附表5/7 row (after the label), with the semantic key of each."""
    cells = []
    groups = ["carried_over", "new", "in_progress", "completed", "filed"]
    for g in groups:
        cells.append(((g, "count"), fmt.count(s[g]["count"])))
        cells.append(((g, "area"), fmt.area(s[g]["area"])))
        if not (year and g == "filed"):
            cells.append(((g, "cost"), fmt.cost(s[g]["cost"])))
    cells.append((("filing_rate", "count"), fmt.rate(s["filing_rate"]["count"])))
    cells.append((("filing_rate", "area"), fmt.rate(s["filing_rate"]["area"])))
    cells.append((("satisfaction_rate",), fmt.rate(s["satisfaction_rate"])))
    a = s["accidents"]
    cells.append((("accidents", "count"), fmt.count(a["count"])))
    cells.append((("accidents", "deaths"), fmt.count(a["deaths"])))
    cells.append((("accidents", "loss"), fmt.cost(a["loss"]) if a["loss"] else fmt.count(0)))
    return cells


def block_stat(st, fmt, period, ctx, unit, s, total_override=None, year=False):
    form = "F7" if year else "F5"
    top = F7_TOP if year else F5_TOP
    sub = [None] + ACU * 4 + (["项数", "面积\n（万㎡）"] if year else ACU) + ["项数", "面积", None, "项数", "死亡人数",
                                                                       "经济损失（万元）"]
    if st.seq_col:
        top = [("序号", 1)] + top; sub = [None] + sub
    nc = len(sub)
    b = Block()
    title_rows(b, st, form, period, nc, ctx, seal="盖章")
    hdr2(b, st, top, sub, [w for _, w in top])
    label = st.label or unit
    cells = stat_values(fmt, s, year)
    off = 2 if st.seq_col else 1
    row = ([1] if st.seq_col else []) + [label] + [v for _, v in cells]
    r = b.add(row)
    for j, (k, _) in enumerate(cells):
        b.keys[k] = (r, off + j)
    b.keys["unit_row"] = r
    if st.total_row:
        tcells = stat_values(fmt, total_override or s, year)
        rt = b.add(([None] if st.seq_col else []) + ["合计"] + [v for _, v in tcells])
        for j, (k, _) in enumerate(tcells):
            b.keys[("total",) + k] = (rt, off + j)
        b.keys["total_row"] = rt
        if st.formulas == "cached":   # 合计 as formulas with cached values
            for j, (k, v) in enumerate(tcells):
                col = get_column_letter(off + j + 1 + st.col0)
                b.rows[rt][off + j] = ("f", f"={col}{{r{r}}}", v)
    if st.formulas == "nocache" and not year:
        # in_progress = carried + new - completed, and the 备案率, typed as formulas (no cached value)
        L = lambda k: get_column_letter(b.keys[k][1] + 1 + st.col0)
        rr = "{r%d}" % r
        b.rows[r][b.keys[("in_progress", "count")][1]] = (
            "f", f"={L(('carried_over','count'))}{rr}+{L(('new','count'))}{rr}-{L(('completed','count'))}{rr}", None)
        b.rows[r][b.keys[("filing_rate", "count")][1]] = (
            "f", f"=ROUND({L(('filed','count'))}{rr}/{L(('completed','count'))}{rr}*100,1)", None)
    b.add([NOTE]); b.merges.append((len(b.rows) - 1, 0, len(b.rows) - 1, nc - 1))
    footer(b, st, ctx, nc)
    return b


def block_f6(st, fmt, period, ctx, f6):
    top = [("项  目", 1), ("本季/年新注册项目", 3), ("本季/年竣工工程", 3), ("本季/年质量备案工程", 4), ("本季/年在建工程", 3)]
    sub = [None, "项数", "面 积\n（万㎡）", "造 价\n（万元）", "项数", "面积\n（万㎡）", "造价\n（万元）", "项数",
           "面积\n（万㎡）", "造价（万元）", "备案率\n（项%）", "项数", "面积\n（万㎡）", "造价\n（万元）"]
    b = Block(); nc = 14
    title_rows(b, st, "F6", period, nc, ctx, seal="盖章")
    hdr2(b, st, top, sub, [w for _, w in top])
    for c, lab in CATS.items():
        v = f6[c]; row = [lab]; j = 1
        for g in ("new", "completed", "filed"):
            for m, f in (("count", fmt.count), ("area", fmt.area), ("cost", fmt.cost)):
                row.append(f(v[g][m])); b.keys[(c, g, m)] = (len(b.rows), j); j += 1
            if g == "filed":
                row.append(fmt.rate(v["filing_rate"])); b.keys[(c, "filing_rate")] = (len(b.rows), j); j += 1
        for m, f in (("count", fmt.count), ("area", fmt.area), ("cost", fmt.cost)):
            row.append(f(v["in_progress"][m])); b.keys[(c, "in_progress", m)] = (len(b.rows), j); j += 1
        b.add(row)
    footer(b, st, ctx, nc)
    return b


SC_ITEMS = [  # (section, item, criteria(short), max, step)
    ("住房城乡建设主管部门\n(60分)", "机制建设", "主管部门明确了保障性安居工程监督管理机构职责及岗位责任分工，记5分；建立了内部工作制度，记3分；定期召开会议，记2分。", 10, None, [5, 3, 2]),
    (None, "机构和队伍\n建设", "配备专职人员3人（含）以上的，记2分；监督机构人员编制经费已解决的，记2分；监管工作人员办理行政执法证的，记1分。", 5, None, [2, 2, 1]),
    (None, "制度建设", "制定了保障性安居工程质量监管制度，记2分；制定了工程招投标、施工图审查、施工许可、质量投诉处理等工作管理制度，记2分。", 4, None, [2, 2]),
    (None, "档案管理", "建立了档案管理制度的，记1分；文档、档案资料装订保管有序并明确专人负责管理的，记1分；建立了管理台帐的，记1分。", 3, None, [1, 1, 1]),
    (None, "监督执法工作", "及时对保障性安居工程质量进行监督……记10分，不满足一项扣2分，扣完为止，不倒扣分。", 10, 2, None),
    (None, "回访保修", "建立回访保修工作机制，认真督促参建各方责任主体及时履行质量保修责任。记2分。不满足一项扣1分，扣完为止，不倒扣分。", 2, 1, None),
    (None, "工程质量投诉和复议", "严格按照投诉管理相关制度受理和处理业主投诉……记2分，不满足一项扣1分，扣完为止，不倒扣分。", 2, 1, None),
    (None, "层级监督考核", "依法依规对县（市、区）主管部门进行考核；及时通报考核结果。记3分，不满足一项扣1.5分，扣完为止，不倒扣分。", 3, 1.5, None),
    (None, "工程质量运行态势分析", "按时报送工程质量运行态势分析报告（含统计报表），记5分；报告真实、准确、完整，年度报告总结全面、分析透彻，记5分。", 10, None, [5, 5]),
    (None, "宣传报导", "在市级（含）以上新闻媒体上报道保障性安居工程质量管理情况，记2分。", 2, None, [2]),
    (None, "学习培训", "积极参加学习培训；举办法律法规制度讲座；组织参加学习培训或考试。记3分，不满足一项扣1分，扣完为止，不倒扣分。", 3, 1, None),
    (None, "调查研究", "开展调查研究活动；开展考察、观摩、工作交流等活动，记3分，不满足一项扣1.5分，扣完为止，不倒扣分。", 3, 1.5, None),
    (None, "完成工作任务的时效和质量", "按时报送年度工作计划和总结；及时抄报监管工作情况；按时按质完成交办任务，记3分，不满足一项扣1分。", 3, 1, None),
    ("参建各方责任主体\n（30分）", "履行基本建设程序", "执行基本建设程序；开工前进行图纸审查，依法招投标，实行工程监理。记3分，不满足一项扣1.5分，扣完为止，不扣倒分。", 3, 1.5, None),
    (None, "施工现场监管", "建设、设计、施工、监理单位现场管理责任落实……记12分，不满足一项扣1分，扣完为止，不扣倒分。", 12, 1, None),
    (None, "原材料质量\n控制", "见证取样和送检、进场验收及复检……记4.5分，不满足一项扣1.5分，扣完为止，不扣倒分。", 4.5, 1.5, None),
    (None, "重要分部（子分部）工程质量\n验收", "地基基础、主体结构和建筑节能等分部工程验收……记4.5分，不满足一项扣1.5分，扣完为止，不倒扣分。", 4.5, 1.5, None),
    (None, "分户验收", "竣工验收前全面推行分户验收……记3分，不满足一项扣1.5分，扣完为止，不倒扣分。", 3, 1.5, None),
    (None, "永久标牌", "每栋楼明显部位镶嵌永久性标牌……记3分，不满足一项扣1.5分，扣完为止，不倒扣分。", 3, 1.5, None),
    ("工作亮点和特色\n（10分）", "工作亮点和特色", "制度机制创新记2.5分；被评为先进单位记2.5分；荣获省级“安居奖”记2.5分；分析报告获奖或嘉奖记2.5分。", 10, None, [2.5, 2.5, 2.5, 2.5]),
]
REASONS = ["个别项目监督记录不完整", "未按季度通报", "资料归档不及时", "个别工地带班记录缺失", "宣传报道偏少",
           "培训覆盖不全", "标牌未全部镶嵌", "分户验收资料不全"]


def make_scores(unit):
    """item scores; the section subtotals and the total."""
    out = []
    level = {"洛龙区": 0.3, "涧西区": 0.5, "偃师区": 1.0, "西工区": 1.2, "老城区": 2.0, "瀍河区": 1.6,
             "孟津区": 0.8, "新安县": 1.4, "宜阳县": 2.4, "洛宁县": 2.8, "伊川县": 1.1, "汝阳县": 3.2}[unit]
    for sec, item, crit, mx, step, parts in SC_ITEMS:
        if parts:
            s = sum(x for x in parts if R.random() > 0.12 * level)
        else:
            k = sum(1 for _ in range(3) if R.random() < 0.18 * level)
            s = max(0, mx - k * step)
        out.append(s)
    return out


def block_score(st, unit, ctx, scores, planted=None):
    b = Block()
    nc = 8 if st.reason_col else 7
    b.add(["河南省保障性安居工程质量监督工作考核评分表（自评）"]); b.merges.append((0, 0, 0, nc - 1))
    b.add([f"填报单位：{st.unit_line}", None, None, None, f"自评日期：{ctx['date_cn']}"])
    h1 = ["序号", "考核对象", "评分内容及标准", None, "分值", "考核评分", None] + (["评分依据"] if st.reason_col else [])
    h2 = [None, None, None, None, None, "得分", "小计"] + ([None] if st.reason_col else [])
    r1 = b.add(h1); r2 = b.add(h2)
    b.merges += [(r1, 0, r2, 0), (r1, 1, r2, 1), (r1, 2, r2, 3), (r1, 4, r2, 4), (r1, 5, r1, 6)]
    if st.reason_col:
        b.merges.append((r1, 7, r2, 7))
    secs = []
    for i, (sec, item, crit, mx, step, parts) in enumerate(SC_ITEMS):
        if sec:
            secs.append([sec, len(b.rows), []])
        sc = scores[i]
        reason = None
        if st.reason_col and sc < mx:
            reason = R.choice(REASONS) + f"，扣{mx - sc:g}分"
        row = [None, None, item, crit, mx, sc, None] + ([reason] if st.reason_col else [])
        r = b.add(row)
        b.keys[("item", item.replace("\n", ""))] = (r, 5)
        secs[-1][2].append(sc)
    totals = []
    for n, (sec, r0, vals) in enumerate(secs):
        r_end = r0 + len(vals) - 1
        b.rows[r0][0] = n + 1; b.rows[r0][1] = sec
        sub = round(sum(vals), 2)
        b.rows[r0][6] = sub
        b.keys[("sub", n)] = (r0, 6)
        totals.append(sub)
        if r_end > r0:
            b.merges += [(r0, 0, r_end, 0), (r0, 1, r_end, 1), (r0, 6, r_end, 6)]
    tot = round(sum(totals), 2)
    r = b.add([4, "合计", None, None, 100, tot, None])
    b.merges.append((r, 1, r, 3)); b.merges.append((r, 5, r, 6))
    b.keys["total"] = (r, 5)
    b.add([f"自评人：{ctx['stat']}", None, None, f"审核人：{ctx['appr']}"])
    return b, totals, tot


# ----------------------------------------------------------------------------- writers
def cell_addr(r, c):
    return f"{get_column_letter(c + 1)}{r + 1}"


def place(sheets, blocks_per_sheet, st):
    """returns {sheet: [(block, row_offset)]} with absolute offsets"""
    layout = OrderedDict()
    for sname, blocks in blocks_per_sheet.items():
        r = st.row0
        lst = []
        for b in blocks:
            lst.append((b, r))
            r += len(b.rows) + 3
        layout[sname] = lst
    return layout


def resolve(v, off, col0):
    if isinstance(v, tuple) and v[0] == "f":
        f = v[1]
        import re
        f = re.sub(r"\{r(\d+)\}", lambda m: str(int(m.group(1)) + off + 1), f)
        return ("f", f, v[2])
    return v


def write_openpyxl(path, layout, st, hidden_sheets=(), props=None):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin"); border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for sname, lst in layout.items():
        ws = wb.create_sheet(sname)
        if sname in hidden_sheets:
            ws.sheet_state = "hidden"
        for b, off in lst:
            for i, row in enumerate(b.rows):
                for j, v in enumerate(row):
                    if v is None:
                        continue
                    v = resolve(v, off, st.col0)
                    c = ws.cell(row=off + i + 1, column=st.col0 + j + 1)
                    if isinstance(v, tuple):
                        if v[0] == "num":
                            c.value = v[1]; c.number_format = v[2]
                        elif v[0] == "date":
                            c.value = v[1]; c.number_format = "yyyy-mm-dd"
                        elif v[0] == "f":
                            c.value = v[1]
                    else:
                        c.value = v
            for (r1, c1, r2, c2) in b.merges:
                ws.merge_cells(start_row=off + r1 + 1, start_column=st.col0 + c1 + 1,
                               end_row=off + r2 + 1, end_column=st.col0 + c2 + 1)
        ws.column_dimensions[get_column_letter(st.col0 + 3)].width = 30
    if props:
        wb.properties.creator = props
    wb.save(path)


def write_xlsxwriter(path, layout, st, hidden_sheets=()):
    wb = xlsxwriter.Workbook(path)
    if st.wps:
        wb.set_custom_property("KSOProductBuildVer", "2052-12.1.0.17147")
        wb.set_properties({"author": "WPS_1689052310", "comments": ""})
    f_num = wb.add_format({"num_format": "0.00", "border": 1})
    f_pct = wb.add_format({"num_format": "0.0%", "border": 1})
    f_r = wb.add_format({"num_format": "0.0", "border": 1})
    f_date = wb.add_format({"num_format": "yyyy/m/d", "border": 1})
    f_c = wb.add_format({"border": 1, "text_wrap": True, "valign": "vcenter", "align": "center"})
    for sname, lst in layout.items():
        ws = wb.add_worksheet(sname)
        if sname in hidden_sheets:
            ws.hide()
        ws.set_column(2, 2, 30)
        for b, off in lst:
            merged_cells = {}
            for (r1, c1, r2, c2) in b.merges:
                merged_cells[(r1, c1)] = (r2, c2)
            skip = set()
            for (r1, c1), (r2, c2) in merged_cells.items():
                for rr in range(r1, r2 + 1):
                    for cc in range(c1, c2 + 1):
                        if (rr, cc) != (r1, c1):
                            skip.add((rr, cc))
            for (r1, c1), (r2, c2) in merged_cells.items():
                v = b.rows[r1][c1] if c1 < len(b.rows[r1]) else None
                v = v[1] if isinstance(v, tuple) and v[0] == "num" else v
                ws.merge_range(off + r1, st.col0 + c1, off + r2, st.col0 + c2, v if v is not None else "", f_c)
            for i, row in enumerate(b.rows):
                for j, v in enumerate(row):
                    if v is None or (i, j) in skip or (i, j) in merged_cells:
                        continue
                    v = resolve(v, off, st.col0)
                    R_, C_ = off + i, st.col0 + j
                    if isinstance(v, tuple):
                        if v[0] == "num":
                            ws.write_number(R_, C_, v[1], f_pct if v[2] == "0.0%" else (f_r if v[2] == "0.0" else f_num))
                        elif v[0] == "date":
                            ws.write_datetime(R_, C_, dt.datetime.combine(v[1], dt.time()), f_date)
                        elif v[0] == "f":
                            cached = v[2]
                            if isinstance(cached, tuple):
                                cached = cached[1]
                            ws.write_formula(R_, C_, v[1], f_num, cached if cached is not None else 0)
                    elif isinstance(v, (int, float)):
                        ws.write_number(R_, C_, v)
                    else:
                        ws.write_string(R_, C_, str(v))
    wb.close()


def to_xlsm(path_xlsx, path_xlsm):
    zin = zipfile.ZipFile(path_xlsx)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for it in zin.infolist():
            data = zin.read(it.filename)
            if it.filename == "[Content_Types].xml":
                data = data.replace(b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
            zout.writestr(it, data)
    zin.close()
    with open(path_xlsm, "wb") as f:
        f.write(buf.getvalue())
    os.remove(path_xlsx)


def to_xls(path_xlsx, path_xls):
    d = tempfile.mkdtemp()
    subprocess.run(["soffice", "--headless", "--convert-to", "xls", "--outdir", d, path_xlsx],
                   check=True, capture_output=True, timeout=300)
    out = os.path.join(d, os.path.splitext(os.path.basename(path_xlsx))[0] + ".xls")
    shutil.move(out, path_xls)
    os.remove(path_xlsx)
    shutil.rmtree(d)


# ----------------------------------------------------------------------------- building the inbox
CTX = {}
DATES = {3: D(2025, 10, 9), 4: D(2026, 1, 8), "year": D(2026, 1, 8)}
LATE = {("老城区", 3): D(2025, 10, 16)}
STAT_P = {u: (person(), person()) for u in UNITS}


def ctx_for(unit, period, date=None):
    d = date or LATE.get((unit, period), DATES[period])
    s, a = STAT_P[unit]
    return {"stat": s, "appr": a, "date": d, "date_cn": f"{d.year}年{d.month}月{d.day}日"}


def stated_from(stats_f5):
    return json.loads(json.dumps(stats_f5))


def read_rate(st, v):
    """the rate as a reader of the cell gets it, in percent"""
    if v is None:
        return None
    if st.rate == "fraction":
        return round(round(v / 100, 4) * 100, 4)
    return v


def build(unit, period, projects, sim, defects, extra=None):
    """writes one workbook; returns (relative path, per-unit expected dict, cell registry)"""
    extra = extra or {}
    st = STYLES[unit]
    fmt = Fmt(st)
    q = 4 if period == "year" else period
    ctx = ctx_for(unit, period, extra.get("date"))
    s = sim[period]
    f5 = extra.get("f5") or stated_from(s["F5"])
    f6 = s["F6"]
    f3 = extra.get("f3") or s["F3"]
    f4 = s["F4"]
    f1, f2 = extra["recs"]
    blocks = OrderedDict()
    reg = {}
    ov3 = extra.get("f3_override", {})
    ov4 = extra.get("f4_override", {})

    b1 = block_f1(st, fmt, period, ctx, f1)
    b2 = block_f2(st, fmt, period, ctx, f2)
    b3, order3 = block_f3(st, fmt, period, ctx, f3, q)
    for (pid, col), val in ov3.items():
        r = b3.keys[("F3", pid)]
        b3.rows[r][col] = val
    b4, order4 = block_f4(st, fmt, period, ctx, f4)
    for (pid, col), val in ov4.items():
        r = b4.keys[("F4", pid)]
        b4.rows[r][col] = fmt.date(val) if isinstance(val, dt.date) else val
    year = period == "year"
    bs = block_stat(st, fmt, period, ctx, unit, f5, extra.get("total_override"), year=year)
    b6 = block_f6(st, fmt, period, ctx, f6)
    forms = [("F1", b1), ("F2", b2), ("F3", b3), ("F4", b4)]
    forms += [("F7", bs), ("F6", b6)] if year else [("F5", bs), ("F6", b6)]
    sc = None
    if period == 4 and st.score:
        scores = extra["scores"]
        bsc, subs, tot = block_score(st, unit, ctx, scores)
        forms.append(("SC", bsc))
        sc = (bsc, subs, tot)
    hidden = []
    if st.one_sheet:
        sname = st.one_sheet if not year else "年度报表"
        blocks[sname] = [b for _, b in forms if _ != "SC"]
        if sc:
            blocks[st.sheet["SC"]] = [sc[0]]
    else:
        order = ["F5", "F6", "F3", "F4", "F1", "F2", "F7", "SC"] if unit in ("伊川县", "宜阳县") else \
            ["F1", "F2", "F3", "F4", "F5", "F6", "F7", "SC"]
        fd = dict(forms)
        for k in order:
            if k in fd:
                blocks[st.sheet[k]] = [fd[k]]
    if st.stale_sheet and not year:
        prev = sim[q - 1]
        bst = block_stat(st, fmt, q - 1, ctx_for(unit, q), unit, stated_from(prev["F5"]))
        hname = f"附表5（{QCN[q - 1]}季度）"
        blocks[hname] = [bst]; hidden.append(hname)
    layout = place(None, blocks, st)
    # registry of cells
    where = {}
    for sname, lst in layout.items():
        for b, off in lst:
            where[id(b)] = (sname, off)

    def addr(b, rc):
        sname, off = where[id(b)]
        return sname, cell_addr(off + rc[0], st.col0 + rc[1])

    reg["stat"] = lambda k: addr(bs, bs.keys[k])
    reg["f3"] = lambda p, col: addr(b3, (b3.keys[("F3", id(p))], col))
    reg["f4"] = lambda p, col: addr(b4, (b4.keys[("F4", id(p))], col))
    reg["sheet"] = {k: where[id(b)][0] for k, b in forms}
    if sc:
        reg["sc"] = lambda k: addr(sc[0], sc[0].keys[k])

    # file
    per = {3: "2025Q3", 4: "2025Q4", "year": "2025"}[period]
    qn = {3: "三", 4: "四", "year": "年度"}[period]
    names = {"洛龙区": f"洛龙区2025年{qn}季度质量监督统计报表.xlsx" if not year else "洛龙区2025年度统计报表.xlsx",
             "涧西区": f"涧西区-{per}.xlsx", "偃师区": f"附表1-7（偃师区）{per}.xlsx",
             "西工区": "西工区.xlsx", "老城区": f"老城区{qn}季度报表.xls" if not year else "老城区年报.xls",
             "瀍河区": f"瀍河区季报{per}.xlsm" if not year else "瀍河区年报2025.xlsm",
             "孟津区": "孟津区.xlsx", "新安县": f"新安县2025年第{qn}季度统计表.xlsx" if not year else "新安县2025年度统计表.xlsx",
             "宜阳县": "宜阳县.xlsx", "洛宁县": f"洛宁县质监站{qn}季度报表.xlsx" if not year else "洛宁县质监站年报.xlsx",
             "伊川县": "伊川县2025年" + {3: "3季度", 4: "4季度", "year": "度"}[period] + ".xlsx",
             "嵩县": "嵩县报表.xlsx", "栾川县": "栾川县.xlsx", "汝阳县": "汝阳县统计报表.xlsx"}
    fname = extra.get("fname") or names[unit]
    d = os.path.join(INBOX, per)
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, fname)
    tmp = path if st.fmt == "xlsx" else os.path.splitext(path)[0] + ".tmp.xlsx"
    if st.engine == "xlsxwriter":
        write_xlsxwriter(tmp, layout, st, hidden)
    else:
        write_openpyxl(tmp, layout, st, hidden)
    if st.fmt == "xlsm":
        to_xlsm(tmp, path)
    elif st.fmt == "xls":
        to_xls(tmp, os.path.splitext(path)[0] + ".tmp.xls")
        os.rename(os.path.splitext(path)[0] + ".tmp.xls", path)
    rel = os.path.relpath(path, d)

    exp = {"file": rel, "form": "F7" if year else "F5",
           "stats": {k: f5[k] for k in ("carried_over", "new", "in_progress", "completed", "filed", "accidents")},
           "rates": {"filing_count": read_rate(st, f5["filing_rate"]["count"]),
                     "filing_area": read_rate(st, f5["filing_rate"]["area"]),
                     "satisfaction": read_rate(st, f5["satisfaction_rate"])},
           "F6": {c: {g: f6[c][g] for g in ("new", "completed", "filed", "in_progress")} for c in CATS},
           "rows": {"F1": len(f1), "F2": len(f2), "F3": len(f3), "F4": len(f4)}}
    if year:
        exp["stats"]["filed"] = dict(exp["stats"]["filed"]); exp["stats"]["filed"]["cost"] = 0.0
    if sc:
        exp["score"] = {"typed_total": sc[2], "sections": sc[1]}
    return rel, exp, reg


def main():
    if os.path.exists(INBOX):
        shutil.rmtree(INBOX)
    sims, projs = {}, {}
    for u in UNITS:
        ps = simulate(u)
        if u == "宜阳县":
            for p in ps:
                if p.comp_q == 4:
                    p.filed = True; p.satisfied = True
                    p.filed_date = p.filed_date or min(p.comp_date + dt.timedelta(days=2), QEND[4])
        projs[u] = ps
        sims[u] = {q: stats(ps, q) for q in (2, 3, 4)}
        sims[u]["year"] = stats(ps, "year")
    # accidents (true)
    ACC = {("洛龙区", 3): (1, 0, 23.6), ("涧西区", 4): (1, 1, 85.0), ("伊川县", 4): (1, 0, 4.5),
           ("偃师区", 2): (1, 0, 12.0)}
    for (u, q), (a, dd, l) in ACC.items():
        sims[u][q]["F5"]["accidents"] = {"count": a, "deaths": dd, "loss": l}
    for u in UNITS:
        acc = {"count": 0, "deaths": 0, "loss": 0.0}
        for q in (1, 2, 3, 4):
            if (u, q) in ACC:
                a, dd, l = ACC[(u, q)]
                acc = {"count": acc["count"] + a, "deaths": acc["deaths"] + dd, "loss": round(acc["loss"] + l, 2)}
        sims[u]["year"]["F5"]["accidents"] = acc
        for k in ("F5",):
            sims[u]["year"][k]["filed"]["cost"] = 0.0  # no 造价 column for 备案 in 附表7
    # records
    recs = {}
    for u in UNITS:
        T = SIZE[u]
        for q in (1, 2, 3, 4):
            if T >= 2000:
                n1, n2 = R.randint(3, 8), R.randint(1, 4)
            elif T >= 200:
                n1, n2 = R.randint(0, 4), R.randint(0, 2)
            else:
                n1, n2 = R.choice([0, 0, 1]), 0
            if u == "洛宁县" and q == 3:
                n1 = n2 = 0
            if u == "宜阳县":
                n2 = 0
            recs[(u, q)] = records(u, q, projs[u], n1, n2)
    scores = {u: make_scores(u) for u in UNITS if STYLES[u].score}
    # planted SC001: 汝阳县 宣传报导 3 of 2
    i_xc = [it[1] for it in SC_ITEMS].index("宣传报导")
    scores["汝阳县"][i_xc] = 3

    EXP = {"office": "洛阳市", "units": UNITS, "periods": {}, "defects": [], "superseded": [], "notes": []}
    defects = EXP["defects"]
    per_name = {3: "2025Q3", 4: "2025Q4", "year": "2025"}

    def dfx(period, unit, file, sheet, cell, rule, sev, what, secondary=()):
        defects.append({"id": f"D{len(defects) + 1:02d}", "period": per_name[period], "unit": unit, "file": file,
                        "sheet": sheet, "cell": cell, "rule": rule, "severity": sev, "what": what,
                        "secondary": list(secondary)})

    for period in (3, 4, "year"):
        punits = {}
        for u in UNITS:
            s = sims[u][period]
            extra = {"recs": recs[(u, period)] if period != "year" else
                     tuple(sum((list(recs[(u, q)][i]) for q in (1, 2, 3, 4)), []) for i in (0, 1))}
            f5 = stated_from(s["F5"])
            extra["f5"] = f5
            post = []
            if period == 4 and u in scores:
                extra["scores"] = scores[u]
            # ---- planted defects
            if period == 3 and u == "涧西区":
                ps = projs[u]
                j = next(p for p in s["F3"] if in_stock(p, 4) and p.reg_q == 0)
                k = next(p for p in s["F3"] if p.comp_q == 4 and p is not j)
                extra["f3_override"] = {(id(k), 1): j.reg_no}
                post.append(lambda reg, rel, k=k, j=j: dfx(3, "涧西区", rel, *reg["f3"](k, 1), "F3-001", "error",
                                                           f"附表3注册号{j.reg_no}重复（{k.name}一行误填为{j.name}的注册号；其真实注册号{k.reg_no}）"))
            if period == 3 and u == "宜阳县":
                true = f5["filing_rate"]["count"]
                f5["filing_rate"]["count"] = round(true + 10, 1) if true <= 90 else round(true - 10, 1)
                post.append(lambda reg, rel, t=true, v=f5["filing_rate"]["count"]: dfx(
                    3, "宜阳县", rel, *reg["stat"](("filing_rate", "count")), "F5-002", "error",
                    f"季度质量备案率（项数）填 {v}%（单元格存 {v / 100:.4f}，百分比格式），应为 {t}%"))
            if period == 3 and u == "洛宁县":
                p = next(p for p in s["F4"] if p.filed and p.comp_date >= QSTART[3] + dt.timedelta(days=12))
                bad = p.comp_date - dt.timedelta(days=9)
                extra["f4_override"] = {(id(p), 10): bad}
                post.append(lambda reg, rel, p=p, bad=bad: dfx(3, "洛宁县", rel, *reg["f4"](p, 10), "F4-003", "error",
                                                               f"{p.name} 备案日期 {bad} 早于竣工日期 {p.comp_date}"))
            if period == 3 and u == "栾川县":
                f5["accidents"] = {"count": 0, "deaths": 1, "loss": 0.0}
                post.append(lambda reg, rel: dfx(3, "栾川县", rel, *reg["stat"](("accidents", "deaths")), "F5-007", "error",
                                                 "事故项数 0（填“—”）而死亡人数填 1"))
            if period == 3 and u == "新安县":
                tot = stated_from(f5); tot["in_progress"]["count"] += 10
                extra["total_override"] = tot
                post.append(lambda reg, rel, v=tot["in_progress"]["count"]: dfx(
                    3, "新安县", rel, *reg["stat"](("total", "in_progress", "count")), "F5-001", "error",
                    f"附表5合计行在建项数填 {v}，单位行为 {v - 10}"))
            if period == 4 and u == "伊川县":
                f5["carried_over"]["count"] += 1; f5["new"]["count"] -= 1
                for c in CATS:
                    assert s["F6"][c]["new"]["count"] <= f5["new"]["count"]
                post.append(lambda reg, rel, v=f5["carried_over"]["count"]: dfx(
                    4, "伊川县", rel, *reg["stat"](("carried_over", "count")), "F5-006", "error",
                    f"上季度接转项数填 {v}，三季度在建为 {v - 1}（新注册同时少填1项，故在建=接转+新注册−竣工仍成立）"))
            if period in (4, "year") and u == "孟津区":
                P_ = next(p for p in s["F3"] if p.reg_q == 0 and p.kind == "res")
                X = P(); [setattr(X, a, getattr(P_, a)) for a in P.__slots__]
                X.name = "孟津区" + R.choice(TOWNS) + "便民服务中心综合楼"; X.reg_no = "4103082025" + "0999"
                X.kind = "pub"; X.progress = dict(P_.progress)
                extra["f3"] = [X if p is P_ else p for p in s["F3"]]
                if period == 4:
                    post.append(lambda reg, rel, P_=P_, X=X: dfx(
                        4, "孟津区", rel, reg["sheet"]["F3"], None, "F3-005", "warning",
                        f"三季度附表3的 {P_.reg_no} {P_.name} 四季度既不在附表3也不在附表4（被 {X.reg_no} {X.name} 顶替，面积造价相同，附表5平衡）"))
            if period == 4 and u == "老城区":
                p = next(p for p in s["F4"] if p.comp_date.month == 10 and p.comp_date.day >= 3)
                bad = D(2025, 9, 28)
                extra["f4_override"] = {(id(p), 8): bad}
                post.append(lambda reg, rel, p=p, bad=bad: dfx(4, "老城区", rel, *reg["f4"](p, 8), "F4-002", "error",
                                                               f"{p.name} 竣工日期填 2025.9.28（应为 {p.comp_date}），不在四季度内",
                                                               ["F4-003"]))
            if period == 4 and u == "洛龙区":
                p = s["F3"][len(s["F3"]) // 2]
                extra["f3_override"] = {(id(p), 6): None}
                post.append(lambda reg, rel, p=p: dfx(4, "洛龙区", rel, *reg["f3"](p, 6), "F3-004", "error",
                                                      f"附表3 {p.reg_no} {p.name} 施工单位为空"))
            if period == 4 and u == "汝阳县":
                post.append(lambda reg, rel: dfx(4, "汝阳县", rel, *reg["sc"](("item", "宣传报导")), "SC001", "error",
                                                 "宣传报导 得分3 超过分值2（小计、合计按3计）", ["SC003"]))
            if period == "year" and u == "偃师区":
                true = f5["in_progress"]["cost"]
                f5["in_progress"]["cost"] = round(true + 1000, 2)
                post.append(lambda reg, rel, t=true, v=f5["in_progress"]["cost"]: dfx(
                    "year", "偃师区", rel, *reg["stat"](("in_progress", "cost")), "F7-005", "error",
                    f"附表7截止年底在建造价填 {v}，四季度附表5在建造价为 {t}", ["F5-004"]))
            # ---- the superseded first version of 西工区 Q4
            if period == 4 and u == "西工区":
                bad = stated_from(f5)
                bad["filing_rate"]["count"] = round(bad["filing_rate"]["count"] - 20, 1)
                e2 = dict(extra); e2["f5"] = bad; e2["fname"] = "西工区.xlsx"; e2["date"] = D(2026, 1, 5)
                rel0, _, _ = build(u, period, projs[u], sims[u], defects, e2)
                extra["fname"] = "西工区(修改).xlsx"; extra["date"] = D(2026, 1, 9)
                EXP["superseded"].append({"period": "2025Q4", "unit": u, "file": rel0,
                                          "note": "第一次报送，备案率（项数）填错；被 西工区(修改).xlsx 取代"})
                old = os.path.join(INBOX, "2025Q4", rel0)
                os.utime(old, (1767571200, 1767571200))  # 2026-01-05
            rel, exp, reg = build(u, period, projs[u], sims[u], defects, extra)
            for f in post:
                f(reg, rel)
            punits[u] = exp
        EXP["periods"][per_name[period]] = {"units": punits}

    # lock file, notes and a unit's own analysis report
    with open(os.path.join(INBOX, "2025Q3", "~$洛龙区2025年三季度质量监督统计报表.xlsx"), "wb") as f:
        f.write(b"\x0bAdministrator" + b"\x00" * 40 + b" " * 100)
    try:
        import docx
        doc = docx.Document()
        doc.add_heading("关于西工区2025年第四季度报表重新报送的说明", 1)
        doc.add_paragraph("我站1月5日报送的报表中季度质量备案率填写有误，现重新报送，请以修改版为准。")
        doc.save(os.path.join(INBOX, "2025Q4", "西工区关于重新报送的说明.docx"))
        doc = docx.Document()
        doc.add_heading("洛龙区2025年第四季度工程质量运行态势分析报告", 0)
        secs = ["一、企业总体情况", "二、本季度工程质量监督管理总体情况", "三、对工程参建各方质量行为的监督情况及存在的主要问题",
                "四、对实体工程质量监督采取的具体措施", "五、质量通病治理情况", "六、企业不良行为记录及行政处罚的情况",
                "七、工程质量监督管理工作中存在的突出问题", "八、新技术新工艺推广应用情况", "九、工程质量事故及投诉情况",
                "十、工程质量监督执法情况", "十一、下一步工作建议"]
        for h in secs:
            doc.add_heading(h, 1)
            doc.add_paragraph(f"全区{h[2:]}总体平稳，本季度在建工程{len(sims['洛龙区'][4]['F3'])}项。")
        doc.add_paragraph("洛阳市洛龙区建设工程质量监督站")
        doc.add_paragraph("2026年1月8日")
        doc.save(os.path.join(INBOX, "2025Q4", "洛龙区2025年第四季度工程质量运行态势分析报告.docx"))
    except ImportError:
        pass

    # totals
    for per, pdata in EXP["periods"].items():
        pdata["totals"] = totals(pdata["units"], per)
    # scores
    EXP["scores"] = score_expect(EXP["periods"]["2025Q4"]["units"], scores)
    json.dump(EXP, open(os.path.join(HERE, "EXPECTED.json"), "w"), ensure_ascii=False, indent=1)
    write_toml()
    print("ok", {p: sum(v["rows"]["F3"] for v in d["units"].values()) for p, d in EXP["periods"].items()})


def r4(x):
    return round(x + 0.0, 4)


def totals(units, per):
    keys = ("carried_over", "new", "in_progress", "completed", "filed")
    F = {k: {m: 0 for m in ("count", "area", "cost")} for k in keys}
    acc = {"count": 0, "deaths": 0, "loss": 0.0}
    sat_num = sat_den = 0
    for u, e in units.items():
        for k in keys:
            for m in ("count", "area", "cost"):
                F[k][m] += e["stats"][k][m]
        for m in acc:
            acc[m] += e["stats"]["accidents"][m]
        if e["rates"]["satisfaction"] is not None:
            sat_num += e["rates"]["satisfaction"] * e["stats"]["filed"]["count"]
            sat_den += e["stats"]["filed"]["count"]
    for k in keys:
        F[k]["area"] = r4(F[k]["area"]); F[k]["cost"] = round(F[k]["cost"], 2)
    F["filing_rate"] = {"count": rate(F["filed"]["count"], F["completed"]["count"]),
                        "area": rate(F["filed"]["area"], F["completed"]["area"])}
    F["satisfaction_rate"] = round(sat_num / sat_den, 1) if sat_den else None
    acc["loss"] = round(acc["loss"], 2)
    F["accidents"] = acc
    F6 = {}
    for c in CATS:
        F6[c] = {}
        for g in ("new", "completed", "filed", "in_progress"):
            F6[c][g] = {m: sum(e["F6"][c][g][m] for e in units.values()) for m in ("count", "area", "cost")}
            F6[c][g]["area"] = r4(F6[c][g]["area"]); F6[c][g]["cost"] = round(F6[c][g]["cost"], 2)
        F6[c]["filing_rate"] = rate(F6[c]["filed"]["count"], F6[c]["completed"]["count"])
    out = {("F7" if per == "2025" else "F5"): F, "F6": F6}
    for f in ("F1", "F2", "F3", "F4"):
        out[f] = {"rows": sum(e["rows"][f] for e in units.values())}
    return out


def score_expect(units, scores):
    res = {}
    for u, sc in scores.items():
        capped = sum(min(s, it[3]) for s, it in zip(sc, SC_ITEMS))
        res[u] = {"typed_total": units[u]["score"]["typed_total"], "total": round(capped, 2)}
    ranked = sorted(res, key=lambda u: -res[u]["total"])
    for u in ranked:
        res[u]["rank"] = 1 + sum(1 for v in res if res[v]["total"] > res[u]["total"] + 0.005)
    n = len(ranked)
    for u in ranked:
        rk = res[u]["rank"]
        below = sum(1 for v in res if res[v]["total"] < res[u]["total"] - 0.005)
        res[u]["mark"] = "先进单位" if rk <= 5 else ("约谈" if below < 3 else "")
    for u in UNITS:
        if u not in res:
            res[u] = {"total": None, "rank": None, "mark": "未报评分表"}
    return res


def write_toml():
    units = ", ".join(f'"{u}"' for u in UNITS)
    open(os.path.join(HERE, "qstat.toml"), "w").write(f'''name = "洛阳市"
level = "city"
units = [{units}]

[aliases]
"洛阳市西工区" = "西工区"
"孟津县" = "孟津区"
"偃师市" = "偃师区"
"瀍河回族区" = "瀍河区"
"洛阳市洛龙区" = "洛龙区"

[office]
full_name = "洛阳市建设工程质量监督站"
statistician = "赵文博"
approver = "孙建国"
phone = "0379-63921456"
recipient = "河南省建设工程质量监督总站"
''')


if __name__ == "__main__":
    main()
