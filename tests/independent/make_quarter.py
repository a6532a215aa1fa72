#!/usr/bin/env python3
"""Independent test-input generator: 平顶山市 2024Q3 quarterly workbooks (11 of 12 units,
石龙区 未报) + a small 2024 annual set (附表6 + 附表7).  Each unit imitates a different clerk.

Only openpyxl (+ optional LibreOffice for one .xls).  Writes EXPECTED.md / EXPECTED.json.
Run:  python3 make_quarter.py
"""
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import tempfile
from decimal import Decimal as D, ROUND_HALF_UP

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

HERE = os.path.dirname(os.path.abspath(__file__))
QDIR = os.path.join(HERE, "2024Q3")
YDIR = os.path.join(HERE, "2024")
Q_START, Q_END = dt.date(2024, 7, 1), dt.date(2024, 9, 30)
REPORT_DATE = dt.date(2024, 10, 8)

UNITS = ["叶县", "舞钢市", "湛河区", "新华区", "鲁山县", "宝丰县", "石龙区", "示范区",
         "汝州市", "郏县", "卫东区", "高新区"]
CODES = {"叶县": "410422", "舞钢市": "410481", "湛河区": "410411", "新华区": "410402",
         "鲁山县": "410423", "宝丰县": "410421", "石龙区": "410404", "示范区": "410471",
         "汝州市": "410482", "郏县": "410425", "卫东区": "410403", "高新区": "410472"}

# ----------------------------------------------------------------------------- helpers
C2 = D("0.01")
C1 = D("0.1")


def q2(x):
    return D(x).quantize(C2, ROUND_HALF_UP)


def q1(x):
    return D(x).quantize(C1, ROUND_HALF_UP)


def wan(m2):  # ㎡ -> 万㎡, 2 decimals
    return q2(D(m2) / D(10000))


def rate(num, den):
    if den == 0:
        return None
    return q1(D(num) * 100 / D(den))


FW = str.maketrans("0123456789", "０１２３４５６７８９")
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def dstr(v):
    """Decimal/int to plain string without exponent, trailing zeros trimmed to 2dp style."""
    if isinstance(v, int):
        return str(v)
    s = format(v, "f")
    return s


def num_out(v, mode):
    """Render a number the way a clerk typed it. Returns (value, number_format)."""
    if v is None:
        return None, None
    if mode == "num":
        return (int(v) if isinstance(v, int) else float(v)), None
    if mode == "num2":  # numeric, shown with 2 decimals
        return (int(v) if isinstance(v, int) else float(v)), (None if isinstance(v, int) else "0.00")
    s = dstr(v)
    if mode == "text":
        return s, "@"
    if mode == "trail":
        return s + " ", "@"
    if mode == "fw":
        return s.translate(FW), "@"
    if mode == "thou":
        if isinstance(v, int):
            return f"{v:,}", "@"
        return f"{v:,.2f}", "@"
    raise ValueError(mode)


def rate_out(v, mode):
    if v is None:
        return None, None
    if mode == "num":
        return float(v), "0.0"
    if mode == "pct_text":
        s = dstr(v)
        if s.endswith(".0"):
            s = s[:-2]
        return s + "%", "@"
    if mode == "frac_fmt":  # 0.667 shown as 66.7%
        return float(v / 100), "0.0%"
    if mode == "fw":
        return dstr(v).translate(FW), "@"
    raise ValueError(mode)


def date_out(d, mode):
    if d is None:
        return None, None
    if mode == "excel":
        return dt.datetime(d.year, d.month, d.day), "yyyy-mm-dd"
    if mode == "excel_cn":
        return dt.datetime(d.year, d.month, d.day), 'yyyy"年"m"月"d"日"'
    if mode == "excel_slash":
        return dt.datetime(d.year, d.month, d.day), "yyyy/m/d"
    if mode == "dot":
        return f"{d.year}.{d.month}.{d.day}", "@"
    if mode == "dash":
        return d.isoformat(), "@"
    if mode == "cn":
        return f"{d.year}年{d.month}月{d.day}日", "@"
    raise ValueError(mode)


def put(ws, r, c, v, fmt=None, border=True, align=True, bold=False):
    cell = ws.cell(row=r, column=c)
    cell.value = v
    if fmt:
        cell.number_format = fmt
    if border:
        cell.border = BOX
    if align:
        cell.alignment = CENTER
    if bold:
        cell.font = Font(bold=True)
    return cell


def a1(r, c):
    return f"{get_column_letter(c)}{r}"


def hdr_text(s, mode):
    if mode == "seed":
        return s
    t = s.replace("\n", "")
    if mode == "clean":
        return " ".join(t.split()).replace(" ", "")
    if mode == "half":
        return " ".join(t.split()).replace(" ", "").replace("（", "(").replace("）", ")")
    if mode == "spaces":
        t = " ".join(t.split()).replace(" ", "")
        for a, b in (("项数", "项  数"), ("面积", "面 积 "), ("造价", "造 价"), ("工程名称", "工 程 名 称")):
            if t.startswith(a):
                t = b + t[len(a):]
        return t
    raise ValueError(mode)


# ----------------------------------------------------------------------------- data model
BUILDERS = ["河南省第一建筑工程集团有限责任公司", "平煤神马建工集团有限公司", "平顶山市第二建筑工程有限公司",
            "中建七局第四建筑有限公司", "河南国基建设集团有限公司", "河南五建建设集团有限公司",
            "平顶山市鹰城建筑安装有限公司", "河南天工建设集团有限公司", "林州市建筑工程三公司",
            "河南宏盛建筑工程有限公司"]
SUPERVISORS = ["河南建达工程咨询有限公司", "平顶山市建设监理有限公司", "河南省建设监理有限公司",
               "河南中豫建设监理有限公司", "平顶山市正源工程监理有限公司", "河南长城铁路工程建设咨询有限公司"]
PROGRESS = ["基础施工", "±0以下施工", "主体施工至6层", "主体施工至11层", "主体封顶", "二次结构施工",
            "装饰装修", "室外配套施工", "主体施工至3层", "钢结构吊装"]
ESTATES = ["建业·春天里", "昆仑花园", "鹰城御府", "湖滨新城", "正弘·香湖湾", "龙湖一号", "锦绣华庭", "康桥华府",
           "翰林苑", "碧桂园·天悦"]
SCHOOLS = ["第二高级中学教学楼", "实验小学综合楼", "人民医院门诊医技楼", "中医院住院楼", "文化艺术中心",
           "全民健身中心体育馆", "政务服务中心", "职业技术学校实训楼", "妇幼保健院综合楼", "图书馆"]
