"""The CLI parses, calls the library, prints a short summary and sets the exit status."""

from datetime import date
from pathlib import Path

from conftest import cli_consolidate
from messy import Clerk, city_inbox, f5_row

from qstat.check import check
from qstat.cli import main
from qstat.periods import last_quarter_before

ROW_Q = f5_row("叶县", (1, 0.5, 100), in_progress=(1, 0.5, 100))

SAMPLES = Path(__file__).parents[1] / "sample_workbooks"


def test_a_clean_inbox_exits_0_and_prints_the_summary(inbox, tmp_path, capsys):
    Clerk("填表单位：叶县").all_forms([f5_row("叶县", (1, 0.5, 100), in_progress=(1, 0.5, 100))]).save(
        inbox / "叶县.xlsx"
    )
    (tmp_path / "q.toml").write_text('name = "平顶山市"\nunits = ["叶县"]\n', encoding="utf-8")
    code = cli_consolidate(inbox, tmp_path / "q.toml", tmp_path)
    out = capsys.readouterr().out
    assert code == 0
    assert "文件 1 个" in out and "错误 0 条" in out and "summary.json" in out


def test_errors_exit_1_and_list_missing_units(inbox, tmp_path, capsys):
    city_inbox(inbox)
    (inbox / "坏.xlsx").write_bytes(b"PK\x03\x04broken")
    code = main(
        [
            "consolidate",
            str(inbox),
            "--period",
            "2024Q3",
            "--config",
            str(SAMPLES / "qstat.toml"),
            "--out",
            str(tmp_path / "out"),
            "--db",
            str(tmp_path / "h.sqlite"),
        ]
    )
    assert code == 1
    assert "未报单位：新华区、鲁山县" in capsys.readouterr().out


def test_bad_usage_and_nothing_readable_exit_2(inbox, tmp_path):
    assert main(["consolidate", str(inbox), "--period", "2024Q5"]) == 2
    assert main(["consolidate", str(tmp_path / "nowhere"), "--period", "2024Q3"]) == 2
    (inbox / "说明.txt").write_text("x")
    assert (
        main(
            [
                "consolidate",
                str(inbox),
                "--period",
                "2024Q3",
                "--out",
                str(tmp_path / "o"),
                "--db",
                str(tmp_path / "h.sqlite"),
            ]
        )
        == 2
    )


def test_check_prints_each_finding_with_its_cell_and_exits_1_on_errors(inbox, capsys):
    row = f5_row("叶县", (1, 0.5, 100), in_progress=(1, 0.5, 100), satisfaction=105)
    path = (
        Clerk("填表单位：叶县住房和城乡建设局")
        .all_forms([row], period_line="2024年第三季度")
        .save(inbox / "叶县.xlsx")
    )
    before = path.read_bytes()
    code = main(["check", str(path)])
    out = capsys.readouterr().out
    assert code == 1
    assert "叶县.xlsx（叶县，2024年第三季度）：有错误，错误 1 条" in out
    assert "错误 F5-003 附表5!S7" in out
    assert path.read_bytes() == before  # the unit's file is never touched


def test_check_of_a_clean_file_exits_0_and_ignores_lock_files(inbox, capsys):
    path = (
        Clerk("填表单位：叶县")
        .all_forms([f5_row("叶县", (1, 0.5, 100), in_progress=(1, 0.5, 100))])
        .save(inbox / "叶县.xlsx")
    )
    (inbox / "~$叶县.xlsx").write_bytes(b"lock")
    assert main(["check", str(path), str(inbox / "~$叶县.xlsx"), "--period", "2024Q3"]) == 0
    out = capsys.readouterr().out
    assert "已报，错误 0 条，警告 0 条" in out and "IN002" in out


def test_check_names_an_unreadable_file_by_its_name_as_the_consolidation_does(inbox, capsys):
    broken = inbox / "叶县2025年二季度统计报表.xlsx"
    broken.write_bytes(b"PK\x03\x04broken")
    code = main(["check", str(broken), "--config", str(SAMPLES / "qstat.toml")])
    out = capsys.readouterr().out
    assert code == 1
    assert "（叶县）：无法读取" in out and "IN001" in out


def test_check_with_the_history_runs_the_cross_period_rules(inbox, tmp_path, capsys):
    quarter2 = tmp_path / "q2"
    Clerk("填表单位：叶县").all_forms(
        [f5_row("叶县", (1, 0.5, 100), in_progress=(2, 0.9, 150))], completed_on=date(2024, 5, 5)
    ).save(quarter2 / "叶县.xlsx")
    main(
        [
            "consolidate",
            str(quarter2),
            "--period",
            "2024Q2",
            "--db",
            str(tmp_path / "h.sqlite"),
            "--out",
            str(tmp_path / "out2"),
            "--quiet",
        ]
    )
    path = (
        Clerk("填表单位：叶县")
        .all_forms([f5_row("叶县", (1, 0.5, 100), in_progress=(1, 0.5, 100))])
        .save(inbox / "叶县.xlsx")
    )
    capsys.readouterr()
    assert main(["check", str(path), "--period", "2024Q3", "--db", str(tmp_path / "h.sqlite")]) == 1
    assert "F5-006 附表5!B6" in capsys.readouterr().out


def test_the_checked_period_is_the_stated_one_else_the_quarter_before_the_report_date(inbox):
    stated = Clerk().all_forms([ROW_Q], period_line="2024年第二季度").save(inbox / "a.xlsx")
    dated = Clerk().all_forms([ROW_Q], footer="报送日期：2025年1月6日").save(inbox / "b.xlsx")
    assert [str(period) for _, period in check([stated, dated])] == ["2024Q2", "2024Q4"]
    assert str(last_quarter_before(date(2026, 11, 21))) == "2026Q3"  # no date at all: today
    assert str(last_quarter_before(date(2026, 2, 1))) == "2025Q4"
