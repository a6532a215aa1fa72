"""What a label says about a place: a county's name behind its office, a heading, a 小计.

City clerks name a list's county in many ways besides a 县（区） column: a 填报单位 cell holding
the county's office (睢阳区质监站), a heading row above its records (一、川汇区, 中牟县), a 小计 row
closing them (红旗区小计). Group labels (市区, 县（市）) name several counties, never one.
Labels are normalised text (``forms.spec.normalise``: full-width folded, spaces removed).
"""

from __future__ import annotations

import re

# What follows the place name in an office's name: the office, not the place.
OFFICE = re.compile(
    r"(人民政府)?(住房和城乡建设局|住房城乡建设局|住建局|城乡建设局|建设局|"
    r"(建设工程)?质量(安全)?监督(总站|站|中心)|质监站|质安站)(（.*?）|\(.*?\))?$"
)
# A statistics row or a heading labelled with a group of counties stands for the group.
GROUP = re.compile(r"^(市区|市辖区|县\(市\)|县\(市、区\)|县\(区\)|县区|县市|各县\(市\))[:]?$")
# A heading's numbering: 一、 二、 (一) 1. 1、 (compiled when first used, by re.sub: most
# workbooks have no heading row, and the two classes of Chinese numerals take 0.8 ms to compile)
_ORDINAL = r"^(\(?[一二三四五六七八九十\d]+\)|[一二三四五六七八九十\d]+[、.:])"
# A county, a district, a county-level city or a city's own office (市本级, 市直).
_PLACE_ENDS = ("县", "区", "市", "旗", "本级", "市直")
_SUBTOTAL = re.compile(r"^(.+?)小计:?$")


def place_name(text: str) -> str:
    """The place an office's name names: 睢阳区质监站, 宁陵县质量监督站 → the county (睢阳区,
    宁陵县); 叶县住房和城乡建设局 → 叶县. A name without an office suffix is returned as is."""
    text = re.sub(r"\s+", "", text)
    return OFFICE.sub("", text) or text


def heading(label: str) -> str | None:
    """The place or group a heading row names (一、川汇区 → 川汇区, 二、县（市） → 县(市)), or
    None when the label is no place: a lone text cell naming no place is not a heading."""
    name = re.sub(_ORDINAL, "", label)
    return name if _is_place(name) or GROUP.match(name) else None


def _is_place(name: str) -> bool:
    """1-14 Chinese characters (U+4E00-U+9FFF) and a place's ending: plain code, as a regex's
    class of those 21,000 characters takes 1.6 ms to compile."""
    if not all("\u4e00" <= ch <= "\u9fff" for ch in name):
        return False
    return any(name.endswith(end) and 1 <= len(name) - len(end) <= 14 for end in _PLACE_ENDS)


def county_of_heading(label: str) -> str | None:
    """The county a heading names; None for a group heading (市区, 县（市）) or no place."""
    name = heading(label)
    return None if name is None or GROUP.match(name) else name


def county_of_subtotal(label: str) -> str | None:
    """The county a 小计 row names (红旗区小计 → 红旗区); None for 小计, 市区小计, 县（市）小计."""
    m = _SUBTOTAL.match(label)
    return county_of_heading(m.group(1)) if m else None
