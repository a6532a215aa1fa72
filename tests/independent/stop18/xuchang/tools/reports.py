"""The units' own 2025Q2 analysis reports (.docx / .doc) and a note that is not a report."""
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

STD = ["企业总体情况", "本季度工程质量监督管理总体情况", "对工程参建各方质量行为的监督情况及存在的主要问题",
       "对实体工程质量监督采取的具体措施", "当地治理工程质量通病的阶段性目标及取得的效果",
       "企业不良行为记录及行政处罚的情况", "工程质量监督管理工作中存在的突出问题",
       "工程质量新技术、新工艺推广应用情况", "工程质量事故及投诉情况", "工程质量监督执法情况",
       "进一步做好工程质量监督管理工作的对策建议"]
CN = "一二三四五六七八九十"


def cnum(i):
    return CN[i - 1] if i <= 10 else "十" + CN[i - 11]


def w(x):
    """万元 figure as a clerk writes it."""
    return f"{x / 10000:.2f}亿元" if x >= 10000 else f"{x:.2f}万元"


def content(unit, f5, f1n, f2n, fines, extra):
    """Return [(covers (official section numbers), heading, [paragraphs])]."""
    co, nw, ip, cp, fd = (f5[k] for k in ("carried_over", "new", "in_progress", "completed", "filed"))
    rate = f5["filing_rate"][0]
    sat = f5["satisfaction_rate"]
    e = extra
    S = {}
    S[1] = [f"截至6月底，{unit}辖区共有建筑业企业{e['firms']}家，其中施工总承包一级企业{e['lv1']}家、二级企业{e['lv2']}家、"
            f"三级及专业承包企业{e['firms'] - e['lv1'] - e['lv2']}家；工程监理企业{e['jl']}家，质量检测机构{e['jc']}家。"
            f"本季度新增建筑业企业{e['newfirms']}家，注销资质{e['drop']}家。",
            f"辖区企业本季度完成建筑业产值{e['output']}亿元，同比{e['out_yoy']}。"]
    S[2] = [f"本季度共监督工程{co[0] + nw[0]}项，其中上季度接转工程{co[0]}项、面积{co[1]:.2f}万㎡，本季度新注册工程{nw[0]}项、"
            f"面积{nw[1]:.2f}万㎡、造价{w(nw[2])}；季末在建工程{ip[0]}项，面积{ip[1]:.2f}万㎡，造价{w(ip[2])}。",
            f"本季度竣工工程{cp[0]}项，面积{cp[1]:.2f}万㎡；办理质量备案{fd[0]}项，备案率{rate:.1f}%；"
            + (f"用户满意率{sat:.1f}%。" if sat is not None else "本季度无备案工程。"),
            f"全季度开展监督检查{e['checks']}次，抽查工程{e['proj_checks']}项次，下发整改通知书{e['notices']}份、"
            f"局部停工通知书{e['stops']}份，整改完成率{e['fix_rate']}。"]
    S[3] = [f"从检查情况看，参建各方质量行为总体规范，但仍存在以下问题：{e['behav']}",
            f"本季度共检查建设单位{e['b_js']}家次、施工单位{e['b_sg']}家次、监理单位{e['b_jl']}家次，"
            f"发现质量行为问题{e['b_issues']}条，均已责令整改。"]
    S[4] = [f"一是{e['m1']}；二是开展实体质量监督抽测，抽测钢筋保护层厚度{e['cover']}点，合格率{e['cover_rate']}，"
            f"抽测混凝土强度{e['conc']}组，合格率{e['conc_rate']}；三是{e['m3']}。"]
    S[5] = [f"本年度通病治理目标：{e['goal']}。",
            f"本季度重点治理{e['tb']}，抽查住宅{e['hh']}户，发现渗漏{e['leak']}户，较上季度{e['leak_trend']}。"]
    S[6] = [f"本季度共记录不良行为{f1n}条" + (f"，实施行政处罚{f2n}起，罚款合计{fines:g}万元" if f2n else "，未实施行政处罚")
            + f"。{e['bad_detail']}"]
    S[7] = [e["problems"]]
    S[8] = [e["tech"]]
    S[9] = [e["accident"], f"本季度受理工程质量投诉{e['cmp']}件，办结{e['cmp_done']}件，投诉主要集中在{e['cmp_what']}。"]
    S[10] = [f"本季度开展执法检查{e['law']}次，立案查处{e['cases']}起，" + e["law_detail"]]
    S[11] = [f"（一）{e['s1']}", f"（二）{e['s2']}", f"（三）{e['s3']}"]
    return S


