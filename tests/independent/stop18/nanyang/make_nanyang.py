#!/usr/bin/env python3
"""Independent test data: 南阳市 quarterly inboxes 2025Q1, 2025Q2 (v1) and 2025Q2_v2.

Written without reading qstat's code or tests. Needs openpyxl, py7zr, python-docx and
LibreOffice (soffice) for the .xls copies.  Run:  python make_nanyang.py
It (re)creates 2025Q1/ 2025Q2/ 2025Q2_v2/ beside itself and model.json (the ground truth that
EXPECTED.json is built from, see make_expected.py).
"""
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import tempfile
import time
import zipfile
from collections import defaultdict

import py7zr
from docx import Document
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

ROOT = os.path.dirname(os.path.abspath(__file__))
Q = {"2025Q1": (dt.date(2025, 1, 1), dt.date(2025, 3, 31), "一", 1),
     "2025Q2": (dt.date(2025, 4, 1), dt.date(2025, 6, 30), "二", 2)}

UNITS = {  # unit: (区划代码, reg-no format, n_stock, new_q1, comp_q1, new_q2, comp_q2, seed)
    "宛城区": ("411302", "{code}-{y}-{s:03d}", 18, 5, 4, 6, 5, 11),
    "卧龙区": ("411303", "WL-{y}-{s:03d}", 15, 4, 3, 5, 4, 12),
    "南召县": ("411321", "NZ{y}{s:03d}", 7, 2, 2, 3, 2, 13),
    "方城县": ("411322", "{code}{y}{s:03d}", 24, 5, 3, 6, 5, 14),
    "西峡县": ("411323", "XX-{y}-{s:02d}", 8, 3, 2, 2, 4, 15),
    "内乡县": ("411325", "{code}-{y}-{s:03d}", 10, 3, 2, 4, 3, 16),
    "淅川县": ("411326", "XC{y}-{s:03d}", 11, 3, 3, 3, 2, 17),
    "社旗县": ("411327", "{code}-{y}-{s:03d}", 8, 2, 2, 3, 2, 18),
    "唐河县": ("411328", "{code}-{y}-{s:03d}", 14, 4, 3, 4, 4, 19),
    "新野县": ("411329", "{code}-{y}-{s:03d}", 9, 3, 2, 0, 0, 20),
}
UNIT_ORDER = list(UNITS)

BUILDERS = ["河南省第一建筑工程集团有限责任公司", "南阳市建筑工程有限公司", "河南宛达建设工程有限公司",
            "中建七局第三建筑有限公司", "河南卧龙建设集团有限公司", "河南天工建设集团有限公司",
            "南阳市第二建筑工程有限公司", "河南华兴建工集团有限公司", "河南淅川建筑工程有限公司",
            "唐河县建筑安装工程有限公司", "河南方城建设有限公司", "河南西峡县建筑公司"]
SUPS = ["南阳市建设监理有限公司", "河南建达工程咨询有限公司", "河南中原工程监理有限公司",
        "南阳市宛诚工程项目管理有限公司", "河南长城建设监理有限公司", "河南兴宛工程管理有限公司"]
PERSONS = "张伟 王磊 李娜 刘洋 陈静 杨帆 赵军 黄强 周敏 吴刚 徐丽 孙浩 马超 朱琳 胡斌 郭鹏 何勇 高峰 林涛 罗晨".split()
PLACES = {"宛城区": "宛城", "卧龙区": "卧龙", "南召县": "南召", "方城县": "方城", "西峡县": "西峡",
          "内乡县": "内乡", "淅川县": "淅川", "社旗县": "社旗", "唐河县": "唐河", "新野县": "新野"}

KINDS = [("res", 45), ("afford", 15), ("pub", 20), ("large", 7), ("ind", 13)]
RES_N = ["锦绣华府", "书香苑", "滨河花园", "翰林府", "金色家园", "阳光新城", "水岸名都", "学府壹号", "紫金苑", "龙湖观邸",
         "御景湾", "桂花园", "幸福里", "丹江润园", "鑫源小区", "伏牛山居"]
AFF_N = ["棚户区改造安置房", "城中村改造安置小区", "公共租赁住房", "保障性租赁住房", "老城区棚改安置"]
PUB_N = ["第二实验小学教学楼", "第一高级中学学生公寓", "中医院住院楼", "妇幼保健院门诊楼", "政务服务中心",
         "职业教育中心实训楼", "文化馆", "第三初级中学综合楼", "疾控中心业务楼", "养老服务中心", "幼儿园"]
LARGE_N = ["人民医院门诊医技综合楼", "体育中心体育馆", "高铁站综合交通枢纽", "会展中心", "城市综合体商业楼"]
IND_N = ["产业集聚区标准化厂房", "食品产业园车间", "物流园仓储库", "装备制造产业园厂房", "电商产业园仓库"]


class Rng(random.Random):
    pass


