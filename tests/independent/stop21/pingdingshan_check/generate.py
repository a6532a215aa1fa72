#!/usr/bin/env python3
"""Independent test data for `qstat check` (and consolidate): 16 single-unit workbooks of
平顶山市 for 2025Q2, each made the way a different clerk would, half clean, half with planted
defects. Writes inbox/, EXPECTED.json, EXPECTED.md, qstat.toml. Imports nothing from qstat.

    python generate.py [--work DIR]
"""
import argparse
import copy
import datetime as dt
import json
import os
import random
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from xlbuild import Sheet, a1, save_xlsxwriter, save_openpyxl, make_xlsm, soffice_convert  # noqa: E402
from forms import (Raw, F5_FIELDS, F7_FIELDS, F6_FIELDS, F6_CATS, build_stat, build_f6, build_records,  # noqa: E402
                   build_score, SPEC_SUPERVISION, SPEC_YEAR, fmt_date)

PERIOD = "2025Q2"
Q_START, Q_END = dt.date(2025, 4, 1), dt.date(2025, 6, 30)

UNITS = ["叶县", "舞钢市", "湛河区", "新华区", "鲁山县", "宝丰县", "石龙区", "示范区",
         "汝州市", "郏县", "卫东区", "高新区", "市本级", "尼龙新材料产业集聚区", "化工产业集聚区", "新城区"]
ALIASES = {
    "平顶山市新华区": "新华区",
    "平顶山城乡一体化示范区": "示范区",
    "城乡一体化示范区": "示范区",
    "平顶山高新技术产业开发区": "高新区",
    "尼龙城": "尼龙新材料产业集聚区",
    "中国尼龙城": "尼龙新材料产业集聚区",
    "化工园区": "化工产业集聚区",
    "平顶山市本级": "市本级",
    "市直": "市本级",
}
CODE = {"叶县": "410422", "舞钢市": "410481", "湛河区": "410411", "新华区": "410402", "鲁山县": "410423",
        "宝丰县": "410421", "石龙区": "410404", "示范区": "410472", "汝州市": "410482", "郏县": "410425",
        "卫东区": "410403", "高新区": "410471", "市本级": "410400", "尼龙新材料产业集聚区": "410473",
        "化工产业集聚区": "410474", "新城区": "410405"}
SHORT = {"尼龙新材料产业集聚区": "尼龙城", "化工产业集聚区": "化工园区", "市本级": "平顶山", "示范区": "示范区",
         "新城区": "新城"}

ESTATES = ["翰林苑", "锦绣华庭", "鹰城世家", "建业森林半岛", "香榭丽舍", "湖滨花园", "凤凰城", "尧山名苑", "和园",
           "阳光水岸", "中央公园", "书香苑", "御景湾", "清华园", "金色港湾", "东方明珠", "龙湖春天", "碧桂园",
           "正商智慧城", "永威翡翠城", "鹰城广场", "滨河新城", "湛河湾", "紫云台", "鸿福佳苑"]
AFF = ["棚户区改造安置房", "公共租赁住房", "城中村改造安置房", "保障性租赁住房"]
PUB = ["第一实验小学教学楼", "人民医院门诊综合楼", "体育中心体育馆", "职业技术学校实训楼", "图书馆", "文化艺术中心",
       "中医院住院楼", "高级中学宿舍楼", "政务服务中心", "妇幼保健院综合楼", "汽车客运站", "会展中心", "疾控中心业务楼",
       "第二初级中学综合楼", "养老服务中心"]
IND = ["标准化厂房", "生产车间", "物流仓储中心", "研发中心", "机械加工车间", "尼龙切片车间", "仓库"]
BUILDERS = ["平煤神马建工集团有限公司", "河南鹰城建设集团有限公司", "平顶山市第一建筑工程有限公司", "河南省第二建设集团有限公司",
            "中建七局第三建筑有限公司", "河南宏盛建筑工程有限公司", "河南五建建设集团有限公司", "平顶山市宏达建筑安装有限公司",
            "河南国基建设集团有限公司", "中国建筑第七工程局有限公司"]
SUPERVISORS = ["平顶山市建设监理有限公司", "河南建达工程咨询有限公司", "河南省育兴建设工程管理有限公司",
               "河南长城铁路工程建设咨询有限公司", "平顶山市中原工程监理有限公司", "河南方大建设工程管理股份有限公司"]
PROGRESS = ["基础施工", "主体施工", "主体七层", "主体封顶", "二次结构", "装饰装修", "室外配套", "桩基施工", "钢结构吊装"]


def rand_date(rng, a, b):
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


def make_project(rng, unit, reg, kind, small=False):
    short = SHORT.get(unit, unit.rstrip("县市区") if len(unit) > 2 else unit)
    if kind == "res":
        name = f"{short}{rng.choice(ESTATES)}{rng.randint(1, 3)}期{rng.randint(1, 30)}#楼"
        area = rng.randrange(6000, 30001, 100) if not small else rng.randrange(1500, 12001, 100)
        st = rng.choice(["剪力墙", "框剪", "框架-剪力墙", "砖混"])
        k = rng.uniform(0.22, 0.32)
    elif kind == "aff":
        name = f"{short}{rng.choice(AFF)}{rng.randint(1, 12)}#楼"
        area = rng.randrange(8000, 25001, 100) if not small else rng.randrange(1500, 12001, 100)
        st = rng.choice(["剪力墙", "框剪"])
        k = rng.uniform(0.2, 0.28)
    elif kind == "pub":
        name = f"{short}{rng.choice(PUB)}"
        area = rng.randrange(3000, 45001, 100) if not small else rng.randrange(1500, 15001, 100)
        st = rng.choice(["框架", "框剪", "钢结构", "框架"])
        k = rng.uniform(0.3, 0.5)
    else:
        name = f"{short}{rng.choice(['金源', '恒达', '宏图', '瑞丰', '神马', '天成'])}公司{rng.choice(IND)}"
        area = rng.randrange(3000, 20001, 100) if not small else rng.randrange(1500, 9001, 100)
        st = rng.choice(["钢结构", "钢结构", "框架", "排架"])
        k = rng.uniform(0.15, 0.25)
    cost10 = int(round(area * k * 10))  # tenths of 万元 (area ㎡ × 万元/㎡)
    return {"reg": reg, "name": name, "structure": st, "area": area, "cost10": cost10,
            "builder": rng.choice(BUILDERS), "supervisor": rng.choice(SUPERVISORS),
            "progress": rng.choice(PROGRESS), "kind": kind,
            "large": kind == "pub" and area >= 20000, "steel": st == "钢结构"}


def agg(lst):
    return {"count": len(lst), "area": round(sum(p["area"] for p in lst) / 10000, 4),
            "cost": round(sum(p["cost10"] for p in lst) / 10, 4)}


def rate(n, d, digits=1):
    return None if not d else round(n / d * 100, digits)


def gen_unit(unit, n_co, n_new, n_comp, n_filed, n_sat, seed, county=True, small=False, force_kinds=None):
    rng = random.Random(seed)
    code = CODE[unit]
    kinds = ["res"] * 9 + ["aff"] * 3 + ["pub"] * 5 + ["ind"] * 3
    carried, new = [], []
    seqs = {}
    for i in range(n_co):
        yr = rng.choice([2023, 2024, 2024, 2025])
        seqs[yr] = seqs.get(yr, 0) + 1
        reg = f"{code}-{yr}-{seqs[yr]:03d}" if n_co < 900 else f"{code}-{yr}-{seqs[yr]:04d}"
        kind = rng.choice(kinds)
        if force_kinds and i < len(force_kinds):
            kind = force_kinds[i]
        carried.append(make_project(rng, unit, reg, kind, small))
    base = seqs.get(2025, 0)
    for i in range(n_new):
        reg = f"{code}-2025-{base + 101 + i:03d}" if n_co < 900 else f"{code}-2025-{base + 101 + i:04d}"
        new.append(make_project(rng, unit, reg, rng.choice(kinds), small))
    for p in carried + new:
        p["county"] = county
    # unique names
    seen = set()
    for p in carried + new:
        while p["name"] in seen:
            p["name"] = p["name"].replace("#楼", "") + f"{rng.randint(1, 99)}#楼" if "#楼" in p["name"] else p["name"] + "二期"
        seen.add(p["name"])
    completed = carried[:n_comp]
    for p in completed:
        p["done"] = rand_date(rng, dt.date(2025, 4, 2), dt.date(2025, 6, 18))
        p["acceptance"] = "合格"
    filed = completed[:n_filed]
    for p in filed:
        p["filed_on"] = min(p["done"] + dt.timedelta(days=rng.randint(5, 12)), dt.date(2025, 6, 30))
        p["filing_result"] = rng.choice(["准予备案", "已备案", "备案"])
    for i, p in enumerate(filed):
        p["satisfied"] = i < n_sat
    in_prog = carried[n_comp:] + new
    return {"rng": rng, "carried": carried, "new": new, "completed": completed, "filed": filed,
            "in_progress": in_prog, "n_sat": n_sat}


