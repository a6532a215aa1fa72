"""The history as a reviewer, on hand-built periods: project continuity (F3-005/F3-006), a
resubmission traced (修改留痕), anomalies against the unit's own quarters (HS002/HS003)."""

import json
import sqlite3
import zlib
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from conftest import CITY, codes, one_finding
from messy import Clerk, f5_row, list_projects

from qstat import Config, consolidate
from qstat.config import Anomalies
from qstat.history import load_past, projects
from qstat.periods import Period
from qstat.revision import finding_key
from qstat.write.returns import review_context

Q2_DONE, Q3_DONE = date(2024, 5, 15), date(2024, 8, 15)
FIRM, SUPERVISOR = "甲建筑公司", "乙监理公司"


def project(n, reg_no, name, area=10000, cost=2000):
    return [n, reg_no, name, "框架", area, cost, FIRM, SUPERVISOR, "主体施工", ""]


def run(tmp_path, period, books: dict, config: Config = CITY, run_name: str = ""):
    """Consolidate the named workbooks (file name → Clerk) for ``period`` into the shared history."""
    inbox = tmp_path / f"inbox-{period}{run_name}"
    inbox.mkdir()
    for name, clerk in books.items():
        clerk.save(inbox / name)
    return consolidate(
        inbox,
        period,
        config,
        out=tmp_path / f"out-{period}{run_name}",
        db=tmp_path / "history.sqlite",
        workers=1,
    )


def ye(row, projects, done=Q3_DONE):
    """叶县's quarter: 附表1-6 as the 附表5 row gives them, 附表3 replaced by ``projects``."""
    clerk = Clerk().all_forms([row], completed_on=done)
    if projects is not None:
        clerk.detail(3, projects)
    return clerk


# ---- F3-005 / F3-006 ---------------------------------------------------------------------

Q2_YE = f5_row("叶县", (3, 3.0, 6000), (0, 0, 0), (3, 3.0, 6000))
Q2_PROJECTS = [
    project(1, "PDS-YX-2023-0001", "幸福家园1#楼"),
    project(2, "PDS-YX-2023-0002", "幸福家园2#楼"),
    project(3, "PDS-YX-2024-0003", "幸福家园3#楼"),
]
Q3_YE = f5_row(
    "叶县", (3, 3.0, 6000), (1, 1.0, 2000), (3, 3.0, 6000), (1, 1.0, 2000), (1, 1.0, 2000), (100, 100), 100
)
# 0002 is gone (not in 附表4 either); 0009 is new in 附表3 but its 注册号 says 2023.
Q3_PROJECTS = [
    project(1, "PDS-YX-2023-0001", "幸福家园1#楼"),
    project(2, "PDS-YX-2024-0003", "幸福家园3#楼"),
    project(3, "PDS-YX-2023-0009", "翰林苑9#楼"),
]
WU = f5_row(
    "舞钢市", (5, 2.5, 1500), (2, 1.0, 600), (5, 2.5, 1500), (2, 1.0, 600), (2, 1.0, 600), (100, 100), 100
)
WU_Q3 = f5_row(
    "舞钢市", (5, 2.5, 1500), (3, 1.5, 900), (6, 3.0, 1800), (2, 1.0, 600), (2, 1.0, 600), (100, 100), 100
)


def wu(row, done):
    return Clerk("填表单位（公章）：舞钢市").all_forms([row], completed_on=done)


@pytest.fixture
def continuity(tmp_path):
    run(tmp_path, "2024Q2", {"叶县.xlsx": ye(Q2_YE, Q2_PROJECTS, Q2_DONE), "舞钢市.xlsx": wu(WU, Q2_DONE)})
    return run(tmp_path, "2024Q3", {"叶县.xlsx": ye(Q3_YE, Q3_PROJECTS), "舞钢市.xlsx": wu(WU_Q3, Q3_DONE)})


def test_a_vanished_project_names_last_periods_file_and_row(continuity):
    gone = one_finding(continuity, "F3-005")
    assert (gone.unit, gone.sheet, gone.cell, gone.value) == ("叶县", "附表3", None, "PDS-YX-2023-0002")
    # 附表3 of the 2024Q2 workbook: label, title, 填表单位, header on rows 1-4; 0002 is the second row
    assert "PDS-YX-2023-0002 幸福家园2#楼" in gone.message and "“叶县.xlsx”附表3第6行" in gone.message
    assert "2024年第二季度" in gone.message


def test_a_project_registered_earlier_and_missing_last_time_is_at_its_row(continuity):
    came = one_finding(continuity, "F3-006")
    # third data row of this 附表3: row 5 + 2 = 7; 注册号 is column B
    assert (came.unit, came.sheet, came.cell, came.value) == ("叶县", "附表3", "B7", "PDS-YX-2023-0009")
    assert "翰林苑9#楼" in came.message and "2023年注册" in came.message


