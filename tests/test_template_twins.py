"""The template's 自查 checks are formula twins of qstat's rules: each line of the 自查 sheet names
a rule code and counts that rule's problems with an Excel formula (qstat/template.py, ``_Check``).

Each twin is cross-tested against the Python check on the same cells: the template filled as in
tests/test_template.py (every check passes), then one copy per case with a few cells changed so
that a rule fails (or, for the edge cases, just passes). LibreOffice recalculates all the copies
in one call; for every case and every code on the 自查 sheet, the formula's 不通过 must agree with
whether ``qstat check`` reports that code for the same workbook.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import date

import openpyxl
import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from test_template import SOFFICE, YEXIAN, checks_sheet, fill, first_input_row, header_columns, write_template

from qstat.check import check

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")


def at(book: Workbook, sheet: str, *words: str, row: int = 0) -> tuple[Worksheet, int, int]:
    """(sheet, row, column) of data row ``row`` (0 = the first) under the header with ``words``."""
    ws = book[sheet]
    top = first_input_row(ws, 2)
    columns = header_columns(ws, (5, 6) if top == 7 else (5,))  # lists have one header row
    hits = [c for text, c in columns.items() if all(w in text for w in words)]
    assert len(hits) == 1, (sheet, words, hits)
    return ws, top + row, hits[0]


Value = str | float | date | None


def put(book: Workbook, sheet: str, changes: dict[tuple[str, ...], Value], row: int = 0) -> None:
    """Each cell of data row ``row`` under the header with the words given set to its value."""
    for words, value in changes.items():
        ws, r, c = at(book, sheet, *words, row=row)
        ws.cell(r, c).value = value  # ws.cell(r, c, None) would leave the cell as it is


def copy_row(book: Workbook, sheet: str, source: int, target: int) -> None:
    """Data row ``source`` of a list written again as row ``target``."""
    ws = book[sheet]
    top = first_input_row(ws, 2)
    for c in range(1, ws.max_column + 1):
        ws.cell(top + target, c).value = ws.cell(top + source, c).value


def clear_row(book: Workbook, sheet: str, row: int) -> None:
    ws = book[sheet]
    top = first_input_row(ws, 2)
    for c in range(1, ws.max_column + 1):
        ws.cell(top + row, c).value = None


def score(book: Workbook, item: int, value: Value) -> None:
    """The 得分 of the score sheet's ``item``-th scored line (0 = the first)."""
    ws = book["评分表"]
    rows = [r for r in range(6, ws.max_row + 1) if ws.cell(r, 6).protection.locked is False]
    ws.cell(rows[item], 6).value = value


def item_scores(book: Workbook, scores: dict[str, Value]) -> None:
    """The 得分 of each of the score sheet's items named (column C)."""
    ws = book["评分表"]
    for name, value in scores.items():
        rows = [r for r in range(6, ws.max_row + 1) if ws.cell(r, 3).value == name]
        assert len(rows) == 1, name
        ws.cell(rows[0], 6).value = value


F5, F6 = "附表5", "附表6"
LARGE_PUBLIC, PUBLIC = 3, 2  # rows of 附表6 (住宅, 保障性安居, 公共建筑, 大型公共建筑, ...)


def f4_unfiled_third_row(book: Workbook) -> None:
    """A third completed project, not filed: 附表4 lists 3, 附表5 says 2 completed."""
    copy_row(book, "附表4", 1, 2)
    put(book, "附表4", {("注册号",): "豫质监叶县2023-003", ("备案日期",): None, ("备案结论",): None}, row=2)


