"""One file, start to finish: read → locate → parse → validate → the unit's figures.

Runs in a worker process, so it takes and returns plain picklable values, never raises for a
bad file (the file gets a finding and a status), and writes the detail rows (F1-F4, which can
be thousands) to a spool file instead of sending them back through memory.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from collections import Counter
from pathlib import Path

from .config import Config
from .findings import Finding
from .forms import FORMS
from .forms.f1_bad_behaviour import party_type
from .forms.spec import FormKind
from .forms.statistics import sum_categories
from .formula import group_recomputed
from .history import listed_projects, spool_projects
from .intake import ERRORS, IGNORED, OK, UNREADABLE, Submission, identify_unit
from .locate import NARRATIVE_SHEET, locate
from .parse import parse_table
from .periods import Period
from .read import SPREADSHEET_EXTENSIONS, Unreadable, detect_format, read_workbook
from .revision import take_snapshot
from .scores.sheet import read_score_sheet
from .template_mark import TEMPLATE_VERSION, TemplateMark
from .validate import apply_explanations, check_forms, check_history, check_own_history, read_explanations

QUARTERLY_FORMS = ("F1", "F2", "F3", "F4", "F5", "F6")
ANNUAL_FORMS = ("F6", "F7")


def examine(path: Path, file: str, period: Period, config: Config,
            spool_dir: Path | None = None, db: Path | None = None) -> Submission:
    """Everything one workbook says, as a Submission with its findings.

    With ``db`` (the history database) the cross-period rules run too.
    """
    sub = Submission(file=file, path=path, mtime=path.stat().st_mtime)
    try:
        _examine(sub, period, config, spool_dir, db)
    except Unreadable as e:
        sub.status = UNREADABLE
        sub.findings.append(Finding("IN001", f"文件无法读取：{e}", file=file))
    except Exception as e:  # a bug must not stop the other files: report it as unreadable
        sub.status = UNREADABLE
        sub.findings.append(Finding(
            "IN001", f"读取时出现意外错误（{type(e).__name__}: {e}），请将此文件反馈给开发者",
            file=file))
    for f in sub.findings:
        f.file, f.unit = file, f.unit or sub.unit
    if sub.status not in (UNREADABLE, IGNORED):
        sub.status = ERRORS if sub.errors else OK
    return sub


def _examine(sub: Submission, period: Period, config: Config, spool_dir: Path | None,
             db: Path | None) -> None:
    data = sub.path.read_bytes()
    sub.sha256 = hashlib.sha256(data).hexdigest()
    sub.format = detect_format(data)
    if sub.format is None:
        if sub.path.suffix.lower() in SPREADSHEET_EXTENSIONS:
            raise Unreadable("扩展名是电子表格，但内容不是可识别的Excel/WPS/ODS文件（可能已损坏或被截断）")
        sub.status = IGNORED
        sub.findings.append(Finding("IN002", f"不是电子表格文件（{sub.path.suffix or '无扩展名'}），已忽略"))
        return
    workbook = read_workbook(sub.path, sub.format, data)
    found = locate(workbook)
    for finding in workbook.findings:  # recomputed formulas: name the form they belong to
        finding.form = _form_at(found, finding.sheet, finding.cell)
    sub.findings += group_recomputed(workbook.findings) + found.findings
    sub.unit_text, sub.unit_cell = found.unit_text, found.unit_cell
    sub.score_sheet = found.score_sheets[0] if found.score_sheets else None
    sub.report_date = max(found.report_dates, default=None)
    identify_unit(sub, config)
    _check_period(sub, found, period, TemplateMark.parse(workbook.template_mark))
    sub.score, score_findings = read_score_sheet(workbook, found.score_sheets)
    sub.findings += score_findings
    expected = ANNUAL_FORMS if period.is_annual else QUARTERLY_FORMS
    for code in expected:
        if code not in found.tables:
            sub.findings.append(Finding(
                "IN006", f"未找到{FORMS[code].sheet_name}《{FORMS[code].title}》", form=code))
    parsed = {}
    for code, table in found.tables.items():
        parsed[code], findings = parse_table(table)
        sub.findings += findings
        sub.forms.append(code)
    sub.findings += check_forms(parsed, period)
    details = {}
    for code, form in parsed.items():
        if form.spec.kind is FormKind.STATISTICS:
            sub.statistics[code] = form.unit_figures(sub.unit)
        elif form.spec.kind is FormKind.CATEGORIES:
            sub.categories = sum_categories([{r.category: r for r in form.records}])
        else:
            sub.row_counts[code] = len(form.records)
            details[code] = form.records
    figures = parsed.get("F7" if period.is_annual else "F5")
    if db is not None and sub.unit and figures is not None:
        place = (figures.sheet, figures.figure_row(), figures.columns)
        sub.findings += check_history(sub.unit, sub.statistics[figures.spec.code], place, period, db)
    if db is not None and sub.unit:
        sub.findings += check_own_history(sub.unit, parsed, sub.statistics.get("F5"), sub.categories,
                                          period, db, config.anomalies)
    if "F1" in details:
        sub.party_counts = dict(Counter(party_type(r.party) for r in details["F1"]))
    sub.text = narrative_text(workbook)
    apply_explanations(sub.findings, read_explanations(workbook))
    sub.snapshot = take_snapshot(workbook, sub.findings)
    if spool_dir is not None:  # detail rows go to disk: memory stays flat on big runs
        for code, records in details.items():
            sub.detail_spools[code] = spool_dir / f"{sub.sha256}-{code}.pickle"
            with open(sub.detail_spools[code], "wb") as f:
                pickle.dump(records, f, protocol=pickle.HIGHEST_PROTOCOL)
        projects = spool_dir / f"{sub.sha256}-projects.pickle"
        sub.project_spool = spool_projects(listed_projects(parsed), projects)


def _check_period(sub: Submission, found, period: Period, mark: TemplateMark | None) -> None:
    """IN004: a workbook made from another period's or an outdated template (``qstat template``),
    a title stating another period, or a 报送日期 before the period began."""
    if mark and (mark.period != period or mark.version < TEMPLATE_VERSION):
        why = (f"，与本次汇总期别{period.chinese()}不符" if mark.period != period else
               f"，该模板已过期（当前模板为第{TEMPLATE_VERSION}版）")
        sub.findings.append(Finding(
            "IN004", f"本工作簿是用{mark.period.chinese()}的报表模板（第{mark.version}版）填写的{why}，"
            "请使用本期下发的模板重新填报", value=mark.text()))
        return
    for stated, sheet, cell, text in found.periods:
        if stated.year != period.year or not (
                stated.is_annual or period.is_annual or stated == period):
            sub.findings.append(Finding(
                "IN004", f"表中写明的期别“{text}”与本次汇总期别{period.chinese()}不符",
                sheet=sheet, cell=cell, value=text))
            return
    early = min(found.report_dates, default=None)
    if early and early < period.start:
        sub.findings.append(Finding(
            "IN004", f"报送日期{early:%Y-%m-%d}早于{period.chinese()}开始日期，可能是其他期别的报表",
            value=f"{early}"))


def _form_at(found, sheet: str | None, cell: str | None) -> str | None:
    """The form whose table covers a cell, if any."""
    row = int(re.sub(r"[A-Z]+", "", cell or "A0")) - 1
    return next((code for code, t in found.tables.items()
                 if t.sheet.name == sheet and t.anchor[0] <= row <= t.end_row), None)




def narrative_text(workbook) -> str:
    """The 文字材料 sheets' text, one line per row (cells joined), for the analysis report."""
    lines = []
    for sheet in workbook.sheets:
        if NARRATIVE_SHEET.search(sheet.name):
            for row in sheet.rows:
                line = " ".join(str(v).strip() for v in row if str(v).strip())
                if line:
                    lines.append(line)
    return "\n".join(lines)
