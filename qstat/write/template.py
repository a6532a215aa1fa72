"""`qstat template`: the blank workbook sent down to a unit, which checks itself in Excel or WPS.

The cheapest error is the one never made. The template holds the official forms in the seed's
layout (the same ``write_form_sheet`` as the consolidated forms) with the cells to fill unlocked
and shaded, everything else protected (no password); data validation with Chinese prompts;
合计 and rates as formulas with cached values; conditional formatting that turns a cell red
when a rule of its form fails; and a 自查 sheet listing every check with its rule code and a
通过/不通过 computed by formulas. Only plain functions Excel, WPS and LibreOffice all evaluate
(SUM, SUMPRODUCT, COUNTIF, IF, ABS). With a history database the 上季度接转 figures and
附表3 (last period's projects in progress) are prefilled. A custom document property marks the
period and template version (template_mark.py).

Every cached value is computed by qstat's own formula evaluator (formula.py), from the cells
as written: the formulas are the only statement of a check's arithmetic here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from ..cells import ZERO_WORDS
from ..config import Config
from ..forms import FORMS, LIST_FORMS
from ..forms.f1_bad_behaviour import PARTY_TYPES
from ..forms.f4_completed import ACCEPTED_WORD, NOT_ACCEPTED_WORD, NOT_FILED_WORDS
from ..forms.f6_categories import CATEGORY_LABELS
from ..forms.spec import AREA, COUNT, DATE, NUMBER, PERCENT, PROSE, Column, FormSpec
from ..forms.statistics import CATEGORIES, VOLUMES, Volume
from ..formula import evaluate_all
from ..history import figures, projects
from ..past import ListedProject, stock_sources
from ..periods import Period
from ..read import Sheet
from ..rules import RULES
from ..scores.spec import BONUS, DEDUCTION, SCORE, VETO, Item, ScoreSpec, builtin_specs, load_spec
from ..template_mark import MARK_PROPERTY, TEMPLATE_VERSION, TemplateMark
from ..validate.categories import LARGE_PUBLIC_MIN_AREA
from ..validate.common import DEFAULT_TOLERANCE, TOLERANCE
from ..validate.details import DETAIL_RULES
from .layout import (
    BODY_FONT,
    INPUT_FILL,
    LINE_HEIGHT,
    NOTE_FONT,
    PAGE_FOOTER,
    Formats,
    Formula,
    Input,
    data_top,
    text_lines,
    write_form_sheet,
)
from .safe import safe_name, safe_text

CHECK_SHEET = "自查"
SCORE_SHEET = "评分表"
ERROR_FILL, ERROR_FONT = "#FFC7CE", "#9C0006"  # a cell whose rule fails: Excel's own "bad" style
# Values offered in drop-down lists. 结构类型 and 责任单位 also accept other text (a warning asks).
STRUCTURES = ("框架", "框架-剪力墙", "剪力墙", "框架-核心筒", "砖混", "钢结构", "排架", "其它")
ACCEPTANCE = (ACCEPTED_WORD, NOT_ACCEPTED_WORD)
FILING_RESULTS = ("准予备案", "已备案")
PARTIES = tuple(
    f"{t}单位"
    if t in ("建设", "勘察", "设计", "施工", "监理")
    else {"检测": "检测机构", "施工图审查": "施工图审查机构"}.get(t, t)
    for t in PARTY_TYPES.values()
)
LISTS = {
    "structure": (STRUCTURES, False),
    "acceptance": (ACCEPTANCE, True),
    "filing_result": (FILING_RESULTS, True),
    "party": (PARTIES, False),
}  # key: (values, strict)
IN_PERIOD_DATES = {("F1", "recorded_on"), ("F4", "completed_on")}  # validated within the period


class TemplateError(ValueError):
    """The template cannot be made as asked (no units configured, unknown score sheet)."""


@dataclass
class TemplateResult:
    """One unit's template and what was prefilled in it."""

    unit: str
    period: Period
    path: Path
    carried_over: Volume | None = None  # 接转 prefilled from the history (None: not found)
    projects: list[ListedProject] = field(default_factory=list)  # 附表3 rows prefilled from the history
    notes: list[str] = field(default_factory=list)  # what could not be prefilled, and why


