"""The CLI parses, calls the library, prints a short summary and sets the exit status."""

from pathlib import Path

from messy import Clerk, f5_row
from test_consolidate import city_inbox

from qstat.cli import main

SAMPLES = Path(__file__).parents[1] / "sample_workbooks"


def test_a_clean_inbox_exits_0_and_prints_the_summary(inbox, tmp_path, capsys):
    Clerk("填表单位：叶县").all_forms([f5_row("叶县", (1, 0.5, 100), in_progress=(1, 0.5, 100))]).save(
        inbox / "叶县.xlsx")
    (tmp_path / "q.toml").write_text('name = "平顶山市"\nunits = ["叶县"]\n', encoding="utf-8")
    code = main(["consolidate", str(inbox), "--period", "2024Q3", "--config", str(tmp_path / "q.toml"),
                 "--out", str(tmp_path / "out"), "--db", str(tmp_path / "h.sqlite")])
    out = capsys.readouterr().out
    assert code == 0
    assert "文件 1 个" in out and "错误 0 条" in out and "summary.json" in out


def test_errors_exit_1_and_list_missing_units(inbox, tmp_path, capsys):
    city_inbox(inbox)
    (inbox / "坏.xlsx").write_bytes(b"PK\x03\x04broken")
    code = main(["consolidate", str(inbox), "--period", "2024Q3", "--config",
                 str(SAMPLES / "qstat.toml"), "--out", str(tmp_path / "out"),
                 "--db", str(tmp_path / "h.sqlite")])
    assert code == 1
    assert "未报单位：新华区、鲁山县" in capsys.readouterr().out


def test_bad_usage_and_nothing_readable_exit_2(inbox, tmp_path):
    assert main(["consolidate", str(inbox), "--period", "2024Q5"]) == 2
    assert main(["consolidate", str(tmp_path / "nowhere"), "--period", "2024Q3"]) == 2
    (inbox / "说明.txt").write_text("x")
    assert main(["consolidate", str(inbox), "--period", "2024Q3", "--out", str(tmp_path / "o"),
                 "--db", str(tmp_path / "h.sqlite")]) == 2
