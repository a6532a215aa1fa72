"""The bundled 平顶山市 inbox against the generator's own ground truth (never read back)."""

import ast
import json
from pathlib import Path

import pytest

from qstat import consolidate

SAMPLES = Path(__file__).parents[1] / "sample_workbooks"


@pytest.fixture(scope="module")
def q3(tmp_path_factory):
    """The second quarter, then the third, against one history database."""
    out = tmp_path_factory.mktemp("q3")
    consolidate(SAMPLES / "2024Q2", "2024Q2", SAMPLES / "qstat.toml", out=out / "q2", db=out / "h.sqlite")
    return consolidate(
        SAMPLES / "2024Q3", "2024Q3", SAMPLES / "qstat.toml", out=out / "out", db=out / "h.sqlite"
    )


def expected(period):
    return json.loads((SAMPLES / "expected" / f"{period}.json").read_text(encoding="utf-8"))


def flatten(data, prefix=""):
    if isinstance(data, dict):
        return {k: v for key, value in data.items() for k, v in flatten(value, f"{prefix}{key}.").items()}
    return {prefix.rstrip("."): data}


def test_sample_totals_equal_the_generators_figures(q3):
    want = flatten(expected("2024Q3")["totals"])
    got = flatten(q3.summary()["totals"])
    assert {k: got.get(k) for k in want} == pytest.approx(want)


def test_sample_statuses_are_those_a_careful_clerk_would_give(q3):
    want = {s["file"]: (s["unit"], s["status"], s["included"]) for s in expected("2024Q3")["submissions"]}
    got = {s.file: (s.unit, s.status, s.included) for s in q3.submissions}
    assert got == want
    assert q3.missing_units == ["石龙区"]


@pytest.mark.parametrize(
    "file, rule, sheet, cell",
    [
        ("叶县.xlsx", "IN005", None, None),
        ("~$宝丰县.xlsx", "IN002", None, None),
        ("舞钢市.xlsx", "IN007", "表5", "I9"),
        ("湛河区2024年三季度报表.xlsx", "ST002", "在建工程明细", "F11"),
        ("鲁山县.xlsx", "ST005", "三季度报表", "K81"),
        ("宝丰县.xlsx", "F5-002", "5-季报", "Q10"),
        ("湛河区2024年三季度报表.xlsx", "ST006", "季度统计表", "E8"),
    ],
)
def test_each_planted_problem_is_found_at_its_cell(q3, file, rule, sheet, cell):
    assert any((f.file, f.rule, f.sheet, f.cell) == (file, rule, sheet, cell) for f in q3.findings)


def test_clean_sample_units_have_no_error(q3):
    clean = {
        "叶县(修改).xlsx",
        "舞钢市.xlsx",
        "季报2024Q3.xlsx",
        "示范区.xlsx",
        "汝州市.xlsx",
        "郏县.xls",
        "卫东区.xlsx",
    }
    assert not [f for f in q3.findings if f.file in clean and f.is_error]


def test_cross_period_findings_are_exactly_the_planted_carry_over(q3):
    """高新区's 接转 differs from its 2024Q2 在建; every other unit's agrees with its history."""
    cross = [(f.unit, f.sheet, f.cell) for f in q3.findings if f.rule in ("F5-006", "HS001")]
    assert cross == [("高新区", "附表5", "B7"), ("高新区", "附表5", "C7"), ("高新区", "附表5", "D7")]


def test_sample_score_sheets_rank_as_the_generator_says(q3):
    want = expected("2024Q3")["scores"]
    got = [{k: u.to_json()[k] for k in ("unit", "total", "grade", "rank", "mark")} for u in q3.scores.units]
    assert q3.scores.spec.id == want["spec"]
    assert got == want["units"]


@pytest.mark.parametrize(
    "file, rule, sheet, cell",
    [
        ("宝丰县.xlsx", "SC001", "7-评分表", "F16"),
        ("湛河区2024年三季度报表.xlsx", "SC003", "考核评分表", "F21"),
        ("鲁山县.xlsx", "SC004", "三季度报表", "G124"),
        ("湛河区2024年三季度报表.xlsx", "SC005", "考核评分表", "F26"),
    ],
)
def test_each_planted_score_sheet_problem_is_found_at_its_cell(q3, file, rule, sheet, cell):
    assert [(f.sheet, f.cell) for f in q3.findings if (f.file, f.rule) == (file, rule)] == [(sheet, cell)]


def test_the_sample_explanation_turns_its_warning_into_an_explained_one(q3):
    [e8] = [
        f for f in q3.findings if (f.file, f.rule, f.cell) == ("湛河区2024年三季度报表.xlsx", "ST006", "E8")
    ]
    assert e8.explanation == "录入时输入法处于全角状态，数值核对无误。"
    [zh] = [s for s in q3.submissions if s.unit == "湛河区"]
    assert zh.explained == 1


def test_the_sample_generator_imports_nothing_from_qstat():
    imported = {
        name.split(".")[0]
        for path in (SAMPLES / "make_samples").glob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        for name in (
            [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
            if isinstance(node, ast.ImportFrom) and not node.level
            else []
        )
    }
    assert "openpyxl" in imported and "qstat" not in imported
