"""The write side never fails on what a workbook holds (issue 10, items 4, 5, 6, 9).

4. control characters are shown as � in every cell, comment and document, never a failed save;
5. names from inside a workbook never become paths;
6. the whole output set is swapped in at once: a failure or a kill leaves the previous set,
   退回/ holds exactly this run's letters, leftovers are removed by the next run;
9. a bad --db is a clear error before any work.
"""

import importlib
import io
import json
import os
import sqlite3
import sys
import threading
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from messy import Clerk, f5_row

from qstat import Config, consolidate
from qstat.cli import main
from qstat.history import HistoryError
from qstat.scores import write_ranking_workbook
from qstat.scores.rank import rank_units
from qstat.write import OutputError, atomic_outputs, outputs
from qstat.write.report import build_report
from qstat.write.safe import safe_name, safe_text

# 宝丰县 states a 100% filing rate for 2 filings of 5 completions (F5-002, an error);
# 叶县 is consistent and has no finding.
BAOFENG = f5_row(
    "宝丰县", (10, 5.0, 3000), (4, 2.0, 1200), (9, 4.0, 2400), (5, 3.0, 1800), (2, 1.0, 600), (100, 100), 95
)
BAOFENG_FIXED = f5_row(
    "宝丰县", (10, 5.0, 3000), (4, 2.0, 1200), (9, 4.0, 2400), (5, 3.0, 1800), (2, 1.0, 600), (40, 33.3), 95
)
YE = f5_row(
    "叶县", (10, 5.0, 3000), (4, 2.0, 1200), (12, 6.0, 3600), (2, 1.0, 600), (2, 1.0, 600), (100, 100), 95
)
UNITS = Config(name="平顶山市", units=["叶县", "宝丰县"])
FORMS, FINDINGS = "平顶山市_2024Q3_汇总表.xlsx", "平顶山市_2024Q3_审核问题清单.xlsx"


def _inbox(inbox: Path, baofeng=BAOFENG, unit_line="填表单位：宝丰县") -> Path:
    Clerk("填表单位：叶县").all_forms([YE]).save(inbox / "叶县.xlsx")
    Clerk(unit_line).all_forms([baofeng]).save(inbox / "宝丰县.xlsx")
    return inbox


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.startswith(".~qstat")]


# --- 4. Control characters -----------------------------------------------------------------


def _with_control_character(path: Path) -> Path:
    """The 附表5 filing rate “72.72” with a BEL pasted in, as Excel stores it (_x0007_)."""
    data = path.read_bytes()
    path.unlink()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item).replace(b">72.72<", b">72_x0007_.72<"))
    return path


def test_a_control_character_in_a_flagged_cell_is_shown_as_a_replacement_everywhere(inbox, tmp_path):
    rate = f5_row(
        "宝丰县",
        (10, 5.0, 3000),
        (4, 2.0, 1200),
        (9, 4.0, 2400),
        (5, 3.0, 1800),
        (2, 1.0, 600),
        ("72.72", 100),
        95,
    )
    _inbox(inbox, rate)
    _with_control_character(inbox / "宝丰县.xlsx")
    out = tmp_path / "out"
    consolidate(inbox, "2024Q3", UNITS, out=out, db=tmp_path / "h.sqlite", workers=1)
    quoted = "72\ufffd.72"  # the BEL shown as �, the rest as typed
    marked = openpyxl.load_workbook(out / "退回" / "宝丰县_审核标注.xlsx")
    comment = marked["附表5"]["Q6"].comment.text  # Q6: the rate cell (row 6, column 17)
    assert "ST002" in comment and quoted in comment
    review = [c.value for row in marked["审核意见"].iter_rows() for c in row]
    assert quoted in review  # the 原值 column
    letter = docx.Document(out / "退回" / "宝丰县_审核意见.docx")
    cells = [c.text for t in letter.tables for row in t.rows for c in row.cells]
    assert any(quoted in text for text in cells)
    listed = openpyxl.load_workbook(out / FINDINGS)["问题清单"]
    assert quoted in [c.value for row in listed.iter_rows() for c in row]


