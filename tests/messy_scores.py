"""Score sheets filled the way a clerk fills them (openpyxl), next to messy.py's forms.

The sheet is copied out of the Word document: title, 填表单位 line, the header with 考核评分
merged over 得分/小计, the section cell merged down over its items with "（60分）" on a new
line, item texts broken into lines as they wrapped in Word, 小计 merged down, a 合计 row. The
table starts at an offset. Real clerks also shorten the criteria ("……记10分，不满足一项扣2分"),
put the item name at the start of the criteria, and reorder items within a section. Scores,
小计 and 合计 are what the test types: nothing is computed here, so a wrong 小计 is simply typed
wrong.

This module imports nothing from qstat: the seed-002 附件3 sheet is transcribed below from the
seed itself, so a misreading of the seed in qstat's specs is not shared by the fixtures. The
builders take any object shaped like ``Form`` (a test may pass one of qstat's specs).
"""

# ruff: noqa: E501  (the seed rows below are transcribed one row per line, as printed)
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

HENAN = ["序号", "考核对象", "评分内容及评分标准", None, "分值", "考核评分"]
HENAN_SUB = [None, None, None, None, None, "得分", "小计"]
WATER = ["序\n号", "责任主体", "评价要点", "评价内容", "占比", "评价标准", "得分", "备注"]
HUIZHOU = [
    "考核\n内容",
    "考核指标",
    "考核要点",
    "分值",
    "评分标准",
    "自评得分",
    "评分依据\n（注明得分、扣分情况）",
]


@dataclass(frozen=True)
class Item:
    id: str  # "2.3": this module's numbering (section, row in the seed), to key typed scores
    name: str  # the short column as the seed prints it ("" for the 工作亮点 row)
    max: float  # 分值
    text: str  # 评分内容及标准 as the seed prints it
    kind: str = "score"


@dataclass(frozen=True)
class Section:
    name: str  # 考核对象
    max: float
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Form:
    title: str
    max: float
    sections: tuple[Section, ...]

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]


def _form(title: str, sections: Sequence[tuple[str, float, Sequence[tuple[str, float, str]]]]) -> Form:
    return Form(
        title,
        sum(m for _, m, _ in sections),
        tuple(
            Section(name, points, tuple(Item(f"{s}.{i}", *row) for i, row in enumerate(rows, 1)))
            for s, (name, points, rows) in enumerate(sections, 1)
        ),
    )


