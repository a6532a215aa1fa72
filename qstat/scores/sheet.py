"""Read a filled score sheet: find its header, match its rows to a spec's items, check it.

The clerk copies the sheet out of the Word document: the table starts anywhere, the section
cell (考核对象) is merged down over its items and so is 小计. Clerks also shorten, paraphrase
and cut the 评分内容及标准 text, and reorder items within a section. So the header is found by
its words (序号 考核对象 评分内容 分值 得分 小计 评分依据), and each row is matched to a spec item
by structure: the item name (its own cell, or leading the criteria text), the section and the
分值; the criteria text only breaks ties (or identifies a row with no name). The spec whose
items the rows mostly are is the sheet's spec; a sheet matching none is checked against what
it states itself (SC009, a warning).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..cells import Cell, clean_text, to_number, to_text
from ..findings import At, Emits, Finding, a1
from ..forms.score_sheet import TITLE_PATTERN
from ..forms.spec import normalise
from ..locate import _header_labels
from ..model import ScoreSheet
from ..read import Sheet, Workbook
from .spec import BONUS, DEDUCTION, SCORE, TOLERANCE, VETO, Item, ScoreSpec, Section, builtin_specs

EMITS = Emits(
    "SC001", "SC002", "SC003", "SC004", "SC005", "SC006", "SC007", "SC008", "SC009", "SC010", "ST002", "ST006"
)
ROW_MATCH = 0.6  # share of an item's text found in a row: that row is the item, whatever its name
SPEC_MATCH = 0.5  # share of a spec's items (and of the sheet's item rows) matched: the sheet's spec
NAME_EXACT, NAME_LEADS = 3.0, 2.0  # fit of a name in its own cell / leading the criteria text
BEST_FIT = NAME_EXACT + 3.0  # and the same 分值, in its section, every bigram of its text (_fit)
_TOTAL = re.compile(r"^(合计|总计|总分|得分合计)")
_VETO_YES = re.compile(r"^(是|有|发生|已发生|触发|存在|D|D级)$")
_VETO_NO = re.compile(r"^(否|无|没有|未发生|不存在|0|—|-|/)$")


@dataclass
class _Layout:
    """Where the table is: its header rows and which column holds which role."""

    sheet: Sheet
    header: tuple[int, ...]
    roles: dict[str, int]
    rows: list[int]  # candidate item rows, below the header
    total_row: int | None
    scale: float = 1.0  # 100 when a percent sheet stores fractions (see _percent_scale)


def read_score_sheet(
    workbook: Workbook,
    located: list[str] | None = None,
    sheet_name: str | None = None,
    specs: tuple[ScoreSpec, ...] | None = None,
) -> tuple[ScoreSheet | None, list[Finding]]:
    """The workbook's score sheet with its findings; (None, []) when it has none.

    ``located`` are the sheets whose title says 评分表 (looked at first); ``sheet_name``
    restricts the search to one sheet.
    """
    sheets = [s for s in workbook.sheets if sheet_name is None or s.name == sheet_name]
    if sheet_name and not sheets:
        return None, [EMITS.finding("SC009", At(form="SC"), "no_sheet", name=sheet_name)]
    located = located or []
    sheets.sort(key=lambda s: s.name not in located)
    for sheet in sheets:
        layout = _find_layout(sheet)
        if layout:  # the specs are read (TOML) only for a workbook that has a score sheet
            return _read(layout, builtin_specs() if specs is None else specs)
    for sheet in sheets:
        if sheet.name in located or sheet_name:
            at = At(form="SC", sheet=sheet.name, cell=_title_cell(sheet))
            return None, [EMITS.finding("SC009", at, "no_header")]
    return None, []


def _title_cell(sheet: Sheet) -> str | None:
    for r, row in enumerate(sheet.rows):
        for c, value in enumerate(row):
            if isinstance(value, str) and len(value) < 60 and re.search(TITLE_PATTERN, normalise(value)):
                return a1(r, c)
    return None


def _find_layout(sheet: Sheet) -> _Layout | None:
    """The first row with 分值 whose row (or the next) has 得分; a second header row is used
    when it holds the 得分/小计 labels under a merged 考核评分."""
    for r, row in enumerate(sheet.rows):
        # Cheap test first: every header word has 分 or 占, and no other character folds to them.
        if not any(isinstance(v, str) and ("分" in v or "占" in v) for v in row):
            continue
        texts = [normalise(v) for v in row if isinstance(v, str)]
        if not any(word in t for t in texts for word in ("分值", "占比", "满分")):
            continue
        below = sheet.rows[r + 1] if r + 1 < len(sheet.rows) else []
        two_rows = any(isinstance(v, str) and ("得分" in v or "小计" in v) for v in below) and not any(
            isinstance(v, (int, float)) for v in below
        )
        header = (r, r + 1) if two_rows else (r,)
        roles: dict[str, int] = {}
        for c, label in _header_labels(sheet, header).items():
            role = _role(label)
            if role and role not in roles:
                roles[role] = c
        if "score" in roles and "max" in roles:
            rows, total_row = [], None
            for rr in range(header[-1] + 1, len(sheet.rows)):
                lead = next((normalise(v) for v in sheet.rows[rr] if isinstance(v, str) and v.strip()), "")
                if _TOTAL.match(lead):
                    total_row = rr
                    break
                rows.append(rr)
            return _Layout(sheet, header, roles, rows, total_row)
    return None


def _role(label: str) -> str | None:
    """The role of a header column by the words of its normalised "group|label" text (spaces
    removed); the first role that fits wins."""
    if any(w in label for w in ("评分依据", "扣分原因", "扣分理由", "扣分情况", "扣分说明", "得分说明")):
        return "reason"
    if "小计" in label:
        return "subtotal"
    if "得分" in label or label in ("自评|", "评分|", "考核评分|", "自评分|"):
        return "score"
    if any(w in label for w in ("分值", "占比", "满分", "标准分")):
        return "max"
    if label.startswith("序号"):
        return "seq"
    if label.startswith(("考核对象", "考核内容", "责任主体")):
        return "section"
    return None


@lru_cache(maxsize=8192)
def match_key(text: str) -> str:
    """Text for matching: full-width folded, spaces, line breaks and punctuation removed.

    Cached: fitting a sheet's rows to a spec's items keys the same texts once per pair."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=8192)
