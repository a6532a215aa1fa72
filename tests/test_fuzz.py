"""Fuzz (issue 10): hostile mutants of the sample workbooks never stop a run.

Invariants for every batch of mutants consolidated together: no exception escapes
``consolidate`` or ``check``; every file is in summary.json with a status; nothing is written
or changed outside ``--out`` (the inbox included). QSTAT_FUZZ_CASES sets the number of
mutants (default 240, about a minute), QSTAT_FUZZ_SEED the seed; tests/fuzz/README.md
records the long run.
"""

import hashlib
import json
import os
from pathlib import Path

import pytest
from conftest import CITY
from fuzz.mutate import WRITER_KINDS, ZIP_MUTATIONS, Mutant, archive_mutants, mutants

from qstat import Config, consolidate
from qstat.check import check

CASES = int(os.environ.get("QSTAT_FUZZ_CASES", "240"))
SEED = int(os.environ.get("QSTAT_FUZZ_SEED", "20241010"))
BATCH = 24  # mutants per consolidation
READ_KINDS = frozenset(ZIP_MUTATIONS) - WRITER_KINDS


def tree(root: Path) -> dict[str, str]:
    """Every file under root with the hash of its content."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def consolidate_mutants(
    tmp_path: Path, batch: list[Mutant], config: Config = CITY, archives: bool = False
) -> None:
    """``archives``: the mutants are archives, each listed itself or by its members (NAME/…)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for m in batch:
        (inbox / m.name).write_bytes(m.data)
    out = tmp_path / "a" / "b" / "out"  # deep, so a ../../ name would still land in tmp_path
    before = tree(tmp_path)
    consolidate(inbox, "2024Q3", config, out=out, db=tmp_path / "history.sqlite", workers=2)
    after = tree(tmp_path)
    written = {k for k in after if not k.startswith("a/b/out/") and k != "history.sqlite"}
    assert {k: after[k] for k in written} == before, "written or changed outside --out"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    statuses = {s["file"]: s["status"] for s in summary["submissions"]}
    assert all(statuses.values())
    if archives:
        for m in batch:
            assert any(f == m.name or f.startswith(f"{m.name}/") for f in statuses), m
        assert all(any(f == m.name or f.startswith(f"{m.name}/") for m in batch) for f in statuses)
        return
    assert set(statuses) == {m.name for m in batch}
    results = check([inbox / m.name for m in batch], config=config)
    assert [sub.file for sub, _ in results] == [m.name for m in batch]


@pytest.mark.parametrize("batch", range(max(1, CASES // BATCH)))
def test_no_mutant_stops_a_run(tmp_path, batch):
    consolidate_mutants(tmp_path, list(mutants(SEED + batch, BATCH, READ_KINDS)))


@pytest.mark.parametrize("batch", range(max(1, CASES // BATCH // 4)))
def test_no_archive_mutant_stops_a_run(tmp_path, batch):
    """Archives with hostile member names (GBK, ../, absolute, long), nesting and truncation."""
    consolidate_mutants(tmp_path, list(archive_mutants(SEED + batch, BATCH // 2)), archives=True)


@pytest.mark.parametrize("kind", sorted(WRITER_KINDS))
def test_control_characters_and_hostile_unit_names_reach_the_writers_safely(tmp_path, kind):
    """Without a configuration, the 填表单位 text names the unit and its output files."""
    consolidate_mutants(tmp_path, list(mutants(SEED, BATCH, frozenset({kind}))), Config())