def f5_figures(d, accidents=(0, 0, 0.0)):
    co, nw, ip, cp, fl = (agg(d[k]) for k in ("carried", "new", "in_progress", "completed", "filed"))
    v = {}
    for name, g in (("carried_over", co), ("new", nw), ("in_progress", ip), ("completed", cp), ("filed", fl)):
        for k in ("count", "area", "cost"):
            v[f"{name}.{k}"] = g[k]
    v["filing_rate.count"] = rate(fl["count"], cp["count"])
    v["filing_rate.area"] = rate(fl["area"], cp["area"])
    v["satisfaction_rate"] = rate(d["n_sat"], fl["count"])
    v["accidents.count"], v["accidents.deaths"], v["accidents.loss"] = accidents
    return v


def cat_of(p, cat):
    return {"residential": p["kind"] in ("res", "aff"), "affordable_housing": p["kind"] == "aff",
            "public": p["kind"] == "pub", "large_public": p["large"], "steel": p["steel"],
            "county": p["county"]}[cat]


def f6_figures(d):
    out = {}
    for cat in F6_CATS:
        row = {}
        for grp, key in (("new", "new"), ("completed", "completed"), ("filed", "filed"), ("in_progress", "in_progress")):
            g = agg([p for p in d[key] if cat_of(p, cat)])
            for k in ("count", "area", "cost"):
                row[f"{grp}.{k}"] = g[k]
        row["filing_rate"] = rate(row["filed.count"], row["completed.count"])
        out[cat] = row
    return out


def f3_rows(projects, remark=None):
    rows = []
    for i, p in enumerate(projects):
        rows.append({"序号": i + 1, "工程质量监督注册号": p["reg"], "工程名称": p["name"], "结构类型": p["structure"],
                     "建筑面积（平方米）": p["area"], "工程造价（万元）": p["cost10"] / 10, "施工单位": p["builder"],
                     "监理单位": p["supervisor"], "形象进度": p["progress"], "备注": (remark or {}).get(i)})
    return rows


def f4_rows(projects, date_style):
    rows = []
    for i, p in enumerate(projects):
        rows.append({"序号": i + 1, "工程质量监督注册号": p["reg"], "工程名称": p["name"], "结构类型": p["structure"],
                     "建筑面积（平方米）": p["area"], "工程造价（万元）": p["cost10"] / 10, "施工单位": p["builder"],
                     "监理单位": p["supervisor"], "竣工日期": fmt_date(p["done"], date_style),
                     "竣工验收结论": p["acceptance"],
                     "备案日期": fmt_date(p.get("filed_on"), date_style) if p.get("filed_on") else None,
                     "备案结论": p.get("filing_result")})
    return rows


F3_HEAD = ["序号", "工程质量监督注册号", "工程名称", "结构类型", "建筑面积（平方米）", "工程造价（万元）", "施工单位", "监理单位", "形象进度", "备注"]
F4_HEAD = ["序号", "工程质量监督注册号", "工程名称", "结构类型", "建筑面积（平方米）", "工程造价（万元）", "施工单位", "监理单位",
           "竣工日期", "竣工验收结论", "备案日期", "备案结论"]
F1_HEAD = ["记录编号", "工程名称", "责任单位", ("责  任  人", ["姓名", "职务"]), "不良行为事实", "对应省不良记录管理办法条款",
           "记录人", "记录日期", "批准人", "批准日期"]
F2_HEAD = ["记录编号", "工程名称", "责任单位", "时间", "违法违规事实", "处罚依据", "处罚内容", "处罚情况", "处理情况"]

FACTS1 = [("施工单位", "项目经理未到岗履职，擅自离开施工现场", "第十一条第（三）项", "项目经理"),
          ("监理单位", "总监理工程师未按规定签署隐蔽工程验收记录", "第十二条第（二）项", "总监理工程师"),
          ("建设单位", "未按规定组织分户验收即组织竣工验收", "第九条第（五）项", "项目负责人"),
          ("检测机构", "检测报告数据与原始记录不一致", "第十四条第（一）项", "技术负责人")]
FACTS2 = [("未按照工程建设强制性标准施工", "《建设工程质量管理条例》第六十四条", "罚款人民币8万元", "已执行", "已整改到位"),
          ("未取得施工许可证擅自施工", "《建筑法》第六十四条", "责令停止施工，罚款人民币5万元", "已缴纳罚款", "已补办手续"),
          ("监理单位未按规定进行旁站监理", "《建设工程质量管理条例》第六十七条", "罚款人民币50万元", "执行中", "正在整改")]


def f1_rows(d, n, date_style, unit, offset=0):
    rng = d["rng"]
    rows = []
    pool = d["in_progress"]
    for i in range(n):
        p = pool[(i * 3 + offset) % len(pool)]
        party_kind, fact, clause, title = FACTS1[(i + offset) % len(FACTS1)]
        party = {"施工单位": p["builder"], "监理单位": p["supervisor"], "建设单位": p["name"][:4] + "置业有限公司",
                 "检测机构": "平顶山市建设工程质量检测中心"}[party_kind]
        rec = rand_date(rng, dt.date(2025, 4, 3), dt.date(2025, 6, 10))
        appr = rec + dt.timedelta(days=rng.randint(1, 8))
        rows.append({"记录编号": f"BL-{CODE[unit]}-2025-{i + 1 + offset:02d}", "工程名称": p["name"], "责任单位": party,
                     "姓名": rng.choice(["李明", "王强", "赵卫东", "刘建设", "孙国庆", "陈军"]), "职务": title,
                     "不良行为事实": fact, "对应省不良记录管理办法条款": clause, "记录人": rng.choice(["张涛", "杨帆", "马超"]),
                     "记录日期": fmt_date(rec, date_style), "批准人": rng.choice(["郭志强", "何平"]),
                     "批准日期": fmt_date(appr, date_style), "_rec": rec, "_appr": appr})
    return rows


def f2_rows(d, n, date_style, unit):
    rng = d["rng"]
    rows = []
    pool = d["in_progress"]
    for i in range(n):
        p = pool[(i * 5 + 1) % len(pool)]
        fact, basis, pen, status, handling = FACTS2[i % len(FACTS2)]
        day = rand_date(rng, dt.date(2025, 4, 8), dt.date(2025, 6, 25))
        rows.append({"记录编号": f"CF-{CODE[unit]}-2025-{i + 1:02d}", "工程名称": p["name"],
                     "责任单位": p["builder"] if i % 2 == 0 else p["supervisor"], "时间": fmt_date(day, date_style),
                     "违法违规事实": fact, "处罚依据": basis, "处罚内容": pen, "处罚情况": status, "处理情况": handling})
    return rows


# ----------------------------------------------------------------------------------------------
class Unit:
    """One unit's workbook: data, layout choices, defects and expectations."""

    def __init__(self, name, file, fmt, backend, clean):
        self.name, self.file, self.fmt, self.backend, self.clean = name, file, fmt, backend, clean
        self.sheets = []
        self.quirks = []
        self.defects = []          # planted: {rule, severity, sheet, cells, note}
        self.expect = {"plain": [], "period": []}  # extra expectations per check mode
        self.optional = []         # findings allowed but not required (rule, sheet or None)
        self.f5_entered = None     # the unit row as entered, parsed to numbers (for the totals)
        self.f6_entered = None
        self.rows = {}
        self.score_total = None
        self.score_spec = None
        self.included = True
        self.f5_addr = None

    def find(self, rule, sev, sheet, cells, note, modes=("plain", "period", "consolidate")):
        self.defects.append({"rule": rule, "severity": sev, "sheet": sheet,
                             "cells": cells, "note": note, "modes": list(modes)})


def cells_of(addr, keys):
    return [a1(*addr[k]) for k in keys]


def expected_f5_from(values, area_sqm=False):
    """Numbers as qstat should read the unit row (Raw values resolved by hand in _num)."""
    out = {}
    for f in F5_FIELDS:
        v = values.get(f)
        if isinstance(v, Raw):
            v = v.__dict__.get("num", None)
        if v is not None and area_sqm and f.endswith(".area"):
            v = round(v / 10000, 4)
        out[f] = v
    return out


