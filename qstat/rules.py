"""The rule catalogue: every finding qstat can produce, with its stable code.

Codes and severities are stable: they never change meaning, because clerks,
scripts and the history database refer to them. Each rule is registered once here with a
Chinese title (what the clerk reads), a docstring-like note (what it checks, why, how to
fix), its 修改要求 and its message template; the module that emits it declares the code and
passes the template's parameters (qstat/findings.py, ``Emits``). ``docs/rules.md`` is generated
from this table (``python -m qstat.rules``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from string import Formatter


class Severity(str, Enum):
    """How serious a finding is; declared in the order a clerk reads them (errors first)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value

    @property
    def label(self) -> str:
        """错误 / 警告 / 提示, as every output prints it."""
        return _SEVERITY_LABELS[self]

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


class Status(str, Enum):
    """What became of a file of the inbox (summary.json ``status``)."""

    OK = "ok"  # readable, no error
    ERRORS = "errors"  # readable, has error findings
    UNREADABLE = "unreadable"
    IGNORED = "ignored"  # not a submission: lock files, documents
    SUPERSEDED = "superseded"  # an older file of a unit that sent two
    REPORT = "report"  # a unit's own analysis report (.docx), read for the office's report

    def __str__(self) -> str:
        return self.value

    @property
    def label(self) -> str:
        """已报 / 有错误 / …, as the roster prints it."""
        return _STATUS_LABELS[self]


_SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
_STATUS_LABELS = {
    Status.OK: "已报",
    Status.ERRORS: "有错误",
    Status.UNREADABLE: "无法读取",
    Status.IGNORED: "已忽略",
    Status.SUPERSEDED: "已替换",
    Status.REPORT: "分析报告",
}
ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    title: str  # 中文标题, shown to the clerk
    doc: str  # what it checks, why, and how the unit fixes it
    fix: str  # 修改要求: what the unit is asked to do, printed in the 审核意见
    # The Chinese message of a finding, a str.format template with named parameters that the
    # emitter passes ("{sheet_name}第{row}行“{column}”未填写"); ``variants`` are the other
    # wordings of the same rule, by name (a subtotal instead of the total, a low value instead of
    # a high one). Every parameter a template names is one the emitter must pass.
    message: str
    variants: Mapping[str, str] = field(default_factory=dict, compare=False)
    # False for what qstat read or normalised itself (a full-width ７, a recomputed formula, the
    # newer of two files): listed for the office, never in a unit's letter or marked copy, and
    # never the reason a unit gets one. An error always goes to the unit.
    to_unit: bool = True

    def text(self, variant: str = "", **params: object) -> str:
        """The message with its parameters filled in: the rule's own wording, or a variant's.
        The parameters are exactly the template's fields: a misspelt or forgotten one fails."""
        template = self.variants[variant] if variant else self.message
        fields = {name for _, name, _, _ in Formatter().parse(template) if name is not None}
        if fields != set(params):
            raise TypeError(
                f"{self.code} {variant or 'message'} takes {sorted(fields)}, not {sorted(params)}"
            )
        return template.format(**params)


# Message templates that several rules share (the same check on different forms).
_TOTAL = "{sheet_name}合计行“{column}”填报为{stated}，各行之和为{expected}"
_TOTAL_VARIANTS = {
    "subtotal": "{sheet_name}小计行“{subtotal}”“{column}”填报为{stated}，所含各行之和为{expected}",
}
_FILING_RATE = (
    "{sheet_name}{who}备案率（{measure}）填报为{stated:.1f}"
    "%，按备案{measure}/竣工{measure}计算应为{expected:.1f}"
    "%"
)
_CARRIED_OVER = "{sheet_name}{unit}{column}填报为{stated}，与{source}报送的在建工程{measure}{expected}不符"
_DUPLICATE = "{sheet_name}第{row}行{column}“{identifier}”与第{first}行重复"
_REQUIRED = "{sheet_name}第{row}行“{column}”未填写"
_IN_PERIOD = "{sheet_name}第{row}行{column}{date}不在{period}（{start}至{end}）内"
_DATE_ORDER = "{sheet_name}第{row}行{column}{date}早于{earlier}{earlier_date}"
_ASK_FOR_ZIP = "请将报表文件直接报送，或在Windows中右键“发送到→压缩(zipped)文件夹”打包为.zip后重新报送"
_CELL = "{sheet_name}“{column}”填写为“{raw}”：{note}"