def test_consistent_lists_give_nothing(continuity):
    """舞钢市: Q2's five projects are all in Q3's 附表3 (now six, the sixth registered in 2024)."""
    assert [
        f for f in continuity.findings if f.unit == "舞钢市" and f.rule in ("F3-005", "F3-006", "HS001")
    ] == []


def test_the_lists_are_read_back_as_recorded_and_from_an_older_history(continuity, tmp_path):
    """叶县's 2024Q3 lists as recorded: 附表3 the three Q3_PROJECTS (rows 5-7, 主体施工), 附表4 one
    project (row 5; Q3_YE: 1 completed of 1.0 万㎡ = 10000 ㎡ and 2000 万元, 1 filed), 合格 and
    filed, all from 叶县.xlsx. A history recorded before the acceptance and filed columns reads the
    same rows, those two unknown; so does the unit's past for the next quarter."""
    listed = projects(tmp_path / "history.sqlite", "2024Q3", "叶县")
    assert listed is not None
    assert [(p.form, p.reg_no, p.sheet, p.row, p.file) for p in listed] == [
        ("F3", "PDS-YX-2023-0001", "附表3", 5, "叶县.xlsx"),
        ("F3", "PDS-YX-2024-0003", "附表3", 6, "叶县.xlsx"),
        ("F3", "PDS-YX-2023-0009", "附表3", 7, "叶县.xlsx"),
        ("F4", "豫质监叶县2024-竣工001", "附表4", 5, "叶县.xlsx"),
    ]
    f3, f4 = listed[2], listed[3]
    assert (f3.project, f3.builder, f3.progress, f3.acceptance, f3.filed) == (
        "翰林苑9#楼",
        FIRM,
        "主体施工",
        None,
        None,
    )
    assert (f4.project, f4.area_m2, f4.cost, f4.progress) == ("竣工工程1号楼", 10000, 2000, None)
    assert (f4.acceptance, f4.filed) == ("合格", True)

    old = tmp_path / "old.sqlite"
    with sqlite3.connect(tmp_path / "history.sqlite") as source, sqlite3.connect(old) as target:
        source.backup(target)
        target.execute("ALTER TABLE projects DROP COLUMN acceptance")
        target.execute("ALTER TABLE projects DROP COLUMN filed")
    source.close()
    target.close()
    before = [(p.form, p.reg_no, p.row) for p in listed]
    older = projects(old, "2024Q3", "叶县")
    assert older is not None and [(p.form, p.reg_no, p.row) for p in older] == before
    assert (older[3].acceptance, older[3].filed) == (None, None)
    past = load_past(old, "叶县", Period.parse("2024Q4"))
    assert past.lists is not None and [(p.form, p.reg_no, p.row) for p in past.lists] == before


def test_a_project_listed_two_periods_ago_and_back_now_is_f3_006(tmp_path):
    two = [project(1, "PDS-YX-2024-0001", "甲"), project(2, "PDS-YX-2024-0002", "乙")]
    one = [project(1, "PDS-YX-2024-0001", "甲")]
    row2 = f5_row("叶县", (2, 2.0, 4000), (0, 0, 0), (2, 2.0, 4000))
    row1 = f5_row("叶县", (1, 1.0, 2000), (0, 0, 0), (1, 1.0, 2000))
    run(tmp_path, "2024Q1", {"叶县.xlsx": ye(row2, two, date(2024, 2, 15))})
    run(tmp_path, "2024Q2", {"叶县.xlsx": ye(row1, one, Q2_DONE)})
    q3 = run(tmp_path, "2024Q3", {"叶县.xlsx": ye(row2, two)})
    assert [(f.cell, f.value) for f in codes(q3, "F3-006")] == [("B6", "PDS-YX-2024-0002")]
    assert "以前报送过该工程" in codes(q3, "F3-006")[0].message


def test_q1_compares_with_the_previous_years_q4(tmp_path):
    run(tmp_path, "2023Q4", {"叶县.xlsx": ye(Q2_YE, Q2_PROJECTS, date(2023, 11, 15))})
    q1 = run(tmp_path, "2024Q1", {"叶县.xlsx": ye(Q3_YE, Q3_PROJECTS, date(2024, 2, 15))})
    assert [f.value for f in codes(q1, "F3-005")] == ["PDS-YX-2023-0002"]
    assert "2023年第四季度" in codes(q1, "F3-005")[0].message


