"""The import graph of qstat/: no circle, the stages of the pipeline import earlier stages only
(at most one import runs back up), and the model imports no stage; what `qstat check` loads.

The graph is read from the source with ``ast``: every import, those inside functions and under
``TYPE_CHECKING`` too (a circle hidden in a function is still a circle for the reader).
"""

from __future__ import annotations

import ast
import dataclasses
import graphlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from qstat.decided import Decided
from qstat.model import Examined, Opened, carried

ROOT = Path(__file__).resolve().parent.parent
QSTAT = ROOT / "qstat"

# The pipeline, intake → read → locate → parse → validate → consolidate → write: each module of
# a stage (a module, or a package and everything under it) with the stage's place. The runs'
# conductors (consolidate.py, examine.py in the worker, check.py, cli.py, serve/, scores/
# __init__.py) call every stage in turn and are no stage; nor are the shared values and specs
# (model, decided, findings, rules, forms/, config, periods, write/safe.py's safe names) and the
# history.
STAGES = {
    "qstat.intake": 0,
    "qstat.read": 1,
    "qstat.archive": 1,  # reads the members of an archive
    "qstat.formula": 1,  # recomputes the formulas read without a value
    "qstat.unit_report": 1,  # reads a unit's analysis report
    "qstat.locate": 2,
    "qstat.opening": 2,  # the front end: read, then locate
    "qstat.parse": 3,
    "qstat.scores.sheet": 3,  # parses a self-score sheet
    "qstat.validate": 4,
    "qstat.revision": 5,  # the files decided: what a resubmission revised
    "qstat.result": 5,
    "qstat.scores.rank": 5,
    "qstat.write": 6,  # every output: forms, findings, returns, report/, template, ranking
}
NO_STAGE = {"qstat.write.safe"}  # safe names and text, for the inbox's members and the history too
# The one import that runs back up: reading a unit's analysis report splits it by the sections
# the office's report has (write/report/narrative.py holds their words once).
BACK_UP = {("qstat.unit_report", "qstat.write.report.narrative")}


def module_files() -> dict[str, Path]:
    files = {}
    for path in QSTAT.rglob("*.py"):
        parts = ["qstat", *path.relative_to(QSTAT).with_suffix("").parts]
        files[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return files


def import_graph() -> dict[str, set[str]]:
    """Module → the qstat modules it imports (``from .x import y`` counts x, and x.y when y is
    a module)."""
    files = module_files()
    graph: dict[str, set[str]] = {}
    for module, path in files.items():
        package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
                names = [base] + [f"{base}.{a.name}" for a in node.names]
            else:
                continue
            for name in names:
                while name and name not in files:
                    name = name.rpartition(".")[0]
                if name and name != module:
                    found.add(name)
        graph[module] = found
    return graph


def stage(module: str) -> int | None:
    if module in NO_STAGE:
        return None
    places = [place for name, place in STAGES.items() if module == name or module.startswith(name + ".")]
    return places[-1] if places else None


def test_the_graph_is_read():
    graph = import_graph()
    assert "qstat.decided" in graph["qstat.result"]
    assert "qstat.opening" in graph["qstat.examine"]
    assert "qstat.validate" in graph["qstat.examine"]


def test_no_import_circle_in_qstat():
    try:
        tuple(graphlib.TopologicalSorter(import_graph()).static_order())
    except graphlib.CycleError as e:
        pytest.fail(f"import circle: {' → '.join(e.args[1])}")


def test_a_stage_imports_earlier_stages_only_but_for_one():
    back_up = {
        (module, imported)
        for module, imports in import_graph().items()
        for imported in imports
        if (mine := stage(module)) is not None and (theirs := stage(imported)) is not None and theirs > mine
    }
    assert back_up <= BACK_UP, sorted(back_up - BACK_UP)
    assert len(BACK_UP) <= 1


@pytest.mark.parametrize("values", ["qstat.model", "qstat.decided"])
def test_the_model_imports_no_stage(values):
    """model.py holds the values every stage hands on, decided.py those of the files decided: each
    can be imported from anywhere."""
    conductors = {"qstat.consolidate", "qstat.examine", "qstat.check", "qstat.cli", "qstat.history"}
    imports = import_graph()[values]
    assert not [m for m in imports if stage(m) is not None or m in conductors]


def test_the_stage_values_are_frozen():
    """A stage builds its value once; the next stage builds its own from it."""
    opened = Opened(file="叶县.xlsx", path=Path("叶县.xlsx"), unit="叶县")
    examined = Examined(**carried(opened), forms=("F5",))
    decided = Decided(**carried(examined, status="superseded"), included=False)
    for value in (opened, examined, decided):
        with pytest.raises(dataclasses.FrozenInstanceError):
            value.unit = "舞钢市"  # type: ignore[misc]
    assert (decided.file, decided.unit, decided.forms, decided.status) == (
        "叶县.xlsx",
        "叶县",
        ("F5",),
        "superseded",
    )


# What only a consolidation, `qstat scores`, the report or the history needs. `qstat check` of one
# workbook loads none of it (issue 24: it starts in a fraction of a second), neither in the
# command's process nor in the child forked to read the file.
NOT_FOR_CHECK = (
    "qstat.decided",  # Decided, Duplicate, ListedRecords, Revision, StoredSnapshot
    "qstat.scores.rank",  # UnitScore, Ranking
    "qstat.revision",
    "qstat.history",
    "qstat.past",
    "qstat.consolidate",
    "qstat.result",
    "qstat.write",
    "concurrent.futures",  # the files are read in a forked child, no pool
    "sqlite3",
    "xlsxwriter",
    "openpyxl",
    "docx",
    "qstat.formula",  # examine, read: only for reading findings (formulas saved without values, far cells)
    "decimal",  # formula.py's ROUND, for a workbook whose formulas were saved without values
    "qstat.template_mark",  # read, examine: only for a workbook with custom document properties
    "xml.etree",  # read.py finds the sheet names with expat
    "html",  # read.py: a template mark, formulas saved without values
    "hashlib",  # the file's hash keys a consolidation's spool and history (opening.open_file)
)
# Where processes fork, the command's own process only parses its arguments and forks the child
# that checks (cli._check): the checking modules are loaded in that child alone.
COMMAND_LOADS = {"qstat", "qstat.lazy", "qstat.cli", "qstat.forked"}
CHECK_LOADS = """
import sys
from pathlib import Path
from qstat.cli import main

book, config = sys.argv[1:]
main(["check", book, "--config", config])  # the command's own process: the file is read in a child
print("command:", *sys.modules)
from qstat.config import Config
from qstat.examine import examine

examine(Path(book), Path(book).name, None, Config.load(config))  # what that child loads
print("modules:", *sys.modules)
"""


def test_check_loads_nothing_only_a_consolidation_needs():
    samples = ROOT / "sample_workbooks"
    book, config = samples / "2024Q3" / "宝丰县.xlsx", samples / "qstat.toml"
    run = subprocess.run(
        [sys.executable, "-c", CHECK_LOADS, str(book), str(config)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        check=True,
    )
    assert "宝丰县.xlsx（宝丰县，2024年第三季度）" in run.stdout  # the check ran
    command, _, modules = run.stdout.rpartition("command:")[2].partition("modules:")
    if hasattr(os, "fork"):
        assert {m for m in command.split() if m.startswith("qstat")} == COMMAND_LOADS
    loaded = modules.split()
    assert "qstat.validate" in loaded
    assert not [m for m in loaded for n in NOT_FOR_CHECK if m == n or m.startswith(n + ".")]
