"""The 质量指数 and the half-year public report, against figures computed by hand.

History (units 叶县, 舞钢市 of THREE_UNITS; 湛河区 never reports): 2024Q1 and 2024Q2, 附表5:
          接转          新注册        竣工          备案          在建          满意率  事故  附表1  报送日期
  叶县 Q1 10/5.0/3000  2/1.0/600     2/1.0/600     2/1.0/600     10/5.0/3000   90      0     1条    04-05
  叶县 Q2 10/5.0/3000  0             2/1.0/600     1/0.5/300     8/4.0/2400    80      0     1条    07-08
  舞钢 Q1 5/2.5/1000   5/2.5/1000    0             0             10/5.0/2000   —       1起   0      04-08
  舞钢 Q2 10/5.0/2000  0             5/2.5/1000    5/2.5/1000    5/2.5/1000    100     0     0      07-15
Deadline: the quarter's end + 10 days (04-10, 07-10): 舞钢市's Q2 is 5 days late.

Default weights: 备案率项数 20, 面积 10, 满意率 20, 事故 10, 死亡 10, 不良行为 5, 处罚 5, 自评 10,
及时 5, 准确 5; points per event per 100 in progress: 事故 20, 不良行为 5.

2024Q2 叶县: 备案率 1/2 = 50 (count), 0.5/1.0 = 50 (area); 满意率 80; 事故 0 → 100; 死亡 100;
  不良行为 1 per 8 in progress = 12.5 per 100 → 100 − 5 × 12.5 = 37.5; 处罚 100; 自评 none (its 10 left
  out); 及时 100; 准确 100. Index = (20×50 + 10×50 + 20×80 + 10×100 + 10×100 + 5×37.5 + 5×100 + 5×100
  + 5×100) / 90 = 6787.5 / 90 = 75.42.
2024Q2 舞钢市: every figure 100 but 及时 50 (late): (9000 − 5×50) / 90 = 8750 / 90 = 97.22.
  Rank 舞钢市 1, 叶县 2.
2024Q1 舞钢市: nothing completed, nothing filed: no 备案率, no 满意率 (their 50 left out); 事故 1 per 10
  in progress = 10 per 100 → 100 − 20 × 10 < 0 → 0; the rest 100: (10×0 + 10×100 + 4×5×100) / 40 = 75.0.
2024Q2 合计: 备案 6/7 = 85.714 (count), 3.0/3.5 = 85.714 (area); 满意率 (80×1 + 100×5)/6 = 96.667;
  不良行为 1 per 13 → 100 − 5 × 100/13 = 61.538; 及时 the units' mean with 湛河区 未报 (0):
  (100 + 50 + 0)/3 = 50; 准确 (100 + 100 + 0)/3 = 66.667.
  湛河区's index is 0 (only 及时 and 准确 apply), rank 3.
  (20×85.714 + 10×85.714 + 20×96.667 + 1000 + 1000 + 5×61.538 + 500 + 5×50 + 5×66.667) / 90 = 87.73.
Weights [index.weights] timeliness = 60, filing_count = 20, all others 0: 叶县 (60×100 + 20×50)/80 = 87.5,
  舞钢市 (60×50 + 20×100)/80 = 62.5: 叶县 ranks first.

2024H1 合计 (flows Q1 + Q2, stocks at Q2's end, 接转 at Q1's start): 接转 15, 新注册 2+5 = 7,
  竣工 4+5 = 9, 备案 3+5 = 8, 在建 8+5 = 13, 备案率 8/9 = 88.9, 满意率 (90×2 + 80×1 + 100×5)/8 = 95.0,
  事故 1, 附表1 2 条.
"""

from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import THREE_UNITS as UNITS
from docx import Document
from messy import Clerk, f5_row, list_projects

from qstat import consolidate
from qstat.config import Config
from qstat.history import Reader
from qstat.index import frame, inputs, period_index
from qstat.index_config import Component, IndexSettings
from qstat.periods import Period
from qstat.write.report.public import PublicReportError, build_public

SECRET = "内部审核：叶县资料装订不全，退回补正"  # a unit's 文字材料: never in the public report
COMPANY = "平顶山市鹰城房地产开发有限公司"


