"""The forms workbook's lists are written while the other workbooks are still being read
(issue 24): files are read in the order of the unit their name gives, each unit's 附表1-4 rows
go in once no file still to read can change them. Whatever the order the files came in, the
workbook must be the one written after the fact: the units in the configured order, 序号 from 1.
"""

import zipfile
from datetime import date

import openpyxl
import pytest
from messy import F3_ROWS, WU, YE, ZH, Clerk

TODAY = date(2024, 10, 8)


def list_rows(path, sheet: str) -> list[tuple]:
    """(序号, 填报单位) of each data row of a list form (序号 a number; title and header rows text)."""
    ws = openpyxl.load_workbook(path, read_only=True)[sheet]
    return [(row[0], row[1]) for row in ws.iter_rows(values_only=True) if isinstance(row[0], int)]


def members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


@pytest.mark.parametrize("workers", [1, 2])
def test_a_file_named_for_a_later_unit_still_puts_its_rows_in_unit_order(inbox, run, tmp_path, workers):
    """叶县's workbook saved as 郏县.xlsx is read last (郏县 is 10th of the 12 units), after
    叶县 (1st, no file by its name) was written without rows: the workbook is written again.

    附表3 (the province round trip in test_consolidate.py): 叶县 12 rows, 舞钢市 6, 湛河区 5,
    so 序号 1-12 叶县, 13-18 舞钢市, 19-23 湛河区.
    """
    named = tmp_path / "named"  # the same workbooks under their units' names
    named.mkdir()
    for folder, ye in ((inbox, "郏县.xlsx"), (named, "叶县.xlsx")):
        Clerk("填表单位（公章）：叶县住建局").all_forms([YE]).save(folder / ye)
        Clerk("填表单位（公章）：舞钢市").all_forms([WU]).save(folder / "舞钢市.xlsx")
        clerk = Clerk("填表单位（公章）：湛河区").all_forms([ZH])
        clerk.detail(3, F3_ROWS)
        clerk.save(folder / "湛河区.xlsx")

    result = run(inbox, workers=workers, today=TODAY, db=None)
    forms = members(result.outputs["forms"])
    in_order = members(run(named, workers=workers, today=TODAY, db=None).outputs["forms"])

    units = ["叶县"] * 12 + ["舞钢市"] * 6 + ["湛河区"] * 5
    assert list_rows(result.outputs["forms"], "附表3") == list(zip(range(1, 24), units))
    assert forms == in_order


def test_a_newer_version_read_after_the_older_one_is_the_one_listed(inbox, run, tmp_path):
    """叶县.xlsx and 叶县(修改).xlsx are both named for 叶县, so both are read before 叶县's rows
    go in: the revision's 附表3 (湛河区's five rows, under 叶县's name line) is listed, 序号 1-5,
    then 舞钢市's 6 (序号 6-11)."""
    Clerk("填表单位（公章）：叶县住建局").all_forms([YE]).save(inbox / "叶县.xlsx")
    clerk = Clerk("填表单位（公章）：叶县住建局").all_forms([YE])
    clerk.detail(3, F3_ROWS)
    clerk.save(inbox / "叶县(修改).xlsx")
    Clerk("填表单位（公章）：舞钢市").all_forms([WU]).save(inbox / "舞钢市.xlsx")

    result = run(inbox, today=TODAY)

    rows = list_rows(result.outputs["forms"], "附表3")
    assert rows == list(zip(range(1, 12), ["叶县"] * 5 + ["舞钢市"] * 6))
