"""How a form is declared: its title, its columns, their header texts and value kinds.

A form is declared once, as in the seed (附表1-7). The reader matches submitted headers against
``pattern``; the writer prints ``group`` and ``label`` as the official two-row header. Later
work (blank workbooks sent down, marked-up returned copies) reuses the same declaration.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

# Value kinds and how the reader converts them (see cells.py).
TEXT, COUNT, NUMBER, AREA, PERCENT, DATE = "text", "count", "number", "area", "percent", "date"
PROSE = "prose"  # free text (不良行为事实, 处罚依据): printed wrapped, rows sized to fit


@dataclass(frozen=True)
class Column:
    key: str  # field of the record; dotted for nested ones ("carried_over.count")
    label: str  # header text as printed on the official form (sub row for grouped columns)
    pattern: str  # regex searched in the normalised header text "group|label"
    kind: str = TEXT
    group: str = ""  # the merged group header above the label, if any
    width: float = 10
    required: bool = True  # ST001 when missing from a submitted header


@dataclass(frozen=True)
class FormSpec:
    code: str  # F1..F7
    number: int  # 附表N
    title: str  # official title (河南省建设工程质量监督季度统计表)
    title_pattern: str  # regex searched in normalised title cells
    columns: tuple[Column, ...]
    area_unit: str = "m2"  # how AREA columns are stored: "m2" (F3/F4) or "wan_m2" (F5-F7)
    unit_rows: bool = False  # F5/F7: one row per unit then a 合计 row
    must_fill: tuple[str, ...] = ()  # detail fields every record must fill (F1-001, F3-004 …)
    notes: str = ""  # 填表说明 printed under the table
    footer: str = "统计员：              批准人：              报送日期："
    seal: str = "盖章"  # 填表单位（盖章）, as the seed prints it: 附表1-4 say 公章
    signature_above: bool = False  # 附表1: the 填表人/批准人/填表日期 line is on the 填表单位 line

    @property
    def sheet_name(self) -> str:
        return f"附表{self.number}"

    @property
    def two_row_header(self) -> bool:
        return any(c.group for c in self.columns)

    @cached_property
    def by_key(self) -> dict[str, Column]:
        return {c.key: c for c in self.columns}

    def column(self, key: str) -> Column:
        return self.by_key[key]


def value_of(record: object, key: str) -> object:
    """A record's field by its (possibly dotted) column key ("carried_over.count")."""
    for part in key.split("."):
        record = getattr(record, part)
    return record


def normalise(text: object) -> str:
    """Header/title text for matching: full-width folded, every space and line break removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


def volume_columns(prefix: str, group: str, pattern: str) -> tuple[Column, ...]:
    """The 项数 / 面积（万㎡）/ 造价（万元） triple under one group header."""
    return (
        Column(f"{prefix}.count", "项数", pattern + r".*\|.*项数", COUNT, group, 6),
        Column(f"{prefix}.area", "面积\n（万㎡）", pattern + r".*\|.*面积", AREA, group, 8),
        Column(f"{prefix}.cost", "造价\n（万元）", pattern + r".*\|.*造价", NUMBER, group, 10.5),
    )


STATISTICS_NOTES = (
    "填表说明：1、在建工程：已办理监督注册手续，尚未完工或已完工，但未进行竣工验收的工程；"
    "2、竣工工程：已办理监督注册手续，已通过竣工验收的工程；3、质量备案率：已办理质量备案手续的"
    "工程/竣工工程；4、用户满意率：用户评价为满意的工程（项数）/已办理质量备案手续的工程；"
    "5、接转工程：上一季（年）度在建工程。"
)
