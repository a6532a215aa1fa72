"""Read a filled score sheet: find its header, match its rows to a spec's items, check it.

The clerk copies the sheet out of the Word document: the table starts anywhere, the section
cell (考核对象) is merged down over its items and so is 小计, item texts carry the line breaks
and spaces of the copy. So the header is found by its words (序号 考核对象 评分内容 分值 得分
小计 评分依据), and each row is matched to a spec item by the overlap of their texts after
spaces and punctuation are removed, never by position. The spec whose items the rows cover
best is the sheet's spec (SC009 when none covers half of its items).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..cells import Cell, to_number, to_text
from ..findings import Finding, a1
from ..forms.score_sheet import TITLE_PATTERN
from ..forms.spec import normalise
from ..locate import _header_labels
from ..read import Sheet, Workbook
from .spec import BONUS, DEDUCTION, SCORE, TOLERANCE, VETO, Item, ScoreSpec, builtin_specs

ROW_MATCH = 0.6  # share of an item's text found in a row for the row to be that item
SPEC_MATCH = 0.5  # share of a spec's items found on the sheet for the sheet to be that spec
_ROLES = (  # header role -> pattern in the normalised "group|label" text; first match wins
    ("reason", r"评分依据|扣分(原因|理由|情况|说明)|得分说明"),
    ("subtotal", r"小计"),
    ("score", r"得分|^(自评|评分|考核评分|自评分)\|$"),
    ("max", r"分值|占比|满分|标准分"),
    ("seq", r"^序号"),
    ("section", r"^(考核对象|考核内容|责任主体)"),
)
_TOTAL = re.compile(r"^(合计|总计|总分|得分合计)")
_VETO_YES = re.compile(r"^(是|有|发生|已发生|触发|存在|D|D级)$")
_VETO_NO = re.compile(r"^(否|无|没有|未发生|不存在|0|—|-|/)$")


@dataclass
class ScoreSheet:
    """What a unit's score sheet says, as counted for the ranking (picklable, no spec inside)."""

    sheet: str
    spec_id: str | None  # None: the sheet matches no known spec (SC009)
    items: dict[str, float | None] = field(default_factory=dict)  # item id -> points counted
    sections: dict[str, float] = field(default_factory=dict)  # section name -> points counted
    bonus: float = 0.0  # 激励项 counted (each at most its cap)
    deductions: float = 0.0  # 扣分项 counted, as a positive number
    total: float = 0.0  # score items + bonus - deductions
    vetoed: bool = False  # a 否决项 is triggered: grade D
    filled: bool = True  # False: no item carries a score (a blank template was sent)
    errors: int = 0  # error findings on the sheet


@dataclass
class _Layout:
    """Where the table is: its header rows and which column holds which role."""

    sheet: Sheet
    header: tuple[int, ...]
    roles: dict[str, int]
    rows: list[int]  # candidate item rows, below the header
    total_row: int | None
    scale: float = 1.0  # 100 when a percent sheet stores fractions (see _percent_scale)


def read_score_sheet(workbook: Workbook, located: list[str] | None = None,
                     sheet_name: str | None = None,
                     specs: tuple[ScoreSpec, ...] | None = None
                     ) -> tuple[ScoreSheet | None, list[Finding]]:
    """The workbook's score sheet with its findings; (None, []) when it has none.

    ``located`` are the sheets whose title says 评分表 (looked at first); ``sheet_name``
    restricts the search to one sheet.
    """
    specs = builtin_specs() if specs is None else specs
    sheets = [s for s in workbook.sheets if sheet_name is None or s.name == sheet_name]
    if sheet_name and not sheets:
        return None, [Finding("SC009", f"工作簿中没有名为“{sheet_name}”的工作表", form="SC")]
    located = located or []
    sheets.sort(key=lambda s: s.name not in located)
    for sheet in sheets:
        layout = _find_layout(sheet)
        if layout:
            return _read(layout, specs)
    for sheet in sheets:
        if sheet.name in located or sheet_name:
            return None, [Finding("SC009", "找到评分表标题，但未找到“分值/得分”表头，无法读取评分表",
                                  form="SC", sheet=sheet.name, cell=_title_cell(sheet))]
    return None, []