def test_a_project_under_a_new_number_is_reported_as_renumbered_not_vanished_and_new(tmp_path):
    """幸福家园2#楼 is listed again with 注册号 PDS-YX-2023-0022 (was 0002): one finding, at its row."""
    renumbered = [*Q2_PROJECTS[:1], project(2, "PDS-YX-2023-0022", "幸福家园2#楼"), Q2_PROJECTS[2]]
    run(tmp_path, "2024Q2", {"叶县.xlsx": ye(Q2_YE, Q2_PROJECTS, Q2_DONE)})
    q3 = run(tmp_path, "2024Q3", {"叶县.xlsx": ye(Q3_YE, renumbered)})
    moved = one_finding(q3, "F3-007")
    assert codes(q3, "F3-005") == []  # not vanished: renumbered
    assert (moved.sheet, moved.cell, moved.value) == ("附表3", "B6", "PDS-YX-2023-0022")
    assert "注册号由“PDS-YX-2023-0002”改为“PDS-YX-2023-0022”" in moved.message
    assert "“叶县.xlsx”附表3第6行" in moved.message
    assert codes(q3, "F3-006") == []  # the 2023 number is explained by the renumbering


def test_no_previous_period_gives_one_hs001_and_no_continuity_finding(tmp_path):
    q3 = run(tmp_path, "2024Q3", {"叶县.xlsx": ye(Q3_YE, Q3_PROJECTS)})
    assert codes(q3, "F3-005") == codes(q3, "F3-006") == []
    assert len(codes(q3, "HS001")) == 1  # F5-006's: the whole previous period is missing


# ---- 修改留痕 ------------------------------------------------------------------------------

# 附表5 row 6 (label, title, 填表单位, two header rows above it): 备案率（项数） is column Q,
# 死亡人数 column U.
WRONG = f5_row(
    "叶县",
    (3, 3.0, 6000),
    (1, 1.0, 2000),
    (3, 3.0, 6000),
    (1, 1.0, 2000),
    (1, 1.0, 2000),
    (50, 100),
    100,
    (0, 1, 0),
)
RIGHT = f5_row(
    "叶县",
    (3, 3.0, 6000),
    (1, 1.0, 2000),
    (3, 3.0, 6000),
    (1, 1.0, 2000),
    (1, 1.0, 2000),
    (100, 100),
    100,
    (0, 1, 0),
)


def test_a_resubmission_replacing_the_one_in_the_history_lists_its_changes(tmp_path):
    first = run(tmp_path, "2024Q3", {"叶县.xlsx": ye(WRONG, None)})
    assert {(f.rule, f.cell) for f in first.findings if f.is_error} == {("F5-002", "Q6"), ("F5-007", "U6")}
    assert "revision" not in first.summary()["submissions"][0]
    again = run(tmp_path, "2024Q3", {"叶县.xlsx": ye(RIGHT, None)}, run_name="-again")
    revision = again.summary()["submissions"][0]["revision"]
    assert revision["previous"] == "叶县.xlsx" and len(revision["previous_sha256"]) == 64
    assert revision["changed"] == 1
    assert revision["changed_cells"] == []  # the unit row of 附表5 is a record: traced by field
    assert revision["changed_records"] == [
        {
            "form": "F5",
            "key": "叶县",
            "change": "changed",
            "fields": {"季度质量备案率（%）项数": {"old": 50, "new": 100}},
        }
    ]
    assert revision["fixed"] == ["F5-002@附表5!Q6"] and revision["new"] == []
    # a rerun of the same inbox finds the same previous version in the history
    rerun = consolidate(
        tmp_path / "inbox-2024Q3-again",
        "2024Q3",
        CITY,
        out=tmp_path / "rerun",
        db=tmp_path / "history.sqlite",
        workers=1,
    )
    assert rerun.summary()["submissions"][0]["revision"] == revision


def test_superseded_files_in_one_inbox_are_compared_too(tmp_path):
    result = run(tmp_path, "2024Q3", {"叶县.xlsx": ye(WRONG, None), "叶县(修改).xlsx": ye(RIGHT, None)})
    entries = {s["file"]: s for s in result.summary()["submissions"]}
    assert "revision" not in entries["叶县.xlsx"]
    revision = entries["叶县(修改).xlsx"]["revision"]
    assert revision["previous"] == "叶县.xlsx" and revision["fixed"] == ["F5-002@附表5!Q6"]
    roster = openpyxl.load_workbook(result.outputs["findings"])["报送情况"]
    rows = {r[2]: r for r in roster.iter_rows(min_row=3, values_only=True)}
    assert rows["叶县(修改).xlsx"][8] == "较“叶县.xlsx”附表5修改1处，已改正1条，新增0条"
    assert rows["叶县.xlsx"][8] is None
    [used] = [s for s in result.submissions if s.file == "叶县(修改).xlsx"]
    letter = review_context(used, used.findings, result.period, "平顶山市")
    assert (
        "与上次报送的“叶县.xlsx”相比，本次附表5修改1处；上次指出的问题已改正1条，仍有1条未改正（附表5!U6（F5-007））"
        in letter["verdict"]
    )
    on_disk = json.loads(result.outputs["summary"].read_text(encoding="utf-8"))
    assert [s["file"] for s in on_disk["submissions"] if "revision" in s] == ["叶县(修改).xlsx"]


