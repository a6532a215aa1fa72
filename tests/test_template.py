"""`qstat template`: the blank workbook sent down, filled the way a clerk (or a script) fills it,
read back with the same figures and no finding; its validation, protection, 自查 sheet, prefill
from the history and version mark.

The filling helpers use openpyxl only, and find cells by their header text as a clerk sees
them; every expected figure below is written by hand.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from qstat import Config, consolidate
from qstat.cli import main
from qstat.write.template import write_template

SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
YEXIAN = Config(name="平顶山市", units=["叶县", "舞钢市"], score_sheet="henan-affordable-housing-supervision")
QUARTER_SHEETS = ["附表1", "附表2", "附表3", "附表4", "附表5", "附表6", "评分表", "自查"]

# The 叶县 figures of 2024Q3, consistent with each other: 在建 11 = 10 + 3 - 2, 附表3 lists 11
# projects of 54000 ㎡ (5.40 万㎡), 附表4 the 2 completed (both filed, 8000 ㎡).
F5 = {
    ("上季度接转工程", "项数"): 10,
    ("上季度接转工程", "面积"): 5.0,
    ("上季度接转工程", "造价"): 8000,
    ("本季度新注册工程", "项数"): 3,
    ("本季度新注册工程", "面积"): 1.2,
    ("本季度新注册工程", "造价"): 2500,
    ("本季度在建工程", "项数"): 11,
    ("本季度在建工程", "面积"): 5.4,
    ("本季度在建工程", "造价"): 9000,
    ("本季度竣工工程", "项数"): 2,
    ("本季度竣工工程", "面积"): 0.8,
    ("本季度竣工工程", "造价"): 1500,
    ("本季度质量备案", "项数"): 2,
    ("本季度质量备案", "面积"): 0.8,
    ("本季度质量备案", "造价"): 1500,
    ("用户", ""): 95,
    ("事故", "项数"): 0,
    ("事故", "死亡"): 0,
    ("事故", "损失"): 0,
}
F6 = {
    "住宅": {
        ("新注册", "项数"): 2,
        ("新注册", "面积"): 0.8,
        ("新注册", "造价"): 1500,
        ("竣工", "项数"): 1,
        ("竣工", "面积"): 0.5,
        ("竣工", "造价"): 1000,
        ("备案工程", "项数"): 1,
        ("备案工程", "面积"): 0.5,
        ("备案工程", "造价"): 1000,
        ("在建", "项数"): 6,
        ("在建", "面积"): 3.0,
        ("在建", "造价"): 5000,
    },
    "公共建筑工程": {("新注册", "项数"): 1, ("新注册", "面积"): 0.4, ("新注册", "造价"): 1000},
}


def header_columns(ws, header_rows=(5, 6)) -> dict[str, int]:
    """Column number by header text, group and label joined ("本季度在建工程|项数")."""
    groups: dict[int, str] = {}
    for rng in ws.merged_cells.ranges:
        if rng.min_row == header_rows[0] and rng.max_row == header_rows[0]:
            for c in range(rng.min_col, rng.max_col + 1):
                groups[c] = str(ws.cell(rng.min_row, rng.min_col).value)
    columns = {}
    for c in range(1, ws.max_column + 1):
        top = groups.get(c) or str(ws.cell(header_rows[0], c).value or "")
        sub = str(ws.cell(header_rows[1], c).value or "") if len(header_rows) > 1 else ""
        columns[re.sub(r"\s", "", f"{top}|{sub}")] = c
    return columns


def column(columns: dict[str, int], *words: str) -> int:
    hits = [c for text, c in columns.items() if all(w in text for w in words)]
    assert len(hits) == 1, (words, hits)
    return hits[0]


def first_input_row(ws, col: int) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, col).protection.locked is False)


def fill(path: Path, out: Path, stock_cost: float = 9000) -> Path:
    """Fill every form as the clerk would: typed values into the shaded cells, nothing else."""
    book = openpyxl.load_workbook(path)
    ws = book["附表5"]
    cols = header_columns(ws)
    row = first_input_row(ws, column(cols, "接转", "项数"))
    for (group, label), value in F5.items():
        ws.cell(row, column(cols, group, label), value)
    ws.cell(row, column(cols, "在建", "造价"), stock_cost)
    ws = book["附表6"]
    cols = header_columns(ws)
    for r in range(7, 13):
        for category, values in F6.items():
            if str(ws.cell(r, 1).value).startswith(category):
                for (group, label), value in values.items():
                    ws.cell(r, column(cols, group, label), value)
    projects = [
        (f"豫质监叶县2024-{i:03d}", f"叶县第{i}号楼", "框架", 4000 if i == 11 else 5000, 800)
        for i in range(1, 12)
    ]
    _list(
        book["附表3"],
        [
            [i, *p, "某某建筑工程有限公司", "某某监理有限公司", "主体施工", None]
            for i, p in enumerate(projects, 1)
        ],
    )
    _list(
        book["附表4"],
        [
            [
                i,
                f"豫质监叶县2023-{i:03d}",
                f"竣工{i}号楼",
                "剪力墙",
                4000,
                750,
                "某某建筑工程有限公司",
                "某某监理有限公司",
                date(2024, 8, 15),
                "合格",
                date(2024, 8, 25),
                "准予备案",
            ]
            for i in (1, 2)
        ],
    )
    _list(
        book["附表1"],
        [
            [
                "BL-2024-01",
                "叶县第1号楼",
                "某某建筑工程有限公司",
                "张三",
                "项目经理",
                "未按图施工",
                "第十条",
                "李四",
                date(2024, 8, 1),
                "王五",
                date(2024, 8, 3),
            ]
        ],
    )
    _list(
        book["附表2"],
        [
            [
                "CF-2024-01",
                "叶县第2号楼",
                "某某建筑工程有限公司",
                date(2024, 9, 2),
                "未按图施工",
                "条例第六十四条",
                "罚款",
                "已执行",
                "已整改",
            ]
        ],
    )
    ws = book["评分表"]
    for r in range(6, ws.max_row + 1):
        if ws.cell(r, 6).protection.locked is False:  # 得分: full marks, the 分值 beside it
            ws.cell(r, 6, ws.cell(r, 5).value)
    book.save(out)
    return out


def _list(ws, rows: list[list]) -> None:
    top = first_input_row(ws, 1)
    for i, values in enumerate(rows):
        for c, value in enumerate(values, 1):
            ws.cell(top + i, c, value)


def recalculated(path: Path, folder: Path) -> Path:
    """The workbook opened and saved by LibreOffice, every formula recalculated."""
    folder.mkdir(exist_ok=True)
    assert SOFFICE is not None  # the tests that call this skip without it
    subprocess.run(
        [SOFFICE, "--headless", "--calc", "--convert-to", "xlsx", "--outdir", str(folder), str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return folder / path.name


def checks_sheet(path: Path) -> dict[str, object]:
    """The 自查 sheet as LibreOffice computed it: rule -> 通过/不通过, and the open count."""
    ws = openpyxl.load_workbook(path, data_only=True)["自查"]
    verdicts: dict[str, object] = {
        str(ws.cell(r, 2).value): ws.cell(r, 6).value for r in range(5, ws.max_row + 1) if ws.cell(r, 2).value
    }
    verdicts["open"] = next(
        ws.cell(r, 6).value for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value == "未通过的检查项"
    )
    return verdicts


@pytest.fixture
def template(tmp_path: Path) -> Path:
    return write_template(
        tmp_path / "叶县_2024Q3.xlsx", "叶县", "2024Q3", YEXIAN, today=date(2024, 9, 20)
    ).path


def run(tmp_path: Path, *files: Path, period: str = "2024Q3"):
    """Consolidate the files for 叶县 alone, the history holding its 2024Q2 在建 (= 接转 now)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    for f in files:
        shutil.copy(f, inbox / f.name)
    db = _history(
        tmp_path / "h.sqlite",
        [
            ("2024Q2", "叶县", "F5", f"in_progress.{m}", v)
            for m, v in (("count", 10), ("area", 5.0), ("cost", 8000))
        ],
    )
    return consolidate(inbox, period, Config(units=["叶县"]), out=tmp_path / "out", db=db, workers=1)


