"""The rule catalogue is complete, every code is declared by the module that emits it and has
a fixture, and its generated documentation is current."""

import ast
from pathlib import Path
from string import Formatter

import pytest
from test_rule_fixtures import FIXTURES

from qstat.findings import Emits
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


def declarations() -> dict[str, set[str]]:
    """The codes each module of qstat/ declares (``EMITS = Emits("F5-001", …)``), read from its
    source: the string literals of the call."""
    declared = {}
    for path in sorted((ROOT / "qstat").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Assign)
                and [getattr(t, "id", None) for t in node.targets] == ["EMITS"]
                and getattr(getattr(node.value, "func", None), "id", None) == "Emits"
            ):
                codes = {str(n.value) for n in ast.walk(node.value) if isinstance(n, ast.Constant)}
                declared[str(path.relative_to(ROOT))] = codes
    return declared


def test_the_declared_codes_together_are_the_catalogue():
    """Every code is declared by some module, and no module declares a code the catalogue
    lacks (Emits refuses one at import too). A module emitting a code it did not declare fails
    at the emit: Emits.finding refuses it, so that code's fixture cannot pass."""
    declared = declarations()
    assert set().union(*declared.values()) == set(RULES)


def test_findings_are_made_only_through_a_declaration():
    """No module of qstat/ builds a Finding itself: every one comes from ``EMITS.finding``."""
    builders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "qstat").rglob("*.py")
        if path.name != "findings.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Finding"
    ]
    assert builders == []


def test_a_code_its_module_did_not_declare_is_refused():
    emits = Emits("F5-003")
    assert emits.finding("F5-003", None, "", sheet_name="附表5", who="", rate="105").message == (
        "附表5用户满意率填报为105%，应在0～100%之间"
    )
    with pytest.raises(KeyError, match="F5-004"):
        emits.finding("F5-004")


def test_a_message_takes_exactly_its_templates_parameters():
    with pytest.raises(TypeError, match="rate"):
        RULES["F5-003"].text(sheet_name="附表5", who="")  # rate forgotten
    with pytest.raises(TypeError, match="extra"):
        RULES["F5-003"].text(sheet_name="附表5", who="", rate="105", extra=1)


def test_every_template_names_its_parameters():
    for rule in RULES.values():
        for template in (rule.message, *rule.variants.values()):
            fields = [name for _, name, _, _ in Formatter().parse(template) if name is not None]
            assert all(name.isidentifier() for name in fields), (rule.code, template)


def test_every_code_has_a_fixture():
    """tests/test_rule_fixtures.py triggers each code from an input of its own."""
    assert sorted(set(RULES) - set(FIXTURES)) == [] and sorted(set(FIXTURES) - set(RULES)) == []