def _title_cell(sheet: Sheet) -> str | None:
    for r, row in enumerate(sheet.rows):
        for c, value in enumerate(row):
            if isinstance(value, str) and len(value) < 60 and re.search(TITLE_PATTERN,
                                                                        normalise(value)):
                return a1(r, c)
    return None


def _find_layout(sheet: Sheet) -> _Layout | None:
    """The first row with 分值 whose row (or the next) has 得分; a second header row is used
    when it holds the 得分/小计 labels under a merged 考核评分."""
    for r, row in enumerate(sheet.rows):
        texts = [normalise(v) for v in row if isinstance(v, str)]
        if not any(re.search(r"分值|占比|满分", t) for t in texts):
            continue
        below = sheet.rows[r + 1] if r + 1 < len(sheet.rows) else []
        two_rows = (any(isinstance(v, str) and re.search(r"得分|小计", v) for v in below)
                    and not any(isinstance(v, (int, float)) for v in below))
        header = (r, r + 1) if two_rows else (r,)
        roles: dict[str, int] = {}
        for c, label in _header_labels(sheet, header).items():
            role = next((name for name, pattern in _ROLES if re.search(pattern, label)), None)
            if role and role not in roles:
                roles[role] = c
        if "score" in roles and "max" in roles:
            rows, total_row = [], None
            for rr in range(header[-1] + 1, len(sheet.rows)):
                lead = next((normalise(v) for v in sheet.rows[rr] if isinstance(v, str) and
                             v.strip()), "")
                if _TOTAL.match(lead):
                    total_row = rr
                    break
                rows.append(rr)
            return _Layout(sheet, header, roles, rows, total_row)
    return None


def match_key(text: str) -> str:
    """Text for matching: full-width folded, spaces, line breaks and punctuation removed."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text))


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


def _row_text(layout: _Layout, r: int) -> str:
    """The row's descriptive text: every text cell outside the role columns."""
    skip = set(layout.roles.values())
    return match_key("".join(v for c, v in enumerate(layout.sheet.rows[r])
                             if c not in skip and isinstance(v, str)))


def _assign(spec: ScoreSpec, texts: dict[int, set[str]]) -> dict[str, int]:
    """item id -> row: each row goes to the item whose text it contains best; an item claimed
    by several rows keeps the best one."""
    keys = {item.id: _bigrams(match_key(item.name + item.text)) for item in spec.items}
    best: dict[str, tuple[float, int]] = {}
    for r, grams in texts.items():
        share, item_id = max((len(k & grams) / len(k), i) for i, k in keys.items())
        if share >= ROW_MATCH and share > best.get(item_id, (0, 0))[0]:
            best[item_id] = (share, r)
    return {item_id: r for item_id, (_, r) in best.items()}


def _read(layout: _Layout, specs: tuple[ScoreSpec, ...]) -> tuple[ScoreSheet, list[Finding]]:
    texts = {r: _bigrams(t) for r in layout.rows if (t := _row_text(layout, r))}
    scored = [(len(rows) / len(spec.items), spec, rows)
              for spec in specs for rows in [_assign(spec, texts)]]
    share, spec, rows = max(scored, key=lambda x: x[0], default=(0, None, {}))
    sheet = layout.sheet.name
    score_col = layout.roles["score"]
    if spec is None or share < SPEC_MATCH:
        guess = f"；最接近《{spec.title}》，仅{len(rows)}/{len(spec.items)}项相符" if spec else ""
        return ScoreSheet(sheet, None, errors=1), [Finding(
            "SC009", f"评分表的评分项与已知评分标准均不符{guess}", form="SC", sheet=sheet,
            cell=a1(layout.header[0], score_col))]
    return _check(layout, spec, rows)