FACTORIES = ["智能装备产业园1#厂房", "物流园仓储车间", "新材料有限公司生产车间", "尼龙新材料产业园厂房",
             "机械制造有限公司装配车间", "农产品加工园厂房"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = ["建国", "伟", "芳", "丽", "军", "洋", "勇", "艳", "杰", "磊", "强", "静", "敏", "涛", "明", "超", "刚", "华"]


class Proj:
    def __init__(self, **kw):
        self.__dict__.update(kw)


def rand_date(rng, a, b):
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


def person(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def gen_projects(unit, rng, n_ip, n_new, n_comp, n_filed, large_public=0, regfmt="plain", period=(Q_START, Q_END),
                 seq_start=1):
    """n_ip in-progress (of which n_new are new), n_comp completed (n_filed filed).
    Returns (inprog list, completed list)."""
    code = CODES[unit]
    seq = [seq_start]

    def regno(year):
        s = seq[0]
        seq[0] += rng.randint(1, 4)
        if regfmt == "plain":
            return f"{code}{year}{s:04d}"
        if regfmt == "dash":
            return f"{code}-{year}-{s:03d}"
        if regfmt == "zi":
            return f"平质监{unit[0]}字（{year}）{s:03d}号"
        raise ValueError(regfmt)

    names = set()

    def mk(year, cat):
        while True:
            if cat in ("res", "aff"):
                if cat == "res":
                    nm = f"{rng.choice(ESTATES)}{rng.choice(['一期', '二期', '三期', ''])}{rng.randint(1, 18)}#住宅楼"
                else:
                    nm = f"{unit}{rng.choice(['城东', '城西', '老城区', '南关'])}棚户区改造安置房{rng.randint(1, 12)}#楼"
                area = D(rng.randint(6000, 19000)) + D(rng.randint(0, 99)) / 100
                struct = rng.choice(["剪力墙", "框架剪力墙", "框剪", "砖混"] if cat == "res" else ["剪力墙", "框剪"])
                cats = {"res"} | ({"aff"} if cat == "aff" else set())
            elif cat in ("pub", "large"):
                nm = f"{unit}{rng.choice(SCHOOLS)}"
                if cat == "large":
                    area = D(rng.randint(21000, 42000)) + D(rng.randint(0, 99)) / 100
                    cats = {"pub", "large"}
                else:
                    area = D(rng.randint(3000, 15000)) + D(rng.randint(0, 99)) / 100
                    cats = {"pub"}
                struct = rng.choice(["框架", "框架剪力墙"])
            elif cat == "steel":
                nm = f"{unit}{rng.choice(FACTORIES)}"
                area = D(rng.randint(2500, 12000)) + D(rng.randint(0, 99)) / 100
                struct = "钢结构"
                cats = {"steel"}
            else:  # other (industrial, non-steel)
                nm = f"{unit}{rng.choice(['供水加压站综合楼', '污水处理厂综合楼', '变电站控制楼', '粮食储备库'])}"
                area = D(rng.randint(1200, 5000)) + D(rng.randint(0, 99)) / 100
                struct = "框架"
                cats = set()
            if nm not in names:
                names.add(nm)
                break
        cost = q2(area * D(rng.randint(1600, 3400)) / D(10000))  # 万元
        return Proj(reg=regno(year), name=nm, struct=struct, area=area, cost=cost, cats=cats,
                    builder=rng.choice(BUILDERS), supervisor=rng.choice(SUPERVISORS),
                    progress=rng.choice(PROGRESS), new=False, completed_on=None, filed_on=None)

    def cat_pick(i):
        return rng.choices(["res", "aff", "pub", "steel", "other"], [40, 20, 22, 12, 6])[0]

    comp = []
    for i in range(n_comp):
        p = mk(rng.choice([2022, 2023]), cat_pick(i))
        p.completed_on = rand_date(rng, period[0], period[1] - dt.timedelta(days=6))
        p.accept = "合格"
        comp.append(p)
    for p in rng.sample(comp, n_filed):
        p.filed_on = min(p.completed_on + dt.timedelta(days=rng.randint(3, 25)), period[1])
    ip = []
    old = n_ip - n_new
    cats = [cat_pick(i) for i in range(n_ip)]
    for k in range(large_public):
        cats[k * 3 % n_ip] = "large"
    for i in range(n_ip):
        is_new = i >= old
        year = period[0].year if is_new else rng.choice([2022, 2023, 2024])
        p = mk(year, cats[i])
        p.new = is_new
        if is_new:
            p.registered_on = rand_date(rng, period[0], period[1])
            p.progress = rng.choice(["基础施工", "±0以下施工", "桩基施工"])
        ip.append(p)
    return ip, comp


def f5_figures(ip, comp, sat_num, accidents=(0, 0, D("0"))):
    ip_n, ip_a, ip_c = len(ip), wan(sum(p.area for p in ip)), sum((p.cost for p in ip), D(0))
    nw = [p for p in ip if p.new]
    new_n, new_a, new_c = len(nw), wan(sum((p.area for p in nw), D(0))), sum((p.cost for p in nw), D(0))
    cp_n, cp_a, cp_c = len(comp), wan(sum((p.area for p in comp), D(0))), sum((p.cost for p in comp), D(0))
    fl = [p for p in comp if p.filed_on]
    fl_n, fl_a, fl_c = len(fl), wan(sum((p.area for p in fl), D(0))), sum((p.cost for p in fl), D(0))
    co_n, co_a, co_c = ip_n + cp_n - new_n, ip_a + cp_a - new_a, ip_c + cp_c - new_c
    sat = rate(sat_num, fl_n)
    return dict(carried=(co_n, q2(co_a), q2(co_c)), new=(new_n, q2(new_a), q2(new_c)),
                in_progress=(ip_n, q2(ip_a), q2(ip_c)), completed=(cp_n, q2(cp_a), q2(cp_c)),
                filed=(fl_n, q2(fl_a), q2(fl_c)),
                rate_n=rate(fl_n, cp_n), rate_a=(rate(fl_a, cp_a) if cp_a else None), sat=sat,
                acc=accidents[0], deaths=accidents[1], loss=accidents[2])


CATS = [("住宅工程", "res"), ("保障性安居工程", "aff"), ("公共建筑工程", "pub"),
        ("大型公共建筑工程（2万平方米以上）", "large"), ("钢结构\n工程", "steel"), ("县（区）\n工程", "county")]


def f6_figures(ip, comp):
    out = []
    for label, key in CATS:
        def sel(lst):
            return [p for p in lst if key == "county" or key in p.cats]

        def agg(lst):
            return (len(lst), wan(sum((p.area for p in lst), D(0))), q2(sum((p.cost for p in lst), D(0))))
        nw = agg(sel([p for p in ip if p.new]))
        cp = agg(sel(comp))
        fl = agg(sel([p for p in comp if p.filed_on]))
        ipg = agg(sel(ip))
        out.append((label, nw, cp, fl, rate(fl[0], cp[0]), ipg))
    return out


def f1_records(unit, rng, n, ip, abbr):
    recs = []
    facts = [("未按规定对进场钢筋进行见证取样送检", "第八条第（三）项", "项目经理"),
             ("施工现场项目经理长期不在岗", "第八条第（一）项", "项目经理"),
             ("监理单位未按规定实施旁站监理", "第十条第（二）项", "总监理工程师"),
             ("未按审查合格的施工图施工，擅自变更构造柱设置", "第八条第（五）项", "项目经理"),
             ("建设单位明示施工单位使用不合格墙体材料", "第六条第（四）项", "项目负责人")]
    for i in range(n):
        p = rng.choice(ip)
        fact, clause, title = facts[(i + len(unit)) % len(facts)]
        party = p.supervisor if "监理" in fact else (f"平顶山市{unit}城市建设投资有限公司" if "建设单位" in fact else p.builder)
        rd = rand_date(rng, Q_START, dt.date(2024, 9, 20))
        recs.append(dict(record_no=f"{abbr}BL2024-{i + 7:03d}", project=p.name, party=party, person=person(rng),
                         title=title, fact=fact, clause=f"《河南省建设工程质量不良行为记录管理办法》{clause}",
                         recorder=person(rng), recorded_on=rd, approver=person(rng),
                         approved_on=rd + dt.timedelta(days=rng.randint(1, 8))))
    return recs


def f2_records(unit, rng, n, ip, abbr):
    recs = []
    for i in range(n):
        p = rng.choice(ip)
        recs.append(dict(record_no=f"{abbr}CF2024-{i + 3:03d}", project=p.name, party=p.builder,
                         date=rand_date(rng, Q_START, dt.date(2024, 9, 25)),
                         fact="使用不合格的预拌混凝土，混凝土试块强度不满足设计要求",
                         basis="《建设工程质量管理条例》第六十四条",
                         penalty=f"罚款人民币{rng.choice([3, 5, 8])}万元", status="已执行", handling="已整改完毕"))
    return recs


# ----------------------------------------------------------------------------- table writer
def write_table(ws, r, c, cols, rows, hdr="seed", flat_labels=None, lanci=False, placeholder=None,
                total=None, col_fmt=None):
    """cols: list of (group or None, leaf).  rows: list of list of (value, fmt).
    Returns (next_row, info) where info has header_row, first_data_row, row addresses."""
    info = {"header_row": r}
    two = any(g for g, _ in cols) and flat_labels is None
    if flat_labels is not None:
        for j, t in enumerate(flat_labels):
            put(ws, r, c + j, t, bold=True)
        r += 1
    elif two:
        j = 0
        while j < len(cols):
            g, leaf = cols[j]
            if g is None:
                put(ws, r, c + j, hdr_text(leaf, hdr), bold=True)
                put(ws, r + 1, c + j, None)
                ws.merge_cells(start_row=r, start_column=c + j, end_row=r + 1, end_column=c + j)
                j += 1
            else:
                k = j
                while k < len(cols) and cols[k][0] == g:
                    k += 1
                put(ws, r, c + j, hdr_text(g, hdr), bold=True)
                for m in range(j + 1, k):
                    put(ws, r, c + m, None)
                if k - j > 1:
                    ws.merge_cells(start_row=r, start_column=c + j, end_row=r, end_column=c + k - 1)
                for m in range(j, k):
                    put(ws, r + 1, c + m, hdr_text(cols[m][1], hdr), bold=True)
                j = k
        r += 2
    else:
        for j, (g, leaf) in enumerate(cols):
            put(ws, r, c + j, hdr_text(leaf, hdr), bold=True)
        r += 1
    if lanci:
        put(ws, r, c, "栏次")
        for j in range(1, len(cols)):
            put(ws, r, c + j, j)
        r += 1
    info["first_data_row"] = r
    info["rows"] = []
    if not rows and placeholder:
        for j in range(len(cols)):
            put(ws, r, c + j, None)
        if placeholder[0] == "merge":
            put(ws, r, c, placeholder[1])
            ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=c + len(cols) - 1)
        else:
            for (j, t) in placeholder:
                put(ws, r, c + j, t)
        info["placeholder_row"] = r
        r += 1
    for row in rows:
        for j, (v, f) in enumerate(row):
            put(ws, r, c + j, v, f)
        info["rows"].append(r)
        r += 1
    if total:
        for j, (v, f) in enumerate(total):
            put(ws, r, c + j, v, f)
        info["total_row"] = r
        r += 1
    for j in range(len(cols)):
        col = get_column_letter(c + j)
        if ws.column_dimensions[col].width is None or ws.column_dimensions[col].width < 11:
            ws.column_dimensions[col].width = 11
    return r, info


def title_lines(ws, r, c, width, lines, mode):
    """mode: merged | plain | None"""
    if mode is None:
        return r
    for t in lines:
        cell = ws.cell(row=r, column=c, value=t)
        cell.font = Font(bold=True, size=14 if t == lines[-1] else 11)
        if mode == "merged":
            ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=c + width - 1)
            cell.alignment = Alignment(horizontal="center", vertical="center")
        r += 1
    return r


def unit_line(ws, r, c, unit, mode, label="填表单位（公章）：", extra=""):
    if mode is None:
        return r
    if mode == "one":
        ws.cell(row=r, column=c, value=f"{label}{unit}{extra}")
    elif mode == "split":
        ws.cell(row=r, column=c, value=label)
        ws.cell(row=r, column=c + 1, value=unit)
        if extra:
            ws.cell(row=r, column=c + 3, value=extra.strip())
    return r + 1


def footer(ws, r, c, st, notes=None):
    if notes and st.get("notes"):
        ws.cell(row=r, column=c, value=notes)
        r += 1
    if st.get("footer"):
        f = st["footer"]
        if f == "one":
            ws.cell(row=r, column=c, value=f"统计员：{st['clerk']}          批准人：{st['boss']}          报送日期：{st.get('rdate', '2024年10月8日')}")
        else:
            ws.cell(row=r, column=c, value=f"统计员：{st['clerk']}")
            ws.cell(row=r, column=c + 4, value=f"批准人：{st['boss']}")
            ws.cell(row=r, column=c + 8, value="报送日期：")
            cell = ws.cell(row=r, column=c + 9, value=st.get("rdate_dt", dt.datetime(2024, 10, 8)))
            cell.number_format = 'yyyy"年"m"月"d"日"'
        r += 1
    return r


NOTE5 = ("填表说明：1、在建工程：已办理监督注册手续，尚未完工或已完工，但未进行竣工验收的工程；2、竣工工程：已办理监督注册手续，"
         "已通过竣工验收的工程；3、质量备案率：已办理质量备案手续的工程/竣工工程；4、用户满意率：用户评价为满意的工程（项数）/"
         "已办理质量备案手续的工程；5、接转工程：上一季（年）度在建工程。")
NOTE1 = "备注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测机构、施工图审查机构及其它有关单位。"
NOTE2 = "注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测单位、施工图审查机构及其它有关单位。"

TITLES = {
    "F1": ["附表1", "河南省建设工程有关责任主体及相关责任人员不良行为记录统计表"],
    "F2": ["附表2", "河南省建设工程质量责任主体行政处罚记录表"],
    "F3": ["附表3", "河南省建设工程质量监督在建工程明细表"],
    "F4": ["附表4", "河南省建设工程质量监督竣工工程明细表"],
    "F5": ["附表5", "河南省建设工程质量监督季度统计表"],
    "F6": ["附表6", "河南省建设工程质量监督季（年）度分类统计表"],
    "F7": ["附表7", "河南省建设工程质量监督年度统计表"],
}

F1_COLS = [(None, "记录\n编号"), (None, "工程名称"), (None, "责任单位"), ("责  任  人", "姓名"), ("责  任  人", "职务"),
           (None, "不良行为事实"), (None, "对应省不良记录管理办法条款"), (None, "记录人"), (None, "记录\n日期"),
           (None, "批准人"), (None, "批准\n日期")]
F2_COLS = [(None, t) for t in ["记录编号", "工程名称", "责任单位", "时间", "违法违规事实", "处罚依据", "处罚内容", "处罚情况",
                               "处理情况"]]
F3_COLS = [(None, t) for t in ["序号", "工程质量监督注册号", "工程名称", "结构\n类型", "建筑面积\n（平方米）", "工程造价\n（万元）",
                               "施工单位", "监理单位", "形象进度", "备注"]]
F4_COLS = [(None, t) for t in ["序号", "工程质量监督注册号", "工程名称", "结构类型", "建筑面积\n（平方米）", "工程造价\n（万元）",
                               "施工单位", "监理单位", "竣工\n日期", "竣工验收结论", "备案\n日期", "备案\n结论"]]
G3 = ["项数", "面积\n（万㎡）", "造价\n（万元）"]


def f5_cols(seq, remark):
    cols = []
    if seq == "separate":
        cols += [(None, "序号"), (None, "市、县（市）")]
    else:
        cols += [(None, "市、县\n（市）\n序号")]
    for g in ["上季度接转工程", "本季度新注册工程", "本季度在建工程", "本季度竣工工程", "本季度质量备案\n工程"]:
        cols += [(g, leaf) for leaf in G3]
    cols += [("季度质量\n备案率（%）", "项数"), ("季度质量\n备案率（%）", "面积"), (None, "用户\n满意率\n（%）"),
             ("本季度发生工程质量事故", "项数"), ("本季度发生工程质量事故", "死亡人数"), ("本季度发生工程质量事故", "经济损失（万元）")]
    if remark:
        cols += [(None, "备注")]
    return cols


F5_FLAT = ["上季度接转工程项数", "上季度接转工程面积（万㎡）", "上季度接转工程造价（万元）",
           "本季度新注册工程项数", "本季度新注册工程面积（万㎡）", "本季度新注册工程造价（万元）",
           "本季度在建工程项数", "本季度在建工程面积（万㎡）", "本季度在建工程造价（万元）",
           "本季度竣工工程项数", "本季度竣工工程面积（万㎡）", "本季度竣工工程造价（万元）",
           "本季度质量备案工程项数", "本季度质量备案工程面积（万㎡）", "本季度质量备案工程造价（万元）",
           "季度质量备案率（项数）（%）", "季度质量备案率（面积）（%）", "用户满意率（%）",
           "本季度发生工程质量事故项数", "死亡人数", "经济损失（万元）"]