def _name_key(text: str) -> str:
    """An item name for matching: its match key without a leading number (1．产品质量… )."""
    return re.sub(r"^\d+", "", match_key(text))


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


@lru_cache(maxsize=1024)
def _item_grams(item: Item) -> frozenset[str]:
    """The bigrams of an item's name and criteria text, made once: every sheet is fitted to
    every item of every spec."""
    return frozenset(_bigrams(match_key(item.name + item.text)))


@dataclass
class _Row:
    """A candidate item row as the clerk wrote it."""

    r: int
    section: str  # the 考核对象 cell as written (carried down over its merged rows), "（60分）" cut
    cells: list[str]  # match keys of the descriptive text cells, left to right
    label: str  # its first descriptive text, for messages
    max: float | None  # 分值 as written
    scored: bool  # the 得分 cell holds something

    @cached_property
    def grams(self) -> set[str]:
        return _bigrams("".join(self.cells))

    @cached_property
    def section_key(self) -> str:
        return match_key(self.section)

    @cached_property
    def heads(self) -> str:
        """The cells' keys, and each without a leading number (as item names are keyed,
        ``_name_key``), each after a "|": ``"|" + key in heads`` says one of them starts with
        the key (keys hold no punctuation)."""
        return "".join(f"|{c}|{_name_key(c)}" for c in self.cells)

    @property
    def is_item(self) -> bool:
        """A row that states points (not a note, a blank or a heading)."""
        return self.max is not None or self.scored


def _rows(layout: _Layout) -> list[_Row]:
    """The rows below the header, each with its section, name cells and 分值."""
    sheet, roles = layout.sheet, layout.roles
    skip = set(roles.values())
    rows, section = [], ""
    for r in layout.rows:
        values = sheet.rows[r]
        if "section" in roles and (written := to_text(sheet.value(r, roles["section"])).value):
            section = re.sub(r"[(（]\d+(\.\d+)?分?[)）]$", "", re.sub(r"\s+", "", clean_text(written)))
        texts = [v for c, v in enumerate(values) if c not in skip and isinstance(v, str) and v.strip()]
        if texts and match_key(texts[0]).startswith("小计"):
            continue  # a 小计 row of its own, not an item
        cells = [k for t in texts if (k := match_key(t))]
        raw_max = sheet.value(r, roles["max"])
        rows.append(
            _Row(
                r,
                section,
                cells,
                re.sub(r"\s+", "", texts[0])[:20] if texts else "",
                _number(layout, raw_max).value,
                sheet.value(r, roles["score"]) not in ("", None),
            )
        )
    return rows


