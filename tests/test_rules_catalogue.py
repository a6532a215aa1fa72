"""The rule catalogue is complete and its generated documentation is current."""

import re
from pathlib import Path

from qstat.rules import RULES, markdown

ROOT = Path(__file__).parents[1]


def test_docs_rules_md_is_generated_from_the_catalogue():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == markdown()


# The catalogue of FORMS.md, code by severity (E error, W warning, I info).
FORMS_MD = {
    "E": "IN001 IN003 IN004 IN006 ST001 ST002 ST003 ST004 ST005 F5-001 F5-002 F5-003 F5-006 "
    "F5-007 F6-001 F6-002 F6-003 F6-004 F7-001 F7-002 F7-003 F7-004 F7-005 F3-001 F3-002 "
    "F3-004 F4-001 F4-002 F4-003 F4-004 F4-005 F1-001 F2-001 F1-002 F1-004 F2-003 SC001 "
    "SC002 SC003 SC004 SC005 SC008",
    "W": "IN005 IN007 IN008 ST006 F5-004 F5-005 F5-008 F3-003 F4-006 F1-003 F2-002 SC006",
    "I": "IN002 SC007",
}
SEVERITY = {"E": "error", "W": "warning", "I": "info"}


def test_every_code_of_forms_md_is_registered_with_its_severity_and_a_doc():
    want = {code: SEVERITY[s] for s, codes in FORMS_MD.items() for code in codes.split()}
    have = {code: RULES[code].severity for code in want if code in RULES}
    assert sorted(set(want) - set(RULES)) == []
    assert have == want
    assert all(
        r.doc and r.title and r.fix and r.severity in ("error", "warning", "info") for r in RULES.values()
    )


def test_every_registered_rule_is_triggered_by_some_test():
    tests = "".join(
        p.read_text(encoding="utf-8")
        for p in (ROOT / "tests").glob("test_*.py")
        if p.name != Path(__file__).name
    )
    untested = [code for code in RULES if not re.search(rf'"{code}"', tests)]
    assert not untested