F6_COLS = [(None, "项  目")] + [("本季/年新注册项目", l) for l in ["项数", "面 积\n（万㎡）", "造 价\n（万元）"]] + \
          [("本季/年竣工工程", l) for l in G3] + \
          [("本季/年质量备案工程", l) for l in ["项数", "面积\n（万㎡）", "造价（万元）", "备案率\n（项%）"]] + \
          [("本季/年在建工程", l) for l in G3]

F7_COLS = [(None, "市、县\n（市）\n序号")] + [("上年度接转工程", l) for l in G3] + [("本年度新注册工程", l) for l in G3] + \
          [("截止到年底在建\n工程", l) for l in G3] + [("截止到年底竣工\n工程", l) for l in G3] + \
          [("本年度备案工程", l) for l in ["项数", "面积\n（万㎡）"]] + \
          [("本年度质量备案率（%）", l) for l in ["项数", "面积"]] + [(None, "用  户\n满意率\n（%）")] + \
          [("本年度发生工程\n质量事故", l) for l in ["项数", "死亡人数", "经济损失\n（万元）"]]


# ----------------------------------------------------------------------------- score sheets
JD = [  # 河南省保障性安居工程质量监督工作考核评分表 (100 = 60+30+10)
    ("住房城乡建设主管部门\n(60分)", 60, [
        ("机制建设", D(10), "主管部门明确了保障性安居工程监督管理机构职责及岗位责任分工，记5分；建立了内部工作制度，形成了相互监督与制约的内部监控机制，记3分；定期召开会议，研究分析、部署安排保障性安居工程质量监管工作，记2分。"),
        ("机构和队伍\n建设", D(5), "配备与监督管理工作相适应的专职人员3人（含）以上的，记2分；监督机构人员编制经费已解决的，记2分；监管工作人员办理行政执法证的，记1分。"),
        ("制度建设", D(4), "根据省政府办公厅《关于加强保障性安居工程质量安全管理工作的意见》及省厅《关于加强保障性住房质量监管的指导意见》等有关文件精神，结合当地实际，制定了保障性安居工程质量监管制度，记2分；制定了工程招投标、施工图审查、施工许可、质量投诉处理等工作管理制度，记2分。"),
        ("档案管理", D(3), "建立了保障性安居工程档案管理制度的，记1分；文档、档案资料装订、保管有序并明确专人负责管理的，记1分；按工程项目建立了保障性安居工程管理台帐的，记1分。"),
        ("监督执法工作", D(10), "及时对保障性安居工程质量进行监督；依法有序地开展工程质量监督执法检查工作；对建设、勘察、设计、施工和监理等工程参建各方责任主体和工程质量检测等机构开展了执法检查；依法处理、处罚了相关违法违规行为，并及时公示相关责任单位和责任人；各类保障性安居工程全部依法纳入县级以上住房城乡建设部门的统一监管范围,不存在以开发区、工业园区、高新区、城市新区及重点工程为由逃避依法管理的行为。记10分，不满足一项扣2分，扣完为止，不倒扣分。"),
        ("回访保修", D(2), "各地结合本地实际，建立回访保修工作机制，认真督促参建各方责任主体及时履行质量保修责任。记2分。不满足一项扣1分，扣完为止，不倒扣分。"),
        ("工程质量投诉和复议", D(2), "严格按照保障性安居工程质量投诉管理相关制度受理和处理业主投诉，所作出的投诉处理决定未被复议机关、审判机关确认违法、撤销或变更。记2分，不满足一项扣1分，扣完为止，不倒扣分。"),
        ("层级监督考核", D(3), "依法依规对县（市、区）住房城乡建设主管部门保障性安居工程质量监督管理工作进行考核；按照有关规定及时通报考核结果和相关情况。记3分，不满足一项扣1.5分，扣完为止，不倒扣分。"),
        ("工程质量运行态势分析", D(10), "按时报送工程质量运行态势分析报告（含工程质量监督信息统计报表）工作，记5分。工程质量运行态势分析报告真实、准确、完整；年度工程质量运行态势分析报告总结全面、分析透彻，并及时报送，记5分。"),
        ("宣传报导", D(2), "坚持经常性开展宣传报导活动，在市级（含）以上电视、电台、报纸、网络等新闻媒体上报道保障性安居工程质量管理情况，记2分。"),
        ("学习培训", D(3), "积极参加省级以上住房城乡建设主管部门组织相关工作的学习培训；当地举办有关保障性安居工程质量监督管理法律法规制度讲座；积极组织本级监管人员、县（市、区）监督管理机构参加有关法律法规、业务知识等的学习培训或考试。记3分，不满足一项扣1分，扣完为止，不倒扣分。"),
        ("调查研究", D(3), "积极开展关于保障性安居工程质量监管有关政策、制度建设等的调查研究活动；开展考察、观摩、工作交流等活动，记3分，不满足一项扣1.5分，扣完为止，不倒扣分。"),
        ("完成工作任务的时效和质量", D(3), "按时报送年度工作计划和总结；及时抄报保障性安居工程质量监管工作情况；按时按质完成省住房城乡建设厅交办的相关工作任务，记3分，不满足一项扣1分，扣完为止，不倒扣分。"),
    ]),
    ("参建各方责任主体\n（30分）", 30, [
        ("履行基本建设程序", D(3), "各类保障性安居工程全部执行法律法规规定的基本建设程序；保障性安居工程开工前进行图纸审查，依法进行招投标，实行工程监理。记3分，不满足一项扣1.5分，扣完为止，不扣倒分。"),
        ("施工现场监管", D(12), "建设单位指定施工现场总代表人，全面负责协调施工现场的组织管理。设计单位积极做好设计交底……施工单位、监理单位认真执行领导现场带班制度。记12分，不满足一项扣1分，扣完为止，不扣倒分。"),
        ("原材料质量\n控制", D("4.5"), "施工、监理单位认真做好建筑材料的见证取样和送检工作，严格控制好钢筋、水泥、砌体材料等主要原材料和预拌商品混凝土的进场验收及复检工作。能够做到没有出厂合格证的建筑材料，不得进场，进场后抽样检验不合格的，不得使用。施工单位未弄虚作假，使用不合格的建筑材料。记4.5分，不满足一项扣1.5分，扣完为止，不扣倒分。"),
        ("重要分部（子分部）工程质量\n验收", D("4.5"), "参建各方责任主体按照法律、法规和验收规范的要求，重点对地基基础工程、主体结构和建筑节能等分部（子分部）工程进行验收，未擅自简化验收程序、降低验收标准。……记4.5分，不满足一项扣1.5分，扣完为止，不倒扣分。"),
        ("分户验收", D(3), "在竣工验收前，全面推行由建设单位组织实施的分户验收工作。分户验收合格后，建设单位组织勘察、设计、施工、监理等有关单位严格按照规定的组织形式、验收程序和验收标准进行竣工验收……记3分，不满足一项扣1.5分，扣完为止，不倒扣分。"),
        ("永久标牌", D(3), "竣工的保障性安居工程项目，按要求在每栋楼的明显部位镶嵌永久性标牌，载明建设、勘察、设计、施工和监理等单位的名称和项目主要负责人姓名。记3分，不满足一项扣1.5分，扣完为止，不倒扣分。"),
    ]),
    ("工作亮点和特色\n（10分）", 10, [
        ("工作亮点和特色", D(10), "积极开展制度创新，机制创新……记2.5分；被省级以上住房和城乡建设主管部门评为保障性安居工程质量监督管理先进单位的，记2.5分；辖区内保障性安居工程荣获省级“安居奖”的，记2.5分；统计报表在省级以上专项评比中获奖或在通报中得到嘉奖的，记2.5分。"),
    ]),
]
GL = [  # 河南省保障性安居工程质量管理年工作考核评分表 (100 = 50+20+15+5+10)
    ("建设主管部门     （50分）", 50, [
        ("总体工作", D(5), "今年保障性安居工程质量监管率达到100%，竣工验收合格率达到100%，质量用户满意度达到90%以上……未发生重大质量问题和安全事故。记5分，不满足一项扣1分，扣完为止，不倒扣分。"),
        ("工作部署", D(6), "按照《建设工程质量管理条例》等文件精神，对保障性安居工程质量管理工作进行安排部署；成立领导小组，建立工作机制……每月定期向省厅活动领导小组办公室反馈活动信息。记6分，不满足一项扣2分，扣完为止，不倒扣分。"),
        ("宣传工作", D(3), "在今年3.15消费者权益日期间，组织“质量宣传周”活动，记1.5分；启动 “工程质量宣传教育月”活动，记1.5分。"),
        ("质量咨询", D(2), "组织专家成立质量咨询服务队，深入基层、企业宣讲工程质量知识，帮助解决质量问题，记2分。"),
        ("隐患排查", D(3), "每季度组织开展1-2次质量隐患集中排查、检查和督查，记2分；每次排查、检查和督查均有通报，记1分。"),
        ("项目观摩", D(3), "参加省厅组织的全省保障性安居工程质量管理工作研讨会及工程质量观摩活动，记1.5分；各市、县主管部门在本年度组织1-2次的工程质量观摩活动，记1.5分。"),
        ("知识竞赛和技术比武", D(2), "在辖区内组织开展施工技术比武、建筑工法竞赛、质量QC管理小组创建等活动，记2分。"),
        ("质量创优", D(4), "组织开展“中州杯”奖、“安居奖”和“质量管理奖”等评选活动，记2分；制定激励措施，鼓励建设单位对获奖施工单位给予相应资金奖励，记2分。"),
        ("教育培训", D(3), "在施工现场和农民工夜校，有针对性的开展操作技能培训，记1.5分；有重点的进行建设工程质量法律法规及新标准、新规范等内容的培训，记1.5分。"),
        ("社会监督\n评议", D(4), "聘请一定数量的业主、人大代表、政协委员、业内专家和新闻单位人士等作为社会义务监督员参与质量监督评议，记2分；每个保障性安居工程项目上配备不少于两位社会义务监督员，记2分。"),
        ("质量回访", D(3), "建立完善用户质量回访、质量保修、投诉受理处理机制，记1.5分；全年安排了不少于四次的质量回访活动，记1.5分。"),
        ("监督队伍\n建设", D(4), "解决了质量监督机构编制和经费问题，记2分；对质量监督人员加强了教育培训，记2分。"),
        ("质量问题查处情况", D(6), "全年不间断地开展联合行政执法检查；严格落实不良行为记录公示、经济处罚、停业整顿……按规定上限给予了行政处罚。记6分，不满足一项扣2分，扣完为止，不倒扣分。"),
        ("层级检查", D(2), "各省辖市对所辖县（市）主管部门进行了监督抽查和工作考评，记2分。"),
    ]),
    ("施工企业    （20分）", 20, [
        ("管理制度", D(5), "健全完善了质量责任制度、质量分析制度、质量检查通报制度……分包单位及人员管理制度等，记5分，不满足一项扣0.5分，扣完为止，不倒扣分。"),
        ("质量分析", D(3), "每季度定期召开工程质量分析会（专题工作会），解决施工中存在的突出问题，建立完善会议档案。记3分，不满足一项扣1分，扣完为止，不倒扣分。"),
        ("考核奖惩", D(4), "企业负责人与每个项目负责人签订了质量目标责任书，并定期对责任落实情况进行考核奖惩。记4分，不满足一项扣2分，扣完为止，不倒扣分。"),
        ("带班制度", D(4), "企业负责人、项目负责人落实带班制度；项目部每日进行质量检查……企业每季度至少组织一次工程质量隐患排查。记5分，不满足一项扣1分，扣完为止，不倒扣分。"),
        ("标准化方案", D(2), "企业制定了质量安全标准化实施方案，记2分。"),
        ("知识讲座", D(2), "企业法定代表人或总经理全年进行了不少于两次对企业质量管理人员及项目负责人员的专题工程质量管理知识讲座，记2分。"),
    ]),
    ("监理单位    （15分）", 15, [
        ("监理班子", D(3), "有完备的项目监理班子，记3分。"),
        ("方案审核", D(4), "对重大技术方案严格审核把关，记2分；对重点环节、重点部位实施旁站监理、重点监理，记2分。"),
        ("隐患检查", D(4), "认真组织质量安全隐患检查，及时消除质量隐患。记4分，不满足一项扣2分，扣完为止，不倒扣分。"),
        ("自查自纠", D(4), "定期开展企业内部质量管理自查自纠，及时完善监理制度，记4分，不满足一项扣2分，扣完为止，不倒扣分。"),
    ]),
    ("检测机构\n（5分）", 5, [
        ("检测报告", D(5), "按照行业规章规定，如实出具检测报告；对发现的问题及时反映。记5分，不满足一项扣2.5分，扣完为止，不倒扣分。"),
    ]),
    ("其它\n（10分）", 10, [
        ("其    它", D(10), "其它参与保障性安居工程建设的有关责任主体，根据活动总体安排，主动开展检查，落实质量责任，记10分，不满足一项扣2分，扣完为止，不倒扣分。"),
    ]),
]
SHEET_TITLE = {"JD": "河南省保障性安居工程质量监督工作考核评分表", "GL": "河南省保障性安居工程质量管理年工作考核评分表"}