def bad(record_no: str, recorded: str) -> list:
    fact = ["王五", "项目负责人", "未按规定办理质量监督手续", "第八条"]
    return [record_no, "幸福家园1#楼", COMPANY, *fact, "赵六", recorded, "孙七", recorded]


ROWS = {
    "2024Q1": {
        "叶县": (
            f5_row(
                "叶县",
                (10, 5.0, 3000),
                (2, 1.0, 600),
                (10, 5.0, 3000),
                (2, 1.0, 600),
                (2, 1.0, 600),
                (100, 100),
                90,
            ),
            [bad("YX-1", "2024-02-01")],
            "2024年4月5日",
        ),
        "舞钢市": (
            f5_row("舞钢市", (5, 2.5, 1000), (5, 2.5, 1000), (10, 5.0, 2000), accidents=(1, 0, 10)),
            [],
            "2024年4月8日",
        ),
    },
    "2024Q2": {
        "叶县": (
            f5_row(
                "叶县", (10, 5.0, 3000), (0, 0, 0), (8, 4.0, 2400), (2, 1.0, 600), (1, 0.5, 300), (50, 50), 80
            ),
            [bad("YX-2", "2024-05-06")],
            "2024年7月8日",
        ),
        "舞钢市": (
            f5_row(
                "舞钢市",
                (10, 5.0, 2000),
                (0, 0, 0),
                (5, 2.5, 1000),
                (5, 2.5, 1000),
                (5, 2.5, 1000),
                (100, 100),
                100,
            ),
            [],
            "2024年7月15日",
        ),
    },
}


def _workbook(unit: str, row: list, records: list, sent: str, completed_on: date) -> Clerk:
    clerk = Clerk(f"填表单位（公章）：{unit}住房和城乡建设局")
    in_progress, completed = list_projects([row], completed_on)
    for n, rows in ((1, records), (2, []), (3, in_progress), (4, completed)):
        clerk.detail(n, rows, footer=False)
    clerk.f5([row], footer=f"统计员：张三      批准人：李四      报送日期：{sent}")
    clerk.f6({})
    clerk.sheet("文字材料").cell(1, 1, SECRET)
    return clerk


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("index")
    for period, units in ROWS.items():
        inbox = tmp / "inbox" / period
        completed_on = date(2024, 2, 15) if period.endswith("Q1") else date(2024, 5, 15)
        for unit, (row, records, sent) in units.items():
            _workbook(unit, row, records, sent, completed_on).save(inbox / f"{unit}.xlsx")
        result = consolidate(inbox, period, UNITS, out=tmp / "out" / period, db=tmp / "h.sqlite", workers=1)
        assert sorted((s.unit, s.errors) for s in result.submissions) == [("叶县", 0), ("舞钢市", 0)]
    return tmp / "h.sqlite"


def _by_unit(db: Path, period: str, settings: IndexSettings | None = None) -> dict:
    with Reader(db) as read:
        return {u.unit: u for u in period_index(read, Period.parse(period), settings)}


def test_every_component_of_the_quarters_index_as_computed_by_hand(history):
    q2 = _by_unit(history, "2024Q2")
    ye = {p.component: p.score for p in q2["叶县"].parts}
    assert ye[Component.FILING_COUNT] == pytest.approx(50)
    assert ye[Component.FILING_AREA] == pytest.approx(50)
    assert ye[Component.SATISFACTION] == pytest.approx(80)
    assert ye[Component.ACCIDENTS] == ye[Component.DEATHS] == ye[Component.PENALTIES] == 100
    assert ye[Component.BAD_BEHAVIOUR] == pytest.approx(37.5)
    assert ye[Component.SELF_SCORE] is None
    assert ye[Component.TIMELINESS] == ye[Component.CORRECTNESS] == 100
    assert q2["叶县"].index == pytest.approx(6787.5 / 90)
    assert q2["叶县"].weakest.component is Component.FILING_COUNT  # 20 × 50 lost: the most
    wu = {p.component: p.score for p in q2["舞钢市"].parts}
    assert wu[Component.TIMELINESS] == 50
    assert q2["舞钢市"].index == pytest.approx(8750 / 90)
    assert (q2["舞钢市"].rank, q2["叶县"].rank) == (1, 2)
    office = {p.component: p.score for p in q2["合计"].parts}
    assert office[Component.FILING_COUNT] == pytest.approx(600 / 7)
    assert office[Component.SATISFACTION] == pytest.approx(580 / 6)
    assert office[Component.BAD_BEHAVIOUR] == pytest.approx(100 - 500 / 13)
    assert office[Component.TIMELINESS] == 50
    assert office[Component.CORRECTNESS] == pytest.approx(200 / 3)
    assert (q2["湛河区"].index, q2["湛河区"].rank) == (0, 3)
    expected = (30 * 600 / 7 + 20 * 580 / 6 + 2000 + 5 * (100 - 500 / 13) + 500 + 250 + 1000 / 3) / 90
    assert q2["合计"].index == pytest.approx(expected)


