"""The city office of the samples, its units, the two quarters and how figures are rounded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1]  # sample_workbooks/, where the samples go by default
SEED = 20241008
OFFICE = "平顶山市"
UNITS = [
    "叶县",
    "舞钢市",
    "湛河区",
    "新华区",
    "鲁山县",
    "宝丰县",
    "石龙区",
    "示范区",
    "汝州市",
    "郏县",
    "卫东区",
    "高新区",
]
# The [office] table of qstat.toml: who signs the outputs (the forms' footers keep STATIST/APPROVER).
OFFICE_IDENTITY = """
[office]  # who signs the outputs: 落款 of the report and letters, 统计员/批准人 on the forms
full_name = "平顶山市建设工程质量监督站"
statistician = "王晓峰"
approver = "李建国"
phone = "0375-2661234"
recipient = "河南省建设工程质量监督总站"  # 主送机关 of the analysis report
"""
ALIASES = {"平顶山市新华区": "新华区", "平顶山市城乡一体化示范区": "示范区"}
CODES = {
    "叶县": "YX",
    "舞钢市": "WG",
    "湛河区": "ZH",
    "新华区": "XH",
    "鲁山县": "LS",
    "宝丰县": "BF",
    "石龙区": "SL",
    "示范区": "SF",
    "汝州市": "RZ",
    "郏县": "JX",
    "卫东区": "WD",
    "高新区": "GX",
}
# 县 and 县级市: every project is a 县（区）工程. City districts: only the projects in their
# townships (乡/镇) are, see README "Assumptions".
COUNTIES = {"叶县", "舞钢市", "鲁山县", "宝丰县", "汝州市", "郏县"}
TOWNS = {
    "湛河区": ["曹镇乡", "北渡镇"],
    "新华区": ["焦店镇", "滍阳镇"],
    "石龙区": ["龙河乡", "人民路街道"],
    "示范区": ["应滩乡", "叶刘营镇"],
    "卫东区": ["蒲城店镇", "东高皇乡"],
    "高新区": ["遵化店镇", "皇台乡"],
}
# rough size of each unit's stock in construction at the end of 2024Q1
STOCK = {
    "叶县": 34,
    "舞钢市": 26,
    "湛河区": 40,
    "新华区": 44,
    "鲁山县": 30,
    "宝丰县": 28,
    "石龙区": 21,
    "示范区": 36,
    "汝州市": 50,
    "郏县": 27,
    "卫东区": 38,
    "高新区": 32,
}
STATIST, APPROVER = "张三", "李四"
FORMS = ("F1", "F2", "F3", "F4", "F5", "F6")
F6_CATS = ("residential", "affordable_housing", "public", "large_public", "steel", "county")
MEASURES = ("count", "area", "cost")


# --------------------------------------------------------------------------- periods


@dataclass(frozen=True)
class Quarter:
    year: int
    n: int

    @property
    def key(self) -> str:
        return f"{self.year}Q{self.n}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.n - 2, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 3 * self.n + 1, 1) - dt.timedelta(days=1)

    @property
    def cn(self) -> str:
        return "一二三四"[self.n - 1]

    @property
    def label(self) -> str:
        return f"{self.year}年第{self.cn}季度"


Q2, Q3 = Quarter(2024, 2), Quarter(2024, 3)


def cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


# --------------------------------------------------------------------------- numbers


def wan(area_c: int) -> int:
    """Hundredths of ㎡ -> hundredths of 万㎡ (what F5/F6 print), rounded half up."""
    return (area_c + 5000) // 10000


def rate(num: int, den: int) -> Decimal | None:
    """A percentage to 0.1, None when the denominator is 0 (printed as an empty cell)."""
    if den == 0:
        return None
    return (Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def c2f(hundredths: int) -> float:
    """Integer hundredths -> float with at most two decimals (12345 -> 123.45)."""
    return float(Decimal(hundredths) / 100)


def fullwidth(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "0" <= ch <= "9" else ch for ch in text)