def shorten(text, variant):
    """Clerk's shortened / paraphrased 评分内容及标准 text."""
    import re
    m = re.search(r"记[\d.]+分[，。][^。]*扣[\d.]+分.*$", text)
    if m:  # step rule: keep the head clause and the rule tail
        head = re.split(r"[；，。]", text)[0]
        head = head[:20] + "……" if len(head) > 20 else head + "；……"
        tail = m.group(0)
        if variant == 2:
            tail = tail.replace("扣完为止，不倒扣分。", "扣完为止。").replace("扣完为止，不扣倒分。", "扣完为止。")
        return f"{head}{tail}"
    parts = [p for p in re.split(r"[；。]", text) if p.strip()]
    out = []
    for p in parts:
        mm = re.search(r"[，,]?(记[\d.]+分)$", p.strip())
        if mm:
            body = p.strip()[: mm.start()]
            out.append((body[:14] + ("…" if len(body) > 14 else "")) + "，" + mm.group(1))
        elif variant == 2:
            continue
        else:
            out.append(p.strip()[:14] + "…")
    return "；".join(out) + "。"


def score_out(v, mode):
    if mode == "num":
        return (int(v) if v == v.to_integral() else float(v)), None
    if mode == "dec":
        return float(v), "0.0"
    if mode == "fen":
        s = dstr(v.normalize()) if v != v.to_integral() else str(int(v))
        return s + "分", "@"
    if mode == "fw":
        s = dstr(v.normalize()) if v != v.to_integral() else str(int(v))
        return s.translate(FW), "@"
    raise ValueError(mode)


def write_score(ws, r, c, unit, sc):
    """sc: dict(kind, scores{item:score}, reasons{item:text}, fmt, order{section_idx:[item order]},
    subtotal: merged|first|last, reason_col bool, text_variant, title mode).  Returns info dict."""
    spec = JD if sc["kind"] == "JD" else GL
    info = {"cells": {}, "sections": []}
    has_reason = sc.get("reason_col", False)
    width = 7 + (1 if has_reason else 0)
    if sc.get("title", True):
        ws.cell(row=r, column=c, value=SHEET_TITLE[sc["kind"]]).font = Font(bold=True, size=14)
        ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=c + width - 1)
        ws.cell(row=r, column=c).alignment = Alignment(horizontal="center")
        r += 1
        ws.cell(row=r, column=c, value=f"被考核单位：{unit}            自评时间：2024年10月8日")
        r += 1
    # header (two rows as in seed)
    h = r
    put(ws, h, c, "序号", bold=True); put(ws, h + 1, c, None)
    ws.merge_cells(start_row=h, start_column=c, end_row=h + 1, end_column=c)
    put(ws, h, c + 1, "考核对象", bold=True); put(ws, h + 1, c + 1, None)
    ws.merge_cells(start_row=h, start_column=c + 1, end_row=h + 1, end_column=c + 1)
    put(ws, h, c + 2, "评分内容及标准" if sc["kind"] == "JD" else "评分内容及评分标准", bold=True)
    for cc in (c + 3,):
        put(ws, h, cc, None)
    put(ws, h + 1, c + 2, None); put(ws, h + 1, c + 3, None)
    ws.merge_cells(start_row=h, start_column=c + 2, end_row=h + 1, end_column=c + 3)
    put(ws, h, c + 4, "分值", bold=True); put(ws, h + 1, c + 4, None)
    ws.merge_cells(start_row=h, start_column=c + 4, end_row=h + 1, end_column=c + 4)
    put(ws, h, c + 5, "考核评分", bold=True); put(ws, h, c + 6, None)
    ws.merge_cells(start_row=h, start_column=c + 5, end_row=h, end_column=c + 6)
    put(ws, h + 1, c + 5, "得分", bold=True); put(ws, h + 1, c + 6, "小计", bold=True)
    if has_reason:
        put(ws, h, c + 7, "评分依据", bold=True); put(ws, h + 1, c + 7, None)
        ws.merge_cells(start_row=h, start_column=c + 7, end_row=h + 1, end_column=c + 7)
    r = h + 2
    total = D(0)
    fmt = sc["fmt"]
    for si, (sec, secmax, items) in enumerate(spec):
        order = sc.get("order", {}).get(si)
        its = [items[k] for k in order] if order else list(items)
        r0 = r
        sub = D(0)
        for (name, mx, text) in its:
            key = name.replace("\n", "").replace(" ", "")
            s = sc["scores"].get(key, mx)
            sub += s
            put(ws, r, c, si + 1 if r == r0 else None)
            put(ws, r, c + 1, sec if r == r0 else None)
            put(ws, r, c + 2, name)
            cell = put(ws, r, c + 3, shorten(text, sc.get("text_variant", 1)))
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            v, f = score_out(mx, "num")
            put(ws, r, c + 4, v, f)
            v, f = score_out(s, fmt)
            put(ws, r, c + 5, v, f)
            put(ws, r, c + 6, None)
            info["cells"][key] = a1(r, c + 5)
            if has_reason:
                put(ws, r, c + 7, sc.get("reasons", {}).get(key))
            r += 1
        r1 = r - 1
        if r1 > r0:
            ws.merge_cells(start_row=r0, start_column=c, end_row=r1, end_column=c)
            ws.merge_cells(start_row=r0, start_column=c + 1, end_row=r1, end_column=c + 1)
        v, f = score_out(sub, fmt)
        mode = sc.get("subtotal", "merged")
        srow = r1 if mode == "last" else r0
        put(ws, srow, c + 6, v, f)
        if mode == "merged" and r1 > r0:
            ws.merge_cells(start_row=r0, start_column=c + 6, end_row=r1, end_column=c + 6)
        info["sections"].append((sec.replace("\n", ""), float(secmax), float(sub), a1(srow, c + 6)))
        total += sub
    # 合计
    if sc["kind"] == "JD":
        put(ws, r, c, len(spec) + 1)
        put(ws, r, c + 1, "合计")
        for cc in range(c + 2, c + 4):
            put(ws, r, cc, None)
        ws.merge_cells(start_row=r, start_column=c + 1, end_row=r, end_column=c + 3)
    else:
        put(ws, r, c, "合                               计")
        for cc in range(c + 1, c + 4):
            put(ws, r, cc, None)
        ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=c + 3)
    put(ws, r, c + 4, 100)
    v, f = score_out(total, fmt)
    put(ws, r, c + 5, v, f)
    put(ws, r, c + 6, None)
    ws.merge_cells(start_row=r, start_column=c + 5, end_row=r, end_column=c + 6)
    if has_reason:
        put(ws, r, c + 7, None)
    info["total"] = float(total)
    info["total_cell"] = a1(r, c + 5)
    ws.column_dimensions[get_column_letter(c + 3)].width = 60
    ws.column_dimensions[get_column_letter(c + 1)].width = 16
    ws.column_dimensions[get_column_letter(c + 2)].width = 16
    if has_reason:
        ws.column_dimensions[get_column_letter(c + 7)].width = 30
    return r + 1, info


# ----------------------------------------------------------------------------- form renderers
def rows_f1(recs, st):
    out = []
    for x in recs:
        out.append([(x["record_no"], "@"), (x["project"], None), (x["party"], None), (x["person"], None),
                    (x["title"], None), (x["fact"], None), (x["clause"], None), (x["recorder"], None),
                    date_out(x["recorded_on"], st["date"]), (x["approver"], None),
                    date_out(x["approved_on"], st["date"])])
    return out


def rows_f2(recs, st):
    return [[(x["record_no"], "@"), (x["project"], None), (x["party"], None), date_out(x["date"], st["date"]),
             (x["fact"], None), (x["basis"], None), (x["penalty"], None), (x["status"], None), (x["handling"], None)]
            for x in recs]


def rows_f3(ip, st):
    out = []
    for i, p in enumerate(ip, 1):
        rem = "本季度新注册" if p.new else None
        out.append([(i, None), (p.reg, "@"), (p.name, None), (p.struct, None), num_out(p.area, st["num_detail"]),
                    num_out(p.cost, st["num_detail"]), (p.builder, None), (p.supervisor, None), (p.progress, None),
                    (rem, None)])
    return out


def rows_f4(comp, st):
    out = []
    for i, p in enumerate(comp, 1):
        out.append([(i, None), (p.reg, "@"), (p.name, None), (p.struct, None), num_out(p.area, st["num_detail"]),
                    num_out(p.cost, st["num_detail"]), (p.builder, None), (p.supervisor, None),
                    date_out(p.completed_on, st["date"]), (p.accept, None),
                    date_out(p.filed_on, st["date"]) if p.filed_on else (None, None),
                    (st.get("filing_word", "准予备案") if p.filed_on else None, None)])
    return out


def f5_values(fig, st, override=None):
    n = st["num"]
    cnt = st.get("num_count", n)
    vals = []
    for k in ["carried", "new", "in_progress", "completed", "filed"]:
        a, b, c_ = fig[k]
        vals += [num_out(a, cnt), num_out(b, n), num_out(c_, n)]
    rn = fig["rate_n"] if not override else override
    vals += [rate_out(rn, st["rate"]), rate_out(fig["rate_a"], st["rate"]), rate_out(fig["sat"], st["rate"])]
    vals += [num_out(fig["acc"], cnt), num_out(fig["deaths"], cnt), num_out(fig["loss"], n)]
    return vals