def _same_max(value: float, item: Item, spec: ScoreSpec) -> bool:
    """The row's 分值 is the item's (a percent sheet may store 4% as 0.04)."""
    return abs(value - item.max) < TOLERANCE or (spec.unit == "%" and abs(value * 100 - item.max) < TOLERANCE)


def _fit(row: _Row, key: str, grams: frozenset[str], same_max: bool, in_section: bool) -> float | None:
    """How well the row is an item, by structure: the item's name ``key`` (in its own cell or
    leading the criteria text), its 分值 (``same_max``) and its section (``in_section``); the
    criteria text (``grams``) only breaks ties. None when the row cannot be it."""
    name = 0.0
    if key and key in row.cells:
        name = NAME_EXACT
    elif key and f"|{key}" in row.heads:
        name = NAME_LEADS
    share = len(grams & row.grams) / len(grams)
    if not (
        share >= ROW_MATCH
        or (name and (same_max or row.max is None))
        or (not key and same_max and in_section)
    ):
        return None
    return name + same_max + in_section + share


def _assign(spec: ScoreSpec, rows: list[_Row]) -> tuple[dict[str, int], float]:
    """item id -> sheet row, best fits first (items may be reordered within a section; of
    equal fits the one nearest its place in the spec wins); and the sum of the fits.

    A row written in another section of this spec (its section cell names that one, not this
    one) is none of this section's items."""
    pairs = []
    places = {item.id: n for n, item in enumerate(spec.items)}
    sections = [match_key(s.name) for s in spec.sections]
    names_a_section = [any(s in row.section_key for s in sections) for row in rows]
    for section, section_key in zip(spec.sections, sections):
        candidates = []  # (n, row, in_section) of the rows that may be this section's items
        for n, row in enumerate(rows):
            written = row.section_key
            in_section = bool(written) and section_key in written
            if not (written and not in_section and names_a_section[n]):
                candidates.append((n, row, in_section))
        for item in section.items:
            key = _name_key(item.name)
            grams = _item_grams(item)
            for n, row, in_section in candidates:
                same_max = row.max is not None and _same_max(row.max, item, spec)
                if (fit := _fit(row, key, grams, same_max, in_section)) is not None:
                    pairs.append((-fit, abs(n - places[item.id]), item.id, row.r))
    pairs.sort()
    assigned: dict[str, int] = {}
    taken: set[int] = set()
    total = 0.0
    for fit, _, item_id, r in pairs:
        if item_id not in assigned and r not in taken:
            assigned[item_id] = r
            taken.add(r)
            total -= fit
    return assigned, total


def _read(layout: _Layout, specs: tuple[ScoreSpec, ...]) -> tuple[ScoreSheet, list[Finding]]:
    """The spec whose items the sheet's rows mostly are (at least half of the spec's items
    and of the sheet's item rows); else the sheet checked against what it states itself."""
    rows = _rows(layout)
    stated = [row for row in rows if row.is_item]
    best: tuple[float, float, ScoreSpec | None, dict[str, int]] = (0.0, 0.0, None, {})
    for candidate in specs:
        if _best_possible(candidate, rows) <= best[:2]:
            continue  # it cannot beat the best so far: its items need not be fitted at all
        assigned, fit = _assign(candidate, rows)
        coverage = len(assigned) / len(candidate.items)
        if (coverage, fit) > best[:2]:
            best = (coverage, fit, candidate, assigned)
    coverage, _, spec, assigned = best
    used = sum(row.r in assigned.values() for row in stated) / max(len(stated), 1)
    if spec is not None and coverage >= SPEC_MATCH and used >= SPEC_MATCH:
        return _check(layout, spec, assigned, rows)
    own, own_rows = _stated_spec(rows)
    result, findings = _check(layout, own, own_rows, rows, known=False)
    at = At(form="SC", sheet=layout.sheet.name, cell=a1(layout.header[0], layout.roles["score"]))
    findings.insert(
        0,
        EMITS.finding(
            "SC009",
            at,
            "unknown_nearest",
            title=spec.title,
            matched=len(assigned),
            items=len(spec.items),
        )
        if spec
        else EMITS.finding("SC009", at, "unknown"),
    )
    return result, findings