def test_an_office_name_with_a_control_character_reaches_every_output_and_the_report(inbox, tmp_path):
    _inbox(inbox)
    office = Config(name="平顶山\x07市", units=["叶县", "宝丰县"])
    out, db = tmp_path / "out", tmp_path / "h.sqlite"
    result = consolidate(inbox, "2024Q3", office, out=out, db=db, workers=1)
    assert result.outputs["forms"] == out / "平顶山_市_2024Q3_汇总表.xlsx"
    unit_line = openpyxl.load_workbook(result.outputs["forms"])["附表5"]["A4"].value
    assert unit_line == "填表单位（盖章）：平顶山\ufffd市"
    title = openpyxl.load_workbook(result.outputs["findings"])["问题清单"]["A1"].value
    assert title.startswith("平顶山\ufffd市")
    report = build_report("2024Q3", db, out).outputs["report"]
    assert report.name == "平顶山_市_2024Q3_工程质量运行态势分析报告.docx"
    assert "平顶山\ufffd市" in "\n".join(p.text for p in docx.Document(str(report)).paragraphs)


def test_the_ranking_workbook_shows_a_control_character_as_a_replacement(tmp_path):
    ranking = rank_units([("叶\x07县", "叶县.xlsx", None)], ())
    path = write_ranking_workbook(tmp_path / "r.xlsx", ranking, "平顶山\x07市", "2024年第三季度")
    ws = openpyxl.load_workbook(path)["考核排名"]
    assert ws["B4"].value == "叶\ufffd县"  # the first unit row, unranked: 未报评分表
    assert ws["A2"].value == "（平顶山\ufffd市　2024年第三季度）"


def test_safe_text_keeps_line_breaks_and_replaces_what_xml_cannot_carry():
    assert safe_text("a\tb\nc\r\x00\x07\x1f\ud800\ufffe") == "a\tb\nc\r" + "\ufffd" * 5


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux keeps a file name that is not UTF-8")
def test_a_file_name_the_file_system_cannot_decode_is_written_everywhere(inbox, tmp_path):
    _inbox(inbox)
    gbk = os.fsencode(inbox) + b"/" + "宝丰县".encode("gbk") + b".xlsx"  # unzipped from Windows
    os.rename(inbox / "宝丰县.xlsx", gbk)
    out, db = tmp_path / "out", tmp_path / "h.sqlite"
    consolidate(inbox, "2024Q3", UNITS, out=out, db=db, workers=1)
    name = os.fsdecode(gbk).rsplit("/", 1)[1]  # six surrogate escapes and .xlsx
    files = [s["file"] for s in json.loads((out / "summary.json").read_text(encoding="utf-8"))["submissions"]]
    assert name in files
    stored = sorted(f for (f,) in sqlite3.connect(db).execute("SELECT file FROM submissions"))
    assert stored == ["叶县.xlsx", "\ufffd" * 6 + ".xlsx"]


# --- 5. Names never become paths ------------------------------------------------------------


def test_a_hostile_unit_name_without_a_config_writes_nothing_outside_out(tmp_path):
    inbox = tmp_path / "a" / "inbox"
    inbox.mkdir(parents=True)
    Clerk("填表单位：../../evil").all_forms([BAOFENG]).save(inbox / "x.xlsx")
    Clerk("填表单位：CON").all_forms([BAOFENG]).save(inbox / "y.xlsx")
    before = set(tmp_path.rglob("*"))
    out = tmp_path / "a" / "b" / "out"
    consolidate(inbox, "2024Q3", None, out=out, db=None, workers=1)
    written = set(tmp_path.rglob("*")) - before
    assert written and all(p == out or out in p.parents or p in out.parents for p in written)
    assert sorted(p.name for p in (out / "退回").iterdir()) == [
        "_CON_审核意见.docx",
        "_CON_审核标注.xlsx",
        "evil_审核意见.docx",
        "evil_审核标注.xlsx",
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../evil", "evil"),
        ("..", "未命名"),
        ("", "未命名"),
        ("a/b\\c:d", "a_b_c_d"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("COM1", "_COM1"),
        ("叶县. ", "叶县"),
        ("叶县\x07", "叶县"),
        ("县" * 60, "县" * 40),
    ],
)
def test_safe_name_is_one_component_windows_can_create(name, expected):
    assert safe_name(name) == expected


