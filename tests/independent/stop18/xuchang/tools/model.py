"""Ground truth for the 许昌市 test inbox: projects, quarters, records.

Everything the workbooks say is derived from here; defects are applied later, at
writing time, and listed in EXPECTED.md.  Independent of qstat (imports nothing from it).
"""
import datetime as dt
import random
from dataclasses import dataclass, field

R = random.Random(20250712)

UNITS = ["魏都区", "建安区", "禹州市", "长葛市", "鄢陵县", "襄城县", "东城区", "示范区"]
QUARTERS = ["2024Q4", "2025Q1", "2025Q2"]
QSPAN = {
    "2024Q4": (dt.date(2024, 10, 1), dt.date(2024, 12, 31)),
    "2025Q1": (dt.date(2025, 1, 1), dt.date(2025, 3, 31)),
    "2025Q2": (dt.date(2025, 4, 1), dt.date(2025, 6, 30)),
}
REGPREFIX = {"魏都区": "411002", "建安区": "411003", "禹州市": "禹质监", "长葛市": "411082",
             "鄢陵县": "411024", "襄城县": "411025", "东城区": "XCDC", "示范区": "411072"}

PLACES = {
    "魏都区": ["七里店", "高桥营", "西关", "南关", "新兴路", "文峰路", "八一路", "五一路", "劳动路", "丁庄"],
    "建安区": ["尚集镇", "小召乡", "河街乡", "灵井镇", "陈曹乡", "桂村乡", "将官池镇", "五女店镇", "张潘镇", "建安大道", "许由路"],
    "禹州市": ["钧台", "夏都", "颍川", "韩城", "神垕镇", "鸠山镇", "方山镇", "花石镇", "褚河镇", "顺店镇", "古城镇", "禹王大道"],
    "长葛市": ["建设路", "钟繁", "金桥", "官亭镇", "石象镇", "大周镇", "和尚桥镇", "董村镇", "坡胡镇", "后河镇", "增福湖"],
    "鄢陵县": ["花都大道", "安陵镇", "马栏镇", "柏梁镇", "陈化店镇", "望田镇", "大马镇", "彭店镇", "只乐镇", "南坞乡"],
    "襄城县": ["城关", "紫云镇", "颍桥", "麦岭镇", "茨沟乡", "库庄镇", "十里铺镇", "山头店镇", "湛北乡", "王洛镇"],
    "东城区": ["永兴路", "魏武大道", "芙蓉湖", "学院路", "紫荆路", "宏腾路", "瑞祥路", "长村张", "邓庄", "半截河"],
    "示范区": ["祖师", "新元大道", "尚德路", "瑞昌路", "天宝路", "智慧谷", "许港大道", "芙蓉大道"],
}
BRANDS = ["锦绣华府", "颍河印象", "清潩河畔", "学府名邸", "御景苑", "翡翠湾", "天悦湾", "紫荆苑",
          "书香华庭", "滨河湾", "和园", "万象府", "悦澜庭", "桂语江南", "正弘府", "盛世家园"]
PUBLIC = ["第{n}中学教学楼", "人民医院门诊医技综合楼", "社区服务中心", "全民健身中心",
          "职业教育中心实训楼", "实验小学综合楼", "档案馆", "妇幼保健院住院楼",
          "中医院康复楼", "第{n}幼儿园", "图书馆新馆", "政务服务中心", "疾控中心业务楼",
          "老年养护中心", "高级中学学生公寓"]
LARGE_PUBLIC = ["文化艺术中心", "人民医院新院区医疗综合楼", "会展中心", "高铁站综合交通枢纽",
                "商业综合体", "体育中心体育馆"]
INDUSTRIAL = ["标准化厂房{n}#", "物流园仓储中心{n}#库", "装备制造产业园{n}#车间",
              "发制品产业园{n}#厂房", "电力装备产业园{n}#车间", "冷链物流中心{n}#库"]