def _check(layout: _Layout, spec: ScoreSpec, rows: dict[str, int]) -> tuple[ScoreSheet, list[Finding]]:
    """Read every matched item's score and apply SC001-SC010."""
    sheet, roles = layout.sheet, layout.roles
    result = ScoreSheet(sheet.name, spec.id)
    findings: list[Finding] = []

    def finding(rule: str, message: str, r: int, c: int, value: object = None) -> None:
        findings.append(Finding(rule, message, form="SC", sheet=sheet.name, cell=a1(r, c),
                                value=to_text(value).value))

    missing = [item.label for item in spec.items if item.id not in rows]
    if missing:
        finding("SC009", f"评分表缺少《{spec.title}》的评分项：{'、'.join(missing)}（按0分计）",
                layout.header[0], roles["score"])
    layout.scale = _percent_scale(layout, spec, rows)
    stated: dict[str, float | None] = {}
    for item in spec.items:
        if item.id in rows:
            stated[item.id] = _read_value(layout, spec, item, rows[item.id], finding, result)
    if not any(stated.get(i.id) is not None for i in spec.items if i.kind == SCORE):
        result.filled = False
        findings[:] = [f for f in findings if f.rule != "SC009"]
        finding("SC010", "评分表未填写任何得分（报送的是空白评分表）", layout.header[0], roles["score"])
        result.errors = sum(f.is_error for f in findings)
        return result, findings
    for item in spec.items:
        r = rows.get(item.id)
        result.items[item.id] = (None if r is None else
                                 _count(layout, spec, item, r, stated[item.id], finding))
    for section in spec.sections:
        result.sections[section.name] = sum(result.items.get(i.id) or 0 for i in section.items
                                            if i.kind == SCORE)
        _check_subtotal(layout, section.items, rows, stated, finding)
    result.bonus = sum(result.items.get(i.id) or 0 for i in spec.items if i.kind == BONUS)
    result.deductions = -sum(result.items.get(i.id) or 0 for i in spec.items if i.kind == DEDUCTION)
    result.total = round(sum(result.sections.values()) + result.bonus - result.deductions, 4)
    _check_total(layout, spec, stated, finding)
    result.errors = sum(f.is_error for f in findings)
    return result, findings


def _percent_scale(layout: _Layout, spec: ScoreSpec, rows: dict[str, int]) -> float:
    """100 when a percent sheet stores its 占比 as fractions (4% as 0.04): scores are too."""
    if spec.unit != "%":
        return 1.0
    maxes = [layout.sheet.value(r, layout.roles["max"]) for r in rows.values()]
    total = sum(v for v in maxes if isinstance(v, (int, float)))
    return 100.0 if 0.5 <= total <= 1.5 else 1.0


def _read_value(layout: _Layout, spec: ScoreSpec, item: Item, r: int, finding,
                result: ScoreSheet) -> float | None:
    """The score as written (None when empty); a veto item reads 是/否."""
    c = layout.roles["score"]
    raw = layout.sheet.value(r, c)
    if item.kind == VETO:
        text = normalise(raw) if raw not in ("", None) else ""
        if text == "" or _VETO_NO.match(text):
            return 0.0
        if _VETO_YES.match(text):
            result.vetoed = True
            finding("SC007", f"否决项“{item.label}”已触发，考核结果为{spec.veto_grade}级", r, c, raw)
            return 0.0
        finding("ST002", f"否决项应填写“是”或“否”，填写了“{raw}”", r, c, raw)
        return 0.0
    cell = _number(layout, raw)
    if cell.rule == "ST002":
        finding("ST002", f"得分“{raw}”不是数值（{item.label}），按未填写处理", r, c, raw)
    elif cell.rule == "ST006":
        finding("ST006", f"得分“{raw}”{cell.note}（{item.label}）", r, c, raw)
    return cell.value


def _number(layout: _Layout, raw: object) -> Cell:
    """A score as typed: a number, text, or a percentage ("3.5%" is 3.5 on a percent sheet,
    and so is 0.035 where the sheet stores fractions)."""
    if isinstance(raw, str) and raw.strip().endswith("%"):
        return to_number(raw.strip()[:-1])
    cell = to_number(raw)
    if cell.value is not None and not isinstance(raw, str):
        cell.value = round(cell.value * layout.scale, 4)
    return cell