# Seed 002, 附件2 附表 (rows as printed: name, 分值, 评分内容及评分标准).
_YEAR_ROWS = [
    (
        "总体工作",
        5,
        "今年保障性安居工程质量监管率达到100%，竣工验收合格率达到100%，质量用户满意度达到90%以上，省辖市、省直管县（市）保障性安居工程创质量奖项普及率达到100%。质量通病得到有效治理，未发生重大质量问题和安全事故。记5分，不满足一项扣1分，扣完为止，不倒扣分。",
    ),
    (
        "工作部署",
        6,
        "按照《建设工程质量管理条例》、省政府办公厅《关于加强保障性安居工程质量安全管理工作的意见》和省厅《全省保障性安居工程质量管理年活动实施方案》等文件精神，对保障性安居工程质量管理工作进行安排部署；成立领导小组，建立工作机制，制定实施方案，明确职责任务，落实责任人员；每月定期向省厅活动领导小组办公室反馈活动信息。记6分，不满足一项扣2分，扣完为止，不倒扣分。",
    ),
    (
        "宣传工作",
        3,
        "在今年3.15消费者权益日期间，组织“质量宣传周”活动，记1.5分；启动 “工程质量宣传教育月”活动，记1.5分。",
    ),
    ("质量咨询", 2, "组织专家成立质量咨询服务队，深入基层、企业宣讲工程质量知识，帮助解决质量问题，记2分。"),
    (
        "隐患排查",
        3,
        "每季度组织开展1-2次质量隐患集中排查、检查和督查，记2分；每次排查、检查和督查均有通报，记1分。",
    ),
    (
        "项目观摩",
        3,
        "参加省厅组织的全省保障性安居工程质量管理工作研讨会及工程质量观摩活动，记1.5分；各市、县主管部门在本年度组织1-2次的工程质量观摩活动，记1.5分。",
    ),
    (
        "知识竞赛和技术比武",
        2,
        "在辖区内组织开展施工技术比武、建筑工法竞赛、质量QC管理小组创建等活动，记2分。",
    ),
    (
        "质量创优",
        4,
        "组织开展“中州杯”奖、“安居奖”和“质量管理奖”等评选活动，记2分；制定激励措施，鼓励建设单位对获奖施工单位给予相应资金奖励，记2分。",
    ),
    (
        "教育培训",
        3,
        "在施工现场和农民工夜校，有针对性的开展操作技能培训，记1.5分；有重点的进行建设工程质量法律法规及新标准、新规范等内容的培训，记1.5分。",
    ),
    (
        "社会监督\n评议",
        4,
        "聘请一定数量的业主、人大代表、政协委员、业内专家和新闻单位人士等作为社会义务监督员参与质量监督评议，记2分；每个保障性安居工程项目上配备不少于两位社会义务监督员，记2分。",
    ),
    (
        "质量回访",
        3,
        "建立完善用户质量回访、质量保修、投诉受理处理机制，记1.5分；全年安排了不少于四次的质量回访活动，记1.5分。",
    ),
    ("监督队伍\n建设", 4, "解决了质量监督机构编制和经费问题，记2分；对质量监督人员加强了教育培训，记2分。"),
    (
        "质量问题查处情况",
        6,
        "全年不间断地开展联合行政执法检查；严格落实不良行为记录公示、经济处罚、停业整顿、企业及个人资质资格处理等行政强制性措施；对发现的质量违法违规行为，按规定上限给予了行政处罚。记6分，不满足一项扣2分，扣完为止，不倒扣分。",
    ),
    ("层级检查", 2, "各省辖市对所辖县（市）主管部门进行了监督抽查和工作考评，记2分。"),
    (
        "管理制度",
        5,
        "健全完善了质量责任制度、质量分析制度、质量检查通报制度、质量教育培训制度、专项施工方案审核审批制度、重大质量隐患登记建档制度、质量考核奖惩制度、突发事件应急救援制度、分包单位及人员管理制度等，记5分，不满足一项扣0.5分，扣完为止，不倒扣分。",
    ),
    (
        "质量分析",
        3,
        "每季度定期召开工程质量分析会（专题工作会），解决施工中存在的突出问题，建立完善会议档案。记3分，不满足一项扣1分，扣完为止，不倒扣分。",
    ),
    (
        "考核奖惩",
        4,
        "企业负责人与每个项目负责人签订了质量目标责任书，并定期对责任落实情况进行考核奖惩。记4分，不满足一项扣2分，扣完为止，不倒扣分。",
    ),
    (
        "带班制度",
        4,
        "企业负责人、项目负责人落实带班制度；项目部每日进行质量检查；企业对项目部及工程质量每月检查不少于一次；每次检查都有通报、有整改、有落实，档案齐全完整；企业每季度至少组织一次工程质量隐患排查。记5分，不满足一项扣1分，扣完为止，不倒扣分。",
    ),
    ("标准化方案", 2, "企业制定了质量安全标准化实施方案，记2分。"),
    (
        "知识讲座",
        2,
        "企业法定代表人或总经理全年进行了不少于两次对企业质量管理人员及项目负责人员的专题工程质量管理知识讲座，记2分。",
    ),
    ("监理班子", 3, "有完备的项目监理班子，记3分。"),
    ("方案审核", 4, "对重大技术方案严格审核把关，记2分；对重点环节、重点部位实施旁站监理、重点监理，记2分。"),
    (
        "隐患检查",
        4,
        "认真组织质量安全隐患检查，及时消除质量隐患。记4分，不满足一项扣2分，扣完为止，不倒扣分。",
    ),
    (
        "自查自纠",
        4,
        "定期开展企业内部质量管理自查自纠，及时完善监理制度，记4分，不满足一项扣2分，扣完为止，不倒扣分。",
    ),
    (
        "检测报告",
        5,
        "按照行业规章规定，如实出具检测报告；对发现的问题及时反映。记5分，不满足一项扣2.5分，扣完为止，不倒扣分。",
    ),
    (
        "其    它",
        10,
        "其它参与保障性安居工程建设的有关责任主体，根据活动总体安排，主动开展检查，落实质量责任，记10分，不满足一项扣2分，扣完为止，不倒扣分。",
    ),
]
YEAR = _form(
    "河南省保障性安居工程质量管理年工作考核评分表",
    [
        ("建设主管部门", 50, _YEAR_ROWS[:14]),
        ("施工企业", 20, _YEAR_ROWS[14:20]),
        ("监理单位", 15, _YEAR_ROWS[20:24]),
        ("检测机构", 5, _YEAR_ROWS[24:25]),
        ("其它", 10, _YEAR_ROWS[25:]),
    ],
)