@dataclass
class _Form:
    """A form's sheet as planned: its columns, first data row and rows (Input/Formula cells)."""

    spec: FormSpec
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    total: list | None = None

    @property
    def sheet(self) -> str:
        return self.spec.sheet_name

    @property
    def top(self) -> int:
        return data_top(self.columns)

    @property
    def bottom(self) -> int:
        return self.top + len(self.rows) - 1

    def col(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def has(self, key: str) -> bool:
        return any(c.key == key for c in self.columns)

    def cell(self, key: str, row: int = 0, sheet: bool = True) -> str:
        """A1 reference of a field in data row ``row`` (absolute, with the sheet when asked)."""
        ref = xl_rowcol_to_cell(self.top + row, self.col(key), True, True)
        return f"'{self.sheet}'!{ref}" if sheet else ref

    def range(self, key: str, sheet: bool = True) -> str:
        c = xl_col_to_name(self.col(key), True)
        ref = f"{c}${self.top + 1}:{c}${self.bottom + 1}"
        return f"'{self.sheet}'!{ref}" if sheet else ref


@dataclass
class _Check:
    """One line of the 自查 sheet: a rule, where, what, and a formula counting its problems.

    The formula is a twin of the rule's Python check: it fails exactly when ``qstat check``
    reports ``rule`` for the same cells (tests/test_template_twins.py checks every one)."""

    rule: str  # the rule's code in qstat/rules.py
    text: str  # what is checked, led by the sheet it is on
    count: str  # formula body (no "=") giving the number of problems
    cells: dict[int, Formula] = field(default_factory=dict)  # 问题数 and 结果, once placed


def write_template(
    path: Path,
    unit: str,
    period: Period | str,
    config: Config | None = None,
    db: Path | None = None,
    today: date | None = None,
    score_sheet: str | None = None,
) -> TemplateResult:
    """The unit's template for the period at ``path``; prefilled from ``db`` when it exists.

    ``score_sheet``: a built-in score-sheet id or a spec file (default: the config's
    ``score_sheet``, else DEFAULT_SCORE_SHEET). ``today`` is the 下发日期 on the 自查 sheet.
    """
    period = Period.reported(period) if isinstance(period, str) else period
    config = config or Config()
    spec = _score_spec(score_sheet if score_sheet is not None else config.score_sheet)
    result = TemplateResult(unit, period, Path(path))
    carried = _carried_over(db, period, unit, result)
    listed = _in_progress(db, period, unit, result)
    forms = {code: _plan(FORMS[code], unit, carried, listed) for code in period.consolidated_forms}
    checks = _checks(forms, period)
    score = _ScoreSheet(spec)
    checks += score.checks()
    for i, check in enumerate(checks):
        check.cells = _check_cells(check, i, len(checks))
    summary = _CheckSummary(_open_problems(len(checks)), _entered(forms))
    _evaluate(forms, checks, summary, score)
    _write(path, forms, checks, summary, score, unit, period, today or date.today())
    return result


def write_templates(
    folder: Path,
    period: Period | str,
    config: Config,
    db: Path | None = None,
    today: date | None = None,
    score_sheet: str | None = None,
) -> list[TemplateResult]:
    """One template per configured unit, named 单位_期别.xlsx, in ``folder``."""
    if not config.units:
        raise TemplateError("配置文件中没有列出下级单位（units），无法为全部单位生成模板")
    period = Period.reported(period) if isinstance(period, str) else period
    folder.mkdir(parents=True, exist_ok=True)
    return [
        write_template(folder / template_name(unit, period), unit, period, config, db, today, score_sheet)
        for unit in config.units
    ]


def template_name(unit: str, period: Period) -> str:
    return f"{safe_name(unit)}_{period}.xlsx"


# The score sheet a template carries unless the config's ``score_sheet`` names another: the
# Henan 考核评分表 of the seeds, so that units filling a template are never left out of the ranking.
DEFAULT_SCORE_SHEET = "henan-affordable-housing-supervision"


def _score_spec(name: str) -> ScoreSpec:
    name = name or DEFAULT_SCORE_SHEET
    if name.endswith(".toml"):
        try:
            return load_spec(name)
        except (OSError, KeyError, ValueError) as e:
            raise TemplateError(f"评分表标准文件{name}无法读取：{e}") from e
    spec = next((s for s in builtin_specs() if s.id == name), None)
    if spec is None:
        known = "、".join(s.id for s in builtin_specs())
        raise TemplateError(f"没有名为“{name}”的评分表（可用：{known}，或给出 .toml 标准文件）")
    return spec


def _carried_over(db: Path | None, period: Period, unit: str, result: TemplateResult) -> Volume | None:
    """The unit's last recorded 在建 (its 接转 now), read from the history; None with a note."""
    if db is None or not Path(db).exists():
        result.notes.append("未给出历史数据库（或文件不存在），上期接转未预填")
        return None
    for source, form in stock_sources(period):  # as F5-006/F7-004 read it
        found = figures(db, str(source), unit, form)
        if found:
            result.carried_over = Volume(
                *(found.get(f"in_progress.{m}") or 0.0 for m in ("count", "area", "cost"))
            )
            break
    else:
        previous = period.previous()
        result.notes.append(f"历史数据库中没有{unit}{previous.chinese()}的在建工程数据，上期接转未预填")
    return result.carried_over


def _in_progress(db: Path | None, period: Period, unit: str, result: TemplateResult) -> list[ListedProject]:
    """The projects of the unit's last 附表3 (still in progress unless completed since), from the
    history; [] with a note when it has none."""
    if period.is_annual or db is None or not Path(db).exists():
        return []  # no 附表3 in a year's forms; the missing history is noted already
    previous = period.previous()
    listed = projects(db, str(previous), unit)
    if listed is None:
        result.notes.append(f"历史数据库中没有{unit}{previous.chinese()}的附表3明细，在建工程明细表未预填")
        return []
    result.projects = [p for p in listed if FORMS[p.form].stock]
    return result.projects


def _plan(spec: FormSpec, unit: str, carried: Volume | None, listed: list[ListedProject]) -> _Form:
    """A form's rows: input cells, 合计 and rates as formulas (cached values come later);
    附表3 starts with last period's projects (``listed``), then the blank rows."""
    form = _Form(spec, list(spec.printed_columns))
    if spec.is_list:
        prefilled = listed if spec.stock else []
        form.rows = [
            [Input(_listed_value(p, i, c.key)) for c in form.columns] for i, p in enumerate(prefilled, 1)
        ]
        form.rows += [[Input() for _ in form.columns] for _ in range(spec.blank_rows)]
    elif spec.category_rows:
        form.rows = [[CATEGORY_LABELS[c]] + [Input() for _ in form.columns[1:]] for c in CATEGORIES]
        for i in range(len(form.rows)):
            form.rows[i][form.col("filing_rate")] = _rate(form, "filed.count", "completed.count", i)
    else:
        row: list[str | Input] = [unit]
        for col in form.columns[1:]:
            volume, _, measure = col.key.partition(".")
            prefill = getattr(carried, measure) if carried and volume == "carried_over" else None
            row.append(Input(prefill))
        form.rows = [row]
        form.total = ["合计"] + [
            Formula(f"=SUM({form.range(col.key, sheet=False)})") for col in form.columns[1:]
        ]
        for part in ("count", "area"):
            key = f"filing_rate.{part}"
            form.rows[0][form.col(key)] = _rate(form, f"filed.{part}", f"completed.{part}", 0)
            form.total[form.col(key)] = _rate(form, f"filed.{part}", f"completed.{part}", 1)
        # 满意率 of the 合计: the unit's own (one unit row; shown empty while it is empty).
        form.total[form.col("satisfaction_rate")] = Formula(f"={form.cell('satisfaction_rate', 0, False)}")
    return form


def _listed_value(project: ListedProject, seq: int, key: str) -> object:
    """A prefilled 附表3 cell: 序号, or the project's field of that name (备注 stays blank)."""
    return seq if key == "seq" else getattr(project, key, None)


def _rate(form: _Form, numerator: str, denominator: str, row: int) -> Formula:
    """A 备案率 formula: 0 (shown empty) when nothing was completed."""
    num, den = form.cell(numerator, row, False), form.cell(denominator, row, False)
    return Formula(f"=IF({den}=0,0,{num}/{den}*100)")


# ---- the checks: formulas counting each rule's problems (the 自查 sheet) ----------------------


def _checks(forms: dict[str, _Form], period: Period) -> list[_Check]:
    checks: list[_Check] = []
    for code in LIST_FORMS:
        checks += _list_checks(forms[code], period)
    if "F5" in forms:
        checks += _statistics_checks(forms["F5"])
        checks += _cross_checks(forms["F5"], forms["F3"], forms["F4"], forms["F6"])
    checks += _category_checks(forms["F6"])
    return checks


def _record_columns(form: _Form) -> list[Column]:
    """A list's columns whose filling makes a row a record: a 序号 alone does not (qstat reads a
    numbered blank row as blank, and clerks number rows ahead)."""
    return [c for c in form.columns if c.key != "seq"]


def _started(form: _Form) -> str:
    """Per row of a list: 1 when any of its record's cells is filled (the row is a record)."""
    return "((" + "+".join(f'({form.range(c.key)}<>"")' for c in _record_columns(form)) + ")>0)"


def _list_checks(form: _Form, period: Period) -> list[_Check]:
    rules = DETAIL_RULES[form.spec.code]
    name = form.spec.sheet_name
    ident = form.range(rules.identifier)
    missing = "+".join(f'({form.range(k)}="")' for k in form.spec.must_fill if form.has(k))
    fields = "、".join(_label(form.spec.column(k)) for k in form.spec.must_fill if form.has(k))
    checks = [
        _Check(
            rules.required,
            f"{name}已填写的行，{fields}均应填写",
            f"SUMPRODUCT({_started(form)}*(({missing})>0))",
        ),
        _Check(
            rules.duplicate,
            f"{name}{_label(form.spec.column(rules.identifier))}不重复",
            f'SUMPRODUCT(({ident}<>"")*(COUNTIF({ident},{ident})>1))',
        ),
    ]
    if rules.in_period:
        key, rule = rules.in_period
        days = form.range(key)
        checks.append(
            _Check(
                rule,
                f"{name}{_label(form.spec.column(key))}在{period.chinese()}"
                f"（{period.start:%Y-%m-%d}至{period.end:%Y-%m-%d}）内",
                f'SUMPRODUCT(({days}<>"")*((({days}<{_date(period.start)})+({days}>{_date(period.end)}))>0))',
            )
        )
    if rules.order:
        earlier, later, rule = rules.order
        first, second = form.range(earlier), form.range(later)
        checks.append(
            _Check(
                rule,
                f"{name}{_label(form.spec.column(later))}不早于{_label(form.spec.column(earlier))}",
                f'SUMPRODUCT(({first}<>"")*({second}<>"")*({second}<{first}))',
            )
        )
    if form.spec.code == "F4":
        checks.append(
            _Check(
                "F4-006",
                f"{name}已备案的工程竣工验收结论为“合格”",
                f'SUMPRODUCT({_filed(form)}*({form.range("acceptance")}<>"")'
                f"*({_accepted(form.range('acceptance'))}=0))",
            )
        )
    return checks


def _accepted(acceptance: str) -> str:
    """1 when the 竣工验收结论 (a cell, or per row of a range) says 合格 and not 不合格, as
    CompletedProject.accepted decides."""
    says, refused = f'SEARCH("{ACCEPTED_WORD}",{acceptance})', f'SEARCH("{NOT_ACCEPTED_WORD}",{acceptance})'
    return f"(ISNUMBER({says})*ISERROR({refused}))"


def _filed(form: _Form) -> str:
    """Per row of 附表4: 1 when the project is filed, as CompletedProject.filed decides: a
    备案日期, or a 备案结论 that is no placeholder ("/", "无") and does not say the filing is
    still to come (未备案, 资料整理中)."""
    result = form.range("filing_result")
    to_come = "".join(f'*ISERROR(SEARCH("{word}",{result}))' for word in NOT_FILED_WORDS)
    placeholder = "+".join(f'(TRIM({result})="{word}")' for word in sorted(ZERO_WORDS))
    said = f'({result}<>""){to_come}*(({placeholder})=0)'
    return f'((({form.range("filed_on")}<>"")+{said})>0)'


def _statistics_checks(f5: _Form) -> list[_Check]:
    c = f5.cell
    flow = "+".join(
        f"(ABS({c(f'in_progress.{m}')}-({c(f'carried_over.{m}')}+{c(f'new.{m}')}-{c(f'completed.{m}')}))"
        f">{_tolerance(f5, f'in_progress.{m}')})"
        for m in ("count", "area", "cost")
    )
    sizes = "+".join(
        f"((({c(f'{v}.count')}=0)*((({c(f'{v}.area')}<>0)+({c(f'{v}.cost')}<>0))>0)"
        f"+({c(f'{v}.count')}<>0)*((({c(f'{v}.area')}=0)+({c(f'{v}.cost')}=0))>0))>0)"
        for v in VOLUMES
    )
    return [
        _Check("F5-004", "附表5 本季度在建＝上季度接转＋本季度新注册－本季度竣工（项数、面积、造价）", flow),
        _Check(
            "F5-005",
            "附表5 本季度备案项数不多于本季度竣工项数",
            f"({c('filed.count')}>{c('completed.count')})*1",
        ),
        _Check(
            "F5-003",
            "附表5 用户满意率在0～100之间",
            f"(({c('satisfaction_rate')}<0)+({c('satisfaction_rate')}>100))*1",
        ),
        _Check(
            "F5-007",
            "附表5 质量事故项数为0时，死亡人数和经济损失也为0",
            f"({c('accidents.count')}=0)*((({c('accidents.deaths')}<>0)+({c('accidents.loss')}<>0))>0)",
        ),
        _Check("F5-008", "附表5 各栏项数为0时面积、造价为0；有项数时面积、造价不为0", sizes),
    ]


def _cross_checks(f5: _Form, f3: _Form, f4: _Form, f6: _Form) -> list[_Check]:
    c = f5.cell
    f3_area = f"SUM({f3.range('area_m2')})/10000"
    checks = [
        _Check(
            "F3-002",
            "附表3 列出的工程数等于附表5 本季度在建项数",
            f"(SUMPRODUCT({_started(f3)}*1)<>{c('in_progress.count')})*1",
        ),
        _Check(
            "F3-003",
            "附表3 建筑面积合计（折合万㎡）等于附表5 本季度在建面积",
            f"(ABS({f3_area}-{c('in_progress.area')})>{_tolerance(f5, 'in_progress.area')})*1",
        ),
        _Check(
            "F4-004",
            "附表4 列出的工程数等于附表5 本季度竣工项数",
            f"(SUMPRODUCT({_started(f4)}*1)<>{c('completed.count')})*1",
        ),
        _Check(
            "F4-007",
            "附表4 已备案的工程数等于附表5 本季度备案项数",
            f"(SUMPRODUCT({_filed(f4)}*1)<>{c('filed.count')})*1",
        ),
        _Check(
            "F4-005",
            "附表4 的工程不再列在附表3（注册号）",
            f'SUMPRODUCT(({f4.range("reg_no")}<>"")*(COUNTIF({f3.range("reg_no")},{f4.range("reg_no")})>0))',
        ),
    ]
    over = "+".join(
        f'SUMPRODUCT(({f6.range(key)}<>"")*({f6.range(key)}>{c(key)}+{_tolerance(f6, key)}))'
        for key in (
            f"{g}.{m}"
            for g in ("new", "completed", "filed", "in_progress")
            for m in ("count", "area", "cost")
        )
    )
    checks.append(_Check("F6-004", "附表6 各类工程不超过附表5 相应的项数、面积、造价", over))
    return checks


def _category_checks(f6: _Form) -> list[_Check]:
    large, public = CATEGORIES.index("large_public"), CATEGORIES.index("public")
    groups = ("new", "completed", "filed", "in_progress")
    more = "+".join(f"({f6.cell(f'{g}.count', large)}>{f6.cell(f'{g}.count', public)})" for g in groups)
    small = "+".join(
        f"({f6.cell(f'{g}.area', large)}<{LARGE_PUBLIC_MIN_AREA:g}*{f6.cell(f'{g}.count', large)}"
        f"-{_tolerance(f6, f'{g}.area')})"
        for g in groups
    )
    return [
        _Check("F6-001", "附表6 大型公共建筑工程项数不多于公共建筑工程项数", f"({more})*1"),
        _Check("F6-002", "附表6 大型公共建筑工程每项面积不小于2万㎡", f"({small})*1"),
    ]


def _tolerance(form: _Form, key: str) -> str:
    """The reader's tolerance for a field (one unit of the last printed digit), as formula text."""
    return f"{TOLERANCE.get(form.spec.column(key).kind, DEFAULT_TOLERANCE):.9f}".rstrip("0")


def _date(day: date) -> str:
    return f"DATE({day.year},{day.month},{day.day})"


def _label(col: Column) -> str:
    return "".join(f"{col.group}{col.label}".split())


# ---- the score sheet ----------------------------------------------------------------------------


class _ScoreSheet:
    """The configured score sheet in the seed's layout: 序号 考核对象 评分内容及评分标准 (name,
    criteria) 分值 考核评分 (得分 input, 小计 formula), and 评分依据 when the spec requires it."""

    def __init__(self, spec: ScoreSpec) -> None:
        self.spec = spec
        self.reason = spec.reason_required
        self.header = ["序号", "考核对象", "评分内容及评分标准", "", "分值", "得分", "小计"] + (
            ["评分依据"] if self.reason else []
        )
        self.widths = [5, 14, 12, 60, 7, 8, 8] + ([20] if self.reason else [])
        self.first = 5  # sheet row of the first item: title, period, unit line, two header rows
        self.items: list[tuple[int, Item, int]] = []  # (sheet row, item, section index)
        r = self.first
        for s, section in enumerate(spec.sections):
            for item in section.items:
                self.items.append((r, item, s))
                r += 1
        self.total_row = r
        self.subtotals: dict[int, Formula] = {}
        for s in range(len(spec.sections)):
            rows = [r for r, item, i in self.items if i == s and item.kind == SCORE]
            if rows:
                self.subtotals[s] = Formula("=" + "+".join(f"F{r + 1}" for r in rows))
        plus = "+".join(f"F{r + 1}" for r, item, _ in self.items if item.kind in (SCORE, BONUS))
        minus = "".join(f"-ABS(F{r + 1})" for r, item, _ in self.items if item.kind == DEDUCTION)
        self.total = Formula(f"={plus}{minus}")

    def checks(self) -> list[_Check]:
        """As qstat/scores/sheet.py: SC001 and SC010 are the scored items' (a bonus, deduction or
        veto may stay blank); a bonus above its cap is SC008."""

        def cells(kind: str) -> list[tuple[str, Item]]:
            return [(f"'{SCORE_SHEET}'!F{r + 1}", item) for r, item, _ in self.items if item.kind == kind]

        def over(kind: str) -> str:
            return "(" + "+".join(f"({cell}>{item.max:g})" for cell, item in cells(kind)) + ")*1"

        blank = "(" + "+".join(f'({cell}="")' for cell, _ in cells(SCORE)) + ")*1"
        checks = [
            _Check("SC001", "考核评分：每项的得数不超过该项的最高可得数", over(SCORE)),
            _Check("SC010", "考核评分：每个计分项都已填写（激励、扣分、否决项可空）", blank),
        ]
        if cells(BONUS):
            checks.append(_Check("SC008", "考核评分：激励项加分不超过上限", over(BONUS)))
        return checks


# ---- cached values and writing ------------------------------------------------------------------


def _evaluate(
    forms: dict[str, _Form], checks: list[_Check], summary: _CheckSummary, score: _ScoreSheet
) -> None:
    """Every formula's cached value, computed by qstat's formula evaluator from the cells."""
    grids: dict[str, dict[tuple[int, int], object]] = {}
    formulas: dict[tuple[str, int, int], Formula] = {}

    def put(sheet: str, r: int, c: int, value: object) -> None:
        if isinstance(value, Formula):
            formulas[(sheet, r, c)] = value
        else:
            grids.setdefault(sheet, {})[(r, c)] = value.value if isinstance(value, Input) else value

    for form in forms.values():
        for i, row in enumerate(form.rows + ([form.total] if form.total else [])):
            for c, value in enumerate(row):
                put(form.sheet, form.top + i, c, value)
    for i, check in enumerate(checks):
        for c, value in check.cells.items():
            put(CHECK_SHEET, CHECK_TOP + i, c, value)
    put(CHECK_SHEET, CHECK_TOP + len(checks), VERDICT_COL, summary.open_problems)
    put(CHECK_SHEET, CHECK_TOP + len(checks) + 1, VERDICT_COL, summary.entered.value)  # see _entered
    for r, item, _ in score.items:
        put(SCORE_SHEET, r, 4, item.max)
    for s, formula in score.subtotals.items():
        put(SCORE_SHEET, min(r for r, _, i in score.items if i == s), 6, formula)
    put(SCORE_SHEET, score.total_row, 5, score.total)
    sheets = {}
    for name, cells in grids.items():
        height = max(r for r, _ in cells) + 1 if cells else 0
        width = max(c for _, c in cells) + 1 if cells else 0
        rows: list[list[object]] = [[""] * width for _ in range(height)]
        for (r, c), value in cells.items():
            rows[r][c] = "" if value is None else value
        sheets[name] = Sheet(name, rows, [])
    for name in {key[0] for key in formulas} - sheets.keys():
        sheets[name] = Sheet(name, [], [])
    results = evaluate_all({key: f.text for key, f in formulas.items()}, sheets)
    for key, (value, error) in results.items():
        if error:  # a formula qstat cannot evaluate would be read back as an error: a bug here
            raise AssertionError(f"template formula {formulas[key].text} does not evaluate: {error}")
        formulas[key].value = value


CHECK_TOP = 4  # first check row of the 自查 sheet
# No cell of the 自查 sheet may read as a form's label or header (附表5, 分值 …): the reader
# searches every sheet, so the sheet a check is on leads its text instead of a column of its own.
CHECK_HEADER = ("序号", "规则", "性质", "检查内容", "问题数", "结果")
CHECK_WIDTHS = (5, 8, 6, 68, 7, 8)
COUNT_COL, VERDICT_COL = 4, 5


def _check_cells(check: _Check, i: int, n: int) -> dict[int, Formula]:
    """问题数 and 结果 of check ``i`` of ``n``: 未填写 while nothing is entered (an empty
    template passes every check, which would tell the clerk it is done)."""
    count = xl_rowcol_to_cell(CHECK_TOP + i, COUNT_COL)
    entered = xl_rowcol_to_cell(CHECK_TOP + n + 1, VERDICT_COL, True, True)
    verdict = f'=IF({entered}=0,"未填写",IF({count}=0,"通过","不通过"))'
    return {COUNT_COL: Formula(f"={check.count}"), VERDICT_COL: Formula(verdict)}


@dataclass
class _CheckSummary:
    """The two lines under the checks: how many fail, and how many input cells are filled."""

    open_problems: Formula
    entered: Formula


def _entered(forms: dict[str, _Form]) -> Formula:
    """The number of the forms' input cells holding something (prefilled ones count).

    Its value is counted here, not by the formula evaluator, whose grids hold "" for an empty
    cell, which COUNTA counts.
    """
    columns = [
        (form, c, col)
        for form in forms.values()
        for c, col in enumerate(form.columns)
        if form.rows and all(isinstance(row[c], Input) for row in form.rows)
    ]
    filled = sum(row[c].value not in (None, "") for form, c, _ in columns for row in form.rows)
    return Formula(f"=COUNTA({','.join(form.range(col.key) for form, _, col in columns)})", filled)


def _open_problems(n: int) -> Formula:
    verdicts = f"{xl_col_to_name(VERDICT_COL)}{CHECK_TOP + 1}:{xl_col_to_name(VERDICT_COL)}{CHECK_TOP + n}"
    return Formula(f'=COUNTIF({verdicts},"不通过")')


def _write(
    path: Path,
    forms: dict[str, _Form],
    checks: list[_Check],
    summary: _CheckSummary,
    score: _ScoreSheet,
    unit: str,
    period: Period,
    today: date,
) -> None:
    book = xlsxwriter.Workbook(
        str(path), {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    )
    formats = Formats(book)
    # The 统计员/批准人/报送日期 line is the unit's own to fill: unlocked, like the inputs.
    formats.footer = book.add_format(
        {
            "font_name": NOTE_FONT,
            "font_size": 11,
            "align": "left",
            "valign": "vcenter",
            "locked": False,
            "bg_color": INPUT_FILL,
        }
    )
    red = book.add_format({"bg_color": ERROR_FILL, "font_color": ERROR_FONT})
    hidden = book.add_format({"num_format": ";;;"})
    for form in forms.values():
        ws = write_form_sheet(
            book, formats, form.spec, form.columns, unit, period.chinese(), form.rows, form.total
        )
        _validate(ws, form, period)
        _highlight(ws, form, period, red, hidden)
        ws.protect("", {"format_columns": True, "format_rows": True, "insert_rows": form.spec.is_list})
    _write_score_sheet(book, formats, score, unit, period)
    _write_checks(book, formats, checks, summary, unit, period, today)
    book.set_custom_property(MARK_PROPERTY, TemplateMark(period, TEMPLATE_VERSION, unit).text())
    book.set_properties(
        {"title": f"{unit}{period.chinese()}建设工程质量监督统计报表（模板）", "company": "qstat"}
    )
    book.close()


def _validate(ws, form: _Form, period: Period) -> None:
    """Data validation with Chinese prompts on every input column of the form."""
    first, last = form.top, form.bottom
    for c, col in enumerate(form.columns):
        if not any(isinstance(row[c], Input) for row in form.rows):
            continue
        rule = _validation(form.spec, col, period)
        if rule:
            ws.data_validation(first, c, last, c, rule)


def _validation(spec: FormSpec, col: Column, period: Period) -> dict | None:
    name = _label(col)[:28]
    if col.kind == COUNT:
        return {
            "validate": "integer",
            "criteria": ">=",
            "value": 0,
            "input_title": name,
            "input_message": "填写0或正整数；没有填0或留空",
            "error_title": "应为整数",
            "error_message": f"“{name}”应为0或正整数（不能为小数、负数或文字）",
        }
    if col.kind in (AREA, NUMBER):
        unit = "万元" if col.kind == NUMBER else ("万㎡" if spec.area_unit == "wan_m2" else "平方米")
        return {
            "validate": "decimal",
            "criteria": ">=",
            "value": 0,
            "input_title": name,
            "input_message": f"填写数字，单位：{unit}；不能为负数",
            "error_title": "应为非负数",
            "error_message": f"“{name}”应为不小于0的数字，单位：{unit}（不要填写单位或文字）",
        }
    if col.kind == PERCENT:
        return {
            "validate": "decimal",
            "criteria": "between",
            "minimum": 0,
            "maximum": 100,
            "input_title": name,
            "input_message": "填写0～100之间的百分数，如95表示95%",
            "error_title": "应为0～100",
            "error_message": f"“{name}”应为0～100之间的数（95表示95%）",
        }
    if col.kind == DATE:
        start, end = (
            (period.start, period.end)
            if (spec.code, col.key) in IN_PERIOD_DATES
            else (date(2000, 1, 1), date(2099, 12, 31))
        )
        within = f"{start:%Y-%m-%d}至{end:%Y-%m-%d}之间的" if start.year > 2000 else ""
        return {
            "validate": "date",
            "criteria": "between",
            "minimum": start,
            "maximum": end,
            "input_title": name,
            "input_message": f"填写{within}日期，如{period.end:%Y-%m-%d}",
            "error_title": "日期不对",
            "error_message": f"“{name}”应为{within}日期，写成如{period.end:%Y-%m-%d}",
        }
    if col.key in LISTS:
        values, strict = LISTS[col.key]
        hint = (
            "从下拉列表中选择"
            if strict
            else "从下拉列表中选择，或填写单位全称"
            if col.key == "party"
            else "从下拉列表中选择，或填写其它结构类型"
        )
        return {
            "validate": "list",
            "source": list(values),
            "input_title": name,
            "input_message": hint,
            "error_type": "stop" if strict else "information",
            "error_title": name,
            "error_message": f"请从列表中选择：{'、'.join(values)}"
            if strict
            else f"列表中没有该项；如确为“{name}”，请点“确定”",
        }
    return None


def _highlight(ws, form: _Form, period: Period, red, hidden) -> None:
    """Conditional formats: a cell turns red while its form's rule fails; a 备案率 with nothing
    completed shows empty (its value is 0, so that every cached value is a number)."""

    def rule(key: str, formula: str, row: int | None = None, fmt=red) -> None:
        c = form.col(key)
        r0, r1 = (form.top, form.bottom) if row is None else (form.top + row, form.top + row)
        ws.conditional_format(r0, c, r1, c, {"type": "formula", "criteria": "=" + formula, "format": fmt})

    def at(key: str, row: int = 0) -> str:  # relative row, absolute column: "$C7"
        c = xl_col_to_name(form.col(key), True)
        return f"{c}{form.top + row + 1}"

    code = form.spec.code
    if form.spec.is_list:
        rules = DETAIL_RULES[code]
        record = _record_columns(form)  # contiguous: a 序号 comes first
        started = f"COUNTA({at(record[0].key)}:{at(record[-1].key)})>0"
        for key in form.spec.must_fill:
            if form.has(key):
                rule(key, f'AND({started},{at(key)}="")')
        ident = form.range(rules.identifier, sheet=False)
        rule(rules.identifier, f'AND({at(rules.identifier)}<>"",COUNTIF({ident},{at(rules.identifier)})>1)')
        if rules.in_period:
            key = rules.in_period[0]
            rule(key, f'AND({at(key)}<>"",OR({at(key)}<{_date(period.start)},{at(key)}>{_date(period.end)}))')
        if rules.order:
            earlier, later, _ = rules.order
            rule(later, f'AND({at(earlier)}<>"",{at(later)}<>"",{at(later)}<{at(earlier)})')
        if code == "F4":
            rule(
                "acceptance",
                f'AND(OR({at("filed_on")}<>"",{at("filing_result")}<>""),'
                f'{at("acceptance")}<>"",{_accepted(at("acceptance"))}=0)',
            )
        return
    if form.spec.category_rows:
        large, public = CATEGORIES.index("large_public"), CATEGORIES.index("public")
        for g in ("new", "completed", "filed", "in_progress"):
            rule(f"{g}.count", f"{at(f'{g}.count', large)}>{at(f'{g}.count', public)}", large)
            rule(
                f"{g}.area",
                f"{at(f'{g}.area', large)}<{LARGE_PUBLIC_MIN_AREA:g}*{at(f'{g}.count', large)}"
                f"-{_tolerance(form, f'{g}.area')}",
                large,
            )
        rule("filing_rate", f"{at('completed.count')}=0", fmt=hidden)
        return
    for i in range(len(form.rows) + 1):  # the unit row and the 合计 row
        for part in ("count", "area"):
            rule(f"filing_rate.{part}", f"{at(f'completed.{part}', i)}=0", i, hidden)
    rule("satisfaction_rate", f'{at("satisfaction_rate")}=""', len(form.rows), hidden)
    if code != "F5":
        return
    for m in ("count", "area", "cost"):
        rule(
            f"in_progress.{m}",
            f"ABS({at(f'in_progress.{m}')}-({at(f'carried_over.{m}')}+{at(f'new.{m}')}"
            f"-{at(f'completed.{m}')}))>{_tolerance(form, f'in_progress.{m}')}",
            0,
        )
    rule("filed.count", f"{at('filed.count')}>{at('completed.count')}", 0)
    rule("satisfaction_rate", f"OR({at('satisfaction_rate')}<0,{at('satisfaction_rate')}>100)", 0)
    for key in ("accidents.deaths", "accidents.loss"):
        rule(key, f"AND({at('accidents.count')}=0,{at(key)}<>0)", 0)
    for v in VOLUMES:
        n, a, cost = at(f"{v}.count"), at(f"{v}.area"), at(f"{v}.cost")
        wrong = f"OR(AND({n}=0,OR({a}<>0,{cost}<>0)),AND({n}<>0,OR({a}=0,{cost}=0)))"
        for m in ("count", "area", "cost"):
            rule(f"{v}.{m}", wrong, 0)


def _write_score_sheet(book, formats: Formats, score: _ScoreSheet, unit: str, period: Period) -> None:
    spec = score.spec
    ws = book.add_worksheet(SCORE_SHEET)
    last = len(score.header) - 1
    for c, width in enumerate(score.widths):
        ws.set_column(c, c, width)
    ws.set_row(0, 30)
    ws.merge_range(0, 0, 0, last, spec.title, formats.title)
    ws.merge_range(1, 0, 1, last, f"（{period.chinese()}）", formats.period)
    ws.merge_range(2, 0, 2, last, safe_text(f"填表单位（盖章）：{unit}"), formats.unit_line)
    h = formats.header
    for c in (0, 1, 4):
        ws.merge_range(3, c, 4, c, score.header[c], h)
    ws.merge_range(3, 2, 4, 3, score.header[2], h)
    ws.merge_range(3, 5, 3, 6, "考核评分", h)
    ws.write_string(4, 5, "得分", h)
    ws.write_string(4, 6, "小计", h)
    if score.reason:
        ws.merge_range(3, 7, 4, 7, "评分依据", h)
    number = book.add_format(
        {
            "font_name": BODY_FONT,
            "font_size": 10,
            "border": 1,
            "valign": "vcenter",
            "align": "center",
            "num_format": "0.0#",
        }
    )
    for s, section in enumerate(spec.sections):
        rows = [r for r, _, i in score.items if i == s]
        label = f"{section.name}\n（{section.max:g}{spec.unit}）" if section.max else section.name
        _merge_down(ws, rows, 1, label, formats.text)
        sub = score.subtotals.get(s)
        if sub:
            _merge_down(ws, rows, 6, sub, formats.total_kind[NUMBER])
        else:
            _merge_down(ws, rows, 6, "", formats.text)
    for n, (r, item, _) in enumerate(score.items, 1):
        ws.set_row(r, LINE_HEIGHT * text_lines(item.text, score.widths[3]))
        ws.write_number(r, 0, n, formats.kind[COUNT])
        ws.write_string(r, 2, item.name, formats.text)
        ws.write_string(r, 3, item.text, formats.kind[PROSE])
        ws.write_number(r, 4, item.max, number)
        kind = formats.input_text if item.kind == VETO else formats.input_kind[NUMBER]
        ws.write_blank(r, 5, None, kind)
        if score.reason:
            ws.write_blank(r, 7, None, formats.input_text)
        ws.data_validation(r, 5, r, 5, _score_validation(item, spec.unit))
    ws.merge_range(score.total_row, 0, score.total_row, 4, "合计", formats.total_label)
    ws.write_formula(score.total_row, 5, score.total.text, formats.total_kind[NUMBER], score.total.value)
    ws.write_blank(score.total_row, 6, None, formats.text)
    if score.reason:
        ws.write_blank(score.total_row, 7, None, formats.text)
    ws.merge_range(
        score.total_row + 1,
        0,
        score.total_row + 1,
        last,
        "评分人：              审核人：              填表日期：",
        formats.footer,
    )
    _page(ws, 3, 4)
    ws.protect("", {"format_columns": True, "format_rows": True})


def _merge_down(ws, rows: list[int], c: int, value, fmt) -> None:
    if len(rows) > 1:
        ws.merge_range(rows[0], c, rows[-1], c, "", fmt)
    if isinstance(value, Formula):
        ws.write_formula(rows[0], c, value.text, fmt, value.value)
    else:
        ws.write(rows[0], c, value, fmt)


def _score_validation(item, unit: str) -> dict:
    if item.kind == VETO:
        return {
            "validate": "list",
            "source": ["否", "是"],
            "input_title": "否决项",
            "input_message": "未发生填“否”，发生填“是”（记为D等）",
            "error_title": "否决项",
            "error_message": "请选择“是”或“否”",
        }
    if item.kind == DEDUCTION:
        return {
            "validate": "decimal",
            "criteria": ">=",
            "value": 0,
            "input_title": "扣分项",
            "input_message": f"填写扣除的分数（每件扣{item.max:g}{unit}），未发生填0",
            "error_title": "扣分项",
            "error_message": "请填写不小于0的扣分",
        }
    step = f"，每项扣{item.step:g}{unit}" if item.step else ""
    return {
        "validate": "decimal",
        "criteria": "between",
        "minimum": 0,
        "maximum": item.max,
        "input_title": "得分",
        "input_message": f"填写0～{item.max:g}{unit}之间的得分{step}",
        "error_title": "得分超出分值",
        "error_message": f"得分应在0～{item.max:g}{unit}之间（不倒扣分）",
    }


def _write_checks(
    book,
    formats: Formats,
    checks: list[_Check],
    summary: _CheckSummary,
    unit: str,
    period: Period,
    today: date,
) -> None:
    """The 自查 sheet: every check with its rule code and 通过/不通过, and the open problems."""
    ws = book.add_worksheet(CHECK_SHEET)
    last = len(CHECK_HEADER) - 1
    for c, width in enumerate(CHECK_WIDTHS):
        ws.set_column(c, c, width)
    ws.set_row(0, 30)
    ws.merge_range(0, 0, 0, last, "报表自查结果（填写时自动计算）", formats.title)
    ws.merge_range(
        1,
        0,
        1,
        last,
        safe_text(
            f"（{unit}　{period.chinese()}　模板下发日期：{today.year}年{today.month}月{today.day}日）"
        ),
        formats.period,
    )
    ws.set_row(2, 44)
    ws.merge_range(
        2,
        0,
        2,
        last,
        "黄色单元格为填写区，其余单元格已保护。某项检查“不通过”时，相应报表中出错的单元格"
        "显示为红色；请改正后再报送。“警告”项如属实（如注销、移交项目），请在报送时附“说明”。",
        formats.note,
    )
    for c, text in enumerate(CHECK_HEADER):
        ws.write_string(3, c, text, formats.header)
    passed = book.add_format(
        {
            "border": 1,
            "font_name": BODY_FONT,
            "font_size": 10,
            "align": "center",
            "valign": "vcenter",
            "font_color": "#006100",
            "bg_color": "#C6EFCE",
        }
    )
    for i, check in enumerate(checks):
        r = CHECK_TOP + i
        ws.write_number(r, 0, i + 1, formats.kind[COUNT])
        ws.write_string(r, 1, check.rule, formats.text)
        ws.write_string(r, 2, RULES[check.rule].severity.label, formats.text)
        ws.write_string(r, 3, check.text, formats.text)
        ws.set_row(r, LINE_HEIGHT * text_lines(check.text, CHECK_WIDTHS[3]))
        for c, fmt in ((COUNT_COL, formats.kind[COUNT]), (VERDICT_COL, passed)):
            ws.write_formula(r, c, check.cells[c].text, fmt, check.cells[c].value)
    red = book.add_format({"bg_color": ERROR_FILL, "font_color": ERROR_FONT, "bold": True})
    verdicts = (
        f"{xl_col_to_name(VERDICT_COL)}{CHECK_TOP + 1}:{xl_col_to_name(VERDICT_COL)}{CHECK_TOP + len(checks)}"
    )
    ws.conditional_format(verdicts, {"type": "cell", "criteria": "==", "value": '"不通过"', "format": red})
    r = CHECK_TOP + len(checks)
    ws.merge_range(r, 0, r, VERDICT_COL - 1, "未通过的检查项", formats.total_label)
    ws.write_formula(
        r, VERDICT_COL, summary.open_problems.text, formats.total_kind[COUNT], summary.open_problems.value
    )
    ws.conditional_format(
        r, VERDICT_COL, r, VERDICT_COL, {"type": "cell", "criteria": ">", "value": 0, "format": red}
    )
    ws.merge_range(
        r + 1, 0, r + 1, VERDICT_COL - 1, "已填写数据的单元格（为0时各项显示“未填写”）", formats.text
    )
    ws.write_formula(r + 1, VERDICT_COL, summary.entered.text, formats.kind[COUNT], summary.entered.value)
    _page(ws, 3, 3)
    ws.protect("", {"format_columns": True, "format_rows": True})


def _page(ws, first: int, last: int) -> None:
    ws.repeat_rows(first, last)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.7)
    ws.set_footer(PAGE_FOOTER, {"margin": 0.3})
