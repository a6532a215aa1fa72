from datetime import date

import pytest

from qstat.periods import Period, stated_period


def test_quarters_and_years_parse_and_span_their_dates():
    q3 = Period.parse("2024Q3")
    assert (q3.start, q3.end, q3.chinese()) == (date(2024, 7, 1), date(2024, 9, 30), "2024年第三季度")
    year = Period.parse("2024")
    assert (year.start, year.end, year.is_annual) == (date(2024, 1, 1), date(2024, 12, 31), True)
    with pytest.raises(ValueError):
        Period.parse("2024Q5")


def test_the_previous_period_of_a_first_quarter_is_last_years_fourth():
    assert Period.parse("2024Q1").previous() == Period(2023, 4)
    assert Period.parse("2024Q3").previous() == Period(2024, 2)
    assert Period.parse("2024").previous() == Period(2023)


@pytest.mark.parametrize(
    "text, period",
    [
        ("2024年第三季度", Period(2024, 3)),
        ("（2024年三季度）", Period(2024, 3)),
        ("2024年第3季度", Period(2024, 3)),
        ("2024年度", Period(2024)),
        ("2025年度第二季度河南省建设工程质量监督季度统计表", Period(2025, 2)),
        ("2025年度 二季度", Period(2025, 2)),
        ("2024年全年", Period(2024)),
        ("填表说明", None),
    ],
)
def test_periods_stated_in_titles(text, period):
    assert stated_period(text) == period