def build_all(work):
    inbox = os.path.join(work, "inbox")
    if os.path.isdir(inbox):
        shutil.rmtree(inbox)
    os.makedirs(inbox)
    units = []

    # ---------------------------------------------------------------- 叶县 (defects F5-002, F5-001)
    u = Unit("叶县", "叶县2025年二季度质量监督统计报表.xlsx", "xlsx", "xw", False)
    d = gen_unit("叶县", 24, 6, 8, 6, 5, seed=101)
    st = {"period_in_title": False, "merged_header": True, "num_style": "num", "zero_style": "num0",
          "rate_style": "pct_num", "total_mode": "typed", "footer": "split", "people": ("张丽", "王建国")}
    period_text = "（2025年第二季度）"
    unit_line = "填表单位（公章）：叶县住房和城乡建设局"
    date_text = "2025年7月8日"
    v = f5_figures(d)
    entered = dict(v)
    entered["filing_rate.count"] = Raw(80.0)
    entered["filing_rate.count"].num = 80.0
    tot = dict(entered)
    tot["completed.area"] = Raw(round(v["completed.area"] + 0.27, 2))
    tot["completed.area"].num = round(v["completed.area"] + 0.27, 2)
    u.sheets, addr = std_workbook(u, d, st, period_text, unit_line, date_text, entered, tot,
                                  names=["附表1", "附表2", "附表3", "附表4", "附表5", "附表6"], label="叶  县",
                                  n_f1=2, n_f2=1, date_style="excel", score=("A", "考核评分表", {
                                      "监督执法工作": (8, "一项工程未及时公示处罚结果"),
                                      "施工现场监管": (11, "个别项目总监兼职"),
                                      "工作亮点和特色": (5, "未获奖项")}, True, {1: 30}))
    u.find("F5-002", "error", "附表5", cells_of(addr, [("unit", "filing_rate.count")]),
           f"备案率（项数）填80，应为{v['filed.count']}/{v['completed.count']}={v['filing_rate.count']}")
    u.optional.append(("F5-002", "附表5"))  # the 合计 row repeats the 80
    u.find("F5-001", "error", "附表5", cells_of(addr, [("total", "completed.area")]),
           f"合计行竣工面积填{tot['completed.area'].v}，单位行为{v['completed.area']}")
    u.find("SC004", "error", "考核评分表", [u.score_sub_cells[1]],
           "评分表“参建各方责任主体”小计填30，各项得分之和为29（施工现场监管扣1分后未改小计）")
    u.optional.append(("SC005", "考核评分表"))
    u.quirks += ["xlsxwriter", "标题下一行写期别（2025年第二季度）", "两行合并表头", "单位行写作“叶  县”",
                 "合计行手填", "日期为Excel日期", "考核评分表（监督工作，含评分依据列，扣分）"]
    u.f5_entered = expected_f5_from(entered)
    units.append(u)

    # ---------------------------------------------------------------- 舞钢市 (F5-007, F6-004, F1-002)
    u = Unit("舞钢市", "舞钢市二季度报表.xlsx", "xlsx", "opx", False)
    d = gen_unit("舞钢市", 18, 5, 4, 3, 2, seed=202, force_kinds=["res", "res", "res", "res", "pub"])
    st = {"period_in_title": "prefix", "merged_header": True, "num_style": "fullwidth", "zero_style": "wu",
          "rate_style": "fraction", "total_mode": "typed", "footer": "one", "people": ("刘芳", "赵铁军")}
    v = f5_figures(d)
    entered = dict(v)
    entered["accidents.loss"] = 3.5
    u.sheets, addr = std_workbook(u, d, st, "2025年二季度", "填表单位（盖章）：舞钢市住房和城乡建设局质量监督站",
                                  "2025.7.9", entered, None, names=["表1", "表2", "表3", "表4", "表5", "表6"],
                                  label="舞钢市", n_f1=2, n_f2=0, date_style="dot",
                                  f6_mut=lambda f6: f6["residential"].__setitem__("completed.count", f6["residential"]["completed.count"] + 1),
                                  f1_mut="approve_before_record", hidden_f3_stale=True)
    u.find("F5-007", "error", "表5", cells_of(addr, [("unit", "accidents.loss"), ("unit", "accidents.count")]),
           "事故项数为0（填“无”），经济损失填3.5万元")
    a6 = u.f6_addr
    u.find("F6-004", "error", "表6", cells_of(a6, [("residential", "completed.count")]),
           f"住宅工程竣工项数{u.f6_entered['residential']['completed.count']}，超过附表5竣工项数{v['completed.count']}")
    a1m = u.f1_addr
    u.find("F1-002", "error", "表1", cells_of(a1m, [(0, "批准日期"), (0, "记录日期")]), "第1条记录批准日期早于记录日期")
    u.optional.append(("F5-008", "表5"))
    u.quirks += ["openpyxl", "表1-表6", "全角数字（ST006）", "零写“无”", "备案率/满意率写小数0.75",
                 "隐藏的过期工作表“表3（一季度）”", "日期写2025.7.9", "页脚一行"]
    u.f5_entered = expected_f5_from(entered)
    units.append(u)

    # ---------------------------------------------------------------- 湛河区 (IN004 wrong period, IN006 no 附表2)
    u = Unit("湛河区", "湛河区统计报表.xlsx", "xlsx", "xw", False)
    d = gen_unit("湛河区", 15, 4, 2, 2, 2, seed=303)
    st = {"period_in_title": "prefix", "merged_header": True, "num_style": "num", "zero_style": "blank",
          "rate_style": "pct_num", "total_mode": "formula_cached", "footer": "split", "people": ("孙静", "钱勇")}
    v = f5_figures(d)
    u.sheets, addr = std_workbook(u, d, st, "2025年第一季度", "填表单位：湛河区住房和城乡建设局", "2025年7月9日", v, v,
                                  names=["附表1", None, "附表3", "附表4", "附表5", "附表6"], label="湛河区",
                                  n_f1=1, n_f2=0, date_style="excel_cn")
    u.find("IN004", "error", None, None, "各表标题写“2025年第一季度”（沿用上季度文件），实为二季度数据、报送日期2025年7月9日",
           modes=("period", "consolidate"))
    u.find("IN006", "error", None, None, "缺附表2（行政处罚记录表）工作表")
    # plain check: the period comes from the title (2025Q1): every 竣工日期 of 附表4 is then outside it
    for i in range(len(d["completed"])):
        u.find("F4-002", "error", "附表4", cells_of(u.f4_addr, [(i, "竣工日期")]),
               "（仅在不带--period时）按标题期别2025Q1，竣工日期在二季度", modes=("plain",))
    u.optional += [("F1-003", "附表1"), ("F2-002", None), ("IN004", None), ("F4-003", "附表4")]
    u.quirks += ["xlsxwriter", "标题写错期别“2025年第一季度”", "零留空", "合计行为带缓存值的公式", "日期为Excel日期（yyyy年m月d日格式）",
                 "无附表2工作表"]
    u.f5_entered = expected_f5_from(v)
    units.append(u)

    # ---------------------------------------------------------------- 新华区 (F5-004, F3-002, F3-001)
    u = Unit("新华区", "新华区 2025年第二季度.xlsx", "xlsx", "xw", False)
    d = gen_unit("新华区", 20, 5, 3, 3, 3, seed=404)
    st = {"period_in_title": "paren", "merged_header": False, "num_style": "num", "zero_style": "num0",
          "rate_style": "pct_num", "total_mode": "typed", "footer": "split", "people": ("周敏", "吴刚")}
    v = f5_figures(d)
    entered = dict(v)
    entered["in_progress.count"] = v["in_progress.count"] + 1
    tot = dict(entered)
    u.sheets, addr = std_workbook(u, d, st, "2025年第二季度", "填表单位（公章）：平顶山市新华区建设工程质量监督站",
                                  "2025-07-07", entered, tot,
                                  names=["附表1 不良行为记录", "附表2 行政处罚", "附表3 在建工程", "附表4 竣工工程",
                                         "附表5 季度统计", "附表6 分类统计"], label="新华区", n_f1=0, n_f2=1,
                                  date_style="dash", f3_dup_reg=(4, 9), f3_merge=["监理单位"],
                                  score=("A", "评分表", {"调查研究": (1.5, "未开展考察交流"), "永久标牌": (1.5, "两个项目未镶嵌")}, True))
    u.find("F5-004", "warning", "附表5 季度统计", cells_of(addr, [("unit", "in_progress.count")]),
           f"在建项数填{entered['in_progress.count']}，接转{v['carried_over.count']}+新注册{v['new.count']}-竣工{v['completed.count']}={v['in_progress.count']}")
    u.find("F3-002", "error", ["附表3 在建工程", "附表5 季度统计"], None,
           f"附表3有{v['in_progress.count']}行，附表5在建项数填{entered['in_progress.count']}")
    u.find("F3-001", "error", "附表3 在建工程", cells_of(u.f3_addr, [(9, "工程质量监督注册号"), (4, "工程质量监督注册号")]),
           f"第10行注册号与第5行重复（{u.rows['F3'][4]['工程质量监督注册号']}）")
    u.quirks += ["xlsxwriter", "工作表名“附表5 季度统计”等", "表头两行但不合并", "标题括注期别", "日期文本2025-05-20",
                 "附表3监理单位列合并单元格", "填表单位写“平顶山市新华区”（别名）", "评分表（扣分，含评分依据）"]
    u.f5_entered = expected_f5_from(entered)
    units.append(u)

    # ---------------------------------------------------------------- 鲁山县 (F3-004, F4-008, ST002)
    u = Unit("鲁山县", "附表1-6（鲁山县）.xlsx", "xlsx", "opx", False)
    d = gen_unit("鲁山县", 16, 5, 3, 2, 2, seed=505, force_kinds=None)
    st = {"period_in_title": False, "merged_header": True, "num_style": "thousands", "zero_style": "wu",
          "rate_style": "pct_text", "total_mode": "typed", "footer": "split", "people": ("郑华", "冯立")}
    v = f5_figures(d)
    u.sheets, addr = std_workbook(u, d, st, None, "填报单位：鲁山县建设工程质量监督站", "2025年7月6日", v, v,
                                  names=["Sheet1", "Sheet2", "Sheet3", "Sheet4", "Sheet5", "Sheet6"], label="鲁山县",
                                  n_f1=1, n_f2=1, date_style="cn", f3_blank=(6, "施工单位"), f4_blank=(1, "监理单位"),
                                  f6_raw=("residential", "new.cost", "见附表3"))
    u.find("F3-004", "error", "Sheet3", cells_of(u.f3_addr, [(6, "施工单位")]), "附表3第7行施工单位为空")
    u.find("F4-008", "error", "Sheet4", cells_of(u.f4_addr, [(1, "监理单位")]), "附表4第2行监理单位为空")
    u.find("ST002", "error", "Sheet6", cells_of(u.f6_addr, [("residential", "new.cost")]), "附表6住宅新注册造价填“见附表3”")
    u.quirks += ["openpyxl", "工作表Sheet1-Sheet6", "标题无期别（期别取报送日期2025年7月6日的上一季度）", "千分位文本数字“1,234.5”",
                 "零写“无”", "比率写“95%”文本", "日期写2025年5月20日文本", "无合计公式（手填）"]
    u.f5_entered = expected_f5_from(v)
    units.append(u)

    # ---------------------------------------------------------------- 宝丰县 (F4-002, F4-003, ST005)
    u = Unit("宝丰县", "宝丰县.xlsx", "xlsx", "xw", False)
    d = gen_unit("宝丰县", 14, 4, 3, 2, 2, seed=606)
    # plant the dates
    c0, c1, c2 = d["completed"]
    c0["done"] = Raw("2025.3.28")
    c0["filed_on"] = dt.date(2025, 4, 10)
    c1["done"] = dt.date(2025, 5, 16)
    c1["filed_on"] = dt.date(2025, 5, 2)
    c2["done"] = Raw("2025年6月31日")
    c2.pop("filed_on", None)
    c2.pop("filing_result", None)
    st = {"period_in_title": "prefix", "merged_header": True, "num_style": "num", "zero_style": "dash",
          "rate_style": "pct_num", "total_mode": "typed", "footer": "split", "people": ("蒋丹", "韩冰")}
    v = f5_figures(d)
    u.sheets, addr = std_workbook(u, d, st, "2025年第2季度", "填表单位（公章）：宝丰县住房和城乡建设局", "2025.07.10", v, None,
                                  names=["附表1", "附表2", "附表3", "附表4", "附表5", "附表6"], label="宝丰县",
                                  n_f1=0, n_f2=0, date_style="excel", origin=(4, 2))
    u.find("F4-002", "error", "附表4", cells_of(u.f4_addr, [(0, "竣工日期")]), "竣工日期2025.3.28在一季度")
    u.find("F4-003", "error", "附表4", cells_of(u.f4_addr, [(1, "备案日期"), (1, "竣工日期")]), "备案日期2025-05-02早于竣工日期2025-05-16")
    u.find("ST005", "error", "附表4", cells_of(u.f4_addr, [(2, "竣工日期")]), "竣工日期“2025年6月31日”不存在")
    u.quirks += ["xlsxwriter", "表格从C5开始", "零写“—”", "无合计行", "附表1/附表2写“本季度无…记录”", "日期混写（Excel日期/2025.3.28/2025年6月31日）"]
    u.f5_entered = expected_f5_from(v)
    units.append(u)

    # ---------------------------------------------------------------- 石龙区 (corrupt file IN001)
    u = Unit("石龙区", "石龙区2025年二季度统计报表.xlsx", "xlsx", "xw", False)
    d = gen_unit("石龙区", 8, 2, 1, 1, 1, seed=707)
    st = {"period_in_title": "prefix", "merged_header": True, "rate_style": "pct_num", "total_mode": "typed"}
    v = f5_figures(d)
    u.sheets, addr = std_workbook(u, d, st, "2025年第二季度", "填表单位：石龙区住房和城乡建设局", "2025年7月5日", v, v,
                                  names=["附表1", "附表2", "附表3", "附表4", "附表5", "附表6"], label="石龙区", n_f1=0, n_f2=0,
                                  date_style="excel")
    u.corrupt = True
    u.included = False
    u.find("IN001", "error", None, None, "文件在传输中截断（只剩前55%字节），无法打开")
    u.quirks += ["截断的.xlsx（损坏）"]
    u.f5_entered = expected_f5_from(v)
    units.append(u)

    # ---------------------------------------------------------------- 示范区 (clean, .ods)
    u = Unit("示范区", "示范区2025年二季度.ods", "ods", "xw", True)
    d = gen_unit("示范区", 12, 6, 2, 2, 2, seed=808, county=True)
    st = {"period_in_title": False, "merged_header": True, "num_style": "num", "zero_style": "num0",
          "rate_style": "pct_num", "total_mode": "formula_cached", "footer": "split", "people": ("高洁", "林涛"),
          "form_no_line": True}
    v = f5_figures(d)
    u.sheets, addr = std_workbook(u, d, st, "二〇二五年第二季度", "填表单位（公章）：平顶山城乡一体化示范区建设环保局", "2025年7月7日",
                                  v, v, names=["表一", "表二", "表三", "表四", "表五", "表六"], label="示范区", n_f1=1, n_f2=0,
                                  date_style="excel_slash",
                                  score=("A", "自评打分表", {"宣传报导": (0, "本年度暂无媒体报道"), "工作亮点和特色": (2.5, "仅有制度创新")}, True))
    u.quirks += ["soffice转.ods", "工作表名表一-表六", "标题期别“二〇二五年第二季度”", "填表单位为别名“平顶山城乡一体化示范区”",
                 "合计行公式", "自评打分表"]
    u.f5_entered = expected_f5_from(v)
    units.append(u)

    # ---------------------------------------------------------------- 汝州市 (clean, ~3000-row 附表3, accident)
    u = Unit("汝州市", "汝州市2025年第2季度统计表.xlsx", "xlsx", "xw", True)
    d = gen_unit("汝州市", 2955, 75, 30, 27, 25, seed=909, small=True)
    st = {"period_in_title": "prefix", "merged_header": True, "num_style": "num", "zero_style": "num0",
          "rate_style": "pct_num", "rate_digits": 2, "total_mode": "formula_cached", "footer": "split",
          "people": ("杜娟", "马骏")}
    v = f5_figures(d, accidents=(1, 0, 12.5))
    v["filing_rate.count"] = rate(v["filed.count"], v["completed.count"], 2)
    v["filing_rate.area"] = rate(v["filed.area"], v["completed.area"], 2)
    v["satisfaction_rate"] = rate(d["n_sat"], v["filed.count"], 2)
    u.sheets, addr = std_workbook(u, d, st, "2025年度第二季度", "填表单位（公章）：汝州市住房和城乡建设局", "2025年7月11日",
                                  v, v, names=["附表1", "附表2", "附表3", "附表4", "附表5", "附表6"], label="汝州市", n_f1=3,
                                  n_f2=2, date_style="excel", f3_merge=["监理单位"],
                                  score=("A", "考核评分表", {}, False))
    u.quirks += ["xlsxwriter", "附表3约3000行（%d行）" % len(d["in_progress"]), "附表3监理单位合并单元格", "合计行带缓存值公式",
                 "比率两位小数", "发生质量事故1起、损失12.5万元", "考核评分表满分无评分依据列"]
    u.f5_entered = expected_f5_from(v)
    units.append(u)

    # ---------------------------------------------------------------- 郏县 (F6-001, F6-003, F4-005)
    u = Unit("郏县", "郏县质监站2025Q2.xlsx", "xlsx", "xw", False)
    d = gen_unit("郏县", 13, 3, 3, 2, 2, seed=1010, force_kinds=["res", "aff", "res", "res", "pub", "res", "pub"])
    # the project kept in 附表3 after it was completed: make its stand-in the same size
    q = d["completed"][0]
    p = d["in_progress"][0]
    p["area"], p["cost10"] = q["area"], q["cost10"]
    st = {"period_in_title": "prefix", "merged_header": True, "num_style": "num", "zero_style": "num0",
          "rate_style": "pct_num", "total_mode": "none", "footer": "split", "people": ("秦岚", "许峰")}
    v = f5_figures(d)

    def jx_f6(f6):
        pub = f6["public"]["in_progress.count"]
        f6["large_public"]["in_progress.count"] = pub + 1
        f6["large_public"]["in_progress.area"] = max(f6["large_public"]["in_progress.area"], 2.0 * (pub + 1) + 0.35)
        f6["residential"]["filing_rate"] = Raw(100.0)
    u.sheets, addr = std_workbook(u, d, st, "2025年二季度", "填表单位（盖章）：郏县住房和城乡建设局", "2025年7月10日", v, None,
                                  names=["附表1", "附表2", "附表3", "附表4", "统计表", "分类表"], label="郏县", n_f1=1,
                                  n_f2=1, date_style="excel", f6_mut=jx_f6, f3_stale_completed=True,
                                  score=("A", "评分表", {"机构和队伍\n建设": (4, "执法证未全员办理"), "分户验收": (1.5, "一个项目分户验收记录不全")}, True))
    u.find("F6-001", "error", "分类表", cells_of(u.f6_addr, [("large_public", "in_progress.count"), ("public", "in_progress.count")]),
           f"大型公建在建项数{u.f6_entered['large_public']['in_progress.count']}大于公共建筑在建项数{u.f6_entered['public']['in_progress.count']}")
    r = u.f6_entered["residential"]
    u.find("F6-003", "error", "分类表", cells_of(u.f6_addr, [("residential", "filing_rate")]),
           f"住宅备案率填100，应为{r['filed.count']}/{r['completed.count']}")
    u.find("F4-005", "error", ["附表3", "附表4"], None, f"{q['reg']} {q['name']}既在附表3又在附表4（竣工后未从在建表删除）")
    u.quirks += ["xlsxwriter", "附表5工作表名“统计表”、附表6“分类表”", "无合计行", "评分表（扣分，含评分依据）"]
    u.f5_entered = expected_f5_from(v)
    units.append(u)

    # ---------------------------------------------------------------- 卫东区 (clean + hidden stale sheet + lock file)
    u = Unit("卫东区", "卫东区2025年二季度报表.xlsx", "xlsx", "opx", True)
    d = gen_unit("卫东区", 10, 3, 2, 2, 2, seed=1111)
    st = {"period_in_title": "prefix", "merged_header": True, "num_style": "num", "zero_style": "num0",
          "rate_style": "pct_num", "total_mode": "typed", "footer": "split", "people": ("罗琳", "梁伟"),
          "total_label": "合  计"}
    v = f5_figures(d)
    u.sheets, addr = std_workbook(u, d, st, "2025年第二季度", "填表单位：平顶山市卫东区住房和城乡建设局", "2025年7月8日", v, v,
                                  names=["附表1", "附表2", "附表3", "附表4", "附表5", "附表6"], label="平顶山市卫东区", n_f1=1, n_f2=1,
                                  date_style="excel", hidden_f5_stale=True,
                                  score=("A", "考核评分表", {"学习培训": (2, "未组织考试"), "施工现场监管": (10, "两项未落实带班制度")}, True))
    u.quirks += ["openpyxl", "隐藏的过期工作表“附表5(一季度)”（排在最前，标题2025年第一季度）", "同目录有锁文件~$卫东区2025年二季度报表.xlsx",
                 "考核评分表", "附表5单位行写“平顶山市卫东区”、合计行写“合  计”"]
    u.f5_entered = expected_f5_from(v)
    units.append(u)

    # ---------------------------------------------------------------- 高新区 (clean, nothing completed)
    u = Unit("高新区", "高新区报表.xlsx", "xlsx", "xw", True)
    d = gen_unit("高新区", 9, 4, 0, 0, 0, seed=1212)
    st = {"period_in_title": "prefix", "merged_header": True, "num_style": "num", "zero_style": "num0",
          "rate_style": "pct_num", "rate_empty": "/", "total_mode": "typed", "footer": "split", "people": ("叶青", "曹阳"),
          "f6_labels": {"large_public": "大型公共建筑工程(2万平方米以上)", "steel": "钢结构工程", "county": "县(区)工程"}}
    v = f5_figures(d)
    u.sheets, addr = std_workbook(u, d, st, "2025年2季度", "填表单位（公章）：平顶山高新技术产业开发区建设局", "2025年7月4日", v, v,
                                  names=["表1", "表2", "表3", "表4", "表5", "表6"], label="高新区", n_f1=0, n_f2=0,
                                  date_style="excel", origin=(2, 1))
    u.quirks += ["xlsxwriter", "表格从B3开始", "本季度无竣工：附表4写“本季度无竣工工程”，备案率/满意率写“/”", "附表1/2写“无”行", "附表6行名用半角括号“大型公共建筑工程(2万平方米以上)”“县(区)工程”"]
    u.f5_entered = expected_f5_from(v)
    units.append(u)

    # ---------------------------------------------------------------- 市本级 (clean, with 附表7)
    u = Unit("市本级", "平顶山市本级2025二季度.xlsx", "xlsx", "xw", True)
    d = gen_unit("市本级", 20, 5, 5, 4, 3, seed=1313, county=False)
    st = {"period_in_title": "prefix", "merged_header": True, "num_style": "text", "zero_style": "num0",
          "rate_style": "pct_num", "total_mode": "typed", "footer": "split", "people": ("彭丽", "蔡明")}
    v = f5_figures(d)
    u.sheets, addr = std_workbook(u, d, st, "2025年第二季度", "填表单位（公章）：平顶山市建设工程质量监督站（市本级）", "2025年7月10日",
                                  v, v, names=["不良行为", "行政处罚", "在建工程明细", "竣工工程明细", "统计表", "分类统计表"],
                                  label="市本级", n_f1=2, n_f2=1, date_style="cn", with_f7=True,
                                  score=("B", "自评表", {"质量创优": (2, "未制定激励措施"), "管理制度": (4.5, "分包管理制度不健全")}, True))
    u.quirks += ["xlsxwriter", "数字存为文本", "日期文本2025年5月20日", "工作表名统计表/分类统计表/在建工程明细…", "另附附表7（1-6月累计，标题不写年度）",
                 "自评表用管理年考核评分表（50/20/15/5/10）"]
    u.f5_entered = expected_f5_from(v)
    units.append(u)

    # ---------------------------------------------------------------- 尼龙城 (clean, .xlsm, 面积 typed in ㎡)
    u = Unit("尼龙新材料产业集聚区", "尼龙城2025Q2报表.xlsm", "xlsm", "xw", True)
    d = gen_unit("尼龙新材料产业集聚区", 14, 4, 8, 8, 7, seed=1414, county=False)
    st = {"period_in_title": "prefix", "merged_header": True, "num_style": "num", "zero_style": "num0",
          "rate_style": "pct_text", "total_mode": "typed", "footer": "split", "people": ("段磊", "姚远"), "area_sqm": True}
    v = f5_figures(d)
    sqm = {k: (int(round(x * 10000)) if (k.endswith(".area") and not k.startswith("filing_rate") and x is not None) else x) for k, x in v.items()}
    u.sheets, addr = std_workbook(u, d, st, "2025年第二季度", "填表单位：中国尼龙城（平顶山尼龙新材料产业集聚区）规划建设局",
                                  "2025/7/9", sqm, sqm, names=["附表1", "附表2", "附表3", "附表4", "附表5", "附表6"],
                                  label="尼龙新材料产业集聚区", n_f1=0, n_f2=0, date_style="slash")
    u.quirks += [".xlsm（宏工作簿包装）", "附表5面积列表头写“面积（㎡）”、填平方米（应换算为万㎡）", "比率写“87.5%”文本", "日期2025/7/9文本"]
    u.f5_entered = expected_f5_from(v)
    u.optional.append(("ST006", None))
    units.append(u)

    # ---------------------------------------------------------------- 化工产业集聚区 (clean, formulas without cached values)
    u = Unit("化工产业集聚区", "化工园区统计报表.xlsx", "xlsx", "opx", True)
    d = gen_unit("化工产业集聚区", 7, 2, 3, 3, 3, seed=1515, county=False)
    st = {"period_in_title": False, "merged_header": True, "num_style": "num", "zero_style": "dash",
          "rate_style": "pct_num", "total_mode": "formula_nocache", "rate_formulas": "nocache", "footer": "split",
          "people": ("石磊", "龚平")}
    v = f5_figures(d)
    u.sheets, addr = std_workbook(u, d, st, None, "填表单位（公章）：平顶山化工产业集聚区管理委员会规划建设局", "2025-07-10", v, v,
                                  names=["附表一", "附表二", "附表三", "附表四", "附表五", "附表六"], label="化工产业集聚区",
                                  n_f1=0, n_f2=0, date_style="dash")
    u.find("IN007", "warning", "附表五", None, "合计行SUM与备案率公式无缓存值（openpyxl写出），应重算", modes=("plain", "period", "consolidate"))
    u.quirks += ["openpyxl", "合计行与备案率为无缓存值的公式（IN007）", "标题无期别（取报送日期2025-07-10）", "零写“—”", "工作表名附表一-附表六"]
    u.f5_entered = expected_f5_from(v)
    units.append(u)

    # ---------------------------------------------------------------- 新城区 (clean, .xls)
    u = Unit("新城区", "新城区2025年二季度.xls", "xls", "xw", True)
    d = gen_unit("新城区", 9, 2, 3, 3, 3, seed=1616)
    st = {"period_in_title": "prefix", "merged_header": True, "num_style": "num", "zero_style": "num0",
          "rate_style": "pct_fmt", "total_mode": "formula_cached", "footer": "split", "people": ("邓超", "程刚")}
    v = f5_figures(d)
    u.sheets, addr = std_workbook(u, d, st, "2025年第二季度", "填表单位：平顶山市新城区建设工程质量监督站", "2025年7月8日", v, v,
                                  names=["附表1", "附表2", "附表3", "附表4", "附表5", "附表6"], label="新城区", n_f1=1, n_f2=0,
                                  date_style="excel_slash",
                                  score=("B", "考核评分表(管理年)", {"工作部署": (4, "未按月反馈"), "管理制度": (4, "两项制度不健全")}, True))
    u.quirks += ["soffice转.xls", "比率为百分比格式数值（满意率100%存为1，格式0%）", "合计行公式", "管理年考核评分表"]
    u.f5_entered = expected_f5_from(v)
    units.append(u)

    return units


