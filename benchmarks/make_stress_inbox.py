"""Generate a stress inbox of quarterly submissions (附表1..附表6) for benchmarking qstat.

Each workbook looks like a real county submission: one sheet per form, the form number and
title rows, a 填表单位 line naming the unit, the header texts of the official forms (seed 002;
F1, F5 and F6 with two-row merged headers), data rows, a 合计 row on F5, the 填表说明 notes
and the 统计员/批准人/报送日期 footer.  The figures are consistent: F5 in_progress = the F3
list, completed/filed = the F4 list, new = the F3 projects registered in the quarter,
carried_over = in_progress + completed - new, and F6 counts the same projects by category.

Usage:
    python benchmarks/make_stress_inbox.py DIR --workbooks 200 --rows 2000

DIR gets ``inbox/`` (the workbooks), ``qstat.toml`` (the units) and ``manifest.json``
(parameters and per-file row counts).  Nothing is regenerated when ``manifest.json`` already
records the same parameters and every file is there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import xlsxwriter

GENERATOR_VERSION = 4
PERIOD = "2024Q3"
Q_START = dt.date(2024, 7, 1)
Q_END = dt.date(2024, 9, 30)
EXCEL_EPOCH = dt.date(1899, 12, 30)
FOOTER = "统计员：张丽  批准人：王建国  报送日期：2024年10月8日"
PERIOD_TEXT = "2024年第三季度"

# --------------------------------------------------------------------------- headers

F1_TITLE = "河南省建设工程有关责任主体及相关责任人员不良行为记录统计表"
F1_TOP = [
    "记录编号",
    "工程名称",
    "责任单位",
    "责任人",
    None,
    "不良行为事实",
    "对应省不良记录管理办法条款",
    "记录人",
    "记录日期",
    "批准人",
    "批准日期",
]
F1_SUB = {3: "姓名", 4: "职务"}
F1_COLS = 11

F2_TITLE = "河南省建设工程质量责任主体行政处罚记录表"
F2_HEADER = [
    "记录编号",
    "工程名称",
    "责任单位",
    "时间",
    "违法违规事实",
    "处罚依据",
    "处罚内容",
    "处罚情况",
    "处理情况",
]

F3_TITLE = "河南省建设工程质量监督在建工程明细表"
F3_HEADER = [
    "序号",
    "工程质量监督注册号",
    "工程名称",
    "结构类型",
    "建筑面积（平方米）",
    "工程造价（万元）",
    "施工单位",
    "监理单位",
    "形象进度",
    "备注",
]

F4_TITLE = "河南省建设工程质量监督竣工工程明细表"
F4_HEADER = [
    "序号",
    "工程质量监督注册号",
    "工程名称",
    "结构类型",
    "建筑面积（平方米）",
    "工程造价（万元）",
    "施工单位",
    "监理单位",
    "竣工日期",
    "竣工验收结论",
    "备案日期",
    "备案结论",
]

F5_TITLE = "河南省建设工程质量监督季度统计表"
F5_GROUPS = ["上季度接转工程", "本季度新注册工程", "本季度在建工程", "本季度竣工工程", "本季度质量备案工程"]
F5_TRIPLE = ["项数", "面积（万㎡）", "造价（万元）"]
F5_COLS = 22  # unit + 5*3 + 2 filing rates + satisfaction + 3 accidents

F6_TITLE = "河南省建设工程质量监督季（年）度分类统计表"
F6_ROWS = [
    ("residential", "住宅工程"),
    ("affordable_housing", "保障性安居工程"),
    ("public", "公共建筑工程"),
    ("large_public", "大型公共建筑工程（2万平方米以上）"),
    ("steel", "钢结构工程"),
    ("county", "县（区）工程"),
]
F6_COLS = 14

F5_NOTES = (
    "填表说明：1、在建工程：已办理监督注册手续，尚未完工或已完工，但未进行竣工验收的工程；"
    "2、竣工工程：已办理监督注册手续，已通过竣工验收的工程；3、质量备案率：已办理质量备案"
    "手续的工程/竣工工程；4、用户满意率：用户评价为满意的工程（项数）/已办理质量备案手续的"
    "工程；5、接转工程：上一季（年）度在建工程。"
)

# columns of the consolidated output (detail forms get one more: 填报单位)
FORM_COLUMNS = {
    "F1": F1_COLS,
    "F2": len(F2_HEADER),
    "F3": len(F3_HEADER),
    "F4": len(F4_HEADER),
    "F5": F5_COLS,
    "F6": F6_COLS,
}

# --------------------------------------------------------------------------- vocabulary

PLACES = [
    "建设路",
    "中兴路",
    "新华路",
    "光明路",
    "开源路",
    "人民路",
    "文化路",
    "湛河",
    "滨河",
    "凤凰",
    "翠湖",
    "锦绣",
    "龙山",
    "香山",
    "泰和",
    "瑞祥",
    "盛世",
    "书香",
    "阳光",
    "金色",
    "东方",
    "城南",
    "城北",
    "西湖",
    "御景",
    "和谐",
    "幸福",
    "鹰城",
    "汇源",
    "润泽",
]
ESTATES = ["花园", "家园", "小区", "苑", "府", "名城", "华府", "新城", "雅居", "公馆"]
PUBLIC = [
    "第一中学教学楼",
    "实验小学综合楼",
    "人民医院门诊楼",
    "中医院住院楼",
    "体育馆",
    "图书馆",
    "文化中心",
    "行政服务中心",
    "会展中心",
    "汽车客运站",
    "商业综合体",
    "幼儿园",
    "职业技术学院实训楼",
    "档案馆",
    "疾控中心业务楼",
]
INDUSTRIAL = [
    "标准化厂房",
    "仓储物流中心",
    "机械加工车间",
    "食品加工厂房",
    "电子产业园厂房",
    "装配式建筑产业基地",
    "冷链仓库",
    "研发中心",
]
AFFORDABLE = ["公租房", "棚户区改造安置房", "保障性租赁住房", "经济适用房"]
BUILDER_CORE = [
    "第一建筑",
    "第二建筑",
    "第五建筑",
    "第七建筑",
    "建工",
    "城建",
    "宏达建设",
    "华亿建设",
    "天成建筑",
    "中原建设",
    "鑫源建设",
    "恒基建设",
    "豫建",
    "平安建设",
]
SUPERVISOR_CORE = ["中原", "建科", "兴业", "诚信", "华诚", "正达", "宏远", "大地", "同济", "鼎盛"]
RES_STRUCT = ["剪力墙", "框架-剪力墙", "框剪", "砖混"]
PUB_STRUCT = ["框架", "框架-剪力墙", "框架", "钢结构"]
IND_STRUCT = ["钢结构", "钢结构", "排架", "框架"]
PROGRESS = ["基础施工", "±0以下", "主体施工", "主体施工", "主体完工", "装饰装修", "安装阶段"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = [
    "建国",
    "伟",
    "芳",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "静",
    "杰",
    "涛",
    "明",
    "超",
    "华",
    "红",
    "平",
    "刚",
    "辉",
    "鹏",
    "敏",
]
F1_FACTS = [
    "未按施工图设计文件施工",
    "未按规定进行见证取样",
    "项目经理未到岗履职",
    "隐蔽工程未经验收即进行下道工序",
    "监理人员未按规定旁站",
    "使用不合格建筑材料",
    "擅自变更设计",
    "质量保证资料弄虚作假",
]
F2_FACTS = [
    "未按工程建设强制性标准施工",
    "未取得施工许可证擅自施工",
    "使用未经检验的建筑材料",
    "未组织竣工验收擅自交付使用",
]


def unit_names(n: int) -> list[str]:
    return [f"县{i:03d}" for i in range(1, n + 1)]


def serial(d: dt.date) -> int:
    return (d - EXCEL_EPOCH).days


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


# --------------------------------------------------------------------------- data


def _q_date(rng: random.Random, lo: dt.date = Q_START, hi: dt.date = Q_END) -> dt.date:
    return lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))


def _project(rng: random.Random, unit_no: int, seq: int, new: bool):
    """One project: (row values without 序号/dates, category flags, area, cost)."""
    r = rng.random()
    place = rng.choice(PLACES)
    if r < 0.6:
        kind = "res"
        affordable = rng.random() < 0.25
        if affordable:
            name = f"{place}{rng.choice(AFFORDABLE)}{rng.randint(1, 30)}#楼"
        else:
            name = f"{place}{rng.choice(ESTATES)}{rng.randint(1, 40)}#住宅楼"
        struct = rng.choice(RES_STRUCT)
        area = rng.uniform(3000, 30000)
    elif r < 0.85:
        kind = "pub"
        affordable = False
        name = f"{place}{rng.choice(PUBLIC)}"
        struct = rng.choice(PUB_STRUCT)
        area = rng.uniform(2000, 45000)
    else:
        kind = "ind"
        affordable = False
        name = f"{place}{rng.choice(INDUSTRIAL)}{rng.randint(1, 12)}#"
        struct = rng.choice(IND_STRUCT)
        area = rng.uniform(1000, 20000)
    area = round(area, 2)
    cost = round(area * rng.uniform(0.18, 0.35), 2)
    year = 2024 if new else rng.choice((2021, 2022, 2023, 2023, 2024))
    reg_no = f"41{unit_no:04d}-{year}-{seq:05d}"
    builder = f"河南省{rng.choice(BUILDER_CORE)}工程有限公司"
    supervisor = f"河南{rng.choice(SUPERVISOR_CORE)}工程监理有限公司"
    cats = {
        "residential": kind == "res",
        "affordable_housing": affordable,
        "public": kind == "pub",
        "large_public": kind == "pub" and area >= 20000,
        "steel": struct == "钢结构",
        "county": rng.random() < 0.5,
    }
    return [reg_no, name, struct, area, cost, builder, supervisor], cats, area, cost


def _zero_triple():
    return [0, 0.0, 0.0]


def gen_workbook_data(index: int, rows: int = 2000, seed: int = 1) -> dict:
    """Deterministic content of workbook number ``index`` (1-based).

    Returns a dict with the unit name, the F1..F4 rows (values in sheet column order, dates
    as ``datetime.date``), the F5 unit row (23 values) and the F6 rows (14 values each).
    """
    rng = random.Random(seed * 1_000_003 + index)
    unit = unit_names(index)[-1] if index <= 999 else f"县{index}"
    n = max(2, int(round(rows * rng.uniform(0.95, 1.05))))
    n3 = int(round(n * 0.6))
    n4 = n - n3
    seq = 0
    f6 = {
        key: {
            "new": _zero_triple(),
            "completed": _zero_triple(),
            "filed": _zero_triple(),
            "in_progress": _zero_triple(),
        }
        for key, _ in F6_ROWS
    }

    def add(cats, measure, area, cost):
        for key, on in cats.items():
            if on:
                t = f6[key][measure]
                t[0] += 1
                t[1] += area
                t[2] += cost

    f3 = []
    ip = [0, 0.0, 0.0]
    new = [0, 0.0, 0.0]
    for i in range(n3):
        seq += 1
        is_new = rng.random() < 0.2
        vals, cats, area, cost = _project(rng, index, seq, is_new)
        remark = "停工" if rng.random() < 0.02 else ""
        f3.append([i + 1, *vals, rng.choice(PROGRESS), remark])
        ip[0] += 1
        ip[1] += area
        ip[2] += cost
        add(cats, "in_progress", area, cost)
        if is_new:
            new[0] += 1
            new[1] += area
            new[2] += cost
            add(cats, "new", area, cost)

    f4 = []
    comp = [0, 0.0, 0.0]
    filed = [0, 0.0, 0.0]
    for i in range(n4):
        seq += 1
        vals, cats, area, cost = _project(rng, index, seq, False)
        done = _q_date(rng)
        filed_on = done + dt.timedelta(days=rng.randint(3, 20))
        comp[0] += 1
        comp[1] += area
        comp[2] += cost
        add(cats, "completed", area, cost)
        if filed_on <= Q_END:
            f4.append([i + 1, *vals, done, "合格", filed_on, "准予备案"])
            filed[0] += 1
            filed[1] += area
            filed[2] += cost
            add(cats, "filed", area, cost)
        else:
            f4.append([i + 1, *vals, done, "合格", None, ""])

    def stated(t):  # F5/F6 figures as a clerk prints them: 万㎡ and 万元 to 2 decimals
        return [t[0], round(t[1] / 10000, 2), round(t[2], 2)]

    s_new, s_ip, s_comp, s_filed = stated(new), stated(ip), stated(comp), stated(filed)
    s_carry = [
        s_ip[0] + s_comp[0] - s_new[0],
        round(s_ip[1] + s_comp[1] - s_new[1], 2),
        round(s_ip[2] + s_comp[2] - s_new[2], 2),
    ]

    def rate(a, b):
        return round(a / b * 100, 1) if b else None

    sat = round(rng.uniform(92, 100), 1)
    if rng.random() < 0.05:
        accidents = [1, 0, round(rng.uniform(5, 60), 2)]
    else:
        accidents = [0, 0, 0]
    f5 = [
        unit,
        *s_carry,
        *s_new,
        *s_ip,
        *s_comp,
        *s_filed,
        rate(s_filed[0], s_comp[0]),
        rate(s_filed[1], s_comp[1]),
        sat,
        *accidents,
    ]

    f6_rows = []
    for key, label in F6_ROWS:
        c = f6[key]
        fn, fc, ff, fi = (
            stated(c["new"]),
            stated(c["completed"]),
            stated(c["filed"]),
            stated(c["in_progress"]),
        )
        f6_rows.append([label, *fn, *fc, *ff, rate(ff[0], fc[0]), *fi])

    projects = [r[2] for r in f3[:50]] or ["无"]
    f1 = []
    for k in range(rng.randint(3, 8)):
        rec = _q_date(rng, Q_START, dt.date(2024, 9, 20))
        party = rng.choice(
            (
                f"河南省{rng.choice(BUILDER_CORE)}工程有限公司",
                f"河南{rng.choice(SUPERVISOR_CORE)}工程监理有限公司",
                f"{rng.choice(PLACES)}置业开发有限公司",
            )
        )
        f1.append(
            [
                f"{unit}-BL-2024-{k + 1:03d}",
                rng.choice(projects),
                party,
                _person(rng),
                rng.choice(("项目经理", "总监理工程师", "技术负责人", "项目负责人")),
                rng.choice(F1_FACTS),
                f"第{rng.randint(5, 20)}条第{rng.randint(1, 6)}款",
                _person(rng),
                rec,
                _person(rng),
                rec + dt.timedelta(days=rng.randint(0, 7)),
            ]
        )
    f2 = []
    for k in range(rng.randint(1, 4)):
        f2.append(
            [
                f"{unit}-CF-2024-{k + 1:03d}",
                rng.choice(projects),
                f"河南省{rng.choice(BUILDER_CORE)}工程有限公司",
                _q_date(rng),
                rng.choice(F2_FACTS),
                "《建设工程质量管理条例》第六十四条",
                f"罚款{rng.randint(2, 20)}万元",
                "已执行",
                "已整改",
            ]
        )
    return {
        "index": index,
        "unit": unit,
        "f1": f1,
        "f2": f2,
        "f3": f3,
        "f4": f4,
        "f5": f5,
        "f6": f6_rows,
        "filed": filed[0],
    }


# --------------------------------------------------------------------------- writing


class _Fmt:
    def __init__(self, wb):
        border = {"border": 1, "font_size": 10}
        self.title = wb.add_format({"bold": True, "font_size": 16, "align": "center"})
        self.plain = wb.add_format({"font_size": 11})
        self.head = wb.add_format(
            {**border, "bold": True, "align": "center", "valign": "vcenter", "text_wrap": True}
        )
        self.text = wb.add_format(border)
        self.int = wb.add_format({**border, "num_format": "0"})
        self.num = wb.add_format({**border, "num_format": "0.00"})
        self.rate = wb.add_format({**border, "num_format": "0.0"})
        self.date = wb.add_format({**border, "num_format": "yyyy-mm-dd"})


def _preamble(ws, f: _Fmt, number: str, title: str, unit: str, ncols: int, seal: str) -> int:
    ws.write_string(0, 0, number, f.plain)
    ws.merge_range(1, 0, 1, ncols - 1, title, f.title)
    ws.write_string(2, 0, f"填表单位（{seal}）：{unit}", f.plain)
    ws.write_string(2, ncols - 2, PERIOD_TEXT, f.plain)
    return 3


def _footer(ws, f: _Fmt, row: int) -> None:
    ws.write_string(row + 1, 0, FOOTER, f.plain)


def _write_detail(ws, f: _Fmt, row: int, data: list, kinds: str) -> int:
    """kinds: one letter per column: s text, i int, n number, r rate, d date."""
    ws_s, ws_n = ws.write_string, ws.write_number
    ft, fi, fn, fd, fr = f.text, f.int, f.num, f.date, f.rate
    for values in data:
        for c, (k, v) in enumerate(zip(kinds, values)):
            if v is None or v == "":
                continue
            if k == "s":
                ws_s(row, c, v, ft)
            elif k == "n":
                ws_n(row, c, v, fn)
            elif k == "i":
                ws_n(row, c, v, fi)
            elif k == "r":
                ws_n(row, c, v, fr)
            else:
                ws_n(row, c, (v - EXCEL_EPOCH).days, fd)
        row += 1
    return row


F1_KINDS = "ssssssssdsd"
F2_KINDS = "sssdsssss"
F3_KINDS = "isssnnssss"
F4_KINDS = "isssnnssdsds"
F5_KINDS = "s" + "inn" * 5 + "rrr" + "iin"
F6_KINDS = "s" + "inn" * 3 + "r" + "inn"


def write_workbook(path: str | os.PathLike, data: dict) -> None:
    unit = data["unit"]
    wb = xlsxwriter.Workbook(str(path))
    f = _Fmt(wb)

    # 附表1: two-row header, 责任人 over 姓名 / 职务
    ws = wb.add_worksheet("附表1")
    row = _preamble(ws, f, "附表1", F1_TITLE, unit, F1_COLS, "公章")
    for c, h in enumerate(F1_TOP):
        if c == 3:
            ws.merge_range(row, 3, row, 4, h, f.head)
        elif h is not None:
            ws.merge_range(row, c, row + 1, c, h, f.head)
    for c, h in F1_SUB.items():
        ws.write_string(row + 1, c, h, f.head)
    row = _write_detail(ws, f, row + 2, data["f1"], F1_KINDS)
    _footer(ws, f, row)

    ws = wb.add_worksheet("附表2")
    row = _preamble(ws, f, "附表2", F2_TITLE, unit, len(F2_HEADER), "公章")
    ws.write_row(row, 0, F2_HEADER, f.head)
    row = _write_detail(ws, f, row + 1, data["f2"], F2_KINDS)
    _footer(ws, f, row)

    ws = wb.add_worksheet("附表3")
    ws.set_column(1, 2, 22)
    ws.set_column(6, 7, 26)
    row = _preamble(ws, f, "附表3", F3_TITLE, unit, len(F3_HEADER), "公章")
    ws.write_row(row, 0, F3_HEADER, f.head)
    row = _write_detail(ws, f, row + 1, data["f3"], F3_KINDS)
    _footer(ws, f, row)

    ws = wb.add_worksheet("附表4")
    ws.set_column(1, 2, 22)
    ws.set_column(6, 7, 26)
    row = _preamble(ws, f, "附表4", F4_TITLE, unit, len(F4_HEADER), "公章")
    ws.write_row(row, 0, F4_HEADER, f.head)
    row = _write_detail(ws, f, row + 1, data["f4"], F4_KINDS)
    _footer(ws, f, row)

    # 附表5: two-row merged header, one unit row + 合计
    ws = wb.add_worksheet("附表5")
    row = _preamble(ws, f, "附表5", F5_TITLE, unit, F5_COLS, "盖章")
    ws.merge_range(row, 0, row + 1, 0, "市、县（市）序号", f.head)
    c = 1
    for g in F5_GROUPS:
        ws.merge_range(row, c, row, c + 2, g, f.head)
        ws.write_row(row + 1, c, F5_TRIPLE, f.head)
        c += 3
    ws.merge_range(row, c, row, c + 1, "季度质量备案率（%）", f.head)
    ws.write_row(row + 1, c, ["项数", "面积"], f.head)
    c += 2
    ws.merge_range(row, c, row + 1, c, "用户满意率（%）", f.head)
    c += 1
    ws.merge_range(row, c, row, c + 2, "本季度发生工程质量事故", f.head)
    ws.write_row(row + 1, c, ["项数", "死亡人数", "经济损失（万元）"], f.head)
    row = _write_detail(ws, f, row + 2, [data["f5"], ["合计", *data["f5"][1:]]], F5_KINDS)
    ws.write_string(row + 1, 0, F5_NOTES, f.plain)
    _footer(ws, f, row + 2)

    # 附表6: two-row merged header, six category rows
    ws = wb.add_worksheet("附表6")
    ws.set_column(0, 0, 30)
    row = _preamble(ws, f, "附表6", F6_TITLE, unit, F6_COLS, "盖章")
    ws.merge_range(row, 0, row + 1, 0, "项  目", f.head)
    groups = [
        ("本季/年新注册项目", F5_TRIPLE),
        ("本季/年竣工工程", F5_TRIPLE),
        ("本季/年质量备案工程", [*F5_TRIPLE, "备案率（项%）"]),
        ("本季/年在建工程", F5_TRIPLE),
    ]
    c = 1
    for g, subs in groups:
        ws.merge_range(row, c, row, c + len(subs) - 1, g, f.head)
        ws.write_row(row + 1, c, subs, f.head)
        c += len(subs)
    row = _write_detail(ws, f, row + 2, data["f6"], F6_KINDS)
    _footer(ws, f, row)
    wb.close()


FLAGGED_ROWS = (10, 20, 30)  # 附表3 rows whose 施工单位 a flagged workbook leaves blank


def _make_one(args):
    index, rows, seed, path, flagged = args
    data = gen_workbook_data(index, rows, seed)
    if flagged:  # a required cell left empty: an error the unit gets back in a 退回 marked copy
        for r in FLAGGED_ROWS:
            data["f3"][r][6] = ""
    write_workbook(path, data)
    return {
        "flagged": flagged,
        "file": os.path.basename(path),
        "unit": data["unit"],
        "F1": len(data["f1"]),
        "F2": len(data["f2"]),
        "F3": len(data["f3"]),
        "F4": len(data["f4"]),
        "filed": data["filed"],
    }


def file_name(index: int) -> str:
    return f"{unit_names(index)[-1]}_2024年第三季度统计报表.xlsx"


def write_config(path: Path, units: list[str]) -> None:
    quoted = ",\n         ".join(
        ", ".join(f'"{u}"' for u in units[i : i + 10]) for i in range(0, len(units), 10)
    )
    path.write_text(
        "# generated by benchmarks/make_stress_inbox.py\n"
        'name = "压测市"\nlevel = "city"\n'
        f"units = [{quoted}]\n",
        encoding="utf-8",
    )


def make_stress_inbox(
    directory: str | os.PathLike,
    workbooks: int = 200,
    rows: int = 2000,
    seed: int = 1,
    jobs: int | None = None,
    link_from: str | os.PathLike | None = None,
    quiet: bool = False,
    flag_every: int = 0,
) -> dict:
    """Create (or reuse) DIR/inbox, DIR/qstat.toml and DIR/manifest.json; return the manifest.

    ``link_from``: another stress directory made with the same rows/seed; workbooks it already
    has are hard-linked instead of generated (workbook i is the same in every inbox).
    ``flag_every`` N: every Nth workbook leaves 施工单位 blank in three 附表3 rows (F3-004, so
    the unit gets a 退回 marked copy); 3 flags a third of the units.
    """
    d = Path(directory)
    inbox = d / "inbox"
    params = {
        "workbooks": workbooks,
        "rows": rows,
        "seed": seed,
        "period": PERIOD,
        "version": GENERATOR_VERSION,
    }
    if flag_every:
        params["flag_every"] = flag_every
    mpath = d / "manifest.json"
    if mpath.exists():
        try:
            old = json.loads(mpath.read_text(encoding="utf-8"))
        except ValueError:
            old = {}
        if old.get("params") == params and all((inbox / f["file"]).exists() for f in old.get("files", [])):
            if not quiet:
                print(f"stress inbox {d} is up to date ({workbooks} workbooks)", file=sys.stderr)
            old["cached"] = True
            return old
    inbox.mkdir(parents=True, exist_ok=True)
    for p in inbox.iterdir():
        p.unlink()
    t0 = time.perf_counter()
    src_manifest = None
    if link_from is not None:
        sp = Path(link_from) / "manifest.json"
        if sp.exists():
            sm = json.loads(sp.read_text(encoding="utf-8"))
            sparams = dict(sm.get("params", {}))
            if {k: v for k, v in sparams.items() if k not in ("workbooks", "flag_every")} == {
                k: v for k, v in params.items() if k not in ("workbooks", "flag_every")
            }:
                src_manifest = {f["file"]: f for f in sm["files"]}
    todo, files = [], {}
    for i in range(1, workbooks + 1):
        name = file_name(i)
        flagged = bool(flag_every) and i % flag_every == 0
        same = src_manifest and name in src_manifest and src_manifest[name].get("flagged", False) == flagged
        if same and (Path(link_from) / "inbox" / name).exists():
            os.link(Path(link_from) / "inbox" / name, inbox / name)
            files[i] = src_manifest[name]
        else:
            todo.append((i, rows, seed, str(inbox / name), flagged))
    jobs = jobs or min(len(todo), os.cpu_count() or 1) or 1
    if todo:
        if jobs > 1:
            with ProcessPoolExecutor(jobs) as ex:
                for args, res in zip(todo, ex.map(_make_one, todo, chunksize=4)):
                    files[args[0]] = res
        else:
            for args in todo:
                files[args[0]] = _make_one(args)
    units = unit_names(workbooks)
    write_config(d / "qstat.toml", units)
    flist = [files[i] for i in sorted(files)]
    totals = {k: sum(f[k] for f in flist) for k in ("F1", "F2", "F3", "F4", "filed")}
    manifest = {
        "params": params,
        "files": flist,
        "totals": totals,
        "seconds": round(time.perf_counter() - t0, 2),
        "bytes": sum((inbox / f["file"]).stat().st_size for f in flist),
    }
    mpath.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    if not quiet:
        print(
            f"generated {workbooks} workbooks ({len(todo)} new) in {manifest['seconds']} s: "
            f"{totals['F3']} F3 rows, {totals['F4']} F4 rows, "
            f"{manifest['bytes'] / 1e6:.1f} MB",
            file=sys.stderr,
        )
    manifest["cached"] = False
    return manifest


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", help="output directory (gets inbox/, qstat.toml, manifest.json)")
    ap.add_argument("--workbooks", type=int, default=200)
    ap.add_argument("--rows", type=int, default=2000, help="F3+F4 rows per workbook (about)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=None, help="worker processes (default: cores)")
    ap.add_argument(
        "--link-from", default=None, help="stress dir with the same --rows/--seed to hard-link workbooks from"
    )
    ap.add_argument("--flag-every", type=int, default=0, help="every Nth workbook gets an error (F3-004)")
    a = ap.parse_args(argv)
    make_stress_inbox(a.dir, a.workbooks, a.rows, a.seed, a.jobs, a.link_from, flag_every=a.flag_every)
    return 0


if __name__ == "__main__":
    sys.exit(main())