BUILDERS_COMMON = ["许昌建工集团有限公司", "河南天工建设集团有限公司", "河南鼎盛建筑工程有限公司",
                   "中建七局第三建筑有限公司", "河南五建建设集团有限公司", "河南恒升建筑工程有限公司",
                   "许昌市华源建设工程有限公司", "河南省第一建筑工程集团有限责任公司"]
BUILDERS_LOCAL = {
    "魏都区": ["许昌市魏都区城建工程有限公司"], "建安区": ["许昌市建安区宏图建筑有限公司"],
    "禹州市": ["禹州市第一建筑工程有限公司", "禹州市钧都建筑安装有限公司"],
    "长葛市": ["长葛市宏达建设工程有限公司", "长葛市第二建筑工程有限公司"],
    "鄢陵县": ["鄢陵县鑫源建筑安装有限公司"], "襄城县": ["襄城县第二建筑工程有限公司"],
    "东城区": ["许昌东城建设发展有限公司"], "示范区": ["许昌瑞祥建筑工程有限公司"],
}
SUPERVISORS = ["许昌市建设监理有限公司", "河南建达工程咨询有限公司", "河南长城工程管理咨询有限公司",
               "河南鑫诚工程管理有限公司", "许昌金宇工程监理有限公司", "河南中兴工程监理有限公司",
               "河南省建设监理有限公司"]
STRUCT_RES = ["剪力墙", "框架-剪力墙", "框架-剪力墙", "剪力墙", "砖混"]
STRUCT_PUB = ["框架", "框架", "框架-剪力墙", "框架-核心筒"]

SURN = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIV = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红林玉兰海峰鹏飞辉宇鑫博斌浩亮颖宁凯晓东新春振龙"


def person():
    n = R.choice(SURN) + R.choice(GIV)
    if R.random() < 0.6:
        n += R.choice(GIV)
    return n


@dataclass
class Project:
    unit: str
    reg_no: str
    name: str
    kind: str          # res, aff, pub, ind
    struct: str
    area: float        # m2, 2 dp
    cost_c: int        # cost in 0.01 万元
    builder: str
    supervisor: str
    reg_q: str         # quarter registered ('2024Q3' for the initial stock)
    county: bool
    large: bool
    progress: dict = field(default_factory=dict)   # quarter -> text
    completed_q: str = None
    completed_on: dt.date = None
    filed_on: dt.date = None
    satisfied: bool = True
    large_override: bool = False   # planted: counted as 大型公建 although < 2万㎡

    @property
    def cost(self):
        return self.cost_c / 100

    def cats(self):
        c = set()
        if self.kind in ("res", "aff"):
            c.add("residential")
        if self.kind == "aff":
            c.add("affordable_housing")
        if self.kind == "pub":
            c.add("public")
            if self.large or self.large_override:
                c.add("large_public")
        if self.struct == "钢结构":
            c.add("steel")
        if self.county:
            c.add("county")
        return c


