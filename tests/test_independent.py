"""qstat on workbooks someone else made from the seed (tests/independent/README.md).

Every expected figure comes from that author's own EXPECTED.json, never from qstat.
"""

import json
from pathlib import Path

import pytest

from qstat import Config, consolidate

HERE = Path(__file__).parent / "independent"
EXPECTED = json.loads((HERE / "EXPECTED.json").read_text(encoding="utf-8"))
CONFIG = Config.load(HERE / "qstat.toml")


@pytest.fixture(scope="module")
def quarter(tmp_path_factory):
    out = tmp_path_factory.mktemp("independent")
    return consolidate(HERE / "2024Q3", "2024Q3", CONFIG, out=out / "out", db=None, workers=1)


def test_only_the_planted_defects_are_errors_each_at_its_cell(quarter):
    errors = sorted((f.unit, f.rule, f"{f.sheet}!{f.cell}") for f in quarter.findings if f.is_error)
    assert errors == sorted(
        [
            ("鲁山县", "SC001", "评分表!F8"),  # 档案管理 4 > 分值 3
            ("鲁山县", "SC003", "评分表!F9"),  # 监督执法工作 7: step 2 from 10
            ("宝丰县", "F5-002", "附表五 季度统计!S6"),  # 备案率 stated 100, 2/5 = 40.0
            ("郏县", "F3-001", "附表3!B11"),  # 注册号 of row 8 again
        ]
    )
    assert quarter.missing_units == EXPECTED["missing_units"]
    status = {s["unit"]: s["status"] for s in quarter.summary()["submissions"]}
    assert {u for u, s in status.items() if s == "errors"} == {"鲁山县", "宝丰县", "郏县"}


def test_the_totals_are_the_authors_own(quarter):
    want, totals = EXPECTED["city_totals"], quarter.summary()["totals"]
    f5 = totals["F5"]
    for ours, theirs in (
        ("carried_over", "carried"),
        ("new", "new"),
        ("in_progress", "in_progress"),
        ("completed", "completed"),
        ("filed", "filed"),
    ):
        assert [f5[ours]["count"], f5[ours]["area"], f5[ours]["cost"]] == pytest.approx(want[theirs])
    assert [f5["filing_rate"]["count"], f5["filing_rate"]["area"]] == [want["rate_n"], want["rate_a"]]
    assert f5["satisfaction_rate"] == want["sat"]
    assert list(f5["accidents"].values()) == pytest.approx([want["acc"], want["deaths"], want["loss"]])
    assert {f: totals[f]["rows"] for f in ("F1", "F2", "F3", "F4")} == EXPECTED["detail_rows_total"]


def test_the_seeds_annual_form_as_four_clerks_filled_it(tmp_path):
    year = consolidate(HERE / "2024", "2024", CONFIG, out=tmp_path / "out", db=None, workers=1)
    assert [f for f in year.findings if f.is_error] == []
    want, f7 = EXPECTED["annual_2024"]["totals"], year.summary()["totals"]["F7"]
    for key in ("carried_over", "new", "in_progress", "completed"):
        theirs = want["carried" if key == "carried_over" else key]
        assert [f7[key]["count"], f7[key]["area"], f7[key]["cost"]] == pytest.approx(theirs)
    assert [f7["filed"]["count"], f7["filed"]["area"]] == pytest.approx(want["filed"])
    assert [f7["filing_rate"]["count"], f7["filing_rate"]["area"]] == [want["rate_n"], want["rate_a"]]
    assert f7["satisfaction_rate"] == want["sat"]
