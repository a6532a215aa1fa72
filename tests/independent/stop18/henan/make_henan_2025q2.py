#!/usr/bin/env python3
"""Independent generator of a Henan province quarter (2025Q2): ten cities' own
consolidated workbooks (汇总表, 附表1-6), a province qstat.toml, EXPECTED.json / EXPECTED.md.

Written without reading qstat's code. All figures are built from project lists held as
integers (areas in units of 100 ㎡ = 0.01 万㎡, costs in 分 of 万元 = 0.01 万元) so every
sum is exact.

Run:  python3 make_henan_2025q2.py      (writes ./2025Q2/, ./qstat.toml, ./EXPECTED.*)
"""
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
from decimal import Decimal, ROUND_HALF_UP

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

HERE = os.path.dirname(os.path.abspath(__file__))
INBOX = os.path.join(HERE, "2025Q2")
PERIOD = "2025Q2"
Q_START = dt.date(2025, 4, 1)
Q_END = dt.date(2025, 6, 30)

R = random.Random(20250630)

# --------------------------------------------------------------------------- cities
# (name, code); order = the order the city's own clerk lists them (districts first).
CITIES = [
    dict(name="郑州市", station="郑州市建设工程质量监督站",
         file="郑州市2025年第二季度建设工程质量监督统计汇总表.xlsx",
         counties=[("中原区", "410102"), ("二七区", "410103"), ("管城回族区", "410104"),
                   ("金水区", "410105"), ("上街区", "410106"), ("惠济区", "410108"),
                   ("中牟县", "410122"), ("荥阳市", "410182"), ("新密市", "410183"),
                   ("新郑市", "410184"), ("登封市", "410185")],
         size=(60, 150), f5="subtotal_after", f6="merged", detail="heading2",
         sheets=["附表1", "附表2", "附表3", "附表4", "附表5", "附表6"]),
    dict(name="洛阳市", station="洛阳市建设工程质量监督站",
         file="洛阳市汇总表_2025Q2.xlsx",
         counties=[("老城区", "410302"), ("西工区", "410303"), ("涧西区", "410305"),
                   ("洛龙区", "410311"), ("偃师区", "410307"), ("孟津区", "410308"),
                   ("新安县", "410323"), ("栾川县", "410324"), ("嵩县", "410325"),
                   ("汝阳县", "410326"), ("宜阳县", "410327"), ("伊川县", "410329")],
         size=(35, 110), f5="total_first", f6="merged", detail="col",
         county_header="县（市、区）",
         sheets=["表1 不良行为", "表2 行政处罚", "表3 在建工程", "表4 竣工工程", "表5 季度统计", "表6 分类统计"]),
    dict(name="南阳市", station="南阳市建设工程质量监督站",
         file="南阳市质监站2025年二季度报表（汇总）.xlsx",
         counties=[("宛城区", "411302"), ("卧龙区", "411303"), ("南召县", "411321"),
                   ("方城县", "411322"), ("西峡县", "411323"), ("镇平县", "411324"),
                   ("内乡县", "411325"), ("淅川县", "411326"), ("社旗县", "411327"),
                   ("唐河县", "411328"), ("新野县", "411329"), ("桐柏县", "411330")],
         size=(30, 90), f5="plain_seq", f6="merged", detail="unitcol",
         county_header="填报单位", wrong_total=True,
         sheets=["附表1不良行为记录", "附表2行政处罚", "附表3在建工程明细", "附表4竣工工程明细",
                 "附表5季度统计表", "附表6分类统计表"]),
    dict(name="许昌市", station="许昌市建设工程质量监督站",
         file="许昌市2025年2季度质量监督报表.xlsx",
         counties=[("魏都区", "411002"), ("建安区", "411003"), ("鄢陵县", "411024"),
                   ("襄城县", "411025"), ("禹州市", "411081"), ("长葛市", "411082")],
         size=(40, 120), f5="plain", f6="citywide", detail="merged",
         county_header="县（市、区）", no_f2=True,
         sheets=["Sheet1", "Sheet2", "Sheet3", "Sheet4", "Sheet5", "Sheet6"]),
    dict(name="新乡市", station="新乡市建设工程质量监督站",
         file="新乡市2025年第二季度统计报表汇总.xlsx",
         counties=[("红旗区", "410702"), ("卫滨区", "410703"), ("凤泉区", "410704"),
                   ("牧野区", "410711"), ("新乡县", "410721"), ("获嘉县", "410724"),
                   ("原阳县", "410725"), ("延津县", "410726"), ("封丘县", "410727"),
                   ("卫辉市", "410781"), ("辉县市", "410782")],
         size=(30, 80), f5="plain_seq", f6="merged", detail="subtotal",
         county_header="填报单位",
         sheets=["附表1", "附表2", "附表3", "附表4", "附表5", "附表6"]),
    dict(name="安阳市", station="安阳市建设工程质量监督站",
         file="安阳市二季度汇总.xlsx",
         counties=[("文峰区", "410502"), ("北关区", "410503"), ("殷都区", "410505"),
                   ("龙安区", "410506"), ("安阳县", "410522"), ("汤阴县", "410523"),
                   ("内黄县", "410527"), ("林州市", "410581")],
         size=(30, 100), f5="plain", f6="merged", detail="col", text_numbers=True,
         county_header="所属县（市、区）",
         sheets=["表1", "表2", "表3", "表4", "表5", "表6"]),
    dict(name="周口市", station="周口市建设工程质量监督站",
         file="周口市2025年第二季度汇总表.xls",
         counties=[("川汇区", "411602"), ("淮阳区", "411603"), ("扶沟县", "411621"),
                   ("西华县", "411622"), ("商水县", "411623"), ("沈丘县", "411624"),
                   ("郸城县", "411625"), ("太康县", "411627"), ("项城市", "411681")],
         size=(30, 90), f5="no_total", f6="heading", detail="heading",
         sheets=["不良行为", "行政处罚", "在建工程", "竣工工程", "季度统计表", "分类统计表"]),
    dict(name="信阳市", station="信阳市建设工程质量监督站",
         file="信阳市_2025年二季度_工程质量监督统计.xlsx",
         counties=[("浉河区", "411502"), ("平桥区", "411503"), ("罗山县", "411521"),
                   ("光山县", "411522"), ("新县", "411523"), ("商城县", "411524"),
                   ("潢川县", "411526"), ("淮滨县", "411527"), ("息县", "411528")],
         size=(30, 85), f5="odd_header", f6="merged", detail="merged",
         county_header="县区",
         sheets=["附表1", "附表2", "附表3", "附表4", "附表5", "附表6"]),
    dict(name="商丘市", station="商丘市建设工程质量监督站",
         file="商丘市2025年第2季度工程质量监督统计表.xlsx",
         counties=[("梁园区", "411402"), ("睢阳区", "411403"), ("民权县", "411421"),
                   ("睢县", "411422"), ("宁陵县", "411423"), ("柘城县", "411424"),
                   ("虞城县", "411425"), ("夏邑县", "411426")],
         size=(30, 95), f5="plain_seq", f6="heading", detail="unitcol",
         county_header="填报单位", unit_suffix="质监站",
         sheets=["附表1 不良行为", "附表2 行政处罚", "附表3 在建", "附表4 竣工", "附表5 季报", "附表6 分类"]),
    dict(name="焦作市", station="焦作市建设工程质量监督站",
         file="焦作市2025Q2汇总.xlsx",
         counties=[("解放区", "410802"), ("中站区", "410803"), ("马村区", "410804"),
                   ("山阳区", "410811"), ("修武县", "410821"), ("博爱县", "410822"),
                   ("武陟县", "410823"), ("温县", "410825"), ("沁阳市", "410882"),
                   ("孟州市", "410883")],
         size=(30, 70), f5="offset", f6="citywide", detail="col_subtotal",
         county_header="县（区）",
         sheets=["附表1", "附表2", "附表3", "附表4", "附表5", "附表6"]),
]