# per unit, per quarter: new, completed, filed, satisfied, affordable completed, affordable filed
PLAN = {
    "魏都区": {"init": 38, "2024Q4": (9, 11, 10, 10, 1, 1), "2025Q1": (6, 7, 7, 7, 0, 0), "2025Q2": (10, 9, 8, 8, 1, 1)},
    "建安区": {"init": 45, "2024Q4": (12, 10, 9, 9, 1, 1), "2025Q1": (7, 8, 7, 7, 1, 1), "2025Q2": (14, 11, 9, 9, 3, 1)},
    "禹州市": {"init": 52, "2024Q4": (14, 15, 13, 12, 2, 2), "2025Q1": (8, 9, 8, 8, 0, 0), "2025Q2": (16, 12, 10, 9, 2, 0)},
    "长葛市": {"init": 48, "2024Q4": (11, 12, 11, 11, 1, 1), "2025Q1": (6, 8, 7, 7, 0, 0), "2025Q2": (13, 10, 9, 9, 1, 1)},
    "鄢陵县": {"init": 26, "2024Q4": (6, 7, 6, 6, 0, 0), "2025Q1": (4, 5, 4, 4, 0, 0), "2025Q2": (7, 8, 7, 6, 0, 0)},
    "襄城县": {"init": 30, "2024Q4": (7, 8, 7, 7, 1, 1), "2025Q1": (5, 6, 5, 5, 0, 0), "2025Q2": (8, 8, 6, 6, 0, 0)},
    "东城区": {"init": 34, "2024Q4": (8, 9, 8, 8, 0, 0), "2025Q1": (5, 6, 5, 5, 0, 0), "2025Q2": (9, 7, 7, 7, 0, 0)},
    "示范区": {"init": 22, "2024Q4": (5, 6, 5, 5, 0, 0), "2025Q1": (3, 0, 0, 0, 0, 0), "2025Q2": (6, 5, 2, 2, 0, 0)},
}
# accidents per unit/quarter: (count, deaths, loss 万元)
ACCIDENTS = {("长葛市", "2025Q2"): (1, 1, 126.5), ("建安区", "2024Q4"): (1, 0, 12.3)}


class UnitSim:
    def __init__(self, unit):
        self.unit = unit
        self.projects = []
        self.seq = {}
        self.names = set()
        self.stock = []           # in progress at end of last simulated quarter
        self.q = {}               # quarter -> dict(new, completed, filed, stock)

    def regno(self, year):
        n = self.seq.get(year, 0) + 1
        self.seq[year] = n
        p = REGPREFIX[self.unit]
        if p == "禹质监":
            return f"禹质监{year}-{n:03d}"
        if p == "XCDC":
            return f"XCDC-{year}-{n:03d}"
        return f"{p}-{year}-{n:04d}"

    def uniq(self, name):
        base, k = name, 2
        while name in self.names:
            name = f"{base}（{'二三四五六七'[k - 2]}期）" if k < 8 else f"{base}{k}"
            k += 1
        self.names.add(name)
        return name

    def new_project(self, reg_q, kind=None, year=None):
        u = self.unit
        if kind is None:
            x = R.random()
            kind = "res" if x < 0.48 else "aff" if x < 0.58 else "pub" if x < 0.86 else "ind"
        place = R.choice(PLACES[u])
        county = place.endswith(("镇", "乡"))
        large = False
        uname = u if u not in ("东城区", "示范区") else ("许昌市" + u if u == "东城区" else "许昌城乡一体化示范区")
        if kind == "res":
            name = f"{place}{R.choice(BRANDS)}{R.randint(1, 18)}#楼"
            struct = R.choice(STRUCT_RES)
            area = R.uniform(6000, 32000)
            unitcost = R.uniform(0.21, 0.30)
        elif kind == "aff":
            t = R.choice(["棚户区改造安置房{n}#楼", "保障性租赁住房项目{n}#楼", "城中村改造安置小区{n}#楼"])
            name = place + t.format(n=R.randint(1, 12))
            struct = R.choice(["剪力墙", "框架-剪力墙"])
            area = R.uniform(8000, 24000)
            unitcost = R.uniform(0.19, 0.25)
        elif kind == "pub":
            if R.random() < 0.22:
                name = uname + R.choice(LARGE_PUBLIC)
                area = R.uniform(21000, 52000)
                large = True
                struct = R.choice(["框架-剪力墙", "框架-核心筒", "钢结构"])
            else:
                name = (uname if R.random() < 0.6 else place) + R.choice(PUBLIC).format(n=R.choice("一二三四五六七八"))
                area = R.uniform(2500, 16000)
                struct = R.choice(STRUCT_PUB)
            unitcost = R.uniform(0.30, 0.48)
        else:
            name = place + R.choice(INDUSTRIAL).format(n=R.randint(1, 9))
            struct = R.choice(["钢结构", "钢结构", "排架", "框架"])
            area = R.uniform(5000, 28000)
            unitcost = R.uniform(0.14, 0.22)
        area = round(area, 2)
        if R.random() < 0.5:
            area = float(round(area))
        cost_c = int(round(area * unitcost * 100))
        year = year or int(reg_q[:4])
        p = Project(u, self.regno(year), self.uniq(name), kind, struct, area, cost_c,
                    R.choice(BUILDERS_COMMON + BUILDERS_LOCAL[u] * 3), R.choice(SUPERVISORS),
                    reg_q, county, large)
        self.projects.append(p)
        return p


