# ruff: noqa: E501  (the seed's score-sheet texts are transcribed one item per line)
"""Independent workbook generator for qstat variation tests.

Imports nothing from qstat: only openpyxl and the standard library.  It was
written from FORMS.md, CONTRACT.md and the seed 002 (附表1-7, two score
sheets) alone, so it shares none of the reader's assumptions.

Three parts:

* the *figures* of one unit (:class:`UnitData`, built consistently by
  :func:`make_unit`): 附表3/附表4 project rows, 附表1/附表2 records, the
  附表5 figures derived from the projects, 附表6 categories, optionally a
  seed score sheet with valid scores;
* a :class:`Layout` describing how the clerk laid the workbook out (every
  field defaults to the plainest choice, so hypothesis shrinks towards it);
* :func:`build_workbook`, which renders the figures in the layout, optionally
  plants one defect, and returns the bytes, a file name and (for a planted
  defect) the rule code, sheet name and A1 cell where it sits.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

PERIOD = "2024Q3"
Q_START = dt.date(2024, 7, 1)
Q_END = dt.date(2024, 9, 30)

PDS_UNITS = [
    "叶县",
    "舞钢市",
    "湛河区",
    "新华区",
    "鲁山县",
    "宝丰县",
    "石龙区",
    "示范区",
    "汝州市",
    "郏县",
    "卫东区",
    "高新区",
]
UNIT_CODE = {
    "叶县": "YX",
    "舞钢市": "WG",
    "湛河区": "ZH",
    "新华区": "XH",
    "鲁山县": "LS",
    "宝丰县": "BF",
    "石龙区": "SL",
    "示范区": "SF",
    "汝州市": "RZ",
    "郏县": "JX",
    "卫东区": "WD",
    "高新区": "GX",
}

F6_CATS = ["residential", "affordable_housing", "public", "large_public", "steel", "county"]
F6_LABEL = {
    "residential": "住宅工程",
    "affordable_housing": "保障性安居工程",
    "public": "公共建筑工程",
    "large_public": "大型公共建筑工程（2万平方米以上）",
    "steel": "钢结构\n工程",
    "county": "县（区）\n工程",
}
F5_GROUPS = ["carried_over", "new", "in_progress", "completed", "filed"]


# --------------------------------------------------------------------------
# figures
# --------------------------------------------------------------------------


def d2(x) -> Decimal:
    return Decimal(x).quantize(Decimal("0.01"), ROUND_HALF_UP)


def rate(num, den) -> Decimal | None:
    if not den:
        return None
    return (Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class Measure:
    count: int = 0
    area_m2: int = 0  # square metres; always a multiple of 100, so 万㎡ is exact at 2 dp
    cost_c: int = 0  # hundredths of 万元

    @property
    def area(self) -> Decimal:  # 万㎡
        return Decimal(self.area_m2) / 10000

    @property
    def cost(self) -> Decimal:  # 万元
        return Decimal(self.cost_c) / 100

    def __add__(self, o: Measure) -> Measure:
        return Measure(self.count + o.count, self.area_m2 + o.area_m2, self.cost_c + o.cost_c)

    def __sub__(self, o: Measure) -> Measure:
        return Measure(self.count - o.count, self.area_m2 - o.area_m2, self.cost_c - o.cost_c)


def measure_of(projects) -> Measure:
    m = Measure()
    for p in projects:
        m = m + Measure(1, p.area_m2, p.cost_c)
    return m


@dataclass
class Project:
    reg_no: str
    name: str
    structure: str
    area_m2: int
    cost_c: int
    builder: str
    supervisor: str
    progress: str = ""
    new: bool = False  # registered this quarter
    cats: frozenset = frozenset()
    completed_on: dt.date | None = None
    acceptance: str = "合格"
    filed_on: dt.date | None = None
    filing_result: str = ""


@dataclass
class BadRecord:  # 附表1
    record_no: str
    project: str
    party: str
    person: str
    title: str
    fact: str
    clause: str
    recorder: str
    recorded_on: dt.date
    approver: str
    approved_on: dt.date


@dataclass
class Penalty:  # 附表2
    record_no: str
    project: str
    party: str
    date: dt.date
    fact: str
    basis: str
    penalty: str
    status: str
    handling: str


@dataclass
class F5Figures:
    carried_over: Measure
    new: Measure
    in_progress: Measure
    completed: Measure
    filed: Measure
    satisfaction: Decimal | None
    accidents: int = 0
    deaths: int = 0
    loss_c: int = 0

    @property
    def filing_rate_count(self):
        return rate(self.filed.count, self.completed.count)

    @property
    def filing_rate_area(self):
        return rate(self.filed.area_m2, self.completed.area_m2)


@dataclass
class ScoreItem:
    section: int
    name: str  # item name as the seed prints it (may hold a line break)
    max: Decimal
    text: str  # full 评分内容及标准 of the seed
    step: Decimal | None = None  # "记N分，不满足一项扣S分" items
    parts: tuple = ()  # "记a分；……记b分" items
    stated: Decimal | None = None  # N in "记N分" when it differs from 分值 (seed typo)

    def reachable(self) -> list:
        if self.step:
            out, v = [], self.max
            while v >= 0:
                out.append(v)
                v -= self.step
            if Decimal(0) not in out:
                out.append(Decimal(0))
            return sorted(set(out))
        sums = {Decimal(0)}
        for p in self.parts:
            sums |= {s + p for s in sums}
        return sorted(s for s in sums if s <= self.max)


@dataclass
class ScoreSpec:
    key: str
    title: str
    sections: list  # [(label, max)]
    items: list  # [ScoreItem]
    total_style: str  # "A": merged 合 计 row; "B": 序号 4 / 合计 / 100


@dataclass
class ScoreSheet:
    spec: ScoreSpec
    scores: dict  # item name -> Decimal


@dataclass
class UnitData:
    unit: str
    f1: list
    f2: list
    f3: list
    f4: list
    f5: F5Figures
    f6: dict  # cat -> {"new"|"completed"|"filed"|"in_progress": Measure}
    score: ScoreSheet | None = None

    def f6_rate(self, cat):
        return rate(self.f6[cat]["filed"].count, self.f6[cat]["completed"].count)


def _D(x):
    return Decimal(str(x))


def _score_specs():
    def it(sec, name, mx, text, step=None, parts=(), stated=None):
        return ScoreItem(
            sec,
            name,
            _D(mx),
            text,
            _D(step) if step is not None else None,
            tuple(_D(p) for p in parts),
            _D(stated) if stated is not None else None,
        )

    A = ScoreSpec(
        "A",
        "河南省保障性安居工程质量管理年工作考核评分表",
        [
            ("建设主管部门     （50分）", 50),
            ("施工企业    （20分）", 20),
            ("监理单位    （15分）", 15),
            ("检测机构\n（5分）", 5),
            ("其它\n（10分）", 10),
        ],
        [
            it(
                1,
                "总体工作",
                5,
                "今年保障性安居工程质量监管率达到100%，竣工验收合格率达到100%，质量用户满意度达到90%以上，省辖市、省直管县（市）保障性安居工程创质量奖项普及率达到100%。质量通病得到有效治理，未发生重大质量问题和安全事故。记5分，不满足一项扣1分，扣完为止，不倒扣分。",
                step=1,
            ),
            it(
                1,
                "工作部署",
                6,
                "按照《建设工程质量管理条例》、省政府办公厅《关于加强保障性安居工程质量安全管理工作的意见》和省厅《全省保障性安居工程质量管理年活动实施方案》等文件精神，对保障性安居工程质量管理工作进行安排部署；成立领导小组，建立工作机制，制定实施方案，明确职责任务，落实责任人员；每月定期向省厅活动领导小组办公室反馈活动信息。记6分，不满足一项扣2分，扣完为止，不倒扣分。",
                step=2,
            ),
            it(
                1,
                "宣传工作",
                3,
                "在今年3.15消费者权益日期间，组织“质量宣传周”活动，记1.5分；启动 “工程质量宣传教育月”活动，记1.5分。",
                parts=(1.5, 1.5),
            ),
            it(
                1,
                "质量咨询",
                2,
                "组织专家成立质量咨询服务队，深入基层、企业宣讲工程质量知识，帮助解决质量问题，记2分。",
                parts=(2,),
            ),
            it(
                1,
                "隐患排查",
                3,
                "每季度组织开展1-2次质量隐患集中排查、检查和督查，记2分；每次排查、检查和督查均有通报，记1分。",
                parts=(2, 1),
            ),
            it(
                1,
                "项目观摩",
                3,
                "参加省厅组织的全省保障性安居工程质量管理工作研讨会及工程质量观摩活动，记1.5分；各市、县主管部门在本年度组织1-2次的工程质量观摩活动，记1.5分。",
                parts=(1.5, 1.5),
            ),
            it(
                1,
                "知识竞赛和技术比武",
                2,
                "在辖区内组织开展施工技术比武、建筑工法竞赛、质量QC管理小组创建等活动，记2分。",
                parts=(2,),
            ),
            it(
                1,
                "质量创优",
                4,
                "组织开展“中州杯”奖、“安居奖”和“质量管理奖”等评选活动，记2分；制定激励措施，鼓励建设单位对获奖施工单位给予相应资金奖励，记2分。",
                parts=(2, 2),
            ),
            it(
                1,
                "教育培训",
                3,
                "在施工现场和农民工夜校，有针对性的开展操作技能培训，记1.5分；有重点的进行建设工程质量法律法规及新标准、新规范等内容的培训，记1.5分。",
                parts=(1.5, 1.5),
            ),
            it(
                1,
                "社会监督\n评议",
                4,
                "聘请一定数量的业主、人大代表、政协委员、业内专家和新闻单位人士等作为社会义务监督员参与质量监督评议，记2分；每个保障性安居工程项目上配备不少于两位社会义务监督员，记2分。",
                parts=(2, 2),
            ),
            it(
                1,
                "质量回访",
                3,
                "建立完善用户质量回访、质量保修、投诉受理处理机制，记1.5分；全年安排了不少于四次的质量回访活动，记1.5分。",
                parts=(1.5, 1.5),
            ),
            it(
                1,
                "监督队伍\n建设",
                4,
                "解决了质量监督机构编制和经费问题，记2分；对质量监督人员加强了教育培训，记2分。",
                parts=(2, 2),
            ),
            it(
                1,
                "质量问题查处情况",
                6,
                "全年不间断地开展联合行政执法检查；严格落实不良行为记录公示、经济处罚、停业整顿、企业及个人资质资格处理等行政强制性措施；对发现的质量违法违规行为，按规定上限给予了行政处罚。记6分，不满足一项扣2分，扣完为止，不倒扣分。",
                step=2,
            ),
            it(
                1,
                "层级检查",
                2,
                "各省辖市对所辖县（市）主管部门进行了监督抽查和工作考评，记2分。",
                parts=(2,),
            ),
            it(
                2,
                "管理制度",
                5,
                "健全完善了质量责任制度、质量分析制度、质量检查通报制度、质量教育培训制度、专项施工方案审核审批制度、重大质量隐患登记建档制度、质量考核奖惩制度、突发事件应急救援制度、分包单位及人员管理制度等，记5分，不满足一项扣0.5分，扣完为止，不倒扣分。",
                step=0.5,
            ),
            it(
                2,
                "质量分析",
                3,
                "每季度定期召开工程质量分析会（专题工作会），解决施工中存在的突出问题，建立完善会议档案。记3分，不满足一项扣1分，扣完为止，不倒扣分。",
                step=1,
            ),
            it(
                2,
                "考核奖惩",
                4,
                "企业负责人与每个项目负责人签订了质量目标责任书，并定期对责任落实情况进行考核奖惩。记4分，不满足一项扣2分，扣完为止，不倒扣分。",
                step=2,
            ),
            it(
                2,
                "带班制度",
                4,
                "企业负责人、项目负责人落实带班制度；项目部每日进行质量检查；企业对项目部及工程质量每月检查不少于一次；每次检查都有通报、有整改、有落实，档案齐全完整；企业每季度至少组织一次工程质量隐患排查。记5分，不满足一项扣1分，扣完为止，不倒扣分。",
                step=1,
                stated=5,
            ),
            it(2, "标准化方案", 2, "企业制定了质量安全标准化实施方案，记2分。", parts=(2,)),
            it(
                2,
                "知识讲座",
                2,
                "企业法定代表人或总经理全年进行了不少于两次对企业质量管理人员及项目负责人员的专题工程质量管理知识讲座，记2分。",
                parts=(2,),
            ),
            it(3, "监理班子", 3, "有完备的项目监理班子，记3分。", parts=(3,)),
            it(
                3,
                "方案审核",
                4,
                "对重大技术方案严格审核把关，记2分；对重点环节、重点部位实施旁站监理、重点监理，记2分。",
                parts=(2, 2),
            ),
            it(
                3,
                "隐患检查",
                4,
                "认真组织质量安全隐患检查，及时消除质量隐患。记4分，不满足一项扣2分，扣完为止，不倒扣分。",
                step=2,
            ),
            it(
                3,
                "自查自纠",
                4,
                "定期开展企业内部质量管理自查自纠，及时完善监理制度，记4分，不满足一项扣2分，扣完为止，不倒扣分。",
                step=2,
            ),
            it(
                4,
                "检测报告",
                5,
                "按照行业规章规定，如实出具检测报告；对发现的问题及时反映。记5分，不满足一项扣2.5分，扣完为止，不倒扣分。",
                step=2.5,
            ),
            it(
                5,
                "其    它",
                10,
                "其它参与保障性安居工程建设的有关责任主体，根据活动总体安排，主动开展检查，落实质量责任，记10分，不满足一项扣2分，扣完为止，不倒扣分。",
                step=2,
            ),
        ],
        "A",
    )
    B = ScoreSpec(
        "B",
        "河南省保障性安居工程质量监督工作考核评分表",
        [
            ("住房城乡建设主管部门\n\n(60分)", 60),
            ("参建各方责任主体\n\n（30分）", 30),
            ("工作亮点和特色\n（10分）", 10),
        ],
        [
            it(
                1,
                "机制建设",
                10,
                "主管部门明确了保障性安居工程监督管理机构职责及岗位责任分工，记5分；建立了内部工作制度，形成了相互监督与制约的内部监控机制，记3分；定期召开会议，研究分析、部署安排保障性安居工程质量监管工作，记2分。",
                parts=(5, 3, 2),
            ),
            it(
                1,
                "机构和队伍\n建设",
                5,
                "配备与监督管理工作相适应的专职人员3人（含）以上的，记2分；监督机构人员编制经费已解决的，记2分；监管工作人员办理行政执法证的，记1分。",
                parts=(2, 2, 1),
            ),
            it(
                1,
                "制度建设",
                4,
                "根据省政府办公厅《关于加强保障性安居工程质量安全管理工作的意见》及省厅《关于加强保障性住房质量监管的指导意见》等有关文件精神，结合当地实际，制定了保障性安居工程质量监管制度，记2分；制定了工程招投标、施工图审查、施工许可、质量投诉处理等工作管理制度，记2分。",
                parts=(2, 2),
            ),
            it(
                1,
                "档案管理",
                3,
                "建立了保障性安居工程档案管理制度的，记1分；文档、档案资料装订、保管有序并明确专人负责管理的，记1分；按工程项目建立了保障性安居工程管理台帐的，记1分。",
                parts=(1, 1, 1),
            ),
            it(
                1,
                "监督执法工作",
                10,
                "及时对保障性安居工程质量进行监督；依法有序地开展工程质量监督执法检查工作；对建设、勘察、设计、施工和监理等工程参建各方责任主体和工程质量检测等机构开展了执法检查；依法处理、处罚了相关违法违规行为，并及时公示相关责任单位和责任人；各类保障性安居工程全部依法纳入县级以上住房城乡建设部门的统一监管范围,不存在以开发区、工业园区、高新区、城市新区及重点工程为由逃避依法管理的行为。记10分，不满足一项扣2分，扣完为止，不倒扣分。",
                step=2,
            ),
            it(
                1,
                "回访保修",
                2,
                "各地结合本地实际，建立回访保修工作机制，认真督促参建各方责任主体及时履行质量保修责任。记2分。不满足一项扣1分，扣完为止，不倒扣分。",
                step=1,
            ),
            it(
                1,
                "工程质量投诉和复议",
                2,
                "严格按照保障性安居工程质量投诉管理相关制度受理和处理业主投诉，所作出的投诉处理决定未被复议机关、审判机关确认违法、撤销或变更。记2分，不满足一项扣1分，扣完为止，不倒扣分。",
                step=1,
            ),
            it(
                1,
                "层级监督考核",
                3,
                "依法依规对县（市、区）住房城乡建设主管部门保障性安居工程质量监督管理工作进行考核；按照有关规定及时通报考核结果和相关情况。记3分，不满足一项扣1.5分，扣完为止，不倒扣分。",
                step=1.5,
            ),
            it(
                1,
                "工程质量运行态势分析",
                10,
                "按时报送工程质量运行态势分析报告（含工程质量监督信息统计报表）工作，记5分。工程质量运行态势分析报告真实、准确、完整；年度工程质量运行态势分析报告总结全面、分析透彻，并及时报送，记5分。",
                parts=(5, 5),
            ),
            it(
                1,
                "宣传报导",
                2,
                "坚持经常性开展宣传报导活动，在市级（含）以上电视、电台、报纸、网络等新闻媒体上报道保障性安居工程质量管理情况，记2分。",
                parts=(2,),
            ),
            it(
                1,
                "学习培训",
                3,
                "积极参加省级以上住房城乡建设主管部门组织相关工作的学习培训；当地举办有关保障性安居工程质量监督管理法律法规制度讲座；积极组织本级监管人员、县（市、区）监督管理机构参加有关法律法规、业务知识等的学习培训或考试。记3分，不满足一项扣1分，扣完为止，不倒扣分。",
                step=1,
            ),
            it(
                1,
                "调查研究",
                3,
                "积极开展关于保障性安居工程质量监管有关政策、制度建设等的调查研究活动；开展考察、观摩、工作交流等活动，记3分，不满足一项扣1.5分，扣完为止，不倒扣分。",
                step=1.5,
            ),
            it(
                1,
                "完成工作任务的时效和质量",
                3,
                "按时报送年度工作计划和总结；及时抄报保障性安居工程质量监管工作情况；按时按质完成省住房城乡建设厅交办的相关工作任务，记3分，不满足一项扣1分，扣完为止，不倒扣分。",
                step=1,
            ),
            it(
                2,
                "履行基本建设程序",
                3,
                "各类保障性安居工程全部执行法律法规规定的基本建设程序；保障性安居工程开工前进行图纸审查，依法进行招投标，实行工程监理。记3分，不满足一项扣1.5分，扣完为止，不扣倒分。",
                step=1.5,
            ),
            it(
                2,
                "施工现场监管",
                12,
                "建设单位指定施工现场总代表人，全面负责协调施工现场的组织管理。设计单位积极做好设计交底，及时解决与设计有关的各种问题。施工单位建立施工现场管理责任制，全面负责施工过程中的现场管理；严格按照经审查合格的施工图设计文件和施工技术标准施工；不存在擅自修改工程设计、偷工减料的行为。监理单位认真落实总监理工程师负责制；项目总监未再承担其它项目的监理任务；根据保障性安居工程质量管理的难点，制定监理规划和监理实施细则，按规定采取旁站、巡视、平行检验等多种形式，及时到位进行监督检查；重要部位和关键工序经监理人员签字认可后，方进入下一道工序施工；施工的关键部位、关键环节、关键工序监理到位；认真履行对重大质量问题和事故的督促整改和报告的责任。施工单位、监理单位认真执行领导现场带班制度。记12分，不满足一项扣1分，扣完为止，不扣倒分。",
                step=1,
            ),
            it(
                2,
                "原材料质量\n控制",
                4.5,
                "施工、监理单位认真做好建筑材料的见证取样和送检工作，严格控制好钢筋、水泥、砌体材料等主要原材料和预拌商品混凝土的进场验收及复检工作。能够做到没有出厂合格证的建筑材料，不得进场，进场后抽样检验不合格的，不得使用。施工单位未弄虚作假，使用不合格的建筑材料。记4.5分，不满足一项扣1.5分，扣完为止，不扣倒分。",
                step=1.5,
            ),
            it(
                2,
                "重要分部（子分部）工程质量\n验收",
                4.5,
                "参建各方责任主体按照法律、法规和验收规范的要求，重点对地基基础工程、主体结构和建筑节能等分部（子分部）工程进行验收，未擅自简化验收程序、降低验收标准。能够做好屋面防水、外窗淋水、厕浴间蓄水和排水管道通球试验等重要使用功能的检查验收工作。同时，验收过程中对工程进场建筑材料合格证、检验报告、有关施工和隐蔽验收记录，以及涉及结构安全和功能性的检验试验记录等质量控制资料进行了全面核查。记4.5分，不满足一项扣1.5分，扣完为止，不倒扣分。",
                step=1.5,
            ),
            it(
                2,
                "分户验收",
                3,
                "在竣工验收前，全面推行由建设单位组织实施的分户验收工作。分户验收合格后，建设单位组织勘察、设计、施工、监理等有关单位严格按照规定的组织形式、验收程序和验收标准进行竣工验收，每套住房达到入住即可使用的条件，按规定及时办理竣工验收备案和城建档案移交工作。记3分，不满足一项扣1.5分，扣完为止，不倒扣分。",
                step=1.5,
            ),
            it(
                2,
                "永久标牌",
                3,
                "竣工的保障性安居工程项目，按要求在每栋楼的明显部位镶嵌永久性标牌，载明建设、勘察、设计、施工和监理等单位的名称和项目主要负责人姓名。记3分，不满足一项扣1.5分，扣完为止，不倒扣分。",
                step=1.5,
            ),
            # seed: section 3 has no item name, the text sits in the 评分内容 columns
            it(
                3,
                "",
                10,
                "积极开展制度创新，机制创新。监管制度、机制在全国或全省处于领先地位，能显著提高保障性安居工程监管质量和工作效率，记2.5分；被省级以上住房和城乡建设主管部门评为保障性安居工程质量监督管理先进单位的，记2.5分；辖区内保障性安居工程荣获省级“安居奖”的，记2.5分；工程质量运行态势分析报告（含工程质量监督信息统计报表）在省级以上住房城乡建设主管部门的专项评比中获奖或在通报中得到嘉奖的，记2.5分。",
                parts=(2.5, 2.5, 2.5, 2.5),
            ),
        ],
        "B",
    )
    for spec in (A, B):
        for i, (lab, mx) in enumerate(spec.sections, 1):
            assert sum(x.max for x in spec.items if x.section == i) == mx, (spec.key, lab)
    return {"A": A, "B": B}


SCORE_SPECS = _score_specs()


# ---- random figures ---------------------------------------------------------

_PLACES = ["城关", "昆阳", "龙泉", "任店", "田庄", "廉村", "保安", "仙台", "水寨", "夏李"]
_BUILDERS = [
    "平煤神马建工集团有限公司",
    "河南省第一建筑工程集团有限责任公司",
    "平顶山市鹰城建筑工程有限公司",
    "河南宏盛建设工程有限公司",
    "中建七局第三建筑有限公司",
    "河南五建建设集团有限公司",
]
_SUPERVISORS = [
    "河南建达工程咨询有限公司",
    "平顶山市建设监理有限公司",
    "河南诚信工程管理有限公司",
    "河南卓越工程管理有限公司",
]
_PROGRESS = ["基础施工", "主体施工至8层", "主体封顶", "二次结构", "装饰装修", "主体完工", "停工"]
_PARTIES = [
    ("平顶山市鹰城建筑工程有限公司", "项目经理"),
    ("河南建达工程咨询有限公司", "总监理工程师"),
    ("叶县城投置业有限公司", "项目负责人"),
    ("河南省建筑设计研究院有限公司", "设计负责人"),
    ("平顶山市建设工程检测中心", "检测员"),
    ("河南宏盛建设工程有限公司", "项目经理"),
]
_PEOPLE = ["张伟", "王芳", "李强", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴昊"]


def _qdate(rng, lo=Q_START, hi=dt.date(2024, 9, 20)):
    return lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))


def make_unit(
    unit: str,
    seed: int,
    n3: int,
    n4: int,
    n1: int,
    n2: int,
    score: str | None = None,
    n4_filed_min: int = 0,
    new_min: int = 0,
) -> UnitData:
    """Consistent figures for one unit: F5 and F6 are derived from the projects."""
    rng = random.Random(seed)
    code = UNIT_CODE.get(unit, "XX")
    seq = iter(range(1, 1000))

    def project(in_f4: bool) -> Project:
        kind = rng.choice(["res", "res", "pub", "ind"])
        place = rng.choice(_PLACES)
        n = next(seq)
        new = rng.random() < 0.4
        year = 2024 if new else rng.choice([2022, 2023, 2024])
        reg = rng.choice([f"{code}{year}-{n:03d}", f"4104{n:02d}{year}{n:04d}", f"{code}-{year}-{n:04d}"])
        if kind == "res":
            area = rng.randint(40, 250) * 100
            aff = rng.random() < 0.35
            name = f"{place}{'安置小区' if aff else '花园'}{n}#楼"
            cats = {"residential"} | ({"affordable_housing"} if aff else set())
            struct = rng.choice(["剪力墙", "框架-剪力墙", "砖混"])
        elif kind == "pub":
            area = rng.randint(15, 450) * 100
            name = rng.choice([f"{place}第{n}中学教学楼", f"{place}文体中心{n}", f"{unit}人民医院病房楼{n}"])
            cats = {"public"} | ({"large_public"} if area >= 20000 else set())
            struct = rng.choice(["框架", "框架-剪力墙", "钢结构"])
        else:
            area = rng.randint(20, 200) * 100
            name = f"{place}产业园标准化厂房{n}#"
            cats = set()
            struct = rng.choice(["钢结构", "排架"])
        if struct == "钢结构":
            cats.add("steel")
        if rng.random() < 0.5:
            cats.add("county")
        price = rng.randint(1800, 4500)  # 元/㎡
        cost_c = area * price // 100 + rng.randint(0, 99)
        p = Project(
            reg,
            name,
            struct,
            area,
            cost_c,
            rng.choice(_BUILDERS),
            rng.choice(_SUPERVISORS),
            new=new,
            cats=frozenset(cats),
        )
        if in_f4:
            p.completed_on = _qdate(rng)
            if rng.random() < 0.7:
                p.filed_on = min(Q_END, p.completed_on + dt.timedelta(days=rng.randint(0, 20)))
                p.filing_result = rng.choice(["准予备案", "同意备案", "已备案"])
        else:
            p.progress = rng.choice(_PROGRESS)
        return p

    f3 = [project(False) for _ in range(n3)]
    f4 = [project(True) for _ in range(n4)]
    # preconditions asked for by a planted defect
    for p in f4[:n4_filed_min]:
        if p.filed_on is None:
            p.filed_on = p.completed_on
            p.filing_result = "准予备案"
    for p in (f3 + f4)[:new_min]:
        p.new = True
    allp = f3 + f4
    ip, comp = measure_of(f3), measure_of(f4)
    filed = measure_of([p for p in f4 if p.filed_on])
    new = measure_of([p for p in allp if p.new])
    carried = ip + comp - new
    sat = None
    if filed.count:
        satisfied = rng.randint(-(-filed.count * 8 // 10), filed.count)
        sat = rate(satisfied, filed.count)
    acc = 1 if rng.random() < 0.15 else 0
    deaths = rng.choice([0, 0, 1]) if acc else 0
    loss = rng.choice([0, 1250, 38000]) if acc else 0
    f5 = F5Figures(carried, new, ip, comp, filed, sat, acc, deaths, loss)

    f6 = {}
    for cat in F6_CATS:
        f6[cat] = {
            "new": measure_of([p for p in allp if p.new and cat in p.cats]),
            "completed": measure_of([p for p in f4 if cat in p.cats]),
            "filed": measure_of([p for p in f4 if p.filed_on and cat in p.cats]),
            "in_progress": measure_of([p for p in f3 if cat in p.cats]),
        }

    f1 = []
    for i in range(n1):
        party, title = rng.choice(_PARTIES)
        rec = _qdate(rng)
        f1.append(
            BadRecord(
                record_no=rng.choice([f"{unit}不良〔2024〕{i + 1}号", f"BL2024-{code}-{i + 1:02d}"]),
                project=(rng.choice(allp).name if allp else f"{rng.choice(_PLACES)}商住楼"),
                party=party,
                person=rng.choice(_PEOPLE),
                title=title,
                fact=rng.choice(
                    [
                        "未按审查合格的施工图施工",
                        "项目经理长期不在岗",
                        "监理旁站记录缺失",
                        "混凝土试块弄虚作假",
                    ]
                ),
                clause=rng.choice(["第十条第（三）项", "第八条第（一）项", "第十二条"]),
                recorder=rng.choice(_PEOPLE),
                recorded_on=rec,
                approver=rng.choice(_PEOPLE),
                approved_on=min(Q_END, rec + dt.timedelta(days=rng.randint(0, 8))),
            )
        )
    f2 = []
    for i in range(n2):
        party, _ = rng.choice(_PARTIES)
        f2.append(
            Penalty(
                record_no=rng.choice([f"{code}建罚〔2024〕{i + 1}号", f"{unit}住建罚字〔2024〕第{i + 11}号"]),
                project=(rng.choice(allp).name if allp else f"{rng.choice(_PLACES)}综合楼"),
                party=party,
                date=_qdate(rng),
                fact=rng.choice(["未取得施工许可擅自施工", "使用不合格钢筋", "未按规定进行见证取样"]),
                basis="《建设工程质量管理条例》第" + rng.choice(["五十七", "六十四", "六十七"]) + "条",
                penalty=rng.choice(["罚款人民币5万元", "罚款人民币2万元，责令整改", "责令停工整改"]),
                status=rng.choice(["已执行", "执行中"]),
                handling=rng.choice(["已整改到位", "责令限期整改", "已结案"]),
            )
        )

    sc = None
    if score:
        spec = SCORE_SPECS[score]
        sc = ScoreSheet(spec, {it.name: rng.choice(it.reachable()[-3:]) for it in spec.items})
    return UnitData(unit, f1, f2, f3, f4, f5, f6, sc)


# --------------------------------------------------------------------------
# layout
# --------------------------------------------------------------------------


@dataclass
class Layout:
    # first value of each axis is the plainest; hypothesis shrinks towards it
    row_offset: int = 0
    col_offset: int = 0
    title: str = "merged"  # merged | two_rows | plain | absent
    title_period: bool = False  # "（2024年第三季度）" in the title
    unit_line: str = "plain"  # plain | merged | split | with_others | absent
    header_rows: int = 2  # 1 (flattened) or 2 (group row + sub row)
    header_merge: str = "merged"  # merged | first | repeat   (group and vertical cells)
    index_row: str = "none"  # none | numbers | jia_yi   (栏次 row under the header)
    header_text: str = "seed"  # seed (line breaks as in the seed) | joined | spaced
    brackets: str = "full"  # full （） | half ()
    detail_area_unit: str = "平方米"  # 平方米 | ㎡ | 万㎡ | m2 | m²
    stats_area_unit: str = "万㎡"  # 万㎡ | 万平方米 | 万m2 | ㎡
    extra_cols: str = "seed"  # seed | plus (序号/备注 added) | minus (序号/备注 of 附表3/4 dropped)
    blank_rows: bool = False  # blank rows between records and empty template rows after them
    subtotal: bool = False  # 小计 rows in 附表3/附表4
    detail_total: str = "absent"  # absent | bottom | top   (合计 in 附表3/附表4)
    placeholder: str = (
        "none"  # none | wu_pair | merged_text | dash_all | slash_all | zanwu | wu_all | text_second
    )
    trailer: bool = False  # a "以下空白" row right after the last record of 附表1-4
    note_rows: bool = False  # 注/填表说明/统计员 lines after each table
    f5_total: str = "bottom"  # bottom | top | absent
    sheets: str = "one_per_sheet"  # one_per_sheet | pairs | single
    order_seed: int = 0  # permutation of the forms (0 = 附表1..6 in order)
    sheet_names: str = "formal"  # formal | short | descriptive | generic | mixed
    hidden_sheet: bool = False
    cover: bool = False
    numbers: str = "numeric"  # numeric | text | mixed
    percent: str = "number"  # number | percent_text | fraction | excel_percent
    dates: str = "excel"  # excel | dotted | iso | cn | slash | mixed
    file_name: str = "unit"  # unit | unit_suffix | neutral (neutral only with a 填表单位 line)
    score_text: str = "full"  # full | abbrev | paraphrase
    score_order: str = "seed"  # seed | shuffled (items reordered within a section)
    score_subtotal: str = "merged"  # merged | first (小计 in the section's first row only)
    score_spelling: str = "number"  # number | fullwidth | float | fen | mixed
    spell_seed: int = 0


FORMS = ["F1", "F2", "F3", "F4", "F5", "F6"]
_SHEET_NAMES = {
    "formal": {f: f"附表{f[1]}" for f in FORMS},
    "short": {f: f"表{f[1]}" for f in FORMS},
    "descriptive": {
        "F1": "不良行为记录",
        "F2": "行政处罚",
        "F3": "在建工程明细",
        "F4": "竣工工程明细",
        "F5": "季度统计表",
        "F6": "分类统计表",
    },
}
_TITLES = {
    "F1": "河南省建设工程有关责任主体及相关责任人员不良行为记录统计表",
    "F2": "河南省建设工程质量责任主体行政处罚记录表",
    "F3": "河南省建设工程质量监督在建工程明细表",
    "F4": "河南省建设工程质量监督竣工工程明细表",
    "F5": "河南省建设工程质量监督季度统计表",
    "F6": "河南省建设工程质量监督季（年）度分类统计表",
}
_EMPTY_WHAT = {"F1": "不良行为", "F2": "行政处罚", "F3": "在建工程", "F4": "竣工工程"}

_FW = str.maketrans("0123456789", "０１２３４５６７８９")


# --------------------------------------------------------------------------
# rendering helpers
# --------------------------------------------------------------------------


class Block:
    """A table rendered at relative coordinates (0-based rows/cols)."""

    def __init__(self):
        self.cells: dict = {}
        self.fmts: dict = {}
        self.merges: list = []
        self.keys: dict = {}
        self.h = 0

    def put(self, r, c, v, fmt=None, key=None):
        if v is not None and v != "":
            self.cells[(r, c)] = v
        if fmt:
            self.fmts[(r, c)] = fmt
        if key is not None:
            self.keys[key] = (r, c)
        self.h = max(self.h, r + 1)

    def merge(self, r1, c1, r2, c2):
        if (r1, c1) != (r2, c2):
            self.merges.append((r1, c1, r2, c2))
        self.h = max(self.h, r2 + 1)


class Ctx:
    def __init__(self, layout: Layout, overrides: dict):
        self.L = layout
        self.rng = random.Random(layout.spell_seed)
        self.over = overrides

    # header text -------------------------------------------------------
    def h(self, s: str) -> str:
        L = self.L
        if L.header_text == "joined":
            s = s.replace("\n", "")
        elif L.header_text == "spaced":
            core = s.replace("\n", "")
            if len(core) <= 4 and "（" not in core:
                s = "  ".join(core)
            else:
                s = s.replace("\n", " ")
        if L.brackets == "half":
            s = s.replace("（", "(").replace("）", ")")
        return s

    # numbers -----------------------------------------------------------
    def num(self, v, kind="amount"):
        """v: int or Decimal (or None for empty). Returns (value, number_format)."""
        L, rng = self.L, self.rng
        if v is None:
            if L.numbers == "numeric":
                return None, None
            return rng.choice(["", "—", "/"]), None
        style = L.numbers
        if style == "mixed":
            style = rng.choice(["numeric", "text"])
        if style == "numeric":
            if isinstance(v, Decimal):
                return (int(v) if v == v.to_integral_value() and kind == "count" else float(v)), (
                    "0.00" if kind == "amount" else None
                )
            return v, None
        s = _plain(v)
        if v == 0 and kind != "rate":
            return rng.choice(["0", "—", "/", "无", "0 "]), None
        choice = rng.choice(["plain", "fullwidth", "comma", "space"])
        if choice == "fullwidth":
            s = s.translate(_FW)
        elif choice == "comma" and abs(v) >= 1000:
            s = f"{Decimal(v):,}" if isinstance(v, Decimal) else f"{v:,}"
        elif choice == "space":
            s = s + rng.choice([" ", "  ", "\u3000"])
        return s, None

    def pct(self, v: Decimal | None):
        if v is None:
            return self.num(None)
        p = self.L.percent
        if p == "percent_text":
            return f"{_plain(v)}%", None
        if p == "fraction" and Decimal(1) < v < Decimal(100):
            return float(v / 100), None
        if p == "excel_percent":
            return float(v / 100), "0.0%"
        return self.num(v, "rate")

    def date(self, d: dt.date | None):
        if d is None:
            return None, None
        st = self.L.dates
        if st == "mixed":
            st = self.rng.choice(["excel", "dotted", "iso", "cn", "slash"])
        if st == "excel":
            return dt.datetime(d.year, d.month, d.day), self.rng.choice(
                ["yyyy-mm-dd", 'yyyy"年"m"月"d"日"', "yyyy/m/d"]
            )
        if st == "dotted":
            return f"{d.year}.{d.month}.{d.day}", None
        if st == "iso":
            return d.isoformat(), None
        if st == "cn":
            return f"{d.year}年{d.month}月{d.day}日", None
        return f"{d.year}/{d.month}/{d.day}", None

    def put(self, b: Block, r, c, v, fmt=None, key=None):
        if key is not None and key in self.over:
            o = self.over[key]
            if isinstance(o, tuple) and o[0] == "pct":
                v, fmt = self.pct(o[1])
            elif isinstance(o, tuple) and o[0] == "num":
                v, fmt = self.num(o[1])
            else:
                v, fmt = o, None
        b.put(r, c, v, fmt, key)


def _plain(v) -> str:
    if isinstance(v, Decimal):
        s = format(v.normalize(), "f") if v != 0 else "0"
        return s
    return str(v)


def _area_detail(ctx: Ctx, m2: int):
    u = ctx.L.detail_area_unit
    return ctx.num(Decimal(m2) / 10000 if u == "万㎡" else m2, "amount")


def _area_stats(ctx: Ctx, m: Measure):
    u = ctx.L.stats_area_unit
    return ctx.num(Decimal(m.area_m2) if u == "㎡" else m.area, "amount")


def _stats_area_label(ctx: Ctx) -> str:
    return f"面积\n（{ctx.L.stats_area_unit}）"


def _title_rows(ctx: Ctx, b: Block, form: str, width: int, unit: str) -> int:
    """Writes title and 填表单位 rows; returns the next free row."""
    L = ctx.L
    r = 0
    title = _TITLES[form] + ("（2024年第三季度）" if L.title_period else "")
    tag = f"附表{form[1]}"
    if L.title == "two_rows":
        b.put(r, 0, tag)
        r += 1
        b.put(r, 0, title)
        b.merge(r, 0, r, width - 1)
        r += 1
    elif L.title == "merged":
        b.put(r, 0, f"{tag}  {title}")
        b.merge(r, 0, r, width - 1)
        r += 1
    elif L.title == "plain":
        b.put(r, 0, title)
        r += 1
    org = f"{unit}建设工程质量监督站"
    if L.unit_line == "plain":
        b.put(r, 0, f"填表单位（公章）：{org}")
        r += 1
    elif L.unit_line == "merged":
        b.put(r, 0, f"填表单位（盖章）：{org}")
        b.merge(r, 0, r, width - 1)
        r += 1
    elif L.unit_line == "split":
        b.put(r, 0, "填表单位（公章）：")
        b.put(r, 1, org)
        r += 1
    elif L.unit_line == "with_others":
        b.put(
            r, 0, f"填表单位（公章）: {org}      填表人: 王晓      批准人: 李建      填表日期: 2024年10月8日"
        )
        b.merge(r, 0, r, max(0, width - 1))
        r += 1
    return r


def _header(ctx: Ctx, b: Block, r0: int, cols: list) -> int:
    """cols: [(group_label or None, label, is_text)].  Returns the first data row."""
    L = ctx.L
    grouped = any(g for g, _, _ in cols)
    nrows = L.header_rows if grouped else 1
    if not grouped and L.header_rows == 2:
        nrows = 2  # a tall header copied from Word: label over two rows
    if nrows == 1:
        for c, (g, lab, _) in enumerate(cols):
            b.put(r0, c, ctx.h((g or "").replace("\n", "") + lab) if g else ctx.h(lab))
    else:
        c = 0
        while c < len(cols):
            g, lab, _ = cols[c]
            if g is None:
                b.put(r0, c, ctx.h(lab))
                if L.header_merge == "merged":
                    b.merge(r0, c, r0 + 1, c)
                c += 1
                continue
            span = 1
            while c + span < len(cols) and cols[c + span][0] == g:
                span += 1
            if L.header_merge == "repeat":
                for k in range(span):
                    b.put(r0, c + k, ctx.h(g))
            else:
                b.put(r0, c, ctx.h(g))
                if L.header_merge == "merged":
                    b.merge(r0, c, r0, c + span - 1)
            for k in range(span):
                b.put(r0 + 1, c + k, ctx.h(cols[c + k][1]))
            c += span
    r = r0 + nrows
    if L.index_row != "none":
        jia = iter("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥")
        n = iter(range(1, 100))
        for c, (_, _, is_text) in enumerate(cols):
            if L.index_row == "jia_yi" and is_text:
                b.put(r, c, next(jia))
            else:
                b.put(r, c, next(n))
        r += 1
    return r


def _placeholder(ctx: Ctx, b: Block, r: int, form: str, width: int, first_col: int = 0) -> int:
    p = ctx.L.placeholder
    what = _EMPTY_WHAT[form]
    if p == "none":
        return r
    if p == "wu_pair":
        b.put(r, first_col, "无")
        b.put(r, first_col + 1, f"本季度无{what}记录")
    elif p == "merged_text":
        b.put(r, 0, f"本季度无{what}记录")
        b.merge(r, 0, r, width - 1)
    elif p in ("dash_all", "slash_all", "wu_all"):
        ch = {"dash_all": "—", "slash_all": "/", "wu_all": "无"}[p]
        for c in range(width):
            b.put(r, c, ch)
    elif p == "zanwu":
        b.put(r, first_col, "暂无")
    elif p == "text_second":
        b.put(r, first_col + 1, f"本季度无{what}记录")
    return r + 1


def _trailer(ctx: Ctx, b: Block, r: int, n: int) -> int:
    if ctx.L.trailer and n:
        b.put(r, 0, "以下空白")
        return r + 1
    return r


# --------------------------------------------------------------------------
# the forms
# --------------------------------------------------------------------------


def _block_f1(ctx: Ctx, d: UnitData) -> Block:
    L = ctx.L
    cols = [
        (None, "记录\n编号", True),
        (None, "工程名称", True),
        (None, "责任单位", True),
        ("责  任  人", "姓名", True),
        ("责  任  人", "职务", True),
        (None, "不良行为事实", True),
        (None, "对应省不良记录管理办法条款", True),
        (None, "记录人", True),
        (None, "记录\n日期", True),
        (None, "批准人", True),
        (None, "批准\n日期", True),
    ]
    serial = L.extra_cols == "plus"
    if serial:
        cols = [(None, "序号", False)] + cols + [(None, "备注", True)]
    b = Block()
    r = _title_rows(ctx, b, "F1", len(cols), d.unit)
    r = _header(ctx, b, r, cols)
    o = 1 if serial else 0
    if not d.f1:
        r = _placeholder(ctx, b, r, "F1", len(cols), 0)
    for i, x in enumerate(d.f1):
        if serial:
            ctx.put(b, r, 0, i + 1)
        vals = [
            ("record_no", x.record_no),
            ("project", x.project),
            ("party", x.party),
            ("person", x.person),
            ("title", x.title),
            ("fact", x.fact),
            ("clause", x.clause),
            ("recorder", x.recorder),
            ("recorded_on", ctx.date(x.recorded_on)),
            ("approver", x.approver),
            ("approved_on", ctx.date(x.approved_on)),
        ]
        for c, (k, v) in enumerate(vals):
            fmt = None
            if isinstance(v, tuple):
                v, fmt = v
            ctx.put(b, r, o + c, v, fmt, key=("F1", i, k))
        r += 1
        if L.blank_rows and i == 0 and len(d.f1) > 1:
            r += 1
    r = _trailer(ctx, b, r, len(d.f1))
    if L.blank_rows:
        r += 3
    if L.note_rows:
        b.put(
            r,
            0,
            "备注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测机构、施工图审查机构及其它有关单位。",
        )
        r += 1
    return b


def _block_f2(ctx: Ctx, d: UnitData) -> Block:
    L = ctx.L
    cols = [
        (None, "记录编号", True),
        (None, "工程名称", True),
        (None, "责任单位", True),
        (None, "时间", True),
        (None, "违法违规事实", True),
        (None, "处罚依据", True),
        (None, "处罚内容", True),
        (None, "处罚情况", True),
        (None, "处理情况", True),
    ]
    serial = L.extra_cols == "plus"
    if serial:
        cols = [(None, "序号", False)] + cols + [(None, "备注", True)]
    b = Block()
    r = _title_rows(ctx, b, "F2", len(cols), d.unit)
    r = _header(ctx, b, r, cols)
    o = 1 if serial else 0
    if not d.f2:
        r = _placeholder(ctx, b, r, "F2", len(cols), 0)
    for i, x in enumerate(d.f2):
        if serial:
            ctx.put(b, r, 0, i + 1)
        vals = [
            ("record_no", x.record_no),
            ("project", x.project),
            ("party", x.party),
            ("date", ctx.date(x.date)),
            ("fact", x.fact),
            ("basis", x.basis),
            ("penalty", x.penalty),
            ("status", x.status),
            ("handling", x.handling),
        ]
        for c, (k, v) in enumerate(vals):
            fmt = None
            if isinstance(v, tuple):
                v, fmt = v
            ctx.put(b, r, o + c, v, fmt, key=("F2", i, k))
        r += 1
        if L.blank_rows and i == 0 and len(d.f2) > 1:
            r += 1
    r = _trailer(ctx, b, r, len(d.f2))
    if L.blank_rows:
        r += 2
    if L.note_rows:
        b.put(
            r,
            0,
            "注：责任单位指建设单位、勘察单位、设计单位、施工单位、监理单位、检测单位、施工图审查机构及其它有关单位。",
        )
        b.put(
            r + 1,
            0,
            "填表人：王晓                        批准人：李建                           填表日期：2024年10月8日",
        )
        r += 2
    return b


def _block_detail(ctx: Ctx, d: UnitData, form: str) -> Block:
    L = ctx.L
    rows = d.f3 if form == "F3" else d.f4
    au = L.detail_area_unit
    cols = [
        ("serial", "序号"),
        ("reg_no", "工程质量监督注册号"),
        ("project", "工程名称"),
        ("structure", "结构\n类型"),
        ("area", f"建筑面积\n（{au}）"),
        ("cost", "工程造价\n（万元）"),
        ("builder", "施工单位"),
        ("supervisor", "监理单位"),
    ]
    if form == "F3":
        cols += [("progress", "形象进度"), ("remark", "备注")]
    else:
        cols += [
            ("completed_on", "竣工\n日期"),
            ("acceptance", "竣工验收结论"),
            ("filed_on", "备案\n日期"),
            ("filing_result", "备案\n结论"),
        ]
    if L.extra_cols == "minus":
        cols = [c for c in cols if c[0] not in ("serial", "remark")]
    elif L.extra_cols == "plus" and form == "F4":
        cols.append(("remark", "备注"))
    idx = {k: i for i, (k, _) in enumerate(cols)}
    label_col = idx.get("serial", idx["reg_no"])
    b = Block()
    r = _title_rows(ctx, b, form, len(cols), d.unit)
    r = _header(ctx, b, r, [(None, lab, k not in ("serial", "area", "cost")) for k, lab in cols])

    def total_row(r, label, projs):
        b.put(r, label_col, label)
        v, f = _area_detail(ctx, sum(p.area_m2 for p in projs))
        b.put(r, idx["area"], v, f)
        v, f = ctx.num(Decimal(sum(p.cost_c for p in projs)) / 100)
        b.put(r, idx["cost"], v, f)
        return r + 1

    if L.detail_total == "top" and rows:
        r = total_row(r, "合计", rows)
    if not rows:
        r = _placeholder(ctx, b, r, form, len(cols), 0)
    half = len(rows) // 2 if (L.subtotal and len(rows) >= 2) else None
    for i, p in enumerate(rows):
        vals = {
            "serial": (i + 1, None),
            "reg_no": (p.reg_no, None),
            "project": (p.name, None),
            "structure": (p.structure, None),
            "area": _area_detail(ctx, p.area_m2),
            "cost": ctx.num(Decimal(p.cost_c) / 100),
            "builder": (p.builder, None),
            "supervisor": (p.supervisor, None),
            "progress": (p.progress, None),
            "remark": ("", None),
            "completed_on": ctx.date(p.completed_on),
            "acceptance": (p.acceptance, None),
            "filed_on": ctx.date(p.filed_on),
            "filing_result": (p.filing_result, None),
        }
        for k, c in idx.items():
            v, f = vals[k]
            ctx.put(b, r, c, v, f, key=(form, i, k))
        r += 1
        if half is not None and i + 1 == half:
            r = total_row(r, "小计", rows[:half])
        if L.blank_rows and i == 0 and len(rows) > 1 and half != 1:
            r += 1
    if half is not None:
        r = total_row(r, "小计", rows[half:])
    if L.detail_total == "bottom" and rows:
        r = total_row(r, "合计", rows)
    r = _trailer(ctx, b, r, len(rows))
    if L.blank_rows:
        r += 3
    if L.note_rows:
        b.put(
            r,
            0,
            "统计员：王晓                      批准人：李建                              报送日期：2024年10月8日",
        )
        r += 1
    return b


def _f5_cols(ctx: Ctx):
    au = _stats_area_label(ctx)
    g = {
        "carried_over": "上季度接转工程",
        "new": "本季度新注册工程",
        "in_progress": "本季度在建工程",
        "completed": "本季度竣工工程",
        "filed": "本季度质量备案\n工程",
    }
    cols: list[tuple[str | None, str, bool, str | None]] = [
        (None, "    市、县\n    （市）\n序号", True, None)
    ]
    for k in F5_GROUPS:
        cols += [
            (g[k], "项数", False, f"{k}.count"),
            (g[k], au, False, f"{k}.area"),
            (g[k], "造价\n（万元）", False, f"{k}.cost"),
        ]
    cols += [
        ("季度质量\n备案率（%）", "项数", False, "filing_rate.count"),
        ("季度质量\n备案率（%）", "面积", False, "filing_rate.area"),
        (None, "用户\n满意率\n（%）", False, "satisfaction_rate"),
        ("本季度发生工程质量事故", "项数", False, "accidents.count"),
        ("本季度发生工程质量事故", "死亡人数", False, "accidents.deaths"),
        ("本季度发生工程质量事故", "经济损失（万元）", False, "accidents.loss"),
    ]
    if ctx.L.extra_cols == "plus":
        cols.append((None, "备注", True, None))
    return cols


def _f5_values(ctx: Ctx, f: F5Figures) -> dict:
    out = {}
    for k in F5_GROUPS:
        m = getattr(f, k)
        out[f"{k}.count"] = ctx.num(m.count, "count")
        out[f"{k}.area"] = _area_stats(ctx, m)
        out[f"{k}.cost"] = ctx.num(m.cost)
    out["filing_rate.count"] = ctx.pct(f.filing_rate_count)
    out["filing_rate.area"] = ctx.pct(f.filing_rate_area)
    out["satisfaction_rate"] = ctx.pct(f.satisfaction)
    out["accidents.count"] = ctx.num(f.accidents, "count")
    out["accidents.deaths"] = ctx.num(f.deaths, "count")
    out["accidents.loss"] = ctx.num(Decimal(f.loss_c) / 100)
    return out


def _block_f5(ctx: Ctx, d: UnitData) -> Block:
    L = ctx.L
    cols = _f5_cols(ctx)
    b = Block()
    r = _title_rows(ctx, b, "F5", len(cols), d.unit)
    r = _header(ctx, b, r, [(g, lab, t) for g, lab, t, _ in cols])

    def row(r, label, which):
        b.put(r, 0, label)
        vals = _f5_values(ctx, d.f5)
        for c, (_, _, _, k) in enumerate(cols):
            if k:
                v, f = vals[k]
                ctx.put(b, r, c, v, f, key=("F5", which, k))
        return r + 1

    if L.f5_total == "top":
        r = row(r, "合计", "total")
    r = row(r, d.unit, "unit")
    if L.blank_rows:
        r += 3  # empty template rows left between the unit and 合计
    if L.f5_total == "bottom":
        r = row(r, "合    计" if L.header_text == "spaced" else "合计", "total")
    if L.note_rows:
        b.put(
            r,
            0,
            "填表说明：1、在建工程：已办理监督注册手续，尚未完工或已完工，但未进行竣工验收的工程；2、竣工工程：已办理监督注册手续，已通过竣工验收的工程；3、质量备案率：已办理质量备案手续的工程/竣工工程；4、用户满意率：用户评价为满意的工程（项数）/已办理质量备案手续的工程；5、接转工程：上一季（年）度在建工程。",
        )
        b.put(
            r + 1,
            0,
            "统计员：王晓                          批准人：李建                       报送日期：2024年10月8日",
        )
        r += 2
    return b


def _block_f6(ctx: Ctx, d: UnitData) -> Block:
    L = ctx.L
    au = (
        _stats_area_label(ctx).replace("面积", "面 积", 1)
        if L.header_text == "seed"
        else _stats_area_label(ctx)
    )
    G = {
        "new": "本季/年新注册项目",
        "completed": "本季/年竣工工程",
        "filed": "本季/年质量备案工程",
        "in_progress": "本季/年在建工程",
    }
    cols: list[tuple[str | None, str, bool, str | None]] = [(None, "项  目", True, None)]
    for group in ["new", "completed", "filed", "in_progress"]:
        cols += [
            (G[group], "项数", False, f"{group}.count"),
            (G[group], au, False, f"{group}.area"),
            (G[group], "造价\n（万元）", False, f"{group}.cost"),
        ]
        if group == "filed":
            cols.append((G[group], "备案率\n（项%）", False, "filing_rate"))
    b = Block()
    r = _title_rows(ctx, b, "F6", len(cols), d.unit)
    r = _header(ctx, b, r, [(g, lab, t) for g, lab, t, _ in cols])
    for cat in F6_CATS:
        b.put(r, 0, ctx.h(F6_LABEL[cat]))
        for c, (_, _, _, k) in enumerate(cols):
            if not k:
                continue
            if k == "filing_rate":
                v, f = ctx.pct(d.f6_rate(cat))
            else:
                grp, meas = k.split(".")
                m = d.f6[cat][grp]
                if meas == "count":
                    v, f = ctx.num(m.count, "count")
                elif meas == "area":
                    v, f = _area_stats(ctx, m)
                else:
                    v, f = ctx.num(m.cost)
            ctx.put(b, r, c, v, f, key=("F6", cat, k))
        r += 1
    if L.note_rows:
        b.put(
            r,
            0,
            "统计员：王晓                            批准人：李建                           报送日期：2024年10月8日",
        )
        r += 1
    return b


def _score_value(ctx: Ctx, v: Decimal):
    sp = ctx.L.score_spelling
    if sp == "mixed":
        sp = ctx.rng.choice(["number", "fullwidth", "float", "fen"])
    s = _plain(v)
    if sp == "fullwidth":
        return s.translate(_FW)
    if sp == "float":
        return float(v)
    if sp == "fen":
        return s + "分"
    return int(v) if v == v.to_integral_value() else float(v)


def _score_text(ctx: Ctx, it: ScoreItem) -> str:
    st = ctx.L.score_text
    if st == "full":
        return it.text
    n = _plain(it.stated or it.max)
    if it.step:
        clause = f"记{n}分，不满足一项扣{_plain(it.step)}分，扣完为止，不倒扣分。"
    else:
        clause = "；".join(f"……记{_plain(p)}分" for p in it.parts) + "。"
    if st == "abbrev":
        return ("……" + clause) if it.step else clause
    # paraphrase: the opening words then the scoring clause
    return it.text[:10] + "……" + (clause if it.step else clause.replace("……", "", 1))


def _block_score(ctx: Ctx, d: UnitData) -> Block:
    sheet = d.score
    assert sheet is not None  # called for a unit with a score sheet
    spec = sheet.spec
    L = ctx.L
    b = Block()
    b.put(0, 0, "附表")
    b.put(1, 0, spec.title)
    b.merge(1, 0, 1, 6)
    b.put(2, 0, f"填报单位：{d.unit}住房和城乡建设局")
    r = 3
    b.put(r, 0, "序号")
    b.put(r, 1, "考核对象")
    b.put(r, 2, "评分内容及评分标准" if spec.key == "A" else "评分内容及标准")
    b.merge(r, 2, r + 1, 3)
    b.put(r, 4, "分值")
    b.put(r, 5, "考核评分")
    b.merge(r, 5, r, 6)
    b.put(r + 1, 5, "得分")
    b.put(r + 1, 6, "小计")
    for c in (0, 1, 4):
        b.merge(r, c, r + 1, c)
    r += 2
    total = Decimal(0)
    prng = random.Random(L.spell_seed + 7)
    for si, (label, _max) in enumerate(spec.sections, 1):
        items = [it for it in spec.items if it.section == si]
        if L.score_order == "shuffled":
            prng.shuffle(items)
        r1 = r
        sub = Decimal(0)
        for it in items:
            if it.name:
                b.put(r, 2, it.name)
                b.put(r, 3, _score_text(ctx, it))
            else:
                b.put(r, 2, _score_text(ctx, it))
                b.merge(r, 2, r, 3)
            b.put(
                r,
                4,
                _score_value(ctx, it.max)
                if L.score_spelling in ("fen",)
                else (int(it.max) if it.max == it.max.to_integral_value() else float(it.max)),
            )
            v = sheet.scores[it.name]
            ctx.put(b, r, 5, _score_value(ctx, v), key=("SC", it.name, "score"))
            sub += v
            r += 1
        b.put(r1, 0, si)
        b.put(r1, 1, label)
        b.keys[("SC", si, "subtotal")] = (r1, 6)
        b.put(r1, 6, _score_value(ctx, sub))
        if r - 1 > r1:
            b.merge(r1, 0, r - 1, 0)
            b.merge(r1, 1, r - 1, 1)
            if L.score_subtotal == "merged":
                b.merge(r1, 6, r - 1, 6)
        total += sub
    if spec.total_style == "A":
        b.put(r, 0, "合                               计")
        b.merge(r, 0, r, 4)
        b.put(r, 5, _score_value(ctx, total))
        b.merge(r, 5, r, 6)
    else:
        b.put(r, 0, len(spec.sections) + 1)
        b.put(r, 1, "合计")
        b.merge(r, 1, r, 3)
        b.put(r, 4, 100)
        b.put(r, 5, _score_value(ctx, total))
        b.merge(r, 5, r, 6)
    return b


# --------------------------------------------------------------------------
# planting
# --------------------------------------------------------------------------

PLANTABLE = [
    "F5-002",
    "F5-001",
    "F3-001",
    "F4-002",
    "ST003",
    "SC001",
    "SC003",
    "F4-003",
    "F1-002",
    "F1-004",
    "F2-003",
    "F5-007",
    "F6-001",
    "ST002",
    "ST005",
    "F3-004",
]


def plant_needs(rule: str) -> dict[str, int]:
    """Minimum sizes make_unit must provide for a planted rule."""
    needs: dict[str, dict[str, int]] = {  # score=True: a score sheet
        "F5-002": dict(n4=1),
        "F3-001": dict(n3=2),
        "F4-002": dict(n4=1),
        "ST003": dict(n3=1),
        "F4-003": dict(n4=1, n4_filed_min=1),
        "F1-002": dict(n1=1),
        "F1-004": dict(n1=2),
        "F2-003": dict(n2=2),
        "F6-001": dict(),
        "ST002": dict(n3=1),
        "ST005": dict(n4=1),
        "F3-004": dict(n3=1),
        "SC001": dict(score=True),
        "SC003": dict(score=True),
    }
    return needs.get(rule, {})


@dataclass
class Planted:
    rule: str
    sheet: str
    cell: str  # A1 address as Excel shows it
    also: tuple = ()  # other acceptable cells (e.g. the first of two duplicates)

    @property
    def cells(self):
        return (self.cell,) + tuple(self.also)


def _plant(d: UnitData, layout: Layout, rule: str, rng: random.Random):
    """Mutates d (a private copy) / returns overrides; returns (keys, overrides, layout)."""
    over: dict[tuple[str, int | str, str], object] = {}
    if rule == "F5-002":
        good = d.f5.filing_rate_count
        bad = good - 10 if good >= 50 else good + 10
        over[("F5", "unit", "filing_rate.count")] = ("pct", bad)
        over[("F5", "total", "filing_rate.count")] = ("pct", bad)
        return [("F5", "unit", "filing_rate.count")], [("F5", "total", "filing_rate.count")], over, layout
    if rule == "F5-001":
        if layout.f5_total == "absent":
            layout = replace(layout, f5_total="bottom")
        over[("F5", "total", "new.cost")] = ("num", d.f5.new.cost + 10)
        return [("F5", "total", "new.cost")], [], over, layout
    if rule == "F3-001":
        j, k = sorted(rng.sample(range(len(d.f3)), 2))
        d.f3[k].reg_no = d.f3[j].reg_no
        return [("F3", k, "reg_no")], [("F3", j, "reg_no")], over, layout
    if rule == "F4-002":
        i = rng.randrange(len(d.f4))
        d.f4[i].completed_on = rng.choice([dt.date(2024, 6, 18), dt.date(2024, 10, 9), dt.date(2023, 8, 2)])
        if d.f4[i].filed_on and d.f4[i].filed_on < d.f4[i].completed_on:
            d.f4[i].filed_on = d.f4[i].completed_on + dt.timedelta(days=3)
        return [("F4", i, "completed_on")], [], over, layout
    if rule == "ST003":
        i = rng.randrange(len(d.f3))
        over[("F3", i, "cost")] = ("num", -Decimal(d.f3[i].cost_c) / 100)
        return [("F3", i, "cost")], [], over, layout
    if rule in ("SC001", "SC003"):
        assert d.score is not None  # plant_needs asks make_unit for a score sheet
        items = d.score.spec.items
        if rule == "SC001":
            it = rng.choice(items)
            bad = it.max + (it.step or Decimal(1))
        else:
            cands = [x for x in items if x.step and x.step >= 1 and x.stated is None]
            it = rng.choice(cands)
            reach = it.reachable()
            bad = next(
                v
                for v in (it.max - it.step / 2, it.max - Decimal("0.5"), it.max - Decimal("0.3"))
                if v not in reach and v > 0
            )
        d.score.scores[it.name] = bad
        return [("SC", it.name, "score")], [], over, layout
    if rule == "F4-003":
        i = next(i for i, p in enumerate(d.f4) if p.filed_on)
        p = d.f4[i]
        if p.completed_on <= Q_START + dt.timedelta(days=5):
            p.completed_on = Q_START + dt.timedelta(days=10)
        p.filed_on = p.completed_on - dt.timedelta(days=rng.randint(2, 5))
        return [("F4", i, "filed_on")], [("F4", i, "completed_on")], over, layout
    if rule == "F1-002":
        i = rng.randrange(len(d.f1))
        x = d.f1[i]
        if x.recorded_on <= Q_START + dt.timedelta(days=5):
            x.recorded_on = Q_START + dt.timedelta(days=12)
        x.approved_on = x.recorded_on - dt.timedelta(days=rng.randint(2, 5))
        return [("F1", i, "approved_on")], [("F1", i, "recorded_on")], over, layout
    if rule in ("F1-004", "F2-003"):
        lst, form = (d.f1, "F1") if rule == "F1-004" else (d.f2, "F2")
        j, k = sorted(rng.sample(range(len(lst)), 2))
        lst[k].record_no = lst[j].record_no
        return [(form, k, "record_no")], [(form, j, "record_no")], over, layout
    if rule == "F5-007":
        d.f5.accidents, d.f5.deaths = 0, 1
        return [("F5", "unit", "accidents.deaths")], [("F5", "total", "accidents.deaths")], over, layout
    if rule == "F6-001":
        m = d.f6["public"]["in_progress"]
        d.f6["large_public"]["in_progress"] = Measure(
            m.count + 1, max(m.area_m2 * 2, (m.count + 1) * 20000), m.cost_c
        )
        return (
            [("F6", "large_public", "in_progress.count")],
            [("F6", "public", "in_progress.count")],
            over,
            layout,
        )
    if rule == "ST002":
        i = rng.randrange(len(d.f3))
        over[("F3", i, "cost")] = rng.choice(["约1200万", "待定", "1200万元左右"])
        return [("F3", i, "cost")], [], over, layout
    if rule == "ST005":
        i = rng.randrange(len(d.f4))
        over[("F4", i, "completed_on")] = rng.choice(["2024.9.31", "2024-13-05", "2024年8月32日"])
        return [("F4", i, "completed_on")], [], over, layout
    if rule == "F3-004":
        i = rng.randrange(len(d.f3))
        over[("F3", i, "project")] = None
        return [("F3", i, "project")], [], over, layout
    raise ValueError(rule)


# --------------------------------------------------------------------------
# the workbook
# --------------------------------------------------------------------------


@dataclass
class Built:
    data: bytes
    filename: str
    unit: str
    sheets: dict  # form -> sheet name
    planted: Planted | None = None


def _a1(row0: int, col0: int) -> str:
    return f"{get_column_letter(col0 + 1)}{row0 + 1}"


def build_workbook(d: UnitData, layout: Layout, plant: str | None = None, plant_seed: int = 0) -> Built:
    import copy

    d = copy.deepcopy(d)
    rng = random.Random(plant_seed)
    keys, alt_keys, over = [], [], {}
    if plant:
        keys, alt_keys, over, layout = _plant(d, layout, plant, rng)
    if layout.unit_line == "absent" and layout.file_name == "neutral":
        layout = replace(layout, file_name="unit")
    ctx = Ctx(layout, over)
    blocks = {
        "F1": _block_f1(ctx, d),
        "F2": _block_f2(ctx, d),
        "F3": _block_detail(ctx, d, "F3"),
        "F4": _block_detail(ctx, d, "F4"),
        "F5": _block_f5(ctx, d),
        "F6": _block_f6(ctx, d),
    }

    order = list(FORMS)
    if layout.order_seed:
        random.Random(layout.order_seed).shuffle(order)
    if layout.sheets == "one_per_sheet":
        groups = [[f] for f in order]
    elif layout.sheets == "pairs":
        groups = [order[0:2], order[2:4], order[4:6]]
    else:
        groups = [order]

    nrng = random.Random(layout.spell_seed + 1)
    names, used = [], set()
    for gi, g in enumerate(groups):
        if len(g) > 1:
            nm = (
                ["报表", "季报数据", "Sheet1", "统计表"][gi % 4]
                if layout.sheets == "pairs"
                else nrng.choice(["报表", "2024三季度", "Sheet1"])
            )
        else:
            f = g[0]
            mode = layout.sheet_names
            if mode == "mixed":
                mode = nrng.choice(["formal", "short", "descriptive", "generic"])
            nm = f"Sheet{gi + 1}" if mode == "generic" else _SHEET_NAMES[mode][f]
        while nm in used:
            nm += "_"
        used.add(nm)
        names.append(nm)

    wb = Workbook()
    wb.remove(wb.worksheets[0])  # the sheet a new workbook starts with
    if layout.cover:
        ws = wb.create_sheet("封面")
        ws["B3"] = "河南省建设工程质量监督统计报表"
        ws["B5"] = "（2024年第三季度）"
        ws["B8"] = (
            f"填报单位：{d.unit}建设工程质量监督站" if layout.unit_line != "absent" else "填报单位：（盖章）"
        )
        ws["B9"] = "报送日期：2024年10月8日"
    where: dict = {}
    sheet_of: dict = {}
    for g, nm in zip(groups, names):
        ws = wb.create_sheet(nm)
        r0 = layout.row_offset
        c0 = layout.col_offset
        for f in g:
            blk = blocks[f]
            _place(ws, blk, r0, c0)
            for k, (r, c) in blk.keys.items():
                where[k] = (nm, _a1(r0 + r, c0 + c))
            sheet_of[f] = nm
            r0 += blk.h + 2
    if d.score is not None:
        nm = nrng.choice(["自评打分表", "考核评分表", "评分表", "Sheet7"])
        while nm in used:
            nm += "_"
        ws = wb.create_sheet(nm)
        blk = _block_score(ctx, d)
        _place(ws, blk, layout.row_offset, layout.col_offset)
        for k, (r, c) in blk.keys.items():
            where[k] = (nm, _a1(layout.row_offset + r, layout.col_offset + c))
        sheet_of["SC"] = nm
    if layout.hidden_sheet:
        ws = wb.create_sheet("数据源")
        for i, s in enumerate(["框架", "框架-剪力墙", "剪力墙", "砖混", "钢结构", "排架"], 1):
            ws.cell(i, 1, s)
        for i, s in enumerate(["建设", "勘察", "设计", "施工", "监理", "检测", "施工图审查", "其它"], 1):
            ws.cell(i, 2, s)
        ws.sheet_state = "hidden"

    buf = io.BytesIO()
    wb.save(buf)
    fname = {
        "unit": f"{d.unit}.xlsx",
        "unit_suffix": f"{d.unit}2024年第三季度质量监督报表.xlsx",
        "neutral": "2024年三季度报表.xlsx",
    }[layout.file_name]
    planted = None
    if plant:
        sheet, cell = where[keys[0]]
        also = tuple(where[k][1] for k in alt_keys if k in where and where[k][0] == sheet)
        planted = Planted(plant, sheet, cell, also)
    return Built(buf.getvalue(), fname, d.unit, sheet_of, planted)


def _place(ws, blk: Block, r0: int, c0: int):
    for (r, c), v in blk.cells.items():
        cell = ws.cell(r0 + r + 1, c0 + c + 1, v)
        f = blk.fmts.get((r, c))
        if f:
            cell.number_format = f
    for (r, c), f in blk.fmts.items():
        if (r, c) not in blk.cells:
            ws.cell(r0 + r + 1, c0 + c + 1).number_format = f
    for r1, c1, r2, c2 in blk.merges:
        ws.merge_cells(
            start_row=r0 + r1 + 1, start_column=c0 + c1 + 1, end_row=r0 + r2 + 1, end_column=c0 + c2 + 1
        )


# --------------------------------------------------------------------------
# expected totals (hand arithmetic over units)
# --------------------------------------------------------------------------


def expected_f5(units: list) -> dict:
    """The consolidated F5 totals, as summary.json should give them."""
    out: dict[str, object] = {}
    for k in F5_GROUPS:
        m = Measure()
        for u in units:
            m = m + getattr(u.f5, k)
        out[k] = {"count": m.count, "area": float(m.area), "cost": float(m.cost)}
    comp = sum(u.f5.completed.count for u in units)
    filed = sum(u.f5.filed.count for u in units)
    comp_a = sum(u.f5.completed.area_m2 for u in units)
    filed_a = sum(u.f5.filed.area_m2 for u in units)
    out["filing_rate"] = {
        "count": (filed * 100 / comp) if comp else None,
        "area": (filed_a * 100 / comp_a) if comp_a else None,
    }
    w = [(u.f5.satisfaction, u.f5.filed.count) for u in units if u.f5.satisfaction is not None]
    den = sum(n for _, n in w)
    out["satisfaction_rate"] = float(sum(r * n for r, n in w) / den) if den else None
    out["accidents"] = {
        "count": sum(u.f5.accidents for u in units),
        "deaths": sum(u.f5.deaths for u in units),
        "loss": float(sum(Decimal(u.f5.loss_c) for u in units) / 100),
    }
    return out