# Seed 002, 附件3 附表 (rows as printed: name, 分值, 评分内容及标准).
_SUPERVISION_ROWS = [
    (
        "机制建设",
        10,
        "主管部门明确了保障性安居工程监督管理机构职责及岗位责任分工，记5分；建立了内部工作制度，形成了相互监督与制约的内部监控机制，记3分；定期召开会议，研究分析、部署安排保障性安居工程质量监管工作，记2分。",
    ),
    (
        "机构和队伍\n建设",
        5,
        "配备与监督管理工作相适应的专职人员3人（含）以上的，记2分；监督机构人员编制经费已解决的，记2分；监管工作人员办理行政执法证的，记1分。",
    ),
    (
        "制度建设",
        4,
        "根据省政府办公厅《关于加强保障性安居工程质量安全管理工作的意见》及省厅《关于加强保障性住房质量监管的指导意见》等有关文件精神，结合当地实际，制定了保障性安居工程质量监管制度，记2分；制定了工程招投标、施工图审查、施工许可、质量投诉处理等工作管理制度，记2分。",
    ),
    (
        "档案管理",
        3,
        "建立了保障性安居工程档案管理制度的，记1分；文档、档案资料装订、保管有序并明确专人负责管理的，记1分；按工程项目建立了保障性安居工程管理台帐的，记1分。",
    ),
    (
        "监督执法工作",
        10,
        "及时对保障性安居工程质量进行监督；依法有序地开展工程质量监督执法检查工作；对建设、勘察、设计、施工和监理等工程参建各方责任主体和工程质量检测等机构开展了执法检查；依法处理、处罚了相关违法违规行为，并及时公示相关责任单位和责任人；各类保障性安居工程全部依法纳入县级以上住房城乡建设部门的统一监管范围,不存在以开发区、工业园区、高新区、城市新区及重点工程为由逃避依法管理的行为。记10分，不满足一项扣2分，扣完为止，不倒扣分。",
    ),
    (
        "回访保修",
        2,
        "各地结合本地实际，建立回访保修工作机制，认真督促参建各方责任主体及时履行质量保修责任。记2分。不满足一项扣1分，扣完为止，不倒扣分。",
    ),
    (
        "工程质量投诉和复议",
        2,
        "严格按照保障性安居工程质量投诉管理相关制度受理和处理业主投诉，所作出的投诉处理决定未被复议机关、审判机关确认违法、撤销或变更。记2分，不满足一项扣1分，扣完为止，不倒扣分。",
    ),
    (
        "层级监督考核",
        3,
        "依法依规对县（市、区）住房城乡建设主管部门保障性安居工程质量监督管理工作进行考核；按照有关规定及时通报考核结果和相关情况。记3分，不满足一项扣1.5分，扣完为止，不倒扣分。",
    ),
    (
        "工程质量运行态势分析",
        10,
        "按时报送工程质量运行态势分析报告（含工程质量监督信息统计报表）工作，记5分。工程质量运行态势分析报告真实、准确、完整；年度工程质量运行态势分析报告总结全面、分析透彻，并及时报送，记5分。",
    ),
    (
        "宣传报导",
        2,
        "坚持经常性开展宣传报导活动，在市级（含）以上电视、电台、报纸、网络等新闻媒体上报道保障性安居工程质量管理情况，记2分。",
    ),
    (
        "学习培训",
        3,
        "积极参加省级以上住房城乡建设主管部门组织相关工作的学习培训；当地举办有关保障性安居工程质量监督管理法律法规制度讲座；积极组织本级监管人员、县（市、区）监督管理机构参加有关法律法规、业务知识等的学习培训或考试。记3分，不满足一项扣1分，扣完为止，不倒扣分。",
    ),
    (
        "调查研究",
        3,
        "积极开展关于保障性安居工程质量监管有关政策、制度建设等的调查研究活动；开展考察、观摩、工作交流等活动，记3分，不满足一项扣1.5分，扣完为止，不倒扣分。",
    ),
    (
        "完成工作任务的时效和质量",
        3,
        "按时报送年度工作计划和总结；及时抄报保障性安居工程质量监管工作情况；按时按质完成省住房城乡建设厅交办的相关工作任务，记3分，不满足一项扣1分，扣完为止，不倒扣分。",
    ),
    (
        "履行基本建设程序",
        3,
        "各类保障性安居工程全部执行法律法规规定的基本建设程序；保障性安居工程开工前进行图纸审查，依法进行招投标，实行工程监理。记3分，不满足一项扣1.5分，扣完为止，不扣倒分。",
    ),
    (
        "施工现场监管",
        12,
        "建设单位指定施工现场总代表人，全面负责协调施工现场的组织管理。设计单位积极做好设计交底，及时解决与设计有关的各种问题。施工单位建立施工现场管理责任制，全面负责施工过程中的现场管理；严格按照经审查合格的施工图设计文件和施工技术标准施工；不存在擅自修改工程设计、偷工减料的行为。监理单位认真落实总监理工程师负责制；项目总监未再承担其它项目的监理任务；根据保障性安居工程质量管理的难点，制定监理规划和监理实施细则，按规定采取旁站、巡视、平行检验等多种形式，及时到位进行监督检查；重要部位和关键工序经监理人员签字认可后，方进入下一道工序施工；施工的关键部位、关键环节、关键工序监理到位；认真履行对重大质量问题和事故的督促整改和报告的责任。施工单位、监理单位认真执行领导现场带班制度。记12分，不满足一项扣1分，扣完为止，不扣倒分。",
    ),
    (
        "原材料质量\n控制",
        4.5,
        "施工、监理单位认真做好建筑材料的见证取样和送检工作，严格控制好钢筋、水泥、砌体材料等主要原材料和预拌商品混凝土的进场验收及复检工作。能够做到没有出厂合格证的建筑材料，不得进场，进场后抽样检验不合格的，不得使用。施工单位未弄虚作假，使用不合格的建筑材料。记4.5分，不满足一项扣1.5分，扣完为止，不扣倒分。",
    ),
    (
        "重要分部（子分部）工程质量\n验收",
        4.5,
        "参建各方责任主体按照法律、法规和验收规范的要求，重点对地基基础工程、主体结构和建筑节能等分部（子分部）工程进行验收，未擅自简化验收程序、降低验收标准。能够做好屋面防水、外窗淋水、厕浴间蓄水和排水管道通球试验等重要使用功能的检查验收工作。同时，验收过程中对工程进场建筑材料合格证、检验报告、有关施工和隐蔽验收记录，以及涉及结构安全和功能性的检验试验记录等质量控制资料进行了全面核查。记4.5分，不满足一项扣1.5分，扣完为止，不倒扣分。",
    ),
    (
        "分户验收",
        3,
        "在竣工验收前，全面推行由建设单位组织实施的分户验收工作。分户验收合格后，建设单位组织勘察、设计、施工、监理等有关单位严格按照规定的组织形式、验收程序和验收标准进行竣工验收，每套住房达到入住即可使用的条件，按规定及时办理竣工验收备案和城建档案移交工作。记3分，不满足一项扣1.5分，扣完为止，不倒扣分。",
    ),
    (
        "永久标牌",
        3,
        "竣工的保障性安居工程项目，按要求在每栋楼的明显部位镶嵌永久性标牌，载明建设、勘察、设计、施工和监理等单位的名称和项目主要负责人姓名。记3分，不满足一项扣1.5分，扣完为止，不倒扣分。",
    ),
    (
        "",
        10,
        "积极开展制度创新，机制创新。监管制度、机制在全国或全省处于领先地位，能显著提高保障性安居工程监管质量和工作效率，记2.5分；被省级以上住房和城乡建设主管部门评为保障性安居工程质量监督管理先进单位的，记2.5分；辖区内保障性安居工程荣获省级“安居奖”的，记2.5分；工程质量运行态势分析报告（含工程质量监督信息统计报表）在省级以上住房城乡建设主管部门的专项评比中获奖或在通报中得到嘉奖的，记2.5分。",
    ),
]
SUPERVISION = _form(
    "河南省保障性安居工程质量监督工作考核评分表",
    [
        ("住房城乡建设主管部门", 60, _SUPERVISION_ROWS[:13]),
        ("参建各方责任主体", 30, _SUPERVISION_ROWS[13:19]),
        ("工作亮点和特色", 10, _SUPERVISION_ROWS[19:]),
    ],
)