# (case, the codes it is made to fail, the change to the filled template). Every case is also
# a passing case for the codes it does not break.
Mutation = Callable[[Workbook], None]
CASES: list[tuple[str, set[str], Mutation]] = [
    ("filled", set(), lambda b: None),
    ("F1 no 不良行为事实", {"F1-001"}, lambda b: put(b, "附表1", {("不良行为事实",): None})),
    ("F1 record twice", {"F1-004"}, lambda b: copy_row(b, "附表1", 0, 1)),
    ("F1 recorded in Q2", {"F1-003"}, lambda b: put(b, "附表1", {("记录日期",): date(2024, 6, 30)})),
    (
        "F1 approved before recorded",
        {"F1-002"},
        lambda b: put(b, "附表1", {("批准日期",): date(2024, 7, 30)}),
    ),
    ("F2 no 处罚内容", {"F2-001"}, lambda b: put(b, "附表2", {("处罚内容",): None})),
    ("F2 record twice", {"F2-003"}, lambda b: copy_row(b, "附表2", 0, 1)),
    ("F2 in Q4", {"F2-002"}, lambda b: put(b, "附表2", {("时间",): date(2024, 10, 1)})),
    ("F3 no 施工单位", {"F3-004"}, lambda b: put(b, "附表3", {("施工单位",): None}, row=4)),
    ("F3 注册号 twice", {"F3-001"}, lambda b: put(b, "附表3", {("注册号",): "豫质监叶县2024-001"}, row=1)),
    ("F4 no 施工单位", {"F4-008"}, lambda b: put(b, "附表4", {("施工单位",): None}, row=1)),
    ("F4 注册号 twice", {"F4-001"}, lambda b: put(b, "附表4", {("注册号",): "豫质监叶县2023-001"}, row=1)),
    ("F4 completed in Q2", {"F4-002"}, lambda b: put(b, "附表4", {("竣工日期",): date(2024, 6, 20)})),
    ("F4 filed before completed", {"F4-003"}, lambda b: put(b, "附表4", {("备案日期",): date(2024, 8, 10)})),
    ("F4 filed though 不合格", {"F4-006"}, lambda b: put(b, "附表4", {("竣工验收结论",): "不合格"})),
    # 合格 as CompletedProject.accepted reads it: says 合格 and not 不合格
    ("F4 filed, 验收合格", set(), lambda b: put(b, "附表4", {("竣工验收结论",): "验收合格"})),
    (
        "F4 filed, 不合格，整改后合格",
        {"F4-006"},
        lambda b: put(b, "附表4", {("竣工验收结论",): "不合格，整改后合格"}),
    ),
    ("F5 在建造价 9100", {"F5-004"}, lambda b: put(b, F5, {("在建", "造价"): 9100})),
    ("F5 3 filed of 2 completed", {"F5-005", "F4-007"}, lambda b: put(b, F5, {("备案工程", "项数"): 3})),
    ("F5 满意率 105", {"F5-003"}, lambda b: put(b, F5, {("用户",): 105})),
    ("F5 deaths without accident", {"F5-007"}, lambda b: put(b, F5, {("事故", "死亡"): 1})),
    (
        # 接转 cost raised so that the flow still holds (10500 + 0 - 1500 = 9000); 附表6's 新注册
        # costs (1500 + 1000) now exceed 附表5's 0
        "F5 新注册 without cost",
        {"F5-008", "F6-004"},
        lambda b: put(b, F5, {("新注册", "造价"): 0, ("接转", "造价"): 10500}),
    ),
    ("F3 lists 10 of 11", {"F3-002", "F3-003"}, lambda b: clear_row(b, "附表3", 10)),
    ("F3 area 55000 ㎡ of 5.4 万", {"F3-003"}, lambda b: put(b, "附表3", {("建筑面积",): 6000})),
    ("F4 lists 3 of 2", {"F4-004"}, f4_unfiled_third_row),
    (
        "F4 one unfiled of 2 filed",
        {"F4-007"},
        lambda b: put(b, "附表4", {("备案日期",): None, ("备案结论",): None}, row=1),
    ),
    (
        "F4 备案结论 未备案, no date",  # not filed (CompletedProject.filed): 1 filed row of 2 stated
        {"F4-007"},
        lambda b: put(b, "附表4", {("备案日期",): None, ("备案结论",): "未备案"}, row=1),
    ),
    (
        "F4 备案结论 /, no date",
        {"F4-007"},
        lambda b: put(b, "附表4", {("备案日期",): None, ("备案结论",): "/"}, row=1),
    ),
    (
        "F4 不合格 and 资料整理中",  # not filed, so no F4-006
        {"F4-007"},
        lambda b: put(
            b, "附表4", {("竣工验收结论",): "不合格", ("备案日期",): None, ("备案结论",): "资料整理中"}
        ),
    ),
    ("F4 project still in F3", {"F4-005"}, lambda b: put(b, "附表4", {("注册号",): "豫质监叶县2024-001"})),
    ("F6 住宅 在建 12 of 11", {"F6-004"}, lambda b: put(b, F6, {("在建", "项数"): 12})),
    (
        "F6 2 large of 0 public",  # 在建: within 附表5's 11 projects, 5.4 万㎡
        {"F6-001"},
        lambda b: put(b, F6, {("在建", "项数"): 2, ("在建", "面积"): 4}, row=LARGE_PUBLIC),
    ),
    (
        "F6 one large of 0.4 万㎡",
        {"F6-002"},
        lambda b: put(
            b, F6, {("新注册", "项数"): 1, ("新注册", "面积"): 0.4, ("新注册", "造价"): 500}, row=LARGE_PUBLIC
        ),
    ),
    # edge cases: where a formula could read the cells otherwise than qstat
    ("F3 only a 序号 on row 12", set(), lambda b: put(b, "附表3", {("序号",): 12}, row=11)),
    (
        "F3 注册号 twice, dash full-width",
        {"F3-001"},
        lambda b: put(b, "附表3", {("注册号",): "豫质监叶县2024－001"}, row=1),
    ),
    ("F1 记录日期 as text", set(), lambda b: put(b, "附表1", {("记录日期",): "2024-08-01"})),
    ("F3 area 54100 ㎡ of 5.4 万", set(), lambda b: put(b, "附表3", {("建筑面积",): 5100})),
    ("F5 在建造价 9000.01", set(), lambda b: put(b, F5, {("在建", "造价"): 9000.01})),
    ("SC score above 分值", {"SC001"}, lambda b: score(b, 0, 11)),
    ("SC no score", {"SC010"}, lambda b: score(b, 1, None)),
]