def write_f5(ws, r, c, unit, fig, st, expect):
    width = 22 + (1 if st.get("f5_seq") == "separate" else 0) + (1 if st.get("f5_remark") else 0)
    lines = list(TITLES["F5"])
    if st.get("title_period"):
        lines[-1] = lines[-1] + "（2024年第三季度）"
    r = title_lines(ws, r, c, width, lines, st["title"])
    r = unit_line(ws, r, c, unit, st["unit_line"], st.get("label5", "填表单位（盖章）："), st.get("unit_extra", ""))
    cols = f5_cols(st.get("f5_seq", "combined"), st.get("f5_remark"))
    first = [(1, None), (unit, None)] if st.get("f5_seq") == "separate" else [(unit, None)]
    override = st.get("f5_rate_override")
    row = first + f5_values(fig, st, override)
    if st.get("f5_remark"):
        row.append((st.get("f5_remark_text"), None))
    total = None
    if st.get("f5_total"):
        total = ([(None, None), ("合计", None)] if st.get("f5_seq") == "separate" else [("合计", None)]) + \
            f5_values(fig, st)
        if st.get("f5_remark"):
            total.append((None, None))
    flat = None
    if st.get("flat5"):
        flat = (["序号", "市、县（市）"] if st.get("f5_seq") == "separate" else ["市、县（市）"]) + F5_FLAT
    r, info = write_table(ws, r, c, cols, [row], hdr=st["hdr"], flat_labels=flat, lanci=st.get("lanci"), total=total)
    # where is the 备案率(项数)?
    off = (2 if st.get("f5_seq") == "separate" else 1) + 15
    expect["f5_rate_cell"] = f"{ws.title}!{a1(info['rows'][0], c + off)}"
    expect["f5_row"] = f"{ws.title}!{info['rows'][0]}"
    r = footer(ws, r, c, st, NOTE5)
    return r


def write_f6(ws, r, c, unit, f6, st, annual=False):
    lines = list(TITLES["F6"])
    if st.get("title_period"):
        lines[-1] += "（2024年度）" if annual else "（2024年第三季度）"
    r = title_lines(ws, r, c, 14, lines, st["title"])
    r = unit_line(ws, r, c, unit, st["unit_line"], st.get("label5", "填表单位（盖章）："), st.get("unit_extra", ""))
    rows = []
    n = st["num"]
    cnt = st.get("num_count", n)
    for label, nw, cp, fl, rt, ipg in f6:
        lab = label if st["hdr"] == "seed" else hdr_text(label, "clean")
        if st["hdr"] == "half":
            lab = hdr_text(label, "half")
        row = [(lab, None)]
        for g in (nw, cp):
            row += [num_out(g[0], cnt), num_out(g[1], n), num_out(g[2], n)]
        row += [num_out(fl[0], cnt), num_out(fl[1], n), num_out(fl[2], n), rate_out(rt, st["rate"])]
        row += [num_out(ipg[0], cnt), num_out(ipg[1], n), num_out(ipg[2], n)]
        rows.append(row)
    r, info = write_table(ws, r, c, F6_COLS, rows, hdr=st["hdr"], lanci=st.get("lanci6"))
    r = footer(ws, r, c, st)
    return r


def write_detail(ws, r, c, unit, form, st, data, expect):
    cols = {"F1": F1_COLS, "F2": F2_COLS, "F3": F3_COLS, "F4": F4_COLS}[form]
    lines = list(TITLES[form])
    if st.get("title_period"):
        lines[-1] += "（2024年第三季度）"
    r = title_lines(ws, r, c, len(cols), lines, st["title"])
    label = st.get("label1", "填表单位（公章）：")
    extra = ""
    if form == "F1" and st.get("f1_line_full"):
        extra = f"      填表人：{st['clerk']}      批准人：{st['boss']}      填表日期：2024年10月8日"
    r = unit_line(ws, r, c, unit, st["unit_line"], label, extra)
    rows = {"F1": rows_f1, "F2": rows_f2, "F3": rows_f3, "F4": rows_f4}[form](data, st)
    ph = st.get("placeholder", {}).get(form)
    r, info = write_table(ws, r, c, cols, rows, hdr=st["hdr"], placeholder=ph)
    expect.setdefault("detail_rows", {})[form] = [f"{ws.title}!{x}" for x in info["rows"]]
    if "placeholder_row" in info:
        expect.setdefault("placeholder_rows", {})[form] = f"{ws.title}!{info['placeholder_row']}"
    if form == "F3":
        expect["f3_first_row"] = info["first_data_row"]
        expect["f3_col0"] = c
    notes = {"F1": NOTE1, "F2": NOTE2}.get(form)
    r = footer(ws, r, c, st, notes)
    return r


# ----------------------------------------------------------------------------- units
UNITDATA = {
    # unit: (seed, n_inprog, n_new, n_comp, n_filed, sat_num, n_f1, n_f2, large_public, regfmt, accidents)
    "叶县": (11, 12, 3, 4, 3, 3, 2, 0, 1, "plain", (0, 0, D("0"))),
    "舞钢市": (12, 8, 2, 3, 3, 3, 1, 1, 0, "dash", (0, 0, D("0"))),
    "湛河区": (13, 15, 4, 5, 4, 3, 3, 1, 2, "plain", (0, 0, D("0"))),
    "新华区": (14, 10, 2, 2, 2, 2, 0, 1, 1, "zi", (0, 0, D("0"))),
    "鲁山县": (15, 9, 3, 3, 2, 2, 1, 0, 0, "plain", (0, 0, D("0"))),
    "宝丰县": (16, 7, 1, 5, 2, 2, 0, 0, 0, "dash", (0, 0, D("0"))),
    "示范区": (17, 6, 2, 0, 0, 0, 0, 0, 1, "plain", (0, 0, D("0"))),
    "汝州市": (18, 18, 5, 6, 5, 4, 2, 1, 2, "plain", (1, 0, D("8.6"))),
    "郏县": (19, 8, 2, 2, 2, 2, 1, 0, 0, "dash", (0, 0, D("0"))),
    "卫东区": (20, 5, 1, 2, 1, 1, 1, 0, 0, "plain", (0, 0, D("0"))),
    "高新区": (21, 11, 4, 3, 3, 2, 0, 1, 1, "zi", (0, 0, D("0"))),
}
ABBR = {"叶县": "YX", "舞钢市": "WG", "湛河区": "ZH", "新华区": "XH", "鲁山县": "LS", "宝丰县": "BF", "示范区": "SF",
        "汝州市": "RZ", "郏县": "JX", "卫东区": "WD", "高新区": "GX"}

BASE = dict(title="merged", title_period=False, unit_line="one", hdr="seed", num="num", num_detail="num",
            rate="num", date="excel", footer="one", notes=True, f5_total=False)

STYLES = {
    "叶县": dict(BASE, file="叶县2024年第三季度工程质量统计报表.xlsx", origin=(2, 2), title_period=True, f5_total=True,
               sheets={"F1": "附表1", "F2": "附表2", "F3": "附表3", "F4": "附表4", "F5": "附表5", "F6": "附表6", "SC": "考核评分表"},
               placeholder={"F2": [(0, "无"), (1, "本季度无行政处罚记录")]}, clerk="张丽", boss="王建国",
               quirks="Tables start at B2; merged title rows (附表N + full title, 附表5/6 title carries '（2024年第三季度）'); "
                      "'填表单位（公章）：叶县' in one cell; seed header texts with line breaks, two-row merged headers; 附表5 has a "
                      "合计 row; footer '统计员/批准人/报送日期：2024年10月8日' in one cell + 填表说明; dates are real Excel dates "
                      "(yyyy-mm-dd); 附表2 empty: placeholder row '无 | 本季度无行政处罚记录' (cols 1-2); score sheet 监督工作 with "
                      "评分依据 column, merged 小计 cells."),
    "舞钢市": dict(BASE, file="舞钢市2024年三季度统计报表.xlsx", origin=(4, 3), title=None, unit_line="split", hdr="spaces",
                num="trail", num_detail="text", rate="pct_text", date="dot", footer="split", notes=False,
                sheets={"F1": "表1", "F2": "表2", "F3": "表3", "F4": "表4", "F5": "表5", "F6": "表6", "SC": "自评表"},
                clerk="李敏", boss="赵刚", label1="填表单位（公章）：", label5="填表单位（盖章）：",
                quirks="No title rows at all (period only in file name); tables start at C4; '填表单位（公章）：' in one cell and "
                       "'舞钢市' in the next; header texts spaced ('项  数', '面 积 （万㎡）'), no line breaks; all 附表5/6 numbers "
                       "are text with a trailing space ('12 '), 附表3/4 area/cost as text; rates as text '100%'; dates "
                       "'2024.7.15'; footer split over cells with 报送日期 as an Excel date; no 填表说明; sheets 表1..表6 + 自评表; "
                       "score sheet 管理年 with scores written '4分' (text with 分)."),
    "湛河区": dict(BASE, file="2024Q3_湛河区.xlsx", origin=(1, 1), title="plain", one_sheet="季度统计表", f5_seq="separate",
                date="dash", clerk="周涛", boss="孙华", sheets={"SC": "考核评分表"},
                quirks="All six forms stacked on ONE sheet '季度统计表' (A1 origin, 2 blank rows between forms), titles as plain "
                       "(unmerged) text in column A; 附表5 has separate 序号 and 市、县（市） columns; dates as text '2024-07-15'; "
                       "score sheet (监督工作) on its own sheet with items reordered within sections 1 and 2, merged 小计."),
    "新华区": dict(BASE, file="新华区2024年第3季度质量统计.xlsx", origin=(1, 1), cover=True, hidden=True, f5_total=True,
                date="excel_cn",
                sheets={"F1": "Sheet1", "F2": "Sheet2", "F3": "Sheet3", "F4": "Sheet4", "F5": "Sheet5", "F6": "Sheet6",
                        "SC": "Sheet7"},
                placeholder={"F1": [(1, "暂无")]}, clerk="郭静", boss="马超",
                quirks="Sheet order: 封面 (cover with unit and period) then Sheet1..Sheet7 (= 附表1..6 + score); a HIDDEN sheet "
                       "'参数' with dropdown lists (结构类型/形象进度); tables at A1 with merged titles; dates Excel with format "
                       "yyyy年m月d日; 注册号 like '平质监新字（2024）012号'; 附表1 empty: '暂无' in the 工程名称 column only; 附表5 "
                       "合计 row; score sheet 管理年, all full marks (100), no 评分依据 column."),
    "鲁山县": dict(BASE, file="鲁山县质监站2024年三季度报表.xlsx", origin=(2, 1), lanci=True, num_count="fw", rate="frac_fmt",
                date="cn", sheets={"F1": "附表1", "F2": "附表2", "F3": "附表3", "F4": "附表4", "F5": "附表5", "F6": "附表6",
                                   "SC": "评分表"},
                placeholder={"F2": [(0, "无"), (4, "本季度无行政处罚记录")]}, clerk="陈艳", boss="杨军",
                quirks="Tables at A2; 附表5 has a 栏次 row ('栏次',1,2,…,21) under the two-row header; all counts (项数, 死亡人数) "
                       "in 附表5/6 are text in FULL-WIDTH digits ('９'); rates as fractions with Excel % format (1 shown "
                       "100.0%); dates text '2024年7月15日'; 附表2 empty: '无' in 记录编号 + '本季度无行政处罚记录' in the "
                       "违法违规事实 column; score sheet 监督工作 (PLANTED DEFECTS)."),
    "宝丰县": dict(BASE, file="宝丰县.xlsx", origin=(1, 2), f5_seq="separate", num="thou", num_detail="thou",
                date="excel_slash", f5_rate_override=None,
                sheets={"F1": "附表一 不良行为", "F2": "附表二 行政处罚", "F3": "附表三 在建", "F4": "附表四 竣工",
                        "F5": "附表五 季度统计", "F6": "附表六 分类统计", "SC": "考核表"},
                placeholder={"F1": [(0, "暂无")], "F2": [(2, "本季度无行政处罚记录")]}, clerk="吴磊", boss="何强",
                quirks="Tables start at B1; sheet names '附表一 不良行为' … '附表六 分类统计', '考核表'; 附表5 separate 序号 "
                       "column, no 合计; all amounts as text with thousands separators ('1,234.56', also in 附表3/4 and 附表6); "
                       "dates Excel yyyy/m/d; 附表1 empty: '暂无' in the 记录编号 column; 附表2 empty: '本季度无行政处罚记录' in "
                       "the 责任单位 column; score 管理年 with 评分依据, 小计 on the LAST row of each section, scores as 0.0; "
                       "PLANTED DEFECT in 附表5 备案率."),
    "示范区": dict(BASE, file="示范区2024年第三季度报表.xlsx", origin=(3, 1), title_period=True, f5_remark=True,
                f5_remark_text="本季度无竣工工程", hdr="clean",
                sheets={"F1": "附表1", "F2": "附表2", "F3": "附表3", "F4": "附表4", "F5": "附表5", "F6": "附表6",
                        "SC": "自评打分表"},
                placeholder={"F1": ("merge", "本季度无不良行为记录"), "F2": [(0, "/"), (1, "/"), (2, "/")],
                             "F4": [(2, "暂无")]},
                clerk="林芳", boss="黄伟",
                quirks="Tables at A3, titles with period; header texts without line breaks; 附表5 has an added 备注 column "
                       "('本季度无竣工工程'); ZERO completions this quarter -> 备案率/满意率 cells left blank; 附表4 empty with "
                       "'暂无' in 工程名称; 附表1 empty: one merged row '本季度无不良行为记录'; 附表2 empty: '/' in first three cells; "
                       "score 监督工作 with 评分依据, 小计 unmerged on the first row of each section."),
    "汝州市": dict(BASE, file="汝州市2024年第三季度统计报表.xlsx", xls=True, origin=(1, 1), f5_total=True, rate="pct_text",
                sheets={"F1": "附表1", "F2": "附表2", "F3": "附表3", "F4": "附表4", "F5": "附表5", "F6": "附表6",
                        "SC": "考核评分表"}, clerk="朱杰", boss="高明",
                quirks="Saved as .xls (BIFF8 via LibreOffice); A1 origin, merged titles; 附表5 合计 row; rates text like "
                       "'80%'; one quality accident (1 项, 0 死亡, 8.6 万元); score 管理年 with 评分依据."),
    "郏县": dict(BASE, file="郏县2024年三季度.xlsx", origin=(3, 1), hdr="half", title_period=True,
               sheets={"F5": "附表5", "F6": "附表6", "F3": "附表3", "F4": "附表4", "F1": "附表1", "F2": "附表2",
                       "SC": "考核评分"},
               placeholder={"F2": [(4, "本季度无行政处罚记录")]}, clerk="罗勇", boss="徐杰",
               quirks="Sheet order 附表5, 附表6, 附表3, 附表4, 附表1, 附表2, 考核评分; tables at A3; header texts with half-width "
                      "brackets '面积(万㎡)' and no line breaks; 附表2 empty: '本季度无行政处罚记录' only in the 违法违规事实 "
                      "column; score 监督工作 with scores in 0.0 number format; PLANTED DEFECT duplicate 注册号 in 附表3."),
    "卫东区": dict(BASE, file="三季度报表(1).xlsx", origin=(2, 2), title_period=True, flat5=True, date="excel_cn",
                num_detail="thou",
                sheets={"F1": "不良行为", "F2": "行政处罚", "F3": "在建", "F4": "竣工", "F5": "季度统计表", "F6": "分类统计",
                        "SC": "评分表"},
                placeholder={"F2": [(1, "暂无")]}, clerk="胡杰", boss="刘华",
                quirks="File name '三季度报表(1).xlsx' has NO unit name (unit only from '填表单位（公章）：卫东区'); tables at B2; "
                       "sheets named 不良行为/行政处罚/在建/竣工/季度统计表/分类统计/评分表; 附表5 header FLATTENED into one row "
                       "('本季度竣工工程面积（万㎡）' …); 附表3/4 area/cost text with thousands separators; dates Excel yyyy年m月d日; "
                       "附表2 empty: '暂无' in 工程名称; score 管理年, items reordered in 建设主管部门 and 监理单位 sections."),
    "高新区": dict(BASE, file="高新区_2024年第三季度.xlsx", origin=(1, 1), title="plain", f1_line_full=True,
                sheets={"F1": "附表1", "F2": "附表2", "F3": "附表3", "F4": "附表4", "F5": "附表5", "F6": "附表6",
                        "SC": "考核评分表"},
                placeholder={"F1": [(0, "无"), (1, "本季度无不良行为记录")]}, clerk="刘洋", boss="陈刚",
                quirks="Titles as plain unmerged text; 附表1 unit line like the seed: '填表单位（公章）：高新区  填表人：… 批准人：… "
                       "填表日期：2024年10月8日'; 附表1 empty: '无 | 本季度无不良行为记录'; 注册号 '平质监高字（2024）…号'; "
                       "score 监督工作 with FULL-WIDTH score digits ('１０', '２.５'), 小计 on last row."),
}