def wrapped(text: str, width: int = 18) -> str:
    """Text with the line breaks Word's cell wrap leaves in a copy, plus a stray space."""
    lines = [text[i : i + width] for i in range(0, len(text), width)]
    return "\n".join(lines).replace("，", "， ", 1)


def shortened(text: str) -> str:
    """The criteria as a clerk shortens them: the first clause, "……", and the scoring rule
    ("及时对保障性安居工程质量进行监督；……记10分，不满足一项扣2分，扣完为止，不倒扣分。")."""
    head = re.split("[；。，]", text)[0]
    rule = text[text.rfind("记") :] if "记" in text else ""
    return f"{head}；……{rule if len(rule) <= 30 else ''}"


def henan_sheet(
    clerk,
    spec: Form,
    scores: dict,
    *,
    subtotals: dict | None = None,
    total=None,
    sheet="考核评分表",
    top=2,
    left=2,
    title=True,
    shorten=False,
    order: list[str] | None = None,
    name_in_text=False,
):
    """A seed-002 sheet: 序号 | 考核对象 | 评分内容及评分标准 (name, text) | 分值 | 得分 | 小计.

    ``shorten``: criteria cut as ``shortened`` does; ``order``: item ids in the order the
    clerk wrote them (each within its section); ``name_in_text``: the name leads the criteria
    ("机制建设：主管部门明确了…") in one cell merged over both columns.
    """
    ws = clerk.sheet(sheet)
    r = top
    if title:
        ws.cell(r, left, spec.title)
        ws.merge_cells(start_row=r, start_column=left, end_row=r, end_column=left + 6)
        ws.cell(r + 1, left, "填报单位：" + (clerk.unit_line or "").split("：")[-1])
        r += 2
    for i, label in enumerate(HENAN):
        if label:
            ws.cell(r, left + i, label)
    for i, label in enumerate(HENAN_SUB):
        if label:
            ws.cell(r + 1, left + i, label)
    for i in (0, 1, 4):
        ws.merge_cells(start_row=r, start_column=left + i, end_row=r + 1, end_column=left + i)
    ws.merge_cells(start_row=r, start_column=left + 2, end_row=r + 1, end_column=left + 3)
    ws.merge_cells(start_row=r, start_column=left + 5, end_row=r, end_column=left + 6)
    r += 2
    for n, section in enumerate(spec.sections, 1):
        first = r
        items = list(section.items)
        if order:
            items.sort(key=lambda item: order.index(item.id) if item.id in order else len(order))
        for item in items:
            text = shortened(item.text) if shorten else wrapped(item.text)
            name = (
                item.name
                if "\n" in item.name or len(item.name) <= 4
                else (item.name[:2] + "\n" + item.name[2:])
            )
            if item.name and not name_in_text:
                ws.cell(r, left + 2, name)
                ws.cell(r, left + 3, text)
            else:  # one cell over both columns (the seed's 工作亮点 row has no name)
                ws.cell(r, left + 2, f"{item.name}：{text}" if item.name else text)
                ws.merge_cells(start_row=r, start_column=left + 2, end_row=r, end_column=left + 3)
            ws.cell(r, left + 4, item.max)
            if item.id in scores:
                ws.cell(r, left + 5, scores[item.id])
            r += 1
        ws.cell(first, left, n)
        ws.cell(first, left + 1, f"{section.name}\n（{section.max:g}分）")
        if subtotals and section.name in subtotals:
            ws.cell(first, left + 6, subtotals[section.name])
        if r - 1 > first:
            for c in (0, 1, 6):
                ws.merge_cells(start_row=first, start_column=left + c, end_row=r - 1, end_column=left + c)
    ws.cell(r, left, "合                 计")
    ws.merge_cells(start_row=r, start_column=left, end_row=r, end_column=left + 3)
    ws.cell(r, left + 4, spec.max)
    if total is not None:
        ws.cell(r, left + 5, total)
        ws.merge_cells(start_row=r, start_column=left + 5, end_row=r, end_column=left + 6)
    ws.cell(r + 2, left, "填表人：王五        审核人：李四        填表日期：2024年10月8日")
    return ws