def test_a_component_that_does_not_apply_gives_its_weight_to_the_others(history):
    wu = _by_unit(history, "2024Q1")["舞钢市"]
    scores = {p.component: p.score for p in wu.parts}
    assert scores[Component.FILING_COUNT] is None and scores[Component.SATISFACTION] is None
    assert scores[Component.ACCIDENTS] == 0  # 10 per 100 in progress × 20 points, not below 0
    assert wu.index == pytest.approx(75.0)


def test_weights_from_the_config_change_the_ranking(history, tmp_path):
    toml = tmp_path / "qstat.toml"
    zero = {c.value: 0 for c in Component}
    weights = zero | {"timeliness": 60, "filing_count": 20}
    toml.write_text(
        "[index.weights]\n" + "".join(f"{k} = {v}\n" for k, v in weights.items()), encoding="utf-8"
    )
    q2 = _by_unit(history, "2024Q2", Config.load(toml).index)
    assert q2["叶县"].index == pytest.approx(87.5)
    assert q2["舞钢市"].index == pytest.approx(62.5)
    assert (q2["叶县"].rank, q2["舞钢市"].rank) == (1, 2)


def test_an_unknown_weight_is_refused(tmp_path):
    toml = tmp_path / "qstat.toml"
    toml.write_text("[index.weights]\nbeauty = 5\n", encoding="utf-8")
    with pytest.raises(ValueError, match="beauty"):
        Config.load(toml)


def test_the_history_frame_returns_the_index(history):
    rows = frame(history, "INDEX")
    index = rows.query("field == 'index'").set_index(["period", "unit"])["value"]
    assert index["2024Q2", "叶县"] == pytest.approx(6787.5 / 90)
    assert (
        rows.query("period == '2024Q2' and unit == '叶县' and field == 'bad_behaviour.value'")["value"].item()
        == 12.5
    )


def test_a_half_year_sums_the_flows_and_takes_the_stocks_at_its_end(history):
    with Reader(history) as read:
        found = inputs(read, Period.parse("2024H1"))
    assert found is not None
    h1 = found.figures[("合计", "F5")]
    assert h1["carried_over.count"] == 15
    assert (h1["new.count"], h1["completed.count"], h1["filed.count"]) == (7, 9, 8)
    assert (h1["new.area"], h1["completed.area"], h1["filed.area"]) == pytest.approx((3.5, 4.5, 4.0))
    assert (h1["in_progress.count"], h1["in_progress.area"]) == pytest.approx((13, 6.5))
    assert h1["filing_rate.count"] == pytest.approx(800 / 9)
    assert h1["satisfaction_rate"] == pytest.approx(95.0)
    assert h1["accidents.count"] == 1
    assert found.figures[("合计", "F1")]["rows"] == 2