# ----------------------------------------------------------------------------------------------
def std_workbook(u, d, st, period_text, unit_line, date_text, f5_unit, f5_total, names, label, n_f1, n_f2,
                 date_style, origin=(0, 0), score=None, f6_mut=None, f6_raw=None, f1_mut=None, f3_dup_reg=None,
                 f3_merge=(), f3_blank=None, f4_blank=None, f3_stale_completed=False, hidden_f3_stale=False,
                 hidden_f5_stale=False, with_f7=False):
    r0, c0 = origin
    sheets = []
    # 附表1
    f1 = f1_rows(d, n_f1, date_style, u.name)
    if f1_mut == "approve_before_record" and f1:
        f1[0]["批准日期"] = fmt_date(f1[0]["_rec"] - dt.timedelta(days=8), date_style)
    u.rows["F1"] = f1
    if names[0]:
        sh = Sheet(names[0])
        u.f1_addr = build_records(sh, r0, c0, "附表1", "河南省建设工程有关责任主体及相关责任人员不良行为记录统计表", F1_HEAD, f1,
                                  st, period_text, unit_line, date_text,
                                  placeholder=("无", "本季度无不良行为记录") if u.name in ("高新区",) else "本季度无不良行为记录",
                                  note="备注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测机构、施工图审查机构及其它有关单位。")
        sheets.append(sh)
    # 附表2
    f2 = f2_rows(d, n_f2, date_style, u.name)
    u.rows["F2"] = f2 if names[1] else []
    if names[1]:
        sh = Sheet(names[1])
        build_records(sh, r0, c0, "附表2", "河南省建设工程质量责任主体行政处罚记录表", F2_HEAD, f2, st, period_text, unit_line,
                      date_text, placeholder=("无", "本季度无行政处罚记录") if u.name == "高新区" else "本季度无行政处罚记录",
                      note="注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测单位、施工图审查机构及其它有关单位。")
        sheets.append(sh)
    # 附表3
    f3_projects = list(d["in_progress"])
    if f3_stale_completed:
        f3_projects[0] = d["completed"][0]  # completed project left in 附表3 in place of one still in progress
    f3 = f3_rows(f3_projects)
    for row, p in zip(f3, f3_projects):
        if f3_stale_completed and p is d["completed"][0]:
            row["形象进度"] = "竣工验收"
    if f3_dup_reg:
        a, b = f3_dup_reg
        f3[b]["工程质量监督注册号"] = f3[a]["工程质量监督注册号"]
    if f3_blank:
        f3[f3_blank[0]][f3_blank[1]] = None
    if st.get("num_style") == "thousands":
        for row in f3:
            row["建筑面积（平方米）"] = f"{row['建筑面积（平方米）']:,}"
    u.rows["F3"] = f3
    sh = Sheet(names[2])
    u.f3_addr = build_records(sh, r0, c0, "附表3", "河南省建设工程质量监督在建工程明细表", F3_HEAD, f3, st, period_text, unit_line,
                              date_text, merge_cols=f3_merge)
    sheets.append(sh)
    if hidden_f3_stale:
        old = f3_rows(d["carried"])
        sh = Sheet(names[2] + "（一季度）", hidden="hidden")
        build_records(sh, 0, 0, "附表3", "河南省建设工程质量监督在建工程明细表", F3_HEAD, old, st, "2025年一季度", unit_line,
                      "2025.4.8")
        sheets.append(sh)
    # 附表4
    f4 = f4_rows(d["completed"], date_style)
    if f4_blank:
        f4[f4_blank[0]][f4_blank[1]] = None
    u.rows["F4"] = f4
    sh = Sheet(names[3])
    u.f4_addr = build_records(sh, r0, c0, "附表4", "河南省建设工程质量监督竣工工程明细表", F4_HEAD, f4, st, period_text, unit_line,
                              date_text, placeholder=("/", "本季度无竣工工程") if not f4 else None)
    sheets.append(sh)
    # 附表5
    sh = Sheet(names[4])
    rows = [("unit", label, f5_unit, "unit")]
    if st.get("total_mode") != "none" and f5_total is not None:
        rows.append(("total", st.get("total_label", "合计"), f5_total, "total"))
    addr = build_stat(sh, r0, c0, "F5", rows, st, period_text, unit_line, date_text)
    u.f5_addr = addr
    sheets.append(sh)
    if hidden_f5_stale:
        # last quarter's sheet, kept hidden in front of the others
        old = f5_figures({**d, "in_progress": d["carried"], "carried": d["carried"][:-3], "new": d["carried"][-3:],
                          "completed": d["completed"][:1], "filed": d["filed"][:1], "n_sat": 1})
        old["carried_over.count"] = old["in_progress.count"] - 3 + 1
        shs = Sheet("附表5(一季度)", hidden="hidden")
        st_old = dict(st)
        build_stat(shs, 0, 0, "F5", [("unit", label, old, "unit"), ("total", "合计", old, "total")], st_old,
                   "2025年第一季度", unit_line, "2025年4月7日")
        sheets.insert(0, shs)
    # 附表6
    f6 = f6_figures(d)
    if f6_mut:
        f6_mut(f6)
        for cat in F6_CATS:  # the clerk's rates follow the counts typed, unless planted
            if not isinstance(f6[cat]["filing_rate"], Raw):
                f6[cat]["filing_rate"] = rate(f6[cat]["filed.count"], f6[cat]["completed.count"])
    f6_num = copy.deepcopy(f6)
    if f6_raw:
        cat, field, text = f6_raw
        f6[cat][field] = Raw(text)
        f6_num[cat][field] = None
    for cat in F6_CATS:
        if isinstance(f6_num[cat]["filing_rate"], Raw):
            f6_num[cat]["filing_rate"] = f6_num[cat]["filing_rate"].v
    u.f6_entered = f6_num
    sh = Sheet(names[5])
    st6 = dict(st)
    st6.pop("area_sqm", None)
    if st.get("total_mode") == "formula_nocache":
        st6["rate_formulas"] = None
    u.f6_addr = build_f6(sh, r0, c0, f6, st6, period_text, unit_line, date_text)
    sheets.append(sh)
    # 附表7 (as if annual): 1-6月 cumulative, consistent
    if with_f7:
        rng = random.Random(7)
        q1_new = rng.randint(3, 6)
        q1_comp = rng.randint(2, 5)
        v7 = {}
        f5 = f5_unit
        for k in ("count", "area", "cost"):
            addn = {"count": q1_new, "area": round(q1_new * 1.23, 2), "cost": round(q1_new * 3456.7, 1)}[k]
            addc = {"count": q1_comp, "area": round(q1_comp * 1.11, 2), "cost": round(q1_comp * 2987.3, 1)}[k]
            v7[f"new.{k}"] = round(f5[f"new.{k}"] + addn, 4)
            v7[f"completed.{k}"] = round(f5[f"completed.{k}"] + addc, 4)
            v7[f"in_progress.{k}"] = f5[f"in_progress.{k}"]
            v7[f"carried_over.{k}"] = round(v7[f"in_progress.{k}"] - v7[f"new.{k}"] + v7[f"completed.{k}"], 4)
        v7["filed.count"] = f5["filed.count"] + q1_comp
        v7["filed.area"] = round(f5["filed.area"] + round(q1_comp * 1.11, 2), 4)
        v7["filing_rate.count"] = rate(v7["filed.count"], v7["completed.count"])
        v7["filing_rate.area"] = rate(v7["filed.area"], v7["completed.area"])
        v7["satisfaction_rate"] = rate(d["n_sat"] + q1_comp, v7["filed.count"])
        v7["accidents.count"] = v7["accidents.deaths"] = 0
        v7["accidents.loss"] = 0
        u.f7 = v7
        sh = Sheet("年度统计表")
        st7 = dict(st)
        st7["f7_extra"] = "统计时段：2025年1月1日至2025年6月30日（1-6月累计）"
        build_stat(sh, r0, c0, "F7", [("unit", label, v7, "unit"), ("total", "合计", v7, "total")], st7, None,
                   unit_line, date_text)
        sheets.append(sh)
    # score sheet
    if score:
        which, sname, deductions, with_reason = score[:4]
        spec = SPEC_SUPERVISION if which == "A" else SPEC_YEAR
        sh = Sheet(sname)
        sst = {"score_footer": f"填报人：{st.get('people', ('', ''))[0]}    审核人：{st.get('people', ('', ''))[1]}    日期：{date_text}"}
        if which == "A" and sname == "自评打分表":
            sst["score_title"] = "示范区保障性安居工程质量监督工作自评打分表"
        total, subs = build_score(sh, 0, 0, spec, deductions, unit_line, with_reason, sst,
                                  subtotal_override=score[4] if len(score) > 4 else None)
        u.score_sub_cells = sst.get("_sub_cells", {})
        u.score_sheet = sname
        u.score_total = total
        u.score_subtotals = subs
        u.score_spec = spec["title"]
        sheets.append(sh)
    return sheets, addr


