"""Reporting periods: a quarter (``2024Q3``), a half-year (``2024H1``) or a year (``2024``).

Units report quarters and years; a half-year is never sent or consolidated, it is made from its
two quarters for the public report (第五条: 每半年向社会公开): flows summed, stocks at its end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_QUARTER_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True, order=True)
class Period:
    year: int
    quarter: int | None = None  # None for a whole year or a half-year
    half: int | None = None  # 1 上半年 or 2 下半年 for a half-year

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse ``2024Q3``, ``2024H1`` or ``2024``; raise ValueError otherwise."""
        m = re.fullmatch(r"\s*(\d{4})\s*(?:[Qq]([1-4])|[Hh]([12]))?\s*", text)
        if not m:
            raise ValueError(f"period must look like 2024Q3, 2024H1 or 2024, got {text!r}")
        year, quarter, half = int(m.group(1)), m.group(2), m.group(3)
        return cls(year, int(quarter) if quarter else None, int(half) if half else None)

    @classmethod
    def reported(cls, text: str) -> Period:
        """A period units send workbooks for: a quarter or a year, never a half-year."""
        period = cls.parse(text)
        if period.is_half:
            raise ValueError(
                f"{period}是半年：各单位按季度和年度报送，半年数据由两个季度合成，"
                f"只用于 qstat report --period {period} --public"
            )
        return period

    @property
    def is_annual(self) -> bool:
        return self.quarter is None and self.half is None

    @property
    def is_half(self) -> bool:
        return self.half is not None

    @property
    def quarters(self) -> tuple[Period, ...]:
        """The quarters the period spans: itself, a half-year's two, a year's four."""
        if self.quarter is not None:
            return (self,)
        first, last = (2 * self.half - 1, 2 * self.half) if self.half else (1, 4)
        return tuple(Period(self.year, q) for q in range(first, last + 1))

    @property
    def statistics_form(self) -> str:
        """附表7 for a year, 附表5 for a quarter: the form with one row per unit."""
        return "F7" if self.is_annual else "F5"

    @property
    def submitted_forms(self) -> tuple[str, ...]:
        """The forms a unit sends: 附表1-6 each quarter; 附表6 and 附表7 once a year."""
        return ("F6", "F7") if self.is_annual else ("F1", "F2", "F3", "F4", "F5", "F6")

    @property
    def consolidated_forms(self) -> tuple[str, ...]:
        """The forms of a consolidated workbook: 附表1-6 for a quarter; 1-4, 6, 7 for a year."""
        return ("F1", "F2", "F3", "F4", "F6", "F7") if self.is_annual else self.submitted_forms

    @property
    def start(self) -> date:
        first = self.quarters[0].quarter or 1
        return date(self.year, 3 * first - 2, 1)

    @property
    def end(self) -> date:
        last = self.quarters[-1].quarter or 4
        if last == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * last + 1, 1) - timedelta(days=1)

    def previous(self) -> Period:
        """The period whose in-progress stock is this one's carried-over stock."""
        if self.half:
            return Period(self.year - 1, half=2) if self.half == 1 else Period(self.year, half=1)
        if self.quarter is None:
            return Period(self.year - 1)
        if self.quarter == 1:
            return Period(self.year - 1, 4)
        return Period(self.year, self.quarter - 1)

    def chinese(self) -> str:
        """How the forms write the period: 2024年第三季度 / 2024年上半年 / 2024年度."""
        if self.half:
            return f"{self.year}年{'上下'[self.half - 1]}半年"
        if self.quarter is None:
            return f"{self.year}年度"
        return f"{self.year}年第{'一二三四'[self.quarter - 1]}季度"

    def __str__(self) -> str:
        if self.half:
            return f"{self.year}H{self.half}"
        return f"{self.year}" if self.is_annual else f"{self.year}Q{self.quarter}"


# 2024年第三季度, 2024年三季度, 2024年度第二季度 (a quarter of the 年度 series), 2024年度, 2024年全年
_STATED = re.compile(
    r"(\d{4})\s*年\s*(?:度?\s*(?:第\s*([一二三四1-4])\s*季度?|([一二三四1-4])\s*季度)|(度|全年))"
)


def stated_period(text: str) -> Period | None:
    """The period a title states (``2024年第三季度``, ``2024年度``), if any."""
    m = _STATED.search(text)
    if not m:
        return None
    year = int(m.group(1))
    q = m.group(2) or m.group(3)
    return Period(year, _QUARTER_CN[q]) if q else Period(year)


def last_quarter_before(day: date) -> Period:
    """The last quarter that ended before ``day``: reports are sent after the quarter ends."""
    quarter = (day.month - 1) // 3  # quarters fully before day's quarter, this year
    return Period(day.year, quarter) if quarter else Period(day.year - 1, 4)