def _best_possible(spec: ScoreSpec, rows: list[_Row]) -> tuple[float, float]:
    """The most ``_assign`` can give: each row one item at the best fit. A spec with more
    items than the sheet has rows cannot cover as much as a spec the rows cover fully."""
    n = min(len(spec.items), len(rows))
    return n / len(spec.items), BEST_FIT * n


def _stated_spec(rows: list[_Row]) -> tuple[ScoreSpec, dict[str, int]]:
    """The sheet taken at its word: every row with a 分值 an item of its written section,
    with no rule beyond its 分值 (so SC003 does not apply)."""
    sections: dict[str, list[tuple[Item, int]]] = {}
    for row in rows:
        if row.max is not None:
            items = sections.setdefault(row.section, [])
            items.append((Item(f"{len(sections)}.{len(items) + 1}", row.label, "", row.max), row.r))
    spec = ScoreSpec(
        id="",
        title="",
        source="",
        unit="分",
        max=sum(i.max for items in sections.values() for i, _ in items),
        sections=tuple(
            Section(name, sum(i.max for i, _ in items), tuple(i for i, _ in items))
            for name, items in sections.items()
        ),
    )
    return spec, {i.id: r for items in sections.values() for i, r in items}


def _check(
    layout: _Layout, spec: ScoreSpec, rows: dict[str, int], sheet_rows: list[_Row], known: bool = True
) -> tuple[ScoreSheet, list[Finding]]:
    """Read every matched item's score and apply SC001-SC010; ``known`` False: ``spec`` is the
    sheet's own (``_stated_spec``), and the result has no spec id."""
    sheet, roles = layout.sheet, layout.roles
    result = ScoreSheet(sheet.name, spec.id if known else None, highest=spec.highest)
    findings: list[Finding] = []

    def finding(
        rule: str, r: int, c: int, value: object = None, variant: str = "", /, **params: object
    ) -> None:
        at = At(form="SC", sheet=sheet.name, cell=a1(r, c), value=to_text(value).value)
        findings.append(EMITS.finding(rule, at, variant, **params))

    missing = [item.label for item in spec.items if item.id not in rows]
    if missing:
        finding("SC009", layout.header[0], roles["score"], title=spec.title, items="、".join(missing))
    for row in sheet_rows:
        if row.is_item and row.r not in rows.values():
            raw = sheet.value(row.r, roles["score"])
            if known:
                finding("SC009", row.r, roles["score"], raw, "not_in_spec", item=row.label, title=spec.title)
            else:
                finding("SC009", row.r, roles["score"], raw, "no_max", item=row.label)
    layout.scale = _percent_scale(layout, spec, rows)
    stated: dict[str, float | None] = {}
    for item in spec.items:
        if item.id in rows:
            stated[item.id] = _read_value(layout, spec, item, rows[item.id], finding, result)
    if not any(stated.get(i.id) is not None for i in spec.items if i.kind == SCORE):
        result.filled = False
        findings[:] = [f for f in findings if f.rule != "SC009"]
        finding("SC010", layout.header[0], roles["score"], None, "blank")
        result.errors = sum(f.is_error for f in findings)
        return result, findings
    for item in spec.items:
        r = rows.get(item.id)
        result.items[item.id] = None if r is None else _count(layout, spec, item, r, stated[item.id], finding)
    for section in spec.sections:
        result.sections[section.name] = sum(
            result.items.get(i.id) or 0 for i in section.items if i.kind == SCORE
        )
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