def assert_figures(result) -> None:
    row = result.statistics["叶县"]
    assert (row.carried_over.count, row.carried_over.area, row.carried_over.cost) == (10, 5.0, 8000)
    assert (row.new.count, row.new.area, row.new.cost) == (3, 1.2, 2500)
    assert (row.in_progress.count, row.in_progress.area, row.in_progress.cost) == (11, 5.4, 9000)
    assert (row.completed.count, row.filed.count, row.filed.area) == (2, 2, 0.8)
    assert row.filing_rate.count == 100.0 and row.satisfaction_rate == 95
    assert (result.categories["residential"].in_progress.area, result.categories["public"].new.cost) == (
        3.0,
        1000,
    )
    sub = result.submissions[0]
    assert sub.row_counts == {"F1": 1, "F2": 1, "F3": 11, "F4": 2}
    assert sub.score.total == 100 and sub.score.spec_id == "henan-affordable-housing-supervision"


def test_the_forms_in_order_with_the_unit_and_period(template):
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == QUARTER_SHEETS
    ws = book["附表5"]
    assert ws["B2"].value is None and ws["A2"].value == "河南省建设工程质量监督季度统计表"
    assert ws["A3"].value == "（2024年第三季度）" and ws["A4"].value == "填表单位（盖章）：叶县"
    assert ws["A7"].value == "叶县" and ws["A8"].value == "合计"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    annual = write_template(template.parent / "y.xlsx", "叶县", "2024", Config())
    assert openpyxl.load_workbook(annual.path).sheetnames == [
        "附表1",
        "附表2",
        "附表3",
        "附表4",
        "附表6",
        "附表7",
        "评分表",  # the Henan 考核评分表 ships by default: no config needed
        "自查",
    ]