def _count(layout: _Layout, spec: ScoreSpec, item: Item, r: int, value: float | None,
           finding) -> float:
    """The points an item adds to the total, after checking its score against its rule.

    An impossible score is counted at the nearest bound (max, 0, the bonus cap) and reported;
    a score the step cannot give is reported and counted as written.
    """
    c = layout.roles["score"]
    unit = spec.unit
    if item.kind == VETO:
        return 0.0
    if value is None:
        if item.kind == SCORE:
            finding("SC010", f"“{item.label}”未填写得分（按0{unit}计）", r, c)
        return 0.0
    if item.kind == DEDUCTION:
        amount = abs(value)
        if not item.reachable(amount):
            finding("SC003", f"扣分项“{item.label}”扣{amount:g}{unit}，应为每件{item.step:g}{unit}的整数倍",
                    r, c, value)
        _check_reason(layout, spec, item, r, amount > TOLERANCE, finding)
        return -amount
    if value < -TOLERANCE:
        finding("SC002", f"“{item.label}”得分为负（{value:g}{unit}）：扣完为止，不倒扣分，按0计", r, c,
                value)
        return 0.0
    if item.kind == BONUS and value > item.max + TOLERANCE:
        finding("SC008", f"激励项“{item.label}”加{value:g}{unit}，超过上限{item.max:g}{unit}，"
                f"按{item.max:g}{unit}计", r, c, value)
        return item.max
    if item.kind == SCORE and value > item.max + TOLERANCE:
        finding("SC001", f"“{item.label}”得分{value:g}{unit}超过分值{item.max:g}{unit}，"
                f"按{item.max:g}{unit}计", r, c, value)
        return item.max
    if not item.reachable(value):
        finding("SC003", f"“{item.label}”得分{value:g}{unit}按评分标准无法得到（{_rule_text(item)}）",
                r, c, value)
    if item.kind == SCORE:
        _check_reason(layout, spec, item, r, value < item.max - TOLERANCE, finding)
    return value


def _rule_text(item: Item) -> str:
    if item.parts:
        return "可得分值：" + "、".join(f"{v:g}" for v in sorted(item.part_sums))
    if item.kind == BONUS:
        return f"每项加{item.step:g}分"
    return f"满分{item.max:g}，每项扣{item.step:g}，扣完为止"


def _check_reason(layout: _Layout, spec: ScoreSpec, item: Item, r: int, deducted: bool,
                  finding) -> None:
    """SC006: a deduction without its 评分依据, where the spec requires one."""
    if not (spec.reason_required and deducted):
        return
    c = layout.roles.get("reason")
    if c is None or not str(layout.sheet.value(r, c)).strip():
        finding("SC006", f"“{item.label}”有扣分，但未填写评分依据（扣分原因）", r,
                layout.roles["score"] if c is None else c)


def _first_value(layout: _Layout, rows: range, col: int) -> tuple[int, object] | None:
    for r in rows:
        value = layout.sheet.value(r, col)
        if value not in ("", None):
            return r, value
    return None


def _check_subtotal(layout: _Layout, items: tuple[Item, ...], rows: dict[str, int],
                    stated: dict[str, float | None], finding) -> None:
    """SC004: the 小计 written beside a section (merged over its rows or in one of them)."""
    col = layout.roles.get("subtotal")
    own = [rows[i.id] for i in items if i.id in rows and i.kind == SCORE]
    if col is None or not own:
        return
    hit = _first_value(layout, range(min(own), max(own) + 1), col)
    if hit is None:
        return
    r, raw = hit
    value = _number(layout, raw).value
    expected = round(sum(stated.get(i.id) or 0 for i in items if i.kind == SCORE), 4)
    if value is None or abs(value - expected) > TOLERANCE:
        finding("SC004", f"小计{to_text(raw).value}与本部分各项得分之和{expected:g}不符", r, col, raw)


def _check_total(layout: _Layout, spec: ScoreSpec, stated: dict[str, float | None],
                 finding) -> None:
    """SC005: the 合计 row against the items' sum and the sheet's maximum."""
    if layout.total_row is None:
        return
    r = layout.total_row
    cols = [layout.roles[k] for k in ("score", "subtotal") if k in layout.roles]
    hit = next(((c, v) for c in cols if (v := layout.sheet.value(r, c)) not in ("", None)), None)
    if hit is None:
        return
    col, raw = hit
    value = _number(layout, raw).value
    points = [stated.get(i.id) or 0 for i in spec.items if i.kind in (SCORE, BONUS)]
    deducted = [abs(stated.get(i.id) or 0) for i in spec.items if i.kind == DEDUCTION]
    expected = round(sum(points) - sum(deducted), 4)
    if value is None or abs(value - expected) > TOLERANCE:
        finding("SC005", f"合计{to_text(raw).value}与各项得分之和{expected:g}不符", r, col, raw)
    elif value > spec.highest + TOLERANCE:
        finding("SC005", f"合计{to_text(raw).value}超过评分表满分{spec.highest:g}", r, col, raw)