_RULES = [
    # Intake
    Rule(
        "IN001",
        ERROR,
        "文件无法读取",
        "The file cannot be opened as a spreadsheet: corrupt, truncated, password-protected, "
        "or a spreadsheet extension on something else. It is excluded from the totals; the "
        "run goes on. Fix: save the workbook again from Excel/WPS as .xlsx without a password.",
        fix="请在Excel或WPS中打开，另存为不设打开密码的.xlsx文件后重新报送",
        message="{reason}",
        variants={
            "died": (
                "文件无法读取：读取此文件时程序异常退出（文件可能已损坏，"
                "或内容过多、占用内存过大），请检查后重新报送"
            ),
            "too_large": "文件过大：超过{max_mb:g} MB，请删除多余内容后重新报送",
        },
    ),
    Rule(
        "IN002",
        INFO,
        "非报表文件，已忽略",
        "Lock and temporary files (~$x.xlsx, .~lock.x#, hidden files) and files that are not "
        "spreadsheets (.docx, .pdf, .txt) are listed with status `ignored` and not read.",
        fix="无需处理",
        message="{reason}，已忽略",
        variants={
            "empty_archive": "压缩包中没有文件，已忽略",
            "not_spreadsheet": "不是电子表格文件（{suffix}），已忽略",
            "report_without_unit": (
                "“{name}”像是分析报告，但文件名和正文均不含配置中的单位名称，无法确定报送单位，已忽略"
            ),
        },
        to_unit=False,
    ),
    Rule(
        "IN003",
        ERROR,
        "无法确定填报单位",
        "Neither the 填表单位 line nor the file name names a unit of the configuration "
        "(units or aliases). Fix: write the unit on the 填表单位（公章） line, or add an alias.",
        fix="请在“填表单位（盖章）”一栏填写本单位名称",
        message=("无法确定填报单位：填表单位为“{unit_text}”，文件名“{name}”也不含配置中的单位名称"),
        variants={
            "no_unit_line": "无法确定填报单位：未填写填表单位，文件名“{name}”也不含配置中的单位名称",
        },
    ),
    Rule(
        "IN004",
        ERROR,
        "报表期别与本次汇总期别不符",
        "A title states another period (2024年第二季度 while consolidating 2024Q3), or the "
        "报送日期 lies before the start of the period (the workbook was filled in before the "
        "quarter began), or the workbook was filled in a template `qstat template` made for "
        "another period or in an outdated template version (its mark says which). A later "
        "报送日期 is normal: reports are sent after the quarter ends.",
        fix="请核对报表标题中的期别和报送日期，按本期报表重新填报",
        message="表中写明的期别“{text}”与本次汇总期别{period}不符",
        variants={
            "template_period": (
                "本工作簿是用{template_period}的报表模板（第{version}版）填写的"
                "，与本次汇总期别{period}不符，请使用本期下发的模板重新填报"
            ),
            "template_version": (
                "本工作簿是用{template_period}的报表模板（第{version}版）填写的"
                "，该模板已过期（当前模板为第{current}版），"
                "请使用本期下发的模板重新填报"
            ),
            "early": "报送日期{date}早于{period}开始日期，可能是其他期别的报表",
        },
    ),
    Rule(
        "IN005",
        WARNING,
        "重复报送，已采用最新文件",
        "Two or more files for one unit. The newest is used: by the 报送日期/填表日期 written "
        "in the workbook, then a version mark in the file name (_v2, (修改), 修订, 最终), then "
        "the file's modification time. The others get status `superseded`.",
        fix="本期采用最新报送的文件；如应以其他文件为准，请告知",
        message=("{unit}重复报送{count}{kind}，采用“{chosen}”（{reason}），不再采用：{others}"),
        variants={
            "superseded": "{unit}另有较新的报送文件“{chosen}”（{reason}），本文件不再采用",
        },
        to_unit=False,
    ),
    Rule(
        "IN006",
        ERROR,
        "缺少应报报表",
        "A form the period requires (附表1-6 quarterly; 附表6 and 附表7 for a year) is not "
        "in the workbook. Fix: add the form, even empty.",
        fix="请补报缺少的报表；本期无数据的报表也应报送（可为空表）",
        message="未找到{sheet_name}《{title}》",
    ),
    Rule(
        "IN007",
        WARNING,
        "公式单元格无计算结果",
        "A formula cell carries no cached value (files written by scripts, some WPS versions). "
        "qstat recomputes it from the cells it references; when that is impossible the "
        "finding is an error and the cell is read as empty. Fix: open and save in Excel.",
        fix="请在Excel或WPS中打开并保存后重新报送，并核对公式的计算结果",
        message=("公式{formula}没有保存计算结果，已重新计算为{result}"),
        variants={
            "not_computed": "公式{formula}没有计算结果，且无法重新计算（{error}），按空值处理",
        },
        to_unit=False,
    ),
    Rule(
        "IN008",
        WARNING,
        "未报单位",
        "A unit of the configuration sent no workbook for the period (未报单位). A unit whose "
        "only file cannot be read did send: it has that file's IN001 or IN011 instead.",
        fix="请尽快报送本期报表",
        message="{unit}本期未报送报表（未报单位）",
    ),
    Rule(
        "IN009",
        WARNING,
        "远离表格的单元格已忽略",
        "A value lies more than 10,000 rows below or 200 columns right of every other value "
        "of its sheet (typically a note typed after Ctrl+End, or a cell at XFD1048576). It is "
        "not part of any form, so it is left out (and never makes qstat build a grid up to "
        "it); the finding names the first such cell and how many there are. Fix: delete it.",
        fix="请删除表格以外远处的多余内容",
        message=("单元格{cell}远离表格中的其他内容，已忽略"),
        variants={
            "more": "单元格{cell}远离表格中的其他内容，已忽略；另有{more}个远离表格的单元格也已忽略",
        },
        to_unit=False,
    ),
    Rule(
        "IN010",
        ERROR,
        "上传的文件未被接收",
        "`qstat serve` refused an upload: larger than the limit (50 MB), or the request held no "
        "file. Nothing was saved. Fix: send the workbook itself, saved as .xlsx (a workbook of "
        "the forms is well under 1 MB; a larger one usually carries pictures or scanned pages).",
        fix="请上传报表文件本身（.xlsx，不超过50MB）；删除表中的图片、扫描件后重新上传",
        message="文件超过{limit_mb}MB，未接收",
        variants={
            "no_file": "请求中没有文件（应以表单字段 file 上传）",
            "unreadable_request": "请求中没有可读取的文件（应以表单字段 file 上传）",
        },
    ),
    Rule(
        "IN011",
        ERROR,
        "压缩包无法解压",
        "An archive of the inbox (.zip, .7z) is unpacked and each file inside is a submission of "
        "its own (`ARCHIVE.zip/MEMBER`). This finding is on the archive itself (status "
        "`unreadable`) when it cannot be read at all: a .rar (no free reader), a damaged or "
        "password-protected archive, more than 1,000 files or more unpacked than "
        "[limits] max_uncompressed_mb; or on one member (status `unreadable`, the others are "
        "read): a path that climbs out of the archive (`../`) or is absolute (zip-slip), an "
        "archive inside an archive inside an archive (one level of nesting is unpacked), a "
        "compression ratio over 100 (a zip bomb), a damaged or encrypted member. A member over "
        "max_file_mb is IN001 like a loose file. Fix: send the workbook itself, or a plain .zip.",
        fix=_ASK_FOR_ZIP,
        message="压缩包已损坏，无法解压（{error}）",
        variants={
            "rar": "RAR格式的压缩包无法读取，" + _ASK_FOR_ZIP,
            "too_many": "压缩包中的文件超过{limit}个，" + _ASK_FOR_ZIP,
            "outside": "压缩包中的文件路径“{name}”指向压缩包以外（绝对路径或含“..”），为安全起见未解压",
            "nested": "压缩包中又套了多层压缩包，未解压；" + _ASK_FOR_ZIP,
            "ratio": "压缩包中的文件压缩比异常（解压后为压缩前的{ratio}倍），为安全起见未解压",
            "password": "压缩包设置了密码，无法解压；请去掉密码后重新打包报送",
            "truncated": "压缩包已损坏或被截断，无法解压",
            "no_7z": "本机未安装读取7z压缩包的组件（py7zr），" + _ASK_FOR_ZIP,
        },
    ),
    Rule(
        "IN012",
        WARNING,
        "分析报告无法读取，请另存为.docx",
        "A unit's own analysis report (its name or text says 分析报告, 质量分析 or 运行态势 and "
        "names a unit) that qstat cannot read: a .doc or .wps (the old binary formats), or a "
        ".docx that is damaged. It is listed with status `report` and its unit, but none of its "
        "text reaches the office's report, and the roster shows 分析报告 无法读取. Fix: open it "
        "in Word or WPS and save it as .docx (Word 文档).",
        fix="请将分析报告在Word或WPS中另存为.docx格式后重新报送",
        message=(
            "{unit}的分析报告“{name}”已损坏，无法读取（{error}），其内容未采用，请另存为.docx后重新报送"
        ),
        variants={
            "old_format": (
                "{unit}的分析报告“{name}”为{suffix}格式，无法读取，其内容未采用，请另存为.docx后重新报送"
            ),
        },
    ),
    Rule(
        "IN013",
        INFO,
        "上次运行被中断，已恢复",
        "The previous consolidation into this output folder was cut short (killed, power lost): "
        "while it replaced the outputs (the complete set before it was put back), or after the "
        "outputs and before the history database recorded the period. This run writes the "
        "outputs and records the period again, so the two agree; the note says it happened.",
        fix="无需处理",
        message=(
            "上次运行被中断，已恢复：上次汇总{period}的输出文件已写出，"
            "但未记入历史数据库；本次重新写出输出文件并记入历史数据库"
        ),
        variants={
            "outputs": (
                "上次运行被中断，已恢复：上次写出输出文件时被中断，已恢复此前完整的输出文件，本次重新写出"
            ),
        },
    ),
    # Structure and cells
    Rule(
        "ST001",
        ERROR,
        "表头无法识别",
        "The form's title was found but its header lacks required columns (they are named). "
        "Fix: use the official header texts of the form.",
        fix="请使用统一下发的报表格式，不要删改表头栏目",
        message="{sheet_name}表头缺少列：{columns}",
        variants={
            "no_header": "找到“{sheet_name}”标题，但表头无法识别，缺少列：{columns}",
        },
    ),
    Rule(
        "ST002",
        ERROR,
        "数值单元格填写了非数值内容",
        "A numeric cell holds text that is not a number (约3, 待定), or a figure no form can "
        "hold (above `[limits]` max_count 10^6 项, max_area / max_cost 10^9, max_percent "
        "10^6 %: 1e308 would overflow every sum). The value is quoted; the cell counts as "
        "empty. Fix: write the number only.",
        fix="请只填写数字，不要填写文字、单位或“约”等字样",
        message=_CELL,
        variants={
            "veto": "否决项应填写“是”或“否”，填写了“{raw}”",
            "score": "得分“{raw}”不是数值（{item}），按未填写处理",
        },
    ),
    Rule(
        "ST003",
        ERROR,
        "数值为负",
        "Counts, areas, costs and rates cannot be negative.",
        fix="该栏不能为负数，请核对",
        message=_CELL,
    ),
    Rule(
        "ST004",
        ERROR,
        "项数不是整数",
        "A count (项数, 死亡人数) has a fractional part.",
        fix="项数、人数应为整数，请核对",
        message=_CELL,
    ),
    Rule(
        "ST005",
        ERROR,
        "日期无效",
        "A date cell cannot be read as a date (2024.9.31, 九月). Accepted: Excel dates, "
        "2024.7.15, 2024-07-15, 2024/7/15, 2024年7月15日, 20240715.",
        fix="请填写实际存在的日期，如2024-07-15",
        message=_CELL,
    ),
    Rule(
        "ST006",
        WARNING,
        "数值已规范化",
        "A value was read after normalising it: full-width digits, thousands separators, "
        "'—' '/' '无' read as 0, a percentage written as a fraction (0.95 → 95), or an area "
        "converted between ㎡ and 万㎡ as the header states. Check the figure is meant.",
        fix="请核对数值是否正确；今后请直接填写阿拉伯数字，无数据填0",
        message=_CELL,
        variants={
            "area_unit": "{sheet_name}“{header}”列的面积单位与标准表不同，已按{unit}换算",
            "cells": "{sheet_name}有{count}个单元格{note}（{cells}），请核对",
            "score": "得分“{raw}”{note}（{item}）",
        },
        to_unit=False,
    ),
    # F5 / F7 checks that only need the form itself
    Rule(
        "F5-001",
        ERROR,
        "合计行与各单位之和不符",
        "The stated 合计 row of 附表5 differs from the sum of the unit rows (tolerance: one "
        "unit of the last printed digit), or a 小计 row (市区小计, 县（市）小计) from the unit rows "
        "it groups. The sum of the unit rows is used; 小计 rows are never added in.",
        fix="合计行应等于各单位行之和，请重新计算",
        message=_TOTAL,
        variants=_TOTAL_VARIANTS,
    ),
    Rule(
        "F5-002",
        ERROR,
        "备案率与备案项数/竣工项数不符",
        "The stated 季度质量备案率 differs from filed / completed × 100 by more than 0.1 point. "
        "The recomputed rate is used.",
        fix="备案率应为备案项数（面积）÷竣工项数（面积）×100，请重新计算",
        message=_FILING_RATE,
    ),
    Rule(
        "F7-001",
        ERROR,
        "年度统计表合计行与各单位之和不符",
        "As F5-001, for 附表7.",
        fix="合计行应等于各单位行之和，请重新计算",
        message=_TOTAL,
        variants=_TOTAL_VARIANTS,
    ),
    Rule(
        "F7-002",
        ERROR,
        "年度备案率与备案项数/竣工项数不符",
        "As F5-002, for 附表7.",
        fix="备案率应为备案项数（面积）÷竣工项数（面积）×100，请重新计算",
        message=_FILING_RATE,
    ),
    # F5 quarterly: each unit row
    Rule(
        "F5-003",
        ERROR,
        "用户满意率超出0～100%",
        "The 用户满意率 is a share of the filed projects, so it lies between 0 and 100. "
        "Example: 105 or -5. Fix: write the percentage of filed projects rated satisfied.",
        fix="满意率应在0～100之间，请核对",
        message=("{sheet_name}{who}用户满意率填报为{rate}%，应在0～100%之间"),
    ),
    Rule(
        "F5-004",
        WARNING,
        "在建工程与接转、新注册、竣工不衔接",
        "In a unit row, in_progress should equal carried_over + new − completed, for the "
        "count, the area and the cost. Example: 接转10 + 新注册3 − 竣工2 = 11, but 在建 is 12. "
        "A warning because projects can be cancelled (注销) or moved to another office; "
        "explain it in the 说明 sheet, or correct the figures.",
        fix="本季度在建应等于上季度接转＋本季度新注册－本季度竣工，请核对",
        message=(
            "{sheet_name}{who}在建工程{measure}填报为{stated}，"
            "按上季度接转{carried}＋本季度新注册{new}－本季度竣工{completed}"
            "应为{expected}，请核实（如有注销、移交项目请在“说明”表中说明）"
        ),
    ),
    Rule(
        "F5-005",
        WARNING,
        "备案项数多于竣工项数",
        "More projects filed than completed this quarter (备案率 above 100%). Possible when "
        "projects completed in an earlier quarter were filed now; check and explain it.",
        fix="备案项数多于竣工项数，请核实（以前竣工本季度备案的工程可如实填报）",
        message=(
            "{sheet_name}{who}本季度备案{filed}项，"
            "多于本季度竣工{completed}项（备案率超过100%），"
            "请核实是否含以前季度竣工的工程"
        ),
    ),
    Rule(
        "F5-006",
        ERROR,
        "上季度接转工程与上期在建工程不符",
        "carried_over must equal the in_progress the same unit reported for the previous "
        "quarter (for Q1: the previous year's Q4, else its annual form), from the history "
        "database, for count, area and cost. Fix: copy last quarter's 在建 figures, or ask "
        "the office to correct last quarter's history.",
        fix="上季度接转工程应与上期报表的在建工程一致，请核对",
        message=_CARRIED_OVER,
    ),
    Rule(
        "F5-007",
        ERROR,
        "无质量事故却填报死亡人数或经济损失",
        "Deaths or an economic loss are reported while the accident count is 0. Fix: fill in "
        "the number of accidents, or clear the deaths/loss cells.",
        fix="未发生质量事故时死亡人数和经济损失应为0，请核对",
        message=("{sheet_name}{who}质量事故项数为0，但{figure}填报为{amount}"),
    ),
    Rule(
        "F5-008",
        WARNING,
        "项数与面积、造价不对应",
        "In one group (接转, 新注册, 在建, 竣工, 备案) the count is 0 but an area or cost is "
        "not, or projects are counted with a zero area or cost. Usually a figure typed in the "
        "wrong column.",
        fix="项数为0时面积、造价也应为0（反之亦然），请核对",
        message=("{sheet_name}{who}{group}项数为0，但面积为{area}万㎡、造价为{cost}万元，请核实"),
        variants={
            "no_size": "{sheet_name}{who}{group}有{count}项，但{missing}为0，请核实",
        },
    ),
    # F6 categories
    Rule(
        "F6-001",
        ERROR,
        "大型公共建筑项数多于公共建筑项数",
        "大型公共建筑工程 are part of 公共建筑工程, so their count cannot exceed it, in any of "
        "新注册, 竣工, 备案, 在建. Fix: count the large public buildings in the public row too.",
        fix="大型公共建筑工程也应计入公共建筑工程，请核对",
        message=(
            "{sheet_name}大型公共建筑工程{group}{large}项，"
            "多于公共建筑工程{group}{public}项（大型公共建筑是公共建筑的一部分）"
        ),
    ),
    Rule(
        "F6-002",
        ERROR,
        "大型公共建筑面积不足2万㎡/项",
        "A 大型公共建筑工程 has more than 2万平方米, so the row's area must be at least 2 万㎡ × "
        "count. Example: 3 projects with 4.5 万㎡. Often an area typed in ㎡ or a wrong row.",
        fix="请核对大型公共建筑工程的面积（万㎡）和项数",
        message=(
            "{sheet_name}大型公共建筑工程{group}{count}项，"
            "面积仅{area}万㎡，按每项2万平方米以上应不少于{minimum}万㎡"
        ),
    ),
    Rule(
        "F6-003",
        ERROR,
        "分类备案率与备案项数/竣工项数不符",
        "The stated 备案率（项%） of a category differs from filed / completed × 100 by more "
        "than 0.1 point. The recomputed rate is used in the consolidation.",
        fix="备案率应为备案项数÷竣工项数×100，请重新计算",
        message=(
            "{sheet_name}“{category}”备案率填报为{stated:.1f}%，按备案项数/竣工项数计算应为{expected:.1f}%"
        ),
    ),
    Rule(
        "F6-004",
        ERROR,
        "分类数超过附表5合计",
        "A category of 附表6 is a part of the unit's projects, so none of its figures (count, "
        "area, cost of 新注册, 竣工, 备案, 在建) may exceed the same figure in 附表5. A 附表6 laid out "
        "per county is checked by the sum of its county blocks.",
        fix="分类数据不应超过附表5的合计数，请核对",
        message=(
            "{sheet_name}“{category}”{group}{measure}{stated}，超过附表5本季度{group}工程{measure}{total}"
        ),
    ),
    Rule(
        "F6-005",
        ERROR,
        "分类统计表合计与各县（市、区）之和不符",
        "A 附表6 laid out per county (a block of the category rows per county) states a 合计 "
        "block that differs, for a category, from the sum of the county blocks (tolerance: one "
        "unit of the last printed digit). The sum of the county blocks is used; the 合计 block "
        "is never added in.",
        fix="合计应等于各县（市、区）同类工程之和，请重新计算",
        message=(
            "{sheet_name}合计“{category}”{group}{measure}填报为{stated}，各县（市、区）之和为{expected}"
        ),
    ),
    # F7 annual, against the history
    Rule(
        "F7-003",
        ERROR,
        "年度新注册、竣工与四个季度之和不符",
        "The year's new and completed projects (count, area, cost) equal the sum of the four "
        "quarterly 附表5 of the same unit in the history database. Skipped (HS001) when a "
        "quarter is missing.",
        fix="年度新注册、竣工工程应等于四个季度之和，请核对",
        message=("{sheet_name}{unit}{column}填报为{stated}，四个季度附表5之和为{expected}"),
    ),
    Rule(
        "F7-004",
        ERROR,
        "上年度接转工程与上年末在建工程不符",
        "carried_over of 附表7 equals the in_progress of the previous year (its 附表7, else its "
        "Q4 附表5) in the history database.",
        fix="上年度接转工程应与上年末在建工程一致，请核对",
        message=_CARRIED_OVER,
    ),
    Rule(
        "F7-005",
        ERROR,
        "年底在建工程与第四季度在建工程不符",
        "截止到年底在建 equals the in_progress of the same year's Q4 附表5 in the history.",
        fix="截止到年底在建工程应与第四季度在建工程一致，请核对",
        message=("{sheet_name}{unit}{column}填报为{stated}，与{q4}附表5在建工程{measure}{expected}不符"),
    ),
    # Detail lists
    Rule(
        "F3-001",
        ERROR,
        "在建工程注册号重复",
        "A 工程质量监督注册号 appears twice in 附表3 (spaces, full-width characters and dash "
        "variants ignored). Each project is listed once.",
        fix="同一工程只列一行，请删除重复行或更正注册号",
        message=_DUPLICATE,
    ),
    Rule(
        "F3-002",
        ERROR,
        "在建工程明细行数与附表5在建项数不符",
        "附表3 lists each in-progress project, so its row count equals 附表5's 本季度在建工程 "
        "项数 of the same workbook. The finding points at the 附表5 cell.",
        fix="附表3应逐项列出附表5统计的全部在建工程，请补全明细或更正项数",
        message=("{sheet_name}本季度在建工程填报{counted}项，附表3在建工程明细表列出{listed}项"),
    ),
    Rule(
        "F3-003",
        WARNING,
        "在建工程明细面积合计与附表5在建面积不符",
        "Σ 建筑面积（㎡）of 附表3 ÷ 10000 should equal 附表5's 在建面积（万㎡）, to 0.01 万㎡.",
        fix="请核对附表3各工程建筑面积（平方米）与附表5在建面积（万㎡）",
        message=(
            "{sheet_name}本季度在建工程面积填报{stated}万㎡，"
            "附表3各工程建筑面积合计{area_m2}㎡，"
            "即{area:.2f}万㎡"
        ),
    ),
    Rule(
        "F3-004",
        ERROR,
        "在建工程明细必填项为空",
        "注册号, 工程名称, 建筑面积 and 施工单位 must be filled on every row of 附表3.",
        fix="请补填注册号、工程名称、建筑面积、施工单位",
        message=_REQUIRED,
    ),
    Rule(
        "F3-005",
        WARNING,
        "上期在建工程本期未列入（项目消失）",
        "A project (by 注册号, spaces, full-width characters and dashes ignored) that the unit "
        "listed in its previous period's 附表3 (Q1: the previous year's Q4) is in neither this "
        "period's 附表3 nor its 附表4: completed but not reported, or dropped from the list. "
        "The finding names the previous period's file and row. A project listed now under "
        "another 注册号 with the same 工程名称 is F3-007 (renumbered), not vanished and F3-006 "
        "new. Skipped (HS001) when the "
        "history lacks the unit's previous 附表3. Explain a project whose supervision was "
        "terminated (终止监督) or moved to another office in the 说明 sheet.",
        fix="上期在建的工程本期既未列入附表3也未列入附表4，请核实是否已竣工未报或漏报",
        message=(
            "{sheet_name}：{previous}在建的工程“{project}”（上期“{previous_file}"
            "”{previous_sheet}第{previous_row}行）本期既未列入附表3，"
            "也未列入附表4竣工工程明细"
        ),
    ),
    Rule(
        "F3-007",
        WARNING,
        "工程注册号与上期不同（注册号变更）",
        "A project of the unit's previous 附表3 whose 注册号 is gone but whose 工程名称 (compared "
        "as an identifier: spaces, full-width characters and punctuation ignored) is listed now, "
        "in 附表3 or 附表4, under a 注册号 the history does not know: one finding at its row, "
        "naming both numbers (注册号由…改为…) and the previous file and row, instead of F3-005 "
        "(vanished) and F3-006 (new). Either the number was mistyped in one of the periods or "
        "the registration really changed (重新注册): say which in the 说明 sheet.",
        fix="同一工程本期注册号与上期不同，请核实注册号是否填错；如确已变更（重新注册），请在说明中注明",
        message=(
            "{sheet_name}第{row}行“{project}”的注册号由“{old}”改为"
            "“{new}”（{previous}“{previous_file}”{previous_sheet}"
            "第{previous_row}行），请核实注册号是否填错或已变更"
        ),
    ),
    Rule(
        "F3-006",
        WARNING,
        "本期新列入的在建工程来源不明",
        "A project in this period's 附表3 that was not in the unit's previous 附表3 although "
        "it was registered before this period: the history holds it in an earlier period's "
        "附表3/附表4, or its 注册号 names an earlier year (PDS-YX-2023-0012 in 2024). It was "
        "transferred in, or missed last time. Skipped (HS001) with F3-005.",
        fix="该工程在本期之前已注册，但上期附表3未列入，请核实是否为移交工程或上期漏报，并在“说明”表中说明",
        message=(
            "{sheet_name}第{row}行“{project}”为本期新列入的在建工程，"
            "历史数据库中本单位以前报送过该工程，但{previous}附表3未列入（移交工程或上期漏"
            "报？）"
        ),
        variants={
            "year": (
                "{sheet_name}第{row}行“{project}”为本期新列入的在建工程，"
                "注册号显示为{year}年注册，但{previous}附表3未列入（移交工程或上期漏报？"
                "）"
            ),
        },
    ),
    Rule(
        "F4-001",
        ERROR,
        "竣工工程注册号重复",
        "As F3-001, for 附表4.",
        fix="同一工程只列一行，请删除重复行或更正注册号",
        message=_DUPLICATE,
    ),
    Rule(
        "F4-002",
        ERROR,
        "竣工日期不在本期内",
        "附表4 lists the projects accepted in the period, so each 竣工日期 lies within it "
        "(2024Q3: 2024-07-01 to 2024-09-30). Fix: move the project to its own period's list.",
        fix="附表4只列本期竣工验收的工程，请核对竣工日期",
        message=_IN_PERIOD,
    ),
    Rule(
        "F4-003",
        ERROR,
        "备案日期早于竣工日期",
        "A project is filed (备案) after its completion acceptance, never before.",
        fix="备案日期应在竣工日期之后，请核对",
        message=_DATE_ORDER,
    ),
    Rule(
        "F4-004",
        ERROR,
        "竣工工程明细行数与附表5竣工项数不符",
        "附表4's row count equals 附表5's 本季度竣工工程项数 of the same workbook.",
        fix="附表4应逐项列出附表5统计的全部竣工工程，请补全明细或更正项数",
        message=("{sheet_name}本季度竣工工程填报{counted}项，附表4竣工工程明细表列出{listed}项"),
    ),
    Rule(
        "F4-005",
        ERROR,
        "同一工程同时列入在建和竣工明细",
        "A project (same 注册号, or same name when it has none) is in both 附表3 and 附表4; a "
        "completed project is no longer in progress.",
        fix="已竣工的工程应从附表3在建工程明细中移出",
        message=(
            "{sheet_name}第{row}行“{project}”同时列在附表3在建工程明细表"
            "第{listed_row}行；已竣工的工程不应再列为在建"
        ),
    ),
    Rule(
        "F4-006",
        WARNING,
        "竣工验收结论不是合格却已备案",
        "A project was filed although its 竣工验收结论 is not 合格 (不合格, 整改中, 待验收). "
        "Check the conclusion or the filing.",
        fix="竣工验收不合格的工程不应备案，请核对验收结论或备案情况",
        message=("{sheet_name}第{row}行“{project}”竣工验收结论为“{verdict}”，却已办理质量备案，请核实"),
    ),
    Rule(
        "F4-007",
        WARNING,
        "附表4已备案工程数与附表5备案项数不符",
        "The projects of 附表4 with a 备案日期 or 备案结论 should number 附表5's 本季度质量备案 "
        "项数. They may differ when projects completed earlier were filed this quarter; "
        "explain it in the 说明 sheet.",
        fix="请核对附表4备案日期/备案结论与附表5备案项数；以前竣工本季度备案的，请在“说明”表中说明",
        message=(
            "{sheet_name}本季度质量备案工程填报{counted}项，"
            "附表4中已备案的竣工工程{listed}项；"
            "如含以前季度竣工、本季度备案的工程，请在“说明”表中说明"
        ),
    ),
    Rule(
        "F4-008",
        ERROR,
        "竣工工程明细必填项为空",
        "注册号, 工程名称, 建筑面积, 施工单位, 竣工日期 and 竣工验收结论 must be filled on every "
        "row of 附表4.",
        fix="请补填注册号、工程名称、建筑面积、施工单位、竣工日期、验收结论",
        message=_REQUIRED,
    ),
    Rule(
        "F1-001",
        ERROR,
        "不良行为记录必填项为空",
        "记录编号, 工程名称, 责任单位, 不良行为事实 and 记录日期 must be filled on every row.",
        fix="请补填记录编号、工程名称、责任单位、不良行为事实、记录日期",
        message=_REQUIRED,
    ),
    Rule(
        "F1-002",
        ERROR,
        "批准日期早于记录日期",
        "A record is approved after it is recorded.",
        fix="批准日期应在记录日期之后，请核对",
        message=_DATE_ORDER,
    ),
    Rule(
        "F1-003",
        WARNING,
        "不良行为记录日期不在本期内",
        "The 记录日期 lies outside the period: a record of another quarter, or a typo.",
        fix="请核对记录日期；非本期的记录应在所属期报送",
        message=_IN_PERIOD,
    ),
    Rule(
        "F1-004",
        ERROR,
        "不良行为记录编号重复",
        "A 记录编号 appears twice in 附表1.",
        fix="每条记录的编号应唯一，请更正",
        message=_DUPLICATE,
    ),
    Rule(
        "F2-001",
        ERROR,
        "行政处罚记录必填项为空",
        "记录编号, 工程名称, 责任单位, 时间, 违法违规事实 and 处罚内容 must be filled.",
        fix="请补填记录编号、工程名称、责任单位、时间、违法违规事实、处罚内容",
        message=_REQUIRED,
    ),
    Rule(
        "F2-002",
        WARNING,
        "行政处罚时间不在本期内",
        "The 时间 of a penalty lies outside the period: another quarter's record, or a typo.",
        fix="请核对处罚时间；非本期的记录应在所属期报送",
        message=_IN_PERIOD,
    ),
    Rule(
        "F2-003",
        ERROR,
        "行政处罚记录编号重复",
        "A 记录编号 appears twice in 附表2.",
        fix="每条记录的编号应唯一，请更正",
        message=_DUPLICATE,
    ),
    # History
    Rule(
        "HS001",
        INFO,
        "历史数据不全，跨期核对未进行",
        "A cross-period rule (F5-006, F7-003..005, F3-005/F3-006) needs a period the history database does "
        "not hold for this unit (first use of qstat, or the unit did not report then). The "
        "check is skipped; consolidate the earlier period first to enable it.",
        fix="无需处理",
        message=("历史数据库中没有{unit}{period}的在建工程数据，未核对上期接转工程（不影响本期汇总）"),
        variants={
            "quarters": (
                "历史数据库中没有{unit}{periods}的季度数据，未核对本年度新注册与竣工工程（不影响本期汇总）"
            ),
            "fourth_quarter": (
                "历史数据库中没有{unit}{period}的季度数据，未核对截止到年底在建工程（不影响本期汇总）"
            ),
            "lists": "历史数据库中没有{unit}{period}的附表3明细，未核对在建工程的连续性（不影响本期汇总）",
        },
        to_unit=False,
    ),
    Rule(
        "HS002",
        WARNING,
        "数值明显偏离本单位前四个季度（核实）",
        "A quantity of 附表5 (新注册, 竣工, 备案: count, area, cost; 在建 too, and for 在建 also "
        "a fall) lies far outside the unit's own last four quarters in the history: above "
        "`jump_factor` times their largest (在建: or below their smallest divided by it) and "
        "differing from it by at least `jump_min_count` / `jump_min_area` / `jump_min_cost` "
        "([anomalies] in qstat.toml; defaults 4, 10 项, 10 万㎡, 10000 万元), with at least "
        "`jump_quarters` (default 2) of the four quarters recorded. Often an area typed in ㎡ "
        "or a figure in the wrong column. Quarters only; a warning the unit may explain.",
        fix="该数值与本单位前四个季度相比变化异常，请核实是否误填（如面积单位、错列），属实的请在“说明”表中说明",
        message=(
            "{sheet_name}{unit}{column}填报为{stated}，"
            "远高于本单位{span}的最大值{high}，"
            "请核实是否误填（面积单位、错列等）"
        ),
        variants={
            "low": (
                "{sheet_name}{unit}{column}填报为{stated}，"
                "远低于本单位{span}的最小值{low}，"
                "请核实是否误填（面积单位、错列等）"
            ),
        },
    ),
    Rule(
        "HS003",
        WARNING,
        "报表照抄上期（明细已变化）",
        "Every figure of 附表5 (or of 附表6) equals the unit's previous period in the history, "
        "and is not all zero, while the detail lists changed: at least `copy_min_changes` "
        "(default 1) projects entered or left 附表3/附表4 since then. The form was probably "
        "copied forward from last quarter and not updated.",
        fix="该表数据与上期完全相同，但在建、竣工明细已变化，请按本期实际情况重新填报",
        message=(
            "{sheet_name}{unit}的全部数据与{previous}完全相同，"
            "但附表3/附表4明细较上期有{changes}项工程增减，"
            "疑为照抄上期报表"
        ),
    ),
    # Score sheets
    Rule(
        "SC001",
        ERROR,
        "得分超过该项分值",
        "An item's score is above its 分值 (max). It is counted at the max. Fix: score within "
        "the item's points.",
        fix="请在该项分值以内评分",
        message=("“{item}”得分{score:g}{unit}超过分值{max:g}{unit}，按{max:g}{unit}计"),
    ),
    Rule(
        "SC002",
        ERROR,
        "得分为负（不倒扣分）",
        "An item's score is negative; the sheets say 扣完为止，不倒扣分. Counted as 0.",
        fix="扣完为止，不倒扣分：最低为0分，请更正",
        message=("“{item}”得分为负（{score:g}{unit}）：扣完为止，不倒扣分，按0计"),
    ),
    Rule(
        "SC003",
        ERROR,
        "得分按评分标准无法得到",
        'The score cannot result from the item\'s rule: "记6分，不满足一项扣2分" allows 6, 4, '
        '2, 0; "记1.5分；…记1.5分" allows 0, 1.5, 3; a 扣分项 is a multiple of its points. '
        "Counted as written. Fix: recheck the item.",
        fix="请按评分标准的扣分步长重新评分",
        message=("“{item}”得分{score:g}{unit}按评分标准无法得到（{criterion}）"),
        variants={
            "deduction": "扣分项“{item}”扣{amount:g}{unit}，应为每件{step:g}{unit}的整数倍",
        },
    ),
    Rule(
        "SC004",
        ERROR,
        "小计与本部分各项得分之和不符",
        "A section's 小计 differs from the sum of its items' scores as written.",
        fix="小计应等于本部分各项得分之和，请重新计算",
        message="小计{stated}与本部分各项得分之和{expected:g}不符",
    ),
    Rule(
        "SC005",
        ERROR,
        "合计与各项得分之和不符或超过满分",
        "The 合计 row differs from the sum of the item scores (plus 激励项, minus 扣分项), or "
        "exceeds the sheet's maximum. The ranking uses the sum of the items.",
        fix="合计应等于各项得分之和（加激励项、减扣分项），且不超过满分，请重新计算",
        message="合计{stated}与各项得分之和{expected:g}不符",
        variants={
            "over": "合计{stated}超过评分表满分{highest:g}",
        },
    ),
    Rule(
        "SC006",
        WARNING,
        "扣分未填写评分依据",
        "The spec requires a 评分依据 for every deduction (seed 004: 评分依据要说明得分或扣分原因) "
        "and an item with points deducted has none.",
        fix="请在“评分依据”栏写明扣分原因",
        message="“{item}”有扣分，但未填写评分依据（扣分原因）",
    ),
    Rule(
        "SC007",
        INFO,
        "否决项触发，考核等级为D",
        "A 否决项 (veto item) is marked as triggered (是/发生): the grade is D whatever the "
        "total, and the unit is ranked after every unit without a veto.",
        fix="无需处理（否决项已记为D等）",
        message="否决项“{item}”已触发，考核结果为{grade}级",
    ),
    Rule(
        "SC008",
        ERROR,
        "激励项加分超过上限",
        "A 激励项 (bonus item) adds more than its cap. It is counted at the cap.",
        fix="激励项加分不超过其上限，请更正",
        message=("激励项“{item}”加{score:g}{unit}，超过上限{cap:g}{unit}，按{cap:g}{unit}计"),
    ),
    Rule(
        "SC009",
        WARNING,
        "评分表与已知评分标准不符",
        "Rows are matched to a spec's items by structure (item name, section, 分值; the "
        "criteria text may be shortened or paraphrased). At the header: the sheet matches no "
        "known spec (under half of any spec's items, or of its own item rows, matched); it is "
        "then checked only against what it states itself (得分 ≤ 分值, 小计, 合计) and ranked "
        "with that caveat. Also at the header: items of the matched spec are missing (counted "
        "as 0); at a row: a row with points that is no item of the spec (not counted). Fix: "
        "use the official sheet of the year, keeping its item names and 分值.",
        fix="请使用当年统一下发的考核评分表，保留评分项目名称和分值，不要增删评分项目",
        message="评分表缺少《{title}》的评分项：{items}（按0分计）",
        variants={
            "no_sheet": "工作簿中没有名为“{name}”的工作表",
            "no_header": "找到评分表标题，但未找到“分值/得分”表头，无法读取评分表",
            "unknown": (
                "评分表的评分项与已知评分标准均不符；仅按表中所列分值核对得分、小计和合计，排名仅供参考"
            ),
            "unknown_nearest": (
                "评分表的评分项与已知评分标准均不符；最接近《{title}》，"
                "仅{matched}/{items}项相符；"
                "仅按表中所列分值核对得分、小计和合计，排名仅供参考"
            ),
            "not_in_spec": "评分项“{item}”与《{title}》的评分项均不符，未计入总分",
            "no_max": "评分项“{item}”未列分值，未计入总分",
        },
    ),
    Rule(
        "SC010",
        WARNING,
        "评分表未填写得分",
        "An item of the score sheet has no score (counted as 0), or no item has one: a blank "
        "template was sent, and the unit is listed as 评分表未填写, not ranked.",
        fix="请逐项填写得分",
        message="“{item}”未填写得分（按0{unit}计）",
        variants={
            "blank": "评分表未填写任何得分（报送的是空白评分表）",
        },
    ),
]