def test_a_staged_name_that_leaves_the_output_folder_is_refused(tmp_path):
    for name in ("../x.txt", "退回/../../x.txt", "/etc/x", ".~qstat-1/x"):
        with pytest.raises(OutputError), atomic_outputs(tmp_path / "out") as stage:
            stage(name)
    assert list(tmp_path.rglob("*")) == [tmp_path / "out"]


# --- 6. All or nothing ----------------------------------------------------------------------


def test_a_writer_failing_leaves_the_previous_set_and_no_leftovers(inbox, tmp_path, monkeypatch):
    out = tmp_path / "out"
    consolidate(_inbox(inbox), "2024Q3", UNITS, out=out, db=tmp_path / "h.sqlite", workers=1)
    before = _files(out)
    assert "退回/宝丰县_审核意见.docx" in before
    module = importlib.import_module("qstat.consolidate")

    def broken(stage, result, **options):  # the letters are the last writer: fail after the rest is staged
        stage("退回/宝丰县_审核意见.docx").write_bytes(b"half a letter")
        raise RuntimeError("disk full")

    monkeypatch.setattr(module, "write_returns", broken)
    with pytest.raises(RuntimeError):
        consolidate(inbox, "2024Q3", UNITS, out=out, db=tmp_path / "h.sqlite", workers=1)
    assert _files(out) == before
    assert _leftovers(out) == []


def test_a_run_killed_at_any_step_of_the_swap_leaves_the_previous_set_for_the_next_run(
    inbox, tmp_path, monkeypatch
):
    out = tmp_path / "out"
    _inbox(inbox)
    consolidate(inbox, "2024Q3", UNITS, out=out, db=None, workers=1)
    before = _files(out)
    (out / "说明.txt").write_text("the clerk's own file")  # not ours: always kept
    before["说明.txt"] = (out / "说明.txt").read_bytes()
    Clerk("填表单位：宝丰县").all_forms([BAOFENG_FIXED]).save(inbox / "宝丰县.xlsx")
    real_replace = os.replace
    moves = 2 * 3 + 1  # forms, findings, summary.json aside and in, 退回/ aside (now clean)
    for kill_at in range(moves):
        calls: list[str] = []

        def killed(src, dst, kill_at=kill_at, calls=calls):
            if Path(dst).name != outputs.PLAN:
                if len(calls) == kill_at:
                    raise SystemExit("killed")  # what a kill leaves: no roll-back runs
                calls.append(src)
            real_replace(src, dst)

        monkeypatch.setattr(os, "replace", killed)
        monkeypatch.setattr(outputs, "_roll_back", lambda out, work: None)
        with pytest.raises(SystemExit):
            consolidate(inbox, "2024Q3", UNITS, out=out, db=None, workers=1)
        monkeypatch.undo()
        outputs.recover(out)  # what the next run does first
        assert _files(out) == before, kill_at
        assert _leftovers(out) == []
    replaced: list[str] = []

    def counted(src, dst):
        replaced.append(src)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", counted)
    consolidate(inbox, "2024Q3", UNITS, out=out, db=None, workers=1)
    assert len(replaced) == moves + 1  # and plan.json written once
    assert not (out / "退回").exists()  # 宝丰县 is clean now
    assert (out / "说明.txt").exists()


def test_a_stale_letter_goes_when_the_unit_is_clean_or_does_not_report(inbox, tmp_path):
    out = tmp_path / "out"
    consolidate(_inbox(inbox), "2024Q3", UNITS, out=out, db=None, workers=1)
    assert sorted(p.name for p in (out / "退回").iterdir()) == [
        "宝丰县_审核意见.docx",
        "宝丰县_审核标注.xlsx",
    ]
    wrong_rate = f5_row(
        "叶县", (10, 5.0, 3000), (4, 2.0, 1200), (12, 6.0, 3600), (2, 1.0, 600), (2, 1.0, 600), (50, 50), 95
    )
    Clerk("填表单位：叶县").all_forms([wrong_rate]).save(inbox / "叶县.xlsx")  # now 叶县 has an error
    (inbox / "宝丰县.xlsx").unlink()  # and 宝丰县 does not report (未报)
    consolidate(inbox, "2024Q3", UNITS, out=out, db=None, workers=1)
    assert sorted(p.name for p in (out / "退回").iterdir()) == ["叶县_审核意见.docx", "叶县_审核标注.xlsx"]