BUILDERS = ["河南省第一建筑工程集团有限责任公司", "中建七局第二建筑有限公司", "河南五建建设集团有限公司",
            "河南国基建设集团有限公司", "林州建总建筑工程有限公司", "河南六建建筑集团有限公司",
            "郑州一建集团有限公司", "河南省第二建设集团有限公司", "河南天工建设集团有限公司",
            "中国建筑第七工程局有限公司", "河南省大成建设工程有限公司", "河南科建建设工程有限公司",
            "河南省汇通建筑工程有限公司", "河南红旗渠建设集团有限公司", "河南中建远景建设有限公司"]
SUPERVISORS = ["河南建达工程咨询有限公司", "河南长城铁路工程建设咨询有限公司", "郑州中兴工程监理有限公司",
               "河南省建设监理有限公司", "河南工程咨询监理有限公司", "河南清鸿建设咨询有限公司",
               "河南省光大建设管理有限公司", "河南方大建设工程管理股份有限公司", "河南兴平工程管理有限公司"]
ESTATES = ["锦绣", "翰林", "阳光", "滨河", "御景", "书香", "天悦", "金色", "幸福", "盛世", "龙湖", "明珠",
           "丽景", "春晖", "学府", "和园", "嘉园", "华府", "名门", "瑞祥"]
PROG_OLD = ["主体施工至6层", "主体施工至11层", "主体施工至18层", "主体封顶", "二次结构", "装饰装修",
            "室外配套", "机电安装", "屋面施工", "外墙保温"]
PROG_NEW = ["土方开挖", "基础施工", "桩基施工", "地下室施工"]
PARTY_F1 = [("建设", "{c}{e}置业有限公司"), ("施工", None), ("监理", None),
            ("检测", "{c}建设工程质量检测有限公司"), ("设计", "河南省{e}建筑设计院有限公司")]
FACTS_F1 = ["未按照施工图设计文件施工，擅自变更钢筋规格", "项目总监理工程师长期不在岗",
            "混凝土试块未按规定见证取样", "未组织隐蔽工程验收即进入下道工序",
            "出具虚假检测报告", "建设单位明示或暗示施工单位降低工程质量", "施工现场质量保证资料缺失"]
FACTS_F2 = [("未按照工程建设强制性标准施工", "《建设工程质量管理条例》第六十四条", "罚款28.6万元"),
            ("监理单位将不合格材料按合格签字", "《建设工程质量管理条例》第六十七条", "罚款50万元"),
            ("建设单位未组织竣工验收擅自交付使用", "《建设工程质量管理条例》第五十八条", "罚款45万元"),
            ("检测机构未按规定上传检测数据", "《建设工程质量检测管理办法》第四十二条", "罚款3万元")]


def d2(v100):
    """int hundredths -> float with 2 decimals"""
    return round(v100 / 100.0, 2)