def _read_value(
    layout: _Layout, spec: ScoreSpec, item: Item, r: int, finding, result: ScoreSheet
) -> float | None:
    """The score as written (None when empty); a veto item reads 是/否."""
    c = layout.roles["score"]
    raw = layout.sheet.value(r, c)
    if item.kind == VETO:
        text = normalise(raw) if raw not in ("", None) else ""
        if text == "" or _VETO_NO.match(text):
            return 0.0
        if _VETO_YES.match(text):
            result.vetoed = True
            finding("SC007", r, c, raw, item=item.label, grade=spec.veto_grade)
            return 0.0
        finding("ST002", r, c, raw, "veto", raw=raw)
        return 0.0
    cell = _number(layout, raw)
    if cell.rule == "ST002":
        finding("ST002", r, c, raw, "score", raw=raw, item=item.label)
    elif cell.rule == "ST006":
        finding("ST006", r, c, raw, "score", raw=raw, note=cell.note, item=item.label)
    return cell.value


def _number(layout: _Layout, raw: object) -> Cell[float]:
    """A score or 分值 as typed: a number, or text ("9", "９", "9.0", "9分" are all 9), or a
    percentage ("3.5%" is 3.5 on a percent sheet, and so is 0.035 where the sheet stores
    fractions)."""
    if isinstance(raw, str):
        text = clean_text(raw).replace(" ", "").removesuffix("分")
        return to_number(text[:-1] if text.endswith("%") else text)
    cell = to_number(raw)
    if cell.value is not None and not isinstance(raw, str):
        cell.value = round(cell.value * layout.scale, 4)
    return cell


def _count(layout: _Layout, spec: ScoreSpec, item: Item, r: int, value: float | None, finding) -> float:
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
            finding("SC010", r, c, item=item.label, unit=unit)
        return 0.0
    if item.kind == DEDUCTION:
        amount = abs(value)
        if not item.reachable(amount):
            finding(
                "SC003", r, c, value, "deduction", item=item.label, amount=amount, unit=unit, step=item.step
            )
        _check_reason(layout, spec, item, r, amount > TOLERANCE, finding)
        return -amount
    if value < -TOLERANCE:
        finding("SC002", r, c, value, item=item.label, score=value, unit=unit)
        return 0.0
    if item.kind == BONUS and value > item.max + TOLERANCE:
        finding("SC008", r, c, value, item=item.label, score=value, unit=unit, cap=item.max)
        return item.max
    if item.kind == SCORE and value > item.max + TOLERANCE:
        finding("SC001", r, c, value, item=item.label, score=value, unit=unit, max=item.max)
        return item.max
    if not item.reachable(value):
        finding("SC003", r, c, value, item=item.label, score=value, unit=unit, criterion=_rule_text(item))
    if item.kind == SCORE:
        _check_reason(layout, spec, item, r, value < item.max - TOLERANCE, finding)
    return value


def _rule_text(item: Item) -> str:
    if item.parts:
        return "可得分值：" + "、".join(f"{v:g}" for v in sorted(item.part_sums))
    if item.kind == BONUS:
        return f"每项加{item.step:g}分"
    return f"满分{item.max:g}，每项扣{item.step:g}，扣完为止"


def _check_reason(layout: _Layout, spec: ScoreSpec, item: Item, r: int, deducted: bool, finding) -> None:
    """SC006: a deduction without its 评分依据, where the spec requires one."""
    if not (spec.reason_required and deducted):
        return
    c = layout.roles.get("reason")
    if c is None or not str(layout.sheet.value(r, c)).strip():
        finding("SC006", r, layout.roles["score"] if c is None else c, item=item.label)


def _first_value(layout: _Layout, rows: range, col: int) -> tuple[int, object] | None:
    for r in rows:
        value = layout.sheet.value(r, col)
        if value not in ("", None):
            return r, value
    return None


def _check_subtotal(
    layout: _Layout, items: tuple[Item, ...], rows: dict[str, int], stated: dict[str, float | None], finding
) -> None:
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
        finding("SC004", r, col, raw, stated=to_text(raw).value, expected=expected)


def _check_total(layout: _Layout, spec: ScoreSpec, stated: dict[str, float | None], finding) -> None:
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
        finding("SC005", r, col, raw, stated=to_text(raw).value, expected=expected)
    elif value > spec.highest + TOLERANCE:
        finding("SC005", r, col, raw, "over", stated=to_text(raw).value, highest=spec.highest)