def test_inputs_unlocked_the_rest_protected_without_password(template):
    book = openpyxl.load_workbook(template)
    for ws in book.worksheets:
        assert ws.protection.sheet and not ws.protection.password, ws.title
    ws = book["附表5"]
    assert ws["B7"].protection.locked is False and ws["B7"].fill.fgColor.rgb.endswith("FFF2CC")
    for cell in ("A7", "B5", "B8", "Q7", "R7"):  # name, header, 合计, 备案率
        assert ws[cell].protection.locked is not False, cell
    assert ws["Q7"].value == "=IF($K$7=0,0,$N$7/$K$7*100)" and ws["B8"].value == "=SUM($B$7:$B$7)"


def test_validation_with_chinese_prompts(template):
    book = openpyxl.load_workbook(template)

    def rule_at(sheet: str, cell: str):
        return next(dv for dv in book[sheet].data_validations.dataValidation if cell in dv.sqref)

    count = rule_at("附表5", "B7")
    assert (count.type, count.operator, count.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert "整数" in count.prompt and "整数" in count.error
    area = rule_at("附表5", "C7")
    assert (area.type, area.operator, area.formula1) == ("decimal", "greaterThanOrEqual", "0")
    assert "万㎡" in area.prompt
    assert rule_at("附表3", "E7").type == "decimal" and "平方米" in rule_at("附表3", "E7").prompt
    deaths = rule_at("附表5", "U7")
    assert deaths.type == "whole"
    completed_on = rule_at("附表4", "I7")  # 竣工日期: within 2024Q3 (Excel serials 45474..45565)
    assert (completed_on.type, completed_on.formula1, completed_on.formula2) == ("date", "45474", "45565")
    assert "2024-07-01至2024-09-30" in completed_on.prompt
    recorded_on = rule_at("附表1", "I7")
    assert recorded_on.formula1 == "45474"
    acceptance = rule_at("附表4", "J7")
    assert acceptance.formula1 == '"合格,不合格"' and acceptance.errorStyle in (
        None,
        "stop",
    )  # stop: the default
    assert "框架" in rule_at("附表3", "D7").formula1
    assert "施工单位" in rule_at("附表1", "C7").formula1
    assert "准予备案" in rule_at("附表4", "L7").formula1


def test_formulas_carry_their_values(template):
    """Every formula has a cached value, so viewers that do not recalculate show numbers."""
    with zipfile.ZipFile(template) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = z.read(name).decode()
                cells = re.findall(r"<c [^>]*>(<f>.*?</f>)(<v>[^<]*</v>)?</c>", xml)
                assert cells or "自查" not in name
                assert all(v and v != "<v></v>" for _, v in cells), name
    assert openpyxl.load_workbook(template, data_only=True)["附表5"]["B8"].value == 0
    verdicts = checks_sheet(template)  # nothing entered yet: no check has passed or failed
    assert verdicts.pop("open") == 0 and set(verdicts.values()) == {"未填写"}


def test_an_empty_template_shows_not_filled_until_figures_are_entered(template):
    """An empty 自查 must not tell the clerk every check passed; the count of filled cells says why."""
    ws = openpyxl.load_workbook(template, data_only=True)["自查"]
    verdicts = [ws.cell(r, 6).value for r in range(5, ws.max_row + 1) if ws.cell(r, 2).value]
    assert len(verdicts) >= 27 and set(verdicts) == {"未填写"}
    last = ws.max_row
    assert "已填写数据的单元格" in str(ws.cell(last, 1).value) and ws.cell(last, 6).value == 0
    formula = str(openpyxl.load_workbook(template)["自查"].cell(5, 6).value)
    assert formula.startswith(f'=IF($F${last}=0,"未填写",')


def test_a_red_cell_for_each_within_form_rule(template):
    book = openpyxl.load_workbook(template)
    rules = {
        str(rng.sqref): [r.formula[0] for r in rng.rules] for rng in book["附表5"].conditional_formatting
    }
    assert rules["H7"][0] == "ABS($H7-($B7+$E7-$K7))>0.5"  # 在建 = 接转 + 新注册 - 竣工
    assert "$N7>$K7" in rules["N7"]  # 备案 > 竣工
    assert any("$B7=0" in f for f in rules["C7"])  # a count 0 with an area
    f6 = {str(rng.sqref): [r.formula[0] for r in rng.rules] for rng in book["附表6"].conditional_formatting}
    assert "$B10>$B9" in f6["B10"]  # 大型公建 > 公建


def test_the_version_mark(template, tmp_path):
    with zipfile.ZipFile(template) as z:
        custom = z.read("docProps/custom.xml").decode()
    assert "qstat-template;period=2024Q3;version=1;unit=叶县" in custom


def test_filled_by_a_script_reads_back_with_the_figures(template, tmp_path):
    """openpyxl keeps the formulas but drops every cached value: qstat recomputes them (IN007,
    a warning) and gets the figures written."""
    result = run(tmp_path, fill(template, tmp_path / "叶县.xlsx"))
    assert_figures(result)
    # HS001: the history made here holds 2024Q2's figures but not its lists of projects
    assert {(f.rule, f.severity) for f in result.findings} == {("IN007", "warning"), ("HS001", "info")}


@needs_soffice
def test_filled_and_recalculated_reads_back_with_no_finding(template, tmp_path):
    filled = recalculated(fill(template, tmp_path / "叶县.xlsx"), tmp_path / "lo")
    verdicts = checks_sheet(filled)
    assert verdicts["open"] == 0 and set(verdicts.values()) == {"通过", 0}
    result = run(tmp_path, filled)
    assert_figures(result)
    assert [f.rule for f in result.findings] == ["HS001"]  # no lists of 2024Q2 in that history


@needs_soffice
def test_a_broken_stock_flow_shows_on_the_check_sheet_and_in_qstat(template, tmp_path):
    filled = recalculated(fill(template, tmp_path / "叶县.xlsx", stock_cost=9100), tmp_path / "lo")
    verdicts = checks_sheet(filled)
    assert verdicts["F5-004"] == "不通过" and verdicts["open"] == 1
    result = run(tmp_path, filled)
    assert [(f.rule, f.sheet, f.cell) for f in result.findings if f.rule != "HS001"] == [
        ("F5-004", "附表5", "J7")
    ]


def _history(db: Path, rows: list[tuple[str, str, str, str, float]]) -> Path:
    """A history database holding the given figures (period, unit, form, field, value)."""
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE figures (period TEXT, unit TEXT, form TEXT, field TEXT, value REAL)")
    con.executemany("INSERT INTO figures VALUES (?, ?, ?, ?, ?)", rows)
    con.commit()
    con.close()
    return db


def test_carried_over_prefilled_from_the_last_in_progress(tmp_path):
    db = _history(
        tmp_path / "h.sqlite",
        [
            ("2024Q2", "叶县", "F5", "in_progress.count", 12),
            ("2024Q2", "叶县", "F5", "in_progress.area", 3.45),
            ("2024Q2", "叶县", "F5", "in_progress.cost", 6789.5),
            ("2024Q2", "舞钢市", "F5", "in_progress.count", 4),
            ("2023Q4", "叶县", "F5", "in_progress.count", 7),
            ("2023Q4", "叶县", "F5", "in_progress.area", 1.5),
            ("2023Q4", "叶县", "F5", "in_progress.cost", 900),
        ],
    )
    result = write_template(tmp_path / "t.xlsx", "叶县", "2024Q3", YEXIAN, db=db)
    ws = openpyxl.load_workbook(result.path)["附表5"]
    assert [ws.cell(7, c).value for c in (2, 3, 4)] == [12, 3.45, 6789.5]
    assert ws["B7"].protection.locked is False  # prefilled, still the clerk's to correct
    assert openpyxl.load_workbook(result.path, data_only=True)["附表5"]["B8"].value == 12  # 合计 cached
    assert checks_sheet(result.path)["F5-004"] == "不通过"  # 在建 not filled yet
    assert any("附表3" in note for note in result.notes)  # the history has no 附表3 rows yet
    annual = write_template(tmp_path / "y.xlsx", "叶县", "2024", YEXIAN, db=db)  # no 2023 annual run
    ws = openpyxl.load_workbook(annual.path)["附表7"]
    assert [ws.cell(7, c).value for c in (2, 3, 4)] == [7, 1.5, 900]
    nothing = write_template(tmp_path / "n.xlsx", "新华区", "2024Q3", YEXIAN, db=db)
    assert nothing.carried_over is None and openpyxl.load_workbook(nothing.path)["附表5"]["B7"].value is None


def test_a_first_quarters_carried_over_falls_back_on_last_years_annual_form(tmp_path):
    """2025Q1's 接转 is 2024Q4's 在建; a history holding only 2024's 附表7 (an office that ran the
    year, not its fourth quarter) gives its 截止到年底在建 (9 / 2.5 / 1200), as F5-006 reads it; with
    2024Q4 recorded too, 2024Q4's (8 / 2.0 / 1000) comes first."""
    year = [
        ("2024", "叶县", "F7", f"in_progress.{m}", v)
        for m, v in (("count", 9), ("area", 2.5), ("cost", 1200))
    ]
    db = _history(tmp_path / "y.sqlite", year)
    result = write_template(tmp_path / "a.xlsx", "叶县", "2025Q1", YEXIAN, db=db)
    ws = openpyxl.load_workbook(result.path)["附表5"]
    assert [ws.cell(7, c).value for c in (2, 3, 4)] == [9, 2.5, 1200]
    q4 = [
        ("2024Q4", "叶县", "F5", f"in_progress.{m}", v)
        for m, v in (("count", 8), ("area", 2.0), ("cost", 1000))
    ]
    db = _history(tmp_path / "q.sqlite", year + q4)
    result = write_template(tmp_path / "b.xlsx", "叶县", "2025Q1", YEXIAN, db=db)
    ws = openpyxl.load_workbook(result.path)["附表5"]
    assert [ws.cell(7, c).value for c in (2, 3, 4)] == [8, 2.0, 1000]


def test_another_periods_template_is_in004(tmp_path):
    old = write_template(tmp_path / "叶县.xlsx", "叶县", "2024Q2", YEXIAN).path
    findings = [f for f in run(tmp_path, old).findings if f.rule == "IN004"]
    assert len(findings) == 1 and "2024年第二季度的报表模板" in findings[0].message


def test_an_outdated_template_is_in004(template, tmp_path):
    outdated = tmp_path / "叶县.xlsx"
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(outdated, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/custom.xml":
                data = data.replace(b"version=1;", b"version=0;")
            dst.writestr(item, data)
    findings = [f for f in run(tmp_path, outdated).findings if f.rule == "IN004"]
    assert len(findings) == 1 and "已过期" in findings[0].message


def test_the_command(tmp_path, capsys):
    out = tmp_path / "模板"
    config = tmp_path / "qstat.toml"
    config.write_text('name = "平顶山市"\nunits = ["叶县", "舞钢市"]\n', encoding="utf-8")
    assert (
        main(
            [
                "template",
                "--all",
                "--period",
                "2024Q3",
                "--config",
                str(config),
                "--out",
                str(out),
                "--db",
                str(tmp_path / "none.sqlite"),
                "--date",
                "2024-09-20",
            ]
        )
        == 0
    )
    assert sorted(p.name for p in out.iterdir()) == ["叶县_2024Q3.xlsx", "舞钢市_2024Q3.xlsx"]
    assert "评分表" in openpyxl.load_workbook(out / "叶县_2024Q3.xlsx").sheetnames  # the default one
    one = tmp_path / "one.xlsx"
    assert (
        main(
            [
                "template",
                "--unit",
                "叶县",
                "--period",
                "2024Q3",
                "--out",
                str(one),
                "--score-sheet",
                "henan-quality-management-year",
            ]
        )
        == 0
    )
    assert "评分表" in openpyxl.load_workbook(one).sheetnames
    assert main(["template", "--all", "--period", "2024Q3"]) == 2
    assert (
        main(["template", "--unit", "叶县", "--period", "2024Q3", "--score-sheet", "nope", "--out", str(one)])
        == 2
    )
    assert "nope" in capsys.readouterr().err