# ----------------------------------------------------------------------------------------------
def write_lock_file(path):
    owner = "Administrator"
    data = bytes([len(owner)]) + owner.encode("ascii").ljust(53, b" ")
    data += bytes([len(owner), 0]) + "".join(ch + "\0" for ch in owner).encode("latin-1").ljust(110, b"\0")
    with open(path, "wb") as f:
        f.write(data[:165])


def save_unit(u, inbox):
    path = os.path.join(inbox, u.file)
    with tempfile.TemporaryDirectory() as td:
        tmp = os.path.join(td, "w.xlsx")
        (save_xlsxwriter if u.backend == "xw" else save_openpyxl)(u.sheets, tmp)
        if u.fmt == "xlsx":
            shutil.copy(tmp, path)
        elif u.fmt == "xlsm":
            make_xlsm(tmp, path)
        elif u.fmt in ("xls", "ods"):
            if not soffice_convert(tmp, u.fmt, path):
                print(f"soffice unavailable: {u.name} written as .xlsx instead", file=sys.stderr)
                u.file = os.path.splitext(u.file)[0] + ".xlsx"
                u.fmt = "xlsx"
                shutil.copy(tmp, os.path.join(inbox, u.file))
                path = os.path.join(inbox, u.file)
    if getattr(u, "corrupt", False):
        data = open(path, "rb").read()
        with open(path, "wb") as f:
            f.write(data[: int(len(data) * 0.55)])
    return path