def test_a_resubmission_moving_projects_from_3_to_4_is_traced_by_record(tmp_path):
    """Two finished projects leave 附表3 for 附表4: every row below them moves up, yet the
    revision lists four records and no cells; a problem on a row that moved is still open."""
    many = [project(n, f"PDS-YX-2024-{n:04d}", f"幸福家园{n}#楼") for n in range(1, 31)]
    many[20][6] = ""  # 施工单位 missing on 0021: F3-004, which moves up with its row
    row = f5_row("叶县", (30, 30.0, 60000), (0, 0, 0), (30, 30.0, 60000))
    first = ye(row, many)
    run(tmp_path, "2024Q3", {"叶县.xlsx": first})
    kept, done = many[:3] + many[5:], many[3:5]
    moved_row = f5_row(
        "叶县",
        (30, 30.0, 60000),
        (0, 0, 0),
        (28, 28.0, 56000),
        (2, 2.0, 4000),
        (2, 2.0, 4000),
        (100, 100),
        100,
    )
    again = ye(moved_row, [[n, *p[1:]] for n, p in enumerate(kept, 1)])
    again.detail(
        4,
        [
            [
                n,
                p[1],
                p[2],
                "框架",
                10000,
                2000,
                FIRM,
                SUPERVISOR,
                "2024-08-15",
                "合格",
                "2024-09-01",
                "准予备案",
            ]
            for n, p in enumerate(done, 1)
        ],
    )
    result = run(tmp_path, "2024Q3", {"叶县.xlsx": again}, run_name="-moved")
    entry = result.summary()["submissions"][0]
    revision = entry["revision"]
    moves = {(r["form"], r["key"], r["change"]) for r in revision["changed_records"]}
    assert {m for m in moves if m[0] in ("F3", "F4")} == {
        ("F3", "PDS-YX-2024-0004", "removed"),
        ("F3", "PDS-YX-2024-0005", "removed"),
        ("F4", "PDS-YX-2024-0004", "added"),
        ("F4", "PDS-YX-2024-0005", "added"),
    }
    assert len(revision["changed_cells"]) <= 5  # no shifted rows: at most the 合计 and footer lines
    assert "F3-004@附表3[PDS-YX-2024-0021]施工单位" not in revision["fixed"]
    used = result.submissions[0]
    assert "附表3移出2项（PDS-YX-2024-0004、PDS-YX-2024-0005），附表4新增2项" in used.revision.changes()
    letter = review_context(used, used.findings, result.period, "平顶山市")
    assert "附表3移出2项" in letter["verdict"]


# 叶县's WRONG quarter as qstat wrote its snapshot until a record's values were written once
# (kept as it was written: never regenerate it).
OLDER_SNAPSHOT = Path(__file__).parent / "fixtures" / "叶县_snapshot_records_with_values.json"


@pytest.mark.parametrize("kept", ["records with their values", "cells only"])
def test_a_history_written_by_an_older_qstat_still_compares(tmp_path, kept):
    """A clerk's history keeps the snapshots older versions wrote: the WRONG quarter's snapshot
    as written with its records' values, and its cells alone (a history from before records
    were kept, compared cell by cell); the RIGHT resubmission is compared against each."""
    run(tmp_path, "2024Q3", {"叶县.xlsx": ye(WRONG, None)})
    written = OLDER_SNAPSHOT.read_bytes()
    if kept == "cells only":
        written = json.dumps(json.loads(written)["sheets"], ensure_ascii=False).encode()
    con = sqlite3.connect(tmp_path / "history.sqlite")
    with con:
        assert con.execute("UPDATE snapshots SET cells = ?", (zlib.compress(written),)).rowcount == 1
    con.close()
    again = run(tmp_path, "2024Q3", {"叶县.xlsx": ye(RIGHT, None)}, run_name="-again")
    revision = again.summary()["submissions"][0]["revision"]
    assert revision["changed"] == 1 and revision["fixed"] == ["F5-002@附表5!Q6"] and revision["new"] == []
    if kept == "cells only":
        assert revision["changed_records"] == []
        assert revision["changed_cells"] == [{"sheet": "附表5", "cell": "Q6", "old": 50, "new": 100}]
    else:
        assert revision["changed_cells"] == []
        assert revision["changed_records"] == [
            {
                "form": "F5",
                "key": "叶县",
                "change": "changed",
                "fields": {"季度质量备案率（%）项数": {"old": 50, "new": 100}},
            }
        ]


# ---- 修改留痕: what is no change ------------------------------------------------------------

FOOTER = "统计员：        批准人：        报送日期：2024年10月8日"  # as Clerk.detail writes it
THIRTY = f5_row("叶县", (30, 30.0, 60000), (0, 0, 0), (30, 30.0, 60000))


