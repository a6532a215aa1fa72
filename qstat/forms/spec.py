"""How a form is declared: its title, its columns, their header texts and value kinds.

A form is declared once, as in the seed (附表1-7). The reader matches submitted headers against
``pattern``; the writer prints ``group`` and ``label`` as the official two-row header. Later
work (blank workbooks sent down, marked-up returned copies) reuses the same declaration.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import cached_property

# Value kinds and how the reader converts them (see cells.py).
TEXT, COUNT, NUMBER, AREA, PERCENT, DATE = "text", "count", "number", "area", "percent", "date"
PROSE = "prose"  # free text (不良行为事实, 处罚依据): printed wrapped, rows sized to fit


class FormKind(Enum):
    """How a form's rows are read and summed."""

    LIST = "list"  # 附表1-4: one row per record (project, penalty …), concatenated upward
    STATISTICS = "statistics"  # 附表5/7: one row per unit and a 合计, summed upward
    CATEGORIES = "categories"  # 附表6: one row per category, summed upward


@dataclass(frozen=True)
class Column:
    key: str  # field of the record; dotted for nested ones ("carried_over.count")
    label: str  # header text as printed on the official form (sub row for grouped columns)
    pattern: str  # regex searched in the normalised header text "group|label"
    kind: str = TEXT
    group: str = ""  # the merged group header above the label, if any
    width: float = 10
    required: bool = True  # ST001 when missing from a submitted header
    printed: bool = True  # part of the seed's layout; False: accepted when a clerk adds it


@dataclass(frozen=True)
class FormSpec:
    code: str  # F1..F7
    number: int  # 附表N
    title: str  # official title (河南省建设工程质量监督季度统计表)
    title_pattern: str  # regex searched in normalised title cells
    columns: tuple[Column, ...]
    kind: FormKind = FormKind.LIST
    area_unit: str = "m2"  # how AREA columns are stored: "m2" (F3/F4) or "wan_m2" (F5-F7)
    must_fill: tuple[str, ...] = ()  # detail fields every record must fill (F1-001, F3-004 …)
    notes: str = ""  # 填表说明 printed under the table
    footer: str = "统计员：              批准人：              报送日期："
    seal: str = "盖章"  # 填表单位（盖章）, as the seed prints it: 附表1-4 say 公章
    signature_above: bool = False  # 附表1: the 填表人/批准人/填表日期 line is on the 填表单位 line
    # What the pipeline asks of one form, declared here so that no module tests a form's code:
    annual: bool = False  # 附表7: a year's statistics (附表5 and 附表7 match alike; the header decides)
    stock: bool = False  # 附表3: the projects at the period's end (next period starts with them)
    conduct: str = ""  # 附表1/2: the conduct records' name (the history's table, the report's column)
    blank_rows: int = 0  # a list's rows in the blank template (more can be inserted)

    @property
    def sheet_name(self) -> str:
        return f"附表{self.number}"

    @property
    def two_row_header(self) -> bool:
        return any(c.group for c in self.columns)

    @property
    def is_list(self) -> bool:
        """附表1-4: one row per record; clerks merge cells down a group, a heading names a county."""
        return self.kind is FormKind.LIST

    @property
    def unit_rows(self) -> bool:
        """附表5/7: one row per unit then a 合计 row."""
        return self.kind is FormKind.STATISTICS

    @property
    def category_rows(self) -> bool:
        """附表6: one row per category (其中 rows are categories); figures kept as category.field."""
        return self.kind is FormKind.CATEGORIES

    @cached_property
    def printed_columns(self) -> tuple[Column, ...]:
        """The columns of the official layout, as the seed draws them."""
        return tuple(c for c in self.columns if c.printed)

    @cached_property
    def figure_columns(self) -> tuple[Column, ...]:
        """The figures of a statistics or category form (every column but names and 序号)."""
        return tuple(c for c in self.columns if c.kind != TEXT)

    @cached_property
    def by_key(self) -> dict[str, Column]:
        return {c.key: c for c in self.columns}

    def column(self, key: str) -> Column:
        return self.by_key[key]


@dataclass
class Origin:
    """Where a detail row (附表1-4) comes from, kept through every level of consolidation.

    A county's own rows say neither; a city's 汇总表 says both, so that a province reading it
    still knows each project's county.
    """

    source_unit: str | None = None  # 填报单位: the unit that sent the row
    county: str | None = None  # 县（区）: the county the row belongs to


# The origin columns of a consolidated 附表1-4 (not in the seed's layout: read when present).
SOURCE_UNIT = Column("source_unit", "填报单位", r"^填报单位\|", TEXT, "", 12, required=False, printed=False)
COUNTY = Column(
    "county",
    "县（区）",
    r"^(所属)?县(\(区\)|\(市、区\)|\(市区\)|区|\(市\))?\|",
    TEXT,
    "",
    10,
    required=False,
    printed=False,
)


def value_of(record: object, key: str) -> object:
    """A record's field by its (possibly dotted) column key ("carried_over.count")."""
    for part in key.split("."):
        record = getattr(record, part)
    return record


def figure_of(record: object, key: str) -> float | None:
    """A statistics record's figure: a number, or None for a rate (备案率, 满意率) left empty."""
    value = value_of(record, key)
    if value is not None and not isinstance(value, (int, float)):
        raise TypeError(f"{key} is not a figure column")
    return value


def amount_of(record: object, key: str) -> float:
    """A volume's or the accidents' figure (项数, 面积, 造价, 死亡人数, 经济损失): never empty."""
    value = figure_of(record, key)
    if value is None:
        raise TypeError(f"{key} is a rate, not an amount")
    return value


def normalise(text: object) -> str:
    """Header/title text for matching: full-width folded, every space and line break removed."""
    if isinstance(text, str) and text.isascii():  # nothing to fold: most values of a list
        return "".join(text.split())
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


def volume_columns(prefix: str, group: str, pattern: str, cost: bool = True) -> tuple[Column, ...]:
    """The 项数 / 面积（万㎡）/ 造价（万元） triple under one group header.

    ``cost=False``: the seed draws no 造价 in this group (附表7 本年度备案工程); a clerk who adds
    one is still read.
    """
    return (
        Column(f"{prefix}.count", "项数", pattern + r".*\|.*项数", COUNT, group, 6),
        Column(f"{prefix}.area", "面积\n（万㎡）", pattern + r".*\|.*面积", AREA, group, 8),
        Column(
            f"{prefix}.cost",
            "造价\n（万元）",
            pattern + r".*\|.*造价",
            NUMBER,
            group,
            10.5,
            required=cost,
            printed=cost,
        ),
    )


STATISTICS_NOTES = (
    "填表说明：1、在建工程：已办理监督注册手续，尚未完工或已完工，但未进行竣工验收的工程；"
    "2、竣工工程：已办理监督注册手续，已通过竣工验收的工程；3、质量备案率：已办理质量备案手续的"
    "工程/竣工工程；4、用户满意率：用户评价为满意的工程（项数）/已办理质量备案手续的工程；"
    "5、接转工程：上一季（年）度在建工程。"
)
