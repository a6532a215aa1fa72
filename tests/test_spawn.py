"""Clerks run Windows, where worker processes are spawned, not forked: a spawned worker
imports qstat afresh and receives its work pickled. The consolidation and the checks must
give the same results under spawn as in one process."""

import multiprocessing
import os
import shutil
from pathlib import Path

import pytest

from qstat import Config, consolidate
from qstat.check import check
from qstat.cli import main
from qstat.rules import Status

SAMPLES = Path(__file__).parent.parent / "sample_workbooks"


@pytest.fixture
def spawn():
    """Every process pool of the test starts its workers with the spawn method."""
    previous = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method("spawn", force=True)
    yield
    multiprocessing.set_start_method(previous, force=True)


def outcome(result) -> tuple:
    summary = result.summary()
    return (
        [(s["file"], s["status"], s["errors"], s["warnings"]) for s in summary["submissions"]],
        [(f["file"], f["rule"], f["cell"]) for f in summary["findings"]],
        summary["totals"],
    )


def test_a_consolidation_in_spawned_workers_equals_one_in_process(spawn, tmp_path):
    config = Config.load(SAMPLES / "qstat.toml")
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLES / "2024Q3", inbox)
    spawned = consolidate(inbox, "2024Q3", config, out=tmp_path / "a", db=None, workers=2)
    alone = consolidate(inbox, "2024Q3", config, out=tmp_path / "b", db=None, workers=1)
    assert outcome(spawned) == outcome(alone)
    assert spawned.tally.files[Status.OK] + spawned.tally.files[Status.ERRORS] >= 10


def test_check_in_a_spawned_worker(spawn):
    [(sub, period)] = check([SAMPLES / "2024Q3" / "宝丰县.xlsx"], "2024Q3", SAMPLES / "qstat.toml")
    assert str(period) == "2024Q3" and sub.unit == "宝丰县"
    assert any(f.rule == "F5-002" for f in sub.findings)


def test_the_check_command_prints_the_same_without_fork(spawn, monkeypatch, capsys):
    """Where processes fork, `qstat check` reads every file in one child forked before its
    imports (cli._check); without fork (Windows) this process checks, each file in a spawned
    worker: the same words, the same exit status."""
    files = [SAMPLES / "2024Q3" / name for name in ("宝丰县.xlsx", "~$宝丰县.xlsx", "叶县.xlsx")]
    argv = ["check", *map(str, files), "--config", str(SAMPLES / "qstat.toml")]
    forked = main(argv), capsys.readouterr()
    monkeypatch.delattr(os, "fork")
    alone = main(argv), capsys.readouterr()
    assert forked == alone
    code, printed = forked
    files_said = [line.partition("（")[0] for line in printed.out.splitlines() if not line.startswith(" ")]
    assert (code, files_said, printed.err) == (1, [f.name for f in files], "")