def twenty_eight():
    """0001-0028 (0029 and 0030 come in the resubmission): 0005-0008 typed "10,000" (one ST006
    listing E9:E12), 0002 without 施工单位 (F3-004)."""
    rows = [project(n, f"PDS-YX-2024-{n:04d}", f"幸福家园{n}#楼") for n in range(1, 29)]
    for p in rows[4:8]:
        p[4] = "10,000"
    rows[1][6] = ""
    return rows


def resorted(rows):
    """0029 and 0030 first, then the others in reverse order, 0002's 施工单位 filled in, and a
    blank row after the tenth: the footer moves from A33 (4 title and header rows + 28) to
    A36 (4 + 31)."""
    rows = [project(n, f"PDS-YX-2024-{n:04d}", f"幸福家园{n}#楼") for n in (29, 30)] + rows[::-1]
    rows = [[n, *p[1:]] for n, p in enumerate(rows, 1)]
    rows[-2][6] = FIRM
    return rows[:10] + [[None] * 10] + rows[10:]


def test_a_resort_moves_the_footer_and_a_grouped_note_yet_neither_is_a_change(tmp_path):
    """The clerk adds two projects, re-sorts, inserts a blank row and fixes 0002: the footer
    moved unchanged (no cell changed), the ST006 note now starts at another cell (neither fixed
    nor new: what qstat normalised is no problem sent back), and what was fixed is F3-002/F3-003
    (附表5's 30 projects against 28 listed) and F3-004 on 0002."""
    first = run(tmp_path, "2024Q3", {"叶县.xlsx": ye(THIRTY, twenty_eight())})
    again = run(tmp_path, "2024Q3", {"叶县.xlsx": ye(THIRTY, resorted(twenty_eight()))}, run_name="-2")
    revision = again.summary()["submissions"][0]["revision"]
    assert revision["changed_cells"] == []
    assert [
        (r["key"], r["change"], r["fields"] if r["change"] == "changed" else None)
        for r in revision["changed_records"]
    ] == [
        ("PDS-YX-2024-0029", "added", None),
        ("PDS-YX-2024-0030", "added", None),
        ("PDS-YX-2024-0002", "changed", {"施工单位": {"old": None, "new": FIRM}}),
    ]
    assert revision["changed"] == 3
    assert revision["fixed"] == [
        "F3-002@附表5!H6",
        "F3-003@附表5!I6",
        "F3-004@附表3[PDS-YX-2024-0002]施工单位",
    ]
    assert revision["new"] == []
    # the grouped note is keyed by what it says, not by its first cell (E9, then E28)
    [before], [after] = (
        [f for f in r.findings if f.rule == "ST006" and f.form == "F3"] for r in (first, again)
    )
    assert (before.cell, after.cell) == ("E9", "E28")
    assert finding_key(before) == finding_key(after) == "ST006@附表3（千分位分隔符已去除）"
    used = again.submissions[0]
    assert used.revision.counts() == "附表3新增2项、修改1处，已改正3条，新增0条"


def test_a_footer_moved_and_edited_is_listed_where_it_was_and_where_it_is(tmp_path):
    run(tmp_path, "2024Q3", {"叶县.xlsx": ye(THIRTY, twenty_eight())})
    clerk = ye(THIRTY, resorted(twenty_eight()))
    edited = FOOTER.replace("10月8日", "10月12日")
    clerk.book["附表3"]["A36"] = edited
    revision = run(tmp_path, "2024Q3", {"叶县.xlsx": clerk}, run_name="-2").summary()["submissions"][0][
        "revision"
    ]
    assert revision["changed_cells"] == [
        {"sheet": "附表3", "cell": "A33", "old": FOOTER, "new": None},
        {"sheet": "附表3", "cell": "A36", "old": None, "new": edited},
    ]


DONE = date(2024, 8, 15)
# RIGHT as a clerk may type it: full-width digits, separators, units, rates as 100% and 1.0,
# no accident as 无 and —.
RIGHT_TYPED = f5_row(
    "叶县",
    ("３", "3.0", "6,000"),
    ("1", "1.0", "2,000"),
    ("３", "３.０", "６０００"),
    ("1", "1.0", "2,000 万元"),
    (1, 1.0, 2000),
    ("100%", 1.0),
    "100%",
    ("无", 1, "—"),
)