# Cases on a template with another score sheet: (case, its spec, the codes it breaks, the change).
WATER, HUIZHOU = "pingdingshan-water-supervision", "huizhou-government-quality-self-score"
WATER_BONUS = "质量监督管理信息化"  # 激励项, up to 5
SCORE_CASES: list[tuple[str, str, set[str], Mutation]] = [
    ("water filled", WATER, set(), lambda b: None),  # each bonus at its cap
    ("water bonus above its cap", WATER, {"SC008"}, lambda b: item_scores(b, {WATER_BONUS: 6})),
    ("water bonus blank", WATER, set(), lambda b: item_scores(b, {WATER_BONUS: None})),
    (
        "huizhou deduction and veto blank",
        HUIZHOU,
        set(),
        lambda b: item_scores(
            b, {"扣10分": None, "发生区域性、系统性质量安全事件的，考核结果一律为D级": None}
        ),
    ),
]
ALL_CASES = [(c, YEXIAN.score_sheet, breaks, mutate) for c, breaks, mutate in CASES] + SCORE_CASES

# Where a formula cannot follow qstat with the plain functions the template allows (qstat is
# right in both): it compares 注册号 exactly, where qstat folds full-width characters, spaces
# and dash variants; and it compares a date typed as text with the dates as text (greater than
# any number), where qstat reads the date.
DIVERGES = {
    "F3 注册号 twice, dash full-width": "the formula does not fold a full-width dash (F3-001)",
    "F1 记录日期 as text": "the formula reads a text date as after the period (F1-003, F1-002)",
}


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, object], set[str]]]:
    """Per case: the 自查 sheet's verdict per code as LibreOffice computed it, and the codes qstat
    check reports for the same workbook."""
    folder = tmp_path_factory.mktemp("twins")
    filled = {}
    for spec in {spec for _, spec, _, _ in ALL_CASES}:
        (folder / spec).mkdir()
        template = write_template(
            folder / spec / "叶县_2024Q3.xlsx",
            "叶县",
            "2024Q3",
            YEXIAN,
            today=date(2024, 9, 20),
            score_sheet=spec,
        )
        filled[spec] = fill(template.path, folder / spec / "filled.xlsx")
    (folder / "cases").mkdir()
    paths = []
    for i, (_, spec, _, mutate) in enumerate(ALL_CASES):
        book = openpyxl.load_workbook(filled[spec])
        mutate(book)
        paths.append(folder / "cases" / f"叶县_{i:02d}.xlsx")
        book.save(paths[-1])
    assert SOFFICE is not None
    profile = (folder / "profile").as_uri()  # its own profile: another soffice running does not interfere
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--calc",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(folder / "lo"),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    recalculated = [folder / "lo" / p.name for p in paths]
    found = check(recalculated, "2024Q3", YEXIAN)
    return {
        name: (checks_sheet(path), {f.rule for f in sub.findings})
        for (name, _, _, _), path, (sub, _) in zip(ALL_CASES, recalculated, found)
    }


def test_every_twin_has_a_case_that_fails_it(verdicts):
    """The 自查 sheet of a quarter lists 29 checks, each under a code of its own."""
    codes = {code for code in verdicts["filled"][0] if code != "open"}
    assert len(codes) == 29
    assert codes - set().union(*(breaks for c, breaks, _ in CASES if c not in DIVERGES)) == set()


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=DIVERGES[c])) if c in DIVERGES else c
        for c, _, _, _ in ALL_CASES
    ],
)
def test_the_formula_and_qstat_agree(verdicts, case):
    sheet, emitted = verdicts[case]
    breaks = next(b for c, _, b, _ in ALL_CASES if c == case)
    failing = {code for code, verdict in sheet.items() if verdict == "不通过"}
    disagreeing = {
        code: (sheet[code], "reported" if code in emitted else "not reported")
        for code in sheet
        if code != "open" and (code in failing) != (code in emitted)
    }
    assert disagreeing == {}, "the 自查 formula and qstat check disagree"
    assert failing == breaks, "the case does not fail what it is made to fail"