EXTRA = {
    "魏都区": dict(firms=86, lv1=4, lv2=21, jl=9, jc=3, newfirms=3, drop=1, output=18.6, out_yoy="增长4.2%",
                 checks=126, proj_checks=214, notices=38, stops=3, fix_rate="100%",
                 behav="部分建设单位未按规定组织住宅工程分户验收；个别项目经理、总监理工程师不在岗；监理旁站记录填写不规范。",
                 b_js=41, b_sg=58, b_jl=44, b_issues=67,
                 m1="对在建的36项工程实行差异化监管，对8项老旧小区改造和保障房项目加密抽查频次",
                 cover=420, cover_rate="93.6%", conc=86, conc_rate="98.8%", m3="推行质量样板引路制度，新开工项目样板实施率100%",
                 goal="住宅工程渗漏投诉量较2024年下降20%，楼板裂缝发生率控制在3%以内",
                 tb="外墙渗漏和卫生间渗漏", hh=320, leak=9, leak_trend="减少5户",
                 bad_detail="被记录企业以施工单位为主，已在许昌市建筑市场监管平台公示。",
                 problems="一是监督力量不足，在岗监督人员11人，人均监督工程3.3项、面积5.7万㎡；二是老城区改造项目场地狭小，材料堆放和检测取样不规范；三是部分建设单位压缩工期现象仍然存在。",
                 tech="本季度推广应用铝合金模板项目5项、装配式内隔墙2项，BIM技术应用3项，盘扣式脚手架普及率达85%。",
                 accident="本季度未发生工程质量事故。", cmp=11, cmp_done=10, cmp_what="住宅渗漏、墙面空鼓开裂",
                 law=12, cases=2, law_detail="罚款2万元，通报批评1家监理企业。",
                 s1="充实监督力量，通过政府购买服务引入第三方巡查2家", s2="严格落实建设单位首要责任，将分户验收纳入竣工验收监督必查项",
                 s3="持续开展住宅工程渗漏专项治理，年底前实现投诉量下降20%"),
    "建安区": dict(firms=112, lv1=3, lv2=28, jl=7, jc=4, newfirms=5, drop=2, output=24.3, out_yoy="增长6.1%",
                 checks=148, proj_checks=263, notices=45, stops=5, fix_rate="97.8%",
                 behav="施工单位进场材料见证取样不规范；个别监理单位总监兼职过多、到岗率低；建设单位存在明示使用不合格材料的行为。",
                 b_js=47, b_sg=66, b_jl=52, b_issues=81,
                 m1="开展地基基础和主体结构工程质量专项检查2轮，覆盖全部在建工程",
                 cover=510, cover_rate="91.8%", conc=96, conc_rate="97.9%", m3="对保障性安居工程实行“一项目一方案”监督",
                 goal="保障性住房渗漏、裂缝问题“零投诉”，住宅分户验收覆盖率100%",
                 tb="保障房屋面防水和窗边渗漏", hh=280, leak=12, leak_trend="增加2户",
                 bad_detail="1家检测机构因检测报告数据不实被记录并处罚。",
                 problems="一是乡镇项目点多面广，监督覆盖难度大；二是保障性安居工程竣工后备案滞后，本季度3项竣工保障房仅1项完成备案；三是检测市场低价竞争，检测数据真实性存疑。",
                 tech="推广应用铝模板项目6项，装配式建筑1项（面积2.3万㎡），建筑垃圾资源化利用项目2项。",
                 accident="本季度未发生工程质量事故（2024年四季度发生的1起一般质量事故已结案）。", cmp=9, cmp_done=9,
                 cmp_what="保障房渗漏和外墙保温脱落",
                 law=15, cases=2, law_detail="罚款合计23万元，其中1起尚在执行中。",
                 s1="督促保障性安居工程建设单位限期完成竣工验收备案", s2="加强检测机构监管，开展检测报告真实性专项核查",
                 s3="推行乡镇项目网格化监督，落实属地责任"),
    "禹州市": dict(firms=154, lv1=6, lv2=37, jl=11, jc=5, newfirms=7, drop=3, output=41.2, out_yoy="增长3.5%",
                 checks=172, proj_checks=298, notices=52, stops=4, fix_rate="96.2%",
                 behav="个别施工单位擅自减少钢筋用量、偷工减料；监理单位对违规行为未及时制止报告；勘察单位原位测试数据缺失。",
                 b_js=53, b_sg=79, b_jl=61, b_issues=94,
                 m1="对新开工16项工程开展首次监督交底，对钢筋、混凝土、防水材料实行飞行抽检",
                 cover=640, cover_rate="92.5%", conc=132, conc_rate="98.5%", m3="在神垕镇、鸠山镇等乡镇项目推行“监督+巡查”模式",
                 goal="到2025年底住宅工程常见质量问题发生率下降30%，渗漏投诉量下降25%",
                 tb="屋面及外墙渗漏、楼板裂缝", hh=410, leak=17, leak_trend="减少6户",
                 bad_detail="河南鼎盛建筑工程有限公司连续两个季度被记录不良行为，已列入重点监管名单。",
                 problems="一是部分乡镇项目建设单位质量意识淡薄，未批先建现象时有发生；二是保障性安居工程竣工备案滞后，2项已竣工保障房均未完成备案；三是监督人员专业结构不合理，缺少安装专业人员。",
                 tech="本季度新开工装配式建筑3项，面积8.6万㎡；应用铝模板、爬架工程9项；推广钧瓷文化元素外立面一体化保温装饰板2项。",
                 accident="本季度未发生工程质量事故。", cmp=14, cmp_done=12, cmp_what="渗漏、墙体裂缝及地面空鼓",
                 law=18, cases=2, law_detail="罚款合计40万元，其中36.8万元分期缴纳中。",
                 s1="对连续被记录不良行为的企业实施信用惩戒，限制其在禹州市承揽新项目", s2="督促保障房建设单位在三季度完成竣工备案",
                 s3="招聘安装专业监督人员2名，完善监督人员结构"),
    "长葛市": dict(firms=138, lv1=5, lv2=33, jl=8, jc=4, newfirms=4, drop=1, output=36.8, out_yoy="下降1.8%",
                 checks=131, proj_checks=240, notices=41, stops=6, fix_rate="95.1%",
                 behav="个别施工单位高大模板支撑体系未按专项方案搭设；监理单位对危大工程验收把关不严；建设单位压缩合理工期。",
                 b_js=44, b_sg=63, b_jl=48, b_issues=72,
                 m1="事故发生后立即开展高大模板支撑体系专项排查，排查在建项目23项，责令停工整改6项",
                 cover=380, cover_rate="94.2%", conc=74, conc_rate="97.3%", m3="对主体结构关键工序实行监督“双随机”抽查",
                 goal="住宅工程质量常见问题投诉量同比下降15%",
                 tb="砌体裂缝和门窗渗漏", hh=260, leak=8, leak_trend="持平",
                 bad_detail="对事故相关的施工、监理、建设、设计单位均作了不良行为记录。",
                 problems="一是危大工程管理薄弱，专项方案编审流于形式；二是部分企业赶工期，质量控制放松；三是监督信息化水平不高。",
                 tech="推广应用承插型盘扣式钢管支架项目11项，铝模板4项，智慧工地监控平台接入项目15项。",
                 accident="5月18日，和尚桥镇某在建项目在屋面混凝土浇筑过程中高大模板支撑体系局部坍塌，造成1人死亡，直接经济损失126.5万元。事故已按规定上报，调查处理工作正在进行中。",
                 cmp=7, cmp_done=7, cmp_what="门窗渗漏、墙面开裂",
                 law=11, cases=1, law_detail="对事故责任施工单位罚款5万元，执行中。",
                 s1="开展为期三个月的危大工程专项整治，高大模板验收监督到场率100%", s2="严格落实企业主要负责人带班制度",
                 s3="加快智慧监管平台建设，年内实现在建项目视频监控全覆盖"),
    "襄城县": dict(firms=74, lv1=1, lv2=15, jl=4, jc=2, newfirms=2, drop=0, output=12.4, out_yoy="增长2.0%",
                 checks=88, proj_checks=152, notices=26, stops=2, fix_rate="100%",
                 behav="施工单位外墙保温施工粘结面积不足；审图机构对强制性条文审查把关不严；个别项目资料与实体不同步。",
                 b_js=29, b_sg=38, b_jl=31, b_issues=43,
                 m1="开展外墙保温工程专项检查，对8项在建工程保温系统进行拉拔试验",
                 cover=210, cover_rate="90.5%", conc=48, conc_rate="97.9%", m3="推行竣工验收前监督预检",
                 goal="外墙保温空鼓脱落、屋面渗漏问题发生率下降20%",
                 tb="外墙保温空鼓和屋面渗漏", hh=150, leak=6, leak_trend="减少2户",
                 bad_detail="1家施工图审查机构被记录不良行为。",
                 problems="一是监督人员仅7人，难以满足监管需要；二是竣工备案资料整理不及时，本季度竣工8项、备案6项；三是乡镇项目质量管理人员素质偏低。",
                 tech="本季度应用铝模板2项、装配式叠合板1项。",
                 accident="本季度未发生工程质量事故。", cmp=5, cmp_done=5, cmp_what="屋面渗漏、外墙保温空鼓",
                 law=8, cases=1, law_detail="罚款1.5万元，已执行。",
                 s1="争取编制，增加监督人员", s2="督促已竣工项目及时办理备案", s3="加强乡镇项目质量管理人员培训"),
}

