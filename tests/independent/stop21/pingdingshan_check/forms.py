"""Layout of the official forms 附表1-7 and the score sheets onto xlbuild.Sheet (independent of qstat)."""
import datetime as dt

from xlbuild import NOCACHE, a1, col_letter

FW = str.maketrans("0123456789", "０１２３４５６７８９")


class Raw:
    """A value written exactly as given (a clerk's typo or text)."""

    def __init__(self, v, fmt=None):
        self.v = v
        self.fmt = fmt

    def __repr__(self):
        return f"Raw({self.v!r})"


F5_GROUPS = [
    ("上季度接转工程", [("项数", "carried_over.count"), ("面积\n（万㎡）", "carried_over.area"), ("造价\n（万元）", "carried_over.cost")]),
    ("本季度新注册工程", [("项数", "new.count"), ("面积\n（万㎡）", "new.area"), ("造价\n（万元）", "new.cost")]),
    ("本季度在建工程", [("项数", "in_progress.count"), ("面积\n（万㎡）", "in_progress.area"), ("造价\n（万元）", "in_progress.cost")]),
    ("本季度竣工工程", [("项数", "completed.count"), ("面积\n（万㎡）", "completed.area"), ("造价\n（万元）", "completed.cost")]),
    ("本季度质量备案\n工程", [("项数", "filed.count"), ("面积\n（万㎡）", "filed.area"), ("造价\n（万元）", "filed.cost")]),
    ("季度质量\n备案率（%）", [("项数", "filing_rate.count"), ("面积", "filing_rate.area")]),
    ("用户\n满意率\n（%）", [(None, "satisfaction_rate")]),
    ("本季度发生工程质量事故", [("项数", "accidents.count"), ("死亡人数", "accidents.deaths"), ("经济损失（万元）", "accidents.loss")]),
]
F5_FIELDS = [f for _, subs in F5_GROUPS for _, f in subs]

F7_GROUPS = [
    ("上年度接转工程", [("项数", "carried_over.count"), ("面积\n（万㎡）", "carried_over.area"), ("造价\n（万元）", "carried_over.cost")]),
    ("本年度新注册工程", [("项数", "new.count"), ("面积\n（万㎡）", "new.area"), ("造价\n（万元）", "new.cost")]),
    ("截止到年底在建\n工程", [("项数", "in_progress.count"), ("面积\n（万㎡）", "in_progress.area"), ("造价\n（万元）", "in_progress.cost")]),
    ("截止到年底竣工\n工程", [("项数", "completed.count"), ("面积\n（万㎡）", "completed.area"), ("造价\n（万元）", "completed.cost")]),
    ("本年度备案工程", [("项数", "filed.count"), ("面积\n（万㎡）", "filed.area")]),
    ("本年度质量备案率（%）", [("项数", "filing_rate.count"), ("面积", "filing_rate.area")]),
    ("用  户\n满意率\n（%）", [(None, "satisfaction_rate")]),
    ("本年度发生工程\n质量事故", [("项数", "accidents.count"), ("死亡人数", "accidents.deaths"), ("经济损失\n（万元）", "accidents.loss")]),
]
F7_FIELDS = [f for _, subs in F7_GROUPS for _, f in subs]

F6_GROUPS = [
    ("本季/年新注册项目", [("项数", "new.count"), ("面 积\n（万㎡）", "new.area"), ("造 价\n（万元）", "new.cost")]),
    ("本季/年竣工工程", [("项数", "completed.count"), ("面积\n（万㎡）", "completed.area"), ("造价\n（万元）", "completed.cost")]),
    ("本季/年质量备案工程", [("项数", "filed.count"), ("面积\n（万㎡）", "filed.area"), ("造价（万元）", "filed.cost"), ("备案率\n（项%）", "filing_rate")]),
    ("本季/年在建工程", [("项数", "in_progress.count"), ("面积\n（万㎡）", "in_progress.area"), ("造价\n（万元）", "in_progress.cost")]),
]
F6_FIELDS = [f for _, subs in F6_GROUPS for _, f in subs]
F6_CATS = ["residential", "affordable_housing", "public", "large_public", "steel", "county"]
F6_LABELS = {
    "residential": "住宅工程",
    "affordable_housing": "保障性安居工程",
    "public": "公共建筑工程",
    "large_public": "大型公共建筑工程（2万平方米以上）",
    "steel": "钢结构\n工程",
    "county": "县（区）\n工程",
}