def test_a_period_is_read_once_per_reader(history, monkeypatch):
    """The public report of 2024H1 asks for 2024Q1 and 2024Q2 in its trend, its index, its
    previous period's index and its chart: each quarter's figures are read from the history once,
    and the half-year (made of them) reads no figures of its own."""
    import qstat.history

    asked: list[tuple] = []
    real = qstat.history.query

    def counted(db, sql, params=()):
        if "FROM figures WHERE period=?" in sql:
            asked.append(params)
        return real(db, sql, params)

    monkeypatch.setattr(qstat.history, "query", counted)
    with Reader(history) as read:
        for period in ("2024H1", "2024Q1", "2024Q2", "2024H1", "2024Q2"):
            inputs(read, Period.parse(period))
        twice = [{u.unit: u.index for u in period_index(read, Period.parse("2024Q2"))} for _ in "ab"]
    assert sorted(asked) == [("2024Q1",), ("2024Q2",)]
    assert twice[0]["叶县"] == twice[1]["叶县"] == pytest.approx(6787.5 / 90)  # as in the first test


NARRATIVE = """# 文字材料

## 四、对实体工程质量监督采取的具体措施

开展住宅工程质量常见问题专项治理。

## 五、当地治理工程质量通病的阶段性目标及取得的效果

渗漏投诉下降。

## 十、工程质量监督执法情况

下发整改通知书12份。

## 十一、进一步做好工程质量监督管理工作的对策建议

{last}
"""


def test_the_public_report_refuses_while_a_section_is_unwritten(history, tmp_path):
    narrative = tmp_path / "n.md"
    narrative.write_text(NARRATIVE.format(last="【待填写：对策建议】"), encoding="utf-8")
    with pytest.raises(PublicReportError) as refused:
        build_public("2024H1", history, tmp_path / "out", narrative=narrative)
    assert refused.value.missing == ["进一步做好工程质量监督管理工作的对策建议"]
    assert not (tmp_path / "out").exists()
    with pytest.raises(PublicReportError) as refused:
        build_public("2024H1", history, tmp_path / "out")
    assert len(refused.value.missing) == 4


def _texts(result) -> tuple[str, str]:
    doc = Document(result.outputs["docx"])
    words = [p.text for p in doc.paragraphs] + [
        c.text for t in doc.tables for row in t.rows for c in row.cells
    ]
    return "\n".join(words), result.outputs["html"].read_text(encoding="utf-8")


def test_the_public_report_holds_office_figures_and_no_internal_text(history, tmp_path):
    narrative = tmp_path / "n.md"
    narrative.write_text(NARRATIVE.format(last="推进质量信息公开。"), encoding="utf-8")
    result = build_public("2024H1", history, tmp_path / "out", narrative=narrative, today=date(2024, 7, 20))
    docx, page = _texts(result)
    for text in (docx, page):
        assert "新注册工程7项" in text and "竣工工程9项" in text and "备案率88.9%" in text
        assert "推进质量信息公开。" in text
        assert SECRET not in text and COMPANY not in text and "【待填写" not in text
        assert "逾期" not in text and "错误" not in text  # the index's parts stay internal
    assert 'src="data:image/png;base64,' in page and "<link" not in page and "<script" not in page
    config = Config(name="平顶山市")
    config.public.name_companies = True
    named = build_public("2024H1", history, tmp_path / "named", narrative=narrative, config=config)
    assert COMPANY in _texts(named)[1]


def test_the_page_makes_the_public_report_of_its_half_year(history, tmp_path):
    """The page of 2024Q2 offers 2024年上半年; with the narrative written it links both files,
    with a section left 【待填写】 it says which."""
    from starlette.testclient import TestClient

    from qstat.serve import Settings, create_app

    settings = Settings(tmp_path / "inbox", tmp_path / "out", Period.parse("2024Q2"), UNITS, history)
    client = TestClient(create_app(settings))
    assert 'value="2024H1"' in client.get("/report").text
    boxes = {"section-4": "开展住宅工程质量常见问题专项治理。", "section-5": "渗漏投诉下降。"}
    boxes["section-10"] = "下发整改通知书12份。"
    page = client.post("/report", data={**boxes, "section-11": "推进质量信息公开。", "public": "2024H1"})
    names = sorted(p.name for p in (tmp_path / "out").iterdir() if "公开" in p.name)
    assert [n.rsplit(".", 1)[1] for n in names] == ["docx", "html"]
    assert all(quote(n) in page.text for n in names)
    refused = client.post("/report", data={**boxes, "public": "2024H1"})
    assert "进一步做好工程质量监督管理工作的对策建议" in refused.text