PROGRESS = ["基础施工", "地下室施工", "主体施工（{n}层）", "主体封顶", "二次结构施工",
            "装饰装修", "室外配套", "竣工预验收"]


def set_progress(p, q, age):
    if age <= 0:
        t = R.choice(PROGRESS[:2])
    elif age == 1:
        t = R.choice(PROGRESS[1:4])
    else:
        t = R.choice(PROGRESS[3:])
    p.progress[q] = t.format(n=R.randint(3, 26))


QIDX = {"2024Q2": -2, "2024Q3": -1, "2024Q4": 0, "2025Q1": 1, "2025Q2": 2}


def rnd_date(a, b):
    return a + dt.timedelta(days=R.randint(0, (b - a).days))


def area_w(projs):
    """万㎡ as stated: rounded to 2 dp of the exact sum."""
    return round(sum(p.area for p in projs) / 10000 + 1e-9, 2)


def cost_w(projs):
    return sum(p.cost_c for p in projs) / 100


def simulate():
    sims = {}
    for u in UNITS:
        s = UnitSim(u)
        plan = PLAN[u]
        # initial stock, registered 2023 / 2024H1-Q3
        init = []
        for i in range(plan["init"]):
            year = R.choice([2023, 2024, 2024, 2024])
            rq = f"{year}Q{R.randint(1, 4) if year == 2023 else R.randint(1, 3)}"
            p = s.new_project(rq, year=year)
            init.append(p)
        # sort reg numbers by year then seq (already unique); make sure enough affordable in stock
        need_aff = sum(plan[q][4] for q in QUARTERS)
        have_aff = [p for p in init if p.kind == "aff"]
        for p in [p for p in init if p.kind == "res"][: max(0, need_aff + 1 - len(have_aff))]:
            p.kind = "aff"
            p.name = s.uniq(p.name.split("#")[0][:4] + "棚户区改造安置房" + str(R.randint(1, 9)) + "#楼")
        s.stock = list(init)
        for p in s.stock:
            set_progress(p, "2024Q3", 2)
        for q in QUARTERS:
            new_n, comp_n, filed_n, sat_n, aff_c, aff_f = plan[q]
            a, b = QSPAN[q]
            old = [p for p in s.stock]
            aff = [p for p in old if p.kind == "aff"]
            non = [p for p in old if p.kind != "aff"]
            # older first
            non.sort(key=lambda p: (p.reg_q, R.random()))
            aff.sort(key=lambda p: (p.reg_q, R.random()))
            comp = aff[:aff_c] + R.sample(non[: max(comp_n * 2, comp_n)], comp_n - aff_c)
            assert len(comp) == comp_n
            new = []
            for i in range(new_n):
                new.append(s.new_project(q))
            if u == "建安区" and q == "2025Q2":
                # planted F6-002: a 1.86万㎡ public building counted as 大型公共建筑
                p = new[-1]
                p.kind, p.struct, p.large, p.large_override = "pub", "框架-剪力墙", False, True
                p.name = s.uniq("许昌市建安区人民医院门急诊综合楼")
                p.area = 18620.0
                p.cost_c = int(round(18620 * 0.42 * 100))
                p.county = False
            # filing: unfiled = affordable beyond aff_f first, then others
            comp_aff = [p for p in comp if p.kind == "aff"]
            comp_non = [p for p in comp if p.kind != "aff"]
            filed = comp_aff[:aff_f] + comp_non[: filed_n - aff_f]
            assert len(filed) == filed_n, (u, q)
            for p in comp:
                p.completed_q = q
                p.completed_on = rnd_date(a + dt.timedelta(days=3), b - dt.timedelta(days=22))
                if p in filed:
                    p.filed_on = p.completed_on + dt.timedelta(days=R.randint(4, 20))
            sat_left = sat_n
            for p in filed:
                p.satisfied = sat_left > 0
                sat_left -= 1
            stock = [p for p in s.stock if p not in comp] + new
            s.q[q] = {"new": new, "completed": comp, "filed": filed, "stock": stock,
                      "carried": list(s.stock), "sat": sat_n}
            s.stock = stock
            for p in stock:
                age = QIDX[q] - QIDX.get(p.reg_q, -3)
                set_progress(p, q, age)
        sims[u] = s
    fix_rounding(sims)
    return sims