HEADINGS = {
    # unit: (mode, [(covers, heading text)])
    "魏都区": ("heading1", [((i,), f"{cnum(i)}、{STD[i - 1]}") for i in range(1, 12)]),
    "建安区": ("bold", [((i,), f"{cnum(i)}、{STD[i - 1]}") for i in range(1, 12)]),
    "禹州市": ("heading2", [((1,), "一、企业总体情况"), ((2,), "二、本季度工程质量监督管理总体情况"),
                          ((3, 4), "三、参建各方质量行为及实体质量监督情况"), ((5,), "四、质量通病治理情况"),
                          ((6,), "五、不良行为记录及行政处罚情况"), ((7,), "六、存在的突出问题"),
                          ((8,), "七、新技术新工艺推广应用"), ((9,), "八、质量事故及投诉情况"),
                          ((10,), "九、监督执法情况"), ((11,), "十、下一步工作建议")]),
    "长葛市": ("bold", [((1,), "一、企业情况"), ((2,), "二、监管总体情况"), ((3,), "三、参建各方质量行为"),
                      ((4,), "四、实体质量监督措施"), ((5,), "五、通病治理"), ((6,), "六、不良行为及处罚"),
                      ((7,), "七、突出问题"), ((8,), "八、“四新”应用"), ((9,), "九、事故及投诉"),
                      ((10,), "十、执法情况"), ((11,), "十一、对策建议")]),
    "襄城县": ("heading2", [((i,), f"{cnum(i)}、{STD[i - 1]}") for i in range(1, 9)]
               + [((9, 10), "九、工程质量事故、投诉及监督执法情况"), ((11,), "十、对策建议")]),
}
TITLES = {
    "魏都区": "魏都区2025年第二季度工程质量运行态势分析报告",
    "建安区": "建安区2025年二季度工程质量运行态势分析",
    "禹州市": "禹州市2025年二季度工程质量运行态势分析报告",
    "长葛市": "长葛市2025年第二季度工程质量分析",
    "襄城县": "襄城县2025年第二季度工程质量运行态势分析报告",
}
ISSUER = {"魏都区": "许昌市魏都区建设工程质量监督站", "建安区": "许昌市建安区建设工程质量监督站",
          "禹州市": "禹州市建设工程质量监督站", "长葛市": "长葛市建设工程质量监督站", "襄城县": "襄城县建设工程质量监督站"}