SCORES = {
    "叶县": dict(kind="JD", fmt="num", subtotal="merged", reason_col=True,
               scores={"监督执法工作": D(8), "学习培训": D(2), "工作亮点和特色": D("2.5")},
               reasons={"监督执法工作": "1家施工单位处罚结果未及时公示，扣2分", "学习培训": "未举办法律法规讲座，扣1分",
                        "工作亮点和特色": "仅报表获通报表扬，记2.5分"}),
    "舞钢市": dict(kind="GL", fmt="fen", subtotal="merged", reason_col=True, text_variant=2,
                scores={"工作部署": D(4), "质量创优": D(2), "管理制度": D("4.5"), "其它": D(8)},
                reasons={"工作部署": "未每月反馈活动信息，扣2分", "质量创优": "未制定资金奖励激励措施，扣2分",
                         "管理制度": "缺分包单位及人员管理制度，扣0.5分", "其它": "检测机构自查不到位，扣2分"}),
    "湛河区": dict(kind="JD", fmt="num", subtotal="merged", reason_col=True, order={0: [4, 0, 1, 2, 3, 8, 5, 6, 7, 9, 10, 11, 12],
                                                                            1: [1, 0, 2, 3, 5, 4]},
                scores={"机制建设": D(8), "施工现场监管": D(10), "工作亮点和特色": D(5)},
                reasons={"机制建设": "未定期召开专题会议，扣2分", "施工现场监管": "2个项目总监兼职，带班记录不全，扣2分",
                         "工作亮点和特色": "获省级通报表扬、报表获奖，记5分"}),
    "新华区": dict(kind="GL", fmt="num", subtotal="merged", reason_col=False, scores={}),
    "鲁山县": dict(kind="JD", fmt="num", subtotal="merged", reason_col=True,
                scores={"档案管理": D(4), "监督执法工作": D(7), "调查研究": D("1.5"), "工作亮点和特色": D(0)},
                reasons={"档案管理": "台帐齐全，加1分", "监督执法工作": "执法检查记录不全，公示不及时",
                         "调查研究": "未开展调研活动，扣1.5分", "工作亮点和特色": "无"}),
    "宝丰县": dict(kind="GL", fmt="dec", subtotal="last", reason_col=True,
                scores={"总体工作": D(4), "隐患排查": D(2), "检测报告": D("2.5"), "考核奖惩": D(2), "社会监督评议": D(2)},
                reasons={"总体工作": "创质量奖项普及率未达100%，扣1分", "隐患排查": "排查后未通报，扣1分",
                         "检测报告": "问题反映不及时，扣2.5分", "考核奖惩": "未定期考核奖惩，扣2分",
                         "社会监督评议": "部分项目社会监督员不足两名，扣2分"}),
    "示范区": dict(kind="JD", fmt="num", subtotal="first", reason_col=True,
                scores={"层级监督考核": D("1.5"), "原材料质量控制": D(3), "工作亮点和特色": D("2.5"), "宣传报导": D(0)},
                reasons={"层级监督考核": "考核结果未及时通报，扣1.5分", "原材料质量控制": "见证取样不规范，扣1.5分",
                         "工作亮点和特色": "报表获通报嘉奖，记2.5分", "宣传报导": "无市级以上媒体报道"}),
    "汝州市": dict(kind="GL", fmt="num", subtotal="merged", reason_col=True,
                scores={"质量问题查处情况": D(4), "项目观摩": D("1.5"), "自查自纠": D(2)},
                reasons={"质量问题查处情况": "未按上限处罚，扣2分", "项目观摩": "本年度未组织观摩活动，扣1.5分",
                         "自查自纠": "监理制度未及时完善，扣2分"}),
    "郏县": dict(kind="JD", fmt="dec", subtotal="merged", reason_col=True,
               scores={"机构和队伍建设": D(4), "永久标牌": D("1.5"), "工作亮点和特色": D(5)},
               reasons={"机构和队伍建设": "部分人员未办理行政执法证，扣1分", "永久标牌": "2栋楼未镶嵌永久性标牌，扣1.5分",
                        "工作亮点和特色": "省级先进单位、报表获奖，记5分"}),
    "卫东区": dict(kind="GL", fmt="num", subtotal="merged", reason_col=True, order={0: [1, 0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 11, 13],
                                                                            2: [3, 2, 1, 0]},
                scores={"教育培训": D("1.5"), "层级检查": D(0), "质量分析": D(2)},
                reasons={"教育培训": "未开展农民工夜校技能培训，扣1.5分", "层级检查": "无下辖单位，未开展",
                         "质量分析": "会议档案不完善，扣1分"}),
    "高新区": dict(kind="JD", fmt="fw", subtotal="last", reason_col=True,
                scores={"回访保修": D(1), "工作亮点和特色": D("7.5"), "分户验收": D("1.5")},
                reasons={"回访保修": "保修督促不到位，扣1分", "工作亮点和特色": "制度创新、省级先进、报表获奖，记7.5分",
                         "分户验收": "1个项目分户验收资料不全，扣1.5分"}),
}