def fix_rounding(sims):
    """Make stated 万㎡ flows close exactly: carried + new - completed == in_progress (2 dp)."""
    for u, s in sims.items():
        for attempt in range(2000):
            bad = None
            prev_stated = area_w(s.q[QUARTERS[0]]["carried"])
            for q in QUARTERS:
                d = s.q[q]
                i = area_w(d["stock"])
                lhs = round(prev_stated + area_w(d["new"]) - area_w(d["completed"]), 2)
                if abs(lhs - i) > 0.001:
                    bad = q
                    break
                prev_stated = i
            if bad is None:
                break
            cand = [p for p in s.q[bad]["new"] if not p.large_override and not p.large]
            p = R.choice(cand)
            p.area = round(p.area + R.choice([-1, 1]) * R.randint(5, 60) + R.choice([0, 0.5, 0.25]), 2)
        else:
            raise RuntimeError("rounding not fixed for " + u)


def f5_row(s, q):
    d = s.q[q]
    filed = d["filed"]
    comp = d["completed"]
    row = {
        "carried_over": (len(d["carried"]), area_w(d["carried"]), cost_w(d["carried"])),
        "new": (len(d["new"]), area_w(d["new"]), cost_w(d["new"])),
        "in_progress": (len(d["stock"]), area_w(d["stock"]), cost_w(d["stock"])),
        "completed": (len(comp), area_w(comp), cost_w(comp)),
        "filed": (len(filed), area_w(filed), cost_w(filed)),
    }
    c_cnt, c_area = len(comp), area_w(comp)
    row["filing_rate"] = (round(100 * len(filed) / c_cnt, 1) if c_cnt else None,
                          round(100 * area_w(filed) / c_area, 1) if c_area else None)
    row["satisfaction_rate"] = round(100 * d["sat"] / len(filed), 1) if filed else None
    row["accidents"] = ACCIDENTS.get((s.unit, q), (0, 0, 0.0))
    return row


CATS = ["residential", "affordable_housing", "public", "large_public", "steel", "county"]
CAT_CN = {"residential": "住宅工程", "affordable_housing": "保障性安居工程", "public": "公共建筑工程",
          "large_public": "大型公共建筑工程（2万平方米以上）", "steel": "钢结构工程", "county": "县（区）工程"}


def f6_rows(s, q):
    d = s.q[q]
    out = {}
    for c in CATS:
        sel = lambda lst: [p for p in lst if c in p.cats()]
        n, k, f, i = sel(d["new"]), sel(d["completed"]), sel(d["filed"]), sel(d["stock"])
        out[c] = {
            "new": (len(n), area_w(n), cost_w(n)),
            "completed": (len(k), area_w(k), cost_w(k)),
            "filed": (len(f), area_w(f), cost_w(f)),
            "filing_rate": round(100 * len(f) / len(k), 1) if k else None,
            "in_progress": (len(i), area_w(i), cost_w(i)),
        }
    return out