def test_an_interrupted_runs_leftovers_are_removed_by_the_next_run(inbox, tmp_path):
    out = tmp_path / "out"
    (out / "退回").mkdir(parents=True)
    (out / ".~qstat-123-summary.json").write_text("{}")  # an earlier version's temporaries
    (out / "退回" / ".~qstat-123-叶县_审核意见.docx").write_bytes(b"x")
    (out / ".~qstat-abc" / "new").mkdir(parents=True)  # a work folder killed while writing
    consolidate(_inbox(inbox), "2024Q3", UNITS, out=out, db=None, workers=1)
    assert _leftovers(out) == []
    assert sorted(p.name for p in out.iterdir()) == sorted([FINDINGS, FORMS, "summary.json", "退回"])


def test_an_output_open_in_excel_is_named_exit_2_and_the_previous_set_and_history_stay(
    inbox, tmp_path, monkeypatch, capsys
):
    out, db = tmp_path / "out", tmp_path / "h.sqlite"
    args = [
        "consolidate",
        str(_inbox(inbox)),
        "--period",
        "2024Q3",
        "--out",
        str(out),
        "--db",
        str(db),
        "--quiet",
    ]
    assert main(args) == 1
    before = _files(out)
    recorded = sqlite3.connect(db).execute("SELECT * FROM figures ORDER BY 1, 2, 3, 4").fetchall()
    real_replace = os.replace

    def excel_holds_the_forms(src, dst):
        if Path(src).name == "汇总_2024Q3_汇总表.xlsx" and Path(src).parent == out:
            raise PermissionError(13, "Permission denied", str(src))
        real_replace(src, dst)

    satisfied = f5_row(
        "叶县", (10, 5.0, 3000), (4, 2.0, 1200), (12, 6.0, 3600), (2, 1.0, 600), (2, 1.0, 600), (100, 100), 90
    )
    Clerk("填表单位：叶县").all_forms([satisfied]).save(inbox / "叶县.xlsx")  # not to reach the history
    monkeypatch.setattr(os, "replace", excel_holds_the_forms)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "汇总_2024Q3_汇总表.xlsx" in err and "请关闭Excel/WPS中打开的" in err
    assert "Traceback" not in err
    assert _files(out) == before
    assert _leftovers(out) == []
    assert sqlite3.connect(db).execute("SELECT * FROM figures ORDER BY 1, 2, 3, 4").fetchall() == recorded


def test_a_letter_open_in_excel_is_named_inside_the_returns_folder(tmp_path, monkeypatch):
    out = tmp_path / "out"
    with atomic_outputs(out) as stage:
        stage("退回/叶县_审核意见.docx").write_bytes(b"old")
    real_replace, real_open = os.replace, open

    def busy(src, dst):
        if Path(src) == out / "退回":
            raise PermissionError(13, "Permission denied")
        real_replace(src, dst)

    def excel_open(file, mode="r", *a, **k):  # how Windows answers for a file Excel holds
        if Path(file).name == "叶县_审核意见.docx" and mode == "r+b":
            raise PermissionError(13, "Permission denied")
        return real_open(file, mode, *a, **k)

    monkeypatch.setattr(os, "replace", busy)
    monkeypatch.setattr("builtins.open", excel_open)
    with (
        pytest.raises(outputs.OutputBusy, match="叶县_审核意见.docx"),
        atomic_outputs(out, replaces=["退回"]) as stage,
    ):
        stage("summary.json").write_text("{}")
    monkeypatch.undo()
    assert _files(out) == {"退回/叶县_审核意见.docx": b"old"}