def typed_anew(typed: bool, cost: str = "２０００", total_cost: str = "6,000") -> Clerk:
    """叶县's RIGHT quarter with 附表3 ending in a 合计 row (not a record), its cells as numbers
    and dates, or (``typed``) the same values as text: 10000 as "10,000㎡", 2000 as "２０００"
    (the first project's cost, ``cost``) or "2,000.0", dates as 2024年8月15日 and 2024.8.25."""
    in_progress, completed = list_projects([RIGHT], DONE)
    if typed:
        in_progress = [
            [*p[:4], "10,000㎡", cost if i == 0 else "2,000.0", *p[6:]] for i, p in enumerate(in_progress)
        ]
        completed = [
            [*p[:4], "１０，０００", "2,000", *p[6:8], "2024年8月15日", p[9], "2024.8.25", p[11]]
            for p in completed
        ]
    clerk = Clerk()
    clerk.detail(1, [])
    clerk.detail(2, [])
    f3 = clerk.detail(3, in_progress, footer=False)
    f3.append(
        ["合计", None, None, None, "30,000" if typed else 30000, total_cost if typed else 6000]
    )  # row 8
    f3.append([FOOTER])
    clerk.detail(4, completed)
    if typed:
        clerk.f5([RIGHT_TYPED], total=["合计", *RIGHT_TYPED[1:16], None, None, None, *RIGHT_TYPED[19:]])
    else:
        clerk.f5([RIGHT])
    clerk.f6({})
    return clerk


def test_the_same_values_typed_otherwise_are_no_change_and_a_change_shows_as_typed(tmp_path):
    """Resent with every figure, rate and date typed otherwise: nothing changed (each value
    compared as the form's column reads it, the 合计 row of 附表3 too). Then the first project's
    cost 2000 → 2500 (合计 6000 → 6500), shown as typed: "２０００" → "2,500", "6,000" → "6,500"."""
    run(tmp_path, "2024Q3", {"叶县.xlsx": typed_anew(False)})
    retyped = run(tmp_path, "2024Q3", {"叶县.xlsx": typed_anew(True)}, run_name="-2")
    revision = retyped.summary()["submissions"][0]["revision"]
    assert (revision["changed"], revision["changed_cells"], revision["changed_records"]) == (0, [], [])
    assert revision["fixed"] == revision["new"] == []
    assert {f.rule for f in retyped.findings if f.form in ("F3", "F4", "F5") and f.rule.startswith("ST")} == {
        "ST006"
    }
    changed = run(tmp_path, "2024Q3", {"叶县.xlsx": typed_anew(True, "2,500", "6,500")}, run_name="-3")
    revision = changed.summary()["submissions"][0]["revision"]
    assert revision["changed_records"] == [
        {
            "form": "F3",
            "key": "豫质监叶县2024-在建001",
            "change": "changed",
            "fields": {"工程造价（万元）": {"old": "２０００", "new": "2,500"}},
        }
    ]
    assert revision["changed_cells"] == [{"sheet": "附表3", "cell": "F8", "old": "6,000", "new": "6,500"}]
    assert revision["changed"] == 2


# ---- HS002 / HS003 ---------------------------------------------------------------------------

STEADY = f5_row(
    "叶县", (10, 5.0, 3000), (2, 1.0, 600), (10, 5.0, 3000), (2, 1.0, 600), (2, 1.0, 600), (100, 100), 100
)


def test_a_form_copied_forward_while_the_lists_changed_is_hs003(tmp_path):
    run(tmp_path, "2024Q2", {"叶县.xlsx": ye(STEADY, None, Q2_DONE)})
    in_progress, _ = list_projects([STEADY], Q3_DONE)
    in_progress[8][1], in_progress[9][1] = "豫质监叶县2024-在建011", "豫质监叶县2024-在建012"
    q3 = run(tmp_path, "2024Q3", {"叶县.xlsx": ye(STEADY, in_progress)})
    copied = one_finding(q3, "HS003")
    assert (copied.sheet, copied.cell, copied.severity) == ("附表5", "B6", "warning")
    assert "有4项工程增减" in copied.message  # 在建009, 010 gone; 011, 012 new


def test_the_same_figures_with_the_same_lists_are_not_hs003(tmp_path):
    run(tmp_path, "2024Q2", {"叶县.xlsx": ye(STEADY, None, Q2_DONE)})
    q3 = run(tmp_path, "2024Q3", {"叶县.xlsx": ye(STEADY, None)})
    assert codes(q3, "HS003") == []  # nothing happened: 附表4 lists the same two numbers


def normal_year(tmp_path):
    for period, row, done in (
        (
            "2024Q1",
            f5_row(
                "叶县",
                (8, 4.0, 2400),
                (4, 2.0, 1200),
                (10, 5.0, 3000),
                (2, 1.0, 600),
                (2, 1.0, 600),
                (100, 100),
                100,
            ),
            date(2024, 2, 15),
        ),
        (
            "2024Q2",
            f5_row(
                "叶县",
                (10, 5.0, 3000),
                (3, 1.5, 900),
                (11, 5.5, 3300),
                (2, 1.0, 600),
                (2, 1.0, 600),
                (100, 100),
                100,
            ),
            Q2_DONE,
        ),
    ):
        run(tmp_path, period, {"叶县.xlsx": ye(row, None, done)})