def r1(num, den):
    """rate in % rounded half-up to 0.1, None for den 0"""
    if den == 0:
        return None
    return float((Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def rand_date(a, b):
    return a + dt.timedelta(days=R.randint(0, (b - a).days))


# --------------------------------------------------------------------------- projects
class P:  # one project
    pass


def make_projects(city, cname, code, seq_counter):
    lo, hi = city["size"]
    is_district = cname.endswith("区")
    n_ip = R.randint(lo, hi)
    n_new = max(3, int(n_ip * R.uniform(0.12, 0.30)))
    n_comp = R.randint(4, 16)
    n_filed = R.randint(max(1, n_comp - 4), n_comp)
    county_flag = not is_district  # 县（区）工程 = projects of 县 / 县级市 units (see EXPECTED.md)
    short = cname.rstrip("县市区") if len(cname) > 2 else cname

    def one(status, new):
        p = P()
        seq_counter[0] += 1
        if new:
            yr = 2025
        else:
            yr = R.choice([2023, 2024, 2024, 2024, 2025]) if status == "ip" else R.choice([2022, 2023, 2023, 2024])
        p.reg_no = f"{code}-{yr}-{seq_counter[0]:04d}"
        k = R.random()
        if k < 0.50:
            p.kind = "住宅"
        elif k < 0.62:
            p.kind = "保障"
        elif k < 0.85:
            p.kind = "公建"
        else:
            p.kind = "工业"
        if p.kind == "住宅":
            e = R.choice(ESTATES)
            p.name = f"{short}{e}{R.choice(['苑', '府', '小区', '花园', '家园'])}{R.randint(1, 18)}#住宅楼"
            p.structure = R.choice(["剪力墙", "剪力墙", "框架-剪力墙", "框架"])
            p.area_m2 = R.randint(60, 380) * 100
        elif p.kind == "保障":
            p.name = f"{short}{R.choice(['城南', '城北', '东区', '老城'])}棚户区改造安置房{R.randint(1, 24)}#楼" \
                if R.random() < 0.7 else f"{short}公共租赁住房{R.randint(1, 9)}#楼"
            p.structure = R.choice(["剪力墙", "框架-剪力墙"])
            p.area_m2 = R.randint(50, 260) * 100
        elif p.kind == "公建":
            p.name = R.choice([f"{short}第{R.choice('一二三')}人民医院{R.choice(['门诊楼', '住院楼', '医技楼'])}",
                               f"{short}实验中学{R.choice(['教学楼', '综合楼', '学生宿舍楼'])}",
                               f"{short}{R.choice(['文化中心', '体育馆', '档案馆', '政务服务中心', '会展中心'])}",
                               f"{short}{R.choice(ESTATES)}商业综合体", f"{short}第{R.randint(2, 9)}小学教学楼"])
            p.structure = R.choice(["框架", "框架", "框架-剪力墙", "钢结构"])
            p.area_m2 = R.choice([R.randint(30, 190) * 100, R.randint(30, 190) * 100, R.randint(200, 650) * 100])
        else:
            p.name = f"{short}{R.choice(['产业园', '高新区', '经开区'])}{R.choice(['标准化厂房', '生产车间', '仓储物流中心'])}{R.randint(1, 12)}#"
            p.structure = R.choice(["钢结构", "钢结构", "排架"])
            p.area_m2 = R.randint(30, 300) * 100
        p.large = p.kind == "公建" and p.area_m2 >= 20000
        p.steel = p.structure == "钢结构"
        p.county = county_flag
        unit_cost = R.randint(1800, 4600)  # 元/㎡
        p.cost = p.area_m2 * unit_cost // 100  # 分 of 万元: area*元/㎡/10000 万元 *100
        p.builder = R.choice(BUILDERS + [f"{cname}建筑工程有限公司", f"{cname}第一建筑工程有限公司"])
        p.supervisor = R.choice(SUPERVISORS)
        p.new = new
        p.status = status
        p.progress = R.choice(PROG_NEW) if new else R.choice(PROG_OLD)
        return p

    ip = [one("ip", i < n_new) for i in range(n_ip)]
    R.shuffle(ip)
    ip.sort(key=lambda p: p.reg_no)
    comp = [one("comp", False) for _ in range(n_comp)]
    comp.sort(key=lambda p: p.reg_no)
    filed_idx = set(R.sample(range(n_comp), n_filed))
    for i, p in enumerate(comp):
        p.filed = i in filed_idx
        if p.filed:
            p.completed_on = rand_date(Q_START, dt.date(2025, 6, 5))
            p.filed_on = p.completed_on + dt.timedelta(days=R.randint(5, 24))
            p.filing_result = R.choice(["准予备案", "同意备案", "备案"])
        else:
            p.completed_on = rand_date(dt.date(2025, 5, 1), Q_END)
            p.filed_on = None
            p.filing_result = ""
        p.acceptance = "合格"
    # satisfied among filed
    sat = n_filed - (0 if R.random() < 0.45 else R.randint(0, max(0, n_filed // 4)))
    return ip, comp, sat


def f5_of(ip, comp, sat):
    def tri(ps):
        return dict(count=len(ps), area=sum(p.area_m2 // 100 for p in ps), cost=sum(p.cost for p in ps))
    new = [p for p in ip if p.new]
    carried = [p for p in ip if not p.new] + comp
    filed = [p for p in comp if p.filed]
    return dict(carried_over=tri(carried), new=tri(new), in_progress=tri(ip), completed=tri(comp),
                filed=tri(filed), satisfied=sat,
                accidents=dict(count=0, deaths=0, loss=0))


GROUPS = ["carried_over", "new", "in_progress", "completed", "filed"]


def f5_sum(rows):
    out = {g: dict(count=0, area=0, cost=0) for g in GROUPS}
    out["accidents"] = dict(count=0, deaths=0, loss=0)
    out["sat_w"] = 0  # Σ rate_tenths * filed
    for f in rows:
        for g in GROUPS:
            for m in ("count", "area", "cost"):
                out[g][m] += f[g][m]
        for m in ("count", "deaths", "loss"):
            out["accidents"][m] += f["accidents"][m]
        out["sat_w"] += f.get("sat_w", 0)
    return out


def f5_rates(f):
    fr_c = r1(f["filed"]["count"], f["completed"]["count"])
    fr_a = r1(f["filed"]["area"], f["completed"]["area"])
    if "sat_rate" in f:  # a county row: the stated rate
        sat = f["sat_rate"]
    else:
        sat = None if f["filed"]["count"] == 0 else f["sat_w"] / 10.0 / f["filed"]["count"]
    return fr_c, fr_a, sat


CATS = ["residential", "affordable_housing", "public", "large_public", "steel", "county"]
CAT_LABEL = {"residential": "住宅工程", "affordable_housing": "保障性安居工程", "public": "公共建筑工程",
             "large_public": "大型公共建筑工程（2万平方米以上）", "steel": "钢结构\n工程", "county": "县（区）\n工程"}
CAT_PRED = {"residential": lambda p: p.kind in ("住宅", "保障"), "affordable_housing": lambda p: p.kind == "保障",
            "public": lambda p: p.kind == "公建", "large_public": lambda p: p.large,
            "steel": lambda p: p.steel, "county": lambda p: p.county}


def f6_of(ip, comp):
    out = {}
    for c in CATS:
        pr = CAT_PRED[c]

        def tri(ps):
            ps = [p for p in ps if pr(p)]
            return dict(count=len(ps), area=sum(p.area_m2 // 100 for p in ps), cost=sum(p.cost for p in ps))
        out[c] = dict(new=tri([p for p in ip if p.new]), completed=tri(comp),
                      filed=tri([p for p in comp if p.filed]), in_progress=tri(ip))
    return out


def f6_sum(rows):
    out = {c: {g: dict(count=0, area=0, cost=0) for g in ("new", "completed", "filed", "in_progress")} for c in CATS}
    for f in rows:
        for c in CATS:
            for g in ("new", "completed", "filed", "in_progress"):
                for m in ("count", "area", "cost"):
                    out[c][g][m] += f[c][g][m]
    return out


# --------------------------------------------------------------------------- build model
ACCIDENTS = {("郑州市", "金水区"): (1, 0, 1250), ("南阳市", "唐河县"): (1, 1, 4500),
             ("周口市", "川汇区"): (1, 0, 380), ("洛阳市", "伊川县"): (1, 0, 620)}


def build():
    model = []
    for city in CITIES:
        seq = [0]
        counties = []
        for cname, code in city["counties"]:
            seq[0] = R.randint(10, 60)
            ip, comp, sat = make_projects(city, cname, code, seq)
            f5 = f5_of(ip, comp, sat)
            nf = f5["filed"]["count"]
            rate = r1(sat, nf)
            f5["sat_rate"] = rate
            f5["sat_w"] = int(round(rate * 10)) * nf if rate is not None else 0
            if (city["name"], cname) in ACCIDENTS:
                a = ACCIDENTS[(city["name"], cname)]
                f5["accidents"] = dict(count=a[0], deaths=a[1], loss=a[2])
            counties.append(dict(name=cname, code=code, ip=ip, comp=comp, f5=f5, f6=f6_of(ip, comp)))
        # F1 / F2 records
        f1, f2 = [], []
        n1 = R.randint(3, 7)
        for i in range(n1):
            c = R.choice(counties)
            p = R.choice(c["ip"])
            kind, tmpl = R.choice(PARTY_F1)
            party = p.builder if kind == "施工" else p.supervisor if kind == "监理" else \
                tmpl.format(c=c["name"], e=R.choice(ESTATES))
            rec = rand_date(Q_START, dt.date(2025, 6, 20))
            f1.append(dict(county=c["name"], project=p.name, party=party,
                           person=R.choice("王李张刘陈杨赵黄周吴") + R.choice(["建国", "海涛", "志强", "丽娟", "伟", "磊", "红军", "晓东"]),
                           title=R.choice(["项目经理", "总监理工程师", "技术负责人", "法定代表人"]),
                           fact=R.choice(FACTS_F1), clause=f"第{R.choice('五六七八')}条第（{R.choice('一二三四')}）项",
                           recorder=R.choice(["孙明", "郭亮", "何静", "马骏"]), recorded_on=rec,
                           approver=R.choice(["高建军", "宋卫东"]), approved_on=rec + dt.timedelta(days=R.randint(1, 9))))
        if not city.get("no_f2"):
            for i in range(R.randint(1, 4)):
                c = R.choice(counties)
                p = R.choice(c["ip"])
                fact, basis, pen = R.choice(FACTS_F2)
                f2.append(dict(county=c["name"], project=p.name, party=p.builder,
                               date=rand_date(Q_START, dt.date(2025, 6, 25)), fact=fact, basis=basis,
                               penalty=pen, status=R.choice(["已执行", "已缴纳罚款", "执行中"]),
                               handling=R.choice(["已整改完毕", "限期整改", "已结案"])))
        order = {c["name"]: i for i, c in enumerate(counties)}
        f1.sort(key=lambda r: (order[r["county"]], r["recorded_on"]))
        f2.sort(key=lambda r: (order[r["county"]], r["date"]))
        abbr = {"郑州市": "ZZ", "洛阳市": "LY", "南阳市": "NY", "许昌市": "XC", "新乡市": "XX", "安阳市": "AY",
                "周口市": "ZK", "信阳市": "XY", "商丘市": "SQ", "焦作市": "JZ"}[city["name"]]
        for i, r in enumerate(f1, 1):
            r["record_no"] = f"{abbr}BL2025-{i:03d}"
        for i, r in enumerate(f2, 1):
            r["record_no"] = f"{abbr}CF2025-{i:03d}"
        model.append(dict(city=city, counties=counties, f1=f1, f2=f2))
    return model


# --------------------------------------------------------------------------- writing helpers
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


class Text:
    """number formatting, as numbers or (text city) as text"""

    def __init__(self, as_text):
        self.t = as_text

    def cnt(self, v):
        return str(v) if self.t else v

    def h(self, v100):  # hundredths value (area 万㎡, cost 万元)
        if self.t:
            return f"{v100 / 100:,.2f}"
        return d2(v100)

    def m2(self, area_m2):
        return f"{area_m2:,}" if self.t else area_m2

    def rate(self, v):
        if v is None:
            return None
        return f"{v:.1f}%" if self.t else round(v, 1)

    def date(self, d):
        if d is None:
            return None
        return f"{d.year}.{d.month}.{d.day}" if self.t else d


def cell(ws, r, c, v, fmt=None, box=True, bold=False, align=True):
    ce = ws.cell(row=r, column=c, value=v)
    if box:
        ce.border = BOX
    if align:
        ce.alignment = CENTER
    if fmt and not isinstance(v, str):
        ce.number_format = fmt
    if bold:
        ce.font = Font(bold=True)
    return ce


def title_block(ws, r0, c0, ncols, form_no, title, city, seal="公章", period_text="2025年第二季度"):
    ws.cell(row=r0, column=c0, value=form_no)
    ws.merge_cells(start_row=r0 + 1, start_column=c0, end_row=r0 + 1, end_column=c0 + ncols - 1)
    t = ws.cell(row=r0 + 1, column=c0, value=title)
    t.font = Font(bold=True, size=16)
    t.alignment = CENTER
    ws.merge_cells(start_row=r0 + 2, start_column=c0, end_row=r0 + 2, end_column=c0 + ncols - 1)
    p = ws.cell(row=r0 + 2, column=c0, value=f"（{period_text}）")
    p.alignment = CENTER
    ws.cell(row=r0 + 3, column=c0, value=f"填表单位（{seal}）：{city['station']}")
    return r0 + 4


def footer(ws, r, c0, city):
    ws.cell(row=r + 1, column=c0, value=f"统计员：{city.get('clerk', '李文静')}        批准人：{city.get('boss', '张国强')}        报送日期：2025年7月{R.randint(5, 12)}日")


# --------------------------------------------------------------------------- F5
F5_GROUPS = [("上季度接转工程", "carried_over"), ("本季度新注册工程", "new"), ("本季度在建工程", "in_progress"),
             ("本季度竣工工程", "completed"), ("本季度质量备案\n工程", "filed")]


def f5_values(f, T):
    vals = []
    for _, g in F5_GROUPS:
        vals += [T.cnt(f[g]["count"]), T.h(f[g]["area"]), T.h(f[g]["cost"])]
    fr_c, fr_a, sat = f5_rates(f)
    vals += [T.rate(fr_c), T.rate(fr_a), T.rate(sat)]
    a = f["accidents"]
    vals += [T.cnt(a["count"]), T.cnt(a["deaths"]), T.h(a["loss"])]
    return vals


F5_FMT = ["0", "0.00", "0.00"] * 5 + ["0.0", "0.0", "0.0", "0", "0", "0.00"]


def write_f5(ws, m, T, info):
    city = m["city"]
    style = city["f5"]
    c0 = 2 if style == "offset" else 1
    r0 = 3 if style == "offset" else 1
    seq = style in ("plain_seq",)
    lead = 2 if seq else 1  # label columns
    ncols = lead + 21
    r = title_block(ws, r0, c0, ncols, "附表5", "河南省建设工程质量监督季度统计表", city, seal="盖章",
                    period_text="2025年二季度" if style == "offset" else "2025年第二季度")
    hr = r
    if style == "odd_header":
        groups = ["上季度接转", "本季度\n新注册", "本季度在建", "本季度竣工", "本季度备案"]
        subs = ["项数", "面积(万平方米)", "造价(万元)"]
        rate_h, rate_subs, sat_h = "备案率（%）", ["项数", "面积"], "用户满意率(%)"
        acc_h, acc_subs = "本季度工程质量事故", ["项数", "死亡人数", "经济损失(万元)"]
        label_h = "县（市、区）"
    else:
        groups = [g for g, _ in F5_GROUPS]
        subs = ["项数", "面积\n（万㎡）", "造价\n（万元）"]
        rate_h, rate_subs, sat_h = "季度质量\n备案率（%）", ["项数", "面积"], "用户\n满意率\n（%）"
        acc_h, acc_subs = "本季度发生工程质量事故", ["项数", "死亡人数", "经济损失（万元）"]
        label_h = "市、县（市）"
    c = c0
    if seq:
        cell(ws, hr, c, "序号", bold=True)
        ws.merge_cells(start_row=hr, start_column=c, end_row=hr + 1, end_column=c)
        c += 1
    cell(ws, hr, c, label_h, bold=True)
    ws.merge_cells(start_row=hr, start_column=c, end_row=hr + 1, end_column=c)
    c += 1
    first_num_col = c
    for gname in groups:
        cell(ws, hr, c, gname, bold=True)
        for k in range(3):
            cell(ws, hr, c + k, gname if k == 0 else None)
            cell(ws, hr + 1, c + k, subs[k], bold=True)
        ws.merge_cells(start_row=hr, start_column=c, end_row=hr, end_column=c + 2)
        c += 3
    cell(ws, hr, c, rate_h, bold=True)
    cell(ws, hr, c + 1, None)
    ws.merge_cells(start_row=hr, start_column=c, end_row=hr, end_column=c + 1)
    cell(ws, hr + 1, c, rate_subs[0], bold=True)
    cell(ws, hr + 1, c + 1, rate_subs[1], bold=True)
    c += 2
    cell(ws, hr, c, sat_h, bold=True)
    cell(ws, hr + 1, c, None)
    ws.merge_cells(start_row=hr, start_column=c, end_row=hr + 1, end_column=c)
    c += 1
    cell(ws, hr, c, acc_h, bold=True)
    for k in range(3):
        if k:
            cell(ws, hr, c + k, None)
        cell(ws, hr + 1, c + k, acc_subs[k], bold=True)
    ws.merge_cells(start_row=hr, start_column=c, end_row=hr, end_column=c + 2)
    r = hr + 2

    counties = m["counties"]
    dist = [x for x in counties if x["name"].endswith("区")]
    cnty = [x for x in counties if not x["name"].endswith("区")]
    total = f5_sum([x["f5"] for x in counties])
    rows = []  # (label, f5, kind)
    if style == "subtotal_after":
        rows += [(x["name"], x["f5"], "unit") for x in dist]
        rows.append(("市区小计", f5_sum([x["f5"] for x in dist]), "sub"))
        rows += [(x["name"], x["f5"], "unit") for x in cnty]
        rows.append(("县（市）小计", f5_sum([x["f5"] for x in cnty]), "sub"))
        rows.append(("全市合计", total, "total"))
    elif style == "total_first":
        rows.append(("全市合计", total, "total"))
        rows.append(("其中：市区", f5_sum([x["f5"] for x in dist]), "sub"))
        rows.append(("其中：县（市）", f5_sum([x["f5"] for x in cnty]), "sub"))
        rows += [(x["name"], x["f5"], "unit") for x in counties]
    elif style == "no_total":
        rows += [(x["name"], x["f5"], "unit") for x in counties]
    else:
        rows += [(x["name"], x["f5"], "unit") for x in counties]
        rows.append(("合计", total, "total"))
    n = 0
    for label, f, kind in rows:
        c = c0
        if seq:
            if kind == "unit":
                n += 1
            cell(ws, r, c, n if kind == "unit" else None)
            c += 1
        cell(ws, r, c, label, bold=kind != "unit")
        vals = f5_values(f, T)
        if kind == "total" and city.get("wrong_total"):
            # planted: 合计 本季度新注册工程 项数 with two digits transposed
            true = f["new"]["count"]
            s = str(true)
            wrong = int(s[:-2] + s[-1] + s[-2]) if len(s) > 1 and s[-1] != s[-2] else true + 9
            vals[3] = T.cnt(wrong)
            col = first_num_col + 3
            info["planted"].append(dict(
                file=city["file"], sheet=ws.title, cell=f"{get_column_letter(col)}{r}", rule="F5-001",
                severity="error", stated=wrong, expected=true,
                note=f"附表5 合计行 本季度新注册工程 项数 填为{wrong}，各县（市、区）行之和为{true}（两位数字颠倒）"))
        for k, v in enumerate(vals):
            cell(ws, r, first_num_col + k, v, fmt=F5_FMT[k], bold=kind != "unit")
        if kind == "unit":
            info["f5_rows"][label] = r
        r += 1
    ws.cell(row=r, column=c0, value="填表说明：1、在建工程：已办理监督注册手续，尚未完工或已完工，但未进行竣工验收的工程；"
            "2、竣工工程：已办理监督注册手续，已通过竣工验收的工程；3、质量备案率：已办理质量备案手续的工程/竣工工程；"
            "4、用户满意率：用户评价为满意的工程（项数）/已办理质量备案手续的工程；5、接转工程：上一季（年）度在建工程。")
    footer(ws, r + 1, c0, city)
    ws.column_dimensions[get_column_letter(c0 + (1 if seq else 0))].width = 16


# --------------------------------------------------------------------------- F6
F6_GROUPS = [("本季/年新注册项目", "new"), ("本季/年竣工工程", "completed"),
             ("本季/年质量备案工程", "filed"), ("本季/年在建工程", "in_progress")]


def f6_values(row, T):
    vals = []
    for _, g in F6_GROUPS:
        vals += [T.cnt(row[g]["count"]), T.h(row[g]["area"]), T.h(row[g]["cost"])]
        if g == "filed":
            vals.append(T.rate(r1(row["filed"]["count"], row["completed"]["count"])))
    return vals


F6_FMT = ["0", "0.00", "0.00"] * 3 + ["0.0"] + ["0", "0.00", "0.00"]


def write_f6(ws, m, T):
    city = m["city"]
    style = city["f6"]
    lead = 2 if style == "merged" else 1
    ncols = lead + 13
    r = title_block(ws, 1, 1, ncols, "附表6", "河南省建设工程质量监督季（年）度分类统计表", city, seal="盖章")
    hr = r
    c = 1
    if style == "merged":
        cell(ws, hr, 1, city.get("county_header", "县（市、区）") if city.get("county_header") not in ("填报单位",) else "县（市、区）", bold=True)
        ws.merge_cells(start_row=hr, start_column=1, end_row=hr + 1, end_column=1)
        c = 2
    cell(ws, hr, c, "项  目", bold=True)
    ws.merge_cells(start_row=hr, start_column=c, end_row=hr + 1, end_column=c)
    c += 1
    first = c
    for gname, g in F6_GROUPS:
        n = 4 if g == "filed" else 3
        cell(ws, hr, c, gname, bold=True)
        subs = ["项数", "面 积\n（万㎡）", "造 价\n（万元）"] + (["备案率\n（项%）"] if g == "filed" else [])
        for k in range(n):
            if k:
                cell(ws, hr, c + k, None)
            cell(ws, hr + 1, c + k, subs[k], bold=True)
        ws.merge_cells(start_row=hr, start_column=c, end_row=hr, end_column=c + n - 1)
        c += n
    r = hr + 2
    counties = m["counties"]
    total = f6_sum([x["f6"] for x in counties])

    def block(label, f6, bold=False):
        nonlocal r
        if style == "merged":
            cell(ws, r, 1, label, bold=True)
            ws.merge_cells(start_row=r, start_column=1, end_row=r + len(CATS) - 1, end_column=1)
        for cat in CATS:
            if style == "merged" and cat != CATS[0]:
                cell(ws, r, 1, None)
            cell(ws, r, lead, CAT_LABEL[cat], bold=bold)
            for k, v in enumerate(f6_values(f6[cat], T)):
                cell(ws, r, first + k, v, fmt=F6_FMT[k], bold=bold)
            r += 1

    if style == "citywide":
        block(None, total)
    elif style == "merged":
        for x in counties:
            block(x["name"], x["f6"])
        block("合计", total, bold=True)
    elif style == "heading":
        nums = "一二三四五六七八九十"
        for i, x in enumerate(counties):
            cell(ws, r, 1, f"{nums[i]}、{x['name']}", bold=True)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
            r += 1
            block(None, x["f6"])
        if city["f5"] != "no_total":
            cell(ws, r, 1, "全市合计", bold=True)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
            r += 1
            block(None, total, bold=True)
    footer(ws, r, 1, city)
    ws.column_dimensions[get_column_letter(lead)].width = 22


# --------------------------------------------------------------------------- F1-F4 detail lists
F3_COLS = [("序号", None), ("工程质量监督注册号", "reg_no"), ("工程名称", "name"), ("结构\n类型", "structure"),
           ("建筑面积\n（平方米）", "area_m2"), ("工程造价\n（万元）", "cost"), ("施工单位", "builder"),
           ("监理单位", "supervisor"), ("形象进度", "progress"), ("备注", None)]
F4_COLS = [("序号", None), ("工程质量监督注册号", "reg_no"), ("工程名称", "name"), ("结构类型", "structure"),
           ("建筑面积\n（平方米）", "area_m2"), ("工程造价\n（万元）", "cost"), ("施工单位", "builder"),
           ("监理单位", "supervisor"), ("竣工\n日期", "completed_on"), ("竣工验收结论", "acceptance"),
           ("备案\n日期", "filed_on"), ("备案\n结论", "filing_result")]
F1_COLS = [("记录\n编号", "record_no"), ("工程名称", "project"), ("责任单位", "party"), ("姓名", "person"),
           ("职务", "title"), ("不良行为事实", "fact"), ("对应省不良记录管理办法条款", "clause"), ("记录人", "recorder"),
           ("记录\n日期", "recorded_on"), ("批准人", "approver"), ("批准\n日期", "approved_on")]
F2_COLS = [("记录编号", "record_no"), ("工程名称", "project"), ("责任单位", "party"), ("时间", "date"),
           ("违法违规事实", "fact"), ("处罚依据", "basis"), ("处罚内容", "penalty"), ("处罚情况", "status"),
           ("处理情况", "handling")]


def getv(rec, key, T):
    v = rec[key] if isinstance(rec, dict) else getattr(rec, key)
    if key == "area_m2":
        return T.m2(v)
    if key == "cost":
        return T.h(v)
    if isinstance(v, dt.date):
        return T.date(v)
    return v


def write_detail(ws, m, T, form, info):
    city = m["city"]
    style = city["detail"]
    if form in ("F1", "F2") and style == "subtotal":
        style = "unitcol"  # 新乡: 附表1/2 carry a 填报单位 column
    if form in ("F1", "F2") and style == "col_subtotal":
        style = "col"
    cols = {"F1": F1_COLS, "F2": F2_COLS, "F3": F3_COLS, "F4": F4_COLS}[form]
    has_seq = form in ("F3", "F4")
    county_col = style in ("col", "unitcol", "merged", "col_subtotal")
    titles = {"F1": ("附表1", "河南省建设工程有关责任主体及相关责任人员不良行为记录统计表"),
              "F2": ("附表2", "河南省建设工程质量责任主体行政处罚记录表"),
              "F3": ("附表3", "河南省建设工程质量监督在建工程明细表"),
              "F4": ("附表4", "河南省建设工程质量监督竣工工程明细表")}[form]
    heads = [h for h, _ in cols]
    keys = [k for _, k in cols]
    if county_col:
        hdr = city.get("county_header", "县（市、区）")
        pos = 1 if has_seq else 0
        heads.insert(pos, hdr)
        keys.insert(pos, "__county")
    ncols = len(heads)
    r = title_block(ws, 1, 1, ncols, titles[0], titles[1], city)
    if form == "F1":
        ws.cell(row=r - 1, column=1).value += "        填表人：李文静        批准人：张国强        填表日期：2025年7月8日"
    hr = r
    two_row = form == "F1"
    for j, h in enumerate(heads, 1):
        if two_row:
            if h in ("姓名", "职务"):
                cell(ws, hr + 1, j, h, bold=True)
                if h == "姓名":
                    cell(ws, hr, j, "责  任  人", bold=True)
                    cell(ws, hr, j + 1, None)
                    ws.merge_cells(start_row=hr, start_column=j, end_row=hr, end_column=j + 1)
            else:
                cell(ws, hr, j, h, bold=True)
                cell(ws, hr + 1, j, None)
                ws.merge_cells(start_row=hr, start_column=j, end_row=hr + 1, end_column=j)
        else:
            cell(ws, hr, j, h, bold=True)
    r = hr + (2 if two_row else 1)

    counties = m["counties"]
    if form == "F3":
        groups = [(x["name"], x["ip"]) for x in counties]
    elif form == "F4":
        groups = [(x["name"], x["comp"]) for x in counties]
    else:
        recs = m["f1"] if form == "F1" else m["f2"]
        groups = [(x["name"], [q for q in recs if q["county"] == x["name"]]) for x in counties]
        groups = [g for g in groups if g[1]]
    if not any(g[1] for g in groups):
        cell(ws, r, 1, "无")
        cell(ws, r, 2, "本季度无行政处罚记录" if form == "F2" else "本季度无不良行为记录")
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=ncols)
        footer(ws, r + 1, 1, city)
        return
    nums = "一二三四五六七八九十"
    seqn = 0
    placed = []
    top_done = set()
    for gi, (cname, recs) in enumerate(groups):
        if style == "heading2":
            top = "一、市区" if cname.endswith("区") else "二、县（市）"
            if top not in top_done:
                top_done.add(top)
                cell(ws, r, 1, top, bold=True, align=False)
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
                r += 1
        if style in ("heading", "heading2"):
            cell(ws, r, 1, cname, bold=True, align=False)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
            r += 1
            seqn = 0  # numbering restarts in each county
        g_start = r
        for rec in recs:
            seqn += 1
            for j, k in enumerate(keys, 1):
                if k is None:
                    v = seqn if heads[j - 1] == "序号" else None
                elif k == "__county":
                    if style == "merged" and r != g_start:
                        v = None
                    elif style == "unitcol" and city.get("unit_suffix"):
                        v = cname + city["unit_suffix"]
                    else:
                        v = cname
                else:
                    v = getv(rec, k, T)
                fmt = "yyyy-mm-dd" if isinstance(v, dt.date) else ("0.00" if k == "cost" else None)
                cell(ws, r, j, v, fmt=fmt, align=k in (None, "__county", "reg_no", "structure", "area_m2", "cost"))
            placed.append((form, rec, cname))
            r += 1
        if style == "merged" and len(recs) > 1:
            ws.merge_cells(start_row=g_start, start_column=2 if has_seq else 1, end_row=r - 1,
                           end_column=2 if has_seq else 1)
        if style in ("subtotal", "col_subtotal") and form in ("F3", "F4"):
            area = sum(p.area_m2 for p in recs)
            cost = sum(p.cost for p in recs)
            for j, k in enumerate(keys, 1):
                v = None
                if style == "subtotal" and k == "reg_no":
                    v = f"{cname}小计"
                if style == "col_subtotal" and k == "__county":
                    v = "小计"
                if k == "name":
                    v = f"共{len(recs)}项"
                if k == "area_m2":
                    v = T.m2(area)
                if k == "cost":
                    v = T.h(cost)
                cell(ws, r, j, v, fmt="0.00" if k == "cost" else None, bold=True)
            r += 1
    if style in ("subtotal", "col_subtotal") and form in ("F3", "F4"):
        allp = [p for _, recs in groups for p in recs]
        for j, k in enumerate(keys, 1):
            v = None
            if j == 1:
                v = "合计"
            if k == "name":
                v = f"共{len(allp)}项"
            if k == "area_m2":
                v = T.m2(sum(p.area_m2 for p in allp))
            if k == "cost":
                v = T.h(sum(p.cost for p in allp))
            cell(ws, r, j, v, fmt="0.00" if k == "cost" else None, bold=True)
        r += 1
    if form == "F1":
        ws.cell(row=r, column=1, value="备注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测机构、施工图审查机构及其它有关单位。")
    elif form == "F2":
        ws.cell(row=r, column=1, value="注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测单位、施工图审查机构及其它有关单位。")
        ws.cell(row=r + 1, column=1, value="填表人：李文静                        批准人：张国强                           填表日期：2025年7月8日")
    else:
        footer(ws, r, 1, city)
    for j, h in enumerate(heads, 1):
        ws.column_dimensions[get_column_letter(j)].width = 28 if h in ("工程名称", "施工单位", "监理单位", "责任单位", "不良行为事实", "违法违规事实") else 13
    info["records"] += placed


# --------------------------------------------------------------------------- expected
def f5_json(f):
    fr_c, fr_a, sat = f5_rates(f)
    out = {g: dict(count=f[g]["count"], area=d2(f[g]["area"]), cost=d2(f[g]["cost"])) for g in GROUPS}
    out["filing_rate"] = dict(count=fr_c, area=fr_a)
    out["satisfaction_rate"] = None if sat is None else round(sat, 4)
    out["accidents"] = dict(count=f["accidents"]["count"], deaths=f["accidents"]["deaths"],
                            loss=d2(f["accidents"]["loss"]))
    return out


def f6_json(f):
    out = {}
    for c in CATS:
        out[c] = {g: dict(count=f[c][g]["count"], area=d2(f[c][g]["area"]), cost=d2(f[c][g]["cost"]))
                  for g in ("new", "completed", "filed", "in_progress")}
        out[c]["filing_rate"] = r1(f[c]["filed"]["count"], f[c]["completed"]["count"])
    return out


QUIRKS = {
    "郑州市": "附表5: 区 rows, then **市区小计**, 县（市） rows, **县（市）小计**, **全市合计** last. 附表1-4: no county column; heading rows **一、市区** / **二、县（市）** and a heading row per county (中原区 …) above its group, 序号 restarting per county. 附表6: county name merged down its 6 category rows, then a 合计 block.",
    "洛阳市": "附表5: **全市合计** first, then **其中：市区** and **其中：县（市）** subtotal rows, then the 12 county rows. 附表1-4: a 县（市、区） column after 序号. 附表6: merged county blocks + 合计 block. Sheet names 表1 不良行为 … 表6 分类统计.",
    "南阳市": "附表5: 序号 column + county rows + 合计; **planted: 合计 本季度新注册工程 项数 113 instead of 131** (F19). 附表1-4: a 填报单位 column holding the county name. 附表6: merged county blocks + 合计.",
    "许昌市": "附表1-4: county name **merged down** each group (column 县（市、区）). 附表2 empty: row 无 / 本季度无行政处罚记录. 附表6: the city-wide table only (official 6 rows, the city's sums). Sheets Sheet1-Sheet6.",
    "新乡市": "附表3/4: no county column; each county's group ends with a **“红旗区小计”** row (注册号 column, 共N项, area and cost sums), a final 合计 row. 附表1/2: a 填报单位 column. 附表5 with 序号. 附表6 merged blocks + 合计.",
    "安阳市": "**Numbers as text** everywhere (附表3/4 areas 15,300 and costs 3,456.78; 附表5/6 counts '46', areas '91.75', costs '278,698.31', rates '95.0%'; dates 2025.5.12). 附表1-4: a 所属县（市、区） column. 附表6 merged blocks + 合计.",
    "周口市": "**.xls** (LibreOffice). 附表5 **without any 合计 row**; 附表6 heading-row blocks (一、川汇区 …) without 合计. 附表1-4: a heading row with the county name above its group (序号 restarting).",
    "信阳市": "附表5 **two-row merged header written differently**: 县（市、区）, 上季度接转 / 本季度新注册 (line break inside) / 本季度在建 / 本季度竣工 / 本季度备案, 面积(万平方米), 造价(万元), 备案率（%）, 用户满意率(%), 本季度工程质量事故. 附表1-4: county **merged down** its group (column 县区). 附表6 merged blocks + 合计.",
    "商丘市": "附表1-4: a 填报单位 column holding the county station (**“睢阳区质监站”**): the county is 睢阳区. 附表5 with 序号. 附表6 heading-row blocks + 全市合计 block.",
    "焦作市": "附表5 starts at B3 (title 2025年二季度). 附表3/4: a 县（区） column **and** a 小计 row after each county (县（区） cell = 小计) and a final 合计. 附表6: the city-wide table only.",
}


def write_md(exp):
    L = []
    a = L.append
    a("# EXPECTED — Henan province, 2025Q2 (ten cities' consolidated workbooks)\n")
    a("Generated by `make_henan_2025q2.py` (seeded, deterministic figures); every figure below was re-read from")
    a("the written workbooks and re-added by `verify_inputs.py` (independent reader: sums the county rows of each")
    a("附表5, checks each 小计/合计 row, counts 附表3/4 rows per county by the 注册号's county code against 附表5,")
    a("stock flow and rates per county, 附表6 blocks against their 合计 and the totals below). `compare_run.py OUT`")
    a("compares a qstat run with EXPECTED.json.\n")
    a("Run: `cd /tmp/henan_run && python -m qstat consolidate /work/inboxes/henan/2025Q2 --period 2025Q2 "
      "--config /work/inboxes/henan/qstat.toml --out out --db h.sqlite` then `python3 /work/inboxes/henan/compare_run.py out`.\n")
    a("## Conventions\n")
    a("- A city's figures = the sum of its county rows (never its 合计/小计/其中 rows). Rates recomputed: 备案率 = Σ备案/Σ竣工;")
    a("  满意率 = Σ(stated county rate × county 备案项数) / Σ备案项数 (unrounded below; compare to 0.1).")
    a("- Every county is internally consistent: 在建 = 接转 + 新注册 − 竣工 (count, area, cost), 附表3 rows = 在建 项数 and")
    a("  Σ面积/10000 = 在建 面积 exactly (areas are multiples of 100 ㎡), 附表4 rows = 竣工, 附表4 rows with 备案日期 = 备案,")
    a("  stated rates = recomputed, 0 deaths/loss without accidents. No county has 0 竣工 (so no empty rate in 附表5).")
    a("- 附表6 categories from the projects: 住宅 (incl. 保障性安居), 保障性安居, 公共建筑, 大型公建 = 公建 ≥ 20000 ㎡,")
    a("  钢结构 = structure 钢结构, 县（区）工程 = every project of a 县 or county-level 市 (none of a 区). 备案率 empty where 竣工 0.")
    a("- The county of each 附表1-4 record is in EXPECTED.json `records` (key = 注册号 or 记录编号 → city, county).\n")
    a("## The ten workbooks (inbox `2025Q2/`)\n")
    a("| city | file | counties | quirks |")
    a("|---|---|---|---|")
    for c, v in exp["cities"].items():
        a(f"| {c} | {v['file']} | {len(v['counties'])}: {' '.join(v['counties'])} | {QUIRKS[c]} |")
    a("\n## 附表5 per city (sum of county rows) and the province\n")
    a("count / area 万㎡ / cost 万元; rates %; accidents count/deaths/loss.\n")
    a("| city | 接转 | 新注册 | 在建 | 竣工 | 备案 | 备案率 项/面积 | 满意率 | 事故 |")
    a("|---|---|---|---|---|---|---|---|---|")

    def row(name, f):
        t = lambda g: f"{f[g]['count']} / {f[g]['area']:.2f} / {f[g]['cost']:.2f}"
        fr = f["filing_rate"]
        ac = f["accidents"]
        return (f"| {name} | {t('carried_over')} | {t('new')} | {t('in_progress')} | {t('completed')} | {t('filed')} | "
                f"{fr['count']} / {fr['area']} | {f['satisfaction_rate']:.2f} | {ac['count']}/{ac['deaths']}/{ac['loss']:.2f} |")
    for c, v in exp["cities"].items():
        a(row(c, v["F5"]))
    a(row("**河南省**", exp["province"]["F5"]))
    pf = exp["province"]["F5"]
    a(f"\nProvince: satisfaction {pf['satisfaction_rate']:.4f} → **{pf['satisfaction_rate_rounded']}**; 备案率 "
      f"{pf['filed']['count']}/{pf['completed']['count']} = **{pf['filing_rate']['count']}**, "
      f"{pf['filed']['area']:.2f}/{pf['completed']['area']:.2f} = **{pf['filing_rate']['area']}**.")
    a("\n## 附表6 province totals (sum of the cities = sum of all county blocks)\n")
    a("| category | 新注册 | 竣工 | 备案 | 备案率 | 在建 |")
    a("|---|---|---|---|---|---|")
    for cat, w in exp["province"]["F6"].items():
        t = lambda g: f"{w[g]['count']} / {w[g]['area']:.2f} / {w[g]['cost']:.2f}"
        a(f"| {cat} | {t('new')} | {t('completed')} | {t('filed')} | {w['filing_rate']} | {t('in_progress')} |")
    a("\nPer city (住宅 新注册 项数 · 县（区）工程 在建 项数) — full figures in EXPECTED.json `cities.*.F6`:")
    a(" ".join(f"{c} {v['F6']['residential']['new']['count']}·{v['F6']['county']['in_progress']['count']};"
               for c, v in exp["cities"].items()))
    a("\n## Records of 附表1-4 per city and county\n")
    p = exp["province"]
    a(f"Province: 附表1 **{p['F1']['rows']}**, 附表2 **{p['F2']['rows']}**, 附表3 **{p['F3']['rows']}**, 附表4 **{p['F4']['rows']}** rows.\n")
    a("| city | 附表1 | 附表2 | 附表3 | 附表4 | 附表3 per county | 附表4 per county (备案) | 附表1/2 per county |")
    a("|---|---|---|---|---|---|---|---|")
    for c, v in exp["cities"].items():
        f3 = " ".join(f"{k}{n}" for k, n in v["F3_by_county"].items())
        f4 = " ".join(f"{k}{n}({v['F4_filed_by_county'][k]})" for k, n in v["F4_by_county"].items())
        f12 = "附表1: " + (" ".join(f"{k}{n}" for k, n in v["F1_by_county"].items()) or "—") + \
              "; 附表2: " + (" ".join(f"{k}{n}" for k, n in v["F2_by_county"].items()) or "— (无)")
        a(f"| {c} | {v['F1_rows']} | {v['F2_rows']} | {v['F3_rows']} | {v['F4_rows']} | {f3} | {f4} | {f12} |")
    a("\nIn the province's consolidated 附表1-4 every record should carry 填报单位 = its city and 县（区） = the county above;")
    a("no heading row (一、市区, 中原区), 小计 row (红旗区小计, 小计) or 合计 row may become a record.\n")
    a("## Planted defects (the only findings expected, with HS001 notes)\n")
    for d in exp["planted_defects"]:
        a(f"- **{d['rule']}** ({d['severity']}) {d['file']} / {d['sheet']} / **{d['cell']}**: {d['note']}. "
          f"The totals use the county rows (南阳市 新注册 {d['expected']}).")
    a("\nAcceptable, not required: HS001 (info, no history); ST006 warnings for 安阳市 (text numbers, thousands")
    a("separators, 95.0%); an F5-004 on 南阳市's 合计 row as a consequence of the planted cell.")
    a("Not expected: any finding on 郑州市/洛阳市 subtotal rows (they are right), on 周口市's missing 合计 (a city may omit it),")
    a("on 信阳市's header, on heading/小计/合计 rows of 附表1-4; IN003/IN004/IN006/IN008; ST001/ST002.")
    with open(os.path.join(HERE, "EXPECTED.md"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(L) + "\n")


def main():
    model = build()
    if os.path.isdir(INBOX):
        shutil.rmtree(INBOX)
    os.makedirs(INBOX)
    exp = dict(period=PERIOD, office="河南省", level="province", units=[c["name"] for c in CITIES],
               cities={}, province={}, planted_defects=[], records={"F1": [], "F2": [], "F3": [], "F4": []})
    for m in model:
        city = m["city"]
        T = Text(city.get("text_numbers", False))
        info = dict(planted=[], f5_rows={}, records=[])
        wb = Workbook()
        wb.remove(wb.active)
        sh = city["sheets"]
        for form, name in zip(["F1", "F2", "F3", "F4"], sh[:4]):
            write_detail(wb.create_sheet(name), m, T, form, info)
        write_f5(wb.create_sheet(sh[4]), m, T, info)
        write_f6(wb.create_sheet(sh[5]), m, T)
        wb.properties.creator = city.get("clerk", "李文静")
        wb.properties.created = wb.properties.modified = dt.datetime(2025, 7, 8, 9, 30)
        path = os.path.join(INBOX, city["file"])
        if path.endswith(".xls"):
            tmp = path + "x"
            wb.save(tmp)
            subprocess.run(["soffice", "--headless", "--convert-to", "xls", "--outdir", INBOX, tmp],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            os.remove(tmp)
            assert os.path.exists(path), path
        else:
            wb.save(path)
        counties = m["counties"]
        cf5 = f5_sum([x["f5"] for x in counties])
        cf6 = f6_sum([x["f6"] for x in counties])
        byc = lambda recs_key: {x["name"]: sum(1 for q in recs_key if q["county"] == x["name"]) for x in counties}
        exp["cities"][city["name"]] = dict(
            file=city["file"], counties=[x["name"] for x in counties],
            layout=dict(f5=city["f5"], f6=city["f6"], detail=city["detail"],
                        county_header=city.get("county_header"), text_numbers=bool(city.get("text_numbers")),
                        sheets=city["sheets"]),
            F5=f5_json(cf5), F6=f6_json(cf6),
            F5_by_county={x["name"]: f5_json(x["f5"]) for x in counties},
            F6_by_county={x["name"]: f6_json(x["f6"]) for x in counties},
            F5_rows=info["f5_rows"],
            F1_rows=len(m["f1"]), F2_rows=len(m["f2"]),
            F3_rows=sum(len(x["ip"]) for x in counties), F4_rows=sum(len(x["comp"]) for x in counties),
            F1_by_county={k: v for k, v in byc(m["f1"]).items() if v},
            F2_by_county={k: v for k, v in byc(m["f2"]).items() if v},
            F3_by_county={x["name"]: len(x["ip"]) for x in counties},
            F4_by_county={x["name"]: len(x["comp"]) for x in counties},
            F4_filed_by_county={x["name"]: sum(1 for p in x["comp"] if p.filed) for x in counties},
        )
        exp["planted_defects"] += info["planted"]
        for form, rec, cname in info["records"]:
            key = rec["record_no"] if isinstance(rec, dict) else rec.reg_no
            exp["records"][form].append(dict(key=key, city=city["name"], county=cname))
    allc = [x for m in model for x in m["counties"]]
    pf5 = f5_sum([x["f5"] for x in allc])
    pf6 = f6_sum([x["f6"] for x in allc])
    exp["province"] = dict(F5=f5_json(pf5), F6=f6_json(pf6),
                           F1={"rows": sum(len(m["f1"]) for m in model)},
                           F2={"rows": sum(len(m["f2"]) for m in model)},
                           F3={"rows": sum(len(x["ip"]) for x in allc)},
                           F4={"rows": sum(len(x["comp"]) for x in allc)})
    exp["province"]["F5"]["satisfaction_rate_rounded"] = round(exp["province"]["F5"]["satisfaction_rate"], 1)
    with open(os.path.join(HERE, "EXPECTED.json"), "w", encoding="utf-8") as fh:
        json.dump(exp, fh, ensure_ascii=False, indent=1, default=str)
    with open(os.path.join(HERE, "qstat.toml"), "w", encoding="utf-8") as fh:
        fh.write('name = "河南省"\nlevel = "province"\nunits = [' +
                 ", ".join(f'"{c["name"]}"' for c in CITIES) + "]\n\n"
                 '[office]\nfull_name = "河南省建设工程质量监督总站"\nstatistician = "赵雅琴"\n'
                 'approver = "孙建华"\nphone = "0371-65901234"\n')
    write_md(exp)
    print("wrote", INBOX)


if __name__ == "__main__":
    main()
