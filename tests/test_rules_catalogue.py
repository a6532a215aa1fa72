"""The rule catalogue is complete and its generated documentation is current."""

import ast
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


# A shared test helper that asserts the finding it is given exists (tests/conftest.py).
ASSERTING_HELPERS = {"one_finding"}
EMPTY = (ast.List, ast.Tuple, ast.Set, ast.Dict)


def _negates(node: ast.AST) -> bool:
    """``not …``, ``… not in …``, ``… != …`` or a comparison with an empty value (``== []``, ``== 0``)."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return True
    if isinstance(node, ast.Compare):
        sides = [node.left, *node.comparators]
        return any(isinstance(op, (ast.NotIn, ast.NotEq)) for op in node.ops) or any(
            (isinstance(side, EMPTY) and not getattr(side, "elts", getattr(side, "keys", None)))
            or (isinstance(side, ast.Constant) and side.value in (0, None, False))
            for side in sides
        )
    return False


def asserted_codes(source: str) -> set[str]:
    """The string literals a test module positively asserts as findings.

    A literal counts when it lies inside the test of an ``assert`` statement with no negation
    (see ``_negates``) between it and the ``assert``, or when it is an argument of a call of an
    asserting helper (``one_finding(result, "F5-002")``). A mere mention (a parametrize list, a
    hand-built Finding, ``codes(…)`` assigned and never asserted) does not count.
    """
    found: set[str] = set()

    def visit(node: ast.AST, in_assert: bool) -> None:
        if isinstance(node, ast.Assert):
            in_assert = True
        elif _negates(node):
            in_assert = False
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ASSERTING_HELPERS:
            found.update(
                a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
            )
        if in_assert and isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.add(node.value)
        for child in ast.iter_child_nodes(node):
            visit(child, in_assert)

    visit(ast.parse(source), False)
    return found


def test_the_criterion_counts_assertions_not_mentions():
    source = """
@pytest.mark.parametrize("rule", ["A1"])
def test(result):
    hand_made = Finding("A2", "问题")
    unused = codes(result, "A3")
    assert not codes(result, "A4")
    assert "A5" not in rules and rules != ["A6"] and found(result, "A7") == []
    assert codes(result, "B1") and [f.cell for f in codes(result, "B2")] == ["C6"]
    assert rules == ["B3"]
    f = one_finding(result, "B4")
"""
    assert asserted_codes(source) & {f"{c}{n}" for c in "AB" for n in range(1, 8)} == {"B1", "B2", "B3", "B4"}


def test_every_registered_rule_is_asserted_by_some_test():
    asserted = set().union(
        *(
            asserted_codes(p.read_text(encoding="utf-8"))
            for p in (ROOT / "tests").glob("test_*.py")
            if p.name != Path(__file__).name
        )
    )
    assert [code for code in RULES if code not in asserted] == []