def test_concurrent_runs_into_one_folder_take_turns(tmp_path):
    out = tmp_path / "out"
    inside, release, order = threading.Event(), threading.Event(), []

    def first():
        with atomic_outputs(out) as stage:
            stage("a.txt").write_text("first")
            inside.set()
            release.wait(5)
            order.append("first done")

    thread = threading.Thread(target=first)
    thread.start()
    inside.wait(5)
    second = threading.Thread(target=lambda: _second(out, order))
    second.start()
    second.join(0.5)
    assert second.is_alive() and order == []  # waiting for the lock, not cleaning up the first
    release.set()
    thread.join(5)
    second.join(5)
    assert order == ["first done", "second done"]
    assert (out / "a.txt").read_text() == "second" and _leftovers(out) == []


def _second(out: Path, order: list) -> None:
    with atomic_outputs(out) as stage:
        stage("a.txt").write_text("second")
    order.append("second done")


def test_summary_and_letters_of_one_run_belong_together(inbox, tmp_path):
    out = tmp_path / "out"
    consolidate(_inbox(inbox), "2024Q3", UNITS, out=out, db=None, workers=1)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    with_findings = sorted(s["unit"] for s in summary["submissions"] if s["errors"] or s["warnings"])
    assert with_findings == ["宝丰县"]
    assert sorted(p.name.split("_")[0] for p in (out / "退回").iterdir()) == ["宝丰县", "宝丰县"]


def test_the_history_is_one_transaction_written_after_the_outputs(inbox, tmp_path, monkeypatch, capsys):
    out, db = tmp_path / "out", tmp_path / "h.sqlite"
    args = ["consolidate", str(_inbox(inbox)), "--period", "2024Q3", "--out", str(out), "--db", str(db)]
    assert main([*args, "--quiet"]) == 1
    tables = ("runs", "submissions", "figures")
    recorded = {
        t: sqlite3.connect(db).execute(f"SELECT * FROM {t} ORDER BY 1, 2, 3").fetchall() for t in tables
    }
    Clerk("填表单位：宝丰县").all_forms([BAOFENG_FIXED]).save(inbox / "宝丰县.xlsx")

    def locked(result):  # fails after the period's rows were deleted and some inserted
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(importlib.import_module("qstat.history"), "_detail_counts", locked)
    assert main([*args, "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "database is locked" in err and "输出文件已写出" in err and "Traceback" not in err
    assert not (out / "退回").exists()  # the outputs are this run's: 宝丰县 is clean now
    now = {t: sqlite3.connect(db).execute(f"SELECT * FROM {t} ORDER BY 1, 2, 3").fetchall() for t in tables}
    assert now == recorded


# --- 9. A bad --db --------------------------------------------------------------------------


def test_a_db_in_a_missing_folder_is_refused_before_anything_is_written(inbox, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(
        [
            "consolidate",
            str(_inbox(inbox)),
            "--period",
            "2024Q3",
            "--out",
            str(out),
            "--db",
            str(tmp_path / "nodir" / "x.sqlite"),
            "--quiet",
        ]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "历史数据库所在的文件夹不存在" in err and "nodir" in err and "Traceback" not in err
    assert not out.exists() and not (tmp_path / "nodir").exists()
    with pytest.raises(HistoryError):
        consolidate(inbox, "2024Q3", UNITS, out=out, db=tmp_path / "nodir" / "x.sqlite", workers=1)
    assert not out.exists()


def test_a_db_that_is_not_a_history_is_refused(inbox, tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("not a database")
    code = main(
        [
            "consolidate",
            str(_inbox(inbox)),
            "--period",
            "2024Q3",
            "--out",
            str(tmp_path / "out"),
            "--db",
            str(tmp_path / "notes.txt"),
            "--quiet",
        ]
    )
    assert code == 2
    assert "不是qstat的历史数据库" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_check_with_a_mistyped_db_says_so_instead_of_skipping_the_cross_period_rules(inbox, tmp_path, capsys):
    _inbox(inbox)
    code = main(
        ["check", str(inbox / "叶县.xlsx"), "--period", "2024Q3", "--db", str(tmp_path / "missing.sqlite")]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "历史数据库不存在" in err and "missing.sqlite" in err
    assert not (tmp_path / "missing.sqlite").exists()