DATES = {"魏都区": "2025年7月3日", "建安区": "2025年7月4日", "禹州市": "2025年7月2日", "长葛市": "2025年7月5日",
         "襄城县": "2025年7月4日"}


def _font(run, name, size=None, bold=None):
    run.font.name = name
    run._element.rPr.rFonts.set(qn("w:eastAsia"), name)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold


def write_report(unit, path, f5, f1n, f2n, fines):
    S = content(unit, f5, f1n, f2n, fines, EXTRA[unit])
    mode, heads = HEADINGS[unit]
    doc = Document()
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(TITLES[unit]), "方正小标宋简体", 22)
    if unit in ("禹州市", "襄城县"):
        p = doc.add_paragraph()
        _font(p.add_run("许昌市建设工程质量监督站："), "仿宋_GB2312", 16)
    p = doc.add_paragraph()
    _font(p.add_run(f"    按照《河南省建设工程质量分析报告制度管理暂行办法》要求，现将{unit}2025年第二季度工程质量运行态势分析如下："),
          "仿宋_GB2312", 16)
    sections = []
    for covers, h in heads:
        if mode == "heading1":
            doc.add_heading(h, level=1)
        elif mode == "heading2":
            doc.add_heading(h, level=2)
        else:
            p = doc.add_paragraph()
            _font(p.add_run(h), "黑体", 16, bold=True)
        paras = []
        for n in covers:
            paras += S[n]
        for t in paras:
            p = doc.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(32)
            _font(p.add_run(t), "仿宋_GB2312", 16)
        sections.append(dict(covers=list(covers), heading=h, paragraphs=paras))
    for t in ["", ISSUER[unit], DATES[unit]]:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _font(p.add_run(t), "仿宋_GB2312", 16)
    doc.save(path)
    return dict(title=TITLES[unit], mode=mode, sections=sections)


def write_delay_note(path):
    doc = Document()
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run("关于延迟报送2025年第二季度工程质量统计报表的说明"), "方正小标宋简体", 22)
    for t in ["许昌市建设工程质量监督站：",
              "    因我县质监站统计人员6月下旬参加省厅组织的业务培训，加之二季度竣工项目备案资料汇总核对工作量较大，"
              "我县2025年第二季度工程质量统计报表（附表1-6）未能在规定时间内报送，现予补报，特此说明。",
              "    今后我站将进一步明确专人负责统计工作，确保按时报送。",
              "", "鄢陵县建设工程质量监督站", "2025年7月16日"]:
        p = doc.add_paragraph()
        _font(p.add_run(t), "仿宋_GB2312", 16)
    doc.save(path)