def make_projects(unit, rng):
    code, fmt, n_stock, nq1, cq1, nq2, cq2, _ = UNITS[unit]
    place = PLACES[unit]
    builders = rng.sample(BUILDERS, 4 if unit in ("卧龙区", "唐河县") else 7)
    if unit in ("卧龙区", "唐河县"):
        builders = builders[:3]
    sups = rng.sample(SUPS, 4)
    used_names = set()
    seq = defaultdict(int)
    projs = []

    def name_for(kind):
        for _ in range(200):
            if kind == "res":
                n = f"{place}{rng.choice(RES_N)}{rng.randint(1, 18)}#住宅楼"
            elif kind == "afford":
                n = f"{place}{rng.choice(AFF_N)}{rng.choice('一二三')}期{rng.randint(1, 12)}#楼"
            elif kind == "pub":
                n = f"{unit}{rng.choice(PUB_N)}"
            elif kind == "large":
                n = f"{unit}{rng.choice(LARGE_N)}"
            else:
                n = f"{place}{rng.choice(IND_N)}{rng.randint(1, 9)}#"
            if n not in used_names:
                used_names.add(n)
                return n
        raise RuntimeError("names exhausted")

    def new(year, registered):
        kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
        if kind in ("res", "afford"):
            area = rng.randint(600, 3200) * 10 + rng.choice([0, 0, 0.5, 0.36, 0.8])
            struct = rng.choice(["剪力墙", "框架-剪力墙", "框剪", "剪力墙结构"])
        elif kind == "pub":
            area = rng.randint(250, 1800) * 10 + rng.choice([0, 0.25, 0.6])
            struct = rng.choice(["框架", "框架结构", "框剪"])
        elif kind == "large":
            area = rng.randint(2080, 4800) * 10 + rng.choice([0, 0.5])
            struct = rng.choice(["框架-剪力墙", "钢结构", "框架"])
        else:
            area = rng.randint(400, 1500) * 10
            struct = rng.choice(["钢结构", "钢结构", "门式钢架", "框架"])
            if struct == "门式钢架":
                struct = "钢结构"
        cost = round(area * rng.uniform(0.18, 0.42), 2)
        seq[year] += 1
        reg = fmt.format(code=code, y=year, s=seq[year] + (0 if year == 2025 else rng.randint(0, 3)))
        # make reg-nos of older years strictly increasing
        if year != 2025:
            seq[year] = int(reg[-2:]) if fmt.endswith("02d}") else int(reg[-3:])
        p = dict(reg=reg, name=name_for(kind), kind=kind, structure=struct, area=float(area), cost=cost,
                 builder=rng.choice(builders), supervisor=rng.choice(sups), registered=registered,
                 completed=None, filed=False, year=year)
        projs.append(p)
        return p

    years = sorted(rng.choice([2022, 2023, 2023, 2024, 2024, 2024, 2024]) for _ in range(n_stock))
    for y in years:
        new(y, "stock")
    for _ in range(nq1):
        new(2025, "2025Q1")
    stock = [p for p in projs if p["registered"] == "stock"]
    # Q1 completions: older stock projects
    for p in rng.sample(stock[: max(cq1 + 2, len(stock) // 2)], cq1):
        p["completed"] = "2025Q1"
    for _ in range(nq2):
        new(2025, "2025Q2")
    ip_q1 = [p for p in projs if p["registered"] in ("stock", "2025Q1") and p["completed"] is None]
    if unit == "方城县":
        # the two the clerk forgets to move in v1 are near the top of 附表3
        first = [ip_q1[1], ip_q1[3]]
        for p in first:
            p["forgot"] = True
        rest = rng.sample([p for p in ip_q1[5:] if p["registered"] == "stock"], cq2 - 2)
        chosen = first + rest
    else:
        cands = [p for p in ip_q1 if p["registered"] == "stock"] or ip_q1
        chosen = rng.sample(cands, cq2)
    for p in chosen:
        p["completed"] = "2025Q2"
    return projs, builders, sups


def finish_details(unit, projs, rng):
    """dates, filing, progress."""
    for qname, (q0, q1, _, _) in Q.items():
        comp = [p for p in projs if p["completed"] == qname]
        nfiled = len(comp) if len(comp) <= 2 else len(comp) - rng.choice([0, 1, 1])
        if unit == "方城县" and qname == "2025Q2":
            nfiled = 4
        order = list(comp)
        rng.shuffle(order)
        for i, p in enumerate(order):
            p["filed"] = i < nfiled
        if unit == "方城县" and qname == "2025Q2":
            # both forgotten projects are filed; the unfiled one is among the rest
            forgotten = [p for p in comp if p.get("forgot")]
            others = [p for p in comp if not p.get("forgot")]
            for p in forgotten:
                p["filed"] = True
            for j, p in enumerate(others):
                p["filed"] = j != 0
        for p in comp:
            span = (q1 - q0).days
            d = q0 + dt.timedelta(days=rng.randint(5, span - 20))
            p["completed_on"] = d.isoformat()
            p["acceptance"] = "合格"
            if p["filed"]:
                p["filed_on"] = (d + dt.timedelta(days=rng.randint(3, 15))).isoformat()
                p["filing_result"] = rng.choice(["准予备案", "已备案"])
            else:
                p["filed_on"] = None
                p["filing_result"] = None
    for p in projs:
        p["progress"] = {}
        if p["registered"] == "stock":
            p["progress"]["2025Q1"] = rng.choice(["主体施工", "主体完工", "装饰装修", "基础施工", "二次结构"])
        p["progress"]["2025Q2"] = rng.choice(["装饰装修", "主体完工", "室外工程", "竣工预验收"]) \
            if p["registered"] != "2025Q2" else rng.choice(["基础施工", "土方开挖", "桩基施工"])
        if p["registered"] == "2025Q1":
            p["progress"]["2025Q1"] = rng.choice(["基础施工", "土方开挖", "桩基施工"])


def lists_for(projs, qname):
    prev_q = {"2025Q1": None, "2025Q2": "2025Q1"}[qname]
    reg_ok = ("stock", "2025Q1") if qname == "2025Q1" else ("stock", "2025Q1", "2025Q2")
    if prev_q is None:
        carried = [p for p in projs if p["registered"] == "stock"]
    else:
        carried = [p for p in projs if p["registered"] in ("stock", "2025Q1") and p["completed"] != "2025Q1"]
    new = [p for p in projs if p["registered"] == qname]
    comp = [p for p in projs if p["completed"] == qname]
    ip = [p for p in projs if p["registered"] in reg_ok and (p["completed"] is None or p["completed"] > qname)]
    filed = [p for p in comp if p["filed"]]
    assert len(ip) == len(carried) + len(new) - len(comp), (qname, len(ip), len(carried), len(new), len(comp))
    return dict(carried=carried, new=new, comp=comp, ip=ip, filed=filed)


def agg(ps):
    return [len(ps), round(sum(p["area"] for p in ps) / 10000, 2), round(sum(p["cost"] for p in ps), 2)]


CATS = [("residential", "住宅工程"), ("affordable_housing", "保障性安居工程"), ("public", "公共建筑工程"),
        ("large_public", "大型公共建筑工程（2万平方米以上）"), ("steel", "钢结构工程"), ("county", "县（区）工程")]


def in_cat(p, cat):
    return {"residential": p["kind"] in ("res", "afford"), "affordable_housing": p["kind"] == "afford",
            "public": p["kind"] in ("pub", "large"), "large_public": p["kind"] == "large",
            "steel": p["structure"] == "钢结构", "county": True}[cat]


def f5_f6(L, sat_k):
    f5 = {k: agg(L[src]) for k, src in [("carried_over", "carried"), ("new", "new"), ("in_progress", "ip"),
                                         ("completed", "comp"), ("filed", "filed")]}
    c, f = f5["completed"], f5["filed"]
    f5["filing_rate"] = [round(f[0] / c[0] * 100, 1) if c[0] else None,
                         round(f[1] / c[1] * 100, 1) if c[1] else None]
    nf = f[0]
    f5["satisfaction_rate"] = None if nf == 0 else round((nf - sat_k) / nf * 100, 1)
    f5["accidents"] = [0, 0, 0]
    f6 = {}
    for cat, _ in CATS:
        row = {g: agg([p for p in L[src] if in_cat(p, cat)])
               for g, src in [("new", "new"), ("completed", "comp"), ("filed", "filed"), ("in_progress", "ip")]}
        row["filing_rate"] = round(row["filed"][0] / row["completed"][0] * 100, 1) if row["completed"][0] else None
        f6[cat] = row
    return f5, f6


FACTS = [("未按照工程建设强制性标准进行施工，楼板钢筋保护层厚度不足", "第十一条第（二）项"),
         ("项目经理未在岗履职，质量管理体系运行不正常", "第十一条第（五）项"),
         ("未按规定对进场钢筋进行见证取样复验", "第十一条第（三）项"),
         ("总监理工程师未到岗，关键工序未实施旁站监理", "第十二条第（一）项"),
         ("出具虚假检测报告", "第十四条第（一）项"),
         ("擅自修改工程设计，外墙保温做法与审查图纸不符", "第十一条第（一）项")]
PEN = [("未按施工图设计文件施工", "《建设工程质量管理条例》第六十四条", "罚款人民币叁拾万元", "已缴纳罚款", "责令整改，已整改完毕"),
       ("使用不合格预拌混凝土", "《建设工程质量管理条例》第六十四条", "罚款人民币贰拾伍万元", "已执行", "已返工处理"),
       ("监理单位未按规定实施旁站", "《建设工程质量管理条例》第六十七条", "罚款人民币伍万元", "已执行", "已整改")]


def records(unit, qname, projs, rng, n1, n2):
    q0, q1, _, qi = Q[qname]
    ab = PLACES[unit]
    f1, f2 = [], []
    pool = [p for p in projs if p["registered"] in ("stock", "2025Q1")]
    for i in range(n1):
        p = rng.choice(pool)
        fact, clause = rng.choice(FACTS)
        party_is_sup = "监理" in fact
        d = q0 + dt.timedelta(days=rng.randint(3, 70))
        f1.append(dict(record_no=f"{ab}BL2025-{qi}{i + 1:02d}", project=p["name"],
                       party=p["supervisor"] if party_is_sup else p["builder"],
                       person=rng.choice(PERSONS), title="总监理工程师" if party_is_sup else "项目经理",
                       fact=fact, clause=clause, recorder=rng.choice(PERSONS), recorded_on=d.isoformat(),
                       approver=rng.choice(PERSONS), approved_on=(d + dt.timedelta(days=rng.randint(1, 6))).isoformat()))
    for i in range(n2):
        p = rng.choice(pool)
        fact, basis, pen, status, handling = rng.choice(PEN)
        d = q0 + dt.timedelta(days=rng.randint(5, 80))
        f2.append(dict(record_no=f"宛建罚〔2025〕{qi}{i + 1:02d}号".replace("宛", ab[0]), project=p["name"],
                       party=p["supervisor"] if "监理" in fact else p["builder"], date=d.isoformat(), fact=fact,
                       basis=basis, penalty=pen, status=status, handling=handling))
    return f1, f2


# ----------------------------------------------------------------------------------------------
# writing a workbook the way one clerk does
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


def fmt_date(d, style):
    if d is None:
        return None
    if isinstance(d, str):
        d = dt.date.fromisoformat(d)
    return {"excel": d, "dot": f"{d.year}.{d.month}.{d.day}", "dash": d.isoformat(),
            "cn": f"{d.year}年{d.month}月{d.day}日", "slash": f"{d.year}/{d.month}/{d.day}"}[style]


class Sheet:
    def __init__(self, ws, r0, c0):
        self.ws, self.r0, self.c0 = ws, r0, c0
        self.r = r0

    def addr(self, r, c):
        return f"{get_column_letter(c)}{r}"

    def put(self, r, c, v, fmt=None, box=True, bold=False):
        cell = self.ws.cell(row=r, column=c, value=v)
        if fmt:
            cell.number_format = fmt
        elif isinstance(v, dt.date):
            cell.number_format = "yyyy-mm-dd"
        if box:
            cell.border = BOX
        if bold:
            cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="center", wrap_text=isinstance(v, str) and len(v) > 12)
        return self.addr(r, c)

    def merge(self, r1, c1, r2, c2):
        if (r1, c1) != (r2, c2):
            self.ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)


def numv(v, S, decimals=None, key=None):
    """a number as this clerk types it"""
    if v is None:
        return S.get("blank_rate", None)
    if S.get("numbers") == "text":
        if isinstance(v, int) or decimals == 0:
            return str(int(v))
        return f"{v:.{decimals if decimals is not None else 2}f}"
    return v


def ratev(v, S):
    if v is None:
        return S.get("blank_rate", None), None
    st = S.get("rates", "num")
    if st == "num":
        return v, None
    if st == "pct_text":
        return f"{v:g}%", None
    if st == "pct_fmt":
        return round(v / 100, 4), "0.0%"
    raise ValueError(st)


def title_block(sh, form_no, title, S, unit_line, qname, width, extra_line=None):
    ws = sh.ws
    r = sh.r0
    c = sh.c0
    cn = Q[qname][2]
    if S["title"] == "two":
        sh.put(r, c, f"附表{form_no}", box=False, bold=True)
        r += 1
        sh.put(r, c, title, box=False, bold=True)
        sh.merge(r, c, r, c + width - 1)
        ws.cell(row=r, column=c).alignment = CENTER
        r += 1
    elif S["title"] == "one":
        sh.put(r, c, f"附表{form_no}  {title}", box=False, bold=True)
        sh.merge(r, c, r, c + width - 1)
        r += 1
    elif S["title"] == "period":
        sh.put(r, c, f"附表{form_no}", box=False)
        r += 1
        sh.put(r, c, f"{title}（2025年第{cn}季度）", box=False, bold=True)
        sh.merge(r, c, r, c + width - 1)
        ws.cell(row=r, column=c).alignment = CENTER
        r += 1
    if extra_line:
        sh.put(r, c, extra_line, box=False)
        r += 1
    sh.put(r, c, unit_line, box=False)
    if S.get("unit_line_merge"):
        sh.merge(r, c, r, c + min(width, 8) - 1)
    r += 1
    sh.r = r


def footer(sh, S, width, who, date_text, notes=None):
    r = sh.r + (1 if S.get("gap_before_footer") else 0)
    c = sh.c0
    if notes:
        sh.put(r, c, notes, box=False)
        sh.merge(r, c, r, c + width - 1)
        sh.ws.row_dimensions[r].height = 45
        sh.ws.cell(row=r, column=c).alignment = Alignment(wrap_text=True, vertical="top")
        r += 1
    if S.get("footer") == "split":
        sh.put(r, c, f"统计员：{who[0]}", box=False)
        sh.put(r, c + max(3, width // 3), f"批准人：{who[1]}", box=False)
        a = sh.put(r, c + max(6, 2 * width // 3), f"报送日期：{date_text}", box=False)
    else:
        a = sh.put(r, c, f"统计员：{who[0]}          批准人：{who[1]}          报送日期：{date_text}", box=False)
    sh.r = r + 1
    return a


F5_NOTE = ("填表说明：1、在建工程：已办理监督注册手续，尚未完工或已完工，但未进行竣工验收的工程；2、竣工工程：已办理监督注册手续，"
           "已通过竣工验收的工程；3、质量备案率：已办理质量备案手续的工程/竣工工程；4、用户满意率：用户评价为满意的工程（项数）/"
           "已办理质量备案手续的工程；5、接转工程：上一季（年）度在建工程。")


def hdr(text, S):
    return text if S.get("newlines", True) else text.replace("\n", "")


def write_f1(ws, D, S, pos):
    sh = Sheet(ws, *S["origin"])
    W = 11
    title_block(sh, 1, "河南省建设工程有关责任主体及相关责任人员不良行为记录统计表", S, D["unit_line"], D["q"], W)
    c, r = sh.c0, sh.r
    sh.put(r, c, f"填表人：{D['who'][0]}        批准人：{D['who'][1]}        填表日期：{D['date_text']}", box=False)
    r += 1
    heads = ["记录\n编号", "工程名称", "责任单位", "责  任  人", None, "不良行为事实", "对应省不良记录管理办法条款", "记录人",
             "记录\n日期", "批准人", "批准\n日期"]
    for i, h in enumerate(heads):
        if h:
            sh.put(r, c + i, hdr(h, S), bold=True)
        else:
            sh.put(r, c + i, None)
    sh.put(r + 1, c + 3, "姓名", bold=True)
    sh.put(r + 1, c + 4, "职务", bold=True)
    for i in range(W):
        if i not in (3, 4):
            sh.put(r + 1, c + i, None)
            sh.merge(r, c + i, r + 1, c + i)
    sh.merge(r, c + 3, r, c + 4)
    r += 2
    pos["F1_first_row"] = r
    if not D["f1"]:
        sh.put(r, c, S.get("none_f1", "无"))
        sh.put(r, c + 1, "本季度无不良行为记录")
        r += 1
    for rec in D["f1"]:
        vals = [rec["record_no"], rec["project"], rec["party"], rec["person"], rec["title"], rec["fact"], rec["clause"],
                rec["recorder"], fmt_date(rec["recorded_on"], S["dates"]), rec["approver"],
                fmt_date(rec["approved_on"], S["dates"])]
        for i, v in enumerate(vals):
            sh.put(r, c + i, v)
        r += 1
    sh.r = r
    note = "备注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测机构、施工图审查机构及其它有关单位。"
    sh.put(r, c, note, box=False)
    ws.column_dimensions[get_column_letter(c + 1)].width = 28
    ws.column_dimensions[get_column_letter(c + 2)].width = 28
    ws.column_dimensions[get_column_letter(c + 5)].width = 36


def write_f2(ws, D, S, pos):
    sh = Sheet(ws, *S["origin"])
    W = 9
    title_block(sh, 2, "河南省建设工程质量责任主体行政处罚记录表", S, D["unit_line"], D["q"], W)
    c, r = sh.c0, sh.r
    for i, h in enumerate(["记录编号", "工程名称", "责任单位", "时间", "违法违规事实", "处罚依据", "处罚内容", "处罚情况", "处理情况"]):
        sh.put(r, c + i, h, bold=True)
    r += 1
    if not D["f2"]:
        sh.put(r, c, S.get("none_f2", "/"))
        sh.put(r, c + 1, "本季度无行政处罚记录")
        for i in range(2, W):
            sh.put(r, c + i, S.get("none_f2", "/") if S.get("none_f2_fill") else None)
        r += 1
    for rec in D["f2"]:
        vals = [rec["record_no"], rec["project"], rec["party"], fmt_date(rec["date"], S["dates"]), rec["fact"], rec["basis"],
                rec["penalty"], rec["status"], rec["handling"]]
        for i, v in enumerate(vals):
            sh.put(r, c + i, v)
        r += 1
    sh.r = r
    sh.put(r, c, "注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测单位、施工图审查机构及其它有关单位。", box=False)
    sh.r = r + 1
    footer(sh, S, W, D["who"], D["date_text"])
    ws.column_dimensions[get_column_letter(c + 1)].width = 28
    ws.column_dimensions[get_column_letter(c + 2)].width = 28


def merge_runs(rows, key):
    """[(start, end)] index runs of equal non-empty key of length 2..4"""
    runs, i = [], 0
    while i < len(rows):
        j = i
        while j + 1 < len(rows) and rows[j + 1][key] and rows[j + 1][key] == rows[i][key]:
            j += 1
        if rows[i][key] and j > i:
            k = i
            while k <= j:
                e = min(k + 3, j)
                if e > k:
                    runs.append((k, e))
                k = e + 1
        i = j + 1
    return runs


def write_detail(ws, D, S, pos, form):
    sh = Sheet(ws, *S["origin"])
    if form == "F3":
        heads = ["序号", "工程质量监督\n注册号", "工程名称", "结构\n类型", "建筑面积\n（平方米）", "工程造价\n（万元）", "施工单位",
                 "监理单位", "形象进度", "备注"]
        title = "河南省建设工程质量监督在建工程明细表"
        rows = D["f3"]
    else:
        heads = ["序号", "工程质量监督\n注册号", "工程名称", "结构类型", "建筑面积\n（平方米）", "工程造价\n（万元）", "施工单位",
                 "监理单位", "竣工\n日期", "竣工验收结论", "备案\n日期", "备案\n结论"]
        title = "河南省建设工程质量监督竣工工程明细表"
        rows = D["f4"]
    W = len(heads)
    title_block(sh, 3 if form == "F3" else 4, title, S, D["unit_line"], D["q"], W)
    c, r = sh.c0, sh.r
    for i, h in enumerate(heads):
        sh.put(r, c + i, hdr(h, S), bold=True)
    r += 1
    first = r
    cells = []
    for n, p in enumerate(rows, 1):
        area = p["area"]
        cost = p["cost"]
        av = numv(area, S, 2) if S.get("numbers") == "text" else area
        cv = numv(cost, S, 2) if S.get("numbers") == "text" else cost
        if p.get("_cost_text"):
            cv = p["_cost_text"]
        if form == "F3":
            vals = [n, p["reg"], p["name"], p["structure"], av, cv, p.get("_builder", p["builder"]), p["supervisor"],
                    p["progress"][D["q"]], p.get("_remark")]
        else:
            vals = [n, p["reg"], p["name"], p["structure"], av, cv, p.get("_builder", p["builder"]), p["supervisor"],
                    fmt_date(p.get("_completed_on", p["completed_on"]), S["dates"]), p["acceptance"],
                    fmt_date(p.get("_filed_on", p["filed_on"]), S["dates"]), p["filing_result"]]
        rowcells = {}
        for i, v in enumerate(vals):
            a = sh.put(r, c + i, v, fmt="#,##0.00" if i in (4, 5) and isinstance(v, float) and S.get("sep_fmt") else None)
            rowcells[i] = a
        cells.append(dict(reg=p["reg"], row=r, builder_cell=rowcells[6], area_cell=rowcells[4],
                          completed_cell=rowcells.get(8), filed_cell=rowcells.get(10), cost_cell=rowcells[5]))
        r += 1
    mk = S.get("merge_" + form)
    if mk:
        col = {"builder": 6, "supervisor": 7}[mk]
        keyname = "_mkey"
        for p in rows:
            p[keyname] = p.get("_builder", p["builder"]) if mk == "builder" else p["supervisor"]
        merges = []
        for a, b in merge_runs(rows, keyname):
            for k in range(a + 1, b + 1):
                ws.cell(row=first + k, column=c + col).value = None
            sh.merge(first + a, c + col, first + b, c + col)
            merges.append(f"{get_column_letter(c + col)}{first + a}:{get_column_letter(c + col)}{first + b}")
        pos[form + "_merges"] = merges
    if S.get("detail_total"):
        sh.put(r, c, "合计")
        sh.put(r, c + 2, f"{len(rows)}项")
        sh.put(r, c + 4, round(sum(p["area"] for p in rows), 2))
        sh.put(r, c + 5, round(sum(p["cost"] for p in rows), 2))
        r += 1
    sh.r = r
    footer(sh, S, W, D["who"], D["date_text"])
    pos[form + "_rows"] = cells
    for i, w in {1: 18, 2: 34, 6: 32, 7: 28}.items():
        ws.column_dimensions[get_column_letter(c + i)].width = w


F5_GROUPS = [("carried_over", "上季度接转工程"), ("new", "本季度新注册工程"), ("in_progress", "本季度在建工程"),
             ("completed", "本季度竣工工程"), ("filed", "本季度质量备案\n工程")]


def f5_cells(v, S, zero_acc=None):
    """the 21 values of a 附表5 row as typed; returns list of (value, numfmt)"""
    out = []
    for g, _ in F5_GROUPS:
        cnt, area, cost = v[g]
        out += [(numv(cnt, S, 0), None), (numv(area, S, 2), None), (numv(cost, S, 2), None)]
    for x in v["filing_rate"]:
        out.append(ratev(x, S))
    out.append(ratev(v["satisfaction_rate"], S))
    acc = v["accidents"]
    for x in acc:
        if x == 0 and zero_acc is not None:
            out.append((zero_acc, None))
        else:
            out.append((numv(x, S, 0 if isinstance(x, int) else 2), None))
    return out


F5_FIELDS = [f"{g}.{m}" for g, _ in F5_GROUPS for m in ("count", "area", "cost")] + \
            ["filing_rate.count", "filing_rate.area", "satisfaction_rate", "accidents.count", "accidents.deaths",
             "accidents.loss"]


def write_f5(ws, D, S, pos):
    sh = Sheet(ws, *S["origin"])
    W = 22
    title_block(sh, 5, "河南省建设工程质量监督季度统计表", S, D["unit_line_5"], D["q"], W)
    c, r = sh.c0, sh.r
    sh.put(r, c, hdr("市、县\n（市）\n序号", S), bold=True)
    sh.put(r + 1, c, None)
    sh.merge(r, c, r + 1, c)
    col = c + 1
    for g, label in F5_GROUPS:
        sh.put(r, col, hdr(label, S), bold=True)
        sh.put(r, col + 1, None)
        sh.put(r, col + 2, None)
        sh.merge(r, col, r, col + 2)
        for i, s in enumerate(["项数", "面积\n（万㎡）", "造价\n（万元）"]):
            sh.put(r + 1, col + i, hdr(s, S), bold=True)
        col += 3
    sh.put(r, col, hdr("季度质量\n备案率（%）", S), bold=True)
    sh.put(r, col + 1, None)
    sh.merge(r, col, r, col + 1)
    sh.put(r + 1, col, "项数", bold=True)
    sh.put(r + 1, col + 1, "面积", bold=True)
    col += 2
    sh.put(r, col, hdr("用户\n满意率\n（%）", S), bold=True)
    sh.put(r + 1, col, None)
    sh.merge(r, col, r + 1, col)
    col += 1
    sh.put(r, col, "本季度发生工程质量事故", bold=True)
    sh.put(r, col + 1, None)
    sh.put(r, col + 2, None)
    sh.merge(r, col, r, col + 2)
    for i, s in enumerate(["项数", "死亡人数", "经济损失（万元）"]):
        sh.put(r + 1, col + i, s, bold=True)
    r += 2
    row = r
    sh.put(r, c, D["f5_label"])
    cells = f5_cells(D["f5"], S, S.get("zero_acc"))
    pos["F5"] = {}
    for i, (v, fmt) in enumerate(cells):
        pos["F5"][F5_FIELDS[i]] = sh.put(r, c + 1 + i, v, fmt=fmt)
    r += 1
    if S.get("f5_total", True):
        sh.put(r, c, "合计")
        tv = D.get("f5_total_values") or D["f5"]
        tcells = f5_cells(tv, S, S.get("zero_acc"))
        pos["F5_total"] = {}
        for i, (v, fmt) in enumerate(tcells):
            if S.get("formulas") and i not in (15, 16, 17):
                L = get_column_letter(c + 1 + i)
                v = f"=SUM({L}{row}:{L}{row})"
            pos["F5_total"][F5_FIELDS[i]] = sh.put(r, c + 1 + i, v, fmt=fmt)
        r += 1
    sh.r = r
    pos["F5_footer"] = footer(sh, S, W, D["who"], D["date_text_5"], notes=F5_NOTE)
    for i in range(W):
        ws.column_dimensions[get_column_letter(c + i)].width = 9
    ws.column_dimensions[get_column_letter(c)].width = 12


def write_f6(ws, D, S, pos):
    sh = Sheet(ws, *S["origin"])
    W = 14
    title_block(sh, 6, "河南省建设工程质量监督季（年）度分类统计表", S, D["unit_line_5"], D["q"], W)
    c, r = sh.c0, sh.r
    word = S.get("f6_word", "本季/年")
    groups = [(f"{word}新注册项目", 3), (f"{word}竣工工程", 3), (f"{word}质量备案工程", 4), (f"{word}在建工程", 3)]
    sh.put(r, c, "项  目", bold=True)
    sh.put(r + 1, c, None)
    sh.merge(r, c, r + 1, c)
    col = c + 1
    for label, span in groups:
        sh.put(r, col, label, bold=True)
        for k in range(1, span):
            sh.put(r, col + k, None)
        sh.merge(r, col, r, col + span - 1)
        subs = ["项数", "面积\n（万㎡）", "造价\n（万元）"] + (["备案率\n（项%）"] if span == 4 else [])
        for i, s in enumerate(subs):
            sh.put(r + 1, col + i, hdr(s, S), bold=True)
        col += span
    r += 2
    pos["F6"] = {}
    for cat, label in CATS:
        v = D["f6"][cat]
        sh.put(r, c, hdr(label if cat not in ("steel", "county") else {"steel": "钢结构\n工程", "county": "县（区）\n工程"}[cat], S))
        vals = []
        for g in ("new", "completed", "filed"):
            cnt, area, cost = v[g]
            vals += [numv(cnt, S, 0), numv(area, S, 2), numv(cost, S, 2)]
        fr, fmt = ratev(v["filing_rate"], S)
        cnt, area, cost = v["in_progress"]
        vals += [(fr, fmt)] + [numv(cnt, S, 0), numv(area, S, 2), numv(cost, S, 2)]
        # 3+3+3, rate, 3 -> put in order
        order = vals[:9] + [vals[9]] + vals[10:]
        for i, x in enumerate(order):
            if isinstance(x, tuple):
                a = sh.put(r, c + 1 + i, x[0], fmt=x[1])
            else:
                a = sh.put(r, c + 1 + i, x)
            pos["F6"][f"{cat}.{i}"] = a
        r += 1
    sh.r = r
    footer(sh, S, W, D["who"], D["date_text"])
    ws.column_dimensions[get_column_letter(c)].width = 22


def build_workbook(path, D, S):
    wb = Workbook()
    wb.remove(wb.active)
    pos = {}
    order = S.get("order", ["F1", "F2", "F3", "F4", "F5", "F6"])
    for form in order:
        ws = wb.create_sheet(S["sheets"][form])
        {"F1": write_f1, "F2": write_f2, "F3": lambda w, D, S, p: write_detail(w, D, S, p, "F3"),
         "F4": lambda w, D, S, p: write_detail(w, D, S, p, "F4"), "F5": write_f5, "F6": write_f6}[form](ws, D, S, pos)
        if S.get("landscape"):
            ws.page_setup.orientation = "landscape"
    if S.get("hidden_row_note"):
        ws = wb[S["sheets"]["F5"]]
        ws.row_dimensions[1].hidden = False
    wb.properties.creator = S.get("creator", "Administrator")
    wb.save(path)
    return pos


def soffice_convert(src, fmt, outdir):
    cmd = ["soffice", "--headless", "--norestore", "--convert-to", fmt, "--outdir", outdir, src]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    base = os.path.splitext(os.path.basename(src))[0]
    ext = fmt.split(":")[0]
    return os.path.join(outdir, base + "." + ext)


# ----------------------------------------------------------------------------------------------
# archives the Windows way
class GBKZipInfo(zipfile.ZipInfo):
    """a member name stored as GBK bytes without the UTF-8 flag (bit 11), as Explorer/WinRAR/360 do"""

    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def gbk_zip(path, members, when, with_dirs=False):
    """members: [(arcname, local_path or bytes)]"""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        dirs_done = set()
        for arc, src in members:
            if with_dirs and "/" in arc:
                d = arc.rsplit("/", 1)[0] + "/"
                if d not in dirs_done:
                    zi = GBKZipInfo(d, date_time=when)
                    zi.create_system = 0
                    zi.external_attr = 0x10
                    z.writestr(zi, b"")
                    dirs_done.add(d)
            zi = GBKZipInfo(arc, date_time=when)
            zi.create_system = 0
            zi.external_attr = 0x20
            zi.compress_type = zipfile.ZIP_DEFLATED
            data = src if isinstance(src, bytes) else open(src, "rb").read()
            z.writestr(zi, data)


def check_zip_flags(path):
    """parse the central directory raw: every name GBK, bit 11 clear"""
    data = open(path, "rb").read()
    out = []
    i = data.find(b"PK\x01\x02")
    while i != -1:
        flags = int.from_bytes(data[i + 8:i + 10], "little")
        nlen = int.from_bytes(data[i + 28:i + 30], "little")
        name = data[i + 46:i + 46 + nlen]
        out.append((name.decode("gbk"), bool(flags & 0x800)))
        i = data.find(b"PK\x01\x02", i + 46 + nlen)
    return out


def report_docx(path, unit, qname):
    cn = Q[qname][2]
    doc = Document()
    doc.add_heading(f"{unit}2025年第{cn}季度工程质量运行态势分析报告", level=1)
    doc.add_paragraph(f"{unit}建设工程质量监督站")
    secs = [("一、企业总体情况", f"全县现有建筑业企业86家，其中施工总承包二级资质企业12家，监理企业5家，检测机构2家。"),
            ("二、本季度工程质量监督管理总体情况", "本季度共监督在建工程12项，新办理监督注册3项，竣工验收2项，均一次验收合格。"),
            ("三、对工程参建各方质量行为的监督情况及存在的主要问题", "部分项目监理人员到岗履职不到位，施工单位质量自检记录不全。"),
            ("四、对实体工程质量监督采取的具体措施", "开展混凝土结构实体检测专项抽查，抽测楼板厚度及钢筋保护层。"),
            ("五、治理工程质量通病的阶段性目标及效果", "重点治理住宅工程渗漏、墙体裂缝，本季度未发生渗漏投诉。"),
            ("六、企业不良行为记录及行政处罚情况", "本季度记录不良行为1起，无行政处罚。"),
            ("七、存在的突出问题", "监督人员不足，县乡结合部项目监管力量薄弱。"),
            ("八、新技术新工艺推广应用情况", "推广铝合金模板及装配式叠合楼板。"),
            ("九、工程质量事故及投诉情况", "本季度未发生工程质量事故，受理质量投诉2起，已办结。"),
            ("十、工程质量监督执法情况", "下发整改通知书6份，局部停工通知1份。"),
            ("十一、对策建议", "加强监督队伍建设，推进质量监督信息化。")]
    for h, t in secs:
        doc.add_heading(h, level=2)
        doc.add_paragraph(t)
    doc.save(path)


def set_mtime(path, when):
    ts = time.mktime(dt.datetime(*when).timetuple())
    os.utime(path, (ts, ts))


# ----------------------------------------------------------------------------------------------
STYLES = {
    "宛城区": dict(sheets={f"F{i}": f"附表{i}" for i in range(1, 7)}, origin=(1, 1), title="two", dates="excel",
                 rates="num", footer="one", creator="WCZJZ"),
    "卧龙区": dict(sheets={f"F{i}": f"表{i}" for i in range(1, 7)}, origin=(3, 2), title="one", dates="dot",
                 rates="pct_text", numbers="text", footer="split", f5_total=False, merge_F3="builder",
                 merge_F4="builder", unit_line_merge=True),
    "南召县": dict(sheets={f"F{i}": f"Sheet{i}" for i in range(1, 7)}, origin=(1, 1), title="period", dates="dash",
                 rates="num", footer="split", none_f1="/", detail_total=True),
    "方城县": dict(sheets={"F1": "附表1不良行为记录表", "F2": "附表2行政处罚", "F3": "附表3在建工程", "F4": "附表4竣工工程",
                        "F5": "季度统计表", "F6": "分类统计表"}, origin=(2, 1), title="two", dates="slash", rates="num",
                 footer="one", formulas=True, gap_before_footer=True),
    "西峡县": dict(sheets={f"F{i}": f"附表{i}" for i in range(1, 7)}, origin=(1, 1), title="two", dates="excel",
                 rates="num", footer="one"),
    "内乡县": dict(sheets={f"F{i}": f"附表{i}" for i in range(1, 7)}, origin=(2, 2), title="period", dates="cn",
                 rates="pct_fmt", footer="split", newlines=False),
    "淅川县": dict(sheets={f"F{i}": f"表{i}" for i in range(1, 7)}, origin=(1, 1), title="one", dates="excel",
                 rates="num", footer="one", f6_word="本季度"),
    "社旗县": dict(sheets={f"F{i}": f"附表{i}" for i in range(1, 7)}, origin=(1, 1), title="two", dates="dash",
                 rates="num", footer="one", zero_acc="—"),
    "唐河县": dict(sheets={f"F{i}": f"附表{i}" for i in range(1, 7)}, origin=(1, 2), title="two", dates="cn",
                 rates="num", footer="split", merge_F3="builder"),
    "新野县": dict(sheets={f"F{i}": f"附表{n}" for i, n in zip(range(1, 7), "一二三四五六")}, origin=(1, 1),
                 title="two", dates="excel", rates="num", footer="one", formulas=True),
}
UNIT_LINES = {
    "宛城区": "填表单位（公章）：南阳市宛城区建设工程质量监督站",
    "卧龙区": "填表单位（盖章）：卧龙区住建局质监站",
    "南召县": "填表单位（公章）：南召县建设工程质量安全监督站",
    "方城县": "填表单位（公章）：方城县住房和城乡建设局",
    "西峡县": "填表单位（公章）：西峡县建设工程质量监督站",
    "内乡县": "填表单位：内乡县建设工程质量监督站",
    "淅川县": "填表单位（公章）：淅川县质量监督站",
    "社旗县": "填表单位（公章）：社旗县住房和城乡建设局质监站",
    "唐河县": "填表单位（公章）：唐河县建设工程质量监督站",
    "新野县": "填表单位（公章）：新野县建设工程质量监督站",
}
WHO = {u: (PERSONS[i], PERSONS[-1 - i]) for i, u in enumerate(UNIT_ORDER)}
SENT = {  # 报送日期 per unit and quarter
    "2025Q1": {"宛城区": dt.date(2025, 4, 8), "卧龙区": dt.date(2025, 4, 7), "南召县": dt.date(2025, 4, 9),
               "方城县": dt.date(2025, 4, 3), "西峡县": dt.date(2025, 4, 10), "内乡县": dt.date(2025, 4, 8),
               "淅川县": dt.date(2025, 4, 9), "社旗县": dt.date(2025, 4, 9), "唐河县": dt.date(2025, 4, 7),
               "新野县": dt.date(2025, 4, 11)},
    "2025Q2": {"宛城区": dt.date(2025, 7, 8), "卧龙区": dt.date(2025, 7, 4), "南召县": dt.date(2025, 7, 9),
               "方城县": dt.date(2025, 7, 8), "西峡县": dt.date(2025, 7, 7), "内乡县": dt.date(2025, 7, 10),
               "淅川县": dt.date(2025, 7, 9), "社旗县": dt.date(2025, 7, 8), "唐河县": dt.date(2025, 7, 3)},
}
REC_COUNTS = {  # (F1 rows, F2 rows) per quarter
    "2025Q1": {"宛城区": (2, 1), "卧龙区": (1, 0), "南召县": (0, 0), "方城县": (2, 1), "西峡县": (0, 0),
               "内乡县": (1, 0), "淅川县": (1, 1), "社旗县": (0, 0), "唐河县": (1, 0), "新野县": (1, 0)},
    "2025Q2": {"宛城区": (1, 0), "卧龙区": (2, 1), "南召县": (1, 0), "方城县": (1, 0), "西峡县": (0, 0),
               "内乡县": (0, 1), "淅川县": (0, 0), "社旗县": (1, 0), "唐河县": (2, 1)},
}


def date_text(d, unit):
    st = STYLES[unit]["dates"]
    return {"excel": f"{d.year}年{d.month}月{d.day}日", "dot": f"{d.year}.{d.month}.{d.day}",
            "dash": d.isoformat(), "cn": f"{d.year}年{d.month}月{d.day}日", "slash": f"{d.year}/{d.month}/{d.day}"}[st]


def main():
    for d in ("2025Q1", "2025Q2", "2025Q2_v2"):
        shutil.rmtree(os.path.join(ROOT, d), ignore_errors=True)
        os.makedirs(os.path.join(ROOT, d))
    tmp = tempfile.mkdtemp(prefix="nanyang_")
    model = {"units": {}, "files": {}, "planted": []}

    projects = {}
    for unit in UNIT_ORDER:
        seed = UNITS[unit][7]
        for attempt in range(200):
            rng = Rng(seed * 1000 + attempt)
            projs, builders, sups = make_projects(unit, rng)
            finish_details(unit, projs, rng)
            ok = True
            # rounding safety: the stock flow of stated (rounded) areas must hold exactly
            for qname in (["2025Q1"] if unit == "新野县" else ["2025Q1", "2025Q2"]):
                L = lists_for(projs, qname)
                f5, _ = f5_f6(L, 0)
                for m in (1, 2):
                    lhs = round(f5["in_progress"][m], 2)
                    rhs = round(f5["carried_over"][m] + f5["new"][m] - f5["completed"][m], 2)
                    if abs(lhs - rhs) > 1e-9:
                        ok = False
                if unit in ("卧龙区",):  # 附表4 must have a builder group to merge
                    bl = sorted(p["builder"] for p in L["comp"])
                    if len(set(bl)) == len(bl):
                        ok = False
                if unit == "唐河县":
                    bl = sorted(p["builder"] for p in L["ip"])
                    if len(set(bl)) == len(bl):
                        ok = False
            if unit == "西峡县":
                L2 = lists_for(projs, "2025Q2")
                if len(L2["ip"]) != 7:
                    ok = False
            if ok:
                break
        else:
            raise RuntimeError(unit)
        projects[unit] = (projs, Rng(seed))

    # a project of 西峡县 costs exactly 1234.5 万元 (written "1,234.5" in Q2)
    xx = lists_for(projects["西峡县"][0], "2025Q2")["ip"]
    target = [p for p in xx if p["registered"] == "stock"][0]
    target["cost"] = 1234.5

    for qname in ("2025Q1", "2025Q2"):
        qdir = os.path.join(ROOT, qname)
        for unit in UNIT_ORDER:
            if qname == "2025Q2" and unit == "新野县":
                continue  # 未报
            projs, rng = projects[unit]
            L = lists_for(projs, qname)
            nfiled = len(L["filed"])
            sat_k = 1 if (nfiled >= 3 and UNITS[unit][7] % 2 == 0) else 0
            f5, f6 = f5_f6(L, sat_k)
            n1, n2 = REC_COUNTS[qname][unit]
            f1, f2 = records(unit, qname, projs, Rng(UNITS[unit][7] * 7 + Q[qname][3]), n1, n2)
            S = dict(STYLES[unit])
            # rows in the order the clerk keeps them
            ip_rows = sorted(L["ip"], key=lambda p: (p["registered"] != "stock", p["registered"], p["reg"]))
            comp_rows = sorted(L["comp"], key=lambda p: p["completed_on"])
            if S.get("merge_F3"):
                ip_rows = sorted(ip_rows, key=lambda p: (p["builder"], p["reg"]))
            if S.get("merge_F4"):
                comp_rows = sorted(comp_rows, key=lambda p: (p["builder"], p["completed_on"]))
            ip_rows = [dict(p) for p in ip_rows]
            comp_rows = [dict(p) for p in comp_rows]
            sent = SENT[qname][unit]
            D = dict(q=qname, unit_line=UNIT_LINES[unit], unit_line_5=UNIT_LINES[unit].replace("公章", "盖章"),
                     who=WHO[unit], date_text=date_text(sent, unit), date_text_5=date_text(sent, unit),
                     f1=f1, f2=f2, f3=ip_rows, f4=comp_rows, f5=f5, f6=f6, f5_label=unit)
            truth = dict(f5=json.loads(json.dumps(f5)), f6=json.loads(json.dumps(f6)),
                         f3=[p["reg"] for p in ip_rows], f4=[p["reg"] for p in comp_rows],
                         f3_names={p["reg"]: p["name"] for p in ip_rows}, f1=len(f1), f2=len(f2), sent=sent.isoformat())
            model["units"].setdefault(unit, {})[qname] = truth
            base = {"2025Q1": "一", "2025Q2": "二"}[qname]
            cn = base

            def plant(**kw):
                kw.setdefault("unit", unit)
                kw.setdefault("period", qname)
                model["planted"].append(kw)

            # ---------- per unit and quarter: how it is sent, what is planted ----------
            if unit == "宛城区":
                if qname == "2025Q2":
                    f5["accidents"] = [0, 0, 2.5]   # loss with no accident
                    truth["f5"]["accidents"] = [0, 0, 2.5]
                xlsx = os.path.join(tmp, f"宛城区2025年{cn}季度质量监督统计报表.xlsx")
                pos = build_workbook(xlsx, D, S)
                if qname == "2025Q2":
                    plant(rule="F5-007", severity="error", sheet="附表5", cell=pos["F5"]["accidents.loss"],
                          what="经济损失2.5万元而事故项数为0")
                zname = f"宛城区2025年{cn}季度质量监督统计报表.zip"
                when = (2025, 4, 8, 9, 12, 30) if qname == "2025Q1" else (2025, 7, 8, 10, 5, 0)
                gbk_zip(os.path.join(qdir, zname), [(os.path.basename(xlsx), xlsx)], when)
                model["files"].setdefault(qname, []).append(dict(file=zname, kind="zip (GBK names, no UTF-8 flag)",
                                                                 members=[os.path.basename(xlsx)], unit=unit))
            elif unit == "卧龙区":
                xlsx = os.path.join(tmp, f"卧龙区2025年{cn}季度报表.xlsx")
                pos = build_workbook(xlsx, D, S)
                truth["merges"] = {k: pos.get(k) for k in ("F3_merges", "F4_merges")}
                if qname == "2025Q1":
                    name = "卧龙区2025年1季度报表.xlsx"
                    shutil.copy(xlsx, os.path.join(qdir, name))
                    model["files"].setdefault(qname, []).append(dict(file=name, kind="xlsx", unit=unit))
                else:
                    name = "卧龙区2025年二季度报表.7z"
                    with py7zr.SevenZipFile(os.path.join(qdir, name), "w") as z:
                        z.write(xlsx, "卧龙区2025年二季度报表.xlsx")
                    model["files"].setdefault(qname, []).append(dict(file=name, kind="7z",
                                                                     members=["卧龙区2025年二季度报表.xlsx"], unit=unit))
            elif unit == "南召县":
                if qname == "2025Q1":
                    # 竣工日期 typed with last year's date (F4-002)
                    comp_rows[0]["_completed_on"] = "2024-12-28"
                    pos = build_workbook(os.path.join(tmp, f"南召县2025年{cn}季度统计报表.xlsx"), D, S)
                    plant(rule="F4-002", severity="error", sheet="Sheet4", cell=pos["F4_rows"][0]["completed_cell"],
                          what="竣工日期2024-12-28不在2025Q1内")
                else:
                    # filed before completion (F4-003)
                    p0 = [p for p in comp_rows if p["filed"]][0]
                    p0["_filed_on"] = (dt.date.fromisoformat(p0["completed_on"]) - dt.timedelta(days=6)).isoformat()
                    pos = build_workbook(os.path.join(tmp, f"南召县2025年{cn}季度统计报表.xlsx"), D, S)
                    i0 = comp_rows.index(p0)
                    plant(rule="F4-003", severity="error", sheet="Sheet4", cell=pos["F4_rows"][i0]["filed_cell"],
                          what=f"备案日期{p0['_filed_on']}早于竣工日期{p0['completed_on']}")
                inner = f"南召县2025年{cn}季度统计报表.xlsx"
                xlsx = os.path.join(tmp, inner)
                zname = f"南召县2025年{cn}季度统计报表.zip"
                when = (2025, 4, 9, 15, 40, 0) if qname == "2025Q1" else (2025, 7, 9, 16, 2, 10)
                gbk_zip(os.path.join(qdir, zname), [(f"南召县/{inner}", xlsx)], when, with_dirs=True)
                model["files"].setdefault(qname, []).append(dict(file=zname, kind="zip (GBK, folder inside)",
                                                                 members=[f"南召县/{inner}"], unit=unit))
            elif unit == "方城县":
                if qname == "2025Q1":
                    xlsx = os.path.join(tmp, "方城县一季度统计报表.xlsx")
                    build_workbook(xlsx, D, S)
                    xls = soffice_convert(xlsx, "xls:MS Excel 97", tmp)
                    shutil.copy(xls, os.path.join(qdir, "方城县一季度统计报表.xls"))
                    model["files"].setdefault(qname, []).append(dict(file="方城县一季度统计报表.xls",
                                                                     kind="xls (LibreOffice 'MS Excel 97', =SUM 合计 with cached values)",
                                                                     unit=unit))
                else:
                    # v2 (correct) first
                    D2 = dict(D)
                    D2["date_text_5"] = date_text(dt.date(2025, 7, 15), unit)
                    v2 = os.path.join(tmp, "方城县2025年第二季度报表(修改).xlsx")
                    pos2 = build_workbook(v2, D2, S)
                    # v1: the two completed projects still in 附表3, missing in 附表4; 备案率 typo 75.0
                    forgotten = [p for p in comp_rows if p.get("forgot")]
                    assert len(forgotten) == 2
                    ip_v1 = [dict(p) for p in sorted(L["ip"] + [p for p in L["comp"] if p.get("forgot")],
                                                     key=lambda p: (p["registered"] != "stock", p["registered"], p["reg"]))]
                    for p in ip_v1:
                        if p["completed"] == "2025Q2":
                            p["progress"] = dict(p["progress"], **{"2025Q2": "竣工验收"})
                    comp_v1 = [p for p in comp_rows if p not in forgotten]
                    f5v1 = json.loads(json.dumps(f5))
                    f5v1["filing_rate"][0] = 75.0
                    D1 = dict(D, f3=ip_v1, f4=comp_v1, f5=f5v1)
                    v1 = os.path.join(tmp, "方城县2025年第二季度报表.xlsx")
                    pos1 = build_workbook(v1, D1, S)
                    for f in (v1, v2):
                        out = soffice_convert(f, "xlsx:Calc MS Excel 2007 XML", os.path.join(tmp, "recalc"))
                        shutil.move(out, f)
                    set_mtime(v1, (2025, 7, 8, 17, 30, 0))
                    set_mtime(v2, (2025, 7, 15, 9, 10, 0))
                    shutil.copy2(v1, os.path.join(qdir, os.path.basename(v1)))
                    model["resubmission"] = dict(
                        unit=unit, v1=os.path.basename(v1), v2=os.path.basename(v2),
                        moved=[dict(reg=p["reg"], name=p["name"], v1_row_F3=[c["row"] for c in pos1["F3_rows"] if c["reg"] == p["reg"]][0],
                                    v2_row_F4=[c["row"] for c in pos2["F4_rows"] if c["reg"] == p["reg"]][0])
                               for p in forgotten],
                        fixed_cell=dict(sheet="季度统计表", cell=pos1["F5"]["filing_rate.count"], old=75.0,
                                        new=f5["filing_rate"][0]),
                        footer_cell=dict(sheet="季度统计表", cell=pos1["F5_footer"],
                                         old=f"报送日期：{date_text(dt.date(2025, 7, 8), unit)}",
                                         new=f"报送日期：{date_text(dt.date(2025, 7, 15), unit)}"),
                        v1_F3_rows=len(ip_v1), v2_F3_rows=len(ip_rows), v1_F4_rows=len(comp_v1), v2_F4_rows=len(comp_rows),
                        v1_total_F5_cell=pos1["F5_total"]["filing_rate.count"])
                    model["v1_truth"] = dict(f3=[p["reg"] for p in ip_v1], f4=[p["reg"] for p in comp_v1],
                                             f3_area=round(sum(p["area"] for p in ip_v1) / 1e4, 4))
                    s5 = "季度统计表"
                    plant(rule="F3-002", severity="error", sheet=s5, cell=pos1["F5"]["in_progress.count"], version="v1",
                          what=f"附表3列{len(ip_v1)}项，附表5在建{f5['in_progress'][0]}项")
                    plant(rule="F3-003", severity="warning", sheet=s5, cell=pos1["F5"]["in_progress.area"], version="v1",
                          what="附表3面积合计比附表5在建面积多两项工程的面积")
                    plant(rule="F4-004", severity="error", sheet=s5, cell=pos1["F5"]["completed.count"], version="v1",
                          what=f"附表4列{len(comp_v1)}项，附表5竣工{f5['completed'][0]}项")
                    plant(rule="F4-007", severity="warning", sheet=s5, cell=pos1["F5"]["filed.count"], version="v1",
                          what=f"附表4已备案{sum(1 for p in comp_v1 if p['filed'])}项，附表5备案{f5['filed'][0]}项")
                    plant(rule="F5-002", severity="error", sheet=s5, cell=pos1["F5"]["filing_rate.count"], version="v1",
                          what=f"备案率（项数）填75.0，应为{f5['filing_rate'][0]}（合计行同为75.0）")
                    v2dir = os.path.join(ROOT, "2025Q2_v2")
                    shutil.copy2(v2, os.path.join(v2dir, os.path.basename(v2)))
                    model["files"].setdefault(qname, []).append(dict(file=os.path.basename(v1), kind="xlsx (v1, to be corrected)", unit=unit))
                    model["files"].setdefault("2025Q2_v2", []).append(dict(file=os.path.basename(v2), kind="xlsx (v2, replaces v1)", unit=unit))
            elif unit == "西峡县":
                if qname == "2025Q1":
                    xlsx = os.path.join(tmp, "西峡县2025年第一季度报表.xlsx")
                    build_workbook(xlsx, D, S)
                    name = "西峡县2025年第一季度报表.7z"
                    with py7zr.SevenZipFile(os.path.join(qdir, name), "w") as z:
                        z.write(xlsx, os.path.basename(xlsx))
                    model["files"].setdefault(qname, []).append(dict(file=name, kind="7z", members=[os.path.basename(xlsx)], unit=unit))
                else:
                    # normalisations only: ７ (full width), "1,234.5", 无
                    for p in ip_rows:
                        if p["reg"] == target["reg"]:
                            p["_cost_text"] = "1,234.5"
                    S2 = dict(S, zero_acc="无")
                    xlsx = os.path.join(tmp, "西峡县2025年二季度统计报表.xlsx")
                    pos = build_workbook(xlsx, D, S2)
                    from openpyxl import load_workbook
                    wb = load_workbook(xlsx)
                    ws = wb["附表5"]
                    cell = pos["F5"]["in_progress.count"]
                    assert ws[cell].value == 7
                    ws[cell].value = "７"
                    wb.save(xlsx)
                    tc = [c for c in pos["F3_rows"] if c["reg"] == target["reg"]][0]["cost_cell"]
                    plant(rule="ST006", severity="warning(normalisation)", sheet="附表5", cell=cell, what="全角数字“７”")
                    plant(rule="ST006", severity="warning(normalisation)", sheet="附表3", cell=tc, what="千分位“1,234.5”")
                    for k in ("accidents.count", "accidents.deaths", "accidents.loss"):
                        plant(rule="ST006", severity="warning(normalisation)", sheet="附表5", cell=pos["F5"][k], what="“无”读作0")
                    for k in ("accidents.count", "accidents.deaths", "accidents.loss"):
                        plant(rule="ST006", severity="warning(normalisation)", sheet="附表5", cell=pos["F5_total"][k], what="合计行“无”读作0")
                    shutil.copy(xlsx, os.path.join(qdir, os.path.basename(xlsx)))
                    model["files"].setdefault(qname, []).append(dict(file=os.path.basename(xlsx), kind="xlsx", unit=unit))
            elif unit == "内乡县":
                xlsx = os.path.join(tmp, f"内乡县2025年{cn}季度统计报表.xlsx")
                build_workbook(xlsx, D, S)
                if qname == "2025Q1":
                    docx = os.path.join(tmp, "内乡县2025年一季度工程质量运行态势分析报告.docx")
                    report_docx(docx, unit, qname)
                    zname = "内乡县一季度报表及分析报告.zip"
                    gbk_zip(os.path.join(qdir, zname), [(os.path.basename(xlsx), xlsx), (os.path.basename(docx), docx)],
                            (2025, 4, 8, 11, 0, 0))
                    model["files"].setdefault(qname, []).append(dict(
                        file=zname, kind="zip (GBK): workbook + .docx analysis report",
                        members=[os.path.basename(xlsx), os.path.basename(docx)], unit=unit))
                else:
                    shutil.copy(xlsx, os.path.join(qdir, os.path.basename(xlsx)))
                    model["files"].setdefault(qname, []).append(dict(file=os.path.basename(xlsx), kind="xlsx", unit=unit))
            elif unit == "淅川县":
                xlsx = os.path.join(tmp, f"淅川县2025年{cn}季度统计报表.xlsx")
                build_workbook(xlsx, D, S)
                if qname == "2025Q1":
                    name = "淅川县2025年一季度报表.rar"
                    # no rar tool here: RAR 4.x signature + a marker header, the workbook bytes after it (not a real RAR)
                    data = b"Rar!\x1a\x07\x00" + bytes.fromhex("cf907300000d00000000000000") + open(xlsx, "rb").read()
                    open(os.path.join(qdir, name), "wb").write(data)
                    model["files"].setdefault(qname, []).append(dict(file=name, kind="rar (FAKE: signature 'Rar!\\x1a\\x07\\x00' only, not a real archive)", unit=unit))
                    truth["included"] = False
                    plant(rule="IN001 (or a rar-specific finding)", severity="error", sheet=None, cell=None,
                          what=".rar 不能读取，应要求以.zip重报")
                else:
                    zname = "淅川县二季度报表.zip"
                    gbk_zip(os.path.join(qdir, zname), [(os.path.basename(xlsx), xlsx)], (2025, 7, 9, 8, 45, 0))
                    model["files"].setdefault(qname, []).append(dict(file=zname, kind="zip (GBK, WinRAR zip mode)",
                                                                     members=[os.path.basename(xlsx)], unit=unit))
            elif unit == "社旗县":
                if qname == "2025Q1":
                    # the loose, older workbook: 合计 row wrong
                    Dold = dict(D, date_text=date_text(dt.date(2025, 4, 7), unit),
                                date_text_5=date_text(dt.date(2025, 4, 7), unit))
                    tot = json.loads(json.dumps(f5))
                    tot["new"][2] = round(tot["new"][2] + 100, 2)
                    Dold["f5_total_values"] = tot
                    old = os.path.join(tmp, "old", "社旗县2025年一季度统计报表.xlsx")
                    os.makedirs(os.path.dirname(old), exist_ok=True)
                    pos_old = build_workbook(old, Dold, S)
                    shutil.copy(old, os.path.join(qdir, os.path.basename(old)))
                    set_mtime(os.path.join(qdir, os.path.basename(old)), (2025, 4, 7, 16, 0, 0))
                    new = os.path.join(tmp, "社旗县2025年一季度统计报表.xlsx")
                    pos = build_workbook(new, D, S)
                    zname = "社旗县2025年一季度统计报表（更正）.zip"
                    gbk_zip(os.path.join(qdir, zname), [(os.path.basename(new), new)], (2025, 4, 9, 10, 20, 0))
                    set_mtime(os.path.join(qdir, zname), (2025, 4, 9, 10, 21, 0))
                    model["files"].setdefault(qname, []).append(dict(file=os.path.basename(old), kind="xlsx (older: superseded)", unit=unit,
                                                                     note=f"合计 造价 of 本季度新注册 +100 at 附表5!{pos_old['F5_total']['new.cost']}; 报送日期 2025-04-07"))
                    model["files"][qname].append(dict(file=zname, kind="zip (GBK): corrected workbook, newer (报送日期 2025-04-09)",
                                                      members=[os.path.basename(new)], unit=unit))
                    model["shiqi_q1"] = dict(old_total_cell=pos_old["F5_total"]["new.cost"], footer=pos["F5_footer"])
                    for k in ("accidents.count", "accidents.deaths", "accidents.loss"):
                        plant(rule="ST006", severity="warning(normalisation)", sheet="附表5", cell=pos["F5"][k], what="“—”读作0（也在合计行）")
                    plant(rule="IN005", severity="warning", sheet=None, cell=None, what="两份报表，采用压缩包内较新的一份")
                    plant(rule="F5-001", severity="error (superseded file only: must NOT be reported against the unit)",
                          sheet="附表5", cell=pos_old["F5_total"]["new.cost"], what="旧文件合计行新注册造价多100", file=os.path.basename(old))
                else:
                    # 接转 area typed 3.46-style transposition -> F5-006 + F5-004 (area)
                    prev = model["units"][unit]["2025Q1"]["f5"]["in_progress"][1]
                    s = f"{prev:.2f}"
                    wrong = float(s[:-2] + s[-1] + s[-2]) if s[-1] != s[-2] else round(prev + 0.1, 2)
                    f5["carried_over"][1] = wrong
                    truth["f5"]["carried_over"][1] = wrong
                    xlsx = os.path.join(tmp, "社旗县2025年二季度统计报表.xlsx")
                    pos = build_workbook(xlsx, D, S)
                    shutil.copy(xlsx, os.path.join(qdir, os.path.basename(xlsx)))
                    lock = os.path.join(qdir, "~$社旗县2025年二季度统计报表.xlsx")
                    open(lock, "wb").write(b"\x0cAdministrator" + b"\x00" * 40 + b"\x0c\x00A\x00d\x00m\x00i\x00n" + b"\x00" * 100)
                    model["files"].setdefault(qname, []).append(dict(file=os.path.basename(xlsx), kind="xlsx", unit=unit))
                    model["files"][qname].append(dict(file=os.path.basename(lock), kind="Excel lock file (162 bytes)", unit=None))
                    plant(rule="F5-006", severity="error", sheet="附表5", cell=pos["F5"]["carried_over.area"],
                          what=f"接转面积填{wrong}，一季度在建面积为{prev}")
                    plant(rule="F5-004", severity="warning", sheet="附表5", cell=pos["F5"]["in_progress.area"],
                          what="在建面积≠接转+新注册−竣工（因接转面积错）")
                    for k in ("accidents.count", "accidents.deaths", "accidents.loss"):
                        plant(rule="ST006", severity="warning(normalisation)", sheet="附表5", cell=pos["F5"][k], what="“—”读作0（也在合计行）")
                    plant(rule="IN002", severity="info", sheet=None, cell=None, what="锁文件忽略", file=os.path.basename(lock))
            elif unit == "唐河县":
                if qname == "2025Q1":
                    # a truly empty 施工单位 outside any merge: a project whose builder is unique
                    counts = defaultdict(int)
                    for p in ip_rows:
                        counts[p["builder"]] += 1
                    # pick a row at the end of the list, give it its own (blank) group
                    victim = ip_rows[-1]
                    victim["_builder"] = None
                    ip_rows.sort(key=lambda p: (p.get("_builder", p["builder"]) is None, p.get("_builder", p["builder"]) or "", p["reg"]))
                    D["f3"] = ip_rows
                    truth["f3"] = [p["reg"] for p in ip_rows]
                    pos = build_workbook(os.path.join(tmp, "唐河县2025Q1质监报表.xlsx"), D, S)
                    vc = [c for c in pos["F3_rows"] if c["reg"] == victim["reg"]][0]["builder_cell"]
                    plant(rule="F3-004", severity="error", sheet="附表3", cell=vc,
                          what=f"施工单位空白（{victim['reg']} {victim['name']}），不在任何合并区域内")
                    truth["merges"] = {"F3_merges": pos.get("F3_merges")}
                    name = "唐河县2025Q1质监报表.xlsx"
                else:
                    # the same project under a corrected 注册号
                    q1 = model["units"][unit]["2025Q1"]["f3"]
                    cand = [p for p in ip_rows if p["reg"] in q1 and p["registered"] == "stock"][2]
                    old_reg = cand["reg"]
                    y = old_reg.split("-")[1]
                    existing = {p["reg"] for p in projs}
                    n = int(old_reg.split("-")[2])
                    while True:
                        n += 5
                        new_reg = f"411328-{y}-{n:03d}"
                        if new_reg not in existing:
                            break
                    for p in projs:
                        if p["reg"] == old_reg:
                            p["reg"] = new_reg
                    cand["reg"] = new_reg
                    ip_rows.sort(key=lambda p: (p["builder"], p["reg"]))
                    D["f3"] = ip_rows
                    truth["f3"] = [p["reg"] for p in ip_rows]
                    truth["f3_names"] = {p["reg"]: p["name"] for p in ip_rows}
                    pos = build_workbook(os.path.join(tmp, "唐河县2025Q2质监报表.xlsx"), D, S)
                    rc = [c for c in pos["F3_rows"] if c["reg"] == new_reg][0]
                    model["reg_change"] = dict(unit=unit, name=cand["name"], old=old_reg, new=new_reg,
                                               cell=f"附表3!{get_column_letter(STYLES[unit]['origin'][1] + 1)}{rc['row']}")
                    plant(rule="(changed 注册号; F3-005/F3-006 family)", severity="warning at most",
                          sheet="附表3", cell=model["reg_change"]["cell"].split("!")[1],
                          what=f"“{cand['name']}” 注册号 {old_reg} → {new_reg}：应报为注册号变更，不应报为一项消失(F3-005)+一项来源不明(F3-006)")
                    truth["merges"] = {"F3_merges": pos.get("F3_merges")}
                    name = "唐河县2025Q2质监报表.xlsx"
                shutil.copy(os.path.join(tmp, name), os.path.join(qdir, name))
                model["files"].setdefault(qname, []).append(dict(file=name, kind="xlsx (附表3 施工单位 merged)", unit=unit))
            elif unit == "新野县":
                # stock flow broken: 接转 项数 one too many (F5-004, count)
                f5["carried_over"][0] += 1
                truth["f5"]["carried_over"][0] += 1
                xlsx = os.path.join(tmp, "新野县一季度报表.xlsx")
                pos = build_workbook(xlsx, D, S)
                xls = soffice_convert(xlsx, "xls:MS Excel 97", tmp)
                shutil.copy(xls, os.path.join(qdir, "新野县一季度报表.xls"))
                model["files"].setdefault(qname, []).append(dict(file="新野县一季度报表.xls", kind="xls (LibreOffice, sheets 附表一..附表六, =SUM 合计)", unit=unit))
                plant(rule="F5-004", severity="warning", sheet="附表五", cell=pos["F5"]["in_progress.count"],
                      what="接转项数多填1，在建≠接转+新注册−竣工（项数）")

    # the v2 inbox: every other file of 2025Q2 byte-identical
    for fn in os.listdir(os.path.join(ROOT, "2025Q2")):
        if fn.startswith("方城县"):
            continue
        shutil.copy2(os.path.join(ROOT, "2025Q2", fn), os.path.join(ROOT, "2025Q2_v2", fn))
    for e in model["files"]["2025Q2"]:
        if e["unit"] != "方城县":
            model["files"]["2025Q2_v2"].append(e)

    # zip flag check
    model["zip_check"] = {}
    for qd in ("2025Q1", "2025Q2"):
        for fn in sorted(os.listdir(os.path.join(ROOT, qd))):
            if fn.endswith(".zip"):
                model["zip_check"][f"{qd}/{fn}"] = check_zip_flags(os.path.join(ROOT, qd, fn))
    # projects for the record
    model["projects"] = {u: [{k: v for k, v in p.items() if not k.startswith("_")} for p in projects[u][0]] for u in UNIT_ORDER}
    json.dump(model, open(os.path.join(ROOT, "model.json"), "w"), ensure_ascii=False, indent=1, default=str)
    shutil.rmtree(tmp)
    print("ok")


if __name__ == "__main__":
    main()
