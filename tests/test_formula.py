"""Recomputed formulas: the simple ones evaluated without the formula library, the rest by it."""

import sys

from qstat.formula import evaluate_all
from qstat.read import Sheet

SHEETS = {
    "附表5": Sheet("附表5", [[1, 2.5, ""], [4, 5, "文本"]], []),
    "附表6": Sheet("附表6", [[10, 20]], []),
}


def results(*formulas):
    pending = {("附表5", 10 + i, 0): f for i, f in enumerate(formulas)}
    return [value_error for value_error in evaluate_all(pending, SHEETS).values()]


def test_sums_arithmetic_round_and_references():
    assert results(
        "=SUM(A1:C1)",  # 1 + 2.5 + empty
        "=sum(a1:b2)+'附表6'!B1",  # 12.5 + 20
        "=A1+B1*A2-B2/2",  # 1 + 10 - 2.5
        "=-(A1+B1)*2",
        "=ROUND(2.675,2)",  # halves away from zero, as Excel (Python's round gives 2.67)
        "=ROUND(-2.5,0)",
        "=A11+1",  # the first formula's result: 3.5 + 1
        '=IF(C1=0,"",ROUND(A2/C1*100,1))',  # C1 empty: the division is never made
        "=IF(B1>=2.5,B2,A2)",
        "=SUM(C2:C2)+SUM(C2)+SUM(A2:C2)",  # SUM leaves out text ("文本"), as Excel: 0 + 0 + (4 + 5)
    ) == [
        (3.5, None),
        (32.5, None),
        (8.5, None),
        (-7.0, None),
        (2.68, None),
        (-3.0, None),
        (4.5, None),
        ("", None),
        (5.0, None),
        (9.0, None),
    ]


def test_anything_else_goes_to_the_formula_library():
    assert results("=C2+1", "=A1/0", "=MAX(A1:B2)", "=A14") == [
        (None, "#VALUE!"),  # text in arithmetic
        (None, "#DIV/0!"),
        (5.0, None),
        (None, "循环引用"),  # itself
    ]


def test_simple_formulas_do_not_load_the_formula_library():
    loaded = "formulas" in sys.modules
    results("=SUM(A1:B2)", "=ROUND(A1*B1,1)", '=IF(A2=0,"",B2/A2)')
    assert loaded or "formulas" not in sys.modules
