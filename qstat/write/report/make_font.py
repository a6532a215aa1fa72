"""Regenerate the CJK font the charts use: a subset of Noto Sans CJK SC (SIL OFL 1.1).

CI machines have no Chinese fonts, so the charts would draw boxes; the package ships this
subset (GB2312 levels 1 and 2, ASCII, CJK and full-width punctuation, and the characters of
every Henan unit name, UNIT_NAMES) and draws every chart with it (charts.py).

    python -m qstat.write.report.make_font /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

OUT = Path(__file__).parent / "fonts" / "NotoSansSC-qstat-subset.otf"
UNIT_NAMES = (
    "叶县舞钢市湛河区新华区鲁山县宝丰县石龙区示范区汝州市郏县卫东区高新区"
    "郑州开封洛阳平顶山安阳鹤壁新乡焦作濮阳许昌漯河三门峡南阳商丘信阳周口驻马店济源"
    "巩义兰考滑县长垣邓州永城固始鹿邑新蔡省直管县"
)
SYMBOLS = "㎡％‰·—…“”‘’、。，；：？！（）【】《》〔〕「」～±×÷≤≥①②③④⑤⑥⑦⑧⑨⑩"


def gb2312() -> str:
    """Every Hanzi of GB2312 (levels 1 and 2: rows 0xB0-0xF7)."""
    chars = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return "".join(chars)


def main(source: str) -> None:
    path = Path(source)
    if path.suffix.lower() == ".ttc":  # pick the Simplified Chinese face of the collection
        faces = TTCollection(path).fonts
        font = next(f for f in faces if f["name"].getDebugName(4) == "Noto Sans CJK SC")
    else:
        font = TTFont(path)
    text = gb2312() + UNIT_NAMES + SYMBOLS + "".join(map(chr, range(0x20, 0x7F)))
    text += "".join(map(chr, range(0xFF01, 0xFF5F)))  # full-width forms
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    OUT.parent.mkdir(exist_ok=True)
    font.save(OUT)
    print(f"{OUT}: {OUT.stat().st_size / 1e6:.1f} MB, {len(set(text))} characters")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
