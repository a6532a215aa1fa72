"""Cell values as clerks type them, turned into numbers, percentages, dates and text.

Each converter returns a ``Cell``: the value (None when empty or unreadable) and, when the
value needed care, the rule code and a Chinese note for the finding. The converters never
raise: bad input is a finding, not a traceback.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Generic, TypeVar

# What clerks write for "nothing / zero" in a numeric cell (after NFKC normalisation).
ZERO_WORDS = {"-", "--", "—", "——", "–", "/", "\\", "无", "空", "零", "—-", "-—"}
# Unit suffixes a clerk may type after a number; NFKC turns ㎡ into m2.
_SUFFIXES = ("万m2", "m2", "平方米", "平米", "万元", "元", "项", "个", "人", "%")
_THOUSANDS = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?")
_DATE = re.compile(r"(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*[.\-/月]\s*(\d{1,2})\s*日?(\s+\d{1,2}:\d{2}(:\d{2})?)?")
_EXCEL_EPOCH = date(1899, 12, 30)


T = TypeVar("T", str, float, date)


@dataclass
class Cell(Generic[T]):
    value: T | None = None
    rule: str | None = None  # ST00x when the value is unreadable or needed normalising
    note: str = ""  # Chinese, completes the finding message


def clean_text(raw: object) -> str:
    """Text with full-width forms folded and every kind of space removed at the ends."""
    return unicodedata.normalize("NFKC", str(raw)).strip().replace("\u200b", "")


def to_text(raw: object) -> Cell[str]:
    """A text field (names, numbers used as identifiers): never anything to note."""
    return Cell(text_of(raw))


def text_of(raw: object) -> str | None:
    """A text field's value: the text without its spaces at the ends (None when empty);
    integral floats lose their .0, dates are written ISO."""
    if isinstance(raw, str):
        return raw.strip() or None
    if raw is None:
        return None
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, (date, datetime)):
        return _as_date(raw).isoformat()
    return str(raw).strip() or None


def to_number(raw: object) -> Cell[float]:
    """A non-negative quantity: area, cost, loss."""
    cell = _number(raw)
    if cell.value is not None and cell.value < 0:
        return Cell(cell.value, "ST003", "数值不能为负")
    return cell


def to_count(raw: object) -> Cell[float]:
    """A count (项数, 死亡人数): a non-negative whole number."""
    cell = to_number(raw)
    if cell.rule != "ST003" and cell.value is not None and not float(cell.value).is_integer():
        return Cell(cell.value, "ST004", "项数应为整数")
    return cell


def to_percent(raw: object) -> Cell[float]:
    """A rate in percent. 95%, 95 and 0.95 all mean 95; a fraction typed as text is noted.

    "/", "—" or "无" in a rate is no rate (a zero denominator), not 0%: empty, and nothing to note.
    """
    if isinstance(raw, str) and clean_text(raw).replace(" ", "") in ZERO_WORDS:
        return Cell(None)
    if isinstance(raw, str) and "%" in clean_text(raw):
        cell = to_number(clean_text(raw).replace("%", ""))
        return cell
    cell = to_number(raw)
    if cell.rule in ("ST002", "ST003") or cell.value is None:
        return cell
    value = cell.value
    if 0 < value <= 1:
        # Excel's percent format stores 0.95 for 95%: silent for numbers, noted for text.
        value = round(value * 100, 6)
        if isinstance(raw, str):
            return Cell(value, "ST006", f"按百分数读为{value:g}%")
    return Cell(value, cell.rule, cell.note)


def to_date(raw: object) -> Cell[date]:
    """A date: an Excel date, a serial number, or 2024.7.15 / 2024-07-15 / 2024年7月15日."""
    if raw is None or raw == "":
        return Cell(None)
    if isinstance(raw, (date, datetime)):
        return Cell(_as_date(raw))
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if 20000101 <= raw <= 21001231 and float(raw).is_integer():
            return _ymd(str(int(raw)), "ST006", "按年月日读取")
        if 20000 <= raw <= 80000:
            return Cell(_EXCEL_EPOCH + timedelta(days=int(raw)), "ST006", "按Excel日期序号读取")
        return Cell(None, "ST005", "不是有效日期")
    text = clean_text(raw).replace(" ", "")
    if not text or text in ZERO_WORDS:
        return Cell(None)
    if re.fullmatch(r"\d{8}", text):
        return _ymd(text, None, "")
    m = _DATE.fullmatch(text)
    if not m:
        return Cell(None, "ST005", "不是有效日期")
    return _ymd(f"{m.group(1)}{int(m.group(2)):02d}{int(m.group(3)):02d}", None, "")


def _ymd(digits: str, rule: str | None, note: str) -> Cell[date]:
    try:
        return Cell(date(int(digits[:4]), int(digits[4:6]), int(digits[6:8])), rule, note)
    except ValueError:
        return Cell(None, "ST005", "日期不存在")


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _number(raw: object) -> Cell[float]:
    if raw is None or raw == "":
        return Cell(None)
    if isinstance(raw, bool) or isinstance(raw, (date, datetime)):
        return Cell(None, "ST002", "应为数值")
    if isinstance(raw, (int, float)):
        try:
            value = float(raw)
        except OverflowError:  # an integer beyond any float
            value = math.inf
        return _finite(value, None, "")
    original = str(raw).strip()
    text = clean_text(raw).replace(" ", "")
    if not text:
        return Cell(None)
    if text in ZERO_WORDS:
        return Cell(0.0, "ST006", f"“{original}”按0计")
    unit = next((s for s in _SUFFIXES if text.endswith(s) and len(text) > len(s)), None)
    typed_unit = _as_typed(original, unit) if unit else ""
    figure = original[: len(original) - len(typed_unit)]  # ㎡ folds to m2: no full-width digit
    notes = []
    if clean_text(figure).replace(" ", "") != figure.replace(" ", "").replace("\u3000", ""):
        notes.append("全角字符已转换")
    if unit:  # the unit first: "94,605.04万元" has both a unit and separators
        text = text[: -len(unit)]
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
        notes.append("千分位分隔符已去除")
    if unit:
        notes.append(f"去除单位“{typed_unit}”")
    try:
        value = float(text)
    except ValueError:
        return Cell(None, "ST002", "应为数值")
    return _finite(value, "ST006" if notes else None, "，".join(notes))


def _as_typed(original: str, unit: str) -> str:
    """The unit as the clerk typed it (㎡, ｍ２, 万 元): the shortest end of ``original`` that
    reads as ``unit`` once folded."""
    ends = (original[-n:] for n in range(1, len(original) + 1))
    return next((end for end in ends if clean_text(end).replace(" ", "") == unit), unit)


def _finite(value: float, rule: str | None, note: str) -> Cell[float]:
    """NaN, infinity and numbers beyond a float (1e400) are not figures: ST002, never summed."""
    if math.isfinite(value):
        return Cell(value, rule, note)
    return Cell(None, "ST002", "不是有效数值（非数、无穷大或超出数值范围）")