def test_a_normal_quarter_gives_no_hs002(tmp_path):
    normal_year(tmp_path)
    # 新注册 6 after 4 and 3, 竣工 5 after 2 and 2: ordinary quarters
    q3 = run(
        tmp_path,
        "2024Q3",
        {
            "叶县.xlsx": ye(
                f5_row(
                    "叶县",
                    (11, 5.5, 3300),
                    (6, 3.1, 2000),
                    (12, 6.1, 3800),
                    (5, 2.5, 1500),
                    (4, 2.0, 1200),
                    (80, 80),
                    100,
                ),
                None,
            )
        },
    )
    assert codes(q3, "HS002") == []


def test_an_area_typed_in_square_metres_is_hs002_at_its_cell(tmp_path):
    normal_year(tmp_path)
    # 新注册面积 31000 (㎡ for 3.1 万㎡): above 4 × 2.0 and by more than 10 万㎡; column F of row 6
    row = f5_row(
        "叶县",
        (11, 5.5, 3300),
        (6, 31000, 2000),
        (12, 31002.4, 3800),
        (5, 2.5, 1500),
        (4, 2.0, 1200),
        (80, 80),
        100,
    )
    q3 = run(tmp_path, "2024Q3", {"叶县.xlsx": ye(row, None)})
    assert [(f.cell, f.value) for f in codes(q3, "HS002")] == [("F6", "31000"), ("I6", "31002.4")]
    assert "远高于本单位2024年第一季度至2024年第二季度的最大值2" in codes(q3, "HS002")[0].message


def test_thresholds_come_from_qstat_toml(tmp_path):
    toml = tmp_path / "qstat.toml"
    toml.write_text(
        'name = "平顶山市"\n[anomalies]\njump_factor = 1.5\njump_min_count = 1\njump_quarters = 1\n',
        encoding="utf-8",
    )
    config = Config.load(toml)
    assert config.anomalies == Anomalies(jump_factor=1.5, jump_min_count=1, jump_quarters=1)
    run(tmp_path, "2024Q2", {"叶县.xlsx": ye(STEADY, None, Q2_DONE)}, config)
    # 新注册 4 after 2: quiet by default, above 1.5 × 2 by at least 1 project here
    q3 = run(
        tmp_path,
        "2024Q3",
        {
            "叶县.xlsx": ye(
                f5_row(
                    "叶县",
                    (10, 5.0, 3000),
                    (4, 1.0, 600),
                    (12, 5.0, 3000),
                    (2, 1.0, 600),
                    (2, 1.0, 600),
                    (100, 100),
                    100,
                ),
                None,
            )
        },
        config,
    )
    assert [f.cell for f in codes(q3, "HS002")] == ["E6"]


@pytest.mark.parametrize(
    "text",
    [
        "[anomalies]\njump_factor = -1\n",
        "[anomalies]\njump_quarters = 1.5\n",
        "[anomalies]\njump_facter = 3\n",
        "anomalies = 3\n",
        "[warnings]\nsatisfaction_min = -90\n",
        "[warnings]\nrepeat_min = 1.5\n",
        "[warnings]\nsatisfaction = 90\n",
        "[warnings]\nsatisfaction_below = 90\nsatisfaction_min = 85\n",
    ],
)
def test_bad_thresholds_are_refused_in_chinese(tmp_path, text):
    toml = tmp_path / "qstat.toml"
    toml.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="anomalies" if "anomalies" in text else r"\[warnings\]"):
        Config.load(toml)


def test_the_reports_warning_thresholds_and_recipient_are_read(tmp_path):
    toml = tmp_path / "qstat.toml"
    toml.write_text(
        '[office]\nrecipient = "河南省建设工程质量监督总站"\n'
        "[warnings]\nsatisfaction_min = 95\ndue_day = 5\n",
        encoding="utf-8",
    )
    config = Config.load(toml)
    assert config.office.recipient == "河南省建设工程质量监督总站"
    assert (config.warnings.satisfaction_min, config.warnings.due_day, config.warnings.deaths_min) == (
        95.0,
        5,
        1,
    )


def test_the_contracts_example_config_is_read(tmp_path):
    """The command-line contract's example qstat.toml as printed there: [warnings] satisfaction_below."""
    toml = tmp_path / "qstat.toml"
    toml.write_text(
        'name = "平顶山市"\nlevel = "city"\nunits = ["叶县", "舞钢市"]\n'
        '[aliases]\n"平顶山市新华区" = "新华区"\n'
        '[office]\nfull_name = "平顶山市建设工程质量监督站"\nrecipient = "河南省建设工程质量监督总站"\n'
        "[warnings]\nsatisfaction_below = 92.5\n[index]\n[public]\nname_companies = false\n",
        encoding="utf-8",
    )
    config = Config.load(toml)
    assert (config.warnings.satisfaction_min, config.warnings.deaths_min) == (92.5, 1)
    assert config.public.name_companies is False