RATE_FIELDS = {"filing_rate.count", "filing_rate.area", "satisfaction_rate", "filing_rate"}
COUNT_FIELDS = {f for f in F5_FIELDS if f.endswith(".count")} | {"accidents.deaths"}


def fmt_date(d, style):
    """A date as a clerk types it: returns (value, fmt)."""
    if d is None:
        return None, None
    if isinstance(d, Raw):
        return d.v, d.fmt
    if style == "excel":
        return d, "date"
    if style == "excel_cn":
        return d, "date_cn"
    if style == "excel_slash":
        return d, "date_slash"
    if style == "dot":
        return f"{d.year}.{d.month}.{d.day}", None
    if style == "dash":
        return f"{d.year}-{d.month:02d}-{d.day:02d}", None
    if style == "cn":
        return f"{d.year}年{d.month}月{d.day}日", None
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}", None
    raise ValueError(style)


def _numstr(v):
    if isinstance(v, float):
        s = f"{v:.4f}".rstrip("0").rstrip(".")
        return s
    return str(v)


def fmt_value(field, v, st):
    """A figure as the clerk types it, per the unit's style: (value, fmt)."""
    if isinstance(v, Raw):
        return v.v, v.fmt
    if field in RATE_FIELDS:
        if v is None:
            e = st.get("rate_empty")
            return e, None
        rs = st.get("rate_style", "pct_num")
        if field == "satisfaction_rate" and st.get("sat_style"):
            rs = st["sat_style"]
        if rs == "pct_num":
            return round(v, st.get("rate_digits", 1)), None
        if rs == "pct_text":
            return f"{round(v, 1):g}%", None
        if rs == "fraction":
            return round(v / 100, 4), None
        if rs == "pct_fmt":
            f = round(v / 100, 4)
            return f, ("pct0" if abs(v - round(v)) < 1e-9 else "pct1")
        raise ValueError(rs)
    if v is None:
        return None, None
    if v == 0:
        zs = st.get("zero_style", "num0")
        return {"num0": 0, "blank": None, "wu": "无", "dash": "—", "slash": "/"}[zs], None
    ns = st.get("num_style", "num")
    if isinstance(v, float) and abs(v - round(v)) < 1e-9 and field.endswith(".count"):
        v = int(round(v))
    if ns == "num":
        return v, None
    if ns == "text":
        return _numstr(v), None
    if ns == "text_space":
        return _numstr(v) + " ", None
    if ns == "fullwidth":
        return _numstr(v).translate(FW), None
    if ns == "thousands":
        if isinstance(v, float):
            s = f"{v:,.4f}".rstrip("0").rstrip(".")
        else:
            s = f"{v:,}"
        return s, None
    raise ValueError(ns)


def title_block(sh, r, c, width, form_no, title, period_text, unit_line, st, extra=None):
    """附表N / title / (period) / 填表单位 line. Returns next free row."""
    if st.get("form_no_line", True):
        sh.put(r, c, form_no, "bold")
        r += 1
    t = title
    if period_text and st.get("period_in_title"):
        t = f"{title}（{period_text}）" if st.get("period_in_title") == "paren" else f"{period_text}{title}"
    sh.merge(r, c, r, c + width - 1, t, "title")
    r += 1
    if period_text and not st.get("period_in_title"):
        sh.merge(r, c, r, c + width - 1, period_text, None)
        r += 1
    if extra:
        sh.put(r, c, extra)
        r += 1
    if unit_line:
        sh.put(r, c, unit_line)
        if st.get("unit_line_right"):
            sh.put(r, c + width - 3, st["unit_line_right"])
        r += 1
    return r