def sum_totals(units):
    inc = [u for u in units if u.included]
    F5 = {}
    for g in ("carried_over", "new", "in_progress", "completed", "filed"):
        F5[g] = {k: round(sum((u.f5_entered[f"{g}.{k}"] or 0) for u in inc), 4) for k in ("count", "area", "cost")}
    F5["filing_rate"] = {"count": rate(F5["filed"]["count"], F5["completed"]["count"]),
                         "area": rate(F5["filed"]["area"], F5["completed"]["area"])}
    num = sum((u.f5_entered["satisfaction_rate"] or 0) * (u.f5_entered["filed.count"] or 0) for u in inc)
    den = sum((u.f5_entered["filed.count"] or 0) for u in inc if u.f5_entered["satisfaction_rate"] is not None)
    F5["satisfaction_rate"] = round(num / den, 1) if den else None
    F5["accidents"] = {"count": sum(u.f5_entered["accidents.count"] or 0 for u in inc),
                       "deaths": sum(u.f5_entered["accidents.deaths"] or 0 for u in inc),
                       "loss": round(sum(u.f5_entered["accidents.loss"] or 0 for u in inc), 4)}
    F6 = {}
    for cat in F6_CATS:
        row = {}
        for g in ("new", "completed", "filed", "in_progress"):
            row[g] = {k: round(sum((u.f6_entered[cat][f"{g}.{k}"] or 0) for u in inc), 4) for k in ("count", "area", "cost")}
        row["filing_rate"] = rate(row["filed"]["count"], row["completed"]["count"])
        F6[cat] = row
    rows = {f"F{i}": sum(len(u.rows.get(f"F{i}", [])) for u in inc) for i in (1, 2, 3, 4)}
    return F5, F6, rows