# ---- the lists serve the template; the history as a table -------------------------------------


def test_the_template_prefills_last_periods_projects_in_progress(tmp_path):
    from qstat.write.template import write_template

    run(tmp_path, "2024Q2", {"叶县.xlsx": ye(Q2_YE, Q2_PROJECTS, Q2_DONE)})
    result = write_template(tmp_path / "t.xlsx", "叶县", "2024Q3", CITY, db=tmp_path / "history.sqlite")
    ws = openpyxl.load_workbook(result.path)["附表3"]
    listed = [
        [c.value for c in row[:9]] for row in ws.iter_rows() if row[1].value and "PDS" in str(row[1].value)
    ]
    assert listed == [
        [n, reg, name, "框架", 10000, 2000, FIRM, SUPERVISOR, "主体施工"]
        for n, reg, name in (
            (1, "PDS-YX-2023-0001", "幸福家园1#楼"),
            (2, "PDS-YX-2023-0002", "幸福家园2#楼"),
            (3, "PDS-YX-2024-0003", "幸福家园3#楼"),
        )
    ]
    assert len(result.projects) == 3 and not any("附表3" in note for note in result.notes)


def two_quarters(tmp_path):
    run(tmp_path, "2024Q2", {"叶县.xlsx": ye(Q2_YE, Q2_PROJECTS, Q2_DONE), "舞钢市.xlsx": wu(WU, Q2_DONE)})
    run(tmp_path, "2024Q3", {"叶县.xlsx": ye(Q3_YE, Q3_PROJECTS), "舞钢市.xlsx": wu(WU_Q3, Q3_DONE)})
    return tmp_path / "history.sqlite"


def test_frame_is_the_long_table_of_figures(tmp_path):
    from qstat.index import frame

    db = two_quarters(tmp_path)
    f5 = frame(db, "F5")
    assert list(f5.columns) == ["period", "unit", "form", "field", "value"]
    assert set(f5["form"]) == {"F5"} and set(f5["unit"]) == {"叶县", "舞钢市", "合计"}
    value = f5.set_index(["period", "unit", "field"])["value"]
    assert value["2024Q3", "合计", "in_progress.count"] == 3 + 6
    assert value["2024Q2", "舞钢市", "new.area"] == 1.0
    rows = frame(db).query("form == 'F3' and field == 'rows'").set_index(["period", "unit"])["value"]
    assert rows["2024Q2", "叶县"] == 3 and rows["2024Q3", "合计"] == 3 + 6


def test_qstat_history_writes_the_wide_table(tmp_path):
    from qstat.cli import main

    db = two_quarters(tmp_path)
    assert main(["history", "--db", str(db), "--form", "F5", "--out", str(tmp_path / "h.xlsx")]) == 0
    ws = openpyxl.load_workbook(tmp_path / "h.xlsx")["历史数据"]
    header = [c.value for c in ws[2]]
    assert header[:3] == ["期别", "单位", "附表5 上季度接转工程项数"] and len(header) == 2 + 21
    rows = [[c.value for c in r][:2] for r in ws.iter_rows(min_row=3)]
    assert rows == [
        ["2024Q2", "叶县"],
        ["2024Q2", "舞钢市"],
        ["2024Q2", "合计"],
        ["2024Q3", "叶县"],
        ["2024Q3", "舞钢市"],
        ["2024Q3", "合计"],
    ]
    in_progress = header.index("附表5 本季度在建工程项数") + 1
    assert [ws.cell(r, in_progress).value for r in range(3, 9)] == [3, 5, 8, 3, 6, 9]
    assert main(["history", "--db", str(db), "--unit", "舞钢市", "--out", str(tmp_path / "h.csv")]) == 0
    lines = (tmp_path / "h.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 3 and lines[1].startswith("2024Q2,舞钢市,")
    assert main(["history", "--db", str(db), "--out", str(tmp_path / "h.txt")]) == 2
    assert main(["history", "--db", str(tmp_path / "none.sqlite"), "--out", str(tmp_path / "n.csv")]) == 2


def test_consolidate_never_imports_pandas(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    inbox = tmp_path / "inbox"
    ye(Q3_YE, Q3_PROJECTS).save(inbox / "叶县.xlsx")
    code = (
        "import sys, qstat; qstat.consolidate(sys.argv[1], '2024Q3', out=sys.argv[2], db=sys.argv[3], "
        "workers=2); assert 'pandas' not in sys.modules, 'pandas imported'"
    )
    root = Path(__file__).parents[1]
    subprocess.run(
        [sys.executable, "-c", code, str(inbox), str(tmp_path / "out"), str(tmp_path / "h.sqlite")],
        check=True,
        cwd=root,
    )
