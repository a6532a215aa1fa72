import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from qstat import Config, consolidate  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
CITY = Config(
    name="平顶山市",
    level="city",
    units=[
        "叶县",
        "舞钢市",
        "湛河区",
        "新华区",
        "鲁山县",
        "宝丰县",
        "石龙区",
        "示范区",
        "汝州市",
        "郏县",
        "卫东区",
        "高新区",
    ],
    aliases={"平顶山市新华区": "新华区"},
)
THREE_UNITS = Config(name="平顶山市", units=["叶县", "舞钢市", "湛河区"])  # the report tests' city


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    path = tmp_path / "inbox"
    path.mkdir()
    return path


@pytest.fixture
def run(tmp_path: Path):
    """Consolidate an inbox into tmp_path/out with the 平顶山市 configuration."""

    def _run(inbox: Path, period: str = "2024Q3", config: Config = CITY, **options):
        options.setdefault("db", tmp_path / "history.sqlite")
        options.setdefault("workers", 1)
        return consolidate(inbox, period, config, out=tmp_path / "out", **options)

    return _run


def codes(result, rule: str) -> list:
    """The findings of one rule."""
    return [f for f in result.findings if f.rule == rule]


def one_finding(found, rule: str):
    """The single finding of one rule, asserting there is exactly one.

    ``found`` is a Result, a file's stage value (model.Examined) or a list of findings.
    """
    findings = getattr(found, "findings", found)
    hits = [f for f in findings if f.rule == rule]
    assert len(hits) == 1, [(f.rule, f.sheet, f.cell, f.message) for f in findings]
    return hits[0]


def copy_history(db: Path, directory: Path) -> Path:
    """A private copy of a module-scoped history database, for a test that writes to it."""
    copy = directory / "history_copy.sqlite"
    with sqlite3.connect(db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    source.close()
    target.close()
    return copy


def cli_consolidate(inbox: Path, config: Path, tmp_path: Path, period: str = "2024Q3") -> int:
    """``qstat consolidate`` as a clerk types it: outputs in tmp_path/out, history tmp_path/h.sqlite."""
    from qstat.cli import main

    args = ["consolidate", str(inbox), "--period", period, "--config", str(config)]
    return main([*args, "--out", str(tmp_path / "out"), "--db", str(tmp_path / "h.sqlite")])