def verify(units):
    """My own reading of FORMS.md's rules over what I entered: prints every violation found, so that
    clean units show none and defect units show only what was planted."""
    out = {}
    for u in units:
        issues = []
        e = u.f5_entered
        for g in ("count", "area", "cost"):
            flow = e[f"carried_over.{g}"] + e[f"new.{g}"] - e[f"completed.{g}"]
            if abs(flow - e[f"in_progress.{g}"]) > (0 if g == "count" else 0.011):
                issues.append(f"F5-004 {g} {flow} vs {e[f'in_progress.{g}']}")
        for g in ("count", "area"):
            r = rate(e[f"filed.{g}"], e[f"completed.{g}"])
            s = e[f"filing_rate.{g}"]
            if (r is None) != (s is None) or (r is not None and abs(r - s) > 0.11):
                issues.append(f"F5-002 {g} stated {s} computed {r}")
        if e["accidents.count"] == 0 and (e["accidents.deaths"] or e["accidents.loss"]):
            issues.append("F5-007")
        f3 = u.rows["F3"]
        if len(f3) != e["in_progress.count"]:
            issues.append(f"F3-002 rows {len(f3)} vs {e['in_progress.count']}")
        def num(x):
            return float(str(x).replace(",", "")) if x not in (None, "") else 0
        a3 = sum(num(r["建筑面积（平方米）"]) for r in f3) / 10000
        if abs(a3 - e["in_progress.area"]) > 0.011:
            issues.append(f"F3-003 {a3} vs {e['in_progress.area']}")
        regs = [r["工程质量监督注册号"] for r in f3]
        if len(set(regs)) != len(regs):
            issues.append("F3-001")
        for r in f3:
            for k in ("工程质量监督注册号", "工程名称", "结构类型", "建筑面积（平方米）", "工程造价（万元）", "施工单位", "监理单位", "形象进度"):
                if r.get(k) in (None, ""):
                    issues.append(f"F3-004 {k}")
        f4 = u.rows["F4"]
        if len(f4) != e["completed.count"]:
            issues.append("F4-004")
        if sum(1 for r in f4 if r.get("备案日期")) != e["filed.count"]:
            issues.append("F4-007")
        if set(regs) & {r["工程质量监督注册号"] for r in f4}:
            issues.append("F4-005")
        for r in f4:
            for k in ("工程质量监督注册号", "工程名称", "结构类型", "建筑面积（平方米）", "工程造价（万元）", "施工单位", "监理单位", "竣工日期", "竣工验收结论"):
                if r.get(k) in (None, ""):
                    issues.append(f"F4-008 {k}")
        f6 = u.f6_entered
        for cat in F6_CATS:
            for g in ("new", "completed", "filed", "in_progress"):
                for k in ("count", "area", "cost"):
                    x = f6[cat][f"{g}.{k}"]
                    if x is not None and x > e[f"{g}.{k}"] + 1e-6:
                        issues.append(f"F6-004 {cat} {g}.{k}")
            fr = rate(f6[cat]["filed.count"], f6[cat]["completed.count"])
            s = f6[cat]["filing_rate"]
            if (fr is None) != (s is None) or (fr is not None and abs(fr - s) > 0.11):
                issues.append(f"F6-003 {cat}")
        for g in ("new", "completed", "filed", "in_progress"):
            if f6["large_public"][f"{g}.count"] > f6["public"][f"{g}.count"]:
                issues.append(f"F6-001 {g}")
            if f6["large_public"][f"{g}.area"] < 2 * f6["large_public"][f"{g}.count"] - 1e-9:
                issues.append(f"F6-002 {g}")
            if f6["residential"][f"{g}.count"] < f6["affordable_housing"][f"{g}.count"]:
                issues.append(f"affordable>residential {g}")
        for r in u.rows["F1"]:
            if r["_appr"] < r["_rec"] or (isinstance(r["批准日期"], tuple) and False):
                issues.append("F1-002?")
        out[u.name] = issues
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default=HERE)
    a = ap.parse_args()
    work = os.path.abspath(a.work)
    os.makedirs(work, exist_ok=True)
    units = build_all(work)
    inbox = os.path.join(work, "inbox")
    for u in units:
        save_unit(u, inbox)
    lock = "~$卫东区2025年二季度报表.xlsx"
    write_lock_file(os.path.join(inbox, lock))
    F5, F6, rows = sum_totals(units)
    for name, issues in verify(units).items():
        print(f"  verify {name}: {issues or 'consistent'}")

    # config
    with open(os.path.join(work, "qstat.toml"), "w", encoding="utf-8") as f:
        f.write('name = "平顶山市"\nlevel = "city"\n')
        f.write("units = [" + ", ".join(f'"{x}"' for x in UNITS) + "]\n\n[aliases]\n")
        for k, x in ALIASES.items():
            f.write(f'"{k}" = "{x}"\n')
        f.write('\n[office]\nfull_name = "平顶山市建设工程质量监督站"\nstatistician = "王晓峰"\napprover = "李建国"\n'
                'phone = "0375-2661234"\n')

    exp = {"period": PERIOD, "generated_by": "generate.py (independent; imports nothing from qstat)",
           "inbox": "inbox", "config": "qstat.toml", "units": {}, "extra_files": {
               lock: {"status": "ignored", "rule": "IN002", "check_exit": 0,
                      "note": "Excel lock file of 卫东区's workbook (165 bytes)"}},
           "totals": {"F5": F5, "F6": F6, **{k: {"rows": n} for k, n in rows.items()}}}
    for u in units:
        e = {"unit": u.name, "file": u.file, "format": u.fmt, "writer": u.backend, "clean": u.clean,
             "quirks": u.quirks, "included": u.included,
             "status": ("unreadable" if getattr(u, "corrupt", False) else
                        ("errors" if any(x["severity"] == "error" and "consolidate" in x["modes"] for x in u.defects) else "ok")),
             "F5_unit_row": u.f5_entered, "F5_cells": {f: a1(*u.f5_addr[("unit", f)]) for f in F5_FIELDS},
             "F6": u.f6_entered,
             "rows": {k: len(v) for k, v in u.rows.items()},
             "score_total": u.score_total, "score_spec": u.score_spec,
             "findings": u.defects, "optional": [list(x) for x in u.optional]}
        for mode in ("plain", "period"):
            errs = [x for x in u.defects if mode in x["modes"] and x["severity"] == "error"]
            e[f"check_{mode}_exit"] = 1 if errs else 0
        # the unit from the 填表单位 line, else the file name (README); the period from the title, else 报送日期
        per_plain = "2025年第一季度" if u.name == "湛河区" else "2025年第二季度"
        corrupt = getattr(u, "corrupt", False)
        e["check_head"] = {"plain": [u.name, None if corrupt else per_plain],
                           "period": [u.name, "2025年第二季度"]}
        if getattr(u, "f7", None):
            e["F7_unit_row"] = u.f7
        exp["units"][u.name] = e
    with open(os.path.join(work, "EXPECTED.json"), "w", encoding="utf-8") as f:
        json.dump(exp, f, ensure_ascii=False, indent=1, default=str)
    write_md(work, exp)
    print(f"wrote {len(units)} workbooks + lock file into {inbox}")


