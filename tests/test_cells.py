from datetime import date

import pytest

from qstat.cells import to_count, to_date, to_number, to_percent, to_text


@pytest.mark.parametrize(
    "raw, value, rule",
    [
        (12, 12.0, None),
        ("12", 12.0, None),
        (" 12 ", 12.0, None),
        ("１２", 12.0, "ST006"),
        ("1,234.5", 1234.5, "ST006"),
        ("—", 0.0, "ST006"),
        ("/", 0.0, "ST006"),
        ("无", 0.0, "ST006"),
        ("", None, None),
        ("约3", None, "ST002"),
        ("待定", None, "ST002"),
        (-2, -2.0, "ST003"),
    ],
)
def test_numbers_typed_by_clerks_are_read_or_flagged(raw, value, rule):
    cell = to_number(raw)
    assert (cell.value, cell.rule) == (value, rule)


@pytest.mark.parametrize(
    "raw, value, note",
    [
        ("１２", 12.0, "全角字符已转换"),
        ("1,234.5", 1234.5, "千分位分隔符已去除"),
        # ㎡ folds to m2 as the cell is read: a unit, not a full-width character; named as typed
        ("5,921.4㎡", 5921.4, "千分位分隔符已去除，去除单位“㎡”"),
        ("12,345 m²", 12345.0, "千分位分隔符已去除，去除单位“m²”"),
        ("１２,３４５㎡", 12345.0, "全角字符已转换，千分位分隔符已去除，去除单位“㎡”"),
        ("94,605.04万元", 94605.04, "千分位分隔符已去除，去除单位“万元”"),
        ("１２ｍ２", 12.0, "全角字符已转换，去除单位“ｍ２”"),
        ("12 项", 12.0, "去除单位“项”"),
    ],
)
def test_the_note_says_what_was_normalised(raw, value, note):
    cell = to_number(raw)
    assert (cell.value, cell.rule, cell.note) == (value, "ST006", note)


def test_a_count_with_a_fraction_is_flagged():
    assert to_count(2.5).rule == "ST004"
    assert to_count("3").value == 3 and to_count("3").rule is None


@pytest.mark.parametrize(
    "raw, value, rule",
    [
        ("95%", 95.0, None),
        (95, 95.0, None),
        (0.95, 95.0, None),
        ("0.95", 95.0, "ST006"),
        ("９５％", 95.0, None),
        ("", None, None),
        ("/", None, None),  # no rate (nothing completed): empty, not 0% and nothing to note
        (" — ", None, None),
    ],
)
def test_percent_written_three_ways_means_the_same(raw, value, rule):
    cell = to_percent(raw)
    assert cell.value == pytest.approx(value) if value else cell.value is None
    assert cell.rule == rule


@pytest.mark.parametrize(
    "raw",
    [
        date(2024, 7, 15),
        "2024.7.15",
        "2024-07-15",
        "2024/7/15",
        "2024年7月15日",
        "２０２４年７月１５日",
        "20240715",
    ],
)
def test_dates_in_every_clerk_spelling(raw):
    assert to_date(raw).value == date(2024, 7, 15)


@pytest.mark.parametrize("raw", ["2024.9.31", "九月", "2024.13.1", "7月15日"])
def test_impossible_or_unreadable_dates_are_st005(raw):
    cell = to_date(raw)
    assert cell.value is None and cell.rule == "ST005"


def test_an_excel_serial_in_a_date_column_is_a_date():
    assert to_date(45488.0).value == date(2024, 7, 15)


def test_identifiers_lose_the_float_tail_xls_gives_them():
    assert to_text(2024001.0).value == "2024001"
    assert to_text("=HYPERLINK()").value == "=HYPERLINK()"


@pytest.mark.parametrize(
    "raw",
    [
        "NaN",
        "nan",
        "inf",
        "-Infinity",
        "1e400",
        "１e400",
        "1e400%",
        float("nan"),
        float("inf"),
        float("-inf"),
        10**400,
    ],
)
def test_values_that_cannot_be_figures_are_not_numbers(raw):
    """Text or reader floats that are not finite are ST002 and carry no value to sum."""
    for convert in (to_number, to_count, to_percent):
        cell = convert(raw)
        assert (cell.value, cell.rule) == (None, "ST002"), convert