def grouped_header(sh, r, c, first_label, groups, merged=True):
    """Two-row header: first column label over two rows, group titles over their sub-columns.
    Returns ({field: col}, next row)."""
    cols = {}
    if merged:
        sh.merge(r, c, r + 1, c, first_label, "head")
    else:
        sh.put(r, c, first_label, "head")
    cc = c + 1
    for gname, subs in groups:
        n = len(subs)
        if n == 1 and subs[0][0] is None:
            if merged:
                sh.merge(r, cc, r + 1, cc, gname, "head")
            else:
                sh.put(r, cc, gname, "head")
            cols[subs[0][1]] = cc
            cc += 1
            continue
        if merged:
            sh.merge(r, cc, r, cc + n - 1, gname, "head")
        else:
            sh.put(r, cc, gname, "head")
        for i, (sname, field) in enumerate(subs):
            sh.put(r + 1, cc + i, sname, "head")
            cols[field] = cc + i
        cc += n
    return cols, r + 2


def stat_rows(sh, r, c, cols, rows, st, fields):
    """rows: [(key, label, values, kind)] kind 'unit'|'total'|'cat'. Returns (addr, next row)."""
    addr = {}
    unit_rows = [i for i, row in enumerate(rows) if row[3] == "unit"]
    first_unit_r = r + unit_rows[0] if unit_rows else None
    last_unit_r = r + unit_rows[-1] if unit_rows else None
    for i, (key, label, values, kind) in enumerate(rows):
        rr = r + i
        sh.put(rr, c, label)
        for f in fields:
            cc = cols[f]
            addr[(key, f)] = (rr, cc)
            v = values.get(f)
            if kind == "total" and st.get("total_mode", "typed").startswith("formula") and not isinstance(v, Raw):
                cached = NOCACHE if st["total_mode"] == "formula_nocache" else (v if v is not None else "")
                L = col_letter
                if f in ("filing_rate.count", "filing_rate.area"):
                    den_f = "completed." + f.split(".")[1]
                    num_f = "filed." + f.split(".")[1]
                    if not values.get(den_f):
                        continue
                    fm = f"{L(cols[num_f])}{rr + 1}/{L(cols[den_f])}{rr + 1}*100"
                    if st.get("rate_style") == "pct_fmt":
                        fm = f"{L(cols[num_f])}{rr + 1}/{L(cols[den_f])}{rr + 1}"
                        cached = cached if cached is NOCACHE else (v / 100 if v is not None else "")
                    sh.formula(rr, cc, fm, cached, "pct1" if st.get("rate_style") == "pct_fmt" else None)
                elif f == "satisfaction_rate":
                    if v is None:
                        continue
                    if len(unit_rows) == 1:
                        fm = f"{L(cc)}{first_unit_r + 1}"
                        if st.get("rate_style") == "pct_fmt":
                            cached = cached if cached is NOCACHE else v / 100
                        sh.formula(rr, cc, fm, cached, "pct1" if st.get("rate_style") == "pct_fmt" else None)
                    else:
                        val, fk = fmt_value(f, v, st)
                        sh.put(rr, cc, val, fk)
                else:
                    fm = f"SUM({L(cc)}{first_unit_r + 1}:{L(cc)}{last_unit_r + 1})"
                    sh.formula(rr, cc, fm, cached if cached is NOCACHE else (v or 0))
                continue
            if kind == "unit" and st.get("rate_formulas") and f in ("filing_rate.count", "filing_rate.area") and not isinstance(v, Raw):
                den_f = "completed." + f.split(".")[1]
                num_f = "filed." + f.split(".")[1]
                if values.get(den_f):
                    L = col_letter
                    fm = f"{L(cols[num_f])}{rr + 1}/{L(cols[den_f])}{rr + 1}*100"
                    cached = NOCACHE if st["rate_formulas"] == "nocache" else v
                    sh.formula(rr, cc, fm, cached)
                    continue
            val, fk = fmt_value(f, v, st)
            sh.put(rr, cc, val, fk)
    return addr, r + len(rows)


