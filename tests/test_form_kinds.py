"""A form's kind is asked of its declaration (qstat/forms/spec.py, qstat/forms/f*.py), never by
testing its code or kind elsewhere: adding a form, or changing what one is, edits one place.

The expected answers are the seed's (附表1-7, /work/shared/FORMS.md), written out by hand.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from qstat.forms import CONDUCT, FORMS, LIST_FORMS

QSTAT = Path(__file__).resolve().parent.parent / "qstat"
# Still testing a code: the rules that exist for one form only (validate/, and their formula
# twins in the template, registered with their rule by issue 22.1), and 附表1's party counts.
ONE_FORM_RULES = {"validate", "write/template.py", "examine.py"}


def test_the_forms_answer_the_pipelines_questions():
    """附表1-4 are lists, 附表5/7 one row per unit, 附表6 one row per category; 附表7 is the
    year's; 附表3 is the stock of projects carried on; 附表1/2 are the conduct records; the
    blank template offers 20, 20, 60 and 40 list rows."""
    assert LIST_FORMS == ("F1", "F2", "F3", "F4")
    assert [c for c, s in FORMS.items() if s.unit_rows] == ["F5", "F7"]
    assert [c for c, s in FORMS.items() if s.category_rows] == ["F6"]
    assert [c for c, s in FORMS.items() if s.annual] == ["F7"]
    assert [c for c, s in FORMS.items() if s.stock] == ["F3"]
    assert CONDUCT == {"F1": "bad_behaviour", "F2": "penalties"}
    blank = {c: s.blank_rows for c, s in FORMS.items() if s.is_list}
    assert blank == {"F1": 20, "F2": 20, "F3": 60, "F4": 40}


def _is_code(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and re.fullmatch(r"F[1-9]", node.value) is not None
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return bool(node.elts) and all(map(_is_code, node.elts))
    return False


def _is_kind(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == "FormKind"


def test_no_module_branches_on_a_forms_kind_or_code():
    """A comparison with FormKind.X or a form code ("F5", ("F1", "F2")) outside the forms'
    declarations is a second place deciding what a form is."""
    found = []
    for path in sorted(QSTAT.rglob("*.py")):
        rel = path.relative_to(QSTAT).as_posix()
        if rel.startswith("forms/") or rel in ONE_FORM_RULES or rel.split("/")[0] in ONE_FORM_RULES:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and any(
                _is_code(side) or _is_kind(side) for side in (node.left, *node.comparators)
            ):
                found.append(f"{rel}:{node.lineno}: {ast.unparse(node)}")
    assert found == []