def write_md(work, exp):
    L = []
    L.append("# 平顶山市 2025Q2 — `qstat check` test data (independent)\n")
    L.append("Made by `generate.py` (openpyxl / xlsxwriter / soffice; nothing from qstat). Inbox: `inbox/`, config: `qstat.toml`.\n")
    L.append("Check modes: **plain** = `qstat check FILE --config qstat.toml` (period from the title, else 报送日期); "
             "**period** = same with `--period 2025Q2`. A workbook *passes* when it has no error finding (exit 0). "
             "Warnings such as ST006 (全角/“无”/“—”/小数比率 normalised) and IN007 are allowed in a passing workbook.\n")
    L.append("| unit | file | clean | plain exit | --period exit | planted findings (rule @ sheet!cell) |")
    L.append("|---|---|---|---|---|---|")
    for name, e in exp["units"].items():
        fl = "; ".join(f"{x['rule']}({x['severity'][0].upper()}) @ {x['sheet'] if isinstance(x['sheet'], str) else '/'.join(x['sheet']) if x['sheet'] else '—'}"
                       f"!{x['cells'][0] if x['cells'] else '—'}" + ("" if len(x["modes"]) == 3 else f" [{','.join(x['modes'])}]")
                       for x in e["findings"]) or "—"
        L.append(f"| {name} | {e['file']} | {'yes' if e['clean'] else 'no'} | {e['check_plain_exit']} | {e['check_period_exit']} | {fl} |")
    L.append(f"| (lock) | {list(exp['extra_files'])[0]} | — | 0 | 0 | IN002 (ignored) |\n")
    L.append("## Planted defects, explained\n")
    for name, e in exp["units"].items():
        if e["findings"]:
            L.append(f"**{name}** (`{e['file']}`)")
            for x in e["findings"]:
                L.append(f"- {x['rule']} {x['severity']} — {x['sheet']} {', '.join(x['cells'] or [])}: {x['note']}")
            if e["optional"]:
                L.append(f"- allowed also: {', '.join(r for r, _ in e['optional'])}")
            L.append("")
    L.append("## Quirks per workbook\n")
    for name, e in exp["units"].items():
        L.append(f"- **{name}** ({e['format']}): " + "；".join(e["quirks"]))
    L.append("\n## 附表5 unit rows as entered (万㎡, 万元, %)\n")
    cols = ["carried_over", "new", "in_progress", "completed", "filed"]
    L.append("| unit | " + " | ".join(f"{c} 项/面积/造价" for c in cols) + " | 备案率 项/面积 | 满意率 | 事故 项/亡/损失 |")
    L.append("|---" * 9 + "|")

    def fm(x):
        return "" if x is None else (f"{x:g}" if isinstance(x, (int, float)) else str(x))
    for name, e in exp["units"].items():
        r = e["F5_unit_row"]
        cells = [" / ".join(fm(r[f"{c}.{k}"]) for k in ("count", "area", "cost")) for c in cols]
        L.append(f"| {name}{'' if e['included'] else ' (not included)'} | " + " | ".join(cells) +
                 f" | {fm(r['filing_rate.count'])} / {fm(r['filing_rate.area'])} | {fm(r['satisfaction_rate'])} | "
                 f"{fm(r['accidents.count'])} / {fm(r['accidents.deaths'])} / {fm(r['accidents.loss'])} |")
    T = exp["totals"]["F5"]
    L.append("| **合计** | " + " | ".join(" / ".join(fm(T[c][k]) for k in ("count", "area", "cost")) for c in cols) +
             f" | {fm(T['filing_rate']['count'])} / {fm(T['filing_rate']['area'])} | {fm(T['satisfaction_rate'])} | "
             f"{T['accidents']['count']} / {T['accidents']['deaths']} / {fm(T['accidents']['loss'])} |")
    L.append("\nRates recomputed from the sums; 满意率 weighted by 备案项数. Totals include every readable workbook "
             "(errors included, as by default), not 石龙区 (unreadable).\n")
    L.append("## 附表6 hand totals\n")
    L.append("| 项目 | 新注册 项/面积/造价 | 竣工 | 备案 | 备案率 | 在建 |")
    L.append("|---|---|---|---|---|---|")
    for cat, row in exp["totals"]["F6"].items():
        L.append(f"| {cat} | " + " | ".join(" / ".join(fm(row[g][k]) for k in ("count", "area", "cost")) for g in ("new", "completed", "filed"))
                 + f" | {fm(row['filing_rate'])} | " + " / ".join(fm(row['in_progress'][k]) for k in ("count", "area", "cost")) + " |")
    L.append("\n附表6 rows per unit are in EXPECTED.json (`units.*.F6`); 鲁山县's 住宅 新注册 造价 “见附表3” counts as empty.\n")
    L.append("Detail rows: " + ", ".join(f"{k} {v['rows']}" for k, v in exp["totals"].items() if k.startswith("F") and "rows" in v))
    L.append("\n## Self-score sheets\n")
    for name, e in exp["units"].items():
        if e["score_total"] is not None:
            L.append(f"- {name}: {e['score_spec']} total {e['score_total']:g}")
    with open(os.path.join(work, "EXPECTED.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(L) + "\n")


if __name__ == "__main__":
    main()