RULES: dict[str, Rule] = {r.code: r for r in _RULES}


def markdown() -> str:
    """The catalogue as the Markdown page ``docs/rules.md``."""
    lines = [
        "# Rule catalogue",
        "",
        "Generated by `python -m qstat.rules`; do not edit.",
        "",
        "The last column says whether a finding of the rule goes to the unit (its 审核意见 letter "
        "and marked copy): `no` for what qstat read or normalised itself, which the office's "
        "findings list and roster still show. A unit gets a letter only for an error or an open "
        "warning marked `yes`; an error always goes to the unit.",
        "",
        "The message column is the finding's Chinese text as a template: the emitter fills the "
        "named `{parameters}`; a rule with several wordings lists each other one after its name.",
        "",
        "| code | severity | 标题 | what it checks | 修改要求 | message | to unit |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r.code} | {r.severity} | {r.title} | {r.doc} | {r.fix} | {_messages(r)} "
        f"| {'yes' if r.to_unit else 'no'} |"
        for r in _RULES
    ]
    return "\n".join(lines) + "\n"


def _messages(rule: Rule) -> str:
    return "<br>".join([f"`{rule.message}`", *(f"{name}: `{text}`" for name, text in rule.variants.items())])


if __name__ == "__main__":
    print(markdown(), end="")
