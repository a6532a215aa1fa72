"""The rule catalogue is complete and its generated documentation is current."""

import re
from pathlib import Path

from qstat.rules import RULES, markdown

ROOT = Path(__file__).parents[1]


def test_docs_rules_md_is_generated_from_the_catalogue():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == markdown()


def test_every_intake_and_structure_code_of_forms_md_is_registered_with_a_doc():
    expected = {f"IN00{i}" for i in range(1, 9)} | {f"ST00{i}" for i in range(1, 7)}
    assert expected <= set(RULES)
    assert all(r.doc and r.title and r.severity in ("error", "warning", "info")
               for r in RULES.values())


def test_every_registered_rule_is_triggered_by_some_test():
    tests = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py")
                    if p.name != Path(__file__).name)
    untested = [code for code in RULES if not re.search(rf'"{code}"', tests)]
    assert not untested