def build_unit(unit):
    seed, n_ip, n_new, n_comp, n_filed, sat_num, n_f1, n_f2, large, regfmt, acc = UNITDATA[unit]
    rng = random.Random(seed * 7919)
    st = STYLES[unit]
    ip, comp = gen_projects(unit, rng, n_ip, n_new, n_comp, n_filed, large_public=large, regfmt=regfmt)
    expect = {"unit": unit, "file": st["file"] if not st.get("xls") else st["file"][:-1]}
    planted = []
    if unit == "郏县":
        # clerk copy error: the 5th row repeats the 注册号 of the 2nd row (different project)
        ip[4].reg = ip[1].reg
    fig = f5_figures(ip, comp, sat_num, acc)
    f6 = f6_figures(ip, comp)
    f1 = f1_records(unit, rng, n_f1, ip, ABBR[unit])
    f2 = f2_records(unit, rng, n_f2, ip, ABBR[unit])
    if unit == "宝丰县":
        st["f5_rate_override"] = D(100)
    wb = Workbook()
    wb.remove(wb.active)
    if st.get("cover"):
        ws = wb.create_sheet("封面")
        ws["B4"] = "平顶山市新华区住房和城乡建设局"
        ws["B6"] = "2024年第三季度"
        ws["B7"] = "建设工程质量监督统计报表"
        ws["B10"] = "报送单位：新华区建设工程质量监督站"
        ws["B11"] = "报送日期：2024年10月8日"
        for a in ("B4", "B6", "B7"):
            ws[a].font = Font(bold=True, size=20)
        ws.column_dimensions["B"].width = 50
    forms = {"F1": f1, "F2": f2, "F3": ip, "F4": comp}
    r0, c0 = st["origin"]
    if st.get("one_sheet"):
        ws = wb.create_sheet(st["one_sheet"])
        r = r0
        for form in ["F1", "F2", "F3", "F4", "F5", "F6"]:
            if form == "F5":
                r = write_f5(ws, r, c0, unit, fig, st, expect)
            elif form == "F6":
                r = write_f6(ws, r, c0, unit, f6, st)
            else:
                r = write_detail(ws, r, c0, unit, form, st, forms[form], expect)
            r += 2
        sc_ws = wb.create_sheet(st["sheets"]["SC"])
    else:
        sc_ws = None
        for form, name in st["sheets"].items():
            ws = wb.create_sheet(name)
            if form == "SC":
                sc_ws = ws
                continue
            if form == "F5":
                write_f5(ws, r0, c0, unit, fig, st, expect)
            elif form == "F6":
                write_f6(ws, r0, c0, unit, f6, st)
            else:
                write_detail(ws, r0, c0, unit, form, st, forms[form], expect)
    _, scinfo = write_score(sc_ws, 1, 1, unit, SCORES[unit])
    if st.get("hidden"):
        ws = wb.create_sheet("参数")
        ws["A1"] = "结构类型"
        for i, s in enumerate(["框架", "剪力墙", "框架剪力墙", "框剪", "砖混", "钢结构"], 2):
            ws.cell(row=i, column=1, value=s)
        ws["B1"] = "形象进度"
        for i, s in enumerate(PROGRESS, 2):
            ws.cell(row=i, column=2, value=s)
        ws.sheet_state = "hidden"
    path = os.path.join(QDIR, st["file"])
    wb.save(path)
    if st.get("xls"):
        ok = to_xls(path)
        if ok:
            expect["file"] = os.path.basename(path)[:-5] + ".xls"
        else:
            expect["file"] = os.path.basename(path)
            expect["xls_failed"] = True
    else:
        expect["file"] = st["file"]
    # planted-defect locations
    sh = st["sheets"]
    if unit == "宝丰县":
        planted.append(dict(rule="F5-002", severity="E", where=expect["f5_rate_cell"],
                            what=f"季度质量备案率（项数） stated 100 but 备案/竣工 = {fig['filed'][0]}/{fig['completed'][0]} "
                                 f"= {fig['rate_n']}"))
    if unit == "郏县":
        rows = expect["detail_rows"]["F3"]
        c_reg = get_column_letter(expect["f3_col0"] + 1)
        planted.append(dict(rule="F3-001", severity="E",
                            where=f"{sh['F3']}!{c_reg}{rows[1].split('!')[1]} and {sh['F3']}!{c_reg}{rows[4].split('!')[1]}",
                            what=f"注册号 {ip[1].reg} appears twice in 附表3 (序号 2 '{ip[1].name}' and 序号 5 '{ip[4].name}')"))
    if unit == "鲁山县":
        planted.append(dict(rule="SC001", severity="E", where=f"{sh['SC']}!{scinfo['cells']['档案管理']}",
                            what="档案管理 得分 4 > 分值 3"))
        planted.append(dict(rule="SC003", severity="E", where=f"{sh['SC']}!{scinfo['cells']['监督执法工作']}",
                            what="监督执法工作 得分 7: 分值 10, step 2 (reachable 10/8/6/4/2/0)"))
    expect.update(fig=fig, f6=f6, planted=planted, score=scinfo, score_kind=SCORES[unit]["kind"],
                  counts={"F1": len(f1), "F2": len(f2), "F3": len(ip), "F4": len(comp)},
                  quirks=st["quirks"], sat_num=sat_num)
    return expect


def to_xls(path):
    soffice = shutil.which("soffice") or "/usr/bin/soffice"
    if not os.path.exists(soffice):
        return False
    outdir = os.path.dirname(path)
    with tempfile.TemporaryDirectory() as prof:
        try:
            subprocess.run([soffice, f"-env:UserInstallation=file://{prof}", "--headless", "--convert-to", "xls",
                            "--outdir", outdir, path], check=True, timeout=180, capture_output=True)
        except Exception as e:  # noqa
            print("xls conversion failed:", e)
            return False
    xls = path[:-5] + ".xls"
    if os.path.exists(xls):
        os.remove(path)
        return True
    return False


# ----------------------------------------------------------------------------- annual set
ANNUAL = {
    # unit: (seed, n_ip_yearend, n_new, n_comp, n_filed, sat_num, large)
    "叶县": (31, 14, 9, 11, 10, 9, 1),
    "汝州市": (32, 20, 12, 17, 15, 14, 2),
    "郏县": (33, 9, 6, 7, 7, 7, 0),
    "新华区": (34, 12, 7, 8, 7, 7, 1),
}
ASTYLE = {
    "叶县": dict(BASE, file="叶县2024年度统计表.xlsx", origin=(2, 2), title_period=True,
               sheets={"F6": "附表6", "F7": "附表7"}, f7_total=True, clerk="张丽", boss="王建国",
               quirks="B2 origin, merged titles with '（2024年度）', 附表7 合计 row, footer + 填表说明."),
    "汝州市": dict(BASE, file="汝州市2024年度报表.xlsx", origin=(1, 1), title=None, unit_line="split",
                sheets={"F7": "年度统计表", "F6": "年度分类统计"}, rate="pct_text", f7_total=False, clerk="朱杰",
                boss="高明", quirks="No titles (period from file name), unit in the cell after the label, sheets "
                                   "'年度统计表' then '年度分类统计', rates as '88.2%' text; one accident."),
    "郏县": dict(BASE, file="郏县2024年度.xlsx", origin=(3, 1), hdr="half", title_period=True,
               sheets={"F7": "表7", "F6": "表6"}, f7_total=True, num="text", clerk="罗勇", boss="徐杰",
               quirks="Sheets 表7, 表6; A3 origin; half-width brackets, no line breaks; numbers stored as text; 合计 row."),
    "新华区": dict(BASE, file="新华区2024年年报.xlsx", origin=(1, 1), one_sheet="年报", title="plain", title_period=True,
                date="excel_cn", f7_total=False, clerk="郭静", boss="马超",
                quirks="附表7 and 附表6 stacked on one sheet '年报', plain titles."),
}
YEAR = (dt.date(2024, 1, 1), dt.date(2024, 12, 15))
for _s in ASTYLE.values():
    _s.update(rdate="2024年12月18日", rdate_dt=dt.datetime(2024, 12, 18))


def write_f7(ws, r, c, unit, fig, st, expect):
    lines = list(TITLES["F7"])
    if st.get("title_period"):
        lines[-1] += "（2024年度）"
    r = title_lines(ws, r, c, 21, lines, st["title"])
    r = unit_line(ws, r, c, unit, st["unit_line"], "填表单位（盖章）：")
    n = st["num"]
    cnt = st.get("num_count", n)
    row = [(unit, None)]
    for k in ["carried", "new", "in_progress", "completed"]:
        a, b, c_ = fig[k]
        row += [num_out(a, cnt), num_out(b, n), num_out(c_, n)]
    row += [num_out(fig["filed"][0], cnt), num_out(fig["filed"][1], n)]
    row += [rate_out(fig["rate_n"], st["rate"]), rate_out(fig["rate_a"], st["rate"]), rate_out(fig["sat"], st["rate"])]
    row += [num_out(fig["acc"], cnt), num_out(fig["deaths"], cnt), num_out(fig["loss"], n)]
    total = [("合计", None)] + row[1:] if st.get("f7_total") else None
    r, info = write_table(ws, r, c, F7_COLS, [row], hdr=st["hdr"], total=total)
    expect["f7_row"] = f"{ws.title}!{info['rows'][0]}"
    r = footer(ws, r, c, st, NOTE5)
    return r


def build_annual(unit):
    seed, n_ip, n_new, n_comp, n_filed, sat_num, large = ANNUAL[unit]
    rng = random.Random(seed * 104729)
    st = ASTYLE[unit]
    ip, comp = gen_projects(unit, rng, n_ip, n_new, n_comp, n_filed, large_public=large, regfmt="plain",
                            period=YEAR, seq_start=500)
    acc = (1, 0, D("8.6")) if unit == "汝州市" else (0, 0, D("0"))
    fig = f5_figures(ip, comp, sat_num, acc)
    f6 = f6_figures(ip, comp)
    expect = {"unit": unit, "file": st["file"], "quirks": st["quirks"]}
    wb = Workbook()
    wb.remove(wb.active)
    r0, c0 = st["origin"]
    if st.get("one_sheet"):
        ws = wb.create_sheet(st["one_sheet"])
        r = write_f7(ws, r0, c0, unit, fig, st, expect)
        write_f6(ws, r + 2, c0, unit, f6, st, annual=True)
    else:
        for form, name in st["sheets"].items():
            ws = wb.create_sheet(name)
            if form == "F7":
                write_f7(ws, r0, c0, unit, fig, st, expect)
            else:
                write_f6(ws, r0, c0, unit, f6, st, annual=True)
    wb.save(os.path.join(YDIR, st["file"]))
    expect.update(fig=fig, f6=f6, sat_num=sat_num)
    return expect


# ----------------------------------------------------------------------------- expected
def j(v):
    if isinstance(v, D):
        return float(v)
    if isinstance(v, tuple):
        return [j(x) for x in v]
    if isinstance(v, list):
        return [j(x) for x in v]
    if isinstance(v, dict):
        return {k: j(x) for k, x in v.items()}
    return v


def city_totals(exps):
    tot = {}
    for k in ["carried", "new", "in_progress", "completed", "filed"]:
        tot[k] = (sum(e["fig"][k][0] for e in exps), q2(sum((e["fig"][k][1] for e in exps), D(0))),
                  q2(sum((e["fig"][k][2] for e in exps), D(0))))
    tot["rate_n"] = rate(tot["filed"][0], tot["completed"][0])
    tot["rate_a"] = rate(tot["filed"][1], tot["completed"][1])
    num = sum((e["fig"]["sat"] * e["fig"]["filed"][0] for e in exps if e["fig"]["sat"] is not None), D(0))
    den = sum(e["fig"]["filed"][0] for e in exps if e["fig"]["sat"] is not None)
    tot["sat"] = q1(num / den) if den else None
    tot["sat_exact"] = (num / den) if den else None
    tot["acc"] = sum(e["fig"]["acc"] for e in exps)
    tot["deaths"] = sum(e["fig"]["deaths"] for e in exps)
    tot["loss"] = q2(sum((e["fig"]["loss"] for e in exps), D(0)))
    return tot


def f6_totals(exps):
    out = []
    for i, (label, _) in enumerate(CATS):
        agg = []
        for g in (1, 2, 3, 5):
            agg.append((sum(e["f6"][i][g][0] for e in exps), q2(sum((e["f6"][i][g][1] for e in exps), D(0))),
                        q2(sum((e["f6"][i][g][2] for e in exps), D(0)))))
        out.append((label.replace("\n", ""), agg[0], agg[1], agg[2], rate(agg[2][0], agg[1][0]), agg[3]))
    return out


def fmt_fig_row(name, f):
    def g(t):
        return f"{t[0]} / {t[1]} / {t[2]}"
    r = lambda x: "" if x is None else str(x)  # noqa
    return (f"| {name} | {g(f['carried'])} | {g(f['new'])} | {g(f['in_progress'])} | {g(f['completed'])} | "
            f"{g(f['filed'])} | {r(f['rate_n'])} | {r(f['rate_a'])} | {r(f['sat'])} | {f['acc']}/{f['deaths']}/{f['loss']} |")