def footer(sh, r, c, width, st, date_text):
    mode = st.get("footer", "split")
    if mode == "none":
        return r
    stat, appr = st.get("people", ("张丽", "王建国"))
    if mode == "one":
        sh.put(r, c, f"统计员：{stat}          批准人：{appr}          报送日期：{date_text}")
    else:
        sh.put(r, c, f"统计员：{stat}")
        sh.put(r, c + max(3, width // 3), f"批准人：{appr}")
        sh.put(r, c + max(6, 2 * width // 3), f"报送日期：{date_text}")
    return r + 1


F5_NOTE = ("填表说明：1、在建工程：已办理监督注册手续，尚未完工或已完工，但未进行竣工验收的工程；2、竣工工程：已办理监督注册手续，"
           "已通过竣工验收的工程；3、质量备案率：已办理质量备案手续的工程/竣工工程；4、用户满意率：用户评价为满意的工程（项数）/"
           "已办理质量备案手续的工程；5、接转工程：上一季（年）度在建工程。")


def build_stat(sh, r0, c0, form, rows, st, period_text, unit_line, date_text):
    """附表5 (form='F5') or 附表7 ('F7'). Returns addr map."""
    groups = F5_GROUPS if form == "F5" else F7_GROUPS
    fields = F5_FIELDS if form == "F5" else F7_FIELDS
    if st.get("area_sqm"):
        groups = [(g, [((s.replace("万㎡", "㎡") if s else s), f) for s, f in subs]) for g, subs in groups]
    width = 1 + len(fields)
    title = "河南省建设工程质量监督季度统计表" if form == "F5" else "河南省建设工程质量监督年度统计表"
    r = title_block(sh, r0, c0, width, "附表5" if form == "F5" else "附表7", title, period_text, unit_line, st,
                    extra=st.get("f7_extra") if form == "F7" else None)
    cols, r = grouped_header(sh, r, c0, "市、县\n（市）\n序号", groups, st.get("merged_header", True))
    addr, r = stat_rows(sh, r, c0, cols, rows, st, fields)
    if st.get("notes", True):
        sh.merge(r, c0, r, c0 + width - 1, F5_NOTE)
        r += 1
    if st.get("blank_before_footer"):
        r += 1
    footer(sh, r, c0, width, st, date_text)
    for i in range(width):
        sh.width(c0 + i, 9)
    sh.width(c0, 12)
    return addr


def build_f6(sh, r0, c0, values, st, period_text, unit_line, date_text):
    width = 1 + len(F6_FIELDS)
    r = title_block(sh, r0, c0, width, "附表6", "河南省建设工程质量监督季（年）度分类统计表", period_text, unit_line, st)
    cols, r = grouped_header(sh, r, c0, "项  目", F6_GROUPS, st.get("merged_header", True))
    labels = dict(F6_LABELS)
    labels.update(st.get("f6_labels", {}))
    rows = [(cat, labels[cat], values[cat], "cat") for cat in F6_CATS]
    addr, r = stat_rows(sh, r, c0, cols, rows, st, F6_FIELDS)
    footer(sh, r, c0, width, st, date_text)
    sh.width(c0, 22)
    return addr


def build_records(sh, r0, c0, form_no, title, headers, rows, st, period_text, unit_line, date_text,
                  placeholder=None, merge_cols=(), note=None):
    """headers: list of str or (group, [subs]); rows: list of dicts keyed by header/sub name.
    Returns addr {(i, key): (r,c)}."""
    flat = []
    for h in headers:
        if isinstance(h, tuple):
            flat.extend(h[1])
        else:
            flat.append(h)
    width = len(flat)
    r = title_block(sh, r0, c0, width, form_no, title, period_text, unit_line, st)
    two = any(isinstance(h, tuple) for h in headers)
    cc = c0
    for h in headers:
        if isinstance(h, tuple):
            g, subs = h
            sh.merge(r, cc, r, cc + len(subs) - 1, g, "head")
            for i, s in enumerate(subs):
                sh.put(r + 1, cc + i, s, "head")
            cc += len(subs)
        else:
            if two:
                sh.merge(r, cc, r + 1, cc, h, "head")
            else:
                sh.put(r, cc, h, "head")
            cc += 1
    r += 2 if two else 1
    addr = {}
    if not rows and placeholder:
        if isinstance(placeholder, tuple):
            for j, v in enumerate(placeholder):
                sh.put(r, c0 + j, v)
        else:
            sh.merge(r, c0, r, c0 + width - 1, placeholder)
        r += 1
    first = r
    for i, row in enumerate(rows):
        for j, k in enumerate(flat):
            v = row.get(k)
            fk = None
            if isinstance(v, tuple):
                v, fk = v
            if isinstance(v, Raw):
                v, fk = v.v, v.fmt
            if v is not None and v != "":
                sh.put(r, c0 + j, v, fk)
            addr[(i, k)] = (r, c0 + j)
        r += 1
    # merge equal consecutive values down the given columns (clerks group by 施工单位/监理单位)
    for k in merge_cols:
        j = flat.index(k)
        i = 0
        while i < len(rows):
            v = rows[i].get(k)
            n = 1
            while i + n < len(rows) and rows[i + n].get(k) == v and v:
                n += 1
            if n > 1 and n <= 4:
                sh.merge(first + i, c0 + j, first + i + n - 1, c0 + j, v)
            i += n
    if note:
        sh.put(r, c0, note)
        r += 1
    footer(sh, r, c0, width, st, date_text)
    sh.width(c0 + 2, 30)
    return addr


# ---- score sheets (seed 002) ----
SPEC_SUPERVISION = {
    "title": "河南省保障性安居工程质量监督工作考核评分表",
    "sections": [
        ("住房城乡建设主管部门\n(60分)", 60, [
            ("机制建设", 10, [5, 3, 2], "主管部门明确了保障性安居工程监督管理机构职责及岗位责任分工，记5分；建立了内部工作制度，形成了相互监督与制约的内部监控机制，记3分；定期召开会议，研究分析、部署安排保障性安居工程质量监管工作，记2分。"),
            ("机构和队伍\n建设", 5, [2, 2, 1], "配备与监督管理工作相适应的专职人员3人（含）以上的，记2分；监督机构人员编制经费已解决的，记2分；监管工作人员办理行政执法证的，记1分。"),
            ("制度建设", 4, [2, 2], "制定了保障性安居工程质量监管制度，记2分；制定了工程招投标、施工图审查、施工许可、质量投诉处理等工作管理制度，记2分。"),
            ("档案管理", 3, [1, 1, 1], "建立了保障性安居工程档案管理制度的，记1分；文档、档案资料装订、保管有序并明确专人负责管理的，记1分；按工程项目建立了保障性安居工程管理台帐的，记1分。"),
            ("监督执法工作", 10, ("step", 2), "……记10分，不满足一项扣2分，扣完为止，不倒扣分。"),
            ("回访保修", 2, ("step", 1), "建立回访保修工作机制，认真督促参建各方责任主体及时履行质量保修责任。记2分。不满足一项扣1分，扣完为止，不倒扣分。"),
            ("工程质量投诉和复议", 2, ("step", 1), "记2分，不满足一项扣1分，扣完为止，不倒扣分。"),
            ("层级监督考核", 3, ("step", 1.5), "记3分，不满足一项扣1.5分，扣完为止，不倒扣分。"),
            ("工程质量运行态势分析", 10, [5, 5], "按时报送工程质量运行态势分析报告（含工程质量监督信息统计报表）工作，记5分。报告真实、准确、完整，记5分。"),
            ("宣传报导", 2, [2], "在市级（含）以上新闻媒体上报道保障性安居工程质量管理情况，记2分。"),
            ("学习培训", 3, ("step", 1), "记3分，不满足一项扣1分，扣完为止，不倒扣分。"),
            ("调查研究", 3, ("step", 1.5), "记3分，不满足一项扣1.5分，扣完为止，不倒扣分。"),
            ("完成工作任务的时效和质量", 3, ("step", 1), "记3分，不满足一项扣1分，扣完为止，不倒扣分。"),
        ]),
        ("参建各方责任主体\n\n（30分）", 30, [
            ("履行基本建设程序", 3, ("step", 1.5), "记3分，不满足一项扣1.5分，扣完为止，不扣倒分。"),
            ("施工现场监管", 12, ("step", 1), "……记12分，不满足一项扣1分，扣完为止，不扣倒分。"),
            ("原材料质量\n控制", 4.5, ("step", 1.5), "记4.5分，不满足一项扣1.5分，扣完为止，不扣倒分。"),
            ("重要分部（子分部）工程质量\n验收", 4.5, ("step", 1.5), "记4.5分，不满足一项扣1.5分，扣完为止，不倒扣分。"),
            ("分户验收", 3, ("step", 1.5), "记3分，不满足一项扣1.5分，扣完为止，不倒扣分。"),
            ("永久标牌", 3, ("step", 1.5), "记3分，不满足一项扣1.5分，扣完为止，不倒扣分。"),
        ]),
        ("工作亮点和特色\n（10分）", 10, [
            ("工作亮点和特色", 10, [2.5, 2.5, 2.5, 2.5], "制度创新、机制创新，记2.5分；评为先进单位，记2.5分；荣获省级“安居奖”，记2.5分；分析报告获奖或嘉奖，记2.5分。"),
        ]),
    ],
}

SPEC_YEAR = {
    "title": "河南省保障性安居工程质量管理年工作考核评分表",
    "sections": [
        ("建设主管部门     （50分）", 50, [
            ("总体工作", 5, ("step", 1), "……记5分，不满足一项扣1分，扣完为止，不倒扣分。"),
            ("工作部署", 6, ("step", 2), "……记6分，不满足一项扣2分，扣完为止，不倒扣分。"),
            ("宣传工作", 3, [1.5, 1.5], "组织“质量宣传周”活动，记1.5分；启动“工程质量宣传教育月”活动，记1.5分。"),
            ("质量咨询", 2, [2], "组织专家成立质量咨询服务队……记2分。"),
            ("隐患排查", 3, [2, 1], "每季度组织开展1-2次质量隐患集中排查、检查和督查，记2分；每次均有通报，记1分。"),
            ("项目观摩", 3, [1.5, 1.5], "参加省厅组织的观摩活动，记1.5分；本年度组织1-2次观摩活动，记1.5分。"),
            ("知识竞赛和技术比武", 2, [2], "组织开展施工技术比武、建筑工法竞赛、质量QC管理小组创建等活动，记2分。"),
            ("质量创优", 4, [2, 2], "组织开展评选活动，记2分；制定激励措施，记2分。"),
            ("教育培训", 3, [1.5, 1.5], "开展操作技能培训，记1.5分；法律法规及新标准、新规范培训，记1.5分。"),
            ("社会监督\n评议", 4, [2, 2], "聘请社会义务监督员，记2分；每个项目配备不少于两位，记2分。"),
            ("质量回访", 3, [1.5, 1.5], "建立回访、保修、投诉机制，记1.5分；全年不少于四次回访，记1.5分。"),
            ("监督队伍\n建设", 4, [2, 2], "解决了编制和经费问题，记2分；加强了教育培训，记2分。"),
            ("质量问题查处情况", 6, ("step", 2), "……记6分，不满足一项扣2分，扣完为止，不倒扣分。"),
            ("层级检查", 2, [2], "对所辖县（市）主管部门进行了监督抽查和工作考评，记2分。"),
        ]),
        ("施工企业    （20分）", 20, [
            ("管理制度", 5, ("step", 0.5), "……记5分，不满足一项扣0.5分，扣完为止，不倒扣分。"),
            ("质量分析", 3, ("step", 1), "记3分，不满足一项扣1分，扣完为止，不倒扣分。"),
            ("考核奖惩", 4, ("step", 2), "记4分，不满足一项扣2分，扣完为止，不倒扣分。"),
            ("带班制度", 4, ("step", 1), "……记5分，不满足一项扣1分，扣完为止，不倒扣分。"),
            ("标准化方案", 2, [2], "企业制定了质量安全标准化实施方案，记2分。"),
            ("知识讲座", 2, [2], "全年不少于两次专题工程质量管理知识讲座，记2分。"),
        ]),
        ("监理单位    （15分）", 15, [
            ("监理班子", 3, [3], "有完备的项目监理班子，记3分。"),
            ("方案审核", 4, [2, 2], "对重大技术方案严格审核把关，记2分；实施旁站监理、重点监理，记2分。"),
            ("隐患检查", 4, ("step", 2), "记4分，不满足一项扣2分，扣完为止，不倒扣分。"),
            ("自查自纠", 4, ("step", 2), "记4分，不满足一项扣2分，扣完为止，不倒扣分。"),
        ]),
        ("检测机构\n（5分）", 5, [
            ("检测报告", 5, ("step", 2.5), "记5分，不满足一项扣2.5分，扣完为止，不倒扣分。"),
        ]),
        ("其它\n（10分）", 10, [
            ("其    它", 10, ("step", 2), "记10分，不满足一项扣2分，扣完为止，不倒扣分。"),
        ]),
    ],
}


def reachable(item_max, rule):
    if isinstance(rule, tuple):
        step = rule[1]
        out, v = set(), item_max
        while v >= -1e-9:
            out.add(round(v, 2))
            v -= step
        return out
    sums = {0.0}
    for p in rule:
        sums |= {round(s + p, 2) for s in sums}
    return sums


def build_score(sh, r0, c0, spec, scores, unit_line, with_reason, st, subtotal_override=None):
    """scores: {item name: (score, reason)} for deductions; others full marks.
    Returns (total, {section: subtotal})."""
    width = 7 + (1 if with_reason else 0)
    r = r0
    sh.merge(r, c0, r, c0 + width - 1, st.get("score_title", spec["title"]), "title")
    r += 1
    if unit_line:
        sh.put(r, c0, unit_line)
        r += 1
    sh.merge(r, c0, r + 1, c0, "序号", "head")
    sh.merge(r, c0 + 1, r + 1, c0 + 1, "考核对象", "head")
    sh.merge(r, c0 + 2, r + 1, c0 + 3, "评分内容及标准", "head")
    sh.merge(r, c0 + 4, r + 1, c0 + 4, "分值", "head")
    sh.merge(r, c0 + 5, r, c0 + 6, "考核评分", "head")
    sh.put(r + 1, c0 + 5, "得分", "head")
    sh.put(r + 1, c0 + 6, "小计", "head")
    if with_reason:
        sh.merge(r, c0 + 7, r + 1, c0 + 7, "评分依据", "head")
    r += 2
    total = 0.0
    subtotals = {}
    for si, (sec, smax, items) in enumerate(spec["sections"]):
        start = r
        sub = 0.0
        for (name, mx, rule, text) in items:
            sc, reason = scores.get(name, (mx, None))
            assert round(sc, 2) in reachable(mx, rule), (name, sc)
            sh.put(r, c0 + 2, name)
            sh.put(r, c0 + 3, text)
            sh.put(r, c0 + 4, mx)
            sh.put(r, c0 + 5, sc)
            if with_reason and reason:
                sh.put(r, c0 + 7, reason)
            sub += sc
            r += 1
        sub = round(sub, 2)
        sh.merge(start, c0, r - 1, c0, si + 1)
        sh.merge(start, c0 + 1, r - 1, c0 + 1, sec)
        shown = (subtotal_override or {}).get(si, sub)
        sh.merge(start, c0 + 6, r - 1, c0 + 6, shown)
        st.setdefault("_sub_cells", {})[si] = a1(start, c0 + 6)
        subtotals[sec.split("\n")[0].split("（")[0].split("(")[0].strip()] = sub
        total += sub
    total = round(total, 2)
    sh.merge(r, c0, r, c0 + 3, "合                               计", "head")
    sh.put(r, c0 + 4, 100)
    sh.merge(r, c0 + 5, r, c0 + 6, total)
    r += 1
    if st.get("score_footer"):
        sh.put(r + 1, c0, st["score_footer"])
    sh.width(c0 + 3, 50)
    return total, subtotals