def water_sheet(clerk, spec: Form, scores: dict, *, total=None, sheet="自评", top=3, left=1, fractions=False):
    """The seed-000 评价细则 with a 得分 column added; 占比 typed "4%" (or 0.04 if fractions)."""
    ws = clerk.sheet(sheet)
    ws.cell(top - 2, left, spec.title + "（自评）")
    for i, label in enumerate(WATER):
        ws.cell(top, left + i, label)
    r = top + 1
    for n, item in enumerate(spec.items, 1):
        content, _, rule = item.text.partition("\n（1）")
        if not rule:
            content, _, rule = item.text.rpartition("\n")
        else:
            rule = "（1）" + rule
        values = [
            n,
            "水行政主管部门",
            item.name[:4] + "\n" + item.name[4:],
            content,
            item.max / 100 if fractions else f"{item.max:g}%",
            rule,
            scores.get(item.id),
            "激励项" if item.kind == "bonus" else None,
        ]
        for i, v in enumerate(values):
            if v is not None:
                ws.cell(r, left + i, v)
        r += 1
    ws.cell(r, left, "合计")
    if total is not None:
        ws.cell(r, left + 6, total)
    ws.cell(r + 1, left, "注：巡查专家视现场检查情况可酌情扣分。")
    return ws


def huizhou_sheet(
    clerk,
    spec: Form,
    scores: dict,
    reasons: dict | None = None,
    *,
    total=None,
    sheet="自评打分表",
    top=4,
    left=3,
):
    """The seed-004 自评打分表: 考核内容 merged down, 考核要点 groups merged, 评分依据 column."""
    ws = clerk.sheet(sheet)
    ws.cell(top - 3, left, "惠州市2017年度县（区）人民政府质量工作\n考核自评打分表（样表）")
    for i, label in enumerate(HUIZHOU):
        ws.cell(top, left + i, label)
    r = top + 1
    reasons = reasons or {}
    for section in spec.sections:
        first = r
        for item in section.items:
            ws.cell(r, left + 1, item.name if item.kind in ("veto", "deduction") else None)
            ws.cell(r, left + 2, item.name if item.kind == "score" else None)
            ws.cell(r, left + 3, item.max if item.kind == "score" else None)
            ws.cell(r, left + 4, item.text)
            for c, value in ((5, scores.get(item.id)), (6, reasons.get(item.id))):
                if value is not None:
                    ws.cell(r, left + c, value)
            r += 1
        ws.cell(first, left, section.name[:2] + "\n" + section.name[2:])
        if r - 1 > first:
            ws.merge_cells(start_row=first, start_column=left, end_row=r - 1, end_column=left)
    ws.cell(r, left, "总分")
    if total is not None:
        ws.cell(r, left + 5, total)
    return ws