def write_expected(qexp, yexp):
    tot = city_totals(qexp)
    f6t = f6_totals(qexp)
    ytot = city_totals(yexp)
    planted = [dict(unit=e["unit"], **p) for e in qexp for p in e["planted"]]
    planted.append(dict(unit="石龙区", rule="IN008", severity="W", where="(no file)",
                        what="石龙区 is in the config but sent nothing (未报)"))
    data = {
        "period": "2024Q3",
        "city": "平顶山市",
        "submitted_units": [e["unit"] for e in qexp],
        "missing_units": ["石龙区"],
        "units": {e["unit"]: {
            "file": e["file"],
            "f5": j({k: e["fig"][k] for k in ["carried", "new", "in_progress", "completed", "filed"]}),
            "f5_stated_rate_n": 100.0 if e["unit"] == "宝丰县" else j(e["fig"]["rate_n"]),
            "f5_correct_rate_n": j(e["fig"]["rate_n"]), "rate_a": j(e["fig"]["rate_a"]), "satisfaction": j(e["fig"]["sat"]),
            "accidents": [e["fig"]["acc"], e["fig"]["deaths"], float(e["fig"]["loss"])],
            "rows": e["counts"],
            "f6": [{"category": x[0].replace("\n", ""), "new": j(x[1]), "completed": j(x[2]), "filed": j(x[3]),
                    "filing_rate": j(x[4]), "in_progress": j(x[5])} for x in e["f6"]],
            "score_sheet": "保障性安居工程质量监督工作考核评分表" if e["score_kind"] == "JD" else "保障性安居工程质量管理年工作考核评分表",
            "score_total": e["score"]["total"], "score_subtotals": e["score"]["sections"],
            "layout": e["quirks"],
        } for e in qexp},
        "city_totals": j({k: v for k, v in tot.items() if k != "sat_exact"}),
        "city_satisfaction_exact": float(tot["sat_exact"]) if tot["sat_exact"] is not None else None,
        "city_f6_totals": [{"category": x[0], "new": j(x[1]), "completed": j(x[2]), "filed": j(x[3]),
                            "filing_rate": j(x[4]), "in_progress": j(x[5])} for x in f6t],
        "detail_rows_total": {f: sum(e["counts"][f] for e in qexp) for f in ["F1", "F2", "F3", "F4"]},
        "planted_defects": planted,
        "annual_2024": {
            "units": {e["unit"]: {"file": e["file"], "f7": j({k: e["fig"][k] for k in
                                                             ["carried", "new", "in_progress", "completed"]}),
                                  "filed": [e["fig"]["filed"][0], float(e["fig"]["filed"][1])],
                                  "rate_n": j(e["fig"]["rate_n"]), "rate_a": j(e["fig"]["rate_a"]),
                                  "satisfaction": j(e["fig"]["sat"]),
                                  "accidents": [e["fig"]["acc"], e["fig"]["deaths"], float(e["fig"]["loss"])],
                                  "layout": e["quirks"]} for e in yexp},
            "totals": j({k: (v if k != "filed" else (v[0], v[1])) for k, v in ytot.items() if k != "sat_exact"}),
            "missing_units": [u for u in UNITS if u not in ANNUAL],
        },
    }
    with open(os.path.join(HERE, "EXPECTED.json"), "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)

    L = []
    L.append("# EXPECTED — 平顶山市 2024Q3 (independent test input)\n")
    L.append("Generated by `make_quarter.py` (seeded, deterministic). Folder `2024Q3/`: 11 workbooks; **石龙区 未报** "
             "(no file). Folder `2024/`: annual 附表6 + 附表7 for 叶县, 汝州市, 郏县, 新华区 only.\n")
    L.append("Conventions: triples are 项数 / 面积（万㎡） / 造价（万元）. Rates in %, 1 decimal; blank = denominator 0. "
             "Areas in 附表3/4 are ㎡; 在建/竣工/备案/新注册 areas in 附表5 are round(Σ㎡/10000, 2) of the listed rows; "
             "接转 = 在建 + 竣工 − 新注册 exactly (count, area, cost). 新注册 projects are the 附表3 rows whose 备注 says "
             "'本季度新注册'. 备案 = 附表4 rows with a 备案日期.\n")
    L.append("## 附表5 per unit (as stated in the workbook)\n")
    L.append("| 单位 | 接转 | 新注册 | 在建 | 竣工 | 备案 | 备案率(项) | 备案率(面积) | 满意率 | 事故 项/死亡/损失 |")
    L.append("|---|---|---|---|---|---|---|---|---|---|")
    for e in qexp:
        f = dict(e["fig"])
        if e["unit"] == "宝丰县":
            f = dict(f, rate_n=f"**100 stated** (correct {e['fig']['rate_n']})")
        L.append(fmt_fig_row(e["unit"], f))
    L.append("")
    L.append("## City totals 平顶山市 2024Q3 (11 reporting units; 石龙区 未报)\n")
    L.append("| | 项数 | 面积（万㎡） | 造价（万元） |")
    L.append("|---|---|---|---|")
    names = {"carried": "上季度接转", "new": "本季度新注册", "in_progress": "本季度在建", "completed": "本季度竣工",
             "filed": "本季度质量备案"}
    for k, nm in names.items():
        L.append(f"| {nm} | {tot[k][0]} | {tot[k][1]} | {tot[k][2]} |")
    L.append("")
    L.append(f"- 季度质量备案率（项数） = {tot['filed'][0]}/{tot['completed'][0]}×100 = **{tot['rate_n']}**")
    L.append(f"- 季度质量备案率（面积） = {tot['filed'][1]}/{tot['completed'][1]}×100 = **{tot['rate_a']}** "
             f"(from the stated 万㎡ sums)")
    sat_terms = " + ".join(f"{e['fig']['sat']}×{e['fig']['filed'][0]}" for e in qexp if e['fig']['sat'] is not None)
    L.append(f"- 用户满意率 (weighted by 备案 count; 示范区 has no 备案 and no rate) = ({sat_terms}) / "
             f"{sum(e['fig']['filed'][0] for e in qexp)} = {tot['sat_exact']:.4f} → **{tot['sat']}**")
    L.append(f"- 事故: {tot['acc']} 项, {tot['deaths']} 死亡, {tot['loss']} 万元 (汝州市)")
    L.append(f"- Note: 宝丰县's wrong stated rate must not leak into the total; totals recompute from sums.\n")
    L.append("## City 附表6 totals (sum of the units' 附表6)\n")
    L.append("| 类别 | 新注册 | 竣工 | 备案 | 备案率(项%) | 在建 |")
    L.append("|---|---|---|---|---|---|")
    for x in f6t:
        g = lambda t: f"{t[0]} / {t[1]} / {t[2]}"  # noqa
        L.append(f"| {x[0]} | {g(x[1])} | {g(x[2])} | {g(x[3])} | {'' if x[4] is None else x[4]} | {g(x[5])} |")
    L.append("")
    L.append("## Rows of 附表1-4 per unit (placeholder rows not counted)\n")
    L.append("| 单位 | 附表1 | 附表2 | 附表3 | 附表4 | placeholder rows |")
    L.append("|---|---|---|---|---|---|")
    for e in qexp:
        ph = ", ".join(f"{k}@{v}" for k, v in e.get("placeholder_rows", {}).items()) or "—"
        c = e["counts"]
        L.append(f"| {e['unit']} | {c['F1']} | {c['F2']} | {c['F3']} | {c['F4']} | {ph} |")
    dt_ = data["detail_rows_total"]
    L.append(f"| **合计** | {dt_['F1']} | {dt_['F2']} | {dt_['F3']} | {dt_['F4']} | |")
    L.append("")
    L.append("## Planted defects (the ONLY errors)\n")
    L.append("| 单位 | rule | sev | where (sheet!cell) | what |")
    L.append("|---|---|---|---|---|")
    for p in planted:
        L.append(f"| {p['unit']} | {p['rule']} | {p['severity']} | {p['where']} | {p['what']} |")
    L.append("")
    L.append("Everything else is meant to be clean: stock flow exact, 附表3/4 row counts = 附表5, Σ㎡/10000 = 附表5 area, "
             "竣工日期 in 2024-07-01..2024-09-30, 备案日期 ≥ 竣工日期, 附表4 备案 rows = 附表5 备案 count, all acceptance "
             "'合格', 附表6 categories ≤ 附表5 totals (县（区）工程 = totals), 大型公建 ≤ 公建 and area ≥ 2万㎡×count, "
             "附表1/2 dates inside the quarter with 批准日期 ≥ 记录日期, unique 记录编号, scores valid with 评分依据 wherever "
             "points are deducted (新华区 has full marks and no 评分依据 column). Expected non-error noise: ST006-type "
             "normalisation notices (full-width digits 鲁山县 & 高新区 scores, trailing spaces 舞钢市, thousands separators "
             "宝丰县/卫东区, '80%' text, '4分' text) and HS001 'history missing' infos. The 鲁山县 SC003 item also "
             "has points deducted, with a 评分依据 given.\n")
    L.append("## Score sheets\n")
    L.append("| 单位 | sheet | 合计 | section 小计 |")
    L.append("|---|---|---|---|")
    for e in sorted(qexp, key=lambda e: -e["score"]["total"]):
        secs = "; ".join(f"{s[0]} {s[2]:g}/{s[1]:g}" for s in e["score"]["sections"])
        L.append(f"| {e['unit']} | {'监督工作' if e['score_kind'] == 'JD' else '管理年'} | {e['score']['total']:g} | {secs} |")
    L.append("\nRanking by 合计 (all distinct): " + " > ".join(
        f"{e['unit']} {e['score']['total']:g}" for e in sorted(qexp, key=lambda e: -e["score"]["total"])) +
        ". (Two different sheet specs are mixed; 鲁山县's 86.5 includes the invalid 4 and 7.)\n")
    L.append("## Layout quirks per unit\n")
    for e in qexp:
        L.append(f"- **{e['unit']}** — `{e['file']}`: {e['quirks']}")
    L.append("- **石龙区** — no file (未报), expect IN008.\n")
    L.append("## Annual set `2024/` (附表7 in the seed layout: 本年度备案工程 = 项数 + 面积 only, 21 columns)\n")
    L.append("| 单位 | 接转 | 新注册 | 年底在建 | 年底竣工 | 备案(项/面积) | 备案率(项) | 备案率(面积) | 满意率 | 事故 |")
    L.append("|---|---|---|---|---|---|---|---|---|---|")
    for e in yexp:
        f = e["fig"]
        g = lambda t: f"{t[0]} / {t[1]} / {t[2]}"  # noqa
        L.append(f"| {e['unit']} | {g(f['carried'])} | {g(f['new'])} | {g(f['in_progress'])} | {g(f['completed'])} | "
                 f"{f['filed'][0]} / {f['filed'][1]} | {f['rate_n']} | {f['rate_a']} | {f['sat']} | "
                 f"{f['acc']}/{f['deaths']}/{f['loss']} |")
    g = lambda t: f"{t[0]} / {t[1]} / {t[2]}"  # noqa
    L.append(f"| **合计** | {g(ytot['carried'])} | {g(ytot['new'])} | {g(ytot['in_progress'])} | "
             f"{g(ytot['completed'])} | {ytot['filed'][0]} / {ytot['filed'][1]} | {ytot['rate_n']} | {ytot['rate_a']} | "
             f"{ytot['sat']} | {ytot['acc']}/{ytot['deaths']}/{ytot['loss']} |")
    L.append("\n(备案 造价 is not part of 附表7; the 合计 row's 备案造价 does not exist.) Annual layouts:")
    for e in yexp:
        L.append(f"- **{e['unit']}** — `{e['file']}`: {e['quirks']}")
    L.append(f"- Not in the annual set (expect 未报 if consolidated against the 12-unit config): "
             f"{', '.join(u for u in UNITS if u not in ANNUAL)}. No history for 2023/Q4 → F7-003/004/005 cannot be checked.")
    with open(os.path.join(HERE, "EXPECTED.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(L) + "\n")


def main():
    for d in (QDIR, YDIR):
        if os.path.isdir(d):
            shutil.rmtree(d)
        os.makedirs(d)
    with open(os.path.join(HERE, "qstat.toml"), "w", encoding="utf-8") as f:
        f.write('name = "平顶山市"\nlevel = "city"\nunits = [' + ", ".join(f'"{u}"' for u in UNITS) + "]\n")
    qexp = [build_unit(u) for u in UNITS if u != "石龙区"]
    yexp = [build_annual(u) for u in ANNUAL]
    write_expected(qexp, yexp)
    for e in qexp:
        print(e["unit"], e["file"], e["counts"], "score", e["score"]["total"])


if __name__ == "__main__":
    main()
